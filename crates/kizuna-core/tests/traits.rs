//! Member traits: adding with specific errors and nothing half-saved, the member 360 and the
//! picker catalogue, removal, and traits through export, erase, merge and undo, and the sample.

mod common;

use common::change_log::last_seq;
use common::{add_member, count, named, new_store, person, temp_path};
use kizuna_core::ids::MemberId;
use kizuna_core::members::{
    TraitDimension, add_trait, delete_member, erase_member, export_member, member_detail,
    member_traits, remove_trait, trait_catalogue,
};
use kizuna_core::merge::{FieldChoices, merge_members, merge_preview, undo_merge};
use kizuna_core::sample::{SampleSpec, generate};
use kizuna_core::{CoreError, Store};

fn add(store: &mut Store, member: &MemberId, dimension: &str, key: &str, value: &str) -> String {
    store
        .write(|w| add_trait(w, member, dimension, key, value))
        .expect("add a trait")
        .id
}

fn refused(
    store: &mut Store,
    member: &MemberId,
    dimension: &str,
    key: &str,
    value: &str,
) -> String {
    let before = last_seq(store);
    let result = store.write(|w| add_trait(w, member, dimension, key, value));
    assert_eq!(
        last_seq(store),
        before,
        "nothing is written for a refused trait"
    );
    match result {
        Err(CoreError::InvalidInput(message)) => message.to_string(),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn shown(store: &Store, member: &MemberId) -> Vec<String> {
    member_traits(store.conn(), member.as_str())
        .expect("read traits")
        .into_iter()
        .map(|t| format!("{} {}: {}", t.dimension, t.key, t.value))
        .collect()
}

#[test]
fn bad_traits_are_refused_with_a_specific_message_and_nothing_saved() {
    let (_dir, mut store) = new_store();
    let hana = add_member(&mut store, &named("佐藤 花子"));
    add(&mut store, &hana, "psychographic", "interest", "Espresso");

    let cases = [
        (
            "hobbies",
            "interest",
            "espresso",
            "\"hobbies\" is not a trait dimension",
        ),
        ("technology", "  ", "iPhone", "a trait needs a key"),
        ("technology", "device", " ", "a trait needs a value"),
        (
            "technology",
            &"k".repeat(41),
            "x",
            "at most 40 characters (got 41)",
        ),
        (
            "technology",
            "device",
            &"v".repeat(101),
            "at most 100 characters (got 101)",
        ),
        (
            "psychographic",
            "Interest",
            " espresso ",
            "already has the psychographic trait interest: Espresso",
        ),
    ];
    for (dimension, key, value, expected) in cases {
        let message = refused(&mut store, &hana, dimension, key, value);
        assert!(
            message.contains(expected),
            "{message:?} should say {expected:?}"
        );
    }
    assert_eq!(shown(&store, &hana), ["psychographic interest: Espresso"]);
}

#[test]
fn traits_show_on_the_member_by_dimension_and_come_off_again() {
    let (_dir, mut store) = new_store();
    let hana = add_member(&mut store, &named("佐藤 花子"));
    add(
        &mut store,
        &hana,
        "behaviour",
        "purchase_frequency",
        "weekly buyer",
    );
    add(&mut store, &hana, "Technology", " Device ", " iPhone ");
    let latte = add(&mut store, &hana, "psychographic", "interest", "latte art");
    add(&mut store, &hana, "psychographic", "interest", "espresso");
    add(&mut store, &hana, "demographic", "occupation", "designer");

    let detail = member_detail(store.conn(), hana.as_str()).expect("detail");
    let order: Vec<(TraitDimension, &str, &str)> = detail
        .traits
        .iter()
        .map(|t| (t.dimension, t.key.as_str(), t.value.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (TraitDimension::Demographic, "occupation", "designer"),
            (TraitDimension::Psychographic, "interest", "espresso"),
            (TraitDimension::Psychographic, "interest", "latte art"),
            (TraitDimension::Technology, "device", "iPhone"),
            (
                TraitDimension::Behaviour,
                "purchase_frequency",
                "weekly buyer"
            ),
        ]
    );

    store.write(|w| remove_trait(w, &latte)).expect("remove");
    assert!(!shown(&store, &hana).contains(&"psychographic interest: latte art".to_owned()));
    let again = store.write(|w| remove_trait(w, &latte));
    assert!(
        matches!(again, Err(CoreError::NotFound { what: "trait", .. })),
        "{again:?}"
    );
    let audited = count(
        store.conn(),
        &format!(
            "SELECT count(*) FROM audit_log WHERE subject = '{hana}' AND action IN \
             ('member.trait_add', 'member.trait_remove') AND instr(details, 'latte') = 0"
        ),
    );
    assert_eq!(audited, 6, "five adds and one removal, without the value");
}

#[test]
fn the_catalogue_counts_live_members_per_trait_for_the_pickers() {
    let (_dir, mut store) = new_store();
    let a = add_member(&mut store, &named("A"));
    let b = add_member(&mut store, &named("B"));
    let gone = add_member(&mut store, &named("Gone"));
    for m in [&a, &b, &gone] {
        add(&mut store, m, "technology", "app", "LINE");
    }
    add(&mut store, &a, "technology", "app", "Instagram");
    add(&mut store, &gone, "demographic", "occupation", "nurse");
    store.write(|w| delete_member(w, &gone)).expect("delete");
    let adding_to_deleted = store.write(|w| add_trait(w, &gone, "technology", "app", "X"));
    assert!(matches!(adding_to_deleted, Err(CoreError::NotFound { .. })));

    let catalogue: Vec<(String, u32)> = trait_catalogue(store.conn())
        .expect("catalogue")
        .into_iter()
        .map(|t| (format!("{} {}: {}", t.dimension, t.key, t.value), t.members))
        .collect();
    assert_eq!(
        catalogue,
        [
            ("technology app: LINE".to_owned(), 2),
            ("technology app: Instagram".to_owned(), 1),
        ]
    );
}

#[test]
fn export_holds_traits_and_erase_removes_them_and_their_change_log_values() {
    let (_dir, mut store) = new_store();
    let taro = add_member(&mut store, &person("山田 太郎", None, "taro@example.jp"));
    let hana = add_member(&mut store, &named("佐藤 花子"));
    add(
        &mut store,
        &taro,
        "psychographic",
        "interest",
        "kyoto-kissaten-crawl",
    );
    let dropped = add(
        &mut store,
        &taro,
        "demographic",
        "occupation",
        "taxidermist",
    );
    store.write(|w| remove_trait(w, &dropped)).expect("remove");
    add(
        &mut store,
        &hana,
        "psychographic",
        "interest",
        "kyoto-kissaten-crawl",
    );

    let export = export_member(store.conn(), taro.as_str()).expect("export");
    let traits = export["traits"].as_array().expect("a traits list");
    assert_eq!(traits.len(), 1);
    assert_eq!(traits[0]["value"], "kyoto-kissaten-crawl");
    assert_eq!(traits[0]["dimension"], "psychographic");

    let report = store.write(|w| erase_member(w, &taro)).expect("erase");
    assert_eq!(report.traits, 1);
    let of_taro = |sql: &str| count(store.conn(), &sql.replace("{taro}", taro.as_str()));
    assert_eq!(
        of_taro("SELECT count(*) FROM member_traits WHERE member_id = '{taro}'"),
        0
    );
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM change_log WHERE val = 'taxidermist'"
        ),
        0,
        "a trait removed before the erasure is scrubbed too"
    );
    // Hanako's identical trait is hers and stays, in the table and in the log.
    assert_eq!(
        shown(&store, &hana),
        ["psychographic interest: kyoto-kissaten-crawl"]
    );
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM change_log WHERE val = 'kyoto-kissaten-crawl'"
        ),
        1
    );
}

