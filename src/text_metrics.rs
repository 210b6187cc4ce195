//! Text-similarity metrics for telephone chains, with the conventions of the standard libraries
//! (checked against vectors they computed: `tests/data/text_metric_vectors.json`, written by
//! `scripts/text_metric_vectors.py`):
//!
//! - **BLEU** = `sacrebleu.sentence_bleu(hyp, [ref]).score / 100`: the 13a tokeniser, n-grams up
//!   to 4, "exp" smoothing, effective order, brevity penalty against the reference.
//! - **chrF** = `sacrebleu.sentence_chrf(hyp, [ref]).score / 100`: character n-grams up to 6 with
//!   whitespace removed, β = 2, precision and recall averaged over the orders present.
//! - **ROUGE-1, ROUGE-L** = `rouge_score.RougeScorer([...], use_stemmer=False)` F-measure:
//!   lowercase, every run of characters other than `a-z0-9` is a separator, no stemming.
//! - **length ratio** = words of the hypothesis / words of the reference (split on whitespace).
//! - **edit distance** = Levenshtein distance between the whitespace-separated words.
//!
//! A text is profiled once ([`Profile`]): its n-gram counts are sorted vectors of 64-bit keys
//! (token ids or characters packed exactly where they fit, a 64-bit fingerprint of the packing
//! for longer n-grams), so a comparison is a merge of two vectors; ROUGE-L and the edit distance
//! use bit-parallel algorithms (64 tokens per machine word).

use std::collections::HashMap;

/// Token strings to small ids, shared by the texts of one analysis.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.ids.len() as u32 + 1;
        self.ids.insert(token.to_string(), id);
        id
    }
}

/// Sorted (key, count) pairs: a multiset of n-grams of one order.
type Counts = Vec<(u64, u32)>;

/// The 64-bit sort key of an n-gram packed into `bits` bits: the packing itself when it fits
/// (exact), otherwise a 64-bit fingerprint of it (two different n-grams of one comparison share
/// a fingerprint with probability below 10⁻¹¹).
fn key(packed: u128, bits: u32) -> u64 {
    if bits <= 64 {
        return packed as u64;
    }
    let (lo, hi) = (packed as u64, (packed >> 64) as u64);
    let mut h = lo ^ hi.rotate_left(29).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

fn counts(mut keys: Vec<u64>) -> Counts {
    keys.sort_unstable();
    // Exactly as many pairs as distinct keys: a text's profile is kept while a chain is scored.
    let distinct = keys.chunk_by(|a, b| a == b).count();
    let mut out: Counts = Vec::with_capacity(distinct);
    for k in keys {
        match out.last_mut() {
            Some((last, c)) if *last == k => *c += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

fn total(c: &Counts) -> u64 {
    c.iter().map(|&(_, n)| n as u64).sum()
}

/// Σ min(count in a, count in b) over the keys of both.
fn overlap(a: &Counts, b: &Counts) -> u64 {
    let (mut i, mut j, mut m) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                m += a[i].1.min(b[j].1) as u64;
                i += 1;
                j += 1;
            }
        }
    }
    m
}

/// Python's `str.isspace` (what `str.split()` splits on): Unicode whitespace plus the
/// information separators U+001C–U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(py_space).filter(|t| !t.is_empty())
}

