// Keeps the member list (search, loaded pages, scroll position) while a member is open,
// so "Back to members" returns to the same place.
import { MemberList } from './member-list.svelte';

interface KeptList {
	communityRevision: number;
	list: MemberList;
	scrollTop: number;
}

let kept: KeptList | null = null;

/** The list to show for `search`: the kept one if it matches, else a new one still to load. */
export function memberListFor(
	communityRevision: number,
	search: string
): { list: MemberList; scrollTop: number; isNew: boolean } {
	if (kept && kept.communityRevision === communityRevision && kept.list.search === search && kept.list.total !== null) {
		return { list: kept.list, scrollTop: kept.scrollTop, isNew: false };
	}
	kept = { communityRevision, list: new MemberList(), scrollTop: 0 };
	return { list: kept.list, scrollTop: 0, isNew: true };
}

/** Remembers how far the list is scrolled. */
export function rememberScrollTop(scrollTop: number): void {
	if (kept) kept.scrollTop = scrollTop;
}

/** The members list URL with the search last used, for back links. */
export function membersListHref(): string {
	const search = kept?.list.search ?? '';
	return search ? `/members?q=${encodeURIComponent(search)}` : '/members';
}

/** Drops the kept list, so the next visit reloads it (after a member is added, deleted or erased). */
export function forgetMemberList(): void {
	kept = null;
}
