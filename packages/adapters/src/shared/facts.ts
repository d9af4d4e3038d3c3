/**
 * The facts (dữ kiện) a pack reads, found in its source: the names its rules,
 * applicability conditions and adjustments name, each with the title of what reads it, so
 * outputs show a fact by its title and a misspelt fact name gets the nearest known one.
 */
import { normalizeUnitId, safeEvaluate, type CompiledPack } from '@chiso/core'
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

/**
 * A fact named under a criterion (a trace's leaf, a report's gap): the criterion's own title
 * (without its code) when it reads the fact, so a fact several criteria read is, under each,
 * that criterion's figure; else the title of a bonus or deduction that reads it; else the
 * first criterion that does, with its code. `own` is true when the name is the criterion's
 * title; undefined for a fact the pack does not read.
 *
 * @example
 * ```ts
 * factTitleUnder(pack, 'dossiersTotal', '7.3', 'vi') // { title: 'Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa', own: true }
 * factTitleUnder(pack, 'reprimands', '1.1', 'vi') // { title: 'Bị cơ quan cấp trên nhắc nhở, phê bình về công tác CCHC (0,5 điểm/lần)', own: false }
 * ```
 * @internal
 */
export function factTitleUnder(pack: CompiledPack, fact: string, code: string, locale: Locale): { title: string; own: boolean } | undefined {
  const readers = packFacts(pack).get(fact) ?? []
  const own = readers.find((r) => r.ref === code && r.kind !== 'adjustment')
  const r = own ?? readers.find((x) => x.kind === 'adjustment') ?? readers[0]
  if (!r) return undefined
  return { title: r === own || r.kind === 'adjustment' ? textIn(r.title, locale) : `${r.ref} ${textIn(r.title, locale)}`, own: r === own }
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
  /**
   * units with a value the pack cannot use (text where a number is read, a choice not among
   * the options): each has an `invalid_fact` error at its cell, and is not scored
   */
  readonly refused?: ReadonlySet<string>
  /** unit names the table gives in a "Tên đơn vị" column, by unit id */
  readonly names?: ReadonlyMap<string, string>
}

const UNIT_HEADERS = new Set(['ma don vi', 'don vi', 'unitid', 'unit id', 'unit'])
const NAME_HEADERS = new Set(['ten don vi', 'unit name', 'name'])
const FACT_HEADERS = new Set(['du kien', 'ma du kien', 'ten du kien', 'fact', 'chi tieu'])
const VALUE_HEADERS = new Set(['gia tri', 'value', 'so lieu'])

function cellText(v: GridValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return ''
}

/** What a pack's rules read a fact as: a number, yes / no, or one of a choice's options. @internal */
export type FactExpectation =
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'choice'; readonly options: readonly { readonly value: string; readonly label?: { readonly vi: string; readonly en?: string | undefined } }[] }

/** A choice option's label as a pack writes it: text, or { vi, en }. */
function optionLabel(l: unknown): { vi: string; en?: string } | undefined {
  if (typeof l === 'string' && l !== '') return { vi: l }
  if (typeof l === 'object' && l !== null && typeof (l as { vi?: unknown }).vi === 'string') {
    const en = (l as { en?: unknown }).en
    return { vi: (l as { vi: string }).vi, ...(typeof en === 'string' ? { en } : {}) }
  }
  return undefined
}

const NUMBER_OPERATORS = new Set(['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive', 'between'])
const expectationCache = new WeakMap<CompiledPack, ReadonlyMap<string, FactExpectation>>()

/**
 * What the pack's rules, conditions and adjustment amounts read each fact as, from its
 * source: a choice's options, a boolean rule's yes / no, the numbers steps, ratios, counts
 * and "per" amounts compute with, a condition comparing with a number or with true / false.
 * A fact read only by a rule kind of a plug-in has none (the core checks it).
 * @internal
 */
export function factExpectations(pack: CompiledPack): ReadonlyMap<string, FactExpectation> {
  const known = expectationCache.get(pack)
  if (known) return known
  const out = new Map<string, FactExpectation>()
  const set = (name: unknown, e: FactExpectation): void => {
    if (typeof name === 'string' && name !== '' && !out.has(name)) out.set(name, e)
  }
  const walk = (v: unknown, depth = 0): void => {
    if (depth > 32 || v === null || typeof v !== 'object') return
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1)
      return
    }
    const o = v as Record<string, unknown>
    switch (o.kind) {
      case 'choice':
        if (Array.isArray(o.options)) {
          const options = o.options.map((x) => {
            const label = optionLabel((x as { label?: unknown }).label)
            return { value: String((x as { value?: unknown }).value), ...(label ? { label } : {}) }
          })
          set(o.fact, { kind: 'choice', options })
        }
        break
      case 'boolean':
        set(o.fact, { kind: 'boolean' })
        break
      case 'steps':
      case 'count':
      case 'per':
        set(o.fact, { kind: 'number' })
        break
      case 'ratio':
        set(o.numerator, { kind: 'number' })
        set(o.denominator, { kind: 'number' })
        break
    }
    // a condition: { fact, operator, value }
    if (typeof o.fact === 'string' && typeof o.operator === 'string') {
      if (NUMBER_OPERATORS.has(o.operator) || typeof o.value === 'number') set(o.fact, { kind: 'number' })
      else if (typeof o.value === 'boolean') set(o.fact, { kind: 'boolean' })
    }
    for (const x of Object.values(o)) walk(x, depth + 1)
  }
  walk(pack.source.criteria)
  walk(pack.source.adjustments)
  expectationCache.set(pack, out)
  return out
}

