//! `kizuna events badges EVENT -o badges.pdf [--lang ja]`: printable name badges with a QR code
//! of each registration code, for everyone going to the event.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use kizuna_core::export_file;
use kizuna_core::ids::EventId;
use kizuna_core::{CoreError, Store};
use kizuna_report::Lang;
use kizuna_report::pdf::{badges, date_of};

/// `kizuna events badges EVENT_ID -o FILE.pdf [--lang en|ja]`.
#[derive(Debug, Args)]
pub struct BadgesArgs {
    event_id: String,
    /// The PDF to write (replaced only when the whole PDF is ready).
    #[arg(short, long)]
    output: PathBuf,
    /// Language of the dates and the PDF's title.
    #[arg(long, value_enum, default_value = "en")]
    lang: BadgeLang,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum BadgeLang {
    En,
    Ja,
}

/// Renders the badges and writes the PDF whole or not at all.
pub fn run(store: &Store, args: BadgesArgs) -> anyhow::Result<()> {
    let lang = match args.lang {
        BadgeLang::En => Lang::En,
        BadgeLang::Ja => Lang::Ja,
    };
    let today = date_of(store.clock().now_ms());
    let sheets = badges::render(store, &EventId(args.event_id), lang, today)?;
    export_file::write_whole(&args.output, |mut file| {
        file.write_all(&sheets.pdf).map_err(CoreError::Export)
    })?;
    eprintln!(
        "wrote {} badges on {} pages to {}",
        sheets.printed.badges,
        sheets.printed.pages,
        args.output.display()
    );
    Ok(())
}
