//! `kizuna members …`: list (table, CSV, JSON), show, add, edit, delete/restore, log a manual
//! activity, activity types, and privacy export/erase of one member.

use crate::commands::open_existing;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use kizuna_core::Store;
use kizuna_core::activity_types::{create_activity_type, list_activity_types, log_manual_activity};
use kizuna_core::export_file::write_csv_record;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{
    MemberPatch, NewMember, create_member, delete_member, erase_member, list_members,
    member_detail, restore_member, save_member_export, update_member,
};

/// `kizuna members <action>`.
#[derive(Debug, Args)]
pub struct MembersArgs {
    #[command(subcommand)]
    action: MembersAction,
}

/// How `members list` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
enum MembersAction {
    /// List live members in reading order (CSV: first column the member id).
    List {
        /// Only members whose name, reading, email or handle matches.
        #[arg(long, default_value = "")]
        search: String,
        /// At most this many members.
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: u32,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show one member's profile, identities, tags and recent activity as JSON.
    Show { id: String },
    /// Add a member; prints the new id.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        /// The name's reading in kana.
        #[arg(long)]
        reading: Option<String>,
        #[arg(long)]
        phone: Option<String>,
    },
    /// Change profile fields; an empty value ("") clears a field.
    Edit {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        reading: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        country: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long, value_name = "YEAR")]
        birth_year: Option<String>,
    },
    /// Soft-delete a member (restore brings them back).
    Delete { id: String },
    /// Bring back a soft-deleted member.
    Restore { id: String },
    /// List deleted members (newest first) with their ids, to restore one.
    Deleted,
    /// Write everything Kizuna holds about one member to a JSON file.
    Export {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Erase a member for good: every row and change-log value. Needs --yes.
    Erase {
        id: String,
        /// Confirm: this cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// List a member's traits (demographic, psychographic, technology, behaviour).
    Traits { id: String },
    /// Add or remove a trait: `trait add MEMBER_ID DIMENSION KEY VALUE`, `trait remove TRAIT_ID`.
    Trait(crate::traits::TraitArgs),
    /// Link, change or unlink a member's platform accounts: `identity add MEMBER_ID PLATFORM
    /// HANDLE [--followers N]`, `identity edit IDENTITY_ID …`, `identity remove IDENTITY_ID`.
    Identity(crate::identities::IdentityArgs),
    /// Put a tag on a member.
    Tag { member: String, tag: String },
    /// Take a tag off a member.
    Untag { member: String, tag: String },
    /// Log an activity a manager saw (a talk, a review) for a member.
    LogActivity {
        member: String,
        /// The activity type key (see `kizuna members types`).
        activity_type: String,
        /// When it happened (RFC 3339); default now.
        #[arg(long, value_name = "ISO")]
        at: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        url: Option<String>,
    },
    /// List activity types with how many activities use each.
    Types,
    /// Add a custom activity type.
    AddType {
        key: String,
        #[arg(long)]
        en: String,
        #[arg(long)]
        ja: String,
        #[arg(long, default_value_t = 1.0)]
        weight: f64,
    },
}

/// `""` clears a field, anything else sets it.
fn field(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| Some(v).filter(|v| !v.trim().is_empty()))
}

