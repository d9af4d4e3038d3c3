/**
 * How a pack's index reads. The PAR index is a ratio on a scale of 100, a percentage
 * ("85,34%", "Chỉ số (%)", "tăng 1,20 điểm phần trăm"); a pack may instead publish points
 * (`index.kind: "points"`) or a ratio on another scale (10), which print the number alone
 * and say what it is in headings ("Chỉ số (điểm)", "Chỉ số (thang 10)"). Every adapter
 * asks here, so an index never carries a "%" it is not.
 */
import { Exact, type CompiledPack } from '@chiso/core'
import { formatNumber, type Locale } from './locale.js'

const HUNDRED = Exact.from(100)

/** Whether the pack's index is a percentage: a ratio on a scale of 100. @internal */
export function indexIsPercent(pack: CompiledPack): boolean {
  return pack.indexFormula.kind === 'ratio' && pack.indexFormula.scale.eq(HUNDRED)
}

/** An index value as printed: "85,34%" for a percentage, "13,25" otherwise. @internal */
export function formatIndex(value: Exact, pack: CompiledPack, locale: Locale = 'vi'): string {
  const text = formatNumber(value, locale)
  return indexIsPercent(pack) ? `${text}%` : text
}

/** What the index is counted in, for a heading: "%", "điểm" / "points", "thang 10" / "scale of 10". @internal */
export function indexUnit(pack: CompiledPack, locale: Locale = 'vi'): string {
  if (indexIsPercent(pack)) return '%'
  if (pack.indexFormula.kind === 'points') return locale === 'vi' ? 'điểm' : 'points'
  const scale = formatNumber(pack.indexFormula.scale, locale).replace(/[.,]00$/, '')
  return locale === 'vi' ? `thang ${scale}` : `scale of ${scale}`
}

/** A heading with the index's unit: "Chỉ số (%)", "Chỉ số (điểm)", "Index (scale of 10)". @internal */
export const indexHeading = (label: string, pack: CompiledPack, locale: Locale = 'vi'): string => `${label} (${indexUnit(pack, locale)})`

/** What a change of the index is counted in: "điểm phần trăm" / "percentage points" for a percentage, else "điểm" / "points". @internal */
export function indexChangeUnit(pack: CompiledPack, locale: Locale = 'vi'): string {
  if (indexIsPercent(pack)) return locale === 'vi' ? 'điểm phần trăm' : 'percentage points'
  return locale === 'vi' ? 'điểm' : 'points'
}
