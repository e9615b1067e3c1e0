//! A member erased on one laptop while another edits them offline: after sync the member is gone
//! on both, and no replica keeps the edited name, even in its change log (erasure wins).

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{
    MemberPatch, NewMember, create_member, erase_member, tag_member, update_member,
};
use kizuna_core::store::OpenMode;
use kizuna_sync::replica::{merge, outgoing};

fn open(dir: &tempfile::TempDir, name: &str, minute: u32) -> Store {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, minute, 0)
        .single()
        .expect("time");
    Store::open(
        &dir.path().join(name),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store")
}

fn exchange(a: &mut Store, b: &mut Store, sent: &mut (i64, i64)) {
    let (from_a, last_a) = outgoing(a, sent.0, u32::MAX).expect("a");
    let (from_b, last_b) = outgoing(b, sent.1, u32::MAX).expect("b");
    *sent = (last_a, last_b);
    merge(b, &from_a).expect("into b");
    merge(a, &from_b).expect("into a");
}

fn leftovers(store: &Store, text: &str) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE val = ?1",
            [text],
            |r| r.get(0),
        )
        .expect("count")
}

#[test]
fn an_erasure_wins_over_an_edit_made_offline_at_the_same_time() {
    let dir = tempfile::tempdir().expect("dir");
    // Osaka's clock runs later, so its edit is "newer" than Tokyo's erasure.
    let (mut tokyo, mut osaka) = (open(&dir, "t.kizuna", 0), open(&dir, "o.kizuna", 30));
    let mut sent = (0, 0);
    let member = tokyo
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "Kenji Mori".to_owned(),
                    email: Some("kenji@example.jp".to_owned()),
                    ..NewMember::default()
                },
            )
        })
        .expect("member");
    exchange(&mut tokyo, &mut osaka, &mut sent);
    osaka
        .write(|w| {
            update_member(
                w,
                &MemberId(member.0.clone()),
                &MemberPatch {
                    display_name: Some("Kenji Mori (VIP)".to_owned()),
                    ..MemberPatch::default()
                },
            )?;
            tag_member(w, &MemberId(member.0.clone()), "vip")
        })
        .expect("edit");
    tokyo
        .write(|w| erase_member(w, &MemberId(member.0.clone())))
        .expect("erase");
    exchange(&mut tokyo, &mut osaka, &mut sent);
    exchange(&mut tokyo, &mut osaka, &mut sent);
    for store in [&tokyo, &osaka] {
        let members: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
            .expect("members");
        let tags: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM member_tags", [], |r| r.get(0))
            .expect("tags");
        assert_eq!((members, tags), (0, 0));
        assert_eq!(leftovers(store, "Kenji Mori (VIP)"), 0);
        assert_eq!(leftovers(store, "kenji@example.jp"), 0);
    }
}
