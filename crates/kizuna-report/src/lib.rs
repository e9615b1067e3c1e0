//! Kizuna's charts, drawn once in Rust with plotters into SVG: the app shows the SVG and the
//! PDF reports embed the same drawing.

pub mod charts;
pub mod insights;
pub mod pdf;
pub mod reports;

/// Language of labels drawn into a chart or a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ja,
}

/// Colours to draw with, following the app's light or dark theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
}

/// Why a chart, document or report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// plotters failed while drawing.
    #[error("the chart could not be drawn: {0}")]
    Drawing(String),
    /// typst could not compile a PDF document; the message says why.
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    /// The request itself was wrong (an empty or future period, an unknown or empty segment,
    /// a missing or unknown event, a place that cannot take the output), keyed for the UI.
    #[error("{0}")]
    Request(kizuna_core::Invalid),
    /// The chart's data could not be read.
    #[error(transparent)]
    Data(#[from] kizuna_core::CoreError),
}

impl From<rusqlite::Error> for ReportError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Data(error.into())
    }
}

impl ReportError {
    /// Whether the request itself was wrong (period, segment, event, output place) rather
    /// than something failing while the report was made.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Self::Request(_))
    }
}
