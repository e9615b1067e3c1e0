//! The crates compiled into the `kizuna-app` binary: its normal dependencies and theirs, from
//! `cargo metadata` (dev- and build-only dependencies do not ship).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::texts::{TextPool, licence_files};
use crate::{ComponentKind, NoticesError, ThirdPartyComponent};

/// The package whose graph is listed.
const APP: &str = "kizuna-app";

#[derive(Deserialize)]
struct Metadata {
    packages: Vec<Package>,
    resolve: Resolve,
}

#[derive(Deserialize)]
struct Package {
    id: String,
    name: String,
    version: String,
    license: Option<String>,
    license_file: Option<String>,
    repository: Option<String>,
    /// None for the workspace's own (path) crates.
    source: Option<String>,
    manifest_path: String,
}

#[derive(Deserialize)]
struct Resolve {
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct Node {
    id: String,
    deps: Vec<NodeDep>,
}

#[derive(Deserialize)]
struct NodeDep {
    pkg: String,
    dep_kinds: Vec<DepKind>,
}

#[derive(Deserialize)]
struct DepKind {
    /// None for a normal dependency, "dev" or "build" otherwise.
    kind: Option<String>,
}

/// Runs `cargo metadata` on the workspace at `root` for `target`, offline and with the lock
/// file as it is.
fn metadata(root: &Path, target: &str) -> Result<Metadata, NoticesError> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let args = [
        "metadata",
        "--format-version",
        "1",
        "--locked",
        "--offline",
        "--filter-platform",
        target,
    ];
    let command = format!("cargo {}", args.join(" "));
    let output = Command::new(cargo)
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| NoticesError::Command {
            command: command.clone(),
            reason: e.to_string(),
        })?;
    if !output.status.success() {
        return Err(NoticesError::Command {
            command,
            reason: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|e| NoticesError::unexpected("cargo metadata's output", e.to_string()))
}

/// Every third-party crate `kizuna-app` links for `target`, with its licence texts in `pool`.
pub(crate) fn crates(
    root: &Path,
    target: &str,
    pool: &mut TextPool,
) -> Result<Vec<ThirdPartyComponent>, NoticesError> {
    let metadata = metadata(root, target)?;
    let packages: HashMap<&str, &Package> = metadata
        .packages
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let nodes: HashMap<&str, &Node> = metadata
        .resolve
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n))
        .collect();
    let app = metadata
        .packages
        .iter()
        .find(|p| p.name == APP && p.source.is_none())
        .ok_or_else(|| NoticesError::unexpected("cargo metadata", format!("no {APP} package")))?;
    let mut reached = BTreeSet::new();
    let mut next = vec![app.id.as_str()];
    while let Some(id) = next.pop() {
        if !reached.insert(id) {
            continue;
        }
        for dep in nodes.get(id).map_or(&[][..], |n| &n.deps) {
            if dep.dep_kinds.iter().any(|k| k.kind.is_none()) {
                next.push(dep.pkg.as_str());
            }
        }
    }
    reached
        .into_iter()
        .filter_map(|id| packages.get(id).copied())
        .filter(|p| p.source.is_some())
        .map(|p| component(p, pool))
        .collect()
}

fn component(package: &Package, pool: &mut TextPool) -> Result<ThirdPartyComponent, NoticesError> {
    let label = format!("crate {} {}", package.name, package.version);
    let licence = package
        .license
        .clone()
        .ok_or_else(|| NoticesError::unexpected(&label, "declares no licence"))?;
    let dir = Path::new(&package.manifest_path)
        .parent()
        .unwrap_or(Path::new("."));
    let files = licence_files(dir, package.license_file.as_deref())?;
    let (texts, standard_text) = pool.add_package(&label, &licence, &files)?;
    Ok(ThirdPartyComponent {
        kind: ComponentKind::Crate,
        name: package.name.clone(),
        version: package.version.clone(),
        licence,
        repository: package.repository.clone(),
        texts,
        standard_text,
    })
}