/// sacrebleu's 13a tokenisation (mteval-v13a), applied to `text.rstrip()`.
pub fn tokenize_13a(text: &str) -> String {
    let mut line = text
        .trim_end_matches(py_space)
        .replace("<skipped>", "")
        .replace("-\n", "")
        .replace('\n', " ");
    if line.contains('&') {
        line = line
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
    }
    // Rule 1: ASCII punctuation except ' , - . is set apart.
    let is_punct =
        |c: char| matches!(c, '{'..='~' | '['..='`' | ' '..='&' | '('..='+' | ':'..='@' | '/');
    let mut s: Vec<char> = Vec::with_capacity(line.len() + 16);
    s.push(' ');
    for c in line.chars() {
        if is_punct(c) {
            s.extend([' ', c, ' ']);
        } else {
            s.push(c);
        }
    }
    s.push(' ');
    let digit = |c: char| c.is_ascii_digit();
    let period = |c: char| c == '.' || c == ',';
    // Rules 2–4 as `re.sub` applies them: leftmost matches, not overlapping.
    let pass = |s: &[char], rule: &dyn Fn(char, char) -> Option<[char; 4]>| -> Vec<char> {
        let mut out = Vec::with_capacity(s.len() + 16);
        let mut i = 0;
        while i < s.len() {
            if let Some(next) = s.get(i + 1) {
                if let Some(rep) = rule(s[i], *next) {
                    out.extend(rep.into_iter().filter(|&c| c != '\0'));
                    i += 2;
                    continue;
                }
            }
            out.push(s[i]);
            i += 1;
        }
        out
    };
    // ([^0-9])([\.,]) → "\1 \2 "
    let s = pass(&s, &|a, b| {
        (!digit(a) && period(b)).then_some([a, ' ', b, ' '])
    });
    // ([\.,])([^0-9]) → " \1 \2"
    let s = pass(&s, &|a, b| {
        (period(a) && !digit(b)).then_some([' ', a, ' ', b])
    });
    // ([0-9])(-) → "\1 \2 "
    let s = pass(&s, &|a, b| {
        (digit(a) && b == '-').then_some([a, ' ', b, ' '])
    });
    let joined: String = s.into_iter().collect();
    py_split(&joined).collect::<Vec<_>>().join(" ")
}

/// rouge-score's default tokenisation: lowercase, split on anything but `a-z0-9`.
pub fn tokenize_rouge(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Everything the metrics need to know about one text.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    bleu: [Counts; 4],
    bleu_len: usize,
    chrf: [Counts; 6],
    rouge_tokens: Vec<u32>,
    rouge_masks: Masks,
    rouge_unigrams: Counts,
    words: Vec<u32>,
    word_masks: Masks,
}

impl Profile {
    /// Profiles `text`, interning its tokens.
    pub fn new(text: &str, interner: &mut Interner) -> Profile {
        let bleu_tokens: Vec<u32> = {
            let t = tokenize_13a(text);
            py_split(&t).map(|w| interner.id(w)).collect()
        };
        let bleu = std::array::from_fn(|k| {
            let n = k + 1;
            counts(
                bleu_tokens
                    .windows(n)
                    .map(|w| {
                        let packed = w.iter().fold(0u128, |acc, &id| (acc << 32) | id as u128);
                        key(packed, 32 * n as u32)
                    })
                    .collect(),
            )
        });
        let chars: Vec<char> = text.chars().filter(|&c| !py_space(c)).collect();
        let chrf = std::array::from_fn(|k| {
            let n = k + 1;
            counts(
                chars
                    .windows(n)
                    .map(|w| {
                        let packed = w.iter().fold(0u128, |acc, &c| (acc << 21) | c as u128);
                        key(packed, 21 * n as u32)
                    })
                    .collect(),
            )
        });
        let rouge_tokens: Vec<u32> = tokenize_rouge(text)
            .iter()
            .map(|t| interner.id(t))
            .collect();
        let rouge_unigrams = counts(rouge_tokens.iter().map(|&t| t as u64).collect());
        let words: Vec<u32> = py_split(text).map(|w| interner.id(w)).collect();
        Profile {
            bleu,
            bleu_len: bleu_tokens.len(),
            chrf,
            rouge_masks: Masks::new(aligned(&rouge_tokens)),
            rouge_tokens,
            rouge_unigrams,
            word_masks: Masks::new(aligned(&words)),
            words,
        }
    }

    /// Number of whitespace-separated words.
    pub fn words(&self) -> usize {
        self.words.len()
    }

