//! Final answers of math completions: the last `\boxed{…}` of a completion, compared with the
//! gold answer under the MATH benchmark's normalisation (Hendrycks et al. 2021,
//! `math_equivalence.py`: `_strip_string` and `is_equiv`), plus one rule the benchmark's later
//! graders add: an integer written with a trailing `.0` is that integer.
//!
//! Every step works on characters, never byte offsets, so no text can make it panic.

/// The rule completions are graded by, as the report names it.
pub const RULE: &str = "MATH is_equiv (Hendrycks et al. 2021) on the last \\boxed{}";

/// The content of the last `\boxed{…}` (or `\fbox{…}`) in `text`, braces balanced; `None` when
/// there is none or it is not closed. `\boxed 5` (no braces) gives `5`.
pub fn last_boxed(text: &str) -> Option<String> {
    let start = ["\\boxed", "\\fbox"]
        .iter()
        .filter_map(|m| text.rfind(m).map(|i| (i, m.len())))
        .max_by_key(|(i, _)| *i)?;
    let rest = text.get(start.0 + start.1..)?;
    let mut chars = rest.chars();
    match chars.clone().next()? {
        '{' => {
            chars.next();
            let mut depth = 1usize;
            let mut out = String::new();
            for c in chars {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(out);
                        }
                    }
                    _ => {}
                }
                out.push(c);
            }
            None
        }
        ' ' => {
            // `\boxed 5$`: up to the next `$` or the end.
            let body: String = rest
                .trim_start()
                .chars()
                .take_while(|c| *c != '$')
                .collect();
            let body = body.trim().to_string();
            (!body.is_empty()).then_some(body)
        }
        _ => None,
    }
}

/// Why the benchmark's normaliser gave up on a string (its Python raises; `is_equiv` then
/// compares the raw strings).
#[derive(Debug, PartialEq)]
struct Unnormalisable;

fn fix_fracs(s: &str) -> Result<String, Unnormalisable> {
    let mut parts = s.split("\\frac");
    let mut out = parts.next().unwrap_or_default().to_string();
    for sub in parts {
        out.push_str("\\frac");
        let chars: Vec<char> = sub.chars().collect();
        let Some(&first) = chars.first() else {
            return Err(Unnormalisable);
        };
        if first == '{' {
            out.push_str(sub);
            continue;
        }
        if chars.len() < 2 {
            return Ok(s.to_string());
        }
        let (a, b) = (chars[0], chars[1]);
        let post: String = chars[2..].iter().collect();
        if b != '{' {
            out.push_str(&format!("{{{a}}}{{{b}}}{post}"));
        } else {
            out.push_str(&format!("{{{a}}}{b}{post}"));
        }
    }
    Ok(out)
}

fn fix_a_slash_b(s: &str) -> String {
    let parts: Vec<&str> = s.split('/').collect();
    if let [a, b] = parts[..] {
        if let (Ok(x), Ok(y)) = (a.parse::<i64>(), b.parse::<i64>()) {
            if s == format!("{x}/{y}") {
                return format!("\\frac{{{x}}}{{{y}}}");
            }
        }
    }
    s.to_string()
}

fn remove_right_units(s: &str) -> Result<String, Unnormalisable> {
    if !s.contains("\\text{ ") {
        return Ok(s.to_string());
    }
    let parts: Vec<&str> = s.split("\\text{ ").collect();
    match parts[..] {
        [left, _] => Ok(left.to_string()),
        _ => Err(Unnormalisable),
    }
}

fn fix_sqrt(s: &str) -> Result<String, Unnormalisable> {
    if !s.contains("\\sqrt") {
        return Ok(s.to_string());
    }
    let mut parts = s.split("\\sqrt");
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        let mut chars = part.chars();
        match chars.next() {
            None => return Err(Unnormalisable),
            Some('{') => {
                out.push_str("\\sqrt");
                out.push_str(part);
            }
            Some(a) => {
                out.push_str(&format!("\\sqrt{{{a}}}"));
                out.push_str(chars.as_str());
            }
        }
    }
    Ok(out)
}

