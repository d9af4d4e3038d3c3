#!/usr/bin/env node
// npm run load — the service under load, measured (not part of npm test):
//  1. 100 concurrent appraisal writes on one assessment, all on the version they saw: one
//     lands, the rest get 409; then 100 writers that reload and retry: all land, no round
//     lost; the chain verifies.
//  2. N submissions through the API (default 10,000; --submissions N) on PGlite and on
//     PostgreSQL: throughput and p50/p99 latency.
//  3. SIGKILL of the server during an import and during a publish, then a restart: each
//     import and each publication is there whole or not at all, and verify passes.
//  4. PostgreSQL restarted under load (a private pg_ctl cluster in a temporary folder, on a
//     port of its own): requests fail cleanly with 503 and succeed again after.
//  5. Fuzzed requests (default 10,000; --fuzz N): bad JSON, wrong types, huge bodies, path
//     tricks, other units' ids: no 5xx, nothing of another unit visible to a unit officer.
// Traffic goes to 127.0.0.1 only; every request has a timeout and every phase a bound.
//
// node packages/adapters/scripts/load.mjs [--submissions N] [--fuzz N] [--concurrency C] [--quick] [--no-postgres] [--no-pglite]
//   [--phases concurrency,throughput,kills,restart,fuzz]
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateSampleProvince, packById } from '@chiso/rules-vn-cchc'

const here = fileURLToPath(new URL('.', import.meta.url))
const MAIN = join(here, '../dist/cli/main.js')
if (!existsSync(MAIN)) {
  console.error('build first: npm run build')
  process.exit(2)
}

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const QUICK = args.includes('--quick')
const SUBMISSIONS = opt('--submissions', QUICK ? 300 : 10_000)
const FUZZ = opt('--fuzz', QUICK ? 500 : 10_000)
const CONCURRENCY = opt('--concurrency', 16)
const WITH_PG = !args.includes('--no-postgres')
const PHASES = new Set((args.includes('--phases') ? args[args.indexOf('--phases') + 1] : 'concurrency,throughput,kills,restart,fuzz').split(','))
const WITH_PGLITE = !args.includes('--no-pglite')
const started = Date.now()

// ---------------------------------------------------------------- http

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
const freshAgent = new http.Agent({ keepAlive: false })
const guarded = new WeakSet()

/** one request to 127.0.0.1; resolves with status, headers and body (never rejects: a socket error is status 0) */
function request(port, method, path, options = {}) {
  return requestOnce(port, method, path, options).then((r) =>
    // a kept-alive socket the server closed as idle just as this request went out: nothing
    // reached the server, so the request is sent again once on a new socket (what Node's
    // documentation advises for req.reusedSocket)
    r.status === 0 && r.reusedSocket && (r.error?.code === 'ECONNRESET' || r.error?.code === 'EPIPE') ? requestOnce(port, method, path, { ...options, fresh: true }) : r,
  )
}

function requestOnce(port, method, path, { token, json, body, headers = {}, timeout = 120_000, fresh = false } = {}) {
  return new Promise((done) => {
    const h = { ...headers }
    if (token) h.authorization = `Bearer ${token}`
    let payload = body
    if (json !== undefined) {
      payload = Buffer.from(JSON.stringify(json))
      h['content-type'] ??= 'application/json'
    }
    if (payload !== undefined && h['content-length'] === undefined && h['transfer-encoding'] === undefined) h['content-length'] = String(Buffer.byteLength(payload))
    const t0 = performance.now()
    let req
    let gotResponse = false
    try {
      req = http.request({ host: '127.0.0.1', port, method, path, headers: h, agent: fresh ? freshAgent : agent, timeout }, onResponse)
    } catch (e) {
      // a path or header node refuses to send (unescaped characters): not a request at all
      done({ status: -1, error: e, ms: 0 })
      return
    }
    function onResponse(res) {
      gotResponse = true
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed
        try {
          parsed = (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text
        } catch {
          parsed = text
        }
        done({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, ms: performance.now() - t0 })
      })
      res.on('error', (e) => done({ status: 0, error: e, ms: performance.now() - t0 }))
    }
    // the server may answer (413) and close while a huge body is still being written: the
    // late EPIPE lands on the socket after the request let go of it
    req.on('socket', (sock) => {
      if (!guarded.has(sock)) {
        guarded.add(sock)
        sock.on('error', () => {})
      }
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (e) => done({ status: 0, error: e, ms: performance.now() - t0, reusedSocket: req.reusedSocket && !gotResponse }))
    if (payload !== undefined) req.end(payload)
    else req.end()
  })
}

