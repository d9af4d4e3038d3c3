/**
 * Pieces several sections share: band chips, the CSS of the bands, one unit's row cells.
 */
import type { BandStyle } from '../bands.js'
import { bandLabel, styleOf, type ReportData, type ReportUnit } from '../data.js'
import { esc } from '../html.js'

/** The CSS class of a band code (`bd-0` for the best band, `bd-none` for none). @internal */
export function bandClass(data: ReportData, code: string | null): string {
  if (code === null) return 'bd-none'
  const i = data.bands.findIndex((b) => b.code === code)
  if (i >= 0) return `bd-${i}`
  const j = data.extraBands.findIndex((b) => b.code === code)
  return j >= 0 ? `bd-x${j}` : 'bd-none'
}

// chips in tables carry the band's short label on its colour: the label is what reads in
// black and white (a pattern background would print as an image per chip)
function ruleFor(cls: string, s: BandStyle): string {
  return `.${cls}{background-color:${s.color};color:${s.ink}}`
}

/** CSS rules giving every band's chip its colour and pattern. @internal */
export function bandCss(data: ReportData): string {
  const rules = data.bands.map((b, i) => ruleFor(`bd-${i}`, b.style))
  data.extraBands.forEach((b, i) => rules.push(ruleFor(`bd-x${i}`, b.style)))
  rules.push('.bd-none{background-color:#fff;color:#222;border:1px solid #888}')
  return rules.join('\n')
}

/**
 * A band chip: the short label on the band's colour and pattern, then the band's name
 * (`full`), so it reads in black and white.
 * @internal
 */
export function bandChip(data: ReportData, code: string | null, full = true): string {
  const s = styleOf(data, code)
  return `<span class="chip ${bandClass(data, code)}" data-band="${esc(code ?? '')}">${esc(s.short)}</span>${full ? ` <span class="chip-label">${esc(bandLabel(data, code))}</span>` : ''}`
}

/** Words in the data's language: the Vietnamese ones, or the English ones for English data. @internal */
export const sayIn =
  (data: ReportData) =>
  (vi: string, en: string): string =>
    data.locale === 'en' ? en : vi

/** "thứ 3/17" or "không xếp hạng" ("3 of 17", "not ranked" in English). @internal */
export function rankText(u: ReportUnit, data?: ReportData): string {
  if (data?.locale === 'en') return u.rank === null ? 'not ranked' : `${u.rank} of ${u.groupSize}`
  return u.rank === null ? 'không xếp hạng' : `thứ ${u.rank}/${u.groupSize}`
}

/**
 * The unit's place the year it is compared with, when the ranks are not comparable as a
 * difference (the group had another size): undefined otherwise. @internal
 */
export function comparedPlaces(u: ReportUnit): { year: string; from: { rank: number; groupSize: number } } | undefined {
  if (!u.change || u.change.rankChange !== null || u.rank === null) return undefined
  const prev = [...u.history].reverse().find((h) => h.year === u.change!.fromYear)
  if (!prev || prev.rank === null || prev.groupSize === null) return undefined
  return { year: prev.year, from: { rank: prev.rank, groupSize: prev.groupSize } }
}

/** How a component index is worked out, as the heat map's note says it. @internal */
export function componentFormula(data: ReportData): string {
  const en = data.locale === 'en'
  if (data.indexKind === 'points') return en ? "the area's points" : 'điểm đạt của lĩnh vực'
  return en ? `points ÷ applicable maximum × ${String(data.indexScale)}` : `điểm đạt ÷ điểm tối đa áp dụng × ${String(data.indexScale).replace('.', ',')}`
}

/** The index with its unit ("85,34%" for a percentage, else the number alone). @internal */
export function indexText(data: ReportData, text: string): string {
  return data.indexPercent ? `${text}%` : text
}
