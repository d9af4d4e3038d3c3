/**
 * `chiso score`.
 */
import type { Command } from 'commander'
import { addInputOptions, addPackOptions } from '../common.js'
import type { Ctx } from '../context.js'
import { addYearsOptions, scoreAndReport, type ScoreOptions } from '../scoring.js'

/** `chiso score`: score submitted workbooks, write the result file, print the ranking. */
export function scoreCommand(program: Command, ctx: Ctx): void {
  const cmd = addPackOptions(
    program.command('score').description('chấm điểm các biểu đã nộp, ghi tệp kết quả và in bảng xếp hạng / score submitted workbooks, write the result workbook, print the ranking'),
    true,
  )
  addYearsOptions(addInputOptions(cmd))
    .option('-o, --out <file>', 'tệp kết quả: .xlsx (sổ kết quả, in được), .csv (xếp hạng) hoặc .json (bản ghi để tính lại) / result file: .xlsx (printable), .csv or .json records')
    .option(
      '--issuer <text>',
      'cơ quan ban hành, in ở góc trên bên trái sổ kết quả; "\\n" để xuống dòng, ví dụ "UBND TỈNH …\\nSỞ NỘI VỤ" / issuing body printed top left of the result workbook; "\\n" for a new line',
    )
    .option('--save <records.json>', 'lưu bản ghi kết quả (để chiso recalc, --history) / save result records for chiso recalc and --history')
    .action(async (o: ScoreOptions) => scoreAndReport(ctx, o, true))
}
