/**
 * Reading the self-assessment workbook (.xlsx) that units fill in, through exceljs.
 */
import type { CompiledPack } from '@chiso/core'
import ExcelJS from 'exceljs'
import { detectFileKind, RESULT_KEYWORD } from '../shared/detect.js'
import { readForm, type Grid, type GridCell, type GridValue, type ReadFormOptions, type ReadResult } from '../shared/form.js'
import { fileIssue, type FileIssue } from '../shared/issues.js'
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS, formatCount, LIMITS, type ReadLimits } from '../shared/limits.js'
import { kindIssue, loadBytes, zipProblemIssue, type FileInput } from '../shared/load.js'
import { unescapeXml, attr } from '../shared/xml.js'
import { odsGrids } from './ods.js'
import { checkZipParts, crc32, latin1Bytes, latin1Text, storedZip, unpackZipEntry, utf8Text, type ZipEntry } from '../shared/zip.js'

export type { FileInput } from '../shared/load.js'

/** Options for {@link readAssessmentWorkbook}. */
export interface ReadWorkbookOptions extends ReadFormOptions {
  /** the name reported in issues when `file` is bytes (default "workbook.xlsx") */
  readonly fileName?: string
}

const MEDIA = /^\/?xl\/media\//
// comments and their drawings are never read: left out of what exceljs sees (openpyxl
// names them xl/comments/comment1.xml, which exceljs cannot join to their sheet)
const NOT_READ = /(^|\/)xl\/(comments[^/]*\.xml|comments\/[^/]*|drawings\/[^/]*\.vml)$/i
const SHEET_RELS = /xl\/worksheets\/_rels\/[^/]*\.rels$/i
// unanchored, as exceljs matches part names: whatever it would parse as a sheet is counted
const WORKSHEET = /xl\/worksheets\/[^/]*\.xml/i
const COMMENTS = /xl\/comments[^/]*\.xml/i

