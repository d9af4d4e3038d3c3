/**
 * Input limits. Packs, assessments and stored results arrive from files and forms nobody
 * checked; every limit below bounds what one of them can cost, and each is far above what
 * a real input needs (real packs: 100–200 leaves, 5 levels, titles of a few hundred
 * characters; real scores: a few decimals). One iterative pre-scan checks the structural
 * limits before zod or any recursive walk sees the input, so nothing recursive ever runs
 * on input that could exhaust the stack, and nothing runs at all on input that is too big.
 * The table in docs/semantics.md ("Input limits") lists the same values.
 */
import { errorText, issue, preview, type ChisoIssue, type IssuePath } from './errors.js'
import type { Exact } from './exact.js'
import { compiledPackGivenIssue } from './arguments.js'

/** Levels of nested arrays and objects: real packs use about 12, so recursion stays far from the stack. */
export const MAX_DEPTH = 64
/** Values (of any kind) in one pack, assessment or record: bounds the work of one check. */
export const MAX_VALUES = 200_000
/** Items of one array or keys of one object: a real assessment has a few hundred facts. */
export const MAX_ITEMS = 10_000
/** Characters of one string: a title or an explanation of many pages, not a file. */
export const MAX_STRING_LENGTH = 100_000
/**
 * Significant digits of a decimal the engine computes with (each part of a fraction "n/d"):
 * every JS number has at most 17; each digit more lengthens every exact sum it enters.
 */
export const MAX_SIGNIFICANT_DIGITS = 20
/** Digits before the decimal point of a decimal the engine computes with: 10^20 is above any count or amount. */
export const MAX_INTEGER_DIGITS = 20
/** Digits after the decimal point of a decimal the engine computes with: every JS number from 10^-7 up has at most 23. */
export const MAX_FRACTION_DIGITS = 30
/** Characters of a decimal written as text ("14.5", "2/3"), also where it is only compared. */
export const MAX_DECIMAL_TEXT_LENGTH = 100
/**
 * Criteria (nodes of the tree) in one pack, after composition: five times the largest real
 * pack. The cost of an exact sum of leaves with unrelated denominators grows with the
 * square of their number.
 */
export const MAX_CRITERIA = 1_000
/**
 * Least common multiple of the denominators of a pack's declared amounts (maxima, points,
 * caps, steps, weights, the divisors of ratio rules): 18 decimal places, or thirds and
 * sevenths with fewer; sums of declared amounts stay small however many leaves there are.
 */
export const MAX_PACK_DENOMINATOR = 1_000_000_000_000_000_000

/**
 * Every input limit, by name, for documentation and for callers that check inputs early
 * (an editor, a form).
 *
 * @example
 * ```ts
 * import { INPUT_LIMITS } from '@chiso/core'
 * if (title.length > INPUT_LIMITS.stringLength) showError('tiêu đề quá dài')
 * ```
 */
export const INPUT_LIMITS = Object.freeze({
  depth: MAX_DEPTH,
  values: MAX_VALUES,
  items: MAX_ITEMS,
  stringLength: MAX_STRING_LENGTH,
  significantDigits: MAX_SIGNIFICANT_DIGITS,
  integerDigits: MAX_INTEGER_DIGITS,
  fractionDigits: MAX_FRACTION_DIGITS,
  decimalTextLength: MAX_DECIMAL_TEXT_LENGTH,
  criteria: MAX_CRITERIA,
  packDenominator: MAX_PACK_DENOMINATOR,
})

/** Keys an input may not hold anywhere: they could reach an object's prototype. @internal */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

// ---------------------------------------------------------------------------------------
// decimals

/** Which digit limit a decimal breaks. */
type DigitProblem = 'length' | 'significant' | 'integer' | 'fraction'

