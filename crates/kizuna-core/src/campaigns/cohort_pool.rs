//! Following several campaigns' cohorts at once. Each cohort is a few hundred thousand index
//! probes in SQLite (CPU-bound, not disk-bound: a larger page cache or memory-mapping did not
//! change the time at 100k members), so campaigns are spread over extra read-only connections
//! to the same file, one thread each. An in-memory database, or a single campaign, is followed
//! on the caller's connection.

use std::panic;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::cohorts::{CampaignCohort, cohort_with};
use crate::engagement::Ladder;
use crate::error::{CoreError, Result};

/// The most threads one comparison uses, however many cores the machine has.
const MAX_THREADS: usize = 8;

/// The cohorts of `ids` (in that order) as of `now_ms`. The extra connections read what is
/// committed, so this is called outside a write transaction.
pub(crate) fn cohorts(
    conn: &Connection,
    ladder: &Ladder,
    ids: &[String],
    now_ms: i64,
) -> Result<Vec<CampaignCohort>> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
        .min(ids.len());
    let file = conn.path().filter(|p| !p.is_empty());
    match file {
        Some(path) if threads > 1 => in_parallel(path, ladder, ids, now_ms, threads),
        _ => ids
            .iter()
            .map(|id| cohort_with(conn, ladder, id, now_ms))
            .collect(),
    }
}

fn in_parallel(
    path: &str,
    ladder: &Ladder,
    ids: &[String],
    now_ms: i64,
    threads: usize,
) -> Result<Vec<CampaignCohort>> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<CampaignCohort>>> = Mutex::new(ids.iter().map(|_| None).collect());
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    let reader = Connection::open_with_flags(
                        path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    reader.busy_timeout(Duration::from_secs(5))?;
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(id) = ids.get(k) else {
                            return Ok(());
                        };
                        let cohort = cohort_with(&reader, ladder, id, now_ms)?;
                        done.lock().unwrap_or_else(|poisoned| poisoned.into_inner())[k] =
                            Some(cohort);
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|worker| worker.join().unwrap_or_else(|p| panic::resume_unwind(p)))
    })?;
    done.into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .into_iter()
        .zip(ids)
        .map(|(cohort, id)| {
            cohort.ok_or_else(|| CoreError::NotFound {
                what: "campaign",
                id: id.clone(),
            })
        })
        .collect()
}
