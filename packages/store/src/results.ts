/**
 * Result records (the engine's `toJSON()` of each unit's result, with its fingerprint and
 * engine version), rankings computed from them, and publications: a ranking frozen with
 * its decision number and date.
 */
import { canonicalJson, packFitIssues, safeEvaluateBatch, type BatchResult, type CompiledPack, type LocalText, type RankedUnit, type ResultRecord } from '@chiso/core'
import { Args } from './args.js'
import { loadStreams, stateAt, type AssessmentState, type PackRef } from './assessments.js'
import { streamKey } from './chain.js'
import type { StoreContext } from './context.js'
import type { Queryable } from './driver.js'
import { conflict, storeIssue, StoreError, underPath, type StoreIssue } from './errors.js'
import { groupName, unitName } from './names.js'
import { latestUnits, normalId } from './units.js'

/** Arguments of {@link Store.score}. */
export interface ScoreInput {
  readonly province: string
  readonly period: string
  readonly actor: string
  /** only these units (default: every unit with a submission for the period) */
  readonly unitIds?: readonly string[] | undefined
}

/** One recorded (or already current) result. */
export interface ScoredUnit {
  readonly unitId: string
  readonly group: string
  /** the assessment version the result was computed from */
  readonly basedOnVersion: number
  readonly fingerprint: string
  readonly index: string
  readonly resultId: number
}

/** Outcome of {@link Store.score}. */
export interface ScoreResult {
  readonly recorded: readonly ScoredUnit[]
  /** units whose latest result already stands for their current assessment */
  readonly unchanged: readonly ScoredUnit[]
}

/** A stored result record with where it stands. */
export interface StoredResult {
  readonly resultId: number
  readonly unitId: string
  readonly period: string
  readonly group: string
  readonly basedOnVersion: number
  readonly record: ResultRecord
  readonly recordedBy: string
  readonly recordedAt: string
}

/** One line of a ranking. */
export interface RankingEntry {
  readonly unitId: string
  readonly name: string
  /** null: assessed but not ranked (the pack's or the batch's `ranking.exclude`) */
  readonly rank: number | null
  readonly groupSize: number
  /** exact decimal text, e.g. "85.34" */
  readonly index: string
  readonly total: string
  readonly band: { readonly code: string; readonly label: LocalText } | null
  readonly componentRanks: Readonly<Record<string, number>>
  readonly fingerprint: string
  readonly resultId: number
  readonly basedOnVersion: number
}

/** The decision a publication carries. */
export interface Decision {
  /** e.g. "1234/QĐ-UBND" */
  readonly number: string
  /** ISO date */
  readonly date: string
}

/** A ranking frozen by the department. */
export interface Publication {
  readonly province: string
  readonly period: string
  readonly group: string
  /** version of this (period, group)'s publication: a correction is version 2 */
  readonly version: number
  readonly decision: Decision
  readonly pack: PackRef & { readonly contentHash: string }
  readonly entries: readonly RankingEntry[]
  readonly publishedBy: string
  readonly publishedAt: string
  readonly rowId: number
}

/** A ranking of a period and group. */
export interface Ranking {
  readonly province: string
  readonly period: string
  readonly group: string
  /** `published`: the frozen ranking of the latest publication; `provisional`: computed from the latest result records */
  readonly status: 'published' | 'provisional'
  readonly pack: (PackRef & { readonly contentHash: string }) | null
  readonly publication: Omit<Publication, 'entries'> | null
  /** best first */
  readonly entries: readonly (RankingEntry & { readonly stale?: boolean })[]
  /** provisional only: units whose assessment changed after their latest result, or that have none */
  readonly stale: readonly string[]
}

/** Arguments of {@link Store.publish}. */
export interface PublishInput {
  readonly province: string
  readonly period: string
  readonly group: string
  readonly decision: Decision
  /** the publication version seen: 0 for the first publication of this period and group */
  readonly expectedVersion: number
  readonly actor: string
}

/** @internal */
export const publicationStream = (period: string, group: string): string => streamKey('publication', period, group)

const groupOf = (a: { group?: string | undefined; unit?: { group?: string | undefined } | undefined }): string => a.group ?? a.unit?.group ?? 'all'

/** A unit id as the store keys it (docs/semantics.md, "Unit ids"); as given when it has no normal form. */

