//! The committed third-party notices list exactly what the lock files pin: a dependency added,
//! removed or upgraded without `cargo run -p kizuna-notices` fails here, naming the difference.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kizuna_notices::{ComponentKind, NOTICES_FILE, Notices, REGENERATE, generate};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn committed() -> Notices {
    let path = root().join(NOTICES_FILE);
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Notices::from_json(&json).expect("the committed notices parse")
}

/// (kind, name, version) of every component.
fn listed(notices: &Notices) -> BTreeSet<(ComponentKind, String, String)> {
    notices
        .components
        .iter()
        .map(|c| (c.kind, c.name.clone(), c.version.clone()))
        .collect()
}

/// (name, version) of every package Cargo.lock pins.
fn cargo_lock() -> BTreeSet<(String, String)> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let mut pinned = BTreeSet::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(value) = line.strip_prefix("name = ") {
            name = Some(value.trim_matches('"').to_owned());
        } else if let (Some(value), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            pinned.insert((n, value.trim_matches('"').to_owned()));
        }
    }
    pinned
}

#[test]
fn every_listed_crate_and_npm_package_is_pinned_at_that_version_by_the_lock_files() {
    let notices = committed();
    let crates = cargo_lock();
    let text = std::fs::read_to_string(root().join("ui/package-lock.json")).expect("package-lock");
    let npm: Value = serde_json::from_str(&text).expect("package-lock.json parses");
    for component in &notices.components {
        let (name, version) = (&component.name, &component.version);
        match component.kind {
            ComponentKind::Crate => assert!(
                crates.contains(&(name.clone(), version.clone())),
                "{NOTICES_FILE} lists crate {name} {version}, which Cargo.lock does not pin: run `{REGENERATE}`"
            ),
            ComponentKind::Npm => assert_eq!(
                npm["packages"][format!("node_modules/{name}")]["version"].as_str(),
                Some(version.as_str()),
                "{NOTICES_FILE} lists npm package {name} {version}, which ui/package-lock.json does not pin: run `{REGENERATE}`"
            ),
            ComponentKind::Font => {}
        }
        assert!(!component.texts.is_empty(), "{name} has no licence text");
        assert!(
            component
                .texts
                .iter()
                .all(|&t| (t as usize) < notices.texts.len())
        );
    }
}

#[test]
fn the_committed_notices_are_what_the_lock_files_and_sources_give_now() {
    let committed = committed();
    let fresh = generate(&root(), &committed.target).expect("the notices can be generated");
    let (old, new) = (listed(&committed), listed(&fresh));
    let added: Vec<_> = new.difference(&old).collect();
    let gone: Vec<_> = old.difference(&new).collect();
    assert!(
        added.is_empty() && gone.is_empty(),
        "{NOTICES_FILE} is stale: run `{REGENERATE}`.\nnot listed yet: {added:?}\nno longer shipped: {gone:?}"
    );
    assert!(
        committed == fresh,
        "{NOTICES_FILE} lists the right packages but their licences or texts changed: run `{REGENERATE}`"
    );
}

#[test]
fn packages_without_a_licence_file_are_marked_and_get_their_licence_s_standard_text() {
    let notices = committed();
    let plain = notices
        .components
        .iter()
        .find(|c| c.standard_text && c.licence == "MIT")
        .expect("some MIT package ships no licence file");
    let mit = kizuna_notices::standard_text("MIT").expect("MIT is carried");
    assert!(
        plain
            .texts
            .iter()
            .any(|&t| notices.texts[t as usize] == mit.trim()),
        "{} shows the standard MIT text",
        plain.name
    );
}
