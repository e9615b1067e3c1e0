//! Writes to synced tables, each appending per-cell rows to the change log in the same
//! transaction (the team-sync issue merges these per cell by `(hlc, site)`).

use rusqlite::Transaction;
use rusqlite::types::Value;

use crate::error::{CoreError, Result};
use crate::hlc::Hlc;

/// The tables whose rows sync between replicas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncedTable {
    Members,
    Identities,
    Tags,
    MemberTags,
    ActivityTypes,
    Activities,
    Events,
    Registrations,
    Campaigns,
    Settings,
    Levels,
    AuditLog,
    Merges,
    Segments,
    Referrals,
    MemberTraits,
    BudgetLines,
    EventFeedback,
    EventSuggestions,
    SuggestionVotes,
    TicketTypes,
    CampaignEvents,
    CampaignInfluencers,
    CampaignDeliverables,
    CampaignCodes,
    CampaignAttributions,
    Perks,
    PerkWaves,
    PerkGrants,
    PerkCodes,
    Ideas,
    IdeaStatusChanges,
    IdeaVotes,
    IdeaComments,
}

impl SyncedTable {
    /// The SQL table name.
    pub fn name(self) -> &'static str {
        match self {
            SyncedTable::Members => "members",
            SyncedTable::Identities => "identities",
            SyncedTable::Tags => "tags",
            SyncedTable::MemberTags => "member_tags",
            SyncedTable::ActivityTypes => "activity_types",
            SyncedTable::Activities => "activities",
            SyncedTable::Events => "events",
            SyncedTable::Registrations => "registrations",
            SyncedTable::Campaigns => "campaigns",
            SyncedTable::Settings => "settings",
            SyncedTable::Levels => "levels",
            SyncedTable::AuditLog => "audit_log",
            SyncedTable::Merges => "merges",
            SyncedTable::Segments => "segments",
            SyncedTable::Referrals => "referrals",
            SyncedTable::MemberTraits => "member_traits",
            SyncedTable::BudgetLines => "budget_lines",
            SyncedTable::EventFeedback => "event_feedback",
            SyncedTable::EventSuggestions => "event_suggestions",
            SyncedTable::SuggestionVotes => "suggestion_votes",
            SyncedTable::TicketTypes => "ticket_types",
            SyncedTable::CampaignEvents => "campaign_events",
            SyncedTable::CampaignInfluencers => "campaign_influencers",
            SyncedTable::CampaignDeliverables => "campaign_deliverables",
            SyncedTable::CampaignCodes => "campaign_codes",
            SyncedTable::CampaignAttributions => "campaign_attributions",
            SyncedTable::Perks => "perks",
            SyncedTable::PerkWaves => "perk_waves",
            SyncedTable::PerkGrants => "perk_grants",
            SyncedTable::PerkCodes => "perk_codes",
            SyncedTable::Ideas => "ideas",
            SyncedTable::IdeaStatusChanges => "idea_status_changes",
            SyncedTable::IdeaVotes => "idea_votes",
            SyncedTable::IdeaComments => "idea_comments",
        }
    }
}

impl SyncedTable {
    /// Every synced table, in the order rows may depend on each other.
    pub const ALL: [SyncedTable; 34] = [
        SyncedTable::Members,
        SyncedTable::Identities,
        SyncedTable::Tags,
        SyncedTable::MemberTags,
        SyncedTable::ActivityTypes,
        SyncedTable::Activities,
        SyncedTable::Events,
        SyncedTable::Registrations,
        SyncedTable::Campaigns,
        SyncedTable::Settings,
        SyncedTable::Levels,
        SyncedTable::AuditLog,
        SyncedTable::Merges,
        SyncedTable::Segments,
        SyncedTable::Referrals,
        SyncedTable::MemberTraits,
        SyncedTable::BudgetLines,
        SyncedTable::EventFeedback,
        SyncedTable::EventSuggestions,
        SyncedTable::SuggestionVotes,
        SyncedTable::TicketTypes,
        SyncedTable::CampaignEvents,
        SyncedTable::CampaignInfluencers,
        SyncedTable::CampaignDeliverables,
        SyncedTable::CampaignCodes,
        SyncedTable::CampaignAttributions,
        SyncedTable::Perks,
        SyncedTable::PerkWaves,
        SyncedTable::PerkGrants,
        SyncedTable::PerkCodes,
        SyncedTable::Ideas,
        SyncedTable::IdeaStatusChanges,
        SyncedTable::IdeaVotes,
        SyncedTable::IdeaComments,
    ];

