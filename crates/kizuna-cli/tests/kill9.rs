//! Crash safety: the real `kizuna` binary is killed with SIGKILL at random moments (seeded)
//! while it imports a few thousand rows, checks people in, recomputes scores or backs up.
//! After every kill the file passes `PRAGMA integrity_check`, each import is all or nothing,
//! and every check-in or import the process reported as done is there.
//!
//! `KIZUNA_KILL_CASES` sets how many kills (default 20; 200 for a long run) and
//! `KIZUNA_KILL_SEED` the seed, printed so a failure can be replayed.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{kizuna, stdout};
use rusqlite::Connection;

const IMPORT_ROWS: usize = 3_000;
const GUESTS: usize = 150;

/// A small seeded generator (xorshift64*), enough to pick actions and kill times.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `kizuna --db DB ARGS…`, SIGKILLs it after `after` unless it finished first, and
/// returns (whether it was killed while running, what it printed).
fn run_and_kill(db: &Path, args: &[&str], after: Duration) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KIZUNA_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kizuna");
    let started = Instant::now();
    let mut killed = false;
    loop {
        if child.try_wait().expect("poll").is_some() {
            break;
        }
        if started.elapsed() >= after {
            // Child::kill sends SIGKILL on Unix: no destructor, no rollback code runs.
            child.kill().expect("SIGKILL");
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let output = child.wait_with_output().expect("wait");
    (killed, String::from_utf8_lossy(&output.stdout).into_owned())
}

fn scalar(conn: &Connection, sql: &str, param: &str) -> i64 {
    conn.query_row(sql, [param], |r| r.get(0)).expect("query")
}

fn guest_csv(dir: &Path, round: u64) -> std::path::PathBuf {
    let path = dir.join(format!("round-{round}.csv"));
    let mut text = String::from("name,email\n");
    for n in 0..IMPORT_ROWS {
        text.push_str(&format!("Guest {round}-{n},r{round}-{n}@kill.example\n"));
    }
    std::fs::write(&path, text).expect("write the CSV");
    path
}

struct Setup {
    event: String,
    codes: Vec<(String, String)>,
}

/// A community with one event and guests registered for it: (name, code) per guest.
fn set_up(db: &Path) -> Setup {
    stdout(&kizuna(db, &["init", "--name", "Kill test"]));
    let event = stdout(&kizuna(
        db,
        &[
            "events",
            "create",
            "--title",
            "Door",
            "--starts",
            "2026-12-10 18:00",
            "--ends",
            "2026-12-10 21:00",
            "--status",
            "published",
        ],
    ))
    .trim()
    .to_owned();
    let mut codes = Vec::new();
    for n in 0..GUESTS {
        let name = format!("Door guest {n:03}");
        let member = stdout(&kizuna(db, &["members", "add", "--name", &name]))
            .trim()
            .to_owned();
        let line = stdout(&kizuna(db, &["events", "register", &event, &member]));
        let code = line.split_whitespace().next().expect("a code").to_owned();
        codes.push((name, code));
    }
    Setup { event, codes }
}

#[test]
fn sigkill_at_random_moments_never_loses_acknowledged_work_or_half_an_import() {
    let cases = env_number("KIZUNA_KILL_CASES", 20);
    let seed = env_number("KIZUNA_KILL_SEED", 0x6b69_7a75_6e61);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("kill.kizuna");
    let setup = set_up(&db);
    let mut dice = Dice(seed | 1);
    let mut next_guest = 0usize;
    let mut acknowledged_checkins: Vec<String> = Vec::new();
    let mut imports: Vec<(u64, bool)> = Vec::new();
    let (mut kills, mut finished, mut landed_imports) = (0, 0, 0);
    for round in 0..cases {
        let (killed, out, action) = match dice.below(10) {
            0..=3 => {
                let csv = guest_csv(dir.path(), round);
                let after = Duration::from_millis(dice.below(2_500));
                let (killed, out) =
                    run_and_kill(&db, &["import", csv.to_str().expect("UTF-8")], after);
                let done = out.contains("saved in the history");
                imports.push((round, done));
                (killed, out, "import")
            }
            4..=6 if next_guest < setup.codes.len() => {
                let (name, code) = setup.codes[next_guest].clone();
                next_guest += 1;
                let after = Duration::from_millis(dice.below(250));
                let (killed, out) =
                    run_and_kill(&db, &["events", "checkin", &setup.event, &code], after);
                if out.contains("checked in") {
                    acknowledged_checkins.push(name);
                }
                (killed, out, "check-in")
            }
            7 | 8 => {
                let after = Duration::from_millis(dice.below(300));
                let (killed, out) = run_and_kill(&db, &["score", "recompute", "--full"], after);
                (killed, out, "score")
            }
            _ => {
                let after = Duration::from_millis(dice.below(400));
                let (killed, out) = run_and_kill(&db, &["backup", "now"], after);
                (killed, out, "backup")
            }
        };
        if killed {
            kills += 1;
        } else {
            finished += 1;
        }

        let conn = Connection::open(&db).expect("open after the kill");
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(check, "ok", "round {round} ({action}, seed {seed}): {out}");
        for (import_round, done) in &imports {
            let landed = scalar(
                &conn,
                "SELECT count(*) FROM members WHERE email LIKE ?1",
                &format!("r{import_round}-%"),
            );
            assert!(
                landed == 0 || landed == IMPORT_ROWS as i64,
                "round {round}: import {import_round} is half there ({landed} rows), seed {seed}"
            );
            assert!(
                !done || landed == IMPORT_ROWS as i64,
                "round {round}: import {import_round} was reported done but is missing"
            );
        }
        for name in &acknowledged_checkins {
            let there = scalar(
                &conn,
                "SELECT count(*) FROM registrations r JOIN members m ON m.id = r.member_id
                 WHERE m.display_name = ?1 AND r.checked_in_at IS NOT NULL",
                name,
            );
            assert_eq!(
                there, 1,
                "round {round}: {name}'s acknowledged check-in is lost"
            );
        }
        drop(conn);
        // The next run of the app opens the file as usual.
        stdout(&kizuna(&db, &["stats"]));
    }
    let conn = Connection::open(&db).expect("open");
    for (import_round, _) in &imports {
        let landed = scalar(
            &conn,
            "SELECT count(*) FROM members WHERE email LIKE ?1",
            &format!("r{import_round}-%"),
        );
        if landed > 0 {
            landed_imports += 1;
        }
    }
    // Every backup that has its final name is whole.
    let backups = kizuna_core::backup::list_backups(&dir.path().join("backups")).expect("list");
    for b in &backups {
        let copy = Connection::open(&b.path).expect("open backup");
        let check: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(check, "ok", "{} is not whole", b.path.display());
    }
    println!(
        "kill9: seed {seed}: {cases} runs, {kills} killed mid-run, {finished} finished; \
         imports {} ({landed_imports} landed whole, the rest not at all); \
         {} acknowledged check-ins all present; {} whole backups",
        imports.len(),
        acknowledged_checkins.len(),
        backups.len()
    );
}
