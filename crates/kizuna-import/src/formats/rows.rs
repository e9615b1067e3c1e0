//! One row of a mapped file into a [`SourceRecord`]: the person, their accounts and tags, and
//! for attendee exports the event and registration. A cell that cannot be read refuses its row
//! with the line, the column and what is wrong.

use chrono_tz::Tz;
use kizuna_core::Invalid;
use kizuna_core::members::validate_email;

use super::builtin::format_status;
use super::mapping::{Field, Mapping};
use super::values::{ascii_width, parse_money, read_time, split_list};
use super::{FormatId, MapContext};
use crate::record::{
    AttendanceIn, EventIn, IdentityIn, PersonIn, RegistrationIn, RowError, SourceRecord,
};
use crate::table::RawRow;

/// Column positions of each field.
pub struct Columns {
    external: Option<usize>,
    full: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    reading: Option<usize>,
    email: Option<usize>,
    phone: Option<usize>,
    country: Option<usize>,
    city: Option<usize>,
    joined: Option<usize>,
    tags: Option<usize>,
    event_id: Option<usize>,
    event_title: Option<usize>,
    event_start: Option<usize>,
    event_end: Option<usize>,
    venue: Option<usize>,
    status: Option<usize>,
    checked_in: Option<usize>,
    checked_in_at: Option<usize>,
    ticket: Option<usize>,
    price: Option<usize>,
    currency: Option<usize>,
    registered: Option<usize>,
    handles: Vec<(usize, String)>,
    profile_urls: Vec<(usize, String)>,
}

impl Columns {
    pub fn of(mapping: &Mapping, headers: &[String]) -> Self {
        let col = |f: Field| mapping.column(headers, &f);
        Self {
            external: col(Field::ExternalId),
            full: col(Field::FullName),
            first: col(Field::FirstName),
            last: col(Field::LastName),
            reading: col(Field::NameReading),
            email: col(Field::Email),
            phone: col(Field::Phone),
            country: col(Field::Country),
            city: col(Field::City),
            joined: col(Field::JoinedAt),
            tags: col(Field::Tags),
            event_id: col(Field::EventId),
            event_title: col(Field::EventTitle),
            event_start: col(Field::EventStart),
            event_end: col(Field::EventEnd),
            venue: col(Field::EventVenue),
            status: col(Field::Status),
            checked_in: col(Field::CheckedIn),
            checked_in_at: col(Field::CheckedInAt),
            ticket: col(Field::TicketType),
            price: col(Field::Price),
            currency: col(Field::Currency),
            registered: col(Field::RegisteredAt),
            handles: mapping.handles(headers),
            profile_urls: mapping.profile_urls(headers),
        }
    }

    /// Whether rows say something about a registration.
    pub fn registers(&self) -> bool {
        self.status.is_some()
            || self.checked_in.is_some()
            || self.checked_in_at.is_some()
            || self.ticket.is_some()
    }

    /// Whether rows name their event.
    pub fn has_event(&self) -> bool {
        self.event_title.is_some()
    }
}

/// A registration status word, in the words of the platforms and in Japanese.
fn attendance(word: &str) -> Option<AttendanceIn> {
    let w = word.trim().to_lowercase();
    Some(match w.as_str() {
        "approved" | "attending" | "going" | "registered" | "confirmed" | "yes" | "参加"
        | "参加予定" | "参加する" | "申込済" | "申込済み" => AttendanceIn::Going,
        "checked in" | "checked_in" | "attended" | "出席" | "来場" | "参加済" | "参加済み"
        | "受付済" => AttendanceIn::Attended,
        "declined" | "not attending" | "cancelled" | "canceled" | "refunded" | "deleted" | "no"
        | "キャンセル" | "不参加" | "取消" => AttendanceIn::Cancelled,
        "waitlist"
        | "waitlisted"
        | "pending_approval"
        | "pending"
        | "補欠"
        | "キャンセル待ち"
        | "抽選待ち" => AttendanceIn::Waitlist,
        "no-show" | "no show" | "no_show" | "欠席" | "無断欠席" => AttendanceIn::NoShow,
        _ => return None,
    })
}

/// What a check-in cell says.
enum CheckIn {
    Yes,
    No,
    NoShow,
}

fn check_in_word(word: &str) -> Option<CheckIn> {
    let w = word.trim().to_lowercase();
    Some(match w.as_str() {
        "yes" | "true" | "1" | "済" | "はい" | "○" | "〇" | "出席" | "checked in" | "attended"
        | "参加済" | "来場" => CheckIn::Yes,
        "no" | "false" | "0" | "未" | "いいえ" | "-" | "未出席" | "not checked in" => {
            CheckIn::No
        }
        "欠席" | "無断欠席" | "no-show" | "no show" | "noshow" | "absent" => CheckIn::NoShow,
        _ => return None,
    })
}