type FactRead = { ok: true; value: unknown } | { ok: false; expected: { vi: string; en: string } }

const EXPECT_NUMBER = { vi: 'phải là một số', en: 'must be a number' }
const EXPECT_BOOLEAN = { vi: 'phải là "có" hoặc "không"', en: 'must be yes or no ("có" / "không")' }

/**
 * A fact's value as typed in a table, read as the pack reads the fact: a number ("92,5",
 * 92.5), yes / no ("có", "không", TRUE, FALSE), one of a choice's options (its value, or
 * its label); a fact the pack's own rule kinds do not say is kept as typed (a number when
 * it reads as one). A value that is none of what the fact must be is not read.
 */
function factValue(v: GridValue | undefined, expected: FactExpectation | undefined): FactRead | undefined {
  const t = cellText(v)
  if (t === '') return undefined
  if (expected?.kind === 'choice') {
    if (expected.options.some((o) => o.value === t)) return { ok: true, value: t }
    // the option's value or its label, whatever the case and accents: "Ban hành đúng hạn" is "on-time"
    const k = normalizeHeader(t)
    const option = expected.options.find(
      (o) => normalizeHeader(o.value) === k || (o.label !== undefined && (normalizeHeader(o.label.vi) === k || (o.label.en !== undefined && normalizeHeader(o.label.en) === k))),
    )
    if (option !== undefined) return { ok: true, value: option.value }
    const list = (locale: Locale): string => expected.options.map((o) => (o.label ? `${o.value} (${textIn(o.label, locale)})` : o.value)).join(', ')
    return { ok: false, expected: { vi: `phải là một trong: ${list('vi')}`, en: `must be one of: ${list('en')}` } }
  }
  if (typeof v === 'boolean') return expected === undefined || expected.kind === 'boolean' ? { ok: true, value: v } : { ok: false, expected: EXPECT_NUMBER }
  if (typeof v === 'number') return expected?.kind === 'boolean' ? { ok: false, expected: EXPECT_BOOLEAN } : { ok: true, value: v }
  if (expected?.kind !== 'boolean') {
    const n = parseScoreText(t)
    if (n !== undefined) return { ok: true, value: n.toNumber() }
  }
  if (expected?.kind !== 'number') {
    const k = normalizeHeader(t)
    if (/^(co|true|dung|x|yes)$/.test(k)) return { ok: true, value: true }
    if (/^(khong|false|sai|no)$/.test(k)) return { ok: true, value: false }
  }
  if (expected?.kind === 'number') return { ok: false, expected: EXPECT_NUMBER }
  if (expected?.kind === 'boolean') return { ok: false, expected: EXPECT_BOOLEAN }
  return { ok: true, value: t }
}

/** Options of {@link readFactsGrid}. */
export interface ReadFactsOptions {
  /** unit names by unit id (the units' forms), so problems name a unit as people know it */
  readonly names?: ReadonlyMap<string, string>
}

/**
 * Reads a facts table (dữ kiện: figures from the province's systems, e.g. late dossiers,
 * reprimands) with columns "Mã đơn vị", "Dữ kiện" (the fact's name as the pack reads it)
 * and "Giá trị" (and "Tên đơn vị" if wished). A fact the pack never reads is a warning
 * naming the nearest known fact ("did you mean planIssued?") and its value is left out. A
 * value the pack cannot use (text where a number is read, a choice not among the options)
 * is an error at its cell naming the unit: that unit is `refused` (not scored, as a form
 * with a bad cell is not), the others are read. Every problem has its cell.
 *
 * @example
 * ```ts
 * import { readFactsGrid } from '@chiso/adapters/csv'
 * const t = readFactsGrid(csvGrid(parseCsv(text), 'du-kien.csv'), pack, 'du-kien.csv')
 * t.byUnit.get('xa-nhan-quang') // { lateDossiersWithoutApology: 3, reprimands: 1 }
 * ```
 */
