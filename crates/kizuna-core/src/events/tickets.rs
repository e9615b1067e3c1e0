//! Ticket types of an event: a name and a price in minor units of the event's currency.

use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::ids::EventId;
use crate::store::{SyncedTable, Writer};

/// One kind of ticket, e.g. "General" at 3,000 JPY.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketType {
    pub id: String,
    pub event_id: String,
    pub name: String,
    /// Price in minor units of `currency` (JPY has none: 3000 is ¥3,000).
    #[ts(type = "number")]
    pub price_minor: i64,
    pub currency: String,
}

/// Adds a ticket type to `event`, priced in the event's currency.
pub fn add_ticket_type(
    w: &mut Writer<'_>,
    event: &EventId,
    name: &str,
    price_minor: i64,
) -> Result<TicketType> {
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::invalid!(
            "events.ticketNameMissing",
            "a ticket type needs a name"
        ));
    }
    if price_minor < 0 {
        return Err(crate::invalid!(
            "events.negativePrice",
            "a ticket price cannot be negative (got {price})",
            price = price_minor
        ));
    }
    let existing = ticket_types(w.tx(), event)?;
    if existing.iter().any(|t| t.name == name) {
        return Err(crate::invalid!(
            "events.ticketExists",
            "this event already has a ticket type called \"{name}\"",
            name
        ));
    }
    let currency: String = w
        .tx()
        .prepare_cached("SELECT currency FROM events WHERE id = ?1")?
        .query_row([event.as_str()], |r| r.get(0))
        .map_err(|_| CoreError::NotFound {
            what: "event",
            id: event.to_string(),
        })?;
    let id = uuid::Uuid::now_v7().to_string();
    w.insert(
        SyncedTable::TicketTypes,
        &id,
        &[
            ("event_id", Value::Text(event.to_string())),
            ("name", Value::Text(name.to_owned())),
            ("price_minor", Value::Integer(price_minor)),
            ("currency", Value::Text(currency.clone())),
            ("position", Value::Integer(existing.len() as i64)),
        ],
    )?;
    Ok(TicketType {
        id,
        event_id: event.to_string(),
        name: name.to_owned(),
        price_minor,
        currency,
    })
}

/// The ticket types of `event`, in the order they were added.
pub fn ticket_types(conn: &Connection, event: &EventId) -> Result<Vec<TicketType>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, event_id, name, price_minor, currency FROM ticket_types
             WHERE event_id = ?1 ORDER BY position, id",
        )?
        .query_map([event.as_str()], |r| {
            Ok(TicketType {
                id: r.get(0)?,
                event_id: r.get(1)?,
                name: r.get(2)?,
                price_minor: r.get(3)?,
                currency: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Copies the ticket types of `from` to `to` (a template copy).
pub(super) fn copy_ticket_types(w: &mut Writer<'_>, from: &EventId, to: &EventId) -> Result<()> {
    for ticket in ticket_types(w.tx(), from)? {
        add_ticket_type(w, to, &ticket.name, ticket.price_minor)?;
    }
    Ok(())
}
