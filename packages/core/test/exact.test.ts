/**
 * Acceptance 5: exact arithmetic, and rounding only where the pack declares it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChisoError, compilePack, evaluate, Exact, sumExact } from '@chiso/core'
import { gcdBig } from '../src/util/exact.js'

const E = (v: number | string) => Exact.from(v)
const MAX = Number.MAX_SAFE_INTEGER

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a
  b = b < 0n ? -b : b
  while (b) [a, b] = [b, a % b]
  return a
}

describe('Exact', () => {
  it('property: isMultipleOf agrees with dividing, for small, negative and bigint values', () => {
    const part = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -MAX, max: MAX }))
    const value = fc.oneof(
      fc.tuple(part, fc.integer({ min: 1, max: 1000 })).map(([n, d]) => Exact.ratio(n, d)),
      fc.tuple(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), fc.bigInt({ min: 1n, max: 2n ** 70n })).map(([n, d]) => Exact.ratioBig(n, d)),
    )
    fc.assert(
      fc.property(value, value, (x, step) => {
        if (step.isZero()) return
        expect(x.isMultipleOf(step)).toBe(x.div(step).isInteger())
      }),
      { numRuns: 2000 },
    )
    expect(E('0.75').isMultipleOf(E('0.25'))).toBe(true)
    expect(E('0.3').isMultipleOf(E('0.25'))).toBe(false)
    expect(E(-3).isMultipleOf(E('1.5'))).toBe(true)
    expect(E(0).isMultipleOf(E('2/3'))).toBe(true)
    expect(E('2/3').isMultipleOf(E('1/3'))).toBe(true)
    expect(E('1/3').isMultipleOf(E('2/3'))).toBe(false)
  })

  it('0.1 + 0.2 is exactly 0.3', () => {
    const s = E(0.1).add(E(0.2))
    expect(s.toString()).toBe('0.3')
    expect(s.eq(E('0.3'))).toBe(true)
    expect(0.1 + 0.2).not.toBe(0.3) // the float drift the engine avoids
  })

  it('parses numbers by their shortest decimal form, decimal text and fractions', () => {
    expect(E(0.30000000000000004).toString()).toBe('0.30000000000000004')
    expect(E(1e21).toString()).toBe('1000000000000000000000')
    expect(E(1.5e-7).toString()).toBe('0.00000015')
    expect(E('-2.50').toString()).toBe('-2.5')
    expect(E('1e-3').toString()).toBe('0.001')
    expect(E('-6/4').toString()).toBe('-1.5')
  })

  it('fractions are reduced with a positive denominator', () => {
    expect(E('2/3').add(E('1/3')).toString()).toBe('1')
    expect(Exact.ratio(6, -4).toString()).toBe('-1.5') // −3/2 has a finite decimal form
    expect(Exact.ratio(2, 6).toString()).toBe('1/3')
    expect(E('1/3').mul(E(3)).eq(Exact.ONE)).toBe(true)
    expect(E('1/3').sub(E('1/2')).toString()).toBe('-1/6') // 2/6 − 3/6
    expect(E('3/4').div(E('-3/8')).toString()).toBe('-2')
    expect(E('1/3').cmp(E('0.3333333333'))).toBe(1)
  })

  it('toString writes non-terminating fractions as a fraction: 40/3, −1/7', () => {
    expect(E(40).div(E(3)).toString()).toBe('40/3')
    expect(Exact.ratio(-1, 7).toString()).toBe('-1/7')
    expect(Exact.ratio(1, 40).toString()).toBe('0.025') // 40 = 2³·5: terminates
    expect(JSON.stringify({ v: Exact.ratio(40, 3) })).toBe('{"v":"40/3"}')
  })

  it('falls back to bigint when a product or sum leaves the safe integers, and stays exact', () => {
    const big = E(MAX).mul(E(MAX))
    expect(big.toString()).toBe((BigInt(MAX) * BigInt(MAX)).toString())
    expect(big.div(E(MAX)).eq(E(MAX))).toBe(true)
    expect(E(MAX).add(E(MAX)).toString()).toBe((2n * BigInt(MAX)).toString())
    // 1/MAX + 1/(MAX−1) = (2·MAX − 1) / (MAX·(MAX − 1)), reduced
    const m = BigInt(MAX)
    const num = 2n * m - 1n
    const den = m * (m - 1n)
    const g = gcd(num, den)
    const s = Exact.ratio(1, MAX).add(Exact.ratio(1, MAX - 1))
    expect(s.toString()).toBe(`${num / g}/${den / g}`)
    // and back into the fast range when it reduces
    expect(s.sub(Exact.ratio(1, MAX - 1)).toString()).toBe(`1/${MAX}`)
    expect(big.gt(E(MAX))).toBe(true)
    expect(big.neg().lt(E(-MAX))).toBe(true)
    expect(Exact.from(10n ** 30n).isInteger()).toBe(true)
  })

  it('property: exact field laws hold where floats fail (random hundredths)', () => {
    const cents = fc.integer({ min: -10_000_000, max: 10_000_000 })
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 30 }), (cs) => {
        // Σ (c/100) equals (Σ c)/100 to the last digit, in any order
        const sum = sumExact(cs.map((c) => E(c / 100)))
        const expected = Exact.ratio(
          cs.reduce((a, b) => a + b, 0),
          100,
        )
        expect(sum.toString()).toBe(expected.toString())
        expect(sumExact([...cs].reverse().map((c) => E(c / 100))).eq(sum)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('property: a JS number means the decimal String(x) prints (fast path = text path)', () => {
    const small = fc.integer({ min: -999_999_999, max: 999_999_999 }).chain((n) => fc.integer({ min: 0, max: 9 }).map((k) => n / 10 ** k))
    fc.assert(
      fc.property(fc.oneof(small, fc.double({ noNaN: true, noDefaultInfinity: true })), (x) => {
        const viaText = Exact.from(String(x))
        expect(Exact.fromNumber(x).toString()).toBe(viaText.toString())
        // and the canonical text parses back to the same value
        expect(Exact.from(viaText.toString()).eq(viaText)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('property: arithmetic agrees with bigint fractions, across the bigint fallback', () => {
    const part = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }))
    const frac = fc.tuple(part, fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.bigInt({ min: 1n, max: 2n ** 70n })))
    const mk = ([n, d]: [number | bigint, number | bigint]) => Exact.ratioBig(BigInt(n), BigInt(d))
    const same = (x: Exact, n: bigint, d: bigint) => {
      const g = gcd(n, d) || 1n
      let [rn, rd] = [n / g, d / g]
      if (rd < 0n) [rn, rd] = [-rn, -rd]
      expect(x.eq(Exact.ratioBig(rn, rd))).toBe(true)
      expect(x.cmp(Exact.ratioBig(rn, rd))).toBe(0)
    }
    fc.assert(
      fc.property(frac, frac, (p, q) => {
        const [an, ad] = [BigInt(p[0]), BigInt(p[1])]
        const [bn, bd] = [BigInt(q[0]), BigInt(q[1])]
        const a = mk(p)
        const b = mk(q)
        same(a.add(b), an * bd + bn * ad, ad * bd)
        same(a.sub(b), an * bd - bn * ad, ad * bd)
        same(a.mul(b), an * bn, ad * bd)
        if (bn !== 0n) same(a.div(b), an * bd, ad * bn)
        const c = an * bd - bn * ad
        expect(a.cmp(b)).toBe(c < 0n ? -1 : c > 0n ? 1 : 0)
      }),
      { numRuns: 300 },
    )
  })

  it('property: sumExact equals adding one by one, for mixed, large and bigint fractions', () => {
    const part = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer(), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }))
    const den = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2 ** 31 }), fc.bigInt({ min: 1n, max: 2n ** 60n }))
    const frac = fc.tuple(part, den).map(([n, d]) => Exact.ratioBig(BigInt(n), BigInt(d)))
    fc.assert(
      fc.property(fc.array(frac, { maxLength: 12 }), (xs) => {
        let acc = Exact.ZERO
        for (const x of xs) acc = acc.add(x)
        expect(sumExact(xs).toString()).toBe(acc.toString())
      }),
      { numRuns: 500 },
    )
  })

  it('property: long fractions (thousands of bits, shared factors) add, multiply and print as the reduced reference does', () => {
    // factors shared between parts make the gcds that Knuth's addition and cross-reduced
    // multiplication take shortcuts around; the reference reduces the plain result by Euclid
    const shared = fc.constantFrom(1n, 10n ** 30n, 2n ** 200n * 3n, 7n ** 120n)
    const long = fc.bigInt({ min: 1n, max: 2n ** 1500n })
    const frac = fc.tuple(fc.bigInt({ min: -(2n ** 1500n), max: 2n ** 1500n }), long, shared, shared).map(([n, d, f, g]) => [n * f, d * g] as const)
    const text = (n: bigint, d: bigint): string => {
      const g = gcd(n, d) || 1n
      return Exact.ratioBig(n / g, d / g).toString()
    }
    fc.assert(
      fc.property(frac, frac, ([an, ad], [bn, bd]) => {
        const a = Exact.ratioBig(an, ad)
        const b = Exact.ratioBig(bn, bd)
        // ratioBig reduces once by the plain gcd: the reference
        expect(a.add(b).toString()).toBe(text(an * bd + bn * ad, ad * bd))
        expect(a.mul(b).toString()).toBe(text(an * bn, ad * bd))
        if (bn !== 0n) expect(a.div(b).toString()).toBe(text(an * bd * (bn < 0n ? -1n : 1n), ad * (bn < 0n ? -bn : bn)))
        const [pn, pd] = a.add(b).parts()
        expect(gcd(pn, pd) <= 1n).toBe(true)
        expect(pd > 0n).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it("property: Lehmer's gcd equals Euclid's, for numbers of up to 4,000 bits", () => {
    const n = fc.bigInt({ min: 0n, max: 2n ** 4000n })
    fc.assert(
      fc.property(n, n, fc.bigInt({ min: 1n, max: 2n ** 600n }), (a, b, g) => {
        expect(gcdBig(a * g, b * g)).toBe(gcd(a * g, b * g))
        expect(gcdBig(-a, b)).toBe(gcd(a, b))
      }),
      { numRuns: 300 },
    )
    // consecutive Fibonacci numbers: the most Euclid steps for their size
    let [f0, f1] = [1n, 1n]
    for (let i = 0; i < 3000; i++) [f0, f1] = [f1, f0 + f1]
    expect(gcdBig(f1, f0)).toBe(1n)
    expect(gcdBig(f1 * 12n, f0 * 18n)).toBe(6n)
  })

  it('a decimal with a long expansion prints exactly: 2^-k and 5^-k, thousands of places', () => {
    for (const k of [1, 52, 1000, 3000]) {
      const half = Exact.ratioBig(1n, 2n ** BigInt(k))
      const fifth = Exact.ratioBig(1n, 5n ** BigInt(k))
      // 2^-k = 5^k / 10^k, 5^-k = 2^k / 10^k
      expect(half.toString()).toBe(`0.${(5n ** BigInt(k)).toString().padStart(k, '0')}`)
      expect(fifth.toString()).toBe(`0.${(2n ** BigInt(k)).toString().padStart(k, '0')}`)
      expect(Exact.from(half.toString()).eq(half)).toBe(true)
    }
    // a factor other than 2 and 5 gives the fraction
    expect(Exact.ratioBig(1n, 3n * 10n ** 40n).toString()).toBe(`1/3${'0'.repeat(40)}`)
  })

  it('round half-up (ties away from zero) vs half-even (ties to even), incl. negatives', () => {
    const r = (v: string, d: number, m: 'half-up' | 'half-even' | 'down' | 'up') => E(v).round(d, m).toString()
    expect(r('2.345', 2, 'half-up')).toBe('2.35')
    expect(r('2.345', 2, 'half-even')).toBe('2.34')
    expect(r('2.355', 2, 'half-even')).toBe('2.36')
    expect(r('-2.345', 2, 'half-up')).toBe('-2.35')
    expect(r('-2.345', 2, 'half-even')).toBe('-2.34')
    expect(r('-2.355', 2, 'half-even')).toBe('-2.36')
    expect(r('0.5', 0, 'half-even')).toBe('0')
    expect(r('1.5', 0, 'half-even')).toBe('2')
    expect(r('2.5', 0, 'half-even')).toBe('2')
    expect(r('2.5', 0, 'half-up')).toBe('3')
    expect(r('-2.5', 0, 'half-up')).toBe('-3')
    expect(r('2.3449', 2, 'half-up')).toBe('2.34') // not a tie: no double rounding
    expect(r('-2.349', 2, 'down')).toBe('-2.34')
    expect(r('-2.341', 2, 'up')).toBe('-2.35')
    expect(r('2.341', 2, 'up')).toBe('2.35')
    expect(Exact.ratio(2, 3).round(2).toString()).toBe('0.67')
    expect(Exact.ratio(-2, 3).round(2, 'half-even').toString()).toBe('-0.67')
  })

  it('toFixed pads and rounds with the named mode', () => {
    expect(E('85.345').toFixed(2)).toBe('85.35')
    expect(E('85.345').toFixed(2, 'half-even')).toBe('85.34')
    expect(E(40).div(E(3)).toFixed(3)).toBe('13.333')
    expect(E(7).toFixed(2)).toBe('7.00')
    expect(E('2.5').toFixed(0)).toBe('3')
    expect(E('-1.005').toFixed(2)).toBe('-1.01')
    expect(E('-0.001').toFixed(2)).toBe('0.00')
    expect(E(0.15).toFixed(1)).toBe('0.2') // (0.15).toFixed(1) is "0.1" in floats
    expect(E('1.005').toFixed(2)).toBe('1.01') // (1.005).toFixed(2) gives "1.00" in floats
  })

  it('refuses NaN, Infinity, malformed text and division by zero', () => {
    const codeOf = (f: () => unknown): string | undefined => {
      try {
        f()
      } catch (e) {
        return e instanceof ChisoError ? e.issues.map((i) => i.code).join() : `not a ChisoError: ${String(e)}`
      }
      return undefined
    }
    expect(codeOf(() => E(Number.NaN))).toBe('not_finite_number')
    expect(codeOf(() => E(Number.POSITIVE_INFINITY))).toBe('not_finite_number')
    expect(codeOf(() => E('abc'))).toBe('invalid_decimal')
    expect(codeOf(() => E('1/0'))).toBe('division_by_zero')
    expect(codeOf(() => E('1e401'))).toBe('number_too_precise')
    expect(codeOf(() => E(1).div(Exact.ZERO))).toBe('division_by_zero')
    expect(codeOf(() => Exact.ZERO.inv())).toBe('division_by_zero')
    expect(codeOf(() => Exact.ratio(1, 0))).toBe('division_by_zero')
    expect(codeOf(() => Exact.ratioBig(1n, 0n))).toBe('division_by_zero')
    expect(codeOf(() => Exact.ratio(1.5, 2))).toBe('invalid_value')
    expect(Exact.tryFrom('12abc')).toBeUndefined()
    expect(Exact.tryFrom({})).toBeUndefined()
  })
})

describe('rounding happens only where the pack declares it', () => {
  const base = {
    id: 'r/one',
    version: '1.0.0',
    title: 'R',
    criteria: [
      { code: '1', title: 'A', maxPoints: 1, rule: { kind: 'ratio', numerator: 'n', of: 3 } },
      { code: '2', title: 'B', maxPoints: 2, rule: { kind: 'manual' } },
    ],
  }
  const a = { unitId: 'u', period: '2024', facts: { n: 2 }, selfScores: { '2': 0 } }

  it('without a rounding policy leaf and index stay exact fractions', () => {
    const r = evaluate(compilePack(base), a)
    // leaf 1: 2/3 × 1 = 2/3; total 2/3 of 3 → index 2/3 ÷ 3 × 100 = 200/9
    expect(r.node('1')!.points.toString()).toBe('2/3')
    expect(r.total.toString()).toBe('2/3')
    expect(r.index.toString()).toBe('200/9')
  })

  it('rounding.leaf rounds each leaf; sums stay exact sums of rounded leaves', () => {
    const r = evaluate(compilePack({ ...base, rounding: { leaf: { decimals: 2, mode: 'half-up' } } }), a)
    // leaf 1: 0.666… → 0.67; total 0.67; index 0.67 ÷ 3 × 100 = 67/3 (not rounded: only leaves are)
    expect(r.node('1')!.points.toString()).toBe('0.67')
    expect(r.total.toString()).toBe('0.67')
    expect(r.index.toString()).toBe('67/3')
  })

  it('rounding.index rounds the index (and component indexes), never the points', () => {
    const r = evaluate(compilePack({ ...base, rounding: { index: { decimals: 2, mode: 'half-even' } } }), a)
    // 200/9 = 22.222… → 22.22; component 1: 2/3 ÷ 1 × 100 = 66.666… → 66.67
    expect(r.total.toString()).toBe('2/3')
    expect(r.index.toString()).toBe('22.22')
    expect(r.node('1')!.index!.toString()).toBe('66.67')
  })
})
