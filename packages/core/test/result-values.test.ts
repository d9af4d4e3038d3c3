/**
 * The interpreter's results keep node values packed (numerator/denominator doubles, only
 * the adjusted nodes' bonus and deduction, applicable maxima only when some part is not
 * applicable) and make the rationals when read: what is read back must be exactly what the
 * interpreter computed, every time, including a unit with a value too long for doubles
 * (kept as rationals).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePack, evaluate, evaluateBatch, Exact, type AssessmentInput, type CompiledPack } from '@chiso/core'
import { interpreterValues, UnitResult } from '../src/engine/result.js'
import type { Assessment } from '../src/model/schemas.js'
import { packSpecArb } from './arbitraries.js'

const UNIT: Assessment = { unitId: 'u', period: '2024' } as Assessment

/** small and long rationals, negative ones and zero among them */
const exactArb: fc.Arbitrary<Exact> = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }).map((c) => Exact.ratio(c, 100)),
  fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1e6 })).map(([n, d]) => Exact.ratio(n, d)),
  fc.constant(Exact.ZERO),
  // safe integers whose hundredths are not: kept as a numerator/denominator pair
  fc.tuple(fc.integer({ min: 2 ** 50, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(1, 2, 4, 5, 25)).map(([n, d]) => Exact.ratio(n, d)),
  // now and then beyond safe integers: the result keeps rationals then
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 25n })).map(([n, d]) => Exact.ratioBig(n, d)),
)

interface Case {
  readonly pack: CompiledPack
  readonly points: Exact[]
  readonly appMax: Exact[] | undefined
  readonly na: Uint8Array
  readonly adjusted: number[]
  readonly adjustments: Exact[]
}

const caseArb: fc.Arbitrary<Case> = packSpecArb.chain((spec) => {
  const pack = compilePack(spec.pack)
  const count = pack.nodes.length
  const adjustable = pack.nodes.filter((n) => n.adjustments.length > 0).map((n) => n.index)
  return fc
    .record({
      points: fc.array(fc.oneof({ weight: 6, arbitrary: exactArb.filter((x) => x.toString().length < 14) }, { weight: 1, arbitrary: exactArb }), { minLength: count, maxLength: count }),
      appMax: fc.option(fc.array(exactArb, { minLength: count, maxLength: count }), { nil: undefined }),
      na: fc.array(fc.boolean(), { minLength: count, maxLength: count }),
      adjusted: fc.subarray(adjustable),
      values: fc.array(exactArb, { minLength: 2 * adjustable.length, maxLength: 2 * adjustable.length }),
    })
    .map(({ points, appMax, na, adjusted, values }) => ({
      pack,
      points,
      appMax,
      na: Uint8Array.from(na, (b) => (b ? 1 : 0)),
      adjusted,
      adjustments: values.slice(0, 2 * adjusted.length),
    }))
})

/**
 * the interpreter's node points as it hands them over: parts, with the rational kept for
 * some nodes (`keep`) and always for a value too long for safe integers
 */
function asParts(points: readonly Exact[], keep: (i: number) => boolean) {
  const num = new Float64Array(points.length)
  const den = new Float64Array(points.length)
  const exact: (Exact | undefined)[] = []
  points.forEach((p, i) => {
    num[i] = p.smallNumerator
    den[i] = p.smallDenominator
    exact.push(keep(i) || Number.isNaN(p.smallNumerator) ? p : undefined)
  })
  return [num, den, exact] as const
}

/** every value a result gives for its nodes, by each accessor, as exact text */
function readBack(r: UnitResult) {
  return r.pack.nodes.map((n) => {
    const v = r.node(n.code)!
    return {
      points: [r.pointsAt(n.index).toString(), v.points.toString()],
      applicableMax: [r.applicableMaxAt(n.index).toString(), v.applicableMax.toString()],
      bonus: v.bonus.toString(),
      deduction: v.deduction.toString(),
      notApplicable: v.notApplicable,
    }
  })
}

