/**
 * Excel holds at most 32,767 characters in a cell; a longer text makes Excel call the
 * workbook damaged and "repair" it (LibreOffice silently cuts it). Every workbook chiso
 * writes passes through here before it is saved: a longer text is cut to fit, ends with a
 * visible mark saying how much was cut, and each cut is reported as a warning.
 */
import type ExcelJS from 'exceljs'
import { fileIssue, type FileIssue } from '../shared/issues.js'
import { formatCount } from '../shared/limits.js'
import type { Locale } from '../shared/locale.js'

/** Most characters (UTF-16 code units, as Excel counts them) in one cell. @internal */
export const EXCEL_MAX_CELL_TEXT = 32_767

const mark = (cut: number, locale: Locale): string =>
  locale === 'vi'
    ? ` … [đã cắt bớt ${formatCount(cut, 'vi')} ký tự: một ô Excel chứa tối đa ${formatCount(EXCEL_MAX_CELL_TEXT, 'vi')} ký tự]`
    : ` … [${formatCount(cut, 'en')} characters cut: an Excel cell holds at most ${formatCount(EXCEL_MAX_CELL_TEXT, 'en')}]`

/** A text cut to fit one cell with the mark at its end (a surrogate pair is never split). @internal */
export function fitCellText(text: string, locale: Locale): string {
  if (text.length <= EXCEL_MAX_CELL_TEXT) return text
  // the mark's own length depends on the count it states: settle it in two steps
  let keep = EXCEL_MAX_CELL_TEXT - mark(text.length, locale).length
  keep = EXCEL_MAX_CELL_TEXT - mark(text.length - keep, locale).length
  const code = text.charCodeAt(keep - 1)
  if (code >= 0xd800 && code <= 0xdbff) keep--
  return text.slice(0, keep) + mark(text.length - keep, locale)
}

/** The text of a cell value that is text (plain or rich), else undefined. */
function textOf(v: ExcelJS.CellValue): string | undefined {
  if (typeof v === 'string') return v
  if (v !== null && typeof v === 'object' && 'richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('')
  return undefined
}

/**
 * Cuts every text longer than a cell holds, in every sheet of the workbook, and returns a
 * warning (`cell_text_truncated`) per cell cut, located to its sheet and cell.
 * @internal
 */
export function fitCellTexts(wb: ExcelJS.Workbook, locale: Locale, fileName = ''): FileIssue[] {
  const out: FileIssue[] = []
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const text = textOf(cell.value)
        if (text === undefined || text.length <= EXCEL_MAX_CELL_TEXT) return
        cell.value = fitCellText(text, locale)
        out.push(
          fileIssue('cell_text_truncated', { file: fileName, sheet: ws.name, cell: cell.address, row: Number(row.number) }, { length: text.length, max: EXCEL_MAX_CELL_TEXT }, undefined, 'warning'),
        )
      })
    })
  }
  return out
}
