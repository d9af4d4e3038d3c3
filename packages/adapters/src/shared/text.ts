/**
 * Text helpers shared by the spreadsheet adapters and the CLI: header normalisation,
 * Vietnamese number formatting computed from exact values, cell addresses.
 */
import { Exact, INPUT_LIMITS } from '@chiso/core'

/**
 * Normalises a header or label for matching: NFD, combining marks stripped, "đ" → "d",
 * lower-case, punctuation turned into spaces, whitespace collapsed.
 *
 * @example
 * ```ts
 * import { normalizeHeader } from '@chiso/adapters/xlsx'
 * normalizeHeader('Điểm tự đánh giá') // 'diem tu danh gia'
 * normalizeHeader('DIEM TU DANH GIA (*)') // 'diem tu danh gia'
 * ```
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * Formats an exact value the Vietnamese way: comma as decimal separator, dot between
 * thousands, rounded half-up to `decimals` places from the exact value (never through a
 * binary float).
 *
 * @example
 * ```ts
 * import { Exact, INPUT_LIMITS } from '@chiso/core'
 * import { formatVi } from '@chiso/adapters/xlsx'
 * formatVi(Exact.from('85.335')) // '85,34'
 * formatVi(Exact.from('1234.5'), 1) // '1.234,5'
 * ```
 */
export function formatVi(value: Exact, decimals = 2): string {
  const fixed = value.toFixed(decimals)
  const neg = fixed.startsWith('-')
  const body = neg ? fixed.slice(1) : fixed
  const [int = '0', frac] = body.split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  return `${neg ? '-' : ''}${grouped}${frac === undefined ? '' : `,${frac}`}`
}

/**
 * The spreadsheet column letters of a 1-based column number.
 *
 * @example
 * ```ts
 * import { columnLetter } from '@chiso/adapters/xlsx'
 * columnLetter(4) // 'D'
 * columnLetter(28) // 'AB'
 * ```
 */
export function columnLetter(col: number): string {
  let s = ''
  let n = col
  while (n > 0) {
    const m = (n - 1) % 26
    s = String.fromCharCode(65 + m) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/**
 * A cell address such as "D14" from 1-based row and column.
 *
 * @example
 * ```ts
 * import { cellAddress } from '@chiso/adapters/xlsx'
 * cellAddress(14, 4) // 'D14'
 * ```
 */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`
}

/**
 * Parses a score typed in a cell: a number (0.5), or text with a comma or dot decimal
 * separator ("0,5", "0.5", " 1,25 "). Numbers read from a file are taken at the 15
 * significant digits a spreadsheet shows, so a cached formula result such as
 * 0.30000000000000004 reads as 0.3. Returns undefined when the text is not a number, or
 * is longer than a decimal may be (`INPUT_LIMITS.decimalTextLength`, 100 characters), so
 * a cell of a million digits is never parsed (exact parsing of it costs seconds).
 *
 * @example
 * ```ts
 * import { parseScoreText } from '@chiso/adapters/xlsx'
 * parseScoreText('0,5')?.toString() // '0.5'
 * parseScoreText(0.1 + 0.2)?.toString() // '0.3'
 * parseScoreText('năm điểm') // undefined
 * ```
 */
export function parseScoreText(value: number | string): Exact | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined
    return Exact.fromNumber(Number(value.toPrecision(15)))
  }
  let s = value.replace(/[\s\u00a0\u202f]/g, '')
  if (s === '' || s.length > INPUT_LIMITS.decimalTextLength) return undefined
  if (!/^[+-]?(\d[\d.,]*)$/.test(s) && !/^[+-]?[.,]\d+$/.test(s)) return undefined
  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  if (lastComma >= 0 && lastDot >= 0) {
    // both present: the last one is the decimal separator, the other groups thousands
    const dec = lastComma > lastDot ? ',' : '.'
    const group = dec === ',' ? '.' : ','
    if (s.split(dec).length !== 2) return undefined
    s = s.split(group).join('').replace(dec, '.')
  } else if (lastComma >= 0) {
    if (s.split(',').length !== 2) return undefined
    s = s.replace(',', '.')
  } else if (lastDot >= 0 && s.split('.').length !== 2) {
    return undefined
  }
  return Exact.tryFrom(s)
}

/**
 * true for text typed as a number (digits, separators, a sign) that is longer than a
 * decimal may be (`INPUT_LIMITS.decimalTextLength`): a score cell holding it is reported as
 * such (`number_too_long`), not parsed. @internal
 */
export function isOverlongNumber(value: string): boolean {
  const s = value.replace(/[\s\u00a0\u202f]/g, '')
  return s.length > INPUT_LIMITS.decimalTextLength && /^[+-]?[\d.,]+$/.test(s)
}

/**
 * Turns a unit name into an id-safe slug ("Xã Nhạn Quang" → "xa-nhan-quang").
 *
 * @example
 * ```ts
 * import { slugify } from '@chiso/adapters/xlsx'
 * slugify('Xã Nhạn Quang') // 'xa-nhan-quang'
 * ```
 */
export function slugify(text: string): string {
  return normalizeHeader(text).replace(/ /g, '-')
}

/** Display width of a string in a terminal (NFC; combining marks take no column). @internal */
export function displayWidth(s: string): number {
  return [...s.normalize('NFC').replace(/[\u0300-\u036f]/g, '')].length
}

/** Pads to a display width. @internal */
export function padEndW(s: string, width: number): string {
  const w = displayWidth(s)
  return w >= width ? s : s + ' '.repeat(width - w)
}

/** Pads to a display width on the left. @internal */
export function padStartW(s: string, width: number): string {
  const w = displayWidth(s)
  return w >= width ? s : ' '.repeat(width - w) + s
}
