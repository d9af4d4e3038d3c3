/**
 * The `chiso` program: its description and help, and one command per file in `commands/`.
 */
import { Command } from 'commander'
import { explainCommand } from './commands/explain.js'
import { rankCommand } from './commands/rank.js'
import { recalcCommand } from './commands/recalc.js'
import { reportCommand } from './commands/report.js'
import { sampleCommand } from './commands/sample.js'
import { scoreCommand } from './commands/score.js'
import { templateCommand } from './commands/template.js'
import { validateCommand } from './commands/validate.js'
import { CLI_VERSION, type Ctx } from './context.js'

/**
 * Builds the `chiso` program (commander) writing to `io`. Each action sets `ctx.code`.
 * @internal
 */
export function buildProgram(ctx: Ctx): Command {
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

  validateCommand(program, ctx)
  templateCommand(program, ctx)
  scoreCommand(program, ctx)
  rankCommand(program, ctx)
  explainCommand(program, ctx)
  recalcCommand(program, ctx)
  sampleCommand(program, ctx)
  reportCommand(program, ctx)
  return program
}
