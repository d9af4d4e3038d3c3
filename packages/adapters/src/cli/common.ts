/**
 * Steps several commands share: load the pack, read the submissions (choosing the edition
 * for their period), score, say what was scored 0 and why, print the problems, write
 * outputs.
 */
import { mkdir, stat } from 'node:fs/promises'
import { basename, dirname, extname, relative, resolve } from 'node:path'
import { Exact, packInForce, safeEvaluateBatch, type AssessmentInput, type BatchResult, type CompiledPack, type RankingExclusion } from '@chiso/core'
import { Option, type Command } from 'commander'
import { writeRankingCsv } from '../csv/index.js'
import { formatFileIssue, type FileIssue } from '../shared/issues.js'
import { formatNumber, type Locale } from '../shared/locale.js'
import { anySample, reconstructionOf } from '../shared/marks.js'
import { bandSummary, summaryLines, unitName } from '../shared/summary.js'
import { normalizeHeader, slugify } from '../shared/text.js'
import { writeResultWorkbook, type ResultWorkbookOptions } from '../xlsx/result.js'
import { writeFileAtomic } from './atomic.js'
import { coreIssueLine, err, EXIT, out, tty, UsageError, type Ctx } from './context.js'
import { familyResolver, loadPack, type LoadPackResult } from './packs.js'
import { ProgressBar } from './progress.js'
import { withSampleLineage } from './sample-lineage.js'
import { findSubmissionFiles, readFactsFile, readSubmissions, readSurveyFile, unitNames, withFacts, withSurvey, type Submission, type SubmissionsResult } from './submissions.js'

/** The text in the output language (--lang): the Vietnamese or the English, never both. @internal */
export const say = (ctx: Ctx, vi: string, en: string): string => (ctx.lang === 'en' ? en : vi)

/** @internal */
export const json = (ctx: Ctx, v: unknown): void => out(ctx, JSON.stringify(v, null, 2))

/** Loads the pack asked for; an invalid pack is listed (exit 1), an unknown one is a usage error. @internal */
export async function needPack(ctx: Ctx, spec: string, opts: { year?: string | undefined; unitKind?: string | undefined }): Promise<Extract<LoadPackResult, { ok: true }> | undefined> {
  const r = await loadPack(spec, { ...(opts.year !== undefined ? { year: opts.year } : {}), ...(opts.unitKind !== undefined ? { unitKind: opts.unitKind } : {}), cwd: ctx.io.cwd })
  if (r.ok) return r
  if (r.kind === 'not_found') throw new UsageError(r.message[ctx.lang])
  err(ctx, ctx.m.invalidPack(r.file, r.issues.length))
  for (const i of r.issues) err(ctx, `  - ${coreIssueLine(i, ctx.lang)}`)
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
        throw new UsageError(ctx.m.outputIsInput(o.option, shown))
      }
    }
    for (const other of outputs.slice(k + 1)) {
      if (resolve(ctx.io.cwd, other.file) === path || (await sameFile(path, resolve(ctx.io.cwd, other.file)))) {
        throw new UsageError(ctx.m.outputsSame(o.option, other.option, o.file))
      }
    }
  }
}

/** What the commands that read submissions are told. @internal */
export interface ReadOptions {
  readonly pack: string
  readonly year?: string | undefined
  readonly unitKind?: string | undefined
  readonly sheet?: string | undefined
  readonly json?: boolean | undefined
  readonly survey?: string | undefined
  readonly facts?: string | undefined
}

/** What was read, under which pack and for which period. @internal */
export interface Reading {
  readonly pack: CompiledPack
  /** the period scored: --year, else the one the forms state */
  readonly period: string | undefined
  readonly r: SubmissionsResult
  /** the survey table used: --survey, or the one found among the submissions */
  readonly survey: string | undefined
}

/** "2024 (78 tệp, ví dụ forms/a.xlsx; bộ chỉ số vn-cchc/commune-2019@1.1.0)" for each period the forms state. */
function periodParts(ctx: Ctx, byPeriod: ReadonlyMap<string, string[]>, editionOf: (p: string) => CompiledPack | undefined): string[] {
  return [...byPeriod]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([period, files]) => {
      const e = editionOf(period)
      return ctx.m.periodPart(period, files.length, e ? `${e.id}@${e.version}` : undefined, files[0]!)
    })
}

