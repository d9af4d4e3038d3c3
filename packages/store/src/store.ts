/**
 * The store: open it on PGlite (a data folder, or memory) or on PostgreSQL, and every
 * operation of the yearly cycle is a method. Every read and write names the province (and
 * the unit) it concerns, so a service can check a caller's scope before the call and
 * nothing crosses from one unit or province to another by accident.
 */
import type { AssessmentInput } from '@chiso/core'
import { Args } from './args.js'
import {
  appraise,
  assessmentStream,
  getAssessment,
  importSubmissions,
  listAssessments,
  listSubmissions,
  submit,
  type AppraiseInput,
  type AssessmentState,
  type ImportInput,
  type ImportResult,
  type StoredSubmission,
  type SubmitInput,
} from './assessments.js'
import { eventOf, type Checkpoint, type EventRow } from './chain.js'
import { createContext, type StoreContext } from './context.js'
import { diffAssessments, type AssessmentDiff } from './diff.js'
import { SCHEMA_NAME, type Driver } from './driver.js'
import { openPglite } from './drivers/pglite.js'
import { openPostgres } from './drivers/postgres.js'
import { invalid, notFound, StoreError, storeIssue } from './errors.js'
import { compareYears, unitHistory, type CompareYearsInput, type UnitHistory, type UnitHistoryInput, type YearsComparison } from './history.js'
import { migrate, SCHEMA_VERSION } from './migrations.js'
import { getPackJson, listPacks, putPacks, type PutPacksInput, type PutPacksResult, type StoredPack } from './packs.js'
import { listPublications, listResults, publish, ranking, score, type Publication, type PublishInput, type Ranking, type ScoreInput, type ScoreResult, type StoredResult } from './results.js'
import { getUnit, listUnits, normalId, putUnits, type PutUnitsInput, type StoredUnit } from './units.js'
import { verify, type ChainHead, type VerifyOptions, type VerifyReport } from './verify.js'

/** Where the store lives. */
export interface OpenStoreOptions {
  /**
   * A PostgreSQL connection string (`postgres://user@host:5432/db`), e.g.
   * `process.env.DATABASE_URL`. Empty or omitted: the embedded PGlite.
   */
  readonly url?: string | undefined
  /** PGlite's data folder (created if needed); omitted: in memory (tests, one-off runs) */
  readonly dataDir?: string | undefined
  /** the schema the tables live in (default `chiso`): lower-case letters, digits, `_` */
  readonly schema?: string | undefined
  /** PostgreSQL pool size (default 10) */
  readonly maxConnections?: number | undefined
  /** the clock events are stamped with (default the system clock) */
  readonly now?: (() => Date) | undefined
  /** @internal a test pauses here to kill the process mid-transaction */
  readonly checkpoint?: Checkpoint | undefined
  /** @internal false only to test that the constraints alone keep writers apart */
  readonly serialiseWrites?: boolean | undefined
}

/** The scope of a unit-level read. */
export interface UnitScope {
  readonly province: string
  readonly unitId: string
}

/** The scope of an assessment-level read. */
export interface AssessmentScope extends UnitScope {
  readonly period: string
}

/** An event of the audit log: who wrote what, when. */
export type StoreEvent = Omit<EventRow, 'rows'> & {
  /** the rows the event wrote: table and id */
  readonly rows: readonly { readonly table: string; readonly id: number }[]
}

/**
 * The store of record. Every method names the province (and unit) it concerns; writes name
 * the actor and, where something is written in versions, the version they saw.
 *
 * @example
 * ```ts
 * import { openStore } from '@chiso/store'
 * const store = await openStore()                       // PGlite in memory
 * await store.putPacks({ province: 'ha-tinh', packs: [packJson], actor: 'so-noi-vu' })
 * (await store.listPacks({ province: 'ha-tinh' })).map((p) => `${p.id}@${p.version}`)
 * await store.close()
 * ```
 */
