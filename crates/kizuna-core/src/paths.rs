//! Where communities live on disk, shared by the app and the CLI so both open the same file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

/// The app's identifier; the data folder is named after it (as Tauri's app data dir is).
pub const APP_IDENTIFIER: &str = "app.kizuna.desktop";
/// Environment variable that overrides the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "KIZUNA_DATA_DIR";
/// Environment variable naming the community file to open.
pub const DB_ENV: &str = "KIZUNA_DB";
/// File extension of community databases.
pub const EXTENSION: &str = "kizuna";

/// The data folder: `$KIZUNA_DATA_DIR`, else the OS data dir + the app identifier.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| CoreError::DataDir {
            path: PathBuf::from("~"),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "this system has no user data folder",
            ),
        })
}

/// The communities in one data folder and which one is current.
#[derive(Debug, Clone)]
pub struct Communities {
    dir: PathBuf,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    current: Option<PathBuf>,
}

impl Communities {
    /// The communities kept in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The folder itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the generated sample community lives.
    pub fn sample_path(&self) -> PathBuf {
        self.dir.join(format!("sample.{EXTENSION}"))
    }

    /// The default file for a community of the user's own.
    pub fn default_path(&self) -> PathBuf {
        self.dir.join(format!("community.{EXTENSION}"))
    }

    /// A file name for a new community called `name` that does not exist yet.
    pub fn new_path_for(&self, name: &str) -> PathBuf {
        let slug: String = name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .trim_matches('-')
            .to_lowercase();
        let stem = if slug.is_empty() {
            "community".to_owned()
        } else {
            slug
        };
        let mut candidate = self.dir.join(format!("{stem}.{EXTENSION}"));
        let mut n = 2;
        while candidate.exists() {
            candidate = self.dir.join(format!("{stem}-{n}.{EXTENSION}"));
            n += 1;
        }
        candidate
    }

    fn settings_path(&self) -> PathBuf {
        self.dir.join("settings.json")
    }

    /// The community last opened, if it still exists.
    pub fn current(&self) -> Result<Option<PathBuf>> {
        let path = self.settings_path();
        let settings: Settings = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(source) => return Err(CoreError::DataDir { path, source }),
        };
        Ok(settings.current.filter(|p| p.exists()))
    }

    /// Remembers `community` as the one to open next time.
    pub fn set_current(&self, community: &Path) -> Result<()> {
        let io = |source| CoreError::DataDir {
            path: self.dir.clone(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(io)?;
        let json = serde_json::to_vec_pretty(&Settings {
            current: Some(community.to_path_buf()),
        })?;
        // Write then rename, so a crash never leaves half a settings file.
        let tmp = self.dir.join("settings.json.tmp");
        std::fs::write(&tmp, json).map_err(io)?;
        std::fs::rename(&tmp, self.settings_path()).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_community_round_trips_and_forgets_missing_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let communities = Communities::new(dir.path());
        assert_eq!(communities.current().expect("read"), None);
        let file = communities.new_path_for("Tokyo Coffee Club!");
        assert!(file.ends_with("tokyo-coffee-club.kizuna"));
        std::fs::write(&file, b"").expect("write");
        communities.set_current(&file).expect("save");
        assert_eq!(communities.current().expect("read"), Some(file.clone()));
        assert!(
            communities
                .new_path_for("Tokyo Coffee Club")
                .ends_with("tokyo-coffee-club-2.kizuna")
        );
        std::fs::remove_file(&file).expect("remove");
        assert_eq!(communities.current().expect("read"), None);
    }
}
