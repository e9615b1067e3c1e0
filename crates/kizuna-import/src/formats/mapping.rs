//! Which column holds what: the fields Kizuna imports and a file's mapping of its columns to
//! them, guessed from header names in English and Japanese, saved per source when edited.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Field {
    /// The platform's id of the person.
    ExternalId,
    FullName,
    FirstName,
    LastName,
    NameReading,
    Email,
    Phone,
    Country,
    City,
    JoinedAt,
    Tags,
    /// A handle on `platform` (x, instagram, discord, …).
    Handle {
        platform: String,
    },
    /// The person's profile page on `platform`; without a handle column the handle is the
    /// page's last path segment (a Meetup member id, a connpass user name).
    ProfileUrl {
        platform: String,
    },
    EventId,
    EventTitle,
    EventStart,
    EventEnd,
    EventVenue,
    /// Registration status words (attending, checked in, cancelled, 参加, キャンセル, …).
    Status,
    /// Yes/no (or a time) saying the person was checked in; 欠席 / no-show marks a no-show.
    CheckedIn,
    /// When the person was checked in.
    CheckedInAt,
    TicketType,
    Price,
    Currency,
    RegisteredAt,
    Ignore,
}

/// One column and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMap {
    pub header: String,
    pub field: Field,
}

/// A file's columns mapped to fields (columns not listed are ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    pub columns: Vec<ColumnMap>,
}

impl Mapping {
    /// The column index holding `field`, if any.
    pub fn column(&self, headers: &[String], field: &Field) -> Option<usize> {
        let header = &self.columns.iter().find(|c| &c.field == field)?.header;
        headers.iter().position(|h| h == header)
    }

    /// Columns holding handles, with their platform.
    pub fn handles(&self, headers: &[String]) -> Vec<(usize, String)> {
        self.platform_columns(headers, |f| match f {
            Field::Handle { platform } => Some(platform),
            _ => None,
        })
    }

    /// Columns holding profile URLs, with their platform.
    pub fn profile_urls(&self, headers: &[String]) -> Vec<(usize, String)> {
        self.platform_columns(headers, |f| match f {
            Field::ProfileUrl { platform } => Some(platform),
            _ => None,
        })
    }

    fn platform_columns(
        &self,
        headers: &[String],
        platform: impl Fn(&Field) -> Option<&String>,
    ) -> Vec<(usize, String)> {
        self.columns
            .iter()
            .filter_map(|c| {
                let platform = platform(&c.field)?;
                headers
                    .iter()
                    .position(|h| *h == c.header)
                    .map(|i| (i, platform.clone()))
            })
            .collect()
    }
}

fn folded(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !"_-#:：".contains(*c))
        .collect()
}

/// Header names (folded: lower case, no spaces, `_`, `-`, `#` or colons) and what they hold.
type Synonyms = (&'static [&'static str], fn() -> Field);

