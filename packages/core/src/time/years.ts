/**
 * Year over year: rank change ("tăng 2 bậc"; between groups of one size only), index change and streaks ("3 năm liền dẫn
 * đầu") per unit, following merger lineage when a unit did not exist in an earlier year.
 */
import type { BatchResult, RankedUnit } from '../engine/batch.js'
import { append, ChisoError, issue } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import type { LineagePolicy, UnitRegistry } from '../population/units.js'
import { argumentIssue, isBatchResult, throwIfAny } from '../util/arguments.js'

/** One year of one unit (or of the predecessors standing in for it). */
export interface YearEntry {
  readonly year: string
  /** the unit ids whose results were used (predecessors when the unit did not exist yet) */
  readonly from: readonly string[]
  /** the rank, when one unit stands for the year; null when several predecessors do */
  readonly rank: number | null
  readonly groupSize: number | null
  /** the index, combined with the lineage policy when several predecessors stand in */
  readonly index: Exact
  readonly band: string | null
}

/** Change between two consecutive years. */
export interface YearChange {
  readonly fromYear: string
  readonly toYear: string
  /**
   * positive = moved up ("tăng"), negative = moved down; null when ranks are not comparable:
   * several predecessors stand in, a year has no rank, or the two groups differ in size
   * (6th of 17 → 1st of 12 is not "5 places up"; the text then gives both places)
   */
  readonly rankChange: number | null
  readonly indexChange: Exact
  /** e.g. "tăng 2 bậc so với năm 2022" */
  readonly text: { readonly vi: string; readonly en: string }
}

/** A unit's history. */
export interface UnitYears {
  readonly unitId: string
  readonly years: readonly YearEntry[]
  readonly changes: readonly YearChange[]
  /** consecutive years, up to the latest, ranked first in the group */
  readonly leadingStreak: number
  /** consecutive years, up to the latest, with a rank change > 0 */
  readonly risingStreak: number
  /** e.g. "3 năm liền dẫn đầu"; null when there is no streak of 2 or more */
  readonly streakText: { readonly vi: string; readonly en: string } | null
}

/** Options for {@link compareYears}. */
export interface CompareYearsOptions {
  /** unit lineage; without it, units are matched by id only */
  readonly units?: UnitRegistry
  /** how predecessors' indexes combine (default mean) */
  readonly policy?: LineagePolicy
  /** weights for 'weighted-mean' */
  readonly weight?: Parameters<UnitRegistry['mapToUnits']>[2]['weight']
}

function rankedOf(x: BatchResult | readonly RankedUnit[]): readonly RankedUnit[] {
  return Array.isArray(x) ? (x as readonly RankedUnit[]) : (x as BatchResult).units
}

/**
 * Compares results across years for every unit of the latest year.
 *
 * @example
 * ```ts
 * import { compareYears } from '@chiso/core'
 * const history = compareYears({ '2022': batch2022, '2023': batch2023 }, { units })
 * history.find((h) => h.unitId === 'huyen-song-may')?.changes.at(-1)?.text.vi // 'tăng 2 bậc so với năm 2022'
 * ```
 */
