//! `kizuna bench --app` on a small community: the real app is launched five times under the
//! test's display and each launch reports its painted Dashboard; the idle memory of the app and
//! of its WebKit processes and the binary's size are read. A behaviour check, not a timed test.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::harness::app_binary;

#[test]
#[ignore = "needs the built app and CLI and a display: run by scripts/test"]
fn the_bench_times_the_apps_start_up_and_reads_its_idle_memory() {
    let app = app_binary();
    let cli = Path::new(env!("CARGO_BIN_EXE_kizuna-app")).with_file_name("kizuna");
    assert!(
        cli.exists(),
        "build the CLI first: cargo build -p kizuna-cli"
    );
    let out = Command::new(&cli)
        .args(["bench", "--members", "300", "--json", "--app", &app])
        .output()
        .expect("kizuna bench");
    assert!(
        out.status.success(),
        "bench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let launches = json["measurements"]
        .as_array()
        .expect("measurements")
        .iter()
        .find(|m| m["name"] == "app.first_paint")
        .expect("app.first_paint measured");
    assert_eq!(launches["runs"], 5, "{launches}");
    assert!(
        launches["p50Ms"].as_f64().unwrap_or_default() > 0.0,
        "{launches}"
    );
    let facts = &json["app"];
    let memory = &facts["idleMemory"];
    let app_rss = memory["appRss"].as_u64().unwrap_or_default();
    let all_rss = memory["withWebKitRss"].as_u64().unwrap_or_default();
    assert!(app_rss > 0, "the app's memory was not read: {facts}");
    assert!(
        all_rss > app_rss && memory["processes"].as_u64().unwrap_or_default() >= 2,
        "the WebKit processes were not counted: {facts}"
    );
    assert!(
        facts["binaryBytes"].as_u64().unwrap_or_default() > 1_000_000,
        "{facts}"
    );
}
