/**
 * `chiso plan`: where a unit's points went and the cheapest way to a target (the plan
 * table provinces write); without a unit, which criteria a group loses points on.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Exact, groupPointsLost, reconstructionSummary, safePlanImprovement, type BatchResult, type CompiledPack, type GroupLosses, type ImprovementPlan, type PlanTarget } from '@chiso/core'
import type { Command } from 'commander'
import { formatFileIssue } from '../../shared/issues.js'
import { unitWord } from '../../shared/summary.js'
import { displayWidth, formatVi, normalizeHeader, padEndW, padStartW, parseScoreText } from '../../shared/text.js'
import { writePlanWorkbook } from '../../xlsx/plan.js'
import { addPackOptions, findSubmission, json, needPack, readAll, saveFile, scoreBatch } from '../common.js'
import { coreIssueLine, err, EXIT, out, UsageError, type Ctx } from '../context.js'

interface PlanOptions {
  pack: string
  year?: string
  unitKind?: string
  in: string[]
  sheet?: string
  survey?: string
  band?: string
  index?: string
  rank?: string
  effort?: string
  group?: string
  json?: boolean
  out?: string
}

/** `chiso plan`: the improvement plan of one unit, or the points a group loses. */
export function planCommand(program: Command, ctx: Ctx): void {
  addPackOptions(
    program
      .command('plan')
      .description('kế hoạch khắc phục: điểm bị mất ở đâu, vì sao, và cách ít công sức nhất để đạt mục tiêu / improvement plan: where the points went and the cheapest way to a target'),
    true,
  )
    .argument('[unit]', 'mã đơn vị, tên đơn vị hoặc tên tệp; bỏ trống: các tiêu chí cả nhóm bị mất điểm / unit id, name or file; omitted: the criteria a group loses points on')
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp .xlsx/.csv / folder(s) or files')
    .option('--band <band>', 'mục tiêu: đạt loại, theo mã hoặc tên (tot, "Tốt"); mặc định: loại kế trên / target: a band by code or label; default: the next band up')
    .option('--index <n>', 'mục tiêu: đạt chỉ số (85 hoặc 85,5) / target: an index')
    .option('--rank <n>', 'mục tiêu: xếp thứ n trong nhóm, kết quả các đơn vị khác giữ nguyên / target: rank n in the group, the others held fixed')
    .option('--effort <file>', 'tệp JSON: công sức cho mỗi điểm theo mã tiêu chí, ví dụ {"4.1": 3}; mặc định 1 / JSON file: effort per point by criterion code')
    .option('--group <group>', 'chỉ nhóm xếp hạng này (khi không nêu đơn vị) / only this ranking group (without a unit)')
    .option('--sheet <name>', 'tên trang tính / worksheet name')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx) / survey results table')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .option('-o, --out <file>', 'ghi kế hoạch khắc phục ra tệp .xlsx / write the plan as an .xlsx workbook')
    .action(async (unit: string | undefined, o: PlanOptions) => {
      const targets = [o.band, o.index, o.rank].filter((x) => x !== undefined)
      if (targets.length > 1) throw new UsageError('Chỉ chọn một mục tiêu: --band, --index hoặc --rank / choose one target: --band, --index or --rank')
      if (o.out !== undefined && !/\.xlsx$/i.test(o.out)) throw new UsageError(`--out cần tệp .xlsx / --out needs an .xlsx file: ${o.out}`)
      if (unit === undefined && (targets.length > 0 || o.out !== undefined || o.effort !== undefined)) {
        throw new UsageError('--band, --index, --rank, --effort và --out cần nêu một đơn vị / need a unit')
      }
      const target = parseTarget(o)
      const effort = o.effort === undefined ? undefined : await readEffort(ctx, o.effort)
      const p = await needPack(ctx, o.pack, o)
      if (!p) return
      const r = await readAll(ctx, p.pack, o.in, o, o.out ? [{ option: '--out', file: o.out }] : [])
      const batch = r.submissions.length > 0 ? scoreBatch(ctx, p.pack, r.submissions.map((s) => s.assessment), o.json === true) : undefined
      if (r.submissions.length > 0 && !batch) return
      const failed = new Set(r.issues.filter((i) => i.severity === 'error').map((i) => i.file)).size
      if (unit === undefined) {
        if (!batch) throw new UsageError(`Không có biểu nào chấm được trong / nothing to score in: ${o.in.join(', ')}`)
        if (o.group !== undefined && !batch.groups.has(o.group)) throw new UsageError(`Không có nhóm "${o.group}" (có: ${[...batch.groups.keys()].join(', ')}) / no group "${o.group}"`)
        const groups = groupPointsLost(batch, o.group === undefined ? {} : { group: o.group })
        if (o.json) json(ctx, { pack: { id: p.pack.id, version: p.pack.version }, groups })
        else out(ctx, formatGroupLosses(batch, groups))
        if (failed > 0) err(ctx, `Lưu ý: ${failed} tệp có lỗi không được tính (chiso rank để xem chi tiết)`)
        ctx.code = EXIT.ok
        return
      }
      const found = findSubmission(r.submissions, unit)
      if (!found) {
        const want = normalizeHeader(unit)
        const fileProblems = r.issues.filter((i) => normalizeHeader(i.file).includes(want))
        if (fileProblems.length > 0) {
          err(ctx, `Không lập được kế hoạch cho "${unit}" vì biểu có lỗi / "${unit}" could not be scored:`)
          for (const i of fileProblems) err(ctx, `  - ${formatFileIssue(i)}`)
          ctx.code = EXIT.problems
          return
        }
        throw new UsageError(`Không có đơn vị "${unit}" trong các tệp đã đọc / no unit "${unit}" in the files read`)
      }
      const planned = safePlanImprovement(p.pack, found.assessment, { ...(target ? { target } : {}), ...(effort ? { effort } : {}), ...(batch ? { population: batch } : {}) })
      if (!planned.ok) {
        err(ctx, 'Không lập được kế hoạch / could not plan:')
        for (const i of planned.issues) err(ctx, `  - ${coreIssueLine(i)}`)
        ctx.code = EXIT.problems
        return
      }
      const plan = planned.value
      if (o.out) {
        const path = await saveFile(ctx, o.out, () => writePlanWorkbook(plan, p.pack))
        if (!o.json) err(ctx, `Đã ghi kế hoạch khắc phục vào ${path}`)
      }
      if (o.json) json(ctx, { ...plan, file: found.file })
      else out(ctx, formatPlan(plan, p.pack))
      if (failed > 0 && plan.target.kind === 'rank') err(ctx, `Lưu ý: ${failed} tệp có lỗi không được tính khi xếp hạng`)
      ctx.code = EXIT.ok
    })
}

