/**
 * Exact rational arithmetic.
 *
 * Scores are decimals such as 0.25 or 14.5 and ratios such as 17/19 × 20; binary floats
 * would drift (0.1 + 0.2 ≠ 0.3), so every number the engine computes is a reduced
 * fraction. The numerator and denominator are plain JS numbers while they are safe
 * integers (the fast path, which covers all real packs) and switch to bigint only when a
 * product would overflow.
 */
import { ChisoError, issue, type ChisoIssue } from './errors.js'

/** The error a value that is not a number (or a division by zero) throws. */
const numberError = (i: ChisoIssue): ChisoError => new ChisoError([i], 'number')

const MAX_SAFE = Number.MAX_SAFE_INTEGER
const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i)

/** Rounding modes a pack may name. `half-up` rounds ties away from zero. */
export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up'

/** int32 range: a remainder there is one machine instruction, not a floating-point library call */
const INT32 = 0x7fffffff
/** below this a floor of a quotient gives a remainder exactly (see gcdNum) */
const TWO_52 = 2 ** 52

/** gcd of safe integers (NaN for a value that is not finite: never a loop without end). @internal */
export function gcdNum(a: number, b: number): number {
  if (a - a !== 0 || b - b !== 0) return Number.NaN
  a = a < 0 ? -a : a
  b = b < 0 ? -b : b
  while (b !== 0) {
    // once both fit int32 (usually after a step or two) a loop of its own, so that its
    // remainders stay integer ones (the engine types each `%` by the values it has seen there)
    if (a <= INT32 && b <= INT32) return gcdSmall(a | 0, b | 0)
    // a mod b below 2^52 through the floor of the quotient, corrected exactly (its rounding
    // moves the floor by at most one, and q·b ≤ a + b < 2^53 stays exact): floating-point
    // `%` is a call of fmod, many times slower
    let t: number
    if (a < TWO_52 && b < TWO_52) {
      t = a - Math.floor(a / b) * b
      if (t < 0) t += b
      else if (t >= b) t -= b
    } else t = a % b
    a = b
    b = t
  }
  return a
}

/** The least common multiple of a and b, or NaN when either is no positive safe integer or the multiple is none. @internal */
export function lcmNum(a: number, b: number): number {
  // (gcdNum is for safe integers)
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a <= 0 || b <= 0) return Number.NaN
  if (a % b === 0) return a
  const m = (a / gcdNum(a, b)) * b
  return Number.isSafeInteger(m) ? m : Number.NaN
}

/** Writes n/d (safe integers, d > 0) to `out` in lowest terms, 0 as 0/1. @internal */
export function reducedInto(n: number, d: number, out: { n: number; d: number }): void {
  if (n === 0) {
    out.n = 0
    out.d = 1
    return
  }
  const g = gcdNum(n, d)
  out.n = n / g
  out.d = d / g
}

function gcdSmall(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b
    a = b
    b = t
  }
  return a
}

/** the running sum of {@link Exact.sumAt} and {@link Exact.sumPartsAt} (one for all: sums are synchronous) */
const RUNNING = { n: 0, d: 1 }

/**
 * Adds n/d (safe integers, d > 0) to the running sum `acc.n/acc.d`, kept over a common
 * denominator and reduced only at the end; false, with `acc` unchanged, when a part would
 * leave the safe integers (the caller then sums rationals).
 */
function addToRunning(acc: { n: number; d: number }, n: number, d: number): boolean {
  let sn = acc.n
  let sd = acc.d
  if (d !== sd && divides(d, sd)) {
    // d divides the running denominator: scale this value up, nothing else changes
    n = n * (sd / d)
    if (!Number.isSafeInteger(n)) return false
  } else if (d !== sd && divides(sd, d)) {
    // the running denominator divides d (the lcm is d, as the gcd's way finds): scale the sum up
    sn = sn * (d / sd)
    if (!Number.isSafeInteger(sn)) return false
    sd = d
  } else if (d !== sd) {
    const g = gcdNum(sd, d)
    const scaleOld = d / g
    const newDen = sd * scaleOld
    const scaled = sn * scaleOld
    n = n * (sd / g)
    if (!Number.isSafeInteger(newDen) || !Number.isSafeInteger(scaled) || !Number.isSafeInteger(n)) return false
    sn = scaled
    sd = newDen
  }
  const s = sn + n
  if (!Number.isSafeInteger(s)) return false
  acc.n = s
  acc.d = sd
  return true
}

