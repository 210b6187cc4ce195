//! All interface text, keyed by id.
//!
//! The words the page shows live in `text/<language>.json` — one flat object from id to text,
//! `{name}` marking a value filled in at run time — never in the view code, so a translation is a
//! new file in `text/` and touches no code (build.rs embeds whatever files are there as sorted static
//! tables). Ids are grouped by where the text shows: `app.*` (header, footer, uploads), a lab's
//! own (`resampling.*`, `snowball.*`, `telephone.*`, `analyze.*`, `about.*`), `lesson.*`,
//! `chart.*`, `link.*` and `session.*` (warnings), `ingest.*`, `evalplus.*`, `verifier.*`,
//! `claims.*` (messages about uploads and checked claims), `lang.*`, `group.*`, `sim.*`.
//!
//! A text missing from a translation falls back to English, and one missing from English (a bug
//! the tests catch) shows its id. The pseudo-language `en-XA` (not a file) wraps every English
//! text in ⟦ ⟧ with accented letters: a page viewed in it shows at a glance any text that does not
//! come from here.

use std::fmt::Display;

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// A language's texts: (id, text), sorted by id.
pub type Table = &'static [(&'static str, &'static str)];

/// The catalogs found in `text/` at build time, as (code, table); build.rs sorts each table and
/// stops the build on a file that is not a flat object of strings.
const FILES: &[(&str, Table)] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The language every other falls back to.
pub const DEFAULT: &str = "en";
/// The pseudo-language made from English (for finding text that bypasses the catalog).
pub const PSEUDO: &str = "en-XA";

/// Accented, bracketed English; `{placeholders}` kept as they are.
pub fn pseudo(text: &str) -> String {
    let mut out = String::from("⟦");
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push(if depth > 0 {
            c
        } else {
            match c {
                'a' => 'á',
                'e' => 'é',
                'i' => 'í',
                'o' => 'ó',
                'u' => 'ú',
                'A' => 'Å',
                'E' => 'É',
                'O' => 'Ö',
                c => c,
            }
        });
    }
    out.push('⟧');
    out
}

fn english() -> Table {
    FILES
        .iter()
        .find(|(c, _)| *c == DEFAULT)
        .map_or(&[], |(_, t)| t)
}

/// The pseudo-language's texts, made once from English (same order).
fn pseudo_table() -> &'static [(&'static str, String)] {
    static TABLE: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    TABLE.get_or_init(|| english().iter().map(|(id, t)| (*id, pseudo(t))).collect())
}

fn find(table: Table, id: &str) -> Option<&'static str> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(id))
        .ok()
        .map(|i| table[i].1)
}

/// The text with this id in the language `code`, if that language has it.
pub fn lookup(code: &str, id: &str) -> Option<&'static str> {
    if code == PSEUDO {
        let table = pseudo_table();
        return table
            .binary_search_by(|(k, _)| (*k).cmp(id))
            .ok()
            .map(|i| table[i].1.as_str());
    }
    FILES
        .iter()
        .find(|(c, _)| *c == code)
        .and_then(|(_, t)| find(t, id))
}

/// Index into [`languages`] of the language texts are shown in.
static CURRENT: AtomicUsize = AtomicUsize::new(0);

/// The language codes there are texts for: English first, then the other files, then the
/// pseudo-language (made once: every text lookup reads it).
pub fn languages() -> &'static [&'static str] {
    static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = vec![DEFAULT];
        all.extend(FILES.iter().map(|(c, _)| *c).filter(|c| *c != DEFAULT));
        all.push(PSEUDO);
        all
    })
}

/// Whether `code` names a language there are texts for.
pub fn is_language(code: &str) -> bool {
    languages().contains(&code)
}

/// A language's name in that language (the pseudo-language's in the current one).
pub fn language_name(code: &str) -> &'static str {
    if code == PSEUDO {
        return t("app.language.pseudo");
    }
    lookup(code, "app.language.name").unwrap_or("?")
}

/// Shows texts in `code` from now on; an unknown code leaves English (and returns false).
pub fn set_language(code: &str) -> bool {
    let found = languages().iter().position(|c| *c == code);
    CURRENT.store(found.unwrap_or(0), Ordering::Relaxed);
    found.is_some()
}

/// Called by every text lookup, so that whoever reads a text can follow a change of language:
/// the page registers a function that subscribes the reactive code running it (a view's text
/// node, a chart's memo) to its language signal, and a change of language then updates exactly
/// the texts on screen, with no redraw. Native code registers nothing.
static TRACKER: OnceLock<fn()> = OnceLock::new();

/// Registers the tracker every text lookup calls (once; later calls are ignored).
pub fn set_tracker(track: fn()) {
    let _ = TRACKER.set(track);
}

/// The language texts are shown in.
pub fn language() -> &'static str {
    if let Some(track) = TRACKER.get() {
        track();
    }
    languages()
        .get(CURRENT.load(Ordering::Relaxed))
        .copied()
        .unwrap_or(DEFAULT)
}

