/**
 * The built-in rule kinds: how a leaf turns its inputs into points. Each is a plug-in like
 * any other — a zod schema for its options plus a compile function that returns one of the
 * data forms of rules/forms (whose exact meaning and integer lowering are defined there,
 * once) and the checks of entered scores and facts; nothing from a pack runs as code.
 */
import * as z from 'zod/mini'
import { issue, preview, type IssuePath } from '../util/errors.js'
import { Exact, lcmNum, reducedInto } from '../util/exact.js'
import { ConditionSchema, DecimalSchema, NonNegativeDecimalSchema, PositiveDecimalSchema, TextSchema, UnitIntervalDecimalSchema } from '../model/schemas.js'
import type { CompiledRule, EnteredScoreProblem, RuleCompileContext, RuleKindDefinition, RuleOutcome, SurveyInput } from './types.js'
import { checkNumberFact } from './facts.js'
import type { Step } from './forms/index.js'

const own = Object.prototype.hasOwnProperty
/** no unknown survey answers: one frozen list, shared */
const NO_ANSWERS: readonly string[] = Object.freeze([])

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
  return (score) => {
    for (let i = 0; i < uniq.length; i++) if (uniq[i]!.eq(score)) return undefined
    return { code: 'score_not_allowed', params: { allowed } }
  }
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
  examples: [{ maxPoints: 2, rule: { kind: 'manual', step: 0.25 } }],
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
  examples: [
    { maxPoints: 1.5, rule: { kind: 'boolean', fact: 'reportsOnTime' } },
    { maxPoints: 2, rule: { kind: 'boolean', fact: 'onlineIntake', points: 1.25 } },
  ],
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
      form: { form: 'pick', fact, values: [true, false], outcomes: [yes, no] },
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
  examples: [
    {
      maxPoints: 2,
      rule: {
        kind: 'choice',
        fact: 'planIssued',
        options: [
          { value: 'on-time', points: 2 },
          { value: 'late', points: 0.75 },
          { value: 'none', points: 0 },
        ],
      },
    },
  ],
  compile(rule, ctx) {
    const outcomes = new Map<string, RuleOutcome>()
    rule.options.forEach((o, i) => {
      const points = dec(o.points, ctx, ['options', i, 'points'])
      checkPoints(points, ctx, ['options', i, 'points'])
      if (outcomes.has(o.value)) {
        ctx.issues.push(issue('invalid_value', [...ctx.path, 'options', i, 'value'], { value: o.value, detail: 'lựa chọn bị trùng', detailEn: 'duplicate option' }, o.value))
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
      form: { form: 'pick', fact, values: [...outcomes.keys()], outcomes: [...outcomes.values()] },
      checkFacts: (facts, path, issues) => {
        if (!own.call(facts, fact)) return
        const v = facts[fact]
        if (v === undefined || v === null) return
        if (typeof v !== 'string' || !outcomes.has(v)) {
          issues.push(issue('invalid_value', [...path, fact], { value: v, detail: `một trong: ${known}`, detailEn: `one of: ${known}` }, v))
        }
      },
    }
  },
})

const stepsKind = defineRuleKind({
  kind: 'steps',
  schema: StepsRule,
  examples: [
    {
      maxPoints: 2,
      rule: {
        kind: 'steps',
        fact: 'completionRate',
        steps: [
          { min: 90, points: 2 },
          { min: 70, points: 1 },
          { min: 50, points: 0.5, minExclusive: true },
        ],
      },
    },
    { maxPoints: 1, rule: { kind: 'steps', fact: 'score', steps: [{ min: '0.1', points: 1 }], otherwise: 0.25 } },
  ],
  compile(rule, ctx) {
    const steps: Step[] = rule.steps.map((s, i) => {
      const min = dec(s.min, ctx, ['steps', i, 'min'], 'threshold')
      const points = dec(s.points, ctx, ['steps', i, 'points'])
      checkPoints(points, ctx, ['steps', i, 'points'])
      const exclusive = s.minExclusive === true
      return { min, exclusive, outcome: { points, branch: `${exclusive ? '>' : '≥'} ${min} → ${points}` } }
    })
    // highest threshold first; at equal minimum an exclusive bound is the stricter one
    steps.sort((a, b) => b.min.cmp(a.min) || Number(b.exclusive) - Number(a.exclusive))
    const otherwisePoints = rule.otherwise === undefined ? Exact.ZERO : dec(rule.otherwise, ctx, ['otherwise'])
    checkPoints(otherwisePoints, ctx, ['otherwise'])
    const otherwise: RuleOutcome = { points: otherwisePoints, branch: `otherwise → ${otherwisePoints}` }
    const fact = rule.fact
    return {
      facts: [fact],
      checkEntered: allowedSet([otherwisePoints, ...steps.map((s) => s.outcome.points)]),
      form: { form: 'steps', fact, steps, otherwise },
      checkFacts: (facts, path, issues) => checkNumberFact(facts, fact, path, issues, false),
    }
  },
})

