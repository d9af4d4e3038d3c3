/**
 * `@chiso/adapters/csv` — the same self-assessment form as a CSV file (comma, semicolon
 * or tab separated; UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), or
 * Windows-1258), and the ranking as CSV.
 *
 * @packageDocumentation
 */
import type { BatchResult, CompiledPack } from '@chiso/core'
import { csvLine } from '../shared/csv-cell.js'
import { readForm, type ReadFormOptions, type ReadResult } from '../shared/form.js'
import { loadBytes } from '../shared/load.js'
import { formatNumber, formatScore, type Locale } from '../shared/locale.js'
import { anySample, packMarkLine, ROW_MARK_LEGEND, rowSource } from '../shared/marks.js'
import { bandLabel, groupHeading, rankText, reportHeaderLines, unitName } from '../shared/summary.js'
import { csvFileGrid, notUtf8Note, RANKING_HEADER, RANKING_HEADER_EN } from './parse.js'

export { csvGrid, decodeText, parseCsv } from './parse.js'

export type { ReadResult, ReadFormOptions } from '../shared/form.js'
export type { FileIssue } from '../shared/issues.js'

/** Options for {@link readAssessmentCsv}. */
export interface ReadCsvOptions extends ReadFormOptions {
  /** the name reported in issues when `file` is bytes or text (default "assessment.csv") */
  readonly fileName?: string
  /** the field delimiter; detected when omitted */
  readonly delimiter?: string
}

/**
 * Reads a self-assessment form saved as CSV (same columns as the workbook: STT, Tiêu chí,
 * Điểm tối đa, Điểm tự đánh giá, Tài liệu kiểm chứng, Giải trình) into an assessment.
 * Every problem is reported with file and cell: bytes that are not text are named for
 * what they are, a quote never closed is reported with its line, and a file past the
 * limits (50 MB, 100 000 rows, 200 000 cells) is refused with the count.
 *
 * @example
 * ```ts
 * import { readAssessmentCsv } from '@chiso/adapters/csv'
 * const r = await readAssessmentCsv('submissions/xa-a.csv', pack, { period: '2024' })
 * if (!r.ok) for (const i of r.issues) console.log(`${i.file} › ${i.cell}: ${i.message.vi}`)
 * ```
 */
export async function readAssessmentCsv(file: string | Uint8Array, pack: CompiledPack, options: ReadCsvOptions = {}): Promise<ReadResult> {
  const fileName = options.fileName ?? (typeof file === 'string' ? file : 'assessment.csv')
  const loaded = await loadBytes(file, fileName)
  if ('issue' in loaded) return { ok: false, issues: [loaded.issue] }
  const g = csvFileGrid(loaded.bytes, fileName, options.delimiter)
  if ('issues' in g) return { ok: false, issues: g.issues }
  const r = readForm([g.grid], pack, options, fileName)
  // a header not found in a file that is not UTF-8: said with how to save it as UTF-8
  return !r.ok && g.encoding === 'windows-1258' ? { ...r, issues: notUtf8Note(r.issues) } : r
}

/**
 * The same reader under the workbook name, so both subpaths offer one shape.
 *
 * @example
 * ```ts
 * import { readAssessmentWorkbook } from '@chiso/adapters/csv'
 * const r = await readAssessmentWorkbook('xa-a.csv', pack, { period: '2024' })
 * ```
 */
export const readAssessmentWorkbook = readAssessmentCsv

/** Options for {@link writeRankingCsv}. */
export interface RankingCsvOptions {
  /** field delimiter (default ";", what Vietnamese Excel opens as columns) */
  readonly delimiter?: string
  /** write a UTF-8 byte order mark (default true, so Excel reads the accents) */
  readonly bom?: boolean
  /** language of the labels and numbers: "vi" (85,34; default) or "en" (85.34) */
  readonly locale?: Locale
}

/**
 * The ranking as CSV: first the pack, the one line saying what in it is reconstructed
 * (and that the units are sample data, when they are), then the table (semicolon
 * separated, numbers with a comma decimal separator as Vietnamese spreadsheets expect,
 * computed from the exact values; "không xếp hạng" for a unit assessed but not ranked;
 * UTF-8 with BOM so Excel opens it with the right characters). Text that a spreadsheet
 * would take for a formula (a unit named "=HYPERLINK(…)") is written with a leading
 * apostrophe.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { writeRankingCsv } from '@chiso/adapters/csv'
 * await writeFile('xep-hang.csv', writeRankingCsv(batch))
 * ```
 */
export function writeRankingCsv(batch: BatchResult, options: RankingCsvOptions = {}): string {
  const d = options.delimiter ?? ';'
  const locale = options.locale ?? 'vi'
  const vi = locale === 'vi'
  const areas = batch.pack.areas.map((i) => batch.pack.nodes[i]!.code)
  const head = reportHeaderLines(batch.pack, { locale, sample: anySample(batch.units.map((u) => u.result.assessment)) })
  const lines: string[][] = [...head.map((l) => [l]), []]
  lines.push([...(vi ? RANKING_HEADER : RANKING_HEADER_EN), ...areas.map((a) => (vi ? `Hạng LV ${a}` : `Rank area ${a}`)), vi ? 'Chỉ số (chính xác)' : 'Index (exact)'])
  for (const list of batch.groups.values()) {
    for (const u of list) {
      lines.push([
        rankText(u, locale),
        u.unitId,
        unitName(u),
        // the group by name ("Khối xã"), not its code ("xa", "all")
        groupHeading(batch, u.group, locale),
        formatNumber(u.result.total, locale),
        formatNumber(u.result.index, locale),
        u.band ? bandLabel(u.band, locale) : '',
        ...areas.map((a) => String(u.componentRanks[a] ?? '')),
        u.result.index.toString(),
      ])
    }
  }
  return (options.bom === false ? '' : '\ufeff') + lines.map((l) => csvLine(l, d)).join('\r\n') + '\r\n'
}

/**
 * The blank form as CSV: the header block (unit, code, period, pack, and the line saying
 * what in the pack is reconstructed), then STT; Tiêu chí; Điểm tối đa; Điểm tự đánh giá;
 * Tài liệu kiểm chứng; Giải trình; Nguồn — the last column marking each reconstructed row
 * "tái dựng" (or naming the text a verified row comes from).
 *
 * @example
 * ```ts
 * import { writeTemplateCsv } from '@chiso/adapters/csv'
 * const text = writeTemplateCsv(pack, { period: '2024' })
 * ```
 */
export function writeTemplateCsv(pack: CompiledPack, options: { period?: string; delimiter?: string } = {}): string {
  const d = options.delimiter ?? ';'
  const lines: string[][] = [
    ['Tên đơn vị:', ''],
    ['Mã đơn vị:', ''],
    ['Kỳ đánh giá:', options.period ?? ''],
    ['Bộ chỉ số:', `${pack.id}@${pack.version}`],
    ['Nguồn nội dung:', packMarkLine(pack, 'vi')],
    ['Chú thích:', ROW_MARK_LEGEND.vi],
    [],
    ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Tài liệu kiểm chứng', 'Giải trình', 'Nguồn'],
  ]
  for (const n of pack.nodes.slice(1)) lines.push([n.code, n.title.vi, formatScore(n.maxPoints, 'vi', 4), '', '', '', rowSource(pack, n.code, 'vi')])
  return '\ufeff' + lines.map((l) => csvLine(l, d)).join('\r\n') + '\r\n'
}
export { readSurveyGrid, type SurveyTable } from '../shared/survey.js'
export { readFactsGrid, type FactsTable } from '../shared/facts.js'
