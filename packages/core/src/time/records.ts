/**
 * Result records and exact recalculation: a stored result names the pack version it was
 * computed under, so years later it can be recomputed under that version and compared
 * node by node.
 */
import * as z from 'zod/mini'
import { ChisoError, formatPath, neverThrows, type ChisoIssue, type IssuePath, type SafeResult } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import { canonicalAssessment, fingerprintOfCanonical, type UnitResult } from '../engine/result.js'
import { evaluateParsed } from '../engine/evaluate.js'
import { canonicalJson, sha256Hex } from '../util/hash.js'
import { checkLimits } from '../util/limits.js'
import type { PackRegistry } from '../model/registry.js'
import { AssessmentSchema, type Assessment } from '../model/schemas.js'
import { parseWith } from '../model/validate.js'
import { isPlainObject, onlyKeys, parseAssessmentInput } from '../engine/assessment-input.js'
import { argumentIssue, isPackRegistry, optionKeyIssues, throwIfAny } from '../util/arguments.js'

/** an Exact's canonical text: "14.5", "-3", "40/3" (never a zero denominator) */
const EXACT_TEXT = /^-?\d+(\.\d+)?$|^-?\d+\/0*[1-9]\d*$/
const exactText = z.string().check(z.regex(EXACT_TEXT))

/** The serialisable record of one unit's result (what `result.toJSON()` returns). */
export const ResultRecordSchema = z.looseObject({
  kind: z.literal('chiso.unit-result'),
  unitId: z.string(),
  period: z.string(),
  pack: z.strictObject({ id: z.string(), version: z.string(), contentHash: z.string() }),
  engineVersion: z.string(),
  assessmentHash: z.string(),
  fingerprint: z.string(),
  total: exactText,
  index: exactText,
  nodes: z.array(
    z.looseObject({
      code: z.string(),
      points: exactText,
      applicableMax: exactText,
      index: z.nullable(exactText),
    }),
  ),
  assessment: AssessmentSchema,
})
/** A stored result record. */
export type ResultRecord = z.input<typeof ResultRecordSchema>

const PACK_REF_KEYS = new Set(['id', 'version', 'contentHash'])
const isExactText = (v: unknown): boolean => typeof v === 'string' && EXACT_TEXT.test(v)

/**
 * A record in the shape `toJSON()` writes, checked by hand (never accepting what the schema
 * would not): its parsed assessment, or undefined when it is not; anything else goes
 * through the schema, which reports every problem. Only for a record the pre-scan of the
 * input limits accepted whole (forbidden keys, non-finite numbers and the rest, in every
 * field, are checked there).
 */
function usualRecord(r: unknown): Assessment | undefined {
  if (!isPlainObject(r) || r.kind !== 'chiso.unit-result') return undefined
  if (typeof r.unitId !== 'string' || typeof r.period !== 'string' || typeof r.engineVersion !== 'string' || typeof r.assessmentHash !== 'string' || typeof r.fingerprint !== 'string') return undefined
  if (!isExactText(r.total) || !isExactText(r.index)) return undefined
  const p = r.pack
  if (!isPlainObject(p) || !onlyKeys(p, PACK_REF_KEYS) || typeof p.id !== 'string' || typeof p.version !== 'string' || typeof p.contentHash !== 'string') return undefined
  const nodes = r.nodes
  if (
    !Array.isArray(nodes) ||
    !nodes.every((n) => isPlainObject(n) && typeof n.code === 'string' && isExactText(n.points) && isExactText(n.applicableMax) && (n.index === null || isExactText(n.index)))
  )
    return undefined
  return parseAssessmentInput(r.assessment).data
}

/**
 * One stored field that recalculation does not reproduce.
 *
 * @example
 * ```ts
 * // a record whose unitId and node 1.2 were edited by hand
 * { code: null, field: 'unitId', path: ['unitId'], stored: 'xa-forged', recalculated: 'xa-1', delta: null }
 * { code: '1.2', field: 'points', path: ['nodes', 4, 'points'], stored: '4', recalculated: '2', delta: '-2' }
 * ```
 */
