/**
 * The model as zod schemas. Types are inferred from these, the JSON Schema for pack
 * authors is generated from them, and every input passes through them before use.
 * Numbers that carry points accept a JSON number or a decimal string ("14.5", "2/3"), so a
 * pack can state any exact value.
 */
import * as z from 'zod/mini'
import { CONDITION_OPERATORS } from '../rules/conditions.js'
import { Exact } from '../util/exact.js'
import { bilingual } from '../util/issue-messages.js'
import { decimalLimitIssue, MAX_DECIMAL_TEXT_LENGTH } from '../util/limits.js'
import { isVersion, MAX_VERSION_LENGTH, SEMVER_PATTERN } from './versions.js'

/** A decimal or fraction as text (the fast assessment check uses the same). @internal */
export const decimalPattern = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$|^\s*-?\d+\/\d+\s*$/
const unsignedPattern = /^\s*(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$|^\s*\d+\/\d+\s*$/

/** Refuses decimals beyond the digit limits (limits.ts) with `number_too_precise`. */
function withinDigits(v: number | string, ctx: z.core.$RefinementCtx): void {
  const i = decimalLimitIssue(v, [])
  if (i) ctx.addIssue({ code: 'custom', message: i.message.en, params: { chiso: i } })
}

/** Refuses text whose value fails `ok` (the number branch says the same with minimum / maximum). */
function textValue(ok: (x: Exact) => boolean, message: string): (v: string, ctx: z.core.$RefinementCtx) => void {
  return (v, ctx) => {
    const x = Exact.tryFrom(v)
    if (x !== undefined && !ok(x)) ctx.addIssue({ code: 'custom', message })
  }
}

const NON_NEGATIVE = bilingual('must not be negative', 'không được âm')
// the text limit is checked (as number_too_precise) by withinDigits; the JSON Schema states it
const decimalText = (pattern: RegExp, hint: string, check?: (v: string, ctx: z.core.$RefinementCtx) => void) => {
  const text = z.string().check(z.regex(pattern, hint)).check(z.superRefine(withinDigits))
  return (check ? text.check(z.superRefine(check)) : text).check(z.meta({ maxLength: MAX_DECIMAL_TEXT_LENGTH }))
}

/** An exact decimal: a JSON number or a decimal / fraction string such as "0.25" or "2/3". */
export const DecimalSchema = z
  .union([z.number().check(z.superRefine(withinDigits)), decimalText(decimalPattern, bilingual('decimal number as text, e.g. "0.25"', 'số thập phân dạng văn bản, ví dụ "0.25"'))])
  .check(z.meta({ description: 'Exact number: a JSON number or a decimal string such as "14.5"' }))
export type DecimalInput = z.input<typeof DecimalSchema>

/** An exact decimal ≥ 0: maxima, points, caps, scales. */
export const NonNegativeDecimalSchema = z
  .union([z.number().check(z.minimum(0, NON_NEGATIVE)).check(z.superRefine(withinDigits)), decimalText(unsignedPattern, bilingual('must not be negative, e.g. "0.25"', 'không được âm, ví dụ "0.25"'))])
  .check(z.meta({ description: 'Exact number ≥ 0: a JSON number or a decimal string such as "14.5"' }))

/** An exact decimal > 0: steps, divisors. */
export const PositiveDecimalSchema = z
  .union([
    z
      .number()
      .check(z.positive(bilingual('must be positive', 'phải dương')))
      .check(z.superRefine(withinDigits)),
    decimalText(
      unsignedPattern,
      bilingual('must be positive, e.g. "0.25"', 'phải dương, ví dụ "0.25"'),
      textValue((x) => x.gt(Exact.ZERO), bilingual('must be positive', 'phải dương')),
    ),
  ])
  .check(z.meta({ description: 'Exact number > 0: a JSON number or a decimal string such as "0.25"' }))

const WITHIN_UNIT = bilingual('must be within [0, 1]', 'phải nằm trong [0, 1]')

/** An exact decimal in [0, 1]: survey weights. */
export const UnitIntervalDecimalSchema = z
  .union([
    z.number().check(z.minimum(0, WITHIN_UNIT)).check(z.maximum(1, WITHIN_UNIT)).check(z.superRefine(withinDigits)),
    decimalText(
      unsignedPattern,
      bilingual('must be within [0, 1], e.g. "0.6"', 'phải nằm trong [0, 1], ví dụ "0.6"'),
      textValue((x) => x.lte(Exact.ONE), WITHIN_UNIT),
    ),
  ])
  .check(z.meta({ description: 'Exact number within [0, 1]: a JSON number or a decimal string such as "0.6"' }))

/** A text in Vietnamese, optionally with its English translation. */
export const TextSchema = z.union([z.string(), z.strictObject({ vi: z.string(), en: z.optional(z.string()) })])
export type Text = z.infer<typeof TextSchema>

const isoDate = z.iso.date()

/** json-rules-engine's fact condition: `{ fact, operator, value, path? }`. */
export interface FactConditionInput {
  fact: string
  operator: string
  value?: unknown
  path?: string | undefined
  params?: Record<string, unknown> | undefined
  priority?: number | undefined
}
/** json-rules-engine's condition syntax (all / any / not / fact conditions). */
export type ConditionInput =
  | { all: ConditionInput[]; priority?: number | undefined }
  | { any: ConditionInput[]; priority?: number | undefined }
  | { not: ConditionInput; priority?: number | undefined }
  | FactConditionInput

export const FactConditionSchema = z.strictObject({
  fact: z.string().check(z.minLength(1)),
  // any text passes here: the operators are the compiling engine's (built-in and custom, see
  // createEngine), so an unknown one is reported at compile (unknown_operator) with every
  // other problem of the pack; pack editors see the list (an engine's packJsonSchema lists
  // its custom operators in place of this one)
  operator: z
    .string()
    .check(z.minLength(1))
    .check(z.meta({ enum: [...CONDITION_OPERATORS] })),
  value: z.unknown(),
  path: z.optional(z.string()),
  params: z.optional(z.record(z.string(), z.unknown())),
  priority: z.optional(z.int().check(z.positive())),
})

export const ConditionSchema: z.ZodMiniType<ConditionInput, ConditionInput> = z
  .lazy(() =>
    z.union([
      z.strictObject({ all: z.array(ConditionSchema), priority: z.optional(z.int().check(z.positive())) }),
      z.strictObject({ any: z.array(ConditionSchema), priority: z.optional(z.int().check(z.positive())) }),
      z.strictObject({ not: ConditionSchema, priority: z.optional(z.int().check(z.positive())) }),
      FactConditionSchema,
    ]),
  )
  .check(z.meta({ id: 'Condition', description: 'json-rules-engine condition: all / any / not / { fact, operator, value, path }' })) as z.ZodMiniType<ConditionInput, ConditionInput>

/** A rule on a leaf: `kind` picks a registered rule kind; the rest is that kind's options. */
export const RuleShapeSchema = z.looseObject({ kind: z.string().check(z.minLength(1)) })

export const EvidenceRequirementSchema = z.strictObject({
  required: z.boolean(),
  minDocuments: z.optional(z.int().check(z.positive())),
  description: z.optional(TextSchema),
})

/** Whether a node's content is verified against a legal text or reconstructed. */
export const StatusSchema = z.enum(['verified', 'reconstructed'])

/**
 * What reconstructed content is shaped after (a template, a rule shape, a count), never its
 * legal reference: `legalRef` names only the text a figure really comes from.
 */
const BasisSchema = TextSchema.check(
  z.meta({
    description: 'What this reconstructed content is shaped after (not a legal reference: `legalRef` names only the text a figure really comes from)',
  }),
)

/** One node of the criteria tree (area, criterion, sub-criterion …; depth is not fixed). */
export interface CriterionInput {
  code: string
  title: Text
  maxPoints: DecimalInput
  source?: 'self' | 'survey' | 'computed' | undefined
  rule?: { kind: string; [k: string]: unknown } | undefined
  children?: CriterionInput[] | undefined
  evidence?: z.input<typeof EvidenceRequirementSchema> | undefined
  applicability?: ConditionInput | undefined
  notApplicable?: boolean | undefined
  adjustmentCaps?: { deduction?: DecimalInput | undefined; bonus?: DecimalInput | undefined } | undefined
  floor?: DecimalInput | undefined
  legalRef?: string | undefined
  status?: 'verified' | 'reconstructed' | undefined
  basis?: Text | undefined
  note?: string | undefined
  /** relative effort of one point of this criterion, for improvement plans (default 1; inherited by sub-criteria) */
  effort?: DecimalInput | undefined
}

const codePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

export const CriterionSchema: z.ZodMiniType<CriterionInput, CriterionInput> = z
  .lazy(() =>
    z.strictObject({
      code: z.string().check(z.regex(codePattern, bilingual('code such as "3.2.1"', 'mã dạng "3.2.1"'))),
      title: TextSchema,
      maxPoints: NonNegativeDecimalSchema,
      source: z.optional(z.enum(['self', 'survey', 'computed'])),
      rule: z.optional(RuleShapeSchema),
      children: z.optional(z.array(CriterionSchema)),
      evidence: z.optional(EvidenceRequirementSchema),
      applicability: z.optional(ConditionSchema),
      /** neutralised: not applicable to any unit (removed from every applicable maximum) */
      notApplicable: z.optional(z.boolean()),
      adjustmentCaps: z.optional(z.strictObject({ deduction: z.optional(NonNegativeDecimalSchema), bonus: z.optional(NonNegativeDecimalSchema) })),
      /** the least points this node keeps after its adjustments (default 0; min(floor, applicable max)) */
      floor: z.optional(DecimalSchema),
      legalRef: z.optional(z.string()),
      status: z.optional(StatusSchema),
      basis: z.optional(BasisSchema),
      note: z.optional(z.string()),
      effort: z.optional(PositiveDecimalSchema).check(
        z.meta({
          description: 'Relative effort of one point of this criterion, for improvement plans (> 0; default 1: a plan costs the points it raises); sub-criteria inherit it',
        }),
      ),
    }),
  )
  .check(z.meta({ id: 'Criterion', description: 'A node of the criteria tree (area, criterion, sub-criterion …)' })) as z.ZodMiniType<CriterionInput, CriterionInput>

/** How an adjustment's amount is found. */
export const AdjustmentAmountSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fixed'),
    points: NonNegativeDecimalSchema,
    when: z.optional(ConditionSchema),
  }),
  z.strictObject({ kind: z.literal('per'), fact: z.string().check(z.minLength(1)), points: NonNegativeDecimalSchema }),
  z.strictObject({ kind: z.literal('entered') }),
])

