/**
 * `chiso report`.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { createUnitRegistry, evaluateBatch, safeRecalculate, type AssessmentInput, type BatchResult, type CompiledPack, type PackRegistry, type UnitRegistry } from '@chiso/core'
import { analyseSensitivity } from '@chiso/core/analysis'
import { Option, type Command } from 'commander'
import { formatDuration } from '../../shared/locale.js'
import { buildReportData, type ReportData, type ReportDataOptions } from '../../report/data.js'
import { renderReportHtml, reportPages, type ReportPageKind } from '../../report/document.js'
import { renderReportPdf, ReportPdfError } from '../../report/pdf.js'
import { addPackOptions, json, printIssues, readAll, readCode, saveFile, say, scoreBatch } from '../common.js'
import { err, EXIT, out, tty, UsageError, type Ctx } from '../context.js'
import { registryWith } from '../packs.js'
import { missingPackHint, packRegistry, recordIssueLines, recordsIn } from '../records.js'
import { ProgressBar } from '../progress.js'

interface ReportOptions {
  pack?: string
  year?: string
  unitKind?: string
  in?: string[]
  records?: string
  previous?: string[]
  out: string[]
  survey?: string
  sheet?: string
  title?: string
  chromium?: string
  draws: string
  spread: string
  seed: string
  sensitivity: boolean
  json?: boolean
}

/** One year of stored results, re-scored as a batch. */
interface StoredYear {
  readonly period: string
  readonly pack: CompiledPack
  readonly assessments: AssessmentInput[]
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v]

/**
 * Reads saved result records (`chiso score --save`, `chiso sample -o x.json`): each record
 * is recalculated under the pack version it names and must reproduce exactly; the
 * assessments are grouped by period and pack. A file whose records do not all reproduce is
 * reported and left out (its ranks would not be the published ones).
 */
async function readStored(ctx: Ctx, file: string, registry: PackRegistry): Promise<{ years: StoredYear[]; ok: boolean }> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(say(ctx, `Không tìm thấy tệp ${file}`, `File not found: ${file}`))
    err(ctx, say(ctx, `${file}: không phải JSON hợp lệ: ${(e as Error).message}`, `${file}: not valid JSON: ${(e as Error).message}`))
    return { years: [], ok: false }
  }
  const records = recordsIn(data) ?? []
  if (records.length === 0) {
    err(ctx, say(ctx, `${file}: không có bản ghi kết quả nào (cần tệp của chiso score --save)`, `${file}: no result records (a file from chiso score --save is needed)`))
    return { years: [], ok: false }
  }
  const byKey = new Map<string, StoredYear>()
  let bad = 0
  // packs the records name that chiso does not have (a province's own): said once, with what to do
  const missing = new Set<string>()
  records.forEach((rec, k) => {
    const r = safeRecalculate(rec, { registry })
    const id = String((rec as { unitId?: unknown } | null)?.unitId ?? `#${k}`)
    if (!r.ok) {
      bad++
      err(ctx, say(ctx, `${file} › ${id}: bản ghi không hợp lệ`, `${file} › ${id}: invalid record`))
      for (const line of recordIssueLines(ctx, r.issues.slice(0, 5), missing)) err(ctx, `    - ${line}`)
      return
    }
    if (!r.value.identical) {
      bad++
      err(
        ctx,
        say(
          ctx,
          `${file} › ${id}: tính lại không trùng khớp với kết quả đã lưu (${r.value.differences.length} khác biệt; xem chiso recalc)`,
          `${file} › ${id}: does not recalculate to the stored result (${r.value.differences.length} differences; see chiso recalc)`,
        ),
      )
      return
    }
    const result = r.value.result
    const key = `${result.period}\u0000${result.pack.id}@${result.pack.version}`
    let y = byKey.get(key)
    if (!y) byKey.set(key, (y = { period: result.period, pack: result.pack, assessments: [] }))
    y.assessments.push((rec as { assessment: AssessmentInput }).assessment)
  })
  if (missing.size > 0) err(ctx, missingPackHint(ctx, [...missing]))
  if (bad > 0) {
    err(ctx, say(ctx, `${file}: ${bad}/${records.length} bản ghi không dùng được, bỏ qua cả tệp`, `${file}: ${bad} of ${records.length} records unusable, the file is left out`))
    return { years: [], ok: false }
  }
  return { years: [...byKey.values()], ok: true }
}

