//! The built-in export formats: how each is recognised by its header, which of its columns
//! Kizuna reads, and its own words for a registration's status. Where the column names come
//! from is written down in `docs/import-formats.md`.

use super::FormatId;
use super::mapping::{ColumnMap, Field, Mapping, guess};
use crate::record::AttendanceIn;

fn has(headers: &[String], name: &str) -> bool {
    headers.iter().any(|h| h.eq_ignore_ascii_case(name))
}

fn has_any(headers: &[String], names: &[&str]) -> bool {
    names.iter().any(|n| has(headers, n))
}

/// The built-in format a header belongs to; `Generic` when it names a person some other way;
/// `None` when nothing in it says who a row is.
pub fn detect_format(headers: &[String]) -> Option<FormatId> {
    let h = headers;
    let format = if has(h, "api_id") && has(h, "approval_status") {
        FormatId::Luma
    } else if has(h, "Order #") && has_any(h, &["Attendee Status", "Attendee #"]) {
        FormatId::Eventbrite
    } else if has(h, "Accepts Email Marketing") || (has(h, "Total Spent") && has(h, "Total Orders"))
    {
        FormatId::Shopify
    } else if has(h, "Email Address")
        && has_any(h, &["MEMBER_RATING", "LEID", "EUID", "OPTIN_TIME"])
    {
        FormatId::Mailchimp
    } else if has(h, "username") && has(h, "trust_level") {
        FormatId::Discourse
    } else if has(h, "URL of Member Profile") || (has(h, "Joined Group on") && has(h, "User ID")) {
        FormatId::Meetup
    } else if has(h, "参加枠名") && has_any(h, &["ユーザー名", "表示名"]) {
        FormatId::Connpass
    } else if has_any(h, &["支払状況", "Payment Status"])
        && has_any(h, &["参加者名", "お名前(カナ)", "お名前（カナ）", "Name"])
    {
        FormatId::Peatix
    } else if (has(h, "名前")
        && has(h, "メールアドレス")
        && has(h, "チケット")
        && has(h, "チェックイン"))
        || (has(h, "Name") && has(h, "Email") && has(h, "Ticket") && has(h, "Checked in"))
    {
        FormatId::Doorkeeper
    } else {
        let guessed = guess(headers);
        let names_someone = guessed.columns.iter().any(|c| {
            matches!(
                c.field,
                Field::FullName | Field::FirstName | Field::Email | Field::Handle { .. }
            )
        });
        return names_someone.then_some(FormatId::Generic);
    };
    Some(format)
}

fn column(header: &str, field: Field) -> ColumnMap {
    ColumnMap {
        header: header.to_owned(),
        field,
    }
}

fn handle(platform: &str) -> Field {
    Field::Handle {
        platform: platform.to_owned(),
    }
}

fn profile_url(platform: &str) -> Field {
    Field::ProfileUrl {
        platform: platform.to_owned(),
    }
}

/// The columns a built-in format reads, best first where several hold the same field.
fn wanted(format: FormatId) -> Vec<ColumnMap> {
    use Field::*;
    let pairs: Vec<(&str, Field)> = match format {
        FormatId::Luma => vec![
            ("api_id", ExternalId),
            ("name", FullName),
            ("first_name", FirstName),
            ("last_name", LastName),
            ("email", Email),
            ("phone_number", Phone),
            ("created_at", RegisteredAt),
            ("approval_status", Status),
            ("checked_in_at", CheckedIn),
            ("ticket_name", TicketType),
            ("amount", Price),
            ("currency", Currency),
        ],
        FormatId::Eventbrite => vec![
            ("Attendee #", ExternalId),
            ("First Name", FirstName),
            ("Last Name", LastName),
            ("Email", Email),
            ("Cell Phone", Phone),
            ("Order Date", RegisteredAt),
            ("Attendee Status", Status),
            ("Ticket Type", TicketType),
            ("Total Paid", Price),
            ("Currency", Currency),
            ("Event Name", EventTitle),
            ("Event ID", EventId),
            ("Home City", City),
            ("Home Country", Country),
        ],
        FormatId::Meetup => vec![
            ("Member ID", ExternalId),
            ("User ID", ExternalId),
            ("Name", FullName),
            ("Location", City),
            ("Joined Group on", JoinedAt),
            ("URL of Member Profile", profile_url("meetup")),
            ("RSVP", Status),
            ("RSVPed on", RegisteredAt),
        ],
        FormatId::Connpass => vec![
            ("利用者ID", ExternalId),
            ("ユーザー名", handle("connpass")),
            ("表示名", FullName),
            ("参加枠名", TicketType),
            ("参加ステータス", Status),
            ("出欠ステータス", CheckedIn),
            ("出席日時", CheckedInAt),
            ("利用開始日", JoinedAt),
            ("更新日時", RegisteredAt),
            ("メールアドレス", Email),
        ],
        FormatId::Peatix => vec![
            ("参加者名", FullName),
            ("お名前(カナ)", FullName),
            ("お名前（カナ）", FullName),
            ("Name", FullName),
            ("メールアドレス", Email),
            ("Email", Email),
            ("チケット種別", TicketType),
            ("チケット名", TicketType),
            ("Ticket", TicketType),
            ("支払金額", Price),
            ("Amount", Price),
            ("支払状況", Status),
            ("Payment Status", Status),
            ("申込日", RegisteredAt),
            ("申込日時", RegisteredAt),
            ("Order Date", RegisteredAt),
            ("イベント名", EventTitle),
            ("Event", EventTitle),
            ("チェックイン", CheckedIn),
            ("Checked In", CheckedIn),
        ],
        FormatId::Doorkeeper => vec![
            ("名前", FullName),
            ("Name", FullName),
            ("メールアドレス", Email),
            ("Email", Email),
            ("チケット", TicketType),
            ("Ticket", TicketType),
            ("登録日時", RegisteredAt),
            ("Registered at", RegisteredAt),
            ("ステータス", Status),
            ("Status", Status),
            ("チェックイン", CheckedIn),
            ("Checked in", CheckedIn),
        ],
        FormatId::Shopify => vec![
            ("Customer ID", ExternalId),
            ("First Name", FirstName),
            ("Last Name", LastName),
            ("Email", Email),
            ("Phone", Phone),
            ("Default Address Phone", Phone),
            ("Default Address City", City),
            ("City", City),
            ("Default Address Country Code", Country),
            ("Country Code", Country),
            ("Tags", Tags),
        ],
        FormatId::Discourse => vec![
            ("id", ExternalId),
            ("name", FullName),
            ("username", handle("discourse")),
            ("email", Email),
            ("created_at", JoinedAt),
            ("location", City),
            ("group_names", Tags),
        ],
        FormatId::Mailchimp => vec![
            ("LEID", ExternalId),
            ("Email Address", Email),
            ("First Name", FirstName),
            ("Last Name", LastName),
            ("Phone Number", Phone),
            ("Phone", Phone),
            ("OPTIN_TIME", JoinedAt),
            ("CONFIRM_TIME", JoinedAt),
            ("CC", Country),
            ("TAGS", Tags),
        ],
        FormatId::Generic => Vec::new(),
    };
    pairs.into_iter().map(|(h, f)| column(h, f)).collect()
}

