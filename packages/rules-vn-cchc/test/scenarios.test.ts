/**
 * One scenario per pack, with the expected total worked out by hand (the arithmetic is in
 * the comments) and compared exactly. Leaves not mentioned get no input and score 0.
 */
import { evaluate, Exact, type AssessmentInput } from '@chiso/core'
import { vnCchc } from '@chiso/rules-vn-cchc'
import { describe, expect, it } from 'vitest'

const run = (id: string, a: Omit<AssessmentInput, 'unitId' | 'period'>) => evaluate(vnCchc.compile(id), { unitId: 'don-vi-mau', period: '2024', ...a })
const max = (id: string, code: string): string => vnCchc.compile(id).node(code)!.maxPoints.toString()

describe('national provincial editions', () => {
  it('vn-cchc/province-2017', () => {
    const id = 'vn-cchc/province-2017'
    expect([max(id, '1.1.1'), max(id, '1.1.2'), max(id, '3.1.1'), max(id, '8.1.1'), max(id, '1.5.2'), max(id, '8.5.2')]).toEqual(['1', '1', '1.25', '1.75', '1', '1.5'])
    const r = run(id, {
      selfScores: { '1.1.1': 1, '1.1.2': 0.75, '3.1.1': 1.25, '8.1.1': 1.5 },
      appraisals: [{ round: 1, reviewer: 'Tổ thẩm định Bộ Nội vụ', at: '2018-02-01', changes: [{ code: '3.1.1', points: 1, reason: 'Tài liệu kiểm chứng chưa đầy đủ' }] }],
      survey: { '1.5.2': { answers: { A: 3, B: 1, C: 1, D: 0 } }, '8.5.2': { points: '1.25' } },
    })
    // 1.1.1 = 1; 1.1.2 = 0.75; 3.1.1 self 1.25, appraised → 1; 8.1.1 = 1.5
    // 1.5.2 survey: (3×1 + 1×0.6 + 1×0.2 + 0×0) / 5 × 1 = 3.8/5 = 0.76; 8.5.2 = 1.25
    // total = 1 + 0.75 + 1 + 1.5 + 0.76 + 1.25 = 6.26
    expect(r.total.toString()).toBe('6.26')
    expect(r.node('1')!.points.toString()).toBe('2.51') // 1 + 0.75 + 0.76
    expect(r.index.toString()).toBe('6.26')
  })

  it('vn-cchc/province-2022', () => {
    const id = 'vn-cchc/province-2022'
    expect([max(id, '1.1.1'), max(id, '2.1.1'), max(id, '7.1.1'), max(id, '8.5.1'), max(id, '3.6.1')]).toEqual(['1', '1', '1', '5', '2'])
    const r = run(id, {
      selfScores: { '1.1.1': 1, '2.1.1': 0.5, '7.1.1': 1 },
      survey: { '8.5.1': { answers: { A: 10, B: 5, C: 5, D: 0 } }, '3.6.1': { points: '1.5' } },
    })
    // 8.5.1: (10 + 5×0.6 + 5×0.2) / 20 × 5 = 14/20 × 5 = 3.5
    // total = 1 + 0.5 + 1 + 3.5 + 1.5 = 7.5
    expect(r.total.toString()).toBe('7.5')
  })
})

describe('national ministry editions', () => {
  it('vn-cchc/ministry-2017', () => {
    const id = 'vn-cchc/ministry-2017'
    expect([max(id, '1.1.1'), max(id, '1.2.1'), max(id, '1.2.2'), max(id, '7.5.2')]).toEqual(['1.25', '1.25', '1.25', '1.5'])
    const r = run(id, {
      selfScores: { '1.1.1': 1.25, '1.2.1': 1 },
      survey: { '1.2.2': { answers: { A: 1, B: 1, C: 1, D: 1 } }, '7.5.2': { points: 1.5 } },
    })
    // 1.2.2: (1 + 0.6 + 0.2 + 0) / 4 × 1.25 = 0.45 × 1.25 = 0.5625
    // total = 1.25 + 1 + 0.5625 + 1.5 = 4.3125
    expect(r.total.toString()).toBe('4.3125')
  })

  it('vn-cchc/ministry-2020 (an exact non-terminating value)', () => {
    const id = 'vn-cchc/ministry-2020'
    expect([max(id, '1.1.1'), max(id, '7.1.1'), max(id, '7.1.3'), max(id, '7.5.1')]).toEqual(['0.75', '1.25', '1', '4.25'])
    const r = run(id, { selfScores: { '1.1.1': 0.75, '7.1.1': 1.25, '7.1.3': 0.5 }, survey: { '7.5.1': { answers: { A: 2, B: 1 } } } })
    // 7.5.1: (2 + 0.6) / 3 × 4.25 = 2.6/3 × 4.25 = 11.05/3 = 221/60
    // total = 0.75 + 1.25 + 0.5 + 221/60 = 150/60 + 221/60 = 371/60
    expect(r.total.toString()).toBe('371/60')
    expect(r.total.eq(Exact.from('371/60'))).toBe(true)
    expect(r.index.toString()).toBe('6.18') // 371/60 = 6.18333… → 2 decimals half-up
  })

  it('vn-cchc/ministry-2022', () => {
    const id = 'vn-cchc/ministry-2022'
    expect([max(id, '1.1.1'), max(id, '1.4'), max(id, '2.8'), max(id, '1.7'), max(id, '7.3.1')]).toEqual(['1', '0.75', '0.75', '2', '1.75'])
    const r = run(id, { selfScores: { '1.1.1': 1, '1.4': 0.75, '2.8': 0.5 }, survey: { '1.7': { answers: { A: 4, D: 1 } }, '7.3.1': { points: 1.75 } } })
    // 1.7: 4/5 × 2 = 1.6; total = 1 + 0.75 + 0.5 + 1.6 + 1.75 = 5.6
    expect(r.total.toString()).toBe('5.6')
  })
})

