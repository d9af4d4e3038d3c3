/**
 * Where a unit lost points, as the report's unit page lists them: a view of core's
 * `pointsLost` (the one place the causes are worked out: rule branch and facts, self score,
 * missing input or survey, missing evidence, each appraisal round, rounding, deductions),
 * flattened to the largest losses first.
 */
import { Exact, type CompiledPack, type LocalText, type UnitResult } from '@chiso/core'
import { pointsLost, type LossCause } from '@chiso/core/analysis'
import { factTitleUnder } from '../shared/facts.js'
import { textIn, type Locale } from '../shared/locale.js'

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
  /** why, in the language asked for (Vietnamese by default), one sentence per cause (the causes of `pointsLost`) */
  readonly reasons: readonly string[]
}

/** What a fact is called for a reader ({@link factTitleUnder}), the criterion's own title when the pack names no reader. */
function factLabel(pack: CompiledPack, fact: string, code: string, title: LocalText, locale: Locale): string {
  return factTitleUnder(pack, fact, code, locale)?.title ?? textIn(title, locale)
}

/**
 * A cause as a sentence of the report: "thẩm định vòng 1 …" → "Thẩm định vòng 1 …"; what a
 * rule read after "Quy tắc chấm: " / "Scoring rule: ", each fact by what it is called, not by
 * its name in the pack ("Công khai ngân sách = không → 0/1 điểm", not "budgetDisclosed = …").
 */
function sentence(c: LossCause, pack: CompiledPack, code: string, title: LocalText, locale: Locale): string {
  let s = textIn(c.text, locale)
  if (c.kind === 'rule' && c.facts) {
    // core writes "name = value, name = value → points" when the rule has nothing better to say
    for (const k of Object.keys(c.facts)) {
      if (k === 'unit') continue
      s = s.replace(new RegExp(`(^|, )${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} = `), (_m, lead: string) => `${lead}${factLabel(pack, k, code, title, locale)} = `)
    }
  }
  if (c.kind === 'rule') return `${locale === 'vi' ? 'Quy tắc chấm' : 'Scoring rule'}: ${s}`
  return s.charAt(0).toLocaleUpperCase(locale) + s.slice(1)
}

/**
 * The places a unit lost the most points, largest first (ties in tree order): every
 * applicable criterion below its maximum, with its causes, and every deduction taken off an
 * inner node or the whole index (a criterion's own deductions are among its causes). Built
 * from `pointsLost` of `@chiso/core`; a result scored without a trace is scored again with
 * one, so the reasons are always there. The reasons are in `locale` (default Vietnamese).
 *
 * @example
 * ```ts
 * import { evaluate } from '@chiso/core'
 * import { largestGaps } from '@chiso/adapters/report'
 * for (const g of largestGaps(evaluate(pack, assessment, { trace: true }), 5))
 *   console.log(g.code, g.lost.toString(), g.reasons.join('; '))
 * ```
 */
export function largestGaps(result: UnitResult, limit = 6, locale: Locale = 'vi'): PointGap[] {
  const losses = pointsLost(result)
  const gaps: PointGap[] = []
  for (const c of [...losses.areas.flatMap((a) => a.criteria), ...(losses.overall ? [losses.overall] : [])]) {
    if (c.kind === 'criterion') {
      gaps.push({
        code: c.code,
        title: c.title,
        kind: 'criterion',
        points: c.points,
        applicableMax: c.maxPoints,
        lost: c.lost,
        reasons: c.causes.map((x) => sentence(x, result.pack, c.code, c.title, locale)),
      })
      continue
    }
    // an inner node's own part: the deductions it took (its bonuses and limits give points back or hold them)
    for (const d of c.causes) {
      if (d.kind === 'deduction' && d.points.gt(Exact.ZERO)) {
        gaps.push({ code: c.code, title: c.title, kind: 'deduction', points: c.points, applicableMax: c.maxPoints, lost: d.points, reasons: [sentence(d, result.pack, c.code, c.title, locale)] })
      }
    }
  }
  const order = (code: string): number => result.pack.node(code)?.index ?? 0
  return gaps.sort((a, b) => b.lost.cmp(a.lost) || order(a.code) - order(b.code)).slice(0, limit)
}
