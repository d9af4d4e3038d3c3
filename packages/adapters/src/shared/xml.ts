/**
 * The little XML the spreadsheet readers need, read with plain string scanning (no parser
 * that would build a tree of a hostile file): entities and attributes.
 */

/** Text with the five XML entities and numeric character references replaced. @internal */
export const unescapeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase()
    if (k.startsWith('#x')) return safeCodePoint(Number.parseInt(k.slice(2), 16))
    if (k.startsWith('#')) return safeCodePoint(Number(k.slice(1)))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[k]!
  })

/** A character from a code point, or U+FFFD for one that is not a character. */
function safeCodePoint(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd'
}

/** The value of an attribute (any namespace prefix) in a tag's attribute text. @internal */
export const attr = (attrs: string, name: string): string | undefined => new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(["'])(.*?)\\1`).exec(attrs)?.[2]