/** Worksheet part → the sheet's name, from xl/workbook.xml and its relationships. */
function sheetNamesByPart(workbookXml: string | undefined, relsXml: string | undefined): Map<string, string> {
  const targets = new Map<string, string>()
  for (const m of (relsXml ?? '').matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1]!, 'Id')
    const target = attr(m[1]!, 'Target')
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`)
  }
  const out = new Map<string, string>()
  for (const m of (workbookXml ?? '').matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const name = attr(m[1]!, 'name')
    const id = attr(m[1]!, 'id')
    const part = id === undefined ? undefined : targets.get(id)
    if (name !== undefined && part !== undefined) out.set(part.toLowerCase(), unescapeXml(name))
  }
  return out
}

/** Column number of letters ("A" → 1, "XFD" → 16384). */
function columnNumber(letters: string): number {
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64
  return n
}

/** Where a cell reference points, or undefined when it is not one. */
function refPosition(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,4})\$?(\d{1,8})$/.exec(ref)
  return m ? { col: columnNumber(m[1]!), row: Number(m[2]) } : undefined
}

/** What a worksheet's XML holds, counted without parsing it: rows, cells, merged area, references outside Excel's grid. */
function scanWorksheet(xml: string): { rows: number; cells: number; badRef?: string } {
  let rows = 0
  let cells = 0
  for (const m of xml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell|col)(?=[\s/>])([^>]*)>/g)) {
    const tag = m[1]!
    const attrs = m[2]!
    if (tag === 'c') {
      cells++
      const r = attr(attrs, 'r')
      if (r !== undefined) {
        const at = refPosition(r)
        if (!at || at.row > EXCEL_MAX_ROWS || at.col > EXCEL_MAX_COLS) return { rows, cells, badRef: r }
      }
    } else if (tag === 'row') {
      rows++
      const r = attr(attrs, 'r')
      if (r !== undefined && !(/^\d{1,7}$/.test(r) && Number(r) >= 1 && Number(r) <= EXCEL_MAX_ROWS)) return { rows, cells, badRef: `row ${r}` }
    } else if (tag === 'col') {
      const max = Number(attr(attrs, 'max') ?? 1)
      const min = Number(attr(attrs, 'min') ?? 1)
      if (!(max >= 1 && max <= EXCEL_MAX_COLS && min >= 1 && min <= max)) return { rows, cells, badRef: `col ${min}:${max}` }
    } else {
      // exceljs creates a cell for every position a merge covers
      const ref = attr(attrs, 'ref') ?? ''
      const [a, b] = ref.split(':')
      const from = refPosition(a ?? '')
      const to = b === undefined ? from : refPosition(b)
      if (!from || !to || to.row > EXCEL_MAX_ROWS || to.col > EXCEL_MAX_COLS) return { rows, cells, badRef: ref }
      cells += (Math.abs(to.row - from.row) + 1) * (Math.abs(to.col - from.col) + 1)
    }
  }
  return { rows, cells }
}

/**
 * Data validations are not needed to read values, and exceljs expands each of their
 * ranges into one entry per cell (a list on a whole column is a million entries): they are
 * left out of what exceljs sees.
 */
const withoutDataValidations = (xml: string): string => xml.replace(/<((?:[A-Za-z_][\w.-]*:)?)dataValidations(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/\1dataValidations\s*>)/g, '')

/** What the parts of a workbook the reader unpacks add up to (pictures are never unpacked). @internal */
export function unpackedSize(entries: readonly ZipEntry[]): number {
  let n = 0
  for (const e of entries) if (!e.name.endsWith('/') && !MEDIA.test(e.name)) n += e.size
  return n
}

/**
 * Unpacks a workbook within the limits and checks what exceljs would build from it (rows,
 * cells, merged areas, shared strings, cell formats) before exceljs sees it; returns a
 * stored zip of the checked parts (pictures emptied: they are never read).
 * @internal
 */
export async function unpackWorkbook(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  fileName: string,
  limits: ReadLimits = LIMITS,
): Promise<{ zip: Uint8Array; resultFile: boolean; formulaResults: ReadonlyMap<string, ReadonlyMap<string, GridValue>> } | { issue: FileIssue }> {
  const files = entries.filter((e) => !e.name.endsWith('/'))
  const parts = files.filter((e) => !MEDIA.test(e.name))
  const problem = checkZipParts(parts, limits)
  if (problem) return { issue: zipProblemIssue(problem, fileName) }
  const data = new Map<ZipEntry, Uint8Array>()
  const byName = new Map<string, ZipEntry>()
  for (const e of parts) {
    const u = await unpackZipEntry(bytes, e)
    if (!u.ok) return { issue: zipProblemIssue(u.problem, fileName) }
    data.set(e, u.data)
    byName.set(e.name.replace(/^\//, '').toLowerCase(), e)
  }
  const text = (name: string): string | undefined => {
    const e = byName.get(name)
    return e ? utf8Text(data.get(e)!) : undefined
  }
  const names = sheetNamesByPart(text('xl/workbook.xml'), text('xl/_rels/workbook.xml.rels'))
  const changed = new Set<ZipEntry>()
  const formulaResults = new Map<string, ReadonlyMap<string, GridValue>>()
  let cells = 0
  for (const e of parts) {
    if (COMMENTS.test(e.name)) {
      // each comment becomes an object of its cell
      cells += latin1Text(data.get(e)!).match(/<(?:[A-Za-z_][\w.-]*:)?comment(?=[\s/>])/g)?.length ?? 0
      if (cells > limits.maxCells) return { issue: fileIssue('too_many_cells', { file: fileName }, { cells, limit: limits.maxCells }, cells) }
    }
    if (SHEET_RELS.test(e.name)) {
      const rels = latin1Text(data.get(e)!)
      const kept = withoutCommentRelationships(rels)
      if (kept.length !== rels.length) {
        data.set(e, latin1Bytes(kept))
        changed.add(e)
      }
    }
    if (!WORKSHEET.test(e.name)) continue
    // latin1 keeps one character per byte, so the XML round-trips byte for byte
    const xml = latin1Text(data.get(e)!)
    const sheet = names.get(e.name.replace(/^\//, '').toLowerCase()) ?? e.name
    const scan = scanWorksheet(xml)
    if (scan.badRef !== undefined) {
      return {
        issue: fileIssue(
          'not_a_workbook',
          { file: fileName, sheet },
          {
            detail: { vi: `tệp hỏng: tham chiếu ${scan.badRef} nằm ngoài lưới của Excel`, en: `damaged: the reference ${scan.badRef} is outside Excel's grid` },
          },
        ),
      }
    }
    if (scan.rows > limits.maxRows) return { issue: fileIssue('too_many_rows', { file: fileName, sheet }, { sheet, rows: scan.rows, limit: limits.maxRows }, scan.rows) }
    cells += scan.cells
    if (cells > limits.maxCells) return { issue: fileIssue('too_many_cells', { file: fileName, sheet }, { sheet, cells, limit: limits.maxCells }, cells) }
    const zeros = falsyFormulaResults(xml)
    if (zeros.size > 0) formulaResults.set(sheet, zeros)
    const stripped = withoutDataValidations(xml)
    if (stripped.length !== xml.length) {
      data.set(e, latin1Bytes(stripped))
      changed.add(e)
    }
  }
  const sst = text('xl/sharedstrings.xml')
  if (sst !== undefined) {
    const strings = sst.match(/<(?:[A-Za-z_][\w.-]*:)?si(?=[\s/>])/g)?.length ?? 0
    if (strings > limits.maxCells) return { issue: fileIssue('too_many_cells', { file: fileName }, { cells: strings, limit: limits.maxCells }, strings) }
  }
  const styles = text('xl/styles.xml')
  if (styles !== undefined) {
    const formats = styles.match(/<(?:[A-Za-z_][\w.-]*:)?xf(?=[\s/>])/g)?.length ?? 0
    if (formats > limits.maxCellFormats) {
      return {
        issue: fileIssue(
          'not_a_workbook',
          { file: fileName },
          {
            detail: { vi: `tệp hỏng: ${formatCount(formats, 'vi')} định dạng ô (Excel cho phép 64.000)`, en: `damaged: ${formatCount(formats, 'en')} cell formats (Excel allows 64,000)` },
          },
        ),
      }
    }
  }
  const core = text('docprops/core.xml')
  const keywords = core === undefined ? undefined : /<(?:[\w.-]+:)?keywords\b[^>]*>([^<]*)</.exec(core)?.[1]
  const resultFile =
    keywords !== undefined &&
    unescapeXml(keywords)
      .split(/[\s,;]+/)
      .includes(RESULT_KEYWORD)
  const zip = storedZip(
    files
      .filter((e) => !NOT_READ.test(e.name))
      .map((e) => {
        const d = data.get(e) ?? new Uint8Array(0)
        return { rawName: e.rawName, utf8: (e.flags & 0x800) !== 0, data: d, crc32: changed.has(e) || !data.has(e) ? crc32(d) : e.crc32 }
      }),
  )
  return { zip, resultFile, formulaResults }
}

