/**
 * `chiso score`.
 */
import type { BatchResult } from '@chiso/core'
import type { Command } from 'commander'
import { formatRankingTable, summaryLines } from '../../shared/summary.js'
import { addPackOptions, json, needPack, printIssues, readAll, readCode, recordsOf, resultJson, saveFile, scoreBatch, writeOutput } from '../common.js'
import { out, type Ctx } from '../context.js'

/** `chiso score`: score submitted workbooks, write the result file, print the ranking. */
export function scoreCommand(program: Command, ctx: Ctx): void {
  addPackOptions(
    program
      .command('score')
      .description('chấm điểm các biểu đã nộp, ghi tệp kết quả và in bảng xếp hạng / score submitted workbooks, write the result workbook, print the ranking'),
    true,
  )
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp .xlsx/.csv / folder(s) or .xlsx/.csv files')
    .option('-o, --out <file>', 'tệp kết quả: .xlsx (sổ kết quả), .csv (xếp hạng) hoặc .json (bản ghi để tính lại) / result file: .xlsx, .csv or .json records')
    .option('--save <records.json>', 'lưu bản ghi kết quả (để chiso recalc) / save result records for chiso recalc')
    .option('--sheet <name>', 'tên trang tính chứa biểu / worksheet holding the form')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx: Mã đơn vị, Mã tiêu chí, Điểm hoặc A, B, C, D) / survey results table')
    .action(async (o: { pack: string; year?: string; unitKind?: string; in: string[]; out?: string; save?: string; sheet?: string; json?: boolean; survey?: string }) => {
      const started = Date.now()
      const p = await needPack(ctx, o.pack, o)
      if (!p) return
      const outputs = [...(o.out ? [{ option: '--out', file: o.out }] : []), ...(o.save ? [{ option: '--save', file: o.save }] : [])]
      const r = await readAll(ctx, p.pack, o.in, o, outputs)
      const files = new Map(r.submissions.map((s) => [s.assessment.unitId, s.file]))
      let batch: BatchResult | undefined
      if (r.submissions.length > 0) {
        batch = scoreBatch(ctx, p.pack, r.submissions.map((s) => s.assessment), o.json === true)
        if (!batch) return
      }
      let written: string | undefined
      if (batch && o.out) written = await writeOutput(ctx, o.out, batch, r.issues)
      if (batch && o.save) await saveFile(ctx, o.save, JSON.stringify(recordsOf(batch), null, 2))
      const ms = Date.now() - started
      if (o.json) {
        json(ctx, {
          ...(batch ? (resultJson(batch, { period: o.year ?? null }, files) as object) : { pack: { id: p.pack.id, version: p.pack.version }, ranking: [] }),
          files: r.files.length,
          scored: r.submissions.length,
          rejected: r.rejected,
          skipped: r.skipped,
          issues: r.issues,
          out: written ?? null,
          ms,
        })
      } else {
        if (batch) {
          out(ctx, `${p.pack.title.vi} (${p.pack.id}@${p.pack.version})${o.year ? ` — năm ${o.year}` : ''}\n`)
          out(ctx, formatRankingTable(batch))
          for (const l of summaryLines(batch).slice(2)) out(ctx, l)
        }
        out(ctx, `\nĐã đọc ${r.files.length} tệp: chấm ${r.submissions.length}, không chấm được ${r.rejected.length}${r.skipped.length > 0 ? `, bỏ qua ${r.skipped.length} tệp kết quả` : ''} (${ms} ms)`)
        if (written) out(ctx, `Kết quả: ${o.out}`)
        printIssues(ctx, r.issues)
      }
      ctx.code = readCode(ctx, r.issues)
    })
}
