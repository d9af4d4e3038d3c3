import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compilePack, evaluateBatch, type AssessmentInput, type PackInput } from '@chiso/core'
import { analyseSensitivity } from '@chiso/core/analysis'
import { packAndBatchArb } from './arbitraries.js'

const pack = (extra: Partial<PackInput> = {}) =>
  compilePack({
    id: 'demo/sens',
    version: '1.0.0',
    title: 'Sensitivity demo',
    scale: 30,
    criteria: [
      { code: '1', title: 'A', maxPoints: 10, rule: { kind: 'manual', step: 0.01 } },
      { code: '2', title: 'B', maxPoints: 10, rule: { kind: 'manual', step: 0.01 } },
      { code: '3', title: 'C', maxPoints: 10, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
    ],
    ...extra,
  })

// units that trade strength in area 1 against area 2: weights decide their order
const units: AssessmentInput[] = Array.from({ length: 12 }, (_, i) => ({
  unitId: `u${i}`,
  period: '2024',
  group: i < 6 ? 'g1' : 'g2',
  selfScores: { '1': (10 - (i % 6) * 1.5).toFixed(2), '2': ((200 + (i % 6) * 140) / 100).toFixed(2) },
  facts: { n: 30 + i, d: 60 + 7 * i },
}))

describe('analyseSensitivity', () => {
  test('same seed → same output; another seed → another sample', () => {
    const p = pack()
    const a = analyseSensitivity(p, units, { draws: 200, seed: 42, weights: { spread: 0.5 } })
    const b = analyseSensitivity(p, units, { draws: 200, seed: 42, weights: { spread: 0.5 } })
    expect(b).toEqual(a)
    const c = analyseSensitivity(p, units, { draws: 200, seed: 43, weights: { spread: 0.5 } })
    expect(c.units.map((u) => [u.p5, u.p95, u.best, u.worst])).not.toEqual(a.units.map((u) => [u.p5, u.p95, u.best, u.worst]))
  })

  test('zero-width perturbation → ranks unchanged, equal to the published ranking', () => {
    const p = pack()
    const published = evaluateBatch(p, units)
    const r = analyseSensitivity(p, units, { draws: 50, seed: 1, weights: { spread: 0 } })
    for (const u of r.units) {
      const rank = published.unit(u.unitId)!.rank
      expect([u.rank, u.p5, u.p95, u.best, u.worst]).toEqual([rank, rank, rank, rank, rank])
    }
  })

  test('perturbation moves units whose strengths differ, and intervals hold the unperturbed rank', () => {
    const r = analyseSensitivity(pack(), units, { draws: 300, seed: 9, weights: { ranges: { '1': [0.2, 1.8], '2': [0.2, 1.8] } } })
    expect(r.units.some((u) => u.best !== u.worst)).toBe(true)
    for (const u of r.units) expect(u.low <= u.rank && u.rank <= u.high).toBe(true)
  })

  test('the exact-rational path (unrounded ratios) and the integer path agree', () => {
    // ratio leaves produce fractions like 30/60 → with leaf rounding the integer path is taken
    const rounded = pack({ rounding: { leaf: { decimals: 2, mode: 'half-up' } } })
    const a = analyseSensitivity(rounded, units, { draws: 100, seed: 5, weights: { spread: 0.3 } })
    expect(a.integerPath).toBe(true)
    // index rounding forces the rational path over the same rounded leaves
    const viaRational = pack({ rounding: { leaf: { decimals: 2, mode: 'half-up' }, index: { decimals: 12, mode: 'half-up' } } })
    const b = analyseSensitivity(viaRational, units, { draws: 100, seed: 5, weights: { spread: 0.3 } })
    expect(b.integerPath).toBe(false)
    expect(b.units).toEqual(a.units)
  })

  test('property: for random packs, intervals contain the unperturbed rank and zero width changes nothing', () => {
    fc.assert(
      fc.property(packAndBatchArb, fc.integer({ min: 1, max: 1000 }), ({ spec, assessments }, seed) => {
        const p = compilePack(spec.pack)
        const published = evaluateBatch(p, assessments)
        const wide = analyseSensitivity(p, assessments, { draws: 20, seed, weights: { spread: 0.9 } })
        for (const u of wide.units) {
          expect(u.rank).toBe(published.unit(u.unitId)!.rank)
          expect(u.low <= u.rank && u.rank <= u.high).toBe(true)
          expect(u.best <= u.p5 && u.p5 <= u.p95 && u.p95 <= u.worst).toBe(true)
        }
        const zero = analyseSensitivity(p, assessments, { draws: 5, seed, weights: { spread: 0 } })
        for (const u of zero.units) expect([u.best, u.worst]).toEqual([u.rank, u.rank])
      }),
      { numRuns: Number(process.env.SENS_RUNS ?? 60) },
    )
  })
})