/** A deduction (điểm trừ) or bonus (điểm thưởng) with an optional cap. */
export const AdjustmentSchema = z.strictObject({
  id: z.string().check(z.regex(codePattern)),
  type: z.enum(['deduction', 'bonus']),
  title: TextSchema,
  target: z.optional(z.string()),
  amount: AdjustmentAmountSchema,
  cap: z.optional(NonNegativeDecimalSchema),
  legalRef: z.optional(z.string()),
  status: z.optional(StatusSchema),
  basis: z.optional(BasisSchema),
  note: z.optional(z.string()),
})

/** A classification band; the first band (from the top) whose minimum is met applies. */
export const BandSchema = z.strictObject({
  code: z.string().check(z.minLength(1)),
  label: TextSchema,
  min: DecimalSchema,
  minExclusive: z.optional(z.boolean()),
  legalRef: z.optional(z.string()),
  status: z.optional(StatusSchema),
  basis: z.optional(BasisSchema),
  note: z.optional(z.string()),
})

export const RoundingSchema = z.strictObject({
  decimals: z.int().check(z.minimum(0)).check(z.maximum(12)),
  mode: z.optional(z.enum(['half-up', 'half-even', 'down', 'up'])),
})

export const LegalBasisSchema = z.strictObject({
  ref: z.string().check(z.minLength(1)),
  title: z.optional(z.string()),
  date: z.optional(isoDate),
  url: z.optional(z.string()),
})

