/**
 * Reading a folder of submitted workbooks: every file is read, every problem is kept with
 * its file, sheet and cell, and one bad file never stops the others.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, extname, join, relative, resolve } from 'node:path'
import type { AssessmentInput, CompiledPack } from '@chiso/core'
import { csvFileGrid, notUtf8Note } from '../csv/parse.js'
import { detectFileKind } from '../shared/detect.js'
import { readFactsGrid, tableUnitNames, type FactsTable, type ReadFactsOptions } from '../shared/facts.js'
import { readForm, statedPeriod, type Grid, type ReadFormOptions, type ReadResult } from '../shared/form.js'
import { settleGroups } from '../shared/groups.js'
import { fileIssue, locate, type FileIssue } from '../shared/issues.js'
import { LIMITS } from '../shared/limits.js'
import { kindIssue, loadBytes } from '../shared/load.js'
import { looksLikeSurveyGrid, readSurveyGrid, type SurveyTable } from '../shared/survey.js'
import { unpackedSize, workbookGrids } from '../xlsx/read.js'

/** One submission that was read successfully. */
export interface Submission {
  readonly file: string
  readonly assessment: AssessmentInput
}

/** The outcome of {@link readSubmissions}. */
export interface SubmissionsResult {
  /** assessments that can be scored, in file order */
  readonly submissions: readonly Submission[]
  /** every problem in every file (errors and warnings) */
  readonly issues: readonly FileIssue[]
  /** every file looked at */
  readonly files: readonly string[]
  /** files that could not be scored */
  readonly rejected: readonly string[]
  /** files left out on purpose: result files written by chiso (not a unit's submission) */
  readonly skipped: readonly string[]
  /** blank forms (nothing filled in): not scored, listed so a template lying in the folder is named as one */
  readonly blank: readonly string[]
  /** survey results tables found among the files (not forms): the CLI uses one when no --survey is given */
  readonly surveyTables: readonly string[]
  /** the period each form states in its "Kỳ đánh giá" cell, by file (forms with problems included) */
  readonly periods: ReadonlyMap<string, string>
  /** the units whose forms were refused for errors, with the file: their survey or facts rows are not orphans */
  readonly refusedUnits?: ReadonlyMap<string, string>
}

/** Options for {@link readSubmissions}. */
export interface ReadSubmissionsOptions extends ReadFormOptions {
  readonly cwd?: string
  /** files read at the same time (default 4, within a memory budget) */
  readonly concurrency?: number
  readonly onProgress?: (done: number, total: number, file: string) => void
  /**
   * the pack for the period a form states (e.g. the edition of a family in force that
   * year); a form stating no period, or one this gives nothing for, is read under `pack`
   */
  readonly packFor?: (period: string) => CompiledPack | undefined
}

const KNOWN = new Set(['.xlsx', '.xlsm', '.ods', '.csv'])

/**
 * Expands files and folders into the submission files to read (.xlsx, .xlsm, .ods, .csv;
 * folders recursively; Office lock files "~$…" skipped), sorted by path. Files given
 * explicitly are kept whatever their extension, so a wrong file gets a precise error.
 *
 * @example
 * ```ts
 * import { findSubmissionFiles } from '@chiso/adapters/cli'
 * const { files, missing } = await findSubmissionFiles(['./submissions/'])
 * ```
 */
export async function findSubmissionFiles(inputs: readonly string[], cwd = process.cwd()): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = []
  const missing: string[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true })
    for (const e of entries) {
      const p = join(dir, e.name)
      if (e.isDirectory()) await walk(p)
      // files (or links to files) only: a pipe named .xlsx would block the reader
      else if ((e.isFile() || e.isSymbolicLink()) && KNOWN.has(extname(e.name).toLowerCase()) && !e.name.startsWith('~$') && !e.name.startsWith('.~lock')) files.push(p)
    }
  }
  for (const input of inputs) {
    const p = resolve(cwd, input)
    let s
    try {
      s = await stat(p)
    } catch {
      missing.push(input)
      continue
    }
    if (s.isDirectory()) await walk(p)
    else files.push(p)
  }
  const uniq = [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return { files: uniq, missing }
}

