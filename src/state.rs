//! The app state: everything a share link holds (the page, the seed, the display modes, the
//! lesson, the files behind the view, and each lab's parameters), with its canonical link.
//!
//! The link itself is read and written in [`crate::labs::links`]: the shell's keys there, each
//! lab's in its own `link` module through the registry. Two labs can never claim the same key:
//! a test decodes an empty link per lab and checks that no key is read by two of them or by a
//! lab and the shell. Applying a lesson stage's parameters is the lessons' business
//! ([`crate::lessons::decode_link`]).

use serde::{Deserialize, Serialize};

use crate::link::{Keyed, LinkWarning};
use crate::rng::DEFAULT_SEED;
use crate::text::t;

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
