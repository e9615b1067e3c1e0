//! Undo: exact restoration, refused twice, refused when later changes would be lost, and
//! chains of merges undone out of order.

use super::*;

#[test]
fn undo_restores_both_members_exactly_and_is_logged_and_audited() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    log(&mut store, &activity(&merged, "post", days_ago(3)));
    let meetup = add_event(
        &mut store,
        &event("Cupping night", days_ago(5), EventStatus::Done),
    );
    registered(&mut store, &meetup, &kept, RegistrationStatus::Waitlist);
    registered(&mut store, &meetup, &merged, RegistrationStatus::Going);
    let before = dump(&store);
    let choices = FieldChoices {
        take: vec![MemberField::DisplayName],
        keep: vec![],
    };
    let id = merge(&mut store, &kept, &merged, &choices);
    let merged_state = dump(&store);
    let since = mark(&store);

    undo(&mut store, &id);

    assert_eq!(dump(&store), before);
    assert_diff_logged(&store, since, &merged_state, &before);
    let history = list_merges(store.conn(), Some(kept.as_str())).expect("history");
    assert_eq!(history[0].undone_at, Some(now_ms()));
    let audit = kizuna_core::audit::recent(store.conn(), Some(kept.as_str()), 5).expect("audit");
    assert_eq!(audit[0].action, "member.merge_undone");
    assert!(audit[0].details.contains(id.as_str()));
}

#[test]
fn undoing_a_merge_twice_is_refused() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let id = merge(&mut store, &kept, &merged, &FieldChoices::default());
    undo(&mut store, &id);
    let message = invalid(store.write(|w| undo_merge(w, &id)));
    assert!(message.contains("already undone"), "{message}");
    let unknown = store
        .write(|w| undo_merge(w, &MergeId::new()))
        .expect_err("an unknown merge");
    assert_eq!(unknown.code(), ErrorCode::NotFound);
}

#[test]
fn undo_is_refused_when_a_moved_activity_was_deleted_since() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let post = log(&mut store, &activity(&merged, "post", days_ago(3)));
    let id = merge(&mut store, &kept, &merged, &FieldChoices::default());
    store
        .write(|w| w.delete(SyncedTable::Activities, post.as_str()))
        .expect("delete the moved activity");
    let before = dump(&store);

    let message = invalid(store.write(|w| undo_merge(w, &id)));

    assert!(
        message.contains("activity") && message.contains("deleted after the merge"),
        "{message}"
    );
    assert_eq!(dump(&store), before, "nothing half-undone");
    assert_eq!(
        list_merges(store.conn(), None).expect("history")[0].undone_at,
        None
    );
}

#[test]
fn undo_is_refused_when_a_taken_field_was_edited_since() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let id = merge(&mut store, &kept, &merged, &FieldChoices::default());
    store
        .write(|w| {
            w.update(
                SyncedTable::Members,
                kept.as_str(),
                &[("city", Value::Text("Kyoto".to_owned()))],
            )
        })
        .expect("edit the city the merge took");

    let message = invalid(store.write(|w| undo_merge(w, &id)));
    assert!(
        message.contains("city") && message.contains("山田 太郎"),
        "{message}"
    );
}

#[test]
fn edits_to_cells_the_merge_did_not_write_survive_the_undo() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let post = log(&mut store, &activity(&merged, "post", days_ago(3)));
    let id = merge(&mut store, &kept, &merged, &FieldChoices::default());
    store
        .write(|w| {
            w.update(
                SyncedTable::Members,
                kept.as_str(),
                &[("notes", Value::Text("VIP".to_owned()))],
            )?;
            w.update(
                SyncedTable::Activities,
                post.as_str(),
                &[("url", Value::Text("https://x.com/p/1".to_owned()))],
            )
        })
        .expect("edit after the merge");

    undo(&mut store, &id);

    assert_eq!(
        text(
            &store,
            "SELECT notes FROM members WHERE id = ?1",
            kept.as_str()
        )
        .as_deref(),
        Some("VIP")
    );
    assert_eq!(
        text(
            &store,
            "SELECT member_id FROM activities WHERE id = ?1",
            post.as_str()
        ),
        Some(merged.to_string())
    );
    assert_eq!(
        text(
            &store,
            "SELECT url FROM activities WHERE id = ?1",
            post.as_str()
        )
        .as_deref(),
        Some("https://x.com/p/1")
    );
}