/**
 * Memory shared by the files read at the same time: each file holds its bytes plus what it
 * unpacks to until it is read, so several large files are read one after another while
 * small ones go side by side. A file larger than the whole budget waits to be alone.
 */
class MemoryBudget {
  #free: number
  readonly #queue: { need: number; grant: () => void }[] = []
  constructor(readonly total: number) {
    this.#free = total
  }

  async acquire(weight: number): Promise<() => void> {
    const need = Math.min(Math.max(0, weight), this.total)
    if (this.#queue.length === 0 && need <= this.#free) this.#free -= need
    else await new Promise<void>((grant) => this.#queue.push({ need, grant }))
    let released = false
    return () => {
      if (released) return
      released = true
      this.#free += need
      while (this.#queue.length > 0 && this.#queue[0]!.need <= this.#free) {
        const next = this.#queue.shift()!
        this.#free -= next.need
        next.grant()
      }
    }
  }
}

/** Bytes held while a file is read at once: 64 MB, a few times a large workbook's unpacked size. */
const READ_BUDGET = 64 * 1024 * 1024

/** What one file turned out to be. */
type FileRead = { kind: 'form'; result: ReadResult; period: string | undefined } | { kind: 'survey' }

/**
 * The sheets of one submitted file, by what its bytes are (an .xlsx named .csv is still
 * read as a workbook; an .ods as the OpenDocument spreadsheet it is); the extension only
 * chooses the words for a file that is neither.
 */
async function gridsOf(path: string, shown: string, budget: MemoryBudget, release: { fn: () => void }): Promise<{ grids: Grid[]; notUtf8?: boolean } | { issue: FileIssue }> {
  const loaded = await loadBytes(path, shown)
  if ('issue' in loaded) return loaded
  const bytes = loaded.bytes
  const kind = detectFileKind(bytes)
  const csvName = extname(path).toLowerCase() === '.csv'
  if (kind.kind === 'xlsx' || kind.kind === 'ods') {
    release.fn()
    release.fn = await budget.acquire(bytes.length + Math.min(unpackedSize(kind.entries), LIMITS.maxUnpackedBytes))
    return workbookGrids(bytes, shown)
  }
  if (kind.kind === 'text' && csvName) {
    release.fn()
    // decoded text and parsed cells take a few times the file's bytes
    release.fn = await budget.acquire(bytes.length * 4)
    const g = csvFileGrid(bytes, shown)
    return 'issues' in g ? { issue: g.issues[0]! } : { grids: [g.grid], notUtf8: g.encoding === 'windows-1258' }
  }
  return { issue: kindIssue(kind, shown, csvName ? 'csv' : 'workbook') }
}

/**
 * Reads one submitted file: its sheets, then the period its form states (to choose the
 * pack for that period), then the form under that pack. A survey results table lying
 * among the forms is recognised as one.
 */
async function readSubmissionFile(
  path: string,
  shown: string,
  pack: CompiledPack,
  options: ReadFormOptions,
  packFor: ((period: string) => CompiledPack | undefined) | undefined,
  budget: MemoryBudget,
): Promise<FileRead> {
  const size = await stat(path).then(
    (s) => s.size,
    () => 0,
  )
  const release = { fn: await budget.acquire(Math.min(size, LIMITS.maxFileBytes)) }
  try {
    const g = await gridsOf(path, shown, budget, release)
    if ('issue' in g) return { kind: 'form', result: { ok: false, issues: [g.issue] }, period: undefined }
    const period = statedPeriod(g.grids, options)
    const result = readForm(g.grids, (period !== undefined ? packFor?.(period) : undefined) ?? pack, options, shown)
    if (!result.ok && result.issues.some((i) => i.code === 'form_not_found') && g.grids.some(looksLikeSurveyGrid)) return { kind: 'survey' }
    // a header not found in a CSV file that is not UTF-8: said with how to save it as UTF-8
    if (!result.ok && g.notUtf8) return { kind: 'form', result: { ...result, issues: notUtf8Note(result.issues) }, period }
    return { kind: 'form', result, period }
  } finally {
    release.fn()
  }
}

/**
 * At most `max` problems of one file, errors first, in their order; the rest are counted
 * in one `more_issues` line (an error when an error was left out).
 */
function capIssues(list: readonly FileIssue[], file: string, max: number): readonly FileIssue[] {
  if (list.length <= max) return list
  const keep = new Set<number>()
  list.forEach((i, k) => {
    if (i.severity === 'error' && keep.size < max) keep.add(k)
  })
  list.forEach((_, k) => {
    if (keep.size < max) keep.add(k)
  })
  const kept = list.filter((_, k) => keep.has(k))
  const rest = list.filter((_, k) => !keep.has(k))
  const errors = rest.filter((i) => i.severity === 'error').length
  return [...kept, fileIssue('more_issues', { file }, { count: rest.length, errors, warnings: rest.length - errors }, rest.length, errors > 0 ? 'error' : 'warning')]
}

/**
 * Reads every submission file with the form reader for what it is (told from its bytes),
 * a few at a time (`concurrency`, default 4, within a memory budget). Problems are
 * collected per file (with sheet and cell; at most 200 per file), in file order; a unit
 * submitted twice is an error on the second file; a result file written by chiso is
 * skipped (listed in `skipped`). An unexpected exception while reading one file is an
 * `internal_error` of that file: the others are still read. `onProgress` is called after
 * each file.
 *
 * @example
 * ```ts
 * import { findSubmissionFiles, readSubmissions } from '@chiso/adapters/cli'
 * const { files } = await findSubmissionFiles(['./submissions'])
 * const r = await readSubmissions(files, pack, { period: '2024' })
 * console.log(r.submissions.length, 'ok,', r.rejected.length, 'rejected')
 * ```
 */
export async function readSubmissions(files: readonly string[], pack: CompiledPack, options: ReadSubmissionsOptions = {}): Promise<SubmissionsResult> {
  const submissions: Submission[] = []
  const issues: FileIssue[] = []
  const rejected: string[] = []
  const skipped: string[] = []
  const blank: string[] = []
  const surveyTables: string[] = []
  const periods = new Map<string, string>()
  const byUnit = new Map<string, string>()
  const groupCells = new Map<string, { sheet: string; cell?: string }>()
  const refusedUnits = new Map<string, string>()
  const cwd = options.cwd ?? process.cwd()
  const { onProgress, cwd: _cwd, concurrency = 4, packFor, ...formOptions } = options
  void _cwd
  // read a few files at a time (unzipping overlaps with parsing), then use them in file order
  const shownOf = (path: string): string => relative(cwd, path) || basename(path)
  const results = new Array<FileRead>(files.length)
  const budget = new MemoryBudget(READ_BUDGET)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const k = next++
      const path = files[k]!
      const shown = shownOf(path)
      try {
        results[k] = await readSubmissionFile(path, shown, pack, formOptions, packFor, budget)
      } catch (e) {
        // a bug met while reading one file stays with that file, and is reported as ours
        const err = e as Error
        results[k] = { kind: 'form', result: { ok: false, issues: [fileIssue('internal_error', { file: shown }, { detail: err?.message ?? String(e) }, err?.stack ?? String(e))] }, period: undefined }
      }
      onProgress?.(++done, files.length, shown)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker))
  const add = (list: readonly FileIssue[], file: string): void => {
    // never push(...list): a file can hold more problems than a call has room for arguments
    for (const i of capIssues(list, file, LIMITS.maxIssuesPerFile)) issues.push(i)
  }
  files.forEach((path, k) => {
    const shown = shownOf(path)
    const read = results[k]!
    if (read.kind === 'survey') {
      surveyTables.push(shown)
      return
    }
    const r = read.result
    if (read.period !== undefined) periods.set(shown, read.period)
    if (r.ok && r.blank) {
      blank.push(shown)
      issues.push(fileIssue('blank_form', { file: shown, sheet: r.sheet }, {}, undefined, 'warning'))
    } else if (r.ok) {
      add(r.warnings, shown)
      const first = byUnit.get(r.value.unitId)
      if (first !== undefined) {
        issues.push(
          locate(
            {
              code: 'duplicate_assessment',
              path: ['unitId'],
              value: r.value.unitId,
              message: {
                vi: `Đơn vị "${r.value.unitId}" đã nộp biểu trong tệp ${first}; tệp này không được chấm`,
                en: `Unit "${r.value.unitId}" already submitted in ${first}; this file is not scored`,
              },
            },
            { file: shown, sheet: r.sheet },
          ),
        )
        rejected.push(shown)
      } else {
        byUnit.set(r.value.unitId, shown)
        groupCells.set(shown, { sheet: r.sheet, ...(r.groupCell !== undefined ? { cell: r.groupCell } : {}) })
        submissions.push({ file: shown, assessment: r.value })
      }
    } else if (r.issues.length === 1 && r.issues[0]!.code === 'result_file') {
      skipped.push(shown)
    } else if (r.issues.length === 1 && r.issues[0]!.code === 'blank_form') {
      blank.push(shown)
      issues.push(r.issues[0]!)
    } else {
      add(r.issues, shown)
      rejected.push(shown)
      if (r.unitId !== undefined && !refusedUnits.has(r.unitId)) refusedUnits.set(r.unitId, shown)
    }
  })
  // the ranking groups over the whole folder: a blank "Nhóm xếp hạng" never makes a ranking of its own
  const settled = settleGroups(submissions.map((s) => ({ ...s, ...groupCells.get(s.file) })))
  for (const i of settled.issues) issues.push(i)
  for (const f of settled.rejected) {
    rejected.push(f.file)
    refusedUnits.set(f.assessment.unitId, f.file)
  }
  const kept = settled.kept.map((f) => ({ file: f.file, assessment: f.assessment }))
  return { submissions: kept, issues, files: files.map((f) => relative(cwd, f) || basename(f)), rejected, skipped, blank, surveyTables, periods, refusedUnits }
}

