/**
 * What the dashboard shows, read from the store of record through its public API and
 * turned into the report's data by the report's own builder: for a period, each ranking
 * group's ranking as the store holds it (the publication when published, else the
 * provisional ranking of the latest result records), the engine's results of exactly the
 * records ranked (with traces, for the explain tree), and the report data and charts of
 * them. Views are cached until the store's chain moves on.
 */
import { createRegistry, createUnitRegistry, evaluateBatch, type AssessmentInput, type BatchResult, type CompiledPack, type UnitRegistry } from '@chiso/core'
import type { AssessmentState, Ranking, Store, StoredUnit, UnitHistory } from '@chiso/store'
import { buildReportData, type ReportData } from '../report/data.js'
import type { Locale } from '../shared/locale.js'

/** Who a view is for: the public sees published rankings only. */
export type Audience = 'public' | 'internal'

/** One ranking group of a period, as the store holds it. */
export interface GroupView {
  readonly key: string
  readonly ranking: Ranking
  /** the pack the group was ranked under, `id@version` */
  readonly packKey: string
}

/** The units of one pack in a period: the engine's batch and the report's data of it. */
export interface PackView {
  readonly pack: CompiledPack
  readonly batch: BatchResult
  /** the report's data in Vietnamese */
  readonly data: ReportData
  /** the report's data in a page's language (built once per language, then kept) */
  readonly dataIn: (locale: Locale) => ReportData
  /** the groups shown, in the batch's order */
  readonly groups: readonly GroupView[]
  /** the previous period compared with, if any */
  readonly previousPeriod: string | null
}

/** A period as one audience sees it. */
export interface PeriodView {
  readonly period: string
  readonly audience: Audience
  readonly packs: readonly PackView[]
  /** groups with results that this audience may not see yet (not published) */
  readonly hidden: readonly string[]
  /** every assessment of the period (internal views only; empty for the public) */
  readonly states: readonly AssessmentState[]
}

const groupOf = (a: AssessmentInput): string => a.group ?? a.unit?.group ?? 'all'

/** The period an assessment stream is of: streams are named `["assessment", unitId, period]`. */
function periodOfStream(stream: string | null): string | undefined {
  if (stream === null || !stream.startsWith('[')) return undefined
  try {
    const parts = JSON.parse(stream) as unknown
    return Array.isArray(parts) && parts[0] === 'assessment' && typeof parts[2] === 'string' ? parts[2] : undefined
  } catch {
    return undefined
  }
}

/** Reads and caches what the pages show. @internal */
export class DashboardData {
  readonly #store: Store
  readonly province: string
  #seq = 0
  #periods = new Set<string>()
  #views = new Map<string, { seq: number; view: Promise<PeriodView> }>()
  #packs = new Map<string, CompiledPack>()
  #units: { seq: number; list: StoredUnit[]; registry: UnitRegistry } | undefined
  #histories = new Map<string, { seq: number; history: Promise<UnitHistory> }>()

  constructor(store: Store, province: string) {
    this.#store = store
    this.province = province
  }

