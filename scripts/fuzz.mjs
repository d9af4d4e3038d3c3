// npm run fuzz -- --cases N --seed S [--jobs J] [--case K] [--kinds pack,csv] [--verbose]
//
// Drives hostile inputs made from the real packs, sample assessments, stored records and
// forms through the public API of the built @chiso/core and @chiso/adapters (run
// `npm run build` first) and the file readers, and counts what must never happen: an
// exception that is not a ChisoError (or any from a safe* function, or a caught bug
// reported as `unexpected_error` / `internal_error`), a case over 2 s, a change to a
// shared prototype, and evaluateBatch disagreeing with evaluate (or a stored record not
// recalculating as identical, or a forged one as identical). Exits 1 on any, naming each
// failing case so `--seed S --case K` replays it alone. `--jobs J` splits the cases over J
// processes (each case depends only on the seed and its number, so the cases are the same).
// See docs/fuzz.md.
import { spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { KINDS } from './fuzz/cases.mjs'
import { CATEGORIES, describeError, pollutionSince, prototypeSnapshot, Trial } from './fuzz/checks.mjs'
import { buildContext } from './fuzz/context.mjs'
import { caseSeed, Random } from './fuzz/random.mjs'

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    case: { type: 'string' },
    from: { type: 'string', default: '0' },
    jobs: { type: 'string', default: '1' },
    kinds: { type: 'string' },
    'slow-ms': { type: 'string', default: '2000' },
    verbose: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
})
const seed = Number(args.seed)
const slowMs = Number(args['slow-ms'])
const only = args.case === undefined ? undefined : Number(args.case)
const cases = only === undefined ? Number(args.cases) : 1
const from = only ?? Number(args.from)
const jobs = only === undefined ? Number(args.jobs) : 1
const kinds = Object.fromEntries(Object.entries(KINDS).filter(([k]) => !args.kinds || args.kinds.split(',').includes(k)))
if (![seed, cases, from, jobs].every(Number.isInteger) || cases < 0 || from < 0 || jobs < 1 || Object.keys(kinds).length === 0) {
  console.error('usage: npm run fuzz -- --cases N --seed S [--jobs J] [--case K] [--kinds pack,assessment,record,csv,xlsx,table,packtest] [--slow-ms 2000] [--verbose]')
  process.exit(2)
}

// SIGTERM or SIGINT (Ctrl-C) stops after the case under way, and the summary covers the
// cases run so far (a job's parent passes the signal on to its children)
let stopping = false
const children = new Set()
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    stopping = true
    for (const c of children) c.kill('SIGTERM')
  })
}