/** A sheet's relationships without those to comments and their drawings (never read). */
const withoutCommentRelationships = (xml: string): string =>
  xml.replace(/<(?:[\w.-]+:)?Relationship\b[^>]*\bType\s*=\s*["'][^"']*\/(?:comments|vmlDrawing)["'][^>]*?(?:\/>|>\s*<\/(?:[\w.-]+:)?Relationship\s*>)/g, '')

/**
 * The cached results of formula cells that exceljs would lose: 0, FALSE and the empty
 * text (it keeps a result only when it is truthy), by cell address. A formula saved with
 * its result `<v>0</v>` (LibreOffice, Excel) is a result of 0, not a formula without one.
 */
function falsyFormulaResults(xml: string): Map<string, GridValue> {
  const out = new Map<string, GridValue>()
  // <c …>…</c>, never a self-closing <c …/> (whose lazy body would run into the next cell)
  for (const m of xml.matchAll(/<((?:[A-Za-z_][\w.-]*:)?)c(?=[\s>])((?:[^>/]|\/(?!>))*)>([\s\S]*?)<\/\1c>/g)) {
    const body = m[3]!
    if (!/<(?:[\w.-]+:)?f[\s>/]/.test(body)) continue
    const v = /<(?:[\w.-]+:)?v>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(body)
    const ref = attr(m[2]!, 'r')
    if (!v || ref === undefined) continue
    const t = attr(m[2]!, 't')
    const raw = unescapeXml(v[1]!)
    let value: GridValue | undefined
    if (t === 'str' || t === 'inlineStr') value = raw === '' ? '' : undefined
    else if (t === 'b') value = raw.trim() === '0' ? false : undefined
    else if (t === 'e') value = undefined
    else if (Number(raw) === 0 && raw.trim() !== '') value = 0
    if (value !== undefined) out.set(ref.replace(/\$/g, '').toUpperCase(), value)
  }
  return out
}