export function compareYears(resultsByYear: Readonly<Record<string, BatchResult | readonly RankedUnit[]>>, options: CompareYearsOptions = {}): UnitYears[] {
  if (resultsByYear === null || typeof resultsByYear !== 'object' || Array.isArray(resultsByYear)) throwIfAny([argumentIssue(['resultsByYear'], 'years', resultsByYear)])
  const years = Object.keys(resultsByYear).sort()
  if (years.length === 0) return []
  // each year a batch, or its ranked units (each with its unit id and result): checked up front
  for (const y of years) {
    const v: unknown = resultsByYear[y]
    const ok =
      isBatchResult(v) ||
      (Array.isArray(v) &&
        v.every((u: { unitId?: unknown; result?: unknown } | null) => u !== null && typeof u === 'object' && typeof u.unitId === 'string' && u.result !== null && typeof u.result === 'object'))
    if (!ok) throwIfAny([argumentIssue(['resultsByYear', y], 'year_results', v)])
  }
  const byYear = new Map<string, Map<string, RankedUnit>>()
  for (const y of years) byYear.set(y, new Map(rankedOf(resultsByYear[y]!).map((u) => [u.unitId, u])))
  const latest = years[years.length - 1]!
  const policy = options.policy ?? 'mean'
  // an index change is in percentage points only where the index is a percentage (a ratio on 100)
  const percentIn = (year: string): boolean => {
    const first = byYear.get(year)!.values().next().value as RankedUnit | undefined
    const f = first?.result.pack.indexFormula
    return f === undefined || (f.kind === 'ratio' && f.scale.eq(Exact.HUNDRED))
  }

  const entryFor = (unitId: string, year: string): YearEntry | undefined => {
    const map = byYear.get(year)!
    const own = map.get(unitId)
    if (own) {
      return { year, from: [unitId], rank: own.rank, groupSize: own.groupSize, index: own.result.index, band: own.band?.code ?? null }
    }
    if (!options.units) return undefined
    // nearest predecessors present in that year
    const found: RankedUnit[] = []
    const seen = new Set<string>([unitId])
    let frontier = [...(options.units.get(unitId)?.predecessors ?? [])]
    while (frontier.length > 0 && found.length === 0) {
      const next: string[] = []
      for (const id of frontier) {
        if (seen.has(id)) continue
        seen.add(id)
        const r = map.get(id)
        if (r) found.push(r)
        else append(next, options.units.get(id)?.predecessors ?? [])
      }
      frontier = next
    }
    if (found.length === 0) return undefined
    if (found.length === 1) {
      const f = found[0]!
      return { year, from: [f.unitId], rank: f.rank, groupSize: f.groupSize, index: f.result.index, band: f.band?.code ?? null }
    }
    const index = combineIndexes(
      found.map((f) => f.result.index),
      policy,
      found,
      options,
    )
    return { year, from: found.map((f) => f.unitId), rank: null, groupSize: null, index, band: null }
  }

  const out: UnitYears[] = []
  for (const unitId of byYear.get(latest)!.keys()) {
    const entries: YearEntry[] = []
    for (const y of years) {
      const e = entryFor(unitId, y)
      if (e) entries.push(e)
    }
    const changes: YearChange[] = []
    for (let k = 1; k < entries.length; k++) {
      const a = entries[k - 1]!
      const b = entries[k]!
      // places gained or lost only among groups of the same size: after mergers (17 departments
      // → 12, 63 provinces → 34) a difference of ranks counts units that no longer exist, so
      // the text states both places with their group sizes, as reports do ("thứ N/34")
      const ranked = a.rank !== null && b.rank !== null && a.from.length === 1
      const rankChange = ranked && a.groupSize === b.groupSize ? a.rank! - b.rank! : null
      const indexChange = b.index.sub(a.index)
      const text = ranked && rankChange === null ? describePlaces(a, b) : describe(rankChange, indexChange, a.year, percentIn(a.year) && percentIn(b.year))
      changes.push({ fromYear: a.year, toYear: b.year, rankChange, indexChange, text })
    }
    let leadingStreak = 0
    for (let k = entries.length - 1; k >= 0 && entries[k]!.rank === 1; k--) leadingStreak++
    let risingStreak = 0
    for (let k = changes.length - 1; k >= 0 && (changes[k]!.rankChange ?? 0) > 0; k--) risingStreak++
    const streakText =
      leadingStreak >= 2
        ? { vi: `${leadingStreak} năm liền dẫn đầu`, en: `first for ${leadingStreak} years running` }
        : risingStreak >= 2
          ? { vi: `${risingStreak} năm liền tăng hạng`, en: `rising for ${risingStreak} years running` }
          : null
    out.push({ unitId, years: entries, changes, leadingStreak, risingStreak, streakText })
  }
  return out
}

function combineIndexes(values: readonly Exact[], policy: LineagePolicy, found: readonly RankedUnit[], options: CompareYearsOptions): Exact {
  switch (policy) {
    case 'best':
      return values.reduce((m, v) => Exact.max(m, v))
    case 'worst':
      return values.reduce((m, v) => Exact.min(m, v))
    case 'mean':
      return values.reduce((s, v) => s.add(v), Exact.ZERO).div(Exact.ratio(values.length, 1))
    case 'weighted-mean': {
      if (!options.weight || !options.units) {
        const option = options.weight ? 'units' : 'weight'
        throw new ChisoError([issue('missing_option', [option], { option, policy: 'weighted-mean' })], 'options')
      }
      let s = Exact.ZERO
      let w = Exact.ZERO
      found.forEach((f, i) => {
        const unit = options.units!.get(f.unitId)
        const wi = unit ? Exact.from(options.weight!(unit)) : Exact.ZERO
        s = s.add(values[i]!.mul(wi))
        w = w.add(wi)
      })
      return w.isZero() ? Exact.ZERO : s.div(w)
    }
  }
}

function describe(rankChange: number | null, indexChange: Exact, prevYear: string, percent: boolean): { vi: string; en: string } {
  const idx = indexChange.toFixed(2)
  const idxVi = idx.replace('.', ',')
  if (rankChange === null) {
    const vi = percent ? 'điểm phần trăm' : 'điểm'
    const en = percent ? 'percentage points' : 'points'
    return indexChange.isNegative()
      ? { vi: `chỉ số giảm ${idxVi.replace('-', '')} ${vi} so với năm ${prevYear}`, en: `index down ${idx.replace('-', '')} ${en} on ${prevYear}` }
      : { vi: `chỉ số tăng ${idxVi} ${vi} so với năm ${prevYear}`, en: `index up ${idx} ${en} on ${prevYear}` }
  }
  if (rankChange > 0) return { vi: `tăng ${rankChange} bậc so với năm ${prevYear}`, en: `up ${rankChange} place${rankChange > 1 ? 's' : ''} on ${prevYear}` }
  if (rankChange < 0) return { vi: `giảm ${-rankChange} bậc so với năm ${prevYear}`, en: `down ${-rankChange} place${rankChange < -1 ? 's' : ''} on ${prevYear}` }
  return { vi: `giữ nguyên thứ hạng so với năm ${prevYear}`, en: `same place as in ${prevYear}` }
}

const ordinal = (n: number): string => {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'
  return `${n}${suffix}`
}

/** Both places with their group sizes, for groups of different sizes: "xếp thứ 1/12 (năm 2024: thứ 6/17)". */
function describePlaces(a: YearEntry, b: YearEntry): { vi: string; en: string } {
  return {
    vi: `xếp thứ ${b.rank}/${b.groupSize} (năm ${a.year}: thứ ${a.rank}/${a.groupSize})`,
    en: `ranked ${ordinal(b.rank!)} of ${b.groupSize} (${a.year}: ${ordinal(a.rank!)} of ${a.groupSize})`,
  }
}