export interface Store {
  /** which engine holds the data */
  readonly driver: 'pglite' | 'postgres'
  /** the schema version of the database (this program's latest) */
  readonly schemaVersion: number

  /**
   * Stores packs by content hash (the same content twice is one row; other content under a
   * used `id@version` is `pack_version_taken`). A pack that extends another needs it stored
   * or given in the same call.
   *
   * @example
   * ```ts
   * const { added, unchanged } = await store.putPacks({ province: 'ha-tinh', packs: [national, provincial], actor: 'so-noi-vu' })
   * ```
   */
  putPacks(input: PutPacksInput): Promise<PutPacksResult>
  /**
   * The packs a province holds, every version.
   *
   * @example
   * ```ts
   * const packs = await store.listPacks({ province: 'ha-tinh' }) // [{ id, version, sourceHash, contentHash }]
   * ```
   */
  listPacks(input: { readonly province: string }): Promise<StoredPack[]>
  /**
   * A stored pack's JSON (`not_found` when the province holds no such version).
   *
   * @example
   * ```ts
   * const json = await store.getPack({ province: 'ha-tinh', id: 'vn-cchc/commune-2019', version: '1.0.0' })
   * ```
   */
  getPack(input: { readonly province: string; readonly id: string; readonly version: string }): Promise<unknown>

  /**
   * Adds or changes units, all or none; each names the version it saw (0 for a new unit).
   * Lineage is checked: every predecessor must be a unit of the province.
   *
   * @example
   * ```ts
   * await store.putUnits({ province: 'ha-tinh', actor: 'so-noi-vu', units: [
   *   { unit: { id: 'xa-a', name: 'Xã A', kind: 'commune', group: 'xa', validTo: '2025-06-30' }, expectedVersion: 1 },
   *   { unit: { id: 'phuong-ab', name: 'Phường AB', kind: 'ward', group: 'phuong', validFrom: '2025-07-01', predecessors: ['xa-a', 'xa-b'] }, expectedVersion: 0 },
   * ] })
   * ```
   */
  putUnits(input: PutUnitsInput): Promise<StoredUnit[]>
  /**
   * A unit with every version of it.
   *
   * @example
   * ```ts
   * const { unit, version, history } = await store.getUnit({ province: 'ha-tinh', unitId: 'xa-a' })
   * ```
   */
  getUnit(input: UnitScope): Promise<StoredUnit & { readonly history: readonly StoredUnit[] }>
  /**
   * A province's units (those in existence on `at`, an ISO date, when given).
   *
   * @example
   * ```ts
   * const now = await store.listUnits({ province: 'ha-tinh', at: '2025-07-01' })
   * ```
   */
  listUnits(input: { readonly province: string; readonly at?: string | undefined }): Promise<StoredUnit[]>

