/**
 * `chiso validate`.
 */
import type { Command } from 'commander'
import { formatVi } from '../../shared/text.js'
import { json, needPack, printIssues, readAll, readCode } from '../common.js'
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
        const p = await needPack(ctx, o.pack, o)
        if (!p) return
        const r = await readAll(ctx, p.pack, targets, o)
        if (o.json) json(ctx, { pack: `${p.pack.id}@${p.pack.version}`, files: r.files.length, valid: r.submissions.length, rejected: r.rejected, skipped: r.skipped, issues: r.issues })
        else {
          out(ctx, `${r.files.length} tệp: ${r.submissions.length} hợp lệ, ${r.rejected.length} có lỗi / ${r.files.length} files: ${r.submissions.length} valid, ${r.rejected.length} with errors`)
          printIssues(ctx, r.issues)
        }
        ctx.code = readCode(ctx, r.issues)
        return
      }
      const reports: unknown[] = []
      let bad = false
      for (const t of targets) {
        const r = await loadPack(t, { ...o, cwd: ctx.io.cwd })
        if (r.ok) {
          const leaves = r.pack.nodes.filter((n) => n.isLeaf).length
          const line = `✓ ${t}: ${r.pack.id}@${r.pack.version} hợp lệ — ${r.pack.areas.length} lĩnh vực, ${r.pack.nodes.length - 1} tiêu chí (${leaves} tiêu chí thành phần), thang điểm ${formatVi(r.pack.scale)}`
          if (o.json) reports.push({ target: t, ok: true, id: r.pack.id, version: r.pack.version, contentHash: r.pack.contentHash, areas: r.pack.areas.length, nodes: r.pack.nodes.length - 1, leaves, scale: r.pack.scale.toString() })
          else out(ctx, line)
        } else if (r.kind === 'not_found') {
          throw new UsageError(`${r.message.vi}\n${r.message.en}`)
        } else {
          bad = true
          if (o.json) reports.push({ target: t, ok: false, issues: r.issues })
          else {
            out(ctx, `✗ ${t}: ${r.issues.length} lỗi / problems`)
            for (const i of r.issues) out(ctx, `  - ${coreIssueLine(i)}`)
          }
        }
      }
      if (o.json) json(ctx, reports)
      ctx.code = bad ? EXIT.problems : EXIT.ok
    })
}
