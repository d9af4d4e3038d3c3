/**
 * diffPacks and patchEffects (issue #15, part 4): a pack against itself is no change; a
 * pack against its patched self lists exactly what the patches do; each kind of change is
 * reported with its field, before and after.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePack, createRegistry, type CriterionInput, type PackInput, type PatchInput } from '@chiso/core'
import { diffPacks, patchEffects } from '@chiso/core/analysis'
import { vnCchc } from '@chiso/rules-vn-cchc'
import { dec, packSpecArb, type PackSpec } from './arbitraries.js'

const guide = (p: string): unknown => JSON.parse(readFileSync(new URL(`../../../docs/guides/${p}`, import.meta.url), 'utf8'))
const kindTargets = (changes: readonly { kind: string; target: string }[]): string[] => changes.map((c) => `${c.kind} ${c.target}`).sort()

const base: PackInput = {
  id: 'test/base',
  version: '1.0.0',
  title: 'Gốc',
  effective: { from: '2019-10-08', to: '2025-06-30' },
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo',
      maxPoints: 3,
      children: [
        {
          code: '1.1',
          title: 'Kế hoạch',
          maxPoints: 1,
          rule: {
            kind: 'choice',
            fact: 'plan',
            options: [
              { value: 'on-time', points: 1 },
              { value: 'late', points: 0.5 },
            ],
          },
        },
        {
          code: '1.2',
          title: 'Hoàn thành',
          maxPoints: 2,
          rule: {
            kind: 'steps',
            fact: 'done',
            steps: [
              { min: 90, points: 2 },
              { min: 70, points: 1 },
            ],
          },
        },
      ],
    },
    { code: '2', title: { vi: 'Thủ tục', en: 'Procedures' }, maxPoints: '2', children: [{ code: '2.1', title: 'Một cửa', maxPoints: 2 }] },
  ],
  adjustments: [{ id: 'tru', type: 'deduction', title: 'Trừ điểm', amount: { kind: 'per', fact: 'late', points: 0.25 }, cap: 1 }],
  bands: [
    { code: 'tot', label: 'Tốt', min: 80 },
    { code: 'kha', label: 'Khá', min: 50 },
  ],
}

describe('diffPacks', () => {
  it('a pack against itself, or against the same content written another way, has no change', () => {
    expect(diffPacks(compilePack(base), compilePack(base)).changes).toEqual([])
    // 2 and "2", a text and { vi }, a leaf without a rule and one with the manual rule it gets
    const same = structuredClone(base) as PackInput & { criteria: CriterionInput[] }
    same.criteria[1]!.maxPoints = 2
    same.criteria[1]!.children![0]!.rule = { kind: 'manual' }
    same.title = { vi: 'Gốc' }
    same.criteria[0]!.children![0]!.maxPoints = '1.0'
    expect(diffPacks(compilePack(base), compilePack(same)).changes).toEqual([])
  })

  it('names every kind of change with its field, before and after', () => {
    const next = structuredClone(base) as PackInput & { criteria: CriterionInput[] }
    next.version = '2.0.0'
    next.effective = { from: '2025-07-01' }
    const [c1, c2] = next.criteria as [CriterionInput, CriterionInput]
    c1.children![0]!.title = 'Kế hoạch CCHC' // renamed
    ;(c1.children![0]!.rule as unknown as { options: { value: string; points: number }[] }).options[1]!.points = 0.25 // option by value
    ;(c1.children![1]!.rule as unknown as { steps: { min: number }[] }).steps[0]!.min = 95 // threshold
    // 2.1 moves under 1; 2 gets a new leaf; 1's maximum grows
    c1.children!.push(c2.children![0]!)
    c1.maxPoints = 5
    c2.children = [{ code: '2.2', title: 'Trực tuyến', maxPoints: 2, rule: { kind: 'boolean', fact: 'online' } }]
    next.criteria.push({ code: '3', title: 'Mới', maxPoints: 1, children: [{ code: '3.1', title: 'Mới 1', maxPoints: 1 }] })
    next.adjustments = [{ id: 'tru', type: 'deduction', title: 'Trừ điểm', amount: { kind: 'per', fact: 'late', points: 0.5 }, cap: 1 }]
    next.bands = [
      { code: 'tot', label: 'Tốt', min: 85 },
      { code: 'tb', label: 'Trung bình', min: 0 },
    ]
    const d = diffPacks(compilePack(base), compilePack(next))
    expect(d.from).toMatchObject({ id: 'test/base', version: '1.0.0' })
    expect(d.to).toMatchObject({ version: '2.0.0' })
    expect(d.changes.map((c) => [c.kind, c.target, c.field ?? null, c.scoring, c.message.vi])).toEqual([
      ['pack_field_changed', 'effective', 'effective.from', false, 'Bộ chỉ số, hiệu lực từ ngày: "2019-10-08" → "2025-07-01"'],
      ['pack_field_changed', 'effective', 'effective.to', false, 'Bộ chỉ số, hiệu lực đến ngày: "2025-06-30" → (không có)'],
      ['max_changed', '1', 'maxPoints', true, 'Điểm tối đa của tiêu chí 1: 3 → 5'],
      ['criterion_renamed', '1.1', 'title', false, 'Đổi tên tiêu chí 1.1: "Kế hoạch" → "Kế hoạch CCHC"'],
      ['rule_changed', '1.1', 'rule.options[late].points', true, 'Quy tắc chấm tiêu chí 1.1, options[late].points: 0,5 → 0,25'],
      ['rule_changed', '1.2', 'rule.steps[0].min', true, 'Quy tắc chấm tiêu chí 1.2, steps[0].min: 90 → 95'],
      ['criterion_moved', '2.1', null, true, 'Chuyển tiêu chí 2.1 từ tiêu chí 2 sang tiêu chí 1'],
      ['criterion_added', '2.2', null, true, 'Thêm tiêu chí 2.2 "Trực tuyến" (2 điểm) vào tiêu chí 2'],
      ['criterion_added', '3', null, true, 'Thêm tiêu chí 3 "Mới" (1 điểm) vào cấp lĩnh vực, cùng 1 tiêu chí con'],
      ['adjustment_changed', 'tru', 'amount.points', true, 'Khoản điểm trừ tru, cách tính › điểm: 0,25 → 0,5'],
      ['band_removed', 'kha', null, true, 'Bỏ mức xếp loại "Khá" (từ 50)'],
      ['band_changed', 'tot', 'min', true, 'Mức xếp loại "Tốt", ngưỡng: 80 → 85'],
      ['band_added', 'tb', null, true, 'Thêm mức xếp loại "Trung bình" (từ 0)'],
    ])
    expect(d.changes.find((c) => c.kind === 'criterion_added' && c.target === '3')).toMatchObject({ descendants: 1 })
    expect(d.changes[4]!.message.en).toBe('Scoring rule of criterion 1.1, options[late].points: 0.5 → 0.25')
    // and back: the same changes the other way
    const back = diffPacks(compilePack(next), compilePack(base))
    expect(kindTargets(back.changes).filter((k) => k.startsWith('criterion_removed'))).toEqual(['criterion_removed 2.2', 'criterion_removed 3'])
  })

  it('a text field in one language is named in words, not as a path ("tên bộ chỉ số (tiếng Anh)", not "tên bộ chỉ số.en")', () => {
    const a = { ...structuredClone(base), title: { vi: 'Gốc', en: 'Base' } }
    const b = { ...structuredClone(base), title: { vi: 'Gốc', en: 'Base pack' } }
    const [c] = diffPacks(compilePack(a), compilePack(b)).changes
    expect(c!.message).toEqual({ vi: 'Bộ chỉ số, tên bộ chỉ số (tiếng Anh): "Base" → "Base pack"', en: 'Pack, title (English): "Base" → "Base pack"' })
  })

  it('a rule of another kind is one change carrying both rules', () => {
    const next = structuredClone(base) as PackInput & { criteria: CriterionInput[] }
    next.criteria[0]!.children![1]!.rule = { kind: 'manual', step: 0.5 }
    const [c] = diffPacks(compilePack(base), compilePack(next)).changes
    expect(c).toMatchObject({ kind: 'rule_changed', target: '1.2', field: 'rule', from: { kind: 'steps' }, to: { kind: 'manual', step: 0.5 } })
    expect(c!.message.vi).toBe('Quy tắc chấm tiêu chí 1.2: loại steps → loại manual')
  })

  it('the Vietnamese packs: commune 2019 → 2025 (two-tier)', () => {
    const d = diffPacks(vnCchc.compile('vn-cchc/commune-2019'), vnCchc.compile('vn-cchc/commune-2025'))
    const scoring = d.changes.filter((c) => c.scoring)
    expect(scoring.filter((c) => c.target === '7.2.1').map((c) => `${c.field}: ${String(c.from)} → ${String(c.to)}`)).toEqual([
      'rule.steps[0].min: 50 → 80',
      'rule.steps[1].min: 30 → 60',
      'rule.steps[2].min: 10 → 40',
    ])
    expect(d.changes.find((c) => c.field === 'effective.from')).toMatchObject({ from: '2019-10-08', to: '2025-07-01', scoring: false })
    expect(d.changes.some((c) => c.kind === 'criterion_renamed' && c.target === '7.2')).toBe(true)
  })
})

describe('patchEffects', () => {
  it("the guide's province pack: its own fields, then each patch with what it does to the base", () => {
    const reg = createRegistry([guide('examples/national-commune.json'), guide('examples/province-commune.json')])
    const r = patchEffects(guide('examples/province-commune.json'), { resolveBase: (id, v) => reg.get(id, v) })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.base).toEqual({ id: 'guide/national-commune', version: '1.0.0' })
    expect(r.value.own.filter((c) => c.scoring).map((c) => c.message.vi)).toEqual(['Bộ chỉ số, thang điểm: 30 → 31'])
    expect(r.value.patches.map((p) => [p.index, p.op, p.changes.map((c) => `${c.kind} ${c.target}${c.field ? ` ${c.field}` : ''}`)])).toEqual([
      [0, 'add', ['criterion_added 2.3']],
      [1, 'setMaxPoints', ['max_changed 2 maxPoints']],
      [2, 'setRule', ['rule_changed 2.2 rule.step']],
      [3, 'neutralise', ['criterion_neutralised 1.3 notApplicable', 'criterion_changed 1.3 note']],
      [4, 'setBands', ['band_removed xuat-sac', 'band_removed yeu', 'band_changed tot min', 'band_changed trung-binh min']],
    ])
    expect(r.value.patches[2]!.changes[0]!.message).toEqual({ vi: 'Quy tắc chấm tiêu chí 2.2, step: 0,25 → 0,5', en: 'Scoring rule of criterion 2.2, step: 0.25 → 0.5' })
  })

  it('a pack that extends nothing, a base not found and a patch on a missing criterion are issues', () => {
    expect(patchEffects(base, { resolveBase: () => undefined })).toMatchObject({ ok: false, issues: [{ code: 'not_an_extension', path: ['extends'] }] })
    const child = { id: 'test/child', version: '1.0.0', title: 'Con', extends: { id: 'test/base' }, patches: [{ op: 'remove', code: '9.9' }] }
    expect(patchEffects(child, { resolveBase: () => undefined })).toMatchObject({ ok: false, issues: [{ code: 'base_pack_missing' }] })
    expect(patchEffects(child, { resolveBase: () => base })).toMatchObject({ ok: false, issues: [{ code: 'patch_target_missing', path: ['patches', 0, 'code'] }] })
  })
})

describe('properties', () => {
  it('diffPacks(a, a) is empty for any pack', () => {
    fc.assert(
      fc.property(packSpecArb, ({ pack }) => {
        const p = compilePack(pack)
        expect(diffPacks(p, p).changes).toEqual([])
        expect(diffPacks(p, compilePack(structuredClone(pack))).changes).toEqual([])
      }),
      { numRuns: 80 },
    )
  })

  it('a pack against its patched self lists exactly what the patches change', () => {
    const caseArb = packSpecArb.chain((spec) =>
      fc.record({
        spec: fc.constant(spec),
        order: fc.shuffledSubarray(
          spec.leaves.map((l) => l.code),
          { minLength: spec.leaves.length, maxLength: spec.leaves.length },
        ),
        ops: fc.array(fc.constantFrom('rule', 'neutralise', 'rename', 'raise', 'add', 'remove', 'bands'), { minLength: 1, maxLength: 5 }),
        cents: fc.integer({ min: 1, max: 300 }),
      }),
    )
    const seen = new Map<string, number>()
    fc.assert(
      fc.property(caseArb, ({ spec, order, ops, cents }) => {
        const { pack: basePack, patches, expected } = patchedCase(spec, order, ops, cents)
        for (const e of expected) seen.set(e.split(' ')[0]!, (seen.get(e.split(' ')[0]!) ?? 0) + 1)
        const child = { id: 'test/child', version: '1.0.0', title: 'Random pack', extends: { id: 'test/random', version: '1.0.0' }, patches }
        const reg = createRegistry([basePack, child])
        const d = diffPacks(reg.compile('test/random'), reg.compile('test/child'))
        expect(kindTargets(d.changes)).toEqual([...expected].sort())
        // and patchEffects gives the same changes, patch by patch
        const e = patchEffects(child, { resolveBase: (id, v) => reg.get(id, v) })
        expect(e.ok).toBe(true)
        if (!e.ok) return
        expect(e.value.own).toEqual([])
        expect(kindTargets(e.value.patches.flatMap((p) => p.changes))).toEqual([...expected].sort())
      }),
      { numRuns: 300 },
    )
    // not vacuous: every kind of patch was made and seen, many times
    for (const k of ['rule_changed', 'criterion_neutralised', 'criterion_renamed', 'max_changed', 'criterion_added', 'criterion_removed', 'band_changed'])
      expect(seen.get(k) ?? 0, k).toBeGreaterThan(5)
  })
})

/**
 * Patches that keep the pack valid — each on its own leaf, maxima raised or lowered along
 * the ancestors with one setMaxPoints per code — and the changes each must show.
 */
