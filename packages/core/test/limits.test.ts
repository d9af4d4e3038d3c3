/**
 * Issue #10, items 2 and 3: the `safe*` functions never throw, nothing recursive or
 * unbounded runs on untrusted input, and exact arithmetic has a bounded cost. Each
 * reproducer of the issue is here with the issue code it now gets (docs/semantics.md,
 * "Input limits"); the property at the end throws hostile inputs at every `safe*` function.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ChisoError,
  checkInputLimits,
  compareVersions,
  compilePack,
  createRegistry,
  createUnitRegistry,
  evaluate,
  evaluateBatch,
  Exact,
  INPUT_LIMITS,
  safeCompilePack,
  safeEvaluate,
  safeEvaluateBatch,
  safeRecalculate,
  type ChisoIssue,
  type PackInput,
  type SafeResult,
} from '@chiso/core'
import { packJsonSchema } from '@chiso/core/schemas'
import { checkLimits, copyWithinLimits, withinLimits } from '../src/util/limits.js'
import { precedenceKey } from '../src/model/versions.js'
import { validate, type Schema } from './json-schema-lite.js'

const packJson: PackInput = {
  id: 'limits/demo',
  version: '1.0.0',
  title: 'Demo',
  criteria: [
    {
      code: '1',
      title: 'A',
      maxPoints: 2,
      children: [
        { code: '1.1', title: 'a', maxPoints: 1 },
        { code: '1.2', title: 'b', maxPoints: 1, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
      ],
    },
    { code: '2', title: 'S', maxPoints: 1, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: '0.5' } } },
  ],
}
const pack = compilePack(packJson)
const codes = (r: SafeResult<unknown>): string[] => (r.ok ? [] : r.issues.map((i) => i.code))

/** criteria nested `depth` deep (each level a criterion with one child) */
function deepCriteria(depth: number): unknown {
  let c: unknown = { code: 'x', title: 't', maxPoints: 1 }
  for (let i = 0; i < depth; i++) c = { code: `c${i}`, title: 't', maxPoints: 1, children: [c] }
  return { id: 'deep/pack', version: '1.0.0', title: 'Deep', criteria: [c] }
}

/** a condition nested `depth` deep (`not` of `not` of …) */
function deepCondition(depth: number): unknown {
  let c: unknown = { fact: 'a', operator: 'equal', value: 1 }
  for (let i = 0; i < depth; i++) c = { not: c }
  return c
}

describe('reproducers of issue #10, item 2: nothing recursive runs on input too deep or too large', () => {
  it('criteria nested 660 deep (a 35 KB pack): nested_too_deeply, no RangeError', () => {
    const input = deepCriteria(660)
    expect(JSON.stringify(input).length).toBeGreaterThan(35_000)
    const r = safeCompilePack(input)
    expect(codes(r)).toEqual(['nested_too_deeply'])
    expect(() => compilePack(input)).toThrow(/nested_too_deeply/)
  })

  it('conditions nested 1,400 deep: nested_too_deeply, no RangeError', () => {
    const r = safeCompilePack({ ...packJson, criteria: [{ code: '1', title: 'A', maxPoints: 1, applicability: deepCondition(1400) }] })
    expect(codes(r)).toEqual(['nested_too_deeply'])
  })

  it('checkInputLimits: the same pre-scan, public, for data hashed or stored before the engine reads it', () => {
    for (const input of [deepCriteria(660), { ...packJson, note: 'x'.repeat(INPUT_LIMITS.stringLength + 1) }, packJson]) {
      expect(checkInputLimits(input)).toEqual(checkLimits(input))
    }
    expect(checkInputLimits(deepCriteria(660)).map((i) => i.code)).toEqual(['nested_too_deeply'])
    expect(checkInputLimits(packJson)).toEqual([])
  })

  it('when the pre-scan finds a problem, the schema does not run: its issues only', () => {
    // no title, no version: schema problems the pre-scan's answer does not mix in
    const { title: _t, version: _v, ...rest } = deepCriteria(100) as Record<string, unknown>
    const r = safeCompilePack(rest)
    // the path leads to the first object past the limit
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.length])).toEqual([['nested_too_deeply', INPUT_LIMITS.depth]])
  })

  it('the depth limit is exact: a pack at the limit compiles, one level more does not', () => {
    // the pack object is level 1, criteria level 2, each criterion 2 levels (object, children)
    const atLimit = deepCriteria(INPUT_LIMITS.depth / 2 - 2)
    expect(safeCompilePack(atLimit).ok).toBe(true)
    expect(codes(safeCompilePack(deepCriteria(INPUT_LIMITS.depth / 2 - 1)))).toEqual(['nested_too_deeply'])
  })

  it('an assessment with 200,000 unknown self scores: too_many_items, no RangeError', () => {
    const selfScores: Record<string, number> = {}
    for (let i = 0; i < 200_000; i++) selfScores[`u${i}`] = 1
    const r = safeEvaluateBatch(pack, [{ unitId: 'a', period: '2024', selfScores }])
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['too_many_items', [0, 'selfScores']]])
    expect(codes(safeEvaluate(pack, { unitId: 'a', period: '2024', selfScores }))).toEqual(['too_many_items'])
  })

  it('more values than the limit, a string past its length, an array past its items', () => {
    const many = Array.from({ length: 30 }, () => Array.from({ length: 9_000 }, () => 0))
    expect(codes(safeEvaluate(pack, { unitId: 'a', period: '1', facts: { many } }))).toEqual(['input_too_large'])
    const long = 'x'.repeat(INPUT_LIMITS.stringLength + 1)
    const r = safeEvaluate(pack, { unitId: 'a', period: '1', explanations: { '1.1': long } })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.'), i.value])).toEqual([['string_too_long', 'explanations.1.1', `${'x'.repeat(40)}… (${long.length})`]])
    const items = safeCompilePack({ ...packJson, appliesTo: Array.from({ length: INPUT_LIMITS.items + 1 }, () => 'commune') })
    expect(codes(items)).toEqual(['too_many_items'])
  })

  it('a pack of more criteria than the limit: too_many_criteria, also after composition', () => {
    const leaves = Array.from({ length: INPUT_LIMITS.criteria }, (_, i) => ({ code: `l${i}`, title: 'l', maxPoints: 1 }))
    const big = { ...packJson, criteria: [{ code: 'a', title: 'A', maxPoints: leaves.length, children: leaves }] }
    expect(codes(safeCompilePack(big))).toEqual(['too_many_criteria'])
    // at the limit it compiles
    expect(safeCompilePack({ ...big, criteria: [{ code: 'a', title: 'A', maxPoints: leaves.length - 1, children: leaves.slice(1) }] }).ok).toBe(true)
  })
})