  /**
   * Records a new version of a unit's self-assessment (no appraisal rounds in it). The same
   * content again changes nothing (`unchanged: true`).
   *
   * @example
   * ```ts
   * const { version } = await store.submit({ province: 'ha-tinh', unitId: 'xa-a', period: '2024',
   *   pack: { id: 'vn-cchc/commune-2019', version: '1.0.0' }, assessment, expectedVersion: 0, actor: 'xa-a' })
   * ```
   */
  submit(input: SubmitInput): Promise<{ readonly version: number; readonly unchanged: boolean }>
  /**
   * Imports many submissions (a folder of workbooks, already read, with each file's sha256)
   * in one transaction: all or nothing, every problem listed with its item. Files already
   * imported change nothing.
   *
   * @example
   * ```ts
   * const r = await store.importSubmissions({ province: 'ha-tinh', pack, actor: 'so-noi-vu',
   *   items: submissions.map((s) => ({ fileHash: sha256Of(s.file), assessment: s.assessment })) })
   * console.log(r.imported.length, 'imported,', r.unchanged.length, 'unchanged')
   * ```
   */
  importSubmissions(input: ImportInput): Promise<ImportResult>
  /**
   * Records an appraisal round on the version the reviewer saw; rounds accumulate and the
   * latest wins per criterion.
   *
   * @example
   * ```ts
   * const { round } = await store.appraise({ province: 'ha-tinh', unitId: 'xa-a', period: '2024', expectedVersion: 1,
   *   actor: 'to-tham-dinh', changes: [{ code: '2.3', points: 1.5, reason: 'Thiếu tài liệu kiểm chứng' }] })
   * ```
   */
  appraise(input: AppraiseInput): Promise<{ readonly version: number; readonly round: number }>
  /**
   * A unit's assessment of a period as it stands: version, latest submission, every round,
   * and the assessment that is scored.
   *
   * @example
   * ```ts
   * const { version, assessment } = await store.getAssessment({ province: 'ha-tinh', unitId: 'xa-a', period: '2024' })
   * ```
   */
  getAssessment(input: AssessmentScope): Promise<AssessmentState>
  /**
   * Every unit's assessment of a period.
   *
   * @example
   * ```ts
   * const all = await store.listAssessments({ province: 'ha-tinh', period: '2024' })
   * ```
   */
  listAssessments(input: { readonly province: string; readonly period: string }): Promise<AssessmentState[]>
  /**
   * Every version of a unit's self-assessment of a period, oldest first.
   *
   * @example
   * ```ts
   * const versions = await store.listSubmissions({ province: 'ha-tinh', unitId: 'xa-a', period: '2024' })
   * ```
   */
  listSubmissions(input: AssessmentScope): Promise<StoredSubmission[]>
  /**
   * What changed between two submission versions.
   *
   * @example
   * ```ts
   * const d = await store.diffSubmissions({ province: 'ha-tinh', unitId: 'xa-a', period: '2024', from: 1, to: 2 })
   * d.selfScores // [{ key: '1.2', before: 2.5, after: 2.75 }]
   * ```
   */
  diffSubmissions(input: AssessmentScope & { readonly from: number; readonly to: number }): Promise<AssessmentDiff & { readonly from: number; readonly to: number }>

  /**
   * Scores the current assessments of a period (each under the pack it was submitted for)
   * and records the results that changed. A pack must fit its unit (core's `packFitIssues`):
   * a unit of a kind the pack does not apply to (`pack_not_for_unit_kind`), or a period the
   * pack is not in force for (`pack_not_in_force`), refuses the whole call with a
   * `StoreError` naming every such unit (at `units.<unitId>`); nothing is recorded.
   *
   * @example
   * ```ts
   * const { recorded, unchanged } = await store.score({ province: 'ha-tinh', period: '2024', actor: 'so-noi-vu' })
   * ```
   */
  score(input: ScoreInput): Promise<ScoreResult>
  /**
   * Every result recorded for a unit and period, oldest first.
   *
   * @example
   * ```ts
   * const [latest] = (await store.listResults({ province: 'ha-tinh', unitId: 'xa-a', period: '2024' })).slice(-1)
   * latest?.record.fingerprint
   * ```
   */
  listResults(input: AssessmentScope): Promise<StoredResult[]>
  /**
   * The ranking of a period and group: the latest publication if published, else computed
   * from the latest records (`provisional`, with `stale` units marked); `provisional: true`
   * asks for the computed one even when published.
   *
   * @example
   * ```ts
   * const r = await store.ranking({ province: 'ha-tinh', period: '2024', group: 'xa' })
   * r.entries.map((e) => `${e.rank}. ${e.name} ${e.index}`)
   * ```
   */
  ranking(input: { readonly province: string; readonly period: string; readonly group: string; readonly provisional?: boolean | undefined }): Promise<Ranking>
  /**
   * Freezes the ranking of a period and group with its decision. Refused while a unit's
   * result is stale (`stale_results`); a correction names the version it replaces.
   *
   * @example
   * ```ts
   * await store.publish({ province: 'ha-tinh', period: '2024', group: 'xa',
   *   decision: { number: '345/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so-noi-vu' })
   * ```
   */
  publish(input: PublishInput): Promise<Publication>
  /**
   * Every publication (of a period, when given), each version.
   *
   * @example
   * ```ts
   * const pubs = await store.listPublications({ province: 'ha-tinh', period: '2024' })
   * ```
   */
  listPublications(input: { readonly province: string; readonly period?: string | undefined }): Promise<Publication[]>

