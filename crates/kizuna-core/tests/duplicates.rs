//! Duplicate suggestions: the same person entered twice is found however the name was written,
//! and different people who share a common name are left alone (the sample community's planted
//! duplicates are in duplicates_sample.rs).

mod common;

use common::{add_member, identity, named, new_store, now_ms, person};
use kizuna_core::Store;
use kizuna_core::duplicates::{
    DuplicateConflict, DuplicateReason, DuplicateSuggestion, RARE_NAME_HOLDERS,
    SHARED_IDENTIFIER_LIMIT, find_duplicates,
};
use kizuna_core::ids::MemberId;
use kizuna_core::members::NewMember;
use kizuna_core::store::SyncedTable;
use rusqlite::types::Value;

fn suggestions(store: &Store) -> Vec<DuplicateSuggestion> {
    find_duplicates(store.conn(), 1_000).expect("find duplicates")
}

/// The suggestion pairing `a` and `b`, in either order.
fn pair<'s>(
    found: &'s [DuplicateSuggestion],
    a: &MemberId,
    b: &MemberId,
) -> Option<&'s DuplicateSuggestion> {
    found.iter().find(|s| {
        let ids = [s.first.id.as_str(), s.second.id.as_str()];
        ids.contains(&a.as_str()) && ids.contains(&b.as_str())
    })
}

fn expect_pair<'s>(
    found: &'s [DuplicateSuggestion],
    a: &MemberId,
    b: &MemberId,
) -> &'s DuplicateSuggestion {
    pair(found, a, b).unwrap_or_else(|| panic!("{a} and {b} should be suggested: {found:#?}"))
}

fn with_reading(name: &str, reading: &str) -> NewMember {
    NewMember {
        name_reading: Some(reading.to_owned()),
        ..named(name)
    }
}

fn with_phone(name: &str, phone: &str) -> NewMember {
    NewMember {
        phone: Some(phone.to_owned()),
        ..named(name)
    }
}

fn on(platform: &str, handle: &str, member: NewMember) -> NewMember {
    let mut member = member;
    member.identities.push(identity(platform, handle, None));
    member
}

fn x_handle() -> DuplicateReason {
    DuplicateReason::SameHandle {
        platform: "x".to_owned(),
    }
}

#[test]
fn a_kanji_name_and_its_katakana_form_with_the_same_email_are_suggested() {
    let (_dir, mut store) = new_store();
    let kanji = add_member(
        &mut store,
        &person("山田 太郎", Some("ヤマダ タロウ"), "taro.yamada@example.jp"),
    );
    let katakana = add_member(
        &mut store,
        &person("ヤマダ タロウ", None, "Taro.Yamada@Example.JP"),
    );

    let found = suggestions(&store);

    let s = expect_pair(&found, &kanji, &katakana);
    assert_eq!(
        s.reasons,
        [DuplicateReason::SameEmail, DuplicateReason::SameNameKey]
    );
    assert!(s.conflicts.is_empty());
    assert!(s.confidence >= 0.9, "{}", s.confidence);
    assert_eq!(found.len(), 1);
}

#[test]
fn a_kanji_name_and_its_romaji_form_with_the_same_handle_are_suggested() {
    let (_dir, mut store) = new_store();
    let kanji = add_member(
        &mut store,
        &on(
            "x",
            "taro_yamada",
            person("山田 太郎", Some("やまだ たろう"), "taro.yamada@example.jp"),
        ),
    );
    let romaji = add_member(&mut store, &on("X", "@Taro_Yamada", named("Taro Yamada")));

    let found = suggestions(&store);

    let s = expect_pair(&found, &kanji, &romaji);
    assert_eq!(s.reasons, [x_handle(), DuplicateReason::SameNameKey]);
    assert!(s.confidence >= 0.85, "{}", s.confidence);
}

#[test]
fn yamada_taro_in_kanji_katakana_and_romaji_is_suggested_against_the_kanji_record() {
    let (_dir, mut store) = new_store();
    let kanji = add_member(
        &mut store,
        &on(
            "x",
            "taro_yamada",
            person("山田 太郎", Some("ヤマダ タロウ"), "taro.yamada@example.jp"),
        ),
    );
    let katakana = add_member(
        &mut store,
        &person(
            "ヤマダ タロウ",
            Some("ヤマダ タロウ"),
            "taro.yamada@example.jp",
        ),
    );
    let romaji = add_member(&mut store, &on("x", "Taro_Yamada", named("Taro Yamada")));

    let found = suggestions(&store);

    expect_pair(&found, &kanji, &katakana);
    expect_pair(&found, &kanji, &romaji);
    // Katakana ⇄ romaji shares only the name; both are already matched to the kanji record,
    // so merging both into it settles that pair too.
    assert!(pair(&found, &katakana, &romaji).is_none(), "{found:#?}");
}

#[test]
fn swapped_name_order_with_the_same_phone_in_another_format_is_suggested() {
    let (_dir, mut store) = new_store();
    let family_first = add_member(&mut store, &with_phone("山田 太郎", "090-1234-5678"));
    let given_first = add_member(&mut store, &with_phone("太郎 山田", "+81 90 1234 5678"));

    let found = suggestions(&store);

    let s = expect_pair(&found, &family_first, &given_first);
    assert_eq!(
        s.reasons,
        [DuplicateReason::SamePhone, DuplicateReason::SameNameKey]
    );
}

