//! Writes the malformed-input corpus (`tests/support/corpus.rs`) to a folder:
//! `cargo run --example malformed_corpus -- DIR [--big]` (`--big` adds the 50 MB line). The
//! end-to-end test drops files of it on the page; the fuzz targets start from it.

#[path = "../tests/support/corpus.rs"]
mod corpus;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: malformed_corpus DIR [--big]");
        return std::process::ExitCode::from(2);
    };
    let big = args.any(|a| a == "--big");
    let dir = std::path::Path::new(&dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: {}: {e}", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    let cases = corpus::corpus(big);
    for case in &cases {
        if let Err(e) = std::fs::write(dir.join(&case.name), &case.bytes) {
            eprintln!("error: {}: {e}", case.name);
            return std::process::ExitCode::FAILURE;
        }
    }
    println!("{} files in {}", cases.len(), dir.display());
    std::process::ExitCode::SUCCESS
}
