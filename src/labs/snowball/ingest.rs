//! Snowball uploads: a generic table (CSV or JSON lines: `id, category, question, response, gold
//! [, claims][, claim_recognized][, model]`) and the HALoGEN rationalization CSV (`prompt,
//! category, response, …, true_answer, yesno, hallucinated_atomic_units`). Both become
//! [`AnswerRow`]s; bad rows get located messages and are skipped, the rest kept.

use crate::msg;
use serde::Serialize;

use crate::ingest::{decode_text, parse_bool, IngestWarning};

/// The three Snowball datasets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Primality,
    Senator,
    Graph,
}

impl Category {
    /// Reads the names used by the released files, HALoGEN and people.
    pub fn parse(s: &str) -> Option<Category> {
        match s.trim().to_ascii_lowercase().as_str() {
            "primality" | "primality_testing" | "prime" | "primes" => Some(Category::Primality),
            "senator" | "senators" | "senator_search" => Some(Category::Senator),
            "graph" | "graph_connectivity" | "flight" | "flights" => Some(Category::Graph),
            _ => None,
        }
    }

    /// The key used in reports.
    pub fn key(self) -> &'static str {
        match self {
            Category::Primality => "primality",
            Category::Senator => "senator",
            Category::Graph => "graph",
        }
    }

    /// The constant gold answer of the released datasets (Yes, No, No).
    pub fn gold(self) -> bool {
        matches!(self, Category::Primality)
    }
}

/// One model answer to one question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswerRow {
    pub line: usize,
    pub category: Category,
    pub question: String,
    pub response: String,
    /// The correct answer (true = Yes).
    pub gold: bool,
    /// The model's answer, if it could be read (true = Yes).
    pub answer: Option<bool>,
    /// Whether the model rejected its own false claim when asked alone, where the data says.
    pub claim_recognized: Option<bool>,
    /// The claims of the explanation, where the file lists them (column `claims`).
    pub claims: Option<Vec<String>>,
    pub model: Option<String>,
    /// HALoGEN's own judgement, where the file carries it: (atomic units, hallucinated ones)
    /// from its `atomic_units` and `hallucinated_atomic_units` list cells.
    pub halogen_units: Option<(usize, usize)>,
}

/// Responses longer than this are kept, with a note (a runaway generation is worth knowing of).
pub const LONG_RESPONSE: usize = 100_000;

/// Reads a `claims` cell: a JSON or Python list of strings (`["a", "b"]`, `['a', 'b']`), or
/// claims separated by `;`, `|` or line breaks. `None` for a bracketed list that does not close.
pub fn parse_claims(cell: &str) -> Option<Vec<String>> {
    let t = cell.trim();
    // A JSON list of strings: its escapes (\uXXXX, \t, \") read as JSON reads them.
    if let Ok(list) = serde_json::from_str::<Vec<String>>(t) {
        return Some(
            list.into_iter()
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect(),
        );
    }
    let Some(inner) = t.strip_prefix('[') else {
        return Some(
            t.split([';', '|', '\n'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
        );
    };
    let inner = inner.strip_suffix(']')?;
    let mut out = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        let Some(&first) = chars.peek() else { break };
        let mut item = String::new();
        if first == '"' || first == '\'' {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some('n') => item.push('\n'),
                        Some('t') => item.push('\t'),
                        // Python's \uXXXX and \xHH (a Python list literal's escapes).
                        Some(u @ ('u' | 'x')) => {
                            let n = if u == 'u' { 4 } else { 2 };
                            let digits: String = (0..n)
                                .filter_map(|_| chars.next_if(char::is_ascii_hexdigit))
                                .collect();
                            let code = u32::from_str_radix(&digits, 16).ok();
                            match code.filter(|_| digits.len() == n).and_then(char::from_u32) {
                                Some(c) => item.push(c),
                                None => {
                                    item.push('\\');
                                    item.push(u);
                                    item.push_str(&digits);
                                }
                            }
                        }
                        Some(e) => item.push(e),
                        None => return None,
                    },
                    c if c == first => {
                        closed = true;
                        break;
                    }
                    c => item.push(c),
                }
            }
            if !closed {
                return None;
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                item.push(c);
            }
        }
        let item = item.trim();
        if !item.is_empty() {
            out.push(item.to_string());
        }
    }
    Some(out)
}

