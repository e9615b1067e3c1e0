//! Third-party notices of the Kizuna app: every crate in the `kizuna-app` binary's dependency
//! graph, every npm package bundled into the built UI and every bundled font, each with its
//! licence texts (identical texts stored once).
//!
//! `cargo run -p kizuna-notices` writes [`NOTICES_FILE`]; the app embeds that file and shows it
//! on its About screen; a test fails when the lock files changed and the file was not rewritten.

mod cargo_graph;
mod npm;
mod texts;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use texts::standard_text;

/// Where the notices live, relative to the workspace root.
pub const NOTICES_FILE: &str = "src-tauri/third-party-notices.json";

/// The platform whose dependency graph is listed by default (the Linux bundle CI builds).
pub const DEFAULT_TARGET: &str = "x86_64-unknown-linux-gnu";

/// The command that rewrites [`NOTICES_FILE`], quoted in messages.
pub const REGENERATE: &str = "cargo run -p kizuna-notices";

/// Everything the app ships that others wrote, with the licence texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Notices {
    /// The Rust target triple whose dependency graph was listed.
    pub target: String,
    /// Crates, npm packages and fonts, sorted by kind then name then version.
    pub components: Vec<ThirdPartyComponent>,
    /// Each distinct licence text once; components refer to them by index.
    pub texts: Vec<String>,
}

/// Where a component comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ComponentKind {
    /// A Rust crate compiled into the app.
    Crate,
    /// An npm package bundled into the UI.
    Npm,
    /// A font file bundled into the app.
    Font,
}

/// One third-party component and its licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ThirdPartyComponent {
    /// Crate, npm package or font.
    pub kind: ComponentKind,
    /// Its name as published.
    pub name: String,
    /// The version the lock file pins.
    pub version: String,
    /// Its licence as an SPDX expression, as the package declares it.
    pub licence: String,
    /// Where its source lives, when the package says.
    pub repository: Option<String>,
    /// Indices into [`Notices::texts`]: its licence and notice files.
    pub texts: Vec<u32>,
    /// True when the package ships no licence file and the standard text of its declared
    /// licence is shown instead.
    pub standard_text: bool,
}

/// Why the notices could not be made.
#[derive(Debug, thiserror::Error)]
pub enum NoticesError {
    /// A command (cargo metadata) could not run or failed.
    #[error("{command} failed: {reason}")]
    Command {
        /// The command line.
        command: String,
        /// Its error output or why it did not start.
        reason: String,
    },
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// A JSON file or command output is not what was expected.
    #[error("{what}: {reason}")]
    Unexpected {
        /// Which file or output.
        what: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl NoticesError {
    fn unexpected(what: impl Into<String>, reason: impl Into<String>) -> Self {
        NoticesError::Unexpected {
            what: what.into(),
            reason: reason.into(),
        }
    }
}

/// A bundled font: where its file and licence live in the workspace.
struct BundledFont {
    name: &'static str,
    version: &'static str,
    licence: &'static str,
    repository: &'static str,
    licence_file: &'static str,
}

/// The fonts compiled into the app: the report crate's (crates/kizuna-report/fonts/README.md).
/// The UI uses the system's fonts and bundles none.
const FONTS: &[BundledFont] = &[BundledFont {
    name: "Noto Sans JP",
    version: "2.004",
    licence: "OFL-1.1",
    repository: "https://github.com/notofonts/noto-cjk",
    licence_file: "crates/kizuna-report/fonts/OFL.txt",
}];

/// Lists every third-party component of the app built from the workspace at `root` for
/// `target`: crates from `cargo metadata --locked --offline`, npm packages from
/// `ui/package-lock.json` with texts from `ui/node_modules`, and the bundled fonts.
pub fn generate(root: &Path, target: &str) -> Result<Notices, NoticesError> {
    let mut pool = texts::TextPool::default();
    let mut components = cargo_graph::crates(root, target, &mut pool)?;
    components.extend(npm::packages(&root.join("ui"), &mut pool)?);
    for font in FONTS {
        let path = root.join(font.licence_file);
        let text = std::fs::read_to_string(&path).map_err(|source| NoticesError::Read {
            path: path.clone(),
            source,
        })?;
        components.push(ThirdPartyComponent {
            kind: ComponentKind::Font,
            name: font.name.to_owned(),
            version: font.version.to_owned(),
            licence: font.licence.to_owned(),
            repository: Some(font.repository.to_owned()),
            texts: vec![pool.add(&text)],
            standard_text: false,
        });
    }
    components.sort_by(|a, b| {
        (a.kind, a.name.to_lowercase(), &a.version).cmp(&(
            b.kind,
            b.name.to_lowercase(),
            &b.version,
        ))
    });
    Ok(pool.into_notices(target, components))
}

impl Notices {
    /// Reads notices written by [`Notices::to_json`].
    pub fn from_json(json: &str) -> Result<Notices, NoticesError> {
        serde_json::from_str(json)
            .map_err(|e| NoticesError::unexpected("third-party notices", e.to_string()))
    }

    /// The notices as the committed file holds them (pretty JSON, one component per few lines).
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    /// How many components of `kind` there are.
    pub fn count(&self, kind: ComponentKind) -> usize {
        self.components.iter().filter(|c| c.kind == kind).count()
    }
}
