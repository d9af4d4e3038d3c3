/**
 * Engines own their registries: rule kinds and condition operators added to one engine are
 * unknown to every other (the default one included); custom operators compile like the
 * built-in ones, on the general path and on the integer lane alike.
 */
import fc from 'fast-check'
import { Engine as JsonRulesEngine } from 'json-rules-engine'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { ChisoError, compilePack, createEngine, evaluate, evaluateBatch, Exact, safeCompilePack, type AssessmentInput, type ChisoIssue, type ConditionInput, type ConditionOperator } from '@chiso/core'
import { defaultEngine, readNumberFact, ruleKinds, type Facts, type RuleCompileContext, type RuleKindDefinition } from '@chiso/core/plugin'
import { packJsonSchema } from '@chiso/core/schemas'

// a whole number divisible by the value; a text starting with it
const divisibleBy: ConditionOperator = (n, d) => typeof n === 'number' && typeof d === 'number' && d !== 0 && Number.isInteger(n) && n % d === 0
const startsWith: ConditionOperator = (s, p) => typeof s === 'string' && typeof p === 'string' && s.startsWith(p)

const codes = (r: { ok: boolean; issues?: readonly ChisoIssue[] }) => (r.ok ? [] : r.issues!.map((i) => [i.code, i.path.join('.')]))
const thrown = (f: () => unknown): [string, string][] => {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ChisoError)
    return (e as ChisoError).issues.map((i) => [i.code, i.path.join('.')])
  }
  throw new Error('expected a ChisoError')
}

const atLeast = (kind: string): RuleKindDefinition<z.ZodType> =>
  ({
    kind,
    schema: z.strictObject({ kind: z.literal(kind), fact: z.string().min(1), min: z.number() }),
    compile: (rule: { fact: string; min: number }, ctx: RuleCompileContext) => ({
      facts: [rule.fact],
      compute: (facts: Facts) => {
        const v = readNumberFact(facts, rule.fact)
        if (v === undefined) return undefined
        return v.gte(Exact.from(rule.min)) ? { points: ctx.maxPoints, branch: `≥ ${rule.min}` } : { points: Exact.ZERO, branch: `< ${rule.min}` }
      },
    }),
  }) as unknown as RuleKindDefinition<z.ZodType>

/** A pack using custom operators in a `conditions` rule, an applicability and an adjustment. */
const operatorPack = (leafRounding: boolean) => ({
  id: 'eng/ops',
  version: '1.0.0',
  title: 'Ops',
  ...(leafRounding ? { rounding: { leaf: { decimals: 2 } } } : {}),
  criteria: [
    {
      code: '1',
      title: 'A',
      maxPoints: 6,
      children: [
        {
          code: '1.1',
          title: 'branches',
          maxPoints: 3,
          source: 'computed',
          rule: {
            kind: 'conditions',
            branches: [
              // one custom comparison with a constant: the shape the lane would take as data
              { when: { fact: 'n', operator: 'divisibleBy', value: 6 }, points: 3 },
              {
                when: {
                  all: [
                    { fact: 'n', operator: 'divisibleBy', value: 2 },
                    { fact: 'n', operator: 'greaterThan', value: 3 },
                  ],
                },
                points: 2,
              },
              { when: { not: { fact: 'code', operator: 'startsWith', value: 'X-' } }, points: 1.5 },
            ],
            otherwise: 0.25,
          },
        },
        {
          code: '1.2',
          title: 'fact against fact',
          maxPoints: 3,
          source: 'computed',
          rule: { kind: 'conditions', branches: [{ when: { fact: 'n', operator: 'divisibleBy', value: { fact: 'd' } }, points: 3 }] },
        },
      ],
    },
    {
      code: '2',
      title: 'B',
      maxPoints: 4,
      children: [
        {
          code: '2.1',
          title: 'only for HT- units',
          maxPoints: 4,
          rule: {
            kind: 'steps',
            fact: 'm',
            steps: [
              { min: 1, points: 2 },
              { min: 2, points: 4 },
            ],
          },
        },
      ],
    },
  ],
  adjustments: [{ id: 'odd', type: 'deduction', title: 'Odd n', target: '1', amount: { kind: 'fixed', points: 0.5, when: { not: { fact: 'n', operator: 'divisibleBy', value: 2 } } } }],
})

