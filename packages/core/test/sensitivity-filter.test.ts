// The filtered path of analyseSensitivity (doubles with a proven error bound, exact rationals
// near a rounding boundary or a tie) against the reference path (exact rationals throughout):
// the reports must be identical on every input.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compilePack, type AssessmentInput, type PackInput } from '@chiso/core'
import { analyseSensitivity } from '@chiso/core/analysis'
import { sensitivityWith, type FilterStats, type SensitivityOptions } from '../src/analysis/sensitivity.js'
import { packAndBatchArb } from './arbitraries.js'

type Pack = ReturnType<typeof compilePack>

const newStats = (): FilterStats => ({ values: 0, exactValues: 0, compares: 0, exactCompares: 0, exactDraws: 0 })

/** the default path and the forced filtered path both equal the reference */
function agree(p: Pack, units: readonly unknown[], options: SensitivityOptions, stats = newStats()): FilterStats {
  const reference = sensitivityWith(p, units, options, { path: 'reference' })
  const filtered = sensitivityWith(p, units, options, { path: 'filtered', stats })
  expect(filtered.units).toEqual(reference.units)
  const dflt = analyseSensitivity(p, units, options)
  expect(dflt.units).toEqual(reference.units)
  return stats
}

const basePack = (extra: Partial<PackInput> = {}): Pack =>
  compilePack({
    id: 'demo/sens-filter',
    version: '1.0.0',
    title: 'Sensitivity filter',
    scale: 30,
    criteria: [
      { code: '1', title: 'A', maxPoints: 10, rule: { kind: 'manual', step: 0.01 } },
      { code: '2', title: 'B', maxPoints: 10, rule: { kind: 'manual', step: 0.01 } },
      {
        code: '3',
        title: 'C',
        maxPoints: 10,
        rule: { kind: 'ratio', numerator: 'n', denominator: 'd' },
        applicability: { fact: 'c3', operator: 'notEqual', value: false },
      },
    ],
    ...extra,
  })

const unit = (id: string, group: string, p1: string, p2: string, n: number, d: number, c3 = true, late = 0): AssessmentInput => ({
  unitId: id,
  period: '2024',
  group,
  selfScores: { '1': p1, '2': p2 },
  facts: { n, d, c3, late },
})

