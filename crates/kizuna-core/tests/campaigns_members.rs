//! Campaign rosters and attributions follow a member through a merge (and back exactly on
//! undo), go with them on erasure, and are in their privacy export.

mod common;

use common::{add_member, count, days_ago, identity, named, new_store, rows};
use kizuna_core::Store;
use kizuna_core::campaigns::{
    CampaignInput, CampaignKind, CodeKind, DeliverableInput, DeliverableKind, InfluencerStatus,
    InfluencerTerms, add_campaign, add_code, add_deliverable, add_influencer, attribute_by_code,
    attribute_manually, attribute_referrals,
};
use kizuna_core::ids::MemberId;
use kizuna_core::members::{NewMember, erase_member, export_member};
use kizuna_core::merge::{FieldChoices, merge_members, undo_merge};
use kizuna_core::referrals::{ReferralChannel, record_referral};

fn campaign(store: &mut Store, name: &str) -> String {
    let input = CampaignInput {
        name: name.to_owned(),
        kind: CampaignKind::Influencer,
        status: None,
        starts_at: days_ago(60),
        ends_at: Some(days_ago(30)),
        currency: "JPY".to_owned(),
        budget: String::new(),
        actual_spend: String::new(),
        goal_metric: None,
        goal_target: None,
        owner: None,
        description: None,
    };
    store
        .write(|w| add_campaign(w, &input))
        .expect("campaign")
        .0
}

fn on_roster(store: &mut Store, campaign: &str, member: &MemberId, fee: &str) -> String {
    let identity: String = store
        .conn()
        .query_row(
            "SELECT id FROM identities WHERE member_id = ?1",
            [member.as_str()],
            |r| r.get(0),
        )
        .expect("identity");
    let terms = InfluencerTerms {
        identity_id: Some(identity),
        fee: fee.to_owned(),
        status: InfluencerStatus::Contracted,
        notes: None,
    };
    store
        .write(|w| add_influencer(w, campaign, member.as_str(), &terms))
        .expect("roster")
}

fn influencer(store: &mut Store, name: &str, handle: &str) -> MemberId {
    add_member(
        store,
        &NewMember {
            identities: vec![identity("instagram", handle, Some(5_000))],
            ..named(name)
        },
    )
}

fn deliverable(store: &mut Store, roster_row: &str) {
    let input = DeliverableInput {
        kind: DeliverableKind::Post,
        planned_at: Some(days_ago(50)),
        published_at: Some(days_ago(49)),
        url: Some("https://instagram.com/p/1".to_owned()),
        reach: Some(1_200),
        notes: None,
    };
    store
        .write(|w| add_deliverable(w, roster_row, &input))
        .expect("deliverable");
}

/// Every campaign row, whole, for exact before/after comparison.
fn campaign_tables(store: &Store) -> Vec<Vec<rusqlite::types::Value>> {
    [
        "SELECT * FROM campaign_influencers ORDER BY id",
        "SELECT * FROM campaign_deliverables ORDER BY id",
        "SELECT * FROM campaign_codes ORDER BY id",
        "SELECT * FROM campaign_attributions ORDER BY id",
    ]
    .iter()
    .flat_map(|sql| rows(store.conn(), sql))
    .collect()
}