/** The period a pack is in force for contains `period` (a year), when the pack says: core's rule ({@link packInForce}). */
function inForce(pack: CompiledPack, period: string): boolean {
  return packInForce(pack, period).inForce
}

/**
 * Reads the submissions under the right edition of the pack: `--year` chooses it, else the
 * period the forms state in "Kỳ đánh giá". Forms for several periods, or for a period
 * whose edition is not the one being scored, are a usage error naming the editions
 * (nothing is scored under the wrong pack). A survey table among the submissions is used
 * when `--survey` is not given; `--facts` joins the facts table.
 * @internal
 */
export async function readAll(ctx: Ctx, o: ReadOptions, inputs: readonly string[], outputs: readonly { option: string; file: string }[] = []): Promise<Reading | undefined> {
  const { files, missing } = await findSubmissionFiles(inputs, ctx.io.cwd)
  if (missing.length > 0) throw new UsageError(ctx.m.notFound(missing))
  if (files.length === 0) throw new UsageError(ctx.m.noFiles(inputs))
  const resolver = await familyResolver(o.pack, { ...(o.unitKind !== undefined ? { unitKind: o.unitKind } : {}), cwd: ctx.io.cwd })
  // without --year a family's edition comes from each form's period; the calendar year has no say
  const loaded = resolver && o.year === undefined ? { pack: resolver.latest() } : await needPack(ctx, o.pack, o)
  if (!loaded) return undefined
  let pack = loaded.pack
  const bar = new ProgressBar(ctx.io.stderr, ctx.m.progressRead, files.length, tty(ctx, o.json === true))
  let r = await readSubmissions(files, pack, {
    cwd: ctx.io.cwd,
    ...(o.year !== undefined ? { period: o.year } : {}),
    ...(o.sheet !== undefined ? { sheet: o.sheet } : {}),
    ...(o.unitKind !== undefined ? { unitKind: o.unitKind } : {}),
    // without --year each form is read under the edition in force for the period it states
    ...(o.year === undefined && resolver ? { packFor: (p: string) => resolver.packFor(p) } : {}),
    onProgress: (d, _t, f) => bar.update(d, f),
  })
  bar.done()
  const byPeriod = new Map<string, string[]>()
  for (const [file, p] of r.periods) {
    let l = byPeriod.get(p)
    if (!l) byPeriod.set(p, (l = []))
    l.push(file)
  }
  const editionOf = (p: string): CompiledPack | undefined => (resolver ? resolver.packFor(p) : inForce(pack, p) ? pack : undefined)
  let period = o.year
  if (o.year === undefined) {
    if (byPeriod.size > 1) throw new UsageError(ctx.m.periodsDisagree(periodParts(ctx, byPeriod, editionOf)))
    const only = [...byPeriod.keys()][0]
    if (only !== undefined) {
      period = only
      if (resolver) pack = resolver.packFor(only) ?? pack
      else if (!inForce(pack, only)) {
        const eff = pack.source.effective as { from: string; to?: string }
        throw new UsageError(ctx.m.packOutOfForce(`${pack.id}@${pack.version}`, only, eff.from, eff.to))
      }
    }
  } else {
    const others = new Map([...byPeriod].filter(([p]) => p !== o.year))
    if (others.size > 0) {
      const editions =
        resolver ??
        (await familyResolver(typeof loaded.pack.source.family === 'string' ? loaded.pack.source.family : '', { ...(o.unitKind !== undefined ? { unitKind: o.unitKind } : {}), cwd: ctx.io.cwd }))
      const otherEdition = [...others.keys()].some((p) => {
        const e = editions ? editions.packFor(p) : inForce(pack, p) ? pack : undefined
        return e === undefined || e.id !== pack.id || e.version !== pack.version
      })
      // every form for another year, or forms made for another edition: nothing is scored
      if (otherEdition || !byPeriod.has(o.year)) {
        throw new UsageError(
          ctx.m.editionMismatch(
            o.year,
            `${pack.id}@${pack.version}`,
            periodParts(ctx, others, (p) => (editions ? editions.packFor(p) : undefined)),
          ),
        )
      }
    }
  }
  for (const f of r.skipped) err(ctx, ctx.m.skippedResult(f))
  // a result of ours in the folder may be written over (running the same command twice); a submission never
  const notForms = new Set([...r.skipped, ...r.blank])
  const submitted = files.filter((f) => !notForms.has(relative(ctx.io.cwd, f) || basename(f)))
  let survey = o.survey
  if (survey === undefined && r.surveyTables.length > 1) throw new UsageError(ctx.m.manySurveyTables(r.surveyTables))
  if (survey === undefined && r.surveyTables.length === 1) {
    survey = r.surveyTables[0]!
    err(ctx, ctx.m.surveyInFolder(survey))
  }
  await guardOutputs(ctx, outputs, [...submitted, ...(o.survey !== undefined ? [o.survey] : []), ...(o.facts !== undefined ? [o.facts] : [])])
  // survey criteria are never self-scored: their results come from the survey team's table
  if (survey !== undefined) r = withSurvey(r, await readSurveyFile(survey, pack, ctx.io.cwd), survey)
  // a bad value in the facts table is that unit's problem, named by the unit's name: the others are scored
  if (o.facts !== undefined) r = withFacts(r, await readFactsFile(o.facts, pack, ctx.io.cwd, { names: unitNames(r.submissions) }), o.facts)
  // a sample unit's predecessors (a form has no place for them): its records follow the 2025 merger
  const lineage = await withSampleLineage(r.submissions.map((s) => s.assessment))
  r = { ...r, submissions: r.submissions.map((s, k) => (lineage[k] === s.assessment ? s : { ...s, assessment: lineage[k]! })) }
  return { pack, period, r, survey }
}

