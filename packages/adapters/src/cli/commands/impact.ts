/**
 * `chiso impact`: what a new edition of the criteria does to last year's results — the
 * submissions scored under the edition they were made for, carried across the mapping to
 * the new edition and scored again.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Exact, reconstructionSummary, safeMethodologyImpact, type ImpactReport } from '@chiso/core'
import type { Command } from 'commander'
import { unitWord } from '../../shared/summary.js'
import { displayWidth, formatVi, padEndW, padStartW } from '../../shared/text.js'
import { json, needPack, printIssues, readAll } from '../common.js'
import { coreIssueLine, err, EXIT, out, UsageError, type Ctx } from '../context.js'
import { loadRules } from '../packs.js'

interface ImpactOptions {
  from: string
  to: string
  year?: string
  toYear?: string
  unitKind?: string
  mapping?: string
  in: string[]
  sheet?: string
  survey?: string
  json?: boolean
}

/** `chiso impact`: the impact of a new edition of the criteria on last year's submissions. */
export function impactCommand(program: Command, ctx: Ctx): void {
  program
    .command('impact')
    .description('tác động của bộ chỉ số mới lên kết quả năm trước: chấm lại theo bảng chuyển đổi, so điểm, xếp loại, thứ hạng / impact of a new edition: re-score last year’s results through a mapping and compare')
    .requiredOption('--from <pack>', 'bộ chỉ số các biểu đã được chấm theo: tệp JSON, mã hoặc họ (theo --year) / the edition the submissions were made for')
    .requiredOption('--to <pack>', 'bộ chỉ số mới: tệp JSON, mã hoặc họ (theo --to-year, mặc định năm nay) / the new edition')
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp .xlsx/.csv của năm trước / last year’s folder(s) or files')
    .option('--mapping <file>', 'bảng chuyển đổi (JSON); mặc định: bảng đi kèm @chiso/rules-vn-cchc / the mapping (JSON); default: the one shipped with @chiso/rules-vn-cchc')
    .option('-y, --year <year>', 'kỳ đánh giá của các biểu (năm) / period of the submissions')
    .option('--to-year <year>', 'năm chọn bộ chỉ số mới khi --to là một họ / year resolving --to when it is a family')
    .option('--unit-kind <kind>', 'loại đơn vị khi chọn bộ chỉ số theo họ / unit kind for resolving a family')
    .option('--sheet <name>', 'tên trang tính / worksheet name')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx) / survey results table')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .action(async (o: ImpactOptions) => {
      const from = await needPack(ctx, o.from, o)
      if (!from) return
      const to = await needPack(ctx, o.to, { ...(o.toYear !== undefined ? { year: o.toYear } : {}), ...(o.unitKind !== undefined ? { unitKind: o.unitKind } : {}) })
      if (!to) return
      const mapping = await findMapping(ctx, o.mapping, from.pack.id, to.pack.id)
      const r = await readAll(ctx, from.pack, o.in, o)
      if (r.submissions.length === 0) {
        printIssues(ctx, r.issues)
        throw new UsageError(`Không có biểu nào chấm được trong / nothing to score in: ${o.in.join(', ')}`)
      }
      // the word for the units, from the batch ("xã", "phường, thị trấn")
      const report = safeMethodologyImpact(from.pack, to.pack, r.submissions.map((s) => s.assessment), mapping, { unitWord: (b) => ({ vi: unitWord(b), en: 'units' }) })
      if (!report.ok) {
        err(ctx, 'Không so được hai bộ chỉ số / could not compare the editions:')
        for (const i of report.issues) err(ctx, `  - ${coreIssueLine(i, o.mapping)}`)
        ctx.code = EXIT.problems
        return
      }
      const value = report.value
      const word = unitWord(value.before)
      if (o.json) {
        const { before: _b, after: _a, ...rest } = value
        json(ctx, { ...rest, units: rest.units.map((u) => ({ ...u, file: r.submissions.find((s) => s.assessment.unitId === u.unitId)?.file })), issues: r.issues })
      } else {
        out(ctx, formatImpact(value, word))
        printIssues(ctx, r.issues)
      }
      ctx.code = r.issues.some((i) => i.severity === 'error') ? EXIT.problems : EXIT.ok
    })
}

/** The mapping named by --mapping, else the one shipped for these two packs. */
async function findMapping(ctx: Ctx, file: string | undefined, fromId: string, toId: string): Promise<unknown> {
  if (file !== undefined) {
    try {
      return JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
    } catch (e) {
      throw new UsageError(`Không đọc được bảng chuyển đổi / cannot read the mapping ${file}: ${(e as Error).message}`)
    }
  }
  const rules = (await loadRules()) as { mappingFor?: (from: string, to: string) => unknown } | undefined
  const shipped = rules?.mappingFor?.(fromId, toId)
  if (shipped === undefined) {
    throw new UsageError(`Không có bảng chuyển đổi đi kèm từ ${fromId} sang ${toId}: hãy nêu --mapping <tệp.json> / no mapping shipped from ${fromId} to ${toId}: give --mapping <file.json>`)
  }
  return shipped
}

