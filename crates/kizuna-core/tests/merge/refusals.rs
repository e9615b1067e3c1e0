//! Merges that cannot happen are refused with the reason, and nothing is saved.

use super::*;

#[test]
fn merging_a_member_into_themselves_is_refused() {
    let (_dir, mut store) = new_store();
    let (kept, _) = yamada(&mut store);
    let message =
        invalid(store.write(|w| merge_members(w, &kept, &kept, &FieldChoices::default())));
    assert!(message.contains("themselves"), "{message}");
    assert!(
        invalid(merge_preview(store.conn(), kept.as_str(), kept.as_str())).contains("themselves")
    );
}

#[test]
fn merging_an_unknown_member_is_refused_as_not_found() {
    let (_dir, mut store) = new_store();
    let (kept, _) = yamada(&mut store);
    let ghost = MemberId::new();
    let err = store
        .write(|w| merge_members(w, &kept, &ghost, &FieldChoices::default()))
        .expect_err("refused");
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(err.to_string().contains(ghost.as_str()));
}

#[test]
fn merging_a_deleted_member_is_refused_and_nothing_is_saved() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    store
        .write(|w| {
            w.update(
                SyncedTable::Members,
                merged.as_str(),
                &[("deleted_at", Value::Integer(now_ms()))],
            )
        })
        .expect("delete a member");
    let before = dump(&store);
    let since = mark(&store);

    let message =
        invalid(store.write(|w| merge_members(w, &kept, &merged, &FieldChoices::default())));

    assert!(
        message.contains("Taro Yamada") && message.contains("deleted"),
        "{message}"
    );
    assert_eq!(dump(&store), before);
    assert!(changes_since(&store, since.seq).is_empty());
    assert_eq!(count(store.conn(), "SELECT count(*) FROM merges"), 0);
}

#[test]
fn merging_an_already_merged_member_again_is_refused() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let other = add_member(&mut store, &named("Hanako"));
    merge(&mut store, &kept, &merged, &FieldChoices::default());

    let message =
        invalid(store.write(|w| merge_members(w, &other, &merged, &FieldChoices::default())));
    assert!(
        message.contains("already merged into") && message.contains(kept.as_str()),
        "{message}"
    );
}

#[test]
fn merging_into_a_member_who_was_merged_away_is_refused() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let other = add_member(&mut store, &named("Hanako"));
    merge(&mut store, &kept, &merged, &FieldChoices::default());

    let message =
        invalid(store.write(|w| merge_members(w, &merged, &other, &FieldChoices::default())));
    assert!(
        message.contains(&format!("merge into {kept} instead")),
        "{message}"
    );
}

#[test]
fn picking_one_field_both_ways_is_refused() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let choices = FieldChoices {
        take: vec![MemberField::Email],
        keep: vec![MemberField::Email],
    };
    let message = invalid(store.write(|w| merge_members(w, &kept, &merged, &choices)));
    assert!(message.contains("email"), "{message}");
    assert!(invalid("favourite_bean".parse::<MemberField>()).contains("not a member field"));
    assert_eq!(
        "birth-year".parse::<MemberField>().ok(),
        Some(MemberField::BirthYear)
    );
}
