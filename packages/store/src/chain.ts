/**
 * The chain of events of a province and the one way anything is written: in a transaction
 * that holds the province's write lock, reads the versions it depends on, inserts its rows
 * and appends one event per write, each event hashing the one before it and the digests of
 * the rows it wrote.
 */
import { canonicalJson, sha256Hex } from '@chiso/core'
import { isUniqueViolation, type Driver, type Queryable } from './driver.js'
import { insertSql, rowEntry, type RowEntry, type RowValues, type TableName } from './tables.js'

/** The hash before a province's first event. */
export const GENESIS = '0'.repeat(64)

/** Names a stream: one thing that is written in versions (a unit's assessment of a period, …). @internal */
export const streamKey = (...parts: readonly string[]): string => JSON.stringify(parts)

/** One event to append, with the rows it writes (ids, province and event seq are filled in). @internal */
export interface PendingEvent {
  readonly kind: string
  readonly stream: string | null
  readonly streamVersion: number | null
  readonly actor: string
  readonly rows: readonly { readonly table: TableName; readonly values: RowValues }[]
}

/** An event as stored. */
export interface EventRow {
  readonly province: string
  readonly seq: number
  readonly prevHash: string
  readonly hash: string
  readonly kind: string
  readonly stream: string | null
  readonly streamVersion: number | null
  readonly actor: string
  /** ISO time */
  readonly at: string
  /** canonical JSON of the {@link RowEntry} list */
  readonly rows: string
}

/** The hash of an event over every column but the hash itself. @internal */
export function eventHash(e: Omit<EventRow, 'hash'>): string {
  return sha256Hex(canonicalJson({ province: e.province, seq: e.seq, prevHash: e.prevHash, kind: e.kind, stream: e.stream, streamVersion: e.streamVersion, actor: e.actor, at: e.at, rows: e.rows }))
}

/** Reads an event row from either driver. @internal */
export function eventOf(r: Record<string, unknown>): EventRow {
  return {
    province: String(r.province),
    seq: Number(r.seq),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
    kind: String(r.kind),
    stream: r.stream === null ? null : String(r.stream),
    streamVersion: r.stream_version === null ? null : Number(r.stream_version),
    actor: String(r.actor),
    at: r.at instanceof Date ? r.at.toISOString() : new Date(String(r.at)).toISOString(),
    rows: String(r.rows),
  }
}

/** Where the writer is; tests pause here to kill a process mid-transaction. @internal */
export type Checkpoint = (name: string, detail: { readonly done: number; readonly total: number }) => void | Promise<void>

/** The context of one write transaction. @internal */
export interface WriteContext {
  readonly tx: Queryable
  readonly province: string
  readonly at: Date
  /** the current version of each stream named (0 for a stream never written) */
  versions(streams: readonly string[]): Promise<Map<string, number>>
  /** appends events (one per write) and their rows; returns their seqs and the ids of the rows, in order */
  append(events: readonly PendingEvent[]): Promise<{ seqs: number[]; ids: number[][] }>
}

const CHUNK = 250

/** Options of the writer. @internal */
export interface WriterOptions {
  readonly now: () => Date
  readonly checkpoint?: Checkpoint | undefined
  /** take the province's advisory lock (default); off only to test the constraints alone */
  readonly serialise: boolean
}

/**
 * Runs one write: in a transaction holding the province's lock, `fn` reads what it needs
 * and appends its events. A clash on a unique constraint (a writer that did not hold the
 * lock landed first) reruns the whole write, whose own version checks then decide.
 * @internal
 */
export async function write<T>(driver: Driver, province: string, op: string, options: WriterOptions, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await driver.transaction(async (tx) => {
        if (options.serialise) await tx.query(`select pg_advisory_xact_lock(hashtext(current_schema() || ':' || $1))`, [province])
        const at = options.now()
        const ctx: WriteContext = {
          tx,
          province,
          at,
          versions: (streams) => streamVersions(tx, province, streams),
          append: (events) => appendEvents(tx, province, at, events, op, options.checkpoint),
        }
        const out = await fn(ctx)
        await options.checkpoint?.(`${op}:commit`, { done: 1, total: 1 })
        return out
      })
    } catch (e) {
      // every unique constraint of the schema means "another writer got there first" (the
      // chain's seq, a stream's version, a pack's address): rerun, and the write's own checks decide
      if (attempt >= 100 || !isUniqueViolation(e)) throw e
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(attempt, 20)))
    }
  }
}

