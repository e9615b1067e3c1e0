//! A slow reference for segments: members loaded into memory with plain reads, each rule
//! evaluated in Rust (not through the SQL compiler), and a seeded generator of rule trees.

use std::collections::HashSet;

use chrono::NaiveDate;
use kizuna_core::members::{InfluencerTier, TraitDimension};
use kizuna_core::segments::{
    ActivityRule, AttendanceRule, CampaignRule, CompareOp, FieldOp, FieldRule, Group, GroupOp,
    LevelRule, MemberField, Node, Operand, PlatformRule, ScoreRule, TagOp, TagRule, TraitOp,
    TraitRule,
};
use rand::Rng;
use rusqlite::Connection;

const DAY: i64 = 86_400_000;

/// One member with everything a rule can look at.
#[derive(Debug, Default)]
pub struct Person {
    pub id: String,
    pub deleted: bool,
    pub text: [Option<String>; 6],
    pub birth_year: Option<i64>,
    pub joined_at: i64,
    pub tags: HashSet<String>,
    /// (dimension, key, value) as stored.
    pub traits: Vec<(String, String, String)>,
    pub identities: Vec<(String, Option<i64>)>,
    pub level: i64,
    pub score: f64,
    /// (type, occurred_at, platform, campaign)
    pub activities: Vec<(String, i64, Option<String>, Option<String>)>,
    /// (event id, event start) of attended registrations.
    pub attended: Vec<(String, i64)>,
}

/// Every member (deleted too), read table by table.
pub fn load(conn: &Connection) -> Vec<Person> {
    let mut people: Vec<Person> = conn
        .prepare(
            "SELECT id, deleted_at IS NOT NULL, display_name, email, country, city, locale, \
             source, birth_year, joined_at FROM members ORDER BY id",
        )
        .expect("prepare")
        .query_map([], |r| {
            Ok(Person {
                id: r.get(0)?,
                deleted: r.get(1)?,
                text: [
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ],
                birth_year: r.get(8)?,
                joined_at: r.get(9)?,
                level: 1,
                ..Person::default()
            })
        })
        .expect("query members")
        .collect::<rusqlite::Result<_>>()
        .expect("read members");
    let index: std::collections::HashMap<String, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let mut each = |sql: &str, f: &mut dyn FnMut(&mut Person, &rusqlite::Row<'_>)| {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let mut rows = stmt.query([]).expect("query");
        while let Some(r) = rows.next().expect("row") {
            let id: String = r.get(0).expect("member id");
            f(&mut people[index[&id]], r);
        }
    };
    each(
        "SELECT mt.member_id, t.name FROM member_tags mt JOIN tags t ON t.id = mt.tag_id",
        &mut |p, r| {
            p.tags.insert(r.get(1).expect("tag"));
        },
    );
    each(
        "SELECT member_id, dimension, key, value FROM member_traits",
        &mut |p, r| {
            p.traits.push((
                r.get(1).expect("dimension"),
                r.get(2).expect("key"),
                r.get(3).expect("value"),
            ));
        },
    );
    each(
        "SELECT member_id, platform, followers FROM identities",
        &mut |p, r| {
            p.identities
                .push((r.get(1).expect("platform"), r.get(2).expect("followers")));
        },
    );
    each(
        "SELECT member_id, level_rank, score FROM member_scores",
        &mut |p, r| {
            p.level = r.get(1).expect("level");
            p.score = r.get(2).expect("score");
        },
    );
    each(
        "SELECT member_id, activity_type, occurred_at, platform, campaign_id FROM activities",
        &mut |p, r| {
            p.activities.push((
                r.get(1).expect("type"),
                r.get(2).expect("at"),
                r.get(3).expect("platform"),
                r.get(4).expect("campaign"),
            ));
        },
    );
    each(
        "SELECT r.member_id, r.event_id, e.starts_at FROM registrations r \
         JOIN events e ON e.id = r.event_id WHERE r.status = 'attended'",
        &mut |p, r| {
            p.attended
                .push((r.get(1).expect("event"), r.get(2).expect("start")));
        },
    );
    people
}