  /**
   * A unit's results across years and mergers: its lineage, and core's year-over-year view
   * in which its predecessors stand in for the years before it existed.
   *
   * @example
   * ```ts
   * const h = await store.unitHistory({ province: 'ha-tinh', unitId: 'phuong-ab' })
   * h.years?.changes.map((c) => c.text.vi) // ['chỉ số tăng 3,50 điểm % so với năm 2024']
   * ```
   */
  unitHistory(input: UnitHistoryInput): Promise<UnitHistory>
  /**
   * A group's results compared across years (core's `compareYears`, through lineage).
   *
   * @example
   * ```ts
   * const c = await store.compareYears({ province: 'ha-tinh', group: 'xa', periods: ['2023', '2024'] })
   * c.units.map((u) => `${u.unitId}: ${u.changes.at(-1)?.text.vi}`) // 'xa-c: giảm 1 bậc so với năm 2023'
   * ```
   */
  compareYears(input: CompareYearsInput): Promise<YearsComparison>

  /**
   * The audit log of a province — who wrote what, when — oldest first; of one unit's
   * assessment of a period with `stream`.
   *
   * @example
   * ```ts
   * const log = await store.events({ province: 'ha-tinh', stream: { unitId: 'xa-a', period: '2024' } })
   * log.map((e) => `${e.at} ${e.actor} ${e.kind} v${e.streamVersion}`)
   * ```
   */
  events(input: {
    readonly province: string
    readonly after?: number | undefined
    readonly limit?: number | undefined
    readonly stream?: { readonly unitId: string; readonly period: string } | undefined
  }): Promise<StoreEvent[]>
  /**
   * The head of a province's chain; keep it (e.g. print it with a decision) and give it to
   * a later `verify({ heads })`.
   *
   * @example
   * ```ts
   * const head = await store.head({ province: 'ha-tinh' }) // { seq: 2573, hash: '9f1c…' }
   * ```
   */
  head(input: { readonly province: string }): Promise<ChainHead | null>
  /**
   * Walks the chains, checks every row of every table against its event and recalculates
   * every record; each problem names its table, row and what differs.
   *
   * @example
   * ```ts
   * const r = await store.verify({ province: 'ha-tinh' })
   * if (!r.ok) for (const p of r.problems) console.log(p.code, p.table, p.rowId, p.columns, p.message.vi)
   * ```
   */
  verify(options?: VerifyOptions): Promise<VerifyReport>

  /**
   * Closes the connection (PGlite: releases the data folder).
   *
   * @example
   * ```ts
   * await store.close()
   * ```
   */
  close(): Promise<void>
}

