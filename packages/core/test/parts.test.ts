/**
 * The interpreter's scoring in parts (a reduced fraction of safe integers, no rational): a
 * survey's weighted share and a ratio of whole counts. Each shortcut against exact rational
 * arithmetic on random inputs, counts near 2^53 included (where it must decline and leave
 * the unit to rationals), and the interpreter with a trace (which never takes the shortcut)
 * against the interpreter without one.
 */
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { compilePack, evaluate, Exact, type PackInput } from '../src/index.js'
import { BUILT_IN_KINDS, scoreSurvey, surveyShareParts, surveyWeightsOf } from '../src/rules/kinds.js'
import { ratioParts, type RatioForm } from '../src/rules/forms/ratio.js'
import { gcdNum, lcmNum } from '../src/util/exact.js'
import type { CompiledRule, RuleCompileContext, RuleKindDefinition } from '../src/rules/types.js'

const kind = (name: string): RuleKindDefinition => BUILT_IN_KINDS.find((k) => k.kind === name)!
const ctx = (max: Exact): RuleCompileContext => ({ code: 'x', maxPoints: max, path: [], issues: [] })

/** the reduced, positive-denominator parts of n/d, as the shortcut must give them */
const isReduced = (n: number, d: number): boolean => Number.isSafeInteger(n) && Number.isSafeInteger(d) && d > 0 && (n === 0 ? d === 1 : gcdNum(n, d) === 1)

/** a count: small, or large enough that sums and products near 2^53 must fall back */
const count = fc.oneof(
  fc.integer({ min: 0, max: 500 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 0, max: 2 ** 20 }).map((k) => Number.MAX_SAFE_INTEGER - k),
  fc.integer({ min: 0, max: 2 ** 20 }).map((k) => Math.floor(Number.MAX_SAFE_INTEGER / 4) - k),
)
/** a maximum: a decimal as packs write them, a fraction, or one too long for safe integers */
const maxPoints = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map((h) => Exact.ratio(h, 100)),
  fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 997 })).map(([n, d]) => Exact.ratio(n, d)),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map((n) => Exact.ratioBig(n, 3n)),
)
/** a weight in [0, 1]: a decimal of up to 3 places, or text a fraction reads as */
const weight = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((m) => m / 1000),
  fc.integer({ min: 0, max: 100 }).map((m) => String(m / 100)),
)

/** Σ w·count ÷ Σ count × max, weighed answer by answer as rationals */
function shareExactly(weights: Record<string, number | string>, answers: Record<string, number>, max: Exact): Exact {
  let total = Exact.ZERO
  let weighted = Exact.ZERO
  for (const [a, c] of Object.entries(answers)) {
    total = total.add(Exact.from(c))
    if (weights[a] !== undefined) weighted = weighted.add(Exact.from(weights[a]!).mul(Exact.from(c)))
  }
  return total.isZero() ? Exact.ZERO : weighted.div(total).mul(max)
}

