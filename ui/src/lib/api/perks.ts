// Typed wrappers for the Perks commands (src-tauri/src/commands/perks.rs).
import type {
	BulkPreview,
	BulkTarget,
	MemberGrant,
	PerkConflict,
	PerkDetail,
	PerkEffect,
	PerkInput,
	PerkRow,
	ShopRedemptionReport,
	WaveInput
} from '$lib/bindings';
import { call } from './call';

/** Every perk, the latest start first, with how much of it is given. */
export function listPerks(): Promise<PerkRow[]> {
	return call('list_perks');
}

/** One perk with its waves and grants. */
export function perkDetail(id: string): Promise<PerkDetail> {
	return call('perk_detail', { id });
}

/** Creates a perk with its waves; returns its id. */
export function createPerk(input: PerkInput): Promise<string> {
	return call('create_perk', { input });
}

/** Saves an edited perk and adds the new waves in `input.waves`, all or nothing. */
export function updatePerk(id: string, input: PerkInput): Promise<void> {
	return call('update_perk', { id, input });
}

/** Adds a wave to a perk. */
export function addPerkWave(perkId: string, wave: WaveInput): Promise<string> {
	return call('add_perk_wave', { perkId, wave });
}

/** Grants a perk to one member; returns the grant id. */
export function grantPerkToMember(perkId: string, memberId: string, wave: number | null): Promise<string> {
	return call('grant_perk_to_member', { perkId, memberId, wave });
}

/** Who a bulk grant would reach and who not and why; changes nothing. */
export function previewPerkBulk(perkId: string, target: BulkTarget): Promise<BulkPreview> {
	return call('preview_perk_bulk', { perkId, target });
}

/** Grants to everyone the preview says gets it, all or nothing. */
export function grantPerkBulk(perkId: string, target: BulkTarget): Promise<BulkPreview> {
	return call('grant_perk_bulk', { perkId, target });
}

/** Imports pasted codes; returns how many. */
export function importPerkCodes(perkId: string, text: string): Promise<number> {
	return call('import_perk_codes', { perkId, text });
}

/** Imports the codes of a CSV file picked in the open dialog; returns how many. */
export function importPerkCodesFile(perkId: string, path: string): Promise<number> {
	return call('import_perk_codes_file', { perkId, path });
}

/** Generates `count` codes; returns them. */
export function generatePerkCodes(perkId: string, count: number): Promise<string[]> {
	return call('generate_perk_codes', { perkId, count });
}

/** Marks a grant redeemed. */
export function redeemPerkGrant(grantId: string): Promise<void> {
	return call('redeem_perk_grant', { grantId });
}

/** Redeems the grant holding `code`; returns the grant id. */
export function redeemPerkCode(code: string): Promise<string> {
	return call('redeem_perk_code', { code });
}

/** Checks a shop's CSV export picked in the open dialog for a perk; writes nothing. */
export function checkPerkRedemptionCsv(perkId: string, path: string): Promise<ShopRedemptionReport> {
	return call('check_perk_redemption_csv', { perkId, path });
}

/** Redeems the grants of a shop's CSV export: all rows, or none when one is wrong. */
export function redeemPerkRedemptionCsv(perkId: string, path: string): Promise<ShopRedemptionReport> {
	return call('redeem_perk_redemption_csv', { perkId, path });
}

/** Revokes a grant not redeemed yet. */
export function revokePerkGrant(grantId: string): Promise<void> {
	return call('revoke_perk_grant', { grantId });
}

/** Activity 60 days before vs after the grants: the whole perk, then each wave. */
export function perkEffect(perkId: string): Promise<PerkEffect[]> {
	return call('perk_effect', { perkId });
}

/** The perk effect chart as SVG. */
export function perkEffectChart(perkId: string, theme: 'light' | 'dark', lang: 'en' | 'ja'): Promise<string> {
	return call('perk_effect_chart', { perkId, theme, lang });
}

/** Oversubscribed perks and codes held twice after a sync. */
export function perkConflicts(): Promise<PerkConflict[]> {
	return call('perk_conflicts');
}

/** Every perk grant of one member, the latest first. */
export function memberPerkGrants(memberId: string): Promise<MemberGrant[]> {
	return call('member_perk_grants', { memberId });
}