describe('provincial templates after Hà Tĩnh 52/2019/QĐ-UBND', () => {
  it('vn-cchc/commune-2019: facts, appraisal, evidence, bonus and deductions with caps', () => {
    const r = run('vn-cchc/commune-2019', {
      facts: {
        planIssued: 'late', // 1.1.1 → 0.5
        planTasksFunded: true, // 1.1.2 → 1
        planCompletionPercent: 90, // 1.1.3: not > 90, ≥ 70 → 1
        reportsOnTime: false, // 1.2.1 → 0
        reportsComplete: true, // 1.2.2 → 1
        steeringMeetings: 3, // 1.3.1 → 0.75
        propagandaPlan: true, // 1.4.1 → 0.5
        propagandaChannels: 3, // 1.4.2: 3 × 0.25 = 0.75
        initiatives: 1,
        initiativeRecognised: false, // 1.5 → 0.5
        initiativeRecognisedByProvince: true, // bonus +0.5 on area 1
        legalDocsProcedureCompliant: true, // 2.1.1 → 1
        legalDocsOnTime: 0,
        legalDocsPlanned: 0, // 2.1.2: zero denominator → full 1
        reviewPlanIssued: 'on-time', // 2.2.1 → 1
        reviewFindingsHandled: false, // 2.2.2 → 0
        lawImplementationChecked: true, // 2.3.2 → 1
        proceduresPostedAtOneStop: true, // 3.1.1 → 1.5
        proceduresPublishedOnline: 110,
        proceduresTotal: 120, // 3.1.2: 110/120 × 1.5 = 1.375
        dossiersOnTime: 1187,
        dossiersTotal: 1200, // 3.2.1: 1187/1200 × 3 = 1187/400 = 2.9675
        apologiesForLateDossiers: false, // 3.2.2 → 0
        simplificationPlan: true, // 3.3.1 → 0.5
        simplificationProposals: 1, // 3.3.2: 1 × 0.5 = 0.5
        feedbackHandled: 4,
        feedbackReceived: 5, // 3.4: 4/5 × 1.5 = 1.2
        lateDossiersWithoutApology: 13, // 13 × 0.25 = 3.25, own cap 1.5, area 3 cap 1 → −1
        reprimands: 1, // −0.5 on the total
      },
      selfScores: { '1.3.2': 0.5, '2.3.1': 0.75 },
      evidence: [{ id: 'kh', number: '15/KH-UBND', issuer: 'UBND xã Thạch Hải', issuedOn: '2024-03-12', title: 'Kế hoạch CCHC năm 2024', criteria: ['1.1.1'] }],
      appraisals: [{ round: 1, reviewer: 'Tổ thẩm định UBND huyện Thạch Hà', at: '2025-01-15', changes: [{ code: '1.3.2', points: 0.25, reason: 'Chưa có báo cáo khắc phục tồn tại sau kiểm tra' }] }],
      survey: { '9.1.1': { answers: { A: 6, B: 3, C: 1 } }, '9.5.2': { points: 2.5 } },
      adjustments: { 'tru-tham-dinh': 0.25, 'thuong-khen-thuong': 1 },
    })
    // area 1 = 0.5 + 1 + 1 + 0 + 1 + 0.75 + 0.25 (appraised) + 0.5 + 0.75 + 0.5 = 6.25, + bonus 0.5 = 6.75
    expect(r.node('1')!.points.toString()).toBe('6.75')
    // area 2 = 1 + 1 + 1 + 0 + 0.75 + 1 = 4.75
    expect(r.node('2')!.points.toString()).toBe('4.75')
    // area 3 = 1.5 + 1.375 + 2.9675 + 0 + 0.5 + 0.5 + 1.2 = 8.0425, − 1 (capped deduction) = 7.0425
    expect(r.node('3')!.points.toString()).toBe('7.0425')
    expect(r.node('3')!.deduction.toString()).toBe('1')
    // area 9: 9.1.1 = (6 + 3×0.6 + 1×0.2)/10 × 3 = 0.8 × 3 = 2.4; 9.5.2 = 2.5 → 4.9
    expect(r.node('9')!.points.toString()).toBe('4.9')
    // total = 6.75 + 4.75 + 7.0425 + 4.9 = 23.4425; + bonus 1 − 0.5 (reprimand) − 0.25 (appraisal) = 23.6925
    expect(r.total.toString()).toBe('23.6925')
    expect(r.index.toString()).toBe('23.69')
  })

  it('vn-cchc/commune-2019: missing required evidence scores 0 (policy "zero")', () => {
    const r = run('vn-cchc/commune-2019', { facts: { planIssued: 'on-time' }, explanations: { '1.1.1': 'Kế hoạch chưa được số hóa' } })
    // 1.1.1 would be 1, but no evidence document is linked → 0
    expect(r.total.toString()).toBe('0')
    expect(r.flags.some((f) => f.code === 'missing_evidence' && f.criterion === '1.1.1')).toBe(true)
  })

  it('vn-cchc/district-2019: district-only criteria and a not-applicable criterion', () => {
    const base: Omit<AssessmentInput, 'unitId' | 'period'> = {
      facts: {
        inspectedUnitsPercent: 25, // 1.6: ≥ 20 → 0.5
        resultsUsedInEmulation: true, // 1.7 → 1
        focalOfficerAssigned: true, // 3.5 → 1
        staffReductionPercent: 10, // 5.6: ≥ 10 → 1
        hasPublicServiceUnits: true,
        autonomousUnits: 3,
        publicServiceUnits: 12, // 6.4: 3/12 × 1 = 0.25
        interconnectedProcedures: 'partial', // 8.3 → 1.5
      },
      selfScores: { '2.4': 1, '4.4': 0.75, '4.5': 0.5, '7.5': 1 },
      survey: { '9.3.1': { answers: { B: 5 } } }, // 0.6 × 2 = 1.2
    }
    const r = run('vn-cchc/district-2019', base)
    // 0.5 + 1 + 1 + 1 + 0.25 + 1.5 + (1 + 0.75 + 0.5 + 1) + 1.2 = 9.7
    expect(r.total.toString()).toBe('9.7')
    expect(r.applicableMax.toString()).toBe('100')
    const na = run('vn-cchc/district-2019', { ...base, facts: { ...base.facts, hasPublicServiceUnits: false } })
    // 6.4 not applicable: total 9.7 − 0.25 = 9.45 of 99; index 9.45 / 99 × 100 = 9.5454… → 9.55
    expect(na.total.toString()).toBe('9.45')
    expect(na.applicableMax.toString()).toBe('99')
    expect(na.index.toString()).toBe('9.55')
  })

  it('vn-cchc/department-2019', () => {
    const r = run('vn-cchc/department-2019', {
      facts: {
        dossiersOnTime: 950,
        dossiersTotal: 1000, // 3.2.1: 950/1000 × 5 = 4.75
        oneStopFacilities: true, // 3.6.1 → 1.5
        dossiersViaOneStop: 800, // 3.7.1: 0.8 × 2 = 1.6
        dossiersInSystem: 1000, // 3.7.2 → 2
        disbursementPercent: 95, // 6.1.1: ≥ 95 → 2
        docsSentElectronically: 2970,
        docsSentTotal: 3000, // 7.1.1: 0.99 × 3 = 2.97
        dossiersDigitised: 500, // 7.3: 0.5 × 3 = 1.5
        staffQualified: 57,
        staffTotal: 60, // 5.1.1: 57/60 × 3 = 2.85
      },
      selfScores: { '4.4': 1, '5.4': 1.5 },
      survey: { '8.2.1': { answers: { A: 1, C: 1 } } }, // (1 + 0.2)/2 × 2 = 1.2
      adjustments: { 'tru-tham-dinh': 2 }, // at its cap
    })
    // 4.75 + 1.5 + 1.6 + 2 + 2 + 2.97 + 1.5 + 2.85 + 1 + 1.5 + 1.2 = 22.87; − 2 = 20.87
    expect(r.total.toString()).toBe('20.87')
  })
})

