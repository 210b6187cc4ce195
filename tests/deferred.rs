//! Upload warnings are data until shown: a warning made while the page was in one language is
//! worded in the language the page shows it in (its own process: it switches the language).
#![cfg(not(target_arch = "wasm32"))]

use cascade_lab::labs::telephone::ingest::read_chains;
use cascade_lab::text::set_language;

#[test]
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
