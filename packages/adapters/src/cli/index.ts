/**
 * `@chiso/adapters/cli` — the `chiso` command: validate packs, write the blank form,
 * score a folder of submitted workbooks into a result workbook, print the ranking,
 * explain one unit, recalculate stored results, and score the sample province.
 *
 * Exit codes scripts can trust: 0 everything fine, 1 problems found in the input (bad
 * files, invalid pack, differences on recalculation), 2 usage error (including an output
 * that would overwrite an input, or cannot be written), 3 internal error (a bug in chiso:
 * please report it).
 *
 * @packageDocumentation
 */
import { mkdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, extname, relative, resolve } from 'node:path'
import {
  evaluate,
  safeEvaluateBatch,
  safeRecalculate,
  type AssessmentInput,
  type BatchResult,
  type ChisoIssue,
  type CompiledPack,
} from '@chiso/core'
import { Command, CommanderError, Option } from 'commander'
import { writeRankingCsv, writeTemplateCsv } from '../csv/index.js'
import { csvLine } from '../shared/csv-cell.js'
import { formatFileIssue, type FileIssue } from '../shared/issues.js'
import { bandSummary, formatRankingTable, summaryLines, unitName } from '../shared/summary.js'
import { formatVi, normalizeHeader, slugify } from '../shared/text.js'
import { writeResultWorkbook } from '../xlsx/result.js'
import { writeFilledWorkbook, writeTemplateWorkbook } from '../xlsx/template.js'
import { writeFileAtomic } from './atomic.js'
import { formatTraceTree } from './explain.js'
import { loadPack, registryWith, type LoadPackResult } from './packs.js'
import { ProgressBar, type OutStream } from './progress.js'
import { findSubmissionFiles, readSubmissions, readSurveyFile, withSurvey, type SubmissionsResult } from './submissions.js'
import { sampleAssessments } from './sample.js'

export { loadPack, loadRules, type LoadPackResult, type RulesModule } from './packs.js'
export { findSubmissionFiles, readSubmissions, readSurveyFile, type Submission, type SubmissionsResult } from './submissions.js'
export { ProgressBar, type OutStream } from './progress.js'
export { formatTraceTree } from './explain.js'
export { formatRankingTable, bandSummary, summaryLines } from '../shared/summary.js'
export { sampleAssessments, type SamplePart } from './sample.js'

/** Version of the `chiso` command. */
export const CLI_VERSION = '0.1.0'

/** Where the command reads and writes; `process` by default. */
export interface CliIO {
  readonly stdout: OutStream
  readonly stderr: OutStream
  readonly cwd: string
}

/** Exit codes: 0 fine, 1 problems found in the input, 2 usage error, 3 internal error (a bug in chiso). */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const

class UsageError extends Error {}

interface Ctx {
  io: CliIO
  code: number
}

const out = (ctx: Ctx, s = ''): void => void ctx.io.stdout.write(`${s}\n`)
const err = (ctx: Ctx, s = ''): void => void ctx.io.stderr.write(`${s}\n`)
const json = (ctx: Ctx, v: unknown): void => out(ctx, JSON.stringify(v, null, 2))

function coreIssueLine(i: ChisoIssue, file?: string): string {
  const path = i.path.length > 0 ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : ''
  return `${file ? `${file}: ` : ''}${path ? `${path}: ` : ''}${i.message.vi} / ${i.message.en} [${i.code}]`
}

async function needPack(ctx: Ctx, spec: string, opts: { year?: string; unitKind?: string }): Promise<Extract<LoadPackResult, { ok: true }> | undefined> {
  const r = await loadPack(spec, { ...opts, cwd: ctx.io.cwd })
  if (r.ok) return r
  if (r.kind === 'not_found') throw new UsageError(`${r.message.vi}\n${r.message.en}`)
  err(ctx, `Bộ chỉ số không hợp lệ / invalid pack${r.file ? ` (${r.file})` : ''}: ${r.issues.length} lỗi`)
  for (const i of r.issues) err(ctx, `  - ${coreIssueLine(i)}`)
  ctx.code = EXIT.problems
  return undefined
}

