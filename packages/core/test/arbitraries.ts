/**
 * Shared fast-check arbitraries: valid random rule packs (random tree depth 1–3, maxima
 * with at most two decimals so children add up to parents exactly, every rule kind the
 * engine has — from its examples and, for some, random options — with the facts a unit
 * sends drawn by the generator of the form the rule compiles to (kind-arbitraries.ts),
 * bands, adjustments, applicability, evidence, floors on nodes, scaled indexes) and valid
 * random assessments for a pack — with, on request, `per` facts no number (input errors).
 *
 * Every amount is generated in integer hundredths ("cents") and written as a decimal, so
 * the expected sums are exact by construction.
 */
import fc from 'fast-check'
import type { AssessmentInput, ConditionInput, CriterionInput, Engine, PackInput } from '@chiso/core'
import { builtInEngine, factsForForm, kindExamples, renameFacts, ruleFacts, type KindExample, type KindSource } from './kind-arbitraries.js'

/** hundredths → a decimal as a JS number (e.g. 7 → 0.07) or as text ("0.07") */
export const dec = (cents: number, asText = false): number | string => (asText ? (cents / 100).toFixed(2) : cents / 100)

/** What the assessment generator needs to know about a leaf. */
export interface LeafSpec {
  readonly code: string
  readonly maxCents: number
  readonly kind: string
  readonly survey: boolean
  /** the values (in cents) a unit may enter; 'any' = any hundredth in [0, max] */
  readonly allowed: readonly number[] | 'any'
  /** facts the rule reads, each with an arbitrary of valid values */
  readonly facts: readonly { readonly name: string; readonly value: fc.Arbitrary<unknown> }[]
  /** the fact a steps / ratio / count rule rewards (raising it never lowers points) */
  readonly rewardFact: string | undefined
  readonly evidence: boolean
  /** the survey answers the rule weighs (a survey leaf) */
  readonly answers: readonly string[]
}

export interface AdjustmentSpec {
  readonly id: string
  readonly kind: 'fixed' | 'per' | 'entered'
  readonly capCents: number | undefined
  readonly fact: string | undefined
}

export interface PackSpec {
  readonly pack: PackInput
  readonly leaves: readonly LeafSpec[]
  readonly adjustments: readonly AdjustmentSpec[]
  /** every criterion code */
  readonly codes: readonly string[]
  /** codes of nodes that carry an applicability condition (fact `na:<code>` = true makes them not applicable) */
  readonly conditional: readonly string[]
}

interface Built {
  readonly criterion: CriterionInput
  readonly maxCents: number
  readonly leaves: LeafSpec[]
  readonly codes: string[]
  readonly conditional: string[]
}

const cents = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max })

/** 0 ≤ a ≤ b ≤ … ≤ max, n values */
const nonDecreasing = (n: number, max: number): fc.Arbitrary<number[]> => fc.array(cents(0, max), { minLength: n, maxLength: n }).map((xs) => [...xs].sort((a, b) => a - b))

/** A leaf's rule as an option generator gives it: the rule, the leaf's maximum (in cents) and how it is written. */
interface DrawnRule {
  readonly rule: Record<string, unknown> & { kind: string }
  readonly maxCents: number
  /** the maximum written as text ("0.07") */
  readonly asText: boolean
}

/** numbers (few: facts meet them often) and text a condition compares with */
const conditionConstant = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom<unknown>('a', 'b', true, false, null, 2.5))

/**
 * A random condition over the facts `names`, with every operator the engine has (custom
 * ones compared with a number), now and then a path into the fact or another fact as the
 * value; groups (all / any / not) to depth 2.
 */
