/**
 * Reading a folder of submitted workbooks: every file is read, every problem is kept with
 * its file, sheet and cell, and one bad file never stops the others.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, extname, join, relative, resolve } from 'node:path'
import type { AssessmentInput, CompiledPack } from '@chiso/core'
import { csvGrid, decodeText, parseCsv, readAssessmentCsv } from '../csv/index.js'
import type { ReadFormOptions, ReadResult } from '../shared/form.js'
import { fileIssue, locate, type FileIssue } from '../shared/issues.js'
import { readSurveyGrid, type SurveyTable } from '../shared/survey.js'
import { loadBytes, openWorkbook, readAssessmentWorkbook, worksheetGrid } from '../xlsx/read.js'

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
}

const KNOWN = new Set(['.xlsx', '.xlsm', '.csv'])

/**
 * Expands files and folders into the submission files to read (.xlsx, .xlsm, .csv;
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
      else if (KNOWN.has(extname(e.name).toLowerCase()) && !e.name.startsWith('~$') && !e.name.startsWith('.~lock')) files.push(p)
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
 * Reads every submission file with the form reader for its format, a few at a time
 * (`concurrency`, default 4). Problems are collected per file (with sheet and cell), in
 * file order; a unit submitted twice is an error on the second file. `onProgress` is
 * called after each file.
 *
 * @example
 * ```ts
 * import { findSubmissionFiles, readSubmissions } from '@chiso/adapters/cli'
 * const { files } = await findSubmissionFiles(['./submissions'])
 * const r = await readSubmissions(files, pack, { period: '2024' })
 * console.log(r.submissions.length, 'ok,', r.rejected.length, 'rejected')
 * ```
 */
export async function readSubmissions(
  files: readonly string[],
  pack: CompiledPack,
  options: ReadFormOptions & { cwd?: string; concurrency?: number; onProgress?: (done: number, total: number, file: string) => void } = {},
): Promise<SubmissionsResult> {
  const submissions: Submission[] = []
  const issues: FileIssue[] = []
  const rejected: string[] = []
  const byUnit = new Map<string, string>()
  const cwd = options.cwd ?? process.cwd()
  const { onProgress, cwd: _cwd, concurrency = 4, ...formOptions } = options
  void _cwd
  // read a few files at a time (unzipping overlaps with parsing), then use them in file order
  const shownOf = (path: string): string => relative(cwd, path) || basename(path)
  const results = new Array<ReadResult>(files.length)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const k = next++
      const path = files[k]!
      const shown = shownOf(path)
      try {
        results[k] = extname(path).toLowerCase() === '.csv' ? await readAssessmentCsv(path, pack, { ...formOptions, fileName: shown }) : await readAssessmentWorkbook(path, pack, { ...formOptions, fileName: shown })
      } catch (e) {
        // whatever goes wrong in one file stays with that file
        results[k] = { ok: false, issues: [fileIssue('read_failed', { file: shown }, { detail: (e as Error).message ?? String(e) })] }
      }
      onProgress?.(++done, files.length, shown)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker))
  files.forEach((path, k) => {
    const shown = shownOf(path)
    const r = results[k]!
    if (r.ok) {
      for (const w of r.warnings) issues.push(w)
      const first = byUnit.get(r.value.unitId)
      if (first !== undefined) {
        issues.push(
          locate(
            {
              code: 'duplicate_unit',
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
        submissions.push({ file: shown, assessment: r.value })
      }
    } else {
      // one by one: a long form can have more problems than push(...list) can pass
      for (const i of r.issues) issues.push(i)
      rejected.push(shown)
    }
  })
  return { submissions, issues, files: files.map((f) => relative(cwd, f) || basename(f)), rejected }
}

/**
 * Reads a survey results table (.csv, or the first sheet of an .xlsx) — see
 * {@link readSurveyGrid} for its columns.
 *
 * @example
 * ```ts
 * import { readSurveyFile } from '@chiso/adapters/cli'
 * const t = await readSurveyFile('dieu-tra-2024.csv', pack)
 * for (const i of t.issues) console.log(i.cell, i.message.vi)
 * ```
 */
export async function readSurveyFile(path: string, pack: CompiledPack, cwd = process.cwd()): Promise<SurveyTable> {
  const full = resolve(cwd, path)
  const name = relative(cwd, full) || basename(full)
  if (extname(full).toLowerCase() === '.csv') {
    const loaded = await loadBytes(full, name)
    if ('issue' in loaded) return { byUnit: new Map(), issues: [loaded.issue] }
    const text = decodeText(loaded.bytes)
    if (text === undefined) return { byUnit: new Map(), issues: [fileIssue('not_a_csv', { file: name })] }
    return readSurveyGrid(csvGrid(parseCsv(text), basename(full)), pack, name)
  }
  const opened = await openWorkbook(full, name)
  if ('issue' in opened) return { byUnit: new Map(), issues: [opened.issue] }
  const ws = opened.wb.worksheets[0]
  if (!ws) return { byUnit: new Map(), issues: [fileIssue('empty_file', { file: name })] }
  return readSurveyGrid(worksheetGrid(ws), pack, name)
}

/** Joins survey results to the submissions; survey rows for units that submitted nothing are warnings. @internal */
export function withSurvey(r: SubmissionsResult, table: SurveyTable, file: string): SubmissionsResult {
  const used = new Set<string>()
  const submissions = r.submissions.map((s) => {
    const extra = table.byUnit.get(s.assessment.unitId)
    if (!extra) return s
    used.add(s.assessment.unitId)
    return { ...s, assessment: { ...s.assessment, survey: { ...(s.assessment.survey ?? {}), ...extra } } }
  })
  const orphans = [...table.byUnit.keys()].filter((u) => !used.has(u)).map((unitId) => fileIssue('survey_without_submission', { file }, { unitId }, unitId, 'warning'))
  return { ...r, submissions, issues: [...r.issues, ...table.issues, ...orphans] }
}
