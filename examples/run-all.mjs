// Runs every compiled example; any failure fails CI, so examples cannot go stale.
import { readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const dist = fileURLToPath(new URL('./dist/', import.meta.url))
const files = readdirSync(dist)
  .filter((f) => f.endsWith('.js'))
  .sort()
if (files.length === 0) {
  console.error('no compiled examples in examples/dist — run the build first')
  process.exit(1)
}
for (const f of files) {
  console.log(`\n=== example ${f}`)
  const r = spawnSync(process.execPath, [dist + f], { stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`example ${f} failed with exit code ${r.status}`)
    process.exit(1)
  }
}
console.log(`\n${files.length} examples ran`)