/// How many live members match `group`, the slow way.
pub fn count(people: &[Person], group: &Group, now: i64) -> u32 {
    people
        .iter()
        .filter(|p| !p.deleted && group_matches(p, group, now))
        .count() as u32
}

fn group_matches(p: &Person, group: &Group, now: i64) -> bool {
    match group.op {
        GroupOp::And => group.rules.iter().all(|n| node_matches(p, n, now)),
        GroupOp::Or => group.rules.iter().any(|n| node_matches(p, n, now)),
    }
}

fn span(op: &Operand) -> (i64, i64) {
    match op {
        Operand::Number(n) => (*n, n + 1),
        Operand::Text(t) => {
            let day = NaiveDate::parse_from_str(t, "%Y-%m-%d").expect("a test date");
            let start = day
                .and_hms_opt(0, 0, 0)
                .expect("midnight")
                .and_utc()
                .timestamp_millis();
            (start, start + DAY)
        }
    }
}

fn field_matches(p: &Person, rule: &FieldRule) -> bool {
    let number = match rule.field {
        MemberField::BirthYear => Some(p.birth_year),
        MemberField::JoinedAt => Some(Some(p.joined_at)),
        _ => None,
    };
    if let Some(value) = number {
        let (s, e) = span(rule.value.as_ref().expect("a value"));
        return match (rule.op, value) {
            (FieldOp::NotEquals, None) => true,
            (_, None) => false,
            (FieldOp::Equals, Some(v)) => s <= v && v < e,
            (FieldOp::NotEquals, Some(v)) => !(s <= v && v < e),
            (FieldOp::Lt, Some(v)) => v < s,
            (FieldOp::Lte, Some(v)) => v < e,
            (FieldOp::Gt, Some(v)) => v >= e,
            (FieldOp::Gte, Some(v)) => v >= s,
            (FieldOp::Between, Some(v)) => {
                v >= s && v < span(rule.value2.as_ref().expect("value2")).1
            }
            _ => unreachable!("text operator on a number"),
        };
    }
    let slot = match rule.field {
        MemberField::DisplayName => 0,
        MemberField::Email => 1,
        MemberField::Country => 2,
        MemberField::City => 3,
        MemberField::Locale => 4,
        _ => 5,
    };
    let value = p.text[slot].as_deref().map(str::to_ascii_lowercase);
    let wanted = match &rule.value {
        Some(Operand::Text(t)) => t.trim().to_ascii_lowercase(),
        _ => String::new(),
    };
    match (rule.op, value) {
        (FieldOp::IsEmpty, v) => v.is_none_or(|v| v.trim_matches(' ').is_empty()),
        (FieldOp::IsNotEmpty, v) => v.is_some_and(|v| !v.trim_matches(' ').is_empty()),
        (FieldOp::NotEquals, v) => v.is_none_or(|v| v != wanted),
        (_, None) => false,
        (FieldOp::Equals, Some(v)) => v == wanted,
        (FieldOp::Contains, Some(v)) => v.contains(&wanted),
        (FieldOp::StartsWith, Some(v)) => v.starts_with(&wanted),
        _ => unreachable!("number operator on text"),
    }
}

fn tier_floor(tier: InfluencerTier) -> i64 {
    match tier {
        InfluencerTier::Nano => 1_000,
        InfluencerTier::Micro => 10_000,
        InfluencerTier::Mid => 100_000,
        InfluencerTier::Macro => 1_000_000,
    }
}

