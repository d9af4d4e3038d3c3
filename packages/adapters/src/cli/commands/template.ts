/**
 * `chiso template`.
 */
import { extname } from 'node:path'
import { packInForce } from '@chiso/core'
import type { Command } from 'commander'
import { writeTemplateCsv } from '../../csv/index.js'
import { writeTemplateWorkbook } from '../../xlsx/template.js'
import { cellWarning, needPack, saveFile, say } from '../common.js'
import { dateVi } from '../../shared/locale.js'
import { packMarkLine } from '../../shared/marks.js'
import { EXIT, out, UsageError, type Ctx } from '../context.js'
import { familyResolver } from '../packs.js'

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
      // a form for a year the pack is not in force would be refused by score: none is written
      if (o.year !== undefined) {
        const f = packInForce(p.pack, o.year)
        if (!f.inForce) {
          const family = typeof p.pack.source.family === 'string' ? p.pack.source.family : undefined
          const resolver = family ? await familyResolver(family, { ...(o.unitKind !== undefined ? { unitKind: o.unitKind } : {}), cwd: ctx.io.cwd }) : undefined
          const other = resolver?.packFor(f.year)
          const edition = `${p.pack.id}@${p.pack.version}`
          // Vietnamese dates day first (31/12/2024), English ones as ISO dates
          const d = (iso: string): string => (ctx.lang === 'vi' ? dateVi(iso) : iso)
          const period = f.to ? `${d(f.from)} – ${d(f.to)}` : `${d(f.from)}`
          throw new UsageError(
            say(
              ctx,
              `Bộ chỉ số ${edition} có hiệu lực ${f.to ? `từ ${d(f.from)} đến ${d(f.to)}` : `từ ${d(f.from)}`}, không áp dụng cho năm ${f.year}: biểu năm ${f.year} theo bộ chỉ số này sẽ bị chiso score từ chối, nên không ghi biểu. ${other ? `Bộ chỉ số có hiệu lực năm ${f.year}: ${other.id} (chiso template ${family} --year ${f.year}).` : `Hãy chọn bộ chỉ số có hiệu lực năm ${f.year} (chiso packs liệt kê hiệu lực), hoặc bỏ --year.`}`,
              `Pack ${edition} is in force ${f.to ? period : `from ${period}`}, not in ${f.year}: chiso score would refuse ${f.year} forms made from it, so no form is written. ${other ? `The pack in force in ${f.year}: ${other.id} (chiso template ${family} --year ${f.year}).` : `Choose a pack in force in ${f.year} (chiso packs lists when each is in force), or leave out --year.`}`,
            ),
          )
        }
      }
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
