/**
 * Acceptance 3: the compiled condition agrees with json-rules-engine 7 itself for random
 * conditions and facts; unknown operators and unsafe paths are compile errors. Where a path
 * steps out of the fact's own data (a text's length, an array's length, into a number) our
 * rule — nothing is there — differs from json-rules-engine's on purpose: those reads are
 * rewritten to an absent fact before asking it, and the rule is tested directly.
 */
import fc from 'fast-check'
import { Engine } from 'json-rules-engine'
import { describe, expect, it } from 'vitest'
import { safeCompilePack, type ChisoIssue, type ConditionInput } from '@chiso/core'
import { compileCondition, CONDITION_OPERATORS } from '@chiso/core/plugin'

const OPS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const
const FACTS = ['a', 'b', 'c'] as const
const KEYS = ['x', 'y', 'length', 'a b'] as const

const primitive = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.constantFrom(0.5, 2.5, -1.25, 10),
  // strings weigh double: a path may step into them ("$.x.length", "$.x[0]")
  { arbitrary: fc.constantFrom('', '3', '12abc', 'abc', 'x', ' 7', '2.5'), weight: 2 },
  fc.boolean(),
  fc.constant(null),
)
const jsonParts = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 3, depthIdentifier: 'json' }, { arbitrary: primitive, weight: 4 }, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 3, noNullPrototype: true }),
}))
const json: fc.Arbitrary<unknown> = jsonParts.value
/** a fact's value: as often an object or array (what paths read) as anything else */
const factValue: fc.Arbitrary<unknown> = fc.oneof(json, jsonParts.object, jsonParts.array)

/** A simple path: `$.x`, `$.x.y`, `$[0]`, `$.x[1]`, `$['a b']`, `$.length` … */
const segment = fc.oneof(
  fc.constantFrom('x', 'y', 'length').map((k) => `.${k}`),
  fc.constantFrom(0, 1).map((i) => `[${i}]`),
  fc.constant("['a b']"),
)
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `$${s.join('')}`)

const factRef = fc.record({ fact: fc.constantFrom(...FACTS), path: fc.option(path, { nil: undefined }) }).map((r) => (r.path === undefined ? { fact: r.fact } : { fact: r.fact, path: r.path }))

const factCondition: fc.Arbitrary<ConditionInput> = fc
  .record({
    fact: fc.constantFrom(...FACTS),
    operator: fc.constantFrom(...OPS),
    path: fc.option(path, { nil: undefined }),
    constant: json,
    list: fc.array(primitive, { maxLength: 4 }),
    ref: fc.option(factRef, { nil: undefined, freq: 3 }),
  })
  .map(({ fact, operator, path, constant, list, ref }) => {
    // in / notIn keep constant array values; the others may compare with another fact
    const value = operator === 'in' || operator === 'notIn' ? list : (ref ?? constant)
    return path === undefined ? { fact, operator, value } : { fact, operator, value, path }
  })

const condition: fc.Arbitrary<ConditionInput> = fc.letrec((tie) => ({
  node: fc.oneof({ maxDepth: 4, depthIdentifier: 'cond' }, { arbitrary: factCondition, weight: 3 }, tie('all'), tie('any'), tie('not')),
  all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
  any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  not: tie('node').map((not) => ({ not })),
})).node as fc.Arbitrary<ConditionInput>

const facts = fc.dictionary(fc.constantFrom(...FACTS), factValue, { maxKeys: 3, noNullPrototype: true }) as fc.Arbitrary<Record<string, unknown>>

type Segments = (string | number)[]
/** the segments of a generated simple path ("$.x[1]['a b']") */
const segmentsOf = (path: string): Segments => [...path.matchAll(/\.([\w$-]+)|\[(\d+)\]|\['([^']+)'\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3])!))

/**
 * Whether reading `segs` from `v` steps out of own data — meets a value that is neither an
 * object nor an array while segments remain, or a name on an array — where the own-data
 * rule reads nothing and JSONPath-plus / json-rules-engine may read something.
 */
function leavesOwnData(v: unknown, segs: Segments): boolean {
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!
    // nothing there (or null inside the data): both read nothing; a fact that is null itself
    // is given back by json-rules-engine for any path
    if (v === undefined || (v === null && k > 0)) return false
    if (v === null || typeof v !== 'object') return true
    if (Array.isArray(v) && typeof s !== 'number') return true
    if (!Object.hasOwn(v, s)) return false
    v = (v as Record<string | number, unknown>)[s]
  }
  return false
}

const ABSENT = 'absent-fact'
/**
 * The condition with every read that leaves own data replaced by a read of an absent fact;
 * `count` tallies the reads along a path and those replaced.
 */
