//! Claims a program can check in a model's answer to a Snowball question: factorisations and
//! divisibility for primality questions, flights and routes for flight puzzles. Each claim is
//! marked true or false with the reason ("13 × 745 = 9685 ≠ 9677"; "there is no flight from B
//! to D"). Text is only scanned, never interpreted as markup.

use crate::text::t;
use crate::tr;
use serde::Serialize;

use crate::labs::snowball::data::{parse_flight_prompt, FlightPuzzle, COLLEGES, STATES};
use crate::labs::snowball::ingest::Category;

/// The one checker of a Snowball question's claims: the live "paste a model's answer" box and
/// the analysis of uploaded files both use it.
#[derive(Clone, Debug, PartialEq)]
pub enum Checker {
    /// Factorisations and divisibility of the question's number.
    Primality(u64),
    /// Flights and routes against the prompt's flights.
    Flights(FlightPuzzle),
    /// A senator of the question's state with the question's alma mater (the released
    /// questions were built so that none exists).
    Senator { state: String, college: String },
}

impl Checker {
    /// The checker for a question of `category`, if its text can be read.
    pub fn for_question(category: Category, question: &str) -> Option<Checker> {
        match category {
            Category::Primality => question
                .split(|c: char| !c.is_ascii_digit())
                .filter(|t| !t.is_empty())
                .find_map(|t| t.parse().ok())
                .map(Checker::Primality),
            Category::Graph => parse_flight_prompt(question).map(Checker::Flights),
            Category::Senator => {
                let state = STATES
                    .iter()
                    .filter(|s| question.contains(&format!("state of {s}")))
                    .max_by_key(|s| s.len())?;
                let college = COLLEGES.iter().find(|c| question.contains(*c))?;
                Some(Checker::Senator {
                    state: state.to_string(),
                    college: college.to_string(),
                })
            }
        }
    }

    /// The claims found in `text`, each marked true or false with the reason.
    pub fn check(&self, text: &str) -> Vec<CheckedClaim> {
        match self {
            Checker::Primality(n) => check_primality_response(*n, text),
            Checker::Flights(p) => check_flight_response(p, text),
            Checker::Senator { state, college } => check_senator_response(state, college, text),
        }
    }
}

/// The names a response may use for one of the released colleges.
fn college_names(college: &str) -> Vec<&str> {
    let mut names = vec![college];
    names.extend_from_slice(match college {
        "MIT" => &["Massachusetts Institute of Technology"][..],
        "California Institute of Technology" => &["Caltech"],
        "University of Pennsylvania" => &["UPenn", "Penn"],
        "University of Chicago" => &["UChicago"],
        "Johns Hopkins University" => &["Johns Hopkins"],
        "Duke University" => &["Duke"],
        "Rice University" => &["Rice"],
        "Brown University" => &["Brown"],
        "Dartmouth College" => &["Dartmouth"],
        "Northwestern University" => &["Northwestern"],
        "Vanderbilt University" => &["Vanderbilt"],
        "University of Washington" => &["UW"],
        _ => &[],
    });
    names
}

/// `word` in `text` as a whole word (ASCII letters around it do not count).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Senator claims: a sentence that names the question's state and college together, without
/// a negation, asserts a senator with both — false by the dataset's construction (every
/// released question's answer is No). Other facts about senators need data this page does
/// not have, and are not judged.
pub fn check_senator_response(state: &str, college: &str, response: &str) -> Vec<CheckedClaim> {
    let names = college_names(college);
    response
        .split(['.', '!', '?', '\n', ';'])
        .map(str::trim)
        .filter(|s| {
            let lower = s.to_ascii_lowercase();
            let negated = ["no", "not", "never", "none", "neither", "nor"]
                .iter()
                .any(|w| has_word(&lower, w))
                || lower.contains("n't");
            !negated && has_word(s, state) && names.iter().any(|n| has_word(s, n))
        })
        .map(|s| CheckedClaim {
            text: {
                let mut t: String = s.chars().take(160).collect();
                if s.chars().count() > 160 {
                    t.push('…');
                }
                t
            },
            holds: false,
            reason: tr!("claims.senator", state = state, college = college),
        })
        .collect()
}

/// One checked claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckedClaim {
    /// The claim as found in the response.
    pub text: String,
    pub holds: bool,
    /// Why, in words.
    pub reason: String,
}

