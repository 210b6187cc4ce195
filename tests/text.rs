//! The interface-text catalogs: every id the code asks for exists in English, every English text
//! is used, `tr!` fills exactly the placeholders its text has, and every translation file has
//! only known ids with the same placeholders as English.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use cascade_lab::text::placeholders;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = fs::read_to_string(&p).unwrap_or_default();
            out.push((p.display().to_string(), text));
        }
    }
}

fn catalog(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// String literals of a source file (enough of Rust's syntax for ours: no raw strings hold ids).
fn literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let (mut i, mut out) = (0, Vec::new());
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal ('"', '\'', 'x') or a lifetime.
                if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') {
                    i += 4;
                } else {
                    i += 1;
                }
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                out.push((start - 1, src[start..i.min(b.len())].to_string()));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The argument names of each `tr!("id", name = …, …)` and `msg!("id", …)` call (a deferred
/// text is filled the same way when it is shown).
fn tr_calls(src: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let calls = src
        .match_indices("tr!(")
        .map(|(at, m)| (at, m.len()))
        .chain(src.match_indices("msg!(").map(|(at, m)| (at, m.len())));
    for (at, len) in calls {
        let before = src[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let body_start = at + len;
        let (mut depth, mut end) = (1, body_start);
        let mut in_str = false;
        let bytes = src.as_bytes();
        while end < bytes.len() && depth > 0 {
            match bytes[end] {
                b'\\' if in_str => end += 1,
                b'"' => in_str = !in_str,
                b'(' | b'[' | b'{' if !in_str => depth += 1,
                b')' | b']' | b'}' if !in_str => depth -= 1,
                _ => {}
            }
            end += 1;
        }
        let body = &src[body_start..end.saturating_sub(1)];
        let Some(id) = body
            .trim_start()
            .strip_prefix('"')
            .and_then(|r| r.split('"').next())
        else {
            continue;
        };
        // Top-level `name = value` pairs.
        let (mut names, mut depth, mut in_str) = (BTreeSet::new(), 0, false);
        let mut segment = String::new();
        for c in body.chars().chain(std::iter::once(',')) {
            match c {
                '"' => in_str = !in_str,
                '(' | '[' | '{' if !in_str => depth += 1,
                ')' | ']' | '}' if !in_str => depth -= 1,
                ',' if !in_str && depth == 0 => {
                    if let Some((name, _)) = segment.split_once('=') {
                        let name = name.trim();
                        if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                            names.insert(name.to_string());
                        }
                    }
                    segment.clear();
                    continue;
                }
                _ => {}
            }
            segment.push(c);
        }
        out.push((id.to_string(), names));
    }
    out
}

#[test]
fn every_text_is_defined_used_and_filled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let english = catalog(&root.join("text/en.json"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    assert!(files.len() > 20, "sources not found");

    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for (path, src) in &files {
        // Ids asked for by t("…") must exist (text.rs itself tests an unknown id on purpose).
        let own = path.ends_with("src/text.rs");
        for (at, lit) in literals(src) {
            if english.contains_key(&lit) {
                used.insert(lit.clone());
            }
            if own {
                continue;
            }
            let head = src[..at].trim_end();
            let called = head.ends_with("t(")
                && !head[..head.len() - 2]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if called && !english.contains_key(&lit) && lit.contains('.') {
                problems.push(format!("{path}: t(\"{lit}\") has no English text"));
            }
            if called
                && english
                    .get(&lit)
                    .is_some_and(|t| !placeholders(t).is_empty())
            {
                problems.push(format!("{path}: t(\"{lit}\") has placeholders: use tr!"));
            }
        }
        for (id, names) in tr_calls(src).into_iter().filter(|_| !own) {
            match english.get(&id) {
                None => problems.push(format!("{path}: tr!(\"{id}\") has no English text")),
                Some(text) => {
                    let wanted: BTreeSet<String> =
                        placeholders(text).into_iter().map(str::to_string).collect();
                    if wanted != names {
                        problems.push(format!(
                            "{path}: tr!(\"{id}\") fills {names:?}, the text has {wanted:?}"
                        ));
                    }
                }
            }
        }
    }
    for id in english.keys() {
        if !used.contains(id) {
            problems.push(format!("text/en.json: {id} is not used by any code"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(english.len() > 300, "only {} texts", english.len());
}

#[test]
fn translations_have_known_ids_and_the_same_placeholders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let english = catalog(&root.join("text/en.json"));
    let mut problems = Vec::new();
    for entry in fs::read_dir(root.join("text"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "json") || path.ends_with("en.json") {
            continue;
        }
        for (id, text) in catalog(&path) {
            match english.get(&id) {
                None => problems.push(format!("{}: unknown id {id}", path.display())),
                Some(en) if placeholders(en) != placeholders(&text) => problems.push(format!(
                    "{}: {id} has placeholders {:?}, English has {:?}",
                    path.display(),
                    placeholders(&text),
                    placeholders(en)
                )),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every file in text/ is a language the page offers, with its own name.
    for code in cascade_lab::text::languages() {
        assert!(
            cascade_lab::text::language_name(code) != "?",
            "{code} has no app.language.name"
        );
    }
}