describe('survey shares in parts', () => {
  test('surveyShareParts gives the exact share × max, reduced, or declines', () => {
    let taken = 0
    let declined = 0
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D'), weight, { minKeys: 1 }), fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D', 'E'), count), maxPoints, (weights, answers, max) => {
        const rule: CompiledRule = kind('survey').compile({ kind: 'survey', weights }, ctx(max))
        const scoring = surveyWeightsOf(rule)
        const whole = scoring?.whole
        // decimal weights are always whole over a safe common denominator
        expect(whole).toBeDefined()
        const out = { n: Number.NaN, d: Number.NaN, none: false }
        const exact = shareExactly(weights, answers, max)
        // the rule's own fast path and its explained (all-rational) path agree
        expect(rule.fromSurvey!({ answers }, false).points.eq(exact)).toBe(true)
        expect(rule.fromSurvey!({ answers }, true).points.eq(exact)).toBe(true)
        // the one scoring the interpreter asks: in parts exactly when the shortcut takes the answers
        const parts = { n: Number.NaN, d: Number.NaN, none: false }
        const asked = scoreSurvey(scoring!, { answers }, false, parts)
        if (!surveyShareParts(answers, whole!, out)) {
          declined++
          // declined: an outcome weighed as rationals, the parts untouched
          expect(asked!.points.eq(exact)).toBe(true)
          expect(Number.isNaN(parts.n)).toBe(true)
          return
        }
        taken++
        expect(asked).toBeUndefined()
        expect([parts.n, parts.d]).toEqual([out.n, out.d])
        expect(isReduced(out.n, out.d)).toBe(true)
        expect(Exact.ratio(out.n, out.d).eq(exact)).toBe(true)
        expect(out.none).toBe(Object.values(answers).every((c) => c === 0))
      }),
      { numRuns: 2000 },
    )
    // both sides of the shortcut were exercised
    expect(taken).toBeGreaterThan(100)
    expect(declined).toBeGreaterThan(100)
  })

  test('small counts and a decimal maximum always take the shortcut', () => {
    const rule = kind('survey').compile({ kind: 'survey', weights: { A: 1, B: 0.6, C: 0.2, D: 0 } }, ctx(Exact.from(3)))
    const out = { n: 0, d: 1, none: false }
    const whole = surveyWeightsOf(rule)!.whole!
    expect(surveyShareParts({ A: 103, B: 43, C: 14, D: 7 }, whole, out)).toBe(true)
    // (103 + 0.6·43 + 0.2·14) / 167 × 3
    expect(Exact.ratio(out.n, out.d).toString()).toBe(Exact.from('131.6').div(Exact.from(167)).mul(Exact.from(3)).toString())
    // counts that are no safe whole numbers decline
    expect(surveyShareParts({ A: 1.5 }, whole, out)).toBe(false)
    expect(surveyShareParts({ A: -1 }, whole, out)).toBe(false)
    expect(surveyShareParts({ A: Number.MAX_SAFE_INTEGER, B: 2 }, whole, out)).toBe(false)
    // entered points, and a trace, are scored as outcomes (never in parts)
    const parts = { n: Number.NaN, d: Number.NaN, none: false }
    expect(scoreSurvey(surveyWeightsOf(rule)!, { points: '2.5' }, false, parts)!.points.toString()).toBe('2.5')
    expect(scoreSurvey(surveyWeightsOf(rule)!, { answers: { A: 1 } }, true, parts)!.points.toString()).toBe('3')
    expect(Number.isNaN(parts.n)).toBe(true)
  })

  test('a rule that is no built-in survey rule has no survey weights', () => {
    expect(surveyWeightsOf(undefined)).toBeUndefined()
    expect(surveyWeightsOf(kind('boolean').compile({ kind: 'boolean', fact: 'f' }, ctx(Exact.ONE)))).toBeUndefined()
    expect(surveyWeightsOf({ facts: [], fromSurvey: () => ({ points: Exact.ZERO, branch: '' }) })).toBeUndefined()
  })
})

describe('ratios of whole counts in parts', () => {
  const fact = fc.oneof(count, fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, 2.25, '7', null, true, undefined))
  // any two facts, or a part of a whole (the usual counts: dossiers on time of all dossiers)
  const counts = fc.oneof(
    fc.tuple(fact, fact),
    fc.tuple(count, fc.double({ min: 0, max: 1, noNaN: true })).map(([d, share]): [unknown, unknown] => [Math.floor(d * share), d]),
  )
  test('ratioParts gives the ratio form’s exact points, reduced, or declines', () => {
    let taken = 0
    let declined = 0
    fc.assert(
      fc.property(counts, maxPoints, fc.constantFrom<'full' | 'zero'>('full', 'zero'), ([rn, rd], max, zero) => {
        const form: RatioForm = { form: 'ratio', numerator: 'n', denominator: 'd', max, zeroDenominator: zero, code: 'x' }
        const facts: Record<string, unknown> = {}
        if (rn !== undefined) facts.n = rn
        if (rd !== undefined) facts.d = rd
        const out = { n: Number.NaN, d: Number.NaN }
        if (!ratioParts(form, facts, out)) {
          declined++
          return
        }
        taken++
        // whole counts 0 ≤ n ≤ d, d > 0: nothing inconsistent, n/d × max exactly
        expect(typeof rn === 'number' && typeof rd === 'number' && rn >= 0 && rn <= rd && rd > 0).toBe(true)
        const exact = Exact.from(rn as number)
          .mul(max)
          .div(Exact.from(rd as number))
        expect(isReduced(out.n, out.d)).toBe(true)
        expect(Exact.ratio(out.n, out.d).eq(exact)).toBe(true)
      }),
      { numRuns: 3000 },
    )
    expect(taken).toBeGreaterThan(100)
    expect(declined).toBeGreaterThan(100)
  })

  test('a ratio over a constant, or counts past the safe integers, decline', () => {
    const out = { n: 0, d: 1 }
    const max = Exact.from(2)
    expect(ratioParts({ form: 'ratio', numerator: 'n', of: Exact.from(12), max, zeroDenominator: 'full', code: 'x' }, { n: 3 }, out)).toBe(false)
    const overD: RatioForm = { form: 'ratio', numerator: 'n', denominator: 'd', max: Exact.from('1.5'), zeroDenominator: 'full', code: 'x' }
    expect(ratioParts(overD, { n: Number.MAX_SAFE_INTEGER - 1, d: Number.MAX_SAFE_INTEGER }, out)).toBe(false)
    expect(ratioParts(overD, { n: 88, d: 102 }, out)).toBe(true)
    expect(`${out.n}/${out.d}`).toBe('22/17')
  })
})

