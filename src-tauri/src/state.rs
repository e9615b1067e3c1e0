//! The app's managed state: where communities live and the one that is open.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use kizuna_core::paths::{Communities, DB_ENV, data_dir};
use kizuna_core::store::Writer;
use kizuna_core::{Clock, CoreError, Store, SystemClock};
use tokio::sync::Notify;
use tracing_appender::non_blocking::WorkerGuard;

use crate::AppError;

/// A file sent by the Import screen: its name and bytes.
#[derive(Clone)]
pub struct StagedFile {
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
}

/// Shared by every command; cheap to clone into blocking tasks.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    communities: Communities,
    /// `KIZUNA_DB`: a community file to open instead of the remembered one.
    explicit_db: Option<PathBuf>,
    clock: Arc<dyn Clock>,
    store: Mutex<Option<Store>>,
    /// The file of the open community, readable while a command holds the store.
    open_file: Mutex<Option<PathBuf>>,
    /// Woken each time a community is opened (the automatic backup looks then).
    opened: Notify,
    /// The file the Import screen is working on (sent once, read by every step).
    staged: Mutex<Option<StagedFile>>,
    /// Set by "Cancel" during an import or its dry run.
    import_cancelled: AtomicBool,
    _log_guard: Option<WorkerGuard>,
}

impl AppState {
    /// State over the data folder (`KIZUNA_DATA_DIR` or the OS data dir).
    pub fn new(log_guard: Option<WorkerGuard>) -> Result<Self, CoreError> {
        Ok(Self(Arc::new(Inner {
            communities: Communities::new(data_dir()?),
            explicit_db: std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            clock: Arc::new(SystemClock),
            store: Mutex::new(None),
            open_file: Mutex::new(None),
            opened: Notify::new(),
            staged: Mutex::new(None),
            import_cancelled: AtomicBool::new(false),
            _log_guard: log_guard,
        })))
    }

    /// Where communities are kept.
    pub fn communities(&self) -> &Communities {
        &self.0.communities
    }

    /// The file named by `KIZUNA_DB`, if any.
    pub fn explicit_db(&self) -> Option<&std::path::Path> {
        self.0.explicit_db.as_deref()
    }

    /// Keeps `file` as the one the Import screen works on, replacing any other.
    pub fn stage_file(&self, file: StagedFile) {
        *self
            .0
            .staged
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(file);
    }

    /// The file the Import screen works on, if one was sent.
    pub fn staged_file(&self) -> Option<StagedFile> {
        self.0
            .staged
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Asks the running import or dry run to stop (nothing it did is kept).
    pub fn cancel_import(&self) {
        self.0.import_cancelled.store(true, Ordering::SeqCst);
    }

    /// Clears a cancel left from an earlier run; call before starting one.
    pub fn reset_import_cancel(&self) {
        self.0.import_cancelled.store(false, Ordering::SeqCst);
    }

    /// Whether "Cancel" was pressed since the run started.
    pub fn import_cancelled(&self) -> bool {
        self.0.import_cancelled.load(Ordering::SeqCst)
    }

    /// The clock every write and query uses.
    pub fn clock(&self) -> Arc<dyn Clock> {
        self.0.clock.clone()
    }

    /// Whether a community is open and no command is using it; never waits, so background
    /// tasks can ask from the async runtime (and they never open a community by themselves).
    pub fn open_and_idle(&self) -> bool {
        match self.0.store.try_lock() {
            Ok(slot) => slot.is_some(),
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner().is_some(),
            Err(std::sync::TryLockError::WouldBlock) => false,
        }
    }

    /// The file of the open community, if one is open; never waits on a command.
    pub fn open_file(&self) -> Option<PathBuf> {
        self.0
            .open_file
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Resolves when a community has been opened since the last call.
    pub async fn community_opened(&self) {
        self.0.opened.notified().await;
    }

    fn remember_open(&self, path: &Path) {
        *self
            .0
            .open_file
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(path.to_path_buf());
        self.0.opened.notify_one();
    }

    /// The community file the app works on: the open one, else the one it would open
    /// (`KIZUNA_DB` or the one opened last), even when that file cannot be opened.
    fn community_file(&self, open: Option<&Store>) -> Result<PathBuf, CoreError> {
        if let Some(store) = open {
            return Ok(store.path().to_path_buf());
        }
        if let Some(path) = self.explicit_db() {
            return Ok(path.to_path_buf());
        }
        self.communities()
            .current()?
            .ok_or_else(|| CoreError::NotFound {
                what: "community",
                id: "opened last".to_owned(),
            })
    }

    /// The community file the app works on, even when it could not be opened.
    pub async fn current_file(&self) -> Result<PathBuf, AppError> {
        let state = self.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let slot = state
                .0
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            Ok(state.community_file(slot.as_ref())?)
        })
        .await?
    }

    /// Closes the community file the app works on, runs `work` on it (e.g. a restore), and
    /// opens it again, off the UI thread. When `work` fails the file is opened as it was.
    pub async fn reopen_after(
        &self,
        work: impl FnOnce(&Path) -> Result<(), CoreError> + Send + 'static,
    ) -> Result<kizuna_core::community::CommunityInfo, AppError> {
        let state = self.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut slot = state
                .0
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let path = state.community_file(slot.as_ref())?;
            // The file must be closed while it is replaced.
            drop(slot.take());
            let worked = work(&path);
            match kizuna_core::community::open_up_to_date(&path, state.clock()) {
                Ok(store) => {
                    let info = kizuna_core::community::info(&store);
                    state.remember_open(store.path());
                    *slot = Some(store);
                    worked?;
                    Ok(info?)
                }
                Err(reopening) => {
                    worked?;
                    Err(reopening.into())
                }
            }
        })
        .await?
    }

    /// Runs `work` on the open community off the UI thread, opening the current one first
    /// if none is open yet.
    pub async fn with_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let state = self.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut slot = state
                .0
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let store = match slot.take() {
                Some(store) => store,
                None => {
                    let store = kizuna_core::community::open_current(
                        state.communities(),
                        state.explicit_db(),
                        state.clock(),
                    )?;
                    state.remember_open(store.path());
                    store
                }
            };
            work(slot.insert(store))
        })
        .await?
    }

    /// Runs `work` on the open community (reads, or writes of its own), off the UI thread.
    pub async fn read<T: Send + 'static, E: Into<AppError>>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, E> + Send + 'static,
    ) -> Result<T, AppError> {
        self.with_store(move |store| work(store).map_err(Into::into))
            .await
    }

    /// Runs `work` in one write transaction on the open community, off the UI thread.
    pub async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Writer<'_>) -> Result<T, CoreError> + Send + 'static,
    ) -> Result<T, AppError> {
        self.with_store(move |store| Ok(store.write(work)?)).await
    }

    /// Replaces the open community with the one `open` returns, off the UI thread.
    pub async fn switch_to(
        &self,
        open: impl FnOnce(&AppState) -> Result<Store, CoreError> + Send + 'static,
    ) -> Result<kizuna_core::community::CommunityInfo, AppError> {
        let state = self.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let store = open(&state)?;
            let info = kizuna_core::community::info(&store)?;
            state.remember_open(store.path());
            *state
                .0
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(store);
            Ok(info)
        })
        .await?
    }
}
