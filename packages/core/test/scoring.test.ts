/**
 * Acceptance 4: scoring semantics — appraisal, survey, evidence policy, applicability,
 * adjustments and caps, floor and max, index formula, bands.
 */
import { describe, expect, it } from 'vitest'
import { compilePack, evaluate, Exact, safeEvaluate, type PackInput } from '@chiso/core'
import { bandFor } from '@chiso/core/analysis'

const base: PackInput = {
  id: 'sem/commune',
  version: '1.0.0',
  title: 'Semantics',
  criteria: [
    {
      code: '1',
      title: 'A',
      maxPoints: 6,
      children: [
        { code: '1.1', title: 'a', maxPoints: 2, rule: { kind: 'manual', step: 0.25 }, evidence: { required: true } },
        { code: '1.2', title: 'b', maxPoints: 4, rule: { kind: 'manual' }, applicability: { fact: 'unit', path: '$.attributes.border', operator: 'equal', value: true } },
      ],
    },
    { code: '2', title: 'B', maxPoints: 4, rule: { kind: 'manual' } },
    { code: '3', title: 'S', maxPoints: 2, source: 'survey', rule: { kind: 'survey', weights: { A: 1 } } },
  ],
}
const unit = (border: boolean) => ({ id: 'u', name: 'Xã U', kind: 'commune', attributes: { border } })
const ev = [{ id: 'e1', number: '12/KH-UBND', criteria: ['1.1'] }]

describe('appraisal', () => {
  const pack = compilePack(base)
  const a = {
    unitId: 'u',
    period: '2024',
    unit: unit(true),
    evidence: ev,
    selfScores: { '1.1': 2, '1.2': 4, '2': 3 },
    // given out of order on purpose: round 2 is the latest whatever the array order
    appraisals: [
      { round: 2, reviewer: 'Tổ thẩm định tỉnh', at: '2024-02-01', changes: [{ code: '1.1', points: 1.25, reason: 'Thiếu kế hoạch quý IV' }] },
      {
        round: 1,
        reviewer: 'Tổ thẩm định huyện',
        at: '2024-01-15',
        changes: [
          { code: '1.1', points: 1.5, reason: 'Báo cáo chậm' },
          { code: '2', points: 2.5, reason: 'Sai số liệu' },
        ],
      },
    ],
  }

  it('overrides self scores, the latest round by number winning', () => {
    const r = evaluate(pack, a)
    expect(r.node('1.1')!.points.toString()).toBe('1.25') // round 2 beats round 1 (1.5) and self (2)
    expect(r.node('2')!.points.toString()).toBe('2.5') // round 1 only
    expect(r.node('1.2')!.points.toString()).toBe('4') // untouched self score
    // total 1.25 + 4 + 2.5 + 0 (no survey) = 7.75
    expect(r.total.toString()).toBe('7.75')
  })

  it('keeps every step with its reason in the trace, oldest first', () => {
    const t = evaluate(pack, a, { trace: true }).node('1.1')!.trace!
    expect(t.selfScore!.toString()).toBe('2')
    expect(t.appraisals.map((s) => [s.round, s.from.toString(), s.to.toString(), s.reason, s.reviewer])).toEqual([
      [1, '2', '1.5', 'Báo cáo chậm', 'Tổ thẩm định huyện'],
      [2, '1.5', '1.25', 'Thiếu kế hoạch quý IV', 'Tổ thẩm định tỉnh'],
    ])
  })

  it('appraised points are checked like self scores', () => {
    const r = safeEvaluate(pack, { ...a, appraisals: [{ round: 1, reviewer: 'x', at: 'y', changes: [{ code: '1.1', points: 3, reason: 'r' }] }] })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['score_above_max', 'appraisals.0.changes.0.points']])
  })
})

describe('survey-sourced leaves', () => {
  it('self-scoring one is an error (self_score_on_survey)', () => {
    const r = safeEvaluate(compilePack(base), { unitId: 'u', period: '2024', selfScores: { '3': 1 } })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => ({ code: i.code, path: i.path, value: i.value }))).toEqual([{ code: 'self_score_on_survey', path: ['selfScores', '3'], value: 1 }])
  })
  it('appraising one is an error too', () => {
    const r = safeEvaluate(compilePack(base), { unitId: 'u', period: '2024', appraisals: [{ round: 1, reviewer: 'x', at: 'y', changes: [{ code: '3', points: 1, reason: 'r' }] }] })
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['appraisal_on_survey'])
  })
})

