//! The audit log records who did what, in the same transaction as the change itself.

#![allow(clippy::unwrap_used)]

mod common;

use kizuna_core::audit::{recent, record};
use kizuna_core::error::CoreError;
use serde_json::json;

use common::*;

#[test]
fn an_audit_entry_names_the_user_the_device_and_the_action() {
    let (_dir, mut store) = new_store();
    store
        .write(|w| record(w, "member.erase", Some("m-1"), &json!({ "identities": 2 })))
        .unwrap();
    let entries = recent(store.conn(), None, 10).unwrap();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.action, "member.erase");
    assert_eq!(entry.subject.as_deref(), Some("m-1"));
    assert_eq!(entry.details, r#"{"identities":2}"#);
    assert_eq!(entry.at, now().timestamp_millis());
    assert!(!entry.actor.is_empty());
    let site: String = store.meta("site_id").unwrap().expect("site id");
    assert_eq!(entry.device, site, "the device is this file's replica id");
}

#[test]
fn an_audit_entry_is_rolled_back_with_the_write_that_failed() {
    let (_dir, mut store) = new_store();
    let result: Result<(), CoreError> = store.write(|w| {
        record(w, "member.merge", Some("m-1"), &json!({}))?;
        Err(kizuna_core::invalid!(
            "test.mergeFailed",
            "the merge failed"
        ))
    });
    assert!(result.is_err());
    assert!(recent(store.conn(), None, 10).unwrap().is_empty());
}

#[test]
fn entries_about_one_subject_come_newest_first() {
    let (_dir, mut store) = new_store();
    store
        .write(|w| {
            record(w, "member.merge", Some("m-1"), &json!({}))?;
            record(w, "member.merge", Some("m-2"), &json!({}))?;
            record(w, "member.merge_undone", Some("m-1"), &json!({}))
        })
        .unwrap();
    let about_m1 = recent(store.conn(), Some("m-1"), 10).unwrap();
    let actions: Vec<&str> = about_m1.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["member.merge_undone", "member.merge"]);
}