describe('reproducers of issue #10, item 3: exact arithmetic has a bounded cost', () => {
  it('a self score "0.000…0001" with 30,000 zeros is number_too_precise (the path, the value cut short)', () => {
    const raw = `0.${'0'.repeat(30_000)}1`
    const r = safeEvaluate(pack, { unitId: 'a', period: '1', selfScores: { '1.1': raw } })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['number_too_precise', ['selfScores', '1.1']]])
    expect(r.issues[0]!.value).toBe(`0.${'0'.repeat(38)}… (${raw.length})`)
    expect(r.issues[0]!.message.en).toContain(`longer than ${INPUT_LIMITS.decimalTextLength} characters`)
    expect(r.issues[0]!.message.vi).toContain('vượt giới hạn')
  })

  it('each digit limit of a decimal has its own reason', () => {
    const at = (raw: string | number): string[] => {
      const r = safeEvaluate(pack, { unitId: 'a', period: '1', selfScores: { '1.1': raw } })
      return r.ok ? [] : r.issues.map((i) => `${i.code}: ${i.message.en}`)
    }
    expect(at('0.123456789012345678901')).toEqual([expect.stringMatching(/number_too_precise: .*more than 20 significant digits/)])
    expect(at('1e25')).toEqual([expect.stringMatching(/more than 20 digits before the decimal point/)])
    expect(at('1e-31')).toEqual([expect.stringMatching(/more than 30 digits after the decimal point/)])
    expect(at(1e-31)).toEqual([expect.stringMatching(/more than 30 digits after the decimal point/)])
    expect(at('1/123456789012345678901')).toEqual([expect.stringMatching(/more than 20 significant digits/)])
    // at the limits: accepted (and within the leaf's maximum of 1)
    for (const ok of ['0.12345678901234567890', '1e-30', '0.000000000000000000000000000001', '1/12345678901234567890', 5e-20]) expect(at(ok)).toEqual([])
    // leading zeros and a value of 0 count no digits
    expect(at(`0000000000000000000000000000.5`)).toEqual([])
    expect(at(`0.${'0'.repeat(90)}`)).toEqual([])
  })

  it('a pack whose declared denominators have a common multiple past the limit: pack_denominator_too_large', () => {
    // the issue's reproducer: maxPoints 1/p for distinct primes
    const primes: number[] = []
    for (let n = 2; primes.length < 1000; n++) if (primes.every((p) => n % p !== 0)) primes.push(n)
    const criteria = primes.map((p, i) => ({ code: `l${i}`, title: 't', maxPoints: `1/${p}` }))
    const r = safeCompilePack({ ...packJson, criteria: criteria.slice(0, INPUT_LIMITS.criteria) })
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['pack_denominator_too_large'])
    // the first prime that takes the product of 2·3·5·… past 10^18 is the 16th, 53
    expect(r.ok ? [] : r.issues[0]!.path).toEqual(['criteria', 15, 'maxPoints'])
    // divisors count by their numerator: ratio "of" 7/1 divides by 7
    const divisors = safeCompilePack({
      ...packJson,
      criteria: primes.slice(0, 20).map((p, i) => ({ code: `r${i}`, title: 'r', maxPoints: 1, rule: { kind: 'ratio', numerator: 'n', of: p } })),
    })
    expect(codes(divisors)).toEqual(['pack_denominator_too_large'])
    // a real pack's decimals and thirds are far below it
    expect(
      safeCompilePack({
        ...packJson,
        criteria: [
          {
            code: '1',
            title: 'a',
            maxPoints: 1,
            children: [
              { code: '1.1', title: 'a', maxPoints: '1/3' },
              { code: '1.2', title: 'b', maxPoints: '2/3', rule: { kind: 'manual', step: '0.25' } },
            ],
          },
        ],
      }).ok,
    ).toBe(true)
  })

  it('a fact a rule computes with, past the digit limits: number_too_precise at the fact', () => {
    const r = safeEvaluate(pack, { unitId: 'a', period: '1', facts: { n: `0.${'0'.repeat(40)}1`, d: 3 } })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['number_too_precise', 'facts.n']])
    expect(codes(safeEvaluate(pack, { unitId: 'a', period: '1', facts: { n: 1, d: 1e-40 } }))).toEqual(['number_too_precise'])
    // a fact only compared (a steps rule) may be any finite number
    const steps = compilePack({ ...packJson, criteria: [{ code: '1', title: 'a', maxPoints: 1, rule: { kind: 'steps', fact: 'x', steps: [{ min: '0.5', points: 1 }] } }] })
    expect(evaluate(steps, { unitId: 'a', period: '1', facts: { x: 5e-324 } }).total.toString()).toBe('0')
    expect(evaluate(steps, { unitId: 'a', period: '1', facts: { x: 1e300 } }).total.toString()).toBe('1')
  })

  it('a fact a `per` adjustment multiplies by, past the digit limits: number_too_precise at the fact, as for a leaf', () => {
    const per = compilePack({ ...packJson, adjustments: [{ id: 'p', type: 'deduction', title: 'P', amount: { kind: 'per', fact: 'k', points: '0.5' } }] })
    for (const k of [`0.${'0'.repeat(40)}1`, 1e-40, `1${'0'.repeat(30)}`]) {
      const input = { unitId: 'a', period: '1', facts: { k } }
      const one = safeEvaluate(per, input)
      expect(one.ok ? [] : one.issues.map((i) => [i.code, i.path.join('.')]), String(k)).toEqual([['number_too_precise', 'facts.k']])
      const batch = safeEvaluateBatch(per, [input])
      expect(batch.ok ? [] : batch.issues.map((i) => [i.code, i.path.join('.')]), String(k)).toEqual([['number_too_precise', '0.facts.k']])
    }
    // within the limits it counts: 3 × 0.5 deducted
    expect(evaluate(per, { unitId: 'a', period: '1', selfScores: { '1.1': 1 }, facts: { k: 3 } }).total.toString()).toBe('0')
  })

  it('node floors count toward the pack denominator like the other declared amounts', () => {
    const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]
    const r = safeCompilePack({ ...packJson, criteria: primes.map((p, i) => ({ code: `l${i}`, title: 't', maxPoints: 1, floor: `-1/${p}` })) })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['pack_denominator_too_large', ['criteria', 15, 'floor']]])
    expect(codes(safeCompilePack({ ...packJson, criteria: [{ code: '1', title: 'a', maxPoints: 1, floor: `0.${'0'.repeat(31)}1` }] }))).toEqual(['number_too_precise'])
  })

  it('survey answer counts whose sum is no safe integer are summed exactly (no RangeError)', () => {
    const n = Number.MAX_SAFE_INTEGER
    const r = evaluate(pack, { unitId: 'a', period: '1', survey: { '2': { answers: { A: n, B: n } } } })
    // (n·1 + n·0.5) / 2n = 3/4 of the maximum 1
    expect(r.node('2')!.points.toString()).toBe('0.75')
  })

  it('a stored record with a zero denominator is an issue, not a throw', () => {
    const registry = createRegistry([packJson])
    const record = JSON.parse(JSON.stringify(evaluate(pack, { unitId: 'a', period: '1', selfScores: { '1.1': 1 } }))) as { nodes: { points: string }[] }
    record.nodes[1]!.points = '1/0'
    const r = safeRecalculate(record, { registry })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid_value', 'nodes.1.points']])
  })
})

