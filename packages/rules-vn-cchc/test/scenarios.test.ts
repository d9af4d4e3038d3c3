/**
 * One scenario per pack, with the expected total worked out by hand (the arithmetic is in
 * the comments) and compared exactly. Leaves not mentioned get no input and score 0.
 * Scenarios for a correction quote the line of the facts file (/work/shared/domain/par-index.md)
 * it comes from.
 */
import { evaluate, evaluateBatch, Exact, type AssessmentInput } from '@chiso/core'
import { vnCchc } from '@chiso/rules-vn-cchc'
import { describe, expect, it } from 'vitest'

const run = (id: string, a: Omit<AssessmentInput, 'unitId' | 'period'>) => evaluate(vnCchc.compile(id), { unitId: 'don-vi-mau', period: '2024', ...a })
const max = (id: string, code: string): string => vnCchc.compile(id).node(code)!.maxPoints.toString()

describe('national provincial editions', () => {
  it('vn-cchc/province-2017', () => {
    const id = 'vn-cchc/province-2017'
    expect([max(id, '1.1.1'), max(id, '1.1.2'), max(id, '3.1.1'), max(id, '8.2'), max(id, '1.6'), max(id, '8.1.2')]).toEqual(['1', '1', '1', '3', '2.5', '3.25'])
    const r = run(id, {
      selfScores: { '1.1.1': 1, '1.1.2': 0.75, '3.1.1': 1, '8.2': 2.5 },
      appraisals: [{ round: 1, reviewer: 'Tổ thẩm định Bộ Nội vụ', at: '2018-02-01', changes: [{ code: '3.1.1', points: 0.8, reason: 'Tài liệu kiểm chứng chưa đầy đủ' }] }],
      survey: { '1.6': { answers: { A: 3, B: 1, C: 1, D: 0 } }, '8.1.2': { points: '3.1' } },
    })
    // 1.1.1 = 1; 1.1.2 = 0.75; 3.1.1 self 1, appraised → 0.8; 8.2 = 2.5
    // 1.6 survey: (3×1 + 1×0.6 + 1×0.2 + 0×0) / 5 × 2.5 = 3.8/5 × 2.5 = 1.9; 8.1.2 = 3.1
    // total = 1 + 0.75 + 0.8 + 2.5 + 1.9 + 3.1 = 10.05
    expect(r.total.toString()).toBe('10.05')
    expect(r.node('1')!.points.toString()).toBe('3.65') // 1 + 0.75 + 1.9
    expect(r.index.toString()).toBe('10.05')
  })

  // facts file, corrections: "The survey part is large: Quảng Ninh 2020 = 57.66 appraised + 9.56
  // SIPAS + 18.83 leaders' and officials' survey + 5 impact" and "Published 2020 provincial scores
  // split into parts: … Hải Phòng 58.71 + 9.35 + 19.45 + 3 = 90.51". The pack of this era must be
  // able to hold the published parts (the old one, with 11.25 survey points, could not).
  it.each([
    // the published parts are each rounded to two decimals: they add to 91.05 against the published 91.04
    ['Quảng Ninh 2020', { appraised: '57.66', sipas: '9.56', survey: '18.83', impact: '5', total: '91.05', published: '91.04' }],
    ['Hải Phòng 2020', { appraised: '58.71', sipas: '9.35', survey: '19.45', impact: '3', total: '90.51', published: '90.51' }],
  ] as const)('vn-cchc/province-2017 holds the published parts of %s', (_name, parts) => {
    const pack = vnCchc.compile('vn-cchc/province-2017')
    const leaves = pack.nodes.filter((n) => n.isLeaf)
    const inArea = (n: (typeof leaves)[number], areas: string[]) => areas.includes(n.code.split('.')[0]!)
    // appraised part: every self-assessed leaf of areas 1–7 (63.5 points), scored from the top
    // down until the part is reached; the leaders' survey the same over its survey leaves (21);
    // SIPAS over 8.1.x (10); impact over 8.2 and 8.3 (5.5)
    const fill = (codes: string[], amount: string): Record<string, string> => {
      let left = Exact.from(amount)
      const out: Record<string, string> = {}
      for (const c of codes) {
        const m = pack.node(c)!.maxPoints
        const give = left.gt(m) ? m : left
        out[c] = give.toString()
        left = left.sub(give)
      }
      expect(left.isZero()).toBe(true)
      return out
    }
    const self = leaves.filter((n) => n.source === 'self' && inArea(n, ['1', '2', '3', '4', '5', '6', '7'])).map((n) => n.code)
    const survey = leaves.filter((n) => n.source === 'survey' && inArea(n, ['1', '2', '3', '4', '5', '6', '7'])).map((n) => n.code)
    const sipas = ['8.1.1', '8.1.2', '8.1.3']
    expect(self.reduce((x, c) => x.add(pack.node(c)!.maxPoints), Exact.ZERO).toString()).toBe('63.5')
    expect(survey.reduce((x, c) => x.add(pack.node(c)!.maxPoints), Exact.ZERO).toString()).toBe('21')
    const toSurvey = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { points: v }]))
    const r = run('vn-cchc/province-2017', {
      selfScores: { ...fill(self, parts.appraised), ...fill(['8.2', '8.3'], parts.impact) },
      survey: { ...toSurvey(fill(survey, parts.survey)), ...toSurvey(fill(sipas, parts.sipas)) },
    })
    expect(r.node('8.1')!.points.toString()).toBe(parts.sipas)
    expect(r.total.toString()).toBe(parts.total)
    expect(r.index.toString()).toBe(parts.total)
    expect(Number(r.total.sub(Exact.from(parts.published)).toString())).toBeLessThanOrEqual(0.01)
    expect(r.node('8.2')!.points.add(r.node('8.3')!.points).toString()).toBe(parts.impact)
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
  // facts file, corrections: 766/QĐ-TTg "group 1 (công khai, minh bạch, 18): TTHC công bố đúng hạn;
  // TTHC được cập nhật, công khai đúng hạn (4 of the 18); công khai đầy đủ các bộ phận của TTHC; hồ sơ
  // đồng bộ lên Cổng DVCQG"; "group 2 (…, 20): tỷ lệ hồ sơ giải quyết đúng hạn (20); thời gian giải quyết
  // TTHC trung bình theo từng TTHC (reported)"; "group 5 (mức độ hài lòng, 18) is three ratios from system
  // data: PAKN xử lý đúng hạn; hài lòng trong xử lý PAKN; hài lòng trong tiếp nhận, giải quyết TTHC"
  it('vn-766/service-2022: PAKN on time scores in group 5, from system data; the average time is reported with no points', () => {
    const r = evaluate(
      vnCchc.compile('vn-766/service-2022'),
      {
        unitId: 'ubnd-xa-mau',
        period: '2024',
        facts: {
          proceduresAnnouncedOnTime: 3,
          proceduresToAnnounce: 4, // 1.1: 3/4 × 4 = 3
          proceduresPublishedOnTime: 9,
          proceduresToPublish: 10, // 1.2: 9/10 × 4 = 3.6
          proceduresFullyPublished: 180,
          proceduresTotal: 200, // 1.3: 0.9 × 4 = 3.6
          dossiersSynced: 1000,
          dossiersTotal: 1000, // 1.4: 1 × 6 = 6
          dossiersOnTime: 985, // 2.1: 0.985 × 20 = 19.7
          averageProcessingDays: 2.4, // 2.2: reported, 0 points
          dossiersDigitised: 600, // 3.1: 0.6 × 11 = 6.6
          resultsDigitised: 550, // 3.2: 0.55 × 11 = 6.05
          proceduresFullyOnline: 90, // 4.1: 90/200 × 8 = 3.6
          dossiersOnline: 400, // 4.2: 0.4 × 8 = 3.2
          paymentsOnline: 10,
          paymentsTotal: 30, // 4.3: 1/3 × 6 = 2
          feedbackHandledOnTime: 4,
          feedbackReceived: 5, // 5.1: 4/5 × 6 = 4.8
          feedbackSatisfied: 3,
          feedbackRated: 4, // 5.2: 3/4 × 6 = 4.5
          dossiersSatisfied: 450,
          dossiersRated: 500, // 5.3: 0.9 × 6 = 5.4
        },
      },
      { trace: true },
    )
    // group 1 = 3 + 3.6 + 3.6 + 6 = 16.2; group 2 = 19.7; group 3 = 12.65; group 4 = 8.8; group 5 = 14.7
    expect(r.node('1')!.points.toString()).toBe('16.2')
    expect(r.node('5')!.points.toString()).toBe('14.7')
    // total = 16.2 + 19.7 + 12.65 + 8.8 + 14.7 = 72.05
    expect(r.total.toString()).toBe('72.05')
    const avg = r.node('2.2')!
    expect([avg.points.toString(), avg.applicableMax.toString()]).toEqual(['0', '0'])
    expect(avg.trace?.facts).toEqual({ averageProcessingDays: 2.4 })
    expect(r.node('2')!.points.toString()).toBe('19.7')
  })

  // facts file, corrections: "two lists of 07 for chi bộ cơ sở and for chi bộ trực thuộc đảng ủy cơ sở
  // … The article stresses timeliness ("còn một vài văn bản chưa thực hiện kịp thời")"
  it('vn-party/checklist-committee-2016: a late document counts half, a missing one nothing', () => {
    const facts = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`doc${i + 1}`, i === 3 ? 'none' : i === 8 ? 'late' : 'on-time']))
    const r = run('vn-party/checklist-committee-2016', { facts })
    // 8 on time = 8, doc9 late = 0.5, doc4 not done = 0 → 8.5 of 10 → index 85
    expect(r.total.toString()).toBe('8.5')
    expect(r.index.toString()).toBe('85')
  })

  it('vn-party/checklist-cell-2016 and -subordinate-cell-2016: two lists of 07', () => {
    const facts = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`doc${i + 1}`, i === 2 ? 'none' : 'on-time']))
    const cell = run('vn-party/checklist-cell-2016', { facts })
    // 6 of 7 → index 6/7 × 100 = 600/7 (no rounding in this pack)
    expect(cell.total.toString()).toBe('6')
    expect(cell.index.eq(Exact.from('600/7'))).toBe(true)
    // the hamlet cells' annual resolution late, as the article reports: 0.5 + 6 = 6.5 of 7
    const sub = run('vn-party/checklist-subordinate-cell-2016', { facts: { ...facts, doc1: 'late', doc3: 'on-time' } })
    expect(sub.total.toString()).toBe('6.5')
    expect(sub.index.eq(Exact.from('650/7'))).toBe(true)
  })

  it('vn-party/checklist-member-2016', () => {
    const r = run('vn-party/checklist-member-2016', { facts: { doc1: 'on-time', doc2: 'none' }, selfScores: { '3': 1 } })
    // kind 1 on time (fact) = 1, kind 2 not done = 0, kind 3 self-declared = 1, kinds 4–5 no input = 0
    // 2 of 5 → index 40
    expect(r.total.toString()).toBe('2')
    expect(r.index.toString()).toBe('40')
  })
})

// facts file, corrections: "Under 1149 some agencies were assessed but not ranked (Thanh tra Chính
// phủ, Ủy ban Dân tộc)"
describe('units assessed but not ranked', () => {
  it('vn-cchc/ministry-2020 (1149/QĐ-BNV): Thanh tra Chính phủ and Ủy ban Dân tộc keep their scores and take no rank', () => {
    const pack = vnCchc.compile('vn-cchc/ministry-2020')
    const unit = (unitId: string, points: number): AssessmentInput => ({ unitId, period: '2021', selfScores: { '1.1.1': points, '7.1.1': 1.25 } })
    const b = evaluateBatch(pack, [unit('bo-mau-a', 0.5), unit('thanh-tra-chinh-phu', 0.75), unit('bo-mau-b', 0.25), unit('uy-ban-dan-toc', 0.5)])
    expect(b.units.map((u) => [u.unitId, u.rank, u.groupSize, u.result.total.toString()])).toEqual([
      ['bo-mau-a', 1, 2, '1.75'],
      ['thanh-tra-chinh-phu', null, 2, '2'],
      ['bo-mau-b', 2, 2, '1.5'],
      ['uy-ban-dan-toc', null, 2, '1.75'],
    ])
  })
})