/// The benchmark's `_strip_string`, step by step.
fn strip(s: &str) -> Result<String, Unnormalisable> {
    let mut s = s
        .replace('\n', "")
        .replace("\\!", "")
        .replace("\\\\", "\\")
        .replace("tfrac", "frac")
        .replace("dfrac", "frac")
        .replace("\\left", "")
        .replace("\\right", "")
        .replace("^{\\circ}", "")
        .replace("^\\circ", "")
        .replace("\\$", "");
    s = remove_right_units(&s)?;
    s = s
        .replace("\\%", "")
        .replace(" .", " 0.")
        .replace("{.", "{0.");
    if s.is_empty() {
        return Ok(s);
    }
    if s.starts_with('.') {
        s.insert(0, '0');
    }
    let halves: Vec<&str> = s.split('=').collect();
    if let [left, right] = halves[..] {
        if left.chars().count() <= 2 {
            s = right.to_string();
        }
    }
    s = fix_sqrt(&s)?;
    s = s.replace(' ', "");
    s = fix_fracs(&s)?;
    if s == "0.5" {
        s = "\\frac{1}{2}".into();
    }
    s = fix_a_slash_b(&s);
    // The later graders' rule: "12.0" and "12.00" are 12.
    if let Some((int, frac)) = s.split_once('.') {
        let digits = !int.is_empty()
            && int
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit());
        if digits && !frac.is_empty() && frac.chars().all(|c| c == '0') {
            s = int.to_string();
        }
    }
    Ok(s)
}

/// The answer as votes are counted: normalised, or as written when the normaliser gives up.
pub fn normalise(answer: &str) -> String {
    strip(answer).unwrap_or_else(|_| answer.to_string())
}

/// The benchmark's `is_equiv`: equal after normalisation (raw strings when either cannot be
/// normalised).
pub fn is_equiv(a: &str, b: &str) -> bool {
    match (strip(a), strip(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_box_with_nested_braces() {
        assert_eq!(
            last_boxed("so $\\boxed{1}$ or rather $\\boxed{\\frac{\\pi}{2}}$."),
            Some("\\frac{\\pi}{2}".into())
        );
        assert_eq!(last_boxed("\\boxed 5$ done"), Some("5".into()));
        assert_eq!(last_boxed("no answer here"), None);
        assert_eq!(last_boxed("\\boxed{unclosed"), None);
        assert_eq!(last_boxed("\\fbox{7}"), Some("7".into()));
        // Non-ASCII text around and inside the box.
        assert_eq!(last_boxed("é \\boxed{π≈3}"), Some("π≈3".into()));
        assert_eq!(last_boxed("\\boxed"), None);
    }

    #[test]
    fn the_benchmark_normalisation() {
        // Examples from the benchmark's own rules.
        assert!(is_equiv("\\dfrac{1}{2}", "0.5"));
        assert!(is_equiv("\\frac12", "\\frac{1}{2}"));
        assert!(is_equiv("1/2", "\\frac{1}{2}"));
        assert!(is_equiv(
            "\\left( 3, \\frac{\\pi}{2} \\right)",
            "(3,\\frac{\\pi}{2})"
        ));
        assert!(is_equiv("90^\\circ", "90"));
        assert!(is_equiv("\\$5", "5"));
        assert!(is_equiv("x = 5", "5"));
        assert!(is_equiv("10\\%", "10"));
        assert!(is_equiv("\\sqrt3", "\\sqrt{3}"));
        assert!(is_equiv("12.0", "12"));
        assert!(is_equiv(".5", "\\frac{1}{2}"));
        assert!(is_equiv("5 \\text{ cm}", "5"));
        assert!(!is_equiv("\\frac{1}{3}", "\\frac{1}{2}"));
        assert!(!is_equiv("12.5", "12"));
        // Where the Python raises, the raw strings are compared.
        assert!(is_equiv("\\sqrt", "\\sqrt"));
        assert!(!is_equiv("\\sqrt", "\\sqrt{}"));
        assert_eq!(
            normalise("a \\text{ b} \\text{ c}"),
            "a \\text{ b} \\text{ c}"
        );
        // Characters, not bytes: no panic on any of these.
        for s in ["\\fracé", "\\frac", "\\sqrtπ", "é/2", "=", "\\frac{", "ü=ö"] {
            let _ = normalise(s);
        }
        assert_eq!(normalise("\\fracéü"), "\\frac{é}{ü}");
    }
}
