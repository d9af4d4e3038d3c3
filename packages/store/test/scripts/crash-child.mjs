// Runs one write against a store and, at the named checkpoint, says PAUSED and waits to be
// killed (SIGKILL) in the middle of its transaction. Uses the built package (dist).
import { readFileSync } from 'node:fs'
import { openStore } from '../../dist/index.js'

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const store = await openStore({
  ...job.options,
  checkpoint: async (name, { done, total }) => {
    if (name === job.pause.name && done >= total * job.pause.fraction) {
      process.stdout.write(`PAUSED ${name} ${done}/${total}\n`)
      await new Promise(() => {})
    }
  },
})
if (job.op === 'import') await store.importSubmissions(job.input)
else if (job.op === 'publish') await store.publish(job.input)
process.stdout.write('DONE\n')
await store.close()
