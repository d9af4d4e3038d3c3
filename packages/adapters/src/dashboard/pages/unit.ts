/**
 * A unit's page: its figures and rank in the chosen year, its areas against the group
 * mean, where it lost points, every appraisal round (reviewer, time, reason), the explain
 * tree (each criterion with the rule that fired, the facts and evidence it read, the
 * rounds that changed it) and its history across years and mergers.
 */
import type { RankedUnit } from '@chiso/core'
import type { UnitHistory } from '@chiso/store'
import { adjustmentAndLimitLines, flagLines, leafLines } from '../../cli/explain.js'
import { unitAreasSvg } from '../../report/charts/unit-areas.js'
import type { ReportUnit } from '../../report/data.js'
import { esc } from '../../report/html.js'
import { bandChip, bandCss, indexText } from '../../report/sections/common.js'
import { formatNumber, textIn } from '../../shared/locale.js'
import { ROW_MARK, reconstructedCodes } from '../../shared/marks.js'
import { groupHeading } from '../../shared/summary.js'
import type { PackView, GroupView } from '../data.js'
import type { PageContext } from '../layout.js'
import { CHART_WIDTH, dateText, statusHtml, unitHref } from './overview.js'

/** What the unit page shows for the chosen year. @internal */
export interface UnitYear {
  readonly view: PackView
  readonly group: GroupView
  readonly ranked: RankedUnit
  readonly unit: ReportUnit
}