/**
 * Opens the store: PostgreSQL when `url` is given, else PGlite (in `dataDir`, or in memory);
 * migrates the schema to this program's version. A database whose schema is newer is
 * refused (`schema_too_new`), and an unreachable server is `database_unavailable`.
 *
 * @example
 * ```ts
 * import { openStore } from '@chiso/store'
 * const store = await openStore({ url: process.env.DATABASE_URL, dataDir: './chiso-data' })
 * await store.putPacks({ province: 'ha-tinh', packs: [packJson], actor: 'so-noi-vu' })
 * const { version } = await store.submit({
 *   province: 'ha-tinh', unitId: 'xa-thach-ha', period: '2024', pack: { id: packJson.id, version: packJson.version },
 *   assessment, expectedVersion: 0, actor: 'xa-thach-ha',
 * })
 * await store.close()
 * ```
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const a = new Args()
  const schema = options.schema ?? 'chiso'
  if (!SCHEMA_NAME.test(schema)) a.issues.push(invalid(['schema'], schema, { vi: 'tên schema gồm chữ thường, số và "_"', en: 'a schema name is lower-case letters, digits and "_"' }))
  const url = options.url === undefined || options.url === '' ? undefined : options.url
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) a.issues.push(invalid(['url'], url, { vi: 'chuỗi kết nối dạng postgres://…', en: 'a connection string like postgres://…' }))
  a.done()
  const driver: Driver = url !== undefined ? await openPostgres({ url, schema, maxConnections: options.maxConnections }) : await openPglite({ dataDir: options.dataDir, schema })
  try {
    await migrate(driver)
  } catch (e) {
    await driver.close().catch(() => {})
    throw e
  }
  const ctx = createContext(driver, { now: options.now ?? (() => new Date()), checkpoint: options.checkpoint, serialise: options.serialiseWrites !== false })
  return guarded(storeOver(ctx))
}

/**
 * The store's methods as a caller may call them from plain JavaScript: each refuses, as a
 * typed {@link StoreError}, an input that is not an object (where a JavaScript error from
 * inside would say nothing) and any call after {@link Store.close} (where the driver's own
 * error would name the driver, not the store).
 */
function guarded(store: Store): Store {
  let closed = false
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function') {
      out[name] = value
      continue
    }
    const method = value as (input?: unknown) => Promise<unknown>
    if (name === 'close') {
      out[name] = async () => {
        if (closed) return
        closed = true
        await method()
      }
      continue
    }
    // verify's options may be left out; every other method reads its input's fields
    const optional = name === 'verify'
    out[name] = async (input?: unknown) => {
      if (closed)
        throw new StoreError([
          storeIssue('store_closed', [], {
            vi: `Kho dữ liệu đã đóng (close()): không thể gọi store.${name}; hãy mở lại bằng openStore`,
            en: `The store is closed (close()): store.${name} cannot be called; open it again with openStore`,
          }),
        ])
      if (!(optional && input === undefined) && (input === null || typeof input !== 'object' || Array.isArray(input)))
        throw new StoreError([
          storeIssue(
            'invalid_value',
            [],
            {
              vi: `Tham số của store.${name} phải là một đối tượng (ví dụ { province: 'ha-tinh', … }), nhận được ${kindOf(input).vi}`,
              en: `The argument of store.${name} must be an object (e.g. { province: 'ha-tinh', … }); received ${kindOf(input).en}`,
            },
            input,
          ),
        ])
      return method(input)
    }
  }
  return out as unknown as Store
}

/** What a value that is not an object is, in words of each language. */
function kindOf(v: unknown): { vi: string; en: string } {
  if (v === null) return { vi: 'null', en: 'null' }
  if (v === undefined) return { vi: 'không có gì', en: 'nothing' }
  if (Array.isArray(v)) return { vi: 'một danh sách', en: 'an array' }
  switch (typeof v) {
    case 'string':
      return { vi: 'một chuỗi ký tự', en: 'a string' }
    case 'number':
    case 'bigint':
      return { vi: 'một số', en: 'a number' }
    case 'boolean':
      return { vi: 'giá trị đúng/sai', en: 'a boolean' }
    default:
      return { vi: 'một hàm', en: 'a function' }
  }
}