describe('createEngine', () => {
  it('a kind added to an engine is that engine’s only; the pack keeps its engine', () => {
    const engine = createEngine({ ruleKinds: [atLeast('eng-at-least')] })
    const other = createEngine()
    expect(engine.ruleKinds()).toEqual([...ruleKinds(), 'eng-at-least'])
    expect(ruleKinds()).not.toContain('eng-at-least')
    const json = { id: 'eng/k', version: '1.0.0', title: 'K', criteria: [{ code: '1', title: 'T', maxPoints: 2, rule: { kind: 'eng-at-least', fact: 'x', min: 3 } }] }
    const pack = engine.compilePack(json)
    expect(pack.engine).toBe(engine)
    expect(evaluate(pack, { unitId: 'u', period: '1', facts: { x: 3 } }).total.toString()).toBe('2')
    expect(evaluate(pack, { unitId: 'u', period: '1', facts: { x: 2 } }).total.toString()).toBe('0')
    for (const r of [other.safeCompilePack(json), safeCompilePack(json)]) expect(codes(r)).toEqual([['unknown_rule_kind', 'criteria.0.rule.kind']])
    expect(compilePack({ ...json, criteria: [{ code: '1', title: 'T', maxPoints: 2 }] }).engine).toBe(defaultEngine())
    // added later, through addRuleKind; the schema of the engine lists it, the default's does not
    other.addRuleKind(atLeast('eng-at-least'))
    expect(other.compilePack(json).engine).toBe(other)
    const kindsIn = (schema: Record<string, unknown>) =>
      (schema as { $defs: { Criterion: { properties: { rule: { anyOf: { properties: { kind: { const: string } } }[] } } } } }).$defs.Criterion.properties.rule.anyOf.map((b) => b.properties.kind.const)
    expect(kindsIn(other.packJsonSchema())).toContain('eng-at-least')
    expect(kindsIn(packJsonSchema())).not.toContain('eng-at-least')
  })

  it('refuses kinds and operators that clash, with every problem at once', () => {
    expect(
      thrown(() =>
        createEngine({
          ruleKinds: [atLeast('manual'), atLeast('twice'), atLeast('twice'), { kind: '', schema: null, compile: 1 } as never],
          operators: { equal: divisibleBy, 'not a name': divisibleBy, odd: 3 as never, divisibleBy },
        }),
      ),
    ).toEqual([
      ['duplicate_rule_kind', 'ruleKinds.0.kind'],
      ['duplicate_rule_kind', 'ruleKinds.2.kind'],
      ['invalid_value', 'ruleKinds.3.kind'],
      ['invalid_value', 'ruleKinds.3.schema'],
      ['invalid_value', 'ruleKinds.3.compile'],
      ['duplicate_operator', 'operators.equal'],
      ['invalid_value', 'operators.not a name'],
      ['invalid_value', 'operators.odd'],
    ])
    const engine = createEngine({ ruleKinds: [atLeast('twice')], operators: { divisibleBy } })
    expect(thrown(() => engine.addOperator('divisibleBy', divisibleBy))).toEqual([['duplicate_operator', 'operator']])
    expect(thrown(() => engine.addOperator('greaterThan', divisibleBy))).toEqual([['duplicate_operator', 'operator']])
    expect(thrown(() => engine.addOperator('__proto__.x', divisibleBy))).toEqual([['invalid_value', 'operator']])
    // a promise would count as true for every unit
    expect(thrown(() => engine.addOperator('later', (async () => true) as never))).toEqual([['invalid_value', 'operator']])
    expect(thrown(() => engine.addRuleKind(atLeast('twice')))).toEqual([['duplicate_rule_kind', 'kind']])
    expect(thrown(() => engine.addRuleKind(atLeast('steps')))).toEqual([['duplicate_rule_kind', 'kind']])
    // nothing was added by the refused calls
    expect(engine.operators()).toEqual([...defaultEngine().operators(), 'divisibleBy'])
    const message = (() => {
      try {
        engine.addOperator('equal', divisibleBy)
      } catch (e) {
        return (e as ChisoError).issues[0]!.message
      }
    })()
    expect(message?.en).toMatch(/"equal" already exists/)
    expect(message?.vi).toMatch(/"equal" đã có/)
  })
})

