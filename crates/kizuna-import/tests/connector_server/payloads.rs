//! The platforms' objects in their documented shapes (fields Kizuna does not read included, so
//! the connectors are tested against what the platforms really send), and a small community
//! on each platform.

use serde_json::{Value, json};

use super::{GUILD, Platform};

pub fn discourse_user(id: i64, username: &str, name: &str, email: &str, created: &str) -> Value {
    json!({
        "id": id,
        "username": username,
        "name": name,
        "avatar_template": format!("/user_avatar/forum.example.com/{username}/{{size}}/1_2.png"),
        "email": email,
        "secondary_emails": [],
        "active": true,
        "admin": false,
        "moderator": false,
        "last_seen_at": "2026-11-20T08:00:00.000Z",
        "last_emailed_at": null,
        "created_at": created,
        "last_seen_age": 86400.0,
        "last_emailed_age": null,
        "created_at_age": 1000000.0,
        "trust_level": 1,
        "manual_locked_trust_level": null,
        "title": null,
        "time_read": 600,
        "staged": false,
        "days_visited": 12,
        "posts_read_count": 40,
        "topics_entered": 9,
        "post_count": 3
    })
}

#[allow(clippy::too_many_arguments)]
pub fn discourse_post(
    id: u64,
    user_id: i64,
    username: &str,
    name: &str,
    topic_id: u64,
    slug: &str,
    post_number: u64,
    created: &str,
) -> Value {
    json!({
        "id": id,
        "name": name,
        "username": username,
        "avatar_template": format!("/user_avatar/forum.example.com/{username}/{{size}}/1_2.png"),
        "created_at": created,
        "cooked": "<p>Tried a rosetta today.</p>",
        "post_number": post_number,
        "post_type": 1,
        "updated_at": created,
        "reply_count": 0,
        "reply_to_post_number": null,
        "quote_count": 0,
        "incoming_link_count": 0,
        "reads": 4,
        "readers_count": 3,
        "score": 0.8,
        "yours": false,
        "topic_id": topic_id,
        "topic_slug": slug,
        "topic_title": slug.replace('-', " "),
        "topic_html_title": slug.replace('-', " "),
        "category_id": 4,
        "display_username": name,
        "primary_group_name": null,
        "flair_name": null,
        "version": 1,
        "can_edit": true,
        "can_delete": false,
        "user_title": null,
        "bookmarked": false,
        "raw": "Tried a rosetta today.",
        "actions_summary": [],
        "moderator": false,
        "admin": false,
        "staff": false,
        "user_id": user_id,
        "hidden": false,
        "trust_level": 1,
        "deleted_at": null,
        "user_deleted": false,
        "edit_reason": null,
        "can_view_edit_history": true,
        "wiki": false
    })
}

pub fn discord_user(id: &str, username: &str, global_name: Option<&str>, bot: bool) -> Value {
    let mut user = json!({
        "id": id,
        "username": username,
        "discriminator": "0",
        "global_name": global_name,
        "avatar": "8342729096ea3675442027381ff50dfe",
        "public_flags": 0
    });
    if bot {
        user["bot"] = json!(true);
    }
    user
}

pub fn discord_member(user: Value, nick: Option<&str>, joined_at: &str) -> Value {
    json!({
        "user": user,
        "nick": nick,
        "avatar": null,
        "roles": [],
        "joined_at": joined_at,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "communication_disabled_until": null
    })
}

pub fn discord_channel(id: &str, name: &str, kind: u8) -> Value {
    json!({
        "id": id,
        "type": kind,
        "guild_id": GUILD,
        "position": 0,
        "permission_overwrites": [],
        "name": name,
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "parent_id": null,
        "rate_limit_per_user": 0
    })
}

pub fn discord_message(id: &str, channel: &str, author: Value, at: &str, kind: u8) -> Value {
    json!({
        "id": id,
        "type": kind,
        "channel_id": channel,
        "author": author,
        "content": "おはようございます ☕",
        "timestamp": at,
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "flags": 0,
        "components": []
    })
}

