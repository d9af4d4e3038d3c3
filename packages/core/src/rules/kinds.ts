/**
 * The built-in rule kinds: how a leaf turns its inputs into points. Each is a plug-in like
 * any other — a zod schema for its options plus a compile function that returns pure,
 * synchronous closures; nothing from a pack runs as code.
 */
import * as z from 'zod/mini'
import { compileCondition, compileConditionOnSlots, readFact, type Facts } from './conditions.js'
import { inconsistentDataMessage, issue, preview, type IssuePath } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import { ConditionSchema, DecimalSchema, NonNegativeDecimalSchema, PositiveDecimalSchema, TextSchema, UnitIntervalDecimalSchema, type ConditionInput } from '../model/schemas.js'
import { toGrid, type Grid, type GridComparison } from '../engine/grid.js'
import type { EnteredScoreProblem, RuleCompileContext, RuleKindDefinition, RuleOutcome } from './types.js'
import { checkNumberFact, readComputedFact, readNumberFact } from './facts.js'

const own = Object.prototype.hasOwnProperty

/**
 * The double that stands for a threshold, when comparisons against it can be done on
 * doubles exactly. A fact number x means the decimal String(x) prints; rounding to the
 * nearest double is monotone, so for a threshold t whose own shortest form is itself
 * (at most 15 significant digits), x ⋚ double(t) exactly when String(x) ⋚ t.
 */
function asDouble(t: Exact): number | undefined {
  const d = t.toNumber()
  if (!Number.isFinite(d)) return undefined
  const back = Exact.tryFrom(d)
  return back !== undefined &&
    back.eq(t) &&
    String(d)
      .replace(/^-|\.|e.*$/g, '')
      .replace(/^0+/, '').length <= 15
    ? d
    : undefined
}

/**
 * Reads a decimal option of a rule (its sign and digits checked by the rule's schema; text
 * such as "1/0" that is no number becomes an `invalid_decimal` issue and 0, never a throw). An
 * amount (`use`: awarded or multiplied by; `divisor`: divided by) is declared to the pack's
 * bound on denominators; a threshold, only compared, is not.
 */
function dec(v: number | string, ctx: RuleCompileContext, sub: IssuePath, use: 'amount' | 'divisor' | 'threshold' = 'amount'): Exact {
  const x = Exact.tryFrom(v)
  if (x !== undefined) {
    if (use !== 'threshold') ctx.declare?.(x, [...ctx.path, ...sub], v, use === 'divisor')
    return x
  }
  ctx.issues.push(issue('invalid_decimal', [...ctx.path, ...sub], { value: v }, v))
  return Exact.ZERO
}

function checkPoints(points: Exact, ctx: RuleCompileContext, sub: IssuePath): void {
  if (points.gt(ctx.maxPoints)) {
    ctx.issues.push(issue('rule_points_above_max', [...ctx.path, ...sub], { code: ctx.code, points: points.toString(), max: ctx.maxPoints.toString() }, points.toString()))
  }
}

function allowedSet(values: readonly Exact[]): (score: Exact) => EnteredScoreProblem | undefined {
  const uniq = values.filter((v, i) => values.findIndex((w) => w.eq(v)) === i).sort((a, b) => a.cmp(b))
  const allowed = uniq.map((v) => v.toString()).join(', ')
  return (score) => (uniq.some((v) => v.eq(score)) ? undefined : { code: 'score_not_allowed', params: { allowed } })
}

// ---------------------------------------------------------------------------------------
// built-in kinds

const ManualRule = z.strictObject({
  kind: z.literal('manual'),
  /** entered scores must be multiples of this step, e.g. 0.25 */
  step: z.optional(PositiveDecimalSchema),
})

const BooleanRule = z.strictObject({
  kind: z.literal('boolean'),
  fact: z.optional(z.string().check(z.minLength(1))),
  points: z.optional(NonNegativeDecimalSchema),
})

const ChoiceRule = z.strictObject({
  kind: z.literal('choice'),
  fact: z.optional(z.string().check(z.minLength(1))),
  options: z.array(z.strictObject({ value: z.string().check(z.minLength(1)), points: NonNegativeDecimalSchema, label: z.optional(TextSchema) })).check(z.minLength(1)),
})

