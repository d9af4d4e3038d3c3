/**
 * Pack tests (issue #15, part 3): the case format and its runner. A case built from an
 * evaluation passes; any expectation changed fails and names the node, what was expected
 * and what came out; a malformed file is refused with every problem and its path.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePack, evaluateBatch, Exact, type BatchResult, type CompiledPack } from '@chiso/core'
import { runPackTests, safeRunPackTests, type PackTestCaseInput } from '@chiso/core/analysis'
import { packAndBatchArb } from './arbitraries.js'

const pack = compilePack({
  id: 'test/commune',
  version: '1.2.0',
  title: 'Xã thử',
  evidencePolicy: { missing: 'zero' },
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo điều hành',
      maxPoints: 4,
      children: [
        {
          code: '1.1',
          title: 'Kế hoạch CCHC',
          maxPoints: 1,
          rule: {
            kind: 'choice',
            fact: 'planIssued',
            options: [
              { value: 'on-time', points: 1 },
              { value: 'late', points: 0.5 },
              { value: 'none', points: 0 },
            ],
          },
          evidence: { required: true },
        },
        {
          code: '1.2',
          title: 'Hoàn thành kế hoạch',
          maxPoints: 2,
          rule: {
            kind: 'steps',
            fact: 'completion',
            steps: [
              { min: 90, minExclusive: true, points: 2 },
              { min: 70, points: 1 },
            ],
            otherwise: 0,
          },
        },
        { code: '1.3', title: 'Báo cáo', maxPoints: 1, rule: { kind: 'manual', step: 0.25 }, applicability: { fact: 'hasReports', operator: 'equal', value: true } },
      ],
    },
    { code: '2', title: 'Thủ tục hành chính', maxPoints: 3, rule: { kind: 'ratio', numerator: 'onTime', denominator: 'total' } },
  ],
  bands: [
    { code: 'tot', label: { vi: 'Tốt', en: 'Good' }, min: 80 },
    { code: 'kha', label: { vi: 'Khá', en: 'Fair' }, min: 50 },
    { code: 'tb', label: { vi: 'Trung bình', en: 'Average' }, min: 0 },
  ],
  ranking: { exclude: { units: ['xa-khong-xep-hang'] } },
})

const good: PackTestCaseInput = {
  name: 'Kế hoạch ban hành muộn được 0,5 điểm',
  source: "par-index.md: 'annual reform plan issued: on time 1, late 0.5, not issued 0'",
  assessment: {
    facts: { planIssued: 'late', completion: 80, hasReports: true, onTime: 17, total: 19 },
    selfScores: { '1.3': 0.75 },
    evidence: [{ id: 'kh', number: '15/KH-UBND', criteria: ['1.1'] }],
  },
  // 1.1 late → 0.5; 1.2: 80 ≥ 70 → 1; 1.3 = 0.75; 2: 17/19 × 3 = 51/19
  // total = 2.25 + 51/19 = 93.75/19 = 375/76; index = 375/76 / 7 × 100 = 37500/532 = 9375/133
  expect: {
    nodes: { '1.1': '0,5', '1.2': 1, '1': { points: '2.25', applicableMax: 4, index: '56.25' }, '2': '51/19' },
    total: '375/76',
    index: '~70,49',
    applicableMax: 7,
    band: 'Khá',
    rank: 1,
    groupSize: 1,
    allFlags: [],
  },
}

describe('runPackTests', () => {
  it('a case whose expectations hold passes, each expectation counted', () => {
    const r = runPackTests(pack, { pack: 'test/commune', cases: [good] })
    expect(r.cases[0]!.failures).toEqual([])
    expect([r.passed, r.failed, r.checks]).toEqual([1, 0, 12])
    expect(r.pack).toEqual({ id: 'test/commune', version: '1.2.0', contentHash: pack.contentHash })
    expect(r.cases[0]!.results[0]!.trace).toBeDefined()
  })

  it('a changed expectation fails with the node, the expected and the got, and its path in the file', () => {
    const c = structuredClone(good) as PackTestCaseInput & { expect: Record<string, unknown> }
    ;(c.expect.nodes as Record<string, unknown>)['1.1'] = '1'
    c.expect.band = 'tot'
    const r = runPackTests(pack, [c])
    expect(r.failed).toBe(1)
    expect(r.cases[0]!.failures.map((f) => [f.node, f.field, f.expected, f.got, f.path.join('/')])).toEqual([
      ['1.1', 'points', '1', '0.5', 'cases/0/expect/nodes/1.1'],
      [null, 'band', 'tot', 'Khá', 'cases/0/expect/band'],
    ])
    expect(r.cases[0]!.failures[0]!.message).toEqual({ vi: 'tiêu chí 1.1, điểm: mong đợi 1, nhận được 0,5', en: 'criterion 1.1, points: expected 1, got 0.5' })
  })

  it('numbers: decimal comma, fractions and "~" rounding to the digits written', () => {
    const at = (index: string) => runPackTests(pack, [{ ...good, expect: { index } }]).cases[0]!
    // 9375/133 = 70.4887…
    expect(at('9375/133').ok).toBe(true)
    expect(at('~70,49').ok).toBe(true)
    expect(at('≈70.5').ok).toBe(true)
    expect(at('~70,48').ok).toBe(false)
    // without "~" the comparison is exact
    expect(at('70,49').failures[0]).toMatchObject({ node: 'total', field: 'index', expected: '70,49', got: '9375/133' })
  })

  it('flags: "flags" must be there, "allFlags" are all there is; a flag names its criterion', () => {
    const noEvidence = { ...good, assessment: { facts: { planIssued: 'on-time' } } }
    const run = (expectation: Record<string, unknown>) => runPackTests(pack, [{ ...noEvidence, expect: expectation }]).cases[0]!
    expect(run({ flags: ['missing_evidence 1.1'] }).ok).toBe(true)
    expect(run({ flags: [{ code: 'missing_evidence' }] }).ok).toBe(true)
    const wrong = run({ flags: ['missing_evidence 1.2'] })
    expect(wrong.failures.map((f) => [f.node, f.field, f.expected, f.got])).toEqual([['1.2', 'flags', 'missing_evidence 1.2', 'missing_evidence 1.1']])
    // missing input on 1.2 and 2 besides the missing evidence (1.3 does not apply: no reports fact)
    const all = run({ allFlags: ['missing_evidence 1.1'] })
    expect(all.failures.map((f) => [f.node, f.expected, f.got])).toEqual([
      ['1.2', '—', 'missing_input 1.2'],
      ['2', '—', 'missing_input 2'],
    ])
    expect(run({ allFlags: ['missing_evidence 1.1', 'missing_input'] }).ok).toBe(true)
  })

  it('not applicable, null index and an unknown criterion', () => {
    const c = { ...good, assessment: { facts: { planIssued: 'none', hasReports: false } } }
    const ok = runPackTests(pack, [{ ...c, expect: { nodes: { '1.3': { points: 0, applicableMax: 0, notApplicable: true, index: null } }, applicableMax: 6 } }])
    expect(ok.cases[0]!.failures).toEqual([])
    const bad = runPackTests(pack, [{ ...c, expect: { nodes: { '1.3': { notApplicable: false }, '1.9': 1 } } }])
    expect(bad.cases[0]!.failures.map((f) => [f.node, f.field, f.expected, f.got])).toEqual([
      ['1.3', 'notApplicable', 'false', 'true'],
      ['1.9', 'node', '1.9', '—'],
    ])
  })

  it('several units: ranks, group sizes, a unit assessed but not ranked', () => {
    const unit = (unitId: string, onTime: number) => ({ unitId, facts: { planIssued: 'on-time', completion: 95, onTime, total: 10 }, evidence: [{ id: 'e', criteria: ['1.1'] }] })
    const c: PackTestCaseInput = {
      name: 'Xếp hạng',
      units: [unit('xa-a', 10), unit('xa-b', 5), unit('xa-khong-xep-hang', 10), unit('xa-c', 5)],
      expect: { units: { 'xa-a': { rank: 1, groupSize: 3, total: 6 }, 'xa-b': { rank: 2 }, 'xa-c': { rank: 2 }, 'xa-khong-xep-hang': { rank: null, band: 'tot' } } },
    }
    expect(runPackTests(pack, [c]).cases[0]!.failures).toEqual([])
    const wrong = runPackTests(pack, [{ ...c, expect: { units: { 'xa-c': { rank: 3 }, 'xa-z': { rank: 1 } } } }]).cases[0]!
    expect(wrong.failures.map((f) => [f.unitId, f.field, f.expected, f.got])).toEqual([
      ['xa-z', 'unit', 'xa-z', '—'],
      ['xa-c', 'rank', '3', '2'],
    ])
  })

  it('a case may expect the engine to refuse the assessment, by code and path', () => {
    const refused = { name: 'Điểm vượt tối đa bị từ chối', assessment: { selfScores: { '1.3': 2 } } }
    expect(runPackTests(pack, [{ ...refused, expect: { issues: ['score_above_max'] } }]).cases[0]!.ok).toBe(true)
    expect(runPackTests(pack, [{ ...refused, expect: { issues: [{ code: 'score_above_max', path: 'selfScores.1.3' }] } }]).cases[0]!.ok).toBe(true)
    const other = runPackTests(pack, [{ ...refused, expect: { issues: [{ code: 'score_above_max', path: 'selfScores.1.2' }] } }]).cases[0]!
    expect(other.failures[0]).toMatchObject({ field: 'issues', expected: 'score_above_max selfScores.1.2', got: 'score_above_max selfScores.1.3' })
    // refused when figures were expected: a failure listing why
    const unexpected = runPackTests(pack, [{ ...refused, expect: { total: 1 } }]).cases[0]!
    expect(unexpected.failures[0]).toMatchObject({ field: 'issues', expected: '—', got: 'score_above_max selfScores.1.3' })
    expect(unexpected.issues[0]!.code).toBe('score_above_max')
    // accepted when a refusal was expected
    expect(runPackTests(pack, [{ ...good, expect: { issues: ['score_above_max'] } }]).cases[0]!.failures[0]).toMatchObject({ field: 'issues', got: '—' })
  })

  it('a malformed file is refused with every problem and its path, in Vietnamese and English', () => {
    const r = safeRunPackTests(pack, {
      pack: 'test/other@1.2.0',
      cases: [
        { name: 'không mong đợi gì', assessment: {}, expect: {} },
        { name: 'số sai', assessment: {}, expect: { total: '1.234,5', nodes: { '1.1': 'năm' } } },
        { name: 'hai dạng', assessment: {}, units: [{ unitId: 'a' }], expect: { total: 1 } },
        { name: 'thừa trường', assessment: {}, expect: { totl: 1 } },
        { name: 'gõ nhầm', assessment: {}, expect: { band: 'Kha', flags: ['missing_evidence 1.1', 'missing_evidance 1.2'], allFlags: ['thieu_tai_lieu'] } },
      ],
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.code, i.path.join('/')])).toEqual([
      ['pack_test_wrong_pack', 'pack'],
      ['invalid_pack_test', 'cases/0/expect'],
      ['invalid_expected_number', 'cases/1/expect/total'],
      ['invalid_expected_number', 'cases/1/expect/nodes/1.1'],
      ['invalid_pack_test', 'cases/2'],
      ['invalid_pack_test', 'cases/2/expect/total'],
      ['unknown_field', 'cases/3/expect/totl'],
      ['invalid_pack_test', 'cases/4/expect/band'],
      ['invalid_pack_test', 'cases/4/expect/flags/1'],
      ['invalid_pack_test', 'cases/4/expect/allFlags/0'],
    ])
    expect(r.issues.at(-3)!.message.vi).toBe('Tệp kiểm thử không hợp lệ: Bộ chỉ số không có mức xếp loại "Kha" (có: tot (Tốt), kha (Khá), tb (Trung bình))')
    for (const i of r.issues) expect(i.message.vi.length * i.message.en.length).toBeGreaterThan(0)
    expect(() => runPackTests(pack, { pack: 'test/commune', cases: [] })).toThrow(/cases/)
  })
})

/** Every figure of every unit of a batch, as a case would write it: the case a province would snapshot. */
function caseFromBatch(batch: BatchResult): PackTestCaseInput {
  const units: Record<string, Record<string, unknown>> = {}
  for (const u of batch.units) {
    const r = u.result
    const nodes: Record<string, unknown> = {}
    for (const n of r.nodes) {
      if (n.code === 'total') continue
      nodes[n.code] = {
        points: n.points.toString(),
        applicableMax: n.applicableMax.toString(),
        index: n.index === null ? null : n.index.toString(),
        bonus: n.bonus.toString(),
        deduction: n.deduction.toString(),
        notApplicable: n.notApplicable,
      }
    }
    units[u.unitId] = {
      nodes,
      total: r.total.toString(),
      index: r.index.toString(),
      applicableMax: r.applicableMax.toString(),
      band: u.band?.code ?? null,
      rank: u.rank,
      groupSize: u.groupSize,
      allFlags: r.flags.map((f) => `${f.code} ${f.criterion}`),
    }
  }
  return { name: 'snapshot', units: batch.units.map((u) => u.result.assessment as unknown as Record<string, unknown>), expect: { units } }
}

