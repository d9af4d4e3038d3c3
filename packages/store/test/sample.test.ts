// The real packs and the seeded sample province through the store: units with their 2025
// mergers, two years of submissions with appraisal rounds imported, scored, ranked. The
// store's rankings, fingerprints and histories are the engine's own for the same inputs.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { compareYears, contentHash, createUnitRegistry, evaluateBatch, type BatchResult } from '@chiso/core'
import { generateSampleProvince, packById, packs, vnCchc } from '@chiso/rules-vn-cchc'
import type { Store } from '../src/index.js'
import { HARNESSES, type Harness } from './harness.js'
import { freshProvince } from './helpers.js'

const sample = generateSampleProvince({ seed: 7, years: [2024, 2025] })

for (const factory of HARNESSES) {
  describe(`the sample province on ${factory.name}`, () => {
    let h: Harness
    let store: Store
    const province = freshProvince('hong-lam')
    const direct = new Map<string, BatchResult>()
    beforeAll(async () => {
      h = await factory.create()
      store = await h.open()
      await store.putPacks({ province, packs, actor: 'so-noi-vu' })
      await store.putUnits({ province, units: sample.units.map((unit) => ({ unit, expectedVersion: 0 })), actor: 'so-noi-vu' })
      for (const y of sample.years) {
        for (const p of y.packs) {
          const pack = packById(p.packId)!
          await store.importSubmissions({
            province,
            pack: { id: pack.id, version: pack.version },
            items: p.assessments.map((a) => ({ fileHash: contentHash(a), assessment: a })),
            actor: 'so-noi-vu',
          })
          direct.set(`${y.year}:${p.packId}`, evaluateBatch(vnCchc.compile(p.packId), p.assessments))
        }
        await store.score({ province, period: String(y.year), actor: 'so-noi-vu' })
      }
    }, 300_000)
    afterAll(async () => {
      await store?.close()
      await h?.dispose()
    })

    test("every group's ranking is the engine's ranking of the same submissions and rounds, fingerprints included", async () => {
      let compared = 0
      for (const y of sample.years) {
        for (const p of y.packs) {
          const batch = direct.get(`${y.year}:${p.packId}`)!
          for (const [group, units] of batch.groups) {
            const r = await store.ranking({ province, period: String(y.year), group })
            expect(r.status).toBe('provisional')
            expect(r.pack?.id).toBe(p.packId)
            expect(r.entries.map((e) => [e.unitId, e.rank, e.index, e.band?.code ?? null, e.fingerprint])).toEqual(
              units.map((u) => [u.unitId, u.rank, u.result.index.toString(), u.band?.code ?? null, u.result.fingerprint]),
            )
            compared += units.length
          }
        }
      }
      expect(compared).toBe(sample.years.reduce((n, y) => n + y.packs.reduce((m, p) => m + p.assessments.length, 0), 0))
    })

    test("a merged commune's history is the engine's year-over-year view through its predecessors", async () => {
      const merged = sample.units.find((u) => u.kind !== 'department' && u.validFrom === '2025-07-01' && (u.predecessors?.length ?? 0) > 1)!
      const h2 = await store.unitHistory({ province, unitId: merged.id })
      expect(h2.lineage.predecessors.map((p) => p.unitId).sort()).toEqual([...merged.predecessors!].sort())
      const byYear: Record<string, BatchResult['units']> = {}
      for (const [key, b] of direct) byYear[key.slice(0, 4)] = [...(byYear[key.slice(0, 4)] ?? []), ...b.units]
      const expected = compareYears(byYear, { units: createUnitRegistry(sample.units) }).find((u) => u.unitId === merged.id)!
      expect(h2.years!.years.map((y) => [y.year, [...y.from].sort(), y.index.toString(), y.rank])).toEqual(expected.years.map((y) => [y.year, [...y.from].sort(), y.index.toString(), y.rank]))
      expect(h2.years!.changes.map((c) => c.text.vi)).toEqual(expected.changes.map((c) => c.text.vi))
      expect(h2.years!.years[0]!.from.length).toBeGreaterThan(1)
    })

    test('verify walks the whole province and recalculates every record', async () => {
      const r = await store.verify({ province })
      expect(r.problems).toEqual([])
      expect(r.checked.recalculated).toBe(r.checked.rows.results)
      expect(r.checked.rows.results).toBeGreaterThan(100)
      expect(r.checked.rows.appraisals).toBeGreaterThan(0)
    }, 120_000)
  })
}
