/**
 * `chiso rank`.
 */
import type { Command } from 'commander'
import { bandSummary, formatRankingTable } from '../../shared/summary.js'
import { addPackOptions, json, needPack, printIssues, readAll, readCode, resultJson, scoreBatch } from '../common.js'
import { out, type Ctx } from '../context.js'

/** `chiso rank`: the ranking table of submitted workbooks. */
export function rankCommand(program: Command, ctx: Ctx): void {
  addPackOptions(program.command('rank').description('in bảng xếp hạng từ các biểu đã nộp / print the ranking table from submitted workbooks'), true)
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp .xlsx/.csv / folder(s) or files')
    .option('--sheet <name>', 'tên trang tính / worksheet name')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx: Mã đơn vị, Mã tiêu chí, Điểm hoặc A, B, C, D) / survey results table')
    .action(async (o: { pack: string; year?: string; unitKind?: string; in: string[]; sheet?: string; json?: boolean; survey?: string }) => {
      const p = await needPack(ctx, o.pack, o)
      if (!p) return
      const r = await readAll(ctx, p.pack, o.in, o)
      const batch = r.submissions.length > 0 ? scoreBatch(ctx, p.pack, r.submissions.map((s) => s.assessment), o.json === true) : undefined
      if (r.submissions.length > 0 && !batch) return
      if (o.json) json(ctx, { ...(batch ? (resultJson(batch, {}, new Map(r.submissions.map((s) => [s.assessment.unitId, s.file]))) as object) : { ranking: [] }), issues: r.issues })
      else {
        if (batch) out(ctx, formatRankingTable(batch))
        if (batch && batch.pack.bands.length > 0) out(ctx, bandSummary(batch))
        printIssues(ctx, r.issues)
      }
      ctx.code = readCode(ctx, r.issues)
    })
}