const ratioKind = defineRuleKind({
  kind: 'ratio',
  schema: RatioRule,
  examples: [
    { maxPoints: 2, rule: { kind: 'ratio', numerator: 'dossiersOnTime', denominator: 'dossiersTotal' } },
    { maxPoints: 1.5, rule: { kind: 'ratio', numerator: 'handled', denominator: 'received', whenZeroDenominator: 'zero' } },
    { maxPoints: 1, rule: { kind: 'ratio', numerator: 'meetings', of: 12 } },
  ],
  compile(rule, ctx) {
    const { numerator, denominator } = rule
    if ((denominator === undefined) === (rule.of === undefined)) {
      ctx.issues.push(
        issue('invalid_value', ctx.path, {
          value: rule,
          detail: 'cần đúng một trong "denominator" hoặc "of"',
          detailEn: 'give exactly one of "denominator" (a fact) or "of" (a constant)',
        }),
      )
    }
    // positive: the schema says so
    const of = rule.of === undefined ? undefined : dec(rule.of, ctx, ['of'], 'divisor')
    if ((denominator === undefined) === (of === undefined)) return { facts: [] }
    const facts = denominator === undefined ? [numerator] : [numerator, denominator]
    return {
      facts,
      form: {
        form: 'ratio',
        numerator,
        ...(denominator === undefined ? {} : { denominator }),
        ...(of === undefined ? {} : { of }),
        max: ctx.maxPoints,
        zeroDenominator: rule.whenZeroDenominator ?? 'full',
        code: ctx.code,
      },
      checkFacts: (f, path, issues) => {
        for (const name of facts) checkNumberFact(f, name, path, issues, true)
      },
    }
  },
})

const countKind = defineRuleKind({
  kind: 'count',
  schema: CountRule,
  examples: [
    { maxPoints: 2, rule: { kind: 'count', fact: 'trainings', pointsEach: 0.5 } },
    { maxPoints: 3, rule: { kind: 'count', fact: 'initiatives', pointsEach: 0.75, cap: 2.25 } },
  ],
  compile(rule, ctx) {
    const each = dec(rule.pointsEach, ctx, ['pointsEach'])
    const cap = rule.cap === undefined ? ctx.maxPoints : dec(rule.cap, ctx, ['cap'])
    checkPoints(cap, ctx, ['cap'])
    const fact = rule.fact
    return {
      facts: [fact],
      form: { form: 'count', fact, each, cap },
      checkFacts: (facts, path, issues) => checkNumberFact(facts, fact, path, issues, true),
    }
  },
})

const surveyKind = defineRuleKind({
  kind: 'survey',
  schema: SurveyRule,
  examples: [{ maxPoints: 8, rule: { kind: 'survey', weights: { A: 1, B: 0.6, C: 0.2 } } }],
  compile(rule, ctx) {
    const weights = new Map<string, Exact>()
    for (const [answer, w] of Object.entries(rule.weights ?? {})) {
      // within [0, 1]: the schema says so
      weights.set(answer, dec(w, ctx, ['weights', answer]))
    }
    const max = ctx.maxPoints
    // the weights as whole numbers over their least common denominator, when all stay safe
    // integers (decimal weights always do): then a unit's counts are weighed in integers
    let common = 1
    for (const w of weights.values()) {
      common = lcmNum(common, Number(w.parts()[1]))
      if (Number.isNaN(common)) break
    }
    let wholeWeights: Map<string, number> | undefined = new Map()
    for (const [answer, w] of weights) {
      const [n, d] = w.parts()
      const whole = Number(n) * (common / Number(d))
      if (!Number.isSafeInteger(common) || !Number.isSafeInteger(whole)) {
        wholeWeights = undefined
        break
      }
      wholeWeights.set(answer, whole)
    }
    const scoring: SurveyWeights = { weights, whole: wholeWeights === undefined ? undefined : { weights: wholeWeights, common, max }, max }
    const fromSurvey = (input: SurveyInput, explain: boolean): RuleOutcome => scoreSurvey(scoring, input, explain)
    SURVEY_WEIGHTS.set(fromSurvey, scoring)
    return {
      facts: [],
      // an answer the rule has no weight for would silently count as 0: report it instead
      checkSurvey: (input) => {
        if (!('answers' in input)) return NO_ANSWERS
        // every answer weighed (the usual case): the shared empty list, no list of keys
        const answers = input.answers
        for (const k in answers) if (own.call(answers, k) && !weights.has(k)) return Object.keys(answers).filter((x) => !weights.has(x))
        return NO_ANSWERS
      },
      fromSurvey,
    }
  },
})

