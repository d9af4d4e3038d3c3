/**
 * Reading CSV: parsing (RFC 4180 quoting, delimiter detected), decoding (UTF-8, UTF-16,
 * Windows-1258), and a file's bytes as a grid within the limits, with the problems that
 * stop it being read.
 */
import { detectFileKind, textEncoding, type TextEncodingName } from '../shared/detect.js'
import type { Grid, GridCell } from '../shared/form.js'
import { fileIssue, type FileIssue } from '../shared/issues.js'
import { LIMITS, type ReadLimits } from '../shared/limits.js'
import { kindIssue } from '../shared/load.js'
import { cellAddress } from '../shared/text.js'

/** The first cells of the ranking's header: also how a ranking written by chiso is recognised when read back. @internal */
export const RANKING_HEADER = ['Hạng', 'Mã đơn vị', 'Đơn vị', 'Nhóm', 'Điểm', 'Chỉ số', 'Xếp loại'] as const
/** The same header in English. @internal */
export const RANKING_HEADER_EN = ['Rank', 'Unit id', 'Unit', 'Group', 'Points', 'Index', 'Band'] as const

/** True when one of the first rows is the header of a ranking written by chiso (under its few lines of title and marks). */
function isRankingCsv(rows: readonly (readonly string[])[]): boolean {
  return rows.slice(0, 8).some((row) => [RANKING_HEADER, RANKING_HEADER_EN].some((h) => h.every((x, k) => row[k] === x)))
}

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
  return parseCsvChecked(text, delimiter).rows
}

/** What {@link parseCsvChecked} found besides the rows. @internal */
export interface CsvParse {
  rows: string[][]
  /** a quote opened and never closed: the physical line it opened on, and its cell */
  unterminated?: { line: number; row: number; col: number }
  /** rows and cells in the whole text, when past the limits (rows then stop being kept) */
  over?: { rows: number; cells: number }
}

/**
 * Parses CSV text like {@link parseCsv}, and also reports a quote that is never closed and
 * stops keeping rows past `limits` (counting on, so a message can say how many there are).
 * @internal
 */
export function parseCsvChecked(text: string, delimiter?: string, limits: Pick<ReadLimits, 'maxRows' | 'maxCells'> = LIMITS): CsvParse {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const d = delimiter ?? detectDelimiter(src)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  // whether the field under way has any character, i.e. field !== '' (past the limits
  // `field` is not built, so this says it)
  let filled = false
  let quoted = false
  let quoteLine = 0
  let line = 1
  let rowCount = 0
  let cellCount = 0
  let keeping = true
  const endRow = (): void => {
    row.push(field)
    filled = false
    rowCount++
    cellCount += row.length
    if (keeping && (rowCount > limits.maxRows || cellCount > limits.maxCells)) {
      keeping = false
      rows.length = 0
    }
    if (keeping) rows.push(row)
    row = []
    field = ''
  }
  // a delimiter of more than one character never matches, as before (a cell is compared one character at a time)
  const delimiterCode = d.length === 1 ? d.charCodeAt(0) : -1
  let i = 0
  while (i < src.length) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          if (keeping) field += '"'
          filled = true
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      // the run of text up to the next quote, as one slice
      let j = i
      for (; j < src.length; j++) {
        const c = src.charCodeAt(j)
        if (c === QUOTE) break
        if (c === LF || (c === CR && src.charCodeAt(j + 1) !== LF)) line++
      }
      if (keeping) field += src.slice(i, j)
      if (j > i) filled = true
      i = j
      continue
    }
    if (ch === '"' && !filled) {
      quoted = true
      quoteLine = line
      i++
      continue
    }
    if (ch === d) {
      row.push(field)
      field = ''
      filled = false
      i++
      continue
    }
    if (ch === '\r' || ch === '\n') {
      endRow()
      line++
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1
      continue
    }
    // the run of plain text up to the next delimiter, quote or line end, as one slice (a
    // quote inside a field is plain text); past the limits nothing is kept, only counted
    let j = i + 1
    for (; j < src.length; j++) {
      const c = src.charCodeAt(j)
      if (c === delimiterCode || c === QUOTE || c === LF || c === CR) break
    }
    if (keeping) field += src.slice(i, j)
    filled = true
    i = j
  }
  const unterminated = quoted ? { line: quoteLine, row: rowCount + 1, col: row.length + 1 } : undefined
  if (filled || row.length > 0 || quoted) endRow()
  return { rows, ...(unterminated ? { unterminated } : {}), ...(keeping ? {} : { over: { rows: rowCount, cells: cellCount } }) }
}