function tty(ctx: Ctx, jsonMode: boolean): boolean {
  return ctx.io.stdout.isTTY === true && !jsonMode
}

/** The same file on disk (hard links and case-insensitive names included), compared by device and inode. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)])
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino
}

/**
 * Refuses outputs that would overwrite an input (a submission, the survey table) or each
 * other: a usage error, before anything is written.
 */
async function guardOutputs(ctx: Ctx, outputs: readonly { option: string; file: string }[], inputs: readonly string[]): Promise<void> {
  for (const [k, o] of outputs.entries()) {
    const path = resolve(ctx.io.cwd, o.file)
    for (const input of inputs) {
      if (resolve(ctx.io.cwd, input) === path || (await sameFile(path, resolve(ctx.io.cwd, input)))) {
        const shown = relative(ctx.io.cwd, resolve(ctx.io.cwd, input)) || input
        throw new UsageError(
          `${o.option} trỏ tới tệp đầu vào "${shown}": ghi vào đó sẽ mất tệp đã nộp; hãy chọn tên khác\n${o.option} names the input file "${shown}": writing there would destroy a submission; choose another name`,
        )
      }
    }
    for (const other of outputs.slice(k + 1)) {
      if (resolve(ctx.io.cwd, other.file) === path || (await sameFile(path, resolve(ctx.io.cwd, other.file)))) {
        throw new UsageError(`${o.option} và ${other.option} trùng một tệp / ${o.option} and ${other.option} name the same file: ${o.file}`)
      }
    }
  }
}

async function readAll(
  ctx: Ctx,
  pack: CompiledPack,
  inputs: readonly string[],
  o: { year?: string; sheet?: string; unitKind?: string; json?: boolean; survey?: string },
  outputs: readonly { option: string; file: string }[] = [],
): Promise<SubmissionsResult> {
  const { files, missing } = await findSubmissionFiles(inputs, ctx.io.cwd)
  if (missing.length > 0) throw new UsageError(`Không tìm thấy / not found: ${missing.join(', ')}`)
  if (files.length === 0) throw new UsageError(`Không có tệp .xlsx hoặc .csv nào trong / no .xlsx or .csv files in: ${inputs.join(', ')}`)
  const bar = new ProgressBar(ctx.io.stderr, 'Đọc biểu', files.length, tty(ctx, o.json === true))
  const r = await readSubmissions(files, pack, {
    cwd: ctx.io.cwd,
    ...(o.year !== undefined ? { period: o.year } : {}),
    ...(o.sheet !== undefined ? { sheet: o.sheet } : {}),
    ...(o.unitKind !== undefined ? { unitKind: o.unitKind } : {}),
    onProgress: (d, t, f) => bar.update(d, f),
  })
  bar.done()
  for (const f of r.skipped) err(ctx, `Bỏ qua ${f}: tệp kết quả do chiso ghi, không phải biểu tự đánh giá / skipped ${f}: a result file written by chiso, not a submission`)
  // a result of ours in the folder may be written over (running the same command twice); a submission never
  const skipped = new Set(r.skipped)
  const submitted = files.filter((f) => !skipped.has(relative(ctx.io.cwd, f) || basename(f)))
  await guardOutputs(ctx, outputs, o.survey === undefined ? submitted : [...submitted, o.survey])
  if (o.survey === undefined) return r
  // survey criteria are never self-scored: their results come from the survey team's table
  return withSurvey(r, await readSurveyFile(o.survey, pack, ctx.io.cwd), o.survey)
}

function scoreBatch(ctx: Ctx, pack: CompiledPack, assessments: readonly AssessmentInput[], jsonMode: boolean, trace = false): BatchResult | undefined {
  const bar = new ProgressBar(ctx.io.stderr, 'Chấm điểm', assessments.length, tty(ctx, jsonMode))
  const r = safeEvaluateBatch(pack, assessments, { trace, onProgress: (d) => bar.update(d) })
  bar.done()
  if (!r.ok) {
    err(ctx, 'Không chấm được / could not score:')
    for (const i of r.issues) err(ctx, `  - ${coreIssueLine(i)}`)
    ctx.code = EXIT.problems
    return undefined
  }
  return r.value
}

