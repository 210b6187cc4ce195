//! The shape ARCHITECTURE.md promises, checked on the sources:
//! - the import graph (which module refers to which by a `crate::`, `super::` or `self::`
//!   path, test modules and comments left out) has no cycle;
//! - nothing outside `ui` and `worker` refers to them (the core builds and runs natively);
//! - every lab is named (by its module path, its `Lab::` variant or its key as a string) by at
//!   most three non-test files outside its own folders `src/labs/<lab>/` and
//!   `src/ui/labs/<lab>/`;
//! - no `match` over `Lab` has a catch-all arm, so a new lab makes the compiler list every
//!   place to fill in;
//! - every control group a lab's view marks (`data-group="…"`) is declared in its registry
//!   (`CONTROL_GROUPS`, which the lesson-link builder offers and the shell hides), and every
//!   declared group is marked somewhere in its view.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a library file: src/lib.rs → crate, src/a/mod.rs → crate::a, src/a/b.rs
/// → crate::a::b. Binaries (src/main.rs, src/bin/) are not modules of the library.
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix("src").ok()?;
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.first().is_some_and(|p| p == "bin" || p == "main.rs") {
        return None;
    }
    let mut segs = vec!["crate".to_string()];
    for (i, p) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if last {
            let stem = p.trim_end_matches(".rs");
            if stem != "mod" && stem != "lib" {
                segs.push(stem.to_string());
            }
        } else {
            segs.push(p.clone());
        }
    }
    Some(segs.join("::"))
}

/// The file's code without comments and without its `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<i32> = None;
    let mut pending_test = false;
    for line in text.lines() {
        let code = match line.find("//") {
            // Keep "//" inside string literals such as URLs.
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        let trimmed = code.trim();
        if let Some(depth) = skip_depth.as_mut() {
            *depth += code.matches('{').count() as i32 - code.matches('}').count() as i32;
            if *depth <= 0 {
                skip_depth = None;
            }
            continue;
        }
        if trimmed == "#[cfg(test)]" {
            pending_test = true;
            continue;
        }
        if pending_test && trimmed.starts_with("mod ") {
            pending_test = false;
            let depth = code.matches('{').count() as i32 - code.matches('}').count() as i32;
            if depth > 0 {
                skip_depth = Some(depth);
            }
            continue;
        }
        pending_test = false;
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every path that starts with `crate::`, `super::` or `self::`, with `{a, b::c}` groups
/// expanded.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let b: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = ["crate::", "super::", "self::"]
            .iter()
            .find(|p| b[i..].iter().take(p.len()).copied().eq(p.chars()));
        let boundary =
            i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_' || b[i - 1] == ':');
        match starts {
            Some(_) if boundary => {
                let (trees, end) = parse_tree(&b, i);
                out.extend(trees);
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    out
}

/// Parses `seg::seg::{tree, tree}` from `i`; returns the expanded paths and the end.
fn parse_tree(b: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        let start = i;
        while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
            i += 1;
        }
        if i > start {
            prefix.push(b[start..i].iter().collect::<String>());
        }
        if i + 1 < b.len() && b[i] == ':' && b[i + 1] == ':' {
            i += 2;
            if i < b.len() && b[i] == '{' {
                i += 1;
                let mut all = Vec::new();
                loop {
                    while i < b.len() && (b[i].is_whitespace() || b[i] == ',') {
                        i += 1;
                    }
                    if i >= b.len() || b[i] == '}' {
                        return (
                            all.into_iter()
                                .map(|t: Vec<String>| [prefix.clone(), t].concat())
                                .collect(),
                            i + 1,
                        );
                    }
                    let (sub, end) = parse_tree(b, i);
                    all.extend(sub);
                    // Skip `as name` and anything up to the next separator.
                    i = end;
                    while i < b.len() && b[i] != ',' && b[i] != '}' {
                        i += 1;
                    }
                }
            }
            continue;
        }
        return (vec![prefix], i);
    }
}

/// Paths into the module's own children written without `self::` (`web::now_ms()`, `use
/// labs::lab_view`), as `self::…` paths. Children are the `mod name;` declarations.
fn child_paths(code: &str) -> Vec<Vec<String>> {
    let children: Vec<String> = code
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect();
    let mut out = Vec::new();
    for child in &children {
        let needle = format!("{child}::");
        for (i, _) in code.match_indices(&needle) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let b: Vec<char> = code[i..].chars().collect();
            let (trees, _) = parse_tree(&b, 0);
            out.extend(
                trees
                    .into_iter()
                    .map(|t| [vec!["self".to_string()], t].concat()),
            );
        }
    }
    out
}