/// Reads the Yes/No a response commits to: its first word, or a recognisable phrase.
pub fn extract_answer(response: &str) -> Option<bool> {
    let lower = response.trim().to_lowercase();
    let first: String = lower.chars().take_while(|c| c.is_alphanumeric()).collect();
    match first.as_str() {
        "yes" => return Some(true),
        "no" => return Some(false),
        _ => {}
    }
    const NO: [&str; 6] = [
        "is not a prime",
        "isn't a prime",
        "there is no series",
        "there was no",
        "there was never",
        "is no series",
    ];
    const YES: [&str; 4] = [
        "is a prime",
        "there is a series",
        "there was a",
        "there was indeed",
    ];
    if NO.iter().any(|p| lower.contains(p)) {
        Some(false)
    } else if YES.iter().any(|p| lower.contains(p)) {
        Some(true)
    } else {
        None
    }
}

/// The formats this lab reads, recognised from a file's outline (the catalog id of the one it
/// is): the HALoGEN rationalization CSV, or a generic answer table.
pub fn recognise(sniff: &crate::ingest::detect::Sniff) -> Option<&'static str> {
    if !sniff.has_columns(&["category", "response"]) {
        return None;
    }
    Some(
        if sniff.has_any_column(&["hallucinated_atomic_units", "yesno"]) {
            "snowball.format.halogen"
        } else {
            "snowball.format.table"
        },
    )
}

/// What was read from a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AnswerFile {
    pub rows: Vec<AnswerRow>,
    pub warnings: Vec<IngestWarning>,
    pub skipped: usize,
}

/// Reads a Snowball upload (CSV with a header, or JSON lines), sniffed from the content.
pub fn read_answers(bytes: &[u8]) -> AnswerFile {
    let mut out = AnswerFile::default();
    let text = decode_text(bytes, &mut out.warnings);
    if text.trim_start().starts_with('{') {
        read_jsonl(&text, &mut out);
    } else {
        read_csv(&text, &mut out);
    }
    out
}

/// Fields of one record, by column name.
struct Record<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
}

fn row_from(line: usize, rec: &Record, out: &mut AnswerFile) {
    let at = msg!("ingest.at.line", line = line);
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| (rec.get)(n))
            .filter(|s| !s.trim().is_empty())
    };
    let Some(raw_category) = field(&["category"]) else {
        out.skipped += 1;
        out.warnings.push(IngestWarning::new(
            at,
            Some("category"),
            msg!("ingest.missing_row"),
        ));
        return;
    };
    let Some(category) = Category::parse(&raw_category) else {
        out.skipped += 1;
        let shown: String = raw_category.chars().take(40).collect();
        out.warnings.push(IngestWarning::new(
            at,
            Some("category"),
            msg!("snowball.ingest.unknown_category", category = shown),
        ));
        return;
    };
    let Some(response) = field(&["response"]) else {
        out.skipped += 1;
        out.warnings.push(IngestWarning::new(
            at,
            Some("response"),
            msg!("ingest.missing_row"),
        ));
        return;
    };
    let question = field(&["question", "prompt"]).unwrap_or_default();
    let gold = match field(&["gold", "true_answer"]) {
        Some(g) => {
            match parse_bool(g.trim_matches(|c| c == '[' || c == ']' || c == '\'' || c == '"')) {
                Some(b) => b,
                None => {
                    out.warnings.push(IngestWarning::new(
                        at.clone(),
                        Some("gold"),
                        msg!(
                            "snowball.ingest.gold",
                            value = g.chars().take(20).collect::<String>()
                        ),
                    ));
                    category.gold()
                }
            }
        }
        None => category.gold(),
    };
    // HALoGEN's `yesno` holds the extracted answer (a list literal that may be empty).
    let answer = field(&["yesno"])
        .and_then(|y| {
            parse_bool(
                y.trim_matches(|c| c == '[' || c == ']' || c == '\'' || c == '"' || c == ' '),
            )
        })
        .or_else(|| extract_answer(&response));
    let claim_recognized = field(&["claim_recognized"]).and_then(|v| parse_bool(&v));
    let claims = field(&["claims"]).and_then(|c| {
        let parsed = parse_claims(&c);
        if parsed.is_none() {
            out.warnings.push(IngestWarning::new(
                at.clone(),
                Some("claims"),
                msg!("snowball.ingest.claims", value = crate::ingest::clip(&c)),
            ));
        }
        parsed
    });
    if response.len() > LONG_RESPONSE {
        out.warnings.push(IngestWarning::new(
            at.clone(),
            Some("response"),
            msg!(
                "snowball.ingest.long",
                mb = format!("{:.1}", response.len() as f64 / 1e6)
            ),
        ));
    }
    let model = field(&["model"]);
    let count = |name: &str| {
        field(&[name])
            .and_then(|c| parse_claims(&c))
            .map(|l| l.len())
    };
    let halogen_units = match (count("atomic_units"), count("hallucinated_atomic_units")) {
        (Some(all), Some(bad)) => Some((all, bad.min(all))),
        _ => None,
    };
    out.rows.push(AnswerRow {
        line,
        category,
        question,
        response,
        gold,
        answer,
        claim_recognized,
        claims,
        model,
        halogen_units,
    });
}

