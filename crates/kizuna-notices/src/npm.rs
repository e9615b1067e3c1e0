//! The npm packages bundled into the built UI, pinned by `ui/package-lock.json`, with their
//! licence texts from `ui/node_modules`.

use std::path::Path;

use serde_json::Value;

use crate::texts::{TextPool, licence_files};
use crate::{ComponentKind, NoticesError, ThirdPartyComponent};

/// Packages vite bundles into `ui/dist` besides `ui/package.json`'s `dependencies`: the Svelte
/// runtime, SvelteKit's client router and its `devalue`. Found by building with
/// `npx vite build --sourcemap` and listing the `node_modules` folders the maps name
/// (docs/bundles.md); Svelte's compiler-side dependencies are not in the bundle.
const BUNDLED_DEV_PACKAGES: &[&str] = &["svelte", "@sveltejs/kit", "devalue"];

fn read_json(path: &Path) -> Result<Value, NoticesError> {
    let text = std::fs::read_to_string(path).map_err(|source| NoticesError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text)
        .map_err(|e| NoticesError::unexpected(path.display().to_string(), e.to_string()))
}

/// The bundled packages of the UI at `ui`, with their licence texts in `pool`.
pub(crate) fn packages(
    ui: &Path,
    pool: &mut TextPool,
) -> Result<Vec<ThirdPartyComponent>, NoticesError> {
    let manifest = read_json(&ui.join("package.json"))?;
    let lock = read_json(&ui.join("package-lock.json"))?;
    let mut names: Vec<String> = manifest["dependencies"]
        .as_object()
        .map(|deps| deps.keys().cloned().collect())
        .unwrap_or_default();
    names.extend(BUNDLED_DEV_PACKAGES.iter().map(|n| (*n).to_owned()));
    names.sort();
    names.dedup();
    names
        .iter()
        .map(|name| package(ui, &lock, name, pool))
        .collect()
}

fn package(
    ui: &Path,
    lock: &Value,
    name: &str,
    pool: &mut TextPool,
) -> Result<ThirdPartyComponent, NoticesError> {
    let locked = &lock["packages"][format!("node_modules/{name}")];
    let version = locked["version"].as_str().ok_or_else(|| {
        NoticesError::unexpected("ui/package-lock.json", format!("does not pin {name}"))
    })?;
    let dir = ui.join("node_modules").join(name);
    let installed = read_json(&dir.join("package.json"))?;
    if installed["version"].as_str() != Some(version) {
        return Err(NoticesError::unexpected(
            format!("ui/node_modules/{name}"),
            format!(
                "holds version {} but the lock pins {version}: run `npm ci` in ui/",
                installed["version"]
            ),
        ));
    }
    let label = format!("npm package {name} {version}");
    let licence = installed["license"]
        .as_str()
        .or_else(|| locked["license"].as_str())
        .ok_or_else(|| NoticesError::unexpected(&label, "declares no licence"))?
        .to_owned();
    let repository = match &installed["repository"] {
        Value::String(url) => Some(url.clone()),
        Value::Object(repo) => repo.get("url").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
    .map(|url| {
        url.trim_start_matches("git+")
            .trim_end_matches(".git")
            .to_owned()
    });
    let files = licence_files(&dir, None)?;
    let (texts, standard_text) = pool.add_package(&label, &licence, &files)?;
    Ok(ThirdPartyComponent {
        kind: ComponentKind::Npm,
        name: name.to_owned(),
        version: version.to_owned(),
        licence,
        repository,
        texts,
        standard_text,
    })
}
