//! Guided lessons: for each lab a few stages, each setting the parameters, asking the learner to
//! predict a number the page is about to show, then revealing it with the size of the miss.
//! The stages themselves live in each lab's folder ([`crate::labs::LabSpec::lesson`]); here is
//! what every lesson shares: stages in links (`lesson=<lab>&stage=<n>`), applying a stage's
//! parameters when a link is opened, and the miss in words. The truth of a stage is the page's
//! own number for that state ([`crate::golden::page_numbers`]).

use crate::charts::format_tick;
pub use crate::labs::spec::{Ask, Lesson, Stage, Unit};
use crate::link::{shown, LinkWarning};
use crate::state::{AppState, Decoded, Lab};
use crate::text::t;
use crate::tr;

/// The lesson of `lab`, if it has one.
pub fn lesson(lab: Lab) -> Option<Lesson> {
    lab.spec()?.lesson()
}

/// The labs that have a lesson.
pub fn lesson_labs() -> Vec<Lab> {
    Lab::ALL
        .into_iter()
        .filter(|l| lesson(*l).is_some())
        .collect()
}

/// The state of stage `stage` (1-based) of `lab`'s lesson: the lab shown, the stage's
/// parameters, the seed kept.
pub fn stage_state(base: &AppState, lab: Lab, stage: u32) -> Option<AppState> {
    let l = lesson(lab)?;
    let st = l.stages.get(stage.checked_sub(1)? as usize)?;
    let mut s = base.clone();
    s.lab = lab;
    s.lesson = Some(lab);
    s.stage = stage;
    (st.apply)(&mut s);
    Some(s)
}

/// Decodes a link as the page opens it: [`AppState::decode`], then the lesson it names is
/// checked (a stage past the lesson's last is clamped) and, when the link carries none of the
/// lab's parameters, the stage's parameters are applied.
pub fn decode_link(link: &str) -> Decoded {
    let mut d = AppState::decode(link);
    let Some(lab) = d.state.lesson else {
        return d;
    };
    let Some(l) = lesson(lab) else {
        d.state.lesson = None;
        d.state.stage = 1;
        return d;
    };
    let n = l.stages.len().max(1) as u32;
    if d.state.stage > n {
        // One warning for the stage, whether the link's number was already clamped or not.
        let clamped = d.warnings.iter_mut().find_map(|w| match w {
            LinkWarning::OutOfRange { key, used, .. } if key == "stage" => Some(used),
            _ => None,
        });
        match clamped {
            Some(used) => *used = n.to_string(),
            None => d.warnings.push(LinkWarning::OutOfRange {
                key: "stage".into(),
                value: shown(&d.state.stage.to_string()),
                used: n.to_string(),
            }),
        }
        d.state.stage = n;
    }
    let untouched = lab
        .spec()
        .is_some_and(|spec| spec.params_are_default(&d.state));
    if untouched {
        if let Some(s) = stage_state(&d.state, lab, d.state.stage) {
            d.state = s;
        }
    }
    d
}

/// A typed prediction in the unit's scale ("55.9", "55,9 %" → 0.559 for a share; `None` when
/// nothing readable was typed).
pub fn parse_guess(raw: &str, unit: Unit) -> Option<f64> {
    let g = raw
        .trim()
        .trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|g| g.is_finite())?;
    Some(match unit {
        Unit::Percent => g / 100.0,
        Unit::Number => g,
    })
}

/// The reveal of a stage in words: the miss, or the truth alone when nothing was guessed.
pub fn reveal_text(unit: Unit, guess: Option<f64>, truth: Option<f64>) -> String {
    match guess {
        Some(g) => miss(unit, g, truth),
        None => tr!("lesson.no_guess", truth = show(unit, truth)),
    }
}

/// A value as the stage shows it ("55.9 %", "3").
pub fn show(unit: Unit, v: Option<f64>) -> String {
    match (unit, v) {
        (_, None) => t("widget.metric.na").into(),
        (Unit::Percent, Some(v)) => format!("{:.1} %", 100.0 * v),
        (Unit::Number, Some(v)) => crate::charts::format_tick(v),
    }
}

