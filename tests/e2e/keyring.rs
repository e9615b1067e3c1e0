//! The system keychain for end-to-end tests: an unlocked GNOME Keyring on the test's session bus
//! (in a temp home, so nobody's own keyring is touched), started when none answers there yet.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An unlocked GNOME Keyring on this session bus (in a temp home), unless one already answers.
pub struct Keyring {
    daemon: Option<Child>,
    _home: tempfile::TempDir,
}

fn secrets_on_bus() -> bool {
    Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
        .unwrap_or(false)
}

pub fn start() -> Keyring {
    let home = tempfile::tempdir().expect("keyring home");
    if secrets_on_bus() {
        return Keyring {
            daemon: None,
            _home: home,
        };
    }
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no session bus: run the e2e tests under dbus-run-session (scripts/test does)"
    );
    let mut daemon = Command::new("gnome-keyring-daemon")
        .args(["--foreground", "--unlock", "--components=secrets"])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", home.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gnome-keyring-daemon (scripts/setup --test installs gnome-keyring)");
    {
        use std::io::Write;
        let mut stdin = daemon.stdin.take().expect("keyring stdin");
        stdin.write_all(b"kizuna-e2e").expect("unlock password");
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !secrets_on_bus() {
        assert!(
            Instant::now() < deadline,
            "GNOME Keyring never answered on the session bus"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Keyring {
        daemon: Some(daemon),
        _home: home,
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        if let Some(daemon) = &mut self.daemon {
            let _ = daemon.kill();
            let _ = daemon.wait();
        }
    }
}
