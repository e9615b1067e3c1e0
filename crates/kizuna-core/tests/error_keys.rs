//! Every keyed message the crates can send the UI, with its English template, is listed in
//! `ui/src/lib/i18n/core-errors.generated.json`; the UI's Japanese catalogue is checked against
//! that list. This test reads the `invalid!` / `invalid_reason!` sites and the `NotFound` kinds
//! from the sources, checks each site names exactly its template's placeholders, and fails when
//! the committed list is stale; run it with `UPDATE_BINDINGS=1` to rewrite it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kizuna_core::error::not_found_key;

const GENERATED: &str = "ui/src/lib/i18n/core-errors.generated.json";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read source dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<PathBuf> {
    let root = workspace();
    let mut files = Vec::new();
    let mut crates: Vec<_> = std::fs::read_dir(root.join("crates"))
        .expect("crates")
        .map(|e| e.expect("entry").path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.sort();
    for src in crates {
        rust_files(&src, &mut files);
    }
    rust_files(&root.join("src-tauri/src"), &mut files);
    files
}

/// A Rust string literal starting at `text[0] == '"'`: its value and the length it spans.
fn string_literal(text: &str) -> (String, usize) {
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (value, i + 1),
            '\\' => match chars.next().map(|(_, e)| e) {
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some('\n') => {
                    while chars.peek().is_some_and(|(_, w)| w.is_whitespace()) {
                        chars.next();
                    }
                }
                Some(other) => value.push(other),
                None => break,
            },
            c => value.push(c),
        }
    }
    panic!(
        "unterminated string literal: {}",
        &text[..text.len().min(60)]
    );
}

/// The top-level comma-separated pieces of a macro call's arguments, up to its closing paren.
fn arguments(text: &str) -> Vec<String> {
    let (mut depth, mut piece, mut pieces) = (0usize, String::new(), Vec::new());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let (_, len) = string_literal(rest);
            piece.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                pieces.push(std::mem::take(&mut piece).trim().to_owned());
                rest = &rest[1..];
                continue;
            }
            _ => {}
        }
        piece.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !piece.trim().is_empty() {
        pieces.push(piece.trim().to_owned());
    }
    pieces
}

fn placeholders(template: &str) -> BTreeSet<String> {
    let cleaned = template.replace("{{", "").replace("}}", "");
    cleaned
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

/// One keyed message found in the sources.
struct Site {
    key: String,
    template: String,
    args: BTreeSet<String>,
    place: String,
}

fn sites_in(path: &Path, text: &str) -> Vec<Site> {
    // Unit tests at the bottom of a file raise example messages, not ones users meet.
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    // Doc comments show examples, not messages.
    let text: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("///") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = text.as_str();
    let mut sites = Vec::new();
    for marker in ["invalid!(", "invalid_reason!("] {
        for (at, _) in text.match_indices(marker) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let args = arguments(&text[at + marker.len()..]);
            if args.first().is_none_or(|a| !a.starts_with('"')) {
                continue; // the macro's own definition
            }
            let literal = |i: usize| string_literal(&args[i]).0;
            let line = text[..at].lines().count();
            sites.push(Site {
                key: literal(0),
                template: literal(1),
                args: args[2..]
                    .iter()
                    .map(|a| a.split('=').next().unwrap_or(a).trim().to_owned())
                    .collect(),
                place: format!(
                    "{}:{line}",
                    path.strip_prefix(workspace()).unwrap_or(path).display()
                ),
            });
        }
    }
    sites
}

fn not_found_kinds(text: &str) -> BTreeSet<String> {
    let mut kinds = BTreeSet::new();
    for (at, _) in text.match_indices("NotFound {") {
        let body = &text[at..text.len().min(at + 200)];
        if let Some(start) = body.find("what: \"") {
            let (what, _) = string_literal(&body[start + "what: ".len()..]);
            kinds.insert(what);
        }
    }
    kinds
}

fn collect() -> BTreeMap<String, String> {
    let mut keys: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut problems = Vec::new();
    for path in sources() {
        let text = std::fs::read_to_string(&path).expect("read source");
        for site in sites_in(&path, &text) {
            let named = placeholders(&site.template);
            if named != site.args {
                problems.push(format!(
                    "{}: {} names {:?} but its template has {:?}",
                    site.place, site.key, site.args, named
                ));
            }
            let dotted = site.key.split('.').count() >= 2
                && site
                    .key
                    .split('.')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
            if !dotted {
                problems.push(format!(
                    "{}: {} is not an area.name key",
                    site.place, site.key
                ));
            }
            match keys.get(&site.key) {
                Some((template, place)) if *template != site.template => problems.push(format!(
                    "{} is used with two templates:\n  {place}: {template}\n  {}: {}",
                    site.key, site.place, site.template
                )),
                Some(_) => {}
                None => {
                    keys.insert(site.key, (site.template, site.place));
                }
            }
        }
        for what in not_found_kinds(&text) {
            keys.insert(
                not_found_key(&what),
                (format!("{what} {{id}} was not found"), String::new()),
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    keys.into_iter().map(|(k, (t, _))| (k, t)).collect()
}

#[test]
fn the_ui_lists_every_keyed_message_with_its_english_template() {
    let keys = collect();
    assert!(keys.len() > 200, "only {} keys found", keys.len());
    assert_eq!(
        keys.get("events.capacityTaken").map(String::as_str),
        Some("{taken} members already hold seats, so capacity cannot go down to {capacity}")
    );
    let json = serde_json::to_string_pretty(&keys).expect("json") + "\n";
    let path = workspace().join(GENERATED);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, json).expect("write the generated list");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == json,
        "{GENERATED} is stale; run UPDATE_BINDINGS=1 cargo test -p kizuna-core --test error_keys"
    );
}

#[test]
fn a_filled_template_reads_as_the_message() {
    let err = kizuna_core::invalid!(
        "events.onWaitlist",
        "{name} is on the waitlist and has no seat yet",
        name = "Aiko"
    );
    assert_eq!(
        err.to_string(),
        "Aiko is on the waitlist and has no seat yet"
    );
    assert_eq!(err.detail().expect("keyed").key, "events.onWaitlist");
}
