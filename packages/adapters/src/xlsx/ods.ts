/**
 * OpenDocument spreadsheets (.ods, LibreOffice's own format) read as grids: content.xml is
 * unpacked within the same limits as a workbook's parts and scanned tag by tag (no tree
 * is built). Repeated rows and cells (LibreOffice writes a sheet's empty tail as one row
 * repeated a million times) are counted, never spread out, unless they hold something;
 * merged areas are counted before they are filled.
 */
import type { Grid, GridCell, GridValue } from '../shared/form.js'
import { fileIssue, type FileIssue } from '../shared/issues.js'
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS, LIMITS, type ReadLimits } from '../shared/limits.js'
import { zipProblemIssue } from '../shared/load.js'
import { attr, unescapeXml } from '../shared/xml.js'
import { checkZipParts, peekZipEntry, unpackZipEntry, utf8Text, type ZipEntry } from '../shared/zip.js'

/** Rows and columns an OpenDocument sheet may address (LibreOffice's largest grid). */
const ODS_MAX_ROWS = EXCEL_MAX_ROWS
const ODS_MAX_COLS = EXCEL_MAX_COLS

class SheetGrid implements Grid {
  rowCount = 0
  colCount = 0
  readonly cells = new Map<number, GridCell>()
  constructor(readonly name: string) {}
  set(row: number, col: number, cell: GridCell): void {
    this.cells.set(row * (ODS_MAX_COLS + 1) + col, cell)
    if (row > this.rowCount) this.rowCount = row
    if (col > this.colCount) this.colCount = col
  }
  cell(row: number, col: number): GridCell | undefined {
    return this.cells.get(row * (ODS_MAX_COLS + 1) + col)
  }
}

/** A cell being read: its attributes, then its text. */
interface OpenCell {
  attrs: string
  covered: boolean
  repeat: number
  text: string[]
  paragraph: number
  /** inside a paragraph: text between paragraphs is layout, not content */
  inParagraph: boolean
  link: string | undefined
}

/** Why a sheet could not be read. */
type Stop = { issue: FileIssue }

/** The value of a cell from its OpenDocument attributes and text. */
function cellValue(c: OpenCell): { value: GridValue; formula: boolean } {
  const type = attr(c.attrs, 'office:value-type') ?? attr(c.attrs, 'value-type')
  const formula = attr(c.attrs, 'formula')
  const text = c.text.join('')
  if (attr(c.attrs, 'calcext:value-type') === 'error') return { value: { error: text }, formula: formula !== undefined }
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const v = Number(attr(c.attrs, 'value'))
      return { value: Number.isFinite(v) ? v : text, formula: formula !== undefined }
    }
    case 'boolean':
      return { value: attr(c.attrs, 'boolean-value') === 'true', formula: formula !== undefined }
    case 'date': {
      const d = attr(c.attrs, 'date-value')
      const t = d ? new Date(d.length === 10 ? `${d}T00:00:00Z` : `${d}Z`) : undefined
      return { value: t && !Number.isNaN(t.getTime()) ? t : text, formula: formula !== undefined }
    }
    case 'string':
      return { value: attr(c.attrs, 'string-value') !== undefined ? unescapeXml(attr(c.attrs, 'string-value')!) : text, formula: formula !== undefined }
    default:
      if (formula !== undefined) return { value: { formula: unescapeXml(formula).replace(/^of:/, ''), noResult: true }, formula: true }
      return { value: text === '' ? null : text, formula: false }
  }
}

/**
 * Reads the sheets of content.xml into grids, within the limits: at most `maxRows` rows
 * with content per sheet and `maxCells` cells (merged areas counted) in the file.
 */
