//! The people behind an idea — authors, commenters and voters, each once — to thank them or
//! grant them early access.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{FAMILY, idea_state};
use crate::error::Result;
use crate::export_file::write_csv_record;

/// One person who took part in an idea, with how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contributor {
    pub member_id: String,
    pub name: String,
    pub email: Option<String>,
    /// Any of `author`, `commenter`, `voter`, in that order.
    pub roles: Vec<String>,
}

/// Live members who wrote the idea (or an idea merged into it), commented on it or voted on
/// it, each once, ordered by name.
pub fn contributors(conn: &Connection, idea: &str) -> Result<Vec<Contributor>> {
    idea_state(conn, idea)?;
    let sql = format!(
        "{FAMILY}, part(member_id, role) AS (
            SELECT author_id, 'author' FROM ideas WHERE id IN (SELECT id FROM fam)
            UNION SELECT member_id, 'commenter' FROM idea_comments WHERE idea_id IN (SELECT id FROM fam)
            UNION SELECT member_id, 'voter' FROM idea_votes WHERE idea_id IN (SELECT id FROM fam))
         SELECT m.id, m.display_name, m.email, p.role FROM part p JOIN members m ON m.id = p.member_id
         WHERE m.deleted_at IS NULL AND m.merged_into IS NULL"
    );
    let mut people: BTreeMap<String, Contributor> = BTreeMap::new();
    let rows: Vec<(String, String, Option<String>, String)> = conn
        .prepare_cached(&sql)?
        .query_map([idea], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name, email, role) in rows {
        people
            .entry(id.clone())
            .or_insert_with(|| Contributor {
                member_id: id,
                name,
                email,
                roles: Vec::new(),
            })
            .roles
            .push(role);
    }
    let order = |r: &String| ["author", "commenter", "voter"].iter().position(|x| x == r);
    let mut list: Vec<Contributor> = people.into_values().collect();
    for c in &mut list {
        c.roles.sort_by_key(order);
    }
    list.sort_by(|a, b| a.name.cmp(&b.name).then(a.member_id.cmp(&b.member_id)));
    Ok(list)
}

/// [`contributors`] as CSV: `member_id,name,email,roles` (roles joined by `;`).
pub fn contributors_csv(conn: &Connection, idea: &str) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| {
        crate::invalid!("ideas.csvUnwritable", "the CSV cannot be written ({e})", e)
    };
    write_csv_record(&mut out, ["member_id", "name", "email", "roles"]).map_err(io)?;
    for c in contributors(conn, idea)? {
        write_csv_record(
            &mut out,
            [
                c.member_id.as_str(),
                c.name.as_str(),
                c.email.as_deref().unwrap_or(""),
                c.roles.join(";").as_str(),
            ],
        )
        .map_err(io)?;
    }
    let bytes = out.into_inner().map_err(|e| {
        crate::invalid!("ideas.csvUnwritable", "the CSV cannot be written ({e})", e)
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
