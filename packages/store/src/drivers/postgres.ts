/**
 * The server driver: PostgreSQL through `pg`, a pool of connections whose search path is
 * the store's schema. int8 comes back as a number (the store's counters stay far below
 * 2^53), so rows look the same as PGlite's.
 */
import type { Pool, PoolClient } from 'pg'
import { beginSql, type Driver, type Queryable, type Row, type TransactionOptions } from '../driver.js'
import { StoreError, storeIssue } from '../errors.js'

const INT8 = 20

/** Hides the password of a connection string in messages. */
const shown = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')

/** @internal */
export async function openPostgres(options: { readonly url: string; readonly schema: string; readonly maxConnections?: number | undefined }): Promise<Driver> {
  const pg = (await import('pg')).default
  const pool: Pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${options.schema}`,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  })
  // an idle client losing its server is reported on the next query; never crash the process
  pool.on('error', () => {})
  try {
    // two programs creating one schema at once would clash in the catalog: one at a time
    const client = await pool.connect()
    try {
      await client.query('begin')
      await client.query(`select pg_advisory_xact_lock(hashtext('chiso:schema:' || $1))`, [options.schema])
      await client.query(`create schema if not exists ${options.schema}`)
      await client.query('commit')
    } catch (e) {
      await client.query('rollback').catch(() => {})
      throw e
    } finally {
      client.release()
    }
  } catch (e) {
    await pool.end().catch(() => {})
    const err = e as NodeJS.ErrnoException & { code?: string }
    // a server that answers with an SQL error (bad database, role) is a real error; no answer is "unavailable"
    if (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) throw e
    throw new StoreError([
      storeIssue(
        'database_unavailable',
        ['url'],
        { vi: `Không kết nối được PostgreSQL tại ${shown(options.url)}: ${err.message}`, en: `Cannot reach PostgreSQL at ${shown(options.url)}: ${err.message}` },
        shown(options.url),
      ),
    ])
  }
  const run = async <R extends Row>(c: Pool | PoolClient, sql: string, params?: readonly unknown[]): Promise<R[]> => (await c.query(sql, params as unknown[] | undefined)).rows as R[]
  return {
    kind: 'postgres',
    schema: options.schema,
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => void (await pool.query(sql)),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, topts?: TransactionOptions): Promise<T> {
      const client = await pool.connect()
      let broken = false
      // a connection lost mid-transaction (the server restarted) is an 'error' event on the
      // client: without a listener it would end the process; the query fails on its own
      const lost = (): void => {
        broken = true
      }
      client.on('error', lost)
      try {
        await client.query(beginSql(topts))
        const out = await fn({ query: (sql, params) => run(client, sql, params), exec: async (sql) => void (await client.query(sql)) })
        await client.query('commit')
        return out
      } catch (e) {
        try {
          await client.query('rollback')
        } catch {
          broken = true
        }
        throw e
      } finally {
        client.off('error', lost)
        // a connection whose rollback failed is not handed out again
        client.release(broken)
      }
    },
    close: () => pool.end(),
  }
}
