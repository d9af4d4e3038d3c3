/**
 * Writing CSV cells that are safe to open: text a spreadsheet would take for a formula
 * (OWASP "CSV injection": a cell starting with =, +, -, @, tab or carriage return) is
 * prefixed with an apostrophe; numbers are left as they are. Every CSV the adapters write
 * goes through {@link csvLine}.
 */

/** A number as the writers put it in a cell: 12, -3, 0.5, -3,5, 1.234,5 (decimal comma, dot between thousands). */
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?)$/

/**
 * The cell's text, neutralised when a spreadsheet would read it as a formula.
 *
 * @example
 * ```ts
 * csvSafeText('=HYPERLINK("http://evil.example","x")') // "'=HYPERLINK(\"http://evil.example\",\"x\")"
 * csvSafeText('-3,5') // '-3,5' (a number stays a number)
 * ```
 * @internal
 */
export function csvSafeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !NUMBER.test(value) ? `'${value}` : value
}

/**
 * One CSV line: each cell neutralised ({@link csvSafeText}), then quoted when it holds the
 * delimiter, a quote or a line break (RFC 4180).
 *
 * @example
 * ```ts
 * csvLine(['1', 'Xã "A"', '@SUM(1,2)'], ';') // '1;"Xã ""A""";\'@SUM(1,2)'
 * ```
 * @internal
 */
export function csvLine(cells: readonly string[], delimiter: string): string {
  return cells
    .map((raw) => {
      const v = csvSafeText(raw)
      return /["\n\r]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v
    })
    .join(delimiter)
}