/// Digits with optional thousands separators ("9,677") starting at `i`; returns (value, end).
fn number_at(chars: &[char], i: usize) -> Option<(u64, usize)> {
    let mut j = i;
    let mut value: u64 = 0;
    let mut seen = false;
    while j < chars.len() {
        let c = chars[j];
        if let Some(d) = c.to_digit(10) {
            value = value.checked_mul(10)?.checked_add(d as u64)?;
            seen = true;
            j += 1;
        } else if c == ','
            && seen
            && j + 3 < chars.len() + 1
            && chars[j + 1..].iter().take(3).all(|c| c.is_ascii_digit())
            && chars.get(j + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            j += 1;
        } else {
            break;
        }
    }
    seen.then_some((value, j))
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    i
}

fn is_times(c: char) -> bool {
    matches!(c, '×' | '*' | 'x' | 'X' | '·' | '⋅')
}

/// Checks factorisation and divisibility claims about `number` (the question's number).
pub fn check_primality_response(number: u64, response: &str) -> Vec<CheckedClaim> {
    let chars: Vec<char> = response.chars().collect();
    let mut claims = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number =
            chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if !starts_number {
            i += 1;
            continue;
        }
        let Some((first, mut j)) = number_at(&chars, i) else {
            i += 1;
            continue;
        };
        // "N = a × b" — remember N, then read the product after '='.
        let mut stated = None;
        let mut factors = vec![first];
        let k = skip_spaces(&chars, j);
        if k < chars.len() && chars[k] == '=' {
            let k2 = skip_spaces(&chars, k + 1);
            if let Some((a, end)) = number_at(&chars, k2) {
                stated = Some(first);
                factors = vec![a];
                j = end;
            }
        }
        loop {
            let k = skip_spaces(&chars, j);
            if k < chars.len() && is_times(chars[k]) {
                let k2 = skip_spaces(&chars, k + 1);
                if let Some((f, end)) = number_at(&chars, k2) {
                    factors.push(f);
                    j = end;
                    continue;
                }
            }
            break;
        }
        // "a × b + r" or "a × b − r": a division with a remainder, not a factorisation.
        let mut remainder: i128 = 0;
        if factors.len() >= 2 {
            let k = skip_spaces(&chars, j);
            if k < chars.len() && matches!(chars[k], '+' | '-' | '−') {
                if let Some((r, end)) = number_at(&chars, skip_spaces(&chars, k + 1)) {
                    remainder = if chars[k] == '+' {
                        r as i128
                    } else {
                        -(r as i128)
                    };
                    j = end;
                }
            }
        }
        if factors.len() >= 2 && remainder != 0 {
            // "a × b + r = N" after the expression.
            let k = skip_spaces(&chars, j);
            if stated.is_none() && k < chars.len() && chars[k] == '=' {
                if let Some((n, end)) = number_at(&chars, skip_spaces(&chars, k + 1)) {
                    stated = Some(n);
                    j = end;
                }
            }
            let target = stated.unwrap_or(number) as i128;
            let shown: Vec<String> = factors.iter().map(|f| f.to_string()).collect();
            let sign = if remainder > 0 { "+" } else { "−" };
            let expr = format!("{} {sign} {}", shown.join(" × "), remainder.unsigned_abs());
            let value = factors
                .iter()
                .try_fold(1i128, |p, f| p.checked_mul(*f as i128))
                .and_then(|p| p.checked_add(remainder));
            let text: String = chars[i..j].iter().collect();
            let (holds, reason) = match value {
                Some(v) if v == target => (true, format!("{expr} = {target}")),
                Some(v) => (false, format!("{expr} = {v} ≠ {target}")),
                None => (false, tr!("claims.overflow", product = expr)),
            };
            claims.push(CheckedClaim {
                text,
                holds,
                reason,
            });
        } else if factors.len() >= 2 {
            // "a × b = N" after the product.
            let k = skip_spaces(&chars, j);
            if stated.is_none() && k < chars.len() && chars[k] == '=' {
                if let Some((n, end)) = number_at(&chars, skip_spaces(&chars, k + 1)) {
                    stated = Some(n);
                    j = end;
                }
            }
            let target = stated.unwrap_or(number);
            let product = factors.iter().try_fold(1u64, |p, f| p.checked_mul(*f));
            let shown: Vec<String> = factors.iter().map(|f| f.to_string()).collect();
            let text: String = chars[i..j].iter().collect();
            let (holds, reason) = match product {
                Some(p) if p == target && target == number => (
                    factors.iter().all(|&f| f > 1),
                    format!("{} = {target}", shown.join(" × ")),
                ),
                Some(p) if p == target => (
                    false,
                    tr!(
                        "claims.other_number",
                        product = format!("{} = {target}", shown.join(" × ")),
                        number = number
                    ),
                ),
                Some(p) => (false, format!("{} = {p} ≠ {target}", shown.join(" × "))),
                None => (false, tr!("claims.overflow", product = shown.join(" × "))),
            };
            claims.push(CheckedClaim {
                text,
                holds,
                reason,
            });
        }
        i = j.max(i + 1);
    }
    // "divisible by d" and "not divisible by d". ASCII lower case keeps every byte offset (the
    // phrases are ASCII), and only the few characters after a phrase are read: linear in the
    // response however many phrases it holds.
    let lower = response.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("divisible by") {
        let at = from + pos;
        let negated =
            lower[..at].trim_end().ends_with("not") || lower[..at].trim_end().ends_with("isn't");
        let after: Vec<char> = lower[at + "divisible by".len()..]
            .chars()
            .take(64)
            .collect();
        if let Some((d, _)) = number_at(&after, skip_spaces(&after, 0)) {
            let divides = d != 0 && number.is_multiple_of(d);
            let holds = divides != negated;
            let claim = if negated {
                tr!("claims.not_divisible", number = number, d = d)
            } else {
                tr!("claims.divisible", number = number, d = d)
            };
            let reason = if d == 0 {
                t("claims.divisible_by_zero").to_string()
            } else if divides {
                format!("{number} = {d} × {}", number / d)
            } else {
                format!("{number} = {d} × {} + {}", number / d, number % d)
            };
            claims.push(CheckedClaim {
                text: claim,
                holds,
                reason,
            });
        }
        from = at + "divisible by".len();
    }
    claims
}

