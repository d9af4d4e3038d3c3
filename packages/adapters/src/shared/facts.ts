/**
 * The facts (dữ kiện) a pack reads, found in its source: the names its rules,
 * applicability conditions and adjustments name, each with the title of what reads it, so
 * outputs show a fact by its title and a misspelt fact name gets the nearest known one.
 */
import type { CompiledPack } from '@chiso/core'
import type { Grid, GridValue } from './form.js'
import { fileIssue, type FileIssue } from './issues.js'
import { textIn, type Locale } from './locale.js'
import { cellAddress, normalizeHeader, parseScoreText } from './text.js'

/** What reads a fact: a criterion (its rule or applicability) or an adjustment. @internal */
export interface FactReader {
  readonly kind: 'criterion' | 'applicability' | 'adjustment'
  /** the criterion code, or the adjustment id */
  readonly ref: string
  readonly title: { readonly vi: string; readonly en?: string | undefined }
}

/** Keys under which packs name a fact (rules, conditions, adjustment amounts). */
const FACT_KEYS = new Set(['fact', 'numerator', 'denominator'])

/** Fact names anywhere in a rule, condition or amount (a plain-data walk: nothing is run). */
function collect(v: unknown, into: Set<string>, depth = 0): void {
  if (depth > 32 || v === null || typeof v !== 'object') return
  if (Array.isArray(v)) {
    for (const x of v) collect(x, into, depth + 1)
    return
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (FACT_KEYS.has(k) && typeof x === 'string' && x !== '') into.add(x)
    else collect(x, into, depth + 1)
  }
}

interface SourceNode {
  readonly code?: unknown
  readonly rule?: unknown
  readonly applicability?: unknown
  readonly children?: readonly SourceNode[]
}

const cache = new WeakMap<CompiledPack, ReadonlyMap<string, readonly FactReader[]>>()

/**
 * Every fact a pack reads, with what reads it, in the order of the pack.
 *
 * @example
 * ```ts
 * import { packFacts } from '@chiso/adapters/xlsx'
 * packFacts(pack).get('planIssued') // [{ kind: 'criterion', ref: '1.1.1', title: { vi: 'Ban hành kế hoạch CCHC năm đúng thời hạn', … } }]
 * ```
 */
export function packFacts(pack: CompiledPack): ReadonlyMap<string, readonly FactReader[]> {
  const known = cache.get(pack)
  if (known) return known
  const out = new Map<string, FactReader[]>()
  const add = (names: Set<string>, reader: FactReader): void => {
    for (const n of names) {
      let l = out.get(n)
      if (!l) out.set(n, (l = []))
      l.push(reader)
    }
  }
  const walk = (list: readonly SourceNode[] | undefined): void => {
    for (const c of list ?? []) {
      const code = String(c.code)
      const title = pack.node(code)?.title ?? { vi: code }
      const ruleFacts = new Set<string>()
      collect(c.rule, ruleFacts)
      add(ruleFacts, { kind: 'criterion', ref: code, title })
      const appFacts = new Set<string>()
      collect(c.applicability, appFacts)
      add(appFacts, { kind: 'applicability', ref: code, title })
      walk(c.children)
    }
  }
  walk(pack.source.criteria as readonly SourceNode[] | undefined)
  for (const a of pack.adjustments) add(new Set(a.facts), { kind: 'adjustment', ref: a.id, title: a.title })
  cache.set(pack, out)
  return out
}

/**
 * A fact shown by its title: the title of the adjustment or criterion that reads it
 * ("Hồ sơ trễ hạn không có văn bản xin lỗi"), else its name.
 * @internal
 */
export function factTitle(pack: CompiledPack, fact: string, locale: Locale = 'vi'): string {
  const readers = packFacts(pack).get(fact)
  const r = readers?.find((x) => x.kind === 'adjustment') ?? readers?.[0]
  if (!r) return fact
  return r.kind === 'adjustment' ? textIn(r.title, locale) : `${r.ref} ${textIn(r.title, locale)}`
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours), case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1)
      d[i]![j] = v
    }
  }
  return d[s.length]![t.length]!
}

/**
 * The known fact nearest to a name the pack never reads (a typo such as "planIssud" →
 * "planIssued"), when one is close enough to be a likely misspelling.
 *
 * @example
 * ```ts
 * import { nearestFact } from '@chiso/adapters/xlsx'
 * nearestFact(pack, 'planIssud') // 'planIssued'
 * nearestFact(pack, 'budget') // undefined: nothing close
 * ```
 */
