/**
 * The signed-in screens: sign-in, a unit's self-assessment form, the appraisal screen
 * (self score beside the appraised one, a reason for every change, the version seen in a
 * hidden field) and publishing a group's ranking with its decision.
 */
import { Exact, type CompiledPack, type UnitResult } from '@chiso/core'
import { esc, pad2 } from '../../report/html.js'
import { formatScore, textIn, type Locale } from '../../shared/locale.js'
import { ROW_MARK, reconstructedCodes } from '../../shared/marks.js'
import type { GroupView } from '../data.js'
import { csrfField, type PageContext } from '../layout.js'
import { dateText, statusHtml } from './overview.js'

/** A problem to show on a form: its text, and the field it is about (an input's id), if one. @internal */
export interface FormProblem {
  readonly text: string
  readonly field?: string
}

/** A notice at the top of a form. @internal */
export interface Notice {
  readonly kind: 'ok' | 'error' | 'info'
  readonly title: string
  readonly problems?: readonly FormProblem[]
}

/** A notice block; errors are announced (role="alert") and list every problem, linked to its field. @internal */
export function noticeHtml(n: Notice | null): string {
  if (!n) return ''
  const list = n.problems && n.problems.length > 0 ? `<ul>${n.problems.map((p) => `<li>${p.field ? `<a href="#${esc(p.field)}">${esc(p.text)}</a>` : esc(p.text)}</li>`).join('')}</ul>` : ''
  return `<div class="notice ${n.kind}" ${n.kind === 'error' ? 'role="alert"' : 'role="status"'} id="notice"><p><b>${esc(n.title)}</b></p>${list}</div>`
}

/** A score as a form shows it: "2,5" in Vietnamese, "2.5" in English. @internal */
export const scoreText = (x: Exact, locale: Locale): string => formatScore(x, locale, 4)

/** A typed number: a decimal comma or point, nothing else. @internal */
export function parseScore(text: string): Exact | undefined {
  const t = text.trim().replace(/\s/g, '')
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return undefined
  return Exact.tryFrom(t.replace(',', '.'))
}

/** A form field id for a criterion code ("1.2" → "f-points-1_2"). @internal */
export const fieldId = (kind: string, code: string): string => `f-${kind}-${code.replace(/[^a-zA-Z0-9_-]/g, '_')}`

/** The sign-in form. @internal */
export function signInBody(ctx: PageContext, o: { next: string; notice: Notice | null }): string {
  const s = ctx.say
  return `<h1>${s('Đăng nhập', 'Sign in')}</h1>
${noticeHtml(o.notice)}
<p>${s('Nhập mã truy cập do Sở Nội vụ cấp (cho cán bộ đơn vị, tổ thẩm định hoặc quản trị).', 'Enter the access token the department issued you (unit officer, appraiser or administrator).')}</p>
<form method="post" action="/sign-in" class="signin">
<input type="hidden" name="next" value="${esc(o.next)}">
<div class="field"><label for="f-token">${s('Mã truy cập', 'Access token')}</label><input type="password" id="f-token" name="token" required autocomplete="current-password" size="40"${o.notice?.kind === 'error' ? ' aria-invalid="true" aria-describedby="notice"' : ''}></div>
<p><button type="submit" class="primary">${s('Đăng nhập', 'Sign in')}</button></p>
</form>`
}

/** The leaves a unit scores itself. */
const selfLeaves = (pack: CompiledPack) => pack.nodes.filter((n) => n.isLeaf && n.source === 'self')
/** The leaves an appraiser may change (survey results come from the survey team). */
const appraisableLeaves = (pack: CompiledPack) => pack.nodes.filter((n) => n.isLeaf && n.source !== 'survey')

/** The area (top-level node) a leaf belongs to, for the table's group rows. */
function areaOf(pack: CompiledPack, i: number): number {
  let n = pack.nodes[i]!
  while (n.parent > 0) n = pack.nodes[n.parent]!
  return n.index
}