#[test]
fn a_household_sharing_one_phone_is_not_suggested() {
    let (_dir, mut store) = new_store();
    add_member(&mut store, &with_phone("山田 太郎", "03-1234-5678"));
    add_member(&mut store, &with_phone("山田 花子", "03-1234-5678"));

    assert!(suggestions(&store).is_empty());
}

#[test]
fn full_width_letters_match_half_width_ones() {
    let (_dir, mut store) = new_store();
    let half = add_member(&mut store, &named("Olivia Smith"));
    let full = add_member(&mut store, &named("Ｏｌｉｖｉａ　ＳＭＩＴＨ"));

    let found = suggestions(&store);

    let s = expect_pair(&found, &half, &full);
    assert_eq!(s.reasons, [DuplicateReason::SameNameKey]);
    assert!(s.confidence < 0.5, "a name alone is weak: {}", s.confidence);
}

#[test]
fn half_width_katakana_matches_a_kanji_name_by_its_reading() {
    let (_dir, mut store) = new_store();
    let kanji = add_member(&mut store, &with_reading("山田 太郎", "ヤマダ タロウ"));
    let half_width = add_member(&mut store, &named("ﾔﾏﾀﾞ ﾀﾛｳ"));

    expect_pair(&suggestions(&store), &kanji, &half_width);
}

#[test]
fn long_vowels_written_any_way_match() {
    let (_dir, mut store) = new_store();
    let satou = add_member(&mut store, &named("Yuuki Satou"));
    let macron = add_member(&mut store, &named("Satō Yūki"));
    let satoh = add_member(&mut store, &with_reading("佐藤 優希", "サトウ ユウキ"));
    let ota = add_member(&mut store, &named("Ōta Kenta"));
    let oota = add_member(&mut store, &named("Kenta Oota"));
    let ohta = add_member(&mut store, &named("OHTA Kenta"));

    let found = suggestions(&store);

    for (a, b) in [
        (&satou, &macron),
        (&satou, &satoh),
        (&macron, &satoh),
        (&ota, &oota),
        (&ota, &ohta),
        (&oota, &ohta),
    ] {
        expect_pair(&found, a, b);
    }
    assert_eq!(found.len(), 6, "{found:#?}");
}

#[test]
fn the_same_email_in_another_case_or_with_a_plus_tag_is_suggested_even_under_another_name() {
    let (_dir, mut store) = new_store();
    let olivia = add_member(
        &mut store,
        &person("Olivia Smith", None, "olivia.smith@example.com"),
    );
    let liv = add_member(
        &mut store,
        &person("Liv Smith", None, " Olivia.Smith+events@EXAMPLE.com"),
    );

    let found = suggestions(&store);

    let s = expect_pair(&found, &olivia, &liv);
    assert_eq!(s.reasons, [DuplicateReason::SameEmail]);
    assert_eq!(s.conflicts, [DuplicateConflict::DifferentName]);
    assert!(
        s.confidence < 0.9,
        "a different name lowers it: {}",
        s.confidence
    );
}

#[test]
fn the_same_handle_in_another_case_is_suggested_but_not_across_platforms() {
    let (_dir, mut store) = new_store();
    let a = add_member(
        &mut store,
        &on("instagram", "HinataLover", named("Mika Tanaka")),
    );
    let b = add_member(&mut store, &on("instagram", "@hinatalover", named("みか")));
    let c = add_member(&mut store, &on("tiktok", "hinatalover", named("Hina")));

    let found = suggestions(&store);

    let s = expect_pair(&found, &a, &b);
    assert_eq!(
        s.reasons,
        [DuplicateReason::SameHandle {
            platform: "instagram".to_owned()
        }]
    );
    assert!(pair(&found, &a, &c).is_none() && pair(&found, &b, &c).is_none());
}

#[test]
fn namesakes_with_different_emails_and_handles_are_never_suggested() {
    let (_dir, mut store) = new_store();
    add_member(
        &mut store,
        &on(
            "x",
            "yui_sato",
            person("佐藤 結衣", Some("サトウ ユイ"), "yui.sato@example.jp"),
        ),
    );
    add_member(
        &mut store,
        &on(
            "x",
            "yuisato_tokyo",
            person("佐藤 結衣", Some("サトウ ユイ"), "yui.sato7@example.jp"),
        ),
    );
    add_member(
        &mut store,
        &on(
            "x",
            "sato_yui_osaka",
            person("Yui Sato", None, "ysato@example.com"),
        ),
    );

    assert!(suggestions(&store).is_empty(), "{:#?}", suggestions(&store));
}

