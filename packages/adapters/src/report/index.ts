/**
 * `@chiso/adapters/report` — printable reports of results: one self-contained HTML file
 * (charts as server-rendered SVG, the font inside, A4 pages) and a PDF printed from it by a
 * headless Chromium.
 *
 * In three layers, each usable alone (a web dashboard draws the same charts and sections):
 * - data: {@link buildReportData} turns the engine's results (this year, earlier years,
 *   a sensitivity analysis) into plain JSON-serialisable {@link ReportData};
 * - pieces: chart renderers (data → SVG string: {@link indexBarsSvg}, {@link heatmapSvg},
 *   {@link bandYearsSvg}, {@link slopeSvg}, {@link rankIntervalsSvg}, {@link unitAreasSvg})
 *   and HTML sections ({@link rankingTableHtml}, {@link unitPageHtml});
 * - documents: {@link renderReportHtml} and {@link renderReportPdf}.
 *
 * @example
 * ```ts
 * import { evaluateBatch } from '@chiso/core'
 * import { buildReportData, renderReportHtml, renderReportPdf } from '@chiso/adapters/report'
 * const html = renderReportHtml(buildReportData(evaluateBatch(pack, assessments, { trace: true })))
 * const { pdf } = await renderReportPdf(html)
 * ```
 *
 * @packageDocumentation
 */
export {
  buildReportData,
  type ReportData,
  type ReportDataOptions,
  type ReportUnit,
  type ReportGroup,
  type ReportBand,
  type ReportArea,
  type ReportGap,
  type ReportAppraisal,
  type BandYear,
  type ShownNumber,
} from './data.js'
export { largestGaps, type PointGap } from './gaps.js'
export { bandStyles, bandShort, type BandStyle, type BandPattern } from './bands.js'
export { indexBarsSvg, type IndexBar } from './charts/index-bars.js'
export { heatmapSvg, type HeatRow } from './charts/heatmap.js'
export { bandYearsSvg } from './charts/band-years.js'
export { slopeSvg, type SlopeLine } from './charts/slope.js'
export { rankIntervalsSvg, type RankIntervalRow } from './charts/rank-intervals.js'
export { unitAreasSvg, type UnitAreaBar } from './charts/unit-areas.js'
export { rankingTableHtml } from './sections/ranking.js'
export { unitPageHtml } from './sections/unit.js'
export { renderReportHtml, reportPages, reportPageCount, UNITS_PER_PAGE, BAND_YEAR_CHARTS_PER_PAGE, CONTENT_WIDTH, type ReportPage, type ReportPageKind, type ReportHtmlOptions } from './document.js'
export { renderReportPdf, findChromium, ReportPdfError, type ReportPdf, type ReportPdfOptions } from './pdf.js'
