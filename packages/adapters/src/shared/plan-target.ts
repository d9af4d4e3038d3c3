/**
 * A plan step's "Mức cần đạt" as a province writes it: facts by their names ("Mức độ hoàn
 * thành kế hoạch CCHC > 90", "Báo cáo CCHC đầy đủ, đúng hạn: có"), never the pack's fact
 * ids; on a ratio criterion the rate to reach ("đạt tỷ lệ 55%"), not a score to type in.
 */
import { Exact, type CompiledPack } from '@chiso/core'
import type { PlanStep } from '@chiso/core/analysis'
import { factTitle } from './facts.js'
import { formatNumber, formatScore, type Locale } from './locale.js'

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The rule of a criterion as the pack source writes it. */
function ruleOf(pack: CompiledPack, code: string): { kind?: string; numerator?: string; denominator?: string } | undefined {
  type Src = { code: string; rule?: { kind?: string }; children?: Src[] }
  const find = (list: readonly Src[] | undefined): Src | undefined => {
    for (const c of list ?? []) {
      if (c.code === code) return c
      const f = find(c.children)
      if (f) return f
    }
    return undefined
  }
  return find((pack.source as { criteria?: Src[] }).criteria)?.rule
}

/**
 * The level a step reaches, in the output language.
 *
 * @example
 * ```ts
 * stepTarget(pack, step, 'vi') // 'Mức độ hoàn thành kế hoạch CCHC > 90'
 * ```
 */
export function stepTarget(pack: CompiledPack, step: PlanStep, locale: Locale): string {
  let text = step.target[locale]
  const rule = ruleOf(pack, step.code)
  if (rule?.kind === 'ratio' && step.change.selfScore !== undefined && step.maxPoints.gt(Exact.ZERO)) {
    // a ratio criterion the unit scores itself: the rate that gives those points
    const rate = formatNumber(step.change.selfScore.div(step.maxPoints).mul(Exact.from(100)), locale, 0)
    const pts = formatScore(step.change.selfScore, locale)
    const said = locale === 'vi' ? `đạt tỷ lệ ${rate}% (${pts} điểm)` : `reach a rate of ${rate}% (${pts} points)`
    text = text.replace(locale === 'vi' ? /^tự chấm [^;]+ điểm/ : /^self score [^;]+/, said)
  }
  for (const fact of Object.keys(step.change.facts ?? {})) {
    const title = factTitle(pack, fact, locale)
    if (title === fact) continue
    // the step's own criterion is named above it: its title alone
    const name = title.startsWith(`${step.code} `) ? title.slice(step.code.length + 1) : title
    const id = escapeRe(fact)
    text = text.replace(new RegExp(`(^|[^\\w])${id} = `, 'g'), `$1${name}: `).replace(new RegExp(`(^|[^\\w])${id}(?!\\w)`, 'g'), `$1${name}`)
  }
  return text
}
