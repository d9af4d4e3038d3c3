/**
 * `chiso recalc`.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { safeRecalculate, type ChisoIssue } from '@chiso/core'
import type { Command } from 'commander'
import { json } from '../common.js'
import { err, EXIT, out, tty, UsageError, type Ctx } from '../context.js'
import { missingPackHint, packRegistry, recordIssueLines, recordsIn } from '../records.js'
import { ProgressBar } from '../progress.js'

/** `chiso recalc`: re-evaluate stored result records and report identical / differences. */
export function recalcCommand(program: Command, ctx: Ctx): void {
  program
    .command('recalc')
    .description('tính lại các bản ghi kết quả đã lưu và so sánh / re-evaluate stored result records and report identical / differences')
    .argument('<records>', 'tệp JSON bản ghi kết quả (từ chiso score --save) / result records JSON (from chiso score --save)')
    .option('-p, --pack <files...>', 'thêm bộ chỉ số từ tệp JSON (bộ riêng của tỉnh) / extra pack JSON files (a province’s own packs)')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .action(async (file: string, o: { pack?: string[]; json?: boolean }) => {
      const say = (vi: string, en: string): string => (ctx.lang === 'vi' ? vi : en)
      let data: unknown
      try {
        data = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(say(`Không tìm thấy tệp: ${file}`, `File not found: ${file}`))
        err(ctx, `${file}: ${say('không phải JSON hợp lệ', 'not valid JSON')}: ${(e as Error).message}`)
        ctx.code = EXIT.problems
        return
      }
      // the province's own packs: the files given and the pack files beside them
      const registry = await packRegistry(ctx, o.pack ?? [])
      const records = recordsIn(data) ?? [data]
      const bar = new ProgressBar(ctx.io.stderr, say('Tính lại', 'Recalculating'), records.length, tty(ctx, o.json === true))
      const reports: {
        unitId: string
        /** the unit's name from the record, for people; its id when the record names none */
        name: string
        period: string
        status: 'identical' | 'different' | 'invalid'
        differences?: unknown
        issues?: unknown
        fingerprintMatches?: boolean
        packContentMatches?: boolean
      }[] = []
      records.forEach((rec, k) => {
        const id = String((rec as { unitId?: unknown }).unitId ?? `#${k}`)
        const period = String((rec as { period?: unknown }).period ?? '')
        const named = (rec as { assessment?: { unit?: { name?: unknown } } }).assessment?.unit?.name
        const name = typeof named === 'string' && named.trim() !== '' ? named : id
        const r = safeRecalculate(rec, { registry })
        if (!r.ok) reports.push({ unitId: id, name, period, status: 'invalid', issues: r.issues })
        else if (r.value.identical) reports.push({ unitId: id, name, period, status: 'identical' })
        else
          reports.push({
            unitId: id,
            name,
            period,
            status: 'different',
            differences: r.value.differences,
            fingerprintMatches: r.value.fingerprintMatches,
            packContentMatches: r.value.packContentMatches,
          })
        bar.update(k + 1, id)
      })
      bar.done()
      const same = reports.filter((r) => r.status === 'identical').length
      if (o.json) json(ctx, { records: reports.length, identical: same, reports: reports.map(({ name: _name, ...r }) => r) })
      else {
        // a record that does not reproduce is named with its id too: the id may be what was changed
        const who = (r: { name: string; unitId: string }): string => (r.name === r.unitId ? r.unitId : `${r.name} (${r.unitId})`)
        // packs the records name that chiso does not have: one hint after the list
        const missing = new Set<string>()
        for (const r of reports) {
          if (r.status === 'identical') out(ctx, `✓ ${r.name} ${r.period}: ${say('trùng khớp', 'identical')}`)
          else if (r.status === 'invalid') {
            out(ctx, `✗ ${who(r)} ${r.period}: ${say('không tính lại được', 'cannot recalculate')}`)
            for (const line of recordIssueLines(ctx, r.issues as ChisoIssue[], missing)) out(ctx, `    - ${line}`)
          } else {
            const diffs = r.differences as { code: string | null; field: string; stored: string | null; recalculated: string | null; delta: string | null }[]
            out(
              ctx,
              `≠ ${who(r)} ${r.period}: ${say(`${diffs.length} khác biệt, giá trị lưu → tính lại`, `${diffs.length} differences, stored → recalculated`)}${r.packContentMatches === false ? say(' (nội dung bộ chỉ số đã thay đổi)', ' (pack content changed)') : ''}${r.fingerprintMatches === false ? say(' (mã kiểm tra khác)', ' (fingerprint differs)') : ''}`,
            )
            // by field: a node's field after its code, a record's field by its path; stored → recalculated
            for (const d of diffs) out(ctx, `    ${d.code === null ? d.field : `${d.code} ${d.field}`}: ${d.stored ?? '—'} → ${d.recalculated ?? '—'}${d.delta ? ` (${d.delta})` : ''}`)
          }
        }
        out(ctx, `\n${say(`${same}/${reports.length} bản ghi trùng khớp`, `${same} of ${reports.length} records identical`)}`)

        if (missing.size > 0) err(ctx, missingPackHint(ctx, [...missing]))
      }
      ctx.code = same === reports.length ? EXIT.ok : EXIT.problems
    })
}
