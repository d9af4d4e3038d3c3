/**
 * The `chiso` program: its description, help and global options (--lang), and one command
 * per file in `commands/`.
 */
import { Command, Option } from 'commander'
import { explainCommand } from './commands/explain.js'
import { impactCommand } from './commands/impact.js'
import { packsCommand } from './commands/packs.js'
import { planCommand } from './commands/plan.js'
import { rankCommand } from './commands/rank.js'
import { recalcCommand } from './commands/recalc.js'
import { reportCommand } from './commands/report.js'
import { sampleCommand } from './commands/sample.js'
import { scoreCommand } from './commands/score.js'
import { templateCommand } from './commands/template.js'
import { validateCommand } from './commands/validate.js'
import { compareCommand } from './commands/compare.js'
import { diffCommand } from './commands/diff.js'
import { sensitivityCommand } from './commands/sensitivity.js'
import { serveCommand } from './commands/serve.js'
import { testCommand } from './commands/test.js'
import { CLI_VERSION, setLang, type Ctx } from './context.js'

/**
 * Builds the `chiso` program (commander) writing to `io`. Each action sets `ctx.code`.
 * @internal
 */
export function buildProgram(ctx: Ctx): Command {
  const program = new Command('chiso')
  program
    .description('chiso — tính Chỉ số cải cách hành chính (Chỉ số CCHC / PAR INDEX) từ bộ chỉ số JSON và biểu tự đánh giá Excel')
    .version(CLI_VERSION, '-V, --version')
    .addOption(new Option('--lang <lang>', 'ngôn ngữ của kết quả: vi (mặc định) hoặc en / output language: vi (default) or en').choices(['vi', 'en']).default('vi'))
    .exitOverride()
    .showHelpAfterError('(dùng --help để xem hướng dẫn / use --help for usage)')
    .configureOutput({ writeOut: (s) => void ctx.io.stdout.write(s), writeErr: (s) => void ctx.io.stderr.write(s) })
    .hook('preAction', (cmd) => setLang(ctx, cmd.optsWithGlobals().lang === 'en' ? 'en' : 'vi'))
    .addHelpText(
      'after',
      `
Mã thoát / exit codes: 0 ổn / ok · 1 có lỗi trong dữ liệu / input problems found · 2 sai cú pháp lệnh hoặc không ghi được tệp / usage error or output not writable · 3 lỗi nội bộ của chiso, xin báo lỗi / internal error in chiso, please report it

Kỳ đánh giá / period: --year, hoặc năm ghi ở ô "Kỳ đánh giá" của các biểu; biểu của nhiều năm, hoặc của năm khác phiên bản bộ chỉ số, là lỗi (mã 2) / --year, else the period the forms state; forms of several years, or of another edition, are an error (exit 2)

Ví dụ / examples:
  chiso packs                                                         các bộ chỉ số và thời gian hiệu lực / packs and dates in force
  chiso template vn-cchc/commune --year 2024 -o bieu-tu-danh-gia.xlsx
  chiso score --pack vn-cchc/commune --in ./ho-so-2024/ --out ket-qua-2024.xlsx
  chiso score --pack vn-cchc/commune --in ./ho-so/ --years 2022..2024     ho-so/2022/, ho-so/2023/, ho-so/2024/
  chiso explain xa-nhan-quang --pack vn-cchc/commune --in ./ho-so-2024/
  chiso sample --year 2024 --lang en
  chiso serve                                                         API tại http://127.0.0.1:8787/api (tỉnh mẫu, mã truy cập mẫu) / the API with the sample province`,
    )

  validateCommand(program, ctx)
  packsCommand(program, ctx)
  templateCommand(program, ctx)
  scoreCommand(program, ctx)
  rankCommand(program, ctx)
  explainCommand(program, ctx)
  recalcCommand(program, ctx)
  sampleCommand(program, ctx)
  for (const add of [testCommand, diffCommand, compareCommand, sensitivityCommand, reportCommand, planCommand, impactCommand, serveCommand]) add(program, ctx)
  return program
}
