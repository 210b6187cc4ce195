//! Snowball uploads measured: per category and overall, answers given, wrong answers and their
//! rate (95 % Wilson interval), wrong answers whose explanation holds a false claim that a
//! program can check (factorisations, divisibility, flights), and the recognition rate ρ where
//! the data records it. The page and `cascade snowball analyze` print the same numbers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::claims::{check_flight_response, check_primality_response};
use crate::labs::snowball::data::parse_flight_prompt;
use crate::labs::snowball::ingest::{AnswerRow, Category};
use crate::stats::{wilson, Estimate};

/// Numbers for one category (or all of them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryStats {
    /// Rows whose Yes/No answer could be read.
    pub n: usize,
    /// Rows whose answer could not be read.
    pub unparsed: usize,
    pub wrong: usize,
    pub wrong_rate: f64,
    pub wrong_rate_ci: Option<Estimate>,
    /// Wrong answers whose explanation holds at least one claim a program found false.
    pub wrong_with_false_claim: usize,
    /// Claims a program could check, in all responses of the category.
    pub claims_checked: usize,
    pub claims_false: usize,
    /// Claims listed in a `claims` column that no program check applies to (senator facts,
    /// prose): counted, not judged.
    pub claims_unchecked: usize,
    /// ρ: share of rows with `claim_recognized` where the model rejected its own claim alone.
    pub recognition: Option<f64>,
    pub recognition_n: usize,
}

/// The whole report (`cascade snowball analyze --json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnowballReport {
    pub rows: usize,
    pub categories: BTreeMap<String, CategoryStats>,
    pub overall: CategoryStats,
    pub skipped: usize,
    pub warnings: Vec<String>,
}

/// The number asked about in "Is N a prime number?".
fn asked_number(question: &str) -> Option<u64> {
    question
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .find_map(|t| t.parse().ok())
}

/// (claims checked, claims false, listed claims not checkable).
type Counts = (usize, usize, usize);

/// The claim counts of one row. Claims listed in
/// the file's `claims` column are checked one by one; otherwise the response is scanned.
fn check_row(row: &AnswerRow) -> Counts {
    let checker = |text: &str| match row.category {
        Category::Primality => match asked_number(&row.question) {
            Some(n) => check_primality_response(n, text),
            None => Vec::new(),
        },
        Category::Graph => match parse_flight_prompt(&row.question) {
            Some(p) => check_flight_response(&p, text),
            None => Vec::new(),
        },
        Category::Senator => Vec::new(),
    };
    match &row.claims {
        Some(list) => list.iter().fold((0, 0, 0), |(c, f, u), claim| {
            let found = checker(claim);
            if found.is_empty() {
                (c, f, u + 1)
            } else {
                (
                    c + found.len(),
                    f + found.iter().filter(|x| !x.holds).count(),
                    u,
                )
            }
        }),
        None => {
            let found = checker(&row.response);
            (found.len(), found.iter().filter(|c| !c.holds).count(), 0)
        }
    }
}

fn add(stats: &mut CategoryStats, row: &AnswerRow, (checked, false_claims, unchecked): Counts) {
    stats.claims_checked += checked;
    stats.claims_false += false_claims;
    stats.claims_unchecked += unchecked;
    match row.answer {
        None => stats.unparsed += 1,
        Some(a) => {
            stats.n += 1;
            if a != row.gold {
                stats.wrong += 1;
                if false_claims > 0 {
                    stats.wrong_with_false_claim += 1;
                }
                if let Some(r) = row.claim_recognized {
                    stats.recognition_n += 1;
                    stats.recognition =
                        Some(stats.recognition.unwrap_or(0.0) + if r { 1.0 } else { 0.0 });
                }
            }
        }
    }
}

fn finish(stats: &mut CategoryStats) {
    if stats.n > 0 {
        stats.wrong_rate = stats.wrong as f64 / stats.n as f64;
        stats.wrong_rate_ci = Some(wilson(stats.wrong as f64, stats.n as f64));
    }
    if let Some(r) = stats.recognition {
        stats.recognition = Some(r / stats.recognition_n.max(1) as f64);
    }
}