const StepsRule = z.strictObject({
  kind: z.literal('steps'),
  fact: z.string().check(z.minLength(1)),
  steps: z.array(z.strictObject({ min: DecimalSchema, points: NonNegativeDecimalSchema, minExclusive: z.optional(z.boolean()) })).check(z.minLength(1)),
  otherwise: z.optional(NonNegativeDecimalSchema),
})

const RatioRule = z.strictObject({
  kind: z.literal('ratio'),
  numerator: z.string().check(z.minLength(1)),
  denominator: z.optional(z.string().check(z.minLength(1))),
  of: z.optional(PositiveDecimalSchema),
  whenZeroDenominator: z.optional(z.enum(['full', 'zero'])),
})

const CountRule = z.strictObject({
  kind: z.literal('count'),
  fact: z.string().check(z.minLength(1)),
  pointsEach: NonNegativeDecimalSchema,
  cap: z.optional(NonNegativeDecimalSchema),
})

const SurveyRule = z.strictObject({
  kind: z.literal('survey'),
  weights: z.optional(z.record(z.string(), UnitIntervalDecimalSchema)),
})

const ConditionsRule = z.strictObject({
  kind: z.literal('conditions'),
  branches: z.array(z.strictObject({ when: ConditionSchema, points: NonNegativeDecimalSchema, label: z.optional(z.string()) })).check(z.minLength(1)),
  otherwise: z.optional(NonNegativeDecimalSchema),
})

const manualKind = defineRuleKind({
  kind: 'manual',
  schema: ManualRule,
  compile(rule, ctx) {
    if (rule.step === undefined) return { facts: [] }
    const before = ctx.issues.length
    // positive: the schema says so
    const step = dec(rule.step, ctx, ['step'])
    if (ctx.issues.length > before) return { facts: [] }
    const stepText = step.toString()
    return {
      facts: [],
      checkEntered: (score) => (score.isMultipleOf(step) ? undefined : { code: 'score_not_multiple_of_step', params: { step: stepText } }),
    }
  },
})

const booleanKind = defineRuleKind({
  kind: 'boolean',
  schema: BooleanRule,
  compile(rule, ctx) {
    const points = rule.points === undefined ? ctx.maxPoints : dec(rule.points, ctx, ['points'])
    checkPoints(points, ctx, ['points'])
    const yes: RuleOutcome = { points, branch: `true → ${points}` }
    const no: RuleOutcome = { points: Exact.ZERO, branch: 'false → 0' }
    const fact = rule.fact
    const checkEntered = allowedSet([Exact.ZERO, points])
    if (fact === undefined) return { facts: [], checkEntered }
    return {
      facts: [fact],
      checkEntered,
      compute: (facts) => {
        const v = readFact(facts, fact)
        return v === true ? yes : v === false ? no : undefined
      },
      onGrid: (grid) => {
        const y = toGrid(points, grid)
        return y === undefined ? undefined : { op: 'pick', fact, values: [true, false], points: [y, 0], outcomes: [yes, no] }
      },
      checkFacts: (facts, path, issues) => {
        if (!own.call(facts, fact)) return
        const v = facts[fact]
        if (v !== undefined && v !== null && typeof v !== 'boolean') issues.push(issue('invalid_type', [...path, fact], { expected: 'boolean', received: typeof v }, v))
      },
    }
  },
})