const NO_ANSWERS_OUTCOME: RuleOutcome = Object.freeze({ points: Exact.ZERO, branch: 'no answers → 0' })

/** A survey rule's weights as whole numbers over their least common denominator `common`, and the leaf's maximum. @internal */
export interface WholeWeights {
  readonly weights: ReadonlyMap<string, number>
  readonly common: number
  readonly max: Exact
}

/**
 * A built-in survey rule's weights as {@link scoreSurvey} reads them: each answer's weight,
 * the same weights whole over a safe common denominator (undefined when they are not), and
 * the leaf's maximum. @internal
 */
export interface SurveyWeights {
  readonly weights: ReadonlyMap<string, Exact>
  readonly whole: WholeWeights | undefined
  readonly max: Exact
}

/** each built-in survey rule's weights, by its `fromSurvey` (which is the rule's own) */
const SURVEY_WEIGHTS = new WeakMap<object, SurveyWeights>()

/**
 * The weights of a leaf's rule when it is a built-in survey rule (else undefined): what
 * {@link scoreSurvey} scores the leaf's input with, as the rule's `fromSurvey` does. @internal
 */
export function surveyWeightsOf(rule: CompiledRule | undefined): SurveyWeights | undefined {
  const f = rule?.fromSurvey
  return f === undefined ? undefined : SURVEY_WEIGHTS.get(f)
}

/** a survey share weighed in integers: a reduced fraction of safe integers (`none`: no answers, which scores 0) */
type ShareParts = { n: number; d: number; none: boolean }

/** where fromSurvey's integer path has its share written (one for all: scoring is synchronous) */
const SHARE: ShareParts = { n: 0, d: 1, none: false }

/**
 * A survey input scored by a built-in survey rule: the rule's one meaning, which its
 * `fromSurvey` runs and the exact interpreter calls directly. Entered points count as they
 * are; answer counts are weighed in integers when no trace reads the branch and they can be
 * (see surveyShareParts), else as rationals. Given `parts`, a share weighed in integers is
 * written there and undefined returned (no rational, no outcome); else an outcome always.
 * @internal
 */
export function scoreSurvey(s: SurveyWeights, input: SurveyInput, explain: boolean): RuleOutcome
export function scoreSurvey(s: SurveyWeights, input: SurveyInput, explain: boolean, parts: ShareParts): RuleOutcome | undefined
export function scoreSurvey(s: SurveyWeights, input: SurveyInput, explain: boolean, parts?: ShareParts): RuleOutcome | undefined {
  if ('points' in input) {
    const p = Exact.from(input.points)
    return { points: p, branch: `survey points ${p}` }
  }
  if (!explain && s.whole !== undefined && surveyShareParts(input.answers, s.whole, parts ?? SHARE)) {
    if (parts !== undefined) return undefined
    return SHARE.none ? NO_ANSWERS_OUTCOME : { points: Exact.ratio(SHARE.n, SHARE.d), branch: 'weighted share × max' }
  }
  // counts are safe integers each, their sum need not be: summed exactly
  let total = Exact.ZERO
  let weighted = Exact.ZERO
  for (const [answer, n] of Object.entries(input.answers)) {
    const count = Exact.from(n)
    total = total.add(count)
    const w = s.weights.get(answer)
    if (w !== undefined && n !== 0) weighted = weighted.add(w.mul(count))
  }
  if (total.isZero()) return NO_ANSWERS_OUTCOME
  const share = weighted.div(total)
  // the branch text is read only by a trace: not built (nor the share printed) without one
  return { points: share.mul(s.max), branch: explain ? `${total} answers, weighted share ${share}` : 'weighted share × max' }
}

