/**
 * Unit ids: one spelling per unit. Ids arrive from spreadsheets, web pages and other systems,
 * where the same visible id may be stored in several ways — decomposed Vietnamese ("xã" as
 * x + a + combining tilde), a trailing space, an invisible zero-width space or byte-order
 * mark. Ids are normalised where they enter (assessments, unit lists), so results, records,
 * fingerprints and ranks all see one id; ids that still only look alike (a Cyrillic "а" for a
 * Latin "a") are reported as a warning, never merged.
 */
import { issue, type ChisoIssue, type IssuePath } from '../util/errors.js'
import { preview } from '../util/limits.js'

/** an id that is already normal: printable ASCII, no white space at either end */
const PLAIN = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/
/** invisible format characters (zero-width space / joiners, word joiner, BOM, soft hyphen, bidi marks) */
const FORMAT = /\p{Cf}/gu
const CONTROL = /\p{Cc}/u

/**
 * The normal form of a unit id, as the engine keys units by it: invisible format characters
 * (zero-width space and joiners, byte-order mark, soft hyphen, bidi marks) removed, NFC,
 * white space trimmed at both ends. `undefined` when what is left is empty or holds a control
 * character (a tab or line break inside an id is a broken cell, not a spelling: joining its
 * parts could merge two units, so the engine refuses it with `invalid_unit_id`). Use it to
 * key your own data the way results are keyed.
 *
 * @example
 * ```ts
 * import { normalizeUnitId } from '@chiso/core'
 * normalizeUnitId('xa\u0303-a ')   // 'xã-a' (NFC, trimmed)
 * normalizeUnitId('\ufeffxa-b')     // 'xa-b'
 * normalizeUnitId('xa\tb')          // undefined
 * ```
 */
export function normalizeUnitId(id: string): string | undefined {
  if (PLAIN.test(id)) return id
  const n = id.replace(FORMAT, '').normalize('NFC').trim()
  return n.length === 0 || CONTROL.test(n) ? undefined : n
}

/** Whether an id is its own normal form (fast for plain ASCII ids). @internal */
export function isNormalUnitId(id: string): boolean {
  return PLAIN.test(id) || normalizeUnitId(id) === id
}

/**
 * The normal id, or an `invalid_unit_id` issue at `path`. @internal
 */
export function unitIdAt(id: string, path: IssuePath, issues: ChisoIssue[]): string {
  const n = normalizeUnitId(id)
  if (n === undefined) {
    issues.push(issue('invalid_unit_id', path, { value: id }, id))
    return id
  }
  return n
}

// Letters of other scripts drawn exactly as a Latin letter, and punctuation drawn as ASCII
// punctuation (from Unicode's confusables list, UTS #39, kept to look-alikes that are
// identical in common fonts). Compatibility forms (fullwidth "ｘ", "ℓ", no-break space) are
// folded by NFKD before this table is read.
const LOOK_ALIKE: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  Ү: 'Y',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  Ӏ: 'l',
  // Greek
  α: 'a',
  ο: 'o',
  ν: 'v',
  ρ: 'p',
  ι: 'i',
  υ: 'u',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Armenian
  օ: 'o',
  // capital D with stroke: Vietnamese Đ (U+0110), Icelandic Eth Ð (U+00D0), African D Ɖ (U+0189)
  Ð: 'Đ',
  Ɖ: 'Đ',
  // hyphens and dashes drawn as "-", apostrophes drawn as "'"
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2212': '-',
  '\u2043': '-',
  '\u02d7': '-',
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '\u2032': "'",
}

/** What an id looks like: ids with one skeleton are drawn alike. @internal */
export function unitIdSkeleton(id: string): string {
  if (PLAIN.test(id)) return id
  let out = ''
  for (const ch of id.normalize('NFKD')) out += LOOK_ALIKE[ch] ?? ch
  return out.normalize('NFC')
}

const codePoint = (ch: string): string => `"${ch}" U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/** how many differing places a warning names: an id as long as a page still gives one line */
const SHOWN_DIFFERENCES = 5

/** the first few of `items` joined, with how many more there are */
function firstFew(items: readonly string[], separator: string): string {
  const shown = items.slice(0, SHOWN_DIFFERENCES).join(separator)
  return items.length > SHOWN_DIFFERENCES ? `${shown}${separator}… (+${items.length - SHOWN_DIFFERENCES})` : shown
}

/** where two look-alike ids differ: the characters at each differing place (the first few), with their code points */
function differingCharacters(first: string, second: string): string {
  const a = [...first]
  const b = [...second]
  if (a.length === b.length) {
    const pairs: string[] = []
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) pairs.push(`${codePoint(b[i]!)} ≠ ${codePoint(a[i]!)}`)
    return firstFew(pairs, ', ')
  }
  const notAscii = (cs: string[]): string => firstFew([...new Set(cs.filter((c) => c > '\x7e'))].map(codePoint), ' ') || '—'
  return `${notAscii(b)} ≠ ${notAscii(a)}`
}

/**
 * A `confusable_unit_ids` warning for each id drawn like an earlier, different id in the
 * list (path: `pathOf` its position, by default the position then `unitId`). Plain ASCII ids
 * alone cannot be confusable (each is its own skeleton), so a list of them costs one test
 * per id. @internal
 */
export function confusableUnitIds(ids: readonly string[], pathOf: (i: number) => IssuePath = (i) => [i, 'unitId']): ChisoIssue[] {
  if (ids.every((id) => PLAIN.test(id))) return []
  const first = new Map<string, string>()
  const warnings: ChisoIssue[] = []
  const reported = new Set<string>()
  ids.forEach((id, i) => {
    const skeleton = unitIdSkeleton(id)
    const earlier = first.get(skeleton)
    if (earlier === undefined) first.set(skeleton, id)
    else if (earlier !== id && !reported.has(id)) {
      reported.add(id)
      // the ids themselves stay whole in the value; the message shows them cut short
      warnings.push(issue('confusable_unit_ids', pathOf(i), { first: preview(earlier), second: preview(id), detail: differingCharacters(earlier, id) }, [earlier, id]))
    }
  })
  return warnings
}
