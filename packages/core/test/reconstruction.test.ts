/**
 * reconstructionSummary: how much of a pack is reconstructed, counted on its scored criteria
 * (leaves with a positive maximum), with status inherited down the tree, and the one line
 * every output shows. `basis` (what reconstructed content is shaped after) is pack data,
 * compiled onto every node next to `status`, `legalRef` and `note`.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePack, reconstructionSummary, type CriterionInput, type PackInput } from '@chiso/core'
import { packSpecArb } from './arbitraries.js'

const leaf = (code: string, maxPoints: number, extra: Partial<CriterionInput> = {}): CriterionInput => ({ code, title: `Tiêu chí ${code}`, maxPoints, ...extra })

const template: PackInput = {
  id: 'demo/template',
  version: '1.0.0',
  title: 'Demo',
  status: 'reconstructed',
  basis: { vi: 'Quyết định 52/2019/QĐ-UBND tỉnh Hà Tĩnh', en: 'Hà Tĩnh Decision 52/2019/QĐ-UBND' },
  note: 'Totals verified, everything else reconstructed.',
  criteria: [
    {
      code: '1',
      title: 'Lĩnh vực 1',
      maxPoints: 6,
      status: 'verified',
      legalRef: '52/2019/QĐ-UBND',
      children: [
        leaf('1.1', 2, { status: 'verified', legalRef: '52/2019/QĐ-UBND' }),
        leaf('1.2', 2, { status: 'reconstructed', basis: 'Cà Mau 1880/QĐ-UBND (2013): plan on time / late / none', note: 'Maximum assumed.' }),
        leaf('1.3', 2), // inherits "verified" from area 1
      ],
    },
    {
      code: '2',
      title: 'Lĩnh vực 2',
      maxPoints: 4,
      children: [leaf('2.1', 4), leaf('2.2', 0, { note: 'reported, no points' })], // inherit the pack's "reconstructed"
    },
  ],
  bands: [
    { code: 'tot', label: 'Tốt', min: 80, status: 'reconstructed', basis: 'Kiên Giang 2017' },
    { code: 'kha', label: 'Khá', min: 0 }, // inherits the pack's
  ],
}

describe('basis on the compiled nodes', () => {
  it('every node exposes status, basis, legalRef and note; the root carries the pack-level ones', () => {
    const p = compilePack(template)
    const n12 = p.node('1.2')!
    expect([n12.status, n12.basis, n12.legalRef, n12.note]).toEqual(['reconstructed', { vi: 'Cà Mau 1880/QĐ-UBND (2013): plan on time / late / none' }, undefined, 'Maximum assumed.'])
    expect([p.node('1.1')!.legalRef, p.node('1.1')!.basis]).toEqual(['52/2019/QĐ-UBND', undefined])
    expect(p.nodes[0]!.basis).toEqual({ vi: 'Quyết định 52/2019/QĐ-UBND tỉnh Hà Tĩnh', en: 'Hà Tĩnh Decision 52/2019/QĐ-UBND' })
    expect(p.nodes[0]!.status).toBe('reconstructed')
  })

  it('basis is checked like the rest of the pack', () => {
    expect(() => compilePack({ ...template, basis: 52 as never })).toThrow(/basis/)
    expect(() => compilePack({ ...template, criteria: [leaf('1', 10, { basis: { en: 'no vi' } as never })] })).toThrow(/criteria\[0\]\.basis/)
  })
})

describe('reconstructionSummary', () => {
  it('counts scored leaves with the status they inherit, and words the mark in vi and en', () => {
    const s = reconstructionSummary(compilePack(template))
    // scored leaves: 1.1 (verified), 1.2 (reconstructed), 1.3 (verified, inherited), 2.1 (reconstructed, from the pack); 2.2 has no points
    expect([s.criteria, s.reconstructed, s.verified]).toEqual([4, 2, 2])
    expect(s.standing).toBe('shaped-after')
    expect(s.reconstructedCodes).toEqual(['1.2', '2', '2.1', '2.2'])
    expect([s.reconstructedBands, s.reconstructedAdjustments]).toEqual([2, 0])
    expect(s.text.vi).toBe(
      'Dựng theo khuôn mẫu của Quyết định 52/2019/QĐ-UBND tỉnh Hà Tĩnh; 02/04 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức; ngưỡng xếp loại cũng là tái dựng',
    )
    expect(s.text.en).toBe('Shaped after Hà Tĩnh Decision 52/2019/QĐ-UBND; 2 of 4 scored criteria reconstructed, not an official text; band cut-offs reconstructed too')
  })

  it('a pack without a basis is "reconstructed"; bonuses and deductions are named when reconstructed', () => {
    const { basis: _b, bands: _x, ...rest } = template
    const p = compilePack({
      ...rest,
      adjustments: [{ id: 'tru', type: 'deduction', title: 'Trừ', amount: { kind: 'entered' }, status: 'reconstructed', basis: 'provincial software' }],
    })
    const s = reconstructionSummary(p)
    expect(s.standing).toBe('reconstructed')
    expect(s.text.vi).toBe('02/04 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức; điểm thưởng, điểm trừ cũng là tái dựng')
    expect(s.text.en).toBe('2 of 4 scored criteria reconstructed, not an official text; bonuses and deductions reconstructed too')
  })

  it('official only when every scored criterion is verified; a pack that says nothing is "unmarked"', () => {
    const official = compilePack({ id: 'o/x', version: '1.0.0', title: 'O', status: 'verified', criteria: [leaf('1', 60), leaf('2', 40, { legalRef: 'x' })] })
    expect(reconstructionSummary(official)).toMatchObject({
      standing: 'official',
      criteria: 2,
      reconstructed: 0,
      verified: 2,
      text: { vi: 'Toàn bộ 2 tiêu chí chấm điểm theo văn bản chính thức', en: 'All 2 scored criteria as in the official text' },
    })
    const bare = compilePack({ id: 'o/y', version: '1.0.0', title: 'O', criteria: [leaf('1', 60), leaf('2', 40, { status: 'verified' })] })
    const s = reconstructionSummary(bare)
    expect([s.standing, s.verified, s.reconstructed, s.reconstructedCodes]).toEqual(['unmarked', 1, 0, []])
    expect(s.text.en).toMatch(/does not say/)
  })

  it('counts of 100 and more are written in full, each on two digits at least ("05/120", "07/07")', () => {
    const criteria = Array.from({ length: 120 }, (_, i) => leaf(String(i + 1), 1, i < 5 ? { status: 'reconstructed' } : {}))
    const s = reconstructionSummary(compilePack({ id: 'o/z', version: '1.0.0', title: 'O', status: 'verified', criteria }))
    expect(s.text.vi.startsWith('05/120 tiêu chí chấm điểm')).toBe(true)
    expect(s.text.en.startsWith('5 of 120 scored criteria')).toBe(true)
    const seven = compilePack({ id: 'o/w', version: '1.0.0', title: 'O', status: 'reconstructed', criteria: criteria.slice(0, 7) })
    expect(reconstructionSummary(seven).text.vi.startsWith('07/07 tiêu chí chấm điểm')).toBe(true)
  })

  it('property: the counts add up, and a code is listed exactly when its status (own or inherited) is reconstructed', () => {
    fc.assert(
      fc.property(packSpecArb, fc.array(fc.constantFrom<'verified' | 'reconstructed' | undefined>('verified', 'reconstructed', undefined), { minLength: 40, maxLength: 40 }), (spec, statuses) => {
        let k = 0
        const stamp = (c: CriterionInput): CriterionInput => {
          const status = statuses[k++ % statuses.length]
          return { ...c, ...(status ? { status } : {}), ...(c.children ? { children: c.children.map(stamp) } : {}) }
        }
        const packStatus = statuses[39]
        const pack = compilePack({ ...spec.pack, ...(packStatus ? { status: packStatus } : {}), criteria: spec.pack.criteria!.map(stamp) })
        const s = reconstructionSummary(pack)
        const inherited = (i: number): string | undefined => {
          for (let j = i; j >= 0; j = pack.nodes[j]!.parent) if (pack.nodes[j]!.status) return pack.nodes[j]!.status
          return undefined
        }
        const scored = pack.nodes.filter((n) => n.isLeaf && !n.maxPoints.isZero())
        expect(s.criteria).toBe(scored.length)
        expect(s.reconstructed).toBe(scored.filter((n) => inherited(n.index) === 'reconstructed').length)
        expect(s.verified).toBe(scored.filter((n) => inherited(n.index) === 'verified').length)
        expect(s.reconstructedCodes).toEqual(
          pack.nodes
            .slice(1)
            .filter((n) => inherited(n.index) === 'reconstructed')
            .map((n) => n.code),
        )
        if (s.reconstructed > 0) expect(s.text.vi).toContain('tái dựng, không phải văn bản chính thức')
        else expect(s.text.vi).not.toContain('tái dựng, không phải')
      }),
      { numRuns: 100 },
    )
  })
})
