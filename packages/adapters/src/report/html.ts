/**
 * Small helpers for writing HTML safely: every text from a pack or an input is escaped.
 */

/** Escapes text for HTML content and attribute values. @internal */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** Two digits at least, as the reports write counts ("04"). @internal */
export const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Splits a list into `pages` runs of nearly equal length (41 in pages of 40 → 21 + 20). @internal */
export function chunks<T>(list: readonly T[], perPage: number): T[][] {
  if (list.length === 0) return []
  const pages = Math.ceil(list.length / perPage)
  const size = Math.ceil(list.length / pages)
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}