describe('evidence policy (evidencePolicy.missing)', () => {
  const a = { unitId: 'u', period: '2024', unit: unit(true), selfScores: { '1.1': 2, '1.2': 1, '2': 1 } }
  it('zero (the default): a leaf missing required evidence scores 0, and is flagged', () => {
    const r = evaluate(compilePack(base), a)
    expect(r.node('1.1')!.points.toString()).toBe('0')
    expect(r.flags.filter((f) => f.code === 'missing_evidence').map((f) => f.criterion)).toEqual(['1.1'])
    // with the document the score stands
    expect(
      evaluate(compilePack(base), { ...a, evidence: ev })
        .node('1.1')!
        .points.toString(),
    ).toBe('2')
  })
  it('explicit zero equals the default', () => {
    expect(
      evaluate(compilePack({ ...base, evidencePolicy: { missing: 'zero' } }), a)
        .node('1.1')!
        .points.toString(),
    ).toBe('0')
  })
  it('flag: the score stands and the leaf is flagged', () => {
    const r = evaluate(compilePack({ ...base, evidencePolicy: { missing: 'flag' } }), a)
    expect(r.node('1.1')!.points.toString()).toBe('2')
    expect(r.flags.filter((f) => f.code === 'missing_evidence').map((f) => f.criterion)).toEqual(['1.1'])
  })
  it('minDocuments counts documents linked to the leaf', () => {
    const p = compilePack({ ...base, criteria: [{ code: '1', title: 'x', maxPoints: 1, evidence: { required: true, minDocuments: 2 } }] })
    const one = [{ id: 'e1', criteria: ['1'] }]
    expect(evaluate(p, { unitId: 'u', period: '1', selfScores: { '1': 1 }, evidence: one }).total.toString()).toBe('0')
    expect(evaluate(p, { unitId: 'u', period: '1', selfScores: { '1': 1 }, evidence: [...one, { id: 'e2', criteria: ['1'] }] }).total.toString()).toBe('1')
  })
  it('a document counts once, however often it is listed or linked', () => {
    const p = compilePack({ ...base, criteria: [{ code: '1', title: 'x', maxPoints: 1, evidence: { required: true, minDocuments: 2 } }] })
    const twiceLinked = [{ id: 'e1', criteria: ['1', '1'] }]
    const twiceListed = [
      { id: 'e1', criteria: ['1'] },
      { id: 'e1', number: 'again', criteria: ['1'] },
    ]
    for (const evidence of [twiceLinked, twiceListed]) {
      const r = evaluate(p, { unitId: 'u', period: '1', selfScores: { '1': 1 }, evidence }, { trace: true })
      expect(r.total.toString()).toBe('0')
      expect(r.node('1')!.trace!.evidence!.documents.map((d) => d.id)).toEqual(['e1'])
    }
  })
})