/** Every unit the years name (with predecessors), for lineage; undefined when they do not form a consistent registry. */
function lineage(batches: readonly BatchResult[]): UnitRegistry | undefined {
  const units = new Map<string, unknown>()
  for (const b of batches) for (const u of b.units) if (u.result.assessment.unit && !units.has(u.unitId)) units.set(u.unitId, u.result.assessment.unit)
  const known = new Set(units.keys())
  // predecessors that no year names are dropped: lineage can only follow units with results
  const list = [...units.values()].map((u) => {
    const p = (u as { predecessors?: string[] }).predecessors
    return p ? { ...(u as object), predecessors: p.filter((id) => known.has(id)) } : u
  })
  try {
    return createUnitRegistry(list)
  } catch {
    return undefined
  }
}

const KIND_VI: Record<ReportPageKind, string> = {
  cover: 'trang tóm tắt',
  ranking: 'bảng xếp hạng',
  'index-bars': 'biểu đồ chỉ số và ngưỡng xếp loại',
  heatmap: 'bản đồ nhiệt lĩnh vực',
  slope: 'thay đổi thứ hạng',
  intervals: 'độ ổn định thứ hạng',
  'band-years': 'xếp loại qua các năm',
  unit: 'trang từng đơn vị',
}

const KIND_EN: Record<ReportPageKind, string> = {
  cover: 'summary',
  ranking: 'ranking',
  'index-bars': 'index and band thresholds',
  heatmap: 'area heat map',
  slope: 'rank changes',
  intervals: 'rank stability',
  'band-years': 'bands over the years',
  unit: 'unit pages',
}