/// Runs one `members` action.
pub fn run(path: &Path, args: MembersArgs) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    match args.action {
        MembersAction::List {
            search,
            limit,
            format,
        } => list(&store, &search, limit, format),
        MembersAction::Show { id } => {
            let detail = member_detail(store.conn(), &id)?;
            println!("{}", serde_json::to_string_pretty(&detail)?);
            Ok(())
        }
        MembersAction::Add {
            name,
            email,
            reading,
            phone,
        } => {
            let new = NewMember {
                display_name: name,
                email,
                name_reading: reading,
                phone,
                ..NewMember::default()
            };
            let id = store.write(|w| create_member(w, &new))?;
            println!("{id}");
            Ok(())
        }
        MembersAction::Edit {
            id,
            name,
            reading,
            email,
            phone,
            city,
            country,
            notes,
            birth_year,
        } => {
            let birth_year = match field(birth_year) {
                Some(Some(y)) => {
                    Some(Some(y.trim().parse::<i32>().with_context(|| {
                        format!("the birth year \"{y}\" is not a year")
                    })?))
                }
                Some(None) => Some(None),
                None => None,
            };
            let patch = MemberPatch {
                display_name: name,
                name_reading: field(reading),
                email: field(email),
                phone: field(phone),
                city: field(city),
                country: field(country),
                notes: field(notes),
                birth_year,
                ..MemberPatch::default()
            };
            let changed = store.write(|w| update_member(w, &MemberId(id), &patch))?;
            if changed.is_empty() {
                println!("nothing changed");
            } else {
                println!("updated {}", changed.join(", "));
            }
            Ok(())
        }
        MembersAction::Delete { id } => {
            store.write(|w| delete_member(w, &MemberId(id.clone())))?;
            println!("deleted member {id} (restore with `kizuna members restore {id}`)");
            Ok(())
        }
        MembersAction::Deleted => {
            let deleted = kizuna_core::members::deleted_members(store.conn(), u32::MAX)?;
            for m in &deleted {
                let at = chrono::DateTime::from_timestamp_millis(m.deleted_at)
                    .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M").to_string());
                println!("{}  {at}  {}", m.id, m.display_name);
            }
            println!("{} deleted", deleted.len());
            Ok(())
        }
        MembersAction::Restore { id } => {
            store.write(|w| restore_member(w, &MemberId(id.clone())))?;
            println!("restored member {id}");
            Ok(())
        }
        MembersAction::Export { id, output } => {
            let bytes = save_member_export(&mut store, &id, &output)?;
            println!(
                "exported member {id} to {} ({bytes} bytes)",
                output.display()
            );
            Ok(())
        }
        MembersAction::Erase { id, yes } => erase(&mut store, &id, yes),
        MembersAction::Traits { id } => crate::traits::list(&store, &id),
        MembersAction::Trait(args) => crate::traits::run(&mut store, args),
        MembersAction::Identity(args) => crate::identities::run(&mut store, args),
        MembersAction::Tag { member, tag } => {
            crate::identities::tag(&mut store, member, &tag, true)
        }
        MembersAction::Untag { member, tag } => {
            crate::identities::tag(&mut store, member, &tag, false)
        }
        MembersAction::LogActivity {
            member,
            activity_type,
            at,
            note,
            url,
        } => {
            let occurred_at = match at {
                Some(at) => chrono::DateTime::parse_from_rfc3339(&at)
                    .with_context(|| format!("\"{at}\" is not an RFC 3339 time"))?
                    .timestamp_millis(),
                None => store.clock().now_ms(),
            };
            let id = store.write(|w| {
                log_manual_activity(
                    w,
                    &MemberId(member),
                    &activity_type,
                    occurred_at,
                    note.as_deref(),
                    url.as_deref(),
                )
            })?;
            println!("{id}");
            Ok(())
        }
        MembersAction::Types => {
            println!("{:<20} {:>8} {:>8}  label", "key", "weight", "used");
            for t in list_activity_types(store.conn())? {
                println!(
                    "{:<20} {:>8} {:>8}  {} / {}",
                    t.key, t.weight, t.usage, t.label_en, t.label_ja
                );
            }
            Ok(())
        }
        MembersAction::AddType {
            key,
            en,
            ja,
            weight,
        } => {
            store.write(|w| create_activity_type(w, &key, &en, &ja, weight))?;
            println!("added activity type {key}");
            Ok(())
        }
    }
}

fn erase(store: &mut Store, id: &str, yes: bool) -> anyhow::Result<()> {
    if !yes {
        anyhow::bail!(
            "erasing member {id} deletes every row about them and cannot be undone; \
             run again with --yes to confirm (or export them first with `kizuna members export`)"
        );
    }
    let report = store.write(|w| erase_member(w, &MemberId(id.to_owned())))?;
    // Move the WAL into the main file, where secure_delete has zeroed the erased bytes.
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    println!(
        "erased member {id}: {} records, {} identities, {} activities, {} registrations, \
         {} change-log values scrubbed",
        report.members,
        report.identities,
        report.activities,
        report.registrations,
        report.scrubbed_cells
    );
    Ok(())
}

fn list(store: &Store, search: &str, limit: u32, format: Format) -> anyhow::Result<()> {
    let page = list_members(store.conn(), search, 0, limit)?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&page)?),
        Format::Csv => {
            let mut out = csv::Writer::from_writer(std::io::stdout().lock());
            write_csv_record(
                &mut out,
                [
                    "id",
                    "display_name",
                    "name_reading",
                    "email",
                    "platforms",
                    "max_followers",
                    "joined_at",
                    "last_active_at",
                ],
            )?;
            for row in &page.rows {
                write_csv_record(
                    &mut out,
                    [
                        row.id.clone(),
                        row.display_name.clone(),
                        row.name_reading.clone().unwrap_or_default(),
                        row.email.clone().unwrap_or_default(),
                        row.platforms.join(" "),
                        row.max_followers.map(|f| f.to_string()).unwrap_or_default(),
                        iso(Some(row.joined_at)),
                        iso(row.last_active_at),
                    ],
                )?;
            }
            out.flush()?;
        }
        Format::Table => {
            for row in &page.rows {
                println!(
                    "{}  {:<24} {}",
                    row.id,
                    row.display_name,
                    row.email.as_deref().unwrap_or("")
                );
            }
            println!("{} of {} members", page.rows.len(), page.total);
        }
    }
    Ok(())
}

fn iso(ms: Option<i64>) -> String {
    ms.and_then(chrono::DateTime::from_timestamp_millis)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}