/** Scores a batch with a progress bar; a batch the core refuses is listed (exit 1). @internal */
export function scoreBatch(
  ctx: Ctx,
  pack: CompiledPack,
  assessments: readonly AssessmentInput[],
  jsonMode: boolean,
  options: { trace?: boolean; exclude?: RankingExclusion } = {},
): BatchResult | undefined {
  const bar = new ProgressBar(ctx.io.stderr, ctx.m.progressScore, assessments.length, tty(ctx, jsonMode))
  const r = safeEvaluateBatch(pack, assessments, { trace: options.trace === true, ...(options.exclude ? { exclude: options.exclude } : {}), onProgress: (d) => bar.update(d) })
  bar.done()
  if (!r.ok) {
    err(ctx, ctx.m.couldNotScore)
    for (const i of r.issues) {
      // a unit's problem names the unit ("Xã Yến Khê (xa-yen-khe)"), not its place in the batch ("[71]")
      const a = typeof i.path[0] === 'number' ? assessments[i.path[0]] : undefined
      const name = a?.unit?.name
      const label = a ? (name && name !== a.unitId ? `${name} (${a.unitId})` : a.unitId) : undefined
      err(ctx, `  - ${label !== undefined ? coreIssueLine({ ...i, path: i.path.slice(1) }, ctx.lang, label) : coreIssueLine(i, ctx.lang)}`)
    }
    ctx.code = EXIT.problems
    return undefined
  }
  return r.value
}

/**
 * Prints the problems found in the files (stderr), in the output language. A form refused
 * because it names another pack is said once: none of its cells (they are the other pack's)
 * nor the survey rows of its unit; and when no form was scored and all name one other pack,
 * one line says so and which --pack was likely meant (give `scored`, the forms scored, and
 * `refusedUnits`, the refused forms by unit).
 * @internal
 */
