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
import { invalid, notFound } from './errors.js'
import { compareYears, unitHistory, type CompareYearsInput, type UnitHistory, type UnitHistoryInput, type YearsComparison } from './history.js'
import { migrate, SCHEMA_VERSION } from './migrations.js'
import { getPackJson, listPacks, putPacks, type PutPacksInput, type PutPacksResult, type StoredPack } from './packs.js'
import { listPublications, listResults, publish, ranking, score, type Publication, type PublishInput, type Ranking, type ScoreInput, type ScoreResult, type StoredResult } from './results.js'
import { getUnit, listUnits, putUnits, type PutUnitsInput, type StoredUnit } from './units.js'
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

/** The store of record. Every method names the province (and unit) it concerns. */
export interface Store {
  /** which engine holds the data */
  readonly driver: 'pglite' | 'postgres'
  /** the schema version of the database (this program's latest) */
  readonly schemaVersion: number

  /** Stores packs by content hash (the same content twice is one row). */
  putPacks(input: PutPacksInput): Promise<PutPacksResult>
  /** The packs a province holds. */
  listPacks(input: { readonly province: string }): Promise<StoredPack[]>
  /** A stored pack's JSON. */
  getPack(input: { readonly province: string; readonly id: string; readonly version: string }): Promise<unknown>

  /** Adds or changes units (each names the version it saw: 0 for a new unit). */
  putUnits(input: PutUnitsInput): Promise<StoredUnit[]>
  /** A unit with every version of it. */
  getUnit(input: UnitScope): Promise<StoredUnit & { readonly history: readonly StoredUnit[] }>
  /** A province's units (those in existence on `at`, when given). */
  listUnits(input: { readonly province: string; readonly at?: string | undefined }): Promise<StoredUnit[]>

  /** Records a new version of a unit's self-assessment. */
  submit(input: SubmitInput): Promise<{ readonly version: number; readonly unchanged: boolean }>
  /** Imports many submissions (a folder of workbooks) in one transaction: all or nothing. */
  importSubmissions(input: ImportInput): Promise<ImportResult>
  /** Records an appraisal round. */
  appraise(input: AppraiseInput): Promise<{ readonly version: number; readonly round: number }>
  /** A unit's assessment of a period as it stands. */
  getAssessment(input: AssessmentScope): Promise<AssessmentState>
  /** Every unit's assessment of a period. */
  listAssessments(input: { readonly province: string; readonly period: string }): Promise<AssessmentState[]>
  /** Every version of a unit's self-assessment of a period. */
  listSubmissions(input: AssessmentScope): Promise<StoredSubmission[]>
  /** What changed between two submission versions. */
  diffSubmissions(input: AssessmentScope & { readonly from: number; readonly to: number }): Promise<AssessmentDiff & { readonly from: number; readonly to: number }>

  /** Scores the current assessments of a period and records the results that changed. */
  score(input: ScoreInput): Promise<ScoreResult>
  /** Every result recorded for a unit and period, oldest first. */
  listResults(input: AssessmentScope): Promise<StoredResult[]>
  /** The ranking of a period and group: published if published, else provisional. */
  ranking(input: { readonly province: string; readonly period: string; readonly group: string; readonly provisional?: boolean | undefined }): Promise<Ranking>
  /** Freezes the ranking of a period and group with its decision. */
  publish(input: PublishInput): Promise<Publication>
  /** Every publication (of a period, when given), each version. */
  listPublications(input: { readonly province: string; readonly period?: string | undefined }): Promise<Publication[]>

  /** A unit's results across years and mergers. */
  unitHistory(input: UnitHistoryInput): Promise<UnitHistory>
  /** A group's results compared across years. */
  compareYears(input: CompareYearsInput): Promise<YearsComparison>

  /** The audit log of a province (who wrote what, when), oldest first. */
  events(input: { readonly province: string; readonly after?: number | undefined; readonly limit?: number | undefined; readonly stream?: AssessmentScope | undefined }): Promise<StoreEvent[]>
  /** The head of a province's chain; give it to a later `verify({ heads })`. */
  head(input: { readonly province: string }): Promise<ChainHead | null>
  /** Walks the chains, checks every row and recalculates every record. */
  verify(options?: VerifyOptions): Promise<VerifyReport>

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
  return storeOver(ctx)
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
      if (p === undefined) throw notFound({ vi: `bộ tiêu chí ${input.id}@${input.version} của tỉnh ${input.province}`, en: `pack ${input.id}@${input.version} of province ${input.province}` }, ['id'], input.id)
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
        if (input.stream.province !== input.province) a.issues.push(invalid(['stream', 'province'], input.stream.province, { vi: 'khác tỉnh của yêu cầu', en: 'differs from the province asked for' }))
      }
      a.done()
      const stream = input.stream ? JSON.stringify(['assessment', input.stream.unitId, input.stream.period]) : undefined
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