#[test]
fn a_name_alone_is_not_suggested_when_anything_contradicts_it() {
    let (_dir, mut store) = new_store();
    add_member(
        &mut store,
        &NewMember {
            birth_year: Some(1990),
            ..with_reading("佐藤 結衣", "サトウ ユイ")
        },
    );
    add_member(
        &mut store,
        &NewMember {
            birth_year: Some(1975),
            ..named("Yui Sato")
        },
    );
    add_member(&mut store, &on("x", "kenta_1", named("Kenta Mori")));
    add_member(&mut store, &on("x", "kenta_2", named("Mori Kenta")));

    assert!(suggestions(&store).is_empty(), "{:#?}", suggestions(&store));
}

#[test]
fn a_name_shared_by_many_members_is_too_common_to_suggest_alone() {
    let (_dir, mut store) = new_store();
    for _ in 0..=RARE_NAME_HOLDERS {
        add_member(&mut store, &with_reading("佐藤 結衣", "サトウ ユイ"));
    }

    assert!(suggestions(&store).is_empty());
}

#[test]
fn an_address_shared_by_many_members_is_a_role_address_and_suggests_nothing() {
    let (_dir, mut store) = new_store();
    for n in 0..=SHARED_IDENTIFIER_LIMIT {
        add_member(
            &mut store,
            &person(&format!("Staff {n}"), None, "info@example.com"),
        );
    }

    assert!(suggestions(&store).is_empty());
}

#[test]
fn deleted_members_are_ignored() {
    let (_dir, mut store) = new_store();
    let kept = add_member(
        &mut store,
        &on("x", "taro", person("山田 太郎", None, "taro@example.jp")),
    );
    let deleted = add_member(
        &mut store,
        &on("x", "taro", person("山田 太郎", None, "taro@example.jp")),
    );
    assert_eq!(suggestions(&store).len(), 1);

    store
        .write(|w| {
            w.update(
                SyncedTable::Members,
                deleted.as_str(),
                &[("deleted_at", Value::Integer(now_ms()))],
            )
        })
        .expect("soft-delete");

    assert!(suggestions(&store).is_empty(), "{kept} has no live twin");
}

#[test]
fn a_member_is_never_paired_with_itself_and_each_pair_appears_once() {
    let (_dir, mut store) = new_store();
    let everything = |email: &str| NewMember {
        phone: Some("090-1111-2222".to_owned()),
        identities: vec![
            identity("x", "taro", None),
            identity("x", "@TARO", None),
            identity("instagram", "taro", None),
        ],
        ..person("山田 太郎", Some("ヤマダ タロウ"), email)
    };
    let a = add_member(&mut store, &everything("taro@example.jp"));
    let b = add_member(&mut store, &everything("TARO@example.jp"));

    let found = suggestions(&store);

    assert_eq!(found.len(), 1, "{found:#?}");
    let s = expect_pair(&found, &a, &b);
    assert_ne!(s.first.id, s.second.id);
    assert_eq!(s.first.id, a.as_str(), "the older record comes first");
    assert_eq!(
        s.reasons,
        [
            DuplicateReason::SameEmail,
            DuplicateReason::SameHandle {
                platform: "instagram".to_owned()
            },
            x_handle(),
            DuplicateReason::SamePhone,
            DuplicateReason::SameNameKey,
        ]
    );
    assert_eq!(s.confidence, 1.0);
}

#[test]
fn suggestions_come_most_confident_first_and_stop_at_the_limit() {
    let (_dir, mut store) = new_store();
    add_member(&mut store, &named("Grace Kim"));
    add_member(&mut store, &named("Kim Grace"));
    add_member(&mut store, &person("Noah Lee", None, "noah@example.com"));
    add_member(&mut store, &person("Noah Lee", None, "NOAH@example.com"));
    add_member(&mut store, &with_phone("Ava Chen", "+1 206 555 0142"));
    add_member(&mut store, &with_phone("Chen Ava", "+1-206-555-0142"));

    let found = suggestions(&store);
    let names: Vec<&str> = found
        .iter()
        .map(|s| s.first.display_name.as_str())
        .collect();
    assert_eq!(names, ["Noah Lee", "Ava Chen", "Grace Kim"]);
    assert!(found.windows(2).all(|w| w[0].confidence >= w[1].confidence));

    let top = find_duplicates(store.conn(), 1).expect("find");
    assert_eq!(top, found[..1]);
    assert!(find_duplicates(store.conn(), 0).expect("find").is_empty());
}

#[test]
fn suggestions_serialise_for_the_ui_in_camel_case_with_tagged_reasons() {
    let (_dir, mut store) = new_store();
    add_member(&mut store, &on("x", "taro", named("山田 太郎")));
    add_member(&mut store, &on("x", "taro", named("太郎 山田")));

    let json = serde_json::to_value(&suggestions(&store)[0]).expect("serialise");

    assert_eq!(json["first"]["displayName"], "山田 太郎");
    assert_eq!(
        json["reasons"],
        serde_json::json!([{ "kind": "sameHandle", "platform": "x" }, { "kind": "sameNameKey" }])
    );
    assert!(json["confidence"].is_f64() && json["conflicts"].is_array());
    let ts = <DuplicateReason as ts_rs::TS>::decl(&ts_rs::Config::new());
    assert!(
        ts.contains(r#""kind": "sameHandle", platform: string"#),
        "{ts}"
    );
}