export interface RecalcDifference {
  /** the node's code for a node's field (`"total"` for the root node); null for a field of the record itself */
  readonly code: string | null
  /**
   * What differs. For a node: its field (`points`, `maxPoints`, `applicableMax`, `index`,
   * `notApplicable`, `bonus`, `deduction`, or any other key the node holds), or
   * `extra_node` (the recalculation has a node the record lacks) / `missing_node` (the
   * record has a node — or a second entry for a code — the recalculation does not). For the
   * record: the field's path as issues write it (`total`, `unitId`, `pack.contentHash`,
   * `flags[0].criterion`, …).
   */
  readonly field: string
  /** where in the record, as an issue path: `['nodes', 4, 'points']`, `['pack', 'contentHash']` */
  readonly path: IssuePath
  /** the stored value as text (numbers as their exact text, other values as JSON); null when absent or null */
  readonly stored: string | null
  /** the recalculated value, likewise; null when absent or null */
  readonly recalculated: string | null
  /** recalculated − stored, when both are numbers */
  readonly delta: string | null
}

/** Outcome of {@link recalculate}. */
export type RecalcReport =
  | { readonly identical: true; readonly fingerprint: string; readonly result: UnitResult }
  | {
      readonly identical: false
      /** whether the stored inputs still hash to the stored fingerprint */
      readonly fingerprintMatches: boolean
      /** whether the pack's content is the one the record names */
      readonly packContentMatches: boolean
      /** every field that differs, in the order the record is written (never empty) */
      readonly differences: readonly RecalcDifference[]
      readonly result: UnitResult
    }

/**
 * Re-evaluates a stored result under the pack version named in the record and compares
 * every field of the record with the one the recalculated result writes. `identical: true`
 * means every field is reproduced: the numbers of the index and of every node to the last
 * digit, the unit, period, group, flags and pack content hash; the assessment hash and the
 * fingerprint recomputed from the stored assessment (so the assessment itself, the engine
 * version and the pack content hash are covered by hashes that are checked); and no field
 * is missing or added. Anything else is reported, field by field (see {@link RecalcDifference}).
 *
 * @example
 * ```ts
 * import { evaluate, recalculate } from '@chiso/core'
 * const record = JSON.parse(JSON.stringify(evaluate(pack, assessment)))
 * const r = recalculate(record, { registry })
 * if (!r.identical) for (const d of r.differences) console.log(d.field, d.stored, '→', d.recalculated)
 * ```
 */
export function recalculate(record: unknown, options: { readonly registry: PackRegistry }): RecalcReport {
  const r = safeRecalculate(record, options)
  if (!r.ok) throw new ChisoError(r.issues, 'result record')
  return r.value
}

/**
 * Like {@link recalculate}, returning issues (invalid record, unknown pack) instead of
 * throwing.
 *
 * @example
 * ```ts
 * import { safeRecalculate } from '@chiso/core'
 * const r = safeRecalculate(JSON.parse(text), { registry })
 * if (r.ok && r.value.identical) console.log('reproduced', r.value.fingerprint)
 * ```
 */
export function safeRecalculate(record: unknown, options: { readonly registry: PackRegistry }): SafeResult<RecalcReport> {
  return neverThrows(() => {
    const bad = registryOptionIssues(options, RECALC_OPTIONS)
    if (bad.length > 0) return { ok: false, issues: bad }
    return recalculateChecked(record, options.registry)
  })
}

const RECALC_OPTIONS: readonly string[] = ['registry']
const RECALC_MANY_OPTIONS: readonly string[] = ['registry', 'onProgress', 'total']

/**
 * The problems of a recalculation's options: no options object, no pack registry (a list of
 * packs, a compiled pack, nothing), or keys not among `known`; the registry's alone when it
 * is wrong.
 */
function registryOptionIssues(options: unknown, known: readonly string[]): ChisoIssue[] {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return [argumentIssue(['options'], 'object', options)]
  const registry = (options as { registry?: unknown }).registry
  if (!isPackRegistry(registry)) return [argumentIssue(['options', 'registry'], 'pack_registry', registry)]
  return optionKeyIssues(options, known)
}

