/**
 * What a new edition does to us (issue #15, part 2): re-scoring under edition B through a
 * declared mapping — examples of carrying scores, appraisals, surveys and facts across;
 * bad mappings reported with their paths; the property that mapping an edition onto
 * itself changes nothing.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { compilePack, evaluate, Exact, type AssessmentInput, type PackInput } from '../src/index.js'
import { methodologyImpact, safeMethodologyImpact } from '../src/analysis/index.js'
import { EditionMappingSchema } from '../src/schemas.js'
import { packAndBatchArb } from './arbitraries.js'

const bands = [
  { code: 'tot', label: 'Tốt', min: 80 },
  { code: 'kha', label: 'Khá', min: 65 },
  { code: 'tb', label: 'Trung bình', min: 50 },
]

const A: PackInput = {
  id: 'demo/a',
  version: '1.0.0',
  title: 'Edition A',
  scale: 10,
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo',
      maxPoints: 4,
      children: [
        { code: '1.1', title: 'Kế hoạch', maxPoints: 1, rule: { kind: 'manual', step: 0.25 } },
        { code: '1.2', title: 'Báo cáo', maxPoints: 1, rule: { kind: 'manual', step: 0.25 } },
        {
          code: '1.3',
          title: 'Hồ sơ trực tuyến',
          maxPoints: 2,
          rule: {
            kind: 'steps',
            fact: 'onlinePct',
            steps: [
              { min: 50, points: 2 },
              { min: 30, points: 1 },
            ],
          },
        },
      ],
    },
    { code: '2', title: 'Bộ máy', maxPoints: 2, rule: { kind: 'manual', step: 0.25 } },
    { code: '3', title: 'Hài lòng', maxPoints: 4, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: 0.5, C: 0 } } },
  ],
  adjustments: [{ id: 'tru-tham-dinh', type: 'deduction', title: 'Trừ theo thẩm định', amount: { kind: 'entered' }, cap: 2 }],
  bands,
}

const B: PackInput = {
  id: 'demo/b',
  version: '2.0.0',
  title: 'Edition B',
  scale: 10,
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo',
      maxPoints: 5,
      children: [
        { code: '1.1', title: 'Kế hoạch và báo cáo', maxPoints: 2, rule: { kind: 'manual', step: 0.5 } },
        {
          code: '1.2',
          title: 'Hồ sơ trực tuyến',
          maxPoints: 2,
          rule: {
            kind: 'steps',
            fact: 'onlineShare',
            steps: [
              { min: 80, points: 2 },
              { min: 50, points: 1 },
            ],
          },
        },
        { code: '1.3', title: 'Chuyển đổi số (mới)', maxPoints: 1, rule: { kind: 'boolean', fact: 'digital' } },
      ],
    },
    {
      code: '2',
      title: 'Bộ máy',
      maxPoints: 3,
      children: [
        { code: '2.1', title: 'Chức năng', maxPoints: 1, rule: { kind: 'manual', step: 0.5 } },
        { code: '2.2', title: 'Biên chế', maxPoints: 2, rule: { kind: 'manual', step: 0.25 } },
      ],
    },
    { code: '3', title: 'Hài lòng', maxPoints: 2, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: 0.5, C: 0 } } },
  ],
  adjustments: [{ id: 'tru-khac', type: 'deduction', title: 'Trừ khác', amount: { kind: 'entered' }, cap: 1 }],
  bands,
}

const mapping = {
  from: { id: 'demo/a', version: '1.0.0' },
  to: { id: 'demo/b' },
  status: 'reconstructed' as const,
  criteria: [
    { from: ['1.1', '1.2'], to: '1.1', note: 'gộp kế hoạch và báo cáo' },
    { from: '1.3', to: '1.2', status: 'reconstructed' as const, note: 'ngưỡng cao hơn' },
    { from: [], to: '1.3', note: 'mới' },
    { from: '2', to: ['2.1', '2.2'], note: 'tách' },
  ],
  facts: { onlinePct: 'onlineShare' },
  adjustments: { 'tru-tham-dinh': 'tru-khac' },
}

const units: AssessmentInput[] = [
  {
    unitId: 'xa-a',
    period: '2024',
    group: 'xa',
    unit: { id: 'xa-a', name: 'Xã A', kind: 'commune' },
    facts: { onlinePct: 60 },
    selfScores: { '1.1': 1, '1.2': 0.5, '2': 1.5 },
    survey: { '3': { answers: { A: 30, B: 10, C: 0 } } },
    appraisals: [{ round: 1, reviewer: 'Tổ thẩm định', at: '2025-01-10', changes: [{ code: '2', points: 1, reason: 'Thiếu quyết định' }] }],
    adjustments: { 'tru-tham-dinh': 1.5 },
    explanations: { '1.2': 'Báo cáo gửi chậm do mất điện' },
    evidence: [{ id: 'kh', number: '5/KH-UBND', criteria: ['1.1', '2'] }],
  },
  { unitId: 'xa-b', period: '2024', group: 'xa', facts: { onlinePct: 90 }, selfScores: { '1.1': 1, '1.2': 1, '2': 2 }, survey: { '3': { points: 3 } } },
]

describe('methodologyImpact: carrying last year across', () => {
  const a = compilePack(A)
  const b = compilePack(B)

  it('re-scores every unit under the new edition, criterion by criterion', () => {
    const r = methodologyImpact(a, b, units, mapping, { unitWord: { vi: 'xã', en: 'communes' } })
    const x = r.units.find((u) => u.unitId === 'xa-a')!
    const carried = x.assessment
    // merged: (1 + 0.5) of 2 → 1.5 of 2 on a 0.5 step
    expect(carried.selfScores?.['1.1']).toBe('1.5')
    // split: the appraised 1 of 2 → 0.5 of 1 and 1 of 2; the self score 1.5 of 2 → 0.75 → 0.5 (step 0.5) and 1.5
    expect(carried.selfScores?.['2.1']).toBe('0.5')
    expect(carried.selfScores?.['2.2']).toBe('1.5')
    expect(carried.appraisals).toEqual([
      {
        round: 1,
        reviewer: 'Tổ thẩm định',
        at: '2025-01-10',
        changes: [
          { code: '2.1', points: '0.5', reason: 'Thiếu quyết định' },
          { code: '2.2', points: '1', reason: 'Thiếu quyết định' },
        ],
      },
    ])
    // facts renamed; the survey answers as they were; the entered deduction renamed within the new cap
    expect(carried.facts).toEqual({ onlineShare: 60 })
    expect(carried.survey).toEqual({ '3': { answers: { A: 30, B: 10, C: 0 } } })
    expect(carried.adjustments).toEqual({ 'tru-khac': '1' })
    expect(carried.explanations).toEqual({ '1.1': 'Báo cáo gửi chậm do mất điện' })
    expect(carried.evidence?.[0]!.criteria).toEqual(['1.1', '2.1', '2.2'])
    expect(x.notes.map((n) => n.vi)).toContain('"2.1": điểm tự chấm 0,75 làm tròn xuống 0,5 theo bộ mới')

    // old: 1 + 0.5 + 2 (60 ≥ 50) + 1 (appraised) + 3.5 (35/40 × 4) − 1.5 = 6.5
    expect(x.old.total.toString()).toBe('6.5')
    // new: 1.5 + 1 (60 ≥ 50 only) + 0 (new, no data) + 0.5 + 1 + 1.75 (35/40 × 2) − 1 = 4.75
    expect(x.new.total.toString()).toBe('4.75')
    const line = (to: string) => x.criteria.find((c) => c.to.includes(to))!
    expect([line('1.1').old.toString(), line('1.1').new.toString(), line('1.1').state]).toEqual(['1.5', '1.5', 'carried'])
    expect([line('1.2').old.toString(), line('1.2').new.toString(), line('1.2').delta.toString(), line('1.2').note?.vi]).toEqual(['2', '1', '-1', 'ngưỡng cao hơn'])
    expect([line('1.3').state, line('1.3').new.toString()]).toEqual(['no-counterpart', '0'])
    // never silently 0: the new criterion is listed, and the index is shown without it too
    expect(x.unmapped.map((u) => [u.code, u.why, u.points.toString(), u.maxPoints.toString()])).toEqual([['1.3', 'no-counterpart', '0', '1']])
    expect(x.newIndexMappedOnly.toString()).toBe('475/9')
    expect(x.old.band?.code).toBe('kha')
    expect(x.new.band).toBeUndefined()
    expect(x.bandMove).toBe('down')
    expect(x.text.vi).toBe('chỉ số giảm 17,50 điểm và giữ nguyên thứ hạng, từ loại "Khá" sang "—"')

    expect(r.unmapped.map((u) => [u.code, u.declared, u.note?.vi])).toEqual([['1.3', true, 'mới']])
    expect(r.dropped).toEqual([])
    expect(r.summary.text.vi).toBe('01/02 xã đổi loại: 0 lên, 1 xuống; chỉ số bình quân giảm 11,25 điểm')
    expect(r.criteria.find((c) => c.to.includes('1.2'))!.unitsDown).toBe(1)
  })

  it('a criterion whose data cannot be carried is listed, not silently 0', () => {
    // a survey criterion that becomes self-assessed: the answers cannot become a self score
    const toSelf = compilePack({ ...B, id: 'demo/b2', criteria: [...B.criteria!.slice(0, 2), { code: '3', title: 'Hài lòng (tự đánh giá)', maxPoints: 2, rule: { kind: 'manual', step: 0.5 } }] })
    const r = methodologyImpact(a, toSelf, units, { ...mapping, to: { id: 'demo/b2' } })
    const x = r.units[0]!
    expect(x.unmapped.map((u) => [u.code, u.why])).toEqual([
      ['1.3', 'no-counterpart'],
      ['3', 'not-carried'],
    ])
    expect(x.criteria.find((c) => c.to.includes('3'))!.state).toBe('not-carried')
  })

  it('reports every problem of a bad mapping, with its path, in both languages', () => {
    const r = safeMethodologyImpact(a, b, units, {
      from: { id: 'demo/a', version: '9.9.9' },
      to: { id: 'demo/x' },
      criteria: [
        { from: '1', to: '1.1' },
        { from: '1.1', to: '9.9' },
        { from: ['1.1'], to: '2.1' },
        { from: [], to: [] },
      ],
      facts: { p: 'q', r: 'q' },
      adjustments: { 'khong-co': null },
      extra: true,
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toEqual(['unknown_field@extra'])
    const r2 = safeMethodologyImpact(a, b, units, {
      from: { id: 'demo/a', version: '9.9.9' },
      to: { id: 'demo/x' },
      criteria: [
        { from: '1', to: '1.1' },
        { from: '1.1', to: '9.9' },
        { from: ['1.1'], to: '2.1' },
        { from: [], to: [] },
      ],
      facts: { p: 'q', r: 'q' },
      adjustments: { 'khong-co': null },
    })
    expect(r2.ok).toBe(false)
    if (r2.ok) return
    expect(r2.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toEqual([
      'mapping_pack_mismatch@from.version',
      'mapping_pack_mismatch@to.id',
      'mapping_not_a_leaf@criteria.0.from',
      'mapping_unknown_criterion@criteria.1.to',
      'mapping_duplicate@criteria.2.from.0',
      'invalid_value@criteria.3',
      'invalid_value@facts.r',
      'unknown_adjustment@adjustments.khong-co',
    ])
    for (const i of r2.issues) expect(i.message.vi.length > 0 && i.message.en.length > 0).toBe(true)
    expect(r2.issues[2]!.message.vi).toBe('"1" của demo/a@1.0.0 có tiêu chí con: bảng chuyển đổi chỉ nối các tiêu chí thành phần (nêu từng tiêu chí con)')
    // bad assessments are reported as the batch reports them
    const r3 = safeMethodologyImpact(a, b, [{ ...units[0]!, selfScores: { '1.1': 5 } }], mapping)
    expect(r3.ok ? [] : r3.issues.map((i) => i.code)).toEqual(['score_above_max'])
    expect(() => methodologyImpact(a, b, units, { ...mapping, to: { id: 'x' } })).toThrow(/mapping_pack_mismatch/)
    // never throws: a mapping with a forbidden key, a unit word that throws
    const proto = safeMethodologyImpact(a, b, units, JSON.parse('{"from":{"id":"demo/a"},"to":{"id":"demo/b"},"__proto__":{"x":1}}'))
    expect(proto.ok ? [] : proto.issues.map((i) => i.code)).toEqual(['forbidden_key'])
    const thrown = safeMethodologyImpact(a, b, units, mapping, {
      unitWord: () => {
        throw new Error('boom')
      },
    })
    expect(thrown.ok).toBe(false)
  })

  it('the shipped JSON Schema of mappings is the zod schema (regenerate with npm run build)', () => {
    const file = JSON.parse(readFileSync(new URL('../schema/mapping.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>
    const expected = z.toJSONSchema(EditionMappingSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>
    expect(file).toEqual({ ...expected, title: 'chiso edition mapping', $id: 'https://chiso.dev/schema/mapping.schema.json' })
  })
})

describe('methodologyImpact: properties', () => {
  it('mapping an edition onto itself with the identity mapping changes nothing', () => {
    let withAppraisals = 0
    fc.assert(
      fc.property(packAndBatchArb, ({ spec, assessments }) => {
        const pack = compilePack(spec.pack)
        const r = methodologyImpact(pack, pack, assessments, { from: { id: pack.id }, to: { id: pack.id } })
        if (assessments.some((x) => x.appraisals?.some((ro) => ro.changes.length > 0))) withAppraisals++
        expect(r.summary.bandChanged).toBe(0)
        expect(r.summary.meanIndexDelta.isZero()).toBe(true)
        expect(r.unmapped).toEqual([])
        expect(r.dropped).toEqual([])
        r.units.forEach((u, k) => {
          expect(u.new.total.toString()).toBe(u.old.total.toString())
          expect(u.new.index.toString()).toBe(u.old.index.toString())
          expect(u.new.band?.code).toBe(u.old.band?.code)
          expect(u.new.rank).toBe(u.old.rank)
          expect(u.rankChange === null || u.rankChange === 0).toBe(true)
          expect(u.unmapped.filter((x) => x.why === 'no-counterpart')).toEqual([])
          for (const c of u.criteria) expect(c.delta.isZero(), c.to.join()).toBe(true)
          // every node scores as before
          const before = r.before.units[k]!.result
          const after = r.after.units[k]!.result
          for (const n of pack.nodes) expect(after.node(n.code)!.points.toString(), n.code).toBe(before.node(n.code)!.points.toString())
        })
      }),
      { numRuns: 150 },
    )
    expect(withAppraisals).toBeGreaterThan(30)
  })

  it('a leaf whose unit had data is never scored 0 silently under the new edition', () => {
    let examined = 0
    fc.assert(
      fc.property(packAndBatchArb, ({ spec, assessments }) => {
        const pack = compilePack(spec.pack)
        // edition B: the same pack with every leaf's maximum doubled and its rule a manual score
        const doubled = JSON.parse(JSON.stringify(spec.pack)) as PackInput
        const visit = (c: NonNullable<PackInput['criteria']>[number]): void => {
          c.maxPoints = Exact.from(c.maxPoints).mul(Exact.from(2)).toString()
          if (c.floor !== undefined) delete c.floor
          if (!c.children?.length && c.source !== 'survey') c.rule = { kind: 'manual', step: '0.01' }
          for (const k of c.children ?? []) visit(k)
        }
        for (const c of doubled.criteria!) visit(c)
        delete doubled.scale
        const b = compilePack({ ...doubled, id: 'test/doubled' })
        const r = methodologyImpact(pack, b, assessments, { from: { id: pack.id }, to: { id: b.id } })
        r.units.forEach((u, k) => {
          const newResult = r.after.units[k]!.result
          const listed = new Set(u.unmapped.map((x) => x.code))
          for (const f of newResult.flags) {
            if (f.code !== 'missing_input' && f.code !== 'missing_survey') continue
            // points there, or an appraisal carried across that decides them: not silent
            if (!newResult.node(f.criterion)!.points.isZero()) continue
            if (u.assessment.appraisals?.some((ro) => ro.changes.some((c) => c.code === f.criterion))) continue
            const old = evaluate(pack, assessments[k]!, { trace: true }).node(f.criterion)!.trace!
            const had = old.computed !== undefined || old.selfScore !== undefined || old.survey !== undefined || old.appraisals.length > 0
            examined++
            if (had) expect(listed.has(f.criterion), `${u.unitId} ${f.criterion}`).toBe(true)
          }
        })
      }),
      { numRuns: 100 },
    )
    expect(examined).toBeGreaterThan(20)
  })
})
