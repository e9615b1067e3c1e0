//! Arbitrary bytes and CSV-like text through the file reader and the mapping never panic:
//! every file either reads or is refused with a `FileError` that says why.

use kizuna_import::formats::{FileOptions, MapContext, batch_from_file};
use proptest::prelude::*;

fn options() -> FileOptions {
    FileOptions {
        encoding: None,
        format: None,
        mapping: None,
        context: MapContext {
            time_zone: "Asia/Tokyo".to_owned(),
            event: None,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        match batch_from_file(&bytes, "x.csv", &options()) {
            Ok(read) => prop_assert!(!read.headers.is_empty()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn csv_like_text_never_panics(
        text in "(name|email|氏名|status|Order #|api_id|approval_status|[a-z\"=,;\t\r\n ]){0,12}(\n[a-zA-Z0-9@.,\"=+\r 参加出席キャンセル-]{0,40}){0,8}"
    ) {
        if let Err(e) = batch_from_file(text.as_bytes(), "x.csv", &options()) {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}
