/**
 * The embedded driver: PostgreSQL compiled to WebAssembly (PGlite), in a data folder or in
 * memory. One process owns a data folder at a time: a lock file names it, and a lock left
 * by a process that no longer runs (killed) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { beginSql, type Driver, type Queryable, type Row, type TransactionOptions } from '../driver.js'
import { StoreError, storeIssue } from '../errors.js'

const LOCK = '.chiso-store.lock'
/** folders this process has open: a second store on one folder would corrupt it */
const openHere = new Set<string>()

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the data folder's lock, or says which process holds it. */
function lockFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, LOCK)
  const key = resolve(dir)
  if (openHere.has(key)) {
    throw new StoreError([
      storeIssue('database_unavailable', ['dataDir'], { vi: `Thư mục dữ liệu ${dir} đã được mở trong tiến trình này`, en: `The data folder ${dir} is already open in this process` }, dir),
    ])
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      openHere.add(key)
      return () => {
        openHere.delete(key)
        rmSync(path, { force: true })
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number(readFileSync(path, 'utf8').trim())
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new StoreError([
          storeIssue('database_unavailable', ['dataDir'], { vi: `Thư mục dữ liệu ${dir} đang được tiến trình ${pid} sử dụng`, en: `The data folder ${dir} is in use by process ${pid}` }, dir),
        ])
      }
      // the process that held it is gone (killed): take it over
      rmSync(path, { force: true })
    }
  }
  throw new Error(`could not lock ${dir}`)
}

/** @internal */
export async function openPglite(options: { readonly dataDir?: string | undefined; readonly schema: string }): Promise<Driver> {
  const { PGlite } = await import('@electric-sql/pglite')
  const unlock = options.dataDir === undefined ? () => {} : lockFolder(options.dataDir)
  let db: PGlite
  try {
    db = await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir })
    await db.exec(`create schema if not exists ${options.schema}; set search_path to ${options.schema}`)
  } catch (e) {
    unlock()
    throw e
  }
  const run = async <R extends Row>(q: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]): Promise<R[]> => (await q.query<R>(sql, params as unknown[] | undefined)).rows
  let closed = false
  return {
    kind: 'pglite',
    schema: options.schema,
    query: (sql, params) => run(db, sql, params),
    exec: async (sql) => void (await db.exec(sql)),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, topts?: TransactionOptions): Promise<T> {
      // PGlite runs one transaction at a time on its one connection: the others wait
      return db.transaction(async (tx) => {
        if (topts?.isolation || topts?.readOnly) await tx.query(beginSql(topts).replace(/^begin/, 'set transaction'))
        return fn({ query: (sql, params) => run(tx, sql, params), exec: async (sql) => void (await tx.exec(sql)) })
      })
    },
    async close() {
      if (closed) return
      closed = true
      try {
        await db.close()
      } finally {
        unlock()
      }
    },
  }
}
