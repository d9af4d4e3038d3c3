/**
 * DESIGN "Evaluation": compiled packs are immutable and safe to share; compiling or
 * evaluating never changes (or freezes) the caller's own objects.
 */
import { describe, expect, it } from 'vitest'
import { compilePack, evaluate, evaluateBatch } from '@chiso/core'

const make = () => ({
  id: 'imm/x',
  version: '1.0.0',
  title: 'I',
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
  ],
  bands: [{ code: 'b', label: 'B', min: 0 }],
})

function frozenAnywhere(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false
  if (Object.isFrozen(v)) return true
  return Object.values(v).some(frozenAnywhere)
}

describe('immutability', () => {
  it('compilePack leaves the caller’s pack object unfrozen and unchanged', () => {
    const json = make()
    const before = JSON.stringify(json)
    compilePack(json)
    expect(JSON.stringify(json)).toBe(before)
    expect(frozenAnywhere(json)).toBe(false)
    // so an editor can keep changing its own copy and recompile
    json.criteria[0]!.rule.steps!.push({ min: 3, points: 2 })
    expect(compilePack(json).source.criteria![0]!.rule!.steps).toHaveLength(3)
  })

  it('the compiled pack is frozen all the way down and does not follow later edits of the input', () => {
    const json = make()
    const pack = compilePack(json)
    expect(frozenAnywhere(pack.source)).toBe(true)
    expect(Object.isFrozen(pack.nodes[1]!)).toBe(true)
    json.criteria[1]!.rule.branches![0]!.when.value.push('c')
    expect(evaluate(pack, { unitId: 'u', period: '1', facts: { x: 2, y: 'c' } }).total.toString()).toBe('2')
  })

  it('evaluate does not change the assessment', () => {
    const pack = compilePack(make())
    const a = { unitId: 'u', period: '1', unit: { id: 'u', name: 'U', kind: 'commune' }, facts: { x: 1, y: 'a', deep: { list: [1] } }, selfScores: {} }
    const before = JSON.stringify(a)
    const r = evaluate(pack, a, { trace: true })
    expect(r.total.toString()).toBe('2') // 1 + 1
    expect(JSON.stringify(a)).toBe(before)
    expect(frozenAnywhere(a)).toBe(false)
  })

  it('a result does not change when the caller later edits the facts it was computed from', () => {
    const pack = compilePack({ ...make(), criteria: [{ code: '1', title: 'A', maxPoints: 1, applicability: { fact: 'unit', path: '$.attributes.zone.kind', operator: 'equal', value: 'rural' } }] })
    const a = { unitId: 'u', period: '1', unit: { id: 'u', name: 'U', kind: 'commune', attributes: { zone: { kind: 'rural' } } }, facts: { deep: { x: 1 } }, selfScores: { '1': 1 } }
    const fresh = () => JSON.parse(JSON.stringify(a)) as typeof a
    const expected = evaluate(pack, fresh()).fingerprint
    for (const run of [(x: typeof a) => evaluate(pack, x), (x: typeof a) => evaluateBatch(pack, [x]).units[0]!.result]) {
      const input = fresh()
      const r = run(input)
      input.facts.deep.x = 2
      input.unit.attributes.zone.kind = 'urban'
      // the fingerprint (computed on first read) and the stored assessment are those of the inputs scored
      expect(r.fingerprint).toBe(expected)
      expect(JSON.stringify(r.assessment)).toBe(JSON.stringify(a))
    }
  })
})