export function nearestFact(pack: CompiledPack, name: string): string | undefined {
  // a third of the name may be wrong, at least one character, at most four
  const allowed = Math.min(4, Math.max(1, Math.floor(name.length / 3)))
  let best: string | undefined
  let bestD = Number.POSITIVE_INFINITY
  for (const known of packFacts(pack).keys()) {
    // names whose lengths differ by more than that are further apart than allowed: never
    // compared, so a cell of a million characters costs no more than its length
    if (Math.abs(name.length - known.length) > allowed) continue
    const d = distance(name, known)
    if (d < bestD || (d === bestD && best !== undefined && known < best)) {
      best = known
      bestD = d
    }
  }
  return best !== undefined && bestD <= allowed ? best : undefined
}

/** Facts by unit id, and the problems found reading them. */
export interface FactsTable {
  readonly byUnit: ReadonlyMap<string, Readonly<Record<string, unknown>>>
  readonly issues: readonly FileIssue[]
}

const UNIT_HEADERS = new Set(['ma don vi', 'don vi', 'unitid', 'unit id', 'unit'])
const FACT_HEADERS = new Set(['du kien', 'ma du kien', 'ten du kien', 'fact', 'chi tieu'])
const VALUE_HEADERS = new Set(['gia tri', 'value', 'so lieu'])

function cellText(v: GridValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return ''
}

/**
 * A fact's value as typed in a table: a number ("92,5", 92.5), yes / no ("có", "không",
 * TRUE, FALSE) for the facts rules read as booleans, else the text itself (a choice such
 * as "on-time").
 */
function factValue(v: GridValue | undefined): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return v
  const t = cellText(v)
  if (t === '') return undefined
  const n = parseScoreText(t)
  if (n !== undefined) return n.toNumber()
  const k = normalizeHeader(t)
  if (/^(co|true|dung|x|yes)$/.test(k)) return true
  if (/^(khong|false|sai|no)$/.test(k)) return false
  return t
}

/**
 * Reads a facts table (dữ kiện: figures from the province's systems, e.g. late dossiers,
 * reprimands) with columns "Mã đơn vị", "Dữ kiện" (the fact's name as the pack reads it)
 * and "Giá trị". A fact the pack never reads is a warning naming the nearest known fact
 * ("did you mean planIssued?") and its value is left out; every problem has its cell.
 *
 * @example
 * ```ts
 * import { readFactsGrid } from '@chiso/adapters/csv'
 * const t = readFactsGrid(csvGrid(parseCsv(text), 'du-kien.csv'), pack, 'du-kien.csv')
 * t.byUnit.get('xa-nhan-quang') // { lateDossiersWithoutApology: 3, reprimands: 1 }
 * ```
 */
export function readFactsGrid(grid: Grid, pack: CompiledPack, file: string): FactsTable {
  const issues: FileIssue[] = []
  const at = (row: number, col: number) => ({ file, sheet: grid.name, cell: cellAddress(row, col), row })
  let header = -1
  let unitCol = -1
  let factCol = -1
  let valueCol = -1
  for (let r = 1; r <= Math.min(grid.rowCount, 20) && header < 0; r++) {
    // each cell's text normalised once, empty cells never: a row of 200,000 cells costs one pass
    const normalized = new Map<number, string>()
    for (let c = 1; c <= grid.colCount; c++) {
      const t = cellText(grid.cell(r, c)?.value)
      if (t !== '') normalized.set(c, normalizeHeader(t))
    }
    const find = (set: Set<string>): number => {
      for (const [c, n] of normalized) if (set.has(n)) return c
      return -1
    }
    const u = find(UNIT_HEADERS)
    const f = find(FACT_HEADERS)
    const v = find(VALUE_HEADERS)
    if (u < 0 || f < 0 || v < 0) continue
    header = r
    unitCol = u
    factCol = f
    valueCol = v
  }
  if (header < 0) {
    issues.push(fileIssue('missing_column', { file, sheet: grid.name }, { column: 'Mã đơn vị / Dữ kiện / Giá trị', columnEn: 'unit / fact / value' }))
    return { byUnit: new Map(), issues }
  }
  const known = packFacts(pack)
  const byUnit = new Map<string, Record<string, unknown>>()
  for (let r = header + 1; r <= grid.rowCount; r++) {
    const unitId = cellText(grid.cell(r, unitCol)?.value)
    const name = cellText(grid.cell(r, factCol)?.value)
    if (unitId === '' && name === '') continue
    if (!known.has(name)) {
      const suggestion = nearestFact(pack, name)
      issues.push(fileIssue('unknown_fact', at(r, factCol), { name, ...(suggestion ? { suggestion } : {}) }, name, 'warning'))
      continue
    }
    const value = factValue(grid.cell(r, valueCol)?.value)
    if (value === undefined) continue
    const forUnit = byUnit.get(unitId) ?? {}
    if (Object.prototype.hasOwnProperty.call(forUnit, name)) {
      issues.push(fileIssue('duplicate_row', at(r, factCol), { code: `${unitId} / ${name}`, first: '?' }, name))
      continue
    }
    forUnit[name] = value
    byUnit.set(unitId, forUnit)
  }
  return { byUnit, issues }
}
