//! A share link as the page and `cascade link` read it, and the link it writes back (which must
//! read back to the same settings).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(link) = std::str::from_utf8(data) else {
        return;
    };
    let decoded = cascade_lab::lessons::decode_link(link);
    let again = cascade_lab::lessons::decode_link(&decoded.state.encode());
    assert_eq!(again.state.encode(), decoded.state.encode());
});
