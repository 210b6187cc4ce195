//! The share-link codec: typed, validated reading of a query string and canonical writing of
//! one. It knows no lab: each lab's link keys are read and written by that lab's own module with
//! the [`Decoder`] and [`Encoder`] here, and the app state ([`crate::state`]) puts them together.
//!
//! Decoding never fails: values are validated and clamped, and each value not taken as written
//! leaves a [`LinkWarning`] that the page shows ("2 settings in this link were out of range and
//! were reset"). Floats are written in Rust's shortest round-trip form, so a link reproduces the
//! exact bits it was made from.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::text::t;
use crate::tr;

/// The link format version this build writes and reads.
pub const LINK_VERSION: u32 = 1;
/// Links longer than this are cut before decoding (a defence against pasted garbage).
pub const MAX_LINK_BYTES: usize = 16 * 1024;
/// Values longer than this are ignored with a warning.
pub const MAX_VALUE_BYTES: usize = 64;

/// A closed set of values with a link key each (models, languages, answer orders …): the one
/// place a value's key is written, for links and for the page's controls alike.
pub trait Keyed: Copy + PartialEq + 'static {
    /// Every value, in the order controls list them.
    const ALL: &'static [Self];
    /// The value's key in links.
    fn key(self) -> &'static str;
    /// The value with this key (exact match).
    fn parse(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
    /// (key, value) pairs for [`Decoder::choice`] and [`Decoder::list`].
    fn options() -> Vec<(&'static str, Self)> {
        Self::ALL.iter().map(|v| (v.key(), *v)).collect()
    }
}

/// Why one setting of a link was not taken as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkWarning {
    /// A number outside its allowed range, clamped to the nearest bound.
    OutOfRange {
        key: String,
        value: String,
        used: String,
    },
    /// A value that could not be read at all; the default is used.
    Invalid {
        key: String,
        value: String,
        used: String,
    },
    /// A value longer than [`MAX_VALUE_BYTES`]; the default is used.
    TooLong {
        key: String,
        bytes: usize,
        used: String,
    },
    /// The link was made by a newer version of Cascade Lab.
    NewerVersion { version: String },
    /// The link itself was longer than [`MAX_LINK_BYTES`] and was cut.
    LinkTooLong { bytes: usize },
    /// The same key appeared more than once; the first value is used.
    Duplicate { key: String },
    /// A value read without regard to case ("SNOWBALL" for `snowball`).
    CaseFolded {
        key: String,
        value: String,
        used: String,
    },
}

impl LinkWarning {
    /// Whether this warning means a setting was reset (as opposed to a notice about the link).
    pub fn is_reset(&self) -> bool {
        matches!(
            self,
            LinkWarning::OutOfRange { .. }
                | LinkWarning::Invalid { .. }
                | LinkWarning::TooLong { .. }
        )
    }
}

impl LinkWarning {
    /// What to tell the visitor, worded when shown.
    pub fn message(&self) -> crate::text::Deferred {
        match self {
            LinkWarning::OutOfRange { key, value, used } => crate::msg!(
                "link.warning.out_of_range",
                key = key,
                value = value,
                used = used
            ),
            LinkWarning::Invalid { key, value, used } => crate::msg!(
                "link.warning.invalid",
                key = key,
                value = value,
                used = used
            ),
            LinkWarning::TooLong { key, bytes, used } => crate::msg!(
                "link.warning.too_long",
                key = key,
                bytes = bytes,
                max = MAX_VALUE_BYTES,
                used = used
            ),
            LinkWarning::NewerVersion { version } => {
                crate::msg!("link.warning.newer", version = version)
            }
            LinkWarning::LinkTooLong { bytes } => crate::msg!(
                "link.warning.link_too_long",
                bytes = bytes,
                max = MAX_LINK_BYTES
            ),
            LinkWarning::Duplicate { key } => {
                crate::msg!("link.warning.duplicate", key = key)
            }
            LinkWarning::CaseFolded { key, value, used } => {
                crate::msg!("link.warning.case", key = key, value = value, used = used)
            }
        }
    }
}

impl fmt::Display for LinkWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// The one-line summary the page shows above the details, or `None` when there is nothing to say.
pub fn warning_summary(warnings: &[LinkWarning]) -> Option<String> {
    if warnings.is_empty() {
        return None;
    }
    let resets = warnings.iter().filter(|w| w.is_reset()).count();
    Some(match resets {
        0 => t("link.summary.notice").to_string(),
        1 => t("link.summary.one").to_string(),
        n => tr!("link.summary.many", n = n),
    })
}

/// Reads typed values out of a query string, recording a warning for each one not taken.
pub struct Decoder {
    /// The link's key–value pairs (the first of each key).
    pub pairs: BTreeMap<String, String>,
    /// What was not taken as written so far.
    pub warnings: Vec<LinkWarning>,
    /// Every key looked up, in order (once each): decoding an empty link lists the keys a
    /// reader knows (the registry's guards read each lab's keys this way).
    pub asked: Vec<String>,
}

