//! The UI's TypeScript types are generated from the Rust types that cross the IPC boundary.
//! This test fails when the committed files in ui/src/lib/bindings are stale; run it with
//! `UPDATE_BINDINGS=1` to rewrite them.

use std::collections::BTreeMap;
use std::path::Path;

use kizuna_app::AppError;
use kizuna_core::activity_types::ActivityTypeUsage;
use kizuna_core::community::CommunityInfo;
use kizuna_core::dashboard::DashboardSummary;
use kizuna_core::duplicates::DuplicateSuggestion;
use kizuna_core::engagement::{LevelCount, ScoreExplanation};
use kizuna_core::members::{
    DeletedMember, ErasureReport, IdentityPatch, MemberDetail, MemberPage, MemberPatch,
    NewIdentity, NewMember,
};
use kizuna_core::merge::{FieldChoices, MergeId, MergePreview, MergeRecord};
use kizuna_core::segments::{Group, SavedSegment, SegmentChoices, SegmentSummary};
use kizuna_report::insights::InsightChart;
use ts_rs::{Config, TS};

const BINDINGS: &str = "ui/src/lib/bindings";
/// Hand-written files that live beside the generated ones.
const HAND_WRITTEN: &[&str] = &["index.ts"];

fn generate(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    CommunityInfo::export_all(&cfg).expect("export CommunityInfo");
    DashboardSummary::export_all(&cfg).expect("export DashboardSummary");
    MemberPage::export_all(&cfg).expect("export MemberPage");
    MemberDetail::export_all(&cfg).expect("export MemberDetail");
    kizuna_core::members::TraitUsage::export_all(&cfg).expect("export TraitUsage");
    NewMember::export_all(&cfg).expect("export NewMember");
    NewIdentity::export_all(&cfg).expect("export NewIdentity");
    MemberPatch::export_all(&cfg).expect("export MemberPatch");
    IdentityPatch::export_all(&cfg).expect("export IdentityPatch");
    ErasureReport::export_all(&cfg).expect("export ErasureReport");
    DeletedMember::export_all(&cfg).expect("export DeletedMember");
    ActivityTypeUsage::export_all(&cfg).expect("export ActivityTypeUsage");
    AppError::export_all(&cfg).expect("export AppError");
    ScoreExplanation::export_all(&cfg).expect("export ScoreExplanation");
    LevelCount::export_all(&cfg).expect("export LevelCount");
    DuplicateSuggestion::export_all(&cfg).expect("export DuplicateSuggestion");
    InsightChart::export_all(&cfg).expect("export InsightChart");
    kizuna_core::engagement_settings::EngagementSettings::export_all(&cfg)
        .expect("export EngagementSettings");
    kizuna_core::engagement_settings::RulesApplied::export_all(&cfg).expect("export RulesApplied");
    kizuna_core::engagement::LevelInput::export_all(&cfg).expect("export LevelInput");
    kizuna_core::referrals::MemberReferrals::export_all(&cfg).expect("export MemberReferrals");
    kizuna_core::referrals::Advocate::export_all(&cfg).expect("export Advocate");
    kizuna_core::influencers::InfluencerRow::export_all(&cfg).expect("export InfluencerRow");
    Group::export_all(&cfg).expect("export Group");
    SavedSegment::export_all(&cfg).expect("export SavedSegment");
    SegmentSummary::export_all(&cfg).expect("export SegmentSummary");
    SegmentChoices::export_all(&cfg).expect("export SegmentChoices");
    MergePreview::export_all(&cfg).expect("export MergePreview");
    MergeRecord::export_all(&cfg).expect("export MergeRecord");
    kizuna_core::budget::BudgetSummary::export_all(&cfg).expect("export BudgetSummary");
    kizuna_core::budget::BudgetLine::export_all(&cfg).expect("export BudgetLine");
    kizuna_core::budget::BudgetLineInput::export_all(&cfg).expect("export BudgetLineInput");
    kizuna_core::event_outcomes::EventOutcome::export_all(&cfg).expect("export EventOutcome");
    kizuna_core::event_outcomes::EventEffect::export_all(&cfg).expect("export EventEffect");
    kizuna_core::event_outcomes::Feedback::export_all(&cfg).expect("export Feedback");
    kizuna_core::event_outcomes::FeedbackInput::export_all(&cfg).expect("export FeedbackInput");
    kizuna_core::event_outcomes::FeedbackCsvCheck::export_all(&cfg)
        .expect("export FeedbackCsvCheck");
    kizuna_core::suggestions::RankedSuggestion::export_all(&cfg).expect("export RankedSuggestion");
    kizuna_core::events::EventListItem::export_all(&cfg).expect("export EventListItem");
    kizuna_core::events::EventDetail::export_all(&cfg).expect("export EventDetail");
    kizuna_core::events::RegistrationRow::export_all(&cfg).expect("export RegistrationRow");
    kizuna_core::events::RegisterOutcome::export_all(&cfg).expect("export RegisterOutcome");
    kizuna_core::events::SegmentRegistration::export_all(&cfg).expect("export SegmentRegistration");
    kizuna_core::events::TicketType::export_all(&cfg).expect("export TicketType");
    kizuna_core::events::CheckinCounter::export_all(&cfg).expect("export CheckinCounter");
    kizuna_core::events::WalkIn::export_all(&cfg).expect("export WalkIn");
    kizuna_core::events::EventWhen::export_all(&cfg).expect("export EventWhen");
    kizuna_core::events::EventForm::export_all(&cfg).expect("export EventForm");
    kizuna_report::pdf::badges::BadgesPrinted::export_all(&cfg).expect("export BadgesPrinted");
    kizuna_report::reports::ReportKind::export_all(&cfg).expect("export ReportKind");
    kizuna_report::reports::ReportRequest::export_all(&cfg).expect("export ReportRequest");
    kizuna_report::reports::ReportTable::export_all(&cfg).expect("export ReportTable");
    kizuna_report::reports::ReportStage::export_all(&cfg).expect("export ReportStage");
    kizuna_app::ReportPreview::export_all(&cfg).expect("export ReportPreview");
    kizuna_app::SavedReport::export_all(&cfg).expect("export SavedReport");
    kizuna_app::MenuAction::export_all(&cfg).expect("export MenuAction");
    kizuna_app::AboutKizuna::export_all(&cfg).expect("export AboutKizuna");
    FieldChoices::export_all(&cfg).expect("export FieldChoices");
    kizuna_import::formats::FileOptions::export_all(&cfg).expect("export FileOptions");
    kizuna_import::session::ImportPreview::export_all(&cfg).expect("export ImportPreview");
    kizuna_import::session::ImportProgress::export_all(&cfg).expect("export ImportProgress");
    kizuna_import::engine::ImportReport::export_all(&cfg).expect("export ImportReport");
    kizuna_import::history::ImportRun::export_all(&cfg).expect("export ImportRun");
    kizuna_import::history::UndoReport::export_all(&cfg).expect("export UndoReport");
    kizuna_import::connectors::Connection::export_all(&cfg).expect("export Connection");
    kizuna_import::connectors::NewConnection::export_all(&cfg).expect("export NewConnection");
    kizuna_import::connectors::SyncProgress::export_all(&cfg).expect("export SyncProgress");
    kizuna_sync::settings::SyncStatus::export_all(&cfg).expect("export SyncStatus");
    kizuna_sync::conflicts::SyncConflict::export_all(&cfg).expect("export SyncConflict");
    MergeId::export_all(&cfg).expect("export MergeId");
    kizuna_core::campaigns::CampaignInput::export_all(&cfg).expect("export CampaignInput");
    kizuna_core::campaigns::CampaignRow::export_all(&cfg).expect("export CampaignRow");
    kizuna_core::campaigns::CampaignDetail::export_all(&cfg).expect("export CampaignDetail");
    kizuna_core::campaigns::InfluencerTerms::export_all(&cfg).expect("export InfluencerTerms");
    kizuna_core::campaigns::DeliverableInput::export_all(&cfg).expect("export DeliverableInput");
    kizuna_core::campaigns::ShortlistFilters::export_all(&cfg).expect("export ShortlistFilters");
    kizuna_core::campaigns::ShortlistCandidate::export_all(&cfg)
        .expect("export ShortlistCandidate");
    kizuna_core::campaigns::Attribution::export_all(&cfg).expect("export Attribution");
    kizuna_core::campaigns::CampaignCohort::export_all(&cfg).expect("export CampaignCohort");
    kizuna_core::campaigns::Comparison::export_all(&cfg).expect("export Comparison");
    kizuna_core::perks::PerkInput::export_all(&cfg).expect("export PerkInput");
    kizuna_core::perks::WaveInput::export_all(&cfg).expect("export WaveInput");
    kizuna_core::perks::WaveRow::export_all(&cfg).expect("export WaveRow");
    kizuna_core::perks::PerkRow::export_all(&cfg).expect("export PerkRow");
    kizuna_core::perks::GrantRow::export_all(&cfg).expect("export GrantRow");
    kizuna_core::perks::PerkDetail::export_all(&cfg).expect("export PerkDetail");
    kizuna_core::perks::BulkTarget::export_all(&cfg).expect("export BulkTarget");
    kizuna_core::perks::BulkPreview::export_all(&cfg).expect("export BulkPreview");
    kizuna_core::perks::PreviewRow::export_all(&cfg).expect("export PreviewRow");
    kizuna_core::perks::BulkOutcome::export_all(&cfg).expect("export BulkOutcome");
    kizuna_core::perks::GrantStatus::export_all(&cfg).expect("export GrantStatus");
    kizuna_core::perks::PerkConflict::export_all(&cfg).expect("export PerkConflict");
    kizuna_core::perks::PerkEffect::export_all(&cfg).expect("export PerkEffect");
    kizuna_core::perks::MemberGrant::export_all(&cfg).expect("export MemberGrant");
    kizuna_core::perks::ShopRedemptionReport::export_all(&cfg)
        .expect("export ShopRedemptionReport");
    kizuna_core::ideas::IdeaInput::export_all(&cfg).expect("export IdeaInput");
    kizuna_core::ideas::IdeaRow::export_all(&cfg).expect("export IdeaRow");
    kizuna_core::ideas::IdeaDetail::export_all(&cfg).expect("export IdeaDetail");
    kizuna_core::ideas::StatusChange::export_all(&cfg).expect("export StatusChange");
    kizuna_core::ideas::IdeaSort::export_all(&cfg).expect("export IdeaSort");
    kizuna_core::ideas::IdeaStatus::export_all(&cfg).expect("export IdeaStatus");
    kizuna_core::ideas::IdeaSource::export_all(&cfg).expect("export IdeaSource");
    kizuna_core::ideas::CommentRow::export_all(&cfg).expect("export CommentRow");
    kizuna_core::ideas::Contributor::export_all(&cfg).expect("export Contributor");
    kizuna_core::ideas::IdeaAudience::export_all(&cfg).expect("export IdeaAudience");
    kizuna_core::backup::BackupList::export_all(&cfg).expect("export BackupList");
    kizuna_core::backup::RestorePreview::export_all(&cfg).expect("export RestorePreview");
    kizuna_core::backup::DamagedCommunity::export_all(&cfg).expect("export DamagedCommunity");
}

fn read_ts(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .expect("bindings folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ts"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("read binding"))
        })
        .filter(|(name, _)| !HAND_WRITTEN.contains(&name.as_str()))
        .collect()
}

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    let fresh = tempfile::tempdir().expect("temp dir");
    generate(fresh.path());
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        for name in read_ts(&committed_dir).keys() {
            std::fs::remove_file(committed_dir.join(name)).expect("remove stale binding");
        }
        generate(&committed_dir);
    }
    let (fresh, committed) = (read_ts(fresh.path()), read_ts(&committed_dir));
    assert!(fresh.contains_key("MemberRow.ts") && fresh.contains_key("ErrorCode.ts"));
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "binding files differ; run UPDATE_BINDINGS=1 cargo test --test bindings"
    );
    for (name, text) in &fresh {
        assert_eq!(
            &committed[name], text,
            "{name} is stale; run UPDATE_BINDINGS=1 cargo test --test bindings"
        );
    }
}
