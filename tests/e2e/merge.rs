//! Merging two records of one person side by side, and undoing it: on the sample community, a
//! suggested pair is compared, one field is taken from the other record, the pair is merged, and
//! the merge is undone from the notice — checked in the window and in the community file.

use std::sync::Arc;
use std::time::{Duration, Instant};

use kizuna_core::duplicates::{DuplicateSuggestion, find_duplicates};
use kizuna_core::members::{list_members, member_detail};
use kizuna_core::merge::{FieldValue, MemberField, Side, merge_preview};
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

/// Profile fields the member page shows as typed, so a picked value can be seen there.
const SHOWN_FIELDS: [MemberField; 6] = [
    MemberField::DisplayName,
    MemberField::Email,
    MemberField::Phone,
    MemberField::City,
    MemberField::Source,
    MemberField::Notes,
];

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

/// What the test merges: the pair, the field taken from the merged record and both its values.
struct Plan {
    index: usize,
    pair: DuplicateSuggestion,
    field: MemberField,
    old_value: String,
    taken_value: String,
    moved_handles: Vec<String>,
    suggestions: usize,
}

/// The first suggestion whose second record has an identity (so something visibly moves), and
/// the first shown field where the merge would keep the first record's value without a pick.
fn plan(store: &Store) -> Result<Plan, String> {
    let conn = store.conn();
    let all = find_duplicates(conn, 500).map_err(|e| e.to_string())?;
    for (index, pair) in all.iter().enumerate() {
        let merged = member_detail(conn, &pair.second.id).map_err(|e| e.to_string())?;
        if merged.identities.is_empty() {
            continue;
        }
        let preview =
            merge_preview(conn, &pair.first.id, &pair.second.id).map_err(|e| e.to_string())?;
        let field = preview
            .fields
            .iter()
            .find_map(|f| match (&f.kept, &f.merged) {
                (Some(FieldValue::Text(old)), Some(FieldValue::Text(taken)))
                    if f.differs
                        && f.default_side == Side::Kept
                        && SHOWN_FIELDS.contains(&f.field) =>
                {
                    Some((f.field, old.clone(), taken.clone()))
                }
                _ => None,
            });
        if let Some((field, old_value, taken_value)) = field {
            return Ok(Plan {
                index,
                pair: pair.clone(),
                field,
                old_value,
                taken_value,
                moved_handles: merged.identities.into_iter().map(|i| i.handle).collect(),
                suggestions: all.len(),
            });
        }
    }
    Err("no suggested pair with an identity and a differing field to pick".to_owned())
}