const choiceKind = defineRuleKind({
  kind: 'choice',
  schema: ChoiceRule,
  compile(rule, ctx) {
    const outcomes = new Map<string, RuleOutcome>()
    rule.options.forEach((o, i) => {
      const points = dec(o.points, ctx, ['options', i, 'points'])
      checkPoints(points, ctx, ['options', i, 'points'])
      if (outcomes.has(o.value)) {
        ctx.issues.push(issue('invalid_value', [...ctx.path, 'options', i, 'value'], { value: o.value, detail: 'duplicate option / lựa chọn bị trùng' }, o.value))
      }
      outcomes.set(o.value, { points, branch: `${o.value} → ${points}` })
    })
    const checkEntered = allowedSet([...outcomes.values()].map((o) => o.points))
    const fact = rule.fact
    if (fact === undefined) return { facts: [], checkEntered }
    const known = [...outcomes.keys()].map((k) => preview(k)).join(', ')
    return {
      facts: [fact],
      checkEntered,
      compute: (facts) => {
        const v = readFact(facts, fact)
        return typeof v === 'string' ? outcomes.get(v) : undefined
      },
      onGrid: (grid) => {
        const points = pointsOnGrid(
          [...outcomes.values()].map((o) => o.points),
          grid,
        )
        return points === undefined ? undefined : { op: 'pick', fact, values: [...outcomes.keys()], points, outcomes: [...outcomes.values()] }
      },
      checkFacts: (facts, path, issues) => {
        if (!own.call(facts, fact)) return
        const v = facts[fact]
        if (v === undefined || v === null) return
        if (typeof v !== 'string' || !outcomes.has(v)) {
          issues.push(issue('invalid_value', [...path, fact], { value: v, detail: `one of / một trong: ${known}` }, v))
        }
      },
    }
  },
})

const stepsKind = defineRuleKind({
  kind: 'steps',
  schema: StepsRule,
  compile(rule, ctx) {
    const steps = rule.steps.map((s, i) => {
      const min = dec(s.min, ctx, ['steps', i, 'min'], 'threshold')
      const points = dec(s.points, ctx, ['steps', i, 'points'])
      checkPoints(points, ctx, ['steps', i, 'points'])
      const exclusive = s.minExclusive === true
      return { min, minNumber: asDouble(min), exclusive, outcome: { points, branch: `${exclusive ? '>' : '≥'} ${min} → ${points}` } as RuleOutcome }
    })
    const allDoubles = steps.every((st) => st.minNumber !== undefined)
    // highest threshold first; at equal minimum an exclusive bound is the stricter one
    steps.sort((a, b) => b.min.cmp(a.min) || Number(b.exclusive) - Number(a.exclusive))
    const otherwisePoints = rule.otherwise === undefined ? Exact.ZERO : dec(rule.otherwise, ctx, ['otherwise'])
    checkPoints(otherwisePoints, ctx, ['otherwise'])
    const otherwise: RuleOutcome = { points: otherwisePoints, branch: `otherwise → ${otherwisePoints}` }
    const fact = rule.fact
    return {
      facts: [fact],
      checkEntered: allowedSet([otherwisePoints, ...steps.map((s) => s.outcome.points)]),
      compute: (facts) => {
        const raw = readFact(facts, fact)
        if (allDoubles && typeof raw === 'number') {
          // a plain number against thresholds that are short decimals: comparing the doubles
          // decides exactly as comparing their decimal values would (see asDouble)
          if (raw - raw !== 0) return undefined
          for (const st of steps) {
            const m = st.minNumber!
            if (raw > m || (raw === m && !st.exclusive)) return st.outcome
          }
          return otherwise
        }
        const x = readNumberFact(facts, fact)
        if (x === undefined) return undefined
        for (const st of steps) {
          const c = x.cmp(st.min)
          if (c > 0 || (c === 0 && !st.exclusive)) return st.outcome
        }
        return otherwise
      },
      checkFacts: (facts, path, issues) => checkNumberFact(facts, fact, path, issues, false),
      onGrid: (grid) => {
        // only the double comparison of compute's fast path (see asDouble) is taken over
        if (!allDoubles) return undefined
        const all = pointsOnGrid([...steps.map((st) => st.outcome.points), otherwisePoints], grid)
        if (all === undefined) return undefined
        const other = all.pop()!
        return {
          op: 'steps',
          fact,
          mins: steps.map((st) => st.minNumber!),
          exclusive: steps.map((st) => st.exclusive),
          points: all,
          otherwise: other,
          outcomes: steps.map((st) => st.outcome),
          otherwiseOutcome: otherwise,
        }
      },
    }
  },
})