/**
 * A survey's weighted share × max from whole-number weights: Σ wᵢ·countᵢ ⁄ (common · Σ
 * countᵢ) × max, the same exact value as weighing each answer as a rational, written to
 * `out` as a reduced fraction of safe integers (`none`: no answers, which scores 0). False
 * (out unusable) when a count is no safe whole number ≥ 0, or a sum or product leaves the
 * safe integers: the caller then weighs the answers as rationals. @internal
 */
export function surveyShareParts(answers: Readonly<Record<string, number>>, whole: WholeWeights, out: ShareParts): boolean {
  const weights = whole.weights
  let total = 0
  let weighted = 0
  for (const answer in answers) {
    if (!own.call(answers, answer)) continue
    const n = answers[answer]
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return false
    total += n
    const w = weights.get(answer)
    if (w !== undefined) weighted += w * n
    if (!Number.isSafeInteger(total) || !Number.isSafeInteger(weighted)) return false
  }
  if (total === 0) {
    out.n = 0
    out.d = 1
    out.none = true
    return true
  }
  out.none = false
  // weighted / (common · total) × max: one product of each part, one reduction
  const num = weighted * whole.max.smallNumerator
  const den = whole.common * total * whole.max.smallDenominator
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return false
  reducedInto(num, den, out)
  return true
}

const conditionsKind = defineRuleKind({
  kind: 'conditions',
  schema: ConditionsRule,
  examples: [
    {
      maxPoints: 2,
      rule: {
        kind: 'conditions',
        branches: [
          {
            when: {
              all: [
                { fact: 'meetings', operator: 'greaterThanInclusive', value: 4 },
                { fact: 'minutesFiled', operator: 'equal', value: true },
              ],
            },
            points: 2,
            label: 'đủ',
          },
          { when: { any: [{ fact: 'meetings', operator: 'greaterThan', value: 1 }] }, points: 1 },
        ],
        otherwise: 0.5,
      },
    },
    {
      maxPoints: 1,
      rule: {
        kind: 'conditions',
        branches: [{ when: { all: [{ fact: 'level', operator: 'in', value: ['a', 'b'] }, { not: { fact: 'late', operator: 'greaterThan', value: 2 } }] }, points: 1 }],
      },
    },
  ],
  compile(rule, ctx) {
    const branches = rule.branches.map((b, i) => {
      const points = dec(b.points, ctx, ['branches', i, 'points'])
      checkPoints(points, ctx, ['branches', i, 'points'])
      return { when: b.when, outcome: { points, branch: `${b.label ?? `branch ${i + 1}`} → ${points}` } as RuleOutcome }
    })
    const otherwisePoints = rule.otherwise === undefined ? Exact.ZERO : dec(rule.otherwise, ctx, ['otherwise'])
    checkPoints(otherwisePoints, ctx, ['otherwise'])
    const otherwise: RuleOutcome = { points: otherwisePoints, branch: `otherwise → ${otherwisePoints}` }
    return {
      // the facts its conditions read are added as the form is compiled (rules/forms)
      facts: [],
      checkEntered: allowedSet([otherwisePoints, ...branches.map((b) => b.outcome.points)]),
      form: { form: 'branches', branches, otherwise },
    }
  },
})

/** The names of the built-in rule kinds. */
export const BUILT_IN_RULE_KINDS = ['manual', 'boolean', 'choice', 'steps', 'ratio', 'count', 'survey', 'conditions'] as const

/**
 * The built-in kinds' definitions, in the order of {@link BUILT_IN_RULE_KINDS}. A new
 * built-in kind is one more definition here (with its `examples`, which the property tests
 * draw from) and its tests. @internal
 */
export const BUILT_IN_KINDS: readonly RuleKindDefinition[] = [manualKind, booleanKind, choiceKind, stepsKind, ratioKind, countKind, surveyKind, conditionsKind]

/** Types a kind's definition by its schema (the compile function sees validated options). */
function defineRuleKind<S extends z.core.$ZodType>(definition: RuleKindDefinition<S>): RuleKindDefinition {
  return definition as unknown as RuleKindDefinition
}