    /// Whether ROUGE-L and the edit distance see only the first [`ALIGNED`] words of it.
    pub fn clipped(&self) -> bool {
        self.words.len() > ALIGNED || self.rouge_tokens.len() > ALIGNED
    }
}

/// The metrics of one hypothesis against one reference (all in [0, 1] but the last two).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    pub bleu: f64,
    pub chrf: f64,
    pub rouge1: f64,
    pub rouge_l: f64,
    /// Hypothesis words / reference words (NaN for an empty reference).
    pub length_ratio: f64,
    /// Word-level Levenshtein distance.
    pub edit_distance: f64,
}

/// sacrebleu's sentence BLEU (exp smoothing, effective order), on a 0–1 scale.
fn bleu(hyp: &Profile, reference: &Profile) -> f64 {
    let correct: Vec<u64> = (0..4)
        .map(|k| overlap(&hyp.bleu[k], &reference.bleu[k]))
        .collect();
    let totals: Vec<u64> = (0..4).map(|k| total(&hyp.bleu[k])).collect();
    let (sys, refl) = (hyp.bleu_len as f64, reference.bleu_len as f64);
    let bp = if sys < refl {
        if sys > 0.0 {
            libm::exp(1.0 - refl / sys)
        } else {
            0.0
        }
    } else {
        1.0
    };
    if correct.iter().all(|&c| c == 0) {
        return 0.0;
    }
    let mut precisions = [0.0f64; 4];
    let mut smooth = 1.0f64;
    let mut order = 4;
    for n in 0..4 {
        if totals[n] == 0 {
            break;
        }
        order = n + 1;
        precisions[n] = if correct[n] == 0 {
            smooth *= 2.0;
            100.0 / (smooth * totals[n] as f64)
        } else {
            100.0 * correct[n] as f64 / totals[n] as f64
        };
    }
    let log = |p: f64| {
        if p == 0.0 {
            -9_999_999_999.0
        } else {
            libm::log(p)
        }
    };
    let sum: f64 = precisions[..order].iter().map(|&p| log(p)).sum();
    bp * libm::exp(sum / order as f64) / 100.0
}

