/**
 * Where a unit lost points, as the report's unit page lists them: a view of core's
 * `pointsLost` (the one place the causes are worked out: rule branch and facts, self score,
 * missing input or survey, missing evidence, each appraisal round, rounding, deductions),
 * flattened to the largest losses first.
 */
import { Exact, type LocalText, type UnitResult } from '@chiso/core'
import { pointsLost, type LossCause } from '@chiso/core/analysis'

/** One place a unit lost points. */
export interface PointGap {
  /** the criterion's code, or the node a deduction applied to */
  readonly code: string
  readonly title: LocalText
  /** `criterion`: points below the criterion's applicable maximum; `deduction`: points a deduction took off an inner node or the whole index */
  readonly kind: 'criterion' | 'deduction'
  readonly points: Exact
  readonly applicableMax: Exact
  /** points lost: applicable max − points for a criterion; the deduction applied for a deduction */
  readonly lost: Exact
  /** why, in Vietnamese, one sentence per cause (the causes of `pointsLost`) */
  readonly reasons: readonly string[]
}

/**
 * A cause as a sentence of the report: "thẩm định vòng 1 …" → "Thẩm định vòng 1 …"; what a
 * rule read ("tyLeDungHan = 92 → 1/2 điểm", a fact's name first) after "Quy tắc chấm: ".
 */
function sentence(c: LossCause): string {
  const s = c.text.vi
  return c.kind === 'rule' ? `Quy tắc chấm: ${s}` : s.charAt(0).toLocaleUpperCase('vi') + s.slice(1)
}

/**
 * The places a unit lost the most points, largest first (ties in tree order): every
 * applicable criterion below its maximum, with its causes, and every deduction taken off an
 * inner node or the whole index (a criterion's own deductions are among its causes). Built
 * from `pointsLost` of `@chiso/core`; a result scored without a trace is scored again with
 * one, so the reasons are always there.
 *
 * @example
 * ```ts
 * import { evaluate } from '@chiso/core'
 * import { largestGaps } from '@chiso/adapters/report'
 * for (const g of largestGaps(evaluate(pack, assessment, { trace: true }), 5))
 *   console.log(g.code, g.lost.toString(), g.reasons.join('; '))
 * ```
 */
export function largestGaps(result: UnitResult, limit = 6): PointGap[] {
  const losses = pointsLost(result)
  const gaps: PointGap[] = []
  for (const c of [...losses.areas.flatMap((a) => a.criteria), ...(losses.overall ? [losses.overall] : [])]) {
    if (c.kind === 'criterion') {
      gaps.push({ code: c.code, title: c.title, kind: 'criterion', points: c.points, applicableMax: c.maxPoints, lost: c.lost, reasons: c.causes.map(sentence) })
      continue
    }
    // an inner node's own part: the deductions it took (its bonuses and limits give points back or hold them)
    for (const d of c.causes) {
      if (d.kind === 'deduction' && d.points.gt(Exact.ZERO)) {
        gaps.push({ code: c.code, title: c.title, kind: 'deduction', points: c.points, applicableMax: c.maxPoints, lost: d.points, reasons: [sentence(d)] })
      }
    }
  }
  const order = (code: string): number => result.pack.node(code)?.index ?? 0
  return gaps.sort((a, b) => b.lost.cmp(a.lost) || order(a.code) - order(b.code)).slice(0, limit)
}
