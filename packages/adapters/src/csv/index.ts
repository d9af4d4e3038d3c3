/**
 * `@chiso/adapters/csv` — the same self-assessment form as a CSV file (comma, semicolon
 * or tab separated; UTF-8 with or without BOM, or Windows-1258), and the ranking as CSV.
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises'
import type { BatchResult, CompiledPack } from '@chiso/core'
import { readForm, type Grid, type GridCell, type ReadFormOptions, type ReadResult } from '../shared/form.js'
import { fileIssue } from '../shared/issues.js'
import { unitName } from '../shared/summary.js'
import { formatVi } from '../shared/text.js'

export type { ReadResult, ReadFormOptions } from '../shared/form.js'
export type { FileIssue } from '../shared/issues.js'

/**
 * Parses CSV text (RFC 4180 quoting). The delimiter is detected from the first lines
 * (`;`, `,` or tab) unless given.
 *
 * @example
 * ```ts
 * import { parseCsv } from '@chiso/adapters/csv'
 * parseCsv('STT;Tiêu chí;Điểm tự đánh giá\n1.1;Kế hoạch;"0,5"\n') // [['STT','Tiêu chí','Điểm tự đánh giá'],['1.1','Kế hoạch','0,5']]
 * ```
 */
export function parseCsv(text: string, delimiter?: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const d = delimiter ?? detectDelimiter(src)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  while (i < src.length) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') {
      quoted = true
      i++
      continue
    }
    if (ch === d) {
      row.push(field)
      field = ''
      i++
      continue
    }
    if (ch === '\r' || ch === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1
      continue
    }
    field += ch
    i++
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

function detectDelimiter(text: string): string {
  const head = text.split(/\r?\n/, 10).join('\n')
  let best = ','
  let bestCount = -1
  for (const d of [';', ',', '\t']) {
    let n = 0
    let q = false
    for (const ch of head) {
      if (ch === '"') q = !q
      else if (!q && ch === d) n++
    }
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
}

/**
 * A grid over parsed CSV rows, for {@link readForm}.
 *
 * @example
 * ```ts
 * import { csvGrid, parseCsv } from '@chiso/adapters/csv'
 * const grid = csvGrid(parseCsv(text), 'xa-a.csv')
 * grid.cell(1, 1)?.value // 'STT'
 * ```
 */
export function csvGrid(rows: readonly (readonly string[])[], name: string): Grid {
  const colCount = rows.reduce((m, r) => Math.max(m, r.length), 0)
  // trailing empty rows do not count
  let rowCount = rows.length
  while (rowCount > 0 && rows[rowCount - 1]!.every((v) => v.trim() === '')) rowCount--
  return {
    name,
    rowCount,
    colCount,
    cell(row, col): GridCell | undefined {
      const v = rows[row - 1]?.[col - 1]
      return v === undefined ? undefined : { value: v }
    },
  }
}

/**
 * Decodes bytes as UTF-8, falling back to Windows-1258 (legacy Vietnamese) when they are
 * not valid UTF-8; undefined for binary data.
 *
 * @example
 * ```ts
 * import { decodeText } from '@chiso/adapters/csv'
 * decodeText(new TextEncoder().encode('Điểm')) // 'Điểm'
 * decodeText(new Uint8Array([0x50, 0x4b, 0, 0])) // undefined
 * ```
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    try {
      return new TextDecoder('windows-1258').decode(bytes)
    } catch {
      return new TextDecoder('latin1').decode(bytes)
    }
  }
}

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
 * Every problem is reported with file and cell.
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
  let bytes: Uint8Array
  if (typeof file === 'string') {
    try {
      bytes = new Uint8Array(await readFile(file))
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      return { ok: false, issues: [code === 'ENOENT' ? fileIssue('file_not_found', { file: fileName }, { file: fileName }) : fileIssue('not_a_csv', { file: fileName })] }
    }
  } else bytes = file
  if (bytes.length === 0) return { ok: false, issues: [fileIssue('empty_file', { file: fileName })] }
  const text = decodeText(bytes)
  if (text === undefined) return { ok: false, issues: [fileIssue('not_a_csv', { file: fileName })] }
  const sheet = fileName.replace(/^.*[\\/]/, '')
  return readForm([csvGrid(parseCsv(text, options.delimiter), sheet)], pack, options, fileName)
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

const quote = (v: string, d: string): string => (/["\n\r]/.test(v) || v.includes(d) ? `"${v.replace(/"/g, '""')}"` : v)

/**
 * The ranking as CSV (semicolon separated, numbers with a comma decimal separator as
 * Vietnamese spreadsheets expect, computed from the exact values; UTF-8 with BOM so
 * Excel opens it with the right characters).
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { writeRankingCsv } from '@chiso/adapters/csv'
 * await writeFile('xep-hang.csv', writeRankingCsv(batch))
 * ```
 */
export function writeRankingCsv(batch: BatchResult, options: { delimiter?: string; bom?: boolean } = {}): string {
  const d = options.delimiter ?? ';'
  const areas = batch.pack.areas.map((i) => batch.pack.nodes[i]!.code)
  const lines = [['Hạng', 'Mã đơn vị', 'Đơn vị', 'Nhóm', 'Điểm', 'Chỉ số', 'Xếp loại', ...areas.map((a) => `Hạng LV ${a}`), 'Chỉ số (chính xác)']]
  for (const list of batch.groups.values()) {
    for (const u of list) {
      lines.push([
        String(u.rank),
        u.unitId,
        unitName(u),
        u.group,
        formatVi(u.result.total),
        formatVi(u.result.index),
        u.band?.label.vi ?? '',
        ...areas.map((a) => String(u.componentRanks[a] ?? '')),
        u.result.index.toString(),
      ])
    }
  }
  return (options.bom === false ? '' : '\ufeff') + lines.map((l) => l.map((v) => quote(v, d)).join(d)).join('\r\n') + '\r\n'
}

/**
 * The blank form as CSV: STT; Tiêu chí; Điểm tối đa; Điểm tự đánh giá; Tài liệu kiểm
 * chứng; Giải trình, with the header block (unit, code, period, pack) above it.
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
    [],
    ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Tài liệu kiểm chứng', 'Giải trình'],
  ]
  for (const n of pack.nodes.slice(1)) lines.push([n.code, n.title.vi, n.maxPoints.toString().replace('.', ','), '', '', ''])
  return '\ufeff' + lines.map((l) => l.map((v) => quote(v, d)).join(d)).join('\r\n') + '\r\n'
}
export { readSurveyGrid, type SurveyTable } from '../shared/survey.js'