/** Runs cases from..from+count-1 in this process; returns what a summary needs. */
async function runCases(first, count) {
  const weights = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v.weight]))
  const started = performance.now()
  const ctx = await buildContext()
  const setupMs = performance.now() - started
  const perKind = Object.fromEntries(Object.keys(kinds).map((k) => [k, { cases: 0, ms: 0 }]))
  const failures = []
  let slowest = { ms: -1, cpu: -1, kind: '', index: -1 }
  let slowestWall = { ms: -1, cpu: -1, kind: '', index: -1 }
  const clean = prototypeSnapshot()
  let peakRss = process.memoryUsage.rss()
  const loopStart = performance.now()
  let lastReport = loopStart
  let done = 0
  // a job notes the case under way, so that a crash of the whole process names its case
  const current = process.env.CHISO_FUZZ_CURRENT ? openSync(process.env.CHISO_FUZZ_CURRENT, 'w') : undefined
  for (let index = first; index < first + count && !stopping; index++) {
    if (current !== undefined) writeSync(current, `${index}`.padEnd(12), 0)
    const rng = new Random(caseSeed(seed, index))
    const kind = rng.weighted(weights)
    const t = new Trial(index, kind)
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    try {
      await kinds[kind].run(t, rng, ctx)
    } catch (e) {
      // the harness's own code threw outside a guarded call: still a finding, never silent
      t.fail('uncaught', `case threw outside a guarded call: ${describeError(e)}`)
    }
    const ms = performance.now() - t0
    const cpu = process.cpuUsage(c0)
    // the API's share of the CPU: its wall time scaled by the share of a core the process had
    // during the case, so other processes on a busy machine do not count against the input
    t.apiCpuMs = t.apiMs * Math.min(1, (cpu.user + cpu.system) / 1000 / Math.max(ms, 1e-3))
    const polluted = pollutionSince(clean)
    if (polluted.length > 0) t.fail('pollution', polluted.join(', '))
    // slow: the time the API took on the case's input (making the input is not counted)
    if (t.apiCpuMs > slowMs) t.fail('slow', `${t.apiCpuMs.toFixed(0)} ms of CPU in the API (${t.apiMs.toFixed(0)} ms wall, ${ms.toFixed(0)} ms with making the input)`)
    perKind[kind].cases++
    perKind[kind].ms += ms
    if (t.apiCpuMs > slowest.cpu) slowest = { ms: t.apiMs, cpu: t.apiCpuMs, kind, index, what: t.what }
    if (t.apiMs > slowestWall.ms) slowestWall = { ms: t.apiMs, cpu: t.apiCpuMs, kind, index, what: t.what }
    for (const f of t.failures) failures.push({ index, kind, what: t.what, ...f })
    if (args.verbose || only !== undefined)
      console.log(
        `#${index} ${kind} ${ms.toFixed(1)} ms (API ${t.apiMs.toFixed(1)} ms, CPU ${t.apiCpuMs.toFixed(1)} ms): ${t.what}${t.failures.map((f) => `\n  ✗ ${f.category}: ${f.detail}`).join('')}`,
      )
    done++
    if ((index & 63) === 0) {
      // a turn of the event loop, so that a SIGTERM or SIGINT is seen between cases
      await new Promise((resolve) => setImmediate(resolve))
      peakRss = Math.max(peakRss, process.memoryUsage.rss())
      const now = performance.now()
      if (!args.verbose && only === undefined && now - lastReport > 30_000) {
        lastReport = now
        console.error(`… ${index - first + 1}/${count} cases${first > 0 ? ` from ${first}` : ''}, ${failures.length} failures, ${((now - loopStart) / 1000).toFixed(0)} s`)
      }
    }
  }
  peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024)
  return { cases: done, planned: count, perKind, failures, slowest, slowestWall, peakRss, setupMs, wallMs: performance.now() - started }
}

