//! The three Snowball datasets, generated live with the invariants of the released files
//! (science.md §1.2): primes in [1000, 20000] (gold Yes); a US state × a college that no senator
//! joins (gold No); two disjoint 7-node binary trees of one-way flights, asked from one root to a
//! leaf of the other tree (gold No, confirmed by breadth-first search).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use crate::rng::Stream;

/// The 50 states of the released senator questions.
pub const STATES: [&str; 50] = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
];

/// The 12 colleges of the released senator questions.
pub const COLLEGES: [&str; 12] = [
    "Brown University",
    "California Institute of Technology",
    "Dartmouth College",
    "Duke University",
    "Johns Hopkins University",
    "MIT",
    "Northwestern University",
    "Rice University",
    "University of Chicago",
    "University of Pennsylvania",
    "University of Washington",
    "Vanderbilt University",
];

/// Primes in `lo..=hi` (sieve of Eratosthenes).
pub fn primes_between(lo: u32, hi: u32) -> Vec<u32> {
    let n = hi as usize;
    let mut composite = vec![false; n + 1];
    let mut out = Vec::new();
    for i in 2..=n {
        if !composite[i] {
            if i as u32 >= lo {
                out.push(i as u32);
            }
            let mut j = i * i;
            while j <= n {
                composite[j] = true;
                j += i;
            }
        }
    }
    out
}

/// Whether `n` is prime (trial division; n < 2^32).
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut d = 2u64;
    while d * d <= n {
        if n.is_multiple_of(d) {
            return false;
        }
        d += 1;
    }
    true
}

