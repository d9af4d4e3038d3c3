/**
 * `chiso rank`.
 */
import type { Command } from 'commander'
import { addInputOptions, addPackOptions } from '../common.js'
import type { Ctx } from '../context.js'
import { addYearsOptions, scoreAndReport, type ScoreOptions } from '../scoring.js'

/** `chiso rank`: the ranking of submitted workbooks, printed (nothing written). */
export function rankCommand(program: Command, ctx: Ctx): void {
  const cmd = addPackOptions(program.command('rank').description('in bảng xếp hạng từ các biểu đã nộp / print the ranking table from submitted workbooks'), true)
  addYearsOptions(addInputOptions(cmd)).action(async (o: ScoreOptions) => scoreAndReport(ctx, o, false))
}
