//! `cargo run -p kizuna-notices [-- --target <triple>] [--root <workspace>]`: rewrites
//! src-tauri/third-party-notices.json from the lock files, the cargo registry's sources and
//! ui/node_modules, and says what it counted.

use std::path::PathBuf;
use std::process::ExitCode;

use kizuna_notices::{ComponentKind, DEFAULT_TARGET, NOTICES_FILE, generate};

fn main() -> ExitCode {
    let mut target = DEFAULT_TARGET.to_owned();
    // The workspace root: this crate lives in crates/kizuna-notices.
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--target", Some(value)) => target = value,
            ("--root", Some(value)) => root = PathBuf::from(value),
            _ => {
                eprintln!(
                    "usage: kizuna-notices [--target <rust target triple>] [--root <workspace>]"
                );
                return ExitCode::FAILURE;
            }
        }
    }
    let target = target.as_str();
    let notices = match generate(&root, target) {
        Ok(notices) => notices,
        Err(error) => {
            eprintln!("kizuna-notices: {error}");
            return ExitCode::FAILURE;
        }
    };
    let json = notices.to_json();
    if let Err(error) = std::fs::write(root.join(NOTICES_FILE), &json) {
        eprintln!("kizuna-notices: cannot write {NOTICES_FILE}: {error}");
        return ExitCode::FAILURE;
    }
    let standard = notices
        .components
        .iter()
        .filter(|c| c.standard_text)
        .count();
    println!(
        "{NOTICES_FILE}: {} crates, {} npm packages, {} fonts for {target}; {} distinct licence \
         texts ({standard} packages without a licence file get their licence's standard text); {} bytes",
        notices.count(ComponentKind::Crate),
        notices.count(ComponentKind::Npm),
        notices.count(ComponentKind::Font),
        notices.texts.len(),
        json.len()
    );
    ExitCode::SUCCESS
}