const ratioKind = defineRuleKind({
  kind: 'ratio',
  schema: RatioRule,
  compile(rule, ctx) {
    const { numerator, denominator } = rule
    if ((denominator === undefined) === (rule.of === undefined)) {
      ctx.issues.push(
        issue('invalid_value', ctx.path, {
          value: rule,
          detail: 'give exactly one of "denominator" (a fact) or "of" (a constant) / cần đúng một trong "denominator" hoặc "of"',
        }),
      )
    }
    // positive: the schema says so
    const of = rule.of === undefined ? undefined : dec(rule.of, ctx, ['of'], 'divisor')
    const max = ctx.maxPoints
    const zeroDen: RuleOutcome = rule.whenZeroDenominator === 'zero' ? { points: Exact.ZERO, branch: 'denominator 0 → 0' } : { points: max, branch: `denominator 0 → ${max}` }
    const facts = denominator === undefined ? [numerator] : [numerator, denominator]
    const full: RuleOutcome = { points: max, branch: 'ratio ≥ 1 → max' }
    const maxText = max.toString()
    /**
     * Counts that contradict each other: a negative one, or — over a denominator fact, a
     * part of a whole — a numerator above it (or above 0 over 0). Above a fixed `of` (a
     * target, e.g. 14 meetings of 12 required) is no contradiction.
     */
    const inconsistency = (n: Exact, d: Exact): 'above' | 'negative' | 'zero_denominator' | undefined => {
      if (n.isNegative() || d.isNegative()) return 'negative'
      if (of !== undefined) return undefined
      if (d.isZero()) return n.isZero() ? undefined : 'zero_denominator'
      return n.gt(d) ? 'above' : undefined
    }
    return {
      facts,
      compute: (f, explain) => {
        // the common case: whole-number counts (dossiers on time / dossiers), in one step
        if (of === undefined && denominator !== undefined) {
          const rn = readFact(f, numerator)
          const rd = readFact(f, denominator)
          if (typeof rn === 'number' && typeof rd === 'number' && Number.isSafeInteger(rn) && Number.isSafeInteger(rd) && rn >= 0 && rd > 0 && rn <= rd) {
            if (!explain) return rn === rd ? full : { points: Exact.scaledRatio(rn, rd, max), branch: 'ratio × max' }
            // a whole number prints as its Exact does
            return { points: rn === rd ? max : Exact.scaledRatio(rn, rd, max), branch: ratioBranch(rn, rd, maxText) }
          }
        }
        const n = readComputedFact(f, numerator)
        const d = of ?? (denominator === undefined ? undefined : readComputedFact(f, denominator))
        if (n === undefined || d === undefined) return undefined
        let out: RuleOutcome
        if (d.isZero()) out = zeroDen
        else {
          // n/d × max, clamped to [0, max]: the quotient is formed once, not step by step
          const ratioAtLeastOne = d.isNegative() ? n.cmp(d) <= 0 : n.cmp(d) >= 0
          const negative = !n.isZero() && n.isNegative() !== d.isNegative()
          const points = negative ? Exact.ZERO : ratioAtLeastOne ? max : n.mul(max).div(d)
          out = { points, branch: explain ? `${n}/${d} × ${max}` : 'ratio × max' }
        }
        const reason = inconsistency(n, d)
        if (reason === undefined) return out
        const values = { numerator: n.toString(), denominator: d.toString() }
        const message = inconsistentDataMessage({ code: ctx.code, reason, numerator: values.numerator, numeratorFact: numerator, denominator: values.denominator, denominatorFact: denominator })
        return { points: out.points, branch: out.branch, inconsistent: { values, message } }
      },
      checkFacts: (f, path, issues) => {
        for (const name of facts) checkNumberFact(f, name, path, issues, true)
      },
      onGrid: (grid) => {
        if (of !== undefined || denominator === undefined) return undefined
        // the maximum must sit on the grid exactly for n/d × max to round in integers
        const maxScaled = toGrid(max, grid)
        if (maxScaled === undefined || !Exact.ratio(maxScaled, grid.scale).eq(max)) return undefined
        return { op: 'ratio', numerator, denominator, max: maxScaled }
      },
    }
  },
})