/**
 * a pack of survey and ratio leaves (with evidence and self scores), and adjustments of every
 * kind with caps of their own and of their node, a floor below zero and amounts off the
 * hundredths (an entered 0.125), so that settles on a common scale and on rationals both run
 */
const pack: PackInput = {
  id: 'parts-test',
  version: '1.0.0',
  title: { vi: 'Kiểm thử', en: 'Parts test' },
  scale: 16,
  evidencePolicy: { missing: 'zero' },
  adjustmentCaps: { deduction: 3 },
  adjustments: [
    { id: 'ded', type: 'deduction', title: { vi: 'Trừ', en: 'Deduction' }, amount: { kind: 'entered' }, cap: 2, target: '1' },
    { id: 'bon', type: 'bonus', title: { vi: 'Thưởng', en: 'Bonus' }, amount: { kind: 'entered' }, cap: 1, target: '1' },
    { id: 'late', type: 'deduction', title: { vi: 'Trễ', en: 'Late' }, amount: { kind: 'per', fact: 'late', points: 0.3 }, cap: 1.5, target: '2' },
    { id: 'fix', type: 'bonus', title: { vi: 'Cố định', en: 'Fixed' }, amount: { kind: 'fixed', points: 0.75, when: { fact: 'flag', operator: 'equal', value: true } } },
    { id: 'root', type: 'deduction', title: { vi: 'Gốc', en: 'Root' }, amount: { kind: 'entered' }, cap: 4 },
  ],
  criteria: [
    {
      code: '1',
      title: { vi: 'Một', en: 'One' },
      maxPoints: 10,
      floor: -1,
      adjustmentCaps: { bonus: 0.5, deduction: 1.25 },
      children: [
        { code: '1.1', title: { vi: 'a', en: 'a' }, maxPoints: 3, rule: { kind: 'ratio', numerator: 'on', denominator: 'all' }, evidence: { required: true } },
        { code: '1.2', title: { vi: 'b', en: 'b' }, maxPoints: 4, rule: { kind: 'ratio', numerator: 'x', denominator: 'y', whenZeroDenominator: 'zero' } },
        { code: '1.3', title: { vi: 'c', en: 'c' }, maxPoints: 3, rule: { kind: 'manual', step: 0.25 } },
      ],
    },
    {
      code: '2',
      title: { vi: 'Hai', en: 'Two' },
      maxPoints: 6,
      children: [
        { code: '2.1', title: { vi: 'd', en: 'd' }, maxPoints: 3, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: 0.6, C: 0.2, D: 0 } } },
        { code: '2.2', title: { vi: 'e', en: 'e' }, maxPoints: 3, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: '1/3' } } },
      ],
    },
  ],
} as unknown as PackInput

