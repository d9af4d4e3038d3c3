/**
 * `chiso plan`: where a unit's points went and the cheapest way to a target (the plan
 * table provinces write); without a unit, which criteria a group loses points on.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Exact, type BatchResult } from '@chiso/core'
import { groupPointsLost, safePlanImprovement, type GroupLosses, type ImprovementPlan, type LossCauseKind, type PlanTarget } from '@chiso/core/analysis'
import type { Command } from 'commander'
import { factTitleUnder } from '../../shared/facts.js'
import { formatFileIssue, problemsOfUnit } from '../../shared/issues.js'
import { formatIndex } from '../../shared/index-unit.js'
import { formatNumber, pad2, textIn, type Locale } from '../../shared/locale.js'
import { anySample } from '../../shared/marks.js'
import { stepTarget } from '../../shared/plan-target.js'
import { bandLabel, groupHeading, reportHeaderLines, unitWord } from '../../shared/summary.js'
import { displayWidth, padEndW, padStartW, parseScoreText } from '../../shared/text.js'
import { writePlanWorkbook } from '../../xlsx/plan.js'
import { addInputOptions, addPackOptions, cellWarning, findSubmission, json, missingData, packJson, printMissingData, readAll, readCode, saveFile, scoreBatch, type ReadOptions } from '../common.js'
import { coreIssueLine, err, EXIT, out, UsageError, type Ctx } from '../context.js'
import { factValueText } from '../explain.js'

interface PlanOptions extends ReadOptions {
  in: string[]
  exclude?: string[]
  band?: string
  index?: string
  rank?: string
  effort?: string
  group?: string
  out?: string
}

/** What `chiso plan` says of its own, in each language (the type checks both say everything). */
const vi = {
  oneTarget: 'Chỉ chọn một mục tiêu: --band, --index hoặc --rank',
  outXlsx: (f: string) => `--out cần tệp .xlsx: ${f}`,
  needUnit: '--band, --index, --rank, --effort và --out cần nêu một đơn vị',
  nothingToScore: (xs: readonly string[]) => `Không có biểu nào chấm được trong: ${xs.join(', ')}`,
  noGroup: (g: string, known: readonly string[]) => `Không có nhóm "${g}" (có: ${known.join(', ')})`,
  indexNeeded: (v: string) => `--index cần một số như 85 hoặc 85,5: ${v}`,
  rankNeeded: (v: string) => `--rank cần một số nguyên từ 1: ${v}`,
  effortUnreadable: (f: string, why: string) => `Không đọc được tệp công sức ${f}: ${why}`,
  effortShape: (f: string) => `Tệp công sức cần dạng {"mã tiêu chí": số}: ${f}`,
  couldNotPlan: 'Không lập được kế hoạch:',
  planWritten: (path: string) => `Đã ghi kế hoạch khắc phục vào ${path}`,
  failedFiles: (n: number) => `Lưu ý: ${n} tệp có lỗi không được tính (chiso rank để xem chi tiết)`,
  failedFilesRank: (n: number) => `Lưu ý: ${n} tệp có lỗi không được tính khi xếp hạng`,
  heading: (name: string, id: string, period: string) => `KẾ HOẠCH KHẮC PHỤC — ${name} (${id}), kỳ đánh giá ${period}`,
  now: 'Hiện nay',
  target: 'Mục tiêu',
  standing: (total: string, max: string, index: string, band: string | undefined, rank: string | undefined) =>
    `${total}/${max} điểm, chỉ số ${index}${band !== undefined ? `, loại "${band}"` : ', chưa xếp loại'}${rank !== undefined ? `, xếp thứ ${rank}` : ''}`,
  area: (code: string, title: string, gained: string) => `Lĩnh vực ${code}. ${title} — tăng ${gained} điểm`,
  lost: (lost: string, max: string, causes: string) => `Điểm bị mất: ${lost}/${max} — ${causes || 'chưa đạt tối đa'}`,
  level: (target: string) => `Mức cần đạt: ${target}`,
  gained: (gained: string, from: string, to: string) => `Điểm tăng: +${gained} (từ ${from} lên ${to})`,
  total: (steps: number, gained: string, effort: string) => `Cộng: ${steps} tiêu chí, tăng ${gained} điểm; công sức ${effort}`,
  after: 'Sau khắc phục',
  rounded: 'Các số đã làm tròn đến hai chữ số thập phân nên cộng các phần có thể lệch 0,01 so với tổng.',
  notInPlan: 'Chưa đạt tối đa nhưng không đưa vào kế hoạch:',
  criteria: (n: number, codes: string) => `${n} tiêu chí ${codes}`,
  notInPlanLine: (what: string, lost: string, reason: string) => `${what}: mất ${lost} điểm — ${reason}`,
  lossesHeading: 'Điểm bị mất theo tiêu chí',
  groupLine: (heading: string, n: number, word: string) => `${heading}: ${pad2(n)} ${word}`,
  columns: (word: string): readonly [string, string, string, string, string, string] => ['Mã', 'Tiêu chí', `Số ${word} mất điểm`, 'Tổng điểm mất', 'Bình quân', 'Nguyên nhân chính'],
  wholeIndex: 'Toàn bộ chỉ số',
  ownAdjustments: 'điểm trừ, thưởng',
  causes: {
    rule: 'số liệu',
    'self-score': 'tự chấm',
    'missing-input': 'thiếu số liệu',
    survey: 'điều tra XHH',
    'missing-survey': 'thiếu điều tra',
    evidence: 'thiếu tài liệu',
    appraisal: 'thẩm định',
    rounding: 'làm tròn',
    deduction: 'điểm trừ',
    bonus: 'điểm thưởng',
    limit: 'giới hạn',
  } as Record<LossCauseKind, string>,
}

