/**
 * `chiso template`.
 */
import { extname } from 'node:path'
import type { Command } from 'commander'
import { writeTemplateCsv } from '../../csv/index.js'
import { writeTemplateWorkbook } from '../../xlsx/template.js'
import { cellWarning, needPack, saveFile } from '../common.js'
import { packMarkLine } from '../../shared/marks.js'
import { EXIT, out, type Ctx } from '../context.js'

/** `chiso template`: the blank self-assessment form of a pack (.xlsx or .csv). */
export function templateCommand(program: Command, ctx: Ctx): void {
  program
    .command('template')
    .description('tạo biểu tự đánh giá trống cho đơn vị điền (tiếng Việt; dòng nội dung tái dựng được đánh dấu) / write the blank self-assessment form (in Vietnamese; reconstructed rows marked)')
    .argument('<pack>', 'bộ chỉ số: tệp JSON, mã hoặc họ / pack: JSON path, id or family')
    .requiredOption('-o, --out <file>', 'tệp kết quả .xlsx (hoặc .csv) / output .xlsx (or .csv)')
    .option('-y, --year <year>', 'điền sẵn kỳ đánh giá / pre-fill the period')
    .option('--unit-name <name>', 'điền sẵn tên đơn vị / pre-fill the unit name')
    .option('--unit-id <id>', 'điền sẵn mã đơn vị / pre-fill the unit code')
    .option('--unit-kind <kind>', 'loại đơn vị / unit kind')
    .action(async (spec: string, o: { out: string; year?: string; unitName?: string; unitId?: string; unitKind?: string }) => {
      const p = await needPack(ctx, spec, o)
      if (!p) return
      if (extname(o.out).toLowerCase() === '.csv') await saveFile(ctx, o.out, writeTemplateCsv(p.pack, o.year !== undefined ? { period: o.year } : {}))
      else
        await saveFile(ctx, o.out, () =>
          writeTemplateWorkbook(p.pack, {
            ...(o.year !== undefined ? { period: o.year } : {}),
            ...(o.unitName !== undefined ? { unitName: o.unitName } : {}),
            ...(o.unitId !== undefined ? { unitId: o.unitId } : {}),
            onWarning: cellWarning(ctx, o.out),
          }),
        )
      out(ctx, ctx.m.templateWritten(`${p.pack.id}@${p.pack.version}`, p.pack.nodes.length - 1, o.out))
      out(ctx, packMarkLine(p.pack, ctx.lang))
      ctx.code = EXIT.ok
    })
}
