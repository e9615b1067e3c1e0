//! The member page's perks: every grant of a member, the latest first, with its status.

mod common;

use common::{add_member, days_ago, named, new_store};
use kizuna_core::perks::{
    GrantStatus, PerkInput, PerkKind, create_perk, grant_to_member, member_grants, revoke_grant,
};

fn perk(name: &str) -> PerkInput {
    PerkInput {
        kind: PerkKind::Merchandise,
        name: name.to_owned(),
        description: None,
        starts_at: days_ago(10),
        ends_at: None,
        stock: None,
        campaign_id: None,
        waves: Vec::new(),
    }
}

#[test]
fn a_member_sees_each_perk_they_were_given_with_its_status() {
    let (_dir, mut store) = new_store();
    let ann = add_member(&mut store, &named("Ann"));
    let bob = add_member(&mut store, &named("Bob"));
    let tote = store
        .write(|w| create_perk(w, &perk("Tote")))
        .expect("tote");
    let pin = store.write(|w| create_perk(w, &perk("Pin"))).expect("pin");
    let first = store
        .write(|w| grant_to_member(w, &tote, ann.as_str(), None))
        .expect("grant tote");
    store
        .write(|w| grant_to_member(w, &pin, ann.as_str(), None))
        .expect("grant pin");
    store.write(|w| revoke_grant(w, &first)).expect("revoke");

    let grants = member_grants(store.conn(), ann.as_str()).expect("grants");
    let mut seen: Vec<(String, GrantStatus)> = grants
        .iter()
        .map(|g| (g.perk_name.clone(), g.status))
        .collect();
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        seen,
        vec![
            ("Pin".to_owned(), GrantStatus::Granted),
            ("Tote".to_owned(), GrantStatus::Revoked)
        ]
    );
    assert!(grants.iter().any(|g| g.revoked_at.is_some()));
    assert!(
        member_grants(store.conn(), bob.as_str())
            .expect("none")
            .is_empty()
    );
}
