/**
 * Result records and exact recalculation: a stored result names the pack version it was
 * computed under, so years later it can be recomputed under that version and compared
 * node by node.
 */
import { z } from 'zod'
import { ChisoError, neverThrows, type SafeResult } from './errors.js'
import { Exact } from './exact.js'
import { fingerprintOf, safeEvaluate, type UnitResult } from './evaluate.js'
import { checkLimits } from './limits.js'
import type { PackRegistry } from './registry.js'
import { AssessmentSchema } from './schemas.js'
import { parseWith } from './validate.js'
import { isPlainObject, onlyKeys, parseAssessmentInput } from './assessment-input.js'

/** an Exact's canonical text: "14.5", "-3", "40/3" (never a zero denominator) */
const EXACT_TEXT = /^-?\d+(\.\d+)?$|^-?\d+\/0*[1-9]\d*$/
const exactText = z.string().regex(EXACT_TEXT)

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
      index: exactText.nullable(),
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
 * would not); anything else goes through the schema, which reports every problem. Only for
 * a record the pre-scan of the input limits accepted (forbidden keys, non-finite numbers
 * and the rest are checked there).
 */
function usualRecord(r: unknown): r is z.output<typeof ResultRecordSchema> {
  if (!isPlainObject(r) || r.kind !== 'chiso.unit-result') return false
  if (typeof r.unitId !== 'string' || typeof r.period !== 'string' || typeof r.engineVersion !== 'string' || typeof r.assessmentHash !== 'string' || typeof r.fingerprint !== 'string') return false
  if (!isExactText(r.total) || !isExactText(r.index)) return false
  const p = r.pack
  if (!isPlainObject(p) || !onlyKeys(p, PACK_REF_KEYS) || typeof p.id !== 'string' || typeof p.version !== 'string' || typeof p.contentHash !== 'string') return false
  const nodes = r.nodes
  if (!Array.isArray(nodes) || !nodes.every((n) => isPlainObject(n) && typeof n.code === 'string' && isExactText(n.points) && isExactText(n.applicableMax) && (n.index === null || isExactText(n.index)))) return false
  return parseAssessmentInput(r.assessment).data !== undefined
}

/** One number that came out differently on recalculation. */
export interface RecalcDifference {
  /** node code, `"total"` for the whole index */
  readonly code: string
  readonly field: 'points' | 'applicableMax' | 'index' | 'missing_node' | 'extra_node'
  readonly stored: string | null
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
      readonly differences: readonly RecalcDifference[]
      readonly result: UnitResult
    }

/**
 * Re-evaluates a stored result under the pack version named in the record and compares
 * every node. `identical: true` means the inputs reproduce the stored fingerprint (under
 * the engine version that made it) and every number is equal to the last digit.
 *
 * @example
 * ```ts
 * import { evaluate, recalculate } from '@chiso/core'
 * const record = JSON.parse(JSON.stringify(evaluate(pack, assessment)))
 * const r = recalculate(record, { registry })
 * if (!r.identical) for (const d of r.differences) console.log(d.code, d.field, d.stored, '→', d.recalculated)
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
  return neverThrows(() => recalculateChecked(record, options.registry))
}

function recalculateChecked(record: unknown, registry: PackRegistry): SafeResult<RecalcReport> {
  const limits = checkLimits(record)
  if (limits.length > 0) return { ok: false, issues: limits }
  let rec: z.output<typeof ResultRecordSchema>
  if (usualRecord(record)) rec = record
  else {
    const parsed = parseWith(ResultRecordSchema, record)
    if (!parsed.data) return { ok: false, issues: parsed.issues }
    rec = parsed.data
  }
  const compiled = registry.safeCompile(rec.pack.id, rec.pack.version)
  if (!compiled.ok) return compiled
  const pack = compiled.value
  const evaluated = safeEvaluate(pack, rec.assessment)
  if (!evaluated.ok) return { ok: false, issues: evaluated.issues.map((i) => ({ ...i, path: ['assessment', ...i.path] })) }
  const result: UnitResult = evaluated.value

  const packContentMatches = pack.contentHash === rec.pack.contentHash
  const fingerprintMatches = fingerprintOf(rec.pack.contentHash, result.assessment, rec.engineVersion) === rec.fingerprint && packContentMatches
  const differences: RecalcDifference[] = []
  const stored = new Map(rec.nodes.map((n) => [n.code, n]))
  const delta = (a: string | null, b: string | null): string | null => (a === null || b === null ? null : Exact.from(b).sub(Exact.from(a)).toString())
  for (const n of result.nodes) {
    const s = stored.get(n.code)
    if (!s) {
      differences.push({ code: n.code, field: 'extra_node', stored: null, recalculated: n.points.toString(), delta: null })
      continue
    }
    stored.delete(n.code)
    const cmp = (field: 'points' | 'applicableMax' | 'index', storedText: string | null, now: Exact | null): void => {
      // the canonical text of an equal value is the same text: most numbers compare as text
      const equal = storedText === null || now === null ? storedText === null && now === null : storedText === now.toString() || Exact.from(storedText).eq(now)
      if (!equal) differences.push({ code: n.code, field, stored: storedText, recalculated: now?.toString() ?? null, delta: delta(storedText, now?.toString() ?? null) })
    }
    cmp('points', s.points, n.points)
    cmp('applicableMax', s.applicableMax, n.applicableMax)
    cmp('index', s.index, n.index)
  }
  for (const s of stored.values()) differences.push({ code: s.code, field: 'missing_node', stored: s.points, recalculated: null, delta: null })
  if (differences.length === 0 && fingerprintMatches) return { ok: true, value: { identical: true, fingerprint: rec.fingerprint, result } }
  return { ok: true, value: { identical: false, fingerprintMatches, packContentMatches, differences, result } }
}

/** Outcome of {@link recalculateMany}: counts, and details only for what did not reproduce. */
export interface RecalcSummary {
  readonly checked: number
  readonly identical: number
  readonly notIdentical: readonly { readonly index: number; readonly unitId: string; readonly period: string; readonly report: Extract<RecalcReport, { identical: false }> }[]
  readonly invalid: readonly { readonly index: number; readonly issues: readonly import('./errors.js').ChisoIssue[] }[]
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
  let checked = 0
  let identical = 0
  const notIdentical: RecalcSummary['notIdentical'][number][] = []
  const invalid: RecalcSummary['invalid'][number][] = []
  for (const rec of records) {
    const index = checked++
    const r = safeRecalculate(rec, options)
    if (!r.ok) invalid.push({ index, issues: r.issues })
    else if (r.value.identical) identical++
    else notIdentical.push({ index, unitId: r.value.result.unitId, period: r.value.result.period, report: r.value })
    options.onProgress?.(checked, options.total)
  }
  return { checked, identical, notIdentical, invalid }
}
