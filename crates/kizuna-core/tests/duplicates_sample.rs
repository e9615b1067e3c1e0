//! Duplicate suggestions on the sample community: its planted duplicates are found and its
//! namesakes left alone, with precision and recall measured at 2,000 and 20,000 members.

mod common;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use common::{now, open, temp_path};
use kizuna_core::duplicates::{DuplicateSuggestion, find_duplicates};
use kizuna_core::sample::{PlantCounts, SampleSpec, generate, planted_pairs};

#[test]
fn the_sample_plants_one_percent_duplicates_and_a_few_namesakes_reproducibly() {
    let spec = SampleSpec::with_members(2_000);
    let planted = planted_pairs(&spec, now());

    assert_eq!(
        PlantCounts::for_members(2_000),
        PlantCounts {
            copies: 20,
            namesakes: 8
        }
    );
    assert_eq!(planted.duplicates.len(), 20);
    assert_eq!(planted.namesakes.len(), 8);
    let positions: Vec<usize> = planted
        .duplicates
        .iter()
        .chain(&planted.namesakes)
        .flat_map(|&(a, b)| [a, b])
        .collect();
    assert!(positions.iter().all(|&p| p < 2_000));
    let copies: HashSet<usize> = planted.duplicates.iter().map(|&(_, c)| c).collect();
    assert_eq!(copies.len(), 20, "each copy is one record");
    assert_eq!(planted, planted_pairs(&spec, now()));
    assert_ne!(
        planted,
        planted_pairs(
            &SampleSpec {
                seed: 42,
                ..spec.clone()
            },
            now()
        )
    );
}

/// How well the suggestions find the sample's planted duplicates.
#[derive(Debug)]
struct Quality {
    planted: usize,
    suggested: usize,
    found: usize,
    /// Suggested pairs of two copies of one person (true, but not in the ground truth).
    implied: usize,
    namesakes_suggested: usize,
    precision: f64,
    recall: f64,
    seconds: f64,
}

fn measure(members: u32) -> Quality {
    let spec = SampleSpec {
        activities_per_member: 1.0,
        ..SampleSpec::with_members(members)
    };
    let (_dir, path) = temp_path();
    let mut store = open(&path);
    generate(&mut store, &spec).expect("generate the sample");
    let ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM members ORDER BY rowid")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("member ids");
    let planted = planted_pairs(&spec, now());
    let key = |a: usize, b: usize| {
        let (a, b) = (ids[a].clone(), ids[b].clone());
        if a < b { (a, b) } else { (b, a) }
    };
    let truth: HashSet<(String, String)> =
        planted.duplicates.iter().map(|&(a, b)| key(a, b)).collect();
    let namesakes: HashSet<(String, String)> =
        planted.namesakes.iter().map(|&(a, b)| key(a, b)).collect();
    let person_of: HashMap<&str, usize> = planted
        .duplicates
        .iter()
        .flat_map(|&(original, copy)| {
            [
                (ids[original].as_str(), original),
                (ids[copy].as_str(), original),
            ]
        })
        .collect();

    let started = Instant::now();
    let found = find_duplicates(store.conn(), usize::MAX).expect("find duplicates");
    let seconds = started.elapsed().as_secs_f64();

    let mut quality = Quality {
        planted: truth.len(),
        suggested: found.len(),
        found: 0,
        implied: 0,
        namesakes_suggested: 0,
        precision: 0.0,
        recall: 0.0,
        seconds,
    };
    for s in &found {
        let pair = key_of(s);
        if truth.contains(&pair) {
            quality.found += 1;
        } else if person_of
            .get(pair.0.as_str())
            .is_some_and(|p| person_of.get(pair.1.as_str()) == Some(p))
        {
            quality.implied += 1;
        }
        if namesakes.contains(&pair) {
            quality.namesakes_suggested += 1;
        }
    }
    quality.precision =
        (quality.found + quality.implied) as f64 / (quality.suggested.max(1)) as f64;
    quality.recall = quality.found as f64 / quality.planted.max(1) as f64;
    println!(
        "{members} members: {} planted, {} suggested, {} found (+{} copy pairs), {} namesakes \
         suggested; precision {:.3}, recall {:.3}; find_duplicates {:.2} s",
        quality.planted,
        quality.suggested,
        quality.found,
        quality.implied,
        quality.namesakes_suggested,
        quality.precision,
        quality.recall,
        quality.seconds
    );
    quality
}

fn key_of(s: &DuplicateSuggestion) -> (String, String) {
    (s.first.id.clone(), s.second.id.clone())
}

fn assert_floors(quality: &Quality) {
    assert!(quality.recall >= 0.95, "recall {quality:?}");
    assert!(quality.precision >= 0.9, "precision {quality:?}");
    assert_eq!(quality.namesakes_suggested, 0, "{quality:?}");
}

#[test]
fn planted_duplicates_in_a_2000_member_sample_are_found_and_namesakes_left_alone() {
    let quality = measure(2_000);
    assert_eq!(quality.planted, 20);
    assert_floors(&quality);
}

#[test]
fn planted_duplicates_in_a_20000_member_sample_are_found_and_namesakes_left_alone() {
    let quality = measure(20_000);
    assert_eq!(quality.planted, 200);
    assert_floors(&quality);
}

/// A benchmark, not a timed test: `cargo test --test duplicates -- --ignored --nocapture`.
#[test]
#[ignore = "generates 100k members (minutes in a debug build); run by hand for timings"]
fn finding_duplicates_among_100k_members() {
    let quality = measure(100_000);
    assert_floors(&quality);
}
