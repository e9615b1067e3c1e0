//! The Members screen: paging in reading order, search that folds kana, width and case, and
//! the member 360 detail.

mod common;

use chrono::Duration;
use common::{
    activity, add_event, add_member, days_ago, event, identity, log, named, new_store, now, now_ms,
    person,
};
use kizuna_core::activities::NewActivity;
use kizuna_core::events::EventStatus;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{InfluencerTier, NewMember, list_members, member_detail};
use kizuna_core::store::SyncedTable;
use kizuna_core::{CoreError, Store};
use rusqlite::types::Value;

/// (display name, reading) — inserted in this scrambled order.
const PEOPLE: &[(&str, Option<&str>)] = &[
    ("渡辺 翔太", Some("ワタナベ ショウタ")),
    ("Olivia Smith", None),
    ("阿部 結衣", Some("アベ ユイ")),
    ("中村 蓮", Some("ナカムラ レン")),
    ("井上 葵", Some("いのうえ あおい")),
    ("Emma Brown", None),
    ("木村 誠", Some("キムラ マコト")),
    ("佐藤 花子", Some("サトウ ハナコ")),
    ("山田 太郎", Some("ヤマダ タロウ")),
    ("伊藤 陸", Some("イトウ リク")),
    ("Liam Wilson", None),
    ("高橋 直樹", Some("タカハシ ナオキ")),
    ("森 舞", Some("モリ マイ")),
    ("小川 彩", Some("オガワ アヤ")),
    ("加藤 健太", Some("カトウ ケンタ")),
    ("Noah Garcia", None),
    ("田中 美咲", Some("タナカ ミサキ")),
    ("遠藤 亮", Some("エンドウ リョウ")),
    ("清水 七海", Some("シミズ ナナミ")),
    ("橋本 湊", Some("ハシモト ミナト")),
    ("山口 芽依", Some("ヤマグチ メイ")),
    ("福田 千尋", Some("フクダ チヒロ")),
    ("Ava Lee", None),
];

/// The same people in the order a Japanese reader expects: Latin names, then gojūon order.
const READING_ORDER: &[&str] = &[
    "Ava Lee",
    "Emma Brown",
    "Liam Wilson",
    "Noah Garcia",
    "Olivia Smith",
    "阿部 結衣",
    "伊藤 陸",
    "井上 葵",
    "遠藤 亮",
    "小川 彩",
    "加藤 健太",
    "木村 誠",
    "佐藤 花子",
    "清水 七海",
    "高橋 直樹",
    "田中 美咲",
    "中村 蓮",
    "橋本 湊",
    "福田 千尋",
    "森 舞",
    "山口 芽依",
    "山田 太郎",
    "渡辺 翔太",
];

fn community() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = new_store();
    for (name, reading) in PEOPLE {
        add_member(
            &mut store,
            &NewMember {
                name_reading: reading.map(str::to_owned),
                ..named(name)
            },
        );
    }
    (dir, store)
}

fn names(store: &Store, search: &str) -> Vec<String> {
    let page = list_members(store.conn(), search, 0, 100).expect("list members");
    assert_eq!(
        page.total as usize,
        page.rows.len(),
        "one page holds every match"
    );
    page.rows.into_iter().map(|r| r.display_name).collect()
}

#[test]
fn the_members_list_pages_through_everyone_in_reading_order() {
    let (_dir, store) = community();
    let mut paged = Vec::new();
    for offset in [0, 10, 20] {
        let page = list_members(store.conn(), "", offset, 10).expect("page");
        assert_eq!(page.total, 23);
        assert_eq!(page.offset, offset);
        assert_eq!(page.rows.len(), if offset == 20 { 3 } else { 10 });
        paged.extend(page.rows);
    }
    let shown: Vec<&str> = paged.iter().map(|r| r.display_name.as_str()).collect();
    assert_eq!(shown, READING_ORDER);
    let mut ids: Vec<&str> = paged.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 23, "no member shows up on two pages");
    let past_the_end = list_members(store.conn(), "", 30, 10).expect("page");
    assert_eq!((past_the_end.total, past_the_end.rows.len()), (23, 0));
}

#[test]
fn reading_the_list_twice_gives_the_same_order_even_for_equal_names() {
    let (_dir, mut store) = new_store();
    for _ in 0..6 {
        add_member(
            &mut store,
            &person("佐藤 花子", Some("サトウ ハナコ"), "hanako@example.jp"),
        );
    }
    let first = list_members(store.conn(), "", 0, 3).expect("page");
    let second = list_members(store.conn(), "", 3, 3).expect("page");
    let again = list_members(store.conn(), "", 0, 6).expect("page");
    let paged: Vec<String> = first
        .rows
        .iter()
        .chain(&second.rows)
        .map(|r| r.id.clone())
        .collect();
    let whole: Vec<String> = again.rows.iter().map(|r| r.id.clone()).collect();
    assert_eq!(paged, whole);
}

