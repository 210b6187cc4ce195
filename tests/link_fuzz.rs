//! Property tests: the link decoder never panics, always yields values in range, and
//! re-encoding what it decoded is a fixed point.
#![cfg(not(target_arch = "wasm32"))]

use cascade_lab::labs::resampling::sim::ResamplingParams;
use cascade_lab::state::{AppState, MAX_SEED};
use proptest::prelude::*;

fn in_range(s: &AppState) -> bool {
    let r = &s.resampling;
    let lim = ResamplingParams::LIMITS;
    s.seed <= MAX_SEED
        && [r.alpha, r.beta]
            .iter()
            .all(|x| (lim.shape.0..=lim.shape.1).contains(x))
        && [r.p1, r.r1, r.r2, r.soundness, r.hard_drop, r.completeness]
            .iter()
            .all(|x| (0.0..=1.0).contains(x))
        && (0.0..=lim.lambda_max).contains(&r.lambda)
        && (0.0..=lim.kappa_max).contains(&r.kappa)
        && (1..=lim.k_max).contains(&r.k_max)
        && r.benchmarks <= lim.benchmarks_max
        && (1..=lim.tasks_max).contains(&r.tasks)
        && (1..=cascade_lab::labs::snowball::sim::SnowballParams::MAX_STEPS)
            .contains(&s.snowball.steps)
        && [
            s.snowball.base_error,
            s.snowball.step_error,
            s.snowball.committed_error,
            s.snowball.recognition,
            s.snowball.false_alarm,
            s.snowball.detection,
            s.snowball.retry_success,
        ]
        .iter()
        .all(|x| (0.0..=1.0).contains(x))
        && telephone_in_range(&s.telephone)
        && match s.lesson {
            None => s.stage == 1,
            Some(l) => {
                s.lab == l
                    && (1..=cascade_lab::lessons::lesson(l).map_or(0, |x| x.stages.len()) as u32)
                        .contains(&s.stage)
            }
        }
}

fn telephone_in_range(t: &cascade_lab::labs::telephone::sim::TelephoneParams) -> bool {
    use cascade_lab::labs::telephone::sim::TelephoneParams as P;
    (1..=3).contains(&t.models.len())
        && (1..=4).contains(&t.langs.len())
        && t.temperature.is_none_or(|x| (0.0..=2.0).contains(&x))
        && (1..=P::MAX_ITERATIONS).contains(&t.iterations)
        && (5..=P::MAX_FACTS).contains(&t.facts)
        && (0.0..=1.0).contains(&t.mutate)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_decode_safely(link in ".{0,300}") {
        let d = AppState::decode(&link);
        prop_assert!(in_range(&d.state));
        let again = AppState::decode(&d.state.encode());
        prop_assert_eq!(&again.state, &d.state);
        prop_assert!(again.warnings.is_empty());
    }

    #[test]
    fn random_values_for_known_keys_decode_safely(
        // Every key the app reads — the shell's and every registered lab's — from the
        // decoder itself, so a new lab's keys are fuzzed the moment it is registered.
        key in prop::sample::select(AppState::link_keys()),
        value in prop_oneof![".{0,40}", "-?[0-9]{1,30}(\\.[0-9]{0,10})?(e-?[0-9]{1,3})?", Just("NaN".to_string()), Just("%E0%A4%A".to_string()), Just("auto".to_string()), "(llama|mistral|gemma|fr|th|zh|xx|,){0,8}", "(telephone|snowball|resampling|search|about|beta|two|[0-9])"],
    ) {
        let link = format!("?v=1&{key}={value}");
        let d = AppState::decode(&link);
        prop_assert!(in_range(&d.state));
        let again = AppState::decode(&d.state.encode());
        prop_assert_eq!(&again.state, &d.state);
        // What decode kept is within what decode accepts, for every lab's keys: the link
        // written from it reads back without a single warning (out-of-range values warn).
        prop_assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    }

    #[test]
    fn telephone_lists_round_trip(
        key in prop::sample::select(vec!["tm", "tl"]),
        value in "(llama|mistral|gemma|fr|nl|de|vn|zh|th|xx|,){0,8}",
    ) {
        let link = format!("?v=1&lab=telephone&{key}={value}");
        let d = AppState::decode(&link);
        prop_assert!(in_range(&d.state));
        let again = AppState::decode(&d.state.encode());
        prop_assert_eq!(&again.state, &d.state);
        prop_assert!(again.warnings.is_empty());
    }
}

#[test]
fn percent_escapes_and_invalid_utf8_are_survivable() {
    for link in [
        "?lam=%",
        "?lam=%G1",
        "?%FF%FE=%C0%AF",
        "?lab=%E2%82",
        "?v=%00&seed=%2B5",
    ] {
        let d = AppState::decode(link);
        assert!(in_range(&d.state), "{link}");
    }
    assert_eq!(AppState::decode("?seed=%2B5").state.seed, 5);
}