const DIGIT_DETAIL: Record<DigitProblem, { vi: string; en: string }> = {
  length: { vi: `dài hơn ${MAX_DECIMAL_TEXT_LENGTH} ký tự`, en: `longer than ${MAX_DECIMAL_TEXT_LENGTH} characters` },
  significant: { vi: `hơn ${MAX_SIGNIFICANT_DIGITS} chữ số có nghĩa`, en: `more than ${MAX_SIGNIFICANT_DIGITS} significant digits` },
  integer: { vi: `hơn ${MAX_INTEGER_DIGITS} chữ số phần nguyên`, en: `more than ${MAX_INTEGER_DIGITS} digits before the decimal point` },
  fraction: { vi: `hơn ${MAX_FRACTION_DIGITS} chữ số sau dấu thập phân`, en: `more than ${MAX_FRACTION_DIGITS} digits after the decimal point` },
}

const MANTISSA = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/
const FRACTION = /^[+-]?(\d+)\/(\d+)$/

function significantLength(digits: string): number {
  let i = 0
  while (i < digits.length && digits.charCodeAt(i) === 48) i++
  return digits.length - i
}

/** The digit limit a decimal text breaks; undefined when within limits or not a decimal at all. */
function textDigitProblem(text: string): DigitProblem | undefined {
  if (text.length > MAX_DECIMAL_TEXT_LENGTH) return 'length'
  const s = text.trim()
  const f = FRACTION.exec(s)
  if (f) return significantLength(f[1]!) > MAX_SIGNIFICANT_DIGITS || significantLength(f[2]!) > MAX_SIGNIFICANT_DIGITS ? 'significant' : undefined
  const m = MANTISSA.exec(s)
  if (!m) return undefined
  const digits = (m[1] ?? '') + (m[2] ?? '')
  let first = 0
  while (first < digits.length && digits.charCodeAt(first) === 48) first++
  if (first === digits.length) return undefined // zero
  let last = digits.length - 1
  while (digits.charCodeAt(last) === 48) last--
  // where the decimal point sits in `digits`, the exponent applied
  const point = (m[1] ?? '').length + (m[3] === undefined ? 0 : Number(m[3]))
  if (last - first + 1 > MAX_SIGNIFICANT_DIGITS) return 'significant'
  if (point - first > MAX_INTEGER_DIGITS) return 'integer'
  if (last + 1 - point > MAX_FRACTION_DIGITS) return 'fraction'
  return undefined
}

function numberDigitProblem(x: number): DigitProblem | undefined {
  // every double in [1e-7, 1e20) prints with ≤ 17 significant digits, ≤ 20 before the point
  // and ≤ 23 after it: only the rest needs its text read
  const a = x < 0 ? -x : x
  if (a === 0 || (a >= 1e-7 && a < 1e20) || a - a !== 0) return undefined
  return textDigitProblem(String(x))
}

/**
 * The `number_too_precise` issue for a decimal the engine computes with (an amount, a
 * score, a fact a rule multiplies or divides by) beyond the digit limits, or undefined.
 * Text that is no decimal at all is left to the schema's pattern. @internal
 */
export function decimalLimitIssue(v: number | string, path: IssuePath): ChisoIssue | undefined {
  const problem = typeof v === 'number' ? numberDigitProblem(v) : textDigitProblem(v)
  if (problem === undefined) return undefined
  const shown = preview(typeof v === 'number' ? String(v) : v)
  const d = DIGIT_DETAIL[problem]
  return issue('number_too_precise', path, { value: shown, detailVi: d.vi, detailEn: d.en }, typeof v === 'number' ? v : shown)
}

/** true when a decimal (number or text) is within the digit limits. @internal */
export function decimalWithinLimits(v: number | string): boolean {
  return (typeof v === 'number' ? numberDigitProblem(v) : textDigitProblem(v)) === undefined
}

export { preview }

// ---------------------------------------------------------------------------------------
// the pre-scan

/** marks a stack slot that holds a forbidden key's value (reported when its turn comes) */
const FORBIDDEN = 1

/**
 * One iterative walk over untrusted data (an explicit stack, no recursion) that lists every
 * problem with its path, in the order of the data. Checks: depth, number of values, items
 * per array or object, string length, non-finite numbers, forbidden keys, values JSON
 * cannot hold (bigint, symbol, function), and anything that throws when read. (The digits
 * of a decimal are checked where a decimal is read: the schemas and the readers of numeric
 * facts.) {@link quickScan} answers the same question without the paths.
 */