/// A value as a warning quotes it: printable, at most 24 characters.
pub fn shown(value: &str) -> String {
    // Keep warnings short and printable whatever the link held.
    let mut s: String = value.chars().filter(|c| !c.is_control()).take(24).collect();
    if value.chars().count() > 24 {
        s.push('…');
    }
    s
}

impl Decoder {
    pub fn new(link: &str) -> Self {
        let mut warnings = Vec::new();
        let mut link = link;
        if link.len() > MAX_LINK_BYTES {
            warnings.push(LinkWarning::LinkTooLong { bytes: link.len() });
            let mut cut = MAX_LINK_BYTES;
            while !link.is_char_boundary(cut) {
                cut -= 1;
            }
            link = &link[..cut];
        }
        // Accept a whole URL, a "?query", or a bare query; drop any fragment.
        let query = match link.find('?') {
            Some(i) => &link[i + 1..],
            None if link.contains('=') => link,
            None => "",
        };
        let query = query.split('#').next().unwrap_or("");
        let mut pairs = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            let key = k.into_owned();
            if pairs.contains_key(&key) {
                if !warnings
                    .iter()
                    .any(|w| matches!(w, LinkWarning::Duplicate { key: d } if *d == key))
                {
                    warnings.push(LinkWarning::Duplicate { key: shown(&key) });
                }
                continue;
            }
            pairs.insert(key, v.into_owned());
        }
        Self {
            pairs,
            warnings,
            asked: Vec::new(),
        }
    }

    /// The value of `key` as written, if present (recorded as asked).
    pub fn peek(&mut self, key: &str) -> Option<String> {
        if !self.asked.iter().any(|k| k == key) {
            self.asked.push(key.to_string());
        }
        self.pairs.get(key).cloned()
    }

    /// The raw value of `key` if present and not too long.
    pub fn raw(&mut self, key: &str, default_shown: &dyn Fn() -> String) -> Option<String> {
        let value = self.peek(key)?;
        if value.len() > MAX_VALUE_BYTES {
            self.warnings.push(LinkWarning::TooLong {
                key: key.to_string(),
                bytes: value.len(),
                used: default_shown(),
            });
            return None;
        }
        Some(value.trim().to_string())
    }

    pub fn f64(&mut self, key: &str, default: f64, min: f64, max: f64) -> f64 {
        let Some(raw) = self.raw(key, &|| fmt_f64(default)) else {
            return default;
        };
        match raw.parse::<f64>() {
            // A number too small for a float ("1e-400") reads as 0: say so, it is not what was
            // written.
            Ok(x)
                if x == 0.0
                    && raw
                        .split(['e', 'E'])
                        .next()
                        .is_some_and(|m| m.bytes().any(|b| (b'1'..=b'9').contains(&b))) =>
            {
                let used = 0.0f64.clamp(min, max);
                self.warnings.push(LinkWarning::OutOfRange {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: fmt_f64(used),
                });
                used
            }
            Ok(x) if x.is_finite() => {
                let clamped = x.clamp(min, max);
                if clamped != x {
                    self.warnings.push(LinkWarning::OutOfRange {
                        key: key.to_string(),
                        value: shown(&raw),
                        used: fmt_f64(clamped),
                    });
                }
                clamped
            }
            Ok(x) if x.is_infinite() => {
                let clamped = if x > 0.0 { max } else { min };
                self.warnings.push(LinkWarning::OutOfRange {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: fmt_f64(clamped),
                });
                clamped
            }
            _ => {
                self.warnings.push(LinkWarning::Invalid {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: fmt_f64(default),
                });
                default
            }
        }
    }

    pub fn u64(&mut self, key: &str, default: u64, min: u64, max: u64) -> u64 {
        let Some(raw) = self.raw(key, &|| default.to_string()) else {
            return default;
        };
        if let Ok(x) = raw.parse::<u64>() {
            let clamped = x.clamp(min, max);
            if clamped != x {
                self.warnings.push(LinkWarning::OutOfRange {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: clamped.to_string(),
                });
            }
            return clamped;
        }
        // Digits that overflow u64, or a whole number written as a float ("1e9"), are out of
        // range or clamped; anything else (negative, fractional, text) is invalid.
        let digits = raw.strip_prefix('+').unwrap_or(&raw);
        if let Ok(x) = raw.parse::<f64>() {
            if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x < 1.8e19 {
                let clamped = (x as u64).clamp(min, max);
                if clamped as f64 != x {
                    self.warnings.push(LinkWarning::OutOfRange {
                        key: key.to_string(),
                        value: shown(&raw),
                        used: clamped.to_string(),
                    });
                }
                return clamped;
            }
        }
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            self.warnings.push(LinkWarning::OutOfRange {
                key: key.to_string(),
                value: shown(&raw),
                used: max.to_string(),
            });
            return max;
        }
        self.warnings.push(LinkWarning::Invalid {
            key: key.to_string(),
            value: shown(&raw),
            used: default.to_string(),
        });
        default
    }

    pub fn choice<T: Copy + PartialEq>(
        &mut self,
        key: &str,
        default: T,
        options: &[(&str, T)],
    ) -> T {
        let default_name = options
            .iter()
            .find(|(_, v)| *v == default)
            .map(|(n, _)| n.to_string())
            .unwrap_or_else(|| t("link.used.default").into());
        let Some(raw) = self.raw(key, &|| default_name.clone()) else {
            return default;
        };
        match options
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&raw))
        {
            Some((name, v)) => {
                // Read without regard to case, but said: the canonical link writes the key.
                if *name != raw {
                    self.warnings.push(LinkWarning::CaseFolded {
                        key: key.to_string(),
                        value: shown(&raw),
                        used: name.to_string(),
                    });
                }
                *v
            }
            None => {
                self.warnings.push(LinkWarning::Invalid {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: default_name,
                });
                default
            }
        }
    }

    /// A comma-separated list of distinct options (at most `max`): unknown or repeated entries
    /// are dropped with a warning; an empty result falls back to the default.
    pub fn list<T: Copy + PartialEq>(
        &mut self,
        key: &str,
        default: &[T],
        options: &[(&str, T)],
        max: usize,
    ) -> Vec<T> {
        let name = |v: &T| {
            options
                .iter()
                .find(|(_, o)| o == v)
                .map(|(n, _)| *n)
                .unwrap_or("?")
        };
        let default_shown = default.iter().map(name).collect::<Vec<_>>().join(",");
        let Some(raw) = self.raw(key, &|| default_shown.clone()) else {
            return default.to_vec();
        };
        let mut out: Vec<T> = Vec::new();
        let mut bad = false;
        for item in raw.split(',') {
            match options
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(item.trim()))
            {
                Some((_, v)) if !out.contains(v) && out.len() < max => out.push(*v),
                _ => bad = true,
            }
        }
        if out.is_empty() {
            out = default.to_vec();
        }
        if bad {
            self.warnings.push(LinkWarning::Invalid {
                key: key.to_string(),
                value: shown(&raw),
                used: out.iter().map(name).collect::<Vec<_>>().join(","),
            });
        }
        out
    }

    pub fn flag(&mut self, key: &str, default: bool) -> bool {
        self.choice(
            key,
            default,
            &[("1", true), ("0", false), ("true", true), ("false", false)],
        )
    }
}