/// The text with this id in the current language (English if it has none, the id if English has
/// none).
pub fn t(id: &'static str) -> &'static str {
    text_in(language(), id)
}

/// The text with this id in language `code`, falling back to English, then to the id.
fn text_in(code: &str, id: &'static str) -> &'static str {
    lookup(code, id)
        .or_else(|| find(english(), id))
        .unwrap_or(id)
}

/// The text with this id, each `{name}` replaced by its value (an unknown `{name}` is kept).
pub fn fill(id: &'static str, args: &[(&str, &dyn Display)]) -> String {
    fill_text(t(id), args)
}

/// The text with this id (a runtime string) in the current language, English, or the id.
fn t_str(id: &str) -> &str {
    lookup(language(), id)
        .or_else(|| find(english(), id))
        .unwrap_or(id)
}

/// A text of the catalog with its values, kept as data and worded only when shown — so that a
/// report kept across a change of language is shown in the new language. Made by [`msg!`];
/// text that is not in the catalog (a file's own words) is a `Literal`.
///
/// [`msg!`]: crate::msg
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Deferred {
    /// A catalog id and its `{name}` values (themselves deferred, so messages nest: a file's
    /// reason inside "could not read {name}: {why}" follows the language too).
    Text {
        /// The id in `text/`.
        id: String,
        /// (name, value) of each placeholder.
        args: Vec<(String, Deferred)>,
    },
    /// Text as it is — at most [`Shown::MAX`] characters of it, by construction.
    Literal(Shown),
}

/// A value shown in a message, as written but never longer than [`Shown::MAX`] characters: a
/// longer one keeps its start and its end (where parsers put "at line 4 column 9") around a
/// "…". Every way to make one clips — from a `String`, from any `Display` (written through a
/// bounded buffer, so a 20 MB value quoted by a parser's error is never copied whole), and
/// when read back from a session or a worker message — so no message can carry a file's
/// whole text into the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct Shown(String);

impl Shown {
    /// The most characters a shown value keeps.
    pub const MAX: usize = 240;
    /// Characters kept from the start and from the end of a longer value.
    const HEAD: usize = 160;
    const TAIL: usize = 70;

    /// `value` as written, clipped.
    pub fn of(value: impl Display) -> Self {
        use std::fmt::Write;
        let mut w = Bounded::default();
        let _ = write!(w, "{value}");
        Shown(w.finish())
    }
}

/// A writer that keeps the first [`Shown::HEAD`] characters and the last [`Shown::TAIL`] once
/// more than [`Shown::MAX`] have come.
#[derive(Default)]
struct Bounded {
    head: String,
    head_chars: usize,
    tail: std::collections::VecDeque<char>,
    /// Characters past the head (kept in `tail` or dropped).
    rest: usize,
}

impl std::fmt::Write for Bounded {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for c in s.chars() {
            if self.head_chars < Shown::MAX && self.rest == 0 {
                self.head.push(c);
                self.head_chars += 1;
                continue;
            }
            self.rest += 1;
            self.tail.push_back(c);
            if self.tail.len() > Shown::TAIL {
                self.tail.pop_front();
            }
        }
        Ok(())
    }
}

impl Bounded {
    fn finish(self) -> String {
        if self.rest == 0 {
            return self.head;
        }
        // Longer than MAX: the first HEAD characters, "…", the last TAIL (some from the end of
        // the head when fewer than TAIL came after it).
        let mut out: String = self.head.chars().take(Shown::HEAD).collect();
        out.push_str(" … ");
        let need = Shown::TAIL.saturating_sub(self.tail.len());
        out.extend(self.head.chars().skip(self.head_chars - need));
        out.extend(self.tail);
        out
    }
}

impl From<String> for Shown {
    fn from(s: String) -> Self {
        if s.len() <= Shown::MAX {
            return Shown(s);
        }
        Shown::of(s)
    }
}

impl From<&str> for Shown {
    fn from(s: &str) -> Self {
        Shown::of(s)
    }
}

impl From<Shown> for String {
    fn from(s: Shown) -> Self {
        s.0
    }
}

impl std::ops::Deref for Shown {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Deferred {
    /// The catalog text `id` with `args` (what [`msg!`](crate::msg) expands to).
    pub fn new(id: &'static str, args: Vec<(&'static str, Deferred)>) -> Self {
        Deferred::Text {
            id: id.to_string(),
            args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        }
    }

    /// A value shown as it is (a number, a file name).
    pub fn literal(value: impl Display) -> Self {
        Deferred::Literal(Shown::of(value))
    }
}

impl Default for Deferred {
    /// No text.
    fn default() -> Self {
        Deferred::Literal(Shown::default())
    }
}

impl From<String> for Deferred {
    fn from(s: String) -> Self {
        Deferred::Literal(s.into())
    }
}

impl From<&str> for Deferred {
    fn from(s: &str) -> Self {
        Deferred::Literal(s.into())
    }
}

impl Display for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Deferred::Literal(s) => f.write_str(s),
            Deferred::Text { id, args } => {
                let args: Vec<(&str, &dyn Display)> = args
                    .iter()
                    .map(|(k, v)| (k.as_str(), v as &dyn Display))
                    .collect();
                f.write_str(&fill_text(t_str(id), &args))
            }
        }
    }
}