describe('engine.addOperator', () => {
  const engine = createEngine().addOperator('divisibleBy', divisibleBy).addOperator('startsWith', startsWith)
  const units: AssessmentInput[] = [
    { unitId: 'n12', period: '1', facts: { n: 12, d: 5, code: 'X-1', m: 2 } }, // 3 + 0 | − 0; 4
    { unitId: 'n8', period: '1', facts: { n: 8, d: 4, code: 'X-1', m: 1 } }, // 2 + 3; 2
    { unitId: 'n7', period: '1', facts: { n: 7, d: 7, code: 'X-1', m: 0 } }, // 0.25 + 3 − 0.5; 0
    { unitId: 'n9', period: '1', facts: { n: 9, d: 2, code: 'HT-1', m: 2 } }, // 1.5 + 0 − 0.5; 4
    { unitId: 'n4', period: '1', facts: { n: 4, d: 0, code: 'X-', m: 5 } }, // 2 + 0 (nothing divides by 0); 4
    { unitId: 'nx', period: '1', facts: { n: '12', d: 3, code: 42, m: 2 } }, // 1.5 + 0 − 0.5; 4
  ]
  const expected: Record<string, string> = { n12: '7', n8: '7', n7: '2.75', n9: '5', n4: '6', nx: '5' }

  for (const leafRounding of [false, true]) {
    it(`scores the same through evaluate and evaluateBatch (${leafRounding ? 'integer lane' : 'general path'})`, () => {
      const pack = engine.compilePack(operatorPack(leafRounding))
      const singles = units.map((u) => evaluate(pack, u, { trace: true }))
      expect(Object.fromEntries(singles.map((r) => [r.unitId, r.total.toString()]))).toEqual(expected)
      for (const mode of ['copy', 'borrow'] as const) {
        const batch = evaluateBatch(pack, units, { trace: true, inputs: mode })
        batch.units.forEach((u, i) => {
          expect(JSON.stringify(u.result.toJSON())).toBe(JSON.stringify(singles[i]!.toJSON()))
          expect(JSON.stringify(u.result.trace)).toBe(JSON.stringify(singles[i]!.trace))
          // with leaf rounding every unit (facts only) is scored on the lane, its slot compiler
          // running the custom operators
          expect(u.result.laneOf() !== undefined).toBe(leafRounding)
        })
      }
    })
  }

  it('a custom operator reading another fact scores alike on both paths (random facts)', () => {
    const pack = engine.compilePack(operatorPack(true))
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constantFrom('6', 6.5, null, undefined, true)), fc.integer({ min: -4, max: 7 }), (n, d) => {
        const facts = n === undefined ? { d } : { n, d }
        const r = evaluate(pack, { unitId: 'u', period: '1', facts })
        const b = evaluateBatch(pack, [{ unitId: 'u', period: '1', facts }]).units[0]!.result
        expect(b.toJSON()).toEqual(r.toJSON())
        // the rule has nothing to decide on without n … and otherwise says what the operator says
        expect(r.node('1.2')!.points.toString()).toBe(n === undefined || !divisibleBy(n, d) ? '0' : '3')
      }),
      { numRuns: 200 },
    )
  })

  it('differential: the same verdicts as json-rules-engine given the same operators (engine.addOperator)', async () => {
    const leaf: fc.Arbitrary<ConditionInput> = fc.record({
      fact: fc.constantFrom('a', 'b'),
      operator: fc.constantFrom('divisibleBy', 'startsWith', 'equal', 'greaterThan'),
      value: fc.oneof(
        fc.integer({ min: -3, max: 6 }),
        fc.constantFrom('x', 'xy', '', '4'),
        fc.constantFrom('a', 'b').map((fact) => ({ fact })),
      ),
    })
    const cond = fc.letrec<{ c: ConditionInput }>((tie) => ({
      c: fc.oneof(
        { maxDepth: 3, depthIdentifier: 'c' },
        { arbitrary: leaf, weight: 3 },
        fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
        fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
        tie('c').map((not) => ({ not })),
      ),
    })).c
    const value = fc.oneof(fc.integer({ min: -12, max: 12 }), fc.constantFrom('x', 'xyz', 'yx', '12', ''), fc.constant(null))
    const facts = fc.record({ a: value, b: value }, { requiredKeys: [] })
    await fc.assert(
      fc.asyncProperty(cond, facts, async (c, f) => {
        const issues: ChisoIssue[] = []
        const ours = engine.compileCondition(c, [], issues).test(f)
        expect(issues).toEqual([])
        const jre = new JsonRulesEngine([], { allowUndefinedFacts: true })
        jre.addOperator('divisibleBy', divisibleBy)
        jre.addOperator('startsWith', startsWith)
        jre.addRule({ conditions: ('all' in c || 'any' in c || 'not' in c ? c : { all: [c] }) as never, event: { type: 'hit' } })
        const { events } = await jre.run(structuredClone(f))
        expect(ours).toBe(events.length > 0)
      }),
      { numRuns: 300 },
    )
  })

  it('a pack using an operator its engine lacks fails to compile, naming each place', () => {
    const base = operatorPack(false)
    const json = { ...base, criteria: [base.criteria[0]!, { ...base.criteria[1]!, applicability: { fact: 'code', operator: 'startsWith', value: 'HT-' } }] }
    const expectedIssues = [
      ['unknown_operator', 'criteria.0.children.0.rule.branches.0.when.operator'],
      ['unknown_operator', 'criteria.0.children.0.rule.branches.1.when.all.0.operator'],
      ['unknown_operator', 'criteria.0.children.0.rule.branches.2.when.not.operator'],
      ['unknown_operator', 'criteria.0.children.1.rule.branches.0.when.operator'],
      ['unknown_operator', 'criteria.1.applicability.operator'],
      ['unknown_operator', 'adjustments.0.amount.when.not.operator'],
    ]
    const others = [createEngine(), createEngine({ operators: { startsWith } }), defaultEngine()]
    const got = others.map((e) => codes(e.safeCompilePack(json)))
    expect(got[0]).toEqual(expectedIssues)
    expect(got[1]).toEqual(expectedIssues.filter((_, i) => i !== 2 && i !== 4))
    expect(got[2]).toEqual(got[0])
    expect(codes(safeCompilePack(json))).toEqual(got[0])
    const unknown = createEngine().safeCompilePack(json)
    expect(unknown.ok ? undefined : unknown.issues[0]!.message.en).toMatch(/Operator "divisibleBy" is not supported \(known: equal, .*greaterThanInclusive\)/)
    // with both operators the same pack compiles, and its applicability reads the custom one
    const pack = engine.compilePack(json)
    expect(evaluate(pack, { unitId: 'u', period: '1', facts: { n: 6, d: 1, code: 'X-1', m: 2 } }).node('2')!.notApplicable).toBe(true)
    expect(
      evaluate(pack, { unitId: 'u', period: '1', facts: { n: 6, d: 1, code: 'HT-1', m: 2 } })
        .node('2')!
        .points.toString(),
    ).toBe('4')
  })

  it('the engine’s JSON Schema lists its operators; the default one the built-in ones', () => {
    const operatorsIn = (schema: Record<string, unknown>) => {
      const fact = (schema as { $defs: { Condition: { anyOf: { properties: Record<string, { enum?: string[] }> }[] } } }).$defs.Condition.anyOf.find((b) => 'fact' in b.properties)!
      return fact.properties.operator!.enum
    }
    expect(operatorsIn(engine.packJsonSchema())).toEqual(engine.operators())
    expect(engine.operators().slice(-2)).toEqual(['divisibleBy', 'startsWith'])
    expect(operatorsIn(packJsonSchema())).toEqual(createEngine().operators())
  })

  it('an operator added after a pack was compiled changes nothing in it; a truthy answer counts as true', () => {
    const e = createEngine({ operators: { truthy: ((v: unknown) => v) as ConditionOperator } })
    const json = {
      id: 'eng/t',
      version: '1.0.0',
      title: 'T',
      criteria: [{ code: '1', title: 'T', maxPoints: 1, source: 'computed', rule: { kind: 'conditions', branches: [{ when: { not: { fact: 'x', operator: 'truthy', value: 0 } }, points: 1 }] } }],
    }
    const pack = e.compilePack(json)
    expect(evaluate(pack, { unitId: 'u', period: '1', facts: { x: 'yes' } }).total.toString()).toBe('0')
    expect(evaluate(pack, { unitId: 'u', period: '1', facts: { x: 0 } }).total.toString()).toBe('1')
    e.addOperator('later', divisibleBy)
    expect(pack.engine.operators()).toContain('later')
    expect(evaluate(pack, { unitId: 'u', period: '1', facts: { x: '' } }).total.toString()).toBe('1')
  })
})
