/**
 * Acceptance 2 of issue #12: a plug-in rule kind cannot make `evaluate` and
 * `evaluateBatch` disagree. A kind's meaning is its form (data whose exact meaning and
 * integer lowering are defined once, in rules/forms) or its one `compute`; there is no
 * second, hand-written fast form to contradict it.
 */
import { z } from 'zod'
import { describe, expect, test } from 'vitest'
import { createEngine, createRegistry, evaluate, evaluateBatch, Exact, recalculate, safeEvaluateBatch, type ChisoIssue, type PackInput } from '@chiso/core'
import { BUILT_IN_RULE_KINDS, RULE_FORMS, readNumberFact, ruleKinds } from '@chiso/core/plugin'
import { BUILT_IN_KINDS } from '../src/rules/kinds.js'
import { kindExamples } from './kind-arbitraries.js'

// the plug-ins of this file live in an engine of its own, not in the process-wide default one
const engine = createEngine()

/** the kind of the issue: 10 points when the fact n is at least 5 */
const AT_LEAST_FIVE = 'forms-test-at-least-five'
const AT_LEAST_FIVE_STEPS = 'forms-test-at-least-five-steps'
const schema = (kind: string) => z.strictObject({ kind: z.literal(kind), fact: z.string() })
// compute only: exact on every path, the lane asks it for each leaf
engine.addRuleKind({
  kind: AT_LEAST_FIVE,
  schema: schema(AT_LEAST_FIVE),
  compile: (rule, ctx) => ({
    facts: [rule.fact],
    compute: (facts) => {
      const n = readNumberFact(facts, rule.fact)
      if (n === undefined) return undefined
      return n.cmp(Exact.from(5)) >= 0 ? { points: ctx.maxPoints, branch: 'n ≥ 5' } : { points: Exact.ZERO, branch: 'n < 5' }
    },
  }),
})
// the same meaning as a steps form: fast on the lane for free
engine.addRuleKind({
  kind: AT_LEAST_FIVE_STEPS,
  schema: schema(AT_LEAST_FIVE_STEPS),
  compile: (rule, ctx) => ({
    facts: [rule.fact],
    form: {
      form: 'steps',
      fact: rule.fact,
      steps: [{ min: Exact.from(5), exclusive: false, outcome: { points: ctx.maxPoints, branch: 'n ≥ 5' } }],
      otherwise: { points: Exact.ZERO, branch: 'n < 5' },
    },
  }),
})

const packOf = (kind: string): PackInput => ({
  id: `forms/${kind}`,
  version: '1.0.0',
  title: 'n ≥ 5',
  criteria: [
    { code: '1', title: 'A', maxPoints: 10, rule: { kind, fact: 'n' } },
    { code: '2', title: 'B', maxPoints: 2, rule: { kind: 'boolean', fact: 'ok' } },
  ],
  // leaf rounding: the integer lane takes the batch
  rounding: { leaf: { decimals: 2 } },
})

describe.each([AT_LEAST_FIVE, AT_LEAST_FIVE_STEPS])('the n ≥ 5 plug-in kind %s', (kind) => {
  const input = packOf(kind)
  const pack = engine.compilePack(input)
  const units = [4, 5, 6, 4.99, '5.00'].map((n, i) => ({ unitId: `u${i}`, period: '2024', facts: { n, ok: true } }))

  test('evaluate, evaluateBatch (on the lane) and recalculate of the batch record agree', () => {
    const alone = units.map((u) => evaluate(pack, u).node('1')!.points.toString())
    expect(alone).toEqual(['0', '10', '10', '0', '10'])
    for (const kernel of ['auto', 'interpreter', 'verify'] as const) {
      const batch = evaluateBatch(pack, units, { kernel })
      expect(batch.units.map((u) => u.result.node('1')!.points.toString())).toEqual(alone)
      // the lane took the plain numbers (not the text "5.00" of the steps form: its exact meaning decides that unit)
      if (kernel !== 'interpreter') expect(batch.units.filter((u) => u.result.laneOf() !== undefined).length).toBeGreaterThanOrEqual(4)
      else expect(batch.units.every((u) => u.result.laneOf() === undefined)).toBe(true)
    }
    const registry = createRegistry([input], { engine })
    for (const u of evaluateBatch(pack, units).units) {
      const record = JSON.parse(JSON.stringify(u.result.toJSON()))
      const r = recalculate(record, { registry })
      expect(r.identical ? [] : r.differences).toEqual([])
    }
  })
})