#[test]
fn a_merge_keeps_one_roster_row_and_one_attribution_per_campaign_and_undo_restores_them() {
    let (_dir, mut store) = new_store();
    let spring = campaign(&mut store, "Spring");
    let autumn = campaign(&mut store, "Autumn");
    // The same person twice: both on Spring's roster, only the duplicate on Autumn's.
    let kept = influencer(&mut store, "Hana", "hana_brews");
    let dup = influencer(&mut store, "Hana M.", "hana_brews");
    let kept_row = on_roster(&mut store, &spring, &kept, "30000");
    let dup_row = on_roster(&mut store, &spring, &dup, "50000");
    on_roster(&mut store, &autumn, &dup, "");
    deliverable(&mut store, &dup_row);
    store
        .write(|w| add_code(w, &spring, CodeKind::Code, "HANA", Some(&dup_row)))
        .expect("code");
    // A fan attributed to Spring twice over (as both records), and one the duplicate referred.
    let fan = add_member(&mut store, &named("Fan"));
    let fan_dup = add_member(&mut store, &named("Fan (old)"));
    let referred = add_member(&mut store, &named("Ren"));
    store
        .write(|w| attribute_by_code(w, fan.as_str(), "HANA", days_ago(50)))
        .expect("fan");
    store
        .write(|w| attribute_manually(w, &spring, fan_dup.as_str(), days_ago(45)))
        .expect("old fan");
    store
        .write(|w| attribute_manually(w, &autumn, fan_dup.as_str(), days_ago(45)))
        .expect("old fan, autumn");
    store
        .write(|w| {
            record_referral(
                w,
                &dup,
                &referred,
                ReferralChannel::Social,
                days_ago(40),
                None,
                None,
            )
        })
        .expect("referral");
    store
        .write(|w| attribute_referrals(w, &autumn))
        .expect("referred");
    let before = campaign_tables(&store);

    let merge = store
        .write(|w| merge_members(w, &kept, &dup, &FieldChoices::default()))
        .expect("merge Hana");
    let roster = rows(
        store.conn(),
        "SELECT campaign_id, member_id FROM campaign_influencers ORDER BY campaign_id",
    );
    assert_eq!(roster.len(), 2, "one row per campaign: {roster:?}");
    assert_eq!(
        count(
            store.conn(),
            &format!(
                "SELECT count(*) FROM campaign_influencers WHERE member_id = '{}'",
                kept.as_str()
            )
        ),
        2
    );
    // The dropped row's deliverable and code now hang on the kept member's row.
    let owner = |table: &str| -> String {
        store
            .conn()
            .query_row(&format!("SELECT influencer_id FROM {table}"), [], |r| {
                r.get(0)
            })
            .expect("row")
    };
    assert_eq!(owner("campaign_deliverables"), kept_row);
    assert_eq!(owner("campaign_codes"), kept_row);
    let referrer: String = store
        .conn()
        .query_row(
            "SELECT referrer_id FROM campaign_attributions WHERE via = 'referrer'",
            [],
            |r| r.get(0),
        )
        .expect("referred");
    assert_eq!(referrer, kept.as_str());

    let fans = store
        .write(|w| merge_members(w, &fan, &fan_dup, &FieldChoices::default()))
        .expect("merge the fan");
    let per_campaign = rows(
        store.conn(),
        &format!(
            "SELECT campaign_id, via FROM campaign_attributions WHERE member_id = '{}' ORDER BY campaign_id",
            fan.as_str()
        ),
    );
    assert_eq!(per_campaign.len(), 2, "Spring once (by code), Autumn once");

    store.write(|w| undo_merge(w, &fans)).expect("undo fan");
    store.write(|w| undo_merge(w, &merge)).expect("undo Hana");
    assert_eq!(
        campaign_tables(&store),
        before,
        "undo restores every campaign row exactly"
    );
}

#[test]
fn erasing_an_influencer_removes_their_roster_rows_deliverables_and_attributions() {
    let (_dir, mut store) = new_store();
    let spring = campaign(&mut store, "Spring");
    let hana = influencer(&mut store, "Hana", "hana_brews");
    let row = on_roster(&mut store, &spring, &hana, "30000");
    deliverable(&mut store, &row);
    store
        .write(|w| add_code(w, &spring, CodeKind::Code, "HANA", Some(&row)))
        .expect("code");
    let other = campaign(&mut store, "Other");
    store
        .write(|w| attribute_manually(w, &other, hana.as_str(), days_ago(40)))
        .expect("Hana herself came through another campaign");
    let referred = add_member(&mut store, &named("Ren"));
    store
        .write(|w| {
            record_referral(
                w,
                &hana,
                &referred,
                ReferralChannel::Social,
                days_ago(40),
                None,
                None,
            )
        })
        .expect("referral");
    store
        .write(|w| attribute_referrals(w, &spring))
        .expect("Ren");

    let export = export_member(store.conn(), hana.as_str()).expect("export");
    assert_eq!(export["campaignRoster"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        export["campaignDeliverables"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        export["campaignAttributions"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(export["campaignReferred"].as_array().map(Vec::len), Some(1));

    let report = store.write(|w| erase_member(w, &hana)).expect("erase");
    assert_eq!(report.campaigns, 3, "roster row, deliverable, attribution");
    let conn = store.conn();
    assert_eq!(count(conn, "SELECT count(*) FROM campaign_influencers"), 0);
    assert_eq!(count(conn, "SELECT count(*) FROM campaign_deliverables"), 0);
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM campaign_codes WHERE influencer_id IS NULL"
        ),
        1,
        "the code stays with the campaign"
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM campaign_attributions WHERE via = 'referrer' AND referrer_id IS NULL"
        ),
        1,
        "Ren stays attributed, no longer linked to Hana"
    );
    assert_eq!(
        count(
            conn,
            &format!(
                "SELECT count(*) FROM change_log WHERE tbl LIKE 'campaign_%' AND val = '{}'",
                hana.as_str()
            )
        ),
        0,
        "no trace of her id left in the campaign change log"
    );
}