describe('the interpreter in parts', () => {
  const compiled = compilePack(pack)
  const codes = compiled.nodes.map((n) => n.code)
  test('without a trace (parts) it scores every node, flag and index as with one (rationals)', () => {
    const answers = (...names: string[]) => fc.dictionary(fc.constantFrom(...names), count)
    fc.assert(
      fc.property(
        fc.tuple(count, count, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 12 }), fc.boolean()),
        answers('A', 'B', 'C', 'D'),
        answers('A', 'B'),
        fc.boolean(),
        fc.boolean(),
        // entered amounts: hundredths, or thousandths (not on a scale of hundredths)
        fc.record({ ded: fc.integer({ min: 0, max: 2000 }), bon: fc.integer({ min: 0, max: 1000 }), root: fc.integer({ min: 0, max: 4000 }), per: fc.constantFrom(100, 1000) }, { requiredKeys: [] }),
        ([on, all, x, y, late, flag], a1, a2, ev, self, entered) => {
          const per = entered.per ?? 100
          const amounts: Record<string, number> = {}
          for (const id of ['ded', 'bon', 'root'] as const) if (entered[id] !== undefined) amounts[id] = (Math.floor(entered[id]! / (per === 100 ? 10 : 1)) * (per === 100 ? 10 : 1)) / 1000
          const a = {
            unitId: 'u',
            period: '2024',
            facts: { on, all, x, y, late, flag },
            selfScores: self ? { '1.1': 1.5, '1.2': 4 } : undefined,
            evidence: ev ? [{ id: 'doc', criteria: ['1.1'] }] : undefined,
            survey: { '2.1': { answers: a1 }, '2.2': { answers: a2 } },
            adjustments: amounts,
          }
          const plain = evaluate(compiled, a as never)
          const traced = evaluate(compiled, a as never, { trace: true })
          for (const code of codes) {
            const [p, t] = [plain.node(code)!, traced.node(code)!]
            expect([p.points.toString(), p.bonus.toString(), p.deduction.toString()]).toEqual([t.points.toString(), t.bonus.toString(), t.deduction.toString()])
          }
          expect(plain.index?.toString()).toBe(traced.index?.toString())
          expect(JSON.stringify(plain.flags)).toBe(JSON.stringify(traced.flags))
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('gcds of safe integers', () => {
  /** a safe integer ≥ 0: small, any, or near 2^52 and 2^53 (where remainders from the floor of a quotient give way to `%`) */
  const safe = fc.oneof(
    fc.integer({ min: 0, max: 0x7fffffff }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: 0, max: 2 ** 16 }).map((k) => 2 ** 52 - k),
    fc.integer({ min: 0, max: 2 ** 16 }).map((k) => Number.MAX_SAFE_INTEGER - k),
  )
  test('lcmNum(a, b) is the least common multiple, as bigints give it, or NaN past the safe integers', () => {
    const big = (a: bigint, b: bigint): bigint => (b === 0n ? a : big(b, a % b))
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 10_000 }),
          safe.filter((x) => x > 0),
        ),
        fc.oneof(
          fc.integer({ min: 1, max: 10_000 }),
          safe.filter((x) => x > 0),
        ),
        (a, b) => {
          const l = (BigInt(a) / big(BigInt(a), BigInt(b))) * BigInt(b)
          if (l <= BigInt(Number.MAX_SAFE_INTEGER)) expect(BigInt(lcmNum(a, b))).toBe(l)
          else expect(lcmNum(a, b)).toBeNaN()
        },
      ),
      { numRuns: 5000 },
    )
    for (const [a, b] of [
      [0, 3],
      [4, -2],
      [1.5, 2],
      [Number.NaN, 2],
    ] as const)
      expect(lcmNum(a, b)).toBeNaN()
  })

  test('gcdNum of a value that is not finite is NaN, at once (never a loop without end)', () => {
    for (const [a, b] of [
      [Number.NaN, 3],
      [6, Number.NaN],
      [Number.POSITIVE_INFINITY, 2],
      [4, Number.NEGATIVE_INFINITY],
    ] as const)
      expect(gcdNum(a, b)).toBeNaN()
  })

  test('gcdNum(a, b) is the gcd, as bigints give it', () => {
    const big = (a: bigint, b: bigint): bigint => (b === 0n ? a : big(b, a % b))
    fc.assert(
      fc.property(safe, safe, fc.integer({ min: 1, max: 1 << 20 }), (a, b, k) => {
        // a common factor, so that the gcd is not mostly 1
        const x = Math.floor(a / k) * k
        const y = Math.floor(b / k) * k
        expect(BigInt(gcdNum(x, y))).toBe(big(BigInt(x), BigInt(y)))
        expect(BigInt(gcdNum(-x, y))).toBe(big(BigInt(x), BigInt(y)))
      }),
      { numRuns: 20000 },
    )
    for (const [a, b] of [
      [2 ** 52 - 1, 3],
      [2 ** 52 - 2, 2 ** 26 + 1],
      [4503599627370495, 4503599627370494],
      [4503599627370494, 1501199875790165],
      [2 ** 52, 2 ** 52 - 1],
      [Number.MAX_SAFE_INTEGER, 2 ** 52 - 3],
    ] as const)
      expect(BigInt(gcdNum(a, b))).toBe(big(BigInt(a), BigInt(b)))
  })
})