#[test]
fn undo_is_refused_while_the_kept_member_is_merged_into_someone_else() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let hanako = add_member(&mut store, &named("Hanako"));
    let first = merge(&mut store, &kept, &merged, &FieldChoices::default());
    let second = merge(&mut store, &hanako, &kept, &FieldChoices::default());

    let message = invalid(store.write(|w| undo_merge(w, &first)));
    assert!(
        message.contains(&format!("undo merge {second} first")),
        "{message}"
    );

    undo(&mut store, &second);
    undo(&mut store, &first);
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM members WHERE deleted_at IS NULL"
        ),
        3
    );
}

#[test]
fn in_a_chain_the_first_merge_can_be_undone_alone_and_the_second_stays() {
    let (_dir, mut store) = new_store();
    let (a, b) = yamada(&mut store);
    let c = add_member(
        &mut store,
        &NewMember {
            country: Some("JP".to_owned()),
            identities: vec![identity("instagram", "taro.coffee", Some(40))],
            ..named("やまだ たろう")
        },
    );
    log(&mut store, &activity(&b, "post", days_ago(3)));
    log(&mut store, &activity(&c, "comment", days_ago(2)));
    let original = dump(&store);
    let a_b = merge(&mut store, &a, &b, &FieldChoices::default());
    let a_c = merge(&mut store, &a, &c, &FieldChoices::default());

    undo(&mut store, &a_b);

    let conn = store.conn();
    let member_of = |handle: &str| {
        text(
            &store,
            "SELECT member_id FROM identities WHERE handle = ?1",
            handle,
        )
    };
    assert_eq!(
        member_of("taro#1234"),
        Some(b.to_string()),
        "B's rows are B's again"
    );
    assert_eq!(
        member_of("taro.coffee"),
        Some(a.to_string()),
        "C's rows stay with A"
    );
    assert_eq!(
        text(
            &store,
            "SELECT merged_into FROM members WHERE id = ?1",
            c.as_str()
        ),
        Some(a.to_string())
    );
    assert_eq!(
        text(
            &store,
            "SELECT merged_into FROM members WHERE id = ?1",
            b.as_str()
        ),
        None
    );
    assert_eq!(
        text(
            &store,
            "SELECT country FROM members WHERE id = ?1",
            a.as_str()
        )
        .as_deref(),
        Some("JP")
    );
    assert_eq!(
        text(&store, "SELECT city FROM members WHERE id = ?1", a.as_str()),
        None,
        "B's city went back"
    );
    assert_eq!(
        count(
            conn,
            &format!("SELECT count(*) FROM activities WHERE member_id = '{a}'")
        ),
        1
    );

    undo(&mut store, &a_c);
    assert_eq!(dump(&store), original);
}

#[test]
fn referrals_move_to_the_kept_member_unless_they_would_loop_and_come_back_on_undo() {
    use kizuna_core::referrals::{ReferralChannel, record_referral};
    let (_dir, mut store) = new_store();
    let (a, b) = yamada(&mut store);
    let hanako = add_member(&mut store, &named("Hanako"));
    let ken = add_member(&mut store, &named("Ken"));
    let refer = |store: &mut Store, from: &MemberId, to: &MemberId| {
        store
            .write(|w| {
                record_referral(
                    w,
                    from,
                    to,
                    ReferralChannel::InPerson,
                    days_ago(20),
                    None,
                    None,
                )
            })
            .expect("record a referral");
    };
    refer(&mut store, &hanako, &b);
    refer(&mut store, &b, &ken);
    refer(&mut store, &b, &a);
    let before = dump(&store);

    let id = merge(&mut store, &a, &b, &FieldChoices::default());

    let referrer_of = |m: &MemberId| {
        text(
            &store,
            "SELECT referrer_id FROM referrals WHERE referred_id = ?1",
            m.as_str(),
        )
    };
    assert_eq!(
        referrer_of(&ken),
        Some(a.to_string()),
        "B's referral of Ken is now A's"
    );
    assert_eq!(
        referrer_of(&a),
        Some(hanako.to_string()),
        "who brought B in brought A in"
    );
    assert_eq!(
        count(
            store.conn(),
            &format!(
                "SELECT count(*) FROM referrals WHERE referrer_id = referred_id OR referred_id = '{b}' OR referrer_id = '{b}'"
            )
        ),
        0,
        "B referring A would be a self-referral: dropped"
    );

    undo(&mut store, &id);
    assert_eq!(dump(&store), before);
}
