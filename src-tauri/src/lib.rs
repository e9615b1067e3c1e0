//! The Kizuna desktop shell: plugins, managed state and command registration — nothing else.
//! All logic lives in the `kizuna-*` crates.

mod commands;
mod error;
mod logging;
mod state;

pub use error::AppError;

use tauri::Manager;

/// Starts the desktop app.
pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let log_guard = logging::init(&app.path().app_log_dir()?);
            app.manage(state::AppState::new(log_guard)?);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::community::open_community,
            commands::community::open_sample_community,
            commands::community::create_empty_community,
            commands::dashboard::dashboard_summary,
            commands::dashboard::activity_chart,
            commands::dashboard::insight_chart,
            commands::members::list_members,
            commands::members::member_detail,
            commands::traits::add_member_trait,
            commands::traits::remove_member_trait,
            commands::traits::trait_catalogue,
            commands::member_edit::create_member,
            commands::member_edit::update_member,
            commands::member_edit::delete_member,
            commands::member_edit::restore_member,
            commands::member_edit::list_deleted_members,
            commands::member_edit::add_identity,
            commands::member_edit::update_identity,
            commands::member_edit::remove_identity,
            commands::member_edit::tag_member,
            commands::member_edit::untag_member,
            commands::member_edit::list_activity_types,
            commands::member_edit::log_manual_activity,
            commands::member_edit::export_member,
            commands::member_edit::erase_member,
            commands::engagement::member_score,
            commands::settings::engagement_settings,
            commands::settings::update_activity_type,
            commands::settings::create_activity_type,
            commands::settings::delete_activity_type,
            commands::settings::save_half_life,
            commands::settings::save_levels,
            commands::settings::save_tier_thresholds,
            commands::referrals::member_referrals,
            commands::referrals::record_referral,
            commands::referrals::remove_referral,
            commands::referrals::top_advocates,
            commands::referrals::list_influencers,
            commands::engagement::level_distribution,
            commands::segments::list_segments,
            commands::segments::get_segment,
            commands::segments::create_segment,
            commands::segments::update_segment,
            commands::segments::delete_segment,
            commands::segments::count_segment_rules,
            commands::segments::segment_members,
            commands::segments::export_segment_csv,
            commands::segments::segment_choices,
            commands::duplicates::duplicate_suggestions,
            commands::merge::merge_preview,
            commands::merge::merge_members,
            commands::merge::undo_merge,
            commands::merge::list_merges,
            commands::budget::budget_lines,
            commands::budget::add_budget_line,
            commands::budget::update_budget_line,
            commands::budget::delete_budget_line,
            commands::budget::budget_summary,
            commands::budget::budget_chart,
            commands::budget::event_outcome,
            commands::budget::event_effect,
            commands::budget::event_feedback,
            commands::budget::add_feedback,
            commands::budget::delete_feedback,
            commands::budget::check_feedback_csv,
            commands::budget::import_feedback_csv,
            commands::budget::ranked_suggestions,
            commands::budget::propose_suggestion,
            commands::budget::vote_suggestion,
            commands::budget::unvote_suggestion,
            commands::events::list_events,
            commands::events::event_detail,
            commands::events::create_event,
            commands::events::update_event,
            commands::events::copy_event,
            commands::events::list_registrations,
            commands::events::add_ticket_type,
            commands::events::add_registration,
            commands::events::add_segment_to_event,
            commands::events::cancel_registration,
            commands::events::mark_no_shows,
            commands::events::find_for_checkin,
            commands::events::check_in,
            commands::events::undo_check_in,
            commands::events::walk_in,
            commands::events::checkin_counter,
            commands::badges::event_badges_pdf,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "Kizuna stopped with an error");
        eprintln!("Kizuna could not start: {error}");
        std::process::exit(1);
    }
}
