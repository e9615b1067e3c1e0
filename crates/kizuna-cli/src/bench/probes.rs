//! What the benchmark asks of a community, drawn from the community itself so it fits any
//! file: search queries a manager would type, and representative segment rule trees.

use chrono::{DateTime, Duration, Utc};
use kizuna_core::segments::{Group, parse_rules};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Value, json};

/// Members sampled (evenly over the file, in creation order) to draw queries from.
const PICKS: u32 = 24;

/// One sampled member.
struct Pick {
    name: String,
    reading: Option<String>,
    email: Option<String>,
    handle: Option<String>,
}

fn picks(conn: &Connection) -> anyhow::Result<Vec<Pick>> {
    let live: u32 = conn.query_row(
        "SELECT count(*) FROM members WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    let mut member = conn.prepare(
        "SELECT m.display_name, m.name_reading, m.email,
             (SELECT handle FROM identities i WHERE i.member_id = m.id ORDER BY platform LIMIT 1)
         FROM members m WHERE m.deleted_at IS NULL ORDER BY m.rowid LIMIT 1 OFFSET ?1",
    )?;
    let mut out = Vec::new();
    for n in 0..PICKS.min(live) {
        let offset = i64::from(n) * i64::from(live) / i64::from(PICKS.min(live));
        out.push(member.query_row([offset], |r| {
            Ok(Pick {
                name: r.get(0)?,
                reading: r.get(1)?,
                email: r.get(2)?,
                handle: r.get(3)?,
            })
        })?);
    }
    Ok(out)
}