function gridValue(v: ExcelJS.CellValue): { value: GridValue; link?: string } {
  if (v === null || v === undefined) return { value: null }
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return { value: v }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return { value: v.richText.map((t) => t.text).join('') }
    if ('hyperlink' in v) {
      const text = typeof v.text === 'string' ? v.text : gridValue(v.text as ExcelJS.CellValue).value
      return { value: typeof text === 'string' ? text : String(text ?? ''), link: v.hyperlink }
    }
    if ('error' in v) return { value: { error: String(v.error) } }
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue
      const formula = 'formula' in f && f.formula !== undefined ? f.formula : (f as ExcelJS.CellSharedFormulaValue).sharedFormula
      if (f.result === undefined || f.result === null) return { value: { formula: `=${formula}`, noResult: true } }
      const r = f.result as unknown
      if (typeof r === 'object' && r !== null && 'error' in r) return { value: { error: String((r as { error: unknown }).error) } }
      return gridValue(r as ExcelJS.CellValue)
    }
  }
  return { value: String(v) }
}

/**
 * A worksheet as a grid of values: formulas give their cached result, rich text its
 * plain text, merged cells the master's value (flagged as merged).
 * @internal
 */
export function worksheetGrid(ws: ExcelJS.Worksheet, formulaResults?: ReadonlyMap<string, GridValue>): Grid {
  const rowCount = ws.rowCount
  // the highest column used (exceljs's actualColumnCount walks every cell of every row)
  const colCount = ws.columnCount
  const cache = new Map<number, GridCell | undefined>()
  return {
    name: ws.name,
    rowCount,
    colCount,
    cell(row, col) {
      const key = row * 16384 + col
      if (cache.has(key)) return cache.get(key)
      const c = ws.findCell(row, col)
      let out: GridCell | undefined
      if (c) {
        const slave = c.isMerged && c.master.address !== c.address
        const src = slave ? c.master : c
        let g = gridValue(src.value)
        // a formula's saved result that exceljs dropped (0, FALSE, "")
        if (typeof g.value === 'object' && g.value !== null && 'noResult' in g.value) {
          const saved = formulaResults?.get(src.address)
          if (saved !== undefined) g = { value: saved }
        }
        const isFormula = typeof src.value === 'object' && src.value !== null && ('formula' in src.value || 'sharedFormula' in src.value)
        out = { value: g.value, ...(g.link !== undefined ? { link: g.link } : {}), ...(slave ? { mergedSlave: true } : {}), ...(isFormula ? { formula: true } : {}) }
      }
      cache.set(key, out)
      return out
    },
  }
}

/**
 * Opens a workbook, or returns the issue explaining why it can't be: the file's kind is
 * told from its bytes, and exceljs only ever sees a workbook checked by
 * {@link unpackWorkbook}. A result workbook written by chiso is a `result_file` issue.
 * @internal
 */