function conditionArb(names: readonly string[], operators: readonly string[], depth = 2): fc.Arbitrary<ConditionInput> {
  const comparison = fc
    .record({
      fact: fc.constantFrom(...names),
      operator: fc.constantFrom(...operators),
      k: fc.integer({ min: 0, max: 4 }),
      c: conditionConstant,
      list: fc.array(conditionConstant, { minLength: 1, maxLength: 3 }),
      // now and then (1 in 6, 1 in 8) a path into the fact, another fact as the value
      path: fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: fc.constant('$.v'), weight: 1 }),
      ref: fc.oneof({ arbitrary: fc.constant(undefined), weight: 7 }, { arbitrary: fc.constantFrom(...names), weight: 1 }),
    })
    .map(({ fact, operator, k, c, list, path, ref }): ConditionInput => {
      const value =
        operator === 'in' || operator === 'notIn'
          ? list
          : ref !== undefined && ref !== fact
            ? { fact: ref }
            : operator === 'equal' || operator === 'notEqual' || operator === 'contains' || operator === 'doesNotContain'
              ? c
              : k
      return { fact, operator, value, ...(path === undefined ? {} : { path }) } as ConditionInput
    })
  if (depth === 0) return comparison
  const inner = conditionArb(names, operators, depth - 1)
  // mostly shallow: a comparison deep in a large tree seldom decides the branch
  return fc.oneof(
    { arbitrary: comparison, weight: 6 },
    { arbitrary: fc.array(inner, { minLength: 1, maxLength: 2 }).map((all) => ({ all })), weight: 2 },
    { arbitrary: fc.array(inner, { minLength: 1, maxLength: 2 }).map((any) => ({ any })), weight: 2 },
    { arbitrary: inner.map((not) => ({ not })), weight: 1 },
  )
}

/**
 * Random options for some kinds, beside their examples: maxima of any hundredth, written as
 * numbers or text, thresholds, options and conditions of every shape. A kind not listed here
 * is drawn from its examples only; the kinds themselves come from the engine.
 */
const OPTIONS: Readonly<Record<string, (code: string, max: number, engine: Engine) => fc.Arbitrary<Record<string, unknown> & { kind: string }>>> = {
  manual: (_code, _max) => fc.option(fc.constantFrom(25, 50), { nil: undefined }).map((step) => (step === undefined ? { kind: 'manual' } : { kind: 'manual', step: dec(step, step === 50) })),
  boolean: (code, max) =>
    fc.record({ pts: fc.option(cents(1, max), { nil: undefined }), withFact: fc.boolean() }).map(({ pts, withFact }) => {
      const rule: Record<string, unknown> & { kind: string } = { kind: 'boolean' }
      if (pts !== undefined) rule.points = dec(pts)
      if (withFact) rule.fact = `b:${code}`
      return rule
    }),
  choice: (code, max) =>
    fc.array(cents(0, max), { minLength: 1, maxLength: 3 }).map((pts) => ({ kind: 'choice', fact: `ch:${code}`, options: pts.map((p, i) => ({ value: `o${i}`, points: dec(p) })) })),
  steps: (code, max) =>
    fc
      .integer({ min: 1, max: 3 })
      .chain((n) =>
        fc.record({
          mins: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: n, maxLength: n }).map((m) => [...m].sort((a, b) => a - b)),
          pts: nonDecreasing(n + 1, max),
          excl: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        }),
      )
      // pts[0] is "otherwise", pts[i + 1] is the points at mins[i]: higher threshold, no fewer points
      .map(({ mins, pts, excl }) => ({
        kind: 'steps',
        fact: `st:${code}`,
        steps: mins.map((m, i) => ({ min: m, points: dec(pts[i + 1]!), ...(excl[i] ? { minExclusive: true } : {}) })),
        otherwise: dec(pts[0]!),
      })),
  ratio: (code) =>
    fc.record({ useOf: fc.boolean(), of: fc.integer({ min: 1, max: 200 }), zero: fc.constantFrom(undefined, 'full', 'zero') }).map(({ useOf, of, zero }) => {
      const rule: Record<string, unknown> & { kind: string } = { kind: 'ratio', numerator: `rn:${code}` }
      if (useOf) rule.of = of
      else rule.denominator = `rd:${code}`
      if (zero !== undefined) rule.whenZeroDenominator = zero
      return rule
    }),
  count: (code, max) =>
    fc.record({ each: cents(1, 200), cap: fc.option(cents(0, max), { nil: undefined }) }).map(({ each, cap }) => {
      const rule: Record<string, unknown> & { kind: string } = { kind: 'count', fact: `cn:${code}`, pointsEach: dec(each) }
      if (cap !== undefined) rule.cap = dec(cap)
      return rule
    }),
  survey: () => cents(0, 100).map((b) => ({ kind: 'survey', weights: { A: 1, B: dec(b), C: 0 } })),
  conditions: (code, max, engine) =>
    fc
      .integer({ min: 1, max: 3 })
      .chain((nFacts) => {
        const names = Array.from({ length: nFacts }, (_, i) => `cd${i}:${code}`)
        return fc.record({
          branches: fc.array(fc.record({ when: conditionArb(names, engine.operators()), points: cents(0, max) }), { minLength: 1, maxLength: 3 }),
          other: fc.option(cents(0, max), { nil: undefined }),
        })
      })
      .map(({ branches, other }) => ({ kind: 'conditions', branches: branches.map((b) => ({ when: b.when, points: dec(b.points) })), ...(other === undefined ? {} : { otherwise: dec(other) }) })),
}