/// sacrebleu's sentence chrF (β = 2), on a 0–1 scale.
fn chrf(hyp: &Profile, reference: &Profile) -> f64 {
    const BETA2: f64 = 4.0;
    let (mut avg_p, mut avg_r, mut eff) = (0.0, 0.0, 0);
    for k in 0..6 {
        let n_ref = total(&reference.chrf[k]);
        let n_hyp = if n_ref > 0 { total(&hyp.chrf[k]) } else { 0 };
        if n_hyp > 0 && n_ref > 0 {
            let m = overlap(&hyp.chrf[k], &reference.chrf[k]) as f64;
            avg_p += m / n_hyp as f64;
            avg_r += m / n_ref as f64;
            eff += 1;
        }
    }
    if eff == 0 {
        return 0.0;
    }
    avg_p /= eff as f64;
    avg_r /= eff as f64;
    if avg_p + avg_r > 0.0 {
        (1.0 + BETA2) * avg_p * avg_r / (BETA2 * avg_p + avg_r)
    } else {
        0.0
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn rouge1(hyp: &Profile, reference: &Profile) -> f64 {
    let m = overlap(&hyp.rouge_unigrams, &reference.rouge_unigrams) as f64;
    let p = m / (hyp.rouge_tokens.len().max(1)) as f64;
    let r = m / (reference.rouge_tokens.len().max(1)) as f64;
    f1(p, r)
}

/// Where each token occurs in a sequence, as bit vectors of 64-position words: the pattern side
/// of the bit-parallel LCS and Levenshtein algorithms (one machine word per 64 tokens instead of
/// one table cell per pair of tokens).
#[derive(Clone, Debug, Default)]
struct Masks {
    /// Distinct tokens, sorted: each with the range of its positions in `positions` and, for a
    /// token met at least once per 64 tokens, the start of its dense bit vector in `dense`.
    index: Vec<(u32, u32, u32, Option<u32>)>,
    /// Positions of every token, grouped by token (ascending within a token).
    positions: Vec<u32>,
    /// Dense vectors of the frequent tokens (at most 64 of them: memory ≈ the text's length).
    dense: Vec<u64>,
    len: usize,
    blocks: usize,
}

impl Masks {
    fn new(seq: &[u32]) -> Masks {
        let blocks = seq.len().div_ceil(64).max(1);
        let mut pairs: Vec<(u32, u32)> = seq
            .iter()
            .enumerate()
            .map(|(i, &t)| (t, i as u32))
            .collect();
        pairs.sort_unstable();
        let positions: Vec<u32> = pairs.iter().map(|&(_, i)| i).collect();
        let mut index = Vec::new();
        let mut dense = Vec::new();
        let mut start = 0usize;
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let end = start + run.len();
            // Dense when setting its bits one by one would cost more than a vector's words.
            let slot = (run.len() >= blocks).then(|| {
                let at = dense.len();
                dense.resize(at + blocks, 0u64);
                for &(_, i) in run {
                    let i = i as usize;
                    dense[at + i / 64] |= 1 << (i % 64);
                }
                (at / blocks) as u32
            });
            index.push((run[0].0, start as u32, end as u32, slot));
            start = end;
        }
        Masks {
            index,
            positions,
            dense,
            len: seq.len(),
            blocks,
        }
    }

    /// Calls `f` with the bit vector of `token` (`None` when it does not occur): a frequent
    /// token's stored vector, or a rare one's bits set in `scratch` for the call (and cleared
    /// after, so `scratch` stays all zeros between calls).
    fn with<R>(&self, token: u32, scratch: &mut [u64], f: impl FnOnce(Option<&[u64]>) -> R) -> R {
        let Ok(k) = self.index.binary_search_by_key(&token, |e| e.0) else {
            return f(None);
        };
        let (_, start, end, slot) = self.index[k];
        if let Some(slot) = slot {
            let at = slot as usize * self.blocks;
            return f(self.dense.get(at..at + self.blocks));
        }
        let at = self
            .positions
            .get(start as usize..end as usize)
            .unwrap_or(&[]);
        for &i in at {
            scratch[i as usize / 64] |= 1 << (i % 64);
        }
        let out = f(Some(scratch));
        for &i in at {
            scratch[i as usize / 64] = 0;
        }
        out
    }
}

/// Length of the longest common subsequence of the masked pattern and `text` (Hyyrö's
/// bit-vector algorithm, blockwise with carries).
fn lcs(pattern: &Masks, text: &[u32]) -> usize {
    if pattern.len == 0 || text.is_empty() {
        return 0;
    }
    let mut s = vec![u64::MAX; pattern.blocks];
    let mut scratch = vec![0u64; pattern.blocks];
    for &t in text {
        pattern.with(t, &mut scratch, |m| {
            let Some(m) = m else { return };
            let mut carry = 0u64;
            for (sw, &mw) in s.iter_mut().zip(m) {
                let u = *sw & mw;
                let (x1, c1) = sw.overflowing_add(u);
                let (x, c2) = x1.overflowing_add(carry);
                carry = (c1 || c2) as u64;
                *sw = x | (*sw - u);
            }
        });
    }
    let tail = pattern.len % 64;
    s.iter()
        .enumerate()
        .map(|(w, &sw)| {
            let mask = if w + 1 == pattern.blocks && tail != 0 {
                (1u64 << tail) - 1
            } else {
                u64::MAX
            };
            (!sw & mask).count_ones() as usize
        })
        .sum()
}

fn rouge_l(hyp: &Profile, reference: &Profile) -> f64 {
    if hyp.rouge_tokens.is_empty() || reference.rouge_tokens.is_empty() {
        return 0.0;
    }
    let l = lcs(&reference.rouge_masks, aligned(&hyp.rouge_tokens)) as f64;
    f1(
        l / aligned(&hyp.rouge_tokens).len() as f64,
        l / aligned(&reference.rouge_tokens).len() as f64,
    )
}

/// Levenshtein distance (insert, delete, substitute: cost 1) between the masked pattern and
/// `text`: Myers' bit-vector algorithm in Hyyrö's blockwise form.
fn levenshtein(pattern: &Masks, text: &[u32]) -> usize {
    let m = pattern.len;
    if m == 0 {
        return text.len();
    }
    let blocks = pattern.blocks;
    let mut vp = vec![u64::MAX; blocks];
    let mut vn = vec![0u64; blocks];
    let last = 1u64 << ((m - 1) % 64);
    let mut dist = m;
    let zeros = vec![0u64; blocks];
    let mut scratch = vec![0u64; blocks];
    for &t in text {
        pattern.with(t, &mut scratch, |pm| {
            let pm = pm.unwrap_or(&zeros);
            let (mut hp_carry, mut hn_carry) = (1u64, 0u64);
            for w in 0..blocks {
                let x = pm[w] | hn_carry;
                let d0 = (((x & vp[w]).wrapping_add(vp[w])) ^ vp[w]) | x | vn[w];
                let mut hp = vn[w] | !(d0 | vp[w]);
                let mut hn = d0 & vp[w];
                if w + 1 == blocks {
                    dist += (hp & last != 0) as usize;
                    dist -= (hn & last != 0) as usize;
                }
                let hp_out = hp >> 63;
                hp = (hp << 1) | hp_carry;
                hp_carry = hp_out;
                let hn_out = hn >> 63;
                hn = (hn << 1) | hn_carry;
                hn_carry = hn_out;
                vp[w] = hn | !(d0 | hp);
                vn[w] = hp & d0;
            }
        });
    }
    dist
}

/// Levenshtein distance between two id sequences.
pub fn edit_distance(a: &[u32], b: &[u32]) -> usize {
    levenshtein(&Masks::new(b), a)
}

/// Tokens aligned by ROUGE-L and the edit distance: a text's first this many. Both cost
/// (its tokens × the other's) / 64 word operations and one bit per token pair in flight: capped,
/// a pair of 1 MB texts takes milliseconds, not seconds, and no metric is worse than linear in
/// memory. Texts of the papers are far shorter (news passages of a few hundred words); the
/// report says when a text was longer.
pub const ALIGNED: usize = 20_000;

fn aligned(tokens: &[u32]) -> &[u32] {
    tokens.get(..ALIGNED).unwrap_or(tokens)
}

/// Every metric of `hyp` against `reference`.
pub fn compare(hyp: &Profile, reference: &Profile) -> Scores {
    Scores {
        bleu: bleu(hyp, reference),
        chrf: chrf(hyp, reference),
        rouge1: rouge1(hyp, reference),
        rouge_l: rouge_l(hyp, reference),
        length_ratio: if reference.words.is_empty() {
            f64::NAN
        } else {
            hyp.words.len() as f64 / reference.words.len() as f64
        },
        edit_distance: levenshtein(&reference.word_masks, aligned(&hyp.words)) as f64,
    }
}

/// Convenience for one pair of strings.
pub fn compare_texts(hyp: &str, reference: &str) -> Scores {
    let mut interner = Interner::default();
    let h = Profile::new(hyp, &mut interner);
    let r = Profile::new(reference, &mut interner);
    compare(&h, &r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_13a_corners() {
        assert_eq!(tokenize_13a("Hello, world."), "Hello , world .");
        assert_eq!(tokenize_13a("$1,000.50 and 3-4"), "$ 1,000.50 and 3 - 4");
        assert_eq!(tokenize_13a("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(tokenize_13a("state-of-the-\nart"), "state-of-theart");
        assert_eq!(tokenize_13a("don't (stop)"), "don't ( stop )");
    }

    #[test]
    fn edit_distance_counts_word_operations() {
        assert_eq!(edit_distance(&[1, 2, 3], &[1, 2, 3]), 0);
        assert_eq!(edit_distance(&[1, 2, 3], &[1, 3]), 1);
        assert_eq!(edit_distance(&[], &[1, 3]), 2);
        assert_eq!(edit_distance(&[1, 2, 3, 4], &[2, 1, 3, 5]), 3);
        let s = compare_texts("the cat sat", "the dog sat down");
        assert_eq!(s.edit_distance, 2.0);
        assert!((s.length_ratio - 0.75).abs() < 1e-15);
    }

    /// The textbook tables, as references for the bit-vector versions.
    fn lcs_table(a: &[u32], b: &[u32]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for &x in a {
            let mut diag = 0;
            for (j, &y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        row[b.len()]
    }

    fn levenshtein_table(a: &[u32], b: &[u32]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, &x) in a.iter().enumerate() {
            let mut diag = row[0];
            row[0] = i + 1;
            for (j, &y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = (diag + usize::from(x != y)).min(up + 1).min(row[j] + 1);
                diag = up;
            }
        }
        row[b.len()]
    }

    #[test]
    fn a_megabyte_text_is_compared_in_bounded_time_and_memory() {
        // 200 000 words, 100 000 of them distinct: dense vectors for every token would take
        // 100 000 × 3 125 words (2.5 GB) per text; the alignment sees the first 20 000 words.
        let text: String = (0..200_000).map(|i| format!("w{} ", i % 100_000)).collect();
        let other: String = (0..200_000)
            .map(|i| format!("w{} ", (i * 7) % 100_000))
            .collect();
        let started = std::time::Instant::now();
        let mut interner = Interner::default();
        let (a, b) = (
            Profile::new(&text, &mut interner),
            Profile::new(&other, &mut interner),
        );
        assert!(a.clipped() && b.clipped());
        let same = compare(&a, &a);
        assert_eq!((same.rouge_l, same.edit_distance), (1.0, 0.0));
        let s = compare(&b, &a);
        assert!(
            s.rouge_l > 0.0 && s.rouge_l < 1.0 && s.edit_distance > 0.0,
            "{s:?}"
        );
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
        // Memory: the vectors stored are the frequent tokens' only (none here).
        assert!(a.word_masks.dense.is_empty() && a.word_masks.positions.len() == ALIGNED);
    }

    #[test]
    fn bit_vectors_agree_with_the_tables() {
        let mut rng = crate::rng::Stream::new(5, "test/bit-vectors");
        for case in 0..3000 {
            // Lengths across block boundaries (63, 64, 65, 128, …) and small alphabets.
            let la = rng.below(if case % 3 == 0 { 200 } else { 70 }) as usize;
            let lb = rng.below(if case % 5 == 0 { 200 } else { 70 }) as usize;
            // Small alphabets (every token frequent: dense vectors) and large ones (rare
            // tokens: bits set per call).
            let k = 1 + rng.below(if case % 4 == 0 { 400 } else { 12 }) as u32;
            let a: Vec<u32> = (0..la).map(|_| rng.below(k as u64) as u32 + 1).collect();
            let b: Vec<u32> = (0..lb).map(|_| rng.below(k as u64) as u32 + 1).collect();
            assert_eq!(
                lcs(&Masks::new(&a), &b),
                lcs_table(&a, &b),
                "lcs {a:?} {b:?}"
            );
            assert_eq!(
                levenshtein(&Masks::new(&a), &b),
                levenshtein_table(&b, &a),
                "lev {a:?} {b:?}"
            );
        }
    }

    #[test]
    fn identical_texts_score_one() {
        let s = compare_texts("A passage, of words.", "A passage, of words.");
        assert!((s.bleu - 1.0).abs() < 1e-12);
        assert_eq!((s.chrf, s.rouge1, s.rouge_l), (1.0, 1.0, 1.0));
    }
}
