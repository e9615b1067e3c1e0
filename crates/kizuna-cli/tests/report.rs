//! `kizuna report …` on the sample community: a Japanese board pack and its tables as CSV are
//! written, and every bad input is refused with exit status 1, a message naming the problem
//! and no file (PDF or CSV) left behind.

mod common;

use std::path::Path;

use chrono::{Duration, Utc};
use common::{kizuna, stderr_of_failure};

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_board_pack_and_its_tables_are_written_and_bad_inputs_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    assert!(kizuna(&db, &["demo", "--members", "300"]).status.success());
    let out = tempfile::tempdir().expect("output dir");
    let pdf = out.path().join("board.pdf");
    let pdf_arg = pdf.to_string_lossy().into_owned();
    let tables = out.path().join("tables");
    std::fs::create_dir(&tables).expect("tables dir");
    let today = Utc::now().date_naive();
    let from = (today - Duration::days(180)).to_string();
    let to = today.to_string();

    let made = kizuna(
        &db,
        &[
            "report", "board", "--from", &from, "--to", &to, "--lang", "ja", "-o", &pdf_arg,
            "--csv",
        ]
        .into_iter()
        .chain([tables.to_string_lossy().as_ref()])
        .collect::<Vec<_>>(),
    );
    let said = String::from_utf8_lossy(&made.stderr).into_owned();
    assert!(made.status.success(), "{said}");
    assert!(
        said.contains("取締役会資料 — Hinata Coffee Roasters"),
        "{said}"
    );
    assert!(std::fs::read(&pdf).expect("the PDF").starts_with(b"%PDF-"));
    let csv = files_in(&tables);
    for name in [
        "kpis.csv",
        "top-advocates.csv",
        "events.csv",
        "campaign-comparison.csv",
        "perks.csv",
    ] {
        assert!(csv.contains(&name.to_owned()), "{name} in {csv:?}");
    }
    std::fs::remove_file(&pdf).expect("remove the PDF");

    let future_from = (today + Duration::days(3)).to_string();
    let future_to = (today + Duration::days(10)).to_string();
    let missing = out.path().join("no-such-folder").join("r.pdf");
    let missing_arg = missing.to_string_lossy().into_owned();
    let gone_csv = out.path().join("no-such-csv-folder");
    let gone_csv_arg = gone_csv.to_string_lossy().into_owned();
    let cases: [(&[&str], String); 7] = [
        (
            &["overview", "--from", &to, "--to", &from],
            format!("the period is empty: it ends on {from}, before it starts on {to}"),
        ),
        (
            &["overview", "--from", &future_from, "--to", &future_to],
            format!("the period starts on {future_from}, after today ({to})"),
        ),
        (
            &[
                "overview",
                "--from",
                &from,
                "--to",
                &to,
                "--segment",
                "nope",
            ],
            "there is no saved segment \"nope\"".to_owned(),
        ),
        (
            &["event", "--from", &from, "--to", &to],
            "an event report needs an event: choose which one".to_owned(),
        ),
        (
            &["event", "--from", &from, "--to", &to, "--event", "nope"],
            "there is no event \"nope\"".to_owned(),
        ),
        (
            &["overview", "--from", &from, "--to", &to, "-o", &missing_arg],
            "its folder does not exist".to_owned(),
        ),
        (
            &[
                "overview",
                "--from",
                &from,
                "--to",
                &to,
                "--csv",
                &gone_csv_arg,
            ],
            "it is not an existing folder".to_owned(),
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        if !args.contains(&"-o") {
            all.extend_from_slice(&["-o", &pdf_arg]);
        }
        let refused = kizuna(&db, &all);
        assert_eq!(refused.status.code(), Some(1), "{args:?}");
        let error = stderr_of_failure(&refused);
        assert!(error.contains(&message), "{args:?}: {error}");
        assert_eq!(
            files_in(out.path()),
            vec!["tables".to_owned()],
            "{args:?} wrote a file"
        );
        assert!(!missing.exists() && !gone_csv.exists());
    }
}
