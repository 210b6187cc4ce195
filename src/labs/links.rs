//! The app state's share link: the shell's keys (page, seed, display modes, language, files,
//! lesson, hidden groups) read and written here, each lab's through the registry
//! ([`LabSpec::decode_link`](super::LabSpec::decode_link)), in the registry's order. Kept apart
//! from [`crate::state`] so that the state does not depend on the registry that depends on it.

use crate::link::{shown, Decoder, Encoder, LinkWarning, LINK_VERSION};
use crate::state::{AppState, Decoded, Lab, MAX_SEED, MAX_STAGE};
use crate::text::t;
use crate::tr;

impl Lab {
    /// The control groups of the page that a lesson link can hide (`hide=`), with the ids of
    /// their labels in `text/`.
    pub fn control_groups(self) -> &'static [(&'static str, &'static str)] {
        self.spec().map_or(&[], |s| s.control_groups())
    }

    /// The style rules that hide each control group named in `hide=`, made from every lab's
    /// registry ([`Lab::control_groups`]): a group a lab declares is hidden by the shell, with no
    /// rule to write by hand (`main[data-hide~="g"] [data-group="g"]`).
    pub fn hide_css() -> String {
        let mut names: Vec<&str> = Lab::ALL
            .iter()
            .flat_map(|l| l.control_groups().iter().map(|(g, _)| *g))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
            .iter()
            .map(|g| {
                format!("main[data-hide~=\"{g}\"] [data-group=\"{g}\"]{{display:none!important}}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `files`: `lab:hash` pairs (a 16-digit hex hash); malformed entries are dropped and reported.
fn decode_files(d: &mut Decoder) -> Vec<(Lab, String)> {
    let Some(raw) = d.peek("files") else {
        return Vec::new();
    };
    let mut out: Vec<(Lab, String)> = Vec::new();
    let mut bad = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|x| !x.is_empty()) {
        let parsed = item
            .split_once(':')
            .and_then(|(lab, hash)| Some((Lab::from_key(lab)?, hash)));
        match parsed {
            Some((lab, hash))
                if lab.loads_files()
                    && hash.len() == 16
                    && hash
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                    && out.len() < 8 =>
            {
                let pair = (lab, hash.to_string());
                if !out.contains(&pair) {
                    out.push(pair);
                }
            }
            _ => bad.push(item),
        }
    }
    if !bad.is_empty() {
        d.warnings.push(LinkWarning::Invalid {
            key: "files".into(),
            value: shown(&bad.join(",")),
            used: t("link.used.files").into(),
        });
    }
    out
}

/// `lang`: a language there are interface texts for (matched without regard to case).
fn decode_lang(d: &mut Decoder) -> String {
    let langs = crate::text::languages();
    let options: Vec<(&str, usize)> = langs.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    let i = d.choice("lang", 0, &options);
    langs
        .get(i)
        .copied()
        .unwrap_or(crate::text::DEFAULT)
        .to_string()
}

/// `hide`: known groups of the lab kept (in the lab's order), unknown ones reported.
fn decode_hide(d: &mut Decoder, lab: Lab) -> Vec<String> {
    let Some(raw) = d.peek("hide") else {
        return Vec::new();
    };
    let groups = lab.control_groups();
    let asked: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect();
    let kept: Vec<String> = groups
        .iter()
        .filter(|(g, _)| asked.contains(g))
        .map(|(g, _)| g.to_string())
        .collect();
    let unknown: Vec<&str> = asked
        .iter()
        .copied()
        .filter(|a| !groups.iter().any(|(g, _)| g == a))
        .collect();
    if !unknown.is_empty() {
        d.warnings.push(LinkWarning::Invalid {
            key: "hide".into(),
            value: shown(&unknown.join(",")),
            used: if groups.is_empty() {
                tr!("link.used.hide_none", lab = lab.key())
            } else {
                tr!(
                    "link.used.hide_known",
                    groups = groups.iter().map(|g| g.0).collect::<Vec<_>>().join(", ")
                )
            },
        });
    }
    kept
}

/// Lesson keys: lesson (a lab with a lesson), stage (1 … [`MAX_STAGE`]; its lesson's own
/// length is checked by [`crate::lessons`]). A lesson shows its lab.
fn decode_lesson(d: &mut Decoder, state: &mut AppState) {
    let options: Vec<(&str, Lab)> = Lab::ALL
        .into_iter()
        .filter(|l| l.has_lesson())
        .map(|l| (l.key(), l))
        .collect();
    let Some(raw) = d.peek("lesson") else {
        if let Some(v) = d.peek("stage") {
            d.warnings.push(LinkWarning::Invalid {
                key: "stage".into(),
                value: shown(&v),
                used: t("link.used.no_lesson").into(),
            });
        }
        return;
    };
    let Some(&(_, lab)) = options
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(raw.trim()))
    else {
        d.warnings.push(LinkWarning::Invalid {
            key: "lesson".into(),
            value: shown(&raw),
            used: tr!(
                "link.used.lessons",
                lessons = options.iter().map(|o| o.0).collect::<Vec<_>>().join(", ")
            ),
        });
        return;
    };
    state.lab = lab;
    state.lesson = Some(lab);
    state.stage = d.u64("stage", 1, 1, MAX_STAGE as u64) as u32;
}

impl AppState {
    /// Decodes a link (a whole URL, `?query` or bare query) as written. Never fails. A lesson
    /// stage's parameters are not applied here: open links with
    /// [`crate::lessons::decode_link`].
    pub fn decode(link: &str) -> Decoded {
        let mut d = Decoder::new(link);
        let state = Self::decode_from(&mut d, true);
        Decoded {
            state,
            warnings: d.warnings,
        }
    }

    /// The link keys the shell reads (those that are no lab's).
    pub fn shell_link_keys() -> Vec<String> {
        let mut d = Decoder::new("");
        Self::decode_from(&mut d, false);
        d.asked
    }

    /// Every link key [`AppState::decode`] reads: the shell's and every lab's.
    pub fn link_keys() -> Vec<String> {
        let mut d = Decoder::new("");
        Self::decode_from(&mut d, true);
        d.asked
    }

    /// The state `d` holds; the labs' parameters only `with_labs` (else their defaults).
    fn decode_from(d: &mut Decoder, with_labs: bool) -> AppState {
        if let Some(v) = d.peek("v") {
            match v.trim().parse::<u32>() {
                Ok(n) if n <= LINK_VERSION => {}
                Ok(_) => d
                    .warnings
                    .push(LinkWarning::NewerVersion { version: shown(&v) }),
                Err(_) => d.warnings.push(LinkWarning::Invalid {
                    key: "v".into(),
                    value: shown(&v),
                    used: LINK_VERSION.to_string(),
                }),
            }
        }
        let def = AppState::default();
        let mut state = AppState {
            lab: d.keyed("lab", def.lab),
            seed: d.u64("seed", def.seed, 0, MAX_SEED),
            embed: d.flag("embed", def.embed),
            projector: d.flag("proj", def.projector),
            lesson: None,
            stage: 1,
            hide: Vec::new(),
            text: d.flag("text", def.text),
            lang: decode_lang(d),
            files: decode_files(d),
            ..def
        };
        // Each lab reads its own keys (the registry's order).
        if with_labs {
            for lab in crate::labs::all() {
                lab.decode_link(d, &mut state);
            }
        }
        decode_lesson(d, &mut state);
        state.hide = decode_hide(d, state.lab);
        state
    }

    /// The query string (without `?`) holding this state: `v=1` then only non-default values.
    pub fn encode(&self) -> String {
        let def = AppState::default();
        let mut e = Encoder::new();
        e.keyed("lab", self.lab, def.lab);
        e.u64("seed", self.seed, def.seed);
        e.flag("embed", self.embed, false);
        e.flag("proj", self.projector, false);
        let groups = self.lab.control_groups();
        let hide: Vec<&str> = self
            .hide
            .iter()
            .map(String::as_str)
            .filter(|h| groups.iter().any(|g| g.0 == *h))
            .collect();
        e.str("hide", &hide.join(","), "");
        e.flag("text", self.text, true);
        e.str("lang", &self.lang, crate::text::DEFAULT);
        let files: Vec<String> = self
            .files
            .iter()
            .map(|(l, h)| format!("{}:{h}", l.key()))
            .collect();
        e.str("files", &files.join(","), "");
        if let Some(l) = self.lesson {
            e.str("lesson", l.key(), "");
            e.u64("stage", self.stage as u64, 1);
        }
        for lab in crate::labs::all() {
            lab.encode_link(self, &mut e);
        }
        e.finish()
    }
}
