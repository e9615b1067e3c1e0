// Typed wrappers for the Campaigns commands (src-tauri/src/commands/campaigns.rs): the campaign,
// linked events, influencer roster with deliverables, shortlist, codes, attribution and cohort.
import type {
	Attribution,
	CampaignCohort,
	CampaignDetail,
	CampaignInput,
	CampaignRow,
	CodeKind,
	DeliverableInput,
	InfluencerTerms,
	ShortlistCandidate,
	ShortlistFilters
} from '$lib/bindings';
import { call } from './call';

/** Every campaign, latest start first, with the members it brought so far. */
export function listCampaigns(): Promise<CampaignRow[]> {
	return call('list_campaigns');
}

/** One campaign with its events, roster, codes and attributions by channel. */
export function campaignDetail(id: string): Promise<CampaignDetail> {
	return call('campaign_detail', { id });
}

/** Creates a campaign (nothing is saved when a field is wrong); returns its id. */
export function createCampaign(input: CampaignInput): Promise<string> {
	return call('create_campaign', { input });
}

/** Saves an edited campaign. */
export function updateCampaign(id: string, input: CampaignInput): Promise<void> {
	return call('update_campaign', { id, input });
}

/** Links an event to a campaign. */
export function linkCampaignEvent(campaignId: string, eventId: string): Promise<void> {
	return call('link_campaign_event', { campaignId, eventId });
}

/** Unlinks an event from a campaign. */
export function unlinkCampaignEvent(campaignId: string, eventId: string): Promise<void> {
	return call('unlink_campaign_event', { campaignId, eventId });
}

/** Links a perk to a campaign (a perk belongs to at most one campaign). */
export function linkCampaignPerk(campaignId: string, perkId: string): Promise<void> {
	return call('link_campaign_perk', { campaignId, perkId });
}

/** Unlinks a perk from a campaign. */
export function unlinkCampaignPerk(campaignId: string, perkId: string): Promise<void> {
	return call('unlink_campaign_perk', { campaignId, perkId });
}

/** Puts a member on the roster; returns the roster row's id. */
export function addInfluencer(campaignId: string, memberId: string, terms: InfluencerTerms): Promise<string> {
	return call('add_campaign_influencer', { campaignId, memberId, terms });
}

/** Changes an influencer's account, fee, status or notes. */
export function updateInfluencer(influencerId: string, terms: InfluencerTerms): Promise<void> {
	return call('update_campaign_influencer', { influencerId, terms });
}

/** Takes an influencer off the roster with their deliverables. */
export function removeInfluencer(influencerId: string): Promise<void> {
	return call('remove_campaign_influencer', { influencerId });
}

/** Adds a deliverable to an influencer; returns its id. */
export function addDeliverable(influencerId: string, input: DeliverableInput): Promise<string> {
	return call('add_campaign_deliverable', { influencerId, input });
}

/** Saves an edited deliverable. */
export function updateDeliverable(deliverableId: string, input: DeliverableInput): Promise<void> {
	return call('update_campaign_deliverable', { deliverableId, input });
}

/** Deletes a deliverable. */
export function removeDeliverable(deliverableId: string): Promise<void> {
	return call('remove_campaign_deliverable', { deliverableId });
}

/** Adds a referral code or link tag, for one influencer when given; returns its id. */
export function addCode(campaignId: string, kind: CodeKind, code: string, influencerId: string | null): Promise<string> {
	return call('add_campaign_code', { campaignId, kind, code, influencerId });
}

/** Deletes a code no member came through. */
export function removeCode(codeId: string): Promise<void> {
	return call('remove_campaign_code', { codeId });
}

/** Attributes a member, now, to the campaign whose code or link tag they used. */
export function attributeByCode(memberId: string, kind: CodeKind, code: string): Promise<Attribution> {
	return call('attribute_campaign_code', { memberId, kind, code });
}

/** Attributes a member to a campaign by hand. */
export function attributeManually(campaignId: string, memberId: string): Promise<Attribution> {
	return call('attribute_campaign_manually', { campaignId, memberId });
}

/** Attributes the members the influencers referred within the window; returns how many were new. */
export function attributeReferrals(campaignId: string): Promise<number> {
	return call('attribute_campaign_referrals', { campaignId });
}

/** The members attributed to a campaign, with how each came. */
export function campaignAttributions(campaignId: string): Promise<Attribution[]> {
	return call('campaign_attributions', { campaignId });
}

/** Undoes one attribution. */
export function removeAttribution(attributionId: string): Promise<void> {
	return call('remove_campaign_attribution', { attributionId });
}

/** Candidate influencers by tier, platform and trait, best past results first. */
export function campaignShortlist(campaignId: string, filters: ShortlistFilters): Promise<ShortlistCandidate[]> {
	return call('campaign_shortlist', { campaignId, filters });
}

/** The cohort the campaign brought, followed at 30 / 90 / 180 / 365 days. */
export function campaignCohort(campaignId: string): Promise<CampaignCohort> {
	return call('campaign_cohort', { campaignId });
}
