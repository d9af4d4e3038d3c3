// diffAssessments, with properties: an assessment against itself is the same; the changed
// self scores are exactly the criteria whose exact values differ, whatever their spelling.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { Exact } from '@chiso/core'
import { diffAssessments } from '../src/index.js'

const codes = fc.constantFrom('1', '1.1', '1.2', '1.10', '2', '2.1', '3')
/** a score of quarter points, written as a number or as text ("2.50") */
const score = fc.integer({ min: 0, max: 40 }).chain((q) => fc.constantFrom<string | number>(q / 4, (q / 4).toFixed(2), String(q / 4)))
const scores = fc.dictionary(codes, score, { maxKeys: 7 })

describe('diffAssessments', () => {
  test('an assessment compared with itself (however its numbers are written) is the same', () => {
    fc.assert(
      fc.property(scores, (s) => {
        const respelled = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? `${v}` : Number(v)]))
        expect(diffAssessments({ unitId: 'x', period: '2024', selfScores: s }, { unitId: 'x', period: '2024', selfScores: respelled }).same).toBe(true)
      }),
    )
  })

  test('the changed self scores are exactly the criteria whose values differ, in criterion order', () => {
    fc.assert(
      fc.property(scores, scores, (a, b) => {
        const d = diffAssessments({ unitId: 'x', period: '2024', selfScores: a }, { unitId: 'x', period: '2024', selfScores: b })
        const differs = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => {
          const x = a[k]
          const y = b[k]
          return x === undefined || y === undefined ? x !== y : !Exact.from(x).eq(Exact.from(y))
        })
        expect(new Set(d.selfScores.map((c) => c.key))).toEqual(new Set(differs))
        expect(d.same).toBe(differs.length === 0)
        const order = d.selfScores.map((c) => c.key)
        expect(order.indexOf('1.10') === -1 || order.indexOf('1.2') === -1 || order.indexOf('1.2') < order.indexOf('1.10')).toBe(true)
      }),
    )
  })

  test('evidence by id: added, removed, and changed with the fields that differ; facts, explanations and the unit', () => {
    const d = diffAssessments(
      {
        unitId: 'x',
        period: '2024',
        evidence: [
          { id: 'a', number: '1/KH', criteria: ['1.1'] },
          { id: 'b', number: '2/BC', criteria: ['1.2'] },
        ],
        facts: { staff: 10, plan: { issued: true } },
        explanations: { '1.1': 'Đã ban hành' },
        group: 'xa',
      },
      {
        unitId: 'x',
        period: '2024',
        evidence: [
          { id: 'a', number: '1/KH', issuer: 'UBND xã', criteria: ['1.1', '1.2'] },
          { id: 'c', number: '3/QĐ', criteria: ['2'] },
        ],
        facts: { staff: 10, plan: { issued: false } },
        explanations: { '1.1': 'Đã ban hành đúng hạn' },
        group: 'phuong',
      },
    )
    expect(d.evidence).toEqual([
      { id: 'a', change: 'changed', fields: ['criteria', 'issuer'] },
      { id: 'b', change: 'removed', fields: [] },
      { id: 'c', change: 'added', fields: [] },
    ])
    expect(d.facts).toEqual([{ key: 'plan', before: { issued: true }, after: { issued: false } }])
    expect(d.explanations).toEqual([{ key: '1.1', before: 'Đã ban hành', after: 'Đã ban hành đúng hạn' }])
    expect(d.other).toEqual(['group'])
  })
})