function parseTarget(o: PlanOptions): PlanTarget | undefined {
  if (o.band !== undefined) return { band: o.band }
  if (o.index !== undefined) {
    const v = parseScoreText(o.index)
    if (v === undefined) throw new UsageError(`--index cần một số như 85 hoặc 85,5 / --index needs a number: ${o.index}`)
    return { index: v.toString() }
  }
  if (o.rank !== undefined) {
    if (!/^\d+$/.test(o.rank) || Number(o.rank) < 1) throw new UsageError(`--rank cần một số nguyên từ 1 / --rank needs a whole number from 1: ${o.rank}`)
    return { rank: Number(o.rank) }
  }
  return undefined
}

async function readEffort(ctx: Ctx, file: string): Promise<Record<string, number | string>> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
  } catch (e) {
    throw new UsageError(`Không đọc được tệp công sức / cannot read the effort file ${file}: ${(e as Error).message}`)
  }
  const ok = data !== null && typeof data === 'object' && !Array.isArray(data) && Object.values(data).every((v) => typeof v === 'number' || typeof v === 'string')
  if (!ok) throw new UsageError(`Tệp công sức cần dạng {"mã tiêu chí": số} / the effort file needs {"criterion code": number}: ${file}`)
  return data as Record<string, number | string>
}

const standing = (s: ImprovementPlan['before']): string =>
  `${formatVi(s.total)}/${formatVi(s.applicableMax)} điểm, chỉ số ${formatVi(s.index)}${s.band ? `, loại "${s.band.label.vi}"` : ', chưa xếp loại'}${s.rank !== null ? `, xếp thứ ${s.rank}/${s.groupSize}` : ''}`

