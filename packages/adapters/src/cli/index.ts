/**
 * `@chiso/adapters/cli` — the `chiso` command: validate packs, write the blank form,
 * score a folder of submitted workbooks into a result workbook, print the ranking,
 * explain one unit, recalculate stored results, score the sample province, run pack
 * tests, diff packs, compare years and measure ranking sensitivity.
 *
 * Exit codes scripts can trust: 0 everything fine, 1 problems found in the input (bad
 * files, invalid pack, differences on recalculation), 2 usage error (including an output
 * that would overwrite an input, or cannot be written), 3 internal error (a bug in chiso:
 * please report it).
 *
 * @packageDocumentation
 */
import { CommanderError } from 'commander'
import { err, EXIT, UsageError, type CliIO, type Ctx } from './context.js'
import { messages } from './messages.js'
import { buildProgram } from './program.js'

export { loadPack, loadRules, type LoadPackResult, type RulesModule } from './packs.js'
export { findSubmissionFiles, readSubmissions, readSurveyFile, readFactsFile, type Submission, type SubmissionsResult, type ReadSubmissionsOptions } from './submissions.js'
export { ProgressBar, type OutStream } from './progress.js'
export { formatTraceTree, type TraceTreeOptions } from './explain.js'
export { formatRankingTable, bandSummary, summaryLines, groupHeading, reportHeaderLines, type SummaryOptions, type RankingTableOptions } from '../shared/summary.js'
export { packMarkLine } from '../shared/marks.js'
export type { Locale } from '../shared/locale.js'
export { sampleAssessments, type SamplePart, type SampleSurveyRow } from './sample.js'
export { CLI_VERSION, EXIT, type CliIO } from './context.js'

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
    lang: 'vi',
    m: messages('vi'),
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
    err(ctx, `${ctx.m.internal}\n${(e as Error)?.stack ?? String(e)}`)
    return EXIT.internal
  }
}