    /// The synced table called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<SyncedTable> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The change-log column that records a row's existence: 1 when created, 0 when deleted.
pub const ROW_CELL: &str = "_row";

/// Meta key holding the greatest hybrid logical clock this file has written.
pub const HLC_HIGH_WATER: &str = "hlc_high_water";

/// A write transaction. Dropped without [`Writer::commit`], it rolls back.
pub struct Writer<'s> {
    tx: Transaction<'s>,
    site: i64,
    hlc: &'s mut Hlc,
    /// The clock when the transaction began; a different one at commit is saved.
    started_at: Hlc,
    now_ms: i64,
    actor: &'s Actor,
}

/// Who writes: the local user and the device (this file's replica id), for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub device: String,
}

impl<'s> Writer<'s> {
    pub(crate) fn new(
        tx: Transaction<'s>,
        site: i64,
        hlc: &'s mut Hlc,
        now_ms: i64,
        actor: &'s Actor,
    ) -> Self {
        let started_at = *hlc;
        Self {
            tx,
            site,
            hlc,
            started_at,
            now_ms,
            actor,
        }
    }

    pub(crate) fn commit(self) -> Result<()> {
        if *self.hlc != self.started_at {
            // Saved with the changes, so reopening never has to scan the log for its maximum.
            self.tx
                .prepare_cached(
                    "INSERT INTO kizuna_meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )?
                .execute(rusqlite::params![
                    HLC_HIGH_WATER,
                    self.hlc.packed().to_string()
                ])?;
        }
        Ok(self.tx.commit()?)
    }

    /// The transaction, for reads inside a write and for derived (unsynced) columns.
    pub fn tx(&self) -> &Transaction<'s> {
        &self.tx
    }

    /// Who is writing, for the audit log.
    pub fn actor(&self) -> &Actor {
        self.actor
    }

    /// The write's "now", in unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.now_ms
    }

    /// Inserts a row and logs its non-null cells plus its existence.
    pub fn insert(&mut self, table: SyncedTable, id: &str, cells: &[(&str, Value)]) -> Result<()> {
        let columns: Vec<&str> = cells.iter().map(|(c, _)| *c).collect();
        let placeholders: Vec<String> = (2..=cells.len() + 1).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} (id{}{}) VALUES (?1{}{})",
            table.name(),
            if columns.is_empty() { "" } else { ", " },
            columns.join(", "),
            if placeholders.is_empty() { "" } else { ", " },
            placeholders.join(", ")
        );
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(cells.len() + 1);
        values.push(&id);
        values.extend(cells.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        self.tx.prepare_cached(&sql)?.execute(values.as_slice())?;
        let hlc = self.next_hlc();
        self.log(table, id, ROW_CELL, &Value::Integer(1), hlc)?;
        for (column, value) in cells {
            if *value != Value::Null {
                self.log(table, id, column, value, hlc)?;
            }
        }
        Ok(())
    }

    /// Updates cells of an existing row and logs each of them.
    pub fn update(&mut self, table: SyncedTable, id: &str, cells: &[(&str, Value)]) -> Result<()> {
        if cells.is_empty() {
            return Ok(());
        }
        let sets: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("{c} = ?{}", i + 2))
            .collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE id = ?1",
            table.name(),
            sets.join(", ")
        );
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(cells.len() + 1);
        values.push(&id);
        values.extend(cells.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        let changed = self.tx.prepare_cached(&sql)?.execute(values.as_slice())?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: table.name(),
                id: id.to_owned(),
            });
        }
        let hlc = self.next_hlc();
        for (column, value) in cells {
            self.log(table, id, column, value, hlc)?;
        }
        Ok(())
    }

    /// Deletes a row (used for set-like rows such as tags on a member) and logs a tombstone.
    pub fn delete(&mut self, table: SyncedTable, id: &str) -> Result<()> {
        let sql = format!("DELETE FROM {} WHERE id = ?1", table.name());
        let changed = self.tx.prepare_cached(&sql)?.execute([id])?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: table.name(),
                id: id.to_owned(),
            });
        }
        let hlc = self.next_hlc();
        self.log(table, id, ROW_CELL, &Value::Integer(0), hlc)
    }

    /// Moves this replica's clock past a clock received from another replica, so every later
    /// local write orders after what was received.
    pub fn observe(&mut self, remote: Hlc) {
        if remote > *self.hlc {
            *self.hlc = self.hlc.receive(remote, self.now_ms);
        }
    }

    /// This replica's number in `sync_sites`.
    pub fn site(&self) -> i64 {
        self.site
    }

    fn next_hlc(&mut self) -> Hlc {
        *self.hlc = self.hlc.tick(self.now_ms);
        *self.hlc
    }

    fn log(
        &self,
        table: SyncedTable,
        id: &str,
        column: &str,
        value: &Value,
        hlc: Hlc,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO change_log (tbl, pk, col, val, hlc, site) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(rusqlite::params![
                table.name(),
                id,
                column,
                value,
                hlc.packed(),
                self.site
            ])?;
        Ok(())
    }
}
