//! PDF documents compiled in-process with typst: a small World that serves one main source and
//! in-memory files (JSON data, SVG images), with the bundled Noto Sans JP fonts only, so a PDF
//! looks the same on every OS. See docs/pdf.md.

pub mod badges;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::syntax::{DiagSpanKind, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::{Lang, ReportError};

/// The fonts every document is set in (SIL Open Font License, see fonts/OFL.txt).
const FONT_FILES: [&[u8]; 2] = [
    include_bytes!("../../fonts/NotoSansJP-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansJP-Bold.ttf"),
];

/// The family name documents select with `set text(font: …)`.
pub const FONT_FAMILY: &str = "Noto Sans JP";

/// What the PDF says about itself: title, author and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfMeta {
    pub title: String,
    pub author: String,
    pub lang: Lang,
    /// The date typst's `datetime.today()` returns and the PDF's creation date (no wall clock).
    pub today: NaiveDate,
}

/// Compiles a typst `source` that may read `files` (by name, e.g. `json("data.json")` or
/// `image("qr-0.svg")`) into PDF bytes.
pub fn compile_pdf(
    source: &str,
    files: &[(&str, Vec<u8>)],
    meta: &PdfMeta,
) -> Result<Vec<u8>, ReportError> {
    compile_document(source, files, meta).map(|(pdf, _)| pdf)
}

/// Like [`compile_pdf`], also returning the number of pages.
pub fn compile_document(
    source: &str,
    files: &[(&str, Vec<u8>)],
    meta: &PdfMeta,
) -> Result<(Vec<u8>, usize), ReportError> {
    compile_paged(source, files, meta).map(|(pdf, document)| (pdf, document.pages().len()))
}

/// Like [`compile_pdf`], also returning the typeset document (for SVG previews of its pages).
pub fn compile_paged(
    source: &str,
    files: &[(&str, Vec<u8>)],
    meta: &PdfMeta,
) -> Result<(Vec<u8>, PagedDocument), ReportError> {
    let world = DocumentWorld::new(source, files, meta)?;
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| diagnostics(&world, errors))?;
    let options = PdfOptions {
        timestamp: world.today.map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| diagnostics(&world, errors))?;
    Ok((pdf, document))
}

/// The UTC date of `now_ms` (from the store's injected clock), for [`PdfMeta::today`].
pub fn date_of(now_ms: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(now_ms)
        .unwrap_or_default()
        .date_naive()
}

/// The language code typst and the PDF metadata use.
fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Ja => "ja",
    }
}

/// Sets the metadata before the document's own rules; values come through `sys.inputs`, so no
/// user text is ever pasted into markup.
const PREAMBLE: &str = "#set document(title: sys.inputs.title, author: sys.inputs.author)\n\
     #set text(font: sys.inputs.font, lang: sys.inputs.lang)\n";

struct DocumentWorld {
    library: LazyHash<Library>,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl DocumentWorld {
    fn new(source: &str, files: &[(&str, Vec<u8>)], meta: &PdfMeta) -> Result<Self, ReportError> {
        let mut inputs = Dict::new();
        for (key, value) in [
            ("title", meta.title.as_str()),
            ("author", meta.author.as_str()),
            ("lang", lang_code(meta.lang)),
            ("font", FONT_FAMILY),
        ] {
            inputs.insert(key.into(), value.into_value());
        }
        let main = Source::new(file_id("main.typ")?, format!("{PREAMBLE}{source}"));
        let files = files
            .iter()
            .map(|(name, bytes)| Ok((file_id(name)?, Bytes::new(bytes.clone()))))
            .collect::<Result<_, ReportError>>()?;
        let today = Datetime::from_ymd(
            meta.today.year(),
            u8::try_from(meta.today.month()).unwrap_or(1),
            u8::try_from(meta.today.day()).unwrap_or(1),
        );
        Ok(Self {
            library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
            main,
            files,
            today,
        })
    }
}

fn file_id(name: &str) -> Result<FileId, ReportError> {
    let path = VirtualPath::new(format!("/{name}"))
        .map_err(|e| ReportError::Pdf(format!("\"{name}\" is not a usable file name: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.files.get(&id).ok_or_else(|| not_found(id))?;
        let text = std::str::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The bundled fonts, parsed once per process.
fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

/// typst's errors as one readable message, each with the file and line it points at.
fn diagnostics(
    world: &DocumentWorld,
    errors: impl IntoIterator<Item = SourceDiagnostic>,
) -> ReportError {
    let messages: Vec<String> = errors
        .into_iter()
        .map(|error| {
            let hints: String = error
                .hints
                .iter()
                .map(|h| format!(" (hint: {})", h.v))
                .collect();
            let place = error
                .span
                .id()
                .and_then(|id| {
                    let source = world.source(id).ok()?;
                    let start = match error.span.get() {
                        DiagSpanKind::Number { num, sub_range, .. } => {
                            source.range(num, sub_range)?.start
                        }
                        DiagSpanKind::Range { range, .. } => range.start,
                        DiagSpanKind::Detached => return None,
                    };
                    let line = source.lines().byte_to_line(start)?;
                    Some(format!(" at {}:{}", id.vpath().get_with_slash(), line + 1))
                })
                .unwrap_or_default();
            format!("{}{place}{hints}", error.message)
        })
        .collect();
    ReportError::Pdf(messages.join("; "))
}