function parseContent(xml: string, fileName: string, limits: ReadLimits): { grids: Grid[] } | Stop {
  const grids: SheetGrid[] = []
  let sheet: SheetGrid | undefined
  let tableDepth = 0
  let row = 0
  let rowRepeat = 1
  let rowCells: { col: number; repeat: number; cell: GridCell; span?: { rows: number; cols: number } }[] = []
  let col = 0
  let cell: OpenCell | undefined
  let skipDepth = 0
  let cells = 0
  const merges: { sheet: SheetGrid; row: number; col: number; rows: number; cols: number }[] = []

  const tooMany = (): Stop => ({
    issue: fileIssue('too_many_cells', { file: fileName, ...(sheet ? { sheet: sheet.name } : {}) }, { ...(sheet ? { sheet: sheet.name } : {}), cells, limit: limits.maxCells }, cells),
  })

  const endRow = (): Stop | undefined => {
    const s = sheet!
    const first = row + 1
    if (rowCells.length > 0) {
      if (first + rowRepeat - 1 > ODS_MAX_ROWS)
        return {
          issue: fileIssue(
            'not_a_workbook',
            { file: fileName, sheet: s.name },
            { detail: { vi: `tệp hỏng: dòng ${first + rowRepeat - 1} nằm ngoài lưới của bảng tính`, en: `damaged: row ${first + rowRepeat - 1} is outside the spreadsheet's grid` } },
          ),
        }
      // a row with content repeated: each copy is a row of its own
      let perRow = 0
      for (const c of rowCells) perRow += c.repeat
      cells += perRow * rowRepeat
      if (cells > limits.maxCells) return tooMany()
      if (first + rowRepeat - 1 > limits.maxRows)
        return { issue: fileIssue('too_many_rows', { file: fileName, sheet: s.name }, { sheet: s.name, rows: first + rowRepeat - 1, limit: limits.maxRows }, first + rowRepeat - 1) }
      for (let k = 0; k < rowRepeat; k++) {
        for (const c of rowCells) {
          for (let j = 0; j < c.repeat; j++) s.set(first + k, c.col + j, c.cell)
          if (c.span && k === 0) merges.push({ sheet: s, row: first, col: c.col, rows: c.span.rows, cols: c.span.cols })
        }
      }
    }
    row += rowRepeat
    rowCells = []
    return undefined
  }

  const endCell = (): Stop | undefined => {
    const c = cell!
    cell = undefined
    const first = col + 1
    col += c.repeat
    if (c.covered) return undefined
    const { value, formula } = cellValue(c)
    const spanCols = Number(attr(c.attrs, 'number-columns-spanned') ?? 1)
    const spanRows = Number(attr(c.attrs, 'number-rows-spanned') ?? 1)
    const span = spanCols > 1 || spanRows > 1 ? { rows: Math.max(1, spanRows), cols: Math.max(1, spanCols) } : undefined
    if (value === null && !span && c.link === undefined) return undefined
    if (first + c.repeat - 1 > ODS_MAX_COLS) {
      return {
        issue: fileIssue(
          'not_a_workbook',
          { file: fileName, sheet: sheet!.name },
          { detail: { vi: `tệp hỏng: cột ${first + c.repeat - 1} nằm ngoài lưới của bảng tính`, en: `damaged: column ${first + c.repeat - 1} is outside the spreadsheet's grid` } },
        ),
      }
    }
    if (span) {
      // a merged area becomes one cell per position it covers: counted before it is filled
      cells += span.rows * span.cols - 1
      if (cells > limits.maxCells) return tooMany()
    }
    rowCells.push({ col: first, repeat: c.repeat, cell: { value, ...(c.link !== undefined ? { link: c.link } : {}), ...(formula ? { formula: true } : {}) }, ...(span ? { span } : {}) })
    return undefined
  }

  const TAG = /<(\/?)([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g
  for (const m of xml.matchAll(TAG)) {
    const text = m[5]
    if (text !== undefined) {
      if (cell && skipDepth === 0 && cell.inParagraph) cell.text.push(unescapeXml(text))
      continue
    }
    const closing = m[1] === '/'
    const name = m[2]!
    const attrs = m[3]!
    const selfClosing = m[4] === '/'
    if (skipDepth > 0) {
      // inside a note (office:annotation) or a nested table: not the cell's own text
      if (!selfClosing) skipDepth += closing ? -1 : 1
      continue
    }
    switch (name) {
      case 'table:table':
        if (closing) {
          tableDepth--
          if (tableDepth === 0) sheet = undefined
        } else if (!selfClosing) {
          if (cell) {
            skipDepth = 1
            break
          }
          tableDepth++
          sheet = new SheetGrid(unescapeXml(attr(attrs, 'name') ?? `Sheet${grids.length + 1}`))
          grids.push(sheet)
          row = 0
        }
        break
      case 'table:table-row':
        if (!sheet) break
        if (closing) {
          const stop = endRow()
          if (stop) return stop
        } else {
          col = 0
          rowCells = []
          rowRepeat = Math.max(1, Number(attr(attrs, 'number-rows-repeated') ?? 1) || 1)
          if (selfClosing) {
            const stop = endRow()
            if (stop) return stop
          }
        }
        break
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (!sheet) break
        if (closing) {
          if (cell) {
            const stop = endCell()
            if (stop) return stop
          }
        } else {
          cell = {
            attrs,
            covered: name === 'table:covered-table-cell',
            repeat: Math.max(1, Number(attr(attrs, 'number-columns-repeated') ?? 1) || 1),
            text: [],
            paragraph: 0,
            inParagraph: false,
            link: undefined,
          }
          if (selfClosing) {
            const stop = endCell()
            if (stop) return stop
          }
        }
        break
      case 'office:annotation':
        if (cell && !selfClosing && !closing) skipDepth = 1
        break
      case 'text:p':
      case 'text:h':
        if (!cell) break
        if (closing) {
          cell.inParagraph = false
          break
        }
        if (cell.paragraph > 0) cell.text.push('\n')
        cell.paragraph++
        cell.inParagraph = !selfClosing
        break
      case 'text:s':
        if (cell?.inParagraph) cell.text.push(' '.repeat(Math.min(1000, Math.max(1, Number(attr(attrs, 'c') ?? 1) || 1))))
        break
      case 'text:tab':
        if (cell?.inParagraph) cell.text.push('\t')
        break
      case 'text:line-break':
        if (cell?.inParagraph) cell.text.push('\n')
        break
      case 'text:a':
        if (cell && !closing) {
          const href = attr(attrs, 'href')
          if (href !== undefined) cell.link ??= unescapeXml(href)
        }
        break
      default:
        break
    }
  }
  // merged areas: the covered positions take the first cell's value, marked as covered
  for (const mg of merges) {
    const master = mg.sheet.cell(mg.row, mg.col)
    if (!master) continue
    for (let r = mg.row; r < mg.row + mg.rows; r++) {
      for (let c = mg.col; c < mg.col + mg.cols; c++) {
        if (r === mg.row && c === mg.col) continue
        mg.sheet.set(r, c, { ...master, mergedSlave: true })
      }
    }
  }
  return { grids }
}

/**
 * Reads an OpenDocument spreadsheet's sheets as grids (cell values, formulas' saved
 * results, links, merged cells), within the limits; a password-protected .ods is named
 * as one.
 * @internal
 */
export async function odsGrids(bytes: Uint8Array, entries: readonly ZipEntry[], fileName: string, limits: ReadLimits = LIMITS): Promise<{ grids: Grid[] } | { issue: FileIssue }> {
  const manifest = entries.find((e) => e.name === 'META-INF/manifest.xml')
  const manifestBytes = manifest ? peekZipEntry(bytes, manifest, 1024 * 1024) : undefined
  const manifestXml = manifestBytes ? utf8Text(manifestBytes) : undefined
  if (manifestXml && /<(?:[\w.-]+:)?encryption-data\b/.test(manifestXml)) return { issue: fileIssue('password_protected', { file: fileName }) }
  const content = entries.find((e) => e.name === 'content.xml')
  if (!content) return { issue: fileIssue('not_a_workbook', { file: fileName }, { detail: { vi: 'bảng tính .ods thiếu phần content.xml', en: 'an .ods without content.xml' } }) }
  const problem = checkZipParts([content], limits)
  if (problem) return { issue: zipProblemIssue(problem, fileName) }
  const unpacked = await unpackZipEntry(bytes, content)
  if (!unpacked.ok) return { issue: zipProblemIssue(unpacked.problem, fileName) }
  return parseContent(utf8Text(unpacked.data), fileName, limits)
}
