//! Snowball uploads measured: per category and overall, answers given, wrong answers and their
//! rate (95 % Wilson interval), wrong answers whose explanation holds a false claim that a
//! program can check (factorisations, divisibility, flights), and the recognition rate ρ where
//! the data records it. The page and `cascade snowball analyze` print the same numbers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::claims::Checker;
use crate::labs::snowball::ingest::AnswerRow;
use crate::labs::snowball::sim::{AnswerOrder, SnowballParams};
use crate::stats::{wilson, Estimate};
use crate::text::Deferred;

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
    /// Of those, the claims checked in wrong answers (the justification of a wrong answer:
    /// claims made after a false one, e_s) and how many were false.
    #[serde(default)]
    pub claims_checked_in_wrong: usize,
    #[serde(default)]
    pub claims_false_in_wrong: usize,
    /// Claims listed in a `claims` column that no program check applies to (senator facts,
    /// prose): counted, not judged.
    pub claims_unchecked: usize,
    /// HALoGEN's own score where the file carries its judgements: the share of a response's
    /// atomic units that HALoGEN found hallucinated, averaged over the responses with any
    /// (`halogen_n` of them). It counts facts; `wrong_rate` counts final Yes/No answers.
    #[serde(default)]
    pub halogen_score: Option<f64>,
    #[serde(default)]
    pub halogen_n: usize,
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

/// (claims checked, claims false, listed claims not checkable).
type Counts = (usize, usize, usize);

