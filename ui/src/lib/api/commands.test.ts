import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { CommandError, listMembers, memberDetail, activityChart } from './commands';

afterEach(() => clearMocks());

describe('command wrappers', () => {
	it('a rejected { code, message } becomes a CommandError with that code', async () => {
		mockIPC(() => {
			throw { code: 'notFound', message: 'no member with id m-1' };
		});
		const failure = await memberDetail('m-1').catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(CommandError);
		expect(failure).toMatchObject({
			code: 'notFound',
			message: 'no member with id m-1',
			command: 'member_detail'
		});
	});

	it('an unknown code or a plain string rejection becomes an internal error', async () => {
		mockIPC((cmd) => {
			if (cmd === 'member_detail') throw { code: 'somethingNew', message: 'x' };
			throw 'command list_members not found';
		});
		await expect(memberDetail('m-1')).rejects.toMatchObject({ code: 'internal', message: 'x' });
		await expect(listMembers('', 0, 200)).rejects.toMatchObject({
			code: 'internal',
			message: 'command list_members not found'
		});
	});

	it('sends camelCase arguments and returns the payload', async () => {
		const calls: Array<[string, unknown]> = [];
		mockIPC((cmd, args) => {
			calls.push([cmd, args]);
			return cmd === 'activity_chart' ? '<svg></svg>' : { total: 0, offset: 400, rows: [] };
		});
		await expect(listMembers('sato', 400, 200)).resolves.toEqual({ total: 0, offset: 400, rows: [] });
		await expect(activityChart('dark', 'ja')).resolves.toBe('<svg></svg>');
		expect(calls).toEqual([
			['list_members', { search: 'sato', offset: 400, limit: 200 }],
			['activity_chart', { theme: 'dark', lang: 'ja' }]
		]);
	});
});