const en: typeof vi = {
  oneTarget: 'Choose one target: --band, --index or --rank',
  outXlsx: (f) => `--out needs an .xlsx file: ${f}`,
  needUnit: '--band, --index, --rank, --effort and --out need a unit',
  nothingToScore: (xs) => `Nothing to score in: ${xs.join(', ')}`,
  noGroup: (g, known) => `No group "${g}" (known: ${known.join(', ')})`,
  indexNeeded: (v) => `--index needs a number such as 85 or 85.5: ${v}`,
  rankNeeded: (v) => `--rank needs a whole number from 1: ${v}`,
  effortUnreadable: (f, why) => `Cannot read the effort file ${f}: ${why}`,
  effortShape: (f) => `The effort file needs {"criterion code": number}: ${f}`,
  couldNotPlan: 'Could not plan:',
  planWritten: (path) => `Wrote the improvement plan to ${path}`,
  failedFiles: (n) => `Note: ${n} files with problems were left out (chiso rank shows them)`,
  failedFilesRank: (n) => `Note: ${n} files with problems were left out of the ranking`,
  heading: (name, id, period) => `IMPROVEMENT PLAN — ${name} (${id}), period ${period}`,
  now: 'Now',
  target: 'Target',
  standing: (total, max, index, band, rank) => `${total} of ${max} points, index ${index}${band !== undefined ? `, band "${band}"` : ', no band'}${rank !== undefined ? `, rank ${rank}` : ''}`,
  area: (code, title, gained) => `Area ${code}. ${title} — up ${gained} points`,
  lost: (lost, max, causes) => `Points lost: ${lost} of ${max} — ${causes || 'below the maximum'}`,
  level: (target) => `Level to reach: ${target}`,
  gained: (gained, from, to) => `Points gained: +${gained} (from ${from} to ${to})`,
  total: (steps, gained, effort) => `Total: ${steps} criteria, ${gained} points gained; effort ${effort}`,
  after: 'After the plan',
  rounded: 'Figures are rounded to two decimals, so the parts may differ from the total by 0.01.',
  notInPlan: 'Below the maximum but not in the plan:',
  criteria: (n, codes) => `${n} criteria ${codes}`,
  notInPlanLine: (what, lost, reason) => `${what}: ${lost} points lost — ${reason}`,
  lossesHeading: 'Points lost by criterion',
  groupLine: (heading, n, word) => `${heading}: ${n} ${word}`,
  columns: (word) => ['Code', 'Criterion', `${word[0]!.toUpperCase()}${word.slice(1)} losing`, 'Points lost', 'Mean', 'Main causes'],
  wholeIndex: 'The whole index',
  ownAdjustments: 'deductions, bonuses',
  causes: {
    rule: 'the rule',
    'self-score': 'self score',
    'missing-input': 'no input',
    survey: 'survey',
    'missing-survey': 'no survey',
    evidence: 'missing evidence',
    appraisal: 'appraisal',
    rounding: 'rounding',
    deduction: 'deduction',
    bonus: 'bonus',
    limit: 'limit',
  },
}