const pct = (xs, p) => {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}
const fmt = (n) => (Number.isFinite(n) ? n.toFixed(1) : String(n))
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
async function pool(n, items, fn) {
  let i = 0
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) {
        const k = i++
        await fn(items[k], k)
      }
    }),
  )
}
const results = []
function report(line) {
  results.push(line)
  console.log(line)
}
function check(ok, what) {
  if (!ok) {
    report(`FAILED: ${what}`)
    process.exitCode = 1
  }
  return ok
}

// ---------------------------------------------------------------- the server

/** every server started, stopped when the script ends however it ends */
const children = new Set()
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})

/** starts chiso serve; first start loads the sample and prints tokens */
async function startServer({ data, url, env = {} }) {
  const argv = [MAIN, 'serve', '--data', data, '--port', '0', ...(url ? ['--database-url', url] : [])]
  const child = spawn(process.execPath, argv, { env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })))
  const port = await Promise.race([
    (async () => {
      for (;;) {
        const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
        if (m) return Number(m[1])
        await sleep(50)
      }
    })(),
    exited.then((e) => {
      throw new Error(`chiso serve exited (${JSON.stringify(e)}):\n${out}\n${err}`)
    }),
    sleep(600_000).then(() => {
      throw new Error('chiso serve did not start within 10 minutes')
    }),
  ])
  const tokens = Object.fromEntries([...out.matchAll(/^\s+(\w+)_TOKEN=(chiso_\S+)/gm)].map((m) => [m[1].toLowerCase(), m[2]]))
  return {
    child,
    port,
    tokens,
    stderr: () => err,
    kill: async (signal = 'SIGKILL') => {
      child.kill(signal)
      return exited
    },
  }
}

// ---------------------------------------------------------------- data

const sample = generateSampleProvince({ seed: 2025, years: [2024] })
const communes = sample.years[0].packs.find((p) => p.packId.startsWith('vn-cchc/commune'))
const COMMUNE_PACK = packById(communes.packId)
const PACK_REF = { id: COMMUNE_PACK.id, version: COMMUNE_PACK.version }
const selfOf = (a) => {
  const { appraisals: _, ...self } = a
  return self
}
const firstLeaf = Object.keys(communes.assessments[0].selfScores)[0]

/** a commune's self-assessment for a period, version k (explanations differ per k) */
const assessmentFor = (unitIndex, period, k) => {
  const a = selfOf(communes.assessments[unitIndex % communes.assessments.length])
  return { ...a, period, explanations: { ...(a.explanations ?? {}), [firstLeaf]: `Lần nộp ${k}` } }
}

async function verify(server, label) {
  const r = await request(server.port, 'GET', '/api/verify', { token: server.tokens.admin, timeout: 600_000 })
  const ok = r.status === 200 && r.body.ok === true
  check(ok, `${label}: verify → ${r.status} ${(r.error?.message ?? JSON.stringify(r.body?.problems?.slice?.(0, 3) ?? r.body ?? null)).slice(0, 400)}`)
  return ok ? `verify ok (${r.body.checked.events} events, ${r.body.checked.recalculated} records recalculated)` : 'verify FAILED'
}

// ---------------------------------------------------------------- 1. concurrency