pub fn eventbrite_event(id: &str, title: &str, start_utc: &str, end_utc: &str) -> Value {
    json!({
        "name": { "text": title, "html": title },
        "description": { "text": null, "html": null },
        "id": id,
        "url": format!("https://www.eventbrite.com/e/{id}"),
        "start": { "timezone": "Asia/Tokyo", "local": start_utc.trim_end_matches('Z'), "utc": start_utc },
        "end": { "timezone": "Asia/Tokyo", "local": end_utc.trim_end_matches('Z'), "utc": end_utc },
        "organization_id": super::ORG,
        "created": "2026-09-01T00:00:00Z",
        "changed": "2026-09-01T00:00:00Z",
        "capacity": 30,
        "capacity_is_custom": false,
        "status": "live",
        "currency": "JPY",
        "listed": true,
        "shareable": true,
        "online_event": false,
        "tx_time_limit": 480,
        "hide_start_date": false,
        "hide_end_date": false,
        "locale": "ja_JP",
        "is_locked": false,
        "privacy_setting": "unlocked",
        "is_series": false,
        "is_series_parent": false,
        "is_reserved_seating": false,
        "venue_id": "55555",
        "venue": { "id": "55555", "name": "Kizuna Roastery, Shibuya", "address": { "city": "Shibuya", "country": "JP" } }
    })
}

/// An attendee; `state` is (status, checked_in, cancelled, refunded).
pub fn eventbrite_attendee(
    id: &str,
    event: &str,
    (first, last, email): (&str, &str, &str),
    state: (&str, bool, bool, bool),
    changed: &str,
) -> Value {
    let (status, checked_in, cancelled, refunded) = state;
    let money = |value: i64| json!({"display": format!("¥{value}"), "currency": "JPY", "value": value, "major_value": value.to_string()});
    json!({
        "team": null,
        "costs": {
            "base_price": money(1500),
            "eventbrite_fee": money(0),
            "gross": money(1500),
            "payment_fee": money(0),
            "tax": money(0)
        },
        "resource_uri": format!("https://www.eventbriteapi.com/v3/events/{event}/attendees/{id}/"),
        "id": id,
        "changed": changed,
        "created": "2026-10-01T03:00:00Z",
        "quantity": 1,
        "variant_id": null,
        "profile": {
            "first_name": first,
            "last_name": last,
            "email": email,
            "name": format!("{first} {last}"),
            "addresses": {}
        },
        "barcodes": [{
            "status": if checked_in { "used" } else { "unused" },
            "barcode": format!("{id}001"),
            "created": "2026-10-01T03:00:00Z",
            "changed": if checked_in { "2026-10-10T09:55:00Z" } else { "2026-10-01T03:00:00Z" },
            "checkin_type": 0,
            "is_printed": false
        }],
        "answers": [],
        "checked_in": checked_in,
        "cancelled": cancelled,
        "refunded": refunded,
        "affiliate": null,
        "guestlist_id": null,
        "invited_by": null,
        "status": status,
        "ticket_class_name": "General",
        "delivery_method": "electronic",
        "event_id": event,
        "order_id": format!("9{id}"),
        "ticket_class_id": "263793801"
    })
}

