/**
 * Worksheet names every spreadsheet program accepts, made from any text (a unit's name, a
 * caller's option): Excel's rules, which exceljs enforces by throwing.
 */

/** Characters Excel forbids in a sheet name; control characters cannot be written in XML. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f\u007f]/g
/** Excel's longest sheet name, in UTF-16 code units. */
const MAX_LENGTH = 31
/** Names Excel keeps for itself (compared without case). */
const RESERVED = ['history']

/** At most `max` UTF-16 code units, never cutting a character in two. */
function truncate(s: string, max: number): string {
  let out = ''
  for (const ch of s) {
    if (out.length + ch.length > max) break
    out += ch
  }
  return out
}

/** Forbidden characters replaced, apostrophes and spaces trimmed from both ends. */
function clean(s: string): string {
  return s.replace(FORBIDDEN, ' ').replace(/^[\s']+|[\s']+$/g, '')
}

/**
 * Gives each name a sheet name Excel accepts and no other sheet of the workbook has:
 * forbidden characters ([ ] : * ? / \) replaced, apostrophes trimmed from the ends, at
 * most 31 characters, not "History", and unique without regard to case ("Xã A (2)" when
 * "Xã A" is taken, also after truncation). `reserved` names are taken from the start.
 *
 * @example
 * ```ts
 * const name = sheetNamer(['Tổng hợp'])
 * name('History') // 'History (2)'
 * name('Xã A/B') // 'Xã A B'
 * ```
 * @internal
 */
export function sheetNamer(reserved: readonly string[] = [], fallback = 'Trang'): (name: string) => string {
  const used = new Set([...RESERVED, ...reserved.map((n) => n.toLowerCase())])
  return (name) => {
    const base = clean(truncate(clean(name), MAX_LENGTH)) || fallback
    let candidate = base
    for (let k = 2; used.has(candidate.toLowerCase()); k++) {
      const suffix = ` (${k})`
      candidate = clean(truncate(base, MAX_LENGTH - suffix.length)) + suffix
    }
    used.add(candidate.toLowerCase())
    return candidate
  }
}

/**
 * One sheet name Excel accepts (see {@link sheetNamer}).
 *
 * @example
 * ```ts
 * safeSheetName('Biểu: 2024/01') // 'Biểu  2024 01'
 * ```
 * @internal
 */
export function safeSheetName(name: string, fallback = 'Trang'): string {
  return sheetNamer([], fallback)(name)
}