/// Katakana to hiragana, as a manager might type a reading.
fn hiragana(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(u32::from(c) - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The romaji words of an email's local part ("hiroto.suzuki82" → hiroto, suzuki).
fn romaji_words(email: &str) -> Vec<String> {
    let local = email.split('@').next().unwrap_or_default();
    local
        .split(['.', '_', '-'])
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned())
        .filter(|w| w.len() >= 3)
        .collect()
}

fn first_word(text: &str) -> Option<String> {
    text.split_whitespace().next().map(str::to_owned)
}

fn last_word(text: &str) -> Option<String> {
    text.split_whitespace().last().map(str::to_owned)
}

/// About thirty queries of the kinds people type into the Members search: Japanese full and
/// family names, readings in katakana and hiragana, romaji, Latin names and prefixes, emails,
/// handles, a short prefix and two that match no one. The same file gives the same queries.
pub fn search_queries(conn: &Connection) -> anyhow::Result<Vec<String>> {
    let picks = picks(conn)?;
    let japanese: Vec<&Pick> = picks.iter().filter(|p| p.reading.is_some()).collect();
    let latin: Vec<&Pick> = picks
        .iter()
        .filter(|p| p.reading.is_none() && p.name.is_ascii())
        .collect();
    let mut queries: Vec<String> = Vec::new();
    let mut take = |items: Vec<String>, n: usize| queries.extend(items.into_iter().take(n));
    take(japanese.iter().map(|p| p.name.clone()).collect(), 4);
    take(
        japanese
            .iter()
            .rev()
            .filter_map(|p| first_word(&p.name))
            .collect(),
        3,
    );
    take(
        japanese
            .iter()
            .skip(4)
            .filter_map(|p| p.reading.clone())
            .collect(),
        3,
    );
    take(
        japanese
            .iter()
            .skip(1)
            .filter_map(|p| p.reading.as_deref().and_then(last_word))
            .map(|w| hiragana(&w))
            .collect(),
        2,
    );
    take(
        japanese
            .iter()
            .skip(2)
            .filter_map(|p| p.email.as_deref().map(romaji_words)?.pop())
            .collect(),
        3,
    );
    take(latin.iter().map(|p| p.name.clone()).collect(), 3);
    take(
        latin
            .iter()
            .rev()
            .filter_map(|p| first_word(&p.name.to_lowercase()))
            .map(|w| w.chars().take(4).collect())
            .collect(),
        2,
    );
    take(
        picks.iter().rev().filter_map(|p| p.email.clone()).collect(),
        3,
    );
    take(
        picks
            .iter()
            .skip(5)
            .filter_map(|p| Some(p.email.as_deref()?.split('@').next()?.to_owned()))
            .collect(),
        1,
    );
    take(
        picks
            .iter()
            .skip(3)
            .filter_map(|p| p.handle.clone())
            .collect(),
        3,
    );
    take(
        picks
            .iter()
            .skip(9)
            .filter_map(|p| p.handle.as_deref().map(|h| h.chars().take(5).collect()))
            .collect(),
        1,
    );
    for fixed in ["ya", "zzqxj", "存在しない人"] {
        queries.push(fixed.to_owned());
    }
    let mut seen = std::collections::HashSet::new();
    queries.retain(|q| seen.insert(q.clone()));
    Ok(queries)
}

/// The most common value of a one-column `GROUP BY` query, if any.
fn most_common(conn: &Connection, sql: &str) -> anyhow::Result<Option<String>> {
    Ok(conn.query_row(sql, [], |r| r.get(0)).optional()?)
}

/// The activity type logged most often, if any activity was.
pub fn busiest_activity_type(conn: &Connection) -> anyhow::Result<Option<String>> {
    most_common(
        conn,
        "SELECT activity_type FROM activities GROUP BY activity_type
         ORDER BY count(*) DESC, activity_type LIMIT 1",
    )
}

/// Values of the community the rule trees use: its most common country, tag, activity type
/// and trait, and the platform where most members have followers.
struct Palette {
    country: Option<String>,
    tag: Option<String>,
    platform: Option<String>,
    activity_type: Option<String>,
    trait_value: Option<(String, String, String)>,
    levels: i64,
}

impl Palette {
    fn load(conn: &Connection) -> anyhow::Result<Self> {
        Ok(Self {
            country: most_common(
                conn,
                "SELECT country FROM members WHERE deleted_at IS NULL AND country IS NOT NULL
                 GROUP BY country ORDER BY count(*) DESC, country LIMIT 1",
            )?,
            tag: most_common(
                conn,
                "SELECT t.name FROM member_tags mt JOIN tags t ON t.id = mt.tag_id
                 GROUP BY t.name ORDER BY count(*) DESC, t.name LIMIT 1",
            )?,
            platform: most_common(
                conn,
                "SELECT platform FROM identities WHERE followers IS NOT NULL GROUP BY platform
                 ORDER BY count(*) DESC, platform LIMIT 1",
            )?,
            activity_type: busiest_activity_type(conn)?,
            trait_value: conn
                .query_row(
                    "SELECT dimension, key, value FROM member_traits GROUP BY 1, 2, 3
                     ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?,
            levels: conn.query_row("SELECT count(*) FROM levels", [], |r| r.get(0))?,
        })
    }
}

/// About eight representative segments, by stable name: a field, a tag, a platform with
/// followers, a level, a score, an activity type within 90 days, a trait and a nested AND/OR
/// tree. Rules whose values the community lacks (no tags, say) are left out.
pub fn segment_trees(
    conn: &Connection,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(&'static str, Group)>> {
    let p = Palette::load(conn)?;
    let rank = p.levels.min(3);
    let two_years_ago = (now - Duration::days(730)).format("%Y-%m-%d").to_string();
    let country = p
        .country
        .as_ref()
        .map(|c| json!({ "kind": "field", "field": "country", "op": "equals", "value": c }));
    let tag = p
        .tag
        .as_ref()
        .map(|t| json!({ "kind": "tag", "op": "has", "name": t }));
    let platform = p
        .platform
        .as_ref()
        .map(|pl| json!({ "kind": "platform", "platform": pl, "minFollowers": 1_000 }));
    let level = (rank > 0).then(|| json!({ "kind": "level", "op": "gte", "rank": rank }));
    let score = Some(json!({ "kind": "score", "op": "gte", "value": 5.0 }));
    let activity = p
        .activity_type
        .as_ref()
        .map(|t| json!({ "kind": "activity", "activityType": t, "minCount": 1, "withinDays": 90 }));
    let trait_rule = p.trait_value.as_ref().map(|(d, k, v)| {
        json!({ "kind": "trait", "dimension": d, "key": k, "op": "equals", "value": v })
    });
    let either: Vec<Value> = [tag.clone(), platform.clone(), level.clone()]
        .into_iter()
        .flatten()
        .collect();
    let nested = Some(json!({ "kind": "group", "op": "and", "rules": [
        { "kind": "field", "field": "joinedAt", "op": "gte", "value": two_years_ago },
        { "kind": "activity", "minCount": 2, "withinDays": 30 },
        { "kind": "group", "op": "or", "rules": either },
    ]}))
    .filter(|_| !either.is_empty());
    let rules = [
        ("segment.field", country),
        ("segment.tag", tag),
        ("segment.platform", platform),
        ("segment.level", level),
        ("segment.score", score),
        ("segment.activity90d", activity),
        ("segment.trait", trait_rule),
        ("segment.nested", nested),
    ];
    rules
        .into_iter()
        .filter_map(|(name, rule)| rule.map(|rule| (name, rule)))
        .map(|(name, rule)| {
            let tree = match rule.get("kind").and_then(Value::as_str) {
                Some("group") => rule,
                _ => json!({ "op": "and", "rules": [rule] }),
            };
            Ok((name, parse_rules(&tree.to_string())?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_local_parts_give_romaji_words() {
        assert_eq!(
            romaji_words("hiroto.suzuki82@example.jp"),
            ["hiroto", "suzuki"]
        );
        assert_eq!(hiragana("スズキ ヒロト"), "すずき ひろと");
    }
}
