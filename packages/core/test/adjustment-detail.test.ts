/**
 * Without a trace no adjustment's detail text is made (an entered amount keeps the number, a
 * computed one skips its text); a trace still lists each applied adjustment with the words it
 * always had. Packed results: many units in one batch, and a unit of very many nodes, read back
 * what each scores alone.
 */
import { describe, expect, it } from 'vitest'
import { compilePack, evaluate, evaluateBatch, type AssessmentInput, type PackInput } from '@chiso/core'

const pack = compilePack({
  id: 't/adjustment-detail',
  version: '1.0.0',
  title: 't',
  criteria: [{ code: '1', title: 'a', maxPoints: 10 }],
  adjustments: [
    { id: 'entered', type: 'bonus', title: 'e', target: '1', amount: { kind: 'entered' } },
    { id: 'fixed', type: 'bonus', title: 'f', target: '1', amount: { kind: 'fixed', points: 0.25 } },
    { id: 'when', type: 'deduction', title: 'w', target: '1', amount: { kind: 'fixed', points: 1.5, when: { all: [{ fact: 'late', operator: 'equal', value: true }] } } },
    { id: 'per', type: 'deduction', title: 'p', amount: { kind: 'per', fact: 'reprimands', points: 0.5 }, cap: 2 },
  ],
})

const unit = (facts: Record<string, unknown>, adjustments?: Record<string, number | string>): AssessmentInput => ({
  unitId: 'u',
  period: '2024',
  facts,
  selfScores: { '1': 6 },
  ...(adjustments ? { adjustments } : {}),
})

/** every applied adjustment's id and detail, over the whole trace */
function details(u: AssessmentInput, kernel?: 'interpreter'): string[] {
  const r = kernel ? evaluateBatch(pack, [u], { trace: true, kernel }).units[0]!.result : evaluate(pack, u, { trace: true })
  return r.trace!.flatMap((t) => t.adjustments.map((a) => `${a.id}: ${a.detail}`))
}

describe('applied adjustments in a trace', () => {
  for (const kernel of [undefined, 'interpreter'] as const) {
    it(`tell how each amount was worked out (${kernel ?? 'default'} kernel)`, () => {
      // the root's (per) first: the trace lists nodes in pack order
      expect(details(unit({ late: true, reprimands: 3 }, { entered: '1.75' }), kernel)).toEqual(['per: 3 × 0.5', 'entered: entered 1.75', 'fixed: fixed 0.25', 'when: condition met → 1.5'])
      expect(details(unit({ late: false, reprimands: -2 }), kernel)).toEqual(['per: reprimands = -2 < 0 → 0', 'entered: not entered → 0', 'fixed: fixed 0.25', 'when: condition not met → 0'])
      expect(details(unit({}), kernel)).toEqual(['per: reprimands absent → 0', 'entered: not entered → 0', 'fixed: fixed 0.25', 'when: condition not met → 0'])
    })
  }

  it('leave the points as the untraced run gives them', () => {
    const u = unit({ late: true, reprimands: 3 }, { entered: '1.75' })
    const plain = evaluate(pack, u)
    const traced = evaluate(pack, u, { trace: true })
    expect(plain.total.toString()).toBe(traced.total.toString())
    expect(plain.node('1')!.bonus.toString()).toBe('2')
    expect(plain.node('total')!.deduction.toString()).toBe('1.5')
  })
})

describe('packed results', () => {
  it('many units in one batch read back what each scores alone', () => {
    const units = Array.from({ length: 600 }, (_, k) => ({ ...unit({ late: k % 3 === 0, reprimands: k % 7 }, { entered: (k % 9) / 4 }), unitId: `u${k}` }))
    const batch = evaluateBatch(pack, units, { kernel: 'interpreter' })
    units.forEach((u, k) => {
      expect(JSON.stringify(batch.units[k]!.result.toJSON())).toBe(JSON.stringify(evaluate(pack, u).toJSON()))
    })
  })

  it('a unit of very many nodes is read back exactly', () => {
    // 999 leaves of thirds: ~3,000 doubles packed, every value a numerator/denominator pair
    const leaves = 999
    const big: PackInput = {
      id: 't/large',
      version: '1.0.0',
      title: 't',
      criteria: [{ code: '1', title: 'a', maxPoints: leaves, children: Array.from({ length: leaves }, (_, k) => ({ code: `1.${k}`, title: 'x', maxPoints: 1 })) }],
    }
    const p = compilePack(big)
    const selfScores: Record<string, number | string> = {}
    for (let k = 0; k < leaves; k++) selfScores[`1.${k}`] = k % 2 === 0 ? '1/3' : '2/3'
    const units = [0, 1, 2].map((j) => ({ unitId: `u${j}`, period: '2024', selfScores }))
    const batch = evaluateBatch(p, units, { kernel: 'interpreter' })
    for (const u of batch.units) {
      expect(u.result.node('1.0')!.points.toString()).toBe('1/3')
      expect(u.result.node('1.1')!.points.toString()).toBe('2/3')
      // 500 thirds and 499 two-thirds
      expect(u.result.total.toString()).toBe('1498/3')
    }
  })
})