describe('the kernel option', () => {
  test("'verify' reports a lane result the interpreter does not reproduce (kernel_disagreement, with the unit and node)", () => {
    // an impure plug-in (its compute answers differently each time it is asked): the lane
    // asks it once, the interpreter again, and verify sees the difference
    const FLAKY = 'forms-test-flaky'
    let calls = 0
    engine.addRuleKind({
      kind: FLAKY,
      schema: z.strictObject({ kind: z.literal(FLAKY) }),
      compile: () => ({ facts: ['n'], compute: () => ({ points: Exact.from(calls++ % 2), branch: 'flaky' }) }),
    })
    const pack = engine.compilePack({ ...packOf(FLAKY), id: 'forms/flaky', criteria: [{ code: '1', title: 'A', maxPoints: 10, rule: { kind: FLAKY } }] })
    const r = safeEvaluateBatch(pack, [{ unitId: 'x', period: '2024', facts: { n: 1 } }], { kernel: 'verify' })
    expect(r.ok).toBe(false)
    const issues = r.ok ? [] : r.issues
    expect(issues.map((i) => [i.code, i.path, i.value])).toEqual([['kernel_disagreement', [0], { unitId: 'x', node: 'total', what: 'points' }]])
    expect(issues[0]!.message.en).toContain('disagree')
    expect(() => evaluateBatch(pack, [{ unitId: 'x', period: '2024', facts: { n: 1 } }], { kernel: 'verify' })).toThrow(/kernel_disagreement|disagree/)
  })
})

describe('forms a plug-in gives are checked data', () => {
  const BAD = 'forms-test-bad-form'
  const BOTH = 'forms-test-both'
  engine.addRuleKind({
    kind: BAD,
    schema: z.strictObject({ kind: z.literal(BAD) }),
    // a threshold that is no Exact
    compile: () => ({
      facts: ['n'],
      form: { form: 'steps', fact: 'n', steps: [{ min: 5 as unknown as Exact, exclusive: false, outcome: { points: Exact.ONE, branch: '≥ 5' } }], otherwise: { points: Exact.ZERO, branch: '< 5' } },
    }),
  })
  engine.addRuleKind({
    kind: BOTH,
    schema: z.strictObject({ kind: z.literal(BOTH) }),
    // two meanings of one rule: refused, whichever would have won
    compile: () => ({ facts: ['n'], form: { form: 'count', fact: 'n', each: Exact.ONE, cap: Exact.ONE }, compute: () => ({ points: Exact.ZERO, branch: '0' }) }),
  })
  test.each([
    [BAD, 'steps'],
    [BOTH, 'count'],
  ])('%s does not compile (invalid_rule_form)', (kind, form) => {
    const r = engine.safeCompilePack({ id: 'forms/bad', version: '1.0.0', title: 'T', criteria: [{ code: '1', title: 'A', maxPoints: 1, rule: { kind } }] })
    expect(r.ok).toBe(false)
    const issues: readonly ChisoIssue[] = r.ok ? [] : r.issues
    expect(issues.map((i) => [i.code, i.path])).toEqual([['invalid_rule_form', ['criteria', 0, 'rule']]])
    expect(issues[0]!.message.en).toContain(`"${form}"`)
    expect(issues[0]!.message.vi).toContain(`"${form}"`)
  })
})

describe('built-in kinds as the property tests see them', () => {
  test('every built-in kind gives examples that compile; those scored from facts compile to forms covering every data form', () => {
    const examples = kindExamples()
    for (const def of BUILT_IN_KINDS) expect(def.examples?.length ?? 0, def.kind).toBeGreaterThan(0)
    // every kind has examples; those scored by hand or by survey compile to no form
    expect([...new Set(examples.map((e) => e.kind))]).toEqual([...BUILT_IN_RULE_KINDS])
    expect([...new Set(examples.filter((e) => e.form === undefined).map((e) => e.kind))].sort()).toEqual(['manual', 'survey'])
    expect([...new Set(examples.flatMap((e) => (e.form ? [e.form.form] : [])))].sort()).toEqual(RULE_FORMS.filter((f) => f !== 'compute').sort())
    // the default engine has none of this file's plug-ins
    expect(ruleKinds().some((k) => k.startsWith('forms-test-'))).toBe(false)
  })
})

describe('a plug-in survey rule', () => {
  const surveys = createEngine()
  surveys.addRuleKind({
    kind: 'forms-test-points-only-survey',
    schema: z.strictObject({ kind: z.literal('forms-test-points-only-survey') }),
    // gives an outcome for entered points only: for answer counts nothing, against its type
    compile: () => ({ facts: [], fromSurvey: ((input: { points?: number }) => (input.points === undefined ? undefined : { points: Exact.from(input.points), branch: 'entered' })) as never }),
  })
  const pack = surveys.compilePack({
    id: 'forms/survey-plug-in',
    version: '1.0.0',
    title: 'S',
    criteria: [
      { code: '1', title: 'A', maxPoints: 10, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: 0.5 } } },
      { code: '2', title: 'B', maxPoints: 10, source: 'survey', rule: { kind: 'forms-test-points-only-survey' } },
    ],
  })

  test('scores what it gives, and never takes another leaf’s or unit’s share when it gives nothing: an unexpected_error at the input', () => {
    const given = { unitId: 'u', period: '1', survey: { '1': { answers: { A: 1, B: 2 } }, '2': { points: 4 } } }
    for (const trace of [false, true]) expect(evaluate(pack, given, { trace }).node('2')!.points.toString()).toBe('4')
    const nothing = { unitId: 'v', period: '1', survey: { '1': { answers: { A: 1, B: 2 } }, '2': { answers: { X: 3 } } } }
    for (const trace of [false, true]) {
      const r = safeEvaluateBatch(pack, [given, nothing], { trace })
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['unexpected_error', [1, 'survey', '2']]])
    }
  })
})
