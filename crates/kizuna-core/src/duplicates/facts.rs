//! What duplicate detection knows about each live member, read in two queries and normalised
//! once.

use std::collections::HashMap;

use rusqlite::Connection;

use super::name_keys::NameKeys;
use super::normalize::{email_key, handle_key, phone_key, platform_key};
use crate::error::Result;

/// One live member's identifying facts, normalised.
#[derive(Debug, Clone)]
pub struct MemberFacts {
    pub id: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_year: Option<i64>,
    /// (platform, handle) keys, sorted.
    pub handles: Vec<(String, String)>,
    pub name: NameKeys,
}

impl MemberFacts {
    /// The handle keys this member has on `platform`.
    pub fn handles_on<'a>(&'a self, platform: &'a str) -> impl Iterator<Item = &'a str> {
        self.handles
            .iter()
            .filter(move |(p, _)| p == platform)
            .map(|(_, h)| h.as_str())
    }
}

/// Every live member (`deleted_at IS NULL`), in id order (UUIDv7: oldest record first).
pub fn load(conn: &Connection) -> Result<Vec<MemberFacts>> {
    let mut members = conn
        .prepare(
            "SELECT id, display_name, name_reading, email, phone, birth_year
             FROM members WHERE deleted_at IS NULL ORDER BY id",
        )?
        .query_map([], |r| {
            let display_name: String = r.get(1)?;
            let reading: Option<String> = r.get(2)?;
            let email: Option<String> = r.get(3)?;
            let phone: Option<String> = r.get(4)?;
            Ok(MemberFacts {
                id: r.get(0)?,
                name: NameKeys::of(&display_name, reading.as_deref()),
                display_name,
                email: email.as_deref().and_then(email_key),
                phone: phone.as_deref().and_then(phone_key),
                birth_year: r.get(5)?,
                handles: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let position: HashMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut handles: Vec<(usize, (String, String))> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT i.member_id, i.platform, i.handle FROM identities i
         JOIN members m ON m.id = i.member_id WHERE m.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let member: String = row.get(0)?;
        let (platform, handle): (String, String) = (row.get(1)?, row.get(2)?);
        if let (Some(&i), Some(handle)) = (position.get(member.as_str()), handle_key(&handle)) {
            handles.push((i, (platform_key(&platform), handle)));
        }
    }
    drop(position);
    for (i, handle) in handles {
        members[i].handles.push(handle);
    }
    for member in &mut members {
        member.handles.sort_unstable();
        member.handles.dedup();
    }
    Ok(members)
}
