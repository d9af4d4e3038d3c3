import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { ChisoError, compilePack, composePack, createRegistry, evaluate, type PackInput } from '@chiso/core'
import { packAndAssessmentArb } from './arbitraries.js'

/** A small national commune pack: 2 areas, 5 leaves, 20 points. */
const base: PackInput = {
  id: 'vn/commune',
  version: '1.0.0',
  family: 'vn/commune',
  title: 'Bộ chỉ số xã (gốc)',
  scale: 20,
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo điều hành',
      maxPoints: 8,
      children: [
        {
          code: '1.1',
          title: 'Kế hoạch',
          maxPoints: 2,
          rule: {
            kind: 'choice',
            fact: 'plan',
            options: [
              { value: 'on-time', points: 2 },
              { value: 'late', points: 1 },
              { value: 'none', points: 0 },
            ],
          },
        },
        {
          code: '1.2',
          title: 'Hoàn thành',
          maxPoints: 4,
          rule: {
            kind: 'steps',
            fact: 'completion',
            steps: [
              { min: 90, minExclusive: true, points: 4 },
              { min: 70, points: 2 },
            ],
          },
        },
        { code: '1.3', title: 'Báo cáo', maxPoints: 2, rule: { kind: 'boolean', fact: 'reports' } },
      ],
    },
    {
      code: '2',
      title: 'Thủ tục hành chính',
      maxPoints: 12,
      children: [
        { code: '2.1', title: 'Đúng hạn', maxPoints: 10, rule: { kind: 'ratio', numerator: 'onTime', denominator: 'dossiers' } },
        { code: '2.2', title: 'Công khai', maxPoints: 2, rule: { kind: 'manual', step: 0.5 } },
      ],
    },
  ],
  bands: [
    { code: 'tot', label: 'Tốt', min: 80 },
    { code: 'kha', label: 'Khá', min: 0 },
  ],
}

const province = (patches: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'ha-tinh/commune',
  version: '2.0.0',
  family: 'ha-tinh/commune',
  title: 'Bộ chỉ số xã Hà Tĩnh',
  extends: { id: 'vn/commune', version: '1.0.0' },
  patches,
  ...extra,
})

const codes = (p: ReturnType<typeof compilePack>): string[] => p.nodes.map((n) => n.code)

