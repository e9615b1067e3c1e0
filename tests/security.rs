//! The window's security settings, read from the files the app is built from: the CSP in
//! `tauri.conf.json` allows no remote origin, no `eval` and no inline script; the
//! capabilities grant only what the main window uses, with no filesystem plugin; and the
//! built UI (when `ui/dist` holds a build) has no inline script or event-handler attribute.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The CSP as directive → sources.
fn csp() -> BTreeMap<String, Vec<String>> {
    let conf = read_json(&root().join("tauri.conf.json"));
    let csp = &conf["app"]["security"]["csp"];
    let map = csp
        .as_object()
        .expect("the CSP is written as an object of directives");
    map.iter()
        .map(|(directive, sources)| {
            let sources = sources
                .as_str()
                .expect("each directive is a string")
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            (directive.clone(), sources)
        })
        .collect()
}

/// Tauri's own IPC endpoints: `ipc:` and, on Linux and Windows, its custom protocol host.
const IPC_SOURCES: &[&str] = &["ipc:", "http://ipc.localhost"];

/// Why a source lets in something from outside the app, if it does.
fn remote(source: &str) -> Option<&'static str> {
    let s = source.to_ascii_lowercase();
    if IPC_SOURCES.contains(&s.as_str()) {
        return None;
    }
    if s.starts_with('\'') {
        return None; // keywords: 'self', 'none', 'unsafe-…' (judged separately)
    }
    if s == "data:" {
        return None; // inline data, never fetched from anywhere
    }
    if s.contains('*') {
        return Some("a wildcard");
    }
    if s.ends_with(':') {
        return Some("a whole scheme (e.g. https:, blob:)");
    }
    Some("an origin other than the app's own")
}

#[test]
fn the_csp_allows_no_remote_origin_no_eval_and_no_inline_script() {
    let csp = csp();
    for required in ["default-src", "script-src", "object-src", "base-uri"] {
        assert!(csp.contains_key(required), "the CSP has no {required}");
    }
    assert_eq!(csp["default-src"], ["'self'"]);
    assert_eq!(
        csp["script-src"],
        ["'self'"],
        "scripts come from the app only"
    );
    assert_eq!(csp["object-src"], ["'none'"]);
    for (directive, sources) in &csp {
        for source in sources {
            if let Some(why) = remote(source) {
                panic!("{directive} allows {source}: {why}");
            }
            let keyword = source.to_ascii_lowercase();
            assert!(
                !keyword.contains("unsafe-eval") && !keyword.contains("wasm-unsafe-eval"),
                "{directive} allows eval: {source}"
            );
            assert!(
                !keyword.contains("unsafe-hashes") && !keyword.starts_with("'nonce-"),
                "{directive} carries {source}; scripts are files of the app"
            );
            // Inline styles only: Svelte's style attributes and style: directives (bar widths,
            // colours), transitions' generated keyframes and the charts' SVG need them; a style
            // cannot run script.
            if keyword == "'unsafe-inline'" {
                assert_eq!(directive, "style-src", "{directive} allows inline content");
            }
        }
    }
    assert!(
        !csp["connect-src"].iter().any(|s| s.starts_with("ws")),
        "no websocket"
    );
}

/// Every permission the app grants, from every capability file.
fn capabilities() -> Vec<(PathBuf, Value)> {
    let dir = root().join("src-tauri/capabilities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("capabilities folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.clone(), read_json(&p)))
        .collect()
}

/// What the main window uses: Kizuna's own commands (allowed by `core:default` for the app's
/// commands), the native open/save dialogs, and a system notification when a long job ends
/// while the window is in the background. Nothing else may be granted.
const MAIN_WINDOW_PERMISSIONS: &[&str] = &[
    "core:default",
    "dialog:allow-open",
    "dialog:allow-save",
    "notification:allow-is-permission-granted",
    "notification:allow-request-permission",
    "notification:allow-notify",
];

#[test]
fn capabilities_grant_the_main_window_only_what_it_uses_and_no_filesystem() {
    let caps = capabilities();
    assert!(!caps.is_empty(), "no capability files");
    for (path, cap) in &caps {
        let name = path.display();
        assert_eq!(
            cap["windows"],
            serde_json::json!(["main"]),
            "{name}: windows"
        );
        assert!(
            cap.get("remote").is_none(),
            "{name}: remote URLs may not call commands"
        );
        assert!(cap.get("webviews").is_none(), "{name}: no other webviews");
        let permissions: Vec<&str> = cap["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .map(|p| {
                p.as_str()
                    .unwrap_or_else(|| panic!("{name}: scoped permission {p} is not allowed"))
            })
            .collect();
        for permission in &permissions {
            assert!(
                !permission.starts_with("fs:") && !permission.contains("fs:"),
                "{name}: filesystem plugin permission {permission}"
            );
            assert!(
                MAIN_WINDOW_PERMISSIONS.contains(permission),
                "{name}: {permission} is not something the main window uses"
            );
        }
    }
}

#[test]
fn no_filesystem_shell_or_http_plugin_is_a_dependency() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let package = std::fs::read_to_string(root().join("ui/package.json")).expect("package.json");
    for plugin in [
        "plugin-fs",
        "plugin-shell",
        "plugin-http",
        "plugin-persisted-scope",
    ] {
        assert!(
            !manifest.contains(&format!("tauri-{plugin}")),
            "Cargo.toml has tauri-{plugin}"
        );
        assert!(
            !package.contains(&format!("@tauri-apps/{plugin}")),
            "ui/package.json has @tauri-apps/{plugin}"
        );
    }
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                html_files(&path)
            } else if path.extension().is_some_and(|x| x == "html") {
                vec![path]
            } else {
                Vec::new()
            }
        })
        .collect()
}

#[test]
fn the_built_ui_has_no_inline_script_or_event_handler_attribute() {
    // `scripts/test` builds the UI before the Rust tests; an unbuilt tree has nothing to check.
    for page in html_files(&root().join("ui/dist")) {
        let html = std::fs::read_to_string(&page)
            .expect("read page")
            .to_ascii_lowercase();
        let mut rest = html.as_str();
        while let Some(at) = rest.find("<script") {
            let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
            let tag = &rest[at..tag_end];
            assert!(
                tag.contains(" src="),
                "{}: inline script {tag}>",
                page.display()
            );
            rest = &rest[tag_end..];
        }
        for handler in [" onload=", " onclick=", " onerror=", "javascript:"] {
            assert!(!html.contains(handler), "{}: {handler}", page.display());
        }
    }
}

#[test]
fn the_origin_check_catches_remote_sources_and_passes_the_apps_own() {
    for bad in [
        "https://cdn.example.com",
        "*",
        "https:",
        "blob:",
        "*.example.com",
        "example.com",
    ] {
        assert!(remote(bad).is_some(), "{bad} passed");
    }
    for good in ["'self'", "'none'", "ipc:", "http://ipc.localhost", "data:"] {
        assert!(remote(good).is_none(), "{good} refused");
    }
}
