//! Reading a file the user picked in the native open dialog: a full path to an existing file no
//! larger than the import it feeds needs, refused with a message that says which of these failed.

use std::path::PathBuf;

use kizuna_core::CoreError;

/// The bytes of the picked file at `path`; `what` names the kind of file in the size refusal
/// ("a feedback CSV"), `max_mb` is the largest size read in MB.
pub fn read_picked(path: &str, max_mb: u64, what: &str) -> Result<Vec<u8>, CoreError> {
    let file = PathBuf::from(path.trim());
    let refuse = |why: kizuna_core::Invalid| {
        Err(kizuna_core::invalid!(
            "files.cannotRead",
            "cannot read \"{path}\": {why}",
            path,
            why
        ))
    };
    if !file.is_absolute() {
        return refuse(kizuna_core::invalid_reason!(
            "files.readNotFullPath",
            "it is not a full path; choose the file again"
        ));
    }
    let Ok(meta) = std::fs::metadata(&file) else {
        return refuse(kizuna_core::invalid_reason!(
            "files.missing",
            "the file does not exist or cannot be opened"
        ));
    };
    if !meta.is_file() {
        return refuse(kizuna_core::invalid_reason!(
            "files.isFolder",
            "it is a folder, not a file"
        ));
    }
    if meta.len() > max_mb * 1024 * 1024 {
        return refuse(kizuna_core::invalid_reason!(
            "files.tooLarge",
            "the file is larger than {max} MB; {what} is much smaller",
            max = max_mb,
            what
        ));
    }
    std::fs::read(&file).or_else(|e| {
        refuse(kizuna_core::invalid_reason!(
            "files.unreadable",
            "it could not be read ({error})",
            error = e
        ))
    })
}

/// The picked file at `path` as UTF-8 text (see [`read_picked`]).
pub fn read_picked_text(path: &str, max_mb: u64, what: &str) -> Result<String, CoreError> {
    String::from_utf8(read_picked(path, max_mb, what)?).map_err(|_| {
        kizuna_core::invalid!(
            "files.notUtf8",
            "cannot read \"{path}\": it is not UTF-8 text; save it as CSV UTF-8",
            path
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal<T: std::fmt::Debug>(result: Result<T, CoreError>) -> String {
        match result {
            Err(CoreError::InvalidInput(message)) => message.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_picked_file_must_be_a_full_path_to_an_existing_small_file() {
        assert!(refusal(read_picked("feedback.csv", 1, "a CSV")).contains("not a full path"));
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().to_string_lossy().into_owned();
        assert!(refusal(read_picked(&folder, 1, "a CSV")).contains("a folder"));
        let missing = dir.path().join("none.csv").to_string_lossy().into_owned();
        assert!(refusal(read_picked(&missing, 1, "a CSV")).contains("does not exist"));
        let file = dir.path().join("f.csv");
        std::fs::write(&file, "rating\n5\n").expect("write");
        let path = file.to_string_lossy().into_owned();
        assert_eq!(
            read_picked(&path, 1, "a CSV").expect("read"),
            b"rating\n5\n"
        );
        assert_eq!(
            read_picked_text(&path, 1, "a CSV").expect("text"),
            "rating\n5\n"
        );
        std::fs::write(&file, vec![b'x'; 1024 * 1024 + 1]).expect("write big");
        assert_eq!(
            refusal(read_picked(&path, 1, "a list of codes")),
            format!(
                "cannot read \"{path}\": the file is larger than 1 MB; a list of codes is much smaller"
            )
        );
        std::fs::write(&file, [0xff, 0xfe, 0x41]).expect("write latin");
        assert!(refusal(read_picked_text(&path, 1, "a CSV")).contains("not UTF-8"));
    }
}
