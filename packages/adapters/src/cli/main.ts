/**
 * The `chiso` executable.
 */
import { run } from './index.js'

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
    process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`)
    process.exitCode = 1
  },
)
