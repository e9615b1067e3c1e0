//! Creating communities: an empty one of the user's own, or a generated sample.

use std::path::Path;
use std::sync::Arc;

use crate::activities::ensure_builtin_types;
use crate::clock::Clock;
use crate::engagement::ensure_default_levels;
use crate::engagement::{RecomputeMode, recompute, recompute_due};
use crate::error::{CoreError, Result};
use crate::paths::Communities;
use crate::sample::{SampleReport, SampleSpec, generate};
use crate::store::{META_NAME, OpenMode, Store};

/// Creates a new, empty community file called `name`; refuses to touch an existing file.
pub fn create_empty(path: &Path, name: &str, clock: Arc<dyn Clock>) -> Result<Store> {
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::invalid!(
            "community.nameMissing",
            "a community needs a name"
        ));
    }
    refuse_existing(path)?;
    let mut store = Store::open(path, OpenMode::CreateIfMissing, clock)?;
    store.set_meta(META_NAME, name)?;
    store.write(|w| {
        ensure_builtin_types(w)?;
        ensure_default_levels(w)
    })?;
    Ok(store)
}

/// Creates a new file holding a generated sample community; refuses to touch an existing file.
pub fn create_sample(
    path: &Path,
    spec: &SampleSpec,
    clock: Arc<dyn Clock>,
) -> Result<(Store, SampleReport)> {
    refuse_existing(path)?;
    let mut store = Store::open(path, OpenMode::CreateIfMissing, clock)?;
    let report = generate(&mut store, spec)?;
    Ok((store, report))
}

fn refuse_existing(path: &Path) -> Result<()> {
    if path.exists() {
        return Err(crate::invalid!(
            "community.fileExists",
            "{path} already exists; choose another file",
            path = path.display()
        ));
    }
    Ok(())
}

/// The file the app opens, and what it shows about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunityInfo {
    pub path: String,
    pub name: String,
    pub is_sample: bool,
}

/// Describes an open community.
pub fn info(store: &Store) -> Result<CommunityInfo> {
    Ok(CommunityInfo {
        path: store.path().display().to_string(),
        name: store.community_name()?,
        is_sample: store.is_sample()?,
    })
}

/// Members in the sample created on first run.
pub const FIRST_RUN_SAMPLE_MEMBERS: u32 = 2_000;

/// Opens what the user works on: `explicit` (e.g. `KIZUNA_DB`) if given, else the community
/// opened last, else the sample community — generated on first run so no screen starts empty.
pub fn open_current(
    communities: &Communities,
    explicit: Option<&Path>,
    clock: Arc<dyn Clock>,
) -> Result<Store> {
    if let Some(path) = explicit {
        return open_up_to_date(path, clock);
    }
    match communities.current()? {
        Some(path) => open_up_to_date(&path, clock).map_err(|e| match e {
            // Kizuna wrote and remembered this file: if it no longer reads as one, it is damaged.
            CoreError::NotKizunaDatabase { path, reason } => crate::backup::corrupt(&path, reason),
            other => other,
        }),
        None => open_sample(communities, clock),
    }
}

/// Scores older than this are refreshed on open even when nothing else changed.
const SCORES_MAX_AGE_MS: i64 = 6 * 3_600_000;

/// Opens an existing community and brings its engagement scores up to date (incrementally:
/// only activities added since the last recompute are read), skipping the work when nothing
/// changed in the last few hours.
pub fn open_up_to_date(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
    let mut store = Store::open(path, OpenMode::MustExist, clock)?;
    let now_ms = store.clock().now_ms();
    if recompute_due(store.conn(), now_ms, SCORES_MAX_AGE_MS)? {
        store.write(|w| recompute(w, now_ms, RecomputeMode::Incremental))?;
    }
    Ok(store)
}

/// Opens the sample community, generating it first if it is missing, and makes it current.
pub fn open_sample(communities: &Communities, clock: Arc<dyn Clock>) -> Result<Store> {
    let path = communities.sample_path();
    let store = if path.exists() {
        open_up_to_date(&path, clock)?
    } else {
        let spec = SampleSpec::with_members(FIRST_RUN_SAMPLE_MEMBERS);
        create_sample(&path, &spec, clock)?.0
    };
    communities.set_current(&path)?;
    Ok(store)
}

/// Creates a new empty community named `name` next to the others and makes it current.
pub fn start_empty(communities: &Communities, name: &str, clock: Arc<dyn Clock>) -> Result<Store> {
    let store = create_empty(&communities.new_path_for(name), name, clock)?;
    communities.set_current(store.path())?;
    Ok(store)
}
