//! Ideas: on the sample, an idea is created (an empty title first gets the core's message), two
//! members vote by member search (a repeated vote gets the message), it moves to planned then
//! shipped, and the sample's early access (or another sample perk with room) is granted to its voters: the preview's counts on
//! screen equal the core's preview on the sample file, and after the grant the file has it.

use std::sync::Arc;

use kizuna_core::ideas::{IdeaAudience, audience_ids};
use kizuna_core::perks::preview_grant_to_members;
use kizuna_core::store::OpenMode;
use kizuna_core::{Clock, Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

const TITLE: &str = "E2E: a decaf Spring Blend";
/// The details added through Edit.
const DETAILS: &str = "Same beans, Swiss water process, for evenings.";
const PERK: &str = "Early access: Spring Blend 2026";

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

fn one(store: &Store, sql: &str) -> Result<String, String> {
    store
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .map_err(|err| format!("{sql}: {err}"))
}

/// A sample perk and two voters for it (by email, to search for them): one the core says would
/// get it, and one who already has it. Early access first, else another sample perk with room.
fn perk_and_voters(store: &Store) -> Result<(String, [String; 2]), String> {
    let now = SystemClock.now_ms();
    let emails = |sql: &str| -> Result<Vec<(String, String)>, String> {
        let mut stmt = store.conn().prepare(sql).map_err(|err| err.to_string())?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|err| err.to_string())?;
        rows.collect::<Result<_, _>>()
            .map_err(|err| err.to_string())
    };
    let perks = emails(&format!(
        "SELECT id, name FROM perks ORDER BY name = '{PERK}' DESC, name"
    ))?;
    for (perk, _) in perks {
        let live = format!(
            "SELECT 1 FROM perk_grants g WHERE g.perk_id = '{perk}' AND g.member_id = m.id
               AND g.status IN ('granted', 'redeemed')"
        );
        let holders = emails(&format!(
            "SELECT m.id, m.email FROM members m WHERE m.email IS NOT NULL
               AND m.deleted_at IS NULL AND EXISTS ({live}) ORDER BY m.id LIMIT 1"
        ))?;
        let others = emails(&format!(
            "SELECT m.id, m.email FROM members m LEFT JOIN member_scores s ON s.member_id = m.id
             WHERE m.email IS NOT NULL AND m.deleted_at IS NULL AND NOT EXISTS ({live})
             ORDER BY coalesce(s.level_rank, 0) DESC, m.id LIMIT 400"
        ))?;
        let Some((_, holder)) = holders.into_iter().next() else {
            continue;
        };
        for (id, email) in others {
            let preview = preview_grant_to_members(store.conn(), &perk, &[id], now)
                .map_err(|err| format!("core preview: {err}"))?;
            if preview.gets == 1 {
                return Ok((perk, [email, holder]));
            }
        }
    }
    Err("no sample perk has room for another member".to_owned())
}

async fn vote_for(s: &AppSession, email: &str) -> Result<(), String> {
    s.type_into("[data-testid=idea-vote-search]", email).await?;
    s.click("[data-testid=idea-vote-search-result]").await
}