describe('two-tier editions (from 2025-07-01)', () => {
  it('vn-cchc/commune-2025', () => {
    const r = run('vn-cchc/commune-2025', {
      facts: { onlineDossierPercent: 65, paymentsOnline: 30, paymentsTotal: 40, oneStopFacilities: true },
      selfScores: { '7.5': 0.5 },
      survey: { '9.1.1': { answers: { A: 1 } } },
      adjustments: { 'thuong-khen-thuong': 0.75 },
    })
    // 7.2.1: 65 ≥ 60 → 1.5 (2025 thresholds 80 / 60 / 40); 7.2.2: 30/40 × 2 = 1.5; 8.1.1 → 1.5; 7.5 = 0.5; 9.1.1 = 1 × 2 = 2
    // 1.5 + 1.5 + 1.5 + 0.5 + 2 = 7, + bonus 0.75 = 7.75
    expect(r.total.toString()).toBe('7.75')
  })

  it('vn-cchc/department-2025', () => {
    const r = run('vn-cchc/department-2025', {
      facts: { onlineDossierPercent: 80, isoAnnounced: true, planIssued: 'on-time', planTasksFunded: true },
      selfScores: { '7.4.2': 0.75 },
      explanations: { '1.1.1': 'Kế hoạch đã ban hành, đang bổ sung bản điện tử' },
    })
    // 7.2.1: 80 ≥ 80 → 2; 7.4.1 → 1; 7.4.2 = 0.75; 1.1.1 has no evidence → 0; 1.1.2 → 1
    // 2 + 1 + 0.75 + 0 + 1 = 4.75
    expect(r.total.toString()).toBe('4.75')
  })
})

