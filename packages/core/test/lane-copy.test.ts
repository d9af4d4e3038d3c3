/**
 * The copy a batch keeps of the inputs the integer lane scores, and the traces it makes of
 * them when they are read: exactly what the general path keeps and explains.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compilePack, evaluate, evaluateBatch, safeEvaluateBatch } from '@chiso/core'

const pack = compilePack({
  id: 'lane-copy/x',
  version: '1.0.0',
  title: 'L',
  rounding: { leaf: { decimals: 2, mode: 'half-up' } },
  criteria: [
    {
      code: '1',
      title: 'A',
      maxPoints: 2,
      rule: {
        kind: 'steps',
        fact: 'x',
        steps: [
          { min: 1, points: 1 },
          { min: 2, points: 2 },
        ],
      },
    },
    { code: '2', title: 'B', maxPoints: 1, rule: { kind: 'conditions', branches: [{ when: { fact: 'y', operator: 'in', value: ['a', 'b'] }, points: 1 }] } },
    { code: '3', title: 'C', maxPoints: 3, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
  ],
  bands: [{ code: 'b', label: 'B', min: 0 }],
})

/** a fact set of `extra` facts no rule reads besides the ones the pack reads */
const flat = (i: number, extra = 30): Record<string, unknown> => {
  const facts: Record<string, unknown> = { x: i % 3, y: i % 2 === 0 ? 'a' : 'c', n: i % 7, d: 7 }
  for (let k = 0; k < extra; k++) facts[`e${k}`] = k % 3 === 0 ? k / 8 : k % 3 === 1 ? `t${k}` : k % 2 === 0
  return facts
}

