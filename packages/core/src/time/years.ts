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
  /**
   * consecutive years, up to the latest, ranked first in the group; when periods are calendar
   * years ("2024") a year without results ends the run (2021, 2023, 2024 → 2)
   */
  readonly leadingStreak: number
  /** consecutive years, up to the latest, with a rank change > 0; a year without results ends the run */
  readonly risingStreak: number
  /**
   * e.g. "3 năm liền dẫn đầu"; a run across a year without results is said with its years
   * ("tăng hạng từ 2021 đến 2024 (không có kết quả năm 2022)"); null when there is no run of 2 or more
   */
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
    const { leadingStreak, risingStreak, streakText } = streaksOf(entries, changes)
    out.push({ unitId, years: entries, changes, leadingStreak, risingStreak, streakText })
  }
  return out
}

/** the calendar year of a period "2024", or null for other periods ("2024-Q1") */
const calendarYear = (period: string): number | null => (/^\d{4}$/.test(period) ? Number(period) : null)

/** whether period b directly follows period a; periods other than calendar years always do */
function adjacent(a: string, b: string): boolean {
  const ya = calendarYear(a)
  const yb = calendarYear(b)
  return ya === null || yb === null || yb - ya === 1
}

/**
 * Leading and rising streaks up to the latest year, counted over consecutive years only: a year
 * without results breaks "năm liền", and a run across it is said with its first and last year and
 * the years missing. The one meaning of a streak; adapters print `streakText`.
 */
function streaksOf(entries: readonly YearEntry[], changes: readonly YearChange[]): Pick<UnitYears, 'leadingStreak' | 'risingStreak' | 'streakText'> {
  const n = entries.length
  // runs ignoring gaps, then the consecutive part of each
  let leadAcross = 0
  for (let k = n - 1; k >= 0 && entries[k]!.rank === 1; k--) leadAcross++
  let leadingStreak = leadAcross > 0 ? 1 : 0
  while (leadingStreak < leadAcross && adjacent(entries[n - 1 - leadingStreak]!.year, entries[n - leadingStreak]!.year)) leadingStreak++
  let riseAcross = 0
  for (let k = changes.length - 1; k >= 0 && (changes[k]!.rankChange ?? 0) > 0; k--) riseAcross++
  let risingStreak = 0
  for (let k = changes.length - 1; k >= changes.length - riseAcross && adjacent(changes[k]!.fromYear, changes[k]!.toYear); k--) risingStreak++
  const streakText = (() => {
    if (leadingStreak >= 2) return { vi: `${leadingStreak} năm liền dẫn đầu`, en: `first for ${leadingStreak} years running` }
    if (risingStreak >= 2) return { vi: `${risingStreak} năm liền tăng hạng`, en: `rising for ${risingStreak} years running` }
    const last = entries[n - 1]?.year
    if (last === undefined) return null
    const run = (from: string, vi: string, en: string) => {
      const have = new Set(entries.map((e) => calendarYear(e.year)))
      const gaps: number[] = []
      for (let y = (calendarYear(from) ?? Number.POSITIVE_INFINITY) + 1; y < (calendarYear(last) ?? 0); y++) if (!have.has(y)) gaps.push(y)
      const missingVi = gaps.length === 0 ? '' : ` (không có kết quả năm ${gaps.join(', ')})`
      const missingEn = gaps.length === 0 ? '' : ` (no results for ${gaps.join(', ')})`
      return { vi: `${vi} từ ${from} đến ${last}${missingVi}`, en: `${en} from ${from} to ${last}${missingEn}` }
    }
    if (leadAcross >= 2) return run(entries[n - leadAcross]!.year, 'dẫn đầu', 'first')
    if (riseAcross >= 2) return run(changes[changes.length - riseAcross]!.fromYear, 'tăng hạng', 'rising')
    return null
  })()
  return { leadingStreak, risingStreak, streakText }
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
