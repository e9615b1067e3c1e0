//! Member search through the trigram index finds exactly what a scan of the folded search text
//! finds — for names, kana in any width, emails and handles with wildcard characters — and
//! follows edits, deletions and erasure.

mod common;

use common::{add_member, identity, new_store, person};
use kizuna_core::Store;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{
    MemberPatch, NewMember, delete_member, erase_member, list_members, update_member,
};
use kizuna_core::search_text::fold;

fn people(store: &mut Store) -> Vec<MemberId> {
    let rows: [(&str, Option<&str>, &str, &str); 6] = [
        (
            "山田 太郎",
            Some("ヤマダ タロウ"),
            "taro@example.jp",
            "yamataro",
        ),
        (
            "山田 花子",
            Some("やまだ はなこ"),
            "hanako.y@example.jp",
            "hana_y",
        ),
        ("Taro Yamada", None, "t.yamada@example.com", "taro*y"),
        ("佐藤 健", Some("ｻﾄｳ ｹﾝ"), "ken_sato@example.jp", "ken?sato"),
        ("Emma Wilson", None, "emma@example.com", "emma[w]"),
        ("100% Coffee Fan", None, "fan@example.com", "coffee_100"),
    ];
    rows.iter()
        .map(|(name, reading, email, handle)| {
            add_member(
                store,
                &NewMember {
                    identities: vec![identity("x", handle, None)],
                    ..person(name, *reading, email)
                },
            )
        })
        .collect()
}

/// Live members whose folded search text contains the folded query: the slow, obvious answer.
fn scanned(store: &Store, query: &str) -> u32 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM members WHERE deleted_at IS NULL AND instr(search_text, ?1) > 0",
            [fold(query.trim())],
            |r| r.get(0),
        )
        .expect("scan")
}

fn found(store: &Store, query: &str) -> u32 {
    list_members(store.conn(), query, 0, 50)
        .expect("search")
        .total
}

#[test]
fn the_index_finds_exactly_what_a_scan_finds() {
    let (_dir, mut store) = new_store();
    people(&mut store);
    for query in [
        "山田",
        "山田 太",
        "ヤマダ",
        "やまだ",
        "ﾔﾏﾀﾞ",
        "ＴＡＲＯ",
        "taro",
        "example.jp",
        "hana_y",
        "taro*y",
        "ken?sato",
        "emma[w]",
        "100%",
        "coffee_1",
        "@example",
        "さとう けん",
        "zzz",
        "ro*",
        "[w]",
    ] {
        let expected = scanned(&store, query);
        assert_eq!(found(&store, query), expected, "search for {query:?}");
    }
    assert_eq!(
        found(&store, "ヤマダ"),
        2,
        "katakana finds both Yamadas by reading"
    );
    assert_eq!(found(&store, "taro*y"), 1, "a star in a handle is literal");
}

#[test]
fn the_index_follows_edits_deletions_and_erasure() {
    let (_dir, mut store) = new_store();
    let ids = people(&mut store);
    let patch = MemberPatch {
        display_name: Some("Kenji Mori".to_owned()),
        ..MemberPatch::default()
    };
    store
        .write(|w| update_member(w, &ids[3], &patch))
        .expect("rename");
    assert_eq!(found(&store, "kenji mori"), 1);
    assert_eq!(
        found(&store, "佐藤 健"),
        0,
        "the old name is gone from the index"
    );

    store.write(|w| delete_member(w, &ids[4])).expect("delete");
    assert_eq!(found(&store, "emma"), 0, "deleted members are not found");

    store.write(|w| erase_member(w, &ids[0])).expect("erase");
    assert_eq!(found(&store, "yamataro"), 0);
    assert_eq!(found(&store, "山田"), 1, "only 花子 is left");
    // FTS5 compares the index with the members table and fails on any difference.
    store
        .conn()
        .execute(
            "INSERT INTO members_search (members_search, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("the index agrees with the members table");
}
