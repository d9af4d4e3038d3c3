/**
 * `chiso sample`.
 */
import { resolve } from 'node:path'
import type { AssessmentInput } from '@chiso/core'
import type { Command } from 'commander'
import { csvLine } from '../../shared/csv-cell.js'
import { formatRankingTable, summaryLines } from '../../shared/summary.js'
import { slugify } from '../../shared/text.js'
import { writeFilledWorkbook } from '../../xlsx/template.js'
import { json, resultJson, saveFile, scoreBatch, writeOutput } from '../common.js'
import { EXIT, out, tty, UsageError, type Ctx } from '../context.js'
import { ProgressBar } from '../progress.js'
import { sampleAssessments } from '../sample.js'

/** `chiso sample`: generate the sample province, score it, print the ranking (and write its forms). */
export function sampleCommand(program: Command, ctx: Ctx): void {
  program
    .command('sample')
    .description('tạo tỉnh mẫu (từ @chiso/rules-vn-cchc), chấm điểm và in bảng xếp hạng / generate the sample province, score it, print the ranking')
    .option('-y, --year <year>', 'năm / year', '2024')
    .option('--seed <n>', 'hạt giống ngẫu nhiên (mặc định của gói mẫu) / random seed (default: as the sample package)')
    .option('--kind <kind>', 'chỉ chấm loại đơn vị này (commune, ward, department …) / only this unit kind')
    .option('-o, --out <file>', 'ghi tệp kết quả .xlsx / .csv / .json / write a result file')
    .option('--workbooks <dir>', 'ghi biểu tự đánh giá đã điền của từng đơn vị vào thư mục (để thử chiso score) / write each unit’s filled form into a folder (to try chiso score)')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .action(async (o: { year: string; seed?: string; kind?: string; out?: string; workbooks?: string; json?: boolean }) => {
      if (!/^\d{4}$/.test(o.year)) throw new UsageError(`--year cần một năm như 2024 / --year needs a year such as 2024: ${o.year}`)
      const seed = o.seed === undefined ? undefined : Number(o.seed)
      if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed cần một số nguyên / --seed needs an integer: ${o.seed}`)
      const sample = await sampleAssessments({ year: Number(o.year), ...(seed !== undefined ? { seed } : {}), ...(o.kind !== undefined ? { kind: o.kind } : {}) })
      if (!sample.ok) throw new UsageError(`${sample.message.vi}\n${sample.message.en}`)
      const reports: unknown[] = []
      if (!o.json && sample.province) out(ctx, `${sample.province} — kết quả Chỉ số CCHC năm ${o.year}\n`)
      for (const part of sample.parts) {
        const batch = scoreBatch(ctx, part.pack, part.assessments, o.json === true)
        if (!batch) return
        if (o.out) {
          const file = sample.parts.length > 1 ? o.out.replace(/(\.[^.]+)?$/, (ext) => `-${slugify(part.kind)}${ext}`) : o.out
          await writeOutput(ctx, file, batch, undefined)
        }
        if (o.workbooks) {
          const folder = resolve(ctx.io.cwd, o.workbooks, sample.parts.length > 1 ? slugify(part.kind) : '')
          const bar = new ProgressBar(ctx.io.stderr, 'Ghi biểu', part.assessments.length, tty(ctx, o.json === true))
          let k = 0
          for (const a of part.assessments) {
            await saveFile(ctx, resolve(folder, `${slugify(a.unitId)}.xlsx`), () => writeFilledWorkbook(part.pack, a))
            bar.update(++k, a.unitId)
          }
          bar.done()
          // the survey team's results travel separately from the units' own forms
          const surveyFile = `${folder.replace(/[\\/]+$/, '')}-dieu-tra.csv`
          await saveFile(ctx, surveyFile, surveyCsv(part.assessments))
          if (!o.json) out(ctx, `Đã ghi ${part.assessments.length} biểu vào ${folder} và kết quả điều tra vào ${surveyFile} (dùng với chiso score --survey)`)
        }
        if (o.json) reports.push(resultJson(batch, { period: o.year, kind: part.kind }))
        else {
          out(ctx, `${part.title} — ${part.pack.title.vi} (${part.pack.id}@${part.pack.version}), năm ${o.year}\n`)
          out(ctx, formatRankingTable(batch))
          for (const l of summaryLines(batch).slice(2)) out(ctx, l)
          out(ctx)
        }
      }
      if (o.json) json(ctx, { year: o.year, seed: seed ?? null, province: sample.province, results: reports })
      ctx.code = EXIT.ok
    })
}

/** The survey answers of a set of assessments as the table `--survey` reads. */
function surveyCsv(assessments: readonly AssessmentInput[]): string {
  const answerKeys = new Set<string>()
  for (const a of assessments) for (const v of Object.values(a.survey ?? {})) if ('answers' in v) for (const k of Object.keys(v.answers)) answerKeys.add(k)
  const keys = [...answerKeys].sort()
  const lines = [csvLine(['Mã đơn vị', 'Mã tiêu chí', 'Điểm', ...keys], ',')]
  for (const a of assessments) {
    for (const [code, v] of Object.entries(a.survey ?? {})) {
      lines.push(csvLine([a.unitId, code, 'points' in v ? String(v.points) : '', ...keys.map((k) => ('answers' in v ? String(v.answers[k] ?? '') : ''))], ','))
    }
  }
  return `\ufeff${lines.join('\r\n')}\r\n`
}
