//! The test bench of the connector tests: a community file in a temp dir with one connection
//! to the local platform server, a sleeper that records waits, and counts of what was written.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::secrets::MemorySecrets;
use kizuna_core::store::OpenMode;
use kizuna_import::connectors::{
    ConnectionKind, ConnectorEnv, ConnectorError, HttpSettings, NewConnection, SleepFuture,
    Sleeper, SyncSummary, add_connection, sync_connection,
};

use super::payloads::community;
use super::{DISCOURSE_USER, GUILD, ORG, Seen, TOKEN, TestServer};

/// Records the waits it is asked for and returns at once.
#[derive(Default)]
pub struct RecordingSleeper {
    pub waits: Mutex<Vec<Duration>>,
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, wait: Duration) -> SleepFuture<'_> {
        self.waits.lock().expect("lock").push(wait);
        Box::pin(async {})
    }
}

pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time")
}

/// Unix ms of a UTC time.
pub fn ms(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> i64 {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .expect("time")
        .timestamp_millis()
}

pub struct Harness {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub secrets: MemorySecrets,
    pub sleeper: Arc<RecordingSleeper>,
    pub env: ConnectorEnv,
    pub server: TestServer,
    pub id: String,
}

pub async fn harness(kind: ConnectionKind) -> Harness {
    harness_with_token(kind, TOKEN).await
}

pub async fn harness_with_token(kind: ConnectionKind, token: &str) -> Harness {
    let server = TestServer::start(community()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(
        &dir.path().join("c.kizuna"),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now())),
    )
    .expect("store");
    let secrets = MemorySecrets::new();
    let (base_url, account) = match kind {
        ConnectionKind::Discourse => (server.origin.clone(), DISCOURSE_USER),
        ConnectionKind::Discord => (format!("{}/api/v10", server.origin), GUILD),
        ConnectionKind::Eventbrite => (server.origin.clone(), ORG),
    };
    let connection = add_connection(
        &store,
        &secrets,
        &NewConnection {
            kind,
            label: format!("Our {}", kind.key()),
            base_url: Some(base_url),
            account: account.to_owned(),
            token: token.to_owned(),
        },
    )
    .expect("add connection");
    let sleeper = Arc::new(RecordingSleeper::default());
    let env = ConnectorEnv {
        http: HttpSettings {
            request_timeout: Duration::from_secs(10),
            ..HttpSettings::default()
        },
        sleeper: sleeper.clone(),
        clock: Arc::new(FixedClock(now())),
    };
    Harness {
        dir,
        store,
        secrets,
        sleeper,
        env,
        server,
        id: connection.id,
    }
}

impl Harness {
    pub async fn sync(&mut self) -> Result<SyncSummary, ConnectorError> {
        sync_connection(
            &mut self.store,
            &self.secrets,
            &self.id,
            &self.env,
            &mut |_| true,
        )
        .await
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.store
            .conn()
            .query_row(sql, [], |r| r.get(0))
            .expect("count")
    }

    pub fn members(&self) -> i64 {
        self.count("SELECT count(*) FROM members WHERE deleted_at IS NULL")
    }

    pub fn written(&self) -> i64 {
        self.count(
            "SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM activities)
                  + (SELECT count(*) FROM events) + (SELECT count(*) FROM registrations)
                  + (SELECT count(*) FROM import_runs)",
        )
    }

    pub fn waits(&self) -> Vec<Duration> {
        self.sleeper.waits.lock().expect("lock").clone()
    }

    pub fn stored_cursor(&self) -> Option<String> {
        self.store
            .conn()
            .query_row(
                "SELECT cursor FROM connections WHERE id = ?1",
                [&self.id],
                |r| r.get(0),
            )
            .expect("cursor")
    }

    /// No file of the community (database, WAL, SHM) holds the token.
    pub fn assert_token_not_in_files(&self) {
        for entry in std::fs::read_dir(self.dir.path()).expect("dir").flatten() {
            let bytes = std::fs::read(entry.path()).expect("read");
            assert!(
                !bytes.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()),
                "the token is in {}",
                entry.path().display()
            );
        }
    }
}

pub fn paths(seen: &[Seen], prefix: &str) -> Vec<Seen> {
    seen.iter()
        .filter(|s| s.path.starts_with(prefix))
        .cloned()
        .collect()
}