/// Checks flight claims ("a flight from B to D", "no flight from …") and routes ("F → L → M").
pub fn check_flight_response(puzzle: &FlightPuzzle, response: &str) -> Vec<CheckedClaim> {
    let has = |a: char, b: char| puzzle.flights.contains(&(a, b));
    let mut claims = Vec::new();
    // ASCII lower case: the offsets found in `lower` are offsets in `response` too (a Unicode
    // lower case can change lengths: "İ" becomes three bytes).
    let lower = response.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("flight from") {
        let at = from + pos;
        let before = lower[..at].trim_end();
        let negated =
            before.ends_with("no") || before.ends_with("not a") || before.ends_with("no direct");
        let rest = &response[at + "flight from".len()..];
        if let Some((a, b)) = two_cities(rest) {
            let exists = has(a, b);
            claims.push(CheckedClaim {
                text: if negated {
                    tr!("claims.no_flight_claimed", a = a, b = b)
                } else {
                    tr!("claims.flight_claimed", a = a, b = b)
                },
                holds: exists != negated,
                reason: if exists {
                    tr!("claims.flight", a = a, b = b)
                } else {
                    tr!("claims.no_flight", a = a, b = b)
                },
            });
        }
        from = at + "flight from".len();
    }
    // Hops listed as "City F to City H" (HALoGEN's answers list routes so): a flight claimed,
    // unless it is "from city X to city Y" — a restated question or a "flight from" already
    // checked above.
    let mut from = 0;
    while let Some(pos) = lower[from..].find("city ") {
        let at = from + pos;
        from = at + "city ".len();
        let before = lower[..at].trim_end();
        if before.ends_with("from") || before.ends_with(" to") {
            continue;
        }
        if let Some((a, b)) = two_cities(&response[at..]) {
            let exists = has(a, b);
            claims.push(CheckedClaim {
                text: tr!("claims.flight_claimed", a = a, b = b),
                holds: exists,
                reason: if exists {
                    tr!("claims.flight", a = a, b = b)
                } else {
                    tr!("claims.no_flight", a = a, b = b)
                },
            });
        }
    }
    // Routes written with arrows: "F -> L -> M" or "F → L → M".
    let normalized = response.replace("->", "→");
    for segment in normalized.split(['\n', '.', ',', ';']) {
        if !segment.contains('→') {
            continue;
        }
        let parts: Vec<&str> = segment.split('→').collect();
        let last = parts.len().saturating_sub(1);
        // The first hop may follow words ("Route: F"), the last may precede some ("I is reached").
        let hops: Vec<Option<char>> = parts
            .iter()
            .enumerate()
            .map(|(i, t)| match i {
                0 => t
                    .split(|c: char| c.is_whitespace() || c == ':')
                    .rfind(|w| !w.is_empty())
                    .and_then(city_token),
                i if i == last => t.split_whitespace().next().and_then(city_token),
                _ => city_token(t),
            })
            .collect();
        if hops.len() < 2 || hops.iter().any(Option::is_none) {
            continue;
        }
        let hops: Vec<char> = hops.into_iter().flatten().collect();
        let missing: Vec<String> = hops
            .windows(2)
            .filter(|w| !has(w[0], w[1]))
            .map(|w| tr!("claims.no_flight", a = w[0], b = w[1]))
            .collect();
        let text = hops
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" → ");
        claims.push(CheckedClaim {
            holds: missing.is_empty(),
            reason: if missing.is_empty() {
                t("claims.route_exists").to_string()
            } else {
                missing.join("; ")
            },
            text,
        });
    }
    claims
}