/// The miss of a prediction, in words ("you said 40 %, it is 55.9 %: 15.9 points low").
pub fn miss(unit: Unit, guess: f64, truth: Option<f64>) -> String {
    let Some(t) = truth else {
        return t("lesson.miss.none").into();
    };
    match unit {
        Unit::Percent => {
            let d = 100.0 * (guess - t);
            let truth = format!("{:.1}", 100.0 * t);
            let guess = format!("{:.1}", 100.0 * guess);
            let off = format!("{:.1}", d.abs());
            if d.abs() < 0.05 {
                tr!("lesson.miss.percent.exact", truth = truth)
            } else if d > 0.0 {
                tr!(
                    "lesson.miss.percent.high",
                    truth = truth,
                    guess = guess,
                    off = off
                )
            } else {
                tr!(
                    "lesson.miss.percent.low",
                    truth = truth,
                    guess = guess,
                    off = off
                )
            }
        }
        Unit::Number => {
            let d = guess - t;
            if d.abs() < 1e-9 * t.abs().max(1.0) {
                tr!("lesson.miss.number.exact", truth = format_tick(t))
            } else {
                tr!(
                    "lesson.miss.number.off",
                    truth = format_tick(t),
                    guess = format_tick(guess),
                    off = format_tick(d.abs())
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::golden::page_numbers;
    use crate::state::MAX_STAGE;

    /// Every stage explains its answer: a catalog text with the revealed number in it.
    #[test]
    fn every_stage_says_why_with_its_number() {
        for lab in lesson_labs() {
            let l = lesson(lab).unwrap();
            for st in &l.stages {
                let text = crate::text::t(st.why);
                assert_ne!(text, st.why, "{} has no text", st.why);
                assert!(text.contains("{truth}"), "{}: {text}", st.why);
                assert!(!st.chart.is_empty());
            }
        }
    }

    #[test]
    fn every_stage_has_a_number_to_reveal_and_round_trips_through_a_link() {
        for lab in lesson_labs() {
            let l = lesson(lab).unwrap();
            assert!((4..=6).contains(&l.stages.len()), "{}", l.title);
            for (i, st) in l.stages.iter().enumerate() {
                let s = stage_state(&AppState::default(), lab, i as u32 + 1).unwrap();
                let truth = page_numbers(&s).get(st.ask.metric).copied().flatten();
                assert!(
                    truth.is_some(),
                    "{} / {}: no {}",
                    l.title,
                    st.title,
                    st.ask.metric
                );
                let back = decode_link(&s.encode());
                assert!(back.warnings.is_empty());
                assert_eq!(back.state, s, "{} / {}", l.title, st.title);
            }
        }
    }

    #[test]
    fn the_registry_and_the_link_agree_on_which_labs_have_lessons() {
        for lab in Lab::ALL {
            assert_eq!(lab.has_lesson(), lesson(lab).is_some(), "{lab:?}");
            if let Some(l) = lesson(lab) {
                assert!(l.stages.len() as u32 <= MAX_STAGE);
                assert_eq!(l.lab, lab);
            }
        }
    }

    #[test]
    fn a_stage_link_gets_the_stage_parameters_and_a_stage_past_the_end_is_clamped() {
        let d = decode_link("lesson=resampling&stage=3");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert_eq!(d.state.lab, Lab::Resampling);
        assert_eq!(d.state.resampling.lambda, 4.0);
        let d = decode_link("lesson=snowball&stage=42");
        assert_eq!(d.state.stage, 5);
        assert!(matches!(
            d.warnings.as_slice(),
            [LinkWarning::OutOfRange { key, .. }] if key == "stage"
        ));
        // A link that carries the lab's parameters keeps them.
        let d = decode_link("lesson=resampling&stage=3&lam=2");
        assert_eq!(d.state.resampling.lambda, 2.0);
        assert_eq!(d.state.lesson, Some(Lab::Resampling));
    }

    #[test]
    fn guesses_are_read_in_the_unit_of_the_question() {
        assert_eq!(parse_guess(" 55,9 % ", Unit::Percent), Some(55.9 / 100.0));
        assert_eq!(parse_guess("3", Unit::Number), Some(3.0));
        assert_eq!(parse_guess("", Unit::Number), None);
        assert_eq!(parse_guess("inf", Unit::Percent), None);
        assert_eq!(parse_guess("lots", Unit::Percent), None);
        assert!(reveal_text(Unit::Percent, None, Some(0.5)).contains("50.0 %"));
    }

    #[test]
    fn misses_in_words() {
        assert_eq!(
            miss(Unit::Percent, 0.4, Some(0.559)),
            "It is 55.9 %; you said 40.0 % — 15.9 points low."
        );
        assert_eq!(miss(Unit::Number, 2.0, Some(2.0)), "It is 2 — spot on.");
        assert_eq!(
            miss(Unit::Number, 5.0, Some(1.0)),
            "It is 1; you said 5 — off by 4."
        );
    }
}