describe('numbers read as decimals', () => {
  test('a hundredth in (0, 100] (the shared instance) is the decimal String(x) prints, and its neighbours are not', () => {
    const next = (x: number, up: boolean): number => {
      const b = new Float64Array([x])
      const i = new BigInt64Array(b.buffer)
      i[0]! += up ? 1n : -1n
      return b[0]!
    }
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 10_200 }), fc.constantFrom(-1, 0, 1), (h, step) => {
        let x = h / 100
        if (step !== 0 && x !== 0) x = next(x, step > 0)
        expect(Exact.fromNumber(x).toString()).toBe(Exact.from(String(x)).toString())
      }),
      { numRuns: 5000 },
    )
    // the same instance for one value however it is read
    expect(Exact.fromNumber(0.25)).toBe(Exact.from('0.25'))
  })
})

describe('applicable maxima', () => {
  // parts not applicable on a fact (1.3 or 2.2), and ratios of counts whose sum leaves the safe integers
  // (the result then keeps rationals, and its applicable maxima as a list of its own)
  const withConditions = {
    ...pack,
    adjustments: [],
    adjustmentCaps: undefined,
    criteria: [
      {
        ...pack.criteria![0]!,
        adjustmentCaps: undefined,
        children: pack.criteria![0]!.children!.map((c) => (c.code === '1.3' ? { ...c, applicability: { fact: 'has13', operator: 'equal', value: true } } : c)),
      },
      { ...pack.criteria![1]!, children: pack.criteria![1]!.children!.map((c) => (c.code === '2.2' ? { ...c, applicability: { fact: 'has13', operator: 'equal', value: false } } : c)) },
    ],
  } as unknown as PackInput
  const compiled = compilePack(withConditions)
  test('each result keeps its own, whichever form its values take and whatever is scored after it', () => {
    const unit = (has13: boolean, big: boolean) => ({
      unitId: `u-${has13}-${big}`,
      period: '2024',
      facts: { on: big ? 2 ** 52 + 1 : 1, all: big ? 2 ** 53 - 1 : 3, x: big ? 2 ** 52 - 3 : 1, y: big ? 2 ** 53 - 3 : 2, has13 },
      selfScores: { '1.3': 1 },
      evidence: [{ id: 'doc', criteria: ['1.1'] }],
      survey: { '2.1': { answers: { A: 1 } }, '2.2': { answers: { A: 1 } } },
    })
    const results = [unit(false, true), unit(false, false), unit(true, true), unit(true, false), unit(false, true)].map((u) => evaluate(compiled, u as never))
    // the long sums did leave the safe integers
    expect(results[0]!.node('1')!.points.parts()[1] > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
    for (const [k, r] of results.entries()) {
      const na = k === 0 || k === 1 || k === 4
      expect(r.node('1.3')!.notApplicable).toBe(na)
      expect(r.node('1')!.applicableMax.toString()).toBe(na ? '7' : '10')
      expect(r.node('1.3')!.applicableMax.toString()).toBe(na ? '0' : '3')
      expect(r.node('2.2')!.notApplicable).toBe(!na)
      expect(r.node('2')!.applicableMax.toString()).toBe(na ? '6' : '3')
      expect(r.applicableMax.toString()).toBe('13')
    }
  })
})