describe('sensitivity: filtered arithmetic equals the exact reference', () => {
  test('the W4 shape (unrounded ratio leaves, index rounded to 2 decimals) takes the filtered path', () => {
    const p = basePack({ rounding: { index: { decimals: 2, mode: 'half-up' } } })
    const units = Array.from({ length: 40 }, (_, i) => unit(`u${i}`, i % 2 ? 'a' : 'b', (5 + (i % 7) * 0.5).toFixed(2), (9 - (i % 5)).toFixed(2), 17 + i, 31 + 2 * i, i % 9 !== 0))
    const stats = agree(p, units, { draws: 60, seed: 3, weights: { spread: 0.2 } })
    expect(analyseSensitivity(p, units, { draws: 1, seed: 3, weights: { spread: 0.2 } }).integerPath).toBe(false)
    expect(stats.values).toBeGreaterThan(0)
  })

  test('indexes exactly on a rounding boundary, just below and just above it, and ties', () => {
    // index = total/30·100 = 10·total/3; total = 20 + 10·n/d. On the boundary j + 0.005:
    // total = 0.3·j + 0.0015, i.e. 10·n/d = 0.3·j − 19.9985
    const units: AssessmentInput[] = []
    for (let j = 67; j < 99; j += 3) {
      // n/d = (3000·j − 199 985)/100 000
      const n0 = 3000 * j - 199_985
      units.push(unit(`on${j}`, 'g', '10.00', '10.00', n0, 100_000))
      units.push(unit(`below${j}`, 'g', '10.00', '10.00', n0 * 1000 - 1, 100_000_000))
      units.push(unit(`above${j}`, 'g', '10.00', '10.00', n0 * 1000 + 1, 100_000_000))
      // the same total from other amounts: a tie on every draw where weights are equal
      units.push(unit(`tie${j}`, 'h', '10.00', '10.00', n0 * 2, 200_000))
      units.push(unit(`swap${j}`, 'h', '9.00', '10.00', n0 + 10_000, 100_000))
      // on the boundaries of 'up' and 'down': the index exactly j.00, and a hair either side
      units.push(unit(`int${j}`, 'g', '10.00', '10.00', n0 - 15, 100_000))
      units.push(unit(`intBelow${j}`, 'h', '10.00', '10.00', (n0 - 15) * 1000 - 1, 100_000_000))
      units.push(unit(`intAbove${j}`, 'h', '10.00', '10.00', (n0 - 15) * 1000 + 1, 100_000_000))
    }
    for (const mode of ['half-up', 'half-even', 'up', 'down'] as const) {
      for (const method of ['competition', 'dense'] as const) {
        const p = basePack({ rounding: { index: { decimals: 2, mode } }, ranking: { method } })
        // zero spread: every draw is the unperturbed one, on the boundaries
        const stats = agree(p, units, { draws: 3, seed: 1, weights: { spread: 0 } })
        expect(stats.exactValues).toBeGreaterThan(0)
        // weights moving only some areas, and all of them
        agree(p, units, { draws: 20, seed: 2, weights: { ranges: { '1': [1, 1], '2': [1, 1], '3': [0.5, 1.5] } } })
        agree(p, units, { draws: 20, seed: 4, weights: { spread: 0.3 } })
      }
    }
  })

  test('points ranking, no index rounding, negative floors and points, not-applicable areas with max 0', () => {
    const units: AssessmentInput[] = Array.from({ length: 30 }, (_, i) =>
      unit(`u${i}`, i % 3 === 0 ? 'a' : 'b', (i % 4 === 0 ? 0 : 3 + (i % 5)).toFixed(2), (i % 6).toFixed(2), i % 5 === 0 ? 0 : 7 + i, 13 + 3 * (i % 4), i % 4 !== 1, i % 7),
    )
    // two identical units and one with the same total from other amounts
    units.push({ ...units[2]!, unitId: 'dup2' }, unit('swap', 'b', '6.00', '5.00', 7, 13))
    // a deduction on the total that can take it below 0, down to the floor
    const late = { id: 'late', type: 'deduction', title: 'late', target: 'total', amount: { kind: 'per', fact: 'late', points: 4.25 } } as const
    const specs: Partial<PackInput>[] = [
      { ranking: { by: 'points' } },
      { ranking: { by: 'points', method: 'dense' }, floor: -5, adjustments: [late] },
      { floor: -5, adjustments: [late], rounding: { index: { decimals: 2, mode: 'half-up' } } },
      {},
      { ranking: { method: 'dense' } },
      { index: { kind: 'points' } },
      { index: { kind: 'points' }, rounding: { index: { decimals: 1, mode: 'half-even' } } },
      { index: { kind: 'ratio', scale: '1/3' }, rounding: { index: { decimals: 3, mode: 'half-up' } } },
    ]
    const stats = newStats()
    for (const extra of specs) {
      const p = basePack(extra)
      agree(p, units, { draws: 15, seed: 11, weights: { spread: 0.5 } }, stats)
      agree(p, units, { draws: 3, seed: 11, weights: { spread: 0 } }, stats)
      // a weight range starting at 0: a zero weight on an area leaves some maxima at 0
      agree(p, units, { draws: 15, seed: 12, weights: { ranges: { '3': [0, 1] }, spread: 0.2 } }, stats)
    }
    // unrounded keys too close for their doubles (the tie of 'swap') were compared exactly
    expect(stats.exactCompares).toBeGreaterThan(0)
  })

  test('a large group under wide weights (ranks sorted afresh, not from the last draw) and many ties', () => {
    const p = basePack({ rounding: { index: { decimals: 1, mode: 'half-up' } }, ranking: { method: 'dense' } })
    const units = Array.from({ length: 400 }, (_, i) => unit(`u${i}`, i < 390 ? 'big' : 'small', (((i * 37) % 1001) / 100).toFixed(2), (((i * 53) % 1001) / 100).toFixed(2), (i * 7) % 31, 31))
    agree(p, units, { draws: 6, seed: 8, weights: { ranges: { '1': [0, 2], '2': [0, 2], '3': [0, 2] } } })
    agree(p, units, { draws: 6, seed: 9, weights: { spread: 0.05 } })
  })

  test('property: random packs and populations, every path equal to the reference', () => {
    fc.assert(
      fc.property(
        packAndBatchArb,
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom<SensitivityOptions['weights']>({ spread: 0 }, { spread: 0.1 }, { spread: 0.9 }, { spread: 1 }, { spread: '1/3' }),
        ({ spec, assessments }, seed, weights) => {
          const p = compilePack(spec.pack)
          // duplicates of the first unit in another group and in its own: exact ties
          const units = [...assessments, { ...assessments[0]!, unitId: 'copy-a' }, { ...assessments[0]!, unitId: 'copy-b', group: 'other' }]
          agree(p, units, { draws: 8, seed, weights })
        },
      ),
      { numRuns: Number(process.env.SENS_RUNS ?? 150) },
    )
  })
})