/// `count` distinct primes drawn uniformly from [1000, 20000], as questions.
pub fn primality_questions(seed: u64, count: usize) -> Vec<(u32, String)> {
    let mut pool = primes_between(1000, 20000);
    let mut rng = Stream::new(seed, "snowball/primes");
    let count = count.min(pool.len());
    // Partial Fisher–Yates: the first `count` entries become a uniform sample without replacement.
    for i in 0..count {
        let j = i + rng.below((pool.len() - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(count);
    pool.into_iter()
        .map(|p| (p, format!("Is {p} a prime number?")))
        .collect()
}

/// `count` distinct state × college questions (at most 600).
pub fn senator_questions(seed: u64, count: usize) -> Vec<String> {
    let mut pairs: Vec<(usize, usize)> = (0..STATES.len())
        .flat_map(|s| (0..COLLEGES.len()).map(move |c| (s, c)))
        .collect();
    let mut rng = Stream::new(seed, "snowball/senators");
    let count = count.min(pairs.len());
    for i in 0..count {
        let j = i + rng.below((pairs.len() - i) as u64) as usize;
        pairs.swap(i, j);
    }
    pairs
        .into_iter()
        .take(count)
        .map(|(s, c)| {
            format!(
                "Was there ever a US senator that represented the state of {} and whose alma mater was {}?",
                STATES[s], COLLEGES[c]
            )
        })
        .collect()
}

/// A flight puzzle: one-way flights and a question whose answer is No.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlightPuzzle {
    /// One-way flights (from, to), in the order the prompt lists them.
    pub flights: Vec<(char, char)>,
    pub from: char,
    pub to: char,
    /// The prompt, in the released files' wording.
    pub prompt: String,
}

/// Two disjoint complete binary trees of depth 2 on the letters A–N (shuffled), asked from the
/// root of one tree to a leaf of the other.
pub fn flight_puzzle(seed: u64, index: u64) -> FlightPuzzle {
    let mut rng = Stream::indexed(seed, "snowball/flights", index);
    let mut letters: Vec<char> = ('A'..='N').collect();
    for i in (1..letters.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        letters.swap(i, j);
    }
    // Tree t uses letters[7t..7t+7]: root 0, children 1 2, leaves 3 4 (of 1) and 5 6 (of 2).
    let mut flights = Vec::with_capacity(12);
    for t in 0..2 {
        let n = |k: usize| letters[7 * t + k];
        for (a, b) in [(0, 1), (0, 2), (1, 3), (1, 4), (2, 5), (2, 6)] {
            flights.push((n(a), n(b)));
        }
    }
    for i in (1..flights.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        flights.swap(i, j);
    }
    let source_tree = rng.below(2) as usize;
    let from = letters[7 * source_tree];
    let to = letters[7 * (1 - source_tree) + 3 + rng.below(4) as usize];
    let mut prompt = String::from(
        "Current flight information (the following flights are one-way only, and all the flights available are included below):\n",
    );
    for (a, b) in &flights {
        prompt.push_str(&format!("There is a flight from city {a} to city {b}\n"));
    }
    prompt.push_str(&format!(
        "\nQuestion: Is there a series of flights that goes from city {from} to city {to}?"
    ));
    FlightPuzzle {
        flights,
        from,
        to,
        prompt,
    }
}

/// Reads the flights and the question from a flight prompt (the released files' wording).
pub fn parse_flight_prompt(prompt: &str) -> Option<FlightPuzzle> {
    let mut flights = Vec::new();
    let mut question = None;
    for line in prompt.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("There is a flight from city ") {
            let (a, b) = rest.split_once(" to city ")?;
            flights.push((single_letter(a)?, single_letter(b)?));
        } else if let Some(i) = line.find("goes from city ") {
            let rest = &line[i + "goes from city ".len()..];
            let (a, b) = rest.split_once(" to city ")?;
            question = Some((single_letter(a)?, single_letter(b.trim_end_matches('?'))?));
        }
    }
    let (from, to) = question?;
    Some(FlightPuzzle {
        flights,
        from,
        to,
        prompt: prompt.to_string(),
    })
}

fn single_letter(s: &str) -> Option<char> {
    let mut chars = s.trim().chars();
    let c = chars.next()?;
    (chars.next().is_none() && c.is_ascii_alphabetic()).then_some(c.to_ascii_uppercase())
}

/// Whether `to` can be reached from `from` (breadth-first search).
pub fn reachable(flights: &[(char, char)], from: char, to: char) -> bool {
    let mut next: BTreeMap<char, Vec<char>> = BTreeMap::new();
    for &(a, b) in flights {
        next.entry(a).or_default().push(b);
    }
    let mut seen = BTreeSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(c) = queue.pop_front() {
        if c == to {
            return true;
        }
        for &n in next.get(&c).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.insert(n) {
                queue.push_back(n);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> serde_json::Value {
        let path = format!(
            "{}/tests/fixtures/snowball/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn primes_hold_their_invariants_on_generated_and_released_data() {
        assert_eq!(
            primes_between(1000, 20000).len(),
            2094,
            "2094 primes in [1000, 20000]"
        );
        let qs = primality_questions(3, 10_000);
        assert_eq!(qs.len(), 2094);
        let distinct: BTreeSet<u32> = qs.iter().map(|q| q.0).collect();
        assert_eq!(distinct.len(), qs.len());
        assert!(qs.iter().all(|(p, q)| is_prime(*p as u64)
            && (1000..=20000).contains(p)
            && q.contains(&p.to_string())));
        for item in fixture("primality_testing.json").as_array().unwrap() {
            let n = item["number"].as_u64().unwrap();
            assert!(is_prime(n) && (1000..=20000).contains(&n) && item["answer"] == true);
        }
    }

    #[test]
    fn senator_questions_cover_states_and_colleges_without_repeats() {
        let qs = senator_questions(5, 10_000);
        assert_eq!(qs.len(), 600);
        assert_eq!(qs.iter().collect::<BTreeSet<_>>().len(), 600);
        let released = fixture("senator_search.json");
        for q in released.as_array().unwrap() {
            let q = q.as_str().unwrap();
            assert!(
                STATES
                    .iter()
                    .any(|s| q.contains(&format!("state of {s} and"))),
                "{q}"
            );
            assert!(
                COLLEGES
                    .iter()
                    .any(|c| q.ends_with(&format!("alma mater was {c}?"))),
                "{q}"
            );
        }
    }

    #[test]
    fn flight_puzzles_are_two_binary_trees_and_unreachable() {
        fn check(p: &FlightPuzzle) {
            assert_eq!(p.flights.len(), 12);
            let nodes: BTreeSet<char> = p.flights.iter().flat_map(|&(a, b)| [a, b]).collect();
            assert_eq!(nodes.len(), 14);
            let mut out: BTreeMap<char, usize> = BTreeMap::new();
            let mut indeg: BTreeMap<char, usize> = BTreeMap::new();
            for &(a, b) in &p.flights {
                *out.entry(a).or_default() += 1;
                *indeg.entry(b).or_default() += 1;
            }
            let roots: Vec<char> = nodes
                .iter()
                .copied()
                .filter(|n| !indeg.contains_key(n))
                .collect();
            assert_eq!(roots.len(), 2, "two trees");
            assert!(roots.contains(&p.from));
            assert!(
                out.values().all(|&d| d == 2),
                "internal nodes have two children"
            );
            assert!(!out.contains_key(&p.to), "the target is a leaf");
            assert!(!reachable(&p.flights, p.from, p.to), "answer No");
            let other_root = roots.iter().copied().find(|&r| r != p.from).unwrap();
            assert!(
                reachable(&p.flights, other_root, p.to),
                "the target is in the other tree"
            );
        }
        for i in 0..10_000 {
            let p = flight_puzzle(7, i);
            check(&p);
            assert_eq!(parse_flight_prompt(&p.prompt).as_ref(), Some(&p));
        }
        for prompt in fixture("graph_connectivity.json").as_array().unwrap() {
            let p = parse_flight_prompt(prompt.as_str().unwrap()).expect("released prompt parses");
            check(&p);
        }
    }
}
