// Versioned migrations: each in its own transaction, recorded with its checksum; a database
// migrated by a newer program refuses this one with a clear message and is left untouched.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore, SCHEMA_VERSION, StoreError } from '../src/index.js'
import { openPglite } from '../src/drivers/pglite.js'
import { openPostgres } from '../src/drivers/postgres.js'
import { checksumOf, migrate, MIGRATIONS, type Migration } from '../src/migrations.js'
import type { Driver } from '../src/driver.js'
import { seed, PROVINCE } from './fixtures.js'
import { HARNESSES, PG_URL, type Harness } from './harness.js'
import { refused } from './helpers.js'

const NEXT: Migration = { version: SCHEMA_VERSION + 1, name: 'a-later-program', sql: 'create table later_things (id bigint primary key);' }
const BROKEN: Migration = { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'create table half_done (id bigint); select no_such_function();' }

for (const factory of HARNESSES) {
  describe(`migrations on ${factory.name}`, () => {
    let h: Harness
    beforeAll(async () => {
      h = await factory.create({ persistent: true })
      const store = await h.open()
      await seed(store)
      await store.close()
    }, 180_000)
    afterAll(() => h?.dispose())

    /** The raw driver on the harness's database (the store closed). */
    const rawDriver = (): Promise<Driver> =>
      factory.name === 'pglite' ? openPglite({ dataDir: h.options.dataDir, schema: h.options.schema! }) : openPostgres({ url: h.options.url!, schema: h.options.schema! })

    test('a new database records each migration with its checksum; opening it again applies nothing', async () => {
      const store = await h.open()
      expect(store.schemaVersion).toBe(SCHEMA_VERSION)
      await store.close()
      const [rows] = await h.sql(['select version, name, checksum from chiso_migrations order by version'])
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: checksumOf(m) })))
    })

    test('a migration that fails half-way is rolled back whole and not recorded', async () => {
      const d = await rawDriver()
      try {
        await expect(migrate(d, [...MIGRATIONS, BROKEN])).rejects.toThrow(/no_such_function/)
        expect(await d.query("select to_regclass('half_done') as t")).toEqual([{ t: null }])
        expect((await d.query('select max(version) as v from chiso_migrations'))[0]!.v).toBe(SCHEMA_VERSION)
      } finally {
        await d.close()
      }
    })

    test('a database migrated by a newer program refuses this one with a clear message, and is left as it was', async () => {
      const d = await rawDriver()
      try {
        expect(await migrate(d, [...MIGRATIONS, NEXT])).toEqual({ from: SCHEMA_VERSION, to: NEXT.version })
      } finally {
        await d.close()
      }
      const [before] = await h.sql(['select count(*)::int as n from events'])
      const e = await refused(openStore(h.options))
      expect(e).toBeInstanceOf(StoreError)
      expect(e.code).toBe('schema_too_new')
      expect(e.issues[0]!.message.en).toBe(
        `The database schema is at version ${NEXT.version}, newer than version ${SCHEMA_VERSION} this program knows: upgrade chiso before opening it (nothing was written)`,
      )
      expect(e.issues[0]!.message.vi).toContain(`phiên bản ${NEXT.version}`)
      expect(e.message).toContain('upgrade chiso')
      const [after, migs] = await h.sql(['select count(*)::int as n from events', 'select max(version) as v from chiso_migrations'])
      expect(after).toEqual(before)
      expect(migs![0]!.v).toBe(NEXT.version)
      // the newer program itself still opens it
      const d2 = await rawDriver()
      try {
        expect(await migrate(d2, [...MIGRATIONS, NEXT])).toEqual({ from: NEXT.version, to: NEXT.version })
      } finally {
        await d2.close()
      }
    })
  })
}

// several programs on one server: PostgreSQL only (a PGlite folder is one process's)
if (PG_URL !== undefined)
  describe('migrations on postgres, several programs at once', () => {
    let h: Harness
    beforeAll(async () => {
      h = await HARNESSES.find((f) => f.name === 'postgres')!.create()
    })
    afterAll(() => h?.dispose())

    test('eight stores opening one new database at once migrate it once', async () => {
      const stores = await Promise.all(Array.from({ length: 8 }, () => h.open({ maxConnections: 2 })))
      await Promise.all(stores.map((s) => s.close()))
      const [rows] = await h.sql(['select version from chiso_migrations'])
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })))
    })
  })

describe('opening', () => {
  test('an unreachable server is database_unavailable, with the password hidden', async () => {
    const e = await refused(openStore({ url: 'postgres://someone:secret@127.0.0.1:1/nothing' }))
    expect(e.code).toBe('database_unavailable')
    expect(e.message).not.toContain('secret')
    expect(e.message).toContain('someone:***@127.0.0.1:1')
  })

  test('a bad schema name or connection string is refused before anything is opened', async () => {
    const e = await refused(openStore({ schema: 'Robert"; drop table x', url: 'mysql://x' }))
    expect(e.issues.map((i) => i.path.join('.'))).toEqual(['schema', 'url'])
  })

  test('a data folder is held by one store at a time', async () => {
    const h = await HARNESSES[0]!.create({ persistent: true })
    try {
      const store = await h.open()
      const e = await refused(h.open())
      expect(e.code).toBe('database_unavailable')
      await store.close()
      const again = await h.open()
      expect(await again.head({ province: PROVINCE })).toBeNull()
      await again.close()
    } finally {
      await h.dispose()
    }
  }, 180_000)
})