const countKind = defineRuleKind({
  kind: 'count',
  schema: CountRule,
  compile(rule, ctx) {
    const each = dec(rule.pointsEach, ctx, ['pointsEach'])
    const cap = rule.cap === undefined ? ctx.maxPoints : dec(rule.cap, ctx, ['cap'])
    checkPoints(cap, ctx, ['cap'])
    const fact = rule.fact
    return {
      facts: [fact],
      compute: (facts, explain) => {
        const n = readComputedFact(facts, fact)
        if (n === undefined) return undefined
        let points = n.mul(each)
        if (points.isNegative()) points = Exact.ZERO
        if (points.gt(cap)) return { points: cap, branch: explain ? `${n} × ${each} capped at ${cap}` : 'count capped' }
        return { points, branch: explain ? `${n} × ${each}` : 'count × points each' }
      },
      checkFacts: (facts, path, issues) => checkNumberFact(facts, fact, path, issues, true),
      onGrid: (grid) => {
        // whole counts × a grid-exact amount each, capped: all integers on the grid
        const e = toGrid(each, grid)
        const c = toGrid(cap, grid)
        if (e === undefined || c === undefined || !Exact.ratio(e, grid.scale).eq(each) || !Exact.ratio(c, grid.scale).eq(cap) || e < 0) return undefined
        return { op: 'count', fact, each: e, cap: c }
      },
    }
  },
})

const surveyKind = defineRuleKind({
  kind: 'survey',
  schema: SurveyRule,
  compile(rule, ctx) {
    const weights = new Map<string, Exact>()
    for (const [answer, w] of Object.entries(rule.weights ?? {})) {
      // within [0, 1]: the schema says so
      weights.set(answer, dec(w, ctx, ['weights', answer]))
    }
    const max = ctx.maxPoints
    return {
      facts: [],
      // an answer the rule has no weight for would silently count as 0: report it instead
      checkSurvey: (input) => ('answers' in input ? Object.keys(input.answers).filter((k) => !weights.has(k)) : []),
      fromSurvey: (input) => {
        if ('points' in input) {
          const p = Exact.from(input.points)
          return { points: p, branch: `survey points ${p}` }
        }
        // counts are safe integers each, their sum need not be: summed exactly
        let total = Exact.ZERO
        let weighted = Exact.ZERO
        for (const [answer, n] of Object.entries(input.answers)) {
          const count = Exact.from(n)
          total = total.add(count)
          const w = weights.get(answer)
          if (w !== undefined && n !== 0) weighted = weighted.add(w.mul(count))
        }
        if (total.isZero()) return { points: Exact.ZERO, branch: 'no answers → 0' }
        const points = weighted.div(total).mul(max)
        return { points, branch: `${total} answers, weighted share ${weighted.div(total)}` }
      },
    }
  },
})

const conditionsKind = defineRuleKind({
  kind: 'conditions',
  schema: ConditionsRule,
  compile(rule, ctx) {
    const facts = new Set<string>()
    const branches = rule.branches.map((b, i) => {
      const c = compileCondition(b.when, [...ctx.path, 'branches', i, 'when'], ctx.issues, ctx.operators)
      for (const f of c.facts) facts.add(f)
      const points = dec(b.points, ctx, ['branches', i, 'points'])
      checkPoints(points, ctx, ['branches', i, 'points'])
      return { test: c.test, outcome: { points, branch: `${b.label ?? `branch ${i + 1}`} → ${points}` } as RuleOutcome }
    })
    const otherwisePoints = rule.otherwise === undefined ? Exact.ZERO : dec(rule.otherwise, ctx, ['otherwise'])
    checkPoints(otherwisePoints, ctx, ['otherwise'])
    const otherwise: RuleOutcome = { points: otherwisePoints, branch: `otherwise → ${otherwisePoints}` }
    const factList = [...facts]
    return {
      facts: factList,
      checkEntered: allowedSet([otherwisePoints, ...branches.map((b) => b.outcome.points)]),
      compute: (f) => {
        // with none of its facts present the rule has nothing to decide on
        let any = false
        for (let k = 0; k < factList.length && !any; k++) if (readFact(f, factList[k]!) !== undefined || own.call(f, factList[k]!)) any = true
        if (!any) return undefined
        for (const b of branches) if (b.test(f)) return b.outcome
        return otherwise
      },
      onGrid: (grid) => {
        const pts = pointsOnGrid([...branches.map((b) => b.outcome.points), otherwisePoints], grid)
        if (pts === undefined) return undefined
        const other = pts.pop()!
        // flat all / any of comparisons with constants: data the lane evaluates in its loop
        const flat = rule.branches.map((b, k) => flatBranch(b.when, pts[k]!, branches[k]!.outcome))
        if (flat.every((b) => b !== undefined)) return { op: 'branches', branches: flat as NonNullable<(typeof flat)[number]>[], otherwise: other, otherwiseOutcome: otherwise }
        // otherwise the branches read from one array of the rule's facts, each fact read once
        const slots = new Map<string, number>()
        for (const name of factList) slots.set(name, slots.size)
        const tests = rule.branches.map((b) => compileConditionOnSlots(b.when, slots, ctx.operators))
        if (slots.size !== factList.length) return undefined
        const count = tests.length
        const width = factList.length
        const values: unknown[] = new Array<unknown>(width).fill(undefined)
        const compute = (f: Facts): number => {
          let any = false
          for (let k = 0; k < width; k++) {
            const v = readFact(f, factList[k]!)
            values[k] = v
            if (!any && (v !== undefined || own.call(f, factList[k]!))) any = true
          }
          let out = other
          if (!any) out = Number.NaN
          else {
            for (let k = 0; k < count; k++) {
              if (tests[k]!(values)) {
                out = pts[k]!
                break
              }
            }
          }
          // keep nothing of this unit's facts alive
          for (let k = 0; k < width; k++) values[k] = undefined
          return out
        }
        return { op: 'compute', compute }
      },
    }
  },
})

