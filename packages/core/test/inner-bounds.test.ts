/**
 * An inner node without adjustments keeps its children's sum without a comparison when the
 * sum is ≥ 0, its floor ≤ 0 and its children's maxima fit its own (each child is within its
 * applicable maximum): the interpreter without a trace (which takes that shortcut) against
 * the interpreter with one (which always clamps), on sums below zero (a child with a negative
 * floor under deductions), a parent with a floor above zero, and parts not applicable.
 */
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { compilePack, evaluate, type PackInput } from '../src/index.js'

const t = (s: string) => ({ vi: s, en: s })
const pack = {
  id: 'inner-bounds-test',
  version: '1.0.0',
  title: t('Inner bounds'),
  scale: 20,
  adjustments: [
    { id: 'd11', type: 'deduction', title: t('d11'), amount: { kind: 'entered' }, target: '1.1' },
    { id: 'b21', type: 'bonus', title: t('b21'), amount: { kind: 'entered' }, target: '2.1' },
  ],
  criteria: [
    {
      // floor 0, no adjustments: the shortcut when its sum is ≥ 0, the clamp to 0 when below
      code: '1',
      title: t('1'),
      maxPoints: 10,
      children: [
        {
          code: '1.1',
          title: t('1.1'),
          maxPoints: 4,
          floor: -3,
          children: [
            { code: '1.1.1', title: t('1.1.1'), maxPoints: 2, rule: { kind: 'manual' } },
            { code: '1.1.2', title: t('1.1.2'), maxPoints: 2, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
          ],
        },
        { code: '1.2', title: t('1.2'), maxPoints: 6, applicability: { fact: 'part', operator: 'equal', value: true }, rule: { kind: 'manual' } },
      ],
    },
    {
      // a floor above zero: never the shortcut
      code: '2',
      title: t('2'),
      maxPoints: 10,
      floor: 1.5,
      children: [
        { code: '2.1', title: t('2.1'), maxPoints: 5, floor: -1, rule: { kind: 'manual' } },
        { code: '2.2', title: t('2.2'), maxPoints: 5, applicability: { fact: 'part', operator: 'equal', value: false }, rule: { kind: 'ratio', numerator: 'n', of: 7 } },
      ],
    },
  ],
} as unknown as PackInput

describe('inner nodes within their bounds', () => {
  const compiled = compilePack(pack)
  const codes = compiled.nodes.map((n) => n.code)
  test('without a trace every node scores as with one (which always clamps), sums below zero and floors above it included', () => {
    let below = 0
    let within = 0
    const score = fc.integer({ min: 0, max: 800 }).map((q) => q / 400)
    fc.assert(
      fc.property(
        score,
        score,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 800 }),
        (s111, s12, n, d, part, d11, b21) => {
          const a = {
            unitId: 'u',
            period: '2024',
            facts: { n: Math.min(n, d), d, part },
            selfScores: { '1.1.1': s111, '1.2': s12 * 3, '2.1': s12 },
            adjustments: { d11: d11 / 100, b21: b21 / 100 },
          }
          const plain = evaluate(compiled, a as never)
          const traced = evaluate(compiled, a as never, { trace: true })
          for (const code of codes) expect(plain.node(code)!.points.toString()).toBe(traced.node(code)!.points.toString())
          expect(plain.index?.toString()).toBe(traced.index?.toString())
          if (plain.node('1.1')!.points.isNegative()) below++
          else within++
        },
      ),
      { numRuns: 1500 },
    )
    // node 1 saw children's sums below zero (clamped) and within its bounds (kept as they are)
    expect(below).toBeGreaterThan(100)
    expect(within).toBeGreaterThan(100)
  })
})