describe('the JSON Schema states the structural limits, and the engine holds them', () => {
  const schema = packJsonSchema() as Schema
  const leaf = (c: Record<string, unknown>): unknown => ({ ...packJson, criteria: [{ code: '1', title: 'a', maxPoints: 1, ...c }] })
  const cases: [string, unknown, string][] = [
    ['negative maxPoints', leaf({ maxPoints: -1 }), '#/criteria/0/maxPoints'],
    ['negative maxPoints as text', leaf({ maxPoints: '-1' }), '#/criteria/0/maxPoints'],
    ['negative points', leaf({ rule: { kind: 'boolean', points: -0.5 } }), '#/criteria/0/rule'],
    ['negative cap', { ...packJson, adjustments: [{ id: 'x', type: 'bonus', title: 'x', amount: { kind: 'entered' }, cap: -1 }] }, '#/adjustments/0/cap'],
    ['negative scale', { ...packJson, scale: -3 }, '#/scale'],
    ['a step of 0', leaf({ rule: { kind: 'manual', step: 0 } }), '#/criteria/0/rule'],
    ['a weight above 1', leaf({ source: 'survey', rule: { kind: 'survey', weights: { A: 1.5 } } }), '#/criteria/0/rule'],
    ['a negative weight', leaf({ source: 'survey', rule: { kind: 'survey', weights: { A: -0.5 } } }), '#/criteria/0/rule'],
    ['an unknown operator', leaf({ applicability: { fact: 'a', operator: 'matches', value: 1 } }), '#/criteria/0/applicability'],
    ['a decimal text of 101 characters', leaf({ maxPoints: `1.${'0'.repeat(99)}` }), '#/criteria/0/maxPoints'],
    ['a zero index scale', { ...packJson, index: { kind: 'ratio', scale: 0 } }, '#/index/scale'],
  ]
  it.each(cases)('%s: refused by the schema file and by compilePack', (_name, input, where) => {
    const errs = validate(schema, schema, input)
    expect(
      errs.some((e) => e.startsWith(where)),
      errs.join(', '),
    ).toBe(true)
    expect(safeCompilePack(input).ok).toBe(false)
  })

  it('text that is no negative number but no positive one either is refused by the engine: "0" as a step, "1.5" as a weight', () => {
    expect(codes(safeCompilePack(leaf({ rule: { kind: 'manual', step: '0' } })))).toEqual(['invalid_value'])
    expect(codes(safeCompilePack(leaf({ source: 'survey', rule: { kind: 'survey', weights: { A: '1.5' } } })))).toEqual(['invalid_value'])
  })

  it('strings, arrays and open objects carry the size limits', () => {
    const criterion = (schema.$defs as Record<string, Schema>).Criterion!
    const props = criterion.properties as Record<string, Schema>
    expect(props.note).toMatchObject({ type: 'string', maxLength: INPUT_LIMITS.stringLength })
    expect(props.children).toMatchObject({ type: 'array', maxItems: INPUT_LIMITS.items })
    // what reconstructed content is shaped after: a text, as long as any other
    expect(props.basis!.anyOf).toMatchObject([{ type: 'string', maxLength: INPUT_LIMITS.stringLength }, { properties: { vi: { maxLength: INPUT_LIMITS.stringLength } } }])
    const ranking = ((schema.properties as Record<string, Schema>).ranking!.properties as Record<string, Schema>).exclude!.properties as Record<string, Schema>
    expect(ranking.units).toMatchObject({ type: 'array', maxItems: INPUT_LIMITS.items })
  })
})

