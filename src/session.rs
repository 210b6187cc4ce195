//! Session files: everything needed to come back to the same view — the share link (parameters
//! and seed) and the uploads' names and hashes, never their contents — as JSON that the page can
//! import again. A file loaded later is checked against the hash the session recorded.

use serde::{Deserialize, Serialize};

use crate::link::LinkWarning;
use crate::state::{AppState, Lab};
use crate::text::Deferred;

/// `format` of a session file.
pub const SESSION_FORMAT: &str = "cascade-lab-session";
/// The version this build writes; newer files are read as far as this version understands them.
pub const SESSION_VERSION: u32 = 1;

/// One uploaded file, by name and content hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The page it was loaded into (written as its key: `analyze`, `snowball`, `telephone`).
    pub lab: Lab,
    /// The file's name (empty when only a link's hash is known).
    pub name: String,
    /// `ingest::short_hash` of the bytes.
    pub hash: String,
}

/// A session file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub format: String,
    pub version: u32,
    /// The share link's query (without `?`).
    pub link: String,
    #[serde(default)]
    pub files: Vec<FileRef>,
}

/// The session of `state` with `files`, as pretty JSON.
pub fn export(state: &AppState, files: &[FileRef]) -> String {
    let s = Session {
        format: SESSION_FORMAT.into(),
        version: SESSION_VERSION,
        link: state.encode(),
        files: files.to_vec(),
    };
    serde_json::to_string_pretty(&s).unwrap_or_default()
}

/// What importing a session gives: the state, the files it expects, and what was not taken as
/// written.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub state: AppState,
    pub files: Vec<FileRef>,
    pub warnings: Vec<Deferred>,
}

/// Reads a session file. Errors only when it is not a session at all.
pub fn import(text: &str) -> Result<Imported, Deferred> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| crate::msg!("session.not_json", error = e))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(SESSION_FORMAT) {
        return Err(crate::msg!("session.not_session", format = SESSION_FORMAT));
    }
    let mut warnings = Vec::new();
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > SESSION_VERSION as u64 {
        warnings.push(crate::msg!("session.newer", version = version));
    }
    let link = value
        .get("link")
        .and_then(|l| l.as_str())
        .unwrap_or_default();
    let decoded = crate::lessons::decode_link(link);
    warnings.extend(decoded.warnings.iter().map(LinkWarning::message));
    let files: Vec<FileRef> = match value.get("files") {
        None => Vec::new(),
        Some(f) => match serde_json::from_value::<Vec<FileRef>>(f.clone()) {
            Ok(f) => f,
            Err(e) => {
                warnings.push(crate::msg!("session.bad_files", error = e));
                Vec::new()
            }
        },
    };
    Ok(Imported {
        state: decoded.state,
        files,
        warnings,
    })
}

/// The warning for a file loaded into `lab` when the session expected another: same name with
/// another hash, or (when the session had one file there) a different file altogether.
pub fn check_file(expected: &[FileRef], lab: Lab, name: &str, hash: &str) -> Option<Deferred> {
    let here: Vec<&FileRef> = expected.iter().filter(|f| f.lab == lab).collect();
    if here.is_empty() || here.iter().any(|f| f.hash == hash) {
        return None;
    }
    if here.iter().all(|f| f.name.is_empty()) {
        return Some(crate::msg!(
            "session.file.not_link",
            name = name,
            hash = hash,
            expected = here
                .iter()
                .map(|f| f.hash.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    match here.iter().find(|f| f.name == name) {
        Some(f) => Some(crate::msg!(
            "session.file.changed",
            name = name,
            hash = hash,
            expected = f.hash
        )),
        None => Some(crate::msg!(
            "session.file.other",
            name = name,
            expected = here
                .iter()
                .map(|f| format!("{} {}", f.name, f.hash))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Lab;

    fn files() -> Vec<FileRef> {
        vec![FileRef {
            lab: Lab::Telephone,
            name: "chains.jsonl".into(),
            hash: "00aa".into(),
        }]
    }

    #[test]
    fn export_then_import_is_the_same_session() {
        let mut s = AppState {
            lab: Lab::Telephone,
            seed: 99,
            ..AppState::default()
        };
        s.telephone.iterations = 40;
        let text = export(&s, &files());
        // Only the link and the files' names and hashes go into a session, never contents.
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["files", "format", "link", "version"]);
        let file = v["files"][0].as_object().unwrap();
        let keys: Vec<&str> = file.keys().map(String::as_str).collect();
        assert_eq!(keys, ["hash", "lab", "name"]);
        assert_eq!(file["lab"], "telephone");
        let back = import(&text).unwrap();
        assert_eq!(back.state, s);
        assert_eq!(back.files, files());
        assert!(back.warnings.is_empty());
    }

    #[test]
    fn newer_versions_bad_values_and_strangers() {
        let text = r#"{"format":"cascade-lab-session","version":7,"link":"v=1&lab=telephone&ti=500","files":"oops"}"#;
        let back = import(text).unwrap();
        assert_eq!(back.state.telephone.iterations, 100);
        assert!(back.warnings[0]
            .to_string()
            .contains("newer version (session format 7)"));
        assert!(back
            .warnings
            .iter()
            .any(|w| w.to_string().contains("ti=500 is out of range")));
        assert!(back
            .warnings
            .iter()
            .any(|w| w.to_string().contains("list of files")));
        assert!(import("{}")
            .unwrap_err()
            .to_string()
            .contains("not a Cascade Lab session"));
        assert!(import("nonsense")
            .unwrap_err()
            .to_string()
            .contains("not JSON"));
    }

    #[test]
    fn loaded_files_are_checked_against_the_session() {
        let f = files();
        assert_eq!(check_file(&f, Lab::Telephone, "chains.jsonl", "00aa"), None);
        assert_eq!(check_file(&f, Lab::Snowball, "x.csv", "1234"), None);
        assert!(check_file(&f, Lab::Telephone, "chains.jsonl", "ffff")
            .unwrap()
            .to_string()
            .contains("expected 00aa"));
        let from_link = vec![FileRef {
            lab: Lab::Telephone,
            name: String::new(),
            hash: "00aa".into(),
        }];
        assert!(check_file(&from_link, Lab::Telephone, "x.jsonl", "ffff")
            .unwrap()
            .to_string()
            .contains("not the file this link was made with (hash ffff, expected 00aa)"));
        assert!(check_file(&f, Lab::Telephone, "other.jsonl", "ffff")
            .unwrap()
            .to_string()
            .contains("not the file the session was saved with (chains.jsonl 00aa)"));
    }
}
