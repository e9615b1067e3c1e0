//! Word of mouth: who brought whom, refused loops and second referrers, downstream reach, the
//! referral tree, top advocates, and the sample's referral chains.

mod common;

use common::{activity, add_member, count, days_ago, log, named, new_store, now, open, temp_path};
use kizuna_core::campaigns::{CampaignKind, NewCampaign, create_campaign};
use kizuna_core::ids::{CampaignId, MemberId};
use kizuna_core::referrals::{
    Reach, ReferralChannel, reach, record_referral, referral_of, referral_tree, remove_referral,
    top_advocates,
};
use kizuna_core::sample::{SampleSpec, generate};
use kizuna_core::{CoreError, Store};

fn refer(store: &mut Store, referrer: &MemberId, referred: &MemberId, at: i64) -> String {
    try_refer(store, referrer, referred, at).expect("record a referral")
}

fn try_refer(
    store: &mut Store,
    referrer: &MemberId,
    referred: &MemberId,
    at: i64,
) -> Result<String, CoreError> {
    store.write(|w| {
        record_referral(
            w,
            referrer,
            referred,
            ReferralChannel::InPerson,
            at,
            None,
            None,
        )
    })
}

fn members(store: &mut Store, names: &[&str]) -> Vec<MemberId> {
    names.iter().map(|n| add_member(store, &named(n))).collect()
}

