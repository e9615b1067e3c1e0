//! Two managers give the last perk code to two different members while offline: after sync both
//! replicas agree on who holds it in the table, and both list the conflict for a person to solve.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::members::{NewMember, create_member};
use kizuna_core::perks::{
    PerkInput, PerkKind, create_perk, grant_to_member, import_codes, perk_conflicts,
};
use kizuna_core::store::OpenMode;
use kizuna_sync::protocol::Change;
use kizuna_sync::replica::{merge, outgoing};

fn open(dir: &tempfile::TempDir, name: &str) -> Store {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    Store::open(
        &dir.path().join(name),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store")
}

fn exchange(a: &mut Store, b: &mut Store) {
    let (from_a, _): (Vec<Change>, i64) = outgoing(a, 0, u32::MAX).expect("a");
    let (from_b, _) = outgoing(b, 0, u32::MAX).expect("b");
    merge(b, &from_a).expect("into b");
    merge(a, &from_b).expect("into a");
}

#[test]
fn the_last_code_given_twice_offline_is_held_once_and_listed_as_a_conflict_on_both_replicas() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut tokyo, mut osaka) = (open(&dir, "tokyo.kizuna"), open(&dir, "osaka.kizuna"));
    let (perk, aiko, ben) = tokyo
        .write(|w| {
            let perk = create_perk(
                w,
                &PerkInput {
                    kind: PerkKind::DiscountCode,
                    name: "Launch discount".to_owned(),
                    description: None,
                    starts_at: 0,
                    ends_at: None,
                    stock: None,
                    campaign_id: None,
                    waves: Vec::new(),
                },
            )?;
            import_codes(w, &perk, "LAST-ONE")?;
            let new = |name: &str| NewMember {
                display_name: name.to_owned(),
                ..NewMember::default()
            };
            let aiko = create_member(w, &new("Aiko"))?;
            let ben = create_member(w, &new("Ben"))?;
            Ok((perk, aiko, ben))
        })
        .expect("setup");
    exchange(&mut tokyo, &mut osaka);
    // Offline: each gives the one code away.
    tokyo
        .write(|w| grant_to_member(w, &perk, aiko.as_str(), None))
        .expect("tokyo grants");
    osaka
        .write(|w| grant_to_member(w, &perk, ben.as_str(), None))
        .expect("osaka grants");
    exchange(&mut tokyo, &mut osaka);
    let held = |s: &Store| -> Vec<(String, Option<String>)> {
        s.conn()
            .prepare("SELECT member_id, code_id FROM perk_grants ORDER BY id")
            .expect("q")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let (t, o) = (held(&tokyo), held(&osaka));
    assert_eq!(t, o, "both replicas agree who holds the code");
    assert_eq!(t.len(), 2, "both grants are kept");
    assert_eq!(t.iter().filter(|(_, code)| code.is_some()).count(), 1);
    for store in [&tokyo, &osaka] {
        let conflicts = perk_conflicts(store.conn()).expect("conflicts");
        assert!(
            conflicts.iter().any(|c| c.kind == "code_twice"),
            "{conflicts:?}"
        );
    }
}
