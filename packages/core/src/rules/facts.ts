/**
 * Reading facts for rules: numbers read exactly, and the input checks a leaf and a \`per\`
 * adjustment share.
 */
import { readFact, type Facts } from './conditions.js'
import { issue, type ChisoIssue, type IssuePath } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import { decimalLimitIssue, decimalWithinLimits, MAX_DECIMAL_TEXT_LENGTH } from '../util/limits.js'

const own = Object.prototype.hasOwnProperty

/**
 * Reads a numeric fact exactly: a JS number (by the decimal it prints as) or a decimal
 * string of at most 100 characters. For plug-in rule kinds; one that computes with the
 * value (multiplies, divides, adds it) reads it with `readComputedFact`'s limits in mind.
 *
 * @example
 * ```ts
 * import { readNumberFact } from '@chiso/core/plugin'
 * readNumberFact({ rate: 92.5 }, 'rate')?.toString() // '92.5'
 * readNumberFact({ rate: 'n/a' }, 'rate')            // undefined
 * ```
 */
export function readNumberFact(facts: Facts, name: string): Exact | undefined {
  const v = readFact(facts, name)
  if (typeof v === 'number') return Number.isFinite(v) ? Exact.fromNumber(v) : undefined
  if (typeof v === 'string') return v.length <= MAX_DECIMAL_TEXT_LENGTH ? Exact.tryFrom(v) : undefined
  return undefined
}

/**
 * A numeric fact a rule computes with (a ratio, a count): also within the digit limits,
 * else undefined (and `checkNumberFact` reports `number_too_precise`), so that no fact can
 * make exact sums long. @internal
 */
export function readComputedFact(facts: Facts, name: string): Exact | undefined {
  const v = readFact(facts, name)
  if ((typeof v === 'number' || typeof v === 'string') && !decimalWithinLimits(v)) return undefined
  return readNumberFact(facts, name)
}

/**
 * Reports a fact that is present but no number (text that is no decimal, a boolean, an
 * object) as `invalid_type` at `path` + name: what a leaf and a `per` adjustment reading it
 * both get. `computed`: a fact the rule computes with (multiplies, divides by), which must
 * also be within the digit limits (`number_too_precise`); a fact only compared may be any
 * finite number, or text of at most 100 characters. Absent, null and non-finite numbers
 * (reported by the input pre-scan) pass. @internal
 */
export function checkNumberFact(facts: Facts, name: string, path: IssuePath, issues: ChisoIssue[], computed: boolean): void {
  if (!own.call(facts, name)) return
  const v = facts[name]
  if (v === undefined || v === null) return
  if (typeof v === 'number' && !Number.isFinite(v)) return // reported by the input pre-scan
  if ((typeof v === 'number' && computed) || (typeof v === 'string' && (computed || v.length > MAX_DECIMAL_TEXT_LENGTH))) {
    const tooPrecise = decimalLimitIssue(v, [...path, name])
    if (tooPrecise) return void issues.push(tooPrecise)
  }
  if ((typeof v !== 'number' && typeof v !== 'string') || Exact.tryFrom(v) === undefined) {
    // "12,5": a decimal written with a comma, as Vietnamese writes it, is refused saying how to write it
    const comma = typeof v === 'string' && /^\s*[-+]?\d+,\d+\s*$/.test(v) ? { commaDecimal: v.trim() } : {}
    issues.push(issue('invalid_type', [...path, name], { expected: 'number', received: typeof v, ...comma }, v))
  }
}
