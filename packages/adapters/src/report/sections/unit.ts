/**
 * One unit's page: its figures and rank, its areas against the group mean, where it lost
 * points (largest gaps with their reasons), and its appraisal trail.
 */
import { unitAreasSvg } from '../charts/unit-areas.js'
import { bandLabel, type ReportData, type ReportGroup, type ReportUnit } from '../data.js'
import { esc } from '../html.js'
import { bandChip, comparedPlaces, indexText, rankText, sayIn } from './common.js'

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
  const s = sayIn(data)
  const en = data.locale === 'en'
  parts.push(`<h2 class="unit-title">${u.rank === null ? '' : `${u.rank}. `}${esc(u.name)} <span class="unit-band">${bandChip(data, u.band)}</span></h2>`)
  const facts = [
    en
      ? `<b>${esc(u.total.text)}</b> of ${esc(u.applicableMax.text)} points, index <b>${esc(indexText(data, u.index.text))}</b>, ranked ${esc(rankText(u, data))} in ${esc(group.name.toLocaleLowerCase('en'))}, band: ${esc(bandLabel(data, u.band).toLocaleLowerCase('en'))}`
      : `Đạt <b>${esc(u.total.text)}</b>/${esc(u.applicableMax.text)} điểm, chỉ số <b>${esc(indexText(data, u.index.text))}</b>, xếp ${esc(rankText(u))} ${esc(group.name.replace(/^Nhóm /, 'trong nhóm '))}, xếp loại ${esc(bandLabel(data, u.band).toLocaleLowerCase('vi'))}`,
  ]
  // the place is already said above: the earlier year's place alone, not "xếp thứ 1/3" twice
  const places = comparedPlaces(u)
  if (places) facts.push(esc(s(`năm ${places.year} xếp thứ ${places.from.rank}/${places.from.groupSize}`, `ranked ${places.from.rank} of ${places.from.groupSize} in ${places.year}`)))
  else if (u.change) facts.push(esc(u.change.text))
  if (u.streak) facts.push(esc(u.streak))
  parts.push(`<p class="unit-facts">${facts.join('; ')}.</p>`)
  const extra: string[] = []
  if (u.history.length > 1)
    extra.push(
      `${s('Các năm', 'Years')}: ${u.history.map((h) => `${esc(h.year)}: ${h.rank === null ? esc(indexText(data, h.index.text)) : `${s(`thứ ${h.rank}/${h.groupSize}`, `${h.rank} of ${h.groupSize}`)} (${esc(indexText(data, h.index.text))})`}`).join(' · ')}`,
    )
  if (u.interval && data.sensitivity) {
    const iv = u.interval
    extra.push(
      iv.low === iv.high
        ? s(
            `Khi trọng số các lĩnh vực thay đổi ±${esc(data.sensitivity.spread)} %, thứ hạng giữ nguyên ${iv.rank}`,
            `With the area weights changed by ±${esc(data.sensitivity.spread)}%, the rank stays ${iv.rank}`,
          )
        : s(
            `Khi trọng số các lĩnh vực thay đổi ±${esc(data.sensitivity.spread)} %, thứ hạng nằm trong khoảng ${iv.low}–${iv.high} (90 % số lần thử)`,
            `With the area weights changed by ±${esc(data.sensitivity.spread)}%, the rank lies between ${iv.low} and ${iv.high} (90% of the draws)`,
          ),
    )
  }
  if (extra.length > 0) parts.push(`<p class="unit-extra">${extra.join('<br>')}</p>`)

  parts.push(
    en
      ? `<h3>Component indexes against the mean of ${esc(group.name.toLocaleLowerCase('en'))} (${esc(data.indexUnit)})</h3>`
      : `<h3>Chỉ số thành phần so với bình quân ${esc(group.name.replace(/^Nhóm /, 'nhóm '))} (${esc(data.indexUnit)})</h3>`,
  )
  parts.push(
    `<div class="chart-box">${unitAreasSvg(
      `u-${u.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`,
      data.areas.map((a) => ({ label: `${a.code}. ${a.title}`, unit: u.components[a.code] ?? null, mean: group.areaMeans[a.code] ?? null })),
      { width, scale: data.indexScale, locale: data.locale ?? 'vi' },
    )}</div>`,
  )

  parts.push(`<h3>${s('Điểm bị mất nhiều nhất', 'Where the most points were lost')}</h3>`)
  if (u.gaps.length === 0) parts.push(`<p class="none">${s('Đơn vị đạt điểm tối đa ở mọi tiêu chí áp dụng.', 'Full points on every applicable criterion.')}</p>`)
  else {
    const rows = u.gaps.map(
      (g) =>
        `<tr><td class="code">${esc(g.code)}</td><td class="crit"><div class="clamp">${esc(g.kind === 'deduction' ? `${s('Điểm trừ', 'Deduction')} — ${g.title}` : g.title)}</div></td><td class="num">${g.kind === 'deduction' ? '' : `${esc(g.points.text)}/${esc(g.max.text)}`}</td><td class="num lost">−${esc(g.lost.text)}</td><td class="why"><div class="clamp">${g.reasons.length > 0 ? g.reasons.map(esc).join('<br>') : '—'}</div></td></tr>`,
    )
    parts.push(
      `<table class="gaps"><thead><tr><th>${s('Mã', 'Code')}</th><th>${s('Tiêu chí', 'Criterion')}</th><th class="num">${s('Đạt/tối đa', 'Got/max')}</th><th class="num">${s('Mất', 'Lost')}</th><th>${s('Lý do', 'Why')}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
  }

  parts.push(`<h3>${s('Quá trình thẩm định', 'Appraisal trail')}</h3>`)
  if (u.appraisals.length === 0) parts.push(`<p class="none">${s('Không có vòng thẩm định nào thay đổi điểm tự đánh giá của đơn vị.', "No appraisal round changed the unit's self scores.")}</p>`)
  else {
    const shown = u.appraisals.slice(0, APPRAISAL_ROWS)
    const rows = shown.map(
      (a) =>
        `<tr><td class="num">${a.round}</td><td class="date">${esc(a.at)}</td><td class="who"><div class="clamp1">${esc(a.reviewer)}</div></td><td class="code">${esc(a.code)}</td><td class="num">${esc(a.from)} → ${esc(a.to)}</td><td class="why"><div class="clamp1">${esc(a.reason)}</div></td></tr>`,
    )
    parts.push(
      `<table class="trail"><thead><tr><th class="num">${s('Vòng', 'Round')}</th><th>${s('Ngày', 'Date')}</th><th>${s('Người thẩm định', 'Reviewer')}</th><th>${s('Mã', 'Code')}</th><th class="num">${s('Điểm', 'Points')}</th><th>${s('Lý do', 'Reason')}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
    if (u.appraisals.length > shown.length)
      parts.push(`<p class="more">${s(`… và ${u.appraisals.length - shown.length} thay đổi khác.`, `… and ${u.appraisals.length - shown.length} more changes.`)}</p>`)
  }
  if (u.flags.length > 0) {
    const shown = u.flags.slice(0, FLAG_ROWS)
    parts.push(
      `<h3>${s('Cần lưu ý', 'Notes')}</h3><ul class="flags">${shown.map((f) => `<li><div class="clamp1">${esc(f)}</div></li>`).join('')}</ul>${u.flags.length > shown.length ? `<p class="more">${s(`… và ${u.flags.length - shown.length} lưu ý khác.`, `… and ${u.flags.length - shown.length} more notes.`)}</p>` : ''}`,
    )
  }
  return parts.join('\n')
}