#[test]
fn searching_by_kanji_finds_the_name() {
    let (_dir, store) = community();
    assert_eq!(names(&store, "山"), ["山口 芽依", "山田 太郎"]);
    assert_eq!(names(&store, " 山田 "), ["山田 太郎"]);
    assert_eq!(names(&store, "山田 太郎"), ["山田 太郎"]);
}

#[test]
fn a_reading_typed_in_hiragana_or_half_width_finds_katakana() {
    let (_dir, store) = community();
    assert_eq!(names(&store, "やまだ"), ["山田 太郎"]);
    assert_eq!(names(&store, "ﾔﾏﾀﾞ"), ["山田 太郎"]);
    assert_eq!(names(&store, "ヤマ"), ["山口 芽依", "山田 太郎"]);
    // A reading stored in hiragana is found by katakana too.
    assert_eq!(names(&store, "イノウエ"), ["井上 葵"]);
}

#[test]
fn searching_by_email_or_handle_ignores_case_and_width() {
    let (_dir, mut store) = new_store();
    add_member(
        &mut store,
        &NewMember {
            identities: vec![identity("instagram", "Taro_Roasts", Some(420))],
            ..person(
                "山田 太郎",
                Some("ヤマダ タロウ"),
                "taro.yamada@hinata-coffee.jp",
            )
        },
    );
    add_member(
        &mut store,
        &person("Olivia Smith", None, "olivia@example.com"),
    );
    let yamada = add_member(&mut store, &named("山田 花子"));
    store
        .write(|w| {
            kizuna_core::members::add_identity(
                w,
                &yamada,
                &identity("discord", "hanako#7788", None),
            )
        })
        .expect("add identity");

    assert_eq!(names(&store, "hinata-coffee"), ["山田 太郎"]);
    assert_eq!(names(&store, "OLIVIA@EXAMPLE"), ["Olivia Smith"]);
    assert_eq!(names(&store, "taro_roasts"), ["山田 太郎"]);
    assert_eq!(names(&store, "ＴＡＲＯ＿ＲＯＡＳＴＳ"), ["山田 太郎"]);
    assert_eq!(
        names(&store, "hanako#77"),
        ["山田 花子"],
        "handles added later are found"
    );
    assert_eq!(names(&store, "nobody-here"), Vec::<String>::new());
}

#[test]
fn percent_and_underscore_in_a_search_are_literal() {
    let (_dir, mut store) = new_store();
    add_member(
        &mut store,
        &NewMember {
            identities: vec![identity("x", "latte_art", None)],
            ..named("Mia Clark")
        },
    );
    add_member(
        &mut store,
        &NewMember {
            identities: vec![identity("x", "latte-art", None)],
            ..named("Leo Young")
        },
    );
    add_member(&mut store, &named("100% Arabica Club"));
    add_member(&mut store, &named("100 Arabica Fans"));

    assert_eq!(names(&store, "latte_art"), ["Mia Clark"]);
    assert_eq!(names(&store, "100%"), ["100% Arabica Club"]);
    assert_eq!(names(&store, "%"), ["100% Arabica Club"]);
    assert_eq!(names(&store, "_"), ["Mia Clark"]);
}

fn soft_delete(store: &mut Store, member: &MemberId) {
    store
        .write(|w| {
            w.update(
                SyncedTable::Members,
                member.as_str(),
                &[("deleted_at", Value::Integer(now_ms()))],
            )
        })
        .expect("soft delete");
}

#[test]
fn soft_deleted_members_vanish_from_the_list_and_search_but_can_still_be_opened() {
    let (_dir, mut store) = community();
    let found = list_members(store.conn(), "山田", 0, 10).expect("search");
    let taro = MemberId::from(found.rows[0].id.as_str());
    assert!(member_detail(store.conn(), taro.as_str()).is_ok());

    soft_delete(&mut store, &taro);

    let page = list_members(store.conn(), "", 0, 100).expect("list");
    assert_eq!(page.total, 22);
    assert!(page.rows.iter().all(|r| r.id != taro.as_str()));
    assert_eq!(names(&store, "やまだ"), Vec::<String>::new());
    let opened = member_detail(store.conn(), taro.as_str()).expect("a deleted member opens");
    assert!(opened.member.deleted_at.is_some(), "marked as deleted");
}