describe('properties over random packs and populations', () => {
  it('a case built from an evaluation passes, comparing every figure', () => {
    fc.assert(
      fc.property(packAndBatchArb, ({ spec, assessments }) => {
        const p = compilePack(spec.pack)
        const c = caseFromBatch(evaluateBatch(p, assessments))
        const r = runPackTests(p, [c])
        expect(r.cases[0]!.failures).toEqual([])
        // every node's six figures and the unit's eight for each unit: nothing skipped
        const flags = evaluateBatch(p, assessments).units.reduce((s, u) => s + u.result.flags.length, 0)
        expect(r.checks).toBe(assessments.length * ((p.nodes.length - 1) * 6 + 6) + flags)
      }),
      { numRuns: 60 },
    )
  })

  it('any perturbed expectation fails, naming the unit, the node and the field', () => {
    fc.assert(
      fc.property(
        packAndBatchArb.chain(({ spec, assessments }) =>
          fc.record({
            spec: fc.constant(spec),
            assessments: fc.constant(assessments),
            unit: fc.nat(assessments.length - 1),
            pick: fc.nat(),
            field: fc.constantFrom('points', 'applicableMax', 'bonus', 'deduction', 'total', 'index', 'rank'),
            delta: fc.constantFrom('0.01', '-1', '1/3', '100'),
          }),
        ),
        ({ spec, assessments, unit, pick, field, delta }) => {
          const p: CompiledPack = compilePack(spec.pack)
          const c = caseFromBatch(evaluateBatch(p, assessments))
          const unitId = assessments[unit]!.unitId
          const u = (c.expect.units as Record<string, Record<string, unknown>>)[unitId]!
          const bump = (v: unknown): string =>
            Exact.from(v as string)
              .add(Exact.from(delta))
              .toString()
          let node: string | null
          if (field === 'total' || field === 'index') {
            u[field] = bump(u[field])
            node = 'total'
          } else if (field === 'rank') {
            u.rank = u.rank === null ? 1 : (u.rank as number) + 1
            node = null
          } else {
            const codes = Object.keys(u.nodes as object)
            node = codes[pick % codes.length]!
            const n = (u.nodes as Record<string, Record<string, unknown>>)[node]!
            n[field] = bump(n[field])
          }
          const r = runPackTests(p, [c])
          expect(r.failed).toBe(1)
          const f = r.cases[0]!.failures
          expect(f).toHaveLength(1)
          expect(f[0]).toMatchObject({ unitId, node, field: field === 'total' ? 'points' : field })
        },
      ),
      { numRuns: 80 },
    )
  })
})
