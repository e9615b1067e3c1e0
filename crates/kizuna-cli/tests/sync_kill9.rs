//! Crash safety of team sync: while one laptop pushes a few thousand new changes and another
//! pulls them, either a `kizuna sync --hub URL` process or the `kizuna hub serve` process is
//! killed with SIGKILL at a seeded random moment. After each kill the killed process is started
//! again and both laptops sync to completion; then no change is lost or applied twice: the hub
//! holds exactly the changes each laptop made (its per-replica counts equal the laptops' own
//! counts, and its rows are unique by cell and clock), no laptop holds a change twice, both
//! laptops' synced tables are equal row for row, and `PRAGMA integrity_check` passes on both.
//!
//! The hub runs over a real PostgreSQL started for the test (see `kizuna-sync/tests/common`).
//! `KIZUNA_SYNC_KILL_CASES` sets how many kills of each kind (default 10; 50 for a long run)
//! and `KIZUNA_SYNC_KILL_SEED` the seed, printed so a failure can be replayed.

#[path = "../../kizuna-sync/tests/common/mod.rs"]
mod pg;

mod common;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{kizuna, stdout};
use kizuna_core::store::SyncedTable;
use rusqlite::Connection;
use rusqlite::types::Value;

/// Members the pushing laptop imports before each sync (about five changes each).
const ROWS: usize = 600;

/// A small seeded generator (xorshift64*), enough to pick kill times.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A `kizuna hub serve` process, SIGKILLed when dropped (also when a check fails mid-test).
struct HubProcess(Child);

