// PostgreSQL ends a connection in the middle of a write (a restart, an administrator's
// pg_terminate_backend): the write fails with the driver's error, the process lives on
// (pg reports a lost client as an 'error' event, fatal without a listener), nothing of the
// write is kept, and the next write works on a fresh connection.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import pg from 'pg'
import type { Store } from '../src/index.js'
import { assessment, PACK_REF, PROVINCE, seed } from './fixtures.js'
import { HARNESSES, type Harness } from './harness.js'

const factory = HARNESSES.find((h) => h.name === 'postgres')

describe.runIf(factory)('a connection lost mid-transaction on PostgreSQL', () => {
  let h: Harness
  let store: Store
  let admin: pg.Pool
  let pause: (() => Promise<void>) | undefined
  beforeAll(async () => {
    h = await factory!.create()
    store = await h.open({ checkpoint: async () => pause?.() })
    await seed(store)
    admin = new pg.Pool({ connectionString: h.options.url, max: 1 })
    admin.on('error', () => {})
  })
  afterAll(async () => {
    await store?.close()
    await admin?.end()
    await h?.dispose()
  })

  test('the write fails, the process survives, nothing is kept, the next write lands', async () => {
    const uncaught: unknown[] = []
    const onUncaught = (e: unknown) => uncaught.push(e)
    process.on('uncaughtException', onUncaught)
    try {
      // inside the transaction, the store's own connection is ended by the server
      pause = async () => {
        pause = undefined
        await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database() and state like 'idle in transaction%'`)
        await new Promise((r) => setTimeout(r, 200))
      }
      await expect(
        store.submit({ province: PROVINCE, unitId: 'xa-a', period: '2031', pack: PACK_REF, assessment: assessment('xa-a', '2031', [1, 1, 1]), expectedVersion: 0, actor: 't' }),
      ).rejects.toThrow()
      await new Promise((r) => setTimeout(r, 200))
      expect(uncaught).toEqual([])
      await expect(store.getAssessment({ province: PROVINCE, unitId: 'xa-a', period: '2031' })).rejects.toThrow()
      const r = await store.submit({ province: PROVINCE, unitId: 'xa-a', period: '2031', pack: PACK_REF, assessment: assessment('xa-a', '2031', [1, 1, 1]), expectedVersion: 0, actor: 't' })
      expect(r.version).toBe(1)
      expect((await store.verify({ province: PROVINCE })).ok).toBe(true)
    } finally {
      process.off('uncaughtException', onUncaught)
    }
  })
})