describe('interpreter results keep node values compactly', () => {
  it('property: the values read back are the ones the interpreter gave, on every read', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = new UnitResult(
          c.pack,
          UNIT,
          interpreterValues(c.pack, ...asParts(c.points, (i) => i % 2 === 0), c.appMax, c.na, c.adjusted.length > 0 ? c.adjusted : undefined, c.adjustments),
          [],
          undefined,
          true,
        )
        const expected = c.pack.nodes.map((n) => {
          const i = n.index
          const k = c.adjusted.indexOf(i)
          const max = (c.appMax ? c.appMax[i]! : n.maxPoints).toString()
          return {
            points: [c.points[i]!.toString(), c.points[i]!.toString()],
            applicableMax: [max, max],
            bonus: k < 0 ? '0' : c.adjustments[2 * k]!.toString(),
            deduction: k < 0 ? '0' : c.adjustments[2 * k + 1]!.toString(),
            notApplicable: c.na[i] === 1,
          }
        })
        expect(readBack(r)).toEqual(expected)
        // a second read gives equal values
        expect(readBack(r)).toEqual(expected)
        for (const n of c.pack.nodes) expect(r.pointsAt(n.index).eq(c.points[n.index]!)).toBe(true)
        expect(r.total.eq(c.points[0]!)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  const pack = compilePack({
    id: 'res/values',
    version: '1.0.0',
    title: 'Values',
    criteria: [
      {
        code: '1',
        title: 'A',
        maxPoints: 20,
        children: [
          { code: '1.1', title: 'Tỷ lệ', maxPoints: 10, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
          { code: '1.2', title: 'Tự chấm', maxPoints: 10 },
        ],
      },
    ],
    adjustments: [{ id: 'b', type: 'bonus', title: 'Thưởng', target: '1', amount: { kind: 'entered' }, cap: 5 }],
  })
  const unit = (facts: Record<string, unknown>, selfScores: Record<string, number | string> = {}, adjustments?: Record<string, number | string>, unitId = 'u'): AssessmentInput => ({
    unitId,
    period: '2024',
    facts,
    selfScores,
    ...(adjustments ? { adjustments } : {}),
  })

  it('a unit with a value beyond safe integers reads back the exact rationals', () => {
    // 10 × n/d with n, d near 2^53: the product's numerator is no safe integer
    const n = 9007199254740881
    const d = 9007199254740991
    const expected = Exact.ratioBig(BigInt(n) * 10n, BigInt(d))
    expect(expected.toNumber()).toBeLessThan(10)
    expect(Number.isSafeInteger(Number(expected.parts()[0]))).toBe(false)
    const r = evaluate(pack, unit({ n, d }, { '1.2': 3.25 }, { b: 1.5 }))
    expect(r.node('1.1')!.points.eq(expected)).toBe(true)
    expect(r.pointsAt(pack.node('1.1')!.index).eq(expected)).toBe(true)
    expect(r.node('1')!.points.eq(expected.add(Exact.from('3.25')).add(Exact.from('1.5')))).toBe(true)
    expect(r.node('1')!.bonus.toString()).toBe('1.5')
    expect(r.node('1.2')!.bonus.isZero()).toBe(true)
    expect(r.applicableMax.toString()).toBe('20')
  })

  it('small values and adjustments read back as computed, alone and in a batch', () => {
    const r = evaluate(pack, unit({ n: 17, d: 19 }, { '1.2': 3.25 }, { b: 1.5 }))
    expect(r.node('1.1')!.points.toString()).toBe('170/19')
    expect(r.node('1')!.points.eq(Exact.ratio(170, 19).add(Exact.from('4.75')))).toBe(true)
    expect(r.node('1')!.bonus.toString()).toBe('1.5')
    expect(r.node('1')!.deduction.toString()).toBe('0')
    const batch = evaluateBatch(pack, [unit({ n: 17, d: 19 }, { '1.2': 3.25 }, { b: 1.5 }), unit({ n: 1, d: 2 }, { '1.2': 1 }, undefined, 'v')], { kernel: 'interpreter' })
    expect(JSON.stringify(batch.units[0]!.result.toJSON())).toBe(JSON.stringify(r.toJSON()))
    expect(batch.units[1]!.result.node('1')!.points.toString()).toBe('6')
    expect(batch.units[1]!.result.node('1')!.bonus.toString()).toBe('0')
  })
})

describe('inner sums beyond the safe integers', () => {
  it('property: a node whose children sum past 2^53 (parts declined) gets the exact sum, as a root over rationals', () => {
    // three ratio leaves over large primes: their common denominator leaves the safe integers
    const primes = [999_983, 1_000_003, 999_979, 1_000_033]
    const pack = compilePack({
      id: 't/long-sums',
      version: '1.0.0',
      title: 't',
      criteria: [
        {
          code: '1',
          title: 'a',
          maxPoints: 30,
          children: [0, 1, 2].map((k) => ({ code: `1.${k + 1}`, title: 'x', maxPoints: 10, rule: { kind: 'ratio', numerator: `n${k}`, denominator: `d${k}` } })),
        },
        { code: '2', title: 'b', maxPoints: 10, rule: { kind: 'ratio', numerator: 'n3', denominator: 'd3' } },
      ],
    })
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), fc.shuffledSubarray(primes, { minLength: 4, maxLength: 4 }), (ns, ds) => {
        const facts: Record<string, number> = {}
        ds.forEach((d, k) => {
          facts[`d${k}`] = d
          facts[`n${k}`] = ns[k]! % (d + 1)
        })
        const r = evaluate(pack, { unitId: 'u', period: 'p', facts })
        const leaf = (k: number) => Exact.ratio(facts[`n${k}`]!, facts[`d${k}`]!).mul(Exact.from(10))
        const area = leaf(0).add(leaf(1)).add(leaf(2))
        expect(r.node('1')!.points.toString()).toBe(area.toString())
        expect(r.total.toString()).toBe(area.add(leaf(3)).toString())
      }),
      { numRuns: 100 },
    )
  })
})