type Words = typeof vi
const wordsFor = (lang: Locale): Words => (lang === 'en' ? en : vi)

/** `chiso plan`: the improvement plan of one unit, or the points a group loses. */
export function planCommand(program: Command, ctx: Ctx): void {
  addInputOptions(
    addPackOptions(
      program
        .command('plan')
        .description('kế hoạch khắc phục: điểm bị mất ở đâu, vì sao, và cách ít công sức nhất để đạt mục tiêu / improvement plan: where the points went and the cheapest way to a target'),
      true,
    ),
  )
    .argument('[unit]', 'mã đơn vị, tên đơn vị hoặc tên tệp; bỏ trống: các tiêu chí cả nhóm bị mất điểm / unit id, name or file; omitted: the criteria a group loses points on')
    .option('--band <band>', 'mục tiêu: đạt loại, theo mã hoặc tên (tot, "Tốt"); mặc định: loại kế trên / target: a band by code or label; default: the next band up')
    .option('--index <n>', 'mục tiêu: đạt chỉ số (85 hoặc 85,5) / target: an index')
    .option('--rank <n>', 'mục tiêu: xếp thứ n trong nhóm, kết quả các đơn vị khác giữ nguyên / target: rank n in the group, the others held fixed')
    .option('--effort <file>', 'tệp JSON: công sức cho mỗi điểm theo mã tiêu chí, ví dụ {"4.1": 3}; mặc định 1 / JSON file: effort per point by criterion code')
    .option('--group <group>', 'chỉ nhóm xếp hạng này (khi không nêu đơn vị) / only this ranking group (without a unit)')
    .option('-o, --out <file>', 'ghi kế hoạch khắc phục ra tệp .xlsx / write the plan as an .xlsx workbook')
    .action(async (unit: string | undefined, o: PlanOptions) => {
      const w = wordsFor(ctx.lang)
      const targets = [o.band, o.index, o.rank].filter((x) => x !== undefined)
      if (targets.length > 1) throw new UsageError(w.oneTarget)
      if (o.out !== undefined && !/\.xlsx$/i.test(o.out)) throw new UsageError(w.outXlsx(o.out))
      if (unit === undefined && (targets.length > 0 || o.out !== undefined || o.effort !== undefined)) throw new UsageError(w.needUnit)
      const target = parseTarget(o, w)
      const effort = o.effort === undefined ? undefined : await readEffort(ctx, o.effort, w)
      const read = await readAll(ctx, o, o.in, o.out ? [{ option: '--out', file: o.out }] : [])
      if (!read) return
      const { pack, r } = read
      const exclude = o.exclude && o.exclude.length > 0 ? { exclude: { units: o.exclude } } : {}
      const batch =
        r.submissions.length > 0
          ? scoreBatch(
              ctx,
              pack,
              r.submissions.map((s) => s.assessment),
              o.json === true,
              exclude,
            )
          : undefined
      if (r.submissions.length > 0 && !batch) return
      // a missing survey is said loudly: the plan cannot raise survey criteria, and they weigh
      if (batch && !o.json) printMissingData(ctx, batch, { ...missingData(batch, read.survey !== undefined), zeroed: [] })
      const failed = new Set(r.issues.filter((i) => i.severity === 'error').map((i) => i.file)).size
      // a file that met a bug in chiso is never passed over in silence (exit 3)
      const finish = (): void => {
        ctx.code = r.issues.some((i) => i.code === 'internal_error') ? readCode(ctx, r.issues) : EXIT.ok
      }
      if (unit === undefined) {
        if (!batch) throw new UsageError(w.nothingToScore(o.in))
        if (o.group !== undefined && !batch.groups.has(o.group)) throw new UsageError(w.noGroup(o.group, [...batch.groups.keys()]))
        const groups = groupPointsLost(batch, o.group === undefined ? {} : { group: o.group })
        const sample = anySample(batch.units.map((u) => u.result.assessment))
        if (o.json) json(ctx, { pack: packJson(pack, ctx.lang), sample, groups })
        else out(ctx, formatGroupLosses(batch, groups, sample, ctx.lang))
        if (failed > 0) err(ctx, w.failedFiles(failed))
        finish()
        return
      }
      const found = findSubmission(r.submissions, unit)
      if (!found) {
        const fileProblems = problemsOfUnit(r.issues, unit)
        if (fileProblems.length > 0) {
          err(ctx, ctx.m.unitHasErrors(unit))
          for (const i of fileProblems) err(ctx, `  - ${formatFileIssue(i, ctx.lang)}`)
          ctx.code = EXIT.problems
          return
        }
        throw new UsageError(ctx.m.noUnit(unit))
      }
      const planned = safePlanImprovement(pack, found.assessment, { ...(target ? { target } : {}), ...(effort ? { effort } : {}), ...(batch ? { population: batch } : {}) })
      if (!planned.ok) {
        err(ctx, w.couldNotPlan)
        for (const i of planned.issues) err(ctx, `  - ${coreIssueLine(i, ctx.lang)}`)
        ctx.code = EXIT.problems
        return
      }
      const plan = planned.value
      const sample = anySample([found.assessment])
      if (o.out) {
        const path = await saveFile(ctx, o.out, () => writePlanWorkbook(plan, pack, { locale: ctx.lang, sample, onWarning: cellWarning(ctx, o.out!) }))
        if (!o.json) err(ctx, w.planWritten(path))
      }
      if (o.json) json(ctx, { ...plan, pack: packJson(pack, ctx.lang), sample, file: found.file })
      else out(ctx, formatPlan(plan, batch?.pack ?? pack, sample, ctx.lang))
      if (failed > 0 && plan.target.kind === 'rank') err(ctx, w.failedFilesRank(failed))
      finish()
    })
}

