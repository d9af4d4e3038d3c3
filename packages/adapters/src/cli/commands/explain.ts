/**
 * `chiso explain`.
 */
import { evaluate } from '@chiso/core'
import type { Command } from 'commander'
import { formatFileIssue, problemsOfUnit } from '../../shared/issues.js'
import { anySample } from '../../shared/marks.js'
import { addInputOptions, addPackOptions, findSubmission, json, packJson, readAll, scoreBatch, type ReadOptions } from '../common.js'
import { err, EXIT, out, UsageError, type Ctx } from '../context.js'
import { formatTraceTree } from '../explain.js'

/** `chiso explain`: one unit's points as a tree of criteria, rules, evidence and appraisal. */
export function explainCommand(program: Command, ctx: Ctx): void {
  addInputOptions(addPackOptions(program.command('explain').description('giải thích điểm của một đơn vị (cây tiêu chí, quy tắc, tài liệu, thẩm định) / explain one unit’s points as a tree'), true))
    .argument('<unit>', 'mã đơn vị, tên đơn vị hoặc tên tệp / unit id, unit name or file name')
    .action(async (unit: string, o: ReadOptions & { in: string[]; exclude?: string[] }) => {
      const read = await readAll(ctx, o, o.in)
      if (!read) return
      const { pack, r } = read
      const found = findSubmission(r.submissions, unit)
      if (!found) {
        const fileProblems = problemsOfUnit(r.issues, unit)
        if (fileProblems.length > 0) {
          err(ctx, ctx.m.unitHasErrors(unit))
          for (const i of fileProblems) err(ctx, `  - ${formatFileIssue(i, ctx.lang)}`)
          ctx.code = EXIT.problems
          return
        }
        throw new UsageError(ctx.m.noUnit(unit))
      }
      const batch = scoreBatch(
        ctx,
        pack,
        r.submissions.map((s) => s.assessment),
        o.json === true,
        o.exclude && o.exclude.length > 0 ? { exclude: { units: o.exclude } } : {},
      )
      const ranked = batch?.unit(found.assessment.unitId)
      const result = evaluate(pack, found.assessment, { trace: true })
      if (o.json) {
        json(ctx, {
          ...result.toJSON(),
          pack: packJson(pack, ctx.lang),
          sample: anySample([found.assessment]),
          rank: ranked?.rank ?? null,
          groupSize: ranked?.groupSize ?? null,
          band: ranked?.band ? { code: ranked.band.code, label: ctx.lang === 'en' ? (ranked.band.label.en ?? ranked.band.label.vi) : ranked.band.label.vi } : null,
          trace: result.trace,
          explanation: formatTraceTree(result, ranked, { locale: ctx.lang }).split('\n'),
          file: found.file,
        })
      } else out(ctx, formatTraceTree(result, ranked, { locale: ctx.lang }))
      ctx.code = EXIT.ok
    })
}