function recalculateChecked(record: unknown, registry: PackRegistry): SafeResult<RecalcReport> {
  const limits = checkLimits(record)
  if (limits.length > 0) return { ok: false, issues: limits }
  let rec: z.output<typeof ResultRecordSchema>
  let input = usualRecord(record)
  if (input) rec = record as z.output<typeof ResultRecordSchema>
  else {
    const parsed = parseWith(ResultRecordSchema, record)
    if (!parsed.data) return { ok: false, issues: parsed.issues }
    rec = parsed.data
    const a = parseAssessmentInput(rec.assessment, ['assessment'])
    if (!a.data) return { ok: false, issues: a.issues }
    input = a.data
  }
  const compiled = registry.safeCompile(rec.pack.id, rec.pack.version)
  if (!compiled.ok) return compiled
  const pack = compiled.value
  const scored = evaluateParsed(pack, input)
  if (!scored.ok) return { ok: false, issues: scored.issues.map((i) => ({ ...i, path: ['assessment', ...i.path] })) }
  const result = scored.value

  // the stamp is checked by hashing the assessment exactly as stored: its canonical JSON is
  // made once and hashed twice (the assessment hash, and the fingerprint under the engine
  // version and pack content hash the record names)
  const canonical = canonicalAssessment(rec.assessment)
  const fingerprint = fingerprintOfCanonical(rec.pack.contentHash, canonical, rec.engineVersion)
  const expected = result.recordWith({ engineVersion: rec.engineVersion, assessmentHash: sha256Hex(canonical), fingerprint, assessment: rec.assessment })
  const differences: RecalcDifference[] = []
  compareFields(rec, expected, -1, null, RECORD_NUMBERS, differences)
  if (differences.length === 0) return { ok: true, value: { identical: true, fingerprint: rec.fingerprint, result } }
  const packContentMatches = pack.contentHash === rec.pack.contentHash
  const fingerprintMatches = fingerprint === rec.fingerprint && packContentMatches
  return { ok: true, value: { identical: false, fingerprintMatches, packContentMatches, differences, result } }
}

/** fields holding exact numbers: equal values in another text (`"14.50"`) are equal */
const RECORD_NUMBERS: ReadonlySet<string> = new Set(['total', 'applicableMax', 'index'])
const NODE_NUMBERS: ReadonlySet<string> = new Set(['points', 'maxPoints', 'applicableMax', 'index', 'bonus', 'deduction'])
const own = Object.prototype.hasOwnProperty

/** a value as a difference shows it: text as is, anything else as JSON, absent or null as null */
function shown(v: unknown): string | null {
  if (v === undefined || v === null) return null
  return typeof v === 'string' ? v : canonicalJson(v)
}

function pushDifference(out: RecalcDifference[], path: IssuePath, code: string | null, depth: number, stored: unknown, now: unknown, numeric: boolean): void {
  const s = shown(stored)
  const r = shown(now)
  const delta = numeric && s !== null && r !== null && isExactText(s) && isExactText(r) ? Exact.from(r).sub(Exact.from(s)).toString() : null
  // a node's field is named within its node; a record's field by its whole path
  out.push({ code, field: formatPath(path.slice(depth)), path, stored: s, recalculated: r, delta })
}

/**
 * Compares a stored object — the record (`node` −1) or its `node`-th node — with the
 * recalculated one, key by key in both directions (so a field added to the record later is
 * compared without being listed here), descending into objects and arrays; the record's
 * nodes are matched by code. Paths are built only for a difference: almost every field is
 * equal, most of them as the same text.
 */
function compareFields(stored: Record<string, unknown>, expected: Record<string, unknown>, node: number, code: string | null, numbers: ReadonlySet<string>, out: RecalcDifference[]): void {
  const depth = node < 0 ? 0 : 2
  const at = (k: string): IssuePath => (node < 0 ? [k] : ['nodes', node, k])
  let present = 0
  for (const k in expected) {
    const s = stored[k]
    const e = expected[k]
    if (s === e && s !== undefined) {
      present++
      continue
    }
    if (!own.call(stored, k)) pushDifference(out, at(k), code, depth, undefined, e, numbers.has(k))
    else {
      present++
      if (k === 'nodes' && node < 0) compareNodes(s as readonly Record<string, unknown>[], e as readonly Record<string, unknown>[], out)
      else compareValue(s, e, at(k), code, depth, numbers.has(k), out)
    }
  }
  // a key the recalculated record does not write: counted first (stored records are plain
  // JSON objects; an inherited key would only send this to the exact check), named only when
  // there is one
  let keys = 0
  for (const _ in stored) keys++
  if (keys !== present) for (const k in stored) if (own.call(stored, k) && !own.call(expected, k)) pushDifference(out, at(k), code, depth, stored[k], undefined, false)
}