function scan(root: unknown, base: IssuePath): ChisoIssue[] {
  const issues: ChisoIssue[] = []
  // the stack: a value, the entry of its container, its key there, its level, a mark
  const vals: unknown[] = [root]
  const holders: number[] = [0]
  const keys: (string | number)[] = ['']
  const levels: number[] = [0]
  const marks: number[] = [0]
  // every container visited (entry 0 stands for "above the root"), for paths and for
  // telling a cycle from mere depth
  const entParent: number[] = [0]
  const entKey: (string | number)[] = ['']
  const entObj: unknown[] = [undefined]
  let top = 1
  let pushed = 1
  // where the walk is, for an issue raised by a read that throws
  let atEntry = 0
  let atKey: string | number = ''
  let atRoot = true

  const pathOf = (entry: number, k: string | number, root: boolean): IssuePath => {
    const rev: (string | number)[] = root ? [] : [k]
    // the root container (whose holder is entry 0) adds no key
    for (let e = entry; e > 0 && entParent[e]! > 0; e = entParent[e]!) rev.push(entKey[e]!)
    const path = [...base]
    for (let i = rev.length - 1; i >= 0; i--) path.push(rev[i]!)
    return path
  }
  const here = (): IssuePath => pathOf(atEntry, atKey, atRoot)
  /**
   * Past the depth limit, whether the chain of containers from the root to `v` meets an
   * object twice, and if so the path where it is first met again (where the cycle closes:
   * `facts.self`, not `facts.self.facts.self…` to the limit). Only run when the walk stops.
   */
  const cycleClosing = (holder: number, v: object): IssuePath | undefined => {
    const chain: number[] = []
    for (let e = holder; e > 0; e = entParent[e]!) chain.push(e)
    const seen = new Set<unknown>()
    for (let i = chain.length - 1; i >= 0; i--) {
      const e = chain[i]!
      if (seen.has(entObj[e])) return pathOf(entParent[e]!, entKey[e]!, false)
      seen.add(entObj[e])
    }
    return seen.has(v) ? here() : undefined
  }
  const stop = (i: ChisoIssue): ChisoIssue[] => {
    issues.push(i)
    return issues
  }

  try {
    while (top > 0) {
      top--
      const v = vals[top]
      const holder = holders[top]!
      const key = keys[top]!
      const level = levels[top]!
      const mark = marks[top]
      vals[top] = undefined
      atEntry = holder
      atKey = key
      atRoot = level === 0
      if (mark === FORBIDDEN) {
        // the value as given when it is small and plain, so a report of it stays printable
        issues.push(issue('forbidden_key', here(), { key: String(key) }, v !== null && typeof v === 'object' && !withinLimits(v) ? '…' : v))
        continue
      }
      switch (typeof v) {
        case 'number':
          // a finite number is within every digit limit: only NaN and ±Infinity are refused
          if (v - v !== 0) {
            issues.push(issue('not_finite_number', here(), { value: v }, v))
          }
          break
        case 'string':
          if (v.length > MAX_STRING_LENGTH) {
            issues.push(issue('string_too_long', here(), { length: v.length, max: MAX_STRING_LENGTH }, preview(v)))
          }
          break
        case 'bigint':
        case 'symbol':
        case 'function':
          issues.push(issue('invalid_type', here(), { expected: 'JSON value (number, string, boolean, null, array, object)', received: typeof v }))
          break
        case 'object': {
          if (v === null) break
          if (level >= MAX_DEPTH) {
            const closes = cycleClosing(holder, v)
            return stop(closes === undefined ? issue('nested_too_deeply', here(), { max: MAX_DEPTH }) : issue('cyclic_input', closes))
          }
          const isArray = Array.isArray(v)
          const names = isArray ? undefined : Object.keys(v)
          const length = isArray ? (v as unknown[]).length : names!.length
          if (length > MAX_ITEMS) {
            issues.push(issue('too_many_items', here(), { count: length, max: MAX_ITEMS }, length))
            break
          }
          pushed += length
          if (pushed > MAX_VALUES) return stop(issue('input_too_large', [...base], { max: MAX_VALUES }))
          const self = entParent.length
          entParent.push(holder)
          entKey.push(key)
          entObj.push(v)
          // children pushed last first, so they are visited (and reported) in order
          for (let i = length - 1; i >= 0; i--) {
            const k = isArray ? i : names![i]!
            if (top === vals.length) {
              vals.push(undefined)
              holders.push(0)
              keys.push('')
              levels.push(0)
              marks.push(0)
            }
            atEntry = self
            atKey = k
            atRoot = false
            vals[top] = (v as Record<string | number, unknown>)[k]
            holders[top] = self
            keys[top] = k
            levels[top] = level + 1
            marks[top] = !isArray && FORBIDDEN_KEYS.has(k as string) ? FORBIDDEN : 0
            top++
          }
          break
        }
        default:
          break
      }
    }
  } catch (e) {
    return stop(issue('unreadable_input', here(), { detail: errorText(e) }))
  }
  return issues
}

