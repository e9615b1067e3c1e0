//! No secret lands on disk: a unique token is given to `kizuna connect add` (kept in the OS
//! keychain) and to `kizuna sync`, then imports, backups, exports and a connector sync run
//! with debug logs on; the database, its WAL, the backups, the exports and the logs are
//! searched byte for byte and none may hold the token.
//!
//! The keychain is a GNOME Keyring started unlocked on a private session bus (as in
//! kizuna-keychain's own test); without one the test says why it skipped.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const INNER: &str = "KIZUNA_SECRET_GREP_INNER";
const TEST_NAME: &str = "a_planted_token_is_in_no_file_kizuna_writes";
const NO_SERVICE: i32 = 77;

/// Starts an unlocked GNOME Keyring on the bus `dbus-run-session` made, runs this test ($1)
/// of the test binary ($0) inside it, stops the keyring.
const SESSION_SCRIPT: &str = r#"
printf %s kizuna-test | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$HOME/keyring.log" 2>&1 &
keyring=$!
up=no
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
      | grep -q 'boolean true'; then up=yes; break; fi
  sleep 0.1
done
if [ "$up" != yes ]; then cat "$HOME/keyring.log" >&2; kill "$keyring" 2>/dev/null; exit 77; fi
"$0" --exact "$1" --nocapture --test-threads=1
status=$?
kill "$keyring" 2>/dev/null
exit $status
"#;

#[test]
fn a_planted_token_is_in_no_file_kizuna_writes() {
    if std::env::var_os(INNER).is_some() {
        plant_and_search();
        return;
    }
    let missing: Vec<&str> = ["dbus-run-session", "dbus-send", "gnome-keyring-daemon"]
        .into_iter()
        .filter(|tool| !on_path(tool))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "SKIPPED {TEST_NAME}: no Secret Service can be started ({} not installed; \
             `scripts/setup --test` installs gnome-keyring)",
            missing.join(", ")
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    let runtime = dir.path().join("run");
    for d in [&home, &runtime] {
        std::fs::create_dir_all(d).expect("dir");
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", SESSION_SCRIPT])
        .arg(std::env::current_exe().expect("test binary"))
        .arg(TEST_NAME)
        .env(INNER, "1")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .expect("dbus-run-session runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(NO_SERVICE) {
        eprintln!("SKIPPED {TEST_NAME}: GNOME Keyring did not come up on a session bus:\n{stderr}");
        return;
    }
    assert!(
        out.status.success(),
        "inner run failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("1 passed"),
        "inner run did not run:\n{stdout}\n{stderr}"
    );
    println!("{stdout}");
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false)
}

/// Runs kizuna with `env`, appending its stderr (debug logs on) to the log file.
fn run(db: &Path, log: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KIZUNA_DB")
        .env("KIZUNA_LOG", "debug")
        .envs(env.iter().copied())
        .output()
        .expect("run kizuna");
    let mut text = std::fs::read(log).unwrap_or_default();
    text.extend_from_slice(&out.stdout);
    text.extend_from_slice(&out.stderr);
    std::fs::write(log, text).expect("write the log");
    out
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "kizuna failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn plant_and_search() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    let db = data.join("community.kizuna");
    let log = data.join("logs").join("kizuna.log");
    std::fs::create_dir_all(data.join("logs")).expect("logs dir");
    std::fs::create_dir_all(data.join("exports")).expect("exports dir");
    let token = format!(
        "kz-planted-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("time")
            .as_nanos()
    );
    ok(&run(&db, &log, &[], &["init", "--name", "Secret test"]));
    // A reader kept open so the last writer does not fold the WAL away before the search.
    let reader = rusqlite::Connection::open(&db).expect("reader");
    let _: i64 = reader
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .expect("read");

    let added = ok(&run(
        &db,
        &log,
        &[("KIZUNA_CONNECT_TOKEN", &token)],
        &[
            "connect",
            "add",
            "--kind",
            "discourse",
            "--label",
            "Forum",
            "--url",
            "http://127.0.0.1:9",
            "--account",
            "system",
        ],
    ));
    let id = added
        .lines()
        .last()
        .expect("the connection id")
        .trim()
        .to_owned();
    // A connector that cannot reach its platform, and a hub that is not there: their errors
    // and logs must not carry the token either.
    run(&db, &log, &[], &["connect", "test", &id]);
    run(&db, &log, &[], &["connect", "sync", &id]);
    run(
        &db,
        &log,
        &[("KIZUNA_HUB_TOKEN", &token)],
        &["sync", "--hub", "http://127.0.0.1:9"],
    );
    ok(&run(&db, &log, &[], &["connect", "list", "--json"]));

    let csv = data.join("exports").join("guests.csv");
    std::fs::write(
        &csv,
        "name,email\nAiko,aiko@example.jp\nBen,ben@example.com\n",
    )
    .expect("csv");
    ok(&run(
        &db,
        &log,
        &[],
        &["import", csv.to_str().expect("UTF-8")],
    ));
    ok(&run(&db, &log, &[], &["backup", "now"]));
    let members = ok(&run(
        &db,
        &log,
        &[],
        &["members", "list", "--format", "json"],
    ));
    std::fs::write(data.join("exports").join("members.json"), &members).expect("write");
    let member_id = serde_json::from_str::<serde_json::Value>(&members)
        .ok()
        .and_then(|v| v["rows"][0]["id"].as_str().map(str::to_owned));
    {
        let member_id = member_id.expect("a member id in the JSON list");
        let out = data.join("exports").join("member.json");
        ok(&run(
            &db,
            &log,
            &[],
            &[
                "members",
                "export",
                &member_id,
                "-o",
                out.to_str().expect("UTF-8"),
            ],
        ));
    }
    let segment = data.join("exports").join("segment.csv");
    ok(&run(
        &db,
        &log,
        &[],
        &[
            "segments",
            "export",
            "--rules",
            r#"{"op":"and","rules":[{"kind":"field","field":"displayName","op":"isNotEmpty"}]}"#,
            "-o",
            segment.to_str().expect("UTF-8"),
        ],
    ));

    let mut files = Vec::new();
    files_under(data, &mut files);
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with(".kizuna-wal")),
        "no WAL to search: {names:?}"
    );
    assert!(
        files.iter().any(|f| f.starts_with(data.join("backups"))),
        "no backup: {names:?}"
    );
    let mut searched = 0;
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "{} holds the token",
            file.display()
        );
        searched += 1;
    }
    drop(reader);
    println!("secret grep: token searched for in {searched} files ({names:?}); found in none");
}
