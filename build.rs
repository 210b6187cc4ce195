//! Embeds every interface-text catalog in `text/` (`<language code>.json`, a flat object from id
//! to text) as a sorted static table, so adding a translation is adding a file — no code names
//! the languages — and the page looks texts up without parsing anything. A file that is not such
//! an object stops the build with its name and the position of the problem.

use std::collections::BTreeMap;
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("text");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let code = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let text = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
        let messages: BTreeMap<String, String> = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!(
                "{}: not a flat JSON object of id → text ({e})",
                path.display()
            )
        });
        out.push_str(&format!("    ({code:?}, &[\n"));
        for (id, message) in &messages {
            out.push_str(&format!("        ({id:?}, {message:?}),\n"));
        }
        out.push_str("    ]),\n");
    }
    out.push_str("]\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("locales.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