const SYNONYMS: &[Synonyms] = &[
    (
        &[
            "name",
            "fullname",
            "attendeename",
            "displayname",
            "氏名",
            "名前",
            "お名前",
            "表示名",
            "ニックネーム",
        ],
        || Field::FullName,
    ),
    (&["firstname", "givenname", "名", "名（名）"], || {
        Field::FirstName
    }),
    (
        &["lastname", "surname", "familyname", "姓", "名（姓）"],
        || Field::LastName,
    ),
    (
        &[
            "kana",
            "reading",
            "namereading",
            "フリガナ",
            "ふりがな",
            "カナ",
            "氏名（カナ）",
            "氏名(カナ)",
        ],
        || Field::NameReading,
    ),
    (
        &[
            "email",
            "emailaddress",
            "mail",
            "メールアドレス",
            "メール",
            "eメール",
        ],
        || Field::Email,
    ),
    (
        &[
            "phone",
            "phonenumber",
            "cellphone",
            "mobile",
            "tel",
            "電話番号",
            "電話",
            "携帯電話",
        ],
        || Field::Phone,
    ),
    (&["country", "国", "国名"], || Field::Country),
    (&["city", "市区町村", "都市", "地域"], || {
        Field::City
    }),
    (
        &[
            "joined",
            "joinedat",
            "signupdate",
            "memberssince",
            "登録日",
            "入会日",
        ],
        || Field::JoinedAt,
    ),
    (&["tags", "tag", "タグ", "ラベル"], || Field::Tags),
    (
        &["userid", "memberid", "externalid", "ユーザーid", "会員id"],
        || Field::ExternalId,
    ),
    (&["eventid", "イベントid"], || Field::EventId),
    (
        &["event", "eventname", "eventtitle", "イベント", "イベント名"],
        || Field::EventTitle,
    ),
    (
        &[
            "eventdate",
            "eventstart",
            "startdate",
            "開催日",
            "開催日時",
            "開始日時",
        ],
        || Field::EventStart,
    ),
    (&["eventend", "enddate", "終了日時"], || Field::EventEnd),
    (&["venue", "会場"], || Field::EventVenue),
    (
        &[
            "status",
            "attendeestatus",
            "rsvp",
            "参加ステータス",
            "ステータス",
            "出欠",
            "出欠ステータス",
            "参加状況",
        ],
        || Field::Status,
    ),
    (
        &["checkedin", "checkin", "チェックイン", "受付済", "来場"],
        || Field::CheckedIn,
    ),
    (
        &[
            "checkedinat",
            "checkintime",
            "出席日時",
            "受付日時",
            "チェックイン日時",
        ],
        || Field::CheckedInAt,
    ),
    (
        &[
            "ticket",
            "tickettype",
            "ticketname",
            "チケット",
            "チケット名",
            "参加枠",
            "参加枠名",
        ],
        || Field::TicketType,
    ),
    (
        &["price", "amount", "totalpaid", "金額", "価格", "料金"],
        || Field::Price,
    ),
    (&["currency", "通貨"], || Field::Currency),
    (
        &[
            "registeredat",
            "registrationdate",
            "orderdate",
            "申込日",
            "申込日時",
            "登録日時",
        ],
        || Field::RegisteredAt,
    ),
    (
        &["twitter", "x", "xhandle", "twitterhandle", "twitter/x"],
        || Field::Handle {
            platform: "x".to_owned(),
        },
    ),
    (&["instagram", "instagramhandle"], || Field::Handle {
        platform: "instagram".to_owned(),
    }),
    (&["discord", "discordusername"], || Field::Handle {
        platform: "discord".to_owned(),
    }),
    (&["github", "githubusername"], || Field::Handle {
        platform: "github".to_owned(),
    }),
    (&["youtube"], || Field::Handle {
        platform: "youtube".to_owned(),
    }),
    (&["tiktok"], || Field::Handle {
        platform: "tiktok".to_owned(),
    }),
    (&["line", "lineid"], || Field::Handle {
        platform: "line".to_owned(),
    }),
    (&["connpass", "connpassid"], || Field::Handle {
        platform: "connpass".to_owned(),
    }),
    (&["facebook"], || Field::Handle {
        platform: "facebook".to_owned(),
    }),
    (&["linkedin"], || Field::Handle {
        platform: "linkedin".to_owned(),
    }),
];

/// A mapping guessed from the header names; each field taken by its first matching column.
pub fn guess(headers: &[String]) -> Mapping {
    let mut columns: Vec<ColumnMap> = Vec::new();
    for header in headers {
        let key = folded(header);
        let found = SYNONYMS
            .iter()
            .find(|(names, _)| names.iter().any(|n| folded(n) == key))
            .map(|(_, field)| field());
        if let Some(field) = found
            && !columns.iter().any(|c| c.field == field)
        {
            columns.push(ColumnMap {
                header: header.clone(),
                field,
            });
        }
    }
    Mapping { columns }
}

/// Saves the mapping a manager chose for a source, for its next file.
pub fn save_mapping(
    conn: &Connection,
    source_key: &str,
    format: &str,
    mapping: &Mapping,
    now_ms: i64,
) -> Result<(), kizuna_core::CoreError> {
    conn.execute(
        "INSERT INTO import_mappings (source_key, format, mapping, updated_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source_key) DO UPDATE SET format = excluded.format,
             mapping = excluded.mapping, updated_at = excluded.updated_at",
        params![source_key, format, serde_json::to_string(mapping)?, now_ms],
    )?;
    Ok(())
}

/// The mapping saved for a source, if any.
pub fn load_mapping(
    conn: &Connection,
    source_key: &str,
) -> Result<Option<Mapping>, kizuna_core::CoreError> {
    let text: Option<String> = conn
        .query_row(
            "SELECT mapping FROM import_mappings WHERE source_key = ?1",
            [source_key],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}
