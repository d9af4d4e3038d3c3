/**
 * `chiso validate`.
 */
import type { Command } from 'commander'
import { formatNumber } from '../../shared/locale.js'
import { packMarkLine } from '../../shared/marks.js'
import { json, packJson, printIssues, readAll, readCode } from '../common.js'
import { coreIssueLine, EXIT, out, UsageError, type Ctx } from '../context.js'
import { loadPack } from '../packs.js'

/** `chiso validate`: a pack JSON is valid, or (with `--pack`) submitted workbooks read cleanly. */
export function validateCommand(program: Command, ctx: Ctx): void {
  program
    .command('validate')
    .description('kiểm tra bộ chỉ số JSON (hoặc, với --pack, các biểu đã nộp) / validate a pack JSON (or, with --pack, submitted workbooks)')
    .argument('<targets...>', 'tệp bộ chỉ số .json, hoặc tệp/thư mục biểu khi có --pack / pack .json, or workbooks/folders with --pack')
    .option('-p, --pack <pack>', 'kiểm tra các biểu theo bộ chỉ số này / validate workbooks against this pack')
    .option('-y, --year <year>', 'kỳ đánh giá / period')
    .option('--unit-kind <kind>', 'loại đơn vị / unit kind')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .action(async (targets: string[], o: { pack?: string; year?: string; unitKind?: string; json?: boolean }) => {
      if (o.pack !== undefined) {
        const read = await readAll(ctx, { ...o, pack: o.pack }, targets)
        if (!read) return
        const { pack, r } = read
        if (o.json)
          json(ctx, {
            pack: packJson(pack, ctx.lang),
            period: read.period ?? null,
            files: r.files.length,
            valid: r.submissions.length,
            rejected: r.rejected,
            skipped: r.skipped,
            blank: r.blank,
            issues: r.issues,
          })
        else {
          out(ctx, ctx.m.filesValid(r.files.length, r.submissions.length, r.rejected.length))
          printIssues(ctx, r.issues)
        }
        ctx.code = readCode(ctx, r.issues)
        return
      }
      const reports: unknown[] = []
      let bad = false
      for (const t of targets) {
        // a pack that extends another finds its base among the other files given and the files beside it
        const r = await loadPack(t, {
          ...(o.year !== undefined ? { year: o.year } : {}),
          ...(o.unitKind !== undefined ? { unitKind: o.unitKind } : {}),
          cwd: ctx.io.cwd,
          packFiles: targets.filter((x) => x !== t && /\.json$/i.test(x)),
        })
        if (r.ok) {
          const leaves = r.pack.nodes.filter((n) => n.isLeaf).length
          if (o.json)
            reports.push({ target: t, ok: true, ...(packJson(r.pack, ctx.lang) as object), areas: r.pack.areas.length, nodes: r.pack.nodes.length - 1, leaves, scale: r.pack.scale.toString() })
          else {
            out(ctx, ctx.m.packValid(t, `${r.pack.id}@${r.pack.version}`, r.pack.areas.length, r.pack.nodes.length - 1, leaves, formatNumber(r.pack.scale, ctx.lang)))
            out(ctx, `  ${packMarkLine(r.pack, ctx.lang)}`)
          }
        } else if (r.kind === 'not_found') {
          throw new UsageError(r.message[ctx.lang])
        } else {
          bad = true
          if (o.json) reports.push({ target: t, ok: false, issues: r.issues })
          else {
            out(ctx, ctx.m.packInvalid(t, r.issues.length))
            for (const i of r.issues) out(ctx, `  - ${coreIssueLine(i, ctx.lang)}`)
          }
        }
      }
      if (o.json) json(ctx, reports)
      ctx.code = bad ? EXIT.problems : EXIT.ok
    })
}
