/**
 * Bands (xếp loại), defined once: a value is in the first band, highest first, whose minimum
 * it meets (reaches, or passes when the minimum is exclusive). The lane's thresholds on its
 * scaled totals are derived from the same test, so both paths band alike.
 */
import type { CompiledBand, CompiledPack } from '../model/compile.js'
import { Exact } from '../util/exact.js'
import type { Lane } from './lane.js'

/** Whether a value meets a band's minimum: above it, or on it when it is inclusive. */
function meetsBand(band: CompiledBand, value: Exact): boolean {
  const c = value.cmp(band.min)
  return c > 0 || (c === 0 && !band.minExclusive)
}

/**
 * The band a value falls in: the highest band whose minimum it meets.
 *
 * @example
 * ```ts
 * import { bandFor } from '@chiso/core/analysis'
 * bandFor(pack, result.index)?.label.vi // 'Tốt'
 * ```
 */
export function bandFor(pack: CompiledPack, value: Exact): CompiledBand | undefined {
  for (const b of pack.bands) if (meetsBand(b, value)) return b
  return undefined
}

/** The position of the band a value falls in among the pack's bands, -1 for none. @internal */
export function bandIndex(pack: CompiledPack, value: Exact): number {
  const bands = pack.bands
  for (let k = 0; k < bands.length; k++) if (meetsBand(bands[k]!, value)) return k
  return -1
}

/**
 * On the lane every unit's applicable maximum is the declared one, so the whole index
 * orders units as their points do — unless the index is rounded (ties appear) or its
 * formula does not grow with points. @internal
 */
export function indexFollowsPoints(pack: CompiledPack): boolean {
  if (pack.rounding.index !== undefined) return false
  return pack.indexFormula.kind === 'points' || (pack.indexFormula.scale.gt(Exact.ZERO) && pack.nodes[0]!.maxPoints.gt(Exact.ZERO))
}

const bandThresholdsByLane = new WeakMap<Lane, number[] | null>()

/**
 * Each band's minimum as a threshold on the lane's scaled total: the least total whose
 * banded value (its points, or its index) meets the band ({@link meetsBand}), so that a unit
 * is in the first band whose threshold its total reaches ({@link bandOnGrid}). Undefined
 * when the bands read a rounded index, or one that does not follow points. @internal
 */
export function bandThresholds(pack: CompiledPack, lane: Lane): number[] | undefined {
  let t = bandThresholdsByLane.get(lane)
  if (t === undefined) {
    t = null
    if (pack.bandsBy === 'points' || indexFollowsPoints(pack)) {
      // the banded value of a scaled total c: c ÷ perUnit (index = points × scale ÷ max, or
      // the points themselves), increasing with c
      const perUnit = (pack.bandsBy === 'points' || pack.indexFormula.kind === 'points' ? Exact.ONE : pack.nodes[0]!.maxPoints.div(pack.indexFormula.scale)).mul(lane.scaleExact)
      const valueAt = (c: number): Exact => Exact.from(c).div(perUnit)
      t = pack.bands.map((b) => {
        // start at the grid point nearest the minimum, then step to the least total meeting it
        let c = Math.ceil(b.min.mul(perUnit).toNumber())
        if (!Number.isSafeInteger(c)) return b.min.isNegative() ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
        while (meetsBand(b, valueAt(c - 1))) c--
        while (!meetsBand(b, valueAt(c))) c++
        return c
      })
    }
    bandThresholdsByLane.set(lane, t)
  }
  return t ?? undefined
}

/** The position of the band a lane total falls in, by the thresholds of {@link bandThresholds}; -1 for none. @internal */
export function bandOnGrid(thresholds: readonly number[], total: number): number {
  let k = 0
  while (k < thresholds.length && total < thresholds[k]!) k++
  return k < thresholds.length ? k : -1
}