impl HubProcess {
    fn kill(&mut self) {
        // Child::kill sends SIGKILL on Unix.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for HubProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `kizuna hub serve` on `listen`, once it accepts connections (after its migrations).
fn start_hub(database_url: &str, listen: SocketAddr) -> HubProcess {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["hub", "serve", "--database-url", database_url, "--listen"])
        .arg(listen.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kizuna hub serve");
    let started = Instant::now();
    while TcpStream::connect(listen).is_err() {
        assert!(
            child.try_wait().expect("poll the hub").is_none(),
            "the hub exited while starting"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the hub did not listen within a minute"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    HubProcess(child)
}

/// `kizuna --db DB sync --hub URL` started in the background with the token in the environment.
fn spawn_sync(db: &Path, hub: &str, token: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--db")
        .arg(db)
        .args(["sync", "--hub", hub])
        .env_remove("KIZUNA_DB")
        .env("KIZUNA_HUB_TOKEN", token)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kizuna sync")
}

/// A sync that must finish: the state after any kill is one a plain sync completes from.
fn sync_to_completion(db: &Path, hub: &str, token: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--db")
        .arg(db)
        .args(["sync", "--hub", hub])
        .env_remove("KIZUNA_DB")
        .env("KIZUNA_HUB_TOKEN", token)
        .output()
        .expect("run kizuna sync");
    stdout(&out);
}

fn running(child: &mut Child) -> bool {
    child.try_wait().expect("poll").is_none()
}

/// Waits until `at` or until every client has exited; returns how long they took when they all
/// exited first.
fn watch(clients: &mut [Child], at: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < at {
        if !clients.iter_mut().any(running) {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    None
}

fn guest_csv(dir: &Path, round: u64) -> std::path::PathBuf {
    let path = dir.join(format!("round-{round}.csv"));
    let mut text = String::from("name,email\n");
    for n in 0..ROWS {
        text.push_str(&format!(
            "Guest {round}-{n},r{round}-{n}@sync-kill.example\n"
        ));
    }
    std::fs::write(&path, text).expect("write the CSV");
    path
}

/// New work on both laptops: an import on the pushing one, one member on the pulling one.
fn edit_both(dir: &Path, pusher: &Path, puller: &Path, round: u64) {
    let csv = guest_csv(dir, round);
    stdout(&kizuna(pusher, &["import", csv.to_str().expect("UTF-8")]));
    stdout(&kizuna(
        puller,
        &[
            "members",
            "add",
            "--name",
            &format!("Door volunteer {round}"),
        ],
    ));
}

/// The changes this laptop made itself (its own replica's rows of the change log).
fn own_changes(conn: &Connection) -> (String, i64) {
    conn.query_row(
        "SELECT m.value, (SELECT count(*) FROM change_log c JOIN sync_sites s ON s.id = c.site
                          WHERE s.site_uuid = m.value)
         FROM kizuna_meta m WHERE m.key = 'site_id'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("own changes")
}

/// Every synced table's rows, in id order.
fn snapshot(conn: &Connection) -> Vec<(String, Vec<Vec<Value>>)> {
    SyncedTable::ALL
        .iter()
        .map(|t| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {} ORDER BY id", t.name()))
                .expect("select");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .expect("rows")
                .collect::<Result<Vec<Vec<Value>>, _>>()
                .expect("rows");
            (t.name().to_owned(), rows)
        })
        .collect()
}

/// The hub's stored changes per replica UUID.
fn hub_counts(rt: &tokio::runtime::Runtime, database_url: &str) -> Vec<(String, i64)> {
    rt.block_on(async {
        let pool = kizuna_sync::hub::pool(database_url).expect("pool");
        let client = pool.get().await.expect("connect to PostgreSQL");
        client
            .query(
                "SELECT site, count(*) FROM changes GROUP BY site ORDER BY site",
                &[],
            )
            .await
            .expect("count the hub's changes")
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect()
    })
}

/// After a completed sync: every change on the hub once, on both laptops once, both equal.
/// Returns how many changes the hub holds.
fn check(
    rt: &tokio::runtime::Runtime,
    database_url: &str,
    pusher: &Path,
    puller: &Path,
    round: &str,
) -> i64 {
    let mut expected = Vec::new();
    let mut snapshots = Vec::new();
    for db in [pusher, puller] {
        let conn = Connection::open(db).expect("open");
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(integrity, "ok", "{round}: {} is damaged", db.display());
        let twice: i64 = conn
            .query_row(
                "SELECT count(*) FROM (SELECT 1 FROM change_log
                 GROUP BY tbl, pk, col, hlc, site HAVING count(*) > 1)",
                [],
                |r| r.get(0),
            )
            .expect("duplicates");
        assert_eq!(twice, 0, "{round}: {} holds a change twice", db.display());
        expected.push(own_changes(&conn));
        snapshots.push(snapshot(&conn));
    }
    expected.sort();
    assert_eq!(
        hub_counts(rt, database_url),
        expected,
        "{round}: the hub must hold exactly the changes each laptop made"
    );
    assert!(
        snapshots[0] == snapshots[1],
        "{round}: the laptops differ in their synced tables"
    );
    expected.iter().map(|(_, n)| n).sum()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Victim {
    Client,
    Hub,
}

#[test]
fn sigkill_of_a_syncing_laptop_or_the_hub_loses_and_repeats_no_change() {
    let cases = env_number("KIZUNA_SYNC_KILL_CASES", 10);
    let seed = env_number("KIZUNA_SYNC_KILL_SEED", 0x6875_625f_6b69_6c6c);
    eprintln!("KIZUNA_SYNC_KILL_SEED={seed} KIZUNA_SYNC_KILL_CASES={cases}");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let postgres = pg::Postgres::start();
    let database_url = postgres.url.clone();
    let hub_cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .args(["hub"])
            .args(args)
            .args(["--database-url", &database_url])
            .output()
            .expect("run kizuna hub");
        stdout(&out)
    };
    hub_cli(&["create-team", "Kill test"]);
    // Each laptop has its own token, as each member of a team gets one.
    let invite = |label: &str| {
        hub_cli(&["invite", "--team", "Kill test", "--label", label])
            .trim()
            .to_owned()
    };
    let (push_token, pull_token) = (invite("Tokyo"), invite("Osaka"));
    let listen = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    let url = format!("http://{listen}");
    let mut hub = start_hub(&database_url, listen);

    let dir = tempfile::tempdir().expect("temp dir");
    let (pusher, puller) = (
        dir.path().join("tokyo.kizuna"),
        dir.path().join("osaka.kizuna"),
    );
    stdout(&kizuna(&pusher, &["init", "--name", "Kill test"]));
    stdout(&kizuna(&puller, &["init", "--name", "Kill test"]));
    // A first round with no kill, timed: kills fall within about one push-and-pull, and the
    // window follows how long the last round's syncs took when no kill cut them short.
    edit_both(dir.path(), &pusher, &puller, 0);
    let mut clients = [
        spawn_sync(&pusher, &url, &push_token),
        spawn_sync(&puller, &url, &pull_token),
    ];
    let mut window = watch(&mut clients, Duration::from_secs(600))
        .expect("the first syncs finish")
        .as_millis() as u64;
    for c in &mut clients {
        assert!(c.wait().expect("wait").success(), "the first sync failed");
    }
    sync_to_completion(&pusher, &url, &push_token);
    sync_to_completion(&puller, &url, &pull_token);
    check(&rt, &database_url, &pusher, &puller, "the first sync");

    let mut dice = Dice(seed | 1);
    let (mut client_kills, mut client_landed) = (0, 0);
    let (mut hub_kills, mut hub_landed, mut cut_off_syncs) = (0, 0, 0);
    let mut checked = 0;
    for round in 1..=cases * 2 {
        let victim = if round % 2 == 1 {
            Victim::Client
        } else {
            Victim::Hub
        };
        edit_both(dir.path(), &pusher, &puller, round);
        let mut clients = [
            spawn_sync(&pusher, &url, &push_token),
            spawn_sync(&puller, &url, &pull_token),
        ];
        let at = Duration::from_millis(dice.below(window * 5 / 4));
        if let Some(took) = watch(&mut clients, at) {
            window = took.as_millis() as u64;
        }
        match victim {
            Victim::Client => {
                // The pushing laptop and the pulling one take turns.
                let child = &mut clients[(round / 2 % 2) as usize];
                client_kills += 1;
                if running(child) {
                    client_landed += 1;
                }
                // Child::kill sends SIGKILL on Unix: no destructor, no rollback code runs.
                let _ = child.kill();
                for c in &mut clients {
                    c.wait().expect("wait");
                }
            }
            Victim::Hub => {
                hub_kills += 1;
                if clients.iter_mut().any(running) {
                    hub_landed += 1;
                }
                hub.kill();
                for c in &mut clients {
                    if !c.wait().expect("wait").success() {
                        cut_off_syncs += 1;
                    }
                }
                hub = start_hub(&database_url, listen);
            }
        }
        sync_to_completion(&pusher, &url, &push_token);
        sync_to_completion(&puller, &url, &pull_token);
        sync_to_completion(&pusher, &url, &push_token);
        checked = check(
            &rt,
            &database_url,
            &pusher,
            &puller,
            &format!(
                "round {round} ({victim:?} killed after {} ms)",
                at.as_millis()
            ),
        );
    }
    drop(hub);
    eprintln!(
        "laptop kills: {client_kills} ({client_landed} mid-sync); hub kills: {hub_kills} \
         ({hub_landed} mid-sync, {cut_off_syncs} syncs cut off); {checked} changes on the hub \
         checked after the last round (last kill window {window} ms)"
    );
    assert!(
        client_landed > 0 && hub_landed > 0,
        "no kill landed mid-sync: the test proved nothing"
    );
}
