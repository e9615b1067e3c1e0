//! Ideas in the sample: twenty ideas from members (and a few from the team) with statuses
//! spread over the workflow, votes that come more often from engaged members, comments, a
//! shipped idea with its contributors, and one duplicate merged into its original.
//!
//! Drawn from its own random stream and planted after scoring; returns the activities it
//! logged (an `idea` per member's idea, a `vote` per vote) so the sample's totals stay exact.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::types::Value;

use crate::error::Result;
use crate::ideas::{
    IdeaInput, IdeaSource, IdeaStatus, create_idea, insert_comment, merge_ideas, put_status,
};
use crate::store::{SyncedTable, Writer};

/// Mixed into the seed for the ideas stream.
const STREAM: u64 = 0x4944_4541_5300_0001;
const DAY: i64 = 86_400_000;

const IDEAS: [(&str, IdeaStatus); 20] = [
    ("Decaf version of the Spring Blend", IdeaStatus::Shipped),
    ("季節限定のほうじ茶ラテ", IdeaStatus::Planned),
    ("Refill pouches to cut packaging", IdeaStatus::Shipped),
    ("オンライン焙煎ワークショップ", IdeaStatus::Reviewing),
    ("Subscription pause button", IdeaStatus::Planned),
    ("Tasting notes card in every bag", IdeaStatus::New),
    ("地域の農家さんとのコラボ", IdeaStatus::Reviewing),
    ("Cold brew concentrate bottles", IdeaStatus::Declined),
    ("Members-only night at the roastery", IdeaStatus::Shipped),
    ("小さめサイズのお試しセット", IdeaStatus::New),
    ("Grinder size guide video", IdeaStatus::Planned),
    ("Oat milk pairing recommendations", IdeaStatus::New),
    ("ギフト用のラッピング", IdeaStatus::Reviewing),
    ("Recyclable capsules", IdeaStatus::Declined),
    ("Point card for cafe visits", IdeaStatus::New),
    ("朝活コーヒー会", IdeaStatus::New),
    ("Single-origin sampler box", IdeaStatus::Reviewing),
    ("English/Japanese bilingual recipes", IdeaStatus::New),
    ("Mug with the community logo", IdeaStatus::Declined),
    ("Decaf Spring Blend please!", IdeaStatus::New),
];

const COMMENTS: [&str; 6] = [
    "I'd buy this every month.",
    "ぜひ実現してほしいです！",
    "Maybe as a limited run first?",
    "友だちにも勧めたいです",
    "Same here, +1",
    "価格はどのくらいになりそうですか？",
];

/// Plants the sample's ideas; returns how many activities it logged.
pub(super) fn plant_ideas(w: &mut Writer<'_>, seed: u64, now_ms: i64) -> Result<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ STREAM);
    // Live members, most engaged first, with their level rank (1 = lowest) and joining time.
    let members: Vec<(String, i64, i64)> = w
        .tx()
        .prepare(
            "SELECT m.id, coalesce(s.level_rank, 1), m.joined_at FROM members m
             LEFT JOIN member_scores s ON s.member_id = m.id
             WHERE m.deleted_at IS NULL AND m.merged_into IS NULL
             ORDER BY coalesce(s.score, 0) DESC, m.id LIMIT 400",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if members.is_empty() {
        return Ok(0);
    }
    let top_rank = members.iter().map(|m| m.1).max().unwrap_or(1).max(1);
    let mut logged = 0;
    let mut ids = Vec::with_capacity(IDEAS.len());
    for (n, (title, status)) in IDEAS.iter().enumerate() {
        let created = now_ms - rng.random_range(30..300) * DAY;
        // Every fifth idea comes from the team; the others from fairly engaged members.
        let pick = &members[rng.random_range(0..members.len().min(120))];
        let author = (n % 5 != 4 && pick.2 < created).then(|| pick.0.clone());
        logged += u32::from(author.is_some());
        let input = IdeaInput {
            title: (*title).to_owned(),
            body: None,
            author_id: author.clone(),
            topic: None,
            activity_id: None,
            created_at: Some(created),
        };
        let id = create_idea(w, &input, IdeaSource::Manual)?;
        // Walk the workflow up to its status, a few weeks per step.
        let path: &[IdeaStatus] = match status {
            IdeaStatus::New => &[],
            IdeaStatus::Reviewing => &[IdeaStatus::Reviewing],
            IdeaStatus::Planned => &[IdeaStatus::Reviewing, IdeaStatus::Planned],
            IdeaStatus::Shipped => &[
                IdeaStatus::Reviewing,
                IdeaStatus::Planned,
                IdeaStatus::Shipped,
            ],
            IdeaStatus::Declined => &[IdeaStatus::Reviewing, IdeaStatus::Declined],
        };
        let mut at = created;
        for step in path {
            at = (at + rng.random_range(3..20) * DAY).min(now_ms);
            put_status(w, &id, *step, at)?;
        }
        // Popular ideas draw more votes; engaged members vote more often.
        let appeal = rng.random_range(0.01..0.10);
        let mut voters = Vec::new();
        for (member, rank, joined) in &members {
            let p = appeal * (0.2 + 0.8 * *rank as f64 / top_rank as f64);
            if rng.random_bool(p.clamp(0.0, 1.0)) {
                let from = created.max(*joined);
                if from >= now_ms {
                    continue;
                }
                let voted_at = from + rng.random_range(0..now_ms - from);
                w.insert(
                    SyncedTable::IdeaVotes,
                    &crate::ideas::pair_id("idea_vote", &id, member),
                    &[
                        ("idea_id", Value::Text(id.clone())),
                        ("member_id", Value::Text(member.clone())),
                        ("voted_at", Value::Integer(voted_at)),
                    ],
                )?;
                crate::ideas::log_for(w, member, "vote", voted_at)?;
                logged += 1;
                voters.push((member.clone(), voted_at));
            }
        }
        // Shipped ideas always have a few member comments, so they have commenters to thank.
        let said = match status {
            IdeaStatus::Shipped => 2,
            _ => rng.random_range(0..4),
        };
        for (k, (member, voted_at)) in voters.iter().take(said).enumerate() {
            let body = COMMENTS[(n + k) % COMMENTS.len()];
            insert_comment(w, &id, Some(member), body, (voted_at + DAY / 2).min(now_ms))?;
        }
        if *status == IdeaStatus::Shipped {
            insert_comment(
                w,
                &id,
                None,
                "Shipped! Thank you all for the idea and the votes.",
                at,
            )?;
        }
        ids.push(id);
    }
    // The last idea duplicates the first.
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        merge_ideas(w, first, last)?;
    }
    Ok(logged)
}