/** @internal */
export async function score(ctx: StoreContext, input: ScoreInput): Promise<ScoreResult> {
  const a = new Args()
  const province = a.province(input.province)
  const period = a.text('period', input.period, 50)
  a.text('actor', input.actor)
  if (input.unitIds !== undefined) {
    if (!Array.isArray(input.unitIds)) a.issues.push(storeIssue('invalid_value', ['unitIds'], { vi: '"unitIds" phải là danh sách', en: '"unitIds" must be a list' }, input.unitIds))
    else input.unitIds.forEach((u, i) => a.text(`unitIds[${i}]`, u, 200))
  }
  a.done()
  // the units' streams are keyed by the normal id
  const unitIds = input.unitIds?.map((id) => normalId(id))
  return ctx.write(province, 'score', async (w) => {
    const streams = await loadStreams(w.tx, province, period, unitIds)
    const states: AssessmentState[] = []
    for (const [unitId, rows] of streams) {
      const s = stateAt(province, unitId, period, rows)
      if (s) states.push(s)
    }
    const latest = await latestResults(w.tx, province, period)
    // one batch per pack (units of one period may be scored under several packs)
    const byPack = new Map<string, AssessmentState[]>()
    for (const s of states) {
      const key = `${s.pack.id}@${s.pack.version}`
      let list = byPack.get(key)
      if (!list) byPack.set(key, (list = []))
      list.push(s)
    }
    const recorded: ScoredUnit[] = []
    const unchanged: ScoredUnit[] = []
    const rows: { table: 'results'; values: Record<string, string | number | null> }[] = []
    const issues: StoreIssue[] = []
    for (const list of byPack.values()) {
      const compiled = await ctx.compile(w.tx, province, list[0]!.pack)
      // a pack that does not fit its unit (another kind of unit, a year it is not in force)
      // scores nothing: every such unit is named, and nothing of the call is written
      for (const s of list) for (const u of underPath(packFitIssues(compiled, s.assessment.unit, s.period), ['units', s.unitId])) issues.push(u)
      const batch = safeEvaluateBatch(
        compiled,
        list.map((s) => s.assessment),
        { inputs: 'borrow' },
      )
      if (!batch.ok) {
        // a stored assessment the engine now refuses (its pack changed under it): say whose
        for (const i of batch.issues) {
          const at = i.path[0]
          for (const u of underPath([{ ...i, path: typeof at === 'number' ? i.path.slice(1) : i.path }], ['units', typeof at === 'number' ? (list[at]?.unitId ?? at) : '?'])) issues.push(u)
        }
        continue
      }
      batch.value.units.forEach((u, k) => {
        const s = list[k]!
        const r = u.result
        const before = latest.get(s.unitId)
        if (before && before.basedOnVersion === s.version && before.fingerprint === r.fingerprint) {
          unchanged.push({ unitId: s.unitId, group: r.group, basedOnVersion: s.version, fingerprint: r.fingerprint, index: r.index.toString(), resultId: before.resultId })
          return
        }
        rows.push({
          table: 'results',
          values: {
            unit_id: s.unitId,
            period,
            grp: r.group,
            based_on_version: s.version,
            pack_id: compiled.id,
            pack_version: compiled.version,
            pack_hash: compiled.contentHash,
            fingerprint: r.fingerprint,
            engine_version: r.engineVersion,
            total: r.total.toString(),
            idx: r.index.toString(),
            body: canonicalJson(r.toJSON()),
          },
        })
        recorded.push({ unitId: s.unitId, group: r.group, basedOnVersion: s.version, fingerprint: r.fingerprint, index: r.index.toString(), resultId: 0 })
      })
    }
    if (issues.length > 0) throw new StoreError(issues)
    if (rows.length === 0) return { recorded: [], unchanged }
    const { ids } = await w.append([{ kind: 'results.recorded', stream: null, streamVersion: null, actor: input.actor, rows }])
    return { recorded: recorded.map((r, k) => ({ ...r, resultId: ids[0]![k]! })), unchanged }
  })
}

/** The latest result of each unit of a period. @internal */
export async function latestResults(
  q: Queryable,
  province: string,
  period: string,
  unitIds?: readonly string[],
): Promise<Map<string, { resultId: number; basedOnVersion: number; fingerprint: string; group: string }>> {
  const rows = await q.query(
    `select distinct on (unit_id) id, unit_id, based_on_version, fingerprint, grp from results
     where province = $1 and period = $2${unitIds ? ' and unit_id = any($3::text[])' : ''} order by unit_id, id desc`,
    unitIds ? [province, period, unitIds] : [province, period],
  )
  return new Map(rows.map((r) => [String(r.unit_id), { resultId: Number(r.id), basedOnVersion: Number(r.based_on_version), fingerprint: String(r.fingerprint), group: String(r.grp) }]))
}