/** A rule of any kind the engine has: random options where OPTIONS has them (half the time), else one of the kind's examples with its facts made the leaf's own. */
function ruleArb(code: string, source: KindSource, examples: readonly KindExample[]): fc.Arbitrary<DrawnRule> {
  return fc.constantFrom(...source.engine.ruleKinds()).chain((kind) => {
    const own = examples.filter((e) => e.kind === kind)
    const fromExample = fc
      .constantFrom(...own)
      .map((ex): DrawnRule => ({ rule: renameFacts(ex.rule, ex.facts, (f) => `${f}@${code}`) as DrawnRule['rule'], maxCents: Math.round(ex.maxPoints * 100), asText: false }))
    const options = OPTIONS[kind]
    if (options === undefined) return fromExample
    const random = fc
      .record({ maxCents: cents(1, 1000), asText: fc.boolean() })
      .chain(({ maxCents, asText }) => options(code, maxCents, source.engine).map((rule): DrawnRule => ({ rule, maxCents, asText })))
    return fc.oneof(fromExample, random)
  })
}

function leafArb(code: string, source: KindSource, examples: readonly KindExample[]): fc.Arbitrary<Built> {
  return fc.record({ drawn: ruleArb(code, source, examples), evidence: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }) }).chain(({ drawn: { rule, maxCents, asText }, evidence }) => {
    const maxPoints = dec(maxCents, asText)
    // what the unit may send is read from what the rule compiles to: a generator per form
    const info = ruleFacts(source.engine, rule, maxPoints)
    const form = info.compiled.form
    const factArbs =
      form !== undefined ? factsForForm(form, info.compiled.facts, true) : Object.fromEntries(info.compiled.facts.map((f) => [f, fc.integer({ min: 0, max: 100 }) as fc.Arbitrary<unknown>]))
    const criterion = {
      code,
      title: `Tiêu chí ${code}`,
      maxPoints,
      rule,
      ...(info.survey ? { source: 'survey' as const } : {}),
      ...(evidence === undefined ? {} : { evidence: { required: true, minDocuments: evidence } }),
    } as CriterionInput
    const leaf: LeafSpec = {
      code,
      maxCents,
      kind: rule.kind,
      survey: info.survey,
      allowed: info.allowed,
      facts: Object.entries(factArbs).map(([name, value]) => ({ name, value })),
      rewardFact: info.rewardFact,
      evidence: evidence !== undefined,
      answers: info.answers,
    }
    return fc.constant<Built>({ criterion, maxCents, leaves: [leaf], codes: [code], conditional: [] })
  })
}

