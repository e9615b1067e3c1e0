//! Errors as the UI receives them: a stable code to switch on and a message to show.

use kizuna_core::error::ErrorDetail;
use kizuna_core::{CoreError, ErrorCode};
use serde::Serialize;
use ts_rs::TS;

/// An error crossing the IPC boundary.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub code: ErrorCode,
    /// The English text, as the CLI and the logs say it.
    pub message: String,
    /// The message by key, for the UI to word in the manager's language; absent when the
    /// error has no keyed form (the UI then words it by its code).
    #[ts(optional = nullable)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<ErrorDetail>,
}

impl AppError {
    /// An error with only a code and its English message (no keyed form).
    pub fn plain(code: ErrorCode, message: String) -> Self {
        Self {
            code,
            message,
            detail: None,
        }
    }
}

impl From<CoreError> for AppError {
    fn from(error: CoreError) -> Self {
        if matches!(error.code(), ErrorCode::Storage | ErrorCode::Corrupt) {
            tracing::error!(%error, "storage error");
        }
        Self {
            code: error.code(),
            message: error.to_string(),
            detail: error.detail(),
        }
    }
}

impl From<kizuna_report::ReportError> for AppError {
    fn from(error: kizuna_report::ReportError) -> Self {
        match error {
            kizuna_report::ReportError::Data(core) => core.into(),
            kizuna_report::ReportError::Request(invalid) => CoreError::InvalidInput(invalid).into(),
            drawing => {
                tracing::error!(error = %drawing, "chart or report error");
                Self::plain(ErrorCode::Internal, drawing.to_string())
            }
        }
    }
}

impl From<tauri::Error> for AppError {
    fn from(error: tauri::Error) -> Self {
        tracing::error!(%error, "background task failed");
        Self::plain(ErrorCode::Internal, error.to_string())
    }
}

impl From<kizuna_import::session::SessionError> for AppError {
    fn from(error: kizuna_import::session::SessionError) -> Self {
        use kizuna_import::engine::ImportError;
        use kizuna_import::session::SessionError;
        let message = error.to_string();
        let code = match error {
            SessionError::Import(ImportError::Core(core)) | SessionError::Core(core) => {
                return core.into();
            }
            SessionError::Import(ImportError::Cancelled) => ErrorCode::Cancelled,
            SessionError::Import(at_line @ ImportError::AtLine { .. }) => {
                return Self {
                    code: ErrorCode::InvalidInput,
                    message,
                    detail: at_line.detail(),
                };
            }
            SessionError::File(_) => ErrorCode::InvalidInput,
        };
        Self::plain(code, message)
    }
}

impl From<kizuna_import::connectors::ConnectorError> for AppError {
    fn from(error: kizuna_import::connectors::ConnectorError) -> Self {
        use kizuna_import::connectors::ConnectorError;
        let message = error.to_string();
        let code = match error {
            ConnectorError::Store(core) => return core.into(),
            ConnectorError::Import(import) => {
                return kizuna_import::session::SessionError::Import(import).into();
            }
            ConnectorError::Cancelled => ErrorCode::Cancelled,
            ConnectorError::InvalidInput(invalid) => {
                return Self {
                    code: ErrorCode::InvalidInput,
                    message,
                    detail: Some(invalid.detail()),
                };
            }
            ConnectorError::UnknownConnection { .. } => ErrorCode::NotFound,
            _ => ErrorCode::Remote,
        };
        Self::plain(code, message)
    }
}

impl From<kizuna_sync::client::SyncError> for AppError {
    fn from(error: kizuna_sync::client::SyncError) -> Self {
        use kizuna_sync::client::SyncError;
        let message = error.to_string();
        let code = match error {
            SyncError::Core(core) => return core.into(),
            SyncError::NoHub | SyncError::NoToken => ErrorCode::InvalidInput,
            _ => ErrorCode::Remote,
        };
        Self::plain(code, message)
    }
}