/// `t` without a leading "city " in any case ("City F" → "F").
fn strip_city(t: &str) -> &str {
    match t.get(..5) {
        Some(head) if head.eq_ignore_ascii_case("city ") => t.get(5..).unwrap_or(t),
        _ => t,
    }
}

/// "city B to city D" or "B to D" (any case of "city") at the start of `rest`.
fn two_cities(rest: &str) -> Option<(char, char)> {
    let rest = strip_city(rest.trim_start());
    let (a, tail) = rest.split_once(" to ")?;
    let tail = strip_city(tail.trim_start());
    let b = tail.chars().next()?;
    let after = tail.chars().nth(1);
    if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((city_token(a)?, city_token(&b.to_string())?))
}

/// A single-letter city name, optionally written "city X".
fn city_token(t: &str) -> Option<char> {
    let t = strip_city(t.trim()).trim();
    let mut chars = t.chars();
    let c = chars.next()?;
    (chars.next().is_none() && c.is_ascii_uppercase()).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::snowball::data::{flight_puzzle, parse_flight_prompt};

    #[test]
    fn false_factorisations_are_caught_with_the_arithmetic() {
        let c = check_primality_response(
            9677,
            "No, 9677 is not a prime number. It can be written as 13 × 745.",
        );
        assert_eq!(c.len(), 1);
        assert!(!c[0].holds);
        assert_eq!(c[0].reason, "13 × 745 = 9685 ≠ 9677");
        let c = check_primality_response(10733, "No. 10733 = 3 * 3577, so it is composite.");
        assert_eq!(c[0].reason, "3 × 3577 = 10731 ≠ 10733");
        let c = check_primality_response(10733, "It is not divisible by 3. It is divisible by 7.");
        assert_eq!(c.len(), 2);
        assert!(c[0].holds, "10733 is indeed not divisible by 3");
        assert!(!c[1].holds);
        assert_eq!(c[1].reason, "10733 = 7 × 1533 + 2");
    }

    #[test]
    fn true_claims_and_unparsable_text() {
        let c = check_primality_response(9685, "9685 = 5 x 1,937, so no.");
        assert_eq!(c.len(), 1);
        assert!(c[0].holds, "{c:?}");
        assert!(check_primality_response(7411, "Yes, 7411 is a prime number.").is_empty());
        assert!(check_primality_response(7411, "×××== 12 × × = ").is_empty());
        assert!(
            check_primality_response(7411, "99999999999 × 99999999999 × 99999999999")
                .iter()
                .all(|c| !c.holds)
        );
    }

    #[test]
    fn flights_and_routes_are_checked_against_the_prompt() {
        let prompt = "Current flight information (the following flights are one-way only, and all the flights available are included below):\nThere is a flight from city F to city L\nThere is a flight from city L to city M\nThere is a flight from city B to city I\n\nQuestion: Is there a series of flights that goes from city F to city I?";
        let p = parse_flight_prompt(prompt).unwrap();
        let c = check_flight_response(&p, "Yes: take the flight from city F to city L, then a flight from city L to city I. Route: F -> L -> I.");
        assert_eq!(c.len(), 3, "{c:?}");
        assert!(c[0].holds);
        assert!(!c[1].holds);
        assert_eq!(c[1].reason, "there is no flight from L to I");
        assert!(!c[2].holds);
        assert_eq!(c[2].text, "F → L → I");
        let c = check_flight_response(&p, "No. There is no flight from F to B.");
        assert_eq!(c.len(), 1);
        assert!(c[0].holds);
        assert!(check_flight_response(&p, "I cannot tell.").is_empty());
    }

    /// Regression: "14407 = 3 × 4802 + 1" was judged a false factorisation (the "+ 1" dropped);
    /// it is a true division with a remainder. A wrong remainder is still false.
    #[test]
    fn a_product_with_a_remainder_keeps_every_term() {
        let c = check_primality_response(
            14407,
            "No: 14407 = 3 × 4802 + 1, so it is not divisible by 3.",
        );
        let sum: Vec<&CheckedClaim> = c.iter().filter(|c| c.text.contains('+')).collect();
        assert_eq!(sum.len(), 1, "{c:?}");
        assert!(sum[0].holds, "{c:?}");
        assert_eq!(sum[0].reason, "3 × 4802 + 1 = 14407");
        let c = check_primality_response(14407, "3 × 4802 + 2 = 14407");
        assert_eq!(c.len(), 1);
        assert!(!c[0].holds);
        assert_eq!(c[0].reason, "3 × 4802 + 2 = 14408 ≠ 14407");
        let c = check_primality_response(14407, "14407 = 7 × 2059 − 6");
        assert!(c[0].holds, "{c:?}");
        // A plain factorisation is unchanged.
        let c = check_primality_response(9677, "9677 = 13 × 745.");
        assert_eq!(c[0].reason, "13 × 745 = 9685 ≠ 9677");
    }

    /// Regression: HALoGEN's answers list hops as "City F to City H": they were never checked.
    /// A restated question ("goes from city F to city I") is no claim of a flight.
    #[test]
    fn hops_listed_city_to_city_are_checked() {
        let prompt = "Current flight information (the following flights are one-way only, and all the flights available are included below):\nThere is a flight from city F to city L\nThere is a flight from city L to city M\nThere is a flight from city B to city I\n\nQuestion: Is there a series of flights that goes from city F to city I?";
        let p = parse_flight_prompt(prompt).unwrap();
        let c = check_flight_response(
            &p,
            "Yes, there is a series of flights that goes from city F to city I:\n1. City F to City L\n2. City L to City I",
        );
        assert_eq!(c.len(), 2, "{c:?}");
        assert!(c[0].holds, "{c:?}");
        assert!(!c[1].holds);
        assert_eq!(c[1].reason, "there is no flight from L to I");
    }

    /// Senator rows were never checked: a sentence that gives the question's state a senator
    /// from its college is false by construction; a denial or a fact without both is not judged.
    #[test]
    fn senator_claims_naming_the_state_and_college_are_false() {
        let q = "Was there ever a US senator that represented the state of West Virginia and whose alma mater was MIT?";
        let c = Checker::for_question(Category::Senator, q).unwrap();
        assert_eq!(
            c,
            Checker::Senator {
                state: "West Virginia".into(),
                college: "MIT".into()
            }
        );
        let found = c.check("Yes. John Doe represented West Virginia from 1950 to 1962. He graduated from MIT. Senator Jane Roe of West Virginia studied at MIT.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].holds);
        assert!(found[0].text.contains("Jane Roe"));
        assert!(c
            .check("No, no senator of West Virginia went to MIT.")
            .is_empty());
        assert!(
            c.check("Virginia senator X went to MIT").is_empty(),
            "another state"
        );
        let q = "Was there ever a US senator that represented the state of Ohio and whose alma mater was University of Pennsylvania?";
        let c = Checker::for_question(Category::Senator, q).unwrap();
        assert_eq!(
            c.check("Yes: Senator X of Ohio graduated from Penn.").len(),
            1
        );
        // The same checker reads the other categories' questions.
        assert_eq!(
            Checker::for_question(Category::Primality, "Is 9677 a prime number?"),
            Some(Checker::Primality(9677))
        );
    }

    #[test]
    fn case_changing_letters_before_a_claim_do_not_shift_offsets() {
        // Regression: offsets found in a Unicode-lowercased copy sliced the original ("İ" and the
        // Kelvin sign change length when lowercased) and panicked.
        let p = flight_puzzle(7, 1);
        let (a, b) = p.flights[0];
        for prefix in ["İ", "\u{212A}", "ß İİ K", ""] {
            let text = format!("{prefix} There is a flight from {a} to {b}.");
            let claims = check_flight_response(&p, &text);
            assert_eq!(claims.len(), 1, "{text}");
            assert!(claims[0].holds, "{text}");
        }
        assert_eq!(
            check_primality_response(7411, "İ 7411 IS NOT DIVISIBLE BY 3").len(),
            1
        );
    }

    #[test]
    fn many_divisibility_phrases_are_checked_in_linear_time() {
        // Regression: each phrase copied the whole rest of the response (17 s for 375 KB).
        let text = "7411 is not divisible by 3, ".repeat(15_000);
        let started = std::time::Instant::now();
        let claims = check_primality_response(7411, &text);
        assert_eq!(
            claims
                .iter()
                .filter(|c| c.text.contains("divisible"))
                .count(),
            15_000
        );
        assert!(claims.iter().all(|c| c.holds));
        assert!(
            started.elapsed().as_secs_f64() < 3.0,
            "{:?}",
            started.elapsed()
        );
    }
}