async function concurrency(server, label) {
  const t = server.tokens
  const unitId = communes.assessments[0].unitId
  const path = `/api/units/${unitId}/assessments/2024`
  const before = await request(server.port, 'GET', path, { token: t.appraiser })
  const v = before.body.version
  const roundsBefore = before.body.appraisals.length
  const body = (k, version) => ({ expectedVersion: version, changes: [{ code: firstLeaf, points: 0, reason: `Vòng thẩm định đồng thời ${k}` }] })
  const all = await Promise.all(Array.from({ length: 100 }, (_, k) => request(server.port, 'POST', `${path}/appraisals`, { token: t.appraiser, json: body(k, v) })))
  const landed = all.filter((r) => r.status === 201).length
  const conflicts = all.filter((r) => r.status === 409)
  const other = all.filter((r) => r.status !== 201 && r.status !== 409)
  const after = await request(server.port, 'GET', path, { token: t.appraiser })
  check(landed === 1 && conflicts.length === 99 && other.length === 0, `${label} same-version writers: ${landed} landed, ${conflicts.length} conflicts, ${other.length} other`)
  check(
    conflicts.every((r) => r.body.currentVersion === v + 1),
    `${label}: every 409 names the current version ${v + 1}`,
  )
  check(after.body.version === v + 1 && after.body.appraisals.length === roundsBefore + 1, `${label}: one round added (version ${after.body.version})`)
  // retrying writers: reload on 409 and write again; every one lands, no round lost
  const t0 = performance.now()
  let retries = 0
  await Promise.all(
    Array.from({ length: 100 }, async (_, k) => {
      let version = after.body.version
      for (let attempt = 0; attempt < 1000; attempt++) {
        const r = await request(server.port, 'POST', `${path}/appraisals`, { token: t.appraiser, json: body(`r${k}`, version) })
        if (r.status === 201) return
        if (r.status !== 409) throw new Error(`retrying writer: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)
        retries++
        version = r.body.currentVersion
      }
      throw new Error('retrying writer gave up')
    }),
  )
  const ms = performance.now() - t0
  const final = await request(server.port, 'GET', path, { token: t.appraiser })
  const reasons = new Set(final.body.appraisals.flatMap((a) => a.changes.map((c) => c.reason)))
  const allThere = Array.from({ length: 100 }, (_, k) => `Vòng thẩm định đồng thời r${k}`).every((r) => reasons.has(r))
  check(final.body.version === after.body.version + 100 && allThere, `${label} retrying writers: version ${final.body.version}, all 100 rounds present: ${allThere}`)
  report(
    `[${label}] 100 concurrent appraisals on one version: ${landed} landed, ${conflicts.length} × 409 (currentVersion ${v + 1}), ${other.length} other; 100 retrying writers: all landed (${retries} retries, ${fmt(ms)} ms), version ${after.body.version} → ${final.body.version}, no round lost; ${await verify(server, label)}`,
  )
}

// ---------------------------------------------------------------- 2. throughput

async function throughput(server, label) {
  const t = server.tokens
  // the unit officers of 100 communes, tokens issued through the API
  const units = communes.assessments.map((a) => a.unitId)
  const tokens = {}
  for (const u of units) tokens[u] = (await request(server.port, 'POST', '/api/tokens', { token: t.admin, json: { role: 'unit', name: `Cán bộ ${u}`, units: [u] } })).body.token
  // N submissions: each commune submits its form for period "load-<label>-<k>", k = 1, 2, …; every 5th is then resubmitted (version 2)
  const work = []
  for (let k = 1; work.length < SUBMISSIONS; k++) {
    for (const [i, u] of units.entries()) {
      if (work.length >= SUBMISSIONS) break
      if (k % 5 === 0 && work.length + 2 <= SUBMISSIONS) work.push({ u, i, period: `load-${label}-${k}`, versions: 2 })
      else work.push({ u, i, period: `load-${label}-${k}`, versions: 1 })
      if (work.at(-1).versions === 2) work.push(null)
    }
  }
  const lat = []
  const statuses = {}
  const errors = []
  const t0 = performance.now()
  await pool(CONCURRENCY, work.filter(Boolean), async ({ u, i, period, versions }) => {
    let version = 0
    for (let v = 1; v <= versions; v++) {
      const r = await request(server.port, 'POST', `/api/units/${u}/assessments/${period}/submissions`, {
        token: tokens[u],
        json: { pack: PACK_REF, assessment: assessmentFor(i, period, v), expectedVersion: version },
      })
      lat.push(r.ms)
      statuses[r.status] = (statuses[r.status] ?? 0) + 1
      if (r.status === 201) version = r.body.version
      else errors.push(`${r.status} ${r.error?.message ?? JSON.stringify(r.body).slice(0, 200)}`)
    }
  })
  const secs = (performance.now() - t0) / 1000
  check((statuses[201] ?? 0) === lat.length, `${label}: every submission landed (${JSON.stringify(statuses)}): ${errors.slice(0, 3).join(' | ')}`)
  report(
    `[${label}] ${lat.length} submissions through the API (${units.length} unit officers, ${work.filter(Boolean).length} assessments, concurrency ${CONCURRENCY}): ${fmt(lat.length / secs)} req/s, p50 ${fmt(pct(lat, 50))} ms, p99 ${fmt(pct(lat, 99))} ms, max ${fmt(Math.max(...lat))} ms, total ${fmt(secs)} s; statuses ${JSON.stringify(statuses)}`,
  )
}

// ---------------------------------------------------------------- 3. kills

async function countPresent(server, items) {
  let present = 0
  await pool(16, items, async (it) => {
    const r = await request(server.port, 'GET', `/api/units/${it.unitId}/assessments/${it.period}`, { token: server.tokens.admin })
    if (r.status === 200) present++
    else if (r.status !== 404) throw new Error(`count: ${r.status}`)
  })
  return present
}

async function kills(start, label) {
  let server = await start()
  const lines = []
  // an import of 30 periods × 100 communes (3,000 submissions, one transaction), killed at three points
  const importItems = (tag) => Array.from({ length: QUICK ? 5 : 30 }, (_, p) => communes.assessments.map((a, i) => ({ assessment: assessmentFor(i, `kill-${tag}-${p}`, 1) }))).flat()
  // its duration, on items that are kept
  const probe = importItems('probe')
  const t0 = performance.now()
  const full = await request(server.port, 'POST', '/api/imports', { token: server.tokens.admin, json: { pack: PACK_REF, items: probe }, timeout: 900_000 })
  const importMs = performance.now() - t0
  check(full.status === 200 && full.body.imported.length === probe.length, `${label}: the probe import (${full.status})`)
  lines.push(`import of ${probe.length} submissions: ${fmt(importMs)} ms`)
  for (const [n, fraction] of [0.25, 0.5, 0.9].entries()) {
    const items = importItems(`i${n}`)
    const pending = request(server.port, 'POST', '/api/imports', { token: server.tokens.admin, json: { pack: PACK_REF, items }, timeout: 900_000 })
    await sleep(importMs * fraction)
    await server.kill('SIGKILL')
    const r = await pending
    server = await start()
    const present = await countPresent(
      server,
      items.map((i) => ({ unitId: i.assessment.unitId, period: i.assessment.period })),
    )
    check(present === 0 || present === items.length, `${label}: import killed at ${fraction * 100}%: ${present}/${items.length} present`)
    lines.push(
      `import killed at ${fraction * 100}% (response: ${r.status || 'none'}): ${present}/${items.length} submissions present after restart (${present === 0 ? 'none' : present === items.length ? 'all: it had committed' : 'HALF'})`,
    )
  }
  lines.push(await verify(server, `${label} after import kills`))
  // publications: score the probe periods, then publish each and kill after a few milliseconds
  const periods = [...new Set(probe.map((i) => i.assessment.period))]
  let t1 = performance.now()
  for (const p of periods) {
    const r = await request(server.port, 'POST', `/api/periods/${p}/score`, { token: server.tokens.admin, timeout: 600_000 })
    check(r.status === 200, `${label}: score ${p}: ${r.status}`)
  }
  lines.push(`scored ${periods.length} periods in ${fmt(performance.now() - t1)} ms`)
  const group = communes.assessments[0].group ?? 'xa'
  t1 = performance.now()
  const first = await request(server.port, 'POST', `/api/publications/${periods[0]}/${group}`, {
    token: server.tokens.admin,
    json: { decision: { number: '1/QĐ-THỬ', date: '2025-03-01' }, expectedVersion: 0 },
  })
  const publishMs = performance.now() - t1
  check(first.status === 201, `${label}: publish ${first.status}`)
  let whole = 0
  let none = 0
  let half = 0
  for (const [k, p] of periods.slice(1, 11).entries()) {
    const pending = request(server.port, 'POST', `/api/publications/${p}/${group}`, {
      token: server.tokens.admin,
      json: { decision: { number: `${k + 2}/QĐ-THỬ`, date: '2025-03-01' }, expectedVersion: 0 },
    })
    await sleep((publishMs * (k % 10)) / 10)
    await server.kill('SIGKILL')
    await pending
    server = await start()
    const r = await request(server.port, 'GET', `/api/rankings/${p}/${group}`)
    if (r.status === 404) none++
    else if (r.status === 200 && r.body.status === 'published') {
      const latest = await request(server.port, 'GET', `/api/rankings/${p}/${group}?source=latest`, { token: server.tokens.admin })
      const same = JSON.stringify(r.body.entries.map((e) => [e.unitId, e.rank, e.index])) === JSON.stringify(latest.body.entries.map((e) => [e.unitId, e.rank, e.index]))
      if (same && r.body.entries.length === communes.assessments.length) whole++
      else half++
    } else half++
  }
  check(half === 0, `${label}: a publication half-written`)
  lines.push(`publish (${fmt(publishMs)} ms) killed ${Math.min(10, periods.length - 1)} times at 0–90% of its duration: ${whole} whole, ${none} absent, ${half} half-written`)
  lines.push(await verify(server, `${label} after publish kills`))
  report(`[${label}] SIGKILL: ${lines.join('; ')}`)
  return server
}

// ---------------------------------------------------------------- 4. PostgreSQL restart

async function pgRestart(server, cluster, label) {
  const t = server.tokens
  const statuses = {}
  const timeline = []
  let stop = false
  let phase = 'before'
  const unexpected = []
  const worker = async (w) => {
    let version = 0
    const unitIndex = 60 + w
    const unitId = communes.assessments[unitIndex].unitId
    let k = 0
    while (!stop) {
      k++
      const read = k % 2 === 0
      const r = read
        ? await request(server.port, 'GET', `/api/rankings/2024/xa?source=latest`, { token: t.admin, timeout: 30_000 })
        : await request(server.port, 'POST', `/api/units/${unitId}/assessments/pg-restart/submissions`, {
            token: t.admin,
            json: { pack: PACK_REF, assessment: assessmentFor(unitIndex, 'pg-restart', k), expectedVersion: version },
            timeout: 30_000,
          })
      const key = `${phase}:${r.status}`
      statuses[key] = (statuses[key] ?? 0) + 1
      timeline.push({ at: Date.now(), phase, status: r.status })
      if (r.status === 201) version = r.body.version
      else if (r.status === 409) version = r.body.currentVersion
      else if (r.status === 503) {
        if (r.headers['retry-after'] === undefined || r.body?.issues?.[0]?.code !== 'database_unavailable') unexpected.push(`503 without Retry-After/database_unavailable`)
        await sleep(100)
      } else if (!(r.status === 200 || r.status === 201)) unexpected.push(`${r.status} ${r.error?.message ?? JSON.stringify(r.body ?? null).slice(0, 200)}`)
    }
  }
  const workers = Array.from({ length: 8 }, (_, w) => worker(w))
  await sleep(3000)
  phase = 'down'
  const downAt = Date.now()
  cluster.ctl(['stop', '-m', 'fast'])
  await sleep(4000)
  cluster.ctl(['start', '-w', '-o', `-p ${cluster.port} -k ${cluster.dir}`, '-l', join(cluster.dir, 'log')])
  const upAt = Date.now()
  phase = 'after'
  await sleep(5000)
  stop = true
  await Promise.all(workers)
  const after = timeline.filter((x) => x.phase === 'after')
  const firstOk = after.find((x) => x.status === 200 || x.status === 201)
  const lastTen = after.slice(-10)
  if (!check(unexpected.length === 0, `${label}: unexpected responses during the restart: ${unexpected.slice(0, 5).join(' | ')}`)) console.error(server.stderr().slice(-3000))
  check(lastTen.length === 10 && lastTen.every((x) => x.status === 200 || x.status === 201), `${label}: requests succeed again after the restart`)
  report(
    `[${label}] PostgreSQL stopped for 4 s and started under load (8 clients): ${JSON.stringify(statuses)}; first success ${firstOk ? firstOk.at - upAt : 'never'} ms after the server was back (down at +0, up at +${upAt - downAt} ms); unexpected: ${unexpected.length}; ${await verify(server, label)}`,
  )
}

// ---------------------------------------------------------------- 5. fuzz

function fuzzer(seed) {
  let s = seed >>> 0
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)]
  return { rnd, pick }
}

async function fuzz(server, label) {
  const { rnd, pick } = fuzzer(13)
  const t = server.tokens
  const own = /** the sample unit officer's unit */ Object.keys(t).length && (await request(server.port, 'GET', '/api/me', { token: t.unit })).body.units[0]
  const others = communes.assessments.slice(0, 20).map((a) => a.unitId)
  // a unit's history across mergers shows the units it was made from (its predecessors, as
  // the admin stored them): that is its own history, not another unit's data
  const stored = (await request(server.port, 'GET', '/api/units', { token: t.admin })).body?.units ?? []
  const byId = new Map(stored.map((x) => [x.unit.id, x.unit]))
  const lineage = new Set()
  for (const stack = [own]; stack.length > 0; ) for (const p of byId.get(stack.pop())?.predecessors ?? []) if (!lineage.has(p)) lineage.add(p) && stack.push(p)
  const units = [own, ...others, 'khong-co', '..', '%2e%2e', 'a'.repeat(300), '<script>', "x' or 1=1 --", '%00', '😀']
  const periods = ['2024', '2025', 'load-pglite', '../2024', '%2F', 'x'.repeat(60), '']
  const templates = [
    'GET /api/units/{u}',
    'GET /api/units/{u}/history',
    'GET /api/units/{u}/assessments/{p}',
    'GET /api/units/{u}/assessments/{p}/submissions',
    'GET /api/units/{u}/assessments/{p}/submissions/diff?from={n}&to={n}',
    'GET /api/units/{u}/assessments/{p}/explain',
    'GET /api/units/{u}/assessments/{p}/plan',
    'POST /api/units/{u}/assessments/{p}/submissions',
    'POST /api/units/{u}/assessments/{p}/submissions/file?pack={pack}&expectedVersion={n}',
    'POST /api/units/{u}/assessments/{p}/appraisals',
    'GET /api/units',
    'PUT /api/units',
    'GET /api/packs',
    'GET /api/packs/{pack}',
    'POST /api/packs/validate',
    'GET /api/packs/diff?from={pack}&to={pack}',
    'POST /api/packs',
    'POST /api/whatif',
    'POST /api/imports',
    'POST /api/periods/{p}/score',
    'GET /api/rankings/{p}/{g}?source={source}',
    'GET /api/rankings/{p}/{g}/export?format={format}&source={source}',
    'GET /api/compare/{g}?periods={p}',
    'POST /api/publications/{p}/{g}',
    'GET /api/publications?period={p}',
    'GET /api/events?after={n}&limit={n}',
    'POST /api/tokens',
    'GET /api/me',
    'GET /api/health',
    'DELETE /api/units/{u}',
    'GET /api/../../etc/passwd',
    'GET /api/units/{u}/../../verify',
    'GET //api//units',
    'GET /api/units/%2e%2e/%2e%2e/verify',
    'OPTIONS /api/units',
    'GET /api/rankings/{p}',
  ]
  const numbers = ['0', '1', '-1', '1e309', 'NaN', '999999999999999999999', 'abc', '', '2.5', '%00']
  const packs = [encodeURIComponent('vn-cchc/commune-2019@1.1.0'), encodeURIComponent('vn-cchc/commune-2019'), 'x@y', '@', encodeURIComponent('../../x@1'), 'a'.repeat(400)]
  const jsonValues = () => pick([null, true, 0, -1, 1e308, 'x', '', [], {}, { a: 1 }, [1, 2, 3], 'a'.repeat(1000), { __proto__: { polluted: 1 } }, { constructor: { prototype: { x: 1 } } }])
  const bodies = () => {
    const kind = pick(['bad-json', 'wrong-types', 'valid-shape', 'empty', 'deep', 'huge', 'text', 'wrong-unit'])
    const u = pick(units)
    switch (kind) {
      case 'bad-json':
        return { body: pick(['{', '{"a":', '[1,2', '{"a":1,}', 'nul', '\u0000', '{"a":"\ud800"}', '{}}', '"']), type: 'application/json' }
      case 'wrong-types':
        return {
          json: {
            pack: jsonValues(),
            assessment: jsonValues(),
            expectedVersion: jsonValues(),
            changes: jsonValues(),
            units: jsonValues(),
            packs: jsonValues(),
            items: jsonValues(),
            decision: jsonValues(),
            role: jsonValues(),
            name: jsonValues(),
          },
        }
      case 'valid-shape':
        return {
          json: {
            pack: PACK_REF,
            assessment: { ...assessmentFor(Math.floor(rnd() * 50), '2024', 1), unitId: u },
            expectedVersion: Math.floor(rnd() * 3),
            changes: [{ code: firstLeaf, points: pick([0, 1, -5, 1e9, '1/3', 'x']), reason: 'fuzz' }],
          },
        }
      case 'empty':
        return { body: '', type: pick(['application/json', 'text/csv', '']) }
      case 'deep':
        return { body: `{"pack":${JSON.stringify(PACK_REF)},"expectedVersion":0,"assessment":{"facts":${'['.repeat(5000)}1${']'.repeat(5000)}}}`, type: 'application/json' }
      case 'huge':
        return {
          body: Buffer.alloc(rnd() < 0.5 ? 5 * 1024 * 1024 : 70 * 1024 * 1024, 0x61),
          type: pick(['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
        }
      case 'text':
        return { body: 'STT,Tiêu chí\n1,2\n', type: pick(['text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) }
      default:
        return { json: { pack: PACK_REF, assessment: assessmentFor(3, '2024', 1), expectedVersion: 0 } }
    }
  }
  let huge = 0
  let unsendable = 0
  let closedEarly = 0
  const statuses = {}
  const fivexx = []
  const leaks = []
  const lat = []
  const n = FUZZ
  await pool(
    CONCURRENCY,
    Array.from({ length: n }, (_, i) => i),
    async () => {
      const template = pick(templates)
      const [method, raw] = template.split(' ')
      const u = pick(units)
      let path = raw
        .replaceAll('{u}', () => (rnd() < 0.8 ? encodeURIComponent(u) : u))
        .replaceAll('{p}', () => encodeURIComponent(pick(periods)))
        .replaceAll('{g}', () => pick(['xa', 'phuong', 'khong-co', '..', '%2F']))
        .replaceAll('{n}', () => pick(numbers))
        .replaceAll('{pack}', () => pick(packs))
        .replaceAll('{source}', () => pick(['published', 'latest', 'x', '']))
        .replaceAll('{format}', () => pick(['xlsx', 'csv', 'pdf', '']))
      if (rnd() < 0.05) path += pick(['#x', '?a=%ZZ', '/', '//', '?source=latest&source=published'])
      const who = pick(['anonymous', 'unit', 'unit', 'unit', 'appraiser', 'admin', 'bad'])
      const token = who === 'anonymous' ? undefined : who === 'bad' ? pick(['chiso_x', 'x'.repeat(600), 'Bearer', '']) : t[who]
      let o = { token, timeout: 120_000, headers: {} }
      if (rnd() < 0.2) o.headers['accept-language'] = pick(['en', 'vi', 'en-US,en;q=0.5', '*', 'xx;q=abc', ';;;', 'a'.repeat(2000)])
      if (method !== 'GET' && method !== 'OPTIONS' && method !== 'DELETE') {
        const b = bodies()
        if (b.body !== undefined && b.body.length > 6 * 1024 * 1024) {
          if (huge >= 30) return
          huge++
        }
        if (b.json !== undefined) o = { ...o, json: b.json }
        else o = { ...o, body: b.body, headers: { ...o.headers, ...(b.type ? { 'content-type': b.type } : {}) } }
        if (rnd() < 0.03 && o.body !== undefined) o.headers['transfer-encoding'] = 'chunked'
      }
      const r = await request(server.port, method, path, o)
      if (r.status === -1) {
        unsendable++
        return
      }
      lat.push(r.ms)
      statuses[r.status] = (statuses[r.status] ?? 0) + 1
      const bodyBytes = o.body?.length ?? 0
      if (r.status === 0 && bodyBytes > 6 * 1024 * 1024) {
        // a body far over every limit: the server answers (403/413) and closes without reading it all
        closedEarly++
        return
      }
      if (r.status >= 500 || r.status === 0) fivexx.push(`${method} ${path.slice(0, 120)} as ${who}: ${r.status} ${r.error?.message ?? JSON.stringify(r.body).slice(0, 200)}`)
      // a unit officer sees its own unit only: any 2xx on another unit's route, or another unit's data in a body, is a leak
      if (who === 'unit' && r.status >= 200 && r.status < 300) {
        const m = /^\/api\/units\/([^/?]+)/.exec(path)
        const target = m ? decodeURIComponent(m[1]) : undefined
        if (target !== undefined && target !== own) leaks.push(`${method} ${path.slice(0, 120)}: ${r.status}`)
        if (path.startsWith('/api/units') && typeof r.body === 'object') {
          const ids = JSON.stringify(r.body).match(/"unitId":"[^"]+"|"id":"[^"]+"/g) ?? []
          const history = /^\/api\/units\/[^/?]+\/history(?:[/?#]|$)/.test(path)
          for (const x of ids) if (others.some((o2) => x.includes(`"${o2}"`) && !(history && lineage.has(o2)))) leaks.push(`${method} ${path.slice(0, 120)}: body shows ${x}`)
        }
      }
    },
  )
  check(fivexx.length === 0, `${label} fuzz: ${fivexx.length} responses 5xx or dropped: ${fivexx.slice(0, 5).join(' | ')}`)
  check(leaks.length === 0, `${label} fuzz: ${leaks.length} leaks: ${leaks.slice(0, 5).join(' | ')}`)
  report(
    `[${label}] ${lat.length} fuzzed requests (${huge} of them over 6 MB; ${unsendable} more that node's client would not send): statuses ${JSON.stringify(statuses)} (${closedEarly} huge bodies answered with the connection closed before the body was read); 5xx or dropped: ${fivexx.length}; seen outside scope: ${leaks.length}; p50 ${fmt(pct(lat, 50))} ms, p99 ${fmt(pct(lat, 99))} ms; ${await verify(server, label)}`,
  )
}

// ---------------------------------------------------------------- a private PostgreSQL cluster

function privateCluster() {
  const bins = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort()
        .reverse()
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : []
  const bin = bins.find((b) => existsSync(join(b, 'pg_ctl')))
  if (!bin) return null
  const dir = mkdtempSync(join(tmpdir(), 'chiso-load-pg-'))
  const port = 55_000 + Math.floor(Math.random() * 5000)
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    chmodSync(dir, 0o755)
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim())
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim())
    chownSync(dir, uid, gid)
  }
  const run = (exe, argv) => {
    const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, exe), ...argv], { encoding: 'utf8' }) : spawnSync(join(bin, exe), argv, { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${exe} ${argv.join(' ')}: ${r.stderr}${r.stdout}`)
    return r
  }
  const data = join(dir, 'data')
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  const ctl = (argv) => run('pg_ctl', ['-D', data, ...argv])
  ctl(['start', '-w', '-o', `-p ${port} -k ${dir} -c max_connections=100 -c listen_addresses=127.0.0.1`, '-l', join(dir, 'log')])
  return {
    port,
    dir,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    ctl: (argv) => ctl(argv.map((a) => (a.startsWith('-p ') ? `${a} -c max_connections=100 -c listen_addresses=127.0.0.1` : a))),
    dispose() {
      try {
        ctl(['stop', '-m', 'immediate'])
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------- run

async function main() {
  console.log(`chiso load: ${SUBMISSIONS} submissions, ${FUZZ} fuzzed requests, concurrency ${CONCURRENCY}${QUICK ? ' (quick)' : ''}`)
  // PGlite
  const data = mkdtempSync(join(tmpdir(), 'chiso-load-'))
  if (WITH_PGLITE)
    try {
      let t0 = performance.now()
      let server = await startServer({ data })
      const tokens = server.tokens
      report(`[pglite] chiso serve started with the sample province in ${fmt((performance.now() - t0) / 1000)} s`)
      if (PHASES.has('concurrency')) await concurrency(server, 'pglite')
      if (PHASES.has('throughput')) await throughput(server, 'pglite')
      const start = async () => {
        const s = await startServer({ data })
        return { ...s, tokens }
      }
      if (PHASES.has('kills')) {
        await server.kill('SIGTERM')
        server = await kills(start, 'pglite')
      }
      if (PHASES.has('fuzz')) await fuzz(server, 'pglite')
      await server.kill('SIGTERM')
    } finally {
      rmSync(data, { recursive: true, force: true })
    }
  // PostgreSQL: a private cluster (restartable), else skipped with a note
  if (WITH_PG) {
    let cluster
    try {
      cluster = privateCluster()
    } catch (e) {
      report(`[postgres] no private cluster: ${e.message.split('\n')[0]}`)
    }
    if (!cluster) report('[postgres] skipped: no pg_ctl under /usr/lib/postgresql/*/bin')
    else {
      const pgData = mkdtempSync(join(tmpdir(), 'chiso-load-pgdata-'))
      try {
        const t0 = performance.now()
        let server = await startServer({ data: pgData, url: cluster.url })
        const tokens = server.tokens
        report(`[postgres] chiso serve started on a private PostgreSQL cluster (port ${cluster.port}) with the sample province in ${fmt((performance.now() - t0) / 1000)} s`)
        if (PHASES.has('concurrency')) await concurrency(server, 'postgres')
        if (PHASES.has('throughput')) await throughput(server, 'postgres')
        if (PHASES.has('restart')) await pgRestart(server, cluster, 'postgres')
        const start = async () => ({ ...(await startServer({ data: pgData, url: cluster.url })), tokens })
        if (PHASES.has('kills')) {
          await server.kill('SIGTERM')
          server = await kills(start, 'postgres')
        }
        if (PHASES.has('fuzz')) await fuzz(server, 'postgres')
        await server.kill('SIGTERM')
      } finally {
        cluster.dispose()
        rmSync(pgData, { recursive: true, force: true })
      }
    }
  }
  console.log(`\n== summary (${fmt((Date.now() - started) / 1000)} s) ==`)
  for (const l of results) console.log(l)
  agent.destroy()
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
  agent.destroy()
  for (const c of children) c.kill('SIGKILL')
})