async fn text_of(s: &AppSession, css: &str) -> Result<String, String> {
    let found = s.wait_for_all(css, css, |n| n >= 1).await?;
    found[0].text().await.map_err(e)
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn an_idea_gets_votes_ships_and_its_voters_get_early_access() {
    run_flow("ideas", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        let (perk, [fresh, holder]) = perk_and_voters(&sample(s))?;

        // An empty title gets the core's message at the form; then the idea is saved.
        s.click("[data-testid=nav-ideas]").await?;
        s.click("[data-testid=new-idea]").await?;
        s.click("[data-testid=idea-save]").await?;
        s.wait_for_text(".idea-form [role=alert]", "empty title", |t| {
            t.contains("An idea needs a title")
        })
        .await?;
        s.type_into("[data-testid=idea-title]", TITLE).await?;
        s.click("[data-testid=idea-save]").await?;
        s.wait_for_text("[data-testid=idea-heading]", "idea page", |t| t == TITLE)
            .await?;

        // The details are added later through Edit; the title typed before is kept.
        s.click("[data-testid=idea-edit]").await?;
        let field = s
            .wait_for_all("[data-testid=idea-title]", "edit form", |n| n == 1)
            .await?
            .remove(0);
        // The form fills in once the idea has loaded; type only after that.
        let mut filled = false;
        for _ in 0..100 {
            if field.prop("value").await.map_err(e)?.as_deref() == Some(TITLE) {
                filled = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if !filled {
            return Err("the edit form never showed the idea's title".to_owned());
        }
        s.type_into("[data-testid=idea-body]", DETAILS).await?;
        s.click("[data-testid=idea-save]").await?;
        s.wait_for_text("[data-testid=idea-body-text]", "details shown", |t| {
            t == DETAILS
        })
        .await?;
        s.wait_for_text("[data-testid=idea-heading]", "title kept", |t| t == TITLE)
            .await?;

        // Two votes by member search; a repeated vote gets the core's message.
        vote_for(s, &fresh).await?;
        s.wait_for_text("[data-testid=idea-vote-count]", "one vote", |t| {
            t.starts_with("1 vote ·")
        })
        .await?;
        vote_for(s, &holder).await?;
        s.wait_for_text("[data-testid=idea-vote-count]", "two votes", |t| {
            t.starts_with("2 votes ·")
        })
        .await?;
        vote_for(s, &holder).await?;
        s.wait_for_text("[data-testid=idea-votes] [role=alert]", "repeated vote", |t| {
            t.contains("already voted on")
        })
        .await?;

        // Planned, then shipped.
        s.click("[data-testid=idea-move-planned]").await?;
        s.wait_for_text("[data-testid=idea-notice]", "planned", |t| t == "Now Planned.")
            .await?;
        s.click("[data-testid=idea-move-shipped]").await?;
        s.wait_for_text("[data-testid=idea-notice]", "shipped", |t| t == "Now Shipped.")
            .await?;
        // Shipped is final: no move is offered any more.
        s.wait_for_all("[data-testid^=idea-move-]", "moves once shipped", |n| n == 0)
            .await?;

        // The preview on screen says what the core says on the same file.
        let select = s
            .wait_for_all("[data-testid=idea-grant-perk]", "perk select", |n| n == 1)
            .await?;
        s.driver
            .execute(
                "arguments[0].value = arguments[1];
                 arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
                vec![select[0].to_json().map_err(e)?, serde_json::json!(perk)],
            )
            .await
            .map_err(e)?;
        s.click("[data-testid=idea-grant-preview]").await?;
        let on_screen = [
            text_of(s, "[data-testid=idea-grant-gets]").await?,
            text_of(s, "[data-testid=idea-grant-not-eligible]").await?,
            text_of(s, "[data-testid=idea-grant-already]").await?,
            text_of(s, "[data-testid=idea-grant-out]").await?,
        ];
        let core = {
            let store = sample(s);
            let idea = one(&store, &format!("SELECT id FROM ideas WHERE title = '{TITLE}'"))?;
            let members = audience_ids(store.conn(), &idea, IdeaAudience::Voters)
                .map_err(|err| format!("voters: {err}"))?;
            preview_grant_to_members(store.conn(), &perk, &members, SystemClock.now_ms())
                .map_err(|err| format!("core preview: {err}"))?
        };
        let expected = [core.gets, core.not_eligible, core.already_has, core.out_of_stock]
            .map(|n| n.to_string());
        if on_screen != expected {
            return Err(format!("preview on screen {on_screen:?}, core {expected:?}"));
        }
        if (core.gets, core.already_has) != (1, 1) {
            return Err(format!("one voter should get it, the other has it: {core:?}"));
        }

        // Grant: the file has a live grant for every voter the preview said gets it.
        {
            s.click("[data-testid=idea-grant-button]").await?;
            s.wait_for_text("[data-testid=idea-notice]", "granted", |t| {
                t == "Granted to 1 member."
            })
            .await?;
            let store = sample(s);
            for row in core.rows.iter().filter(|r| r.outcome == kizuna_core::perks::BulkOutcome::Gets) {
                let live = one(
                    &store,
                    &format!(
                        "SELECT status FROM perk_grants WHERE perk_id = '{perk}' AND member_id = '{}'",
                        row.member_id
                    ),
                )?;
                if live != "granted" {
                    return Err(format!("{} has status {live} after the grant", row.member_name));
                }
            }
        }
        s.screenshot("ideas-granted").await;
        Ok(())
    })
    .await;
}

fn e(error: WebDriverError) -> String {
    error.to_string()
}
