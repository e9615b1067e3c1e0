//! Ideas & votes on a hand-built community with known answers: the form's checks with their
//! messages, the status workflow and its history, ranking by votes and weighted votes, merging
//! duplicate ideas and undoing it, contributors, member merge and erasure, and CSV import.

mod common;

use common::{activity, add_member, count, log, named, new_store, person};
use kizuna_core::error::DetailArg;
use kizuna_core::ideas::{
    IdeaInput, IdeaSort, IdeaSource, IdeaStatus, add_comment, contributors, contributors_csv,
    create_idea, idea_detail, import_ideas_csv, list_ideas, merge_ideas, set_status, unmerge_idea,
    unvote, vote,
};
use kizuna_core::ids::MemberId;
use kizuna_core::members::{erase_member, export_member};
use kizuna_core::merge::{FieldChoices, merge_members, undo_merge};
use kizuna_core::{CoreError, Store};

fn idea(title: &str, author: Option<&MemberId>) -> IdeaInput {
    IdeaInput {
        title: title.to_owned(),
        body: None,
        author_id: author.map(ToString::to_string),
        topic: None,
        activity_id: None,
        created_at: None,
    }
}

fn message<T: std::fmt::Debug>(r: Result<T, CoreError>) -> String {
    match r {
        Err(CoreError::InvalidInput(m)) => m.to_string(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn add(store: &mut Store, title: &str, author: Option<&MemberId>) -> String {
    store
        .write(|w| create_idea(w, &idea(title, author), IdeaSource::Manual))
        .expect("create an idea")
}

fn scored(store: &mut Store, name: &str, rank: i64) -> MemberId {
    let id = add_member(store, &named(name));
    store
        .write(|w| {
            w.tx().execute(
                "INSERT INTO member_scores (member_id, score, as_of, level_rank) VALUES (?1, 1.0, 0, ?2)",
                rusqlite::params![id.as_str(), rank],
            )?;
            Ok(())
        })
        .expect("score a member");
    id
}

fn votes(store: &Store, idea: &str) -> (i64, i64) {
    let d = idea_detail(store.conn(), idea).expect("detail");
    (d.idea.votes, d.idea.weighted_votes)
}

#[test]
fn bad_input_is_refused_with_specific_messages_and_nothing_saved() {
    let (_dir, mut store) = new_store();
    let ann = add_member(&mut store, &named("Ann"));
    assert_eq!(
        message(store.write(|w| create_idea(w, &idea("  ", None), IdeaSource::Manual))),
        "an idea needs a title"
    );
    assert_eq!(
        message(store.write(|w| create_idea(
            w,
            &idea("X", Some(&MemberId::from("nobody"))),
            IdeaSource::Manual
        ))),
        "\"nobody\" is not a member of this community"
    );
    assert_eq!(count(store.conn(), "SELECT count(*) FROM ideas"), 0);
    let a = add(&mut store, "Decaf blend", Some(&ann));
    store.write(|w| vote(w, &a, ann.as_str())).expect("vote");
    assert_eq!(
        message(store.write(|w| vote(w, &a, ann.as_str()))),
        "Ann already voted on \"Decaf blend\""
    );
    assert_eq!(
        message(store.write(|w| add_comment(w, &a, None, " "))),
        "a comment cannot be empty"
    );
    assert_eq!(
        message(store.write(|w| merge_ideas(w, &a, &a))),
        "an idea cannot be merged into itself; pick two different ideas"
    );
    assert_eq!(
        message(IdeaStatus::parse("done")),
        "\"done\" is not an idea status (use new, reviewing, planned, shipped or declined)"
    );
}

#[test]
fn statuses_move_forward_with_their_history_and_final_ones_stay() {
    let (_dir, mut store) = new_store();
    let a = add(&mut store, "Refill pouches", None);
    for s in [
        IdeaStatus::Reviewing,
        IdeaStatus::Planned,
        IdeaStatus::Shipped,
    ] {
        store.write(|w| set_status(w, &a, s)).expect("move");
    }
    assert_eq!(
        message(store.write(|w| set_status(w, &a, IdeaStatus::New))),
        "\"Refill pouches\" cannot go from shipped to new (shipped is final)"
    );
    // The statuses are sent as words the UI can put in the manager's language.
    let refused = store
        .write(|w| set_status(w, &a, IdeaStatus::New))
        .expect_err("final");
    let detail = refused.detail().expect("keyed");
    let word = |name: &str| match &detail.args[name] {
        DetailArg::Reason(inner) => inner.key.clone(),
        other => panic!("{name} should be a keyed word, got {other:?}"),
    };
    assert_eq!(word("from"), "status.ideaShipped");
    assert_eq!(word("to"), "status.ideaNew");
    assert_eq!(word("why"), "ideas.statusFinal");
    let b = add(&mut store, "Capsules", None);
    store
        .write(|w| set_status(w, &b, IdeaStatus::Planned))
        .expect("skip ahead");
    assert_eq!(
        message(store.write(|w| set_status(w, &b, IdeaStatus::Reviewing))),
        "\"Capsules\" cannot go from planned to reviewing (ideas move forward: new → reviewing → planned → shipped, or to declined)"
    );
    store
        .write(|w| set_status(w, &b, IdeaStatus::Declined))
        .expect("decline");
    let history: Vec<IdeaStatus> = idea_detail(store.conn(), &a)
        .expect("detail")
        .history
        .into_iter()
        .map(|h| h.status)
        .collect();
    assert_eq!(
        history,
        [
            IdeaStatus::New,
            IdeaStatus::Reviewing,
            IdeaStatus::Planned,
            IdeaStatus::Shipped
        ]
    );
    let shipped =
        list_ideas(store.conn(), Some(IdeaStatus::Shipped), IdeaSort::Newest).expect("list");
    assert_eq!(shipped.len(), 1);
}

#[test]
fn ranking_by_votes_and_by_weighted_votes_differs_as_engagement_says() {
    let (_dir, mut store) = new_store();
    let champion = scored(&mut store, "Champion", 5);
    let newcomers: Vec<MemberId> = (0..3)
        .map(|i| scored(&mut store, &format!("New{i}"), 1))
        .collect();
    let popular = add(&mut store, "Popular with newcomers", None);
    let loved = add(&mut store, "Loved by the champion", None);
    for m in &newcomers {
        store
            .write(|w| vote(w, &popular, m.as_str()))
            .expect("vote");
    }
    store
        .write(|w| vote(w, &loved, champion.as_str()))
        .expect("vote");
    store
        .write(|w| vote(w, &loved, newcomers[0].as_str()))
        .expect("vote");
    assert_eq!(votes(&store, &popular), (3, 3));
    assert_eq!(votes(&store, &loved), (2, 6));
    let by = |sort| -> Vec<String> {
        list_ideas(store.conn(), None, sort)
            .expect("list")
            .into_iter()
            .map(|i| i.title)
            .collect()
    };
    assert_eq!(
        by(IdeaSort::Votes),
        ["Popular with newcomers", "Loved by the champion"]
    );
    assert_eq!(
        by(IdeaSort::WeightedVotes),
        ["Loved by the champion", "Popular with newcomers"]
    );
    // Voting logs a `vote` activity, so engagement counts it.
    assert_eq!(
        count(
            store.conn(),
            &format!(
                "SELECT count(*) FROM activities WHERE activity_type = 'vote' AND member_id = '{champion}'"
            )
        ),
        1
    );
    store
        .write(|w| unvote(w, &loved, champion.as_str()))
        .expect("unvote");
    assert_eq!(votes(&store, &loved), (1, 1));
}

#[test]
fn merging_duplicates_counts_each_voter_once_and_undo_restores_both() {
    let (_dir, mut store) = new_store();
    let ms: Vec<MemberId> = (0..3)
        .map(|i| add_member(&mut store, &named(&format!("M{i}"))))
        .collect();
    let a = add(&mut store, "Decaf", Some(&ms[0]));
    let b = add(&mut store, "Decaf please", Some(&ms[1]));
    for m in &ms[..2] {
        store.write(|w| vote(w, &a, m.as_str())).expect("vote");
    }
    for m in &ms[1..] {
        store.write(|w| vote(w, &b, m.as_str())).expect("vote");
    }
    store
        .write(|w| add_comment(w, &b, Some(ms[2].as_str()), "+1"))
        .expect("comment");
    store.write(|w| merge_ideas(w, &a, &b)).expect("merge");
    assert_eq!(votes(&store, &a).0, 3);
    let d = idea_detail(store.conn(), &a).expect("detail");
    assert_eq!((d.comments.len(), d.merged.len()), (1, 1));
    assert_eq!(
        list_ideas(store.conn(), None, IdeaSort::Votes)
            .expect("list")
            .len(),
        1
    );
    assert!(message(store.write(|w| vote(w, &b, ms[0].as_str()))).contains("was merged into idea"));
    assert_eq!(
        message(store.write(|w| vote(w, &a, ms[2].as_str()))),
        "M2 already voted on \"Decaf\""
    );
    let names: Vec<(String, Vec<String>)> = contributors(store.conn(), &a)
        .expect("contributors")
        .into_iter()
        .map(|c| (c.name, c.roles))
        .collect();
    assert_eq!(
        names,
        [
            (
                "M0".to_owned(),
                vec!["author".to_owned(), "voter".to_owned()]
            ),
            (
                "M1".to_owned(),
                vec!["author".to_owned(), "voter".to_owned()]
            ),
            (
                "M2".to_owned(),
                vec!["commenter".to_owned(), "voter".to_owned()]
            ),
        ]
    );
    let csv = contributors_csv(store.conn(), &a).expect("csv");
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.starts_with("member_id,name,email,roles\n"));

    assert_eq!(store.write(|w| unmerge_idea(w, &b)).expect("undo"), a);
    assert_eq!((votes(&store, &a).0, votes(&store, &b).0), (2, 2));
    assert_eq!(idea_detail(store.conn(), &b).expect("b").comments.len(), 1);
    assert_eq!(
        list_ideas(store.conn(), None, IdeaSort::Votes)
            .expect("list")
            .len(),
        2
    );
}

#[test]
fn member_merge_keeps_one_vote_and_erase_clears_authorship() {
    let (_dir, mut store) = new_store();
    let kept = add_member(&mut store, &named("Kept"));
    let merged = add_member(&mut store, &named("Merged"));
    let a = add(&mut store, "Same idea", Some(&merged));
    let b = add(&mut store, "Other idea", None);
    for m in [&kept, &merged] {
        store.write(|w| vote(w, &a, m.as_str())).expect("vote");
    }
    store.write(|w| vote(w, &b, merged.as_str())).expect("vote");
    store
        .write(|w| add_comment(w, &a, Some(merged.as_str()), "mine"))
        .expect("comment");
    let merge = store
        .write(|w| merge_members(w, &kept, &merged, &FieldChoices::default()))
        .expect("merge");
    assert_eq!((votes(&store, &a).0, votes(&store, &b).0), (1, 1));
    let d = idea_detail(store.conn(), &a).expect("a");
    assert_eq!(d.voter_ids, [kept.to_string()]);
    assert_eq!(d.idea.author_id.as_deref(), Some(kept.as_str()));
    store.write(|w| undo_merge(w, &merge)).expect("undo");
    assert_eq!(votes(&store, &a).0, 2);
    assert_eq!(
        idea_detail(store.conn(), &a)
            .expect("a")
            .idea
            .author_id
            .as_deref(),
        Some(merged.as_str())
    );

    let export = export_member(store.conn(), merged.as_str()).expect("export");
    assert_eq!(export["ideaVotes"].as_array().map(Vec::len), Some(2));
    assert_eq!(export["ideas"].as_array().map(Vec::len), Some(1));
    assert_eq!(export["ideaComments"].as_array().map(Vec::len), Some(1));
    let report = store.write(|w| erase_member(w, &merged)).expect("erase");
    assert_eq!(report.ideas, 4);
    let d = idea_detail(store.conn(), &a).expect("the idea stays");
    assert_eq!(
        (d.idea.author_id, d.idea.votes, d.comments.len()),
        (None, 1, 0)
    );
    let left = common::rows(
        store.conn(),
        &format!("SELECT tbl, col FROM change_log WHERE tbl LIKE 'idea%' AND val = '{merged}'"),
    );
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn csv_import_is_all_or_nothing_with_each_bad_line_named() {
    let (_dir, mut store) = new_store();
    add_member(&mut store, &person("Aiko", None, "aiko@example.jp"));
    let bad = "title,body,author,status,created\n\
               Decaf,,aiko@example.jp,new,2026-01-05\n\
               ,no title,,,\n\
               Pouches,,nobody@example.jp,planned,\n\
               Mugs,,,done,\n\
               Cards,,,,yesterday\n";
    assert_eq!(
        message(store.write(|w| import_ideas_csv(w, bad.as_bytes()))),
        "4 rows cannot be imported, so nothing was imported:\n\
         line 3: the title is empty\n\
         line 4: no member has the email or handle \"nobody@example.jp\"\n\
         line 5: \"done\" is not an idea status (use new, reviewing, planned, shipped or declined)\n\
         line 6: created \"yesterday\" is not a date (YYYY-MM-DD) or an RFC 3339 time"
    );
    assert_eq!(count(store.conn(), "SELECT count(*) FROM ideas"), 0);
    let good =
        "title,author,status,created\nDecaf,AIKO@example.jp,planned,2026-01-05\nPouches,,,\n";
    let ids = store
        .write(|w| import_ideas_csv(w, good.as_bytes()))
        .expect("import");
    assert_eq!(ids.len(), 2);
    let d = idea_detail(store.conn(), &ids[0]).expect("detail");
    assert_eq!(
        (d.idea.status, d.idea.source, d.idea.author_name.as_deref()),
        (IdeaStatus::Planned, IdeaSource::Csv, Some("Aiko"))
    );
    assert_eq!(d.idea.created_at, common::ms("2026-01-05T00:00:00Z"));
}

#[test]
fn ideas_from_activities_take_their_author_and_members_ideas_count_as_activity() {
    let (_dir, mut store) = new_store();
    let ann = add_member(&mut store, &named("Ann"));
    let posted = log(&mut store, &activity(&ann, "post", common::days_ago(3)));
    let from_post = IdeaInput {
        activity_id: Some(posted.to_string()),
        ..idea("Seasonal latte", None)
    };
    let id = store
        .write(|w| create_idea(w, &from_post, IdeaSource::Activity))
        .expect("from an activity");
    let d = idea_detail(store.conn(), &id).expect("detail");
    assert_eq!(
        (d.idea.source, d.idea.author_name.as_deref()),
        (IdeaSource::Activity, Some("Ann"))
    );
    let missing = IdeaInput {
        activity_id: Some("nope".to_owned()),
        ..idea("Other", None)
    };
    assert_eq!(
        message(store.write(|w| create_idea(w, &missing, IdeaSource::Activity))),
        "\"nope\" is not an activity of this community"
    );
    add(&mut store, "Own idea", Some(&ann));
    let ideas_logged = format!(
        "SELECT count(*) FROM activities WHERE activity_type = 'idea' AND member_id = '{ann}'"
    );
    assert_eq!(count(store.conn(), &ideas_logged), 1);
    assert_eq!(
        message(store.write(|w| unvote(w, &id, ann.as_str()))),
        "Ann has not voted on \"Seasonal latte\""
    );
}
