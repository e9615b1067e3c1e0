//! Desktop conventions: the native menu bar (File, Edit, View, Help) in the UI's language with
//! the usual shortcuts (Help → About Kizuna opens the About screen with the third-party
//! notices), one window per data folder (a second launch focuses the first), and opening the
//! data or log folder in the system's file manager.

use std::path::PathBuf;

use kizuna_core::ErrorCode;
use serde::{Deserialize, Serialize};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ts_rs::TS;

use crate::AppError;
use crate::state::AppState;

/// The language of the menu bar: the UI's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MenuLang {
    En,
    Ja,
}

/// What a menu item asks the screen to do (sent as the `menu` event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "action", rename_all = "camelCase")]
pub enum MenuAction {
    /// Go to the page at `href`.
    Navigate { href: String },
    /// Open the command palette.
    Palette,
}

/// Menu entries of Kizuna's own: id, label (EN, JA), shortcut, and what it does.
const ITEMS: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "new-member",
        "New member",
        "メンバーを追加",
        Some("CmdOrCtrl+N"),
    ),
    (
        "import",
        "Import a file…",
        "ファイルをインポート…",
        Some("CmdOrCtrl+I"),
    ),
    (
        "report",
        "Make a report…",
        "レポートを作成…",
        Some("CmdOrCtrl+P"),
    ),
    ("backups", "Backups…", "バックアップ…", None),
    (
        "data-folder",
        "Open data folder",
        "データフォルダーを開く",
        None,
    ),
    ("logs", "Show logs", "ログを表示", None),
    (
        "palette",
        "Search or jump to…",
        "検索・移動…",
        Some("CmdOrCtrl+K"),
    ),
    (
        "dashboard",
        "Dashboard",
        "ダッシュボード",
        Some("CmdOrCtrl+1"),
    ),
    ("members", "Members", "メンバー", Some("CmdOrCtrl+2")),
    ("events", "Events", "イベント", Some("CmdOrCtrl+3")),
    (
        "campaigns",
        "Campaigns",
        "キャンペーン",
        Some("CmdOrCtrl+4"),
    ),
    ("perks", "Perks", "特典", Some("CmdOrCtrl+5")),
    ("ideas", "Ideas", "アイデア", Some("CmdOrCtrl+6")),
    ("reports", "Reports", "レポート", Some("CmdOrCtrl+7")),
    (
        "settings",
        "Sync & Settings",
        "同期と設定",
        Some("CmdOrCtrl+,"),
    ),
    (
        "shortcuts",
        "Keyboard shortcuts",
        "キーボードショートカット",
        None,
    ),
    ("about", "About Kizuna", "Kizuna について", None),
];

/// Submenu titles: File, Edit, View, Help.
const TITLES: [(&str, &str); 4] = [
    ("&File", "ファイル(&F)"),
    ("&Edit", "編集(&E)"),
    ("&View", "表示(&V)"),
    ("&Help", "ヘルプ(&H)"),
];

/// Where a menu item leads, or None for items handled in Rust.
fn action_of(id: &str) -> Option<MenuAction> {
    let href = match id {
        "new-member" => "/members/new",
        "import" => "/import",
        "report" | "reports" => "/reports",
        "backups" | "settings" => "/settings",
        "dashboard" => "/",
        "members" => "/members",
        "events" => "/events",
        "campaigns" => "/campaigns",
        "perks" => "/perks",
        "ideas" => "/ideas",
        "about" => "/about",
        "palette" | "shortcuts" => return Some(MenuAction::Palette),
        _ => return None,
    };
    Some(MenuAction::Navigate {
        href: href.to_owned(),
    })
}