function parseTarget(o: PlanOptions, w: Words): PlanTarget | undefined {
  if (o.band !== undefined) return { band: o.band }
  if (o.index !== undefined) {
    const v = parseScoreText(o.index)
    if (v === undefined) throw new UsageError(w.indexNeeded(o.index))
    return { index: v.toString() }
  }
  if (o.rank !== undefined) {
    if (!/^\d+$/.test(o.rank) || Number(o.rank) < 1) throw new UsageError(w.rankNeeded(o.rank))
    return { rank: Number(o.rank) }
  }
  return undefined
}

async function readEffort(ctx: Ctx, file: string, w: Words): Promise<Record<string, number | string>> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
  } catch (e) {
    throw new UsageError(w.effortUnreadable(file, (e as Error).message))
  }
  const ok = data !== null && typeof data === 'object' && !Array.isArray(data) && Object.values(data).every((v) => typeof v === 'number' || typeof v === 'string')
  if (!ok) throw new UsageError(w.effortShape(file))
  return data as Record<string, number | string>
}

/** "11,25/20,00 điểm, chỉ số 56,25, loại "Trung bình", xếp thứ 2/2". */
function standing(s: ImprovementPlan['before'], pack: BatchResult['pack'], lang: Locale): string {
  const n = (x: Exact): string => formatNumber(x, lang)
  // the index with its unit ("88,94%"), as every other report writes it
  return wordsFor(lang).standing(
    n(s.total),
    n(s.applicableMax),
    formatIndex(s.index, pack, lang),
    s.band ? bandLabel(s.band, lang) : undefined,
    s.rank !== null ? `${s.rank}/${s.groupSize}` : undefined,
  )
}

