//! A member whose name looks like a spreadsheet formula comes in from a CSV exactly as written
//! and goes out of a members export as text a spreadsheet shows instead of running.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::segments::{export_csv, parse_rules};
use kizuna_core::store::OpenMode;
use kizuna_import::engine::{ImportOptions, import};
use kizuna_import::formats::{FileOptions, MapContext, batch_from_file};

const FORMULA: &str = "=cmd|' /C calc'!A0";

#[test]
fn a_formula_name_is_stored_verbatim_and_exported_as_text() {
    let file = format!(
        "name,email,tags\n\"{FORMULA}\",calc@example.jp,export\n+SUM(1),sum@example.jp,export\nAiko Sato,aiko@example.jp,export\n"
    );
    let options = FileOptions {
        encoding: None,
        format: None,
        mapping: None,
        context: MapContext {
            time_zone: "Asia/Tokyo".to_owned(),
            event: None,
        },
    };
    let batch = batch_from_file(file.as_bytes(), "members.csv", &options)
        .expect("read")
        .batch;
    let dir = tempfile::tempdir().expect("dir");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    let mut store = Store::open(
        &dir.path().join("c.kizuna"),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store");
    let options = ImportOptions {
        time_zone: "Asia/Tokyo".to_owned(),
    };
    import(&mut store, &batch, &options, &mut |_, _| true).expect("import");
    let stored: String = store
        .conn()
        .query_row(
            "SELECT display_name FROM members WHERE email = 'calc@example.jp'",
            [],
            |r| r.get(0),
        )
        .expect("member");
    assert_eq!(stored, FORMULA);

    let everyone =
        parse_rules(r#"{"op":"and","rules":[{"kind":"tag","op":"has","name":"export"}]}"#)
            .expect("rules");
    let mut out = Vec::new();
    let written =
        export_csv(store.conn(), &everyone, now.timestamp_millis(), &mut out).expect("export");
    assert_eq!(written, 3);
    let text = String::from_utf8(out).expect("UTF-8");
    let names: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("record")[1].to_owned())
        .collect();
    assert!(names.contains(&format!("'{FORMULA}")), "{text}");
    assert!(names.contains(&"'+SUM(1)".to_owned()), "{text}");
    assert!(names.contains(&"Aiko Sato".to_owned()), "{text}");
}