/** 100 / d for each d in [0, 100] that divides 100, else 0 */
const PER_HUNDRED = new Uint8Array(101)
/** gcd(r, 100) for each r in [0, 100) */
const GCD_HUNDRED = new Uint8Array(100)
for (let d = 1; d <= 100; d++) if (100 % d === 0) PER_HUNDRED[d] = 100 / d
for (let r = 0; r < 100; r++) GCD_HUNDRED[r] = r === 0 ? 100 : 100 % r === 0 ? r : gcdSmall(100, r)

/**
 * {@link Exact.sumPartsAt} when every part is a whole number of hundredths (its denominator
 * divides 100: most points are): summed as whole hundredths and reduced by a table, with no
 * gcd. False (out untouched) for any other part, or when a product or partial sum leaves the
 * safe integers: the caller then sums over a common denominator. @internal
 */
export function sumHundredthsAt(num: Float64Array, den: Float64Array, at: readonly number[], out: { n: number; d: number }): boolean {
  let h = 0
  for (let k = 0; k < at.length; k++) {
    const i = at[k]!
    const d = den[i]!
    // (a NaN or fractional denominator reads as undefined, a denominator above 100 or one not dividing 100 as 0)
    const scale = d >= 1 && d <= 100 ? PER_HUNDRED[d] : 0
    if (!(scale! > 0)) return false
    const v = num[i]! * scale!
    h += v
    // a product or sum past 2^53 is rounded to at least 2^53 in size, and so caught here
    if (!Number.isSafeInteger(v) || !Number.isSafeInteger(h)) return false
  }
  // gcd(h, 100) = gcd(|h| mod 100, 100); an int32 remainder by a constant is no division
  const r = h <= INT32 && h >= -INT32 ? Math.abs((h | 0) % 100) : Math.abs(h % 100)
  const g = GCD_HUNDRED[r]!
  out.n = h === 0 ? 0 : h / g
  out.d = 100 / g
  return true
}

/** whether d (> 0) divides n (≥ 0), both safe integers */
function divides(d: number, n: number): boolean {
  return n <= INT32 && d <= INT32 ? (n | 0) % (d | 0) === 0 : n % d === 0
}

const MAX_SAFE_BIG = BigInt(MAX_SAFE)

/**
 * gcd of long integers by Lehmer's method (Knuth, TAOCP 4.5.2, Algorithm L): the leading
 * 48 bits of both numbers decide several Euclid steps at once in double arithmetic (exact
 * below 2^53), then one combination of the long numbers applies them all — about twenty
 * times fewer long divisions than Euclid's one per quotient. @internal
 */
export function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a
  if (b < 0n) b = -b
  if (a < b) {
    const t = a
    a = b
    b = t
  }
  while (b > MAX_SAFE_BIG) {
    const shift = BigInt(bitLength(a) - 48)
    let x = Number(a >> shift)
    let y = Number(b >> shift)
    let A = 1
    let B = 0
    let C = 0
    let D = 1
    // the quotients of (x + A)/(y + C) and (x + B)/(y + D) bracket the true one: stop when they differ
    while (y + C !== 0 && y + D !== 0) {
      const q = Math.floor((x + A) / (y + C))
      if (q !== Math.floor((x + B) / (y + D))) break
      let t = A - q * C
      A = C
      C = t
      t = B - q * D
      B = D
      D = t
      t = x - q * y
      x = y
      y = t
    }
    if (B === 0) {
      // the leading bits decided nothing: one plain Euclid step
      const t = a % b
      a = b
      b = t
    } else {
      const t = BigInt(A) * a + BigInt(B) * b
      b = BigInt(C) * a + BigInt(D) * b
      a = t
    }
  }
  // the smaller one is a safe integer now: one remainder brings both there
  return b === 0n ? a : BigInt(gcdNum(Number(a % b), Number(b)))
}

