/**
 * One unit's page: its figures and rank, its areas against the group mean, where it lost
 * points (largest gaps with their reasons), and its appraisal trail.
 */
import { unitAreasSvg } from '../charts/unit-areas.js'
import { bandLabel, type ReportData, type ReportGroup, type ReportUnit } from '../data.js'
import { esc } from '../html.js'
import { bandChip, indexText, rankText } from './common.js'

/** Rows of the appraisal trail shown on a unit's page (the rest are counted). @internal */
export const APPRAISAL_ROWS = 7
/** Notices shown on a unit's page (the rest are counted). @internal */
export const FLAG_ROWS = 4

/**
 * One unit's page as HTML (`width` is the chart's width in CSS pixels).
 *
 * @example
 * ```ts
 * import { buildReportData, unitPageHtml } from '@chiso/adapters/report'
 * const data = buildReportData(batch)
 * const u = data.units[0]
 * const html = unitPageHtml(data, data.groups.find((g) => g.key === u.group)!, u, 690)
 * ```
 */
export function unitPageHtml(data: ReportData, group: ReportGroup, u: ReportUnit, width: number): string {
  const parts: string[] = []
  parts.push(`<h2 class="unit-title">${u.rank === null ? '' : `${u.rank}. `}${esc(u.name)} <span class="unit-band">${bandChip(data, u.band)}</span></h2>`)
  const facts = [
    `Đạt <b>${esc(u.total.text)}</b>/${esc(u.applicableMax.text)} điểm, chỉ số <b>${esc(indexText(data, u.index.text))}</b>, xếp ${esc(rankText(u))} ${esc(group.name.replace(/^Nhóm /, 'trong nhóm '))}, xếp loại ${esc(bandLabel(data, u.band).toLocaleLowerCase('vi'))}`,
  ]
  if (u.change) facts.push(esc(u.change.text))
  if (u.streak) facts.push(esc(u.streak))
  parts.push(`<p class="unit-facts">${facts.join('; ')}.</p>`)
  const extra: string[] = []
  if (u.history.length > 1)
    extra.push(
      `Các năm: ${u.history.map((h) => `${esc(h.year)}: ${h.rank === null ? esc(indexText(data, h.index.text)) : `thứ ${h.rank}/${h.groupSize} (${esc(indexText(data, h.index.text))})`}`).join(' · ')}`,
    )
  if (u.interval && data.sensitivity) {
    const iv = u.interval
    extra.push(
      iv.low === iv.high
        ? `Khi trọng số các lĩnh vực thay đổi ±${esc(data.sensitivity.spread)} %, thứ hạng giữ nguyên ${iv.rank}`
        : `Khi trọng số các lĩnh vực thay đổi ±${esc(data.sensitivity.spread)} %, thứ hạng nằm trong khoảng ${iv.low}–${iv.high} (90 % số lần thử)`,
    )
  }
  if (extra.length > 0) parts.push(`<p class="unit-extra">${extra.join('<br>')}</p>`)

  parts.push(`<h3>Chỉ số thành phần so với bình quân ${esc(group.name.replace(/^Nhóm /, 'nhóm '))} (${esc(data.indexUnit)})</h3>`)
  parts.push(
    `<div class="chart-box">${unitAreasSvg(
      `u-${u.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`,
      data.areas.map((a) => ({ label: `${a.code}. ${a.title}`, unit: u.components[a.code] ?? null, mean: group.areaMeans[a.code] ?? null })),
      { width, scale: data.indexScale },
    )}</div>`,
  )

  parts.push('<h3>Điểm bị mất nhiều nhất</h3>')
  if (u.gaps.length === 0) parts.push('<p class="none">Đơn vị đạt điểm tối đa ở mọi tiêu chí áp dụng.</p>')
  else {
    const rows = u.gaps.map(
      (g) =>
        `<tr><td class="code">${esc(g.code)}</td><td class="crit"><div class="clamp">${esc(g.kind === 'deduction' ? `Điểm trừ — ${g.title}` : g.title)}</div></td><td class="num">${g.kind === 'deduction' ? '' : `${esc(g.points.text)}/${esc(g.max.text)}`}</td><td class="num lost">−${esc(g.lost.text)}</td><td class="why"><div class="clamp">${g.reasons.length > 0 ? g.reasons.map(esc).join('<br>') : '—'}</div></td></tr>`,
    )
    parts.push(`<table class="gaps"><thead><tr><th>Mã</th><th>Tiêu chí</th><th class="num">Đạt/tối đa</th><th class="num">Mất</th><th>Lý do</th></tr></thead><tbody>${rows.join('')}</tbody></table>`)
  }

  parts.push('<h3>Quá trình thẩm định</h3>')
  if (u.appraisals.length === 0) parts.push('<p class="none">Không có vòng thẩm định nào thay đổi điểm tự đánh giá của đơn vị.</p>')
  else {
    const shown = u.appraisals.slice(0, APPRAISAL_ROWS)
    const rows = shown.map(
      (a) =>
        `<tr><td class="num">${a.round}</td><td class="date">${esc(a.at)}</td><td class="who"><div class="clamp1">${esc(a.reviewer)}</div></td><td class="code">${esc(a.code)}</td><td class="num">${esc(a.from)} → ${esc(a.to)}</td><td class="why"><div class="clamp1">${esc(a.reason)}</div></td></tr>`,
    )
    parts.push(
      `<table class="trail"><thead><tr><th class="num">Vòng</th><th>Ngày</th><th>Người thẩm định</th><th>Mã</th><th class="num">Điểm</th><th>Lý do</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
    if (u.appraisals.length > shown.length) parts.push(`<p class="more">… và ${u.appraisals.length - shown.length} thay đổi khác.</p>`)
  }
  if (u.flags.length > 0) {
    const shown = u.flags.slice(0, FLAG_ROWS)
    parts.push(
      `<h3>Cần lưu ý</h3><ul class="flags">${shown.map((f) => `<li><div class="clamp1">${esc(f)}</div></li>`).join('')}</ul>${u.flags.length > shown.length ? `<p class="more">… và ${u.flags.length - shown.length} lưu ý khác.</p>` : ''}`,
    )
  }
  return parts.join('\n')
}