describe("inputs: 'copy' on the integer lane", () => {
  it('keeps a private copy equal to the input (keys in order), scored as borrowed inputs are, however many keys', () => {
    for (const extra of [0, 10, 30, 200]) {
      const inputs = Array.from({ length: 5 }, (_, i) => ({ unitId: `u${i}`, period: '1', group: 'g', facts: flat(i, extra) }))
      const before = structuredClone(inputs)
      const copied = evaluateBatch(pack, inputs)
      const borrowed = evaluateBatch(pack, before, { inputs: 'borrow' })
      expect(copied.units.every((u) => u.result.laneOf() !== undefined)).toBe(true)
      // edits after the call reach neither the copies nor the fingerprints
      const fingerprints = borrowed.units.map((u) => u.result.fingerprint)
      for (const a of inputs) {
        a.facts.x = 99
        a.facts.e1 = 'changed'
        delete a.facts.e0
        ;(a as { unitId: string }).unitId = 'other'
      }
      copied.units.forEach((u, i) => {
        expect(u.result.assessment).toStrictEqual(before[i])
        expect(Object.keys(u.result.assessment.facts!)).toEqual(Object.keys(before[i]!.facts))
        expect(Object.keys(u.result.assessment)).toEqual(Object.keys(before[i]!))
        expect(u.result.assessment).not.toBe(inputs[i])
        expect(u.result.fingerprint).toBe(fingerprints[i])
        expect(u.result.total.toString()).toBe(borrowed.units[i]!.result.total.toString())
        expect(u.rank).toBe(borrowed.units[i]!.rank)
      })
      // one copy per result, read after read
      expect(copied.units[0]!.result.assessment).toBe(copied.units[0]!.result.assessment)
      expect(copied.units[0]!.result.assessment).not.toBe(copied.units[1]!.result.assessment)
    }
  })

  it('keeps a getter’s value, read once for the copy, and reads no more when the copy is read', () => {
    let reads = 0
    const facts = flat(1)
    Object.defineProperty(facts, 'x', {
      enumerable: true,
      get: () => {
        reads++
        return 2
      },
    })
    const b = evaluateBatch(pack, [{ unitId: 'u', period: '1', facts }])
    const r = b.units[0]!.result
    expect(r.laneOf()).toBeDefined()
    expect(r.node('1')!.points.toString()).toBe('2')
    // once, for the copy: the copy is what the lane scores
    expect(reads).toBe(1)
    expect(r.assessment.facts!.x).toBe(2)
    expect(Object.getOwnPropertyDescriptor(r.assessment.facts, 'x')?.get).toBeUndefined()
    void r.fingerprint
    void r.trace
    expect(reads).toBe(1)
  })

  it('copies facts several assessments share once, reading them once, and shares the copy', () => {
    let reads = 0
    const facts = flat(2)
    Object.defineProperty(facts, 'note', {
      enumerable: true,
      get: () => {
        reads++
        return 'n'
      },
    })
    // the third holds the same facts under another envelope (a group): shared all the same
    const inputs = [
      { unitId: 'u1', period: '1', facts },
      { unitId: 'u2', period: '1', facts },
      { unitId: 'u3', group: 'g', period: '1', facts },
      { unitId: 'u4', period: '1', facts: flat(2) },
    ]
    const batch = evaluateBatch(pack, inputs)
    expect(reads).toBe(1)
    const [a, b, c, d] = batch.units.map((u) => u.result.assessment)
    expect(a!.facts).toBe(b!.facts)
    expect(c!.facts).toBe(a!.facts)
    expect(a!.facts === facts).toBe(false)
    expect(d!.facts).not.toBe(a!.facts)
    expect(Object.keys(c!)).toEqual(['unitId', 'group', 'period', 'facts'])
    expect(c!.group).toBe('g')
    expect(a!.facts).toStrictEqual({ ...flat(2), note: 'n' })
    expect(batch.units.map((u) => u.result.total.toString())).toEqual(Array(4).fill(batch.units[3]!.result.total.toString()))
  })

  it('copies inputs of many shapes in one batch exactly, and inputs with no facts or facts undefined', () => {
    const inputs: Record<string, unknown>[] = []
    for (let i = 0; i < 30; i++) {
      const facts: Record<string, unknown> = {}
      // a shape per unit: the keys in another order, some more
      const keys = ['x', 'y', 'n', 'd', ...Array.from({ length: i % 12 }, (_, k) => `k${k}`)]
      if (i % 2 === 1) keys.reverse()
      for (const k of keys) facts[k] = flat(i)[k] ?? i
      inputs.push(i % 5 === 0 ? { facts, period: '1', unitId: `u${i}` } : { unitId: `u${i}`, period: '1', facts })
    }
    inputs.push({ unitId: 'none', period: '1' }, { unitId: 'undef', period: '1', facts: undefined })
    const before = structuredClone(inputs)
    const batch = evaluateBatch(pack, inputs)
    batch.units.forEach((u, i) => {
      expect(u.result.assessment).toStrictEqual(before[i])
      expect(Object.keys(u.result.assessment)).toEqual(Object.keys(before[i]!))
      const f = before[i]!.facts as Record<string, unknown> | undefined
      if (f !== undefined) expect(Object.keys(u.result.assessment.facts!)).toEqual(Object.keys(f))
    })
    expect('facts' in batch.units[inputs.length - 1]!.result.assessment).toBe(true)
    expect('facts' in batch.units[inputs.length - 2]!.result.assessment).toBe(false)
  })

  it('refuses what the limits refuse in flat facts, at its path, among good units', () => {
    const good = { unitId: 'g', period: '1', facts: flat(1) }
    const nan = { unitId: 'a', period: '1', facts: { ...flat(1), e3: Number.NaN } }
    const forbidden = { unitId: 'b', period: '1', facts: JSON.parse('{"x":1,"__proto__":2}') as Record<string, unknown> }
    const long = { unitId: 'c', period: '1', facts: { ...flat(1), e4: 'x'.repeat(100_001) } }
    const r = safeEvaluateBatch(pack, [good, nan, forbidden, long])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['not_finite_number', [1, 'facts', 'e3']],
      ['forbidden_key', [2, 'facts', '__proto__']],
      ['string_too_long', [3, 'facts', 'e4']],
    ])
  })

  it('property: the batch copy is the input as it was, shared where the input shares, scored and explained as evaluate scores and explains', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 0.5, 'a', 'b', 'c', '', true, false, null, undefined))
    // the facts the pack reads, valid (x may be missing: the lane then hands the unit to the
    // interpreter, which flags it), and facts no rule reads, of any value, before or after them
    const read = fc.record({ x: fc.integer({ min: -1, max: 3 }), y: fc.constantFrom('a', 'b', 'c'), n: fc.nat(9), d: fc.integer({ min: 1, max: 9 }) }, { requiredKeys: ['y', 'n', 'd'] })
    const extra = fc.dictionary(fc.constantFrom('e0', 'e1', 'f', 'g', '10', '2'), value, { maxKeys: 6 })
    const factsArb = fc.tuple(read, extra, fc.boolean()).map(([r, e, first]) => (first ? { ...e, ...r } : { ...r, ...e }) as Record<string, unknown>)
    fc.assert(
      fc.property(fc.array(factsArb, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 8 }), fc.boolean(), (generated, picks, trace) => {
        // (fresh objects: the edits below must not reach fast-check's own values)
        const parts = generated.map((p) => ({ ...p }))
        const inputs = picks.map(([p, grouped], i) =>
          grouped ? { unitId: `u${i}`, group: 'g', period: '1', facts: parts[p % parts.length]! } : { unitId: `u${i}`, period: '1', facts: parts[p % parts.length]! },
        )
        const before = structuredClone(inputs)
        const r = safeEvaluateBatch(pack, inputs, { trace })
        expect(r.ok ? [] : r.issues).toEqual([])
        if (!r.ok) return
        const alone = before.map((a) => evaluate(pack, a, { inputs: 'borrow', trace }))
        for (const part of parts) for (const k of Object.keys(part)) part[k] = 'edited'
        r.value.units.forEach((u, i) => {
          expect(u.result.assessment).toStrictEqual(before[i])
          expect(u.result.total.eq(alone[i]!.total)).toBe(true)
          expect(u.result.fingerprint).toBe(alone[i]!.fingerprint)
          if (trace) expect(JSON.stringify(u.result.trace)).toBe(JSON.stringify(alone[i]!.trace))
          for (let j = 0; j < i; j++) {
            if (inputs[j]!.facts === inputs[i]!.facts) expect(r.value.units[j]!.result.assessment.facts).toBe(u.result.assessment.facts)
          }
        })
      }),
      { numRuns: 300 },
    )
  })
})

