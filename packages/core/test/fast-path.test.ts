// The fast paths must decide exactly as the slow, obviously-correct ones: the hand-written
// assessment shape check never accepts what the zod schema rejects, threshold comparisons
// on doubles agree with exact decimal comparisons, and sums over a common denominator agree
// with one-by-one exact addition.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compilePack, evaluate, Exact, safeEvaluate } from '@chiso/core'
import { rankValues } from '@chiso/core/analysis'
import { AssessmentSchema } from '@chiso/core/schemas'
import { parseAssessmentInput } from '../src/engine/assessment-input.js'
import { checkLimits } from '../src/util/limits.js'
import { packAndAssessmentArb } from './arbitraries.js'

describe('assessment fast path', () => {
  test('property: accepted by the fast path ⇒ accepted by the schema, for valid and mutated inputs', () => {
    const mutate = fc.oneof(
      fc.constant((a: Record<string, unknown>) => a),
      fc.constant((a: Record<string, unknown>) => ({ ...a, extra: 1 })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, unitId: '' })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, period: 2024 })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, facts: [1, 2] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, facts: { x: Number.NaN } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, facts: JSON.parse('{"__proto__": {"polluted": true}}') })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, facts: { deep: { constructor: 1 } } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, selfScores: { '1': '0,5' } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, selfScores: { '1': Infinity } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, group: 3 })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, evidence: [{ id: 'x', criteria: [] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, appraisals: [{ round: 0, reviewer: 'x', at: 't', changes: [] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, survey: { '1': { answers: { A: -1 } } } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, explanations: { '1': 5 } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, adjustments: { x: 'nhiều' } })),
      // the nested parts the fast path checks by hand, each a little wrong
      fc.constant((a: Record<string, unknown>) => ({ ...a, evidence: [{ id: 'x', criteria: ['1'], extra: 1 }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, evidence: [{ id: '', criteria: ['1'] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, evidence: [{ id: 'x', criteria: [1] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, evidence: [{ id: 'x', criteria: ['1'], issuedOn: '2024-02-30' }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, evidence: [{ id: 'x', criteria: ['1'], title: 5 }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, appraisals: [{ round: 1.5, reviewer: 'x', at: 't', changes: [] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, appraisals: [{ round: 1, reviewer: 'x', at: '', changes: [] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, appraisals: [{ round: 1, reviewer: 'x', at: 't', changes: [{ code: '1', points: 1, reason: '' }] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, appraisals: [{ round: 1, reviewer: 'x', at: 't', changes: [{ code: '1', points: '1,5', reason: 'r' }] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, survey: { '1': { answers: { A: 1.5 } } } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, survey: { '1': { answers: { A: 1 }, points: 1 } } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, survey: { '1': { points: 'nhiều' } } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, survey: { '1': {} } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, unit: { id: 'u', name: 'U', kind: 'commune', extra: 1 } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, unit: { id: 'u', name: '', kind: 'commune' } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, unit: { id: 'u', name: 'U', kind: 'commune', predecessors: [1] } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, unit: { id: 'u', name: 'U', kind: 'commune', attributes: [1] } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, unit: { id: 'u', name: 'U', kind: 'commune', validFrom: '2024-13-01' } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, unit: { id: 'u', name: 'U', kind: 'commune', group: 3 } })),
      // past the input limits (docs/semantics.md, "Input limits")
      fc.constant((a: Record<string, unknown>) => ({ ...a, selfScores: { '1': `0.${'0'.repeat(40)}1` } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, selfScores: { '1': 1e-40 } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, adjustments: { x: '123456789012345678901' } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, appraisals: [{ round: 1, reviewer: 'x', at: 't', changes: [{ code: '1', points: '1/123456789012345678901', reason: 'r' }] }] })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, survey: { '1': { points: '1e-31' } } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, facts: { deep: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, facts: { many: new Array<number>(10_001).fill(0) } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, explanations: { '1': 'x'.repeat(100_001) } })),
      fc.constant((a: Record<string, unknown>) => ({ ...a, facts: { big: 10n } })),
    )
    fc.assert(
      fc.property(packAndAssessmentArb, mutate, ({ assessment }, m) => {
        const input = m(structuredClone(assessment) as Record<string, unknown>)
        const fast = parseAssessmentInput(input)
        const full = AssessmentSchema.safeParse(input)
        if (fast.data) expect(full.success).toBe(true)
        if (!full.success) expect(fast.issues.length).toBeGreaterThan(0)
        // and never what the pre-scan of the input limits refuses
        if (fast.data) expect(checkLimits(input)).toEqual([])
      }),
      { numRuns: 300 },
    )
  })
})

describe('steps thresholds compared on doubles', () => {
  test('property: a number fact and the same value as decimal text give the same branch', () => {
    const thresholds = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }).map((c) => (c / 10).toFixed(1)),
      fc.integer({ min: -100000, max: 100000 }).map((c) => (c / 1000).toFixed(3)),
      fc.constantFrom('70.1', '0.3', '89.99', '90', '1e-7', '123456789.123456'),
    )
    fc.assert(
      fc.property(
        fc.uniqueArray(thresholds, { minLength: 1, maxLength: 4, selector: (t) => Exact.from(t).toString() }),
        fc.boolean(),
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true, min: -200, max: 200 }),
          fc.integer({ min: -200, max: 200 }).map((i) => i / 10),
        ),
        (mins, exclusive, x) => {
          const pack = compilePack({
            id: 't/steps',
            version: '1.0.0',
            title: 't',
            criteria: [{ code: '1', title: 'x', maxPoints: 10, rule: { kind: 'steps', fact: 'v', steps: mins.map((min, i) => ({ min, points: i + 1, minExclusive: exclusive })) } }],
          })
          const asNumber = evaluate(pack, { unitId: 'u', period: 'p', facts: { v: x } }).total
          const asText = evaluate(pack, { unitId: 'u', period: 'p', facts: { v: String(x) } }).total
          expect(asNumber.toString()).toBe(asText.toString())
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('sums over a common denominator', () => {
  test('property: Exact.sumAt equals one-by-one exact addition, including bigint overflow', () => {
    const value = fc.oneof(
      fc.integer({ min: -100000, max: 100000 }).map((c) => Exact.ratio(c, 100)),
      fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 997 })).map(([n, d]) => Exact.ratio(n, d)),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => Exact.ratioBig(n, 7n)),
      fc.constant(Exact.ratio(Number.MAX_SAFE_INTEGER, 3)),
    )
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (values) => {
        let slow = Exact.ZERO
        for (const v of values) slow = slow.add(v)
        expect(Exact.sumAt(values, undefined).toString()).toBe(slow.toString())
        const at = values.map((_, i) => i).filter((i) => i % 2 === 0)
        let slowAt = Exact.ZERO
        for (const i of at) slowAt = slowAt.add(values[i]!)
        expect(Exact.sumAt(values, at).toString()).toBe(slowAt.toString())
      }),
      { numRuns: 300 },
    )
  })

  test('safeEvaluate takes the same decisions through the fast path as through the schema', () => {
    fc.assert(
      fc.property(packAndAssessmentArb, ({ spec, assessment }) => {
        const pack = compilePack(spec.pack)
        const direct = safeEvaluate(pack, assessment)
        const viaSchema = safeEvaluate(pack, AssessmentSchema.parse(assessment))
        expect(direct.ok).toBe(viaSchema.ok)
        if (direct.ok && viaSchema.ok) expect(direct.value.fingerprint).toBe(viaSchema.value.fingerprint)
      }),
      { numRuns: 100 },
    )
  })
})

describe('ranking sorts on doubles, then exactly', () => {
  test('property: rankValues equals ranks counted by exact comparison, even for values doubles cannot tell apart', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 20 }).map((k) => Exact.ratio(k, 3)),
      fc.integer({ min: 0, max: 20 }).map((k) => Exact.from(`${(k / 3).toFixed(17)}`)),
      fc.bigInt({ min: 10n ** 25n, max: 10n ** 25n + 5n }).map((n) => Exact.ratioBig(n, 3n * 10n ** 24n)),
      fc.constant(null),
    )
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), fc.constantFrom('competition' as const, 'dense' as const), (values, method) => {
        const ranks = rankValues(values, method)
        values.forEach((v, i) => {
          const above = values.filter((w) => (v === null ? w !== null : w !== null && w.gt(v)))
          const expected = method === 'competition' ? above.length + 1 : new Set(above.map((w) => w!.toString())).size + 1
          expect(ranks[i]).toBe(expected)
        })
      }),
      { numRuns: 300 },
    )
  })
})