describe('hostile input: the safe functions never throw', () => {
  const registry = createRegistry([packJson])
  const record = JSON.parse(JSON.stringify(evaluate(pack, { unitId: 'a', period: '1', selfScores: { '1.1': 1 } }))) as Record<string, unknown>
  const all = (input: unknown): SafeResult<unknown>[] => [
    safeCompilePack(input),
    safeEvaluate(pack, input),
    safeEvaluateBatch(pack, [input]),
    safeEvaluateBatch(pack, [input], { inputs: 'borrow' }),
    safeRecalculate(input, { registry }),
  ]
  const wellFormed = (i: ChisoIssue): void => {
    expect(typeof i.code).toBe('string')
    expect(i.code).toMatch(/^[a-z_]+$/)
    expect(Array.isArray(i.path)).toBe(true)
    expect(typeof i.message.vi).toBe('string')
    expect(typeof i.message.en).toBe('string')
    // an issue can always be printed as JSON (a CLI's --json prints it)
    expect(() => JSON.stringify(i)).not.toThrow()
  }

  const throwing = (): unknown => {
    const facts = {}
    Object.defineProperty(facts, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('getter says no')
      },
    })
    return { unitId: 'a', period: '1', facts }
  }
  const trap = (): unknown =>
    new Proxy(
      { unitId: 'a', period: '1' },
      {
        ownKeys: () => {
          throw new TypeError('trap says no')
        },
        get: () => {
          throw new TypeError('trap says no')
        },
      },
    )
  const cyclic = (): unknown => {
    const facts: Record<string, unknown> = {}
    facts.self = facts
    return { unitId: 'a', period: '1', facts }
  }
  // reads fine once, then throws: passes the pre-scan, fails later
  const fickle = (): unknown => {
    let reads = 0
    const facts = {}
    Object.defineProperty(facts, 'n', {
      enumerable: true,
      get: () => {
        if (++reads > 1) throw new Error('second read')
        return 1
      },
    })
    return { unitId: 'a', period: '1', facts }
  }
  const hostile: [string, () => unknown, string][] = [
    ['a getter that throws', throwing, 'unreadable_input'],
    ['a proxy whose traps throw', trap, 'unreadable_input'],
    ['a cyclic object', cyclic, 'cyclic_input'],
    ['a bigint', () => ({ unitId: 'a', period: '1', facts: { x: 10n } }), 'invalid_type'],
    ['a function', () => ({ unitId: 'a', period: '1', facts: { x: () => 1 } }), 'invalid_type'],
    ['a symbol value', () => ({ unitId: 'a', period: '1', facts: { x: Symbol('s') } }), 'invalid_type'],
  ]
  it.each(hostile)('%s: an issue from every safe function', (_name, make, code) => {
    for (const r of all(make())) {
      expect(r.ok).toBe(false)
      if (r.ok) continue
      expect(r.issues.length).toBeGreaterThan(0)
      r.issues.forEach(wellFormed)
      expect(r.issues.map((i) => i.code)).toContain(code)
    }
  })

  it('a getter that throws only on a second read: still an issue, never a throw', () => {
    for (const f of [safeEvaluate, (p: typeof pack, x: unknown) => safeEvaluateBatch(p, [x])]) {
      const r = f(pack, fickle())
      if (!r.ok) r.issues.forEach(wellFormed)
    }
  })

  it('symbol keys are invisible to JSON and ignored', () => {
    const r = safeEvaluate(pack, { unitId: 'a', period: '1', [Symbol('k')]: 1 })
    expect(r.ok).toBe(true)
  })

  it('a record at the limits of a stored result: checked whole first', () => {
    expect(codes(safeRecalculate({ ...record, flags: deepCondition(200) }, { registry }))).toEqual(['nested_too_deeply'])
  })

  it('property: deep nesting, huge arrays, giant strings and long decimals, anywhere in a pack, an assessment or a record', () => {
    const deep = fc.integer({ min: 1, max: 3000 }).map((d) => {
      let v: unknown = 1
      for (let i = 0; i < d; i++) v = i % 2 === 0 ? [v] : { k: v }
      return v
    })
    const hugeArray = fc.integer({ min: 0, max: 25_000 }).map((n) => new Array<number>(n).fill(1))
    const giantString = fc.integer({ min: 0, max: 150_000 }).map((n) => 'ạ'.repeat(n))
    const longDecimal = fc
      .tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.boolean())
      .map(([i, f, frac]) => (frac ? `1/${'7'.repeat(i)}` : `${'9'.repeat(i)}.${'3'.repeat(f)}`))
    const oddNumber = fc.constantFrom(Number.NaN, Infinity, -Infinity, 5e-324, 1e308, -0, Number.MAX_SAFE_INTEGER + 2)
    const bad = fc.oneof(deep, hugeArray, giantString, longDecimal, oddNumber, fc.constantFrom(null, undefined, true, '', {}, []))
    // whole inputs of the right shape, nested as deep as it goes: what a schema recurses into
    const deepShaped = fc
      .tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('criteria', 'condition', 'facts'))
      .map(([d, kind]) =>
        kind === 'criteria'
          ? deepCriteria(d)
          : kind === 'condition'
            ? { ...packJson, criteria: [{ code: '1', title: 'a', maxPoints: 1, applicability: deepCondition(d) }] }
            : { unitId: 'a', period: '1', facts: { n: deepCondition(d) } },
      )
    // where to put it: any of these paths in a pack, an assessment or a record
    const place = fc.constantFrom(
      (v: unknown) => ({ ...packJson, note: v }),
      (v: unknown) => ({ ...packJson, criteria: [{ code: '1', title: 'a', maxPoints: v }] }),
      (v: unknown) => ({ ...packJson, criteria: [{ code: '1', title: 'a', maxPoints: 1, rule: { kind: 'conditions', branches: [{ when: { fact: 'a', operator: 'in', value: v }, points: 1 }] } }] }),
      (v: unknown) => ({ ...packJson, criteria: [{ code: '1', title: 'a', maxPoints: 1, rule: { kind: 'manual', step: v } }] }),
      (v: unknown) => ({ unitId: 'a', period: '1', facts: { n: v, d: 7 } }),
      (v: unknown) => ({ unitId: 'a', period: '1', selfScores: { '1.1': v } }),
      (v: unknown) => ({ unitId: 'a', period: '1', survey: { '2': { answers: { A: v } } } }),
      (v: unknown) => ({ unitId: 'a', period: '1', appraisals: [{ round: 1, reviewer: 'r', at: 't', changes: [{ code: '1.1', points: v, reason: 'r' }] }] }),
      (v: unknown) => ({ unitId: v, period: '1' }),
      (v: unknown) => ({ ...record, nodes: [{ code: 'total', points: v, applicableMax: '1', index: null }] }),
      (v: unknown) => ({ ...record, assessment: { unitId: 'a', period: '1', facts: { x: v } } }),
      (v: unknown) => v,
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(bad, place).map(([v, at]) => at(v)),
          deepShaped,
        ),
        (input) => {
          for (const r of all(input)) {
            if (!r.ok) {
              expect(r.issues.length).toBeGreaterThan(0)
              r.issues.forEach(wellFormed)
            }
          }
          // the three modes of the pre-scan agree
          const found = checkLimits(input).length === 0
          expect(withinLimits(input)).toBe(found)
          // (a copy of undefined is undefined: nothing to tell apart there)
          if (input !== undefined) expect(copyWithinLimits(input) !== undefined).toBe(found)
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('the copy made in the limits walk', () => {
  const bigFacts = (n: number, prefix = 'f'): Record<string, unknown> => {
    const facts: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) facts[`${prefix}${i}`] = i % 3 === 0 ? i / 10 : i % 3 === 1 ? `t${i}` : { list: [i, null, true] }
    return facts
  }

  it('is a private deep copy with the keys in order, for small objects and for objects past the compact-form limit', () => {
    for (const n of [0, 3, 24, 25, 60, 60, 128, 129, 200, 200, 200]) {
      const input = { unitId: 'a', period: '1', facts: bigFacts(n), evidence: [{ id: 'd', criteria: ['1'] }] }
      const copy = copyWithinLimits(input)!
      expect(copy).toEqual(input)
      expect(Object.keys(copy.facts)).toEqual(Object.keys(input.facts))
      expect(JSON.stringify(copy)).toBe(JSON.stringify(input))
      expect(copy).not.toBe(input)
      expect(copy.facts).not.toBe(input.facts)
      expect(copy.evidence[0]!.criteria).not.toBe(input.evidence[0]!.criteria)
      if (n > 2) {
        ;(input.facts.f2 as { list: unknown[] }).list.push(9)
        expect((copy.facts.f2 as { list: unknown[] }).list).toEqual([2, null, true])
      }
    }
  })

  it('large objects with the same number of keys but other keys, or the same keys in another order, are copied as they are', () => {
    const a = bigFacts(150, 'a')
    const b = bigFacts(150, 'b')
    const reversed: Record<string, unknown> = {}
    for (const k of Object.keys(a).reverse()) reversed[k] = a[k]
    for (const x of [a, b, reversed, a, b, reversed]) {
      const copy = copyWithinLimits(x)!
      expect(Object.keys(copy)).toEqual(Object.keys(x))
      expect(copy).toEqual(x)
    }
    // a copy is never shared with another copy
    const c1 = copyWithinLimits(a)!
    const c2 = copyWithinLimits(a)!
    c1.a0 = 'changed'
    expect(c2.a0).toBe(0)
  })

  it('objects of a shape met before (under the same key) are copied exactly, each its own', () => {
    const unit = (i: number, keys: string[]) => ({
      unitId: `u${i}`,
      period: '1',
      survey: { s: { answers: Object.fromEntries(keys.map((k, j) => [k, i + j])) } },
      facts: { '2': i, '10': 'x', a: [{ id: 'd', n: i }] },
    })
    const shapes = [['A', 'B'], ['A', 'B'], ['A', 'B', 'C'], ['A', 'B'], ['B', 'A'], ['A', 'B'], []]
    const copies = shapes.map((keys, i) => copyWithinLimits(unit(i, keys))!)
    shapes.forEach((keys, i) => {
      const c = copies[i]!
      expect(c).toEqual(unit(i, keys))
      expect(Object.keys(c.survey.s.answers)).toEqual(keys)
      expect(Object.keys(c.facts)).toEqual(['2', '10', 'a'])
    })
    copies[1]!.survey.s.answers.A = -1
    copies[1]!.facts.a[0]!.n = -1
    expect(copies[0]!.survey.s.answers.A).toBe(0)
    expect(copies[5]!.survey.s.answers.A).toBe(5)
    expect(copies[5]!.facts.a[0]!.n).toBe(5)
    // a forbidden key is refused however often its shape was met
    for (let i = 0; i < 3; i++) expect(copyWithinLimits(JSON.parse('{"x":{"a":1,"__proto__":2}}'))).toBeUndefined()
  })

  it('reads each getter once, keeps objects that are not plain data as they are, and leaves symbol keys out', () => {
    let reads = 0
    const facts = bigFacts(140)
    Object.defineProperty(facts, 'g', {
      enumerable: true,
      get: () => {
        reads++
        return 5
      },
    })
    const when = new Date(0)
    const input = { facts, when, [Symbol('s')]: 1 }
    const copy = copyWithinLimits(input)!
    expect(reads).toBe(1)
    expect(copy.facts.g).toBe(5)
    expect(Object.getOwnPropertyDescriptor(copy.facts, 'g')?.get).toBeUndefined()
    expect(copy.when).toBe(when)
    expect(Object.getOwnPropertySymbols(copy)).toEqual([])
  })

  it('refuses what the limits refuse, in large objects too', () => {
    const bad = bigFacts(150)
    bad.f7 = Number.NaN
    expect(copyWithinLimits({ facts: bad })).toBeUndefined()
    const forbidden = JSON.parse(
      `{"facts":{${Object.keys(bigFacts(150))
        .map((k) => `"${k}":1`)
        .join(',')},"__proto__":1}}`,
    )
    expect(copyWithinLimits(forbidden)).toBeUndefined()
    expect(checkLimits(forbidden).map((i) => i.code)).toEqual(['forbidden_key'])
  })
})

