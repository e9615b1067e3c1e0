import { beforeEach, describe, expect, it, vi } from 'vitest';

const plugin = vi.hoisted(() => ({
	granted: true,
	answer: 'granted' as 'granted' | 'denied',
	sent: [] as Array<{ title: string; body?: string }>
}));

vi.mock('@tauri-apps/plugin-notification', () => ({
	isPermissionGranted: async () => plugin.granted,
	requestPermission: async () => plugin.answer,
	sendNotification: (options: { title: string; body?: string }) => plugin.sent.push(options)
}));

import { CommandError } from '$lib/api/command-error';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { importDoneNotice, notifyFailureIfAway, notifyIfAway } from './notify';

const focused = async () => true;
const away = async () => false;

describe('notifications for finished long jobs', () => {
	beforeEach(() => {
		plugin.granted = true;
		plugin.answer = 'granted';
		plugin.sent = [];
		setLocale('en');
	});

	it('stays quiet while Kizuna is the window in front', async () => {
		expect(await notifyIfAway('Import finished', 'done', focused)).toBe(false);
		expect(plugin.sent).toEqual([]);
	});

	it('tells a manager who looked away, in the UI language', async () => {
		setLocale('ja');
		const [title, body] = importDoneNotice('attendees.csv', 120, 3, 2);
		expect(await notifyIfAway(title, body, away)).toBe(true);
		expect(plugin.sent).toEqual([
			{ title: 'インポートが完了しました', body: 'attendees.csv：新しいメンバー 120 人、更新 3 人、取り込めなかった行 2 行。' }
		]);
	});

	it('asks for permission once and respects a refusal', async () => {
		plugin.granted = false;
		plugin.answer = 'denied';
		expect(await notifyIfAway('Report ready', 'Overview', away)).toBe(false);
		expect(plugin.sent).toEqual([]);
		plugin.answer = 'granted';
		expect(await notifyIfAway('Report ready', 'Overview', away)).toBe(true);
		expect(plugin.sent.map((sent) => sent.title)).toEqual(['Report ready']);
	});

	it('says nothing about a job the person cancelled', async () => {
		const cancelled = new CommandError('import_run', 'cancelled', 'the import was cancelled');
		expect(await notifyFailureIfAway('Import stopped', cancelled)).toBe(false);
		expect(plugin.sent).toEqual([]);
	});
});