/** The report in Vietnamese: the summary, a table of units, the criteria that moved most, what could not be carried. */
function formatImpact(r: ImpactReport, word: string): string {
  const lines: string[] = []
  const before = r.before.pack
  const after = r.after.pack
  lines.push(`Tác động của bộ chỉ số ${after.title.vi} (${r.to.id}@${r.to.version})`)
  lines.push(`lên kết quả chấm theo ${before.title.vi} (${r.from.id}@${r.from.version}) — ${r.units.length} ${word}`)
  lines.push(reconstructionSummary(after).text.vi)
  if (r.mapping.status === 'reconstructed') lines.push('Bảng chuyển đổi giữa hai bộ là bản tái dựng: các tương ứng là giả định, không phải văn bản chính thức.')
  lines.push('')
  lines.push(r.summary.text.vi)
  lines.push('')
  const nameW = Math.min(30, Math.max(8, ...r.units.map((u) => displayWidth(u.name ?? u.unitId))))
  lines.push([padEndW('Đơn vị', nameW), padStartW('Chỉ số cũ', 10), padStartW('Chỉ số mới', 11), padStartW('Thay đổi', 9), padStartW('Bỏ TC mới', 10), padStartW('Hạng cũ', 8), padStartW('Hạng mới', 9), '  Xếp loại'].join(' '))
  const rank = (s: ImpactReport['units'][number]['old']): string => (s.rank === null ? '—' : `${s.rank}/${s.groupSize}`)
  const sorted = [...r.units].sort((a, b) => a.indexDelta.cmp(b.indexDelta) || (a.unitId < b.unitId ? -1 : 1))
  for (const u of sorted) {
    const name = u.name ?? u.unitId
    const cut = displayWidth(name) > nameW ? `${[...name].slice(0, nameW - 1).join('')}…` : name
    const band = u.bandMove === 'same' ? (u.new.band?.label.vi ?? '—') : `${u.old.band?.label.vi ?? '—'} → ${u.new.band?.label.vi ?? '—'}`
    const delta = `${u.indexDelta.isNegative() ? '' : '+'}${formatVi(u.indexDelta)}`
    lines.push([padEndW(cut, nameW), padStartW(formatVi(u.old.index), 10), padStartW(formatVi(u.new.index), 11), padStartW(delta, 9), padStartW(formatVi(u.newIndexMappedOnly), 10), padStartW(rank(u.old), 8), padStartW(rank(u.new), 9), `  ${band}`].join(' '))
  }
  const moved = r.criteria.filter((c) => !c.meanDelta.isZero() && c.from.length > 0 && c.to.length > 0).sort((a, b) => a.meanDelta.cmp(b.meanDelta))
  if (moved.length > 0) {
    lines.push('')
    lines.push(`Tiêu chí thay đổi điểm (bình quân mỗi ${word}):`)
    for (const c of moved) {
      const codes = c.from.join(', ') === c.to.join(', ') ? c.to.join(', ') : `${c.from.join(', ')} → ${c.to.join(', ')}`
      const sign = c.meanDelta.isNegative() ? '' : '+'
      lines.push(`  ${codes} ${c.title.vi}: ${sign}${formatVi(c.meanDelta)} điểm (${c.unitsDown} ${word} giảm, ${c.unitsUp} tăng)${c.note ? ` — ${c.note.vi}` : ''}`)
    }
  }
  if (r.unmapped.length > 0) {
    const max = r.unmapped.reduce((s, u) => s.add(u.maxPoints), Exact.ZERO)
    lines.push('')
    lines.push(`Tiêu chí mới không có tương ứng trong bộ cũ (${r.unmapped.length} tiêu chí, ${formatVi(max)} điểm): chấm theo số liệu có được, thường là 0; cột "Bỏ TC mới" là chỉ số khi bỏ các tiêu chí này`)
    for (const u of r.unmapped) lines.push(`  ${u.code} ${u.title.vi} (${formatVi(u.maxPoints)} điểm)`)
  }
  const notCarried = new Map<string, number>()
  for (const u of r.units) for (const x of u.unmapped) if (x.why === 'not-carried') notCarried.set(x.code, (notCarried.get(x.code) ?? 0) + 1)
  if (notCarried.size > 0) {
    lines.push('')
    lines.push('Tiêu chí không chuyển được dữ liệu của năm trước (tính theo bộ mới, thường là 0):')
    for (const [code, n] of notCarried) lines.push(`  ${code}: ${n} ${word}`)
  }
  if (r.dropped.length > 0) {
    lines.push('')
    lines.push(`Tiêu chí của bộ cũ không còn trong bộ mới: ${r.dropped.map((d) => d.code).join(', ')}`)
  }
  return lines.join('\n')
}