/// A small community on all three platforms.
pub fn community() -> Platform {
    let mut p = Platform {
        discourse_users: vec![
            discourse_user(
                -1,
                "system",
                "system",
                "no_email",
                "2026-01-01T00:00:00.000Z",
            ),
            discourse_user(
                1,
                "aiko",
                "Aiko Tanaka",
                "aiko@example.jp",
                "2026-01-05T03:00:00.000Z",
            ),
            discourse_user(
                2,
                "ben",
                "Ben Ito",
                "ben@example.jp",
                "2026-02-10T03:00:00.000Z",
            ),
            discourse_user(3, "chie", "", "chie@example.jp", "2026-03-15T03:00:00.000Z"),
        ],
        discourse_posts: vec![
            discourse_post(
                101,
                1,
                "aiko",
                "Aiko Tanaka",
                10,
                "latte-art-tips",
                1,
                "2026-11-01T10:00:00.000Z",
            ),
            discourse_post(
                102,
                2,
                "ben",
                "Ben Ito",
                10,
                "latte-art-tips",
                2,
                "2026-11-01T11:00:00.000Z",
            ),
            discourse_post(
                103,
                3,
                "chie",
                "",
                11,
                "grinder-advice",
                1,
                "2026-11-02T09:00:00.000Z",
            ),
            discourse_post(
                104,
                1,
                "aiko",
                "Aiko Tanaka",
                10,
                "latte-art-tips",
                3,
                "2026-11-03T09:00:00.000Z",
            ),
            discourse_post(
                105,
                -1,
                "system",
                "system",
                12,
                "welcome",
                1,
                "2026-11-04T00:00:00.000Z",
            ),
        ],
        ..Platform::default()
    };
    let aiko = discord_user("100000000000000001", "aiko_t", Some("Aiko"), false);
    let ben = discord_user("100000000000000002", "ben.ito", None, false);
    let bot = discord_user("100000000000000003", "kizuna-bot", None, true);
    let chie = discord_user("100000000000000004", "chie", Some("Chie"), false);
    p.discord_members = vec![
        discord_member(aiko.clone(), None, "2026-01-05T03:00:00.000000+00:00"),
        discord_member(
            ben.clone(),
            Some("Ben the Barista"),
            "2026-02-10T03:00:00.000000+00:00",
        ),
        discord_member(bot.clone(), None, "2026-02-11T03:00:00.000000+00:00"),
        discord_member(chie.clone(), None, "2026-03-15T03:00:00.000000+00:00"),
    ];
    p.discord_channels = vec![
        discord_channel(GENERAL, "general", 0),
        discord_channel("900000000000000002", "Lounge", 2),
        discord_channel(NEWS, "announcements", 5),
    ];
    p.discord_messages.insert(
        GENERAL.to_owned(),
        vec![
            discord_message(
                "1100000000000000001",
                GENERAL,
                aiko,
                "2026-11-01T10:00:00.000000+00:00",
                0,
            ),
            discord_message(
                "1100000000000000002",
                GENERAL,
                ben,
                "2026-11-01T10:05:00.000000+00:00",
                19,
            ),
            discord_message(
                "1100000000000000003",
                GENERAL,
                bot,
                "2026-11-01T10:06:00.000000+00:00",
                0,
            ),
        ],
    );
    p.discord_messages.insert(
        NEWS.to_owned(),
        vec![
            discord_message(
                "1100000000000000010",
                NEWS,
                chie.clone(),
                "2026-11-02T00:00:00.000000+00:00",
                7,
            ),
            discord_message(
                "1100000000000000011",
                NEWS,
                chie,
                "2026-11-02T01:00:00.000000+00:00",
                0,
            ),
        ],
    );
    p.discord_messages
        .insert("900000000000000002".to_owned(), Vec::new());
    p.eventbrite_events = vec![
        eventbrite_event(
            "7001",
            "Latte art night",
            "2026-10-10T10:00:00Z",
            "2026-10-10T12:00:00Z",
        ),
        eventbrite_event(
            "7002",
            "Roastery tour",
            "2026-10-20T01:00:00Z",
            "2026-10-20T03:00:00Z",
        ),
        eventbrite_event(
            "7003",
            "Cupping (draft)",
            "2026-12-01T10:00:00Z",
            "2026-12-01T12:00:00Z",
        ),
    ];
    p.eventbrite_attendees.insert(
        "7001".to_owned(),
        vec![
            eventbrite_attendee(
                "5001",
                "7001",
                ("Aiko", "Tanaka", "aiko@example.jp"),
                ("Checked In", true, false, false),
                "2026-10-10T09:55:00Z",
            ),
            eventbrite_attendee(
                "5002",
                "7001",
                ("Ben", "Ito", "ben@example.jp"),
                ("Attending", false, false, false),
                "2026-10-02T00:00:00Z",
            ),
            eventbrite_attendee(
                "5003",
                "7001",
                ("Chie", "Mori", "chie@example.jp"),
                ("Not Attending", false, true, true),
                "2026-10-05T00:00:00Z",
            ),
        ],
    );
    p.eventbrite_attendees.insert(
        "7002".to_owned(),
        vec![eventbrite_attendee(
            "5004",
            "7002",
            ("Aiko", "Tanaka", "AIKO@example.jp"),
            ("Attending", false, false, false),
            "2026-10-03T00:00:00Z",
        )],
    );
    p.eventbrite_attendees.insert("7003".to_owned(), Vec::new());
    p
}

pub const GENERAL: &str = "900000000000000001";
pub const NEWS: &str = "900000000000000003";