/** The self-assessment form of a unit. @internal */
export function submissionBody(
  ctx: PageContext,
  o: {
    unitId: string
    unitName: string
    period: string
    pack: CompiledPack
    /** the stream's version (0 for none yet) */
    version: number
    /** the self scores as stored (by code) */
    current: Readonly<Record<string, Exact>>
    /** what was typed, when the form comes back with problems */
    entered: Readonly<Record<string, string>> | null
    notice: Notice | null
    invalid: ReadonlySet<string>
    appraised: boolean
  },
): string {
  const s = ctx.say
  const marks = reconstructedCodes(o.pack)
  const leaves = selfLeaves(o.pack)
  let lastArea = -1
  const rows: string[] = []
  for (const n of leaves) {
    const area = areaOf(o.pack, n.index)
    if (area !== lastArea) {
      lastArea = area
      const a = o.pack.nodes[area]!
      rows.push(`<tr class="area"><th colspan="4" scope="colgroup">${esc(a.code)}. ${esc(textIn(a.title, ctx.locale))}</th></tr>`)
    }
    const id = fieldId('self', n.code)
    const value = o.entered ? (o.entered[n.code] ?? '') : o.current[n.code] !== undefined ? scoreText(o.current[n.code]!, ctx.locale) : ''
    const mark = marks.has(n.code) ? ` <span class="mark-rec">${ROW_MARK[ctx.locale]}</span>` : ''
    rows.push(
      `<tr><td>${esc(n.code)}</td><td><label for="${id}">${esc(textIn(n.title, ctx.locale))}</label>${mark}</td><td class="num">${scoreText(n.maxPoints, ctx.locale)}</td><td class="num"><input type="text" inputmode="decimal" id="${id}" name="self.${esc(n.code)}" value="${esc(value)}" aria-describedby="max-${id}"${o.invalid.has(n.code) ? ' aria-invalid="true"' : ''}><span id="max-${id}" hidden>${s(`tối đa ${scoreText(n.maxPoints, ctx.locale)} điểm`, `at most ${scoreText(n.maxPoints, ctx.locale)} points`)}</span></td></tr>`,
    )
  }
  return `<h1>${s('Tự đánh giá', 'Self-assessment')} — ${esc(o.unitName)}, ${s('năm', '')} ${esc(o.period)}</h1>
${noticeHtml(o.notice)}
<p>${s(`Bộ chỉ số: ${esc(textIn(o.pack.title, 'vi'))} (${esc(o.pack.id)}@${esc(o.pack.version)}).`, `Pack: ${esc(textIn(o.pack.title, 'en'))} (${esc(o.pack.id)}@${esc(o.pack.version)}).`)} ${o.version > 0 ? s(`Hồ sơ đang ở phiên bản ${o.version}.`, `The file is at version ${o.version}.`) : s('Chưa có hồ sơ năm này.', 'Nothing submitted for this year yet.')}</p>
${o.appraised ? `<p class="notice info">${s('Hồ sơ đã có vòng thẩm định: điểm đã thẩm định vẫn giữ nguyên khi đơn vị gửi lại bản tự đánh giá.', 'The file has appraisal rounds: appraised points stand when the unit submits again.')}</p>` : ''}
<form method="post" action="/units/${encodeURIComponent(o.unitId)}/submission">
${csrfField(ctx)}
<input type="hidden" name="year" value="${esc(o.period)}">
<input type="hidden" name="expectedVersion" value="${o.version}">
<p class="muted">${s('Nhập điểm tự chấm của từng tiêu chí (dấu phẩy thập phân, ví dụ 2,5); để trống nếu không chấm.', 'Enter the self score of each criterion (decimal comma or point, e.g. 2.5); leave empty to give none.')}</p>
<div class="table-wrap"><table class="form-table"><caption>${s('Điểm tự chấm', 'Self scores')}</caption><thead><tr><th scope="col">${s('Mã', 'Code')}</th><th scope="col">${s('Tiêu chí', 'Criterion')}</th><th scope="col" class="num">${s('Tối đa', 'Max')}</th><th scope="col" class="num">${s('Tự chấm', 'Self score')}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
<p><button type="submit" class="primary">${s('Gửi bản tự đánh giá', 'Submit the self-assessment')}</button></p>
</form>`
}