struct Crate {
    /// module → (file, code)
    modules: BTreeMap<String, (PathBuf, String)>,
    /// Non-library files (the binaries), by path.
    others: Vec<(PathBuf, String)>,
}

fn read_crate() -> Crate {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut modules = BTreeMap::new();
    let mut others = Vec::new();
    for f in files {
        let code = code_of(&fs::read_to_string(&f).unwrap());
        match module_of(&f) {
            Some(m) => {
                modules.insert(m, (f, code));
            }
            None => others.push((f, code)),
        }
    }
    Crate { modules, others }
}

/// The module a path (as written in `module`) refers to: its longest prefix that is a module.
fn resolve(c: &Crate, module: &str, is_dir_module: bool, path: &[String]) -> Option<String> {
    let mut here: Vec<String> = module.split("::").map(String::from).collect();
    let mut segs = path.to_vec();
    match segs.first().map(String::as_str) {
        Some("crate") => here = vec!["crate".into()],
        Some("self") => {}
        Some("super") => {
            // `super` of a file module is its parent; of a mod.rs, the directory's parent.
            let _ = is_dir_module;
            here.pop();
        }
        _ => return None,
    }
    segs.remove(0);
    while segs.first().is_some_and(|s| s == "super") {
        here.pop();
        segs.remove(0);
    }
    let mut full = here;
    full.extend(segs);
    (1..=full.len())
        .rev()
        .map(|n| full[..n].join("::"))
        .find(|m| c.modules.contains_key(m))
}

fn graph(c: &Crate) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, (file, code)) in &c.modules {
        let dir = file.ends_with("mod.rs") || file.ends_with("lib.rs");
        let edges = g.entry(m.clone()).or_default();
        for p in paths_in(code).into_iter().chain(child_paths(code)) {
            if let Some(to) = resolve(c, m, dir, &p) {
                if &to != m {
                    edges.insert(to);
                }
            }
        }
    }
    g
}

fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's strongly connected components; any with two or more modules is a cycle.
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        let g = t.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn the_import_graph_has_no_cycle() {
    let c = read_crate();
    let g = graph(&c);
    assert!(g.len() > 40, "the crate was read ({} modules)", g.len());
    // The check can see a cycle: a module and its child that use each other are one.
    let mut probe = g.clone();
    probe
        .entry("crate::labs::resampling::sim".into())
        .or_default()
        .insert("crate::labs::resampling".into());
    probe
        .entry("crate::labs::resampling".into())
        .or_default()
        .insert("crate::labs::resampling::sim".into());
    assert!(!cycles(&probe).is_empty());
    let found = cycles(&g);
    let shown: Vec<String> = found
        .iter()
        .map(|comp| {
            let edges: Vec<String> = comp
                .iter()
                .flat_map(|a| {
                    g[a].iter()
                        .filter(|b| comp.contains(b))
                        .map(move |b| format!("{a} → {b}"))
                })
                .collect();
            edges.join("\n  ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles:\n  {}",
        shown.join("\n\n  ")
    );
}

#[test]
fn the_core_never_refers_to_the_browser_code() {
    let c = read_crate();
    let g = graph(&c);
    let browser =
        |m: &str| m == "crate::ui" || m.starts_with("crate::ui::") || m == "crate::worker";
    let bad: Vec<String> = g
        .iter()
        .filter(|(m, _)| !browser(m))
        .flat_map(|(m, to)| {
            to.iter()
                .filter(|t| browser(t))
                .map(move |t| format!("{m} → {t}"))
        })
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// The registered labs: (module name, `Lab::` variant), from the registry itself, so a lab is
/// checked the moment it is registered.
fn labs() -> Vec<(String, String)> {
    cascade_lab::labs::all()
        .map(|l| (l.lab().key().to_string(), format!("{:?}", l.lab())))
        .collect()
}

#[test]
fn each_lab_is_named_by_at_most_three_files_outside_its_folders() {
    let c = read_crate();
    let files: Vec<(&PathBuf, &String)> = c
        .modules
        .values()
        .map(|(f, code)| (f, code))
        .chain(c.others.iter().map(|(f, code)| (f, code)))
        .collect();
    let mut report = Vec::new();
    let labs = labs();
    assert!(labs.len() >= 4, "{labs:?}");
    for (key, variant) in labs {
        let own = [format!("src/labs/{key}/"), format!("src/ui/labs/{key}/")];
        let names = [
            format!("labs::{key}"),
            format!("Lab::{variant}"),
            format!("\"{key}\""),
            format!("{key}::"),
        ];
        let naming: Vec<String> = files
            .iter()
            .filter(|(f, _)| {
                let p = f.to_string_lossy();
                !own.iter().any(|o| p.starts_with(o.as_str()))
            })
            .filter(|(_, code)| {
                names.iter().any(|n| {
                    code.match_indices(n.as_str()).any(|(i, _)| {
                        // `resampling::` must start a path segment, not end another word.
                        !n.ends_with("::")
                            || i == 0
                            || !code[..i]
                                .chars()
                                .next_back()
                                .is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
                    })
                })
            })
            .map(|(f, _)| f.display().to_string())
            .collect();
        report.push(format!("{key}: {} {naming:?}", naming.len()));
        assert!(
            naming.len() <= 3,
            "{key} is named outside its folders by {} files: {naming:?}",
            naming.len()
        );
    }
    println!("{}", report.join("\n"));
}

/// Lines (1-based) of `_ =>` arms in matches whose other arms name `Lab::` variants.
fn catch_alls_over_lab(code: &str) -> Vec<usize> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.trim_start().starts_with("_ =>") {
            continue;
        }
        // The arms before this one, back to the `match`.
        let over_lab = lines[..i]
            .iter()
            .rev()
            .take_while(|l| !l.contains("match "))
            .any(|l| l.trim_start().starts_with("Lab::"));
        if over_lab {
            out.push(i + 1);
        }
    }
    out
}

#[test]
fn no_match_over_lab_has_a_catch_all_arm() {
    let probe =
        "match lab {\n    Lab::About => 1,\n    _ => 2,\n}\nmatch x {\n    1 => 0,\n    _ => 3,\n}";
    assert_eq!(catch_alls_over_lab(probe), [3]);
    let c = read_crate();
    let bad: Vec<String> = c
        .modules
        .values()
        .flat_map(|(f, code)| {
            catch_alls_over_lab(code)
                .into_iter()
                .map(move |l| format!("{}:{l}", f.display()))
        })
        .collect();
    assert!(bad.is_empty(), "catch-all arms over Lab: {bad:?}");
}

#[test]
fn every_control_group_in_a_view_is_declared_and_hidden_by_the_shell() {
    use cascade_lab::state::Lab;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let css = Lab::hide_css();
    let mut problems = Vec::new();
    for lab in Lab::ALL {
        let declared: BTreeSet<&str> = lab.control_groups().iter().map(|(g, _)| *g).collect();
        if declared.is_empty() {
            continue;
        }
        let dir = root.join("src/ui/labs").join(lab.key());
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        let mut marked = BTreeSet::new();
        for f in &files {
            let text = fs::read_to_string(f).unwrap();
            for (i, _) in text.match_indices("data-group=\"") {
                let rest = &text[i + "data-group=\"".len()..];
                if let Some(end) = rest.find('"') {
                    marked.insert(rest[..end].to_string());
                }
            }
        }
        for g in &marked {
            if !declared.contains(g.as_str()) {
                problems.push(format!(
                    "{}: data-group=\"{g}\" is not in its CONTROL_GROUPS",
                    lab.key()
                ));
            }
        }
        for g in &declared {
            if !marked.contains(*g) {
                problems.push(format!(
                    "{}: {g} is declared but no element of its view has it",
                    lab.key()
                ));
            }
            if !css.contains(&format!("main[data-hide~=\"{g}\"] [data-group=\"{g}\"]")) {
                problems.push(format!("{}: {g} is not hidden by the shell", lab.key()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every page but About is a split point of its own (`split_page!` in `src/ui/labs/mod.rs`), so
/// that a visitor downloads the shell and the lab they open; scripts/size.sh gives each its
/// budget. And the boot tag preloads, for a link without `lab=`, the lab such a link opens.
#[test]
fn every_lab_view_loads_apart_and_boot_knows_the_default_lab() {
    use cascade_lab::state::Lab;
    let views = fs::read_to_string("src/ui/labs/mod.rs").unwrap();
    let sizes = fs::read_to_string("scripts/size.sh").unwrap();
    for lab in Lab::ALL.into_iter().filter(|&l| l != Lab::About) {
        let key = lab.key();
        assert!(
            views.contains(&format!("split_page!(\n    {key}_page,")),
            "{key}: no `split_page!({key}_page, …)` in src/ui/labs/mod.rs (its view would load with the shell)"
        );
        assert!(
            sizes.contains(&format!("[{key}]=")),
            "{key}: no budget for its chunk in scripts/size.sh (CHUNK_BUDGET)"
        );
    }
    let html = fs::read_to_string("www/index.html").unwrap();
    let default = format!("data-default-lab=\"{}\"", Lab::default().key());
    assert!(
        html.contains(&default),
        "www/index.html's boot tag must say {default} (Lab::default())"
    );
}