describe('composePack', () => {
  test('with no patches equals the base (same criteria, bands and scale)', () => {
    const r = composePack(province([]), base)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.criteria).toEqual(base.criteria)
    expect(r.value.bands).toEqual(base.bands)
    expect(r.value.id).toBe('ha-tinh/commune')
    const a = compilePack(base)
    const b = compilePack(r.value)
    expect(codes(b)).toEqual(codes(a))
    // its own content hash: the id and version differ
    expect(b.contentHash).not.toBe(a.contentHash)
  })

  test('never mutates the base', () => {
    const snapshot = structuredClone(base)
    const r = composePack(
      province([
        { op: 'remove', code: '1.3' },
        { op: 'setMaxPoints', code: '1', maxPoints: 6 },
        { op: 'setRule', code: '2.2', rule: { kind: 'manual', step: 0.25 } },
        { op: 'neutralise', code: '2.1' },
      ]),
      base,
    )
    expect(r.ok).toBe(true)
    expect(base).toEqual(snapshot)
  })

  test('every operation: add, replace, remove, setMaxPoints, setRule, neutralise, setBands, setAdjustments', () => {
    const r = composePack(
      province(
        [
          { op: 'add', parent: '2', node: { code: '2.3', title: 'Một cửa điện tử', maxPoints: 3, rule: { kind: 'boolean', fact: 'oneStopOnline' } } },
          { op: 'setMaxPoints', code: '2', maxPoints: 15 },
          { op: 'remove', code: '1.3' },
          { op: 'setMaxPoints', code: '1', maxPoints: 6 },
          { op: 'replace', code: '1.1', node: { code: '1.1', title: 'Kế hoạch (tỉnh)', maxPoints: 2, rule: { kind: 'boolean', fact: 'planOnTime' } } },
          { op: 'setRule', code: '2.2', rule: { kind: 'manual', step: 0.25 } },
          { op: 'neutralise', code: '1.2', reason: 'Không áp dụng năm đầu' },
          {
            op: 'setBands',
            bands: [
              { code: 'xs', label: 'Xuất sắc', min: 90 },
              { code: 'con-lai', label: 'Còn lại', min: 0 },
            ],
          },
          { op: 'setAdjustments', adjustments: [{ id: 'tre-han', type: 'deduction', title: 'Trễ hạn', amount: { kind: 'per', fact: 'lateReports', points: 0.5 }, cap: 2 }] },
        ],
        { scale: 21 },
      ),
      base,
    )
    if (!r.ok) throw new ChisoError(r.issues)
    const pack = compilePack(r.value)
    expect(codes(pack)).toEqual(['total', '1', '1.1', '1.2', '2', '2.1', '2.2', '2.3'])
    expect(pack.node('1.1')?.ruleKind).toBe('boolean')
    expect(pack.bands.map((b) => b.code)).toEqual(['xs', 'con-lai'])
    expect(pack.adjustments.map((a) => a.id)).toEqual(['tre-han'])
    const res = evaluate(pack, {
      unitId: 'x',
      period: '2024',
      facts: { planOnTime: true, completion: 95, oneStopOnline: true, onTime: 9, dossiers: 10, lateReports: 3 },
      selfScores: { '2.2': 1.75 },
    })
    // 1.1 = 2, 1.2 neutralised (not applicable), 2.1 = 9/10 × 10 = 9, 2.2 = 1.75, 2.3 = 3
    // sum 15.75, deduction 3 × 0.5 = 1.5 (under the cap 2) → 14.25 of applicable 21 − 4 = 17
    expect(res.total.toString()).toBe('14.25')
    expect(res.applicableMax.toString()).toBe('17')
    expect(res.node('1.2')?.notApplicable).toBe(true)
  })

  test('sums are re-validated after patching', () => {
    const r = composePack(province([{ op: 'setMaxPoints', code: '1.1', maxPoints: 3 }]), base)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const c = (() => {
      try {
        compilePack(r.value)
        return []
      } catch (e) {
        return (e as ChisoError).issues.map((i) => i.code)
      }
    })()
    expect(c).toContain('children_sum_mismatch')
  })

  test('conflicting patches → patch_conflict naming both', () => {
    const r = composePack(
      province([
        { op: 'setMaxPoints', code: '2.2', maxPoints: 1 },
        { op: 'remove', code: '2' },
        { op: 'setRule', code: '1.1', rule: { kind: 'manual' } },
        { op: 'setRule', code: '1.1', rule: { kind: 'manual', step: 0.5 } },
      ]),
      base,
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    const conflicts = r.issues.filter((i) => i.code === 'patch_conflict')
    expect(conflicts.map((i) => i.value)).toEqual([
      { patches: [0, 1], target: '2' },
      { patches: [2, 3], target: '1.1' },
    ])
    expect(conflicts[0]!.message.vi).toContain('patches[0]')
    expect(conflicts[0]!.message.en).toContain('patches[1]')
  })

  test('two different maxima for one node conflict; the same value twice does not', () => {
    const bad = composePack(
      province([
        { op: 'setMaxPoints', code: '1', maxPoints: 6 },
        { op: 'setMaxPoints', code: '1', maxPoints: 7 },
      ]),
      base,
    )
    expect(!bad.ok && bad.issues.map((i) => i.code)).toEqual(['patch_conflict'])
    const same = composePack(
      province([
        { op: 'setMaxPoints', code: '1', maxPoints: 8 },
        { op: 'setMaxPoints', code: '1', maxPoints: '8.0' },
      ]),
      base,
    )
    expect(same.ok).toBe(true)
  })

  test('a patch on a missing node → patch_target_missing', () => {
    const r = composePack(
      province([
        { op: 'remove', code: '9.9' },
        { op: 'add', parent: '7', node: { code: '7.1', title: 'x', maxPoints: 1 } },
      ]),
      base,
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['patch_target_missing', 'patches.0.code'],
      ['patch_target_missing', 'patches.1.parent'],
    ])
  })

  test('a cycle in extends → extends_cycle', () => {
    const a = { ...base, id: 'a/pack', family: 'a', extends: { id: 'b/pack' }, criteria: undefined }
    const b = { ...base, id: 'b/pack', family: 'b', extends: { id: 'a/pack' }, criteria: undefined }
    const registry = createRegistry([a, b])
    const r = registry.safeCompile('a/pack')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => i.code)).toEqual(['extends_cycle'])
    expect(r.issues[0]!.message.en).toContain('a/pack@1.0.0 → b/pack@1.0.0 → a/pack@1.0.0')
  })

  test('a chain of extends composes through the registry', () => {
    const mid = province([{ op: 'neutralise', code: '1.3' }])
    const leaf = { ...province([{ op: 'setRule', code: '2.2', rule: { kind: 'manual', step: 0.25 } }]), id: 'ha-tinh/commune-ky-anh', extends: { id: 'ha-tinh/commune' } }
    const registry = createRegistry([base, mid, leaf])
    const pack = registry.compile('ha-tinh/commune-ky-anh')
    expect(pack.node('1.3')?.applicability).toBeDefined()
    expect(evaluate(pack, { unitId: 'x', period: '2024', selfScores: { '2.2': 0.25 } }).applicableMax.toString()).toBe('18')
  })

  test('property: composing with no patches equals the base, for random packs and assessments', () => {
    fc.assert(
      fc.property(packAndAssessmentArb, ({ spec, assessment }) => {
        const child = { id: 'child/pack', version: '9.9.9', title: 'Con', extends: { id: spec.pack.id, version: spec.pack.version }, patches: [] }
        const r = composePack(child, spec.pack)
        expect(r.ok).toBe(true)
        if (!r.ok) return
        const { id: _i, version: _v, title: _t, ...composedRest } = r.value
        const { id: _bi, version: _bv, title: _bt, ...baseRest } = spec.pack
        expect(JSON.parse(JSON.stringify(composedRest))).toEqual(JSON.parse(JSON.stringify(baseRest)))
        const a = evaluate(compilePack(spec.pack), assessment)
        const b = evaluate(compilePack(r.value), assessment)
        expect(b.nodes.map((n) => [n.code, n.points.toString(), n.applicableMax.toString()])).toEqual(a.nodes.map((n) => [n.code, n.points.toString(), n.applicableMax.toString()]))
        expect(b.index.toString()).toBe(a.index.toString())
      }),
      { numRuns: 100 },
    )
  })

  test('property: patches on disjoint nodes commute', () => {
    const leafPatches = (code: string): fc.Arbitrary<Record<string, unknown>> =>
      fc.oneof(
        fc.constant({ op: 'neutralise', code }),
        fc.constant({ op: 'setRule', code, rule: { kind: 'manual', step: 0.5 } }),
        fc.constant({ op: 'replace', code, node: { code, title: `mới ${code}`, maxPoints: code === '2.1' ? 10 : 2 } }),
      )
    const leaves = ['1.1', '1.3', '2.1', '2.2']
    fc.assert(
      fc.property(
        fc.shuffledSubarray(leaves, { minLength: 2 }).chain((picked) => fc.tuple(...picked.map(leafPatches))),
        fc.infiniteStream(fc.nat()),
        (patches, stream) => {
          const shuffled = [...patches]
          const it = stream[Symbol.iterator]()
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1)
            ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
          }
          const a = composePack(province(patches), base)
          const b = composePack(province(shuffled), base)
          expect(a.ok && b.ok).toBe(true)
          if (!a.ok || !b.ok) return
          expect(compilePack(a.value).contentHash).toBe(compilePack(b.value).contentHash)
        },
      ),
      { numRuns: 60 },
    )
  })
})