function printIssues(ctx: Ctx, issues: readonly FileIssue[]): void {
  if (issues.length === 0) return
  const errors = issues.filter((i) => i.severity === 'error')
  err(ctx, `\nVấn đề trong các tệp đã nộp / problems in the submitted files: ${errors.length} lỗi, ${issues.length - errors.length} cảnh báo`)
  for (const i of issues) {
    err(ctx, `  - ${formatFileIssue(i)}`)
    if (i.code === 'internal_error' && typeof i.value === 'string') err(ctx, i.value.replace(/^/gm, '      '))
  }
}

/**
 * The exit code for what reading found: 3 when a file met a bug in chiso (said so on
 * stderr, with a request to report it), 1 for problems in the files, else 0.
 */
function readCode(ctx: Ctx, issues: readonly FileIssue[]): number {
  const internal = issues.filter((i) => i.code === 'internal_error')
  if (internal.length > 0) {
    err(
      ctx,
      `\nLỗi nội bộ của chiso khi đọc ${internal.length} tệp: đây là lỗi của chương trình, không phải của dữ liệu; xin báo lỗi kèm tệp và chi tiết ở trên (mã thoát 3)\nchiso met an internal error reading ${internal.length} file(s): a bug in chiso, not in your data; please report it with the file and the details above (exit code 3)`,
    )
    return EXIT.internal
  }
  return issues.some((i) => i.severity === 'error') ? EXIT.problems : EXIT.ok
}

function rankingJson(batch: BatchResult, files?: ReadonlyMap<string, string>): unknown[] {
  const rows: unknown[] = []
  for (const list of batch.groups.values()) {
    for (const u of list) {
      rows.push({
        rank: u.rank,
        groupSize: u.groupSize,
        unitId: u.unitId,
        name: unitName(u),
        group: u.group,
        total: u.result.total.toString(),
        applicableMax: u.result.applicableMax.toString(),
        index: u.result.index.toString(),
        indexVi: formatVi(u.result.index),
        band: u.band ? { code: u.band.code, label: u.band.label.vi } : null,
        componentRanks: u.componentRanks,
        fingerprint: u.result.fingerprint,
        ...(files?.get(u.unitId) ? { file: files.get(u.unitId) } : {}),
      })
    }
  }
  return rows
}

function resultJson(batch: BatchResult, extra: Record<string, unknown> = {}, files?: ReadonlyMap<string, string>): unknown {
  return {
    pack: { id: batch.pack.id, version: batch.pack.version, contentHash: batch.pack.contentHash },
    ...extra,
    bandSummary: batch.pack.bands.length > 0 ? bandSummary(batch) : null,
    summary: summaryLines(batch),
    ranking: rankingJson(batch, files),
  }
}

/**
 * Writes one output file atomically (a temporary file renamed over it: never half
 * written); a folder or file that cannot be written is a usage error naming it.
 */
async function saveFile(ctx: Ctx, file: string, data: string | Uint8Array | (() => Promise<string | Uint8Array>)): Promise<string> {
  const path = resolve(ctx.io.cwd, file)
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFileAtomic(path, typeof data === 'function' ? await data() : data)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (typeof code === 'string' && (e as NodeJS.ErrnoException).syscall !== undefined) {
      throw new UsageError(`Không ghi được tệp / cannot write ${file}: ${(e as Error).message}`)
    }
    throw e
  }
  return path
}

async function writeOutput(ctx: Ctx, file: string, batch: BatchResult, issues: readonly FileIssue[] | undefined): Promise<string> {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv') return saveFile(ctx, file, writeRankingCsv(batch))
  if (ext === '.json') return saveFile(ctx, file, JSON.stringify(recordsOf(batch), null, 2))
  return saveFile(ctx, file, () => writeResultWorkbook(batch, { locale: 'vi', ...(issues ? { issues } : {}) }))
}