describe("inputs: 'copy' on the integer lane", () => {
  it('every unit keeps a private copy, whether the lane scores it or hands it to the exact interpreter', () => {
    const pack = compilePack({ ...make(), rounding: { leaf: { decimals: 2, mode: 'half-up' } } })
    // the second unit lacks fact x: the lane admits it (and copies it), then leaves it to the
    // interpreter, which flags the missing input
    const inputs = [
      { unitId: 'a', period: '1', facts: { x: 2, y: 'b', extra: { list: [1] } } },
      { unitId: 'b', period: '1', facts: { y: 'a', extra: { list: [2] } } },
    ]
    const before = JSON.stringify(inputs)
    const batch = evaluateBatch(pack, inputs)
    expect(batch.units[0]!.result.laneOf()).toBeDefined()
    expect(batch.units[1]!.result.laneOf()).toBeUndefined()
    expect(batch.units[1]!.result.flags.map((f) => f.code)).toContain('missing_input')
    // the fingerprint is computed on first read, after the edits below
    const fingerprints = evaluateBatch(pack, JSON.parse(before) as typeof inputs).units.map((u) => u.result.fingerprint)
    for (const input of inputs) {
      input.facts.extra.list.push(9)
      input.facts.y = 'c'
    }
    batch.units.forEach((u, i) => {
      expect(u.result.assessment).not.toBe(inputs[i])
      expect(JSON.stringify(u.result.assessment)).toBe(JSON.stringify(JSON.parse(before)[i]))
      expect(u.result.fingerprint).toBe(fingerprints[i])
    })
  })
})

describe("inputs: 'borrow'", () => {
  it('keeps the caller’s object instead of a copy, and scores the same', () => {
    const pack = compilePack(make())
    const a = { unitId: 'u', period: '1', facts: { x: 2, y: 'b' } }
    const borrowed = evaluate(pack, a, { inputs: 'borrow' })
    const copied = evaluate(pack, a)
    expect(borrowed.assessment).toBe(a)
    expect(copied.assessment).not.toBe(a)
    expect(borrowed.total.toString()).toBe(copied.total.toString())
    expect(borrowed.fingerprint).toBe(copied.fingerprint)
    const batch = evaluateBatch(pack, [a], { inputs: 'borrow' })
    expect(batch.units[0]!.result.assessment).toBe(a)
  })
})

describe("inputs: 'copy' shares the copy of a part the assessments share", () => {
  for (const kernel of ['auto', 'interpreter'] as const) {
    it(`two assessments holding one facts object: one copy, read once, private from the input (kernel ${kernel})`, () => {
      const pack = compilePack(make())
      let reads = 0
      const facts: Record<string, unknown> = { x: 2, y: 'b', list: [1, 2] }
      // a fact no rule reads: only the copy reads it
      Object.defineProperty(facts, 'note', {
        enumerable: true,
        get: () => {
          reads++
          return 'n'
        },
      })
      const inputs = [
        { unitId: 'u1', period: '1', facts },
        { unitId: 'u2', period: '1', facts },
        { unitId: 'u3', period: '1', facts: { x: 1, y: 'a' } },
      ]
      const batch = evaluateBatch(pack, inputs, { kernel })
      expect(reads).toBe(1)
      const [a, b, c] = batch.units.map((u) => u.result.assessment)
      expect(a!.facts).toBe(b!.facts)
      // (not `not.toBe`: on a pass it still compares deeply, reading the getter)
      expect(a!.facts === facts).toBe(false)
      expect(c!.facts).not.toBe(a!.facts)
      expect(a!.facts).toEqual({ x: 2, y: 'b', list: [1, 2], note: 'n' })
      expect(Object.getOwnPropertyDescriptor(a!.facts, 'note')?.get).toBeUndefined()
      expect(a).not.toBe(b)
      expect(b!.unitId).toBe('u2')
      // another call makes copies of its own
      const again = evaluateBatch(pack, [inputs[0]!], { kernel })
      expect(again.units[0]!.result.assessment.facts).not.toBe(a!.facts)
      expect(reads).toBe(2)
      const fingerprints = batch.units.map((u) => u.result.fingerprint)
      facts.x = 0
      ;(facts.list as number[]).push(3)
      expect(a!.facts).toEqual({ x: 2, y: 'b', list: [1, 2], note: 'n' })
      expect(batch.units.map((u) => u.result.fingerprint)).toEqual(fingerprints)
    })
  }
})
