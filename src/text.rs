//! All interface text, keyed by id.
//!
//! The words the page shows live in `text/<language>.json` — one flat object from id to text,
//! `{name}` marking a value filled in at run time — never in the view code, so a translation is a
//! new file in `text/` and touches no code (the build embeds whatever files are there). Ids are
//! grouped by page: `app.*`, `resampling.*`, `snowball.*`, `telephone.*`, `analyze.*`, `about.*`,
//! `lesson.*`, `chart.*`.
//!
//! A text missing from a translation falls back to English, and one missing from English (a bug
//! the tests catch) shows its id. The pseudo-language `en-XA` (not a file) wraps every English
//! text in ⟦ ⟧ with accented letters: a page viewed in it shows at a glance any text that does not
//! come from here.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The catalogs found in `text/` at build time, as (code, JSON).
const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The language every other falls back to.
pub const DEFAULT: &str = "en";
/// The pseudo-language made from English (for finding text that bypasses the catalog).
pub const PSEUDO: &str = "en-XA";

/// One language's texts.
#[derive(Debug)]
pub struct Catalog {
    pub code: String,
    pub messages: BTreeMap<String, String>,
    /// Why the file could not be read, if it could not (then it is empty).
    pub error: Option<String>,
}

fn parse(code: &str, json: &str) -> Catalog {
    match serde_json::from_str::<BTreeMap<String, String>>(json) {
        Ok(messages) => Catalog {
            code: code.into(),
            messages,
            error: None,
        },
        Err(e) => Catalog {
            code: code.into(),
            messages: BTreeMap::new(),
            error: Some(e.to_string()),
        },
    }
}

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

/// Every catalog: English first, then the other files, then the pseudo-language.
pub fn catalogs() -> &'static [Catalog] {
    static ALL: OnceLock<Vec<Catalog>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Catalog> = Vec::new();
        let english = FILES
            .iter()
            .find(|(c, _)| *c == DEFAULT)
            .map(|(c, j)| parse(c, j));
        let english = english.unwrap_or_else(|| parse(DEFAULT, "{}"));
        let pseudo = Catalog {
            code: PSEUDO.into(),
            messages: english
                .messages
                .iter()
                .map(|(k, v)| (k.clone(), pseudo(v)))
                .collect(),
            error: None,
        };
        all.push(english);
        all.extend(
            FILES
                .iter()
                .filter(|(c, _)| *c != DEFAULT)
                .map(|(c, j)| parse(c, j)),
        );
        all.push(pseudo);
        all
    })
}

static CURRENT: AtomicUsize = AtomicUsize::new(0);

/// The language codes there are texts for (English first).
pub fn languages() -> Vec<&'static str> {
    catalogs().iter().map(|c| c.code.as_str()).collect()
}

/// Whether `code` names a language there are texts for.
pub fn is_language(code: &str) -> bool {
    catalogs().iter().any(|c| c.code == code)
}

/// A language's name in that language (the pseudo-language's in the current one).
pub fn language_name(code: &str) -> &'static str {
    if code == PSEUDO {
        return t("app.language.pseudo");
    }
    catalogs()
        .iter()
        .find(|c| c.code == code)
        .and_then(|c| c.messages.get("app.language.name"))
        .map_or("?", String::as_str)
}

/// Shows texts in `code` from now on; an unknown code leaves English (and returns false).
pub fn set_language(code: &str) -> bool {
    let found = catalogs().iter().position(|c| c.code == code);
    CURRENT.store(found.unwrap_or(0), Ordering::Relaxed);
    found.is_some()
}

/// The language texts are shown in.
pub fn language() -> &'static str {
    let all = catalogs();
    all.get(CURRENT.load(Ordering::Relaxed))
        .map_or(DEFAULT, |c| c.code.as_str())
}

/// The text with this id in the current language (English if it has none, the id if English has
/// none).
pub fn t(id: &'static str) -> &'static str {
    let all = catalogs();
    let current = all.get(CURRENT.load(Ordering::Relaxed));
    current
        .and_then(|c| c.messages.get(id))
        .or_else(|| all.first().and_then(|c| c.messages.get(id)))
        .map_or(id, String::as_str)
}

/// The text with this id, each `{name}` replaced by its value (an unknown `{name}` is kept).
pub fn fill(id: &'static str, args: &[(&str, &dyn Display)]) -> String {
    let text = t(id);
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
        let fake = catalogs()
            .iter()
            .find(|c| c.code == PSEUDO)
            .map(|c| &c.messages);
        let english = catalogs().first().map(|c| &c.messages);
        let (Some(fake), Some(english)) = (fake, english) else {
            panic!("no catalogs")
        };
        assert_eq!(fake.len(), english.len());
        assert_eq!(
            fake.get("app.upload.reading").map(String::as_str),
            Some("⟦Réádíng {name} ({size})…⟧")
        );
    }

    #[test]
    fn unknown_ids_and_languages_fall_back() {
        assert_eq!(t("no.such.id"), "no.such.id");
        assert!(!is_language("xx-unknown"));
        assert!(is_language(DEFAULT) && is_language(PSEUDO));
        assert_eq!(languages().first(), Some(&DEFAULT));
    }
}