function ownDataOnly(c: ConditionInput, f: Record<string, unknown>, count: { paths: number; changed: number }): ConditionInput {
  if ('all' in c) return { all: c.all.map((x) => ownDataOnly(x, f, count)) }
  if ('any' in c) return { any: c.any.map((x) => ownDataOnly(x, f, count)) }
  if ('not' in c) return { not: ownDataOnly(c.not, f, count) }
  const leaves = (fact: string, path: string | undefined) => {
    if (path === undefined) return false
    count.paths++
    const away = leavesOwnData(Object.hasOwn(f, fact) ? f[fact] : undefined, segmentsOf(path))
    if (away) count.changed++
    return away
  }
  let out: ConditionInput = c
  const ref = c.value as { fact?: unknown; path?: string } | null
  if (ref !== null && typeof ref === 'object' && !Array.isArray(ref) && typeof ref.fact === 'string' && leaves(ref.fact, ref.path)) {
    out = { ...out, value: { fact: ABSENT } }
  }
  if (leaves(c.fact, c.path)) {
    const { path: _drop, ...rest } = out as { path?: string } & ConditionInput
    void _drop
    out = { ...rest, fact: ABSENT } as ConditionInput
  }
  return out
}

async function engineVerdict(cond: ConditionInput, f: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true })
  // the engine wants all / any / not at the top of a rule
  const top = 'all' in cond || 'any' in cond || 'not' in cond ? cond : { all: [cond] }
  engine.addRule({ conditions: top as never, event: { type: 'hit' } })
  const { events } = await engine.run(structuredClone(f))
  return events.length > 0
}

describe('compileCondition agrees with json-rules-engine', () => {
  it('the ten operators are exactly the engine defaults', () => {
    expect([...CONDITION_OPERATORS].sort()).toEqual([...OPS].sort())
  })

  it('differential: same verdict for random conditions and facts (reads that leave own data asked as absent)', async () => {
    const count = { paths: 0, changed: 0 }
    await fc.assert(
      fc.asyncProperty(condition, facts, async (cond, f) => {
        const issues: ChisoIssue[] = []
        const { test } = compileCondition(cond, [], issues)
        expect(issues).toEqual([])
        expect(test(f)).toBe(await engineVerdict(ownDataOnly(cond, f, count), f))
      }),
      { numRuns: 3000 },
    )
    // the rewrite is exercised, and most reads along a path go to the engine as they are
    expect(count.changed).toBeGreaterThan(0)
    expect(count.changed).toBeLessThan(count.paths / 2)
  })

  it('where the own-data rule parts from json-rules-engine: text, array length, a path into a number', async () => {
    const cases: [ConditionInput, Record<string, unknown>][] = [
      [{ fact: 'a', operator: 'equal', value: 3, path: '$.x.length' }, { a: { x: 'abc' } }],
      [{ fact: 'a', operator: 'equal', value: 'b', path: '$.x[1]' }, { a: { x: 'abc' } }],
      [{ fact: 'a', operator: 'equal', value: 2, path: '$.x.length' }, { a: { x: [1, 2] } }],
      [{ fact: 'a', operator: 'equal', value: 5, path: '$.x' }, { a: 5 }],
      [{ fact: 'a', operator: 'equal', value: 'abc', path: '$.x' }, { a: 'abc' }],
    ]
    for (const [cond, f] of cases) {
      const issues: ChisoIssue[] = []
      // json-rules-engine reads something there; the own-data rule reads nothing
      expect(await engineVerdict(cond, f), JSON.stringify([cond, f])).toBe(true)
      expect(compileCondition(cond, [], issues).test(f), JSON.stringify([cond, f])).toBe(false)
      expect(issues).toEqual([])
    }
  })

  it('an object with no prototype (or an array holding one) is not a number to the ordering operators, not an error', () => {
    // json-rules-engine's parseFloat would throw on these: they have no text
    const bare = Object.create(null) as Record<string, unknown>
    for (const operator of ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const) {
      for (const a of [bare, [bare]]) {
        const issues: ChisoIssue[] = []
        const c = compileCondition({ fact: 'a', operator, value: 0 }, [], issues)
        expect(issues).toEqual([])
        expect(c.test({ a }), operator).toBe(false)
        expect(c.test({ a: 1 }), operator).toBe(operator.startsWith('greater'))
      }
    }
  })

  it('differential on hand-picked edge cases (numeric strings, own data along a path, null, arrays)', async () => {
    const cases: [ConditionInput, Record<string, unknown>][] = [
      [{ fact: 'a', operator: 'greaterThan', value: 3 }, { a: '12abc' }],
      [{ fact: 'a', operator: 'lessThan', value: 3 }, { a: [1] }],
      [{ fact: 'a', operator: 'lessThan', value: 3 }, { a: null }],
      [{ fact: 'a', operator: 'equal', value: 'b', path: '$.x[1]' }, { a: { x: ['a', 'b'] } }],
      [{ fact: 'a', operator: 'equal', value: 3, path: '$.length' }, { a: { length: 3 } }],
      [{ fact: 'a', operator: 'equal', value: null, path: '$.x' }, { a: { x: null } }],
      [{ fact: 'a', operator: 'equal', value: undefined as never, path: '$.toString' }, { a: {} }],
      [
        { fact: 'a', operator: 'contains', value: { fact: 'b' } },
        { a: [1, 2], b: 2 },
      ],
      [
        { fact: 'a', operator: 'greaterThanInclusive', value: { fact: 'b', path: '$.y' } },
        { a: 4, b: { y: 4 } },
      ],
      [{ not: { fact: 'missing', operator: 'equal', value: undefined as never } }, {}],
    ]
    for (const [cond, f] of cases.slice(0, -1)) {
      const issues: ChisoIssue[] = []
      expect(compileCondition(cond, [], issues).test(f), JSON.stringify([cond, f])).toBe(await engineVerdict(cond, f))
      expect(issues).toEqual([])
    }
  })
})