describe("the copies one batch call shares (a memo of the parts under an assessment's top keys)", () => {
  it('copies a shared part once, and charges its values to every assessment that reaches it', () => {
    const memo = new Map()
    const facts = { a: 1, list: [1, 2, { b: 'x' }] }
    const c1 = copyWithinLimits({ unitId: 'u1', facts, evidence: [facts] }, memo)!
    const c2 = copyWithinLimits({ unitId: 'u2', facts, survey: { facts } }, memo)!
    expect(c1.facts).toBe(c2.facts)
    expect(c1.facts).not.toBe(facts)
    expect(c1.facts).toEqual(facts)
    // deeper down, nothing is shared
    expect(c1.evidence[0]).not.toBe(c1.facts)
    expect(c2.survey.facts).not.toBe(c2.facts)
    // a part of 150,000 values is within the limits once, not twice in one assessment
    const big = { values: Array.from({ length: 9_000 }, () => Array.from({ length: 15 }, () => 1)) }
    expect(copyWithinLimits({ facts: big }, memo)).toBeDefined()
    expect(copyWithinLimits({ facts: big, selfScores: big }, memo)).toBeUndefined()
    expect(copyWithinLimits({ facts: big, selfScores: big })).toBeUndefined()
    expect(copyWithinLimits({ facts: big }, memo)).toBeDefined()
  })

  it('property: with or without the memo, the same answer and equal copies', () => {
    const part = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant({ bad: Number.NaN }), fc.constant({ __proto__: null, constructor: 1 }), fc.constant({ deep: deepCondition(70) }))
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), fc.array(fc.array(fc.nat(3), { maxLength: 4 }), { maxLength: 6 }), (parts, picks) => {
        const memo = new Map()
        const keys = ['facts', 'selfScores', 'evidence', 'survey']
        for (const pick of picks) {
          const input: Record<string, unknown> = { unitId: 'u' }
          pick.forEach((p, j) => {
            input[keys[j]!] = parts[p % parts.length]
          })
          const shared = copyWithinLimits(input, memo)
          const own = copyWithinLimits(input)
          expect(shared === undefined).toBe(own === undefined)
          expect(shared === undefined).toBe(checkLimits(input).length > 0)
          expect(JSON.stringify(shared)).toBe(JSON.stringify(own))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('a shared part that breaks a limit refuses every assessment that reaches it, each at its own path', () => {
    const facts = { x: Number.NaN }
    const r = safeEvaluateBatch(pack, [
      { unitId: 'a', period: '1', facts },
      { unitId: 'b', period: '1', facts },
    ])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['not_finite_number', [0, 'facts', 'x']],
      ['not_finite_number', [1, 'facts', 'x']],
    ])
  })
})