/**
 * Every problem of untrusted data with the input limits and the basic safety rules
 * (forbidden keys, non-finite numbers, non-JSON values), found in one iterative walk
 * before anything else reads it. Empty when the data may be parsed. @internal
 */
export function checkLimits(value: unknown, base: IssuePath = []): ChisoIssue[] {
  return scan(value, base)
}

/**
 * The pre-scan every `safe*` function runs first, for a caller that hashes, stores or walks
 * untrusted data before it reaches the engine (a store keeping a pack's JSON, a service
 * logging a request): every problem with the input limits ({@link INPUT_LIMITS}: depth,
 * values, items, string length) and the basic safety rules (forbidden keys, NaN and
 * ±Infinity, values JSON cannot hold, a getter or proxy that throws, an object inside
 * itself), with its path, found in one iterative walk that never throws. Empty when the
 * data may be read further. A compiled pack (data no more: it holds functions) is one
 * issue, `compiled_pack_given`: store or send its JSON, `pack.source`.
 *
 * @example
 * ```ts
 * import { canonicalJson, checkInputLimits } from '@chiso/core'
 * const data: unknown = JSON.parse(text)
 * const problems = checkInputLimits(data)
 * if (problems.length > 0) console.log(problems[0].code, problems[0].path) // e.g. 'nested_too_deeply'
 * else console.log(canonicalJson(data).length) // within the limits: safe to walk
 * ```
 */
export function checkInputLimits(value: unknown): ChisoIssue[] {
  // a compiled pack holds functions: one issue saying what it is, not one per function
  const compiled = compiledPackGivenIssue(value, [])
  return compiled ? [compiled] : scan(value, [])
}

/** true when {@link checkLimits} would find nothing (stops at the first problem). @internal */
export function withinLimits(value: unknown): boolean {
  return quickScan(value, false) !== FAIL
}

/**
 * A copy of data that {@link checkLimits} would accept, made in the same walk; undefined
 * at the first problem. Plain objects and arrays are copied (own enumerable string keys, in
 * order, as copyData copies); other objects are kept as they are, their content checked.
 * With a `memo` (one per batch call), an object found directly under a key of the root that
 * was copied before (the same facts, evidence or self scores shared by several assessments)
 * is not walked again: its copy is shared, as structuredClone shares what one clone reaches
 * twice. @internal
 */
export function copyWithinLimits<T>(value: T, memo?: CopyMemo): T | undefined {
  const c = quickScan(value, true, memo)
  return c === FAIL ? undefined : (c as T)
}

/**
 * The copies one batch call made of the objects its assessments hold at their top, by
 * identity, each with the values its walk counted (charged again to every assessment that
 * reaches it, so the answer of the limits stays that of a walk of its own). Only copies are
 * kept: an object whose walk failed is walked again by the next assessment that reaches it,
 * and refused there too. @internal
 */