fn node_matches(p: &Person, node: &Node, now: i64) -> bool {
    let cmp = |op: CompareOp, a: f64, b: f64| match op {
        CompareOp::Eq => a == b,
        CompareOp::Gte => a >= b,
        CompareOp::Lte => a <= b,
    };
    match node {
        Node::Group(g) => group_matches(p, g, now),
        Node::Field(rule) => field_matches(p, rule),
        Node::Tag(rule) => p.tags.contains(&rule.name) == (rule.op == TagOp::Has),
        Node::Platform(rule) => p.identities.iter().any(|(platform, followers)| {
            let floor = rule
                .min_followers
                .into_iter()
                .chain(rule.min_tier.map(tier_floor))
                .max();
            rule.platform.as_ref().is_none_or(|w| w == platform)
                && floor.is_none_or(|f| followers.is_some_and(|n| n >= f))
        }),
        Node::Level(rule) => cmp(rule.op, p.level as f64, rule.rank as f64),
        Node::Score(rule) => cmp(rule.op, p.score, rule.value),
        Node::Activity(rule) => {
            let n = p
                .activities
                .iter()
                .filter(|(kind, at, platform, _)| {
                    rule.activity_type.as_ref().is_none_or(|t| t == kind)
                        && rule
                            .within_days
                            .is_none_or(|d| *at > now - d * DAY && *at <= now)
                        && rule.from.as_ref().is_none_or(|f| *at >= span(f).0)
                        && rule.to.as_ref().is_none_or(|t| *at < span(t).1)
                        && rule
                            .platform
                            .as_ref()
                            .is_none_or(|w| platform.as_ref() == Some(w))
                })
                .count();
            n as i64 >= rule.min_count
        }
        Node::EventAttendance(rule) => {
            let n = p
                .attended
                .iter()
                .filter(|(event, start)| {
                    rule.event_id.as_ref().is_none_or(|e| e == event)
                        && rule
                            .within_days
                            .is_none_or(|d| *start > now - d * DAY && *start <= now)
                })
                .count();
            n as i64 >= rule.min_count
        }
        Node::Trait(rule) => p.traits.iter().any(|(dimension, key, value)| {
            let value = value.to_ascii_lowercase();
            let wanted = rule
                .value
                .as_deref()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            *dimension == rule.dimension.to_string()
                && *key == rule.key.trim().to_lowercase()
                && match rule.op {
                    TraitOp::Exists => true,
                    TraitOp::Equals => value == wanted,
                    TraitOp::Contains => value.contains(&wanted),
                }
        }),
        Node::Campaign(rule) => p
            .activities
            .iter()
            .any(|(_, _, _, c)| match &rule.campaign_id {
                Some(id) => c.as_ref() == Some(id),
                None => c.is_some(),
            }),
    }
}

/// Values seen in the community, so random rules match someone.
pub struct Palette {
    pub text: [Vec<String>; 6],
    pub joined: Vec<i64>,
    pub tags: Vec<String>,
    pub platforms: Vec<String>,
    pub types: Vec<String>,
    pub events: Vec<String>,
    pub campaigns: Vec<String>,
    /// (dimension, key, value) of traits in use.
    pub traits: Vec<(String, String, String)>,
}

fn pick<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A random rule tree, at most `depth` groups deep below this one.
pub fn random_group(rng: &mut impl Rng, palette: &Palette, now: i64, depth: u32) -> Group {
    let n = rng.random_range(1..=3);
    Group {
        op: if rng.random_bool(0.5) {
            GroupOp::And
        } else {
            GroupOp::Or
        },
        rules: (0..n)
            .map(|_| {
                if depth > 0 && rng.random_bool(0.25) {
                    Node::Group(random_group(rng, palette, now, depth - 1))
                } else {
                    random_rule(rng, palette, now)
                }
            })
            .collect(),
    }
}

fn random_date(rng: &mut impl Rng, palette: &Palette) -> Operand {
    let at = *pick(rng, &palette.joined);
    if rng.random_bool(0.5) {
        Operand::Number(at)
    } else {
        let day = chrono::DateTime::from_timestamp_millis(at).expect("a date");
        Operand::Text(day.date_naive().to_string())
    }
}