/// Whether a name is written in Japanese (family name first).
fn is_japanese(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
    })
}

/// The handle a profile URL names: its last path segment (`…/members/12537919/` → `12537919`).
fn handle_of_url(url: &str) -> Option<String> {
    url.split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .map(|s| s.trim_start_matches('@').to_owned())
        .filter(|s| !s.is_empty() && !s.contains(':'))
}

/// Reads rows of one file.
pub struct RowReader<'a> {
    pub headers: &'a [String],
    pub columns: &'a Columns,
    pub format: FormatId,
    pub zone: Tz,
    pub context: &'a MapContext,
    /// Whether rows become registrations (the file lists them and their event is known).
    pub registers: bool,
}

impl RowReader<'_> {
    fn fail(&self, row: &RawRow, i: Option<usize>, why: Invalid) -> RowError {
        RowError {
            column: i.and_then(|i| self.headers.get(i)).cloned(),
            ..RowError::refused(row.line, &why)
        }
    }

    fn time(&self, row: &RawRow, i: Option<usize>) -> Result<Option<i64>, RowError> {
        match cell(row, i) {
            None => Ok(None),
            Some(t) => read_time(&t, self.zone)
                .map(Some)
                .map_err(|m| self.fail(row, i, m)),
        }
    }

    /// The record of one row, or why the row is refused.
    pub fn read(&self, row: &RawRow) -> Result<SourceRecord, RowError> {
        let person = self.person(row)?;
        let mut record = SourceRecord {
            line: row.line,
            person,
            ..SourceRecord::default()
        };
        if self.registers {
            let (event, registration) = self.registration(row)?;
            record.event = Some(event);
            record.registration = Some(registration);
        }
        Ok(record)
    }

    fn person(&self, row: &RawRow) -> Result<PersonIn, RowError> {
        let c = self.columns;
        // Shopify and Mailchimp write ids and phone numbers with a leading ' so that
        // spreadsheets keep them as text; the quote is not part of the value.
        let unquoted = |i| cell(row, i).map(|v| v.trim_start_matches('\'').trim().to_owned());
        let mut external_id = unquoted(c.external).filter(|v| !v.is_empty());
        if self.format == FormatId::Meetup {
            // Meetup writes the same id as `user 12537919` in one export, `12537919` in another.
            external_id = external_id.map(|id| {
                id.strip_prefix("user ")
                    .or_else(|| id.strip_prefix("User "))
                    .unwrap_or(&id)
                    .to_owned()
            });
        }
        let full = cell(row, c.full).or_else(|| {
            let (first, last) = (cell(row, c.first), cell(row, c.last));
            match (first, last) {
                (Some(f), Some(l)) if is_japanese(&f) || is_japanese(&l) => {
                    Some(format!("{l} {f}"))
                }
                (Some(f), Some(l)) => Some(format!("{f} {l}")),
                (one, other) => one.or(other),
            }
        });
        let email = match cell(row, c.email) {
            None => None,
            Some(raw) => {
                let email = ascii_width(&raw);
                let email = email.trim().trim_start_matches("mailto:").to_owned();
                validate_email(&email).map_err(|e| match e.invalid() {
                    Some(why) => self.fail(row, c.email, why.clone()),
                    None => RowError {
                        column: c.email.and_then(|i| self.headers.get(i)).cloned(),
                        message: e.to_string(),
                        detail: e.detail(),
                        line: row.line,
                    },
                })?;
                Some(email)
            }
        };
        let person = PersonIn {
            external_id,
            display_name: full,
            name_reading: cell(row, c.reading),
            email,
            phone: unquoted(c.phone).filter(|v| !v.is_empty()),
            locale: None,
            country: cell(row, c.country),
            city: cell(row, c.city),
            joined_at: self.time(row, c.joined)?,
            tags: cell(row, c.tags)
                .map(|t| split_list(&t))
                .unwrap_or_default(),
            identities: self.identities(row),
        };
        if person.display_name.is_none() && person.email.is_none() && person.identities.is_empty() {
            return Err(self.fail(
                row,
                None,
                kizuna_core::invalid_reason!(
                    "importFiles.rowNobody",
                    "the row has no name, email or handle"
                ),
            ));
        }
        Ok(person)
    }

    fn identities(&self, row: &RawRow) -> Vec<IdentityIn> {
        let mut identities: Vec<IdentityIn> = self
            .columns
            .handles
            .iter()
            .filter_map(|(i, platform)| {
                cell(row, Some(*i)).map(|h| IdentityIn {
                    platform: platform.clone(),
                    handle: h.trim_start_matches('@').to_owned(),
                    url: None,
                    followers: None,
                })
            })
            .filter(|i| !i.handle.is_empty())
            .collect();
        for (i, platform) in &self.columns.profile_urls {
            let Some(url) = cell(row, Some(*i)) else {
                continue;
            };
            match identities.iter_mut().find(|id| &id.platform == platform) {
                Some(identity) => identity.url = Some(url),
                None => {
                    if let Some(handle) = handle_of_url(&url) {
                        identities.push(IdentityIn {
                            platform: platform.clone(),
                            handle,
                            url: Some(url),
                            followers: None,
                        });
                    }
                }
            }
        }
        identities
    }

    fn registration(&self, row: &RawRow) -> Result<(EventIn, RegistrationIn), RowError> {
        let c = self.columns;
        let event = match cell(row, c.event_title) {
            Some(title) => EventIn {
                external_id: cell(row, c.event_id),
                title,
                starts_at: self.time(row, c.event_start)?,
                ends_at: self.time(row, c.event_end)?,
                online: None,
                venue: cell(row, c.venue),
                url: None,
            },
            None => self.context.event.clone().unwrap_or_default(),
        };
        // An export that names its event but not when it starts takes the start given for it.
        let event = match (&self.context.event, event.starts_at) {
            (Some(given), None) => EventIn {
                starts_at: given.starts_at,
                ends_at: event.ends_at.or(given.ends_at),
                ..event
            },
            _ => event,
        };
        let (checked_in, checked_in_at) = self.check_in(row)?;
        let mut status = match cell(row, c.status) {
            None => AttendanceIn::Going,
            Some(word) => format_status(self.format, &word)
                .or_else(|| attendance(&word))
                .ok_or_else(|| {
                    self.fail(
                        row,
                        c.status,
                        kizuna_core::invalid_reason!(
                            "importFiles.unknownStatus",
                            "\"{word}\" is not a registration status; use attending, checked in, cancelled, waitlist, no-show (or 参加, 出席, キャンセル, 補欠, 欠席)",
                            word
                        ),
                    )
                })?,
        };
        if status == AttendanceIn::Going {
            match checked_in {
                Some(CheckIn::Yes) => status = AttendanceIn::Attended,
                Some(CheckIn::NoShow) => status = AttendanceIn::NoShow,
                _ => {}
            }
        }
        let currency = cell(row, c.currency)
            .map(|s| s.to_uppercase())
            .filter(|s| s.len() == 3);
        let price_minor = match cell(row, c.price) {
            None => None,
            Some(p) => Some(
                parse_money(&p, currency.as_deref().unwrap_or("JPY"))
                    .unwrap_or(Ok(0))
                    .map_err(|m| self.fail(row, c.price, m))?,
            ),
        };
        let registration = RegistrationIn {
            status,
            ticket_type: cell(row, c.ticket),
            price_minor,
            currency: currency.or_else(|| price_minor.map(|_| "JPY".to_owned())),
            registered_at: self.time(row, c.registered)?,
            checked_in_at,
        };
        Ok((event, registration))
    }

    /// What the check-in columns say, and when the person was checked in.
    fn check_in(&self, row: &RawRow) -> Result<(Option<CheckIn>, Option<i64>), RowError> {
        let c = self.columns;
        let mut at = self.time(row, c.checked_in_at)?;
        let mark = match cell(row, c.checked_in) {
            None => None,
            Some(v) => match check_in_word(&v) {
                Some(word) => Some(word),
                None => {
                    let time = read_time(&v, self.zone).map_err(|_| {
                        self.fail(
                            row,
                            c.checked_in,
                            kizuna_core::invalid_reason!(
                                "importFiles.unknownCheckIn",
                                "\"{v}\" does not say whether they came; use yes or no (済 / 未, 出席 / 欠席) or the check-in time",
                                v
                            ),
                        )
                    })?;
                    at = at.or(Some(time));
                    Some(CheckIn::Yes)
                }
            },
        };
        let mark = match (mark, at) {
            (None, Some(_)) => Some(CheckIn::Yes),
            (mark, _) => mark,
        };
        Ok((mark, at))
    }
}

fn cell(row: &RawRow, i: Option<usize>) -> Option<String> {
    i.and_then(|i| row.cells.get(i))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}