fn read_csv(text: &str, out: &mut AnswerFile) {
    let (mut reader, headers) = match crate::ingest::open_csv(text) {
        Ok(r) => r,
        Err(w) => {
            out.warnings.push(w);
            return;
        }
    };
    out.warnings.extend(crate::ingest::quote_warnings(text));
    for need in ["category", "response"] {
        if !headers.iter().any(|h| h == need) {
            out.warnings.push(IngestWarning::new(
                msg!("ingest.at.line", line = 1),
                Some(need),
                msg!(
                    "snowball.ingest.missing_column",
                    column = need,
                    found = headers.join(", ")
                ),
            ));
            return;
        }
    }
    for (i, record) in reader.records().enumerate() {
        let line = crate::ingest::record_line(&record, i);
        match record {
            Ok(r) => {
                let get = |name: &str| {
                    headers
                        .iter()
                        .position(|h| h == name)
                        .and_then(|k| r.get(k))
                        .map(str::to_string)
                };
                row_from(line, &Record { get: &get }, out);
            }
            Err(e) => {
                out.skipped += 1;
                out.warnings.push(IngestWarning::unreadable_row(line, &e));
            }
        }
    }
}

fn read_jsonl(text: &str, out: &mut AnswerFile) {
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line) {
            Ok(obj) => {
                let get = |name: &str| {
                    obj.get(name).and_then(|v| match v {
                        serde_json::Value::String(s) => Some(s.clone()),
                        serde_json::Value::Bool(b) => Some(b.to_string()),
                        serde_json::Value::Number(n) => Some(n.to_string()),
                        // A list (of claims) is read from its JSON text.
                        serde_json::Value::Array(_) => Some(v.to_string()),
                        _ => None,
                    })
                };
                row_from(i + 1, &Record { get: &get }, out);
            }
            Err(e) => {
                out.skipped += 1;
                out.warnings.push(IngestWarning::new(
                    msg!("ingest.at.line", line = i + 1),
                    None,
                    msg!("ingest.not_object", error = e),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_from_first_words_and_phrases() {
        assert_eq!(
            extract_answer("No, 9677 is not a prime number."),
            Some(false)
        );
        assert_eq!(extract_answer("  Yes. There was a senator…"), Some(true));
        assert_eq!(extract_answer("9677 is not a prime number"), Some(false));
        assert_eq!(extract_answer("Nothing to say"), None);
    }

    #[test]
    fn halogen_layout_with_bad_rows() {
        let csv = "prompt,category,response,extract_atomic_unit_prompt,parsed_response,atomic_units,true_answer,yesno,hallucinated_atomic_units\n\
            Is 9677 a prime number?,primality,\"No, 9677 = 13 × 745.\",x,x,\"['no', 13, 745]\",Yes,['no'],\"[13]\"\n\
            Is 7411 a prime number?,primality,\"Yes, it is prime.\",x,x,[],Yes,[],[]\n\
            Q,weather,\"Sunny\",x,x,[],No,[],[]\n\
            Was there ever...,senator,,x,x,[],No,[],[]\n";
        let f = read_answers(csv.as_bytes());
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.skipped, 2);
        assert_eq!(f.rows[0].answer, Some(false));
        assert_eq!(
            f.rows[1].answer,
            Some(true),
            "empty yesno falls back to the response"
        );
        assert!(f.warnings.iter().any(
            |w| w.location.to_string() == "line 4" && w.message.to_string().contains("weather")
        ));
        assert!(f
            .warnings
            .iter()
            .any(|w| w.location.to_string() == "line 5" && w.field.as_deref() == Some("response")));
    }

    #[test]
    fn claims_cells_in_the_forms_seen() {
        let want = vec!["9677 = 13 × 745".to_string(), "13 × 745 = 9685".to_string()];
        assert_eq!(
            parse_claims(r#"["9677 = 13 × 745", "13 × 745 = 9685"]"#),
            Some(want.clone())
        );
        assert_eq!(
            parse_claims("['9677 = 13 × 745', '13 × 745 = 9685']"),
            Some(vec!["9677 = 13 × 745".into(), "13 × 745 = 9685".into()])
        );
        // JSON escapes are read as JSON reads them, Python's as Python does.
        assert_eq!(
            parse_claims(r#"["caf\u00e9 \"x\"", "a\tb", "\ud83d\ude00"]"#),
            Some(vec!["café \"x\"".into(), "a\tb".into(), "😀".into()])
        );
        assert_eq!(
            parse_claims(r"['caf\xe9', 'na\u00efve', 1.5, 'bad \u12']"),
            Some(vec![
                "café".into(),
                "naïve".into(),
                "1.5".into(),
                "bad \\u12".into()
            ])
        );
        assert_eq!(
            parse_claims("['9677 = 13 × 745', '13 × 745 = 9685']"),
            Some(want.clone())
        );
        assert_eq!(
            parse_claims("9677 = 13 × 745; 13 × 745 = 9685"),
            Some(want.clone())
        );
        assert_eq!(
            parse_claims("9677 = 13 × 745 | 13 × 745 = 9685"),
            Some(want)
        );
        assert_eq!(
            parse_claims(r#"["it's \"odd\"", 'a, b']"#),
            Some(vec!["it's \"odd\"".to_string(), "a, b".to_string()])
        );
        assert_eq!(parse_claims("[]"), Some(vec![]));
        assert_eq!(parse_claims("['unclosed"), None);
        assert_eq!(parse_claims("[1, 2"), None);
    }

    #[test]
    fn generic_csv_with_claims_long_responses_and_latin1() {
        let long = format!("No. {}", "It is composite. ".repeat(70_000));
        let csv = format!(
            "id,category,question,response,gold,claims,model\n\
             1,primality,Is 9677 a prime number?,\"No, it is 13 × 745.\",yes,\"['9677 = 13 × 745']\",m\n\
             2,primality,Is 9677 a prime number?,\"{long}\",yes,,m\n\
             3,senator,Was there ever a senator…?,Yes,no,\"['broken\",m\n"
        );
        let mut bytes = csv.into_bytes();
        bytes.extend_from_slice(b"4,graph,Flights?,Yes: Jos\xe9 flew,no,,m\n");
        let f = read_answers(&bytes);
        assert_eq!(f.rows.len(), 4, "{:?}", f.warnings);
        assert!(long.len() > 1_000_000);
        assert_eq!(f.rows[0].claims, Some(vec!["9677 = 13 × 745".to_string()]));
        assert_eq!(f.rows[1].response.len(), long.len());
        assert_eq!(f.rows[1].answer, Some(false));
        assert!(f
            .warnings
            .iter()
            .any(|w| w.location.to_string() == "line 3"
                && w.message.to_string().contains("1.2 MB long")));
        assert_eq!(f.rows[2].claims, None);
        assert!(f
            .warnings
            .iter()
            .any(|w| w.location.to_string() == "line 4" && w.field.as_deref() == Some("claims")));
        assert_eq!(f.rows[3].response, "Yes: José flew");
        assert!(f.warnings.iter().any(|w| w.location.to_string() == "line 5"
            && w.message.to_string().contains("Windows-1252")));
    }

    #[test]
    fn generic_jsonl_with_recognition() {
        let jsonl = "{\"id\":1,\"category\":\"graph\",\"question\":\"q\",\"response\":\"Yes\",\"gold\":\"no\",\"claim_recognized\":true}\nnot json\n";
        let f = read_answers(jsonl.as_bytes());
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].claim_recognized, Some(true));
        assert!(!f.rows[0].gold);
        assert_eq!(f.skipped, 1);
    }
}
