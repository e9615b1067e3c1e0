//! Property: for random pairs of members with overlapping handles, tags, traits and events, a merge
//! followed by its undo restores every row of every merged table exactly, and both writes log
//! every cell they changed.

use proptest::prelude::*;

use super::*;

const PLATFORMS: [&str; 2] = ["x", "discord"];
const HANDLES: [&str; 3] = ["taro", "hanako", "ken"];
const TAGS: [&str; 4] = ["barista", "speaker", "regular", "volunteer"];
/// (dimension, key, value); a record may write the value capitalised, a duplicate all the same.
const TRAITS: [(&str, &str, &str); 4] = [
    ("psychographic", "interest", "espresso"),
    ("psychographic", "interest", "pour-over"),
    ("technology", "device", "iphone"),
    ("behaviour", "purchase_frequency", "weekly"),
];
const KINDS: [&str; 4] = ["post", "comment", "review", "answer"];
const STATUSES: [RegistrationStatus; 5] = [
    RegistrationStatus::Going,
    RegistrationStatus::Waitlist,
    RegistrationStatus::Cancelled,
    RegistrationStatus::Attended,
    RegistrationStatus::NoShow,
];
const EVENTS: usize = 3;

/// One random member record.
#[derive(Debug, Clone)]
struct Record {
    email: Option<u8>,
    city: Option<u8>,
    birth_year: Option<i32>,
    joined_days_ago: i64,
    identities: Vec<(usize, usize, Option<i64>)>,
    tags: Vec<usize>,
    /// Trait index and whether its value is capitalised.
    traits: Vec<(usize, bool)>,
    activities: Vec<(usize, i64)>,
    /// Status per event, if registered.
    registrations: Vec<Option<usize>>,
}

fn record() -> impl Strategy<Value = Record> {
    (
        proptest::option::of(0u8..2),
        proptest::option::of(0u8..3),
        proptest::option::of(1960i32..2005),
        0i64..900,
        proptest::collection::vec(
            (
                0..PLATFORMS.len(),
                0..HANDLES.len(),
                proptest::option::of(0i64..5_000),
            ),
            0..4,
        ),
        proptest::collection::btree_set(0..TAGS.len(), 0..4),
        proptest::collection::btree_map(0..TRAITS.len(), any::<bool>(), 0..4),
        proptest::collection::vec((0..KINDS.len(), 0i64..400), 0..5),
        proptest::collection::vec(proptest::option::of(0..STATUSES.len()), EVENTS),
    )
        .prop_map(
            |(
                email,
                city,
                birth_year,
                joined_days_ago,
                identities,
                tags,
                traits,
                activities,
                registrations,
            )| Record {
                email,
                city,
                birth_year,
                joined_days_ago,
                identities,
                tags: tags.into_iter().collect(),
                traits: traits.into_iter().collect(),
                activities,
                registrations,
            },
        )
}

fn fields() -> impl Strategy<Value = FieldChoices> {
    proptest::collection::vec(0..3u8, MemberField::ALL.len()).prop_map(|picks| {
        let mut choices = FieldChoices::default();
        for (field, pick) in MemberField::ALL.into_iter().zip(picks) {
            match pick {
                1 => choices.take.push(field),
                2 => choices.keep.push(field),
                _ => {}
            }
        }
        choices
    })
}

fn add(store: &mut Store, name: &str, r: &Record, events: &[EventId]) -> MemberId {
    let member = add_member(
        store,
        &NewMember {
            email: r.email.map(|e| format!("person{e}@example.jp")),
            city: r
                .city
                .map(|c| ["Tokyo", "Osaka", "Fukuoka"][usize::from(c)].to_owned()),
            birth_year: r.birth_year,
            joined_at: Some(days_ago(r.joined_days_ago)),
            identities: r
                .identities
                .iter()
                .map(|&(p, h, f)| identity(PLATFORMS[p], HANDLES[h], f))
                .collect(),
            tags: r.tags.iter().map(|&t| TAGS[t].to_owned()).collect(),
            ..named(name)
        },
    );
    for &(n, capitalised) in &r.traits {
        let (dimension, key, value) = TRAITS[n];
        let value = if capitalised {
            value[..1].to_uppercase() + &value[1..]
        } else {
            value.to_owned()
        };
        store
            .write(|w| add_trait(w, &member, dimension, key, &value))
            .expect("add a trait");
    }
    for &(kind, days) in &r.activities {
        log(store, &activity(&member, KINDS[kind], days_ago(days)));
    }
    for (event, status) in events.iter().zip(&r.registrations) {
        if let Some(status) = status {
            registered(store, event, &member, STATUSES[*status]);
        }
    }
    member
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn merge_then_undo_restores_every_row_exactly(
        kept in record(),
        merged in record(),
        bystander in record(),
        choices in fields(),
    ) {
        let (_dir, mut store) = new_store();
        let events: Vec<EventId> = (0..EVENTS)
            .map(|i| add_event(&mut store, &event(&format!("Meetup {i}"), days_ago(30 - i as i64), EventStatus::Done)))
            .collect();
        let k = add(&mut store, "山田 太郎", &kept, &events);
        let m = add(&mut store, "Taro Yamada", &merged, &events);
        add(&mut store, "佐藤 花子", &bystander, &events);
        let before = dump(&store);
        let since = mark(&store);

        let id = merge(&mut store, &k, &m, &choices);
        let after_merge = dump(&store);
        assert_diff_logged(&store, since, &before, &after_merge);
        let live: Vec<String> = ["identities", "member_tags", "member_traits", "activities", "registrations"]
            .iter()
            .map(|t| format!("SELECT count(*) FROM {t} WHERE member_id = '{m}'"))
            .collect();
        for sql in &live {
            prop_assert_eq!(count(store.conn(), sql), 0);
        }
        let tagged_twice = count(store.conn(), &format!(
            "SELECT count(*) FROM (SELECT tag_id FROM member_tags WHERE member_id = '{k}' GROUP BY tag_id HAVING count(*) > 1)"));
        prop_assert_eq!(tagged_twice, 0);
        let trait_twice = count(store.conn(), &format!(
            "SELECT count(*) FROM (SELECT 1 FROM member_traits WHERE member_id = '{k}' GROUP BY dimension, key, lower(value) HAVING count(*) > 1)"));
        prop_assert_eq!(trait_twice, 0);

        let since = mark(&store);
        undo(&mut store, &id);
        let restored = dump(&store);
        assert_diff_logged(&store, since, &after_merge, &restored);
        prop_assert_eq!(restored, before);
    }
}