export function printIssues(ctx: Ctx, all: readonly FileIssue[], options: { readonly scored?: number; readonly refusedUnits?: ReadonlyMap<string, string> } = {}): void {
  const otherPack = all.filter((i) => i.code === 'pack_mismatch' && i.severity === 'error')
  const refused = new Set(otherPack.map((i) => i.file))
  const issues = all.filter(
    (i) =>
      (i.code === 'pack_mismatch' && i.severity === 'error') ||
      !(
        (refused.has(i.file) && i.severity === 'warning') ||
        ((i.code === 'survey_for_refused_form' || i.code === 'facts_for_refused_form') && i.unit !== undefined && refused.has(options.refusedUnits?.get(i.unit.id) ?? ''))
      ),
  )
  if (issues.length === 0) return
  const errors = issues.filter((i) => i.severity === 'error')
  err(ctx, `\n${ctx.m.problemsHeader(errors.length, issues.length - errors.length)}`)
  const named = new Set(otherPack.map((i) => String(i.value)))
  const allOther = options.scored === 0 && otherPack.length >= 2 && named.size === 1 && errors.every((i) => i.code === 'pack_mismatch')
  if (allOther) {
    const pack = [...named][0]!.replace(/@[^@]*$/, '')
    // an edition's id is its family and year ("vn-cchc/commune-2019")
    const family = /^(.+)-\d{4}$/.exec(pack)?.[1]
    err(ctx, `  - ${ctx.m.allFormsOtherPack(otherPack.length, pack, family)}`)
  }
  for (const i of issues) {
    if (allOther && i.code === 'pack_mismatch') continue
    err(ctx, `  - ${formatFileIssue(i, ctx.lang)}`)
    if (i.code === 'internal_error' && typeof i.value === 'string') err(ctx, i.value.replace(/^/gm, '      '))
  }
}

/**
 * The exit code for what reading found: 3 when a file met a bug in chiso (said so on
 * stderr, with a request to report it), 1 for problems in the files, else 0.
 * @internal
 */
export function readCode(ctx: Ctx, issues: readonly FileIssue[]): number {
  const internal = issues.filter((i) => i.code === 'internal_error')
  if (internal.length > 0) {
    err(ctx, `\n${ctx.m.internalReading(internal.length)}`)
    return EXIT.internal
  }
  return issues.some((i) => i.severity === 'error') ? EXIT.problems : EXIT.ok
}

/** What was scored 0 for want of data, per unit. @internal */
export interface ZeroCounts {
  readonly unitId: string
  readonly name: string
  /** leaves with no self score and no facts */
  readonly noInput: number
  /** leaves missing their required evidence */
  readonly missingEvidence: number
  /** survey leaves with no survey result */
  readonly missingSurvey: number
}

/** Counts, per unit, the leaves scored 0 for want of input, evidence or survey (units with none left out). */
function zeroCounts(batch: BatchResult): ZeroCounts[] {
  const out: ZeroCounts[] = []
  for (const u of batch.units) {
    let noInput = 0
    let missingEvidence = 0
    let missingSurvey = 0
    for (const f of u.result.flags) {
      if (f.code === 'missing_input') noInput++
      else if (f.code === 'missing_evidence') missingEvidence++
      else if (f.code === 'missing_survey') missingSurvey++
    }
    if (noInput + missingEvidence + missingSurvey > 0) out.push({ unitId: u.unitId, name: unitName(u), noInput, missingEvidence, missingSurvey })
  }
  return out
}

/** The survey criteria of a pack: how many, and the points they carry. @internal */
export function surveyCriteria(pack: CompiledPack): { count: number; points: Exact } {
  let count = 0
  let points = Exact.ZERO
  for (const n of pack.nodes) {
    if (n.isLeaf && n.source === 'survey') {
      count++
      points = points.add(n.maxPoints)
    }
  }
  return { count, points }
}

/** What the batch says about missing data: the warnings (survey) and the per-unit counts. @internal */
export interface MissingData {
  readonly zeroed: readonly ZeroCounts[]
  /** true when the pack has survey criteria and no survey results were given at all */
  readonly noSurvey: boolean
  /** units with no row in the survey results given */
  readonly withoutSurvey: readonly { unitId: string; name: string }[]
}

/** The missing-data report of a batch scored with or without survey results. @internal */
export function missingData(batch: BatchResult, surveyGiven: boolean): MissingData {
  const sc = surveyCriteria(batch.pack)
  const noSurvey = sc.count > 0 && !surveyGiven
  const withoutSurvey = sc.count > 0 && surveyGiven ? batch.units.filter((u) => Object.keys(u.result.assessment.survey ?? {}).length === 0).map((u) => ({ unitId: u.unitId, name: unitName(u) })) : []
  return { zeroed: zeroCounts(batch), noSurvey, withoutSurvey }
}

