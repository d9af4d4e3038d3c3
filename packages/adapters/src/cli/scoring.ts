/**
 * What `score` and `rank` do alike: read the submissions under the right edition, score
 * and rank them, compare with earlier years, and report — the pack and what in it is
 * reconstructed, the ranking, the summary, what was scored 0 and why — in the output
 * language. `score` also writes its files.
 */
import type { BatchResult } from '@chiso/core'
import type { Command } from 'commander'
import { anySample } from '../shared/marks.js'
import { streakText } from '../shared/streak.js'
import { formatRankingTable, reportHeaderLines, summaryLines } from '../shared/summary.js'
import { json, missingData, printIssues, printMissingData, readAll, readCode, recordsOf, resultJson, saveFile, scoreBatch, writeOutput, type ReadOptions } from './common.js'
import { out, UsageError, type Ctx } from './context.js'
import { earlierYears, historyYears, parseYears, yearInputs, yearsReport } from './years.js'

/** The options of `score` and `rank`. @internal */
export interface ScoreOptions extends ReadOptions {
  readonly in: string[]
  readonly out?: string
  readonly save?: string
  readonly exclude?: string[]
  readonly years?: string
  readonly history?: string[]
  readonly issuer?: string
}

/** The year-over-year options of `score` and `rank`. @internal */
export function addYearsOptions(cmd: Command): Command {
  return cmd
    .option(
      '--years <years>',
      'so sánh với các năm trước, ví dụ 2022..2024: năm cuối là năm chấm; mỗi năm đọc từ thư mục con cùng tên trong --in (ho-so/2022/ …) hoặc từ --history / compare with earlier years, e.g. 2022..2024 (the last is scored); each year from a subfolder of --in named by the year, or from --history',
    )
    .option('--history <records...>', 'bản ghi kết quả các năm trước (từ chiso score --save) / result records of earlier years (from chiso score --save)')
}

/** Scores the submissions and prints the report; `write` also writes --out and --save. @internal */
export async function scoreAndReport(ctx: Ctx, o: ScoreOptions, write: boolean): Promise<void> {
  const started = Date.now()
  const years = o.years !== undefined ? parseYears(o.years) : undefined
  if (o.years !== undefined && !years) throw new UsageError(ctx.m.badYears(o.years))
  if (years && o.year !== undefined && years.at(-1) !== o.year) throw new UsageError(ctx.m.yearsConflict(o.years!, o.year))
  const year = o.year ?? years?.at(-1)
  // with --years, the year scored is read from its own subfolder when there is one
  const own = years ? yearInputs(ctx, o.in, years.at(-1)!) : []
  const inputs = own.length > 0 ? own : o.in
  const outputs = write ? [...(o.out ? [{ option: '--out', file: o.out }] : []), ...(o.save ? [{ option: '--save', file: o.save }] : [])] : []
  const read = await readAll(ctx, { ...o, year }, inputs, outputs)
  if (!read) return
  const { pack, r } = read
  const files = new Map(r.submissions.map((s) => [s.assessment.unitId, s.file]))
  const exclude = o.exclude && o.exclude.length > 0 ? { exclude: { units: o.exclude } } : {}
  let batch: BatchResult | undefined
  if (r.submissions.length > 0) {
    batch = scoreBatch(
      ctx,
      pack,
      r.submissions.map((s) => s.assessment),
      o.json === true,
      exclude,
    )
    if (!batch) return
  }
  const md = batch ? missingData(batch, read.survey !== undefined) : undefined
  // --history without --years compares with every earlier year its records hold (it was ignored without a word)
  let compared = years
  const scoredYear = read.period ?? years?.at(-1)
  if (batch && !years && (o.history ?? []).length > 0 && scoredYear !== undefined) {
    const before = await historyYears(ctx, o.history!, scoredYear.match(/\d{4}/)?.[0] ?? scoredYear)
    if (before.length === 0) ctx.io.stderr.write(`${ctx.m.historyNothingEarlier(scoredYear)}\n`)
    else {
      ctx.io.stderr.write(`${ctx.m.historyWithoutYears(before)}\n`)
      compared = [...before, scoredYear]
    }
  }
  // records saved under the pack in use (a province's own file) are re-scored under it
  const earlier = batch && compared ? await earlierYears(ctx, { ...o, ...(o.exclude ? { exclude: o.exclude } : {}) }, years ? o.in : [], compared, o.history ?? [], [pack.source]) : undefined
  const yr = batch && earlier ? yearsReport(batch, scoredYear ?? compared!.at(-1)!, earlier, ctx.lang) : undefined
  let written: string | undefined
  if (write && batch && o.out) {
    written = await writeOutput(ctx, o.out, batch, {
      issues: r.issues,
      ...(o.issuer !== undefined ? { issuer: o.issuer.replace(/\\n/g, '\n') } : {}),
      ...(yr ? { years: { heading: yr.change.heading, byUnit: yr.change.byUnit, lines: yr.lines, notes: yr.notes } } : {}),
    })
  }
  if (write && batch && o.save) await saveFile(ctx, o.save, JSON.stringify(recordsOf(batch), null, 2))
  const ms = Date.now() - started
  if (o.json) {
    json(ctx, {
      ...(batch ? resultJson(batch, ctx.lang, { period: read.period ?? null }, files, md) : { pack: { id: pack.id, version: pack.version }, ranking: [] }),
      ...(yr
        ? {
            years: {
              compared: [...earlier!.keys()].sort(),
              units: yr.history.map((h) => ({
                unitId: h.unitId,
                changes: h.changes.map((c) => ({ from: c.fromYear, to: c.toYear, rankChange: c.rankChange, text: c.text[ctx.lang] })),
                streak: streakText(h, ctx.lang) ?? null,
              })),
              lines: yr.lines,
            },
          }
        : {}),
      files: r.files.length,
      scored: r.submissions.length,
      rejected: r.rejected,
      skipped: r.skipped,
      blank: r.blank,
      survey: read.survey ?? null,
      issues: r.issues,
      ...(write ? { out: written ?? null, ms } : {}),
    })
  } else {
    if (batch) {
      for (const l of reportHeaderLines(pack, { locale: ctx.lang, sample: anySample(batch.units.map((u) => u.result.assessment)) })) out(ctx, l)
      if (o.year === undefined && read.period !== undefined) out(ctx, `(${ctx.m.periodFromForms(read.period)})`)
      out(ctx)
      out(ctx, formatRankingTable(batch, { locale: ctx.lang, ...(yr ? { change: yr.change } : {}) }))
      for (const l of summaryLines(batch, { locale: ctx.lang, withoutHeader: true, ...(yr ? { unitNotes: yr.notes } : {}) })) out(ctx, l)
      for (const l of yr?.lines ?? []) out(ctx, l)
      printMissingData(ctx, batch, md!)
    }
    for (const f of r.blank) ctx.io.stderr.write(`${ctx.m.blankForm(f)}\n`)
    if (write) {
      out(ctx, `\n${ctx.m.readSummary(r.files.length, r.submissions.length, r.rejected.length, r.skipped.length, r.blank.length, ms)}`)
      if (written) out(ctx, ctx.m.resultWritten(o.out!))
    }
    printIssues(
      ctx,
      r.issues.filter((i) => i.code !== 'blank_form'),
      { scored: r.submissions.length, ...(r.refusedUnits ? { refusedUnits: r.refusedUnits } : {}) },
    )
  }
  ctx.code = readCode(ctx, r.issues)
}
