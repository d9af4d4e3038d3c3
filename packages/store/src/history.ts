/**
 * Across years: a unit's history through mergers (its predecessors stand in for the years
 * before it existed) and a group's comparison of years, both by the engine's
 * `compareYears` over the rankings the store holds (published where published).
 */
import { compareYears as coreCompareYears, type LineagePolicy, type RankedUnit, type Unit, type UnitYears } from '@chiso/core'
import { Args } from './args.js'
import type { StoreContext } from './context.js'
import { invalid, notFound } from './errors.js'
import { periodsWithResults, rankingOf } from './results.js'
import { unitRegistry } from './units.js'

/** Where each year of a history or comparison came from. */
export interface YearSource {
  readonly period: string
  readonly group: string
  readonly status: 'published' | 'provisional'
  /** the publication's decision, when published */
  readonly decision: { readonly number: string; readonly date: string } | null
}

/** A unit in a lineage. */
export interface LineageUnit {
  readonly unitId: string
  readonly name: string
  /** 1 for a direct predecessor or successor */
  readonly distance: number
}

/** Outcome of {@link Store.unitHistory}. */
export interface UnitHistory {
  readonly unit: Unit
  readonly lineage: { readonly predecessors: readonly LineageUnit[]; readonly successors: readonly LineageUnit[] }
  /** the engine's year-over-year view of the unit (predecessors standing in before it existed); null when it has no result */
  readonly years: UnitYears | null
  readonly sources: readonly YearSource[]
}

/** Arguments of {@link Store.unitHistory}. */
export interface UnitHistoryInput {
  readonly province: string
  readonly unitId: string
  /** how several predecessors' indexes combine (default `mean`) */
  readonly policy?: Exclude<LineagePolicy, 'weighted-mean'> | undefined
}

/** Arguments of {@link Store.compareYears}. */
export interface CompareYearsInput {
  readonly province: string
  readonly group: string
  /** the periods to compare; the last one's units are compared (default: every period with results) */
  readonly periods?: readonly string[] | undefined
  readonly policy?: Exclude<LineagePolicy, 'weighted-mean'> | undefined
}

/** Outcome of {@link Store.compareYears}. */
export interface YearsComparison {
  readonly group: string
  readonly periods: readonly string[]
  readonly units: readonly UnitYears[]
  readonly sources: readonly YearSource[]
}

const POLICIES = new Set(['mean', 'best', 'worst'])

type Ranked = Map<string, RankedUnit[]>

/** The engine's ranked units of each period, over the groups asked for. */
async function rankedYears(
  ctx: StoreContext,
  q: Parameters<StoreContext['compile']>[0],
  province: string,
  wanted: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<{ byYear: Ranked; sources: YearSource[] }> {
  const byYear: Ranked = new Map()
  const sources: YearSource[] = []
  for (const period of [...wanted.keys()].sort()) {
    const list: RankedUnit[] = []
    for (const group of [...wanted.get(period)!].sort()) {
      const { ranking, ranked } = await rankingOf(ctx, q, province, period, group, { ranked: true })
      for (const u of ranked) list.push(u)
      sources.push({ period, group, status: ranking.status, decision: ranking.publication ? ranking.publication.decision : null })
    }
    if (list.length > 0) byYear.set(period, list)
  }
  return { byYear, sources }
}

/** @internal */
export async function unitHistory(ctx: StoreContext, input: UnitHistoryInput): Promise<UnitHistory> {
  const a = new Args()
  const province = a.province(input.province)
  const unitId = a.text('unitId', input.unitId, 200)
  if (input.policy !== undefined && !POLICIES.has(input.policy)) a.issues.push(invalid(['policy'], input.policy, { vi: 'cách gộp là mean, best hoặc worst', en: 'the policy is mean, best or worst' }))
  a.done()
  return ctx.driver.transaction(
    async (q) => {
      const units = await unitRegistry(q, province)
      const unit = units.get(unitId)
      if (!unit) throw notFound({ vi: `đơn vị mã "${unitId}" trong danh mục của tỉnh (mã ${province})`, en: `unit "${unitId}" in the catalog of the province (${province})` }, ['unitId'], unitId)
      // the unit's own (normal) id from here on: the id asked for may be spelt otherwise
      const id = unit.id
      const lin = units.lineage(id)
      const lineage = {
        predecessors: lin.predecessors.map((e) => ({ unitId: e.unit.id, name: e.unit.name, distance: e.distance })),
        successors: lin.successors.map((e) => ({ unitId: e.unit.id, name: e.unit.name, distance: e.distance })),
      }
      const ids = [id, ...lineage.predecessors.map((p) => p.unitId)]
      const found = await periodsWithResults(q, province, ids)
      // up to the unit's own last year: compareYears follows the units of the last year
      const own = found
        .filter((f) => f.unitId === id)
        .map((f) => f.period)
        .sort()
      const last = own[own.length - 1]
      if (last === undefined) return { unit, lineage, years: null, sources: [] }
      const wanted = new Map<string, Set<string>>()
      for (const f of found) {
        if (f.period > last) continue
        let g = wanted.get(f.period)
        if (!g) wanted.set(f.period, (g = new Set()))
        g.add(f.group)
      }
      const { byYear, sources } = await rankedYears(ctx, q, province, wanted)
      const years = coreCompareYears(Object.fromEntries(byYear), { units, policy: input.policy ?? 'mean' }).find((y) => y.unitId === id) ?? null
      return { unit, lineage, years, sources }
    },
    { isolation: 'repeatable read', readOnly: true },
  )
}

/** @internal */
export async function compareYears(ctx: StoreContext, input: CompareYearsInput): Promise<YearsComparison> {
  const a = new Args()
  const province = a.province(input.province)
  const group = a.text('group', input.group, 100)
  if (input.periods !== undefined) {
    if (!Array.isArray(input.periods) || input.periods.length === 0) a.issues.push(invalid(['periods'], input.periods, { vi: 'cần ít nhất một kỳ', en: 'at least one period is needed' }))
    else input.periods.forEach((p, i) => a.text(`periods[${i}]`, p, 50))
  }
  if (input.policy !== undefined && !POLICIES.has(input.policy)) a.issues.push(invalid(['policy'], input.policy, { vi: 'cách gộp là mean, best hoặc worst', en: 'the policy is mean, best or worst' }))
  a.done()
  return ctx.driver.transaction(
    async (q) => {
      const units = await unitRegistry(q, province)
      const found = await periodsWithResults(q, province)
      const periods = [...new Set(input.periods ?? found.map((f) => f.period))].sort()
      const last = periods[periods.length - 1]
      // the last period: this group; earlier ones: every group, where predecessors may have competed
      const wanted = new Map<string, Set<string>>()
      for (const f of found) {
        if (!periods.includes(f.period) || (f.period === last && f.group !== group)) continue
        let g = wanted.get(f.period)
        if (!g) wanted.set(f.period, (g = new Set()))
        g.add(f.group)
      }
      const { byYear, sources } = await rankedYears(ctx, q, province, wanted)
      const unitsYears = last !== undefined && byYear.has(last) ? coreCompareYears(Object.fromEntries(byYear), { units, policy: input.policy ?? 'mean' }) : []
      return { group, periods, units: unitsYears, sources }
    },
    { isolation: 'repeatable read', readOnly: true },
  )
}
