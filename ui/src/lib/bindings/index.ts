// Re-exports every type ts-rs generates from the Rust models. Hand-written: ts-rs does not emit
// this file, so when the Rust side adds a type, add its line here.
export type { AppError } from './AppError';
export type { CommunityInfo } from './CommunityInfo';
export type { DashboardSummary } from './DashboardSummary';
export type { DuplicateConflict } from './DuplicateConflict';
export type { DuplicateReason } from './DuplicateReason';
export type { DuplicateSuggestion } from './DuplicateSuggestion';
export type { ErrorCode } from './ErrorCode';
export type { EventKind } from './EventKind';
export type { EventSummary } from './EventSummary';
export type { Identity } from './Identity';
export type { InfluencerTier } from './InfluencerTier';
export type { InsightChart } from './InsightChart';
export type { Level } from './Level';
export type { LevelCount } from './LevelCount';
export type { Member } from './Member';
export type { MemberDetail } from './MemberDetail';
export type { MemberPage } from './MemberPage';
export type { MemberRow } from './MemberRow';
export type { ScoreExplanation } from './ScoreExplanation';
export type { SuggestedMember } from './SuggestedMember';
export type { TimelineEntry } from './TimelineEntry';
export type { TypeContribution } from './TypeContribution';
