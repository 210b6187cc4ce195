//! The app state: everything a share link holds (the page, the seed, the display modes, the
//! lesson, the files behind the view, and each lab's parameters), with its canonical link.
//!
//! Only the shell's keys are read here; each lab reads and writes its own keys in its `link`
//! module, with the generic codec of [`crate::link`]. Two labs can never claim the same key:
//! `tests/link_fuzz.rs` checks that every key is written by one lab only. Applying a lesson
//! stage's parameters is the lessons' business ([`crate::lessons::decode_link`]).

use serde::{Deserialize, Serialize};

use crate::link::{shown, Decoder, Encoder, Keyed, LinkWarning, LINK_VERSION};
use crate::rng::DEFAULT_SEED;
use crate::text::t;
use crate::tr;

/// Which page is showing: a lab, or one of the pages beside them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lab {
    #[default]
    Resampling,
    Snowball,
    Telephone,
    Search,
    Analyze,
    About,
}

impl Keyed for Lab {
    const ALL: &'static [Self] = &Lab::ALL;
    fn key(self) -> &'static str {
        Lab::key(self)
    }
}

impl Lab {
    /// Every page, in navigation order.
    pub const ALL: [Lab; 6] = [
        Lab::Resampling,
        Lab::Snowball,
        Lab::Telephone,
        Lab::Search,
        Lab::Analyze,
        Lab::About,
    ];

    /// The value of the `lab` key.
    pub fn key(self) -> &'static str {
        match self {
            Lab::Resampling => "resampling",
            Lab::Snowball => "snowball",
            Lab::Telephone => "telephone",
            Lab::Search => "search",
            Lab::Analyze => "analyze",
            Lab::About => "about",
        }
    }

    /// The id of the navigation label in `text/`.
    pub fn title_id(self) -> &'static str {
        match self {
            Lab::Resampling => "app.lab.resampling",
            Lab::Snowball => "app.lab.snowball",
            Lab::Telephone => "app.lab.telephone",
            Lab::Search => "app.lab.search",
            Lab::Analyze => "app.lab.analyze",
            Lab::About => "app.lab.about",
        }
    }

    /// The navigation label.
    pub fn title(self) -> &'static str {
        t(self.title_id())
    }

    /// The page named by a `lab` value, if any.
    pub fn from_key(key: &str) -> Option<Lab> {
        <Lab as Keyed>::parse(key)
    }

    /// The control groups of the page that a lesson link can hide (`hide=`), with the ids of
    /// their labels in `text/`.
    pub fn control_groups(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lab::Resampling => crate::labs::resampling::link::CONTROL_GROUPS,
            Lab::Snowball => crate::labs::snowball::link::CONTROL_GROUPS,
            Lab::Telephone => crate::labs::telephone::link::CONTROL_GROUPS,
            Lab::Search => crate::labs::search::link::CONTROL_GROUPS,
            Lab::Analyze | Lab::About => &[],
        }
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

    /// Whether the page has a guided lesson (`lesson=<key>`); its stages are in the lab's module.
    pub fn has_lesson(self) -> bool {
        match self {
            Lab::Resampling | Lab::Snowball | Lab::Telephone | Lab::Search => true,
            Lab::Analyze | Lab::About => false,
        }
    }

    /// Whether the page loads files (their hashes go in the `files` key).
    pub fn loads_files(self) -> bool {
        match self {
            Lab::Analyze | Lab::Snowball | Lab::Telephone | Lab::Search => true,
            Lab::Resampling | Lab::About => false,
        }
    }

    /// Whether the page holds several files at once (each adds curves) rather than one.
    pub fn holds_several_files(self) -> bool {
        match self {
            Lab::Analyze | Lab::Search => true,
            Lab::Snowball | Lab::Telephone | Lab::Resampling | Lab::About => false,
        }
    }
}