/// Serialises messages as they are worded now (for interfaces that print text, such as the
/// command line's JSON): `#[serde(serialize_with = "crate::text::worded")]`.
pub fn worded<S: serde::Serializer>(messages: &[Deferred], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(messages.len()))?;
    for m in messages {
        seq.serialize_element(&m.to_string())?;
    }
    seq.end()
}

/// `msg!("id", name = value, …)`: like [`tr!`](crate::tr), but kept as a [`Deferred`] and
/// worded when shown. Values are taken as shown (`Display`); a value that is itself a message
/// to word later goes in with [`Deferred::new`].
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $crate::text::Deferred::new($id, ::std::vec::Vec::new())
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::text::Deferred::new($id, ::std::vec![$((stringify!($name), $crate::text::Deferred::literal(&$value))),+])
    };
}

/// `text` with each `{name}` replaced by its value (an unknown `{name}` is kept).
fn fill_text(text: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `tr!("id")` is the text with that id; `tr!("id", name = value, …)` fills its `{name}`s.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::text::t($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::text::fill($id, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

/// The `{name}` placeholders of a text, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_value_is_clipped_however_it_is_made() {
        let short = "line 4: a value";
        assert_eq!(Deferred::literal(short).to_string(), short);
        // 20 MB quoted by a parser: the start and the parser's place at the end are kept.
        let huge = format!(
            "invalid type: string \"{}\", expected a map at line 1 column 20000017",
            "é".repeat(10_000_000)
        );
        for d in [
            Deferred::literal(&huge),
            Deferred::from(huge.clone()),
            Deferred::from(huge.as_str()),
            serde_json::from_value::<Deferred>(serde_json::json!({ "Literal": huge })).unwrap(),
        ] {
            let text = d.to_string();
            assert!(text.chars().count() <= Shown::MAX, "{}", text.len());
            assert!(text.starts_with("invalid type: string \"éé"), "{text}");
            assert!(
                text.ends_with("expected a map at line 1 column 20000017"),
                "{text}"
            );
            assert!(text.contains(" … "), "{text}");
        }
        // Just over the limit, in many pieces: every character is either kept or in the gap.
        for n in [
            Shown::MAX,
            Shown::MAX + 1,
            Shown::MAX + 69,
            Shown::MAX + 71,
            1000,
        ] {
            let s: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            let shown = Shown::of(&s).to_string();
            if n <= Shown::MAX {
                assert_eq!(shown, s);
            } else {
                assert!(s.starts_with(&shown[..Shown::HEAD]));
                assert!(
                    s.ends_with(&shown[Shown::HEAD + " … ".len()..]),
                    "{n}: {shown}"
                );
                assert_eq!(shown.chars().count(), Shown::HEAD + 3 + Shown::TAIL);
            }
        }
    }

    #[test]
    fn fills_placeholders_and_keeps_unknown_ones() {
        let s = fill(
            "app.upload.reading",
            &[("name", &"a.csv"), ("size", &"3 kB")],
        );
        assert_eq!(s, "Reading a.csv (3 kB)…");
        assert_eq!(
            fill("app.upload.reading", &[("name", &"a.csv")]),
            "Reading a.csv ({size})…"
        );
        assert_eq!(placeholders("a {x} b {y} {x}"), vec!["x", "x", "y"]);
    }

    #[test]
    fn pseudo_language_brackets_accents_and_keeps_placeholders() {
        assert_eq!(pseudo("one {name} more"), "⟦óné {name} móré⟧");
        assert_eq!(pseudo_table().len(), english().len());
        assert_eq!(
            lookup(PSEUDO, "app.upload.reading"),
            Some("⟦Réádíng {name} ({size})…⟧")
        );
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for (code, table) in FILES {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "{code}");
        }
        assert!(english().len() > 300);
    }

    #[test]
    fn unknown_ids_and_languages_fall_back() {
        // A language without a text shows English's.
        assert_eq!(lookup("xx", "app.language"), None);
        assert_eq!(text_in("xx", "app.language"), "Language");
        assert_eq!(text_in(PSEUDO, "app.language"), "⟦Lángúágé⟧");
        assert_eq!(t("no.such.id"), "no.such.id");
        assert!(!is_language("xx-unknown"));
        assert!(is_language(DEFAULT) && is_language(PSEUDO));
        assert_eq!(languages().first(), Some(&DEFAULT));
    }
}
