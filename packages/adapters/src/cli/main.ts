/**
 * The `chiso` executable.
 */
import { run } from './index.js'

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`)
    process.exitCode = 1
  },
)