/**
 * The plan as the table provinces write, one block per criterion: the heading, the pack
 * and what in it is reconstructed, the sample mark, where the unit stands and the target.
 */
function formatPlan(plan: ImprovementPlan, pack: BatchResult['pack'], sample: boolean, lang: Locale): string {
  const w = wordsFor(lang)
  const n = (x: Exact): string => formatNumber(x, lang)
  const lines: string[] = []
  const name = plan.assessment.unit?.name ?? plan.unitId
  lines.push(w.heading(name, plan.unitId, plan.period))
  lines.push(...reportHeaderLines(pack, { sample, locale: lang }))
  lines.push(`${w.now}: ${standing(plan.before, pack, lang)}`)
  lines.push(`${w.target}: ${plan.target.text[lang]}`)
  lines.push('')
  lines.push(plan.text[lang])
  let area: string | undefined
  plan.steps.forEach((s, k) => {
    if (s.area.code !== area) {
      area = s.area.code
      const gained = plan.steps.filter((x) => x.area.code === area).reduce((t, x) => t.add(x.gained), Exact.ZERO)
      lines.push('')
      lines.push(w.area(s.area.code, textIn(s.area.title, lang), n(gained)))
    }
    lines.push(`  ${padStartW(String(k + 1), 2)}. ${s.code} ${textIn(s.title, lang)}`)
    lines.push(`      ${w.lost(n(s.lost), n(s.maxPoints), s.causes.map((c) => causeText(pack, s.code, c, lang)).join('; '))}`)
    lines.push(`      ${w.level(stepTarget(pack, s, lang))}`)
    lines.push(`      ${w.gained(n(s.gained), n(s.from), n(s.to))}`)
  })
  if (plan.steps.length > 0) {
    lines.push('')
    lines.push(w.total(plan.steps.length, n(plan.gained), n(plan.effort)))
    lines.push(`${w.after}: ${standing(plan.after, pack, lang)}`)
    if (!addsUp(plan)) lines.push(w.rounded)
  }
  if (plan.notImprovable.length > 0) {
    lines.push('')
    lines.push(w.notInPlan)
    // one line per reason: ten survey criteria read better as one
    const byReason = new Map<string, ImprovementPlan['notImprovable'][number][]>()
    for (const x of plan.notImprovable) byReason.set(x.text[lang], [...(byReason.get(x.text[lang]) ?? []), x])
    for (const [reason, list] of byReason) {
      const lost = list.reduce((t, x) => t.add(x.lost), Exact.ZERO)
      const what = list.length === 1 ? `${list[0]!.code} ${textIn(list[0]!.title, lang)}` : w.criteria(list.length, list.map((x) => x.code).join(', '))
      lines.push(`  ${w.notInPlanLine(what, n(lost), reason)}`)
    }
  }
  return lines.join('\n')
}

type Cause = ImprovementPlan['steps'][number]['causes'][number]

/**
 * A cause as the plan says it: the facts a rule read by their titles and choices by their
 * labels, as `chiso explain` names them ("Xác định đầy đủ nhiệm vụ, kinh phí thực hiện =
 * không → 0/1 điểm"), never by their ids ("planTasksFunded = không").
 */