/// The menu bar in `lang`.
fn build<R: Runtime>(app: &AppHandle<R>, lang: MenuLang) -> tauri::Result<Menu<R>> {
    let pick = |en: &'static str, ja: &'static str| if lang == MenuLang::Ja { ja } else { en };
    let item = |id: &str| -> tauri::Result<MenuItem<R>> {
        let (en, ja, shortcut) = ITEMS
            .iter()
            .find(|(key, ..)| *key == id)
            .map_or(("", "", None), |(_, en, ja, shortcut)| {
                (*en, *ja, *shortcut)
            });
        MenuItem::with_id(app, id, pick(en, ja), true, shortcut)
    };
    let separator = || PredefinedMenuItem::separator(app);
    let [file, edit, view, help] = TITLES.map(|(en, ja)| pick(en, ja));
    Menu::with_items(
        app,
        &[
            &Submenu::with_items(
                app,
                file,
                true,
                &[
                    &item("new-member")?,
                    &item("import")?,
                    &item("report")?,
                    &separator()?,
                    &item("backups")?,
                    &item("data-folder")?,
                    &item("logs")?,
                    &separator()?,
                    &PredefinedMenuItem::quit(app, Some(pick("Quit Kizuna", "Kizuna を終了")))?,
                ],
            )?,
            &Submenu::with_items(
                app,
                edit,
                true,
                &[
                    &PredefinedMenuItem::undo(app, Some(pick("Undo", "元に戻す")))?,
                    &PredefinedMenuItem::redo(app, Some(pick("Redo", "やり直す")))?,
                    &separator()?,
                    &PredefinedMenuItem::cut(app, Some(pick("Cut", "切り取り")))?,
                    &PredefinedMenuItem::copy(app, Some(pick("Copy", "コピー")))?,
                    &PredefinedMenuItem::paste(app, Some(pick("Paste", "貼り付け")))?,
                    &PredefinedMenuItem::select_all(app, Some(pick("Select all", "すべて選択")))?,
                ],
            )?,
            &Submenu::with_items(
                app,
                view,
                true,
                &[
                    &item("palette")?,
                    &separator()?,
                    &item("dashboard")?,
                    &item("members")?,
                    &item("events")?,
                    &item("campaigns")?,
                    &item("perks")?,
                    &item("ideas")?,
                    &item("reports")?,
                    &item("settings")?,
                    &separator()?,
                    &PredefinedMenuItem::fullscreen(app, Some(pick("Full screen", "全画面表示")))?,
                ],
            )?,
            &Submenu::with_items(
                app,
                help,
                true,
                &[&item("shortcuts")?, &separator()?, &item("about")?],
            )?,
        ],
    )
}

/// Puts the English menu bar on the app and answers its clicks; the UI switches its language
/// with [`set_menu_language`].
pub fn install_menu(app: &AppHandle) -> tauri::Result<()> {
    app.set_menu(build(app, MenuLang::En)?)?;
    app.on_menu_event(|app, event| {
        let id = event.id().as_ref();
        let outcome = match (id, action_of(id)) {
            (_, Some(action)) => app.emit("menu", action).map_err(AppError::from),
            ("data-folder", None) => open_data_folder(app.state::<AppState>()),
            ("logs", None) => show_logs(app.clone()),
            _ => Ok(()),
        };
        if let Err(error) = outcome {
            tracing::warn!(menu = id, error = %error.message, "menu item failed");
        }
    });
    Ok(())
}

/// Rebuilds the menu bar in the UI's language.
#[tauri::command]
pub fn set_menu_language(app: AppHandle, lang: MenuLang) -> Result<(), AppError> {
    app.set_menu(build(&app, lang)?)?;
    Ok(())
}

/// Shows the folder holding the communities and backups in the system's file manager.
#[tauri::command]
pub fn open_data_folder(state: State<'_, AppState>) -> Result<(), AppError> {
    open_folder(state.communities().dir().to_path_buf())
}

/// Shows the folder of Kizuna's log files in the system's file manager.
#[tauri::command]
pub fn show_logs(app: AppHandle) -> Result<(), AppError> {
    open_folder(app.path().app_log_dir()?)
}

fn open_folder(dir: PathBuf) -> Result<(), AppError> {
    tauri_plugin_opener::open_path(&dir, None::<&str>).map_err(|error| {
        AppError::plain(
            ErrorCode::Internal,
            format!(
                "the folder {} could not be opened in the file manager: {error}",
                dir.display()
            ),
        )
    })
}

/// Keeps one Kizuna per data folder: a second launch on the same folder brings the first
/// window forward and exits, while a different folder (another team, a test) runs alongside.
pub fn single_instance<R: Runtime>(data_dir: &std::path::Path) -> tauri::plugin::TauriPlugin<R> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data_dir.hash(&mut hasher);
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(format!("app.kizuna.desktop.d{:016x}", hasher.finish()))
        .callback(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_about_kizuna_opens_the_about_screen() {
        assert_eq!(
            action_of("about"),
            Some(MenuAction::Navigate {
                href: "/about".to_owned()
            })
        );
        assert!(ITEMS.iter().any(|(id, en, ja, _)| *id == "about"
            && *en == "About Kizuna"
            && *ja == "Kizuna について"));
    }
}