describe('units assessed but not ranked (ranking.exclude), in numbers no call can pass as arguments', () => {
  it('a batch of 130,000 units of an excluded group: every unit scored, none ranked, the group best first (no RangeError)', () => {
    const steps = compilePack({ ...packJson, criteria: [{ code: '1', title: 'a', maxPoints: 2, rule: { kind: 'steps', fact: 'x', steps: [{ min: 1, points: 2 }] } }] })
    const n = 130_000
    const inputs = Array.from({ length: n }, (_, i) => ({ unitId: `u${String(i).padStart(6, '0')}`, period: '2024', group: 'g', facts: { x: i % 2 } }))
    const r = safeEvaluateBatch(steps, inputs, { exclude: { groups: ['g'] } })
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([])
    if (!r.ok) return
    const group = r.value.groups.get('g')!
    expect(group.length).toBe(n)
    expect(group.every((u) => u.rank === null)).toBe(true)
    // scores 2 first, then 0; ties by unit id
    expect(group.slice(0, 2).map((u) => u.unitId)).toEqual(['u000001', 'u000003'])
    expect(group[n / 2]!.unitId).toBe('u000000')
  })
})

describe('identity and versions on untrusted text', () => {
  it('compareVersions on a 10 MB string: an invalid_version ChisoError (never a RangeError), the value cut short', () => {
    for (const v of [`1.0.0-${'a.'.repeat(5_000_000)}!`, `1.0.0+${'a.'.repeat(5_000_000)}!`, `1.0.0-${'1'.repeat(10_000_000)}!`, '1'.repeat(10_000_000)]) {
      let thrown: unknown
      try {
        compareVersions(v, '1.0.0')
      } catch (e) {
        thrown = e
      }
      expect(thrown).toBeInstanceOf(ChisoError)
      const issues = (thrown as ChisoError).issues
      expect(issues.map((i) => [i.code, i.path, i.value])).toEqual([['invalid_version', [0], `${v.slice(0, 40)}… (${v.length})`]])
      expect(issues[0]!.message.en.length).toBeLessThan(200)
    }
    // semver's own bound: 256 characters are a version, 257 are not
    const at = `1.0.0-${'a'.repeat(250)}`
    expect(compareVersions(at, '1.0.0')).toBe(-1)
    expect(codes(safeCompilePack({ ...packJson, version: `${at}b` }))).toEqual(['invalid_version'])
    expect((packJsonSchema() as { properties: { version: { maxLength: number } } }).properties.version.maxLength).toBe(256)
  })

  it('look-alike ids as long as the limits allow: one confusable_unit_ids warning of one line, the ids whole in its value', () => {
    const latin = 'xa'.repeat(50_000)
    const cyrillic = '\u0445\u0430'.repeat(50_000)
    const b = evaluateBatch(pack, [
      { unitId: latin, period: '1' },
      { unitId: cyrillic, period: '1' },
    ])
    expect(b.warnings.map((w) => [w.code, w.path])).toEqual([['confusable_unit_ids', [1, 'unitId']]])
    const w = b.warnings[0]!
    expect(w.value).toEqual([latin, cyrillic])
    expect(w.message.en).toBe(
      `Unit id "${'\u0445\u0430'.repeat(20)}… (100000)" looks the same as "${'xa'.repeat(20)}… (100000)" but its characters differ ` +
        '("х" U+0445 ≠ "x" U+0078, "а" U+0430 ≠ "a" U+0061, "х" U+0445 ≠ "x" U+0078, "а" U+0430 ≠ "a" U+0061, "х" U+0445 ≠ "x" U+0078, … (+99995)): is it the same unit?',
    )
    expect(w.message.vi.length).toBeLessThan(400)
    // ids of other lengths (a ligature, fullwidth letters) name the characters outside ASCII, the first few of them
    const units = createUnitRegistry([
      { id: 'fiabcdefgh', name: 'A', kind: 'x' },
      { id: '\ufb01\uff41\uff42\uff43\uff44\uff45\uff46\uff47\uff48', name: 'B', kind: 'x' },
    ])
    expect(units.warnings.map((u) => u.message.en)).toEqual([
      'Unit id "ﬁａｂｃｄｅｆｇｈ" looks the same as "fiabcdefgh" but its characters differ ("ﬁ" U+FB01 "ａ" U+FF41 "ｂ" U+FF42 "ｃ" U+FF43 "ｄ" U+FF44 … (+4) ≠ —): is it the same unit?',
    ])
  })

  it('a registry tells versions of equal precedence apart by key, not pair by pair: the same answer as compareVersions', () => {
    const ident = fc.oneof(fc.nat(12).map(String), fc.constantFrom('alpha', 'rc', 'x-1', '0a', '-'))
    const version = fc
      .record({ core: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2)), pre: fc.array(ident, { maxLength: 2 }), build: fc.array(fc.constantFrom('b', '1', '0a'), { maxLength: 2 }) })
      .map(({ core, pre, build }) => `${core.join('.')}${pre.length ? `-${pre.join('.')}` : ''}${build.length ? `+${build.join('.')}` : ''}`)
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(precedenceKey(a) === precedenceKey(b)).toBe(compareVersions(a, b) === 0)
      }),
      { numRuns: 1000 },
    )
    // each later pack of a taken precedence is reported against the first
    try {
      createRegistry(['1.0.0+a', '1.0.0', '1.0.0+b', '1.0.1'].map((version) => ({ ...packJson, version })))
      expect.unreachable()
    } catch (e) {
      expect((e as ChisoError).issues.map((i) => [i.code, i.path, i.message.en])).toEqual([
        ['duplicate_pack', [1, 'version'], 'Duplicate pack limits/demo@1.0.0 (= 1.0.0+a)'],
        ['duplicate_pack', [2, 'version'], 'Duplicate pack limits/demo@1.0.0+b (= 1.0.0+a)'],
      ])
    }
  })
})