function storeOver(ctx: StoreContext): Store {
  const q = ctx.driver
  const scope = (input: { province?: unknown; unitId?: unknown; period?: unknown }, parts: ('unitId' | 'period')[]): void => {
    const a = new Args()
    a.province(input.province)
    if (parts.includes('unitId')) a.text('unitId', input.unitId, 200)
    if (parts.includes('period')) a.text('period', input.period, 50)
    a.done()
  }
  return {
    driver: ctx.driver.kind,
    schemaVersion: SCHEMA_VERSION,
    putPacks: (input) => putPacks(ctx, input),
    listPacks: (input) => listPacks(q, input.province),
    async getPack(input) {
      scope(input, [])
      const p = await getPackJson(q, input.province, input.id, input.version)
      if (p === undefined)
        throw notFound(
          { vi: `bộ chỉ số ${input.id}@${input.version} trong kho của tỉnh (mã ${input.province})`, en: `pack ${input.id}@${input.version} in the store of the province (${input.province})` },
          ['id'],
          input.id,
        )
      return p
    },
    putUnits: (input) => putUnits(ctx, input),
    getUnit: (input) => getUnit(q, input.province, input.unitId),
    listUnits: (input) => listUnits(q, input.province, input.at),
    submit: (input) => submit(ctx, input),
    importSubmissions: (input) => importSubmissions(ctx, input),
    appraise: (input) => appraise(ctx, input),
    getAssessment: (input) => getAssessment(q, input.province, input.unitId, input.period),
    listAssessments: (input) => listAssessments(q, input.province, input.period),
    listSubmissions: (input) => listSubmissions(q, input.province, input.unitId, input.period),
    async diffSubmissions(input) {
      scope(input, ['unitId', 'period'])
      const a = new Args()
      a.version('from', input.from)
      a.version('to', input.to)
      a.done()
      const subs = await listSubmissions(q, input.province, input.unitId, input.period)
      const pick = (v: number, name: string): AssessmentInput => {
        const s = subs.find((x) => x.version === v)
        if (!s) throw notFound({ vi: `bản tự đánh giá phiên bản ${v} của "${input.unitId}" kỳ ${input.period}`, en: `submission version ${v} of "${input.unitId}" for ${input.period}` }, [name], v)
        return s.assessment
      }
      return { ...diffAssessments(pick(input.from, 'from'), pick(input.to, 'to')), from: input.from, to: input.to }
    },
    score: (input) => score(ctx, input),
    listResults: (input) => listResults(q, input.province, input.unitId, input.period),
    ranking: (input) => ranking(ctx, input.province, input.period, input.group, { provisional: input.provisional === true }),
    publish: (input) => publish(ctx, input),
    listPublications: (input) => listPublications(q, input.province, input.period),
    unitHistory: (input) => unitHistory(ctx, input),
    compareYears: (input) => compareYears(ctx, input),
    async events(input) {
      scope(input, [])
      const a = new Args()
      if (input.after !== undefined) a.version('after', input.after)
      const limit = input.limit ?? 1000
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) a.issues.push(invalid(['limit'], limit, { vi: 'từ 1 đến 10000', en: 'from 1 to 10000' }))
      if (input.stream !== undefined) {
        a.text('stream.unitId', input.stream.unitId, 200)
        a.text('stream.period', input.stream.period, 50)
      }
      a.done()
      // a unit id as it is stored: normalised (docs/semantics.md, "Unit ids")
      const stream = input.stream ? assessmentStream(normalId(input.stream.unitId), input.stream.period) : undefined
      const rows = await q.query(
        `select * from events where province = $1 and seq > $2${stream ? ' and stream = $4' : ''} order by seq limit $3`,
        stream ? [input.province, input.after ?? 0, limit, stream] : [input.province, input.after ?? 0, limit],
      )
      return rows.map((r) => {
        const e = eventOf(r)
        let rowsOf: { table: string; id: number }[] = []
        try {
          rowsOf = (JSON.parse(e.rows) as { t: string; id: number }[]).map((x) => ({ table: x.t, id: x.id }))
        } catch {
          // verify reports an edited event
        }
        return { ...e, rows: rowsOf }
      })
    },
    async head(input) {
      scope(input, [])
      const r = (await q.query('select seq, hash from events where province = $1 order by seq desc limit 1', [input.province]))[0]
      return r ? { seq: Number(r.seq), hash: String(r.hash) } : null
    },
    verify: (options) => verify(ctx, options),
    close: () => ctx.driver.close(),
  }
}