fn invalid_message(err: CoreError) -> String {
    match err {
        CoreError::InvalidInput(message) => message.to_string(),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn referral_rows(store: &Store) -> (i64, i64) {
    (
        count(store.conn(), "SELECT count(*) FROM referrals"),
        count(
            store.conn(),
            "SELECT count(*) FROM activities WHERE activity_type = 'referral'",
        ),
    )
}

#[test]
fn a_referral_logs_a_referral_activity_for_the_referrer_with_code_and_campaign() {
    let (_dir, mut store) = new_store();
    let m = members(&mut store, &["山田 太郎", "佐藤 花子"]);
    let campaign: CampaignId = store
        .write(|w| {
            create_campaign(
                w,
                &NewCampaign {
                    name: "友だち紹介キャンペーン".to_owned(),
                    kind: CampaignKind::Referral,
                    starts_at: days_ago(30),
                    ends_at: None,
                    budget: None,
                    goal_metric: None,
                    goal_target: None,
                },
            )
        })
        .expect("campaign");

    store
        .write(|w| {
            record_referral(
                w,
                &m[0],
                &m[1],
                ReferralChannel::Code,
                days_ago(3),
                Some(" TARO-2026 "),
                Some(&campaign),
            )
        })
        .expect("refer");

    let referral = referral_of(store.conn(), &m[1])
        .expect("read")
        .expect("referred");
    assert_eq!(referral.referrer_id, m[0].as_str());
    assert_eq!(referral.channel, ReferralChannel::Code);
    assert_eq!(referral.code.as_deref(), Some("TARO-2026"));
    assert_eq!(referral.campaign_id.as_deref(), Some(campaign.as_str()));
    let logged = count(
        store.conn(),
        &format!(
            "SELECT count(*) FROM activities WHERE activity_type = 'referral' AND member_id = '{}'
             AND occurred_at = {} AND campaign_id = '{}'",
            m[0],
            days_ago(3),
            campaign
        ),
    );
    assert_eq!(logged, 1);
    assert!(
        count(
            store.conn(),
            "SELECT count(*) FROM change_log WHERE tbl = 'referrals' AND col = 'referrer_id'"
        ) == 1,
        "the referral is in the change log, so it syncs"
    );
}

#[test]
fn a_member_cannot_refer_themselves() {
    let (_dir, mut store) = new_store();
    let m = members(&mut store, &["山田 太郎"]);
    let message =
        invalid_message(try_refer(&mut store, &m[0], &m[0], days_ago(1)).expect_err("self"));
    assert!(message.contains("cannot refer themselves"), "{message}");
    assert_eq!(referral_rows(&store), (0, 0));
}

#[test]
fn a_second_referrer_is_refused_naming_the_first() {
    let (_dir, mut store) = new_store();
    let m = members(&mut store, &["山田 太郎", "佐藤 花子", "Olivia Smith"]);
    refer(&mut store, &m[0], &m[1], days_ago(5));

    let message =
        invalid_message(try_refer(&mut store, &m[2], &m[1], days_ago(1)).expect_err("second"));

    assert!(
        message.contains("佐藤 花子 was already referred by 山田 太郎"),
        "{message}"
    );
    assert_eq!(referral_rows(&store), (1, 1), "nothing half-saved");
}

#[test]
fn a_referral_loop_is_refused() {
    let (_dir, mut store) = new_store();
    let m = members(&mut store, &["Aiko", "Ben", "Chika"]);
    refer(&mut store, &m[0], &m[1], days_ago(9));
    refer(&mut store, &m[1], &m[2], days_ago(8));

    let message =
        invalid_message(try_refer(&mut store, &m[2], &m[0], days_ago(1)).expect_err("loop"));

    assert!(message.contains("loop"), "{message}");
    assert!(
        message.contains("Chika was brought in (directly or through others) by Aiko"),
        "{message}"
    );
    assert_eq!(referral_rows(&store), (2, 2));
}

#[test]
fn unknown_and_deleted_members_cannot_take_part_in_a_referral() {
    let (_dir, mut store) = new_store();
    let m = members(&mut store, &["山田 太郎", "退会 済子"]);
    store
        .conn()
        .execute(
            "UPDATE members SET deleted_at = ?1 WHERE id = ?2",
            rusqlite::params![days_ago(1), m[1].as_str()],
        )
        .expect("soft-delete a member");

    let unknown = try_refer(
        &mut store,
        &m[0],
        &MemberId::from("no-such-member"),
        days_ago(1),
    );
    assert!(
        matches!(unknown, Err(CoreError::NotFound { what: "member", .. })),
        "{unknown:?}"
    );
    let message =
        invalid_message(try_refer(&mut store, &m[0], &m[1], days_ago(1)).expect_err("deleted"));
    assert!(
        message.contains("退会 済子") && message.contains("deleted"),
        "{message}"
    );
    assert_eq!(referral_rows(&store), (0, 0));
}

/// Aiko → Ben, Chika, Daichi; Ben → Emi, Fumi; Emi → Gen; Chika → Hana.
fn three_generations(store: &mut Store) -> Vec<MemberId> {
    let m = members(
        store,
        &[
            "Aiko", "Ben", "Chika", "Daichi", "Emi", "Fumi", "Gen", "Hana",
        ],
    );
    for (referrer, referred, days) in [
        (0, 1, 90),
        (0, 2, 80),
        (0, 3, 70),
        (1, 4, 60),
        (1, 5, 50),
        (4, 6, 40),
        (2, 7, 30),
    ] {
        refer(store, &m[referrer], &m[referred], days_ago(days));
    }
    m
}

#[test]
fn reach_counts_each_generation_of_a_three_generation_tree() {
    let (_dir, mut store) = new_store();
    let m = three_generations(&mut store);
    let of = |i: usize| reach(store.conn(), &m[i]).expect("reach");

    assert_eq!(
        of(0),
        Reach {
            direct: 3,
            total: 7,
            depth: 3,
            by_generation: vec![3, 3, 1],
        }
    );
    assert_eq!(of(1).by_generation, vec![2, 1]);
    assert_eq!((of(1).direct, of(1).total, of(1).depth), (2, 3, 2));
    assert_eq!((of(2).direct, of(2).total), (1, 1));
    assert_eq!(
        of(6),
        Reach {
            direct: 0,
            total: 0,
            depth: 0,
            by_generation: vec![]
        }
    );
    assert!(matches!(
        reach(store.conn(), &MemberId::from("nobody")),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn reach_stops_at_a_loop_that_sync_brought_in() {
    let (_dir, mut store) = new_store();
    let m = three_generations(&mut store);
    // A loop the store would refuse, as if two replicas each recorded half of it.
    store
        .conn()
        .execute(
            "INSERT INTO referrals (id, referrer_id, referred_id, channel, referred_at)
             VALUES ('loop', ?1, ?2, 'other', 0)",
            [m[6].as_str(), m[0].as_str()],
        )
        .expect("plant a loop");

    let from_aiko = reach(store.conn(), &m[0]).expect("reach terminates");
    assert_eq!(from_aiko.total, 7, "Aiko's seven, not herself again");
    assert_eq!(reach(store.conn(), &m[6]).expect("reach").total, 7);
}

#[test]
fn the_referral_tree_nests_names_by_generation_and_stops_at_max_depth() {
    let (_dir, mut store) = new_store();
    let m = three_generations(&mut store);

    let tree = referral_tree(store.conn(), &m[0], 5).expect("tree");
    assert_eq!(tree.display_name, "Aiko");
    let names = |nodes: &[kizuna_core::referrals::ReferralNode]| -> Vec<String> {
        nodes.iter().map(|n| n.display_name.clone()).collect()
    };
    assert_eq!(names(&tree.children), ["Ben", "Chika", "Daichi"]);
    assert_eq!(names(&tree.children[0].children), ["Emi", "Fumi"]);
    assert_eq!(names(&tree.children[0].children[0].children), ["Gen"]);
    assert_eq!(names(&tree.children[1].children), ["Hana"]);
    assert_eq!(tree.children[0].channel, Some(ReferralChannel::InPerson));

    let shallow = referral_tree(store.conn(), &m[0], 1).expect("tree");
    assert_eq!(names(&shallow.children), ["Ben", "Chika", "Daichi"]);
    assert!(shallow.children.iter().all(|c| c.children.is_empty()));
}

#[test]
fn removing_a_referral_frees_the_member_and_removes_the_activity() {
    let (_dir, mut store) = new_store();
    let m = members(&mut store, &["山田 太郎", "佐藤 花子", "Olivia Smith"]);
    refer(&mut store, &m[0], &m[1], days_ago(5));

    store.write(|w| remove_referral(w, &m[1])).expect("remove");

    assert_eq!(referral_rows(&store), (0, 0));
    let audit = kizuna_core::audit::recent(store.conn(), Some(m[1].as_str()), 5).expect("audit");
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["referral.remove", "referral.record"],
        "both are in the audit log"
    );
    assert!(
        audit[0].details.contains(m[0].as_str()),
        "the removal names the referrer"
    );
    refer(&mut store, &m[2], &m[1], days_ago(5));
    assert_eq!(reach(store.conn(), &m[2]).expect("reach").direct, 1);
    let again = store.write(|w| remove_referral(w, &m[0]));
    assert!(
        matches!(again, Err(CoreError::NotFound { .. })),
        "{again:?}"
    );
}

#[test]
fn top_advocates_rank_by_everyone_brought_then_direct_then_still_active() {
    let (_dir, mut store) = new_store();
    let m = members(
        &mut store,
        &[
            "Xavier", "X1", "X2", "X1a", "X2a", "Yuki", "Y1", "Y2", "Y3", "Y4", "Zoe", "Z1",
            "Wataru", "W1",
        ],
    );
    for (referrer, referred) in [
        (0, 1),
        (0, 2),
        (1, 3),
        (2, 4),
        (5, 6),
        (5, 7),
        (5, 8),
        (5, 9),
        (10, 11),
        (12, 13),
    ] {
        refer(&mut store, &m[referrer], &m[referred], days_ago(100));
    }
    log(&mut store, &activity(&m[11], "post", days_ago(2)));

    let top = top_advocates(store.conn(), now(), 10, None).expect("advocates");
    let order: Vec<(&str, u32, u32, u32)> = top
        .iter()
        .map(|a| {
            (
                a.display_name.as_str(),
                a.total,
                a.direct,
                a.active_referred,
            )
        })
        .collect();
    assert_eq!(order[0], ("Yuki", 4, 4, 0));
    assert_eq!(order[1], ("Xavier", 4, 2, 0));
    assert_eq!(order[2], ("Zoe", 1, 1, 1));
    assert_eq!(order.len(), 6, "X1, X2 and Wataru also brought one each");
    assert_eq!(
        top_advocates(store.conn(), now(), 2, None)
            .expect("top 2")
            .len(),
        2
    );

    let recent = m[13].clone();
    store
        .write(|w| remove_referral(w, &recent))
        .expect("remove");
    refer(&mut store, &m[12], &m[13], days_ago(10));
    let this_month = top_advocates(store.conn(), now(), 10, Some(30)).expect("advocates");
    let names: Vec<&str> = this_month.iter().map(|a| a.display_name.as_str()).collect();
    assert_eq!(names, ["Wataru"], "only referrals of the last 30 days");
}

#[test]
fn the_sample_has_super_referrers_with_a_second_generation() {
    let (_dir, path) = temp_path();
    let mut store = open(&path);
    let report = generate(&mut store, &SampleSpec::with_members(300)).expect("sample");
    let conn = store.conn();

    let referred = count(conn, "SELECT count(*) FROM referrals");
    assert_eq!(referred, i64::from(report.referrals));
    let share = referred as f64 / 300.0;
    assert!((0.10..=0.20).contains(&share), "{referred} of 300 referred");
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM activities WHERE activity_type = 'referral'"
        ),
        referred,
        "one referral activity per referral"
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM referrals r JOIN members a ON a.id = r.referrer_id
             JOIN members b ON b.id = r.referred_id WHERE a.joined_at >= b.joined_at"
        ),
        0,
        "referrers joined before the people they brought"
    );
    assert!(count(conn, "SELECT count(DISTINCT channel) FROM referrals") >= 4);
    assert!(
        count(
            conn,
            "SELECT count(*) FROM referrals WHERE campaign_id IS NOT NULL"
        ) >= 1
    );

    let top = top_advocates(conn, now(), 3, None).expect("advocates");
    let best = &top[0];
    assert!(best.total >= 20, "the top advocate brought {}", best.total);
    let reach = reach(conn, &MemberId::from(best.member_id.as_str())).expect("reach");
    assert!(reach.depth >= 2 && reach.by_generation[1] >= 1, "{reach:?}");

    let (_dir2, path2) = temp_path();
    let mut again = open(&path2);
    generate(&mut again, &SampleSpec::with_members(300)).expect("sample");
    assert_eq!(
        top_advocates(again.conn(), now(), 3, None).expect("advocates")[0].total,
        best.total,
        "the same seed gives the same referrals"
    );
}