/** @internal */
export async function listResults(q: Queryable, province: string, unitId: string, period: string): Promise<StoredResult[]> {
  const a = new Args()
  a.province(province)
  a.text('unitId', unitId, 200)
  a.text('period', period, 50)
  a.done()
  const rows = await q.query(
    `select x.id, x.unit_id, x.period, x.grp, x.based_on_version, x.body, e.actor, e.at from results x join events e on e.province = x.province and e.seq = x.event_seq
     where x.province = $1 and x.unit_id = $2 and x.period = $3 order by x.id`,
    [province, normalId(unitId), period],
  )
  return rows.map(storedResultOf)
}

const storedResultOf = (r: Record<string, unknown>): StoredResult => ({
  resultId: Number(r.id),
  unitId: String(r.unit_id),
  period: String(r.period),
  group: String(r.grp),
  basedOnVersion: Number(r.based_on_version),
  record: JSON.parse(String(r.body)) as ResultRecord,
  recordedBy: String(r.actor),
  recordedAt: (r.at as Date).toISOString(),
})

const publicationOf = (province: string, r: Record<string, unknown>): Publication => {
  const body = JSON.parse(String(r.body)) as { decision: Decision; pack: Publication['pack']; entries: RankingEntry[] }
  return {
    province,
    period: String(r.period),
    group: String(r.grp),
    version: Number(r.version),
    decision: body.decision,
    pack: body.pack,
    entries: body.entries,
    publishedBy: String(r.actor),
    publishedAt: (r.at as Date).toISOString(),
    rowId: Number(r.id),
  }
}

/** The latest publication of a period and group. @internal */
export async function latestPublication(q: Queryable, province: string, period: string, group: string): Promise<Publication | undefined> {
  const rows = await q.query(
    `select x.id, x.period, x.grp, x.version, x.body, e.actor, e.at from publications x join events e on e.province = x.province and e.seq = x.event_seq
     where x.province = $1 and x.period = $2 and x.grp = $3 order by x.version desc limit 1`,
    [province, period, group],
  )
  return rows[0] ? publicationOf(province, rows[0]) : undefined
}

/** @internal */
export async function listPublications(q: Queryable, province: string, period?: string): Promise<Publication[]> {
  const a = new Args()
  a.province(province)
  if (period !== undefined) a.text('period', period, 50)
  a.done()
  const rows = await q.query(
    `select x.id, x.period, x.grp, x.version, x.body, e.actor, e.at from publications x join events e on e.province = x.province and e.seq = x.event_seq
     where x.province = $1${period === undefined ? '' : ' and x.period = $2'} order by x.period, x.grp, x.version`,
    period === undefined ? [province] : [province, period],
  )
  return rows.map((r) => publicationOf(province, r))
}

/** Result records by id (of one province). */
async function recordsById(q: Queryable, province: string, ids: readonly number[]): Promise<Map<number, { record: ResultRecord; basedOnVersion: number }>> {
  const rows = await q.query('select id, based_on_version, body from results where province = $1 and id = any($2::int8[])', [province, ids])
  return new Map(rows.map((r) => [Number(r.id), { record: JSON.parse(String(r.body)) as ResultRecord, basedOnVersion: Number(r.based_on_version) }]))
}

/** The units of a group ranked by the engine from stored records (all under one pack). @internal */
export async function rankRecords(
  ctx: StoreContext,
  q: Queryable,
  province: string,
  records: readonly { resultId: number; basedOnVersion: number; record: ResultRecord }[],
): Promise<{ compiled: CompiledPack; batch: BatchResult }> {
  const first = records[0]!.record.pack
  const mixed = records.find((r) => r.record.pack.id !== first.id || r.record.pack.version !== first.version)
  if (mixed) {
    throw new StoreError([
      storeIssue(
        'mixed_packs',
        ['group'],
        {
          vi: `Các đơn vị trong cùng nhóm được chấm theo các bộ chỉ số khác nhau (${first.id}@${first.version} và ${mixed.record.pack.id}@${mixed.record.pack.version}): không xếp hạng chung được`,
          en: `Units of one group were scored under different packs (${first.id}@${first.version} and ${mixed.record.pack.id}@${mixed.record.pack.version}): they cannot be ranked together`,
        },
        mixed.record.unitId,
      ),
    ])
  }
  const compiled = await ctx.compile(q, province, first)
  const batch = safeEvaluateBatch(
    compiled,
    records.map((r) => r.record.assessment),
    { inputs: 'borrow' },
  )
  if (!batch.ok) throw new StoreError(batch.issues)
  return { compiled, batch: batch.value }
}