export type CopyMemo = Map<object, { readonly copy: unknown; readonly cost: number }>

/** the answer of a walk that found a problem (no input is ever this object) */
const FAIL: object = Object.freeze({})

/**
 * Values the walk under way may still read ({@link MAX_VALUES} in all). Saved and restored
 * around each walk: a getter that starts a walk of its own leaves the outer one's count as
 * it was.
 */
let budget = 0

/** A value that holds nothing: within the limits when checkLimits finds nothing in it. */
function primitiveOk(x: unknown): boolean {
  switch (typeof x) {
    case 'number':
      return x - x === 0
    case 'string':
      return x.length <= MAX_STRING_LENGTH
    case 'bigint':
    case 'symbol':
    case 'function':
      return false
    default:
      return true
  }
}

/**
 * {@link scan}'s question answered yes or no (and, with `copy`, a copy of plain objects and
 * arrays made from the values it read, so later steps never read a getter or a proxy a
 * second time) on the hot path, every assessment of a batch: the same checks, with no
 * paths to keep. Returns the copy (with `copy`), the value itself, or FAIL. A property test
 * holds it equal to checkLimits.
 */
function quickScan(root: unknown, copy: boolean, memo?: CopyMemo): unknown {
  if (root === null || typeof root !== 'object') return primitiveOk(root) ? root : FAIL
  const saved = budget
  budget = MAX_VALUES - 1
  try {
    return walk(root, 0, copy, '', memo)
  } catch {
    // a getter or a proxy trap that throws
    return FAIL
  } finally {
    budget = saved
  }
}

/**
 * One container and what it holds, depth first; `at` is the key it was found under (the
 * items of an array: the array's). Recursion is safe here: the depth is checked before each
 * step down, so it never goes past MAX_DEPTH levels (a cycle stops there too).
 */
function walk(v: object, level: number, copy: boolean, at: string, memo?: CopyMemo): unknown {
  if (level >= MAX_DEPTH) return FAIL
  if (Array.isArray(v)) {
    const n = v.length
    if (n > MAX_ITEMS || (budget -= n) < 0) return FAIL
    // every index read once (a hole as undefined, as the schema reads it)
    const out: unknown[] | undefined = copy ? new Array<unknown>(n) : undefined
    for (let i = 0; i < n; i++) {
      let x: unknown = v[i]
      // a hole stays a hole in the copy (the schema tells it from an undefined item)
      if (x === undefined && out !== undefined && !(i in v)) continue
      if (x !== null && typeof x === 'object') {
        x = walk(x, level + 1, copy, at)
        if (x === FAIL) return FAIL
      } else if (!primitiveOk(x)) return FAIL
      if (out !== undefined) out[i] = x
    }
    return out ?? v
  }
  const names = Object.keys(v)
  const n = names.length
  if (n > MAX_ITEMS || (budget -= n) < 0) return FAIL
  let out: Record<string, unknown> | undefined
  if (copy) {
    const proto = Object.getPrototypeOf(v)
    // objects that are not plain data are kept as they are (their content still checked)
    // (an object without a prototype is copied as one: nothing inherited appears in the copy)
    if (proto === null) out = Object.create(null) as Record<string, unknown>
    else if (proto === Object.prototype) out = n > BIG_OBJECT ? emptyLike(names, at) : {}
  }
  for (let i = 0; i < n; i++) {
    const k = names[i]!
    if ((k.length === 9 || k.length === 11) && FORBIDDEN_KEYS.has(k)) return FAIL
    // each value read once (a getter or a proxy trap too)
    let x = (v as Record<string, unknown>)[k]
    if (x !== null && typeof x === 'object') {
      x = memo !== undefined && out !== undefined ? shared(x, level, k, memo) : walk(x, level + 1, out !== undefined, k)
      if (x === FAIL) return FAIL
    } else if (!primitiveOk(x)) return FAIL
    if (out !== undefined) out[k] = x
  }
  return out ?? v
}

