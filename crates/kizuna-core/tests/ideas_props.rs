//! Property test: merging ideas never counts a voter twice, and undoing merges restores every
//! idea's count exactly.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{add_member, named, new_store};
use kizuna_core::ideas::{
    IdeaInput, IdeaSort, IdeaSource, create_idea, idea_detail, list_ideas, merge_ideas,
    unmerge_idea, vote,
};
use proptest::prelude::*;

fn votes(store: &kizuna_core::Store, idea: &str) -> i64 {
    idea_detail(store.conn(), idea).expect("detail").idea.votes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn merging_ideas_never_double_counts_and_undo_restores(
        ballots in proptest::collection::vec((0usize..4, 0usize..5), 0..30),
        merges in proptest::collection::vec((0usize..4, 0usize..4), 1..6),
    ) {
        let (_dir, mut store) = new_store();
        let members: Vec<String> = (0..5)
            .map(|i| add_member(&mut store, &named(&format!("M{i}"))).to_string())
            .collect();
        let ideas: Vec<String> = (0..4)
            .map(|i| {
                let input = IdeaInput {
                    title: format!("Idea {i}"),
                    body: None,
                    author_id: None,
                    topic: None,
                    activity_id: None,
                    created_at: None,
                };
                store.write(|w| create_idea(w, &input, IdeaSource::Manual)).expect("idea")
            })
            .collect();
        let mut voters: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (i, m) in ballots {
            if voters.entry(i).or_default().insert(m) {
                store.write(|w| vote(w, &ideas[i], &members[m]).map(drop)).expect("vote");
            }
        }
        let before: Vec<i64> = ideas.iter().map(|i| votes(&store, i)).collect();
        // Which idea each idea currently counts toward (itself when not merged).
        let mut root: Vec<usize> = (0..4).collect();
        let mut done = Vec::new();
        for (kept, dup) in merges {
            let ok = store.write(|w| merge_ideas(w, &ideas[kept], &ideas[dup])).is_ok();
            prop_assert_eq!(ok, kept != dup && root[kept] == kept && root[dup] == dup);
            if ok {
                for r in root.iter_mut() {
                    if *r == dup { *r = kept; }
                }
                done.push(dup);
            }
            for row in list_ideas(store.conn(), None, IdeaSort::Votes).expect("list") {
                let k = ideas.iter().position(|i| *i == row.id).expect("known");
                let expected: BTreeSet<usize> = (0..4)
                    .filter(|i| root[*i] == k)
                    .flat_map(|i| voters.get(&i).cloned().unwrap_or_default())
                    .collect();
                prop_assert_eq!(row.votes, expected.len() as i64);
            }
        }
        for dup in done.into_iter().rev() {
            store.write(|w| unmerge_idea(w, &ideas[dup]).map(drop)).expect("undo");
        }
        let after: Vec<i64> = ideas.iter().map(|i| votes(&store, i)).collect();
        prop_assert_eq!(before, after);
    }
}