/// Fields a built-in mapping also takes from a column named like them when the format itself
/// has none (a connpass survey question "Twitter", a Mailchimp merge field "City").
fn also_guessed(field: &Field) -> bool {
    matches!(
        field,
        Field::Handle { .. }
            | Field::Email
            | Field::Phone
            | Field::NameReading
            | Field::Tags
            | Field::City
            | Field::Country
    )
}

/// The mapping of a built-in format (columns a file lacks are simply absent).
pub fn builtin_mapping(format: FormatId, headers: &[String]) -> Mapping {
    if format == FormatId::Generic {
        return guess(headers);
    }
    let mut columns: Vec<ColumnMap> = Vec::new();
    for want in wanted(format) {
        let present = headers
            .iter()
            .find(|h| h.eq_ignore_ascii_case(&want.header));
        if let Some(header) = present
            && !columns.iter().any(|c| c.field == want.field)
        {
            columns.push(column(header, want.field));
        }
    }
    for extra in guess(headers).columns {
        let free = !columns
            .iter()
            .any(|c| c.field == extra.field || c.header == extra.header);
        if also_guessed(&extra.field) && free {
            columns.push(extra);
        }
    }
    Mapping { columns }
}

/// A platform's own status words, read before the common ones.
pub fn format_status(format: FormatId, word: &str) -> Option<AttendanceIn> {
    let w = word.trim().to_lowercase();
    let w = w.as_str();
    Some(match format {
        FormatId::Connpass => match w {
            "抽選" | "抽選中" | "補欠(キャンセル待ち)" => AttendanceIn::Waitlist,
            _ => return None,
        },
        FormatId::Peatix => match w {
            "支払い済み" | "支払済み" | "支払済" | "無料" | "paid" | "free" | "支払い待ち"
            | "awaiting payment" | "payment pending" => AttendanceIn::Going,
            "期限切れ" | "expired" | "キャンセル済み" | "払い戻し済み" => {
                AttendanceIn::Cancelled
            }
            _ => return None,
        },
        FormatId::Meetup => match w {
            "waitlisted" | "wait list" => AttendanceIn::Waitlist,
            _ => return None,
        },
        _ => return None,
    })
}

/// The clock of times a format writes without a zone, when it is not the caller's:
/// Mailchimp writes its audience times in UTC.
pub fn format_zone(format: FormatId) -> Option<chrono_tz::Tz> {
    (format == FormatId::Mailchimp).then_some(chrono_tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn a_survey_column_adds_a_handle_to_a_builtin_mapping() {
        let h = header(&["参加枠名", "ユーザー名", "表示名", "Twitter"]);
        let mapping = builtin_mapping(FormatId::Connpass, &h);
        assert!(mapping.columns.contains(&column("Twitter", handle("x"))));
        assert!(
            mapping
                .columns
                .contains(&column("ユーザー名", handle("connpass")))
        );
    }

    #[test]
    fn the_first_present_column_wins_a_field() {
        let h = header(&["User ID", "Member ID", "Name"]);
        let mapping = builtin_mapping(FormatId::Meetup, &h);
        assert_eq!(mapping.column(&h, &Field::ExternalId), Some(1));
    }
}
