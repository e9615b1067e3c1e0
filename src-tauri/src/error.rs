//! Errors as the UI receives them: a stable code to switch on and a message to show.

use kizuna_core::{CoreError, ErrorCode};
use serde::Serialize;
use ts_rs::TS;

/// An error crossing the IPC boundary.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<CoreError> for AppError {
    fn from(error: CoreError) -> Self {
        if matches!(error.code(), ErrorCode::Storage | ErrorCode::Corrupt) {
            tracing::error!(%error, "storage error");
        }
        Self {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl From<kizuna_report::ReportError> for AppError {
    fn from(error: kizuna_report::ReportError) -> Self {
        match error {
            kizuna_report::ReportError::Data(core) => core.into(),
            bad if bad.is_bad_input() => Self {
                code: ErrorCode::InvalidInput,
                message: bad.to_string(),
            },
            drawing => {
                tracing::error!(error = %drawing, "chart or report error");
                Self {
                    code: ErrorCode::Internal,
                    message: drawing.to_string(),
                }
            }
        }
    }
}

impl From<tauri::Error> for AppError {
    fn from(error: tauri::Error) -> Self {
        tracing::error!(%error, "background task failed");
        Self {
            code: ErrorCode::Internal,
            message: error.to_string(),
        }
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
            SessionError::File(_) | SessionError::Import(ImportError::AtLine { .. }) => {
                ErrorCode::InvalidInput
            }
        };
        Self { code, message }
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
            ConnectorError::InvalidInput(_) => ErrorCode::InvalidInput,
            ConnectorError::UnknownConnection { .. } => ErrorCode::NotFound,
            _ => ErrorCode::Remote,
        };
        Self { code, message }
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
        Self { code, message }
    }
}