/** The plan as the table provinces write, in Vietnamese, one block per criterion. */
function formatPlan(plan: ImprovementPlan, pack: CompiledPack): string {
  const lines: string[] = []
  const name = plan.assessment.unit?.name ?? plan.unitId
  lines.push(`KẾ HOẠCH KHẮC PHỤC — ${name} (${plan.unitId}), kỳ đánh giá ${plan.period}`)
  lines.push(`Bộ chỉ số: ${pack.title.vi} (${plan.pack.id}@${plan.pack.version})`)
  lines.push(reconstructionSummary(pack).text.vi)
  lines.push(`Hiện nay: ${standing(plan.before)}`)
  lines.push(`Mục tiêu: ${plan.target.text.vi}`)
  lines.push('')
  lines.push(plan.text.vi)
  let area: string | undefined
  plan.steps.forEach((s, k) => {
    if (s.area.code !== area) {
      area = s.area.code
      const gained = plan.steps.filter((x) => x.area.code === area).reduce((t, x) => t.add(x.gained), Exact.ZERO)
      lines.push('')
      lines.push(`Lĩnh vực ${s.area.code}. ${s.area.title.vi} — tăng ${formatVi(gained)} điểm`)
    }
    lines.push(`  ${padStartW(String(k + 1), 2)}. ${s.code} ${s.title.vi}`)
    lines.push(`      Điểm bị mất: ${formatVi(s.lost)}/${formatVi(s.maxPoints)} — ${s.causes.map((c) => c.text.vi).join('; ') || 'chưa đạt tối đa'}`)
    lines.push(`      Mức cần đạt: ${s.target.vi}`)
    lines.push(`      Điểm tăng: +${formatVi(s.gained)} (từ ${formatVi(s.from)} lên ${formatVi(s.to)})`)
  })
  if (plan.steps.length > 0) {
    lines.push('')
    lines.push(`Cộng: ${plan.steps.length} tiêu chí, tăng ${formatVi(plan.gained)} điểm; công sức ${formatVi(plan.effort)}`)
    lines.push(`Sau khắc phục: ${standing(plan.after)}`)
  }
  if (plan.notImprovable.length > 0) {
    lines.push('')
    lines.push('Chưa đạt tối đa nhưng không đưa vào kế hoạch:')
    // one line per reason: ten survey criteria read better as one
    const byReason = new Map<string, ImprovementPlan['notImprovable'][number][]>()
    for (const n of plan.notImprovable) byReason.set(n.text.vi, [...(byReason.get(n.text.vi) ?? []), n])
    for (const [reason, list] of byReason) {
      const lost = list.reduce((t, n) => t.add(n.lost), Exact.ZERO)
      const what = list.length === 1 ? `${list[0]!.code} ${list[0]!.title.vi}` : `${list.length} tiêu chí ${list.map((n) => n.code).join(', ')}`
      lines.push(`  ${what}: mất ${formatVi(lost)} điểm — ${reason}`)
    }
  }
  return lines.join('\n')
}

const CAUSE_VI: Record<string, string> = {
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
}

/** Which criteria a group loses points on, largest first, as a table. */
function formatGroupLosses(batch: BatchResult, groups: readonly GroupLosses[]): string {
  const lines: string[] = []
  lines.push(`Điểm bị mất theo tiêu chí — ${batch.pack.title.vi} (${batch.pack.id}@${batch.pack.version})`)
  lines.push(reconstructionSummary(batch.pack).text.vi)
  for (const g of groups) {
    const word = unitWord(batch, g.group)
    lines.push('')
    lines.push(`Nhóm ${g.group}: ${g.units} ${word}`)
    const titleW = Math.min(48, Math.max(9, ...g.criteria.map((c) => displayWidth(c.title.vi))))
    lines.push([padEndW('Mã', 7), padEndW('Tiêu chí', titleW), padStartW(`Số ${word} mất điểm`, 18), padStartW('Tổng điểm mất', 14), padStartW('Bình quân', 10), '  Nguyên nhân chính'].join(' '))
    for (const c of g.criteria) {
      const title = c.kind === 'node' ? `${c.code === 'total' ? 'Toàn bộ chỉ số' : c.title.vi} (điểm trừ, thưởng)` : c.title.vi
      const cut = displayWidth(title) > titleW ? `${[...title].slice(0, titleW - 1).join('')}…` : title
      const causes = Object.entries(c.causes)
        .sort((x, y) => y[1]! - x[1]!)
        .slice(0, 2)
        .map(([k, n]) => `${CAUSE_VI[k] ?? k} (${n})`)
        .join(', ')
      lines.push([padEndW(c.code === 'total' ? '' : c.code, 7), padEndW(cut, titleW), padStartW(`${String(c.unitsLosing).padStart(2, '0')}/${c.units}`, 18), padStartW(formatVi(c.lost), 14), padStartW(formatVi(c.meanLost), 10), `  ${causes}`].join(' '))
    }
  }
  return lines.join('\n')
}