/// Everything a share link holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppState {
    /// The page showing.
    pub lab: Lab,
    /// The seed of every random stream.
    pub seed: u64,
    /// Embed mode: no header or navigation (for iframes).
    pub embed: bool,
    /// Projector mode: large type, thick lines, high contrast (for a lecture hall).
    pub projector: bool,
    /// The guided lesson shown, if any (the lab it belongs to).
    pub lesson: Option<Lab>,
    /// Its stage, 1-based.
    pub stage: u32,
    /// Control groups hidden (lesson links; names from [`Lab::control_groups`]).
    pub hide: Vec<String>,
    /// Narrative text shown (lesson links may turn it off).
    pub text: bool,
    /// The language of the interface text (a file in `text/`, or the pseudo-language `en-XA`).
    pub lang: String,
    /// Files the view was made with, as (page, content hash): whoever opens the link and loads
    /// a different file is warned. Never the files themselves.
    pub files: Vec<(Lab, String)>,
    /// The resampling lab's parameters.
    pub resampling: crate::labs::resampling::sim::ResamplingParams,
    /// The snowball lab's parameters.
    pub snowball: crate::labs::snowball::sim::SnowballParams,
    /// The telephone lab's parameters.
    pub telephone: crate::labs::telephone::sim::TelephoneParams,
    /// The search lab's parameters.
    pub search: crate::labs::search::sim::SearchParams,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            lab: Lab::default(),
            seed: DEFAULT_SEED,
            embed: false,
            projector: false,
            lesson: None,
            stage: 1,
            hide: Vec::new(),
            text: true,
            lang: crate::text::DEFAULT.to_string(),
            files: Vec::new(),
            resampling: Default::default(),
            snowball: Default::default(),
            telephone: Default::default(),
            search: Default::default(),
        }
    }
}

/// The result of decoding a link.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decoded {
    /// The state to show.
    pub state: AppState,
    /// What was not taken as written.
    pub warnings: Vec<LinkWarning>,
}

/// Lesson stages a link can name before the lesson itself is known ([`crate::lessons`] keeps
/// the stage within its lesson).
pub const MAX_STAGE: u32 = 1000;