const QUOTE = 34
const LF = 10
const CR = 13

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
 * Decodes text bytes: UTF-8 (with or without BOM), UTF-16 LE/BE (Excel's "Unicode text",
 * found by its BOM or by its NUL bytes), else Windows-1258 (legacy Vietnamese);
 * undefined for binary data.
 *
 * @example
 * ```ts
 * import { decodeText } from '@chiso/adapters/csv'
 * decodeText(new TextEncoder().encode('Điểm')) // 'Điểm'
 * decodeText(new Uint8Array([0xff, 0xfe, 0x53, 0x00, 0x54, 0x00])) // 'ST'
 * decodeText(new Uint8Array([0x50, 0x4b, 0, 0])) // undefined
 * ```
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  const enc = textEncoding(bytes)
  if (!enc) return undefined
  return new TextDecoder(enc.encoding).decode(bytes.subarray(enc.bom))
}

/**
 * A CSV file's bytes as a grid, or the issues that stop it being read: not text (named for
 * what it is), a quote never closed, too many rows or cells. A ranking written by chiso is
 * a `result_file` issue.
 * @internal
 */
export function csvFileGrid(bytes: Uint8Array, fileName: string, delimiter?: string, limits: ReadLimits = LIMITS): { grid: Grid; encoding: TextEncodingName } | { issues: FileIssue[] } {
  const kind = detectFileKind(bytes, limits)
  if (kind.kind !== 'text') return { issues: [kindIssue(kind, fileName, 'csv')] }
  const text = new TextDecoder(kind.encoding).decode(bytes.subarray(kind.bom))
  const parsed = parseCsvChecked(text, delimiter, limits)
  const sheet = fileName.replace(/^.*[\\/]/, '')
  if (parsed.over) {
    return {
      issues: [
        parsed.over.rows > limits.maxRows
          ? fileIssue('too_many_rows', { file: fileName }, { sheet, rows: parsed.over.rows, limit: limits.maxRows }, parsed.over.rows)
          : fileIssue('too_many_cells', { file: fileName }, { cells: parsed.over.cells, limit: limits.maxCells }, parsed.over.cells),
      ],
    }
  }
  if (isRankingCsv(parsed.rows)) return { issues: [fileIssue('result_file', { file: fileName })] }
  if (parsed.unterminated) {
    const u = parsed.unterminated
    return { issues: [fileIssue('unterminated_quote', { file: fileName, sheet, cell: cellAddress(u.row, u.col), row: u.row }, { line: u.line }, u.line)] }
  }
  return { grid: csvGrid(parsed.rows, sheet), encoding: kind.encoding }
}

/**
 * The problems of a CSV file read as Windows-1258 because its bytes are not UTF-8, with a
 * header not found said for what it likely is: a file saved in a legacy encoding (letters
 * lost as "?"), and how to save it as UTF-8 from Excel. Other problems are kept as they are.
 *
 * @example
 * ```ts
 * notUtf8Note(issues)[0]?.message.vi // 'Dòng tiêu đề thiếu cột "Mã đơn vị / Mã tiêu chí"; tệp không phải UTF-8 …'
 * ```
 * @internal
 */
export function notUtf8Note(issues: readonly FileIssue[]): FileIssue[] {
  return issues.map((i) =>
    i.code === 'missing_column' || i.code === 'form_not_found'
      ? {
          ...i,
          message: {
            vi: `${i.message.vi}; tệp không phải UTF-8 (chữ có dấu có thể đã mất): mở tệp trong Excel, chọn Tệp › Lưu thành, kiểu "CSV UTF-8 (Comma delimited) (*.csv)" rồi nộp lại`,
            en: `${i.message.en}; the file is not UTF-8 (accented letters may be lost): open it in Excel, File › Save As, type "CSV UTF-8 (Comma delimited) (*.csv)", and submit it again`,
          },
        }
      : i,
  )
}
