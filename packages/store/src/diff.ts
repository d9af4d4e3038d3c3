/**
 * What changed between two versions of a self-assessment: self scores (compared as exact
 * numbers, so "8.50" and 8.5 are the same score), evidence documents, facts, explanations,
 * survey inputs, entered adjustments and the unit itself.
 */
import { canonicalJson, Exact, type AssessmentInput } from '@chiso/core'

/** A value before and after (`undefined` where absent). */
export interface Change<T = unknown> {
  readonly key: string
  readonly before: T | undefined
  readonly after: T | undefined
}

/** An evidence document added, removed or changed (by its id). */
export interface EvidenceChange {
  readonly id: string
  readonly change: 'added' | 'removed' | 'changed'
  /** for `changed`: the fields that differ (number, issuer, criteria, …) */
  readonly fields: readonly string[]
}

/** The difference between two assessments. */
export interface AssessmentDiff {
  /** true when nothing below changed */
  readonly same: boolean
  readonly selfScores: readonly Change<string | number>[]
  readonly evidence: readonly EvidenceChange[]
  readonly facts: readonly Change[]
  readonly explanations: readonly Change<string>[]
  readonly survey: readonly Change[]
  readonly adjustments: readonly Change<string | number>[]
  /** other top-level fields that differ (`unit`, `group`) */
  readonly other: readonly string[]
}

const same = (a: unknown, b: unknown): boolean => (a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b))

const sameNumber = (a: string | number | undefined, b: string | number | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b
  try {
    return Exact.from(a).eq(Exact.from(b))
  } catch {
    return String(a) === String(b)
  }
}

function changes<T>(before: Readonly<Record<string, T>> | undefined, after: Readonly<Record<string, T>> | undefined, equal: (a: T | undefined, b: T | undefined) => boolean): Change<T>[] {
  const out: Change<T>[] = []
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(compareCodes)
  for (const key of keys) {
    const b = before && Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined
    const a = after && Object.prototype.hasOwnProperty.call(after, key) ? after[key] : undefined
    if (!equal(b, a)) out.push({ key, before: b, after: a })
  }
  return out
}

/** criterion codes in their natural order: "1.2" before "1.10" */
function compareCodes(a: string, b: string): number {
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!
    const y = pb[i]!
    if (x === y) continue
    const nx = Number(x)
    const ny = Number(y)
    if (Number.isInteger(nx) && Number.isInteger(ny)) return nx - ny
    return x < y ? -1 : 1
  }
  return pa.length - pb.length
}

/**
 * Compares two versions of a self-assessment.
 *
 * @example
 * ```ts
 * import { diffAssessments } from '@chiso/store'
 * const d = diffAssessments(
 *   { unitId: 'xa-a', period: '2024', selfScores: { '1.1': 2, '1.2': '1.5' } },
 *   { unitId: 'xa-a', period: '2024', selfScores: { '1.1': '2.00', '1.2': 1.75 } },
 * )
 * d.selfScores // [{ key: '1.2', before: '1.5', after: 1.75 }]
 * ```
 */
export function diffAssessments(before: AssessmentInput, after: AssessmentInput): AssessmentDiff {
  const selfScores = changes(before.selfScores, after.selfScores, sameNumber)
  const adjustments = changes(before.adjustments, after.adjustments, sameNumber)
  const facts = changes(before.facts, after.facts, same)
  const explanations = changes<string>(before.explanations, after.explanations, same)
  const survey = changes(before.survey, after.survey, same)
  const evBefore = new Map((before.evidence ?? []).map((e) => [e.id, e]))
  const evAfter = new Map((after.evidence ?? []).map((e) => [e.id, e]))
  const evidence: EvidenceChange[] = []
  for (const [id, e] of evBefore) {
    const n = evAfter.get(id)
    if (!n) {
      evidence.push({ id, change: 'removed', fields: [] })
      continue
    }
    const fields = [...new Set([...Object.keys(e), ...Object.keys(n)])].filter((k) => !same((e as Record<string, unknown>)[k], (n as Record<string, unknown>)[k])).sort()
    if (fields.length > 0) evidence.push({ id, change: 'changed', fields })
  }
  for (const id of evAfter.keys()) if (!evBefore.has(id)) evidence.push({ id, change: 'added', fields: [] })
  const other = (['unitId', 'period', 'unit', 'group'] as const).filter((k) => !same(before[k], after[k]))
  return {
    same: selfScores.length + adjustments.length + facts.length + explanations.length + survey.length + evidence.length + other.length === 0,
    selfScores,
    evidence,
    facts,
    explanations,
    survey,
    adjustments,
    other,
  }
}
