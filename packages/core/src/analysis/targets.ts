/**
 * Plan targets — the next band, a band, an index, a rank in the group — as a threshold on
 * the value the pack publishes (the index, or the points when it bands or ranks by
 * points), and that threshold as the least root points that reach it.
 */
import type { BatchResult, RankingMethod } from '../engine/batch.js'
import { bandFor, excludedFromRanking, rankValues } from '../engine/batch.js'
import type { CompiledBand, CompiledPack } from '../model/compile.js'
import { issue, type ChisoIssue } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import type { UnitResult } from '../engine/result.js'
import { decimalLimitIssue } from '../util/limits.js'
import type { DecimalInput } from '../model/schemas.js'
import { nums, type BiText } from './text.js'

/**
 * What a plan aims at: `'next-band'` (the band above the unit's), a band by code or label
 * (`{ band: 'tot' }`, `{ band: 'Tốt' }`), an index (`{ index: 85 }`), or a rank in the
 * unit's group with the other units' results held fixed (`{ rank: 10 }`, needs the
 * population).
 */
export type PlanTarget = 'next-band' | { readonly band: string } | { readonly index: DecimalInput } | { readonly rank: number }

/** A target resolved against a pack (and a population). */
export interface ResolvedTarget {
  readonly kind: 'band' | 'index' | 'rank'
  /** the band aimed at */
  readonly band?: { readonly code: string; readonly label: { readonly vi: string; readonly en?: string } }
  /** the rank aimed at */
  readonly rank?: number
  /** the value compared: the index, or the points when the pack bands / ranks by points */
  readonly measure: 'index' | 'points'
  /** the least value reaching the target (strictly above it when `strict`) */
  readonly value: Exact
  readonly strict: boolean
  readonly text: BiText
}

/** The published value a target compares. @internal */
export function measureOf(r: UnitResult, measure: 'index' | 'points'): Exact {
  return measure === 'points' ? r.total : r.index
}

/** Whether a result reaches a target. @internal */
export function reaches(r: UnitResult, t: ResolvedTarget): boolean {
  const c = measureOf(r, t.measure).cmp(t.value)
  return t.strict ? c > 0 : c >= 0
}

/** The ranked units of a group other than `unitId`, as the ranking compares them. @internal */
export function othersOf(population: BatchResult, unitId: string, group: string): UnitResult[] {
  const excluded = excludedFromRanking(population.pack)
  return (population.groups.get(group) ?? []).filter((u) => u.unitId !== unitId && u.rank !== null && !(excluded?.(u) ?? false)).map((u) => u.result)
}

/** The rank a value takes among the others, by the ranking's own rule (rankValues). @internal */
export function rankAmong(value: Exact, others: readonly Exact[], method: RankingMethod): number {
  return rankValues([value, ...others], method)[0]!
}

