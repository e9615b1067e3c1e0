// Typed wrappers for the Reports screen's commands (src-tauri/src/commands/reports.rs).
import { Channel } from '@tauri-apps/api/core';
import type { ReportPreview, ReportRequest, ReportStage, SavedReport } from '$lib/bindings';
import { call } from './call';

/** Makes the report `request` describes; `onStage` hears each stage; resolves to its pages. */
export function previewReport(request: ReportRequest, onStage: (stage: ReportStage) => void): Promise<ReportPreview> {
	const onProgress = new Channel<ReportStage>();
	onProgress.onmessage = onStage;
	return call('report_preview', { request, onProgress });
}

/** Saves the report (the previewed one when `request` is unchanged) as a PDF at `path`. */
export function saveReportPdf(request: ReportRequest, path: string): Promise<SavedReport> {
	return call('report_save_pdf', { request, path });
}

/** Saves each table of the report as a CSV file in the folder `dir`; resolves to the files. */
export function saveReportCsv(request: ReportRequest, dir: string): Promise<string[]> {
	return call('report_save_csv', { request, dir });
}
