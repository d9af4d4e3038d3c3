/**
 * The ranking table of one group (or one page of it): rank, unit, points, index, band,
 * the rank of each area and the change since the latest earlier year.
 */
import type { ReportData, ReportGroup, ReportUnit } from '../data.js'
import { esc } from '../html.js'
import { bandChip, comparedPlaces, sayIn } from './common.js'

/** The change column: "tăng 2 bậc", "giảm 1 bậc", "giữ nguyên", or the index change when ranks cannot be compared. */
function changeCell(u: ReportUnit): string {
  if (!u.change) return '<td class="chg">—</td>'
  // a group of another size that year: both places ("2/4 → 1/3"), short enough for the column
  const places = comparedPlaces(u)
  if (places) return `<td class="chg">${esc(`${places.from.rank}/${places.from.groupSize} → ${u.rank}/${u.groupSize}`)}</td>`
  const t = u.change.text
    .replace(/ so với năm \d{4}$/, '')
    .replace(/^giữ nguyên thứ hạng$/, 'giữ nguyên')
    .replace(/ (on|as in) \d{4}$/, '')
    .replace(/^same place$/, 'unchanged')
  const cls = u.change.rankChange === null ? '' : u.change.rankChange > 0 ? ' up' : u.change.rankChange < 0 ? ' down' : ''
  return `<td class="chg${cls}">${esc(t)}</td>`
}

/**
 * One page of a group's ranking table as HTML.
 *
 * @example
 * ```ts
 * import { buildReportData, rankingTableHtml } from '@chiso/adapters/report'
 * const data = buildReportData(batch)
 * const g = data.groups[0]
 * const html = rankingTableHtml(data, g, data.units.filter((u) => u.group === g.key))
 * ```
 */
export function rankingTableHtml(data: ReportData, group: ReportGroup, units: readonly ReportUnit[]): string {
  const years = data.previousYears.length > 0
  const s = sayIn(data)
  const head = [
    `<th class="num">${s('Hạng', 'Rank')}</th>`,
    `<th class="name">${s('Đơn vị', 'Unit')}</th>`,
    `<th class="num">${s('Điểm', 'Points')}</th>`,
    `<th class="num">${s('Chỉ số', 'Index')} (${esc(data.indexUnit)})</th>`,
    `<th>${s('Xếp loại', 'Band')}</th>`,
    ...data.areas.map((a) => `<th class="num area" title="${esc(a.title)}">${s('LV', 'A')}${esc(a.code)}</th>`),
    ...(years ? [`<th class="chg">${s('So với', 'Since')} ${esc(data.previousYears[data.previousYears.length - 1]!)}</th>`] : []),
  ]
  // fixed widths (mm) so that the table fits the page whatever the names: the name takes the rest
  const areaW = data.areas.length > 8 ? 5.6 : 6
  const fixed = 9 + 13 + 15 + 22 + data.areas.length * areaW + (years ? 19 : 0)
  const cols = [9, 184 - fixed, 13, 15, 22, ...data.areas.map(() => areaW), ...(years ? [19] : [])]
  const colgroup = `<colgroup>${cols.map((w) => `<col style="width:${w.toFixed(1)}mm">`).join('')}</colgroup>`
  const rows = units.map((u) => {
    const cells = [
      `<td class="num rank">${u.rank ?? '—'}</td>`,
      // a long name gets a smaller type, and wraps rather than being cut
      `<td class="name${[...u.name].length > 34 ? ' long' : ''}">${esc(u.name)}</td>`,
      `<td class="num">${esc(u.total.text)}</td>`,
      `<td class="num strong">${esc(u.index.text)}</td>`,
      `<td class="band-cell">${bandChip(data, u.band)}</td>`,
      ...data.areas.map((a) => `<td class="num area">${u.componentRanks[a.code] ?? '—'}</td>`),
      ...(years ? [changeCell(u)] : []),
    ]
    return `<tr data-unit="${esc(u.id)}">${cells.join('')}</tr>`
  })
  return `<table class="ranking" data-group="${esc(group.key)}">${colgroup}<thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** The legend of the area columns: "LV1 — Công tác chỉ đạo …". @internal */
export function areaLegendHtml(data: ReportData): string {
  const lv = sayIn(data)('LV', 'A')
  return `<p class="legend areas">${data.areas.map((a) => `<span><b>${lv}${esc(a.code)}</b> ${esc(a.title)}</span>`).join(' · ')}</p>`
}
