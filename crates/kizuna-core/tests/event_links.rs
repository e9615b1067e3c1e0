//! What members said about events — feedback, proposed options and votes — follows them through
//! a merge (and back on undo) and disappears with them on erasure.

mod common;

use common::{add_member, named, new_store, now_ms};
use kizuna_core::Store;
use kizuna_core::event_outcomes::{FeedbackInput, add_feedback, event_feedback};
use kizuna_core::ids::MemberId;
use kizuna_core::members::erase_member;
use kizuna_core::merge::{FieldChoices, merge_members, undo_merge};
use kizuna_core::suggestions::{SuggestionKind, propose, ranked_suggestions, vote};

const DAY: i64 = 86_400_000;

fn event(store: &Store, id: &str, starts_at: i64) {
    store
        .conn()
        .execute(
            "INSERT INTO events (id, title, kind, starts_at, ends_at, time_zone, status, currency)
             VALUES (?1, 'Latte art jam', 'in_person', ?2, ?2 + 7200000, 'Asia/Tokyo',
                     'published', 'JPY')",
            rusqlite::params![id, starts_at],
        )
        .expect("insert event");
}

fn feedback(store: &mut Store, event: &str, member: &MemberId, rating: i64) {
    let input = FeedbackInput {
        member_id: Some(member.to_string()),
        rating,
        comment: Some("Loved the beans".to_owned()),
        submitted_at: None,
    };
    store
        .write(|w| add_feedback(w, event, &input))
        .expect("feedback");
}

/// The three tables as (table, id, member column) rows, for exact before/after comparison.
fn links(store: &Store) -> Vec<(String, String, Option<String>)> {
    let sql = "SELECT 'feedback', id, member_id FROM event_feedback
               UNION ALL SELECT 'proposal', id, proposed_by FROM event_suggestions
               UNION ALL SELECT 'vote', id, member_id FROM suggestion_votes
               ORDER BY 1, 2";
    store
        .conn()
        .prepare(sql)
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

fn setup() -> (tempfile::TempDir, Store, MemberId, MemberId, String) {
    let (dir, mut store) = new_store();
    let kept = add_member(&mut store, &named("山田 太郎"));
    let merged = add_member(&mut store, &named("Taro Yamada"));
    event(&store, "past", now_ms() - 10 * DAY);
    event(&store, "next", now_ms() + 10 * DAY);
    feedback(&mut store, "past", &merged, 5);
    let (topic, venue) = store
        .write(|w| {
            let topic = propose(
                w,
                "next",
                SuggestionKind::Topic,
                "Hand grinders",
                Some(merged.as_str()),
            )?;
            let venue = propose(w, "next", SuggestionKind::Venue, "Kiyosumi roastery", None)?;
            vote(w, &topic, kept.as_str())?;
            vote(w, &topic, merged.as_str())?;
            vote(w, &venue, merged.as_str())?;
            Ok((topic, venue))
        })
        .expect("proposals and votes");
    assert_ne!(topic, venue);
    (dir, store, kept, merged, topic)
}

#[test]
fn a_merge_moves_feedback_proposals_and_votes_and_undo_puts_back_every_row() {
    let (_dir, mut store, kept, merged, _) = setup();
    let before = links(&store);

    let merge = store
        .write(|w| merge_members(w, &kept, &merged, &FieldChoices::default()))
        .expect("merge");
    let after = links(&store);
    assert!(
        after
            .iter()
            .all(|(_, _, member)| member.as_deref() != Some(merged.as_str())),
        "nothing still points at the merged record: {after:?}"
    );
    assert_eq!(
        after.len(),
        before.len() - 1,
        "the double vote on one option is dropped"
    );
    assert_eq!(
        event_feedback(store.conn(), "past").expect("feedback")[0].rating,
        5
    );
    let votes: Vec<u32> = ranked_suggestions(store.conn(), "next")
        .expect("ranked")
        .iter()
        .map(|s| s.votes)
        .collect();
    assert_eq!(votes, vec![1, 1], "one person, one vote per option");

    store.write(|w| undo_merge(w, &merge)).expect("undo");
    assert_eq!(links(&store), before);
}

#[test]
fn the_privacy_export_holds_their_feedback_proposals_and_votes() {
    let (_dir, store, _, merged, _) = setup();
    let export =
        kizuna_core::members::export_member(store.conn(), merged.as_str()).expect("export");
    assert_eq!(export["eventFeedback"][0]["comment"], "Loved the beans");
    assert_eq!(export["eventFeedback"][0]["event_title"], "Latte art jam");
    assert_eq!(export["eventProposals"][0]["text"], "Hand grinders");
    assert_eq!(export["eventVotes"].as_array().map(Vec::len), Some(2));
}

#[test]
fn erasing_a_member_removes_their_feedback_and_votes_and_unlinks_their_proposals() {
    let (_dir, mut store, _, merged, topic) = setup();
    let report = store
        .write(|w| erase_member(w, &merged))
        .expect("erase despite feedback and votes");
    assert_eq!(
        (report.feedback, report.votes, report.proposals_unlinked),
        (1, 2, 1)
    );
    assert!(
        event_feedback(store.conn(), "past")
            .expect("feedback")
            .is_empty()
    );
    let left = links(&store);
    assert!(
        left.contains(&("proposal".to_owned(), topic.clone(), None)),
        "the option stays for the others who voted on it: {left:?}"
    );
    let traces: Vec<(String, String)> = store
        .conn()
        // The audit log keeps the bare id (no personal data) to record the erasure itself.
        .prepare("SELECT tbl, col FROM change_log WHERE val = ?1 AND tbl <> 'audit_log'")
        .expect("prepare")
        .query_map([merged.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(
        traces,
        vec![],
        "no data row's history names the erased member"
    );
}
