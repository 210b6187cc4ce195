//! Upload warnings are data until shown: a warning made while the page was in one language is
//! worded in the language the page shows it in (its own process: it switches the language).
#![cfg(not(target_arch = "wasm32"))]

use cascade_lab::labs::telephone::ingest::read_chains;
use cascade_lab::text::set_language;

// One test: the language is the process's, and tests in one binary run side by side.
#[test]
fn messages_are_worded_in_the_language_of_the_moment() {
    a_warning_made_in_english_is_shown_in_the_language_of_the_moment();
    a_failed_job_and_an_opened_session_are_worded_when_shown_nested_reasons_too();
}

fn a_warning_made_in_english_is_shown_in_the_language_of_the_moment() {
    set_language("en");
    let file = read_chains(b"{\"chain_id\": \"a\", \"step\": \"x\", \"text\": \"t\"}\n");
    let w = file.warnings.first().expect("a warning for the bad step");
    let english = w.to_string();
    assert!(english.starts_with("line 1"), "{english}");
    assert!(set_language("en-XA"));
    let pseudo = w.to_string();
    assert_ne!(pseudo, english);
    assert!(
        pseudo.contains('⟦'),
        "worded again in the pseudo-language: {pseudo}"
    );
    set_language("en");
    assert_eq!(w.to_string(), english);
}

fn a_failed_job_and_an_opened_session_are_worded_when_shown_nested_reasons_too() {
    use cascade_lab::labs::telephone::job::{MeasureChains, Request};
    use cascade_lab::protocol::{run_job, WorkerMessage};
    set_language("en");
    let request = Request { fit: "chrf".into() };
    let message = match run_job::<MeasureChains>(
        "junk.jsonl",
        b"{\"chain_id\": \"a\", \"step\": \"x\", \"text\": \"t\"}\n",
        &request,
        &mut |_| {},
    ) {
        WorkerMessage::Failed { error } => error,
        other => panic!("expected a failure, got {other:?}"),
    };
    let english = message.to_string();
    assert!(
        english.contains("junk.jsonl") && english.contains("line 1"),
        "{english}"
    );
    assert!(!english.contains('⟦'));
    // The message and the reason inside it (the first warning) both follow the language.
    set_language("en-XA");
    let pseudo = message.to_string();
    assert!(pseudo.contains("junk.jsonl"), "{pseudo}");
    assert!(
        pseudo.matches('⟦').count() >= 2,
        "outer message and nested reason reworded: {pseudo}"
    );
    // A session's warnings, made in English, shown in the language of the moment.
    set_language("en");
    let opened = cascade_lab::session::import(
        r#"{"format":"cascade-lab-session","version":1,"link":"v=1&lab=telephone&ti=500"}"#,
    )
    .expect("a session");
    let w = opened.warnings.first().expect("ti=500 is out of range");
    assert!(w.to_string().contains("ti=500"), "{w}");
    set_language("en-XA");
    assert!(w.to_string().starts_with('⟦'), "{w}");
    set_language("en");
}