/** Number of bits of a positive bigint. */
function bitLength(x: bigint): number {
  const hex = x.toString(16)
  return (hex.length - 1) * 4 + Math.floor(Math.log2(Number.parseInt(hex[0]!, 16))) + 1
}

/** The exponents a, b with x = 2^a · 5^b · rest (rest coprime to 10), and rest. */
function twosAndFives(x: bigint): { twos: number; fives: number; rest: bigint } {
  // trailing zero bits in one step (x & -x is the lowest set bit)
  const twos = bitLength(x & -x) - 1
  let rest = x >> BigInt(twos)
  let fives = 0
  if (rest % 5n === 0n) {
    // divide by 5^(2^j) from the largest that could divide down: O(log) divisions, not one per five
    const powers: bigint[] = [5n]
    while (powers[powers.length - 1]! * powers[powers.length - 1]! <= rest) powers.push(powers[powers.length - 1]! * powers[powers.length - 1]!)
    for (let j = powers.length - 1; j >= 0; j--) {
      if (rest % powers[j]! === 0n) {
        rest /= powers[j]!
        fives += 2 ** j
      }
    }
  }
  return { twos, fives, rest }
}

/**
 * An exact rational number. Immutable; always reduced with a positive denominator, so two
 * equal values have equal parts and the same string form.
 *
 * @example
 * ```ts
 * import { Exact } from '@chiso/core'
 * Exact.from('0.1').add(Exact.from(0.2)).toString() // '0.3'
 * ```
 */
export class Exact {
  /** numerator when small (else NaN) */
  private readonly n: number
  /** denominator when small (else NaN) */
  private readonly d: number
  private readonly bn: bigint | undefined
  private readonly bd: bigint | undefined

  private constructor(n: number, d: number, bn?: bigint, bd?: bigint) {
    this.n = n
    this.d = d
    this.bn = bn
    this.bd = bd
  }

  /** the numerator while it is a safe integer, else NaN: read without a bigint copy. @internal */
  get smallNumerator(): number {
    return this.n
  }

  /** the denominator while it is a safe integer, else NaN. @internal */
  get smallDenominator(): number {
    return this.d
  }

  /** shared instances of small whole numbers, so common values cost no allocation */
  private static readonly SMALL: readonly Exact[] = Array.from({ length: 1025 }, (_, i) => new Exact(i, 1))
  static readonly ZERO = Exact.SMALL[0]!
  static readonly ONE = Exact.SMALL[1]!
  static readonly HUNDRED = Exact.SMALL[100]!

  private static int(n: number): Exact {
    return n >= 0 && n <= 1024 ? Exact.SMALL[n]! : new Exact(n, 1)
  }

  /**
   * shared instances of the hundredths in (0, 100] (0.25, 1.5, 14.75 …), made on first use:
   * the points of most criteria, so a result's node values mostly cost no object of their own
   */
  private static readonly HUNDREDTHS: (Exact | undefined)[] = new Array<Exact | undefined>(10_001).fill(undefined)

  /** n/d already reduced, d > 1: the shared instance when it is such a hundredth */
  private static fraction(n: number, d: number): Exact {
    if (n > 0 && d <= 100 && 100 % d === 0) {
      const h = n * (100 / d)
      if (h <= 10_000) {
        let x = Exact.HUNDREDTHS[h]
        if (x === undefined) Exact.HUNDREDTHS[h] = x = new Exact(n, d)
        return x
      }
    }
    return new Exact(n, d)
  }