/** `chiso report`: a printable report (HTML, PDF) of the results, with charts. */
export function reportCommand(program: Command, ctx: Ctx): void {
  addPackOptions(
    program
      .command('report')
      .description(
        'báo cáo in được (HTML tự chứa, PDF) với biểu đồ: xếp hạng, ngưỡng xếp loại, bản đồ nhiệt, so sánh năm, độ ổn định thứ hạng, từng đơn vị / a printable report (self-contained HTML, PDF) with charts',
      ),
    false,
  )
    .option('-i, --in <paths...>', 'thư mục hoặc các tệp .xlsx/.csv đã nộp / folder(s) or submitted .xlsx/.csv files')
    .option('--records <file>', 'hoặc: bản ghi kết quả đã lưu của năm báo cáo (chiso score --save) / or: saved result records of the year reported')
    .option('--previous <file>', 'bản ghi kết quả đã lưu của một năm trước (chiso score --save); lặp lại cho nhiều năm / saved result records of an earlier year; repeat for several years', collect)
    .requiredOption('-o, --out <files...>', 'tệp báo cáo: .html và/hoặc .pdf / report file(s): .html and/or .pdf')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx) / survey results table')
    .option('--sheet <name>', 'tên trang tính chứa biểu / worksheet holding the form')
    .option('--title <text>', 'tiêu đề báo cáo / report title')
    .option('--chromium <path>', 'Chromium dùng để in PDF (mặc định: CHISO_CHROMIUM, rồi /usr/bin/chromium …) / Chromium to print the PDF with')
    .addOption(new Option('--draws <n>', 'số lần thử của phân tích độ nhạy / draws of the sensitivity analysis').default('1000'))
    .addOption(new Option('--spread <x>', 'biên độ thay đổi trọng số lĩnh vực, 0,1 = ±10 % / spread of area weights').default('0.1'))
    .addOption(new Option('--seed <n>', 'hạt giống ngẫu nhiên / random seed').default('1'))
    .option('--no-sensitivity', 'bỏ phân tích độ nhạy / leave out the sensitivity analysis')
    .option('--json', 'tóm tắt dạng JSON / JSON summary')
    .addHelpText(
      'after',
      `
Năm trước / earlier years: --previous nhận tệp bản ghi kết quả do "chiso score --save bản-ghi.json" (hoặc "chiso sample -o x.json") ghi; mỗi bản ghi được tính lại và phải trùng khớp. / --previous takes result records written by "chiso score --save"; each is recalculated and must reproduce exactly.

Ví dụ / examples:
  chiso report --pack vn-cchc/commune --year 2024 --in bieu-2024/ -o bao-cao.html bao-cao.pdf
  chiso report --pack vn-cchc/commune --year 2024 --in bieu-2024/ --previous ket-qua-2023.json --previous ket-qua-2022.json -o bao-cao.pdf
  chiso report --records ket-qua-2024.json --previous ket-qua-2023.json -o bao-cao.html`,
    )
    .action(async (o: ReportOptions) => {
      const started = Date.now()
      for (const f of o.out)
        if (!['.html', '.htm', '.pdf'].includes(extname(f).toLowerCase())) throw new UsageError(say(ctx, `--out: cần tệp .html hoặc .pdf: ${f}`, `--out: needs an .html or .pdf file: ${f}`))
      if ((o.in === undefined) === (o.records === undefined))
        throw new UsageError(say(ctx, 'Cần đúng một trong --in (biểu đã nộp) hoặc --records (bản ghi đã lưu)', 'Give exactly one of --in (submissions) or --records (saved records)'))
      const draws = Number(o.draws)
      if (o.sensitivity && (!Number.isInteger(draws) || draws < 1 || draws > 100_000)) throw new UsageError(`--draws cần số nguyên 1–100000 / --draws needs a whole number 1–100000: ${o.draws}`)
      const spread = o.spread.replace(',', '.')
      if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(spread)) throw new UsageError(`--spread cần số trong [0, 1], ví dụ 0,1 / --spread needs a number in [0, 1], e.g. 0.1: ${o.spread}`)
      const seed = Number(o.seed)
      if (!Number.isInteger(seed)) throw new UsageError(`--seed cần số nguyên / --seed needs an integer: ${o.seed}`)
      const stored = [...(o.records ? [o.records] : []), ...(o.previous ?? [])]
      for (const f of o.out)
        for (const s of [...stored, ...(o.survey ? [o.survey] : [])])
          if (resolve(ctx.io.cwd, f) === resolve(ctx.io.cwd, s)) throw new UsageError(`--out trỏ tới tệp đầu vào / --out names an input file: ${f}`)

      let packFile: unknown[] = []
      let problems = false
      let batch: BatchResult | undefined
      let assessments: readonly AssessmentInput[] = []
      let fileIssues: Parameters<typeof printIssues>[1] = []
      if (o.in) {
        if (!o.pack) throw new UsageError(say(ctx, '--in cần --pack', '--in needs --pack'))
        // the edition from --year, else from the forms' own period, as score and rank read them
        const read = await readAll(
          ctx,
          { ...o, pack: o.pack },
          o.in,
          o.out.map((f) => ({ option: '--out', file: f })),
        )
        if (!read) return
        // a pack given as a file joins the registry the earlier years' records are recalculated in
        if (o.pack.endsWith('.json') || existsSync(resolve(ctx.io.cwd, o.pack))) packFile = [read.pack.source]
        const r = read.r
        fileIssues = r.issues
        if (r.submissions.length === 0) {
          printIssues(ctx, r.issues)
          err(ctx, say(ctx, 'Không có biểu nào chấm được, không lập báo cáo', 'No submission could be scored, no report written'))
          ctx.code = EXIT.problems
          return
        }
        assessments = r.submissions.map((s) => s.assessment)
        batch = scoreBatch(ctx, read.pack, assessments, o.json === true, { trace: true })
        if (!batch) return
      }
      // records under a province's own pack: its file (and the files beside it) given with --pack
      const registry = o.records && o.pack && (o.pack.endsWith('.json') || existsSync(resolve(ctx.io.cwd, o.pack))) ? await packRegistry(ctx, [o.pack]) : await registryWith(packFile)
      if (o.records) {
        const s = await readStored(ctx, o.records, registry)
        if (!s.ok) {
          ctx.code = EXIT.problems
          return
        }
        if (s.years.length !== 1)
          throw new UsageError(
            say(
              ctx,
              `${o.records}: cần kết quả của đúng một kỳ và một bộ chỉ số, có ${s.years.map((y) => `${y.period} (${y.pack.id}@${y.pack.version})`).join(', ')}`,
              `${o.records}: needs the results of exactly one period and pack, has ${s.years.map((y) => `${y.period} (${y.pack.id}@${y.pack.version})`).join(', ')}`,
            ),
          )
        assessments = s.years[0]!.assessments
        batch = scoreBatch(ctx, s.years[0]!.pack, assessments, o.json === true, { trace: true })
        if (!batch) return
      }
      if (!batch) return
      const period = o.year ?? [...new Set(batch.units.map((u) => u.result.period))].join(', ')

      const previous: Record<string, BatchResult> = {}
      for (const f of o.previous ?? []) {
        const s = await readStored(ctx, f, registry)
        if (!s.ok) problems = true
        for (const y of s.years) {
          if (y.period === period) {
            err(ctx, say(ctx, `${f}: kỳ ${y.period} là kỳ đang báo cáo, bỏ qua`, `${f}: period ${y.period} is the one reported, left out`))
            continue
          }
          if (previous[y.period]) {
            err(ctx, say(ctx, `${f}: kỳ ${y.period} đã có từ tệp khác, bỏ qua`, `${f}: period ${y.period} already given by another file, left out`))
            problems = true
            continue
          }
          previous[y.period] = evaluateBatch(y.pack, y.assessments)
        }
      }

      let sensitivity: ReportDataOptions['sensitivity']
      if (o.sensitivity) {
        const bar = new ProgressBar(ctx.io.stderr, ctx.lang === 'vi' ? 'Độ nhạy' : 'Sensitivity', draws, tty(ctx, o.json === true))
        sensitivity = { report: analyseSensitivity(batch.pack, assessments, { draws, seed, weights: { spread }, onProgress: (d) => bar.update(d) }), spread }
        bar.done()
      }
      const units = Object.keys(previous).length > 0 ? lineage([...Object.values(previous), batch]) : undefined
      const data: ReportData = buildReportData(batch, {
        period,
        previous,
        ...(o.title ? { title: o.title } : {}),
        ...(sensitivity ? { sensitivity } : {}),
        ...(units ? { units } : {}),
        locale: ctx.lang,
      })
      const html = renderReportHtml(data)
      const pages = reportPages(data)
      const written: { file: string; kind: 'html' | 'pdf'; bytes: number; overflowing?: readonly number[] }[] = []
      for (const f of o.out.filter((x) => extname(x).toLowerCase() !== '.pdf')) {
        await saveFile(ctx, f, html)
        written.push({ file: f, kind: 'html', bytes: Buffer.byteLength(html) })
      }
      const pdfs = o.out.filter((x) => extname(x).toLowerCase() === '.pdf')
      if (pdfs.length > 0) {
        let printed
        try {
          printed = await renderReportPdf(html, { ...(o.chromium !== undefined ? { chromium: o.chromium } : {}) })
        } catch (e) {
          if (e instanceof ReportPdfError) throw new UsageError(e.message)
          throw e
        }
        if (printed.overflowing.length > 0) {
          err(ctx, say(ctx, `Cảnh báo: nội dung tràn khỏi trang ${printed.overflowing.join(', ')}`, `Warning: content overflows page(s) ${printed.overflowing.join(', ')}`))
        }
        for (const f of pdfs) {
          await saveFile(ctx, f, printed.pdf)
          written.push({ file: f, kind: 'pdf', bytes: printed.pdf.length, overflowing: printed.overflowing })
        }
      }
      const counts = new Map<ReportPageKind, number>()
      for (const p of pages) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1)
      const ms = Date.now() - started
      if (o.json) {
        json(ctx, {
          pack: data.pack,
          period: data.period,
          units: data.units.length,
          groups: data.groups.map((g) => ({ key: g.key, name: g.name, units: g.units.length })),
          previousYears: data.previousYears,
          sample: data.sample,
          reconstruction: data.reconstruction?.text ?? null,
          pages: pages.length,
          pagesByKind: Object.fromEntries(counts),
          files: written,
          issues: fileIssues,
          ms,
        })
      } else {
        out(ctx, `${data.title} — ${data.pack.title} (${data.pack.id}@${data.pack.version})`)
        const say = (vi: string, en: string): string => (ctx.lang === 'vi' ? vi : en)
        const kinds = ctx.lang === 'vi' ? KIND_VI : KIND_EN
        out(
          ctx,
          say(
            `${data.units.length} đơn vị, ${data.groups.length} nhóm${data.previousYears.length > 0 ? `, so sánh với năm ${data.previousYears.join(', ')}` : ''}${data.sample ? ' — dữ liệu mẫu' : ''}`,
            `${data.units.length} unit${data.units.length === 1 ? '' : 's'}, ${data.groups.length} group${data.groups.length === 1 ? '' : 's'}${data.previousYears.length > 0 ? `, compared with ${data.previousYears.join(', ')}` : ''}${data.sample ? ' — sample data' : ''}`,
          ),
        )
        out(ctx, `${say(`${pages.length} trang`, `${pages.length} page${pages.length === 1 ? '' : 's'}`)}: ${[...counts].map(([k, n]) => `${n} ${kinds[k]}`).join(', ')}`)
        for (const w of written) out(ctx, `${say('Đã ghi', 'Wrote')} ${w.file} (${w.kind.toUpperCase()}, ${Math.round(w.bytes / 1024)} KB)`)
        out(ctx, `(${formatDuration(ms, ctx.lang)})`)
        printIssues(ctx, fileIssues)
      }
      const code = readCode(ctx, fileIssues)
      ctx.code = code !== EXIT.ok ? code : problems ? EXIT.problems : EXIT.ok
    })
}