/// Analyses the rows of one upload.
pub fn analyze(rows: &[AnswerRow], skipped: usize, warnings: Vec<String>) -> SnowballReport {
    let mut categories: BTreeMap<String, CategoryStats> = BTreeMap::new();
    let mut overall = CategoryStats::default();
    for row in rows {
        let counts = check_row(row);
        add(
            categories
                .entry(row.category.key().to_string())
                .or_default(),
            row,
            counts,
        );
        add(&mut overall, row, counts);
    }
    categories.values_mut().for_each(finish);
    finish(&mut overall);
    SnowballReport {
        rows: rows.len(),
        categories,
        overall,
        skipped,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::snowball::ingest::read_answers;

    #[test]
    fn hand_written_halogen_file() {
        let csv = "prompt,category,response,true_answer,yesno\n\
            Is 9677 a prime number?,primality,\"No, 9677 = 13 × 745.\",Yes,['no']\n\
            Is 7411 a prime number?,primality,\"Yes, 7411 is prime.\",Yes,['yes']\n\
            Is 10733 a prime number?,primality,\"No. It is divisible by 3.\",Yes,[]\n\
            \"There is a flight from city A to city B\nQuestion: Is there a series of flights that goes from city A to city C?\",graph,\"Yes: A -> B -> C\",No,[]\n\
            Was there ever a US senator that represented the state of Ohio and whose alma mater was MIT?,senator,Hmm.,No,[]\n";
        let f = read_answers(csv.as_bytes());
        assert_eq!(f.rows.len(), 5);
        let r = analyze(&f.rows, f.skipped, Vec::new());
        let p = &r.categories["primality"];
        assert_eq!(
            (
                p.n,
                p.wrong,
                p.wrong_with_false_claim,
                p.claims_checked,
                p.claims_false
            ),
            (3, 2, 2, 2, 2)
        );
        let g = &r.categories["graph"];
        assert_eq!((g.n, g.wrong, g.wrong_with_false_claim), (1, 1, 1));
        let s = &r.categories["senator"];
        assert_eq!((s.n, s.unparsed), (0, 1));
        assert_eq!(r.overall.n, 4);
        assert_eq!(r.overall.wrong, 3);
        assert!((r.overall.wrong_rate - 0.75).abs() < 1e-12);
        let ci = r.overall.wrong_rate_ci.unwrap();
        assert!(ci.lo < 0.75 && ci.hi > 0.75);
    }

    #[test]
    fn listed_claims_are_checked_one_by_one() {
        // Row 1 lists a false and a true factorisation and a prose claim; row 2 lists nothing
        // checkable; row 3 has no claims column value, so its response is scanned.
        let jsonl = r#"{"id":1,"category":"primality","question":"Is 9677 a prime number?","response":"No.","gold":"yes","claims":["9677 = 13 × 745","13 × 745 = 9685","9677 is odd"]}
{"id":2,"category":"senator","question":"Was there ever…?","response":"Yes.","gold":"no","claims":["Jane Doe studied at MIT"]}
{"id":3,"category":"primality","question":"Is 9677 a prime number?","response":"No, 9677 = 7 × 1383.","gold":"yes"}
"#;
        let f = read_answers(jsonl.as_bytes());
        assert_eq!(f.rows.len(), 3, "{:?}", f.warnings);
        let r = analyze(&f.rows, f.skipped, Vec::new());
        let p = &r.categories["primality"];
        // "9677 = 13 × 745" is false; "13 × 745 = 9685" is true arithmetic but not about 9677,
        // so false as a claim about the question; 7 × 1383 = 9681 is false.
        assert_eq!((p.claims_checked, p.claims_unchecked), (3, 1));
        assert_eq!(p.claims_false, 3);
        assert_eq!(p.wrong_with_false_claim, 2);
        let s = &r.categories["senator"];
        assert_eq!((s.claims_checked, s.claims_unchecked), (0, 1));
        assert_eq!(r.overall.claims_unchecked, 2);
    }
}