const ORDER_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])

/** A fact compared with a constant, as data; undefined for any other condition. */
function flatComparison(c: ConditionInput): GridComparison | undefined {
  if (!('fact' in c) || 'all' in c || 'any' in c || 'not' in c) return undefined
  if (c.path !== undefined || c.params !== undefined) return undefined
  const v = c.value
  if (c.operator === 'equal' || c.operator === 'notEqual') {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { fact: c.fact, operator: c.operator, value: v }
    return undefined
  }
  if (ORDER_OPERATORS.has(c.operator) && typeof v === 'number' && Number.isFinite(v)) return { fact: c.fact, operator: c.operator as GridComparison['operator'], value: v }
  return undefined
}

/** A branch that is one comparison or a flat all / any of them, as data. */
function flatBranch(when: ConditionInput, points: number, outcome: RuleOutcome): { all: boolean; comparisons: GridComparison[]; points: number; outcome: RuleOutcome } | undefined {
  const list = 'all' in when ? when.all : 'any' in when ? when.any : undefined
  if (list === undefined) {
    const one = flatComparison(when)
    return one ? { all: true, comparisons: [one], points, outcome } : undefined
  }
  if (list.length === 0) return undefined
  const comparisons: GridComparison[] = []
  for (const c of list) {
    const one = flatComparison(c)
    if (!one) return undefined
    comparisons.push(one)
  }
  return { all: 'all' in when, comparisons, points, outcome }
}

/** Points on a grid, one per outcome; undefined when one of them is too large for it. */
function pointsOnGrid(points: readonly Exact[], grid: Grid): number[] | undefined {
  const out: number[] = []
  for (const p of points) {
    const g = toGrid(p, grid)
    if (g === undefined) return undefined
    out.push(g)
  }
  return out
}

/** The branch text of a ratio of whole counts, as a trace shows it ("17/19 × 2"). @internal */
export function ratioBranch(numerator: number, denominator: number, maxText: string): string {
  // a whole number prints as its Exact does; one join makes one flat string
  return [String(numerator), '/', String(denominator), ' × ', maxText].join('')
}

/** The names of the built-in rule kinds. */
export const BUILT_IN_RULE_KINDS = ['manual', 'boolean', 'choice', 'steps', 'ratio', 'count', 'survey', 'conditions'] as const

/** The built-in kinds' definitions, in the order of {@link BUILT_IN_RULE_KINDS}. @internal */
export const BUILT_IN_KINDS: readonly RuleKindDefinition[] = [manualKind, booleanKind, choiceKind, stepsKind, ratioKind, countKind, surveyKind, conditionsKind]

/** Types a kind's definition by its schema (the compile function sees validated options). */
function defineRuleKind<S extends z.core.$ZodType>(definition: RuleKindDefinition<S>): RuleKindDefinition {
  return definition as unknown as RuleKindDefinition
}