/** The explain tree of a result as nested disclosure widgets (keyboard-usable without script). */
function explainTree(ctx: PageContext, ranked: RankedUnit): string {
  const result = ranked.result
  const pack = result.pack
  const marks = reconstructedCodes(pack)
  const locale = ctx.locale
  const s = ctx.say
  const node = (i: number): string => {
    const n = pack.nodes[i]!
    const r = result.node(n.code)!
    const t = r.trace
    const lines = t ? (n.isLeaf ? leafLines(result, n.code, t, locale) : adjustmentAndLimitLines(result, t, locale)) : []
    const idx = !n.isLeaf && r.index !== null ? ` (${formatNumber(r.index, locale)}%)` : ''
    const na = r.notApplicable ? ` — ${s('không áp dụng', 'not applicable')}` : ''
    const mark = marks.has(n.code) ? ` <span class="mark-rec">${ROW_MARK[locale]}</span>` : ''
    const changed = t && t.appraisals.length > 0 ? ` <span class="status provisional">${s('đã thẩm định', 'appraised')}</span>` : ''
    const head = `<span class="code">${esc(n.code)}</span> ${esc(textIn(n.title, locale))}: <span class="pts">${formatNumber(r.points, locale)}/${formatNumber(r.applicableMax, locale)}</span>${idx}${na}${mark}${changed}`
    const steps = lines.length > 0 ? `<ul class="steps">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''
    const kids = n.children.length > 0 ? `<div class="kids">${n.children.map(node).join('')}</div>` : ''
    if (!steps && !kids) return `<p class="node leaf">${head}</p>`
    return `<details class="node" data-code="${esc(n.code)}"><summary>${head}</summary>${steps}${kids}</details>`
  }
  const root = pack.nodes[0]!
  const rootTrace = result.node(root.code)?.trace
  const rootLines = rootTrace ? adjustmentAndLimitLines(result, rootTrace, locale) : []
  const flags = flagLines(result, locale)
  return `<div class="explain">${root.children.map(node).join('')}${rootLines.length > 0 ? `<ul class="steps">${rootLines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}${
    flags.length > 0 ? `<h3>${s('Cần lưu ý', 'Flags')}</h3><ul class="steps">${flags.map((f) => `<li>${esc(f.replace(/^! /, ''))}</li>`).join('')}</ul>` : ''
  }</div>`
}

/** The history table: each year the unit (or its predecessors) had a result. */
function historyHtml(ctx: PageContext, h: UnitHistory, publicOnly: boolean, period: string, bandName: (code: string) => string): string {
  const s = ctx.say
  const parts: string[] = []
  const link = (u: { unitId: string; name: string }): string => `<a href="${esc(unitHref(u.unitId, period))}">${esc(u.name)}</a>`
  if (h.lineage.predecessors.length > 0) parts.push(`<p>${s('Hình thành từ', 'Formed from')}: ${h.lineage.predecessors.map(link).join(', ')}.</p>`)
  if (h.lineage.successors.length > 0) parts.push(`<p>${s('Đã sáp nhập vào', 'Merged into')}: ${h.lineage.successors.map(link).join(', ')}.</p>`)
  // a year shows to the public only when every ranking it comes from is published
  const visible = (year: string): boolean => !publicOnly || h.sources.filter((x) => x.period === year).every((x) => x.status === 'published')
  const years = (h.years?.years ?? []).filter((y) => visible(y.year))
  if (years.length === 0) {
    parts.push(`<p class="muted">${s('Chưa có kết quả các năm trước.', 'No results of earlier years.')}</p>`)
    return parts.join('')
  }
  const names = new Map([[h.unit.id, h.unit.name], ...h.lineage.predecessors.map((p) => [p.unitId, p.name] as const)])
  const rows = years.map((y) => {
    const from = y.from.length === 1 && y.from[0] === h.unit.id ? '' : y.from.map((id) => esc(names.get(id) ?? id)).join(', ')
    const src = h.sources.filter((x) => x.period === y.year)
    const published = src.length > 0 && src.every((x) => x.status === 'published')
    return `<tr><th scope="row">${esc(y.year)}</th><td>${from || s('chính đơn vị', 'the unit itself')}</td><td class="num">${formatNumber(y.index, ctx.locale)}</td><td class="num">${y.rank === null ? '—' : s(`thứ ${y.rank}/${y.groupSize}`, `${y.rank} of ${y.groupSize}`)}</td><td>${esc(y.band === null ? '—' : bandName(y.band))}</td><td>${published ? s('đã công bố', 'published') : s('tạm tính', 'provisional')}</td></tr>`
  })
  parts.push(
    `<table class="history"><caption>${s('Kết quả qua các năm (trước khi sáp nhập: của các đơn vị tiền thân)', 'Results over the years (before a merger: of the predecessors)')}</caption><thead><tr><th scope="col">${s('Năm', 'Year')}</th><th scope="col">${s('Kết quả của', 'Result of')}</th><th scope="col" class="num">${s('Chỉ số', 'Index')}</th><th scope="col" class="num">${s('Thứ hạng', 'Rank')}</th><th scope="col">${s('Xếp loại', 'Band')}</th><th scope="col">${s('Trạng thái', 'Status')}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  )
  const changes = (h.years?.changes ?? []).filter((c) => visible(c.fromYear) && visible(c.toYear))
  if (changes.length > 0) parts.push(`<ul>${changes.map((c) => `<li>${esc(c.text[ctx.locale])}</li>`).join('')}</ul>`)
  if (h.years?.streakText && !publicOnly) parts.push(`<p>${esc(h.years.streakText[ctx.locale])}</p>`)
  return parts.join('')
}

/** The unit page's body. @internal */
export function unitBody(
  ctx: PageContext,
  o: {
    unitId: string
    name: string
    period: string | null
    periods: readonly string[]
    year: UnitYear | null
    history: UnitHistory
    publicOnly: boolean
    actions: string
    /** a band's name by its code, in the page's language (bands of every edition) */
    bandName: (code: string) => string
  },
): { body: string; style: string } {
  const s = ctx.say
  const parts: string[] = []
  parts.push(`<h1>${esc(o.name)}</h1>`)
  if (o.periods.length > 0) {
    const opts = o.periods.map((p) => `<option value="${esc(p)}"${p === o.period ? ' selected' : ''}>${esc(p)}</option>`).join('')
    parts.push(
      `<form class="filters" method="get" action="/units/${encodeURIComponent(o.unitId)}"><div class="field"><label for="f-year">${s('Năm đánh giá', 'Year')}</label><select id="f-year" name="year">${opts}</select></div><button type="submit" class="primary">${s('Xem', 'Show')}</button></form>`,
    )
  }
  if (o.actions) parts.push(o.actions)
  let style = ''
  const y = o.year
  if (!y) {
    parts.push(
      `<p class="notice info">${o.publicOnly ? s(`Kết quả năm ${esc(o.period ?? '')} của đơn vị này chưa được công bố.`, `This unit's ${esc(o.period ?? '')} result has not been published yet.`) : s(`Đơn vị chưa có kết quả năm ${esc(o.period ?? '')}.`, `The unit has no ${esc(o.period ?? '')} result.`)}</p>`,
    )
  } else {
    const data = y.view.dataIn(ctx.locale)
    const u = y.unit
    style = bandCss(data)
    const band = y.ranked.band ? textIn(y.ranked.band.label, ctx.locale) : s('chưa xếp loại', 'not banded')
    const groupName = groupHeading(y.view.batch, u.group, ctx.locale)
    const rank = u.rank === null ? s('không xếp hạng', 'not ranked') : s(`xếp thứ ${u.rank}/${u.groupSize}`, `ranked ${u.rank} of ${u.groupSize}`)
    parts.push(`<p class="lead">${statusHtml(y.group, s, ctx.locale)}</p>`)
    parts.push(
      `<dl class="facts"><dt>${s('Điểm', 'Points')}</dt><dd><b>${esc(u.total.text)}</b>/${esc(u.applicableMax.text)}</dd><dt>${s('Chỉ số', 'Index')}</dt><dd><b>${esc(indexText(data, u.index.text))}</b></dd><dt>${s('Thứ hạng', 'Rank')}</dt><dd>${esc(rank)} ${s('trong', 'in')} ${esc(groupName.replace(/^Khối /, 'khối '))}</dd><dt>${s('Xếp loại', 'Band')}</dt><dd>${bandChip(data, u.band, false)} ${esc(band)}</dd>${
        u.change ? `<dt>${s(`So với năm ${esc(u.change.fromYear)}`, `Since ${esc(u.change.fromYear)}`)}</dt><dd>${esc(u.change.text)}</dd>` : ''
      }<dt>${s('Mã kiểm tra', 'Fingerprint')}</dt><dd><code>${esc(y.ranked.result.fingerprint.slice(0, 16))}</code></dd></dl>`,
    )
    const rg = data.groups.find((g) => g.key === u.group)!
    parts.push(`<h2>${s('Chỉ số thành phần so với bình quân nhóm', 'Areas against the group mean')}${data.indexPercent ? ' (%)' : ''}</h2>`)
    parts.push(
      `<div class="chart-box">${(() => {
        const id = `u-${u.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`
        const bars = data.areas.map((a) => ({ label: `${a.code}. ${a.title}`, unit: u.components[a.code] ?? null, mean: rg.areaMeans[a.code] ?? null }))
        return ctx.charts.svg('areas', [id, ctx.locale, bars, data.indexScale], () => unitAreasSvg(id, bars, { width: CHART_WIDTH, scale: data.indexScale, locale: ctx.locale }))
      })()}</div>`,
    )
    parts.push(`<h2>${s('Điểm bị mất nhiều nhất', 'Where the most points were lost')}</h2>`)
    if (u.gaps.length === 0) parts.push(`<p class="muted">${s('Đơn vị đạt điểm tối đa ở mọi tiêu chí áp dụng.', 'Full points on every applicable criterion.')}</p>`)
    else {
      const rows = u.gaps.map(
        (g) =>
          `<tr><td>${esc(g.code)}</td><td>${esc(g.kind === 'deduction' ? `${s('Điểm trừ', 'Deduction')} — ${g.title}` : titleOf(y, g.code, g.title, ctx.locale))}</td><td class="num">${g.kind === 'deduction' ? '' : `${esc(g.points.text)}/${esc(g.max.text)}`}</td><td class="num">−${esc(g.lost.text)}</td><td>${g.reasons.length > 0 ? g.reasons.map(esc).join('<br>') : '—'}</td></tr>`,
      )
      parts.push(
        `<table class="gaps"><thead><tr><th scope="col">${s('Mã', 'Code')}</th><th scope="col">${s('Tiêu chí', 'Criterion')}</th><th scope="col" class="num">${s('Đạt/tối đa', 'Got/max')}</th><th scope="col" class="num">${s('Mất', 'Lost')}</th><th scope="col">${s('Lý do', 'Why')}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      )
    }
    parts.push(`<h2 id="appraisal">${s('Các vòng thẩm định', 'Appraisal rounds')}</h2>`)
    if (u.appraisals.length === 0) parts.push(`<p class="muted">${s('Không có vòng thẩm định nào thay đổi điểm tự đánh giá.', 'No appraisal round changed a self score.')}</p>`)
    else {
      const rows = u.appraisals.map(
        (a) =>
          `<tr><td class="num">${a.round}</td><td>${esc(dateText(a.at, ctx.locale))}${a.at.length > 10 ? ` ${esc(a.at.slice(11, 16))}` : ''}</td><td>${esc(a.reviewer)}</td><td>${esc(a.code)} ${esc(titleOf(y, a.code, a.title, ctx.locale))}</td><td class="num">${esc(a.from)} → ${esc(a.to)}</td><td class="reason">${esc(a.reason)}</td></tr>`,
      )
      parts.push(
        `<table class="rounds"><thead><tr><th scope="col" class="num">${s('Vòng', 'Round')}</th><th scope="col">${s('Thời điểm', 'When')}</th><th scope="col">${s('Người thẩm định', 'Reviewer')}</th><th scope="col">${s('Tiêu chí', 'Criterion')}</th><th scope="col" class="num">${s('Điểm', 'Points')}</th><th scope="col">${s('Lý do', 'Reason')}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      )
    }
    parts.push(`<h2>${s('Cách tính điểm từng tiêu chí', 'How each criterion was scored')}</h2>`)
    parts.push(
      `<p class="muted">${s('Mở từng lĩnh vực để xem quy tắc đã áp dụng, dữ kiện, tài liệu kiểm chứng và các lần thẩm định.', 'Open each area to see the rule that fired, the facts, the evidence and the appraisal rounds.')}</p>`,
    )
    parts.push(explainTree(ctx, y.ranked))
  }
  parts.push(`<h2>${s('Lịch sử qua các năm và sáp nhập', 'History across years and mergers')}</h2>`)
  parts.push(historyHtml(ctx, o.history, o.publicOnly, o.period ?? '', o.bandName))
  return { body: parts.join('\n'), style }
}

/** A criterion's title in the page's language (the report's data holds the Vietnamese one). */
function titleOf(y: UnitYear, code: string, vi: string, locale: 'vi' | 'en'): string {
  const n = y.view.pack.node(code)
  return locale === 'en' && n ? (n.title.en ?? n.title.vi) : vi
}