/** Resolves a target for a unit's current result. @internal */
export function resolveTarget(
  pack: CompiledPack,
  result: UnitResult,
  target: PlanTarget,
  population: BatchResult | undefined,
  method: RankingMethod,
): { ok: true; value: ResolvedTarget } | { ok: false; issues: ChisoIssue[] } {
  const bandTarget = (b: CompiledBand): ResolvedTarget => ({
    kind: 'band',
    band: { code: b.code, label: b.label },
    measure: pack.bandsBy,
    value: b.min,
    strict: b.minExclusive,
    text: { vi: `đạt loại "${b.label.vi}"`, en: `reach the band "${b.label.en ?? b.label.vi}"` },
  })
  if (target === 'next-band') {
    if (pack.bands.length === 0)
      return { ok: false, issues: [issue('invalid_value', ['target'], { value: target, detail: 'bộ chỉ số không có mức xếp loại', detailEn: 'the pack has no bands' }, target)] }
    const cur = bandFor(pack, pack.bandsBy === 'points' ? result.total : result.index)
    const k = cur === undefined ? pack.bands.length : pack.bands.indexOf(cur)
    return { ok: true, value: bandTarget(pack.bands[Math.max(0, k - 1)]!) }
  }
  if ('band' in target) {
    const want = target.band.normalize('NFC').toLowerCase().trim()
    const b = pack.bands.find((x) => x.code.toLowerCase() === want || x.label.vi.normalize('NFC').toLowerCase() === want || x.label.en?.toLowerCase() === want)
    if (!b) {
      return {
        ok: false,
        issues: [
          issue(
            'unknown_band',
            ['target', 'band'],
            { band: target.band, pack: `${pack.id}@${pack.version}`, known: pack.bands.map((x) => `${x.code} (${x.label.vi})`).join(', ') || '—' },
            target.band,
          ),
        ],
      }
    }
    return { ok: true, value: bandTarget(b) }
  }
  if ('index' in target) {
    const tooPrecise = typeof target.index === 'number' || typeof target.index === 'string' ? decimalLimitIssue(target.index, ['target', 'index']) : undefined
    if (tooPrecise) return { ok: false, issues: [tooPrecise] }
    const v = Exact.tryFrom(target.index)
    if (v === undefined) return { ok: false, issues: [issue('invalid_decimal', ['target', 'index'], { value: target.index }, target.index)] }
    return { ok: true, value: { kind: 'index', measure: 'index', value: v, strict: false, text: { vi: `đạt chỉ số ${nums(v).vi}`, en: `reach an index of ${nums(v).en}` } } }
  }
  const rank = target.rank
  if (!Number.isInteger(rank) || rank < 1) {
    return { ok: false, issues: [issue('invalid_value', ['target', 'rank'], { value: rank, detail: 'thứ hạng là số nguyên từ 1', detailEn: 'a rank is a whole number from 1' }, rank)] }
  }
  if (!population) {
    return {
      ok: false,
      issues: [issue('unit_not_ranked', ['target', 'rank'], { unitId: result.unitId, detail: 'chưa có kết quả của các đơn vị khác (population)', detailEn: 'no population of other units was given' })],
    }
  }
  const excluded = excludedFromRanking(population.pack)
  const self = population.unit(result.unitId)
  if ((self !== undefined && self.rank === null) || (excluded?.({ unitId: result.unitId, group: result.group }) ?? false)) {
    return {
      ok: false,
      issues: [issue('unit_not_ranked', ['target', 'rank'], { unitId: result.unitId, detail: 'đơn vị được đánh giá nhưng không xếp hạng', detailEn: 'the unit is assessed but not ranked' })],
    }
  }
  const measure = pack.ranking.by
  const others = othersOf(population, result.unitId, result.group)
    .map((r) => measureOf(r, measure))
    .sort((a, b) => b.cmp(a))
  let value: Exact
  if (method === 'dense') {
    const distinct = others.filter((v, i) => i === 0 || !v.eq(others[i - 1]!))
    value = rank > distinct.length ? Exact.min(Exact.ZERO, measureOf(result, measure)) : distinct[rank - 1]!
  } else {
    value = rank > others.length ? Exact.min(Exact.ZERO, measureOf(result, measure)) : others[rank - 1]!
  }
  return {
    ok: true,
    value: { kind: 'rank', rank, measure, value, strict: false, text: { vi: `xếp thứ ${rank}/${others.length + 1} trong nhóm`, en: `rank ${rank} of ${others.length + 1} in the group` } },
  }
}

/**
 * The least root points reaching a target's threshold, with whether they must be exceeded
 * strictly: the index formula and its rounding inverted exactly. `undefined` when no points
 * can (nothing applicable under a ratio index and a positive target). @internal
 */
export function pointsNeeded(pack: CompiledPack, appMax: Exact, t: ResolvedTarget): { points: Exact; strict: boolean } | undefined {
  if (t.measure === 'points') return { points: t.value, strict: t.strict }
  const r = pack.rounding.index
  let raw = t.value
  let strict = t.strict
  if (r) {
    const u = Exact.ratio(1, 10 ** r.decimals)
    const round = (x: Exact): Exact => x.round(r.decimals, r.mode)
    // the least published value that counts: on the rounding grid, at or above (or above) the target
    const grid = floorTo(t.value, u)
    const y = strict ? grid.add(u) : grid.eq(t.value) ? grid : grid.add(u)
    // {x : round(x) ≥ y} is an up-set whose lower end is y − u, y − u/2 or y
    const half = u.div(Exact.ratio(2, 1))
    const quarter = u.div(Exact.ratio(4, 1))
    let found = false
    for (const c of [y.sub(u), y.sub(half), y]) {
      if (round(c.add(quarter)).gte(y)) {
        raw = c
        strict = !round(c).gte(y)
        found = true
        break
      }
    }
    if (!found) {
      raw = y
      strict = false
    }
  }
  if (pack.indexFormula.kind === 'points') return { points: raw, strict }
  if (appMax.isZero()) return undefined
  return { points: raw.mul(appMax).div(pack.indexFormula.scale), strict }
}

function floorTo(x: Exact, u: Exact): Exact {
  const q = x.div(u)
  const t = q.round(0, 'down')
  const f = q.isNegative() && !t.eq(q) ? t.sub(Exact.ONE) : t
  return f.mul(u)
}
