//! `kizuna campaigns …`: the sample's campaigns, creating one, a roster, a code and an
//! attribution, and the specific messages for bad input.

mod common;

use common::{kizuna, stderr_of_failure, stdout};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON output")
}

#[test]
fn create_a_campaign_add_an_influencer_and_a_code_and_attribute_a_member() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "300"]));

    let list = stdout(&kizuna(&db, &["campaigns", "list"]));
    assert!(
        list.contains("Micro-influencer seeding: Spring Blend"),
        "{list}"
    );
    let sample = json(&stdout(&kizuna(&db, &["campaigns", "list", "--json"])));
    let influencer = sample
        .as_array()
        .expect("an array")
        .iter()
        .find(|c| c["kind"] == "influencer")
        .expect("the sample has an influencer campaign");
    assert!(
        influencer["membersBrought"].as_i64() > Some(0),
        "{influencer:#}"
    );

    let bad = kizuna(
        &db,
        &[
            "campaigns",
            "create",
            "--name",
            "Oops",
            "--kind",
            "email",
            "--start",
            "2026-05-01",
            "--end",
            "2026-04-01",
        ],
    );
    assert!(stderr_of_failure(&bad).contains("ends before it starts"));

    let id = stdout(&kizuna(
        &db,
        &[
            "campaigns",
            "create",
            "--name",
            "Summer seeding",
            "--kind",
            "influencer",
            "--start",
            "2026-06-01",
            "--end",
            "2026-08-31",
            "--budget",
            "¥400,000",
            "--goal",
            "new_members",
            "--target",
            "40",
            "--owner",
            "Aoi",
        ],
    ))
    .trim()
    .to_owned();

    let members = json(&stdout(&kizuna(
        &db,
        &["influencers", "--json", "--limit", "1"],
    )));
    let member = members[0]["memberId"]
        .as_str()
        .expect("an influencer")
        .to_owned();
    let other = kizuna(
        &db,
        &["campaigns", "roster", "add", &id, &member, "--fee", "-5000"],
    );
    assert!(stderr_of_failure(&other).contains("negative"));
    let nobody = kizuna(&db, &["campaigns", "roster", "add", &id, "nobody"]);
    assert!(stderr_of_failure(&nobody).contains("is not a member"));
    let row = stdout(&kizuna(
        &db,
        &[
            "campaigns",
            "roster",
            "add",
            &id,
            &member,
            "--fee",
            "¥50,000",
            "--status",
            "contracted",
        ],
    ))
    .trim()
    .to_owned();
    stdout(&kizuna(
        &db,
        &[
            "campaigns",
            "codes",
            "add",
            &id,
            "summer-aoi",
            "--influencer",
            &row,
        ],
    ));

    let unknown = kizuna(&db, &["campaigns", "attribute", "NOPE", &member]);
    assert!(stderr_of_failure(&unknown).contains("no campaign with the referral code \"NOPE\""));
    let page = json(&stdout(&kizuna(
        &db,
        &["members", "list", "--format", "json", "--limit", "5"],
    )));
    let fan = page["rows"][4]["id"].as_str().expect("a member").to_owned();
    let said = stdout(&kizuna(
        &db,
        &["campaigns", "attribute", "SUMMER-AOI", &fan],
    ));
    assert!(said.contains("via code"), "{said}");

    let shown = stdout(&kizuna(&db, &["campaigns", "show", &id]));
    assert!(shown.contains("Summer seeding (influencer"), "{shown}");
    assert!(shown.contains("members brought: 1"), "{shown}");
    assert!(shown.contains("SUMMER-AOI"), "{shown}");
    assert!(shown.contains("fee ¥50,000, contracted"), "{shown}");
}