/** Units assessed but not ranked, by unit id or by whole ranking group. */
export const RankingExclusionSchema = z
  .strictObject({
    units: z.optional(z.array(z.string().check(z.minLength(1)))),
    groups: z.optional(z.array(z.string().check(z.minLength(1)))),
  })
  .check(z.meta({ description: 'Units assessed but not ranked (by unit id or ranking group): they keep their score and band and take no rank' }))

/** A semantic version (semver.org 2.0.0), e.g. "2.1.0", "2.1.0-rc.1", "2.1.0+build.5". */
export const SemverSchema = z
  .string()
  .check(z.refine(isVersion, { message: 'semver, e.g. "1.0.0"', params: { code: 'invalid_version' } }))
  .check(z.meta({ pattern: SEMVER_PATTERN.source, maxLength: MAX_VERSION_LENGTH, description: 'Semantic version (semver.org 2.0.0), e.g. "1.0.0", "1.1.0-rc.1"' }))

/** A rule pack: a versioned, declarative description of one index. */
export const PackSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9._\-/]*$/, bilingual('lower-case id such as "vn-cchc/commune"', 'mã viết thường, ví dụ "vn-cchc/commune"'))),
  version: SemverSchema,
  family: z.optional(z.string()),
  title: TextSchema,
  description: z.optional(TextSchema),
  effective: z.optional(z.strictObject({ from: isoDate, to: z.optional(isoDate) })),
  appliesTo: z.optional(z.array(z.string().check(z.minLength(1)))),
  legalBasis: z.optional(z.array(LegalBasisSchema)),
  extends: z.optional(z.strictObject({ id: z.string(), version: z.optional(SemverSchema) })),
  patches: z.optional(z.array(z.looseObject({ op: z.string() }))),
  scale: z.optional(NonNegativeDecimalSchema),
  /** the least points of the whole index (the root) after its adjustments; nodes have their own `floor` */
  floor: z.optional(DecimalSchema),
  criteria: z.optional(z.array(CriterionSchema)),
  adjustments: z.optional(z.array(AdjustmentSchema)),
  /** caps on all deductions / all bonuses applied to the whole index (the root) */
  adjustmentCaps: z.optional(z.strictObject({ deduction: z.optional(NonNegativeDecimalSchema), bonus: z.optional(NonNegativeDecimalSchema) })),
  bands: z.optional(z.array(BandSchema)),
  bandsBy: z.optional(z.enum(['index', 'points'])),
  ranking: z.optional(
    z.strictObject({
      method: z.optional(z.enum(['competition', 'dense'])),
      by: z.optional(z.enum(['index', 'points'])),
      /** units assessed but not ranked: they keep their score and band, take no rank */
      exclude: z.optional(RankingExclusionSchema),
    }),
  ),
  rounding: z.optional(z.strictObject({ leaf: z.optional(RoundingSchema), index: z.optional(RoundingSchema) })),
  index: z.optional(
    z.strictObject({
      kind: z.enum(['ratio', 'points']),
      /** positive: a zero scale would make every index 0 and every unit tie */
      scale: z.optional(PositiveDecimalSchema),
    }),
  ),
  evidencePolicy: z.optional(z.strictObject({ missing: z.enum(['zero', 'flag']) })),
  status: z.optional(StatusSchema),
  /** what the pack as a whole is shaped after, when its content is reconstructed */
  basis: z.optional(BasisSchema),
  note: z.optional(z.string()),
})
export type PackInput = z.input<typeof PackSchema>

