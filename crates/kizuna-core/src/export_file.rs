//! Files the user saves from Kizuna (a member's data, a segment's CSV, later reports): where they
//! may go, and writing them whole or not at all.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::{CoreError, Result};

/// Accepts the path a save dialog returned: an absolute file path whose folder exists.
pub fn destination(path: &str) -> Result<PathBuf> {
    let target = PathBuf::from(path.trim());
    let refuse = |why: &str| {
        Err(CoreError::InvalidInput(format!(
            "cannot save to \"{path}\": {why}"
        )))
    };
    if !target.is_absolute() {
        return refuse("it is not a full path; choose where to save the file");
    }
    if target.is_dir() || target.file_name().is_none() {
        return refuse("it is a folder, not a file");
    }
    if !target.parent().is_some_and(Path::is_dir) {
        return refuse("its folder does not exist");
    }
    Ok(target)
}

/// Writes through `work` into a temporary file beside `target`, then moves it into place, so a
/// failed export leaves no half-written file and an existing file is replaced only on success.
pub fn write_whole<T>(target: &Path, work: impl FnOnce(File) -> Result<T>) -> Result<T> {
    let mut partial = target.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let result = File::create(&partial)
        .map_err(CoreError::Export)
        .and_then(work)
        .and_then(|out| {
            std::fs::rename(&partial, target)
                .map(|()| out)
                .map_err(CoreError::Export)
        });
    if result.is_err() {
        // Best effort: the partial file may never have been created.
        let _ = std::fs::remove_file(&partial);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(path: &str) -> String {
        match destination(path) {
            Err(CoreError::InvalidInput(message)) => message,
            other => panic!("{path:?} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn a_new_file_in_an_existing_folder_is_accepted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("taro.json");
        assert_eq!(
            destination(&file.to_string_lossy()).expect("accepted"),
            file
        );
    }

    #[test]
    fn relative_paths_folders_and_missing_folders_are_refused_with_the_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(refusal("vip.csv").contains("not a full path"));
        assert!(refusal(&dir.path().to_string_lossy()).contains("is a folder"));
        let missing = dir.path().join("gone").join("vip.csv");
        assert!(refusal(&missing.to_string_lossy()).contains("folder does not exist"));
    }

    #[test]
    fn a_failed_export_leaves_no_file_behind_and_a_good_one_appears_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("out.csv");
        let failed: Result<()> = write_whole(&target, |_| {
            Err(CoreError::InvalidInput("rule 1: bad".to_owned()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
        let written = write_whole(&target, |mut f| {
            std::io::Write::write_all(&mut f, b"id\n").map_err(CoreError::Export)?;
            Ok(1)
        })
        .expect("write");
        assert_eq!(written, 1);
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "id\n");
    }
}