#[test]
fn a_merge_moves_traits_drops_duplicates_and_undo_gives_them_back() {
    let (_dir, mut store) = new_store();
    let kept = add_member(&mut store, &named("山田 太郎"));
    let merged = add_member(&mut store, &named("Taro Yamada"));
    add(&mut store, &kept, "psychographic", "interest", "espresso");
    add(&mut store, &merged, "psychographic", "interest", "ESPRESSO");
    add(&mut store, &merged, "technology", "device", "Android");
    let before_kept = shown(&store, &kept);
    let before_merged = shown(&store, &merged);
    let preview = merge_preview(store.conn(), kept.as_str(), merged.as_str()).expect("preview");
    assert_eq!(
        (preview.moves.traits, preview.moves.duplicate_traits),
        (1, 1),
        "the preview says Android moves and espresso is kept once"
    );

    let id = store
        .write(|w| merge_members(w, &kept, &merged, &FieldChoices::default()))
        .expect("merge");
    assert_eq!(
        shown(&store, &kept),
        [
            "psychographic interest: espresso",
            "technology device: Android"
        ]
    );
    assert!(shown(&store, &merged).is_empty());

    store.write(|w| undo_merge(w, &id)).expect("undo");
    assert_eq!(shown(&store, &kept), before_kept);
    assert_eq!(shown(&store, &merged), before_merged);
}

#[test]
fn the_sample_community_has_plausible_traits_in_all_four_dimensions() {
    let (_dir, path) = temp_path();
    let mut store = common::open(&path);
    let report = generate(&mut store, &SampleSpec::with_members(300)).expect("sample");
    assert!(report.traits > 300, "{} traits", report.traits);
    let catalogue = trait_catalogue(store.conn()).expect("catalogue");
    for dimension in TraitDimension::ALL {
        assert!(
            catalogue.iter().any(|t| t.dimension == dimension),
            "{dimension}"
        );
    }
    let has = |key: &str, value: &str| {
        catalogue
            .iter()
            .any(|t| t.key == key && t.value == value && t.members > 3)
    };
    assert!(has("interest", "espresso") && has("device", "iPhone") && has("app", "LINE"));
    let members_with_traits = count(
        store.conn(),
        "SELECT count(DISTINCT member_id) FROM member_traits",
    );
    assert!(
        (150..300).contains(&members_with_traits),
        "{members_with_traits}"
    );
}