describe('applicability', () => {
  const pack = compilePack(base)
  const a = { unitId: 'u', period: '2024', evidence: ev, selfScores: { '1.1': 1.5, '2': 3 }, survey: { '3': { points: 1 } } }

  it('a not-applicable leaf leaves the applicable maximum; index = points ÷ applicable max × 100', () => {
    const r = evaluate(pack, { ...a, unit: unit(false) })
    expect(r.node('1.2')!.notApplicable).toBe(true)
    expect(r.node('1.2')!.applicableMax.toString()).toBe('0')
    expect(r.node('1.2')!.index).toBeNull()
    // applicable max 12 − 4 = 8; points 1.5 + 3 + 1 = 5.5; index 5.5 ÷ 8 × 100 = 68.75
    expect(r.applicableMax.toString()).toBe('8')
    expect(r.node('1')!.applicableMax.toString()).toBe('2')
    expect(r.total.toString()).toBe('5.5')
    expect(r.index.toString()).toBe('68.75')
    // component index of area 1: 1.5 ÷ 2 × 100 = 75
    expect(r.node('1')!.index!.toString()).toBe('75')
  })

  it('when it applies, the full maximum counts', () => {
    const r = evaluate(pack, { ...a, unit: unit(true), selfScores: { ...a.selfScores, '1.2': 2 } })
    // 7.5 of 12 → 62.5
    expect(r.applicableMax.toString()).toBe('12')
    expect(r.index.toString()).toBe('62.5')
  })

  it('a not-applicable parent makes its whole subtree not applicable', () => {
    const p = compilePack({
      ...base,
      criteria: [
        { code: '1', title: 'A', maxPoints: 3, applicability: { fact: 'urban', operator: 'equal', value: true }, children: [{ code: '1.1', title: 'a', maxPoints: 3 }] },
        { code: '2', title: 'B', maxPoints: 1 },
      ],
    })
    const r = evaluate(p, { unitId: 'u', period: '1', facts: { urban: false }, selfScores: { '1.1': 3, '2': 1 } })
    expect(r.node('1.1')!.notApplicable).toBe(true)
    expect(r.total.toString()).toBe('1')
    expect(r.index.toString()).toBe('100') // 1 of 1
  })
})

describe('adjustments, caps, floor and max', () => {
  const pack = (extra: Partial<PackInput>) =>
    compilePack({
      id: 'adj/x',
      version: '1.0.0',
      title: 'Adj',
      criteria: [
        { code: '1', title: 'A', maxPoints: 10, children: [{ code: '1.1', title: 'a', maxPoints: 10 }], adjustmentCaps: { deduction: 3, bonus: 1 } },
        { code: '2', title: 'B', maxPoints: 10 },
      ],
      ...extra,
    })
  type Adj = NonNullable<PackInput['adjustments']>[number]
  const adj = (id: string, type: 'deduction' | 'bonus', target: string, amount: Adj['amount'], cap?: number): Adj => ({ id, type, title: id, target, amount, ...(cap === undefined ? {} : { cap }) })

  it('deductions and bonuses apply with their own cap, then the node cap', () => {
    const p = pack({
      adjustments: [
        adj('late', 'deduction', '1', { kind: 'per', fact: 'lateReports', points: 0.5 }, 2), // 5 × 0.5 = 2.5 → cap 2
        adj('audit', 'deduction', '1', { kind: 'fixed', points: 1.5, when: { fact: 'auditFinding', operator: 'equal', value: true } }), // 1.5
        adj('award', 'bonus', '1', { kind: 'entered' }, 2), // entered 1.75 → node bonus cap 1
        adj('init', 'bonus', '2', { kind: 'fixed', points: 0.75 }),
      ],
    })
    const r = evaluate(p, { unitId: 'u', period: '1', facts: { lateReports: 5, auditFinding: true }, selfScores: { '1.1': 8, '2': 9.5 }, adjustments: { award: 1.75 } }, { trace: true })
    const n1 = r.node('1')!
    // deductions 2 + 1.5 = 3.5 → node cap 3; bonus 1.75 → node cap 1; 8 + 1 − 3 = 6
    expect(n1.deduction.toString()).toBe('3')
    expect(n1.bonus.toString()).toBe('1')
    expect(n1.points.toString()).toBe('6')
    expect(n1.trace!.adjustments.map((x) => [x.id, x.amount.toString(), x.applied.toString()])).toEqual([
      ['late', '2.5', '2'],
      ['audit', '1.5', '1.5'],
      ['award', '1.75', '1.75'],
    ])
    // area 2: 9.5 + 0.75 = 10.25 → max 10
    expect(r.node('2')!.points.toString()).toBe('10')
    expect(r.total.toString()).toBe('16')
  })

  it('an adjustment whose condition fails, or whose fact is absent, is 0', () => {
    const p = pack({
      adjustments: [
        adj('audit', 'deduction', '1', { kind: 'fixed', points: 1.5, when: { fact: 'auditFinding', operator: 'equal', value: true } }),
        adj('late', 'deduction', '1', { kind: 'per', fact: 'lateReports', points: 0.5 }),
      ],
    })
    const r = evaluate(p, { unitId: 'u', period: '1', facts: { auditFinding: false }, selfScores: { '1.1': 8, '2': 0 } })
    expect(r.node('1')!.deduction.toString()).toBe('0')
    expect(r.node('1')!.points.toString()).toBe('8')
  })

  it('points never fall below the floor (default 0)', () => {
    const p = pack({ adjustments: [adj('big', 'deduction', '2', { kind: 'fixed', points: 5 })] })
    // area 2: 1 − 5 = −4 → floor 0
    expect(
      evaluate(p, { unitId: 'u', period: '1', selfScores: { '1.1': 0, '2': 1 } })
        .node('2')!
        .points.toString(),
    ).toBe('0')
    // the pack's floor is the whole index's: area 2 keeps its own (0); the total 0 − 5 = −5 → −2
    const q = pack({ floor: -2, adjustments: [adj('big', 'deduction', '2', { kind: 'fixed', points: 5 }), adj('all', 'deduction', 'total', { kind: 'fixed', points: 5 })] })
    const r = evaluate(q, { unitId: 'u', period: '1', selfScores: { '1.1': 0, '2': 1 } })
    expect(r.node('2')!.points.toString()).toBe('0')
    expect(r.total.toString()).toBe('-2')
  })

  it('a bonus on the whole index is capped by the scale', () => {
    const p = pack({ adjustments: [adj('star', 'bonus', 'total', { kind: 'fixed', points: 3 })] })
    // 10 + 9 + 3 = 22 → 20
    const r = evaluate(p, { unitId: 'u', period: '1', selfScores: { '1.1': 10, '2': 9 } })
    expect(r.total.toString()).toBe('20')
    expect(r.node('total')!.bonus.toString()).toBe('3')
    expect(r.index.toString()).toBe('100')
  })

  it('an entered amount above its cap, or for a computed adjustment, is an error', () => {
    const p = pack({ adjustments: [adj('award', 'bonus', '1', { kind: 'entered' }, 2), adj('init', 'bonus', '2', { kind: 'fixed', points: 0.75 })] })
    const r = safeEvaluate(p, { unitId: 'u', period: '1', adjustments: { award: 2.5, init: 1, nope: 1 } })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['adjustment_above_cap', 'adjustments.award'],
      ['adjustment_not_entered', 'adjustments.init'],
      ['unknown_adjustment', 'adjustments.nope'],
    ])
  })
})