const entryOf = (u: RankedUnit, src: { resultId: number; basedOnVersion: number; record: ResultRecord }): RankingEntry => ({
  unitId: u.unitId,
  name: u.result.assessment.unit?.name ?? u.unitId,
  rank: u.rank,
  groupSize: u.groupSize,
  index: u.result.index.toString(),
  total: u.result.total.toString(),
  band: u.band ? { code: u.band.code, label: u.band.label } : null,
  componentRanks: { ...u.componentRanks },
  // the stored record's fingerprint: the one a reader can look up and recalculate
  fingerprint: src.record.fingerprint,
  resultId: src.resultId,
  basedOnVersion: src.basedOnVersion,
})

/** What a ranking is computed from, and the engine's ranked units. @internal */
export interface RankedPeriod {
  readonly ranking: Ranking
  /** the engine's ranked units (published: with the frozen ranks and bands) */
  readonly ranked: readonly RankedUnit[]
}

/**
 * The ranking of a period and group: the latest publication if there is one, else the
 * engine's ranking of each unit's latest result record (provisional).
 * @internal
 */
export async function rankingOf(ctx: StoreContext, q: Queryable, province: string, period: string, group: string, options: { provisional?: boolean; ranked?: boolean } = {}): Promise<RankedPeriod> {
  const pub = options.provisional ? undefined : await latestPublication(q, province, period, group)
  if (pub) {
    const { entries, ...publication } = pub
    let ranked: RankedUnit[] = []
    if (options.ranked && entries.length > 0) {
      const recs = await recordsById(
        q,
        province,
        entries.map((e) => e.resultId),
      )
      const srcs = entries.map((e) => ({ resultId: e.resultId, basedOnVersion: e.basedOnVersion, record: recs.get(e.resultId)?.record }))
      const present = srcs.filter((s): s is { resultId: number; basedOnVersion: number; record: ResultRecord } => s.record !== undefined)
      if (present.length > 0) {
        const { batch } = await rankRecords(ctx, q, province, present)
        const frozen = new Map(entries.map((e) => [e.unitId, e]))
        // the engine's results, with the ranks and bands as published
        ranked = batch.units.map((u) => {
          const f = frozen.get(u.unitId)!
          return { result: u.result, unitId: u.unitId, group, rank: f.rank, groupSize: f.groupSize, band: f.band ?? undefined, componentRanks: f.componentRanks }
        })
      }
    }
    return { ranking: { province, period, group, status: 'published', pack: pub.pack, publication, entries, stale: [] }, ranked }
  }
  // the latest result of every unit of the period, those in this group
  const rows = await q.query(`select distinct on (unit_id) id, unit_id, grp, based_on_version, body from results where province = $1 and period = $2 order by unit_id, id desc`, [province, period])
  const mine = rows.filter((r) => String(r.grp) === group).map((r) => ({ resultId: Number(r.id), basedOnVersion: Number(r.based_on_version), record: JSON.parse(String(r.body)) as ResultRecord }))
  const scored = new Set(rows.map((r) => String(r.unit_id)))
  // units whose assessment moved on, or that were never scored
  const streams = await loadStreams(q, province, period)
  const stale: string[] = []
  const current = new Map<string, number>()
  for (const [unitId, s] of streams) {
    const st = stateAt(province, unitId, period, s)
    if (!st) continue
    current.set(unitId, st.version)
    if (!scored.has(unitId) && groupOf(st.assessment) === group) stale.push(unitId)
  }
  for (const m of mine) if ((current.get(m.record.unitId) ?? 0) > m.basedOnVersion) stale.push(m.record.unitId)
  stale.sort()
  if (mine.length === 0) return { ranking: { province, period, group, status: 'provisional', pack: null, publication: null, entries: [], stale }, ranked: [] }
  const { compiled, batch } = await rankRecords(ctx, q, province, mine)
  const byUnit = new Map(mine.map((m) => [m.record.unitId, m]))
  const staleSet = new Set(stale)
  const ranked = batch.groups.get(group) ?? []
  const entries = ranked.map((u) => ({ ...entryOf(u, byUnit.get(u.unitId)!), ...(staleSet.has(u.unitId) ? { stale: true } : {}) }))
  return {
    ranking: { province, period, group, status: 'provisional', pack: { id: compiled.id, version: compiled.version, contentHash: compiled.contentHash }, publication: null, entries, stale },
    ranked,
  }
}

