/**
 * What every part of the store shares: the driver, the clock, the writer's options and the
 * province's packs compiled once.
 */
import { createRegistry, type CompiledPack, type PackRegistry } from '@chiso/core'
import { write, type WriteContext, type WriterOptions } from './chain.js'
import type { Driver, Queryable } from './driver.js'
import { conflict, storeIssue, StoreError, underPath } from './errors.js'

/** @internal */
export interface StoreContext {
  readonly driver: Driver
  readonly writer: WriterOptions
  /** runs one write transaction for a province */
  write<T>(province: string, op: string, fn: (ctx: WriteContext) => Promise<T>): Promise<T>
  /** the province's stored packs as a registry (cached until a pack is added) */
  registry(q: Queryable, province: string): Promise<PackRegistry>
  /**
   * Refuses a write already known to be stale, before it queues for the province's lock: a
   * stream's version only grows, so one found past `expected` stays past it.
   */
  precheck(
    province: string,
    stream: string,
    expected: number,
    what: string | { readonly vi: string; readonly en: string } | (() => Promise<{ readonly vi: string; readonly en: string }>),
  ): Promise<void>
  /** a stored pack, compiled; `unknown_pack` when the province does not hold it */
  compile(q: Queryable, province: string, ref: { readonly id: string; readonly version: string }, path?: readonly (string | number)[]): Promise<CompiledPack>
}

/** The province's stored packs as a registry, read now (verify trusts no cache). @internal */
export async function loadRegistry(q: Queryable, province: string): Promise<PackRegistry> {
  const rows = await q.query<{ body: string }>('select body from packs where province = $1 order by id', [province])
  return createRegistry(rows.map((x) => JSON.parse(x.body) as unknown))
}

/** @internal */
export function createContext(driver: Driver, writer: WriterOptions): StoreContext {
  const cache = new Map<string, { count: number; registry: PackRegistry }>()
  const registry = async (q: Queryable, province: string): Promise<PackRegistry> => {
    const count = Number((await q.query<{ n: number }>('select count(*)::int as n from packs where province = $1', [province]))[0]!.n)
    const hit = cache.get(province)
    if (hit && hit.count === count) return hit.registry
    const r = await loadRegistry(q, province)
    cache.set(province, { count, registry: r })
    return r
  }
  return {
    driver,
    writer,
    write: (province, op, fn) => write(driver, province, op, writer, fn),
    async precheck(province, stream, expected, what) {
      // without the lock (a test of the constraints alone) every write goes to the database
      if (!writer.serialise) return
      const r = await driver.query<{ v: number | null }>('select max(stream_version) as v from events where province = $1 and stream = $2', [province, stream])
      const current = Number(r[0]?.v ?? 0)
      // what is written to is named (a unit by its name) only when a conflict is told
      if (current > expected) throw conflict(typeof what === 'function' ? await what() : what, expected, current)
    },
    registry,
    async compile(q, province, ref, path = ['pack']) {
      const r = (await registry(q, province)).safeCompile(ref.id, ref.version)
      if (r.ok) return r.value
      if (r.issues.some((i) => i.code === 'unknown_pack')) {
        throw new StoreError([
          storeIssue(
            'unknown_pack',
            path,
            { vi: `Kho dữ liệu của tỉnh (mã ${province}) chưa lưu bộ chỉ số ${ref.id}@${ref.version}`, en: `The store of the province (${province}) holds no pack ${ref.id}@${ref.version}` },
            `${ref.id}@${ref.version}`,
          ),
        ])
      }
      throw new StoreError(underPath(r.issues, path))
    },
  }
}