export async function openWorkbook(
  file: FileInput,
  fileName: string,
  limits: ReadLimits = LIMITS,
): Promise<{ wb: ExcelJS.Workbook; formulaResults: ReadonlyMap<string, ReadonlyMap<string, GridValue>> } | { issue: FileIssue }> {
  const loaded = await loadBytes(file, fileName, limits)
  if ('issue' in loaded) return loaded
  const kind = detectFileKind(loaded.bytes, limits)
  if (kind.kind !== 'xlsx') return { issue: kindIssue(kind, fileName, 'workbook') }
  const unpacked = await unpackWorkbook(loaded.bytes, kind.entries, fileName, limits)
  if ('issue' in unpacked) return unpacked
  if (unpacked.resultFile) return { issue: fileIssue('result_file', { file: fileName }) }
  const wb = new ExcelJS.Workbook()
  try {
    // storedZip owns its whole buffer: no copy needed
    await wb.xlsx.load(unpacked.zip.buffer as ArrayBuffer)
  } catch (e) {
    return { issue: fileIssue('not_a_workbook', { file: fileName }, { detail: (e as Error).message }) }
  }
  return { wb, formulaResults: unpacked.formulaResults }
}

/**
 * The sheets of a spreadsheet file as grids, whatever it is: an Office Open XML workbook
 * (.xlsx, .xlsm: Excel, LibreOffice, openpyxl …) or an OpenDocument spreadsheet (.ods),
 * told from its bytes and read within the limits; anything else is the issue naming it.
 * @internal
 */
export async function workbookGrids(file: FileInput, fileName: string, limits: ReadLimits = LIMITS): Promise<{ grids: Grid[] } | { issue: FileIssue }> {
  const loaded = await loadBytes(file, fileName, limits)
  if ('issue' in loaded) return loaded
  const kind = detectFileKind(loaded.bytes, limits)
  if (kind.kind === 'ods') return odsGrids(loaded.bytes, kind.entries, fileName, limits)
  const opened = await openWorkbook(loaded.bytes, fileName, limits)
  if ('issue' in opened) return opened
  return { grids: opened.wb.worksheets.map((ws) => worksheetGrid(ws, opened.formulaResults.get(ws.name))) }
}

/**
 * Reads a unit's self-assessment workbook (.xlsx, or an OpenDocument .ods) — the usual form with columns STT, Tiêu chí,
 * Điểm tối đa, Điểm tự đánh giá, Tài liệu kiểm chứng, Giải trình (and optionally Điểm
 * thẩm định / Lý do) — into an assessment for the pack. Headers match with or without
 * diacritics; scores may be typed as 0.5 or "0,5"; formula cells give their cached
 * result; merged cells are understood. Criterion codes come from the STT column.
 *
 * Every problem is reported at once, each with file, sheet and cell, including the core's
 * validation issues (score above the maximum, unknown criterion …) mapped back to their
 * cells.
 *
 * @example
 * ```ts
 * import { compilePack } from '@chiso/core'
 * import { readAssessmentWorkbook } from '@chiso/adapters/xlsx'
 * const r = await readAssessmentWorkbook('submissions/xa-nhan-quang.xlsx', pack, { period: '2024' })
 * if (r.ok) console.log(r.value.selfScores)
 * else for (const i of r.issues) console.log(`${i.file} › ${i.sheet} › ${i.cell}: ${i.message.vi}`)
 * ```
 */
export async function readAssessmentWorkbook(file: FileInput, pack: CompiledPack, options: ReadWorkbookOptions = {}): Promise<ReadResult> {
  const fileName = options.fileName ?? (typeof file === 'string' ? file : 'workbook.xlsx')
  const opened = await workbookGrids(file, fileName)
  if ('issue' in opened) return { ok: false, issues: [opened.issue] }
  return readForm(opened.grids, pack, options, fileName)
}