function causeText(pack: BatchResult['pack'], code: string, c: Cause, lang: Locale): string {
  const text = c.text[lang]
  const facts = Object.entries(c.facts ?? {}).filter(([k, v]) => k !== 'unit' && v !== undefined)
  // only core's plain "fact = value → points" wording names facts by id
  if (c.kind !== 'rule' || facts.length === 0 || !text.startsWith(`${facts[0]![0]} = `)) return text
  const arrow = text.lastIndexOf(' → ')
  const points = arrow < 0 ? '' : text.slice(arrow)
  const named = facts.map(([k, v]) => `${factTitleUnder(pack, k, code, lang)?.title ?? k} = ${factValueText(pack, k, v, lang)}`)
  return `${named.join(', ')}${points}`
}

/** Whether the plan's shown figures add up: each area's steps to the area, the areas to the total, before plus the total to after. */
function addsUp(plan: ImprovementPlan): boolean {
  const shown = (x: Exact): Exact => Exact.from(formatNumber(x, 'en').replace(/,/g, ''))
  const sum = (xs: readonly Exact[]): Exact => xs.reduce((t, x) => t.add(x), Exact.ZERO)
  const areas = [...new Set(plan.steps.map((s) => s.area.code))].map((a) => plan.steps.filter((s) => s.area.code === a).map((s) => s.gained))
  return (
    areas.every((g) => sum(g.map(shown)).eq(shown(sum(g)))) &&
    sum(areas.map((g) => shown(sum(g)))).eq(shown(plan.gained)) &&
    shown(plan.before.total).add(shown(plan.gained)).eq(shown(plan.after.total))
  )
}

/** Which criteria a group loses points on, largest first, as a table under the report's header lines. */
function formatGroupLosses(batch: BatchResult, groups: readonly GroupLosses[], sample: boolean, lang: Locale): string {
  const w = wordsFor(lang)
  const n = (x: Exact): string => formatNumber(x, lang)
  const lines: string[] = [w.lossesHeading, ...reportHeaderLines(batch.pack, { sample, locale: lang })]
  for (const g of groups) {
    const word = unitWord(batch, g.group, lang)
    lines.push('')
    lines.push(w.groupLine(groupHeading(batch, g.group, lang), g.units, word))
    const titleOf = (c: GroupLosses['criteria'][number]): string =>
      c.kind === 'node' ? `${c.code === 'total' || c.area === 'total' ? w.wholeIndex : textIn(c.title, lang)} (${w.ownAdjustments})` : textIn(c.title, lang)
    const titleW = Math.min(48, Math.max(9, ...g.criteria.map((c) => displayWidth(titleOf(c)))))
    const cols = w.columns(word)
    const countW = Math.max(8, displayWidth(cols[2]))
    lines.push([padEndW(cols[0], 7), padEndW(cols[1], titleW), padStartW(cols[2], countW), padStartW(cols[3], 14), padStartW(cols[4], 10), `  ${cols[5]}`].join(' '))
    for (const c of g.criteria) {
      const title = titleOf(c)
      const cut = displayWidth(title) > titleW ? `${[...title].slice(0, titleW - 1).join('')}…` : title
      const causes = Object.entries(c.causes)
        .sort((x, y) => y[1]! - x[1]!)
        .slice(0, 2)
        .map(([k, count]) => `${w.causes[k as LossCauseKind] ?? k} (${count})`)
        .join(', ')
      const code = c.kind === 'node' && c.area === 'total' ? '' : c.code
      lines.push(
        [padEndW(code, 7), padEndW(cut, titleW), padStartW(`${pad2(c.unitsLosing)}/${pad2(c.units)}`, countW), padStartW(n(c.lost), 14), padStartW(n(c.meanLost), 10), `  ${causes}`].join(' '),
      )
    }
  }
  return lines.join('\n')
}
