// node bench/sample.mjs — how long the seeded sample province takes to generate: the whole
// run (17 departments, 8 districts, 100 communes × 2021–2025) against one year of it.
// Prints min/median/max of each and the ratio; a measurement, not a test (timed assertions
// do not belong in the test suite).
import { generateSampleProvince } from '@chiso/rules-vn-cchc'

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 15)

function measure(fn) {
  for (let i = 0; i < 3; i++) fn(i) // warm up
  const ts = []
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.()
    const t = performance.now()
    fn(100 + i)
    ts.push(performance.now() - t)
  }
  ts.sort((a, b) => a - b)
  return { min: ts[0], median: ts[Math.floor(ts.length / 2)], max: ts[ts.length - 1] }
}

const all = measure((seed) => generateSampleProvince({ seed }))
const one = measure((seed) => generateSampleProvince({ seed, years: [2024] }))
const f = (t) => `${t.toFixed(1)} ms`
const line = (name, m) => `${name.padEnd(28)} min ${f(m.min).padStart(9)}  median ${f(m.median).padStart(9)}  max ${f(m.max).padStart(9)}`
console.log(`generateSampleProvince, ${RUNS} runs each (seeds vary)`)
console.log(line('all years (2021–2025)', all))
console.log(line('one year (2024)', one))
console.log(`ratio all / one (median): ${(all.median / one.median).toFixed(2)}×`)
