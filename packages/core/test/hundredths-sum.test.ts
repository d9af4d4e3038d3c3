/**
 * The sum of a node's children in whole hundredths (sumHundredthsAt, the first try of
 * Exact.sumPartsAt): against exact rational sums on random parts — hundredths, other
 * fractions (which it must decline) and hundredths near 2^53 (whose products or partial
 * sums leave the safe integers: declined too) — with both outcomes exercised.
 */
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { Exact, sumHundredthsAt } from '../src/util/exact.js'

const MAX = Number.MAX_SAFE_INTEGER
/** a value as reduced parts: hundredths small or near the limits, a fraction off the hundredths, or one too long for parts */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -100_000, max: 100_000 }).map((c) => Exact.ratio(c, 100)) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((k) => Exact.ratio(Math.floor(MAX / 100) - k, [1, 2, 4, 5, 10, 20, 25, 50, 100][Math.abs(k) % 9]!)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 20 }).map((k) => Exact.ratio(-(MAX - k), 1)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 20 }).map((k) => Exact.ratio(MAX - k, 1)) },
  // hundredths just inside the limit, negative, and twentieths whose products round past 2^53
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 20 }).map((k) => Exact.ratio(-(MAX - k), 100)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 10 }).map((k) => Exact.ratio(1801439850948199 + 2 * k, 20)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 997 })).map(([n, d]) => Exact.ratio(n, d)) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map((n) => Exact.ratioBig(n, 3n)) },
)

describe('sums in whole hundredths', () => {
  test('property: sumHundredthsAt gives the reduced parts of the exact sum, or declines with nothing written', () => {
    let taken = 0
    let declined = 0
    let declinedOnHundredths = 0
    fc.assert(
      fc.property(fc.array(value, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), (values, picks) => {
        const num = new Float64Array(values.map((v) => v.smallNumerator))
        const den = new Float64Array(values.map((v) => v.smallDenominator))
        const at = values.length === 0 ? [] : picks.map((k) => k % values.length)
        const out = { n: -7, d: -7 }
        const expected = Exact.sumAt(values, at)
        if (sumHundredthsAt(num, den, at, out)) {
          taken++
          expect([out.n, out.d]).toEqual([expected.smallNumerator, expected.smallDenominator])
          // every part was a whole number of hundredths
          for (const i of at) expect(100 % den[i]!).toBe(0)
        } else {
          declined++
          expect(out).toEqual({ n: -7, d: -7 })
          if (at.every((i) => Number.isSafeInteger(num[i]!) && 100 % den[i]! === 0)) declinedOnHundredths++
        }
        // the sum it is the first try of gives the same parts either way
        const parts = { n: -7, d: -7 }
        if (Exact.sumPartsAt(num, den, at, parts)) expect([parts.n, parts.d]).toEqual([expected.smallNumerator, expected.smallDenominator])
      }),
      { numRuns: 3000 },
    )
    expect(taken).toBeGreaterThan(300)
    expect(declined).toBeGreaterThan(300)
    // hundredths whose products or sums pass 2^53 were declined, not rounded
    expect(declinedOnHundredths).toBeGreaterThan(30)
  })

  test('the reduction: zero, whole numbers, negative sums, a sum at the edge of the safe integers', () => {
    const sum = (xs: Exact[]) => {
      const out = { n: Number.NaN, d: Number.NaN }
      const ok = sumHundredthsAt(
        new Float64Array(xs.map((x) => x.smallNumerator)),
        new Float64Array(xs.map((x) => x.smallDenominator)),
        xs.map((_, i) => i),
        out,
      )
      return ok ? `${out.n}/${out.d}` : 'declined'
    }
    expect(sum([])).toBe('0/1')
    expect(sum([Exact.from('0.25'), Exact.from('-0.25')])).toBe('0/1')
    expect(sum([Exact.from('0.25'), Exact.from('0.75'), Exact.from(2)])).toBe('3/1')
    expect(sum([Exact.from('-0.3'), Exact.from('0.05')])).toBe('-1/4')
    expect(sum([Exact.from('2.35')])).toBe('47/20')
    // 2^53 − 1 hundredths is safe; one more is not
    expect(sum([Exact.ratio(MAX, 100)])).toBe(`${MAX}/100`)
    expect(sum([Exact.ratio(MAX, 100), Exact.from('0.01')])).toBe('declined')
    // a product rounded past 2^53 (5 × 1801439850948199 = 2^53 + 3 reads as 2^53 + 4) that a
    // negative partial sum would bring back within the safe integers, one off
    expect(sum([Exact.ratio(-MAX, 100), Exact.ratio(1801439850948199, 20)])).toBe('declined')
    // a whole number whose hundredths pass 2^53
    expect(sum([Exact.ratio(Math.ceil(MAX / 100), 1)])).toBe('declined')
    expect(sum([Exact.ratio(1, 3)])).toBe('declined')
    expect(sum([Exact.ratio(1, 200)])).toBe('declined')
  })
})

describe('sums over a common denominator that a part’s denominator is a multiple of', () => {
  test('property: Exact.sumPartsAt on fractions whose denominators divide one another gives the exact sum’s parts', () => {
    // denominators 3·2^k and their multiples: the running denominator often divides the next one
    const part = fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom(1, 3, 7, 21)).map(([n, k, m]) => Exact.ratio(n, 2 ** k * m))
    let summed = 0
    fc.assert(
      fc.property(fc.array(part, { maxLength: 10 }), (values) => {
        const num = new Float64Array(values.map((v) => v.smallNumerator))
        const den = new Float64Array(values.map((v) => v.smallDenominator))
        const at = values.map((_, i) => i)
        const out = { n: -7, d: -7 }
        let exact = Exact.ZERO
        for (const v of values) exact = exact.add(v)
        if (Exact.sumPartsAt(num, den, at, out)) {
          summed++
          expect([out.n, out.d]).toEqual([exact.smallNumerator, exact.smallDenominator])
        } else expect(out).toEqual({ n: -7, d: -7 })
      }),
      { numRuns: 2000 },
    )
    expect(summed).toBeGreaterThan(500)
    const out = { n: 0, d: 0 }
    expect(Exact.sumPartsAt(new Float64Array([1, 1, 5]), new Float64Array([3, 6, 42]), [0, 1, 2], out)).toBe(true)
    expect(`${out.n}/${out.d}`).toBe('13/21')
  })
})
