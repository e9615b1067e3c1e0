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
    /// A report's period ends before it starts.
    #[error("the period is empty: it ends on {to}, before it starts on {from}")]
    EmptyPeriod {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    /// A report's period has not begun yet.
    #[error("the period starts on {from}, after today ({today}); there is nothing to report yet")]
    FuturePeriod {
        from: chrono::NaiveDate,
        today: chrono::NaiveDate,
    },
    /// No saved segment has this id.
    #[error("there is no saved segment \"{0}\"")]
    UnknownSegment(String),
    /// The chosen segment matches nobody.
    #[error("segment \"{0}\" has no members, so there is nothing to report on")]
    EmptySegment(String),
    /// An event report was asked for without an event.
    #[error("an event report needs an event: choose which one")]
    EventRequired,
    /// No event has this id.
    #[error("there is no event \"{0}\"")]
    UnknownEvent(String),
    /// Where the report or its tables were to go cannot take them.
    #[error("{0}")]
    Output(String),
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
        matches!(
            self,
            Self::EmptyPeriod { .. }
                | Self::FuturePeriod { .. }
                | Self::UnknownSegment(_)
                | Self::EmptySegment(_)
                | Self::EventRequired
                | Self::UnknownEvent(_)
                | Self::Output(_)
        )
    }
}