function nodeArb(code: string, depth: number, maxDepth: number, source: KindSource, examples: readonly KindExample[]): fc.Arbitrary<Built> {
  const leaf = leafArb(code, source, examples)
  const withExtras = (b: fc.Arbitrary<Built>): fc.Arbitrary<Built> =>
    fc
      .record({
        b,
        applicability: fc.boolean(),
        caps: fc.option(fc.record({ deduction: fc.option(cents(0, 300), { nil: undefined }), bonus: fc.option(cents(0, 300), { nil: undefined }) }), { nil: undefined }),
        // a node's own floor, now and then: below 0, above its maximum, a fraction
        floor: fc.option(fc.constantFrom<number | string>(-1, 0, 0.5, 2, 12, '1/3'), { nil: undefined, freq: 4 }),
      })
      .map(({ b, applicability, caps, floor }) => {
        const criterion: CriterionInput = { ...b.criterion }
        if (floor !== undefined) criterion.floor = floor
        const conditional = [...b.conditional]
        if (applicability && depth > 1) {
          criterion.applicability = { fact: `na:${code}`, operator: 'notEqual', value: true }
          conditional.push(code)
        }
        if (caps) {
          const c: { deduction?: number | string; bonus?: number | string } = {}
          if (caps.deduction !== undefined) c.deduction = dec(caps.deduction)
          if (caps.bonus !== undefined) c.bonus = dec(caps.bonus)
          criterion.adjustmentCaps = c
        }
        return { ...b, criterion, conditional }
      })
  if (depth >= maxDepth) return withExtras(leaf)
  const inner = fc
    .integer({ min: 1, max: 3 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => nodeArb(`${code}.${i + 1}`, depth + 1, maxDepth, source, examples))))
    .map((kids): Built => {
      const maxCents = kids.reduce((s, k) => s + k.maxCents, 0)
      return {
        criterion: { code, title: `Nhóm ${code}`, maxPoints: dec(maxCents), children: kids.map((k) => k.criterion) },
        maxCents,
        leaves: kids.flatMap((k) => k.leaves),
        codes: [code, ...kids.flatMap((k) => k.codes)],
        conditional: kids.flatMap((k) => k.conditional),
      }
    })
  return withExtras(fc.oneof({ arbitrary: leaf as fc.Arbitrary<Built>, weight: 1 }, { arbitrary: inner, weight: 2 }))
}

const adjustmentArb = (id: string, codes: readonly string[]): fc.Arbitrary<{ json: NonNullable<PackInput['adjustments']>[number]; spec: AdjustmentSpec }> =>
  fc
    .record({
      target: fc.constantFrom('total', ...codes),
      type: fc.constantFrom('deduction' as const, 'bonus' as const),
      kind: fc.constantFrom('fixed' as const, 'fixed-when' as const, 'per' as const, 'entered' as const),
      points: cents(0, 300),
      cap: fc.option(cents(0, 400), { nil: undefined }),
    })
    .map(({ target, type, kind, points, cap }) => {
      const fact = `adj:${id}`
      const amount =
        kind === 'fixed'
          ? { kind: 'fixed' as const, points: dec(points) }
          : kind === 'fixed-when'
            ? { kind: 'fixed' as const, points: dec(points), when: { fact, operator: 'equal', value: true } }
            : kind === 'per'
              ? { kind: 'per' as const, fact, points: dec(points) }
              : { kind: 'entered' as const }
      const json = { id, type, title: `Điều chỉnh ${id}`, target, amount, ...(cap === undefined ? {} : { cap: dec(cap) }) }
      return {
        json,
        spec: { id, kind: kind === 'fixed-when' ? 'fixed' : kind, capCents: cap, fact: kind === 'fixed-when' || kind === 'per' ? fact : undefined },
      }
    })

/**
 * A valid random pack for an engine, with the facts about it the assessment generator
 * needs: its leaves draw every rule kind `source.engine.ruleKinds()` lists (see ruleArb).
 */