function compareValue(stored: unknown, now: unknown, path: IssuePath, code: string | null, depth: number, numeric: boolean, out: RecalcDifference[]): void {
  if (stored === now) return
  // the canonical text of an equal value is the same text: most numbers compare as text
  if (numeric && isExactText(stored) && isExactText(now) && Exact.from(stored as string).eq(Exact.from(now as string))) return
  if (isPlainObject(stored) && isPlainObject(now)) {
    for (const k in now) {
      if (!own.call(now, k)) continue
      if (own.call(stored, k)) compareValue(stored[k], now[k], [...path, k], code, depth, false, out)
      else pushDifference(out, [...path, k], code, depth, undefined, now[k], false)
    }
    for (const k in stored) if (own.call(stored, k) && !own.call(now, k)) pushDifference(out, [...path, k], code, depth, stored[k], undefined, false)
    return
  }
  if (Array.isArray(stored) && Array.isArray(now)) {
    const n = Math.max(stored.length, now.length)
    for (let i = 0; i < n; i++) {
      if (i >= stored.length) pushDifference(out, [...path, i], code, depth, undefined, now[i], false)
      else if (i >= now.length) pushDifference(out, [...path, i], code, depth, stored[i], undefined, false)
      else compareValue(stored[i], now[i], [...path, i], code, depth, false, out)
    }
    return
  }
  pushDifference(out, path, code, depth, stored, now, numeric)
}

/** nodes matched by code: a node missing, extra or stored twice is reported as such */
function compareNodes(stored: readonly Record<string, unknown>[], expected: readonly Record<string, unknown>[], out: RecalcDifference[]): void {
  const at = new Map<string, number>()
  expected.forEach((n, j) => at.set(n.code as string, j))
  const matched = new Uint8Array(expected.length)
  stored.forEach((s, i) => {
    const code = s.code as string
    const j = at.get(code)
    if (j === undefined || matched[j] === 1) {
      out.push({ code, field: 'missing_node', path: ['nodes', i], stored: shown(s.points), recalculated: null, delta: null })
      return
    }
    matched[j] = 1
    compareFields(s, expected[j]!, i, code, NODE_NUMBERS, out)
  })
  expected.forEach((n, j) => {
    if (matched[j] === 0) out.push({ code: n.code as string, field: 'extra_node', path: ['nodes', j], stored: null, recalculated: shown(n.points), delta: null })
  })
}

/** Outcome of {@link recalculateMany}: counts, and details only for what did not reproduce. */
export interface RecalcSummary {
  readonly checked: number
  readonly identical: number
  readonly notIdentical: readonly { readonly index: number; readonly unitId: string; readonly period: string; readonly report: Extract<RecalcReport, { identical: false }> }[]
  readonly invalid: readonly { readonly index: number; readonly issues: readonly import('../util/errors.js').ChisoIssue[] }[]
}

/**
 * Recalculates many stored records in one call — e.g. ten years of every commune — keeping
 * only counts and the records that did not reproduce, so memory stays flat however many
 * records stream through. `records` may be any iterable (a generator reading a store).
 *
 * @example
 * ```ts
 * import { recalculateMany } from '@chiso/core'
 * const s = recalculateMany(storedRecords, { registry, onProgress: (n) => process.stdout.write(`\r${n}`) })
 * console.log(`${s.identical}/${s.checked} reproduced exactly`)
 * ```
 */
export function recalculateMany(
  records: Iterable<unknown>,
  options: { readonly registry: PackRegistry; readonly onProgress?: (done: number, total: number | undefined) => void; readonly total?: number },
): RecalcSummary {
  throwIfAny(registryOptionIssues(options, RECALC_MANY_OPTIONS))
  if (records === null || typeof records !== 'object' || typeof (records as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throwIfAny([argumentIssue(['records'], 'array', records)])
  }
  const own = { registry: options.registry }
  let checked = 0
  let identical = 0
  const notIdentical: RecalcSummary['notIdentical'][number][] = []
  const invalid: RecalcSummary['invalid'][number][] = []
  for (const rec of records) {
    const index = checked++
    const r = safeRecalculate(rec, own)
    if (!r.ok) invalid.push({ index, issues: r.issues })
    else if (r.value.identical) identical++
    else notIdentical.push({ index, unitId: r.value.result.unitId, period: r.value.result.period, report: r.value })
    options.onProgress?.(checked, options.total)
  }
  return { checked, identical, notIdentical, invalid }
}