/**
 * Says what was scored 0 and why: a loud warning on stderr when the pack has survey
 * criteria and no survey results were given (or some units have none), and on stdout, per
 * unit, the leaves with no input, missing evidence and missing survey.
 * @internal
 */
export function printMissingData(ctx: Ctx, batch: BatchResult, md: MissingData): void {
  if (md.noSurvey) {
    const sc = surveyCriteria(batch.pack)
    err(ctx, `\n${ctx.m.noSurvey(sc.count, formatNumber(sc.points, ctx.lang))}`)
  }
  if (md.withoutSurvey.length > 0)
    err(
      ctx,
      `\n${ctx.m.unitsWithoutSurvey(
        md.withoutSurvey.length,
        md.withoutSurvey.map((u) => u.name),
      )}`,
    )
  // with no survey at all the warning says it once, not once per unit
  const lines = md.zeroed
    .map((z) => ({ ...z, missingSurvey: md.noSurvey ? 0 : z.missingSurvey }))
    .filter((z) => z.noInput + z.missingEvidence + z.missingSurvey > 0)
    .map((z) => ctx.m.zeroLine(z.name, z.noInput, z.missingEvidence, batch.pack.evidencePolicy === 'zero', z.missingSurvey))
  if (lines.length > 0) {
    out(ctx, `\n${ctx.m.zeroHeader}`)
    for (const l of lines) out(ctx, l)
  }
}

/** The pack's identity and what in it is reconstructed, for --json. @internal */
export function packJson(pack: CompiledPack, locale: Locale): unknown {
  const s = reconstructionOf(pack)
  return {
    id: pack.id,
    version: pack.version,
    contentHash: pack.contentHash,
    title: locale === 'en' ? (pack.title.en ?? pack.title.vi) : pack.title.vi,
    reconstruction: { standing: s.standing, criteria: s.criteria, reconstructed: s.reconstructed, verified: s.verified, text: s.text[locale] },
  }
}

function rankingJson(batch: BatchResult, locale: Locale, files?: ReadonlyMap<string, string>): unknown[] {
  const rows: unknown[] = []
  for (const list of batch.groups.values()) {
    for (const u of list) {
      rows.push({
        rank: u.rank,
        ranked: u.rank !== null,
        groupSize: u.groupSize,
        unitId: u.unitId,
        name: unitName(u),
        group: u.group,
        total: u.result.total.toString(),
        applicableMax: u.result.applicableMax.toString(),
        index: u.result.index.toString(),
        indexVi: formatNumber(u.result.index, 'vi'),
        band: u.band ? { code: u.band.code, label: locale === 'en' ? (u.band.label.en ?? u.band.label.vi) : u.band.label.vi } : null,
        componentRanks: u.componentRanks,
        fingerprint: u.result.fingerprint,
        ...(files?.get(u.unitId) ? { file: files.get(u.unitId) } : {}),
      })
    }
  }
  return rows
}

/** A batch for --json: the pack (with its reconstruction), sample mark, summary, ranking. @internal */
export function resultJson(batch: BatchResult, locale: Locale, extra: Record<string, unknown> = {}, files?: ReadonlyMap<string, string>, md?: MissingData): Record<string, unknown> {
  return {
    pack: packJson(batch.pack, locale),
    sample: anySample(batch.units.map((u) => u.result.assessment)),
    ...extra,
    bandSummary: batch.pack.bands.length > 0 ? bandSummary(batch, { locale }) : null,
    summary: summaryLines(batch, { locale }),
    ranking: rankingJson(batch, locale, files),
    ...(md
      ? {
          missingData: {
            noSurvey: md.noSurvey,
            unitsWithoutSurvey: md.withoutSurvey.map((u) => u.unitId),
            zeroed: md.zeroed,
          },
        }
      : {}),
  }
}