/// Formats a float in its shortest round-trip form.
pub fn fmt_f64(x: f64) -> String {
    // Both forms are shortest round-trip; pick the shorter ("1e-101" rather than 100 zeros).
    let plain = format!("{x}");
    let exp = format!("{x:e}");
    let s = if exp.len() < plain.len() { exp } else { plain };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// Writes `key=value` pairs for values that differ from their defaults.
pub struct Encoder {
    out: form_urlencoded::Serializer<'static, String>,
}

impl Default for Encoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Encoder {
    /// A link that starts with its version (`v=1`).
    pub fn new() -> Self {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("v", &LINK_VERSION.to_string());
        Self { out }
    }
    pub fn f64(&mut self, key: &str, value: f64, default: f64) {
        if value.to_bits() != default.to_bits() {
            self.out.append_pair(key, &fmt_f64(value));
        }
    }
    pub fn u64(&mut self, key: &str, value: u64, default: u64) {
        if value != default {
            self.out.append_pair(key, &value.to_string());
        }
    }
    pub fn str(&mut self, key: &str, value: &str, default: &str) {
        if value != default {
            self.out.append_pair(key, value);
        }
    }
    pub fn finish(mut self) -> String {
        self.out.finish()
    }
}

impl Decoder {
    /// A [`Keyed`] value (matched without regard to case).
    pub fn keyed<T: Keyed>(&mut self, key: &str, default: T) -> T {
        self.choice(key, default, &T::options())
    }

    /// A comma-separated list of distinct [`Keyed`] values, at most `max`.
    pub fn keyed_list<T: Keyed>(&mut self, key: &str, default: &[T], max: usize) -> Vec<T> {
        self.list(key, default, &T::options(), max)
    }
}

impl Encoder {
    /// A [`Keyed`] value, when it differs from the default.
    pub fn keyed<T: Keyed>(&mut self, key: &str, value: T, default: T) {
        self.str(key, value.key(), default.key());
    }

    /// A list of [`Keyed`] values, comma-separated, when it differs from the default.
    pub fn keyed_list<T: Keyed>(&mut self, key: &str, value: &[T], default: &[T]) {
        let join = |v: &[T]| v.iter().map(|x| x.key()).collect::<Vec<_>>().join(",");
        self.str(key, &join(value), &join(default));
    }

    /// A flag written as 1 or 0, when it differs from the default.
    pub fn flag(&mut self, key: &str, value: bool, default: bool) {
        let b = |x: bool| if x { "1" } else { "0" };
        self.str(key, b(value), b(default));
    }
}