function patchedCase(spec: PackSpec, order: readonly string[], ops: readonly string[], cents: number): { pack: PackInput; patches: PatchInput[]; expected: string[] } {
  const pack = structuredClone(spec.pack)
  delete pack.scale // the maxima move; the scale follows them
  const leaves = new Map(spec.leaves.map((l) => [l.code, l]))
  const targeted = new Set((pack.adjustments ?? []).map((a) => a.target ?? 'total'))
  const parentOf = (code: string): string | undefined => (code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : undefined)
  const childrenOf = (code: string): string[] => spec.codes.filter((c) => parentOf(c) === code)
  const ancestors = (code: string): string[] => {
    const out: string[] = []
    for (let p = parentOf(code); p !== undefined; p = parentOf(p)) out.push(p)
    return out
  }
  const maxOf = (code: string): number => {
    const find = (list: readonly CriterionInput[]): CriterionInput | undefined => {
      for (const n of list) {
        if (n.code === code) return n
        const f = find(n.children ?? [])
        if (f) return f
      }
      return undefined
    }
    return Math.round(Number(find(pack.criteria!)!.maxPoints) * 100)
  }
  const patches: PatchInput[] = []
  const expected: string[] = []
  const delta = new Map<string, number>()
  const bump = (codes: readonly string[], by: number): void => codes.forEach((c) => delta.set(c, (delta.get(c) ?? 0) + by))
  const free = [...order]
  const take = (ok: (code: string) => boolean): string | undefined => {
    const i = free.findIndex(ok)
    return i < 0 ? undefined : free.splice(i, 1)[0]
  }
  let added = 0
  let bandsDone = false
  for (const op of ops) {
    if (op === 'bands') {
      if (bandsDone || (pack.bands ?? []).length === 0) continue
      bandsDone = true
      const bands = structuredClone(pack.bands!)
      bands[0]!.label = `${String(bands[0]!.label)} (mới)`
      patches.push({ op: 'setBands', bands })
      expected.push(`band_changed ${bands[0]!.code}`)
      continue
    }
    if (op === 'add') {
      const area = spec.codes.find((c) => !c.includes('.') && childrenOf(c).length > 0)
      if (!area) continue
      const code = `${area}.n${added++}`
      patches.push({ op: 'add', parent: area, node: { code, title: `Mới ${code}`, maxPoints: dec(cents) } })
      bump([area], cents)
      expected.push(`criterion_added ${code}`)
      continue
    }
    if (op === 'remove') {
      const code = take((c) => parentOf(c) !== undefined && childrenOf(parentOf(c)!).length > 1 && !targeted.has(c) && childrenOf(parentOf(c)!).every((s) => s === c || free.includes(s)))
      if (!code) continue
      // a sibling stays, untouched by any other patch, so the parent keeps a child
      const sibling = childrenOf(parentOf(code)!).find((s) => s !== code)!
      free.splice(free.indexOf(sibling), 1)
      patches.push({ op: 'remove', code })
      bump(ancestors(code), -maxOf(code))
      expected.push(`criterion_removed ${code}`)
      continue
    }
    const code = take((c) => (op !== 'rule' || !leaves.get(c)!.survey) && leaves.has(c))
    if (!code) continue
    if (op === 'rule') {
      const kind = leaves.get(code)!.kind === 'boolean' ? 'manual' : 'boolean'
      patches.push({ op: 'setRule', code, rule: { kind } })
      expected.push(`rule_changed ${code}`)
    } else if (op === 'neutralise') {
      patches.push({ op: 'neutralise', code })
      expected.push(`criterion_neutralised ${code}`)
    } else if (op === 'rename') {
      const find = (list: readonly CriterionInput[]): CriterionInput => list.map((n) => (n.code === code ? n : n.children ? find(n.children) : undefined)).find(Boolean)!
      patches.push({ op: 'replace', code, node: { ...structuredClone(find(pack.criteria!)), title: `Tên mới ${code}` } })
      expected.push(`criterion_renamed ${code}`)
    } else if (op === 'raise') {
      bump([code, ...ancestors(code)], cents)
    }
  }
  for (const [code, by] of delta) {
    if (by === 0) continue
    patches.push({ op: 'setMaxPoints', code, maxPoints: dec(maxOf(code) + by) })
    expected.push(`max_changed ${code}`)
  }
  return { pack, patches, expected }
}