/**
 * Writes one output file atomically (a temporary file renamed over it: never half
 * written); a folder or file that cannot be written is a usage error naming it.
 * @internal
 */
export async function saveFile(ctx: Ctx, file: string, data: string | Uint8Array | (() => Promise<string | Uint8Array>)): Promise<string> {
  const path = resolve(ctx.io.cwd, file)
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFileAtomic(path, typeof data === 'function' ? await data() : data)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (typeof code === 'string' && (e as NodeJS.ErrnoException).syscall !== undefined) {
      throw new UsageError(ctx.m.cannotWrite(file, (e as Error).message))
    }
    throw e
  }
  return path
}

/** Writes the result file named by its extension: .csv ranking, .json records, else the result workbook. @internal */
export async function writeOutput(ctx: Ctx, file: string, batch: BatchResult, options: Omit<ResultWorkbookOptions, 'locale'> = {}): Promise<string> {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv') return saveFile(ctx, file, writeRankingCsv(batch, { locale: ctx.lang }))
  if (ext === '.json') return saveFile(ctx, file, JSON.stringify(recordsOf(batch), null, 2))
  return saveFile(ctx, file, () => writeResultWorkbook(batch, { ...options, locale: ctx.lang, onWarning: cellWarning(ctx, file) }))
}

/** Prints a warning of a workbook being written (a text cut to fit a cell), named by the file written. @internal */
export function cellWarning(ctx: Ctx, file: string): (warning: FileIssue) => void {
  return (w) => err(ctx, `  - ${formatFileIssue({ ...w, file }, ctx.lang)}`)
}

/** The result records of a batch (for `recalc` and `--history`). @internal */
export function recordsOf(batch: BatchResult): unknown {
  return { kind: 'chiso.result-records', records: batch.units.map((u) => u.result.toJSON()) }
}

/** The pack options of the commands that score: --pack, --year, --unit-kind. @internal */
export function addPackOptions(cmd: Command, required: boolean): Command {
  const pack = new Option('-p, --pack <pack>', 'bộ chỉ số: đường dẫn tệp JSON, mã (vn-cchc/commune-2019) hoặc họ (vn-cchc/commune) / pack: JSON path, id or family')
  if (required) pack.makeOptionMandatory()
  return cmd
    .addOption(pack)
    .option('-y, --year <year>', 'kỳ đánh giá (năm); mặc định: năm ghi trong các biểu / period scored, e.g. 2024; default: the period the forms state')
    .option('--unit-kind <kind>', 'loại đơn vị khi chọn bộ chỉ số theo họ / unit kind for resolving a family (commune, ward, department …)')
}

/** The options of the commands that read submissions: --in, --sheet, --survey, --facts, --json. @internal */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .requiredOption('-i, --in <paths...>', 'thư mục hoặc các tệp .xlsx/.ods/.csv / folder(s) or .xlsx/.ods/.csv files')
    .option('--sheet <name>', 'tên trang tính chứa biểu / worksheet holding the form')
    .option(
      '--survey <file>',
      'kết quả điều tra xã hội học (.csv/.xlsx/.ods: Mã đơn vị, Mã tiêu chí, Điểm hoặc A, B, C, D); mặc định: bảng điều tra nằm trong thư mục --in / survey results table; default: one found among the --in files',
    )
    .option('--facts <file>', 'bảng dữ kiện (.csv/.xlsx/.ods: Mã đơn vị, Dữ kiện, Giá trị) / facts table (unit, fact, value)')
    .option('--exclude <units...>', 'đơn vị được đánh giá nhưng không xếp hạng / units assessed but not ranked')
    .option('--json', 'kết quả dạng JSON / JSON output')
}

/** The submission of a unit named by its id, its name or its file's name. @internal */
export function findSubmission(submissions: readonly Submission[], unit: string): Submission | undefined {
  const want = normalizeHeader(unit)
  return submissions.find(
    (s) =>
      s.assessment.unitId === unit ||
      normalizeHeader(s.assessment.unitId) === want ||
      normalizeHeader(s.assessment.unit?.name ?? '') === want ||
      slugify(s.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')) === slugify(unit) ||
      s.file === unit,
  )
}