/** The appraisal screen of a unit. @internal */
export function appraisalBody(
  ctx: PageContext,
  o: {
    unitId: string
    unitName: string
    period: string
    version: number
    result: UnitResult
    entered: { points: Readonly<Record<string, string>>; reasons: Readonly<Record<string, string>> } | null
    invalid: ReadonlySet<string>
    notice: Notice | null
    rounds: number
  },
): string {
  const s = ctx.say
  const pack = o.result.pack
  const marks = reconstructedCodes(pack)
  let lastArea = -1
  const rows: string[] = []
  for (const n of appraisableLeaves(pack)) {
    const area = areaOf(pack, n.index)
    if (area !== lastArea) {
      lastArea = area
      const a = pack.nodes[area]!
      rows.push(`<tr class="area"><th colspan="6" scope="colgroup">${esc(a.code)}. ${esc(textIn(a.title, ctx.locale))}</th></tr>`)
    }
    const r = o.result.node(n.code)!
    const t = r.trace
    const self = t?.selfScore
    const pid = fieldId('points', n.code)
    const rid = fieldId('reason', n.code)
    const points = o.entered ? (o.entered.points[n.code] ?? '') : ''
    const reason = o.entered ? (o.entered.reasons[n.code] ?? '') : ''
    const last = t?.appraisals[t.appraisals.length - 1]
    const mark = marks.has(n.code) ? ` <span class="mark-rec">${ROW_MARK[ctx.locale]}</span>` : ''
    const na = r.notApplicable ? ` <span class="muted">(${s('không áp dụng', 'not applicable')})</span>` : ''
    rows.push(
      `<tr data-current="${r.points.toString()}"><td>${esc(n.code)}</td><td><span id="t-${pid}">${esc(textIn(n.title, ctx.locale))}</span>${mark}${na}${last ? `<br><span class="muted">${s('Lần thẩm định gần nhất', 'Last appraisal')}: ${s('vòng', 'round')} ${last.round}, ${esc(last.reviewer)} — ${esc(last.reason)}</span>` : ''}</td><td class="num">${scoreText(n.maxPoints, ctx.locale)}</td><td class="num">${self === undefined ? '—' : scoreText(self, ctx.locale)}</td><td class="num"><b>${scoreText(r.points, ctx.locale)}</b></td><td><input type="text" inputmode="decimal" id="${pid}" name="points.${esc(n.code)}" value="${esc(points)}" aria-labelledby="t-${pid} h-new"${o.invalid.has(`points:${n.code}`) ? ' aria-invalid="true"' : ''}><label for="${rid}" class="reason-label">${s('Lý do', 'Reason')}</label><textarea id="${rid}" name="reason.${esc(n.code)}" rows="1" aria-labelledby="t-${pid} h-reason"${o.invalid.has(`reason:${n.code}`) ? ' aria-invalid="true"' : ''}>${esc(reason)}</textarea></td></tr>`,
    )
  }
  return `<h1>${s('Thẩm định', 'Appraisal')} — ${esc(o.unitName)}, ${s('năm', '')} ${esc(o.period)}</h1>
${noticeHtml(o.notice)}
<p>${s(`Hồ sơ phiên bản ${o.version}; ${pad2(o.rounds)} vòng thẩm định đã ghi. Điểm tự chấm của đơn vị đặt cạnh điểm hiện tại (sau thẩm định và quy tắc). Mỗi điểm thay đổi phải có lý do.`, `File version ${o.version}; ${pad2(o.rounds)} appraisal rounds recorded. The unit's self score stands beside the current points (after appraisal and rules). Every changed score needs a reason.`)}</p>
<form method="post" action="/units/${encodeURIComponent(o.unitId)}/appraisal">
${csrfField(ctx)}
<input type="hidden" name="year" value="${esc(o.period)}">
<input type="hidden" name="expectedVersion" value="${o.version}">
<div class="table-wrap"><table class="form-table appraisal"><caption>${s('Điểm thẩm định', 'Appraised points')}</caption><thead><tr><th scope="col">${s('Mã', 'Code')}</th><th scope="col">${s('Tiêu chí', 'Criterion')}</th><th scope="col" class="num">${s('Tối đa', 'Max')}</th><th scope="col" class="num">${s('Tự chấm', 'Self score')}</th><th scope="col" class="num">${s('Hiện tại', 'Current')}</th><th scope="col"><span id="h-new">${s('Điểm mới', 'New points')}</span> / <span id="h-reason">${s('lý do', 'reason')}</span></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
<p><button type="submit" class="primary">${s('Ghi vòng thẩm định', 'Record the appraisal round')}</button></p>
</form>`
}

/** The publish screen of a period. @internal */
export function publishBody(
  ctx: PageContext,
  o: {
    period: string | null
    periods: readonly string[]
    groups: readonly { group: GroupView; name: string; staleNames: readonly string[] }[]
    notice: Notice | null
    entered: { group: string; number: string; date: string } | null
  },
): string {
  const s = ctx.say
  const parts: string[] = []
  parts.push(`<h1>${s('Công bố kết quả', 'Publish the results')}${o.period ? ` — ${s('năm', '')} ${esc(o.period)}` : ''}</h1>`)
  parts.push(noticeHtml(o.notice))
  if (o.periods.length > 0) {
    const opts = o.periods.map((p) => `<option value="${esc(p)}"${p === o.period ? ' selected' : ''}>${esc(p)}</option>`).join('')
    parts.push(
      `<form class="filters" method="get" action="/publish"><div class="field"><label for="f-year">${s('Năm đánh giá', 'Year')}</label><select id="f-year" name="year">${opts}</select></div><button type="submit" class="primary">${s('Xem', 'Show')}</button></form>`,
    )
  }
  if (o.period === null || o.groups.length === 0) {
    parts.push(`<p class="notice info">${s('Chưa có kết quả nào để công bố.', 'No results to publish yet.')}</p>`)
    return parts.join('\n')
  }
  const anyStale = o.groups.some((g) => g.staleNames.length > 0)
  if (anyStale) {
    parts.push(
      `<form method="post" action="/publish/score">${csrfField(ctx)}<input type="hidden" name="year" value="${esc(o.period)}"><p>${s('Một số đơn vị có hồ sơ mới chưa được chấm lại:', 'Some units changed since they were last scored:')} <button type="submit" class="primary">${s('Tính lại kết quả năm', 'Score the year again')} ${esc(o.period)}</button></p></form>`,
    )
  }
  for (const { group: g, name, staleNames } of o.groups) {
    const id = g.key.replace(/[^a-zA-Z0-9_-]/g, '_')
    const r = g.ranking
    const version = r.publication?.version ?? 0
    const mine = o.entered?.group === g.key ? o.entered : null
    parts.push(`<section class="group" aria-labelledby="h-${id}"><h2 id="h-${id}">${esc(name)}</h2>`)
    parts.push(`<p>${statusHtml(g, s, ctx.locale)}; ${s(`${pad2(r.entries.length)} đơn vị có kết quả`, `${pad2(r.entries.length)} units with results`)}.</p>`)
    if (staleNames.length > 0)
      parts.push(
        `<p class="notice error">${s('Chưa công bố được: kết quả của các đơn vị sau chưa theo hồ sơ mới nhất', 'Cannot publish yet: the results of these units do not reflect their latest files')}: ${staleNames.map(esc).join(', ')}.</p>`,
      )
    parts.push(
      `<form method="post" action="/publish" class="publish">${csrfField(ctx)}<input type="hidden" name="year" value="${esc(o.period)}"><input type="hidden" name="group" value="${esc(g.key)}"><input type="hidden" name="expectedVersion" value="${version}">
<div class="filters"><div class="field"><label for="f-number-${id}">${s('Số quyết định', 'Decision number')}</label><input type="text" id="f-number-${id}" name="decisionNumber" required placeholder="${s('ví dụ 345/QĐ-UBND', 'e.g. 345/QĐ-UBND')}" value="${esc(mine?.number ?? '')}"></div><div class="field"><label for="f-date-${id}">${s('Ngày quyết định', 'Decision date')}</label><input type="date" id="f-date-${id}" name="decisionDate" required value="${esc(mine?.date ?? '')}"></div><button type="submit" class="primary">${version > 0 ? s('Công bố đính chính', 'Publish a correction') : s('Công bố', 'Publish')}</button></div>
${version > 0 ? `<p class="muted">${s(`Đã công bố theo quyết định ${esc(r.publication!.decision.number)} ngày ${esc(dateText(r.publication!.decision.date, 'vi'))}; công bố lại là một bản đính chính (phiên bản ${version + 1}).`, `Published by decision ${esc(r.publication!.decision.number)} of ${esc(r.publication!.decision.date)}; publishing again is a correction (version ${version + 1}).`)}</p>` : ''}
</form></section>`,
    )
  }
  return parts.join('\n')
}
