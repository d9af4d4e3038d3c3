// The fast paths must decide exactly as the slow, obviously-correct ones: the hand-written
// assessment shape check never accepts what the zod schema rejects, threshold comparisons
// on doubles agree with exact decimal comparisons, and sums over a common denominator agree
// with one-by-one exact addition.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compilePack, evaluate, Exact, safeEvaluate } from '@chiso/core'
import { rankValues } from '@chiso/core/analysis'
import { AssessmentSchema } from '@chiso/core/schemas'
import { fastAssessmentShape, parseAssessmentInput } from '../src/engine/assessment-input.js'
import { parseWith } from '../src/model/validate.js'
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

  test('property: Exact.sumPartsAt gives the parts of Exact.sumAt, or declines (never a different value)', () => {
    const value = fc.oneof(
      fc.integer({ min: -100000, max: 100000 }).map((c) => Exact.ratio(c, 100)),
      fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 997 })).map(([n, d]) => Exact.ratio(n, d)),
      fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 30 })).map(([n, d]) => Exact.ratio(n, d)),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => Exact.ratioBig(n, 7n)),
      fc.constant(Exact.ratio(Number.MAX_SAFE_INTEGER, 3)),
    )
    let summed = 0
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (values, picks) => {
        const num = new Float64Array(values.map((v) => v.smallNumerator))
        const den = new Float64Array(values.map((v) => v.smallDenominator))
        const at = values.length === 0 ? [] : picks.map((k) => k % values.length)
        const out = { n: -1, d: -1 }
        if (Exact.sumPartsAt(num, den, at, out)) {
          summed++
          const expected = Exact.sumAt(values, at)
          expect([out.n, out.d]).toEqual([expected.smallNumerator, expected.smallDenominator])
        } else {
          // declined (a part or a partial sum beyond the safe integers): nothing written
          expect(out).toEqual({ n: -1, d: -1 })
        }
      }),
      { numRuns: 500 },
    )
    // most draws stay in the safe integers: the property is not vacuous
    expect(summed).toBeGreaterThan(50)
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