describe('traces of units the integer lane scored, made when first read', () => {
  const inputs = () => [
    { unitId: 'u1', period: '1', facts: flat(1) },
    { unitId: 'u2', period: '1', facts: { ...flat(2), extra: { list: [1] } } },
    { unitId: 'u3', period: '1', facts: { y: 'a', n: 3, d: 7 } },
    { unitId: 'u4', period: '1', facts: flat(4) },
  ]

  it('explain the input as it was scored, whatever the caller does to it afterwards, in any order of reading', () => {
    const given = inputs()
    const expected = inputs().map((a) => JSON.stringify(evaluate(pack, a, { trace: true }).trace))
    const batch = evaluateBatch(pack, given, { trace: true })
    // u1, u2 (facts copied as objects: a nested fact) and u4 on the lane; u3 lacks x
    expect(batch.units.map((u) => u.result.laneOf() !== undefined)).toEqual([true, true, false, true])
    for (const a of given) {
      a.facts.x = 0
      a.facts.y = 'z'
      a.facts.n = 1
    }
    for (const i of [3, 0, 2, 1]) expect(JSON.stringify(batch.units[i]!.result.trace)).toBe(expected[i])
    // made once: the same objects on the next read
    expect(batch.units[0]!.result.trace).toBe(batch.units[0]!.result.trace)
    expect(batch.units[0]!.result.node('3')!.trace).toBe(batch.units[0]!.result.trace![3])
    expect(evaluateBatch(pack, inputs()).units[0]!.result.trace).toBeUndefined()
  })

  it('a getter that answers each read otherwise: every result scores, keeps and explains one answer, its copy’s', () => {
    const answers = (first: unknown, then: unknown) => {
      let reads = 0
      const facts = flat(1)
      Object.defineProperty(facts, 'x', { enumerable: true, get: () => (reads++ === 0 ? first : then) })
      return facts
    }
    // b's one read gave text, which cannot be scored: the batch refuses it (every path reads
    // each value once, the full path included), as evaluate does
    const batch = safeEvaluateBatch(
      pack,
      [
        { unitId: 'a', period: '1', facts: answers(1, 2) },
        { unitId: 'b', period: '1', facts: answers('text', 2) },
      ],
      { trace: true },
    )
    expect(batch.ok ? [] : batch.issues.map((i) => [i.code, i.path])).toEqual([['invalid_type', [1, 'facts', 'x']]])
    // alone, a is scored on the lane from its copy: the first answer, explained as such
    const alone = evaluateBatch(pack, [{ unitId: 'a', period: '1', facts: answers(1, 2) }], { trace: true }).units[0]!.result
    expect(alone.laneOf()).toBeDefined()
    expect(alone.node('1')!.points.toString()).toBe('1')
    expect(JSON.stringify(alone.trace)).toBe(JSON.stringify(evaluate(pack, { unitId: 'a', period: '1', facts: { ...flat(1), x: 1 } }, { trace: true }).trace))
    const own = evaluate(pack, structuredClone(alone.assessment), { trace: true })
    expect(JSON.stringify(alone.trace)).toBe(JSON.stringify(own.trace))
  })

  it('borrowed inputs are explained while the batch scores them: edits afterwards, even a proxy that throws, reach no trace', () => {
    const given = inputs()
    const batch = evaluateBatch(pack, given, { trace: true, inputs: 'borrow' })
    const expected = inputs().map((a) => JSON.stringify(evaluate(pack, a, { trace: true }).trace))
    given[0]!.facts.x = 'not a number' as unknown as number
    ;(given[3] as { facts: unknown }).facts = new Proxy(
      {},
      {
        get() {
          throw new Error('boom')
        },
      },
    )
    for (const i of [0, 3, 1]) expect(JSON.stringify(batch.units[i]!.result.trace)).toBe(expected[i])
  })
})
