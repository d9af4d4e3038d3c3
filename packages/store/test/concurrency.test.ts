// Optimistic concurrency under real concurrency: 100 appraisal writes on one assessment at
// once (on PostgreSQL over many connections). Every write lands or gets a conflict with
// the current version; none is lost; the chain verifies.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { StoreError, type Store } from '../src/index.js'
import { assessment, PACK_REF, seed } from './fixtures.js'
import { HARNESSES, type Harness } from './harness.js'
import { freshProvince } from './helpers.js'

const WRITERS = 100

for (const factory of HARNESSES) {
  describe(`concurrency on ${factory.name}`, () => {
    let h: Harness
    let store: Store
    let loose: Store | undefined
    beforeAll(async () => {
      h = await factory.create()
      store = await h.open({ maxConnections: 20 })
      // the same database with the writers' lock off: only the unique constraints keep them apart
      if (factory.name === 'postgres') loose = await h.open({ maxConnections: 20, serialiseWrites: false })
    }, 180_000)
    afterAll(async () => {
      await loose?.close()
      await store?.close()
      await h?.dispose()
    })

    async function submitted(s: Store): Promise<{ province: string; version: number }> {
      const province = freshProvince('conc')
      await seed(s, province)
      const { version } = await s.submit({ province, unitId: 'xa-c', period: '2024', pack: PACK_REF, assessment: assessment('xa-c', '2024', [3, 3, 4]), expectedVersion: 0, actor: 'xa-c' })
      return { province, version }
    }

    const round = (s: Store, province: string, k: number, expectedVersion: number) =>
      s.appraise({ province, unitId: 'xa-c', period: '2024', expectedVersion, actor: `reviewer-${k}`, changes: [{ code: '2', points: (k % 17) * 0.25, reason: `writer ${k}` }] })

    async function race(s: Store): Promise<{ landed: number; conflicts: number; versions: Set<number>; province: string }> {
      const { province, version } = await submitted(s)
      const outcomes = await Promise.allSettled(Array.from({ length: WRITERS }, (_, k) => round(s, province, k, version)))
      let landed = 0
      let conflicts = 0
      const versions = new Set<number>()
      for (const o of outcomes) {
        if (o.status === 'fulfilled') landed++
        else if (o.reason instanceof StoreError && o.reason.code === 'conflict') {
          conflicts++
          versions.add(o.reason.currentVersion!)
        } else throw o.reason
      }
      return { landed, conflicts, versions, province }
    }

    test(`${WRITERS} writers on one version: exactly one lands, every other gets a conflict naming the version it landed`, async () => {
      const { landed, conflicts, versions, province } = await race(store)
      expect([landed, conflicts]).toEqual([1, WRITERS - 1])
      expect([...versions]).toEqual([2])
      const st = await store.getAssessment({ province, unitId: 'xa-c', period: '2024' })
      expect([st.version, st.appraisals.length]).toEqual([2, 1])
      expect((await store.verify({ province })).ok).toBe(true)
    })

    test(`${WRITERS} writers that reload and retry on conflict: all ${WRITERS} rounds land, none is lost, the chain verifies`, async () => {
      const { province, version } = await submitted(store)
      let conflicts = 0
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, k) => {
          let seen = version
          for (;;) {
            try {
              return await round(store, province, k, seen)
            } catch (e) {
              if (!(e instanceof StoreError) || e.code !== 'conflict') throw e
              conflicts++
              seen = e.currentVersion!
              // as a client would: reload, then try again after a moment
              await new Promise((r) => setTimeout(r, Math.random() * 20))
            }
          }
        }),
      )
      const st = await store.getAssessment({ province, unitId: 'xa-c', period: '2024' })
      expect(st.version).toBe(version + WRITERS)
      expect(st.appraisals.map((a) => a.round)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1))
      expect(new Set(st.appraisals.map((a) => a.changes[0]!.reason)).size).toBe(WRITERS)
      const report = await store.verify({ province })
      expect(report.problems).toEqual([])
      expect(report.provinces[0]!.head?.seq).toBe(1 + 4 + 1 + WRITERS)
      // under contention some writers had to retry (all of them at once cannot have seen the latest)
      expect(conflicts).toBeGreaterThan(0)
    })

    // PostgreSQL only: PGlite has one connection, its writers cannot meet without the lock
    if (factory.name !== 'postgres') return

    test("with the writers' lock off, the unique constraints alone still let only one writer land on a version", async () => {
      const { landed, conflicts, versions, province } = await race(loose!)
      expect([landed, conflicts]).toEqual([1, WRITERS - 1])
      expect([...versions]).toEqual([2])
      expect((await loose!.verify({ province })).ok).toBe(true)
    })

    test("with the writers' lock off, writers of different units all land and the chain does not fork", async () => {
      const province = freshProvince('conc')
      await seed(loose!, province)
      const ids = ['xa-a', 'xa-b', 'xa-c']
      const periods = Array.from({ length: 10 }, (_, i) => String(2015 + i))
      await Promise.all(
        ids.flatMap((unitId) =>
          periods.map((period) => loose!.submit({ province, unitId, period, pack: PACK_REF, assessment: assessment(unitId, period, [1, 1, 1]), expectedVersion: 0, actor: unitId })),
        ),
      )
      const report = await loose!.verify({ province })
      expect(report.problems).toEqual([])
      expect(report.provinces[0]!.events).toBe(1 + 4 + ids.length * periods.length)
    })
  })
}