fn random_field(rng: &mut impl Rng, palette: &Palette) -> FieldRule {
    use FieldOp::*;
    let fields = [
        MemberField::DisplayName,
        MemberField::Email,
        MemberField::Country,
        MemberField::City,
        MemberField::Locale,
        MemberField::Source,
        MemberField::BirthYear,
        MemberField::JoinedAt,
    ];
    let field = *pick(rng, &fields);
    let slot = fields.iter().position(|f| *f == field).expect("listed");
    let (op, value, value2) = if slot < 6 {
        let op = *pick(
            rng,
            &[Equals, NotEquals, Contains, StartsWith, IsEmpty, IsNotEmpty],
        );
        let seen = pick(rng, &palette.text[slot]).clone();
        let text = match op {
            Contains => seen.chars().skip(1).take(3).collect(),
            StartsWith => seen.chars().take(2).collect(),
            _ => seen,
        };
        (op, Some(Operand::Text(text)), None)
    } else {
        let op = *pick(rng, &[Equals, NotEquals, Lt, Lte, Gt, Gte, Between]);
        let mut values = if slot == 6 {
            let a = rng.random_range(1960..2008);
            [
                Operand::Number(a),
                Operand::Number(a + rng.random_range(0..15)),
            ]
        } else {
            [random_date(rng, palette), random_date(rng, palette)]
        };
        if span(&values[0]).0 > span(&values[1]).0 {
            values.swap(0, 1);
        }
        let [low, high] = values;
        (op, Some(low), (op == Between).then_some(high))
    };
    FieldRule {
        field,
        op,
        value,
        value2,
    }
}

fn some(rng: &mut impl Rng) -> bool {
    rng.random_bool(0.5)
}

fn random_rule(rng: &mut impl Rng, palette: &Palette, now: i64) -> Node {
    match rng.random_range(0..10) {
        0 | 1 => Node::Field(random_field(rng, palette)),
        2 => Node::Tag(TagRule {
            op: if some(rng) { TagOp::Has } else { TagOp::HasNot },
            name: pick(rng, &palette.tags).clone(),
        }),
        3 => Node::Platform(PlatformRule {
            platform: some(rng).then(|| pick(rng, &palette.platforms).clone()),
            min_followers: some(rng).then(|| *pick(rng, &[0, 300, 2_000, 20_000])),
            min_tier: some(rng).then(|| *pick(rng, &[InfluencerTier::Nano, InfluencerTier::Micro])),
        }),
        4 => Node::Level(LevelRule {
            op: *pick(rng, &[CompareOp::Eq, CompareOp::Gte, CompareOp::Lte]),
            rank: rng.random_range(1..=5),
        }),
        5 => Node::Score(ScoreRule {
            op: *pick(rng, &[CompareOp::Gte, CompareOp::Lte]),
            value: *pick(rng, &[0.0, 1.5, 5.0, 20.0, 60.0]),
        }),
        6 => {
            let window = rng.random_range(0..3);
            let (from, to) = if window == 2 {
                let a = now - rng.random_range(30..500) * DAY;
                let b = a + rng.random_range(0..200) * DAY;
                let date = |ms: i64| {
                    let d = chrono::DateTime::from_timestamp_millis(ms).expect("a date");
                    Operand::Text(d.date_naive().to_string())
                };
                (Some(date(a)), some(rng).then(|| date(b)))
            } else {
                (None, None)
            };
            Node::Activity(ActivityRule {
                activity_type: some(rng).then(|| pick(rng, &palette.types).clone()),
                min_count: rng.random_range(1..6),
                within_days: (window == 1).then(|| rng.random_range(7..400)),
                from,
                to,
                platform: some(rng).then(|| pick(rng, &palette.platforms).clone()),
            })
        }
        7 => Node::EventAttendance(AttendanceRule {
            min_count: rng.random_range(1..4),
            event_id: rng
                .random_bool(0.3)
                .then(|| pick(rng, &palette.events).clone()),
            within_days: some(rng).then(|| rng.random_range(30..500)),
        }),
        8 => {
            let (dimension, key, value) = pick(rng, &palette.traits).clone();
            let op = *pick(rng, &[TraitOp::Equals, TraitOp::Contains, TraitOp::Exists]);
            let value = match op {
                // Upper case and a fragment, so the case-insensitive match is exercised.
                TraitOp::Equals => Some(value.to_uppercase()),
                TraitOp::Contains => Some(value.chars().skip(1).take(3).collect()),
                TraitOp::Exists => None,
            };
            Node::Trait(TraitRule {
                dimension: TraitDimension::parse(&dimension).expect("a stored dimension"),
                key,
                op,
                value,
            })
        }
        _ => Node::Campaign(CampaignRule {
            campaign_id: some(rng).then(|| pick(rng, &palette.campaigns).clone()),
        }),
    }
}
