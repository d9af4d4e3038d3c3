// Prints vitest's totals as one plain line ("N passed, N failed") so that any reader of
// the CI log — human or tool — sees how many tests ran, whatever the reporter looks like.
import { readFileSync } from 'node:fs'

const file = process.argv[2] ?? '.vitest-results.json'
const r = JSON.parse(readFileSync(file, 'utf8'))
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`)
if (r.numTotalTests === 0) {
  console.error('no test ran')
  process.exit(1)
}