/// The claim counts of one row. Claims listed in
/// the file's `claims` column are checked one by one; otherwise the response is scanned.
fn check_row(row: &AnswerRow) -> Counts {
    // The one checker the live "paste a model's answer" box uses.
    let question = Checker::for_question(row.category, &row.question);
    let checker = |text: &str| question.as_ref().map(|c| c.check(text)).unwrap_or_default();
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
    if let Some((all, bad)) = row.halogen_units.filter(|(all, _)| *all > 0) {
        stats.halogen_n += 1;
        stats.halogen_score = Some(stats.halogen_score.unwrap_or(0.0) + bad as f64 / all as f64);
    }
    stats.claims_checked += checked;
    stats.claims_false += false_claims;
    stats.claims_unchecked += unchecked;
    match row.answer {
        None => stats.unparsed += 1,
        Some(a) => {
            stats.n += 1;
            if a != row.gold {
                stats.wrong += 1;
                stats.claims_checked_in_wrong += checked;
                stats.claims_false_in_wrong += false_claims;
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
    if let Some(sum) = stats.halogen_score {
        stats.halogen_score = Some(sum / stats.halogen_n.max(1) as f64);
    }
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

/// What "fit the simulator to this file" sets, and from what.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub params: SnowballParams,
    /// ρ came from the file (its `claim_recognized` column); else it is kept.
    pub recognition_from_file: bool,
    /// e_s came from the file (claims checked in wrong answers); else it is kept.
    pub committed_from_file: bool,
    /// ε came from the file (claims checked in right answers); else it is kept.
    pub step_from_file: bool,
    /// e_s measured below ε (impossible in the model: an error would make errors less likely):
    /// both set to their pooled rate, the closest values the model allows.
    pub pooled: bool,
}

/// Fits the answer-first model to a report: e = the share of wrong answers; e_s = the share of
/// false claims among the checked claims of wrong answers (what a wrong answer's justification
/// holds), when there are any; ε = the share among the checked claims of right answers, when
/// there are any; ρ = the file's recognition rate, when it records one. Everything else is kept
/// from `current`. The model needs e_s ≥ ε: a file that says otherwise gets both at their
/// pooled rate (the least-squares fit under that constraint). `Err` says why there is nothing
/// to fit (no Yes/No answer could be read).
pub fn fit(report: &SnowballReport, current: &SnowballParams) -> Result<Fit, Deferred> {
    let o = &report.overall;
    if o.n == 0 {
        return Err(crate::msg!("snowball.fit.nothing"));
    }
    let mut p = SnowballParams {
        order: AnswerOrder::AnswerFirst,
        base_error: o.wrong as f64 / o.n as f64,
        ..current.clone()
    };
    let right_checked = o.claims_checked - o.claims_checked_in_wrong;
    let right_false = o.claims_false - o.claims_false_in_wrong;
    if right_checked > 0 {
        p.step_error = right_false as f64 / right_checked as f64;
    }
    let committed_from_file = o.claims_checked_in_wrong > 0;
    if committed_from_file {
        p.committed_error = o.claims_false_in_wrong as f64 / o.claims_checked_in_wrong as f64;
    }
    let mut pooled = false;
    if p.committed_error < p.step_error {
        pooled = true;
        let (w_s, w_e) = match (committed_from_file, right_checked > 0) {
            (true, true) => (o.claims_checked_in_wrong as f64, right_checked as f64),
            (true, false) => (1.0, 0.0), // ε from the settings: e_s is measured, ε moves
            (false, _) => (0.0, 1.0),    // e_s from the settings: ε is measured, e_s moves
        };
        let pooled_rate =
            (w_s * p.committed_error + w_e * p.step_error) / (w_s + w_e).max(f64::MIN_POSITIVE);
        p.committed_error = pooled_rate;
        p.step_error = pooled_rate;
    }
    if let Some(rho) = o.recognition {
        p.recognition = rho;
    }
    Ok(Fit {
        params: p,
        recognition_from_file: o.recognition.is_some(),
        committed_from_file,
        step_from_file: right_checked > 0,
        pooled,
    })
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

    /// HALoGEN's own judgements, beside our count of wrong answers: the mean share of each
    /// response's atomic units it found hallucinated (rows without units not counted).
    #[test]
    fn halogen_score_is_read_from_its_own_columns() {
        let csv = "prompt,category,response,extract_atomic_unit_prompt,parsed_response,atomic_units,true_answer,yesno,hallucinated_atomic_units\n\
            Is 9677 a prime number?,primality,\"No, 9677 = 13 × 745.\",x,x,\"['no', 13, 745]\",Yes,['no'],\"[13]\"\n\
            Is 10733 a prime number?,primality,\"No, 10733 = 3 × 3577.\",x,x,\"['no', 3, 3577]\",Yes,['no'],\"['no', 3]\"\n\
            Is 7411 a prime number?,primality,\"Yes.\",x,x,[],Yes,['yes'],[]\n";
        let f = read_answers(csv.as_bytes());
        let r = analyze(&f.rows, f.skipped, Vec::new());
        assert_eq!(r.overall.halogen_n, 2);
        let want = (1.0 / 3.0 + 2.0 / 3.0) / 2.0;
        assert!((r.overall.halogen_score.unwrap() - want).abs() < 1e-12);
        // A file without HALoGEN's columns has no such score.
        let plain =
            read_answers(b"question,category,response\nIs 7411 a prime number?,primality,Yes\n");
        assert_eq!(
            analyze(&plain.rows, 0, Vec::new()).overall.halogen_score,
            None
        );
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

    #[test]
    fn the_fit_keeps_the_model_possible_and_refuses_an_empty_file() {
        let current = SnowballParams::default();
        // Nothing read: refused, with a reason.
        let empty = analyze(&[], 0, Vec::new());
        assert!(fit(&empty, &current).is_err());
        // Every answer wrong, each with one false factorisation among its claims (e_s
        // measured 1/2 … ) and right answers with no false claim (ε = 0).
        let csv = "prompt,category,response,true_answer,yesno\n\
            Is 9677 a prime number?,primality,\"No, 9677 = 13 × 745.\",Yes,['no']\n\
            Is 9677 a prime number?,primality,\"No, 9677 = 7 × 1383 and 9677 = 9677 × 1.\",Yes,['no']\n\
            Is 7411 a prime number?,primality,\"Yes, 7411 is prime.\",Yes,['yes']\n";
        let f = read_answers(csv.as_bytes());
        let r = analyze(&f.rows, f.skipped, Vec::new());
        let o = &r.overall;
        assert_eq!((o.n, o.wrong), (3, 2));
        let fitted = fit(&r, &current).unwrap();
        assert!((fitted.params.base_error - 2.0 / 3.0).abs() < 1e-12);
        assert!(fitted.committed_from_file);
        assert!(
            (fitted.params.committed_error
                - o.claims_false_in_wrong as f64 / o.claims_checked_in_wrong as f64)
                .abs()
                < 1e-12
        );
        assert!(fitted.params.committed_error >= fitted.params.step_error);
        // Wrong answers whose checked claims are false less often (1 of 10) than right
        // answers' (3 of 10): e_s < ε is impossible in the model, so both get the pooled rate
        // 4/20 — never "errors less likely after an error".
        let mut r = empty.clone();
        r.overall = CategoryStats {
            n: 10,
            wrong: 9,
            claims_checked: 20,
            claims_false: 4,
            claims_checked_in_wrong: 10,
            claims_false_in_wrong: 1,
            ..Default::default()
        };
        let fitted = fit(&r, &current).unwrap();
        assert!(fitted.pooled);
        assert!((fitted.params.committed_error - 0.2).abs() < 1e-12);
        assert!((fitted.params.step_error - 0.2).abs() < 1e-12);
        assert!((fitted.params.base_error - 0.9).abs() < 1e-12);
        // No claim checkable: e_s kept, and kept ≥ ε.
        let csv = "prompt,category,response,true_answer,yesno\n\
            Was there ever a US senator that represented the state of Ohio and whose alma mater was MIT?,senator,Yes.,No,['yes']\n";
        let f = read_answers(csv.as_bytes());
        let r = analyze(&f.rows, f.skipped, Vec::new());
        let fitted = fit(&r, &current).unwrap();
        assert_eq!(fitted.params.base_error, 1.0);
        assert!(!fitted.committed_from_file);
        assert_eq!(fitted.params.committed_error, current.committed_error);
    }
}
