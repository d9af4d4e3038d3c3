/**
 * The province overview: for the chosen year (and group), each group's ranking with its
 * bands, where it stands (published with its decision, or provisional), and the report's
 * charts of it: every unit's index with the band thresholds, the heat map of areas, the
 * rank changes since the year before and the band counts per year.
 */
import { bandYearsSvg } from '../../report/charts/band-years.js'
import { heatmapSvg } from '../../report/charts/heatmap.js'
import { indexBarsSvg } from '../../report/charts/index-bars.js'
import { slopeSvg } from '../../report/charts/slope.js'
import { styleOf, type ReportData, type ReportUnit } from '../../report/data.js'
import { esc, pad2 } from '../../report/html.js'
import { bandChip, bandCss, indexText } from '../../report/sections/common.js'
import { bandSummary, groupHeading } from '../../shared/summary.js'
import type { Locale } from '../../shared/locale.js'
import type { PackView, PeriodView, GroupView } from '../data.js'
import type { PageContext, Say } from '../layout.js'

/** Width of the charts in CSS pixels. @internal */
export const CHART_WIDTH = 860

/** A date for a reader: "01/03/2025" in Vietnamese, ISO in English. @internal */
export function dateText(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return locale === 'vi' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`
}

/** Where a group's ranking stands: published with its decision, or provisional. @internal */
export function statusHtml(g: GroupView, say: Say, locale: Locale): string {
  const p = g.ranking.publication
  if (g.ranking.status === 'published' && p) {
    return `<span class="status published">${say('Đã công bố', 'Published')}</span> ${say('Quyết định số', 'Decision no.')} ${esc(p.decision.number)} ${say('ngày', 'of')} ${esc(dateText(p.decision.date, locale))}${p.version > 1 ? ` ${say(`(đính chính lần ${p.version - 1})`, `(correction ${p.version - 1})`)}` : ''}`
  }
  const stale = g.ranking.stale.length
  return `<span class="status provisional">${say('Tạm tính, chưa công bố', 'Provisional, not published')}</span>${stale > 0 ? ` ${say(`${pad2(stale)} đơn vị có hồ sơ mới chưa chấm lại`, `${pad2(stale)} units changed since their last scoring`)}` : ''}`
}

/** The change column, in the page's language. */
function changeCell(u: ReportUnit, say: Say): string {
  const c = u.change
  if (!c) return '<td>—</td>'
  if (c.rankChange === null) return `<td>${say('không so sánh được', 'not comparable')}</td>`
  if (c.rankChange === 0) return `<td>${say('giữ nguyên', 'unchanged')}</td>`
  const n = Math.abs(c.rankChange)
  return `<td>${c.rankChange > 0 ? say(`tăng ${n} bậc`, `up ${n}`) : say(`giảm ${n} bậc`, `down ${n}`)}</td>`
}

/** An area's title in the page's language (the report's data holds the Vietnamese one). */
const areaTitle = (view: PackView, code: string, locale: Locale): string => {
  const n = view.pack.node(code)
  return n ? (locale === 'en' ? (n.title.en ?? n.title.vi) : n.title.vi) : code
}

const slug = (s: string): string => s.replace(/[^a-zA-Z0-9_-]/g, '_')

/** A unit's page link. @internal */
export const unitHref = (id: string, period: string): string => `/units/${encodeURIComponent(id)}?year=${encodeURIComponent(period)}`

/** The ranking table of a group. */
function rankingTable(ctx: PageContext, view: PackView, g: GroupView, units: readonly ReportUnit[]): string {
  const s = ctx.say
  const data = view.dataIn(ctx.locale)
  const areas = data.areas
  const prev = view.previousPeriod
  const head = [
    `<th scope="col" class="num">${s('Hạng', 'Rank')}</th>`,
    `<th scope="col">${s('Đơn vị', 'Unit')}</th>`,
    `<th scope="col" class="num">${s('Điểm', 'Points')}</th>`,
    `<th scope="col" class="num">${s('Chỉ số', 'Index')}${data.indexPercent ? ' (%)' : ''}</th>`,
    `<th scope="col">${s('Xếp loại', 'Band')}</th>`,
    ...areas.map((a) => `<th scope="col" class="num"><abbr title="${esc(areaTitle(view, a.code, ctx.locale))}">${s('LV', 'A')}${esc(a.code)}</abbr></th>`),
    ...(prev ? [`<th scope="col">${s(`So với ${esc(prev)}`, `Since ${esc(prev)}`)}</th>`] : []),
  ]
  const bandLabelOf = (code: string | null): string => {
    if (code === null) return s('Chưa xếp loại', 'Not banded')
    const b = view.pack.bands.find((x) => x.code === code)
    return b ? (ctx.locale === 'en' ? (b.label.en ?? b.label.vi) : b.label.vi) : code
  }
  const rows = units.map((u) => {
    const st = styleOf(data, u.band)
    return `<tr data-unit="${esc(u.id)}"><td class="num">${u.rank ?? '—'}</td><th scope="row"><a href="${esc(unitHref(u.id, data.period))}">${esc(u.name)}</a></th><td class="num">${esc(u.total.text)}</td><td class="num"><b>${esc(u.index.text)}</b></td><td><span class="chip ${chipClass(data, u.band)}" data-band="${esc(u.band ?? '')}" aria-hidden="true">${esc(st.short)}</span> ${esc(bandLabelOf(u.band))}</td>${areas.map((a) => `<td class="num">${u.componentRanks[a.code] ?? '—'}</td>`).join('')}${prev ? changeCell(u, s) : ''}</tr>`
  })
  const caption = s(`Bảng xếp hạng — ${esc(groupHeading(view.batch, g.key, 'vi'))}, năm ${esc(data.period)}`, `Ranking — ${esc(groupHeading(view.batch, g.key, 'en'))}, ${esc(data.period)}`)
  return `<div class="table-wrap"><table class="ranking" data-group="${esc(g.key)}"><caption>${caption}</caption><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`
}

function chipClass(data: ReportData, code: string | null): string {
  // the report's classes, whose colours bandCss gives
  return bandChip(data, code, false).match(/class="chip ([^"]+)"/)![1]!
}

function bandLegend(ctx: PageContext, view: PackView): string {
  const data = view.dataIn(ctx.locale)
  if (data.bands.length === 0) return ''
  const items = view.pack.bands.map((b, i) => {
    const rb = data.bands[i]!
    return `<li>${bandChip(data, b.code, false)} ${esc(ctx.locale === 'en' ? (b.label.en ?? b.label.vi) : b.label.vi)} <span class="muted">${rb.minExclusive ? '&gt;' : '≥'} ${esc(rb.min.text)}${data.indexPercent ? '%' : ''}</span></li>`
  })
  return `<ul class="legend bands" aria-label="${ctx.say('Chú giải xếp loại', 'Band legend')}">${items.join('')}</ul>`
}

/** A chart, drawn in the page's language. */
const chart = (_ctx: PageContext, svg: string): string => `<div class="chart-box">${svg}</div>`

function groupSection(ctx: PageContext, view: PackView, g: GroupView, n: number): string {
  const s = ctx.say
  const data = view.dataIn(ctx.locale)
  const rg = data.groups.find((x) => x.key === g.key)!
  const byId = new Map(data.units.map((u) => [u.id, u]))
  const units = rg.units.map((id) => byId.get(id)!)
  const id = `${slug(g.key)}-${n}`
  const summary = bandSummary(view.batch, { group: g.key, locale: ctx.locale })
  const mean = rg.mean ? indexText(data, rg.mean.text) : null
  const parts: string[] = []
  parts.push(`<section class="group" data-group="${esc(g.key)}" aria-labelledby="h-${id}">`)
  parts.push(`<h2 id="h-${id}">${esc(groupHeading(view.batch, g.key, ctx.locale))}</h2>`)
  parts.push(`<p class="lead">${statusHtml(g, s, ctx.locale)}</p>`)
  if (summary) parts.push(`<p class="lead">${esc(summary)}${mean ? s(`; chỉ số bình quân ${esc(mean)}`, `; mean index ${esc(mean)}`) : ''}.</p>`)
  parts.push(rankingTable(ctx, view, g, units))
  parts.push(`<p class="legend">${data.areas.map((a) => `<span><b>${s('LV', 'A')}${esc(a.code)}</b> ${esc(areaTitle(view, a.code, ctx.locale))}</span>`).join(' · ')}</p>`)
  parts.push(`<h3>${s('Chỉ số của từng đơn vị và ngưỡng xếp loại', "Each unit's index and the band thresholds")}</h3>`)
  parts.push(bandLegend(ctx, view))
  const bars = units.map((u) => ({ name: u.name, value: u.index.value, text: u.index.text, style: styleOf(data, u.band) }))
  parts.push(
    chart(
      ctx,
      ctx.charts.svg('bars', [id, ctx.locale, bars, data.bands, data.indexScale, data.indexUnit], () =>
        indexBarsSvg(`bars-${id}`, bars, data.bands, { width: CHART_WIDTH, scale: data.indexScale, unit: data.indexUnit, locale: ctx.locale }),
      ),
    ),
  )
  parts.push(`<h3>${s('Chỉ số thành phần theo lĩnh vực (%)', 'Component index by area (%)')}</h3>`)
  parts.push(`<p class="lead">${s('Ô càng đậm, lĩnh vực càng yếu; “—”: không áp dụng.', 'The darker the cell, the weaker the area; “—”: not applicable.')}</p>`)
  const rows = units.map((u) => ({ name: u.name, cells: data.areas.map((a) => u.components[a.code] ?? null) }))
  parts.push(
    chart(
      ctx,
      ctx.charts.svg('heat', [id, ctx.locale, rows, data.areas], () =>
        heatmapSvg(
          `heat-${id}`,
          rows,
          data.areas.map((a) => a.code),
          { width: CHART_WIDTH, locale: ctx.locale },
        ),
      ),
    ),
  )
  const prev = view.previousPeriod
  if (prev !== null) {
    const lines = units
      .map((u) => ({ u, before: [...u.history].reverse().find((h) => h.year === prev) }))
      .filter((x) => x.u.rank !== null && x.before !== undefined && x.before.rank !== null && x.u.change?.rankChange !== null)
      .map(({ u, before }) => ({ name: u.name, from: before!.rank!, to: u.rank! }))
    parts.push(`<h3>${s(`Thay đổi thứ hạng ${esc(prev)}–${esc(data.period)}`, `Rank changes ${esc(prev)}–${esc(data.period)}`)}</h3>`)
    const missing = units.length - lines.length
    parts.push(
      `<p class="lead">${s('Đường liền: tăng bậc; đường đứt: giảm bậc; đường chấm: giữ nguyên.', 'Solid: up; dashed: down; dotted: unchanged.')}${missing > 0 ? ' ' + s(`${pad2(missing)} đơn vị không so sánh được thứ hạng với năm ${esc(prev)} (mới thành lập, sáp nhập hoặc chưa có kết quả).`, `${pad2(missing)} units have no comparable rank in ${esc(prev)} (new, merged or without a result).`) : ''}</p>`,
    )
    if (lines.length > 0)
      parts.push(
        chart(
          ctx,
          ctx.charts.svg('slope', [id, ctx.locale, lines, prev, data.period], () => slopeSvg(`slope-${id}`, lines, prev, data.period, { width: CHART_WIDTH, locale: ctx.locale })),
        ),
      )
    const by = data.bandYears.find((b) => b.group === g.key)
    if (by && by.years.length > 1) {
      parts.push(`<h3>${s('Xếp loại qua các năm', 'Bands over the years')}</h3>`)
      parts.push(
        chart(
          ctx,
          ctx.charts.svg('years', [id, ctx.locale, by.years, data.bands, data.extraBands], () =>
            bandYearsSvg(`years-${id}`, by.years, [...data.bands, ...data.extraBands], { width: CHART_WIDTH, height: 300, locale: ctx.locale }),
          ),
        ),
      )
    }
  }
  parts.push('</section>')
  return parts.join('\n')
}

/** The overview page's body and the band styles it needs. @internal */
export function overviewBody(ctx: PageContext, o: { view: PeriodView | null; periods: readonly string[]; period: string | null; group: string | null }): { body: string; style: string } {
  const s = ctx.say
  const parts: string[] = []
  const view = o.view
  parts.push(
    `<h1>${o.period ? s(`Kết quả Chỉ số cải cách hành chính năm ${esc(o.period)}`, `PAR Index results, ${esc(o.period)}`) : s('Kết quả Chỉ số cải cách hành chính', 'PAR Index results')}</h1>`,
  )
  const groups = view ? view.packs.flatMap((p) => p.groups.map((g) => ({ key: g.key, name: groupHeading(p.batch, g.key, ctx.locale) }))) : []
  if (o.periods.length > 0) {
    const years = o.periods.map((p) => `<option value="${esc(p)}"${p === o.period ? ' selected' : ''}>${esc(p)}</option>`).join('')
    const gopts = [
      `<option value="">${s('Tất cả các nhóm', 'Every group')}</option>`,
      ...groups.map((g) => `<option value="${esc(g.key)}"${g.key === o.group ? ' selected' : ''}>${esc(g.name)}</option>`),
    ].join('')
    parts.push(
      `<form class="filters" method="get" action="/" role="search" aria-label="${s('Lọc kết quả', 'Filter the results')}"><div class="field"><label for="f-year">${s('Năm đánh giá', 'Year')}</label><select id="f-year" name="year">${years}</select></div><div class="field"><label for="f-group">${s('Nhóm đơn vị', 'Group')}</label><select id="f-group" name="group">${gopts}</select></div><button type="submit" class="primary">${s('Xem', 'Show')}</button></form>`,
    )
  }
  if (!view || o.period === null) {
    parts.push(`<p class="notice info">${s('Chưa có kết quả nào được công bố.', 'No results have been published yet.')}</p>`)
    return { body: parts.join('\n'), style: '' }
  }
  let n = 0
  let style = ''
  for (const p of view.packs) {
    const shown = p.groups.filter((g) => o.group === null || g.key === o.group)
    if (shown.length === 0) continue
    style += bandCss(p.dataIn(ctx.locale))
    for (const g of shown) parts.push(groupSection(ctx, p, g, ++n))
  }
  if (n === 0) {
    parts.push(
      `<p class="notice info">${
        view.hidden.length > 0 && view.audience === 'public'
          ? s(`Kết quả năm ${esc(view.period)} chưa được công bố.`, `The results of ${esc(view.period)} have not been published yet.`)
          : s('Không có kết quả nào cho lựa chọn này.', 'No results for this choice.')
      }</p>`,
    )
  } else if (view.hidden.length > 0 && view.audience === 'public') {
    parts.push(
      `<p class="notice info">${s(`${pad2(view.hidden.length)} nhóm khác chưa công bố kết quả năm ${esc(view.period)}.`, `${pad2(view.hidden.length)} other groups have not published their ${esc(view.period)} results yet.`)}</p>`,
    )
  }
  return { body: parts.join('\n'), style }
}
