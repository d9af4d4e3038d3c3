/**
 * `chiso packs`.
 */
import type { Command } from 'commander'
import { textIn } from '../../shared/locale.js'
import { reconstructionOf } from '../../shared/marks.js'
import { displayWidth, padEndW } from '../../shared/text.js'
import { appliesToText } from '../../shared/unit-kinds.js'
import { json } from '../common.js'
import { EXIT, out, UsageError, type Ctx } from '../context.js'
import { loadRules } from '../packs.js'

/** `chiso packs`: the editions of the packs shipped, with the dates they are in force and what in them is reconstructed. */
export function packsCommand(program: Command, ctx: Ctx): void {
  program
    .command('packs')
    .description('liệt kê các bộ chỉ số có sẵn: phiên bản, thời gian hiệu lực, nội dung chính thức hay tái dựng / list the packs shipped: editions, dates in force, official or reconstructed')
    .option('--family <family>', 'chỉ họ bộ chỉ số này, ví dụ vn-cchc/commune / only this family')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .action(async (o: { family?: string; json?: boolean }) => {
      const rules = await loadRules()
      const reg = rules?.vnCchc
      if (!reg) throw new UsageError(ctx.m.noRules)
      const list = reg
        .list()
        .filter((p) => o.family === undefined || p.family === o.family)
        .sort((a, b) => (a.family ?? a.id).localeCompare(b.family ?? b.id) || (a.effective?.from ?? '').localeCompare(b.effective?.from ?? ''))
      const rows = list.map((p) => {
        const pack = reg.compile(p.id, p.version)
        const s = reconstructionOf(pack)
        return { summary: p, pack, s }
      })
      if (o.json) {
        json(
          ctx,
          rows.map(({ summary: p, pack, s }) => ({
            id: p.id,
            version: p.version,
            family: p.family ?? null,
            title: textIn(pack.title, ctx.lang),
            appliesTo: p.appliesTo ?? [],
            effective: p.effective ?? null,
            standing: s.standing,
            criteria: s.criteria,
            reconstructed: s.reconstructed,
            text: s.text[ctx.lang],
          })),
        )
        ctx.code = EXIT.ok
        return
      }
      const table = rows.map(({ summary: p, s }) => [
        p.id,
        p.version,
        appliesToText(p.appliesTo ?? [], ctx.lang),
        p.effective ? ctx.m.packsFrom(p.effective.from, p.effective.to) : '—',
        s.standing === 'official' || s.standing === 'unmarked' ? (ctx.m.standing[s.standing] ?? s.standing) : `${ctx.m.standing[s.standing] ?? s.standing} (${s.reconstructed}/${s.criteria})`,
      ])
      const head = [...ctx.m.packsHeader]
      const widths = head.map((h, k) => Math.max(displayWidth(h), ...table.map((r) => displayWidth(r[k]!))))
      const line = (cells: string[]): string => cells.map((c, k) => (k === cells.length - 1 ? c : padEndW(c, widths[k]!))).join('  ')
      out(ctx, line(head))
      for (const r of table) out(ctx, line(r))
      out(ctx, `\n${ctx.m.packsNote}`)
      ctx.code = EXIT.ok
    })
}
