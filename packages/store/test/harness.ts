// The one store suite runs on every driver: PGlite always (in memory, or in a temporary
// folder when a test must reopen the database or reach it with SQL), and PostgreSQL when
// CHISO_TEST_DATABASE_URL names a server — each run in a schema of its own, dropped after,
// so several runs can share one server. With CHISO_TEST_DATABASE_REQUIRED=1 (.ci/run) a
// missing server fails the run instead of leaving the PostgreSQL half out.
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { openStore, type OpenStoreOptions, type Store } from '../src/index.js'

export const PG_URL = process.env.CHISO_TEST_DATABASE_URL || undefined
const REQUIRED = process.env.CHISO_TEST_DATABASE_REQUIRED === '1'
if (REQUIRED && !PG_URL) throw new Error('CHISO_TEST_DATABASE_REQUIRED=1 but CHISO_TEST_DATABASE_URL is not set: the PostgreSQL half of the store suite cannot run')

export type Row = Record<string, unknown>

/** One database for a test: open the store on it (again), or reach it with plain SQL. */
export interface Harness {
  readonly name: 'pglite' | 'postgres'
  /** the options that open this database (for a child process) */
  readonly options: OpenStoreOptions
  open(extra?: Partial<OpenStoreOptions>): Promise<Store>
  /**
   * Runs SQL straight on the database, as someone with database access would (PGlite: the
   * store must be closed, since one process holds a data folder at a time).
   */
  sql(statements: readonly (string | [string, readonly unknown[]])[]): Promise<Row[][]>
  /** like `sql`, each statement on its own: its rows, or the error it raised */
  attempt(statements: readonly string[]): Promise<(Row[] | Error)[]>
  dispose(): Promise<void>
}

export interface HarnessFactory {
  readonly name: 'pglite' | 'postgres'
  /** `persistent`: PGlite in a folder (reopenable, reachable by SQL) instead of memory */
  create(o?: { persistent?: boolean }): Promise<Harness>
}

/**
 * A fresh PGlite data folder. Creating one runs initdb (seconds); copying a folder made
 * once per PGlite version takes a moment. The store migrates the copy itself, as it would
 * any empty database.
 */
async function freshFolder(): Promise<string> {
  const version = (JSON.parse(readFileSync(new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version
  const template = join(tmpdir(), `chiso-store-pglite-template-${version}-${process.getuid?.() ?? 0}`)
  if (!existsSync(join(template, 'PG_VERSION'))) {
    const building = mkdtempSync(join(tmpdir(), 'chiso-store-template-'))
    const db = await PGlite.create({ dataDir: building })
    await db.close()
    try {
      renameSync(building, template)
    } catch {
      // another test file made it first
      rmSync(building, { recursive: true, force: true })
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'chiso-store-'))
  cpSync(template, dir, { recursive: true })
  return dir
}

const pglite: HarnessFactory = {
  name: 'pglite',
  async create(o = {}) {
    const dir = o.persistent ? await freshFolder() : undefined
    const schema = 'chiso'
    let used = false
    return {
      name: 'pglite',
      options: { dataDir: dir, schema },
      async open(extra = {}) {
        if (!dir && used) throw new Error('an in-memory harness opens once: ask for { persistent: true }')
        used = true
        return openStore({ dataDir: dir, schema, ...extra })
      },
      async sql(statements) {
        if (!dir) throw new Error('plain SQL needs { persistent: true }')
        const db = await PGlite.create({ dataDir: dir })
        try {
          await db.exec(`set search_path to ${schema}`)
          const out: Row[][] = []
          for (const s of statements) out.push(typeof s === 'string' ? ((await db.exec(s)).at(-1)?.rows ?? []) : ((await db.query(s[0], s[1] as unknown[])).rows as Row[]))
          return out
        } finally {
          await db.close()
        }
      },
      async attempt(statements) {
        if (!dir) throw new Error('plain SQL needs { persistent: true }')
        const db = await PGlite.create({ dataDir: dir })
        try {
          await db.exec(`set search_path to ${schema}`)
          const out: (Row[] | Error)[] = []
          for (const s of statements)
            out.push(
              await db.exec(s).then(
                (r) => r.at(-1)?.rows ?? [],
                (e: Error) => e,
              ),
            )
          return out
        } finally {
          await db.close()
        }
      },
      async dispose() {
        if (dir) rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}

const postgres: HarnessFactory = {
  name: 'postgres',
  async create() {
    const url = PG_URL!
    const schema = `chiso_t_${process.pid}_${randomBytes(4).toString('hex')}`
    const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` })
    pool.on('error', () => {})
    return {
      name: 'postgres',
      options: { url, schema },
      open: (extra = {}) => openStore({ url, schema, ...extra }),
      async sql(statements) {
        const out: Row[][] = []
        for (const s of statements) out.push(typeof s === 'string' ? lastRows(await pool.query(s)) : (await pool.query(s[0], s[1] as unknown[])).rows)
        return out
      },
      async attempt(statements) {
        const out: (Row[] | Error)[] = []
        for (const s of statements) out.push(await pool.query(s).then(lastRows, (e: Error) => e))
        return out
      },
      async dispose() {
        await pool.query(`drop schema if exists ${schema} cascade`).catch(() => {})
        await pool.end()
      },
    }
  },
}

const lastRows = (r: pg.QueryResult | pg.QueryResult[]): Row[] => (Array.isArray(r) ? (r.at(-1)?.rows ?? []) : r.rows)

/** The drivers this run covers. */
export const HARNESSES: readonly HarnessFactory[] = PG_URL ? [pglite, postgres] : [pglite]