async function streamVersions(tx: Queryable, province: string, streams: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(streams.map((s) => [s, 0]))
  for (let i = 0; i < streams.length; i += 1000) {
    const rows = await tx.query<{ stream: string; v: number }>('select stream, max(stream_version) as v from events where province = $1 and stream = any($2::text[]) group by stream', [
      province,
      streams.slice(i, i + 1000),
    ])
    for (const r of rows) out.set(r.stream, Number(r.v))
  }
  return out
}

async function appendEvents(tx: Queryable, province: string, at: Date, events: readonly PendingEvent[], op: string, checkpoint: Checkpoint | undefined): Promise<{ seqs: number[]; ids: number[][] }> {
  if (events.length === 0) return { seqs: [], ids: [] }
  const head = (await tx.query<{ seq: number; hash: string }>('select seq, hash from events where province = $1 order by seq desc limit 1', [province]))[0]
  let seq = head ? Number(head.seq) : 0
  let prevHash = head ? head.hash : GENESIS
  const rowCount = events.reduce((n, e) => n + e.rows.length, 0)
  const idList = rowCount === 0 ? [] : (await tx.query<{ id: number }>("select nextval('row_ids') as id from generate_series(1, $1::int)", [rowCount])).map((r) => Number(r.id))
  let k = 0
  const byTable = new Map<TableName, RowValues[]>()
  const eventRows: EventRow[] = []
  const ids: number[][] = []
  const seqs: number[] = []
  const iso = at.toISOString()
  for (const e of events) {
    seq++
    const entries: RowEntry[] = []
    const mine: number[] = []
    for (const r of e.rows) {
      const id = idList[k++]!
      const values: RowValues = { ...r.values, id, province, event_seq: seq }
      entries.push(rowEntry(r.table, values))
      mine.push(id)
      let list = byTable.get(r.table)
      if (!list) byTable.set(r.table, (list = []))
      list.push(values)
    }
    const ev = { province, seq, prevHash, kind: e.kind, stream: e.stream, streamVersion: e.streamVersion, actor: e.actor, at: iso, rows: canonicalJson(entries) }
    const hash = eventHash(ev)
    eventRows.push({ ...ev, hash })
    prevHash = hash
    ids.push(mine)
    seqs.push(seq)
  }
  // rows first, then the events that vouch for them; a checkpoint between chunks lets a
  // test kill the process half-way through
  const total = rowCount + eventRows.length
  let done = 0
  for (const [table, list] of byTable) {
    const { sql, columns } = insertSql(table)
    for (let i = 0; i < list.length; i += CHUNK) {
      const chunk = list.slice(i, i + CHUNK)
      await tx.query(
        sql,
        columns.map((c) => chunk.map((v) => v[c] ?? null)),
      )
      done += chunk.length
      await checkpoint?.(`${op}:rows`, { done, total })
    }
  }
  for (let i = 0; i < eventRows.length; i += CHUNK) {
    const chunk = eventRows.slice(i, i + CHUNK)
    await tx.query(
      `insert into events (province, seq, prev_hash, hash, kind, stream, stream_version, actor, at, rows)
       select * from unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int4[], $8::text[], $9::timestamptz[], $10::text[])`,
      [
        chunk.map((e) => e.province),
        chunk.map((e) => e.seq),
        chunk.map((e) => e.prevHash),
        chunk.map((e) => e.hash),
        chunk.map((e) => e.kind),
        chunk.map((e) => e.stream),
        chunk.map((e) => e.streamVersion),
        chunk.map((e) => e.actor),
        chunk.map(() => at),
        chunk.map((e) => e.rows),
      ],
    )
    done += chunk.length
    await checkpoint?.(`${op}:events`, { done, total })
  }
  return { seqs, ids }
}
