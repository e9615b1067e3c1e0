//! Discord: a server's (guild's) members, paged by user id, become members with a `discord`
//! identity; the messages of its text and announcement channels, paged forward with `after`,
//! become `post` activities linking to the message. A bot token reads them (the bot needs the
//! Server Members intent and Read Message History). The cursor keeps the last message id of
//! each channel; members are listed in full each time (Discord pages them by user id, not by
//! when they joined), which imports nothing twice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::http::Http;
use super::{
    Connection, ConnectorError, Fetch, Fetched, Token, read_cursor, time_ms, write_cursor,
};
use crate::record::{ActivityIn, IdentityIn, PersonIn, RowError, SourceRecord};

/// Where the last sync stopped: the last message id read in each channel.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cursor {
    channels: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct User {
    id: String,
    username: String,
    #[serde(default)]
    global_name: Option<String>,
    #[serde(default)]
    bot: bool,
}

/// A guild member object.
#[derive(Debug, Deserialize)]
struct Member {
    user: User,
    #[serde(default)]
    nick: Option<String>,
    #[serde(default)]
    joined_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Channel {
    id: String,
    #[serde(rename = "type")]
    kind: u8,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Message {
    id: String,
    author: User,
    timestamp: String,
    #[serde(rename = "type", default)]
    kind: u8,
    #[serde(default)]
    webhook_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Guild {
    name: String,
}

/// Text (0) and announcement (5) channels hold messages people write.
const MESSAGE_CHANNELS: [u8; 2] = [0, 5];
/// Default (0) and reply (19) messages are what people write; the rest are system notices.
const PERSON_MESSAGES: [u8; 2] = [0, 19];
const MAX_PAGES: u32 = 1_000_000;

pub(super) fn headers(token: &Token) -> Vec<(&'static str, String)> {
    vec![("authorization", format!("Bot {}", token.reveal()))]
}

/// The guild itself: proves the bot is in it.
pub(super) async fn check(
    http: &mut Http<'_>,
    connection: &Connection,
) -> Result<String, ConnectorError> {
    let guild: Guild = http
        .get_json(&format!("/guilds/{}", connection.account), &[])
        .await?;
    Ok(format!(
        "Connected to the Discord server \"{}\" ({})",
        guild.name, connection.account
    ))
}

fn snowflake(id: &str) -> u64 {
    id.parse().unwrap_or(0)
}

pub(super) async fn fetch(
    fetch: &mut Fetch<'_, '_>,
    connection: &Connection,
    cursor: Option<serde_json::Value>,
) -> Result<Fetched, ConnectorError> {
    let mut cursor: Cursor = read_cursor(cursor);
    let guild = connection.account.as_str();
    let mut records = members(fetch, guild).await?;
    let mut errors = Vec::new();
    let channels: Vec<Channel> = fetch
        .http
        .get_json(&format!("/guilds/{guild}/channels"), &[])
        .await?;
    for channel in channels
        .iter()
        .filter(|c| MESSAGE_CHANNELS.contains(&c.kind))
    {
        let after = cursor.channels.get(&channel.id).cloned();
        match messages(fetch, guild, channel, after.as_deref(), &mut records).await {
            Ok(Some(last)) => {
                cursor.channels.insert(channel.id.clone(), last);
            }
            Ok(None) => {}
            // A channel the bot may not read is skipped, not the whole server.
            Err(ConnectorError::Forbidden { .. }) => errors.push(RowError::refused(
                0,
                &kizuna_core::invalid_reason!(
                    "importFiles.channelForbidden",
                    "the bot may not read #{channel} (403); its messages were skipped",
                    channel = channel.name.as_deref().unwrap_or(&channel.id)
                ),
            )),
            Err(e) => return Err(e),
        }
    }
    for (i, record) in records.iter_mut().enumerate() {
        record.line = i as u64 + 1;
    }
    Ok(Fetched {
        records,
        cursor: write_cursor(&cursor),
        time_zone: None,
        errors,
    })
}

fn person(user: &User, nick: Option<&str>) -> PersonIn {
    let name = nick
        .or(user.global_name.as_deref())
        .filter(|n| !n.trim().is_empty())
        .map(str::to_owned);
    PersonIn {
        external_id: Some(user.id.clone()),
        display_name: name,
        identities: vec![IdentityIn {
            platform: "discord".to_owned(),
            handle: user.username.clone(),
            url: None,
            followers: None,
        }],
        ..PersonIn::default()
    }
}

/// Every member, paged by user id.
async fn members(
    fetch: &mut Fetch<'_, '_>,
    guild: &str,
) -> Result<Vec<SourceRecord>, ConnectorError> {
    let path = format!("/guilds/{guild}/members");
    let mut records = Vec::new();
    let mut after = "0".to_owned();
    for _ in 0..MAX_PAGES {
        let query = [("limit", "1000".to_owned()), ("after", after.clone())];
        let page: Vec<Member> = fetch.http.get_json(&path, &query).await?;
        let Some(highest) = page
            .iter()
            .map(|m| &m.user.id)
            .max_by_key(|id| snowflake(id))
        else {
            break;
        };
        if snowflake(highest) <= snowflake(&after) {
            break;
        }
        after = highest.clone();
        for member in page.iter().filter(|m| !m.user.bot) {
            let mut person = person(&member.user, member.nick.as_deref());
            person.joined_at = member.joined_at.as_deref().and_then(time_ms);
            records.push(SourceRecord {
                person,
                ..SourceRecord::default()
            });
        }
        fetch.read("server members", page.len())?;
    }
    Ok(records)
}

/// A channel's messages after `after` (from the start when `None`); the last id read.
async fn messages(
    fetch: &mut Fetch<'_, '_>,
    guild: &str,
    channel: &Channel,
    after: Option<&str>,
    records: &mut Vec<SourceRecord>,
) -> Result<Option<String>, ConnectorError> {
    let path = format!("/channels/{}/messages", channel.id);
    let what = format!("messages in #{}", channel.name.as_deref().unwrap_or(""));
    let mut last: Option<String> = None;
    let mut after = after.unwrap_or("0").to_owned();
    for _ in 0..MAX_PAGES {
        let query = [("limit", "100".to_owned()), ("after", after.clone())];
        let page: Vec<Message> = fetch.http.get_json(&path, &query).await?;
        let Some(highest) = page.iter().map(|m| &m.id).max_by_key(|id| snowflake(id)) else {
            break;
        };
        if snowflake(highest) <= snowflake(&after) {
            break;
        }
        after = highest.clone();
        last = Some(highest.clone());
        for message in &page {
            if message.author.bot
                || message.webhook_id.is_some()
                || !PERSON_MESSAGES.contains(&message.kind)
            {
                continue;
            }
            let Some(occurred_at) = time_ms(&message.timestamp) else {
                continue;
            };
            records.push(SourceRecord {
                person: person(&message.author, None),
                activities: vec![ActivityIn {
                    external_id: Some(format!("message:{}", message.id)),
                    activity_type: "post".to_owned(),
                    occurred_at,
                    platform: Some("discord".to_owned()),
                    url: Some(format!(
                        "https://discord.com/channels/{guild}/{}/{}",
                        channel.id, message.id
                    )),
                }],
                ..SourceRecord::default()
            });
        }
        fetch.read(&what, page.len())?;
    }
    Ok(last)
}