/// `files`: `lab:hash` pairs (a 16-digit hex hash); malformed entries are dropped and reported.
fn decode_files(d: &mut Decoder) -> Vec<(Lab, String)> {
    let Some(raw) = d.pairs.get("files").cloned() else {
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
    let Some(raw) = d.pairs.get("hide").cloned() else {
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
    let Some(raw) = d.pairs.get("lesson").cloned() else {
        if let Some(v) = d.pairs.get("stage").cloned() {
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
        if let Some(v) = d.pairs.get("v").cloned() {
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
            lang: decode_lang(&mut d),
            files: decode_files(&mut d),
            resampling: crate::labs::resampling::link::decode(&mut d),
            snowball: crate::labs::snowball::link::decode(&mut d),
            telephone: crate::labs::telephone::link::decode(&mut d),
            search: crate::labs::search::link::decode(&mut d),
        };
        decode_lesson(&mut d, &mut state);
        state.hide = decode_hide(&mut d, state.lab);
        Decoded {
            state,
            warnings: d.warnings,
        }
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
        crate::labs::resampling::link::encode(&self.resampling, &mut e);
        crate::labs::snowball::link::encode(&self.snowball, &mut e);
        crate::labs::telephone::link::encode(&self.telephone, &mut e);
        crate::labs::search::link::encode(&self.search, &mut e);
        e.finish()
    }
}

/// Seeds are kept below 2^53 so that JavaScript tools reading links see them exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::resampling::sim::{DifficultyModel, ResamplingParams};
    use crate::link::warning_summary;

    #[test]
    fn default_state_encodes_to_version_only() {
        assert_eq!(AppState::default().encode(), "v=1");
        let d = AppState::decode("v=1");
        assert_eq!(d.state, AppState::default());
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn round_trip_keeps_exact_bits() {
        let mut s = AppState {
            lab: Lab::Snowball,
            seed: 12345,
            embed: true,
            projector: true,
            ..Default::default()
        };
        s.resampling.lambda = 0.1 + 0.2; // not representable as a short decimal
        s.resampling.k_max = 17;
        s.resampling.difficulty = DifficultyModel::TwoType;
        let q = s.encode();
        let d = AppState::decode(&format!("https://x.org/sub/?{q}#frag"));
        assert_eq!(d.state, s);
        assert_eq!(
            d.state.resampling.lambda.to_bits(),
            (0.1f64 + 0.2).to_bits()
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn out_of_range_values_are_clamped_and_reported() {
        let d = AppState::decode("?v=1&lam=1e9&k=0&s=-3&zzz=1");
        let lim = ResamplingParams::LIMITS;
        assert_eq!(d.state.resampling.lambda, lim.lambda_max);
        assert_eq!(d.state.resampling.k_max, 1);
        assert_eq!(d.state.resampling.soundness, 0.0);
        assert_eq!(d.warnings.len(), 3, "{:?}", d.warnings);
        assert_eq!(
            warning_summary(&d.warnings).as_deref(),
            Some("3 settings in this link were out of range and were reset.")
        );
    }

    #[test]
    fn hostile_values_fall_back_to_defaults() {
        let long = "9".repeat(10_000);
        for link in [
            "seed=-5".to_string(),
            "lam=NaN".to_string(),
            "lam=%FF%FE".to_string(),
            "lam=%zz".to_string(),
            format!("lam={long}"),
            "seed=99999999999999999999999".to_string(),
            "lab=nowhere".to_string(),
            "lam=inf".to_string(),
        ] {
            let d = AppState::decode(&link);
            assert!(!d.warnings.is_empty(), "{link}");
            assert!(d.state.resampling.lambda.is_finite());
            assert!(d.state.seed <= MAX_SEED);
        }
    }

    #[test]
    fn newer_version_and_duplicates_are_noticed() {
        let d = AppState::decode("v=7&lab=about&lab=snowball");
        assert_eq!(d.state.lab, Lab::About);
        assert!(d
            .warnings
            .iter()
            .any(|w| matches!(w, LinkWarning::NewerVersion { .. })));
        assert!(d
            .warnings
            .iter()
            .any(|w| matches!(w, LinkWarning::Duplicate { .. })));
    }

    #[test]
    fn case_folded_values_and_underflowing_numbers_are_reported() {
        // Regression: `lab=SNOWBALL` and `lam=1e-400` were taken silently.
        let d = AppState::decode("lab=SNOWBALL&lam=1e-400&kap=0e5");
        assert_eq!(d.state.lab, Lab::Snowball);
        assert_eq!(d.state.resampling.lambda, 0.0);
        assert!(d.warnings.iter().any(
            |w| matches!(w, LinkWarning::CaseFolded { key, used, .. } if key == "lab" && used == "snowball")
        ), "{:?}", d.warnings);
        assert!(
            d.warnings
                .iter()
                .any(|w| matches!(w, LinkWarning::OutOfRange { key, .. } if key == "lam")),
            "{:?}",
            d.warnings
        );
        assert!(
            !d.warnings.iter().any(|w| format!("{w:?}").contains("kap")),
            "0e5 is zero as written"
        );
        assert_eq!(d.warnings.len(), 2);
        assert_eq!(AppState::decode(&d.state.encode()).warnings, vec![]);
    }

    #[test]
    fn huge_links_are_cut_not_refused() {
        let link = format!("lab=about&x={}", "a".repeat(100_000));
        let d = AppState::decode(&link);
        assert_eq!(d.state.lab, Lab::About);
        assert!(d
            .warnings
            .iter()
            .any(|w| matches!(w, LinkWarning::LinkTooLong { .. })));
    }
}
