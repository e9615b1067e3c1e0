//! Timing runs of one piece of work, and printing the measurements as a table or JSON.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The timed runs of one piece of work, by a stable name, with what it found.
#[derive(Debug, Clone)]
pub struct Measurement {
    /// Stable key, e.g. `segment.tag` (the JSON and the docs use it).
    pub name: String,
    /// How long each run took.
    pub samples: Vec<Duration>,
    /// What the work found or did, e.g. "12,345 members".
    pub detail: String,
}

impl Measurement {
    /// A measurement of one run.
    pub fn once(name: &str, took: Duration, detail: String) -> Self {
        Self {
            name: name.to_owned(),
            samples: vec![took],
            detail,
        }
    }

    /// The `q` quantile (0..=1) of the runs in milliseconds, nearest rank.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        let mut sorted = self.samples.clone();
        sorted.sort();
        if sorted.is_empty() {
            return 0.0;
        }
        let rank = (q * sorted.len() as f64).ceil() as usize;
        ms(sorted[rank.clamp(1, sorted.len()) - 1])
    }

    /// The slowest run in milliseconds.
    pub fn max_ms(&self) -> f64 {
        self.samples.iter().copied().max().map_or(0.0, ms)
    }

    /// The measurement as a JSON object (`name`, `runs`, `p50Ms`, `p95Ms`, `maxMs`, `detail`).
    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "runs": self.samples.len(),
            "p50Ms": self.quantile_ms(0.5),
            "p95Ms": self.quantile_ms(0.95),
            "maxMs": self.max_ms(),
            "detail": self.detail,
        })
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// Runs `work` `runs` times; returns each run's time and the last run's result.
pub fn repeat<T>(
    runs: usize,
    mut work: impl FnMut() -> anyhow::Result<T>,
) -> anyhow::Result<(Vec<Duration>, T)> {
    let mut samples = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let out = work()?;
        samples.push(started.elapsed());
        last = Some(out);
    }
    let last = last.ok_or_else(|| anyhow::anyhow!("no run"))?;
    Ok((samples, last))
}

/// Times `work` `runs` times under `name`; `describe` turns its result into the detail.
pub fn measure<T>(
    name: &str,
    runs: usize,
    work: impl FnMut() -> anyhow::Result<T>,
    describe: impl FnOnce(&T) -> String,
) -> anyhow::Result<Measurement> {
    eprintln!("  {name}");
    let (samples, out) = repeat(runs, work)?;
    Ok(Measurement {
        name: name.to_owned(),
        samples,
        detail: describe(&out),
    })
}

/// A time for the table: milliseconds below ten seconds, else seconds.
fn cell(ms: f64) -> String {
    if ms >= 10_000.0 {
        format!("{:.1} s", ms / 1_000.0)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.3} ms")
    }
}

/// The measurements as an aligned text table: name, runs, p50, p95, max, detail.
pub fn table(measurements: &[Measurement]) -> String {
    let width = measurements
        .iter()
        .map(|m| m.name.chars().count())
        .chain([11])
        .max()
        .unwrap_or(11);
    let mut out = format!(
        "{:<width$}  {:>5}  {:>10}  {:>10}  {:>10}  detail\n",
        "measurement", "runs", "p50", "p95", "max"
    );
    for m in measurements {
        out.push_str(&format!(
            "{:<width$}  {:>5}  {:>10}  {:>10}  {:>10}  {}\n",
            m.name,
            m.samples.len(),
            cell(m.quantile_ms(0.5)),
            cell(m.quantile_ms(0.95)),
            cell(m.max_ms()),
            m.detail
        ));
    }
    out
}

/// `n` with thousands separators, for details.
pub fn count(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_use_the_nearest_rank() {
        let m = Measurement {
            name: "x".to_owned(),
            samples: (1..=20).map(Duration::from_millis).collect(),
            detail: String::new(),
        };
        assert_eq!(m.quantile_ms(0.5), 10.0);
        assert_eq!(m.quantile_ms(0.95), 19.0);
        assert_eq!(m.max_ms(), 20.0);
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(count(2_041_377u32), "2,041,377");
        assert_eq!(count(999u32), "999");
    }
}