describe('related indexes', () => {
  it('vn-766/service-2022', () => {
    const r = run('vn-766/service-2022', {
      facts: {
        proceduresPublishedOnTime: 9,
        proceduresToPublish: 10, // 1.1: 9/10 × 4 = 3.6
        proceduresPublishedOnline: 180,
        proceduresTotal: 200, // 1.2: 0.9 × 4 = 3.6
        dossiersSynced: 1000,
        dossiersTotal: 1000, // 1.3: 1 × 6 = 6
        feedbackHandled: 0,
        feedbackReceived: 0, // 1.4: no feedback → full 4
        dossiersOnTime: 985, // 2.1: 0.985 × 20 = 19.7
        dossiersDigitised: 600, // 3.1: 0.6 × 11 = 6.6
        resultsDigitised: 550, // 3.2: 0.55 × 11 = 6.05
        proceduresFullyOnline: 90, // 4.1: 90/200 × 8 = 3.6
        dossiersOnline: 400, // 4.2: 0.4 × 8 = 3.2
        paymentsOnline: 10,
        paymentsTotal: 30, // 4.3: 1/3 × 6 = 2
      },
      survey: { '5.1': { answers: { A: 8, B: 2 } }, '5.2': { points: 5 } }, // 5.1: (8 + 1.2)/10 × 6 = 5.52
    })
    // 3.6 + 3.6 + 6 + 4 + 19.7 + 6.6 + 6.05 + 3.6 + 3.2 + 2 + 5.52 + 5 + 0 (5.3) = 68.87
    expect(r.total.toString()).toBe('68.87')
    expect(r.node('2')!.points.toString()).toBe('19.7')
  })

  it('vn-party/checklist-committee-2016', () => {
    const facts = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`doc${i + 1}`, i !== 3 && i !== 8]))
    const r = run('vn-party/checklist-committee-2016', { facts })
    // 10 kinds, doc4 and doc9 missing: 8 / 10 → index 80
    expect(r.total.toString()).toBe('8')
    expect(r.index.toString()).toBe('80')
  })

  it('vn-party/checklist-cell-2016', () => {
    const facts = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`doc${i + 1}`, i !== 2]))
    const r = run('vn-party/checklist-cell-2016', { facts })
    // 6 of 7 → index 6/7 × 100 = 600/7 (no rounding in this pack)
    expect(r.total.toString()).toBe('6')
    expect(r.index.eq(Exact.from('600/7'))).toBe(true)
  })

  it('vn-party/checklist-member-2016', () => {
    const r = run('vn-party/checklist-member-2016', { facts: { doc1: true, doc2: false }, selfScores: { '3': 1 } })
    // kind 1 done (fact) = 1, kind 2 not done = 0, kind 3 self-declared = 1, kinds 4–5 no input = 0
    // 2 of 5 → index 40
    expect(r.total.toString()).toBe('2')
    expect(r.index.toString()).toBe('40')
  })
})
