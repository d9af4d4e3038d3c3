/**
 * `chiso sample`.
 */
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { csvLine } from '../../shared/csv-cell.js'
import { SAMPLE_MARK } from '../../shared/marks.js'
import { formatRankingTable, reportHeaderLines, summaryLines } from '../../shared/summary.js'
import { slugify } from '../../shared/text.js'
import { writeFilledWorkbook } from '../../xlsx/template.js'
import { json, missingData, printMissingData, resultJson, saveFile, scoreBatch, writeOutput } from '../common.js'
import { err, EXIT, out, tty, UsageError, type Ctx } from '../context.js'
import { ProgressBar } from '../progress.js'
import { sampleAssessments, type SampleSurveyRow } from '../sample.js'

/** The name of the survey results file written among the sample's forms (chiso score finds it there). */
const SURVEY_FILE = 'ket-qua-dieu-tra-xa-hoi-hoc.csv'

/** `chiso sample`: generate the sample province, score it, print the ranking (and write its forms). */
export function sampleCommand(program: Command, ctx: Ctx): void {
  program
    .command('sample')
    .description('tạo tỉnh mẫu (dữ liệu mẫu, từ @chiso/rules-vn-cchc), chấm điểm và in bảng xếp hạng / generate the sample province (sample data), score it, print the ranking')
    .option('-y, --year <year>', 'năm / year', '2024')
    .option('--seed <n>', 'hạt giống ngẫu nhiên (mặc định của gói mẫu) / random seed (default: as the sample package)')
    .option('--kind <kind>', 'chỉ chấm loại đơn vị này (commune, ward, department …) / only this unit kind')
    .option('-o, --out <file>', 'ghi tệp kết quả .xlsx / .csv / .json / write a result file')
    .option(
      '--workbooks <dir>',
      'ghi biểu tự đánh giá đã điền của từng đơn vị và bảng kết quả điều tra vào thư mục (để thử chiso score) / write each unit’s filled form and the survey results into a folder (to try chiso score)',
    )
    .option('--json', 'kết quả dạng JSON / JSON output')
    .action(async (o: { year: string; seed?: string; kind?: string; out?: string; workbooks?: string; json?: boolean }) => {
      if (!/^\d{4}$/.test(o.year)) throw new UsageError(ctx.m.yearNeeded(o.year))
      const seed = o.seed === undefined ? undefined : Number(o.seed)
      if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(ctx.m.seedNeeded(o.seed!))
      const sample = await sampleAssessments({ year: Number(o.year), ...(seed !== undefined ? { seed } : {}), ...(o.kind !== undefined ? { kind: o.kind } : {}), locale: ctx.lang })
      if (!sample.ok) throw new UsageError(sample.message[ctx.lang])
      const reports: unknown[] = []
      const written: string[] = []
      if (!o.json && sample.province) {
        out(ctx, ctx.m.sampleHeader(sample.province, o.year))
        out(ctx, `${SAMPLE_MARK[ctx.lang]}\n`)
      }
      for (const part of sample.parts) {
        const batch = scoreBatch(ctx, part.pack, part.assessments, o.json === true)
        if (!batch) return
        if (o.out) {
          const file = sample.parts.length > 1 ? o.out.replace(/(\.[^.]+)?$/, (ext) => `-${slugify(part.kind)}${ext}`) : o.out
          await writeOutput(ctx, file, batch, sample.province ? { issuer: `UBND ${sample.province.toLocaleUpperCase('vi')}` } : {})
          written.push(file)
        }
        if (o.workbooks) {
          const folder = resolve(ctx.io.cwd, o.workbooks, sample.parts.length > 1 ? slugify(part.kind) : '')
          const bar = new ProgressBar(ctx.io.stderr, ctx.m.progressWrite, part.assessments.length, tty(ctx, o.json === true))
          let k = 0
          for (const a of part.assessments) {
            // each form says it is sample data (the units carry the sample marker), and so does what is made from it
            await saveFile(ctx, resolve(folder, `${slugify(a.unitId)}.xlsx`), () => writeFilledWorkbook(part.pack, a))
            bar.update(++k, a.unitId)
          }
          bar.done()
          // the survey team's results, next to the forms: chiso score --in <folder> uses them
          const surveyFile = resolve(folder, SURVEY_FILE)
          await saveFile(ctx, surveyFile, surveyCsv(part.surveyResults))
          if (!o.json) out(ctx, ctx.m.sampleWritten(part.assessments.length, folder, SURVEY_FILE))
        }
        const md = missingData(batch, true)
        if (o.json) reports.push(resultJson(batch, ctx.lang, { period: o.year, kind: part.kind }, undefined, md))
        else {
          out(ctx, ctx.m.partHeader(part.title, o.year))
          for (const l of reportHeaderLines(part.pack, { locale: ctx.lang, sample: true })) out(ctx, l)
          out(ctx)
          out(ctx, formatRankingTable(batch, { locale: ctx.lang }))
          for (const l of summaryLines(batch, { locale: ctx.lang, withoutHeader: true })) out(ctx, l)
          printMissingData(ctx, batch, md)
          out(ctx)
        }
      }
      // the files -o wrote, named (one per kind of unit when the sample has several), as score says "Kết quả: …"
      if (written.length > 0) (o.json ? err : out)(ctx, ctx.m.resultWritten(written.join(', ')))
      if (o.json) json(ctx, { year: o.year, seed: seed ?? null, sample: true, province: sample.province, results: reports })
      ctx.code = EXIT.ok
    })
}

/**
 * The survey results as the table `--survey` reads (and `score` finds among the forms):
 * one row per unit and survey criterion with the respondents per answer, under a line
 * saying it is sample data.
 */
function surveyCsv(rows: readonly SampleSurveyRow[]): string {
  const answers = [...new Set(rows.flatMap((r) => Object.keys(r.answers)))].sort()
  const lines = [csvLine([SAMPLE_MARK.vi], ','), csvLine(['Mã đơn vị', 'Tên đơn vị', 'Mã tiêu chí', 'Số người được hỏi', ...answers], ',')]
  for (const r of rows) lines.push(csvLine([r.unitId, r.unitName, r.code, String(r.respondents), ...answers.map((a) => String(r.answers[a] ?? 0))], ','))
  return `\ufeff${lines.join('\r\n')}\r\n`
}