export function readFactsGrid(grid: Grid, pack: CompiledPack, file: string, options: ReadFactsOptions = {}): FactsTable {
  const issues: FileIssue[] = []
  const at = (row: number, col: number) => ({ file, sheet: grid.name, cell: cellAddress(row, col), row })
  let header = -1
  let unitCol = -1
  let nameCol = -1
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
    nameCol = find(NAME_HEADERS)
    factCol = f
    valueCol = v
  }
  if (header < 0) {
    issues.push(fileIssue('missing_column', { file, sheet: grid.name }, { column: 'Mã đơn vị / Dữ kiện / Giá trị', columnEn: 'unit / fact / value' }))
    return { byUnit: new Map(), issues }
  }
  const known = packFacts(pack)
  const expectations = factExpectations(pack)
  const byUnit = new Map<string, Record<string, unknown>>()
  const names = new Map<string, string>()
  const refused = new Set<string>()
  /** where each unit's facts are, by fact: the value cell, for the core's check */
  const cells = new Map<string, Map<string, { row: number; text: string }>>()
  const nameOf = (unitId: string): string | undefined => options.names?.get(unitId) ?? names.get(unitId)
  const bad = (unitId: string, fact: string, row: number, text: string, expected: { vi: string; en: string }): void => {
    refused.add(unitId)
    const name = nameOf(unitId)
    issues.push(
      fileIssue(
        'invalid_fact',
        at(row, valueCol),
        { fact, unitId, ...(name ? { name } : {}), value: text.length > 60 ? `${text.slice(0, 57)}…` : text, expected, titleVi: factTitle(pack, fact, 'vi'), titleEn: factTitle(pack, fact, 'en') },
        text.slice(0, 200),
      ),
    )
  }
  for (let r = header + 1; r <= grid.rowCount; r++) {
    // keyed as the engine and the form reader key a unit (a decomposed or padded id still joins)
    const unitText = cellText(grid.cell(r, unitCol)?.value)
    const unitId = normalizeUnitId(unitText) ?? unitText
    const name = cellText(grid.cell(r, factCol)?.value)
    if (unitId === '' && name === '') continue
    if (nameCol > 0 && unitId !== '' && !names.has(unitId)) {
      const unitName = cellText(grid.cell(r, nameCol)?.value)
      if (unitName !== '') names.set(unitId, unitName)
    }
    if (!known.has(name)) {
      const suggestion = nearestFact(pack, name)
      issues.push(fileIssue('unknown_fact', at(r, factCol), { name, ...(suggestion ? { suggestion } : {}) }, name, 'warning'))
      continue
    }
    const raw = grid.cell(r, valueCol)?.value
    const read = factValue(raw, expectations.get(name))
    if (read === undefined) continue
    const forUnit = byUnit.get(unitId) ?? {}
    const where = cells.get(unitId) ?? new Map<string, { row: number; text: string }>()
    if (Object.prototype.hasOwnProperty.call(forUnit, name) || where.has(name)) {
      issues.push(fileIssue('duplicate_row', at(r, factCol), { code: `${unitId} / ${name}`, first: where.get(name)?.row ?? '?' }, name))
      continue
    }
    where.set(name, { row: r, text: cellText(raw) })
    cells.set(unitId, where)
    if (!read.ok) {
      bad(unitId, name, r, cellText(raw), read.expected)
      continue
    }
    forUnit[name] = read.value
    byUnit.set(unitId, forUnit)
  }
  // what the pack's rules check of the values read (a plug-in's rule kind, a number of too
  // many digits): the core's own check, as the form reader does, mapped back to the cells
  for (const [unitId, facts] of byUnit) {
    const checked = safeEvaluate(pack, { unitId: unitId || 'unknown', period: 'unknown', facts })
    if (checked.ok) continue
    for (const i of checked.issues) {
      const fact = i.path[0] === 'facts' && typeof i.path[1] === 'string' ? i.path[1] : undefined
      const cell = fact !== undefined ? cells.get(unitId)?.get(fact) : undefined
      if (fact === undefined || cell === undefined) continue
      bad(unitId, fact, cell.row, cell.text, { vi: `không dùng được (${i.message.vi})`, en: `cannot be used (${i.message.en})` })
    }
  }
  for (const u of refused) byUnit.delete(u)
  return { byUnit, issues: refused.size > 0 ? sortIssues(issues) : issues, refused, names }
}

/** Problems in the order of the table's rows. */
function sortIssues(list: FileIssue[]): FileIssue[] {
  return list
    .map((i, k) => ({ i, k }))
    .sort((a, b) => (a.i.row ?? 0) - (b.i.row ?? 0) || a.k - b.k)
    .map((x) => x.i)
}

/**
 * Unit names a table (a survey or facts table) gives in a "Tên đơn vị" column next to its
 * "Mã đơn vị" column, by unit id; empty when it has none.
 * @internal
 */
export function tableUnitNames(grid: Grid): ReadonlyMap<string, string> {
  const out = new Map<string, string>()
  for (let r = 1; r <= Math.min(grid.rowCount, 20); r++) {
    let unitCol = -1
    let nameCol = -1
    for (let c = 1; c <= grid.colCount && (unitCol < 0 || nameCol < 0); c++) {
      const t = cellText(grid.cell(r, c)?.value)
      if (t === '' || t.length > 40) continue
      const n = normalizeHeader(t)
      if (unitCol < 0 && UNIT_HEADERS.has(n)) unitCol = c
      else if (nameCol < 0 && NAME_HEADERS.has(n)) nameCol = c
    }
    if (unitCol < 0 || nameCol < 0) continue
    for (let row = r + 1; row <= grid.rowCount; row++) {
      const id = cellText(grid.cell(row, unitCol)?.value)
      const name = cellText(grid.cell(row, nameCol)?.value)
      if (id !== '' && name !== '' && !out.has(id)) out.set(id, name)
    }
    break
  }
  return out
}