function recordsOf(batch: BatchResult): unknown {
  return { kind: 'chiso.result-records', records: batch.units.map((u) => u.result.toJSON()) }
}

function addPackOptions(cmd: Command, required: boolean): Command {
  const pack = new Option('-p, --pack <pack>', 'bộ chỉ số: đường dẫn tệp JSON, mã (vn-cchc/commune-2019) hoặc họ (vn-cchc/commune) / pack: JSON path, id or family')
  if (required) pack.makeOptionMandatory()
  return cmd
    .addOption(pack)
    .option('-y, --year <year>', 'kỳ đánh giá (năm) / period being scored, e.g. 2024')
    .option('--unit-kind <kind>', 'loại đơn vị khi chọn bộ chỉ số theo họ / unit kind for resolving a family (commune, ward, department …)')
}

/**
 * Builds the `chiso` program (commander) writing to `io`. Each action sets `ctx.code`.
 * @internal
 */
function buildProgram(ctx: Ctx): Command {
  const program = new Command('chiso')
  program
    .description('chiso — tính Chỉ số cải cách hành chính (Chỉ số CCHC / PAR INDEX) từ bộ chỉ số JSON và biểu tự đánh giá Excel')
    .version(CLI_VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(dùng --help để xem hướng dẫn / use --help for usage)')
    .configureOutput({ writeOut: (s) => void ctx.io.stdout.write(s), writeErr: (s) => void ctx.io.stderr.write(s) })
    .addHelpText(
      'after',
      `
Mã thoát / exit codes: 0 ổn / ok · 1 có lỗi trong dữ liệu / input problems found · 2 sai cú pháp lệnh hoặc không ghi được tệp / usage error or output not writable · 3 lỗi nội bộ của chiso, xin báo lỗi / internal error in chiso, please report it

Ví dụ / examples:
  chiso template vn-cchc/commune --year 2024 -o bieu-tu-danh-gia.xlsx
  chiso score --pack vn-cchc/commune --year 2024 --in ./submissions/ --out ket-qua-2024.xlsx
  chiso explain xa-thanh-xa --pack vn-cchc/commune --year 2024 --in ./submissions/
  chiso sample --year 2024`,
    )

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

  program
    .command('template')
    .description('tạo biểu tự đánh giá trống cho đơn vị điền / write the blank self-assessment form')
    .argument('<pack>', 'bộ chỉ số: tệp JSON, mã hoặc họ / pack: JSON path, id or family')
    .requiredOption('-o, --out <file>', 'tệp kết quả .xlsx (hoặc .csv) / output .xlsx (or .csv)')
    .option('-y, --year <year>', 'điền sẵn kỳ đánh giá / pre-fill the period')
    .option('--unit-name <name>', 'điền sẵn tên đơn vị / pre-fill the unit name')
    .option('--unit-id <id>', 'điền sẵn mã đơn vị / pre-fill the unit code')
    .option('--unit-kind <kind>', 'loại đơn vị / unit kind')
    .action(async (spec: string, o: { out: string; year?: string; unitName?: string; unitId?: string; unitKind?: string }) => {
      const p = await needPack(ctx, spec, o)
      if (!p) return
      if (extname(o.out).toLowerCase() === '.csv') await saveFile(ctx, o.out, writeTemplateCsv(p.pack, o.year !== undefined ? { period: o.year } : {}))
      else
        await saveFile(ctx, o.out, () =>
          writeTemplateWorkbook(p.pack, {
            ...(o.year !== undefined ? { period: o.year } : {}),
            ...(o.unitName !== undefined ? { unitName: o.unitName } : {}),
            ...(o.unitId !== undefined ? { unitId: o.unitId } : {}),
          }),
        )
      out(ctx, `Đã ghi biểu ${p.pack.id}@${p.pack.version} (${p.pack.nodes.length - 1} tiêu chí) vào ${o.out}`)
      ctx.code = EXIT.ok
    })

  addPackOptions(
    program
      .command('score')
      .description('chấm điểm các biểu đã nộp, ghi tệp kết quả và in bảng xếp hạng / score submitted workbooks, write the result workbook, print the ranking'),
    true,
  )
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp .xlsx/.csv / folder(s) or .xlsx/.csv files')
    .option('-o, --out <file>', 'tệp kết quả: .xlsx (sổ kết quả), .csv (xếp hạng) hoặc .json (bản ghi để tính lại) / result file: .xlsx, .csv or .json records')
    .option('--save <records.json>', 'lưu bản ghi kết quả (để chiso recalc) / save result records for chiso recalc')
    .option('--sheet <name>', 'tên trang tính chứa biểu / worksheet holding the form')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx: Mã đơn vị, Mã tiêu chí, Điểm hoặc A, B, C, D) / survey results table')
    .action(async (o: { pack: string; year?: string; unitKind?: string; in: string[]; out?: string; save?: string; sheet?: string; json?: boolean; survey?: string }) => {
      const started = Date.now()
      const p = await needPack(ctx, o.pack, o)
      if (!p) return
      const outputs = [...(o.out ? [{ option: '--out', file: o.out }] : []), ...(o.save ? [{ option: '--save', file: o.save }] : [])]
      const r = await readAll(ctx, p.pack, o.in, o, outputs)
      const files = new Map(r.submissions.map((s) => [s.assessment.unitId, s.file]))
      let batch: BatchResult | undefined
      if (r.submissions.length > 0) {
        batch = scoreBatch(ctx, p.pack, r.submissions.map((s) => s.assessment), o.json === true)
        if (!batch) return
      }
      let written: string | undefined
      if (batch && o.out) written = await writeOutput(ctx, o.out, batch, r.issues)
      if (batch && o.save) await saveFile(ctx, o.save, JSON.stringify(recordsOf(batch), null, 2))
      const ms = Date.now() - started
      if (o.json) {
        json(ctx, {
          ...(batch ? (resultJson(batch, { period: o.year ?? null }, files) as object) : { pack: { id: p.pack.id, version: p.pack.version }, ranking: [] }),
          files: r.files.length,
          scored: r.submissions.length,
          rejected: r.rejected,
          skipped: r.skipped,
          issues: r.issues,
          out: written ?? null,
          ms,
        })
      } else {
        if (batch) {
          out(ctx, `${p.pack.title.vi} (${p.pack.id}@${p.pack.version})${o.year ? ` — năm ${o.year}` : ''}\n`)
          out(ctx, formatRankingTable(batch))
          for (const l of summaryLines(batch).slice(2)) out(ctx, l)
        }
        out(ctx, `\nĐã đọc ${r.files.length} tệp: chấm ${r.submissions.length}, không chấm được ${r.rejected.length}${r.skipped.length > 0 ? `, bỏ qua ${r.skipped.length} tệp kết quả` : ''} (${ms} ms)`)
        if (written) out(ctx, `Kết quả: ${o.out}`)
        printIssues(ctx, r.issues)
      }
      ctx.code = readCode(ctx, r.issues)
    })

  addPackOptions(program.command('rank').description('in bảng xếp hạng từ các biểu đã nộp / print the ranking table from submitted workbooks'), true)
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp .xlsx/.csv / folder(s) or files')
    .option('--sheet <name>', 'tên trang tính / worksheet name')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx: Mã đơn vị, Mã tiêu chí, Điểm hoặc A, B, C, D) / survey results table')
    .action(async (o: { pack: string; year?: string; unitKind?: string; in: string[]; sheet?: string; json?: boolean; survey?: string }) => {
      const p = await needPack(ctx, o.pack, o)
      if (!p) return
      const r = await readAll(ctx, p.pack, o.in, o)
      const batch = r.submissions.length > 0 ? scoreBatch(ctx, p.pack, r.submissions.map((s) => s.assessment), o.json === true) : undefined
      if (r.submissions.length > 0 && !batch) return
      if (o.json) json(ctx, { ...(batch ? (resultJson(batch, {}, new Map(r.submissions.map((s) => [s.assessment.unitId, s.file]))) as object) : { ranking: [] }), issues: r.issues })
      else {
        if (batch) out(ctx, formatRankingTable(batch))
        if (batch && batch.pack.bands.length > 0) out(ctx, bandSummary(batch))
        printIssues(ctx, r.issues)
      }
      ctx.code = readCode(ctx, r.issues)
    })

  addPackOptions(program.command('explain').description('giải thích điểm của một đơn vị (cây tiêu chí, quy tắc, tài liệu, thẩm định) / explain one unit’s points as a tree'), true)
    .argument('<unit>', 'mã đơn vị, tên đơn vị hoặc tên tệp / unit id, unit name or file name')
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp / folder(s) or files')
    .option('--sheet <name>', 'tên trang tính / worksheet name')
    .option('--json', 'kết quả dạng JSON (trace) / JSON output (trace)')
    .option('--survey <file>', 'kết quả điều tra xã hội học (.csv/.xlsx: Mã đơn vị, Mã tiêu chí, Điểm hoặc A, B, C, D) / survey results table')
    .action(async (unit: string, o: { pack: string; year?: string; unitKind?: string; in: string[]; sheet?: string; json?: boolean; survey?: string }) => {
      const p = await needPack(ctx, o.pack, o)
      if (!p) return
      const r = await readAll(ctx, p.pack, o.in, o)
      const want = normalizeHeader(unit)
      const found = r.submissions.find(
        (s) =>
          s.assessment.unitId === unit ||
          normalizeHeader(s.assessment.unitId) === want ||
          normalizeHeader(s.assessment.unit?.name ?? '') === want ||
          slugify(s.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')) === slugify(unit) ||
          s.file === unit,
      )
      if (!found) {
        const fileProblems = r.issues.filter((i) => normalizeHeader(i.file).includes(want))
        if (fileProblems.length > 0) {
          err(ctx, `Không chấm được đơn vị "${unit}" vì biểu có lỗi / "${unit}" could not be scored:`)
          for (const i of fileProblems) err(ctx, `  - ${formatFileIssue(i)}`)
          ctx.code = EXIT.problems
          return
        }
        throw new UsageError(`Không có đơn vị "${unit}" trong các tệp đã đọc / no unit "${unit}" in the files read`)
      }
      const batch = scoreBatch(ctx, p.pack, r.submissions.map((s) => s.assessment), o.json === true)
      const ranked = batch?.unit(found.assessment.unitId)
      const result = evaluate(p.pack, found.assessment, { trace: true })
      if (o.json) {
        json(ctx, {
          ...result.toJSON(),
          rank: ranked?.rank ?? null,
          groupSize: ranked?.groupSize ?? null,
          band: ranked?.band ? { code: ranked.band.code, label: ranked.band.label.vi } : null,
          trace: result.trace,
          file: found.file,
        })
      } else out(ctx, formatTraceTree(result, ranked))
      ctx.code = EXIT.ok
    })

  program
    .command('recalc')
    .description('tính lại các bản ghi kết quả đã lưu và so sánh / re-evaluate stored result records and report identical / differences')
    .argument('<records>', 'tệp JSON bản ghi kết quả (từ chiso score --save) / result records JSON (from chiso score --save)')
    .option('-p, --pack <files...>', 'thêm bộ chỉ số từ tệp JSON (bộ riêng của tỉnh) / extra pack JSON files (a province’s own packs)')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .action(async (file: string, o: { pack?: string[]; json?: boolean }) => {
      let data: unknown
      try {
        data = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`Không tìm thấy tệp / file not found: ${file}`)
        err(ctx, `${file}: không phải JSON hợp lệ / not valid JSON: ${(e as Error).message}`)
        ctx.code = EXIT.problems
        return
      }
      const extra: unknown[] = []
      for (const f of o.pack ?? []) extra.push(JSON.parse(await readFile(resolve(ctx.io.cwd, f), 'utf8')))
      const registry = await registryWith(extra)
      const records: unknown[] = Array.isArray(data) ? data : Array.isArray((data as { records?: unknown }).records) ? (data as { records: unknown[] }).records : [data]
      const bar = new ProgressBar(ctx.io.stderr, 'Tính lại', records.length, tty(ctx, o.json === true))
      const reports: { unitId: string; period: string; status: 'identical' | 'different' | 'invalid'; differences?: unknown; issues?: unknown; fingerprintMatches?: boolean; packContentMatches?: boolean }[] = []
      records.forEach((rec, k) => {
        const id = String((rec as { unitId?: unknown }).unitId ?? `#${k}`)
        const period = String((rec as { period?: unknown }).period ?? '')
        const r = safeRecalculate(rec, { registry })
        if (!r.ok) reports.push({ unitId: id, period, status: 'invalid', issues: r.issues })
        else if (r.value.identical) reports.push({ unitId: id, period, status: 'identical' })
        else
          reports.push({
            unitId: id,
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
      if (o.json) json(ctx, { records: reports.length, identical: same, reports })
      else {
        for (const r of reports) {
          if (r.status === 'identical') out(ctx, `✓ ${r.unitId} ${r.period}: trùng khớp / identical`)
          else if (r.status === 'invalid') {
            out(ctx, `✗ ${r.unitId} ${r.period}: không tính lại được / cannot recalculate`)
            for (const i of r.issues as ChisoIssue[]) out(ctx, `    - ${coreIssueLine(i)}`)
          } else {
            const diffs = r.differences as { code: string | null; field: string; stored: string | null; recalculated: string | null; delta: string | null }[]
            out(ctx, `≠ ${r.unitId} ${r.period}: ${diffs.length} khác biệt, giá trị lưu → tính lại / differences, stored → recalculated${r.packContentMatches === false ? ' (nội dung bộ chỉ số đã thay đổi / pack content changed)' : ''}${r.fingerprintMatches === false ? ' (fingerprint khác / fingerprint differs)' : ''}`)
            // by field: a node's field after its code, a record's field by its path; stored → recalculated
            for (const d of diffs) out(ctx, `    ${d.code === null ? d.field : `${d.code} ${d.field}`}: ${d.stored ?? '—'} → ${d.recalculated ?? '—'}${d.delta ? ` (${d.delta})` : ''}`)
          }
        }
        out(ctx, `\n${same}/${reports.length} bản ghi trùng khớp / records identical`)
      }
      ctx.code = same === reports.length ? EXIT.ok : EXIT.problems
    })

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

  return program
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

/**
 * Runs the `chiso` command with arguments (without "node" and the script) and returns
 * the exit code: 0 ok, 1 input problems found, 2 usage error, 3 internal error (a bug in
 * chiso, reported on stderr with a request to report it).
 *
 * @example
 * ```ts
 * import { run } from '@chiso/adapters/cli'
 * const code = await run(['score', '--pack', 'vn-cchc/commune', '--year', '2024', '--in', 'submissions', '--out', 'ket-qua-2024.xlsx'])
 * process.exitCode = code
 * ```
 */
export async function run(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const ctx: Ctx = {
    io: { stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr, cwd: io.cwd ?? process.cwd() },
    code: EXIT.ok,
  }
  const program = buildProgram(ctx)
  if (argv.length === 0) {
    program.outputHelp()
    return EXIT.usage
  }
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return ctx.code
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return EXIT.ok
      return EXIT.usage
    }
    if (e instanceof UsageError) {
      err(ctx, e.message)
      return EXIT.usage
    }
    err(
      ctx,
      `Lỗi nội bộ của chiso (không phải lỗi trong dữ liệu): xin báo lỗi kèm lệnh đã chạy và chi tiết dưới đây\nInternal error in chiso (not a problem in your data): please report it with the command you ran and the details below\n${(e as Error)?.stack ?? String(e)}`,
    )
    return EXIT.internal
  }
}