#[test]
fn follower_counts_map_to_influencer_tiers() {
    let (_dir, mut store) = new_store();
    let member = add_member(
        &mut store,
        &NewMember {
            identities: vec![
                identity("instagram", "a", Some(999)),
                identity("x", "b", Some(1_000)),
                identity("tiktok", "c", Some(10_000)),
                identity("youtube", "d", Some(100_000)),
                identity("threads", "e", Some(1_000_000)),
                identity("discord", "f", None),
            ],
            ..named("Sofia Rossi")
        },
    );

    let detail = member_detail(store.conn(), member.as_str()).expect("detail");
    let tiers: Vec<(Option<i64>, Option<InfluencerTier>)> = detail
        .identities
        .iter()
        .map(|i| (i.followers, i.tier))
        .collect();
    assert_eq!(
        tiers,
        [
            (Some(1_000_000), Some(InfluencerTier::Macro)),
            (Some(100_000), Some(InfluencerTier::Mid)),
            (Some(10_000), Some(InfluencerTier::Micro)),
            (Some(1_000), Some(InfluencerTier::Nano)),
            (Some(999), None),
            (None, None),
        ]
    );
    let row = &list_members(store.conn(), "", 0, 10).expect("list").rows[0];
    assert_eq!(
        (row.max_followers, row.tier),
        (Some(1_000_000), Some(InfluencerTier::Macro))
    );
    assert_eq!(row.platforms.len(), 6);
}

#[test]
fn member_detail_shows_profile_tags_and_the_timeline_newest_first() {
    let (_dir, mut store) = new_store();
    let hanako = add_member(
        &mut store,
        &NewMember {
            phone: Some("090-1234-5678".to_owned()),
            joined_at: Some(days_ago(200)),
            tags: vec!["latte-art".to_owned(), "ambassador".to_owned()],
            identities: vec![identity("Instagram", "hanako_cafe", Some(4_200))],
            ..person("佐藤 花子", Some("サトウ ハナコ"), "hanako@example.jp")
        },
    );
    let other = add_member(&mut store, &named("Ava Lee"));
    let workshop = add_event(
        &mut store,
        &event("Latte Art Workshop #2", days_ago(10), EventStatus::Done),
    );
    log(&mut store, &activity(&hanako, "post", days_ago(30)));
    log(
        &mut store,
        &NewActivity {
            event: Some(workshop),
            ..activity(&hanako, "event_attended", days_ago(10))
        },
    );
    log(
        &mut store,
        &NewActivity {
            platform: Some("shop".to_owned()),
            url: Some("https://shop.example.com/r/1".to_owned()),
            ..activity(&hanako, "review", days_ago(2))
        },
    );
    log(&mut store, &activity(&other, "comment", days_ago(1)));

    let detail = member_detail(store.conn(), hanako.as_str()).expect("detail");

    assert_eq!(detail.member.display_name, "佐藤 花子");
    assert_eq!(detail.member.name_reading.as_deref(), Some("サトウ ハナコ"));
    assert_eq!(detail.member.phone.as_deref(), Some("090-1234-5678"));
    assert_eq!(detail.member.joined_at, days_ago(200));
    assert_eq!(detail.tags, ["ambassador", "latte-art"]);
    assert_eq!(detail.identities[0].platform, "instagram");
    assert_eq!(detail.identities[0].tier, Some(InfluencerTier::Nano));
    let timeline: Vec<(&str, &str, &str, Option<&str>)> = detail
        .timeline
        .iter()
        .map(|t| {
            (
                t.activity_type.as_str(),
                t.label_en.as_str(),
                t.label_ja.as_str(),
                t.event_title.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        timeline,
        [
            ("review", "Wrote a review", "レビュー投稿", None),
            (
                "event_attended",
                "Attended an event",
                "イベント参加",
                Some("Latte Art Workshop #2")
            ),
            ("post", "Posted", "投稿", None),
        ]
    );
    assert_eq!(
        detail.timeline[0].url.as_deref(),
        Some("https://shop.example.com/r/1")
    );
    assert_eq!(detail.activity_count, 3);
    let row = list_members(store.conn(), "hanako", 0, 10)
        .expect("list")
        .rows
        .remove(0);
    assert_eq!(row.last_active_at, Some(days_ago(2)));
    assert_eq!(
        row.joined_at,
        (now() - Duration::days(200)).timestamp_millis()
    );
}

#[test]
fn an_unknown_member_is_not_found() {
    let (_dir, store) = community();
    let err =
        member_detail(store.conn(), "0190b6c5-0000-7000-8000-000000000000").expect_err("unknown");
    assert!(
        matches!(err, CoreError::NotFound { what: "member", .. }),
        "{err:?}"
    );
}