export function packSpecArbOf(source: KindSource): fc.Arbitrary<PackSpec> {
  const examples = kindExamples(source)
  return fc
    .record({ areas: fc.integer({ min: 1, max: 3 }), maxDepth: fc.integer({ min: 1, max: 3 }) })
    .chain(({ areas, maxDepth }) => fc.tuple(...Array.from({ length: areas }, (_, i) => nodeArb(String(i + 1), 1, maxDepth, source, examples))))
    .chain((areas) => {
      const codes = areas.flatMap((a) => a.codes)
      return fc
        .record({
          adjustments: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => adjustmentArb(`adj${i}`, codes)))),
          bands: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
          bandsExcl: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
          floor: fc.constantFrom(undefined, 0, -2, 0.5),
          method: fc.constantFrom(undefined, 'competition' as const, 'dense' as const),
          by: fc.constantFrom(undefined, 'index' as const, 'points' as const),
          leafRounding: fc.option(fc.record({ decimals: fc.integer({ min: 0, max: 2 }), mode: fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const, 'up' as const) }), {
            nil: undefined,
          }),
          indexRounding: fc.option(fc.record({ decimals: fc.integer({ min: 0, max: 3 }), mode: fc.constantFrom('half-up' as const, 'half-even' as const) }), { nil: undefined }),
          indexKind: fc.constantFrom(undefined, 'ratio' as const, 'points' as const),
          indexScale: fc.constantFrom<number | string | undefined>(undefined, 10, 7, 1000, '1/3'),
          policy: fc.constantFrom(undefined, 'zero' as const, 'flag' as const),
          withScale: fc.boolean(),
        })
        .map((o): PackSpec => {
          const total = areas.reduce((s, a) => s + a.maxCents, 0)
          const pack: PackInput = {
            id: 'test/random',
            version: '1.0.0',
            title: 'Random pack',
            criteria: areas.map((a) => a.criterion),
            adjustments: o.adjustments.map((a) => a.json),
            bands: o.bands.map((min, i) => ({ code: `b${min}`, label: `Band ${min}`, min, ...(o.bandsExcl[i] ? { minExclusive: true } : {}) })),
          }
          if (o.withScale) pack.scale = dec(total)
          if (o.floor !== undefined) pack.floor = o.floor
          if (o.method !== undefined || o.by !== undefined) pack.ranking = { ...(o.method ? { method: o.method } : {}), ...(o.by ? { by: o.by } : {}) }
          if (o.leafRounding || o.indexRounding) pack.rounding = { ...(o.leafRounding ? { leaf: o.leafRounding } : {}), ...(o.indexRounding ? { index: o.indexRounding } : {}) }
          if (o.indexKind || o.indexScale !== undefined) pack.index = { kind: o.indexKind ?? 'ratio', ...(o.indexScale === undefined ? {} : { scale: o.indexScale }) }
          if (o.policy) pack.evidencePolicy = { missing: o.policy }
          return { pack, leaves: areas.flatMap((a) => a.leaves), adjustments: o.adjustments.map((a) => a.spec), codes, conditional: areas.flatMap((a) => a.conditional) }
        })
    })
}

/** A valid random pack of the built-in kinds (`compilePack` compiles it), with the facts about it the assessment generator needs. */
export const packSpecArb: fc.Arbitrary<PackSpec> = packSpecArbOf({ engine: builtInEngine })

const allowedArb = (l: LeafSpec): fc.Arbitrary<number> => (l.allowed === 'any' ? cents(0, l.maxCents) : fc.constantFrom(...l.allowed))

/** values of a `per` adjustment's fact: counts, text that is a decimal, negative, null */
const perFact = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 5 }), weight: 8 }, { arbitrary: fc.constantFrom<unknown>('2', '1.5', -1, null), weight: 1 })
/** …and, when asked for, values that are no number: the input error a leaf reading them gets */
const oddPerFact = fc.oneof({ arbitrary: perFact, weight: 3 }, { arbitrary: fc.constantFrom<unknown>('ba', true, 'x2'), weight: 1 })

/**
 * A random assessment of `unitId` for the pack described by `spec`: valid, unless `odd`
 * (then a `per` adjustment's fact may be text or a boolean).
 */