describe('index formula and bands', () => {
  const p = (extra: Partial<PackInput>) =>
    compilePack({
      id: 'ix/x',
      version: '1.0.0',
      title: 'I',
      criteria: [
        { code: '1', title: 'a', maxPoints: 30 },
        { code: '2', title: 'b', maxPoints: 20 },
      ],
      ...extra,
    })
  const a = { unitId: 'u', period: '1', selfScores: { '1': 21, '2': 12.5 } }

  it("default ratio: points ÷ applicable max × 100; 'points': the points themselves; a ratio scale", () => {
    // 33.5 ÷ 50 × 100 = 67
    expect(evaluate(p({}), a).index.toString()).toBe('67')
    expect(evaluate(p({ index: { kind: 'points' } }), a).index.toString()).toBe('33.5')
    // 33.5 ÷ 50 × 10 = 6.7
    expect(evaluate(p({ index: { kind: 'ratio', scale: 10 } }), a).index.toString()).toBe('6.7')
  })

  it('bands come from the pack, highest met minimum first; minExclusive excludes the minimum', () => {
    const bands = [
      { code: 'yeu', label: 'Yếu', min: 0 },
      { code: 'tot', label: { vi: 'Tốt', en: 'Good' }, min: 80 },
      { code: 'kha', label: 'Khá', min: 67, minExclusive: true },
      { code: 'tb', label: 'Trung bình', min: 50 },
    ]
    const pk = p({ bands })
    const band = (x: number | string) => bandFor(pk, Exact.from(x))?.code
    expect(band(67)).toBe('tb') // not > 67
    expect(band('67.01')).toBe('kha')
    expect(band(80)).toBe('tot')
    expect(band(100)).toBe('tot')
    expect(band(0)).toBe('yeu')
    expect(band(-1)).toBeUndefined()
    expect(bandFor(pk, evaluate(pk, a).index)?.code).toBe('tb')
  })
})
