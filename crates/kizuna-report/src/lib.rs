//! Kizuna's charts, drawn once in Rust with plotters into SVG: the app shows the SVG and the
//! PDF reports (a later issue) embed the same drawing.

pub mod charts;
pub mod insights;
pub mod pdf;

/// Language of labels drawn into a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
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

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// plotters failed while drawing.
    #[error("the chart could not be drawn: {0}")]
    Drawing(String),
    /// typst could not compile a PDF document; the message says why.
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    /// The chart's data could not be read.
    #[error(transparent)]
    Data(#[from] kizuna_core::CoreError),
}