export function assessmentArb(spec: PackSpec, unitId: string, odd = false): fc.Arbitrary<AssessmentInput> {
  const scored = spec.leaves.filter((l) => !l.survey)
  const surveyed = spec.leaves.filter((l) => l.survey)
  const factArbs: Record<string, fc.Arbitrary<unknown>> = {}
  for (const code of spec.conditional) factArbs[`na:${code}`] = fc.boolean()
  for (const a of spec.adjustments) if (a.fact) factArbs[a.fact] = a.kind === 'per' ? (odd ? oddPerFact : perFact) : fc.boolean()
  const pick = <T>(entries: [string, fc.Arbitrary<T>][]): fc.Arbitrary<Record<string, T>> =>
    fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<T>>, { requiredKeys: [] }) as unknown as fc.Arbitrary<Record<string, T>>
  type Change = { code: string; points: number | string; reason: string }
  const changeArb: fc.Arbitrary<Change[]> =
    scored.length === 0
      ? fc.constant([])
      : fc.array(
          fc.constantFrom(...scored).chain((l) => allowedArb(l).map((c) => ({ code: l.code, points: dec(c), reason: `sửa ${l.code}` }))),
          { maxLength: 3 },
        )
  return fc
    .record({
      // a leaf's facts each now and then absent, and now and then (1 in 4) none of them: the
      // rule then decides nothing and the self score (or 0) stands
      facts: fc
        .tuple(
          pick(Object.entries(factArbs)),
          ...spec.leaves.filter((l) => l.facts.length > 0).map((l) => fc.option(pick(l.facts.map((f) => [f.name, f.value] as [string, fc.Arbitrary<unknown>])), { nil: undefined, freq: 4 })),
        )
        .map(([facts, ...leaves]) => Object.assign(facts, ...leaves.filter((x) => x !== undefined))),
      selfScores: pick(scored.map((l) => [l.code, allowedArb(l).map((c) => dec(c))] as [string, fc.Arbitrary<number | string>])),
      survey: pick(
        surveyed.map(
          (l) =>
            [
              l.code,
              fc.oneof(
                fc.record({ answers: fc.record(Object.fromEntries(l.answers.map((k) => [k, fc.nat(50)]))) }),
                cents(0, l.maxCents).map((c) => ({ points: dec(c) })),
              ),
            ] as [string, fc.Arbitrary<{ answers: Record<string, number> } | { points: number | string }>],
        ),
      ),
      evidence: spec.leaves.some((l) => l.evidence)
        ? fc.array(
            fc.subarray(
              spec.leaves.filter((l) => l.evidence).map((l) => l.code),
              { minLength: 1 },
            ),
            { maxLength: 3 },
          )
        : fc.constant([] as string[][]),
      rounds: fc
        .uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 3 })
        .chain((nums) => fc.tuple(...nums.map((round) => changeArb.map((changes) => ({ round, reviewer: `Tổ ${round}`, at: `2024-01-0${round}`, changes }))))),
      entered: pick(spec.adjustments.filter((a) => a.kind === 'entered').map((a) => [a.id, cents(0, a.capCents ?? 500).map((c) => dec(c))] as [string, fc.Arbitrary<number | string>])),
      group: fc.constantFrom('g1', 'g2'),
    })
    .map((o) => {
      const a: AssessmentInput = { unitId, period: '2024', group: o.group, facts: o.facts, selfScores: o.selfScores, survey: o.survey }
      if (o.evidence.some((e) => e.length > 0)) a.evidence = o.evidence.filter((e) => e.length > 0).map((criteria, i) => ({ id: `ev${i}`, number: `${i}/KH-UBND`, criteria }))
      if (o.rounds.length > 0) a.appraisals = o.rounds
      if (Object.keys(o.entered).length > 0) a.adjustments = o.entered
      return a
    })
}

/** A pack with one assessment. */
export const packAndAssessmentArb = packSpecArb.chain((spec) => assessmentArb(spec, 'u1').map((assessment) => ({ spec, assessment })))

/** A pack with one assessment whose `per` facts may be no number. */
export const packAndOddAssessmentArb = packSpecArb.chain((spec) => assessmentArb(spec, 'u1', true).map((assessment) => ({ spec, assessment })))

/** The same for an engine of one's own (its packs compile with `source.engine.compilePack`). */
export const packAndOddAssessmentArbOf = (source: KindSource) => packSpecArbOf(source).chain((spec) => assessmentArb(spec, 'u1', true).map((assessment) => ({ spec, assessment })))

/** A pack with a population of 1–8 assessments (unit ids u0…). */
export const packAndBatchArb = packSpecArb.chain((spec) =>
  fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => assessmentArb(spec, `u${i}`))).map((assessments) => ({ spec, assessments }))),
)

/** Recursively re-creates every object with its keys in a shuffled order (arrays keep theirs). */
export function shuffleKeys(value: unknown, rnd: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rnd))
  if (value === null || typeof value !== 'object') return value
  const keys = Object.keys(value)
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[keys[i], keys[j]] = [keys[j]!, keys[i]!]
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = shuffleKeys((value as Record<string, unknown>)[k], rnd)
  return out
}