/** Runs the cases in `jobs` child processes, each a slice, and merges what they found. */
async function runJobs() {
  const started = performance.now()
  const size = Math.ceil(cases / jobs)
  const script = fileURLToPath(import.meta.url)
  const parts = await Promise.all(
    Array.from({ length: jobs }, (_, j) => {
      const first = from + j * size
      const count = Math.max(0, Math.min(size, from + cases - first))
      const argv = [script, '--json', '--seed', String(seed), '--from', String(first), '--cases', String(count), '--slow-ms', String(slowMs), ...(args.kinds ? ['--kinds', args.kinds] : [])]
      return new Promise((resolve, reject) => {
        const currentFile = join(mkdtempSync(join(tmpdir(), 'chiso-fuzz-')), 'current')
        const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CHISO_FUZZ_CURRENT: currentFile } })
        children.add(child)
        let out = ''
        child.stdout.on('data', (d) => (out += d))
        child.on('error', reject)
        child.on('close', (code, signal) => {
          const line = out.trim().split('\n').pop()
          try {
            resolve(JSON.parse(line))
          } catch {
            // the process died (out of memory, a signal): a failure of the case under way
            let at = first
            try {
              at = Number(readFileSync(currentFile, 'utf8').trim())
            } catch {}
            resolve({
              cases: 0,
              planned: count,
              perKind: {},
              failures: [
                {
                  index: at,
                  kind: '?',
                  what: `cases ${first}…${first + count - 1} in one process`,
                  category: 'uncaught',
                  detail: `the process ended (code ${code}, signal ${signal}) during case ${at}`,
                },
              ],
              slowest: { cpu: -1 },
              slowestWall: { ms: -1 },
              peakRss: 0,
              setupMs: 0,
            })
          }
        })
      })
    }),
  )
  const merged = { cases: 0, planned: 0, perKind: {}, failures: [], slowest: { cpu: -1 }, slowestWall: { ms: -1 }, peakRss: 0, setupMs: 0, wallMs: performance.now() - started }
  for (const p of parts) {
    merged.cases += p.cases
    merged.planned += p.planned
    for (const [k, v] of Object.entries(p.perKind)) {
      const m = (merged.perKind[k] ??= { cases: 0, ms: 0 })
      m.cases += v.cases
      m.ms += v.ms
    }
    merged.failures.push(...p.failures)
    if (p.slowest.cpu > merged.slowest.cpu) merged.slowest = p.slowest
    if (p.slowestWall.ms > merged.slowestWall.ms) merged.slowestWall = p.slowestWall
    merged.peakRss = Math.max(merged.peakRss, p.peakRss)
    merged.setupMs = Math.max(merged.setupMs, p.setupMs)
  }
  return merged
}

const summary = jobs > 1 ? await runJobs() : await runCases(from, cases)
if (args.json) {
  console.log(JSON.stringify(summary))
  process.exit(0)
}

const { failures, perKind, slowest, slowestWall, peakRss } = summary
const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0]))
for (const f of failures) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1
const seen = new Set()
for (const f of failures) {
  const key = `${f.index}:${f.category}:${f.detail}`
  if (seen.has(key)) continue
  seen.add(key)
  if (seen.size > 50) {
    console.log(`… and more failures (${failures.length} in all)`)
    break
  }
  console.log(`✗ ${f.category} — seed ${seed} case ${f.index} (${f.kind}): ${f.detail}\n    input: ${f.what}\n    replay: npm run fuzz -- --seed ${seed} --case ${f.index}`)
}
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`
const cut = (s) => (s && s.length > 160 ? `${s.slice(0, 160)}…` : (s ?? ''))
console.log(`fuzz: seed ${seed}, ${only === undefined ? `${summary.cases} cases${from > 0 ? ` from case ${from}` : ''}${jobs > 1 ? ` in ${jobs} processes` : ''}` : `case ${only}`}`)
if (summary.cases < summary.planned) console.log(`  stopped by a signal after ${summary.cases} of ${summary.planned} cases`)
console.log(
  `  per kind: ${Object.entries(perKind)
    .map(([k, v]) => `${k} ${v.cases} (${v.cases ? (v.ms / v.cases).toFixed(1) : 0} ms avg)`)
    .join(', ')}`,
)
console.log(`  failures: ${CATEGORIES.map((c) => `${c} ${byCategory[c]}`).join(', ')}`)
console.log(`  wall time ${(summary.wallMs / 1000).toFixed(1)} s (setup ${(summary.setupMs / 1000).toFixed(1)} s), peak RSS ${mb(peakRss)}${jobs > 1 ? ' (the largest process)' : ''}`)
console.log(`  slowest case (CPU in the API): #${slowest.index} ${slowest.kind} ${slowest.cpu.toFixed(0)} ms CPU, ${slowest.ms.toFixed(0)} ms wall — ${cut(slowest.what)}`)
if (slowestWall.index !== slowest.index)
  console.log(`  slowest case (wall clock in the API): #${slowestWall.index} ${slowestWall.kind} ${slowestWall.ms.toFixed(0)} ms wall, ${slowestWall.cpu.toFixed(0)} ms CPU — ${cut(slowestWall.what)}`)
process.exit(failures.length > 0 ? 1 : 0)