/**
 * Reads a survey results table (.csv, or the first sheet of an .xlsx or .ods) — see
 * {@link readSurveyGrid} for its columns.
 *
 * @example
 * ```ts
 * import { readSurveyFile } from '@chiso/adapters/cli'
 * const t = await readSurveyFile('dieu-tra-2024.csv', pack)
 * for (const i of t.issues) console.log(i.cell, i.message.vi)
 * ```
 */
export async function readSurveyFile(path: string, pack: CompiledPack, cwd = process.cwd()): Promise<SurveyTable & { readonly names?: ReadonlyMap<string, string> }> {
  const t = await tableGrid(path, cwd)
  if ('issue' in t) return { byUnit: new Map(), issues: [t.issue] }
  // the units' names ("Tên đơn vị"), so a row for a unit that submitted nothing names it
  const table = readSurveyGrid(t.grid, pack, t.name)
  return { ...table, ...(t.notUtf8 ? { issues: notUtf8Note(table.issues) } : {}), names: tableUnitNames(t.grid) }
}

/**
 * Reads a facts table (.csv, .xlsx or .ods: "Mã đơn vị", "Dữ kiện", "Giá trị") — see
 * {@link readFactsGrid}: a fact the pack never reads is a warning naming the nearest known
 * fact; a value the pack cannot use is an error at its cell naming the unit (by its name in
 * `options.names`, else in the table's "Tên đơn vị" column), and that unit is not scored.
 *
 * @example
 * ```ts
 * import { readFactsFile } from '@chiso/adapters/cli'
 * const t = await readFactsFile('du-kien-2024.csv', pack)
 * for (const i of t.issues) console.log(i.cell, i.message.vi) // 'C5', 'Bộ chỉ số không đọc dữ kiện "planIssud"; có phải "planIssued"? …'
 * ```
 */