describe('condition compile errors', () => {
  const compile = (c: unknown): ChisoIssue[] => {
    const issues: ChisoIssue[] = []
    compileCondition(c as ConditionInput, ['when'], issues)
    return issues
  }

  it('an unknown operator is unknown_operator, with path and value', () => {
    const issues = compile({
      all: [
        { fact: 'a', operator: 'equal', value: 1 },
        { fact: 'a', operator: 'startsWith', value: 'x' },
      ],
    })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ code: 'unknown_operator', path: ['when', 'all', 1, 'operator'], value: 'startsWith' })
    expect(issues[0]!.message.vi).toContain('startsWith')
    expect(issues[0]!.message.en).toContain('startsWith')
  })

  it('an operator name from Object.prototype is not an operator', () => {
    expect(compile({ fact: 'a', operator: 'toString', value: 1 }).map((i) => i.code)).toEqual(['unknown_operator'])
  })

  it.each(['$..a', '$[?(@.x)]', '$.__proto__', '$.a.constructor', "$['prototype']", "$['*']", "$['a,b']", '$[01]', '$.a.$', 'a.b', '$.a[-1]', '$[(@.length-1)]'])(
    'unsafe or non-simple path %s is invalid_fact_path',
    (p) => {
      const issues = compile({ fact: 'a', operator: 'equal', value: 1, path: p })
      expect(issues.map((i) => i.code)).toEqual(['invalid_fact_path'])
      expect(issues[0]).toMatchObject({ path: ['when', 'path'], value: p })
      // the same path inside a fact reference is refused as well
      const ref = compile({ fact: 'a', operator: 'equal', value: { fact: 'b', path: p } })
      expect(ref.map((i) => i.code)).toEqual(['invalid_fact_path'])
      expect(ref[0]!.path).toEqual(['when', 'value', 'path'])
    },
  )

  it.each(['$', '$.a', '$.a.b', '$.a[0]', "$['a b'].c", '$.a-b', '$._x[10]'])('simple path %s is accepted', (p) => {
    expect(compile({ fact: 'a', operator: 'equal', value: 1, path: p })).toEqual([])
  })

  it('empty all / any groups, in without an array, a missing value and params are invalid_condition', () => {
    expect(compile({ all: [] }).map((i) => i.code)).toEqual(['invalid_condition'])
    expect(compile({ any: [] }).map((i) => i.code)).toEqual(['invalid_condition'])
    expect(compile({ fact: 'a', operator: 'in', value: 'abc' }).map((i) => i.code)).toEqual(['invalid_condition'])
    expect(compile({ fact: 'a', operator: 'equal' }).map((i) => i.code)).toEqual(['invalid_condition'])
    expect(compile({ fact: 'a', operator: 'equal', value: 1, params: { x: 1 } }).map((i) => i.code)).toEqual(['invalid_condition'])
    expect(compile({ fact: 'a', operator: 'equal', value: { fact: 3 } }).map((i) => i.code)).toEqual(['invalid_condition'])
  })

  it('reports condition problems at compile time of a pack, all of them', () => {
    const r = safeCompilePack({
      id: 'x/y',
      version: '1.0.0',
      title: 'T',
      criteria: [
        { code: '1', title: 'A', maxPoints: 1, applicability: { fact: 'k', operator: 'like', value: 1 } },
        {
          code: '2',
          title: 'B',
          maxPoints: 1,
          rule: { kind: 'conditions', branches: [{ when: { fact: 'k', operator: 'equal', value: 1, path: '$..a' }, points: 1 }] },
        },
      ],
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_operator', ['criteria', 0, 'applicability', 'operator']],
      ['invalid_fact_path', ['criteria', 1, 'rule', 'branches', 0, 'when', 'path']],
    ])
  })
})
