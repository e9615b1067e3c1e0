//! The About screen: Kizuna's name, version and licence, and the third-party notices built into
//! the app (src-tauri/third-party-notices.json, written by `cargo run -p kizuna-notices`).

use kizuna_core::ErrorCode;
use kizuna_notices::Notices;
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

use crate::AppError;

/// The notices file, compiled in so the screen needs no network and no file beside the app.
const NOTICES_JSON: &str = include_str!("../../third-party-notices.json");

/// What the About screen shows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AboutKizuna {
    /// The app's version, as Tauri knows it (the package's in Cargo.toml).
    pub version: String,
    /// Kizuna's own licence, an SPDX expression.
    pub licence: String,
    /// Every third-party crate, npm package and font it ships, with their licence texts.
    pub notices: Notices,
}

/// Kizuna's version and licence and the third-party notices.
#[tauri::command]
pub async fn about_kizuna(app: AppHandle) -> Result<AboutKizuna, AppError> {
    let notices = Notices::from_json(NOTICES_JSON)
        .map_err(|error| AppError::plain(ErrorCode::Internal, error.to_string()))?;
    Ok(AboutKizuna {
        version: app.package_info().version.to_string(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
        notices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_notices_parse_and_list_crates_npm_packages_and_fonts() {
        let notices = Notices::from_json(NOTICES_JSON).expect("the notices parse");
        use kizuna_notices::ComponentKind::{Crate, Font, Npm};
        assert!(notices.count(Crate) > 100 && notices.count(Npm) > 0 && notices.count(Font) > 0);
    }
}
