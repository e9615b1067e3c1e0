//! What members say in the sample: ratings and short comments (Japanese or English, as the
//! member writes) on past events, and topics, venues and dates proposed and voted on for the
//! upcoming ones. Called from [`super::budgets`] with its random stream.

use chrono::{DateTime, Datelike, Timelike};
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use super::budgets::SampleEvent;
use crate::error::Result;
use crate::event_outcomes::{FeedbackInput, add_feedback};
use crate::store::Writer;
use crate::suggestions::{SuggestionKind, propose, vote};

const GOOD_JA: &[&str] = &[
    "焙煎の話が面白かった",
    "浅煎りと深煎りの違いがよく分かりました",
    "また参加したいです！",
    "スタッフの皆さんが親切でした",
    "家でも試してみます",
];
const GOOD_EN: &[&str] = &[
    "Loved the cupping session",
    "Great people, great coffee",
    "Learned a lot about roast levels",
    "Will definitely come again",
    "The Q&A was the best part",
];
const MIXED_JA: &[&str] = &[
    "少し時間が短く感じました",
    "後ろの席だと声が聞き取りにくかった",
    "内容は良かったけど、もう少し実演が見たかった",
];
const MIXED_EN: &[&str] = &[
    "Good, but a bit too short",
    "Hard to hear from the back",
    "Nice talk, would like more hands-on time",
];
const BAD_JA: &[&str] = &["開始が遅れて残念でした", "説明が初心者には難しかった"];
const BAD_EN: &[&str] = &["Started late and felt rushed", "Too advanced for beginners"];
const TOPICS: &[&str] = &[
    "ハンドドリップ入門",
    "エスプレッソ抽出のコツ",
    "ラテアート練習会",
    "水出しコーヒーを作ろう",
    "焙煎度の飲み比べ",
    "Single origin tasting: Ethiopia",
    "AeroPress recipes",
    "Home roasting with a hand roaster",
];
const VENUES: &[&str] = &[
    "Hinata Roastery 渋谷",
    "Hinata Café 中目黒",
    "代々木公園でピクニック",
    "鎌倉の古民家カフェ",
    "オンライン（Zoom）",
];
const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// Registrations of `event` in `statuses` (SQL list), as (member id, writes in Japanese), in
/// the order members were created.
fn registrants(w: &Writer<'_>, event: &str, statuses: &str) -> Result<Vec<(String, bool)>> {
    let mut stmt = w.tx().prepare_cached(&format!(
        "SELECT m.id, coalesce(m.locale, '') = 'ja-JP' FROM registrations r
         JOIN members m ON m.id = r.member_id
         WHERE r.event_id = ?1 AND r.status IN ({statuses}) AND m.deleted_at IS NULL
         ORDER BY m.rowid"
    ))?;
    let people = stmt
        .query_map(params![event], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(people)
}

fn pick(rng: &mut ChaCha8Rng, items: &[&'static str]) -> &'static str {
    items[rng.random_range(0..items.len())]
}

/// A rating from 1 to 5, mostly 4 and 5; `mood` (−8…8) shifts the event's whole curve.
fn rating(rng: &mut ChaCha8Rng, mood: i64) -> i64 {
    match rng.random_range(0..100) + mood {
        ..3 => 1,
        3..9 => 2,
        9..24 => 3,
        24..60 => 4,
        _ => 5,
    }
}

fn comment(rng: &mut ChaCha8Rng, rating: i64, japanese: bool) -> &'static str {
    let pool = match (rating, japanese) {
        (4.., true) => GOOD_JA,
        (4.., false) => GOOD_EN,
        (3, true) => MIXED_JA,
        (3, false) => MIXED_EN,
        (_, true) => BAD_JA,
        (_, false) => BAD_EN,
    };
    pick(rng, pool)
}

/// Feedback from 30–70% of `event`'s attendees, about a third with a comment.
pub(super) fn plant_feedback(
    w: &mut Writer<'_>,
    rng: &mut ChaCha8Rng,
    event: &SampleEvent,
    now_ms: i64,
) -> Result<()> {
    let mut attendees = registrants(w, &event.id, "'attended'")?;
    let share = rng.random_range(30..=70);
    let mood = rng.random_range(-8..=8);
    attendees.shuffle(rng);
    attendees.truncate((attendees.len() * share).div_ceil(100));
    for (member, japanese) in &attendees {
        let stars = rating(rng, mood);
        let text = rng
            .random_ratio(1, 3)
            .then(|| comment(rng, stars, *japanese).to_owned());
        let submitted_at = (event.ends_at + rng.random_range(30..4_320) * 60_000).min(now_ms);
        add_feedback(
            w,
            &event.id,
            &FeedbackInput {
                member_id: Some(member.clone()),
                rating: stars,
                comment: text,
                submitted_at: Some(submitted_at),
            },
        )?;
    }
    Ok(())
}

/// "12月12日(土) 14:00" in Japan time.
fn jst_date(ms: i64) -> String {
    let t = DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&chrono_tz::Asia::Tokyo);
    format!(
        "{}月{}日({}) {:02}:{:02}",
        t.month(),
        t.day(),
        WEEKDAYS[t.weekday().num_days_from_monday() as usize],
        t.hour(),
        t.minute()
    )
}

/// 3–6 options for an upcoming `event` (topics, venues for events at one, other dates),
/// proposed by people who signed up, with their votes.
pub(super) fn plant_suggestions(
    w: &mut Writer<'_>,
    rng: &mut ChaCha8Rng,
    event: &SampleEvent,
) -> Result<()> {
    let voters = registrants(w, &event.id, "'going', 'waitlist'")?;
    let mut options: Vec<(SuggestionKind, String)> = Vec::new();
    let mut topics = TOPICS.to_vec();
    topics.shuffle(rng);
    let wanted = rng.random_range(3..=6);
    let topic_count = rng.random_range(2..=4).min(wanted);
    for topic in topics.iter().take(topic_count) {
        options.push((SuggestionKind::Topic, (*topic).to_owned()));
    }
    let mut week = 1;
    while options.len() < wanted {
        if event.kind != "online" && rng.random_bool(0.5) {
            let venue = pick(rng, VENUES).to_owned();
            if !options.iter().any(|(_, t)| *t == venue) {
                options.push((SuggestionKind::Venue, venue));
            }
        } else {
            options.push((
                SuggestionKind::Date,
                jst_date(event.starts_at + week * 7 * 86_400_000),
            ));
            week += 1;
        }
    }
    for (kind, text) in &options {
        let by = (!voters.is_empty()).then(|| voters[rng.random_range(0..voters.len())].0.as_str());
        let id = propose(w, &event.id, *kind, text, by)?;
        let popularity = rng.random_range(5..=60);
        for (member, _) in &voters {
            if rng.random_range(0..100) < popularity {
                vote(w, &id, member)?;
            }
        }
    }
    Ok(())
}