export async function readFactsFile(path: string, pack: CompiledPack, cwd = process.cwd(), options: ReadFactsOptions = {}): Promise<FactsTable> {
  const t = await tableGrid(path, cwd)
  if ('issue' in t) return { byUnit: new Map(), issues: [t.issue] }
  const table = readFactsGrid(t.grid, pack, t.name, options)
  return t.notUtf8 ? { ...table, issues: notUtf8Note(table.issues) } : table
}

/** The first sheet of a table file (.csv, .xlsx, .ods), for the survey and facts tables. */
async function tableGrid(path: string, cwd: string): Promise<{ grid: Grid; name: string; notUtf8?: boolean } | { issue: FileIssue }> {
  const full = resolve(cwd, path)
  const name = relative(cwd, full) || basename(full)
  const loaded = await loadBytes(full, name)
  if ('issue' in loaded) return loaded
  const kind = detectFileKind(loaded.bytes)
  const csvName = extname(full).toLowerCase() === '.csv'
  if (kind.kind === 'text' && csvName) {
    const g = csvFileGrid(loaded.bytes, name)
    return 'issues' in g ? { issue: g.issues[0]! } : { grid: g.grid, name, notUtf8: g.encoding === 'windows-1258' }
  }
  if (kind.kind !== 'xlsx' && kind.kind !== 'ods') return { issue: kindIssue(kind, name, csvName ? 'csv' : 'workbook') }
  const opened = await workbookGrids(loaded.bytes, name)
  if ('issue' in opened) return opened
  const grid = opened.grids[0]
  return grid ? { grid, name } : { issue: fileIssue('empty_file', { file: name }) }
}

