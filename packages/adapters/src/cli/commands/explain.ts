/**
 * `chiso explain`.
 */
import { evaluate } from '@chiso/core'
import type { Command } from 'commander'
import { formatFileIssue } from '../../shared/issues.js'
import { normalizeHeader, slugify } from '../../shared/text.js'
import { addPackOptions, json, needPack, readAll, scoreBatch } from '../common.js'
import { err, EXIT, out, UsageError, type Ctx } from '../context.js'
import { formatTraceTree } from '../explain.js'

/** `chiso explain`: one unit's points as a tree of criteria, rules, evidence and appraisal. */
export function explainCommand(program: Command, ctx: Ctx): void {
  addPackOptions(program.command('explain').description('giải thích điểm của một đơn vị (cây tiêu chí, quy tắc, tài liệu, thẩm định) / explain one unit’s points as a tree'), true)
    .argument('<unit>', 'mã đơn vị, tên đơn vị hoặc tên tệp / unit id, unit name or file name')
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp / folder(s) or files')
    .option('--sheet <name>', 'tên trang tính / worksheet name')
    .option('--json', 'kết quả dạng JSON (trace) / JSON output (trace)')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx: Mã đơn vị, Mã tiêu chí, Điểm hoặc A, B, C, D) / survey results table')
    .action(async (unit: string, o: { pack: string; year?: string; unitKind?: string; in: string[]; sheet?: string; json?: boolean; survey?: string }) => {
      const p = await needPack(ctx, o.pack, o)
      if (!p) return
      const r = await readAll(ctx, p.pack, o.in, o)
      const want = normalizeHeader(unit)
      const found = r.submissions.find(
        (s) =>
          s.assessment.unitId === unit ||
          normalizeHeader(s.assessment.unitId) === want ||
          normalizeHeader(s.assessment.unit?.name ?? '') === want ||
          slugify(s.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')) === slugify(unit) ||
          s.file === unit,
      )
      if (!found) {
        const fileProblems = r.issues.filter((i) => normalizeHeader(i.file).includes(want))
        if (fileProblems.length > 0) {
          err(ctx, `Không chấm được đơn vị "${unit}" vì biểu có lỗi / "${unit}" could not be scored:`)
          for (const i of fileProblems) err(ctx, `  - ${formatFileIssue(i)}`)
          ctx.code = EXIT.problems
          return
        }
        throw new UsageError(`Không có đơn vị "${unit}" trong các tệp đã đọc / no unit "${unit}" in the files read`)
      }
      const batch = scoreBatch(ctx, p.pack, r.submissions.map((s) => s.assessment), o.json === true)
      const ranked = batch?.unit(found.assessment.unitId)
      const result = evaluate(p.pack, found.assessment, { trace: true })
      if (o.json) {
        json(ctx, {
          ...result.toJSON(),
          rank: ranked?.rank ?? null,
          groupSize: ranked?.groupSize ?? null,
          band: ranked?.band ? { code: ranked.band.code, label: ranked.band.label.vi } : null,
          trace: result.trace,
          file: found.file,
        })
      } else out(ctx, formatTraceTree(result, ranked))
      ctx.code = EXIT.ok
    })
}
