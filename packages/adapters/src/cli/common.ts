/**
 * Steps several commands share: load the pack, read the submissions, score, print the
 * problems, write outputs.
 */
import { mkdir, stat } from 'node:fs/promises'
import { basename, dirname, extname, relative, resolve } from 'node:path'
import { safeEvaluateBatch, type AssessmentInput, type BatchResult, type CompiledPack } from '@chiso/core'
import { Option, type Command } from 'commander'
import { writeRankingCsv } from '../csv/index.js'
import { formatFileIssue, type FileIssue } from '../shared/issues.js'
import { bandSummary, summaryLines, unitName } from '../shared/summary.js'
import { formatVi } from '../shared/text.js'
import { writeResultWorkbook } from '../xlsx/result.js'
import { writeFileAtomic } from './atomic.js'
import { coreIssueLine, err, EXIT, out, tty, UsageError, type Ctx } from './context.js'
import { loadPack, type LoadPackResult } from './packs.js'
import { ProgressBar } from './progress.js'
import { findSubmissionFiles, readSubmissions, readSurveyFile, withSurvey, type SubmissionsResult } from './submissions.js'

/** @internal */
export const json = (ctx: Ctx, v: unknown): void => out(ctx, JSON.stringify(v, null, 2))

export async function needPack(ctx: Ctx, spec: string, opts: { year?: string; unitKind?: string }): Promise<Extract<LoadPackResult, { ok: true }> | undefined> {
  const r = await loadPack(spec, { ...opts, cwd: ctx.io.cwd })
  if (r.ok) return r
  if (r.kind === 'not_found') throw new UsageError(`${r.message.vi}\n${r.message.en}`)
  err(ctx, `Bộ chỉ số không hợp lệ / invalid pack${r.file ? ` (${r.file})` : ''}: ${r.issues.length} lỗi`)
  for (const i of r.issues) err(ctx, `  - ${coreIssueLine(i)}`)
  ctx.code = EXIT.problems
  return undefined
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

export async function readAll(
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

export function scoreBatch(ctx: Ctx, pack: CompiledPack, assessments: readonly AssessmentInput[], jsonMode: boolean, trace = false): BatchResult | undefined {
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

export function printIssues(ctx: Ctx, issues: readonly FileIssue[]): void {
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
export function readCode(ctx: Ctx, issues: readonly FileIssue[]): number {
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

export function resultJson(batch: BatchResult, extra: Record<string, unknown> = {}, files?: ReadonlyMap<string, string>): unknown {
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
export async function saveFile(ctx: Ctx, file: string, data: string | Uint8Array | (() => Promise<string | Uint8Array>)): Promise<string> {
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

export async function writeOutput(ctx: Ctx, file: string, batch: BatchResult, issues: readonly FileIssue[] | undefined): Promise<string> {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv') return saveFile(ctx, file, writeRankingCsv(batch))
  if (ext === '.json') return saveFile(ctx, file, JSON.stringify(recordsOf(batch), null, 2))
  return saveFile(ctx, file, () => writeResultWorkbook(batch, { locale: 'vi', ...(issues ? { issues } : {}) }))
}

export function recordsOf(batch: BatchResult): unknown {
  return { kind: 'chiso.result-records', records: batch.units.map((u) => u.result.toJSON()) }
}

export function addPackOptions(cmd: Command, required: boolean): Command {
  const pack = new Option('-p, --pack <pack>', 'bộ chỉ số: đường dẫn tệp JSON, mã (vn-cchc/commune-2019) hoặc họ (vn-cchc/commune) / pack: JSON path, id or family')
  if (required) pack.makeOptionMandatory()
  return cmd
    .addOption(pack)
    .option('-y, --year <year>', 'kỳ đánh giá (năm) / period being scored, e.g. 2024')
    .option('--unit-kind <kind>', 'loại đơn vị khi chọn bộ chỉ số theo họ / unit kind for resolving a family (commune, ward, department …)')
}