/** @internal */
export async function ranking(ctx: StoreContext, province: string, period: string, group: string, options: { provisional?: boolean } = {}): Promise<Ranking> {
  const a = new Args()
  a.province(province)
  a.text('period', period, 50)
  a.text('group', group, 100)
  a.done()
  return ctx.driver.transaction(async (q) => (await rankingOf(ctx, q, province, period, group, options)).ranking, { isolation: 'repeatable read', readOnly: true })
}

/** @internal */
export async function publish(ctx: StoreContext, input: PublishInput): Promise<Publication> {
  const a = new Args()
  const province = a.province(input.province)
  const period = a.text('period', input.period, 50)
  const group = a.text('group', input.group, 100)
  a.version('expectedVersion', input.expectedVersion)
  a.text('actor', input.actor)
  a.text('decision.number', input.decision?.number, 200)
  a.date('decision.date', input.decision?.date)
  a.done()
  /** the group as messages name it ("Khối xã"), from the catalog's units in it */
  const groupText = async (q: Queryable) =>
    groupName(
      [...(await latestUnits(q, province)).values()].map((u) => u.unit),
      group,
    )
  /** the publication as messages name it: its period and its group by name */
  const named = async (q: Queryable) => {
    const g = await groupText(q)
    return { vi: `công bố kết quả xếp hạng kỳ ${period}, ${g.vi}`, en: `the publication of the ${period} ranking, ${g.en}` }
  }
  await ctx.precheck(province, publicationStream(period, group), input.expectedVersion, () => named(ctx.driver))
  return ctx.write(province, 'publish', async (w) => {
    const stream = publicationStream(period, group)
    const current = (await w.versions([stream])).get(stream) ?? 0
    if (current !== input.expectedVersion) throw conflict(await named(w.tx), input.expectedVersion, current)
    const { ranking: r } = await rankingOf(ctx, w.tx, province, period, group, { provisional: true })
    if (r.stale.length > 0) {
      const catalog = await latestUnits(w.tx, province)
      throw new StoreError(
        r.stale.map((unitId) =>
          storeIssue(
            'stale_results',
            ['unitIds', unitId],
            {
              vi: `Kết quả của ${unitName(catalog.get(unitId)?.unit, unitId)} chưa cập nhật theo bản đánh giá mới nhất: hãy chấm điểm lại (score) trước khi công bố`,
              en: `The result of ${unitName(catalog.get(unitId)?.unit, unitId)} does not reflect its latest assessment: score again before publishing`,
            },
            unitId,
          ),
        ),
      )
    }
    if (r.entries.length === 0 || !r.pack) {
      const g = await groupText(w.tx)
      throw new StoreError([
        storeIssue('nothing_to_publish', ['group'], { vi: `Chưa có kết quả nào kỳ ${period} của ${g.vi} để công bố`, en: `No results of ${g.en} for ${period} to publish` }, group),
      ])
    }
    const entries = r.entries.map(({ stale: _s, ...e }) => e)
    const decision = { number: input.decision.number, date: input.decision.date }
    const version = current + 1
    const { ids } = await w.append([
      {
        kind: 'publication',
        stream,
        streamVersion: version,
        actor: input.actor,
        rows: [
          {
            table: 'publications',
            values: {
              period,
              grp: group,
              version,
              decision_number: decision.number,
              decision_date: decision.date,
              pack_id: r.pack.id,
              pack_version: r.pack.version,
              body: canonicalJson({ decision, pack: r.pack, entries }),
            },
          },
        ],
      },
    ])
    return { province, period, group, version, decision, pack: r.pack, entries, publishedBy: input.actor, publishedAt: w.at.toISOString(), rowId: ids[0]![0]! }
  })
}

/** The periods and groups that have results. @internal */
export async function periodsWithResults(q: Queryable, province: string, unitIds?: readonly string[]): Promise<{ period: string; group: string; unitId: string }[]> {
  const rows = await q.query(
    `select distinct on (period, unit_id) period, unit_id, grp from results where province = $1${unitIds ? ' and unit_id = any($2::text[])' : ''} order by period, unit_id, id desc`,
    unitIds ? [province, unitIds] : [province],
  )
  return rows.map((r) => ({ period: String(r.period), group: String(r.grp), unitId: String(r.unit_id) }))
}
