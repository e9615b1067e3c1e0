//! `kizuna ideas …`: the sample's ideas ranked, adding one, votes, a bad status move with its
//! message, merging a duplicate and undoing it, contributors as CSV, and an all-or-nothing import.

mod common;

use common::{kizuna, stderr_of_failure, stdout};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON output")
}

#[test]
fn add_vote_ship_merge_and_list_contributors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "300"]));

    let listed = json(&stdout(&kizuna(&db, &["ideas", "list", "--json"])));
    let rows = listed.as_array().expect("rows");
    // Twenty sample ideas, one merged into another (hidden), most votes first.
    assert_eq!(rows.len(), 19);
    let counts: Vec<i64> = rows
        .iter()
        .map(|r| r["votes"].as_i64().expect("votes"))
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(counts[0] > 0);
    let shipped = json(&stdout(&kizuna(
        &db,
        &["ideas", "list", "--status", "shipped", "--json"],
    )));
    assert_eq!(shipped.as_array().map(Vec::len), Some(3));

    let members = json(&stdout(&kizuna(
        &db,
        &["members", "list", "--format", "json", "--limit", "2"],
    )));
    let member = |i: usize| {
        members["rows"][i]["id"]
            .as_str()
            .expect("member id")
            .to_owned()
    };
    let (ann, ben) = (member(0), member(1));
    let id = stdout(&kizuna(
        &db,
        &[
            "ideas",
            "add",
            "--title",
            "Night roastery tour",
            "--author",
            &ann,
        ],
    ))
    .trim()
    .to_owned();
    let dup = stdout(&kizuna(
        &db,
        &["ideas", "add", "--title", "Roastery tour at night"],
    ))
    .trim()
    .to_owned();
    stdout(&kizuna(&db, &["ideas", "vote", &id, &ben]));
    stdout(&kizuna(&db, &["ideas", "vote", &dup, &ben]));
    stdout(&kizuna(&db, &["ideas", "vote", &dup, &ann]));
    stdout(&kizuna(&db, &["ideas", "merge", &id, &dup]));
    let shown = json(&stdout(&kizuna(&db, &["ideas", "show", &id, "--json"])));
    assert_eq!(shown["idea"]["votes"], 2);

    stdout(&kizuna(&db, &["ideas", "status", &id, "shipped"]));
    let back = kizuna(&db, &["ideas", "status", &id, "new"]);
    assert!(
        stderr_of_failure(&back)
            .contains("\"Night roastery tour\" cannot go from shipped to new (shipped is final)")
    );
    let csv = stdout(&kizuna(
        &db,
        &["ideas", "contributors", &id, "--format", "csv"],
    ));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "member_id,name,email,roles");
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        csv.contains(&format!("{ann},")) && csv.contains("author;voter"),
        "{csv}"
    );

    stdout(&kizuna(&db, &["ideas", "unmerge", &dup]));
    let shown = json(&stdout(&kizuna(&db, &["ideas", "show", &id, "--json"])));
    assert_eq!(shown["idea"]["votes"], 1);

    let file = dir.path().join("ideas.csv");
    std::fs::write(
        &file,
        "title,author,status\nGood one,,\nBad one,,finished\n",
    )
    .expect("csv");
    let failed = kizuna(&db, &["ideas", "import", file.to_str().expect("path")]);
    assert!(stderr_of_failure(&failed).contains("line 3: \"finished\" is not an idea status"));
    let after = json(&stdout(&kizuna(&db, &["ideas", "list", "--json"])));
    assert_eq!(after.as_array().map(Vec::len), Some(21));
}
