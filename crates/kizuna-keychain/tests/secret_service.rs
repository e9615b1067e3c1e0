//! The keychain against a real Secret Service: this test starts its own session bus with an
//! unlocked GNOME Keyring (in a temp home, so a developer's own keyring is never touched) and
//! runs itself again inside it. Without those tools it says why it skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use kizuna_core::Store;
use kizuna_core::SystemClock;
use kizuna_core::secrets::{SecretStore, connection_key};
use kizuna_core::store::OpenMode;
use kizuna_keychain::Keychain;

/// Set in the run inside the test's own session bus.
const INNER: &str = "KIZUNA_KEYCHAIN_TEST_INNER";
/// Kizuna's data folder for the inner run.
const DATA_DIR: &str = "KIZUNA_KEYCHAIN_TEST_DATA";
const TEST_NAME: &str =
    "a_token_round_trips_through_the_secret_service_and_stays_out_of_the_data_dir";
/// The script's exit code when the keyring never showed up on the bus.
const NO_SERVICE: i32 = 77;

/// Starts an unlocked GNOME Keyring on the session bus `dbus-run-session` made, waits for it
/// to own org.freedesktop.secrets, runs the test binary ($0) on one test ($1), stops it.
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
fn a_token_round_trips_through_the_secret_service_and_stays_out_of_the_data_dir() {
    if let Some(data) = std::env::var_os(DATA_DIR).filter(|_| std::env::var_os(INNER).is_some()) {
        round_trip(kizuna_keychain::SERVICE, Path::new(&data));
        return;
    }
    let missing: Vec<&str> = ["dbus-run-session", "dbus-send", "gnome-keyring-daemon"]
        .into_iter()
        .filter(|tool| !on_path(tool))
        .collect();
    if missing.is_empty() {
        in_own_session();
    } else if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        && Keychain::check_available().is_ok()
    {
        // A desktop session's own keychain: a service name of the test's, removed at the end.
        let dir = tempfile::tempdir().expect("temp dir");
        round_trip("kizuna-test", dir.path());
    } else {
        eprintln!(
            "SKIPPED {TEST_NAME}: no Secret Service to test against ({} not installed; \
             `scripts/setup --test` installs gnome-keyring)",
            missing.join(", ")
        );
    }
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false)
}

/// Runs this test again under `dbus-run-session` with a keyring in a temp home.
fn in_own_session() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    let runtime = dir.path().join("run");
    let data = dir.path().join("kizuna-data");
    for d in [&home, &runtime, &data] {
        std::fs::create_dir_all(d).expect("dir");
    }
    private(&runtime);
    let exe = std::env::current_exe().expect("test binary");
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", SESSION_SCRIPT])
        .arg(&exe)
        .arg(TEST_NAME)
        .env(INNER, "1")
        .env(DATA_DIR, &data)
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
        eprintln!(
            "SKIPPED {TEST_NAME}: GNOME Keyring did not come up on a private session bus:\n{stderr}"
        );
        return;
    }
    assert!(
        out.status.success(),
        "the keychain test inside the session failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("1 passed"),
        "the inner run did not run the test:\n{stdout}\n{stderr}"
    );
    eprintln!("{TEST_NAME}: ran against GNOME Keyring on a private session bus");
    // The keyring's own file holds the token encrypted, never as plain text.
    assert_not_in_files(&home, "kz-secret-", "the keyring's home");
}

#[cfg(unix)]
fn private(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).expect("chmod");
}

#[cfg(not(unix))]
fn private(_dir: &Path) {}

/// Sets, reads, replaces and deletes a token, and checks no file of the data dir holds it.
fn round_trip(service: &str, data: &Path) {
    let keychain = Keychain::with_service(service);
    let store = Store::open(
        &data.join("community.kizuna"),
        OpenMode::CreateIfMissing,
        Arc::new(SystemClock),
    )
    .expect("store");
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    let key = connection_key(&format!("test-{}-{stamp}", std::process::id()));
    let first = format!("kz-secret-{stamp}-first");
    let second = format!("kz-secret-{stamp}-second");

    assert_eq!(keychain.get(&key).expect("get before"), None);
    keychain.set(&key, &first).expect("set");
    assert_eq!(keychain.get(&key).expect("get"), Some(first.clone()));
    keychain.set(&key, &second).expect("replace");
    assert_eq!(keychain.get(&key).expect("get again"), Some(second.clone()));
    // What another handle (the app, after the CLI added the connection) reads.
    assert_eq!(
        Keychain::with_service(service)
            .get(&key)
            .expect("fresh handle"),
        Some(second.clone())
    );

    drop(store);
    assert_not_in_files(data, &second, "Kizuna's data folder");
    assert_not_in_files(data, &first, "Kizuna's data folder");

    keychain.delete(&key).expect("delete");
    keychain.delete(&key).expect("deleting twice is fine");
    assert_eq!(keychain.get(&key).expect("get after delete"), None);
}

fn assert_not_in_files(root: &Path, needle: &str, what: &str) {
    let mut files = 0;
    for path in walk(root) {
        files += 1;
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "a token is in plain text in {} under {what}",
            path.display()
        );
    }
    assert!(files > 0, "{what} has no files to check");
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.is_file() {
                out.push(path);
            }
        }
    }
    out
}
