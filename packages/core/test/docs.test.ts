// The guide's example packs compile (and the broken one fails the way the guide says), so
// the guide cannot go stale.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { type ChisoError, compilePack, createRegistry, evaluate, evaluateBatch } from '@chiso/core'

const read = (p: string): unknown => JSON.parse(readFileSync(new URL(`../../../docs/guides/${p}`, import.meta.url), 'utf8'))
const text = (p: string): string => readFileSync(new URL(`../../../docs/guides/${p}`, import.meta.url), 'utf8')

describe('guide: writing your province rule pack', () => {
  const registry = createRegistry([read('examples/national-commune.json'), read('examples/province-commune.json'), read('examples/province-commune-broken.json')])

  test('the template and the province pack compile; the province pack scores as the guide says', () => {
    registry.compile('guide/national-commune')
    const pack = registry.compile('guide/hong-lam-commune')
    expect(pack.nodes.map((n) => n.code)).toEqual(['total', '1', '1.1', '1.2', '1.3', '1.4', '2', '2.1', '2.2', '2.3', '3'])
    const r = evaluate(pack, {
      unitId: 'xa-thach-ha',
      period: '2024',
      facts: { planIssued: 'on-time', planCompletionPercent: 95, reportsOnTime: true, dossiersOnTime: 480, dossiersTotal: 500, onlineIntake: true, lateReports: 1 },
      selfScores: { '2.2': 3.5 },
      evidence: [{ id: 'kh', number: '15/KH-UBND', criteria: ['1.1'] }],
      survey: { '3': { answers: { A: 30, B: 15, C: 5 } } },
    })
    // 1.1 = 1, 1.2 = 2, 1.3 neutralised, 1.4 = 3 → area 1 = 6 of 6
    // 2.1 = 480/500 × 8 = 7.68, 2.2 = 3.5, 2.3 = 1 → area 2 = 12.18 of 13
    // 3 = (30 + 0.6·15 + 0.2·5)/50 × 8 = 40/50 × 8 = 6.4
    // sum 24.58 − 0.5 (one late report) = 24.08 of 31 − 4 = 27 → index 89.185… → 89.19
    expect(r.total.toString()).toBe('24.08')
    expect(r.applicableMax.toString()).toBe('27')
    expect(r.index.toString()).toBe('89.19')
    for (const lang of ['vi', 'en']) expect(text(`province-pack.${lang}.md`)).toContain('24.08')
  })

  test('the broken example reports what the guide shows', () => {
    try {
      registry.compile('guide/hong-lam-commune-broken')
      expect.unreachable()
    } catch (e) {
      const issues = (e as ChisoError).issues
      expect(issues.map((i) => i.code)).toEqual(['children_sum_mismatch', 'scale_mismatch'])
      for (const lang of ['vi', 'en'] as const) {
        const guide = text(`province-pack.${lang}.md`)
        for (const i of issues) expect(guide).toContain(i.message[lang])
      }
    }
  })
})

describe('semantics: add a rule kind', () => {
  test('the guide’s kind is this test’s kind, word for word; its form scores alike on every kernel and takes the lane', async () => {
    const doc = readFileSync(new URL('../../../docs/semantics.md', import.meta.url), 'utf8')
    const block = /## Add a rule kind[\s\S]*?```ts\n([\s\S]*?)```/.exec(doc)?.[1]
    expect(block).toBe(readFileSync(new URL('./docs-rule-kind.ts', import.meta.url), 'utf8'))
    await import('./docs-rule-kind.js')
    const pack = compilePack({
      id: 'guide/at-least',
      version: '1.0.0',
      title: 'At least',
      criteria: [{ code: '1', title: 'Họp', maxPoints: 2, rule: { kind: 'atLeast', fact: 'meetings', min: 4 } }],
      rounding: { leaf: { decimals: 2 } },
    })
    const units = [3, 4, 5].map((meetings, i) => ({ unitId: `u${i}`, period: '2024', facts: { meetings } }))
    const alone = units.map((u) => evaluate(pack, u).total.toString())
    expect(alone).toEqual(['0', '2', '2'])
    for (const kernel of ['auto', 'interpreter', 'verify'] as const) {
      const batch = evaluateBatch(pack, units, { kernel })
      expect(batch.units.map((u) => u.result.total.toString())).toEqual(alone)
      expect(batch.units.every((u) => (u.result.laneOf() !== undefined) === (kernel !== 'interpreter'))).toBe(true)
    }
  })
})