/** Unit names by id, as the submitted forms give them ("Tên đơn vị"). @internal */
export function unitNames(submissions: readonly Submission[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const s of submissions) {
    const name = s.assessment.unit?.name
    if (name && name !== s.assessment.unitId) out.set(s.assessment.unitId, name)
  }
  return out
}

/** A warning for a table's row of a unit that submitted nothing, naming the unit by its name when the table gives it. */
function orphan(
  code: 'survey_without_submission' | 'facts_without_submission',
  file: string,
  unitId: string,
  names: ReadonlyMap<string, string> | undefined,
  refused?: ReadonlyMap<string, string>,
): FileIssue {
  const name = names?.get(unitId)
  // the unit did submit: its form was refused for errors, said as such
  const form = refused?.get(unitId)
  if (form !== undefined)
    return fileIssue(code === 'survey_without_submission' ? 'survey_for_refused_form' : 'facts_for_refused_form', { file }, { unitId, form, ...(name ? { name } : {}) }, unitId, 'warning')
  return fileIssue(code, { file }, { unitId, ...(name ? { name } : {}) }, unitId, 'warning')
}

/** Joins survey results to the submissions; survey rows for units that submitted nothing are warnings. @internal */
export function withSurvey(r: SubmissionsResult, table: SurveyTable & { readonly names?: ReadonlyMap<string, string> }, file: string): SubmissionsResult {
  const used = new Set<string>()
  const submissions = r.submissions.map((s) => {
    const extra = table.byUnit.get(s.assessment.unitId)
    if (!extra) return s
    used.add(s.assessment.unitId)
    return { ...s, assessment: { ...s.assessment, survey: { ...(s.assessment.survey ?? {}), ...extra } } }
  })
  const orphans = [...table.byUnit.keys()].filter((u) => !used.has(u)).map((unitId) => orphan('survey_without_submission', file, unitId, table.names, r.refusedUnits))
  return { ...r, submissions, issues: [...r.issues, ...table.issues, ...orphans] }
}

/**
 * Joins facts to the submissions (a unit's own facts, if any, are kept where the table has
 * none); rows for units that submitted nothing are warnings. A unit the table gives a value
 * the pack cannot use for (`refused`, an error at the cell) is not scored: its file is
 * listed among the rejected, the others are scored.
 * @internal
 */
export function withFacts(r: SubmissionsResult, table: FactsTable, file: string): SubmissionsResult {
  const used = new Set<string>()
  const refused = table.refused ?? new Set<string>()
  const rejected = [...r.rejected]
  const submissions: Submission[] = []
  for (const s of r.submissions) {
    const id = s.assessment.unitId
    if (refused.has(id)) {
      used.add(id)
      rejected.push(s.file)
      continue
    }
    const extra = table.byUnit.get(id)
    if (!extra) {
      submissions.push(s)
      continue
    }
    used.add(id)
    submissions.push({ ...s, assessment: { ...s.assessment, facts: { ...(s.assessment.facts ?? {}), ...extra } } })
  }
  const orphans = [...new Set([...table.byUnit.keys(), ...refused])].filter((u) => !used.has(u)).map((unitId) => orphan('facts_without_submission', file, unitId, table.names, r.refusedUnits))
  return { ...r, submissions, rejected, issues: [...r.issues, ...table.issues, ...orphans] }
}