// Assessments shaped as units send them (unit record with validity dates, documents with
// issue dates and hashes, appraisal rounds, survey counts, entered adjustments), valid and
// then broken at one random place: the hand-written shape check must take every valid one
// and hand on exactly what the schema would, and never take what the schema refuses.
describe('assessment fast path on real-shaped assessments', () => {
  const pad = (n: number, w: number): string => String(n).padStart(w, '0')
  // dates near the calendar's edges: 29 February of leap and common years, day 31 of short months
  const dateArb = fc
    .tuple(fc.constantFrom(1900, 2000, 2023, 2024, 2100, 2400), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
  const validDateArb = fc.tuple(fc.integer({ min: 2015, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`)
  const code = fc.constantFrom('1.1', '1.2', '2.1.1', '2.1.2', '3', '4.5.6')
  const decimal = fc.oneof(
    fc.integer({ min: 0, max: 400 }).map((c) => c / 4),
    fc.integer({ min: 0, max: 999 }).map((c) => (c / 100).toFixed(2)),
  )
  const realShapedArb = fc.record(
    {
      unitId: fc.constantFrom('xa-00001', 'phuong-ben-thanh', 'u1'),
      period: fc.constantFrom('2024', '2024-Q1'),
      group: fc.constantFrom('tinh-1', 'tinh-34'),
      unit: fc.record(
        {
          id: fc.constant('xa-00001'),
          name: fc.constant('Phường Bằng Lăng'),
          kind: fc.constantFrom('ward', 'commune'),
          parentId: fc.constant('tp-hong-lam'),
          validFrom: validDateArb,
          validTo: validDateArb,
          predecessors: fc.array(fc.constantFrom('xa-a', 'xa-b'), { maxLength: 2 }),
          group: fc.constant('tinh-1'),
          attributes: fc.record({ region: fc.constant('đô thị'), population: fc.integer({ min: 0, max: 100_000 }) }),
        },
        { requiredKeys: ['id', 'name', 'kind'] },
      ),
      facts: fc.dictionary(
        fc.constantFrom('planIssued', 'dossiersTotal', 'trainedPercent', 'isoInScope'),
        fc.oneof(fc.integer(), fc.boolean(), fc.constant('on-time'), fc.double({ noNaN: true, noDefaultInfinity: true })),
      ),
      selfScores: fc.dictionary(code, decimal),
      evidence: fc.array(
        fc.record(
          {
            id: fc.constantFrom('doc-1', 'doc-2'),
            number: fc.constant('69/KH-UBND'),
            issuer: fc.constant('UBND phường'),
            issuedOn: validDateArb,
            title: fc.constant('Kế hoạch cải cách hành chính'),
            url: fc.constant('https://example.vn/doc'),
            sha256: fc.constant('a'.repeat(64)),
            criteria: fc.array(code, { minLength: 1, maxLength: 3 }),
          },
          { requiredKeys: ['id', 'criteria'] },
        ),
        { maxLength: 4 },
      ),
      explanations: fc.dictionary(code, fc.constant('đang bổ sung')),
      appraisals: fc.array(
        fc.record({
          round: fc.integer({ min: 1, max: 3 }),
          reviewer: fc.constant('Sở Nội vụ'),
          at: validDateArb,
          changes: fc.array(fc.record({ code, points: decimal, reason: fc.constant('thiếu tài liệu') }), { maxLength: 3 }),
        }),
        { maxLength: 2 },
      ),
      survey: fc.dictionary(code, fc.oneof(fc.record({ answers: fc.dictionary(fc.constantFrom('A', 'B', 'C'), fc.nat(500)) }), fc.record({ points: decimal }))),
      adjustments: fc.dictionary(fc.constantFrom('late', 'bonus'), decimal),
    },
    { requiredKeys: ['unitId', 'period'] },
  )
  // one break: a value replaced (by a near-valid one: a bad date, a bad hash, a fraction of a
  // count …), a key removed or a key added, at any depth
  const oddValue = fc.oneof(
    fc.constantFrom<unknown>(undefined, null, '', 0, -1, 1.5, true, [], {}, ['1'], 'b'.repeat(64), 'A'.repeat(64), '1,5', 'on-time', 10n),
    dateArb,
    fc.string({ maxLength: 12 }),
  )
  const breakArb = fc.record({ at: fc.nat(), value: oddValue, how: fc.constantFrom('set', 'delete', 'add') })
  function containers(v: unknown, out: Record<string | number, unknown>[] = []): Record<string | number, unknown>[] {
    if (v !== null && typeof v === 'object') {
      out.push(v as Record<string | number, unknown>)
      for (const x of Object.values(v)) containers(x, out)
    }
    return out
  }
  function broken(a: unknown, b: { at: number; value: unknown; how: string }): unknown {
    const all = containers(a)
    const target = all[b.at % all.length]!
    const keys = Object.keys(target)
    if (b.how === 'add' || keys.length === 0) target[Array.isArray(target) ? target.length : 'extra'] = b.value
    else if (b.how === 'delete') delete target[keys[b.at % keys.length]!]
    else target[keys[b.at % keys.length]!] = b.value
    return a
  }

  test('property: the fast path takes every valid real-shaped assessment, and hands on what the schema does', () => {
    fc.assert(
      fc.property(realShapedArb, fc.boolean(), (a, copy) => {
        const full = AssessmentSchema.safeParse(a)
        expect(full.success).toBe(true)
        const fast = fastAssessmentShape(a, copy)
        expect(fast).toBeDefined()
        // the input itself is handed on: it must be what the schema makes of it
        expect(a).toEqual(full.data)
        // and the copy equal to it, sharing no object with it
        if (copy) {
          expect(fast!.copy).toEqual(a)
          expect(containers(fast!.copy).some((o) => containers(a).includes(o))).toBe(false)
        } else expect(fast!.copy).toBeUndefined()
      }),
      { numRuns: 300 },
    )
  })

  test('property: broken real-shaped assessments: the fast path never takes what the schema refuses, and the issues are the schema’s', () => {
    fc.assert(
      fc.property(realShapedArb, breakArb, fc.boolean(), (a, b, copy) => {
        const input = broken(structuredClone(a), b)
        const full = parseWith(AssessmentSchema, input)
        const fast = fastAssessmentShape(input, copy)
        if (fast !== undefined) {
          expect(full.issues).toEqual([])
          expect(input).toEqual(full.data)
          if (copy) expect(fast.copy).toEqual(input)
        }
        if (full.issues.length > 0) expect(fast).toBeUndefined()
        // what the batch and evaluate report: the schema's own issues
        if (full.issues.length > 0) expect(parseAssessmentInput(input, [], copy).issues).toEqual(full.issues)
      }),
      { numRuns: 500 },
    )
  })
})
