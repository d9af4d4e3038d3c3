/**
 * Limits on what a submitted file may hold, so that one hostile or broken file (a zip
 * bomb, a sheet of a million rows, a merge over a whole column) is reported as a problem
 * of that file instead of exhausting the memory of the run. Every number is documented in
 * the adapters README ("Input limits"), with the reason for its size.
 */

/** The limits the readers apply. @internal */
export interface ReadLimits {
  /** largest file read at all, in bytes */
  readonly maxFileBytes: number
  /** most entries in a zip (.xlsx) */
  readonly maxZipEntries: number
  /** largest unpacked size of one part of a workbook (declared and actual), in bytes */
  readonly maxPartBytes: number
  /** largest unpacked size of all parts of a workbook read together, in bytes */
  readonly maxUnpackedBytes: number
  /** highest compression ratio (unpacked ÷ packed) of a part above `ratioFloorBytes` */
  readonly maxCompressionRatio: number
  /** parts smaller than this are never refused for their ratio */
  readonly ratioFloorBytes: number
  /** most rows in one sheet (or in a CSV file) */
  readonly maxRows: number
  /** most cells in a file: filled cells, merged areas and shared strings counted */
  readonly maxCells: number
  /** most cell formats in a workbook (Excel's own limit is 64 000) */
  readonly maxCellFormats: number
  /** most problems listed for one file; the rest are counted in one summary line */
  readonly maxIssuesPerFile: number
}

const MiB = 1024 * 1024

/**
 * The limits in force. A self-assessment form has a few hundred rows and a few thousand
 * cells; a survey table a few thousand rows; the limits are far above both and far below
 * what would strain the memory of a run that reads several files at once.
 * @internal
 */
export const LIMITS: ReadLimits = {
  maxFileBytes: 50 * MiB,
  maxZipEntries: 10_000,
  maxPartBytes: 16 * MiB,
  maxUnpackedBytes: 32 * MiB,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1 * MiB,
  maxRows: 100_000,
  maxCells: 200_000,
  maxCellFormats: 100_000,
  maxIssuesPerFile: 200,
}

/** Excel's own grid: 1 048 576 rows, 16 384 columns (A … XFD). @internal */
export const EXCEL_MAX_ROWS = 1_048_576
/** @internal */
export const EXCEL_MAX_COLS = 16_384

/** A byte count for a message: "1,1 GB" in Vietnamese, "1.1 GB" in English. @internal */
export function formatBytes(n: number, locale: 'vi' | 'en' = 'vi'): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ]
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size
      const text = v >= 10 ? String(Math.round(v)) : (Math.round(v * 10) / 10).toString()
      return `${locale === 'vi' ? text.replace('.', ',') : text} ${unit}`
    }
  }
  return `${n} B`
}

/** A whole number with thousands separators: "130.000" in Vietnamese, "130,000" in English. @internal */
export function formatCount(n: number, locale: 'vi' | 'en' = 'vi'): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'vi' ? '.' : ',')
}
