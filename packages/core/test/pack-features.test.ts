import { describe, expect, test } from 'vitest'
import { compilePack, evaluate } from '@chiso/core'

describe('pack-level adjustment caps and annotated bands', () => {
  const pack = compilePack({
    id: 'features/root-caps',
    version: '1.0.0',
    title: 'Root caps',
    scale: 10,
    criteria: [{ code: '1', title: 'A', maxPoints: 10, rule: { kind: 'manual', step: 0.5 } }],
    adjustments: [
      { id: 'late', type: 'deduction', title: 'Báo cáo trễ', amount: { kind: 'per', fact: 'late', points: 1 }, cap: 3 },
      { id: 'error', type: 'deduction', title: 'Sai sót', amount: { kind: 'per', fact: 'errors', points: 0.5 }, cap: 2 },
    ],
    adjustmentCaps: { deduction: 4 },
    bands: [
      { code: 'tot', label: 'Tốt', min: 80, status: 'reconstructed', note: 'cut-off assumed' },
      { code: 'con-lai', label: 'Còn lại', min: 0 },
    ],
  })

  test('all deductions on the whole index together stay under the pack cap', () => {
    // late 5 × 1 = 5 → capped 3; errors 6 × 0.5 = 3 → capped 2; together 5 → pack cap 4 → 9 − 4 = 5
    const r = evaluate(pack, { unitId: 'u', period: '2024', selfScores: { '1': 9 }, facts: { late: 5, errors: 6 } })
    expect(r.total.toString()).toBe('5')
    expect(r.node('total')!.deduction.toString()).toBe('4')
    // under the cap nothing changes: 1 + 1 = 2 → 7
    expect(evaluate(pack, { unitId: 'u', period: '2024', selfScores: { '1': 9 }, facts: { late: 1, errors: 2 } }).total.toString()).toBe('7')
  })

  test('bands may carry status and a note', () => {
    expect(pack.source.bands?.[0]).toMatchObject({ status: 'reconstructed', note: 'cut-off assumed' })
  })
})
