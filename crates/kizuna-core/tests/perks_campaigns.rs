//! Perks linked to campaigns: a perk belongs to at most one campaign, set on the perk or
//! linked from the campaign (`link_perk`, `unlink_perk`), and shown in the campaign's detail.

mod common;

use common::{days_ago, new_store, now_ms};
use kizuna_core::campaigns::{
    CampaignInput, CampaignKind, add_campaign, campaign_detail, link_perk, unlink_perk,
};
use kizuna_core::perks::{PerkInput, PerkKind, create_perk};
use kizuna_core::{CoreError, Store};

fn perk(name: &str, campaign: Option<String>) -> PerkInput {
    PerkInput {
        kind: PerkKind::Experience,
        name: name.to_owned(),
        description: None,
        starts_at: days_ago(10),
        ends_at: None,
        stock: None,
        campaign_id: campaign,
        waves: Vec::new(),
    }
}

fn message<T: std::fmt::Debug>(r: Result<T, CoreError>) -> String {
    match r {
        Err(CoreError::InvalidInput(m)) => m.to_string(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn campaigns_show_linked_perks_and_their_own_perks() {
    let (_dir, mut store) = new_store();
    let input = CampaignInput {
        name: "Spring".to_owned(),
        kind: CampaignKind::Influencer,
        status: None,
        starts_at: days_ago(30),
        ends_at: None,
        currency: "JPY".to_owned(),
        budget: String::new(),
        actual_spend: String::new(),
        goal_metric: None,
        goal_target: None,
        owner: None,
        description: None,
    };
    let campaign = store.write(|w| add_campaign(w, &input)).expect("campaign");
    let own = perk("Own perk", Some(campaign.to_string()));
    store.write(|w| create_perk(w, &own)).expect("own");
    let other = store
        .write(|w| create_perk(w, &perk("Another", None)))
        .expect("other");
    store
        .write(|w| link_perk(w, campaign.as_str(), &other))
        .expect("link");
    store
        .write(|w| link_perk(w, campaign.as_str(), &other))
        .expect("linking twice is fine");
    let names = |s: &Store| -> Vec<String> {
        campaign_detail(s.conn(), campaign.as_str(), now_ms())
            .expect("detail")
            .linked_perks
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    assert_eq!(names(&store), vec!["Another", "Own perk"]);
    let second = store
        .write(|w| {
            add_campaign(
                w,
                &CampaignInput {
                    name: "Autumn".to_owned(),
                    ..input.clone()
                },
            )
        })
        .expect("second campaign");
    assert_eq!(
        message(store.write(|w| link_perk(w, second.as_str(), &other))),
        "the perk \"Another\" is already linked to the campaign \"Spring\": unlink it there first"
    );
    store
        .write(|w| unlink_perk(w, campaign.as_str(), &other))
        .expect("unlink");
    assert_eq!(names(&store), vec!["Own perk"]);
    assert_eq!(
        message(store.write(|w| unlink_perk(w, campaign.as_str(), &other))),
        "the perk \"Another\" is not linked to this campaign"
    );
    store
        .write(|w| link_perk(w, second.as_str(), &other))
        .expect("linked to the other campaign once free");
}