/** The copy of an object under a key of the root, made once per memo (see {@link CopyMemo}). */
function shared(x: object, level: number, at: string, memo: CopyMemo): unknown {
  const known = memo.get(x)
  if (known !== undefined) return (budget -= known.cost) < 0 ? FAIL : known.copy
  const before = budget
  const c = walk(x, level + 1, true, at)
  if (c !== FAIL) memo.set(x, { copy: c, cost: before - budget })
  return c
}

/**
 * Compact copies of large objects. Past 128 keys an object built key by key falls into V8's
 * slow dictionary form (four times the memory, and long pauses of the garbage collector
 * when thousands are kept, as a batch keeps its assessments' facts); a clone of an empty
 * object of the same keys stays compact. Thousands of assessments repeat one shape of facts,
 * so the empty object is made once per shape (by the key it is found under) and kept here.
 * Objects of a few dozen keys (a commune's ~60 facts) are cloned too: filling a clone is
 * cheaper than adding keys one by one, each a change of shape (W4's copy: about 5–10% less
 * time, 2% less memory). Small objects (a document, a survey answer) are built key by key:
 * cloning every object made the one clone site see too many shapes, and slower than building.
 * (V8's own `{ ...v }` is no faster: fast on a compact source, it is several times slower on
 * a source in dictionary form, as facts built key by key or parsed from JSON past 128 keys
 * are.)
 */
interface Shape {
  readonly keys: readonly string[]
  readonly empty: Record<string, unknown>
}
/** by the key the objects were found under: the large shape met last there */
const shapes = new Map<string, Shape>()
/** objects past this many keys are cloned from an empty one of their shape (past 128, built key by key, they turn slow) */
const BIG_OBJECT = 24
/** bounds of what `shapes` keeps */
const MAX_SHAPES = 1024
const MAX_SHAPE_KEYS = 1024

/** A new object with the given keys in that order (every value null, to be set), compact however many there are. */
function emptyLike(keys: readonly string[], at: string): Record<string, unknown> {
  const known = shapes.get(at)
  if (known !== undefined && sameKeys(known.keys, keys)) return { ...known.empty }
  const empty = emptyOfShape(keys)
  // (a shape of very many keys is not kept: one input's keys are not held after its walk)
  if (keys.length > MAX_SHAPE_KEYS) return empty
  if (shapes.size >= MAX_SHAPES) shapes.clear()
  shapes.set(at, { keys, empty })
  return { ...empty }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** JSON text of the keys, parsed (data, never code), then cloned: a clone is compact even where the parsed object is not. */
function emptyOfShape(keys: readonly string[]): Record<string, unknown> {
  let text = '{'
  for (let i = 0; i < keys.length; i++) text += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:null`
  return { ...(JSON.parse(`${text}}`) as Record<string, unknown>) }
}

// ---------------------------------------------------------------------------------------
// a pack's denominators

/**
 * The least common multiple of the denominators a pack declares, checked against
 * {@link MAX_PACK_DENOMINATOR} as the values are read at compile; the first value that
 * takes it over is reported once. @internal
 */
export class DenominatorBound {
  private lcm = 1n
  private exceeded = false
  constructor(private readonly issues: ChisoIssue[]) {}

  /** Declares a value; `divisor` when the pack divides by it (its numerator counts too). */
  declare(x: Exact, path: IssuePath, raw: unknown, divisor = false): void {
    if (this.exceeded) return
    const [n, d] = x.parts()
    this.take(d)
    if (divisor) this.take(n < 0n ? -n : n)
    if (this.lcm > BigInt(MAX_PACK_DENOMINATOR)) {
      this.exceeded = true
      const shown = typeof raw === 'string' ? preview(raw) : raw
      this.issues.push(issue('pack_denominator_too_large', path, { value: x.toString().length > 48 ? preview(x.toString()) : x.toString(), max: MAX_PACK_DENOMINATOR }, shown))
    }
  }

  private take(d: bigint): void {
    if (d <= 1n) return
    let a = this.lcm
    let b = d
    while (b !== 0n) {
      const t = a % b
      a = b
      b = t
    }
    this.lcm = (this.lcm / a) * d
  }
}