describe('Exact: no algorithm needlessly super-linear', () => {
  it('the text of a long decimal: 0.000…0001 with 30,000 zeros, and back', () => {
    const text = `0.${'0'.repeat(30_000)}1`
    const x = Exact.from(text)
    expect(x.toString()).toBe(text)
    expect(x.toJSON()).toBe(text)
    expect(
      Exact.from(`1${'0'.repeat(30_000)}`)
        .mul(x)
        .toString(),
    ).toBe('0.1')
  })

  it('the nearest double of a value whose parts pass 2^1024', () => {
    const big = Exact.ratioBig(10n ** 400n + 1n, 3n * 10n ** 399n)
    expect(big.toNumber()).toBeCloseTo(10 / 3, 12)
    expect(Exact.ratioBig(10n ** 400n, 7n).toNumber()).toBe(Infinity)
    expect(Exact.ratioBig(7n, 10n ** 400n).toNumber()).toBe(0)
    expect(Exact.ratioBig(-(10n ** 330n), 10n ** 20n).toNumber()).toBeCloseTo(-1e310 / 1e300, -1)
  })
})

describe('docs/semantics.md states the limits in force', () => {
  it('its table "Input limits" lists every limit of INPUT_LIMITS with its value', () => {
    const doc = readFileSync(new URL('../../../docs/semantics.md', import.meta.url), 'utf8')
    const section = doc.slice(doc.indexOf('## Input limits'), doc.indexOf('\n## ', doc.indexOf('## Input limits') + 1))
    const rows = new Map<string, string>()
    for (const m of section.matchAll(/^\| `(\w+)`: [^|]+\| ([^|]+) \|/gm)) rows.set(m[1]!, m[2]!.trim())
    const shown = (v: number): string => (v >= 1e18 ? `10^${Math.round(Math.log10(v))}` : v.toLocaleString('en-US'))
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(INPUT_LIMITS).map(([k, v]) => [k, shown(v)])))
  })
})
