//! The one-way flow of the code, checked on the source: web, cli and jobs → services → db and
//! domain; the domain knows neither the database nor the search engine nor the web; no two
//! modules of the service layer import each other in a cycle; the command line calls services.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

fn src(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The source without comments (doc comments name other layers on purpose).
fn code(p: &Path) -> String {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn lower_layers_do_not_know_higher_ones() {
    let rules: &[(&str, &[&str])] = &[
        (
            "src/domain",
            &["ketnoi_index", "crate::db", "crate::services", "crate::web", "crate::cli", "actix", "diesel"],
        ),
        ("src/db", &["ketnoi_index", "crate::services", "crate::web", "crate::cli"]),
        // The catalogue of words sits beside the domain: the domain's labels use it.
        ("src/catalogue", &["ketnoi_index", "crate::db", "crate::services", "crate::web", "crate::cli", "actix"]),
        // The recommender and the scheduler are pure: no storage, no HTTP.
        ("src/matching", &["crate::db", "crate::services", "crate::web", "crate::cli", "actix", "diesel"]),
        ("src/services", &["crate::web", "crate::cli", "actix_web::HttpRequest"]),
        ("text/src", &["ketnoi_index", "tantivy", "ketnoi::"]),
        // The application reaches the search engine only through ketnoi-index.
        ("src", &["tantivy::", "use tantivy"]),
    ];
    let mut checked = 0;
    for (dir, banned) in rules {
        for f in files(&src(dir)) {
            let text = code(&f);
            for b in *banned {
                assert!(!text.contains(b), "{} uses {b}", f.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} files");
}

#[test]
fn the_command_line_calls_services_not_tables() {
    let tables = [
        "users",
        "organisations",
        "offers",
        "needs",
        "outbox",
        "audit",
        "api_tokens",
        "login_sessions",
        "listings",
        "attachments",
        "rate_limits",
        "link_grants",
        "search_changes",
    ];
    for f in files(&src("src/cli")) {
        let text = code(&f);
        for t in tables {
            assert!(!text.contains(&format!("db::{t}::")), "{} queries {t} itself", f.display());
        }
    }
}

#[test]
fn the_services_import_each_other_without_a_cycle() {
    let dir = src("src/services");
    let modules: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|m| m != "mod")
        .collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &modules {
        let path = if dir.join(m).is_dir() { dir.join(m) } else { dir.join(format!("{m}.rs")) };
        let texts: Vec<String> =
            if path.is_dir() { files(&path).iter().map(|f| code(f)).collect() } else { vec![code(&path)] };
        let deps = uses.entry(m.clone()).or_default();
        for text in texts {
            for other in &modules {
                let named =
                    [format!("crate::services::{other}"), format!("super::{other}"), format!("super::super::{other}")];
                if other != m && named.iter().any(|n| text.contains(n.as_str())) {
                    deps.insert(other.clone());
                }
            }
        }
    }
    // Depth-first search for a cycle.
    fn visit(
        m: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            return Some(path[i..].to_vec());
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for d in uses.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, uses, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for m in uses.keys() {
        if let Some(cycle) = visit(m, &uses, &mut Vec::new(), &mut done) {
            panic!("services import each other in a cycle: {cycle:?} ({uses:?})");
        }
    }
    assert!(uses.len() >= 6, "{uses:?}");
}
