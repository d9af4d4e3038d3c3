/**
 * The `chiso` executable.
 */
import { EXIT, run } from './index.js'

// `chiso rank … | head`: a closed pipe ends the command quietly
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw e
  })
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    // run() reports its own errors; reaching here is a bug in chiso
    process.stderr.write(`Lỗi nội bộ của chiso, xin báo lỗi / internal error in chiso, please report it:\n${String((e as Error)?.stack ?? e)}\n`)
    process.exitCode = EXIT.internal
  },
)