/// `(merged_into, deleted?)` of a member row, read straight from the file.
fn merge_state(store: &Store, id: &str) -> (Option<String>, bool) {
    store
        .conn()
        .query_row(
            "SELECT merged_into, deleted_at IS NOT NULL FROM members WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("member row")
}

/// Changes one profile field in the file behind the app's back (as a later edit would).
fn set_field(s: &AppSession, id: &str, field: MemberField, value: &str) {
    let sql = format!("UPDATE members SET {} = ?1 WHERE id = ?2", field.column());
    let changed = sample(s)
        .conn()
        .execute(&sql, [value, id])
        .expect("change the field");
    assert_eq!(changed, 1, "one member row changed");
}

fn field_value(store: &Store, id: &str, field: MemberField) -> Option<String> {
    store
        .conn()
        .query_row(
            &format!("SELECT {} FROM members WHERE id = ?1", field.column()),
            [id],
            |r| r.get(0),
        )
        .expect("member field")
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn two_duplicates_are_merged_field_by_field_and_the_merge_is_undone() {
    run_flow("merge", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        let plan = plan(&sample(s))?;
        let (kept, merged) = (&plan.pair.first, &plan.pair.second);
        let field = plan.field.column();

        // Possible duplicates → "Compare and merge" on the chosen pair.
        s.click("[data-testid=nav-members]").await?;
        s.click("[data-testid=open-duplicates]").await?;
        let buttons = s
            .wait_for_all("[data-testid=compare-merge]", "compare buttons", |n| {
                n == plan.suggestions
            })
            .await?;
        s.screenshot("merge-duplicates").await;
        buttons[plan.index].click().await.map_err(e)?;
        s.wait_for_all(
            &format!(
                "[data-testid=merge-kept-head][data-member-id='{}']",
                kept.id
            ),
            "the kept member's column",
            |n| n == 1,
        )
        .await?;

        // Take the field from the other record.
        let row = format!(
            "[data-testid=merge-field][data-field={}]",
            camel(plan.field)
        );
        s.wait_for_all(&format!("{row}[data-chosen=kept]"), "default pick", |n| {
            n == 1
        })
        .await?;
        s.click(&format!("{row} label[data-side=merged]")).await?;
        s.wait_for_all(&format!("{row}[data-chosen=merged]"), "picked side", |n| {
            n == 1
        })
        .await?;
        s.screenshot("merge-compare").await;

        // Swapping which member stays keeps the picked value picked, now on the other side.
        s.click("[data-testid=swap-kept]").await?;
        s.wait_for_all(
            &format!(
                "[data-testid=merge-kept-head][data-member-id='{}']",
                merged.id
            ),
            "the swapped kept column",
            |n| n == 1,
        )
        .await?;
        s.wait_for_all(
            &format!("{row}[data-chosen=kept]"),
            "pick after swap",
            |n| n == 1,
        )
        .await?;
        s.click("[data-testid=swap-kept]").await?;
        s.wait_for_all(
            &format!(
                "[data-testid=merge-kept-head][data-member-id='{}']",
                kept.id
            ),
            "the kept column again",
            |n| n == 1,
        )
        .await?;
        s.wait_for_all(
            &format!("{row}[data-chosen=merged]"),
            "pick after swapping back",
            |n| n == 1,
        )
        .await?;
        scroll_to(s, "[data-testid=confirm-merge]").await?;
        s.screenshot("merge-compare-summary").await;
        s.click("[data-testid=lang-ja]").await?;
        s.wait_for_text(
            "[data-testid=confirm-merge]",
            "Japanese merge button",
            |t| t == "統合する",
        )
        .await?;
        s.screenshot("merge-compare-ja").await;
        s.click("[data-testid=lang-en]").await?;
        s.click("[data-testid=confirm-merge]").await?;

        // The kept member's page: the notice, the chosen value and the moved identities.
        s.wait_for_text("[data-testid=merge-notice]", "merge notice", |t| {
            t.contains(&format!("Merged {} into this member", merged.display_name))
        })
        .await?;
        wait_for_page_text(s, "the taken value", |t| t.contains(&plan.taken_value)).await?;
        for handle in &plan.moved_handles {
            wait_for_page_text(s, "a moved identity", |t| t.contains(handle.as_str())).await?;
        }
        s.wait_for_all(
            "[data-testid=merge-history] [data-testid=merge-record-undo]",
            "undoable record",
            |n| n == 1,
        )
        .await?;
        s.screenshot("merge-kept-page").await;
        scroll_to(s, "[data-testid=merge-history]").await?;
        s.screenshot("merge-history").await;
        {
            let store = sample(s);
            assert_eq!(
                merge_state(&store, &merged.id),
                (Some(kept.id.clone()), true)
            );
            assert_eq!(
                field_value(&store, &kept.id, plan.field).as_deref(),
                Some(plan.taken_value.as_str()),
                "{field}"
            );
        }

        // Comparing the pair again is refused: the other record is merged away.
        s.driver.back().await.map_err(e)?;
        s.wait_for_all(
            "[data-testid=error-notice][data-error-code=invalidInput]",
            "already merged",
            |n| n == 1,
        )
        .await?;
        s.screenshot("merge-refused").await;
        s.driver.forward().await.map_err(e)?;
        s.wait_for_all("[data-testid=undo-merge]", "undo button", |n| n == 1)
            .await?;

        // The merged member no longer shows in search.
        search(s, &merged.display_name).await?;
        wait_for_rows(s, &merged.id, 0).await?;

        // Undo from the notice on the kept member's page: refused while the taken field has been
        // changed since (the change would be lost), done once it holds the merged value again.
        s.driver.back().await.map_err(e)?;
        set_field(s, &kept.id, plan.field, "changed after the merge");
        s.click("[data-testid=undo-merge]").await?;
        s.wait_for_text("[data-testid=undo-error]", "refused undo", |t| {
            t.starts_with("Undo refused:") && t.contains("changed after the merge")
        })
        .await?;
        s.screenshot("merge-undo-refused").await;
        set_field(s, &kept.id, plan.field, &plan.taken_value);
        s.click("[data-testid=undo-merge]").await?;
        s.wait_for_all(
            "[data-testid=merge-notice][data-undone=true]",
            "undone notice",
            |n| n == 1,
        )
        .await?;
        s.wait_for_all(
            "[data-testid=merge-record][data-undone=true]",
            "undone record",
            |n| n == 1,
        )
        .await?;
        wait_for_page_text(s, "the old value", |t| t.contains(&plan.old_value)).await?;
        s.click("[data-testid=lang-ja]").await?;
        s.wait_for_text("[data-testid=merge-history] h2", "Japanese history", |t| {
            t == "統合の履歴"
        })
        .await?;
        s.screenshot("merge-undone-ja").await;
        scroll_to(s, "[data-testid=merge-history]").await?;
        s.screenshot("merge-history-undone-ja").await;
        s.click("[data-testid=lang-en]").await?;
        {
            let store = sample(s);
            assert_eq!(merge_state(&store, &merged.id), (None, false));
            assert_eq!(
                field_value(&store, &kept.id, plan.field).as_deref(),
                Some(plan.old_value.as_str()),
                "{field}"
            );
        }

        // Both members are found again, and the pair is suggested again.
        search(s, &merged.display_name).await?;
        wait_for_rows(s, &merged.id, 1).await?;
        search(s, &kept.display_name).await?;
        wait_for_rows(s, &kept.id, 1).await?;
        s.click("[data-testid=open-duplicates]").await?;
        s.wait_for_all(
            "[data-testid=compare-merge]",
            "suggestions after undo",
            |n| n == plan.suggestions,
        )
        .await?;
        Ok(())
    })
    .await;
}

/// The field's name as the UI's `data-field` writes it (`display_name` → `displayName`).
fn camel(field: MemberField) -> String {
    serde_json::to_value(field)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Opens Members, searches for `text` (replacing any earlier search) and waits until the list
/// shows as many matches as the core finds in the file.
async fn search(s: &AppSession, text: &str) -> Result<(), String> {
    s.click("[data-testid=nav-members]").await?;
    s.replace_text("[data-testid=member-search]", text).await?;
    let total = list_members(sample(s).conn(), text, 0, 1)
        .map_err(|e| e.to_string())?
        .total;
    let counted = if total == 1 {
        "1 member".to_owned()
    } else {
        format!("{total} members")
    };
    s.wait_for_text("[data-testid=member-count]", "search result count", |t| {
        t == counted
    })
    .await
    .map(|_| ())
}

/// Waits until the member list shows `count` rows of member `id` (rows sit in a size container:
/// WebKitWebDriver calls them hidden, so they are counted, not read).
async fn wait_for_rows(s: &AppSession, id: &str, count: usize) -> Result<(), String> {
    s.wait_for_all(
        &format!("[data-testid=member-row][data-member-id='{id}']"),
        "member row",
        |n| n == count,
    )
    .await
    .map(|_| ())
}

/// Waits until the member page's text passes `check`.
async fn wait_for_page_text(
    s: &AppSession,
    what: &str,
    check: impl Fn(&str) -> bool,
) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(page) = s.driver.find(By::Css(".member-detail")).await
            && let Ok(Some(text)) = page.prop("textContent").await
        {
            if check(&text) {
                return Ok(());
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    Err(format!(
        "{what}: the member page never showed it; it read {last:?}"
    ))
}

/// Scrolls the first element matching `css` into view, for a screenshot.
async fn scroll_to(s: &AppSession, css: &str) -> Result<(), String> {
    let found = s
        .wait_for_all(css, "element to scroll to", |n| n >= 1)
        .await?;
    found[0].scroll_into_view().await.map_err(e)
}

fn e(error: WebDriverError) -> String {
    error.to_string()
}
