//! Files the user saves from Kizuna (a member's data, a segment's CSV, later reports): where they
//! may go, writing them whole or not at all, and CSV cells a spreadsheet cannot run as formulas.

use std::borrow::Cow;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{CoreError, Result};

/// Accepts the path a save dialog returned: an absolute file path whose folder exists.
pub fn destination(path: &str) -> Result<PathBuf> {
    let target = PathBuf::from(path.trim());
    let refuse = |why: crate::Invalid| {
        Err(crate::invalid!(
            "files.cannotSave",
            "cannot save to \"{path}\": {why}",
            path,
            why
        ))
    };
    if !target.is_absolute() {
        return refuse(crate::invalid_reason!(
            "files.saveNotFullPath",
            "it is not a full path; choose where to save the file"
        ));
    }
    if target.is_dir() || target.file_name().is_none() {
        return refuse(crate::invalid_reason!(
            "files.isFolder",
            "it is a folder, not a file"
        ));
    }
    if !target.parent().is_some_and(Path::is_dir) {
        return refuse(crate::invalid_reason!(
            "files.noFolder",
            "its folder does not exist"
        ));
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

/// A CSV cell as a spreadsheet will show it rather than run it: text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's defence against CSV
/// injection), so a member named `=HYPERLINK(…)` stays a name. Plain numbers such as `-12.50`
/// cannot be formulas and are left as they are.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let plain_number = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if risky && !plain_number {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes one CSV record with every cell made [`spreadsheet_safe`]; every CSV Kizuna writes
/// goes through here.
pub fn write_csv_record<W: Write, I, S>(out: &mut csv::Writer<W>, cells: I) -> csv::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    out.write_record(
        cells
            .into_iter()
            .map(|c| spreadsheet_safe(c.as_ref()).into_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_quoted_and_numbers_are_not() {
        for (cell, written) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+SUM(1)", "'+SUM(1)"),
            ("-2+3", "'-2+3"),
            ("@x", "'@x"),
            ("\tTab", "'\tTab"),
            ("\rCR", "'\rCR"),
            ("+81 90 1234 5678", "'+81 90 1234 5678"),
            ("-12.50", "-12.50"),
            ("-1200", "-1200"),
            ("-", "'-"),
            ("Aiko = friend", "Aiko = friend"),
            ("山田 太郎", "山田 太郎"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell), written, "{cell:?}");
        }
    }

    fn refusal(path: &str) -> String {
        match destination(path) {
            Err(CoreError::InvalidInput(message)) => message.to_string(),
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
            Err(crate::invalid!("test.example", "rule 1: bad"))
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