  /** Builds n/d from safe integers, reducing it. */
  static ratio(n: number, d: number): Exact {
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) {
      throw numberError(issue('invalid_value', [], { value: `${n}/${d}`, detail: 'Exact.ratio cần hai số nguyên an toàn', detailEn: 'Exact.ratio needs safe integers' }, [n, d]))
    }
    if (d === 0) throw numberError(issue('division_by_zero', [], { value: `${n}/0` }))
    return Exact.norm(n, d)
  }

  /**
   * n/d × x for whole numbers n and d ≠ 0, in one step (one reduction, one object) when
   * everything stays a safe integer — the shape of every "ratio × max" criterion.
   *
   * @example
   * ```ts
   * Exact.scaledRatio(17, 19, Exact.from(20)).toString() // '340/19'
   * ```
   */
  static scaledRatio(n: number, d: number, x: Exact): Exact {
    if (x.bn === undefined && Number.isSafeInteger(n) && Number.isSafeInteger(d) && d !== 0) {
      const num = n * x.n
      const den = d * x.d
      if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) return Exact.norm(num, den)
    }
    return Exact.ratioBig(BigInt(n), BigInt(d)).mul(x)
  }

  /** Builds a value from bigint parts. */
  static ratioBig(n: bigint, d: bigint): Exact {
    if (d === 0n) throw numberError(issue('division_by_zero', [], { value: `${n}/0` }))
    return Exact.normBig(n, d)
  }

  private static norm(n: number, d: number): Exact {
    if (n === 0) return Exact.ZERO
    if (d < 0) {
      n = -n
      d = -d
    }
    if (d === 1) return Exact.int(n)
    const g = gcdNum(n, d)
    return g === 1 ? Exact.fraction(n, d) : Exact.fraction(n / g, d / g)
  }

  /** n/d from bigint parts already reduced, d > 0. */
  private static reducedBig(n: bigint, d: bigint): Exact {
    if (n === 0n) return Exact.ZERO
    if (n <= MAX_SAFE_BIG && n >= -MAX_SAFE_BIG && d <= MAX_SAFE_BIG) {
      return d === 1n ? Exact.int(Number(n)) : Exact.fraction(Number(n), Number(d))
    }
    return new Exact(Number.NaN, Number.NaN, n, d)
  }

  private static normBig(n: bigint, d: bigint): Exact {
    if (d < 0n) {
      n = -n
      d = -d
    }
    const g = gcdBig(n, d)
    if (g > 1n) {
      n /= g
      d /= g
    }
    return Exact.reducedBig(n, d)
  }

  /**
   * Parses a JS number (by its shortest round-trip decimal form, so `0.1` is exactly 1/10),
   * a decimal string (`"14.5"`, `"-2"`, `"1e-3"`) or a fraction string (`"2/3"`).
   * Throws a {@link ChisoError} on NaN or Infinity (`not_finite_number`), malformed text
   * (`invalid_decimal`), a zero denominator (`division_by_zero`) or an exponent beyond ±400
   * (`number_too_precise`).
   */
  static from(value: number | string | bigint | Exact): Exact {
    if (value instanceof Exact) return value
    if (typeof value === 'bigint') return Exact.normBig(value, 1n)
    if (typeof value === 'number') return Exact.fromNumber(value)
    return Exact.parse(value)
  }

  /**
   * The exact decimal a JS number stands for: its shortest round-trip form, as `String(x)`
   * prints it. Small decimals take an arithmetic fast path; the rest are parsed from text.
   */
  static fromNumber(x: number): Exact {
    if (!Number.isFinite(x)) throw numberError(issue('not_finite_number', [], { value: x }, x))
    if (Number.isSafeInteger(x)) return Exact.int(x)
    // hundredths in (0, 100] (most entered scores): the shared instance, found without a
    // reduction; two decimals of at most two places are never one double, so this is the
    // decimal String(x) prints
    const h = Math.round(x * 100)
    if (h > 0 && h <= 10_000 && h / 100 === x) return Exact.HUNDREDTHS[h] ?? Exact.norm(h, 100)
    // below 1e6 a 9-digit decimal step (1e-9) is wider than the float spacing, so the first
    // k whose rounding reproduces x is the shortest decimal form, the one String(x) prints
    if (x > -1e6 && x < 1e6) {
      let p = 10
      for (let k = 1; k <= 9; k++, p *= 10) {
        const m = Math.round(x * p)
        if (m / p === x) return Exact.norm(m, p)
      }
    }
    return Exact.parse(String(x))
  }

  /** Like {@link Exact.from} but returns undefined instead of throwing. */
  static tryFrom(value: unknown): Exact | undefined {
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'bigint') {
      return value instanceof Exact ? value : undefined
    }
    try {
      return Exact.from(value)
    } catch {
      return undefined
    }
  }

  private static parse(text: string): Exact {
    const s = text.trim()
    const frac = /^(-?\d+)\/(\d+)$/.exec(s)
    if (frac) {
      const d = BigInt(frac[2]!)
      if (d === 0n) throw numberError(issue('division_by_zero', [], { value: text }, text))
      return Exact.normBig(BigInt(frac[1]!), d)
    }
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s)
    if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
      throw numberError(issue('invalid_decimal', [], { value: text }, text))
    }
    const sign = m[1] === '-' ? -1n : 1n
    const intPart = m[2] ?? ''
    const fracPart = m[3] ?? ''
    const exp = m[4] === undefined ? 0 : Number(m[4])
    if (Math.abs(exp) > 400) throw numberError(issue('number_too_precise', [], { value: text, detailVi: 'số mũ vượt quá ±400', detailEn: 'an exponent beyond ±400' }, text))
    let num = BigInt(intPart + fracPart || '0') * sign
    const scale = fracPart.length - exp
    let den = 1n
    if (scale > 0) den = 10n ** BigInt(scale)
    else if (scale < 0) num *= 10n ** BigInt(-scale)
    return Exact.normBig(num, den)
  }

  private get bigN(): bigint {
    return this.bn ?? BigInt(this.n)
  }

  private get bigD(): bigint {
    return this.bd ?? BigInt(this.d)
  }

  /** @internal the reduced numerator and (positive) denominator */
  parts(): [bigint, bigint] {
    return [this.bigN, this.bigD]
  }

  /** a + b */
  add(b: Exact): Exact {
    if (this.bn === undefined && b.bn === undefined) {
      const an = this.n
      const ad = this.d
      const bnn = b.n
      const bdd = b.d
      if (ad === bdd) {
        const s = an + bnn
        if (Number.isSafeInteger(s)) return ad === 1 ? Exact.int(s) : Exact.norm(s, ad)
      } else {
        const g = gcdNum(ad, bdd)
        const x = an * (bdd / g)
        const y = bnn * (ad / g)
        const s = x + y
        const d = (ad / g) * bdd
        if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && Number.isSafeInteger(s) && Number.isSafeInteger(d)) {
          return Exact.norm(s, d)
        }
      }
    }
    // Knuth (TAOCP 4.5.1): only the gcd of the denominators, and of the sum with that gcd,
    // are needed — never the gcd of a long sum with a long denominator
    const an = this.bigN
    const ad = this.bigD
    const bn = b.bigN
    const bd = b.bigD
    const d1 = gcdBig(ad, bd)
    if (d1 === 1n) return Exact.reducedBig(an * bd + bn * ad, ad * bd)
    const t = an * (bd / d1) + bn * (ad / d1)
    if (t === 0n) return Exact.ZERO
    const d2 = gcdBig(t, d1)
    return Exact.reducedBig(t / d2, (ad / d1) * (bd / d2))
  }

  /**
   * Σ values[i] for i in `at` (every value when `at` is undefined), exactly. Small values
   * are summed over their least common denominator with one reduction at the end, instead
   * of one reduction per addition.
   */
  static sumAt(values: readonly Exact[], at: readonly number[] | undefined): Exact {
    const count = at ? at.length : values.length
    RUNNING.n = 0
    RUNNING.d = 1
    let k = 0
    for (; k < count; k++) {
      const v = values[at ? at[k]! : k]!
      if (v.bn !== undefined || !addToRunning(RUNNING, v.n, v.d)) break
    }
    let acc = Exact.norm(RUNNING.n, RUNNING.d)
    // whatever did not fit the fast path continues exactly
    for (; k < count; k++) acc = acc.add(values[at ? at[k]! : k]!)
    return acc
  }

  /**
   * Σ num[i]/den[i] for i in `at`, each a reduced fraction of safe integers (den > 0), summed
   * as {@link Exact.sumAt} sums small values but without making a rational: the reduced sum's
   * numerator and denominator go to `out`. False (out untouched) when a part or a partial sum
   * leaves the safe integers (a NaN part included): the caller then sums rationals. @internal
   */
  static sumPartsAt(num: Float64Array, den: Float64Array, at: readonly number[], out: { n: number; d: number }): boolean {
    if (sumHundredthsAt(num, den, at, out)) return true
    RUNNING.n = 0
    RUNNING.d = 1
    for (let k = 0; k < at.length; k++) {
      const i = at[k]!
      const n = num[i]!
      const d = den[i]!
      if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || !addToRunning(RUNNING, n, d)) return false
    }
    reducedInto(RUNNING.n, RUNNING.d, out)
    return true
  }

  /** a − b */
  sub(b: Exact): Exact {
    return this.add(b.neg())
  }

  /** −a */
  neg(): Exact {
    if (this.bn === undefined) return this.n === 0 ? this : new Exact(-this.n, this.d)
    return new Exact(Number.NaN, Number.NaN, -this.bn, this.bd)
  }

  /** a × b */
  mul(b: Exact): Exact {
    if (this.bn === undefined && b.bn === undefined) {
      if (this.n === 0 || b.n === 0) return Exact.ZERO
      if (b.d === 1 && b.n === 1) return this
      if (this.d === 1 && this.n === 1) return b
      // cross-reduce first so the products stay small
      const g1 = gcdNum(this.n, b.d)
      const g2 = gcdNum(b.n, this.d)
      const n = (this.n / g1) * (b.n / g2)
      const d = (this.d / g2) * (b.d / g1)
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return d === 1 ? Exact.int(n) : Exact.fraction(n, d)
    }
    // cross-reduced (each part with the other's denominator): the product is then reduced
    const an = this.bigN
    const ad = this.bigD
    const bn = b.bigN
    const bd = b.bigD
    if (an === 0n || bn === 0n) return Exact.ZERO
    const g1 = gcdBig(an, bd)
    const g2 = gcdBig(bn, ad)
    return Exact.reducedBig((an / g1) * (bn / g2), (ad / g2) * (bd / g1))
  }

  /** a ÷ b; throws a {@link ChisoError} `division_by_zero` when b is 0 */
  div(b: Exact): Exact {
    if (b.isZero()) throw numberError(issue('division_by_zero', [], { value: `${this.toString()}/0` }))
    if (this.bn === undefined && b.bn === undefined) {
      if (this.n === 0) return Exact.ZERO
      if (b.d === 1 && b.n === 1) return this
      // (a/b) ÷ (c/d) = (a·d)/(b·c), cross-reduced, without building 1/(c/d) first
      const g1 = gcdNum(this.n, b.n)
      const g2 = gcdNum(b.d, this.d)
      let n = (this.n / g1) * (b.d / g2)
      let d = (this.d / g2) * (b.n / g1)
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) {
        if (d < 0) {
          n = -n
          d = -d
        }
        return d === 1 ? Exact.int(n) : Exact.fraction(n, d)
      }
    }
    return this.mul(b.inv())
  }

  /** 1 ÷ a */
  inv(): Exact {
    if (this.isZero()) throw numberError(issue('division_by_zero', [], { value: '1/0' }))
    if (this.bn === undefined) return this.n < 0 ? new Exact(-this.d, -this.n) : new Exact(this.d, this.n)
    return Exact.normBig(this.bd!, this.bn)
  }

  /** −1, 0 or 1 as a is below, equal to or above b */
  cmp(b: Exact): number {
    if (this.bn === undefined && b.bn === undefined) {
      if (this.d === b.d) return this.n < b.n ? -1 : this.n > b.n ? 1 : 0
      const x = this.n * b.d
      const y = b.n * this.d
      if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return x < y ? -1 : x > y ? 1 : 0
    }
    const x = this.bigN * b.bigD
    const y = b.bigN * this.bigD
    return x < y ? -1 : x > y ? 1 : 0
  }

  eq(b: Exact): boolean {
    return this.cmp(b) === 0
  }
  lt(b: Exact): boolean {
    return this.cmp(b) < 0
  }
  lte(b: Exact): boolean {
    return this.cmp(b) <= 0
  }
  gt(b: Exact): boolean {
    return this.cmp(b) > 0
  }
  gte(b: Exact): boolean {
    return this.cmp(b) >= 0
  }
  isZero(): boolean {
    return this.bn === undefined ? this.n === 0 : this.bn === 0n
  }
  isNegative(): boolean {
    return this.bn === undefined ? this.n < 0 : this.bn < 0n
  }
  /** true when the value is a whole number */
  isInteger(): boolean {
    return this.bn === undefined ? this.d === 1 : this.bd === 1n
  }

  static min(a: Exact, b: Exact): Exact {
    return a.cmp(b) <= 0 ? a : b
  }
  static max(a: Exact, b: Exact): Exact {
    return a.cmp(b) >= 0 ? a : b
  }

  /** Clamps into [lo, hi]. */
  clamp(lo: Exact, hi: Exact): Exact {
    if (this.lt(lo)) return lo
    if (this.gt(hi)) return hi
    return this
  }

  /** true when this value is a whole multiple of step (step > 0) */
  isMultipleOf(step: Exact): boolean {
    // n1/d1 ÷ n2/d2, both reduced, is whole exactly when d1 divides d2 and n2 divides n1
    if (this.bn === undefined && step.bn === undefined && step.n !== 0) return step.d % this.d === 0 && this.n % step.n === 0
    return this.div(step).isInteger()
  }

  /**
   * Rounds to `decimals` places with the named mode, exactly.
   *
   * @example
   * ```ts
   * Exact.from('2.345').round(2, 'half-even').toString() // '2.34'
   * ```
   */
  round(decimals: number, mode: RoundingMode = 'half-up'): Exact {
    if (this.bn === undefined) {
      // fast path: everything stays a safe integer
      const d = this.d
      if (d === 1) return this
      const scaleN = POW10[decimals] ?? 10 ** decimals
      // already on the grid (its denominator divides 10^decimals): nothing to round
      if (scaleN % d === 0) return this
      const num = this.n * scaleN
      if (decimals <= 15 && Number.isSafeInteger(num) && Number.isSafeInteger(d * 2)) {
        const neg = num < 0
        const abs = neg ? -num : num
        let q = Math.floor(abs / d)
        // Math.floor of a float quotient can be off by one near integers: correct it exactly
        let r = abs - q * d
        if (r < 0) {
          q -= 1
          r += d
        } else if (r >= d) {
          q += 1
          r -= d
        }
        if (r !== 0) {
          const twice = r * 2
          if (mode === 'up' || (mode === 'half-up' && twice >= d) || (mode === 'half-even' && (twice > d || (twice === d && q % 2 === 1)))) q += 1
        }
        return Exact.norm(neg ? -q : q, scaleN)
      }
    }
    const scale = 10n ** BigInt(decimals)
    const num = this.bigN * scale
    const den = this.bigD
    const neg = num < 0n
    const absNum = neg ? -num : num
    let q = absNum / den
    const r = absNum % den
    if (r !== 0n) {
      const twice = r * 2n
      switch (mode) {
        case 'down':
          break
        case 'up':
          q += 1n
          break
        case 'half-up':
          if (twice >= den) q += 1n
          break
        case 'half-even':
          if (twice > den || (twice === den && q % 2n === 1n)) q += 1n
          break
      }
    }
    return Exact.normBig(neg ? -q : q, scale)
  }

  /** Nearest JS number, for display and charts only — never fed back into scoring. */
  toNumber(): number {
    if (this.bn === undefined) return this.n / this.d
    // long parts: their leading 64 bits each, then the binary exponent (Number(part) alone
    // would be Infinity past 2^1024, and Infinity / Infinity no number)
    const neg = this.bn < 0n
    const n = neg ? -this.bn : this.bn
    const d = this.bd!
    const sn = Math.max(0, bitLength(n) - 64)
    const sd = Math.max(0, bitLength(d) - 64)
    const e = sn - sd
    const half = Math.trunc(e / 2)
    // scaled in two halves, so that 2^e alone never overflows where the value does not
    const q = (Number(n >> BigInt(sn)) / Number(d >> BigInt(sd))) * 2 ** half * 2 ** (e - half)
    return neg ? -q : q
  }

  /**
   * Canonical text: a plain decimal when the value has a finite decimal expansion
   * ("14.5", "0.3"), else the reduced fraction ("40/3").
   */
  toString(): string {
    if (this.bn === undefined) {
      // small parts: the same text from safe-integer arithmetic, without bigints
      const n0 = this.n
      const d0 = this.d
      if (d0 === 1) return String(n0)
      let rest = d0
      let twos = 0
      let fives = 0
      while (rest % 2 === 0) {
        rest /= 2
        twos++
      }
      while (rest % 5 === 0) {
        rest /= 5
        fives++
      }
      if (rest !== 1) return `${n0}/${d0}`
      const places = Math.max(twos, fives)
      const scaledNum = n0 * (POW10[places] ?? 10 ** places)
      if (places <= 15 && Number.isSafeInteger(scaledNum)) {
        const scaled = scaledNum / d0 // exact: d0 divides 10^places
        const neg = scaled < 0
        const digits = String(neg ? -scaled : scaled).padStart(places + 1, '0')
        return `${neg ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`
      }
    }
    const { twos, fives, rest } = twosAndFives(this.bigD)
    const n = this.bigN
    if (rest !== 1n) return `${n}/${this.bigD}`
    const places = Math.max(twos, fives)
    if (places === 0) return n.toString()
    const scaled = (n * 10n ** BigInt(places)) / this.bigD
    const neg = scaled < 0n
    const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, '0')
    return `${neg ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`
  }

  /**
   * Fixed-point text with exactly `decimals` places, rounded with `mode`.
   *
   * @example
   * ```ts
   * Exact.from('85.345').toFixed(2) // '85.35'
   * ```
   */
  toFixed(decimals: number, mode: RoundingMode = 'half-up'): string {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) {
      throw numberError(issue('invalid_argument', ['decimals'], { argument: 'decimals', expected: 'decimals', received: typeof decimals === 'number' ? String(decimals) : typeof decimals }))
    }
    const r = this.round(decimals, mode)
    const scaled = (r.bigN * 10n ** BigInt(decimals)) / r.bigD
    const neg = scaled < 0n
    const digits = (neg ? -scaled : scaled).toString().padStart(decimals + 1, '0')
    if (decimals === 0) return `${neg ? '-' : ''}${digits}`
    return `${neg ? '-' : ''}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`
  }

  /** Serialises as the canonical string so results survive JSON round trips exactly. */
  toJSON(): string {
    return this.toString()
  }
}

/** Sums a list exactly. */
export function sumExact(values: readonly Exact[]): Exact {
  return Exact.sumAt(values, undefined)
}