/** An administrative unit (ministry, province, department, district, commune, ward …). */
export const UnitSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  kind: z.string().check(z.minLength(1)),
  parentId: z.optional(z.string()),
  validFrom: z.optional(isoDate),
  validTo: z.optional(isoDate),
  predecessors: z.optional(z.array(z.string())),
  group: z.optional(z.string()),
  attributes: z.optional(z.record(z.string(), z.unknown())),
})
export type UnitInput = z.input<typeof UnitSchema>

/** An evidence document (tài liệu kiểm chứng) linked to one or more criteria. */
export const EvidenceSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  number: z.optional(z.string()),
  issuer: z.optional(z.string()),
  issuedOn: z.optional(isoDate),
  title: z.optional(z.string()),
  url: z.optional(z.string()),
  sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
  criteria: z.array(z.string()).check(z.minLength(1)),
})
export type EvidenceInput = z.input<typeof EvidenceSchema>

/** One change in an appraisal round: the new points for a leaf and why. */
export const AppraisalChangeSchema = z.strictObject({
  code: z.string(),
  points: DecimalSchema,
  reason: z.string().check(z.minLength(1)),
})

/** A round of appraisal (thẩm định); a later round overrides an earlier one. */
export const AppraisalRoundSchema = z.strictObject({
  round: z.int().check(z.positive()),
  reviewer: z.string().check(z.minLength(1)),
  at: z.string().check(z.minLength(1)),
  changes: z.array(AppraisalChangeSchema),
})

/** Survey input for one criterion: an answer distribution, or points already computed. */
export const SurveyInputSchema = z.union([z.strictObject({ answers: z.record(z.string(), z.int().check(z.nonnegative())) }), z.strictObject({ points: DecimalSchema })])

/** One unit's assessment for one period under one pack. */
export const AssessmentSchema = z.strictObject({
  unitId: z.string().check(z.minLength(1)),
  period: z.string().check(z.minLength(1)),
  unit: z.optional(UnitSchema),
  group: z.optional(z.string()),
  facts: z.optional(z.record(z.string(), z.unknown())),
  selfScores: z.optional(z.record(z.string(), DecimalSchema)),
  evidence: z.optional(z.array(EvidenceSchema)),
  explanations: z.optional(z.record(z.string(), z.string())),
  appraisals: z.optional(z.array(AppraisalRoundSchema)),
  survey: z.optional(z.record(z.string(), SurveyInputSchema)),
  adjustments: z.optional(z.record(z.string(), DecimalSchema)),
})
export type AssessmentInput = z.input<typeof AssessmentSchema>
export type Assessment = z.output<typeof AssessmentSchema>
