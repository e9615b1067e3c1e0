//! The Kizuna desktop shell: plugins, managed state and command registration — nothing else.
//! All logic lives in the `kizuna-*` crates.

mod auto_backup;
mod auto_sync;
mod commands;
mod desktop;
mod error;
mod logging;
mod state;

pub use commands::about::AboutKizuna;
pub use commands::reports::{ReportPreview, SavedReport, TableSummary};
pub use desktop::MenuAction;
pub use error::AppError;

use tauri::Manager;

/// Starts the desktop app.
pub fn run() {
    commands::startup::mark_launch();
    let mut builder = tauri::Builder::default();
    if let Ok(dir) = kizuna_core::paths::data_dir() {
        builder = builder.plugin(desktop::single_instance(&dir));
    }
    let result = builder
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let log_guard = logging::init(&app.path().app_log_dir()?);
            app.manage(state::AppState::new(log_guard)?);
            app.manage(std::sync::Arc::new(commands::reports::LastReport::default()));
            auto_sync::start(app.handle().clone());
            desktop::install_menu(app.handle())?;
            auto_backup::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::community::open_community,
            commands::community::open_sample_community,
            commands::community::create_empty_community,
            commands::dashboard::dashboard_summary,
            commands::startup::dashboard_painted,
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
            commands::campaigns::list_campaigns,
            commands::campaigns::campaign_detail,
            commands::campaigns::create_campaign,
            commands::campaigns::update_campaign,
            commands::campaigns::link_campaign_event,
            commands::campaigns::unlink_campaign_event,
            commands::campaigns::link_campaign_perk,
            commands::campaigns::unlink_campaign_perk,
            commands::campaigns::add_campaign_influencer,
            commands::campaigns::update_campaign_influencer,
            commands::campaigns::remove_campaign_influencer,
            commands::campaigns::add_campaign_deliverable,
            commands::campaigns::update_campaign_deliverable,
            commands::campaigns::remove_campaign_deliverable,
            commands::campaigns::add_campaign_code,
            commands::campaigns::remove_campaign_code,
            commands::campaigns::attribute_campaign_code,
            commands::campaigns::attribute_campaign_manually,
            commands::campaigns::attribute_campaign_referrals,
            commands::campaigns::campaign_attributions,
            commands::campaigns::remove_campaign_attribution,
            commands::campaigns::campaign_shortlist,
            commands::campaigns::campaign_cohort,
            commands::campaign_compare::campaign_compare_choices,
            commands::campaign_compare::campaign_comparison,
            commands::campaign_compare::campaign_retention_chart,
            commands::campaign_compare::export_campaign_comparison_csv,
            commands::perks::list_perks,
            commands::perks::perk_detail,
            commands::perks::create_perk,
            commands::perks::update_perk,
            commands::perks::add_perk_wave,
            commands::perks::grant_perk_to_member,
            commands::perks::preview_perk_bulk,
            commands::perks::grant_perk_bulk,
            commands::perks::import_perk_codes,
            commands::perks::import_perk_codes_file,
            commands::perks::generate_perk_codes,
            commands::perks::redeem_perk_grant,
            commands::perks::redeem_perk_code,
            commands::perks::check_perk_redemption_csv,
            commands::perks::redeem_perk_redemption_csv,
            commands::perks::revoke_perk_grant,
            commands::perks::expire_perk_grants,
            commands::perks::perk_effect,
            commands::perks::perk_effect_chart,
            commands::perks::perk_conflicts,
            commands::perks::member_perk_grants,
            commands::ideas::list_ideas,
            commands::ideas::idea_detail,
            commands::ideas::create_idea,
            commands::ideas::update_idea,
            commands::ideas::set_idea_status,
            commands::ideas::vote_idea,
            commands::ideas::unvote_idea,
            commands::ideas::comment_idea,
            commands::ideas::merge_idea,
            commands::ideas::unmerge_idea,
            commands::ideas::idea_contributors,
            commands::ideas::export_idea_contributors,
            commands::ideas::import_ideas_csv_file,
            commands::ideas::preview_idea_perk_grant,
            commands::ideas::grant_idea_perk,
            commands::import::import_stage,
            commands::import::import_preview,
            commands::import::import_dry_run,
            commands::import::import_run,
            commands::import::import_cancel,
            commands::import::import_history,
            commands::import::import_undo,
            commands::sync::sync_settings,
            commands::sync::save_sync_settings,
            commands::sync::set_auto_sync,
            commands::sync::sync_now,
            commands::sync::sync_conflicts,
            commands::sync::resolve_sync_conflict,
            commands::connections::list_connections,
            commands::connections::add_connection,
            commands::connections::test_connection,
            commands::connections::sync_connection,
            commands::connections::remove_connection,
            commands::reports::report_preview,
            commands::reports::report_save_pdf,
            commands::reports::report_save_csv,
            commands::about::about_kizuna,
            desktop::set_menu_language,
            desktop::open_data_folder,
            desktop::show_logs,
            commands::backups::list_backups,
            commands::backups::back_up_now,
            commands::backups::preview_restore,
            commands::backups::restore_backup,
            commands::backups::damaged_community,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "Kizuna stopped with an error");
        eprintln!("Kizuna could not start: {error}");
        std::process::exit(1);
    }
}