  /** The head of the province's chain: every cache is keyed by it. */
  async head(): Promise<number> {
    return (await this.#store.head({ province: this.province }))?.seq ?? 0
  }

  /** Periods with assessments, newest first (the events read once, then only the new ones). */
  async periods(): Promise<string[]> {
    for (;;) {
      const events = await this.#store.events({ province: this.province, after: this.#seq, limit: 10_000 })
      for (const e of events) {
        const p = periodOfStream(e.stream)
        if (p !== undefined) this.#periods.add(p)
        this.#seq = Math.max(this.#seq, e.seq)
      }
      if (events.length < 10_000) break
    }
    return [...this.#periods].sort().reverse()
  }

  /** The province's units (latest versions) and their registry (validity, lineage). */
  async units(): Promise<{ list: StoredUnit[]; registry: UnitRegistry }> {
    const seq = await this.head()
    if (this.#units?.seq !== seq) {
      const list = await this.#store.listUnits({ province: this.province })
      this.#units = { seq, list, registry: createUnitRegistry(list.map((u) => u.unit)) }
    }
    return this.#units
  }

  /** A stored pack, compiled with the province's other stored packs (for `extends`). */
  async pack(id: string, version: string): Promise<CompiledPack> {
    const key = `${id}@${version}`
    let p = this.#packs.get(key)
    if (!p) {
      const stored = await this.#store.listPacks({ province: this.province })
      const json = await Promise.all(stored.map((s) => this.#store.getPack({ province: this.province, id: s.id, version: s.version })))
      p = createRegistry(json).compile(id, version)
      this.#packs.set(key, p)
    }
    return p
  }

  /** A unit's history across years and mergers (the store's), cached until the chain moves on. */
  async history(unitId: string): Promise<UnitHistory> {
    const seq = await this.head()
    const hit = this.#histories.get(unitId)
    if (hit && hit.seq === seq) return hit.history
    if (this.#histories.size >= 1000) this.#histories.clear()
    const history = this.#store.unitHistory({ province: this.province, unitId })
    this.#histories.set(unitId, { seq, history })
    history.catch(() => this.#histories.delete(unitId))
    return history
  }

  /** A period's view for an audience, cached until the chain moves on. */
  async view(period: string, audience: Audience): Promise<PeriodView> {
    const seq = await this.head()
    const key = `${audience}:${period}`
    const hit = this.#views.get(key)
    if (hit && hit.seq === seq) return hit.view
    const view = this.#build(period, audience)
    this.#views.set(key, { seq, view })
    view.catch(() => this.#views.delete(key))
    return view
  }

  async #build(period: string, audience: Audience): Promise<PeriodView> {
    const store = this.#store
    const province = this.province
    const states = await store.listAssessments({ province, period })
    const groupKeys = [...new Set(states.map((s) => groupOf(s.assessment)))].sort()
    const rankings = await Promise.all(groupKeys.map((group) => store.ranking({ province, period, group })))
    const hidden: string[] = []
    const byPack = new Map<string, GroupView[]>()
    for (const r of rankings) {
      if (r.entries.length === 0 || r.pack === null) continue
      if (audience === 'public' && r.status !== 'published') {
        hidden.push(r.group)
        continue
      }
      const packKey = `${r.pack.id}@${r.pack.version}`
      let list = byPack.get(packKey)
      if (!list) byPack.set(packKey, (list = []))
      list.push({ key: r.group, ranking: r, packKey })
    }
    const stateOf = new Map(states.map((s) => [s.unitId, s]))
    const periods = await this.periods()
    const previous =
      periods
        .filter((p) => p < period)
        .sort()
        .pop() ?? null
    const { registry } = await this.units()
    const packs: PackView[] = []
    for (const [packKey, groups] of byPack) {
      const at = packKey.lastIndexOf('@')
      const pack = await this.pack(packKey.slice(0, at), packKey.slice(at + 1))
      // the very records ranked: the current assessment when the record was computed from
      // its version, else the stored record itself
      const assessments: AssessmentInput[] = []
      for (const g of groups) {
        for (const e of g.ranking.entries) {
          const s = stateOf.get(e.unitId)
          if (s && s.version === e.basedOnVersion) assessments.push(s.assessment)
          else {
            const rec = (await store.listResults({ province, unitId: e.unitId, period })).find((x) => x.resultId === e.resultId)
            if (!rec) throw new Error(`result ${e.resultId} of ${e.unitId} (${period}) is missing from the store`)
            assessments.push(rec.record.assessment as AssessmentInput)
          }
        }
      }
      const batch = evaluateBatch(pack, assessments, { trace: true, inputs: 'borrow' })
      // the engine gives the same results as the records ranked: the fingerprints say so
      const expected = new Map(groups.flatMap((g) => g.ranking.entries.map((e) => [e.unitId, e.fingerprint] as const)))
      for (const u of batch.units) {
        if (expected.get(u.unitId) !== u.result.fingerprint) throw new Error(`the result of ${u.unitId} (${period}) differs from the record ranked: run "chiso" verify on the store`)
      }
      let prevBatch: BatchResult | undefined
      if (previous !== null) {
        const pv = await this.view(previous, audience)
        // the earlier pack view sharing most groups (or, after a reorganisation, the same pack family)
        const keys = new Set(groups.map((g) => g.key))
        const family = pack.source.family
        const scored = pv.packs
          .map((p) => ({ p, overlap: p.groups.filter((g) => keys.has(g.key)).length, same: family !== undefined && p.pack.source.family === family }))
          .filter((x) => x.overlap > 0 || x.same)
          .sort((a, b) => b.overlap - a.overlap || Number(b.same) - Number(a.same))
        prevBatch = scored[0]?.p.batch
      }
      const dataOptions = {
        period,
        units: registry,
        ...(prevBatch && previous !== null ? { previous: { [previous]: prevBatch } } : {}),
      }
      const data = buildReportData(batch, dataOptions)
      let dataEn: ReportData | undefined
      const dataIn = (locale: Locale): ReportData => (locale === 'vi' ? data : (dataEn ??= buildReportData(batch, { ...dataOptions, locale: 'en' })))
      const order = data.groups.map((g) => g.key)
      packs.push({ pack, batch, data, dataIn, groups: [...groups].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key)), previousPeriod: prevBatch ? previous : null })
    }
    return { period, audience, packs, hidden, states: audience === 'internal' ? states : [] }
  }
}
