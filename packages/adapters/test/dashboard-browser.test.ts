// The dashboard in a real browser: Debian's Chromium driven by playwright-core (nothing
// downloads a browser), the app served on 127.0.0.1 on a random port over the sample
// province in the embedded store. Every page loads with no console error and no failed
// request, its screenshot is not blank and its charts are there; axe-core finds no serious
// or critical violation; one flow goes from a unit's submission to the public's reading of
// the published ranking; the overview of the 100 sample communes is timed and printed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { vnCchc } from '@chiso/rules-vn-cchc'
import type { Store } from '@chiso/store'
import type { Hono } from 'hono'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDashboard } from '../src/dashboard/index.js'
import { createChisoApp, createTokenRegistry } from '../src/http/index.js'
import { findChromium } from '../src/report/index.js'
import { actors, pngStats, PROVINCE, sample, sampleStore, tokenTable, type PngStats } from './dashboard-helpers.js'

const require = createRequire(import.meta.url)
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
/** where the screenshots are left to look at */
const SHOTS = join(tmpdir(), 'chiso-dashboard-screenshots')
mkdirSync(SHOTS, { recursive: true })

let store: Store
let app: Hono
let a: ReturnType<typeof actors>
let server: ServerType
let base: string
let browser: Browser
/** tokens issued by the service's registry */
const TOKENS = { admin: '', appraiser: '', unit: '' }
const started = performance.now()

/** Starts an app on 127.0.0.1, a port of the system's choosing. */
function listen(fetch: Hono['fetch']): Promise<{ server: ServerType; base: string }> {
  return new Promise((resolve) => {
    const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server: s, base: `http://127.0.0.1:${info.port}` }))
  })
}
const close = (s: ServerType | undefined): Promise<void> => new Promise((resolve) => (s ? s.close(() => resolve()) : resolve()))

beforeAll(async () => {
  const chromium = findChromium()
  if (!chromium) {
    const asked = process.env.CHISO_CHROMIUM
    throw new Error(
      `The dashboard browser tests need Chromium: ${asked ? `CHISO_CHROMIUM names "${asked}", which does not exist` : 'none at /usr/bin/chromium (Debian: apt-get install chromium; or name one with CHISO_CHROMIUM)'}. They never download a browser.`,
    )
  }
  ;({ store, a } = await sampleStore())
  // the service's own token registry and API, with the dashboard mounted at / as chiso serve does
  const registry = createTokenRegistry()
  TOKENS.admin = (await registry.issue({ role: 'admin', name: 'Sở Nội vụ (quản trị)' })).token
  TOKENS.appraiser = (await registry.issue({ role: 'appraiser', name: 'Tổ thẩm định Nguyễn Văn An', units: 'all' })).token
  TOKENS.unit = (await registry.issue({ role: 'unit', name: `Cán bộ ${a.unitName}`, units: [a.unitId] })).token
  const api = createChisoApp({ store, packs: vnCchc, auth: registry, province: PROVINCE })
  api.route('/', createDashboard({ store, province: PROVINCE, provinceName: sample.province.name, auth: registry, packs: vnCchc }))
  app = api as unknown as Hono
  // the year before was published long ago: every group of 2024
  for (const group of ['so', 'huyen', 'xa', 'phuong-thi-tran']) {
    await store.publish({ province: PROVINCE, period: '2024', group, decision: { number: `12/QĐ-UBND`, date: '2025-02-10' }, expectedVersion: 0, actor: 'so-noi-vu' })
  }
  ;({ server, base } = await listen(app.fetch))
  const pw = await import('playwright-core')
  browser = await pw.chromium.launch({ executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-background-networking'] })
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await close(server)
  await store?.close()
  console.log(`dashboard browser tests: ${((performance.now() - started) / 1000).toFixed(1)} s wall time in this file`)
})

/** A page that records console errors, page errors and failed requests, and lets nothing leave 127.0.0.1. */
async function watched(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()} ${r.failure()?.errorText ?? ''}`))
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`)
  })
  await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : (problems.push(`outside request: ${route.request().url()}`), route.abort())))
  return { page, problems }
}

async function signedIn(token: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const { page } = await watched(context)
  await page.goto(`${base}/sign-in`)
  await page.getByLabel('Mã truy cập').fill(token)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL(`${base}/`)
  await page.close()
  return context
}

describe('the end-to-end flow', () => {
  test('a unit officer submits, an appraiser lowers a score with a reason, an admin publishes, an anonymous reader sees it', async () => {
    // the unit officer, by keyboard: Tab to the token field, type it, Enter
    const unitCtx = await browser.newContext()
    const { page: u, problems: up } = await watched(unitCtx)
    await u.goto(`${base}/sign-in?next=${encodeURIComponent(`/units/${a.unitId}/submission?year=${a.period}`)}`)
    await u.keyboard.press('Tab')
    expect(await u.evaluate<string | null>('document.activeElement && document.activeElement.textContent')).toBe('Bỏ qua, đến nội dung chính')
    for (let i = 0; i < 12 && (await u.evaluate<string>('document.activeElement && document.activeElement.id')) !== 'f-token'; i++) await u.keyboard.press('Tab')
    expect(await u.evaluate<string>('document.activeElement && document.activeElement.id')).toBe('f-token')
    await u.keyboard.type(TOKENS.unit)
    await u.keyboard.press('Enter')
    await u.waitForURL(/\/submission/)
    const first = u.locator('input[name^="self."]').first()
    const code = (await first.getAttribute('name'))!.slice('self.'.length)
    await first.fill('0,5')
    await u.getByRole('button', { name: 'Gửi bản tự đánh giá' }).click()
    await u.waitForURL(/saved=\d+/)
    await expect.poll(() => u.locator('.notice.ok').textContent()).toContain('Đã ghi bản tự đánh giá')
    expect(await u.locator(`input[name="self.${code}"]`).inputValue()).toBe('0,5')
    expect(up).toEqual([])
    await unitCtx.close()

    // the appraiser: a changed score without a reason is stopped in the browser; with one it is recorded
    const apprCtx = await signedIn(TOKENS.appraiser)
    const { page: r, problems: rp } = await watched(apprCtx)
    await r.goto(`${base}/units/${a.unitId}/appraisal?year=${a.period}`)
    const row = r.locator('tr[data-current]').filter({ has: r.locator('input[name^="points."]') })
    const rows = await row.count()
    let target = -1
    for (let i = 0; i < rows && target < 0; i++) if (Number(await row.nth(i).getAttribute('data-current')) > 0) target = i
    expect(target).toBeGreaterThanOrEqual(0)
    const tr = row.nth(target)
    const lowered = (await tr.locator('input[name^="points."]').getAttribute('name'))!.slice('points.'.length)
    // the self score stands beside the appraised one
    expect(await tr.locator('td').nth(3).textContent()).toMatch(/^(\d+(,\d+)?|—)$/)
    await tr.locator('input[name^="points."]').fill('0')
    await r.getByRole('button', { name: 'Ghi vòng thẩm định' }).click()
    expect(await tr.locator('textarea').evaluate((t) => (t as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true)
    expect(r.url()).not.toMatch(/saved=/)
    const reason = 'Biên bản kiểm tra thiếu chữ ký của người có thẩm quyền'
    await tr.locator('textarea').fill(reason)
    await r.getByRole('button', { name: 'Ghi vòng thẩm định' }).click()
    await r.waitForURL(/saved=\d+/)
    await expect.poll(() => r.locator('.notice.ok').textContent()).toContain('Đã ghi vòng thẩm định')
    expect(rp).toEqual([])
    await apprCtx.close()

    // the admin publishes the group with its decision
    const adminCtx = await signedIn(TOKENS.admin)
    const { page: p, problems: pp } = await watched(adminCtx)
    await p.goto(`${base}/publish?year=${a.period}`)
    const section = p.locator(`section.group:has(input[name="group"][value="${a.group}"])`)
    await section.getByLabel('Số quyết định').fill('1234/QĐ-UBND')
    await section.getByLabel('Ngày quyết định').fill('2026-03-15')
    await section.getByRole('button', { name: 'Công bố' }).click()
    await p.waitForURL(/done=/)
    await expect.poll(() => p.locator('.notice.ok').textContent()).toContain('Đã công bố')
    expect(pp).toEqual([])
    await adminCtx.close()

    // the public: the published ranking, then the unit's page with the appraisal reason
    const anonCtx = await browser.newContext()
    const { page: q, problems: qp } = await watched(anonCtx)
    await q.goto(`${base}/`)
    const published = await store.ranking({ province: PROVINCE, period: a.period, group: a.group })
    expect(published.status).toBe('published')
    await expect.poll(() => q.locator('main').textContent()).toContain('Quyết định số 1234/QĐ-UBND ngày 15/03/2026')
    const ranks = await q.locator(`table.ranking[data-group="${a.group}"] tbody tr`).evaluateAll((trs) => trs.map((t) => [t.getAttribute('data-unit'), t.querySelector('td')!.textContent]))
    expect(ranks).toEqual(published.entries.map((e) => [e.unitId, e.rank === null ? '—' : String(e.rank)]))
    // the service's API on the same server says the same
    const apiRanking = (await (await q.request.get(`${base}/api/rankings/${a.period}/${a.group}`)).json()) as { entries: { unitId: string; rank: number | null }[] }
    expect(apiRanking.entries.map((e) => [e.unitId, e.rank === null ? '—' : String(e.rank)])).toEqual(ranks)
    await q.getByRole('link', { name: a.unitName, exact: true }).first().click()
    await q.waitForURL(new RegExp(`/units/${a.unitId}`))
    const rounds = q.locator('table.rounds')
    await expect.poll(() => rounds.textContent()).toContain(reason)
    expect(await rounds.textContent()).toContain('Tổ thẩm định Nguyễn Văn An')
    expect(await rounds.textContent()).toContain(lowered)
    const entry = published.entries.find((e) => e.unitId === a.unitId)!
    expect(await q.locator('dl.facts').textContent()).toContain(`xếp thứ ${entry.rank}/${entry.groupSize}`)
    expect(qp).toEqual([])
    await anonCtx.close()
  }, 300_000)
})

/** The pages of the dashboard, each with who looks and how many charts it must have at least. */
function pages(): { name: string; token: string | null; path: string; charts: number }[] {
  const commune2024 = sample.years[0]!.packs.find((p) => p.family === 'vn-cchc/commune')!.assessments[0]!.unitId
  const merged = sample.units.find((x) => x.kind !== 'department' && x.validFrom === '2025-07-01' && (x.predecessors?.length ?? 0) > 1)!
  return [
    { name: 'tổng quan 2024 (công khai)', token: null, path: '/?year=2024', charts: 8 },
    { name: 'trang đơn vị 2024 (công khai)', token: null, path: `/units/${commune2024}?year=2024`, charts: 1 },
    { name: 'đăng nhập', token: null, path: '/sign-in', charts: 0 },
    { name: 'tổng quan 2024 (100 xã, nội bộ)', token: TOKENS.admin, path: '/?year=2024', charts: 8 },
    { name: 'tổng quan 2025 nhóm xã (nội bộ)', token: TOKENS.admin, path: `/?year=${a.period}&group=xa`, charts: 3 },
    { name: 'đơn vị sáp nhập (nội bộ)', token: TOKENS.admin, path: `/units/${merged.id}?year=2025`, charts: 1 },
    { name: 'tự đánh giá', token: TOKENS.unit, path: `/units/${a.unitId}/submission?year=${a.period}`, charts: 0 },
    { name: 'thẩm định', token: TOKENS.appraiser, path: `/units/${a.unitId}/appraisal?year=${a.period}`, charts: 0 },
    { name: 'công bố', token: TOKENS.admin, path: `/publish?year=${a.period}`, charts: 0 },
    { name: 'overview 2024 (English)', token: null, path: '/?year=2024&lang=en', charts: 8 },
  ]
}

describe('every page', () => {
  const shots: { name: string; bytes: number; stats: PngStats; svgs: number; serverMs: number; axe: string }[] = []
  afterAll(() => {
    console.log(
      [
        `screenshots in ${SHOTS}`,
        'page | screenshot (px) | PNG bytes | colours | inked % | <svg> | server ms | axe (all impacts)',
        ...shots.map(
          (s) => `${s.name} | ${s.stats.width}×${s.stats.height} | ${s.bytes} | ${s.stats.colours} | ${(s.stats.inked * 100).toFixed(1)} | ${s.svgs} | ${s.serverMs.toFixed(0)} | ${s.axe || 'none'}`,
        ),
      ].join('\n'),
    )
  })

  test('loads with no console error and no failed request, is not blank, has its charts, and axe finds nothing serious', async () => {
    const contexts = new Map<string | null, BrowserContext>()
    for (const pg of pages()) {
      let context = contexts.get(pg.token)
      if (!context) contexts.set(pg.token, (context = pg.token ? await signedIn(pg.token) : await browser.newContext({ viewport: { width: 1280, height: 900 } })))
      const { page, problems } = await watched(context)
      const res = await page.goto(base + pg.path, { waitUntil: 'load' })
      expect(res?.status(), pg.name).toBe(200)
      const serverMs = Number(/render;dur=([\d.]+)/.exec(res!.headers()['server-timing'] ?? '')?.[1] ?? NaN)
      await page.evaluate('document.fonts.ready.then(() => true)')
      // the charts: inline SVG from the report's renderers, each labelled
      const svgs = await page.locator('main svg[role="img"][aria-label]').count()
      expect(svgs, pg.name).toBeGreaterThanOrEqual(pg.charts)
      if (pg.charts > 0) expect(await page.locator('main svg path').count(), pg.name).toBeGreaterThan(10 * pg.charts)
      const png = await page.screenshot({ fullPage: true })
      writeFileSync(join(SHOTS, `${shots.length + 1}.png`), png)
      await page.screenshot({ path: join(SHOTS, `${shots.length + 1}-top.png`) })
      const stats = pngStats(png)
      expect(stats.colours, pg.name).toBeGreaterThan(pg.charts > 0 ? 200 : 20)
      expect(stats.inked, pg.name).toBeGreaterThan(0.03)
      // accessibility: axe-core's own source, run in the page
      await page.evaluate(AXE)
      const violations = await page.evaluate<{ id: string; impact: string; nodes: number }[]>(
        "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))",
      )
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        pg.name,
      ).toEqual([])
      expect(problems, pg.name).toEqual([])
      shots.push({ name: pg.name, bytes: png.length, stats, svgs, serverMs, axe: violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ') })
      await page.close()
    }
    for (const c of contexts.values()) await c.close()
  }, 600_000)
})

describe('the overview of the 100 sample communes on the embedded store', () => {
  test('renders; the time is printed (not asserted)', async () => {
    // a fresh dashboard over the same store: nothing cached yet
    const fresh = createDashboard({
      store,
      province: PROVINCE,
      provinceName: sample.province.name,
      packs: vnCchc,
      auth: tokenTable({ [TOKENS.admin]: { role: 'admin', name: 'Quản trị', units: 'all' } }),
    }) as unknown as Hono
    const { server: s2, base: b2 } = await listen(fresh.fetch)
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      await page.goto(`${b2}/sign-in`)
      await page.getByLabel('Mã truy cập').fill(TOKENS.admin)
      await page.getByRole('button', { name: 'Đăng nhập' }).click()
      await page.waitForURL(`${b2}/`)
      const times: string[] = []
      for (const [label, path] of [
        ['2024, group xa (79 of the 100 communes), first render', '/?year=2024&group=xa'],
        ['2024, every group (the 100 communes, 8 districts, 17 departments), first render', '/?year=2024'],
        ['every group of 2024 again (cached)', '/?year=2024'],
      ] as const) {
        const t0 = performance.now()
        const res = await page.goto(b2 + path, { waitUntil: 'load' })
        const ms = performance.now() - t0
        expect(res?.status()).toBe(200)
        const rows = await page.locator('table.ranking tbody tr').count()
        const svgs = await page.locator('main svg[role="img"]').count()
        expect(rows).toBeGreaterThan(0)
        expect(svgs).toBeGreaterThan(0)
        times.push(`${label}: ${ms.toFixed(0)} ms in the browser (server ${/render;dur=([\d.]+)/.exec(res!.headers()['server-timing'] ?? '')?.[1]} ms), ${rows} rows, ${svgs} charts`)
      }
      console.log(`overview render times (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}):\n${times.join('\n')}`)
      await context.close()
    } finally {
      await close(s2)
    }
  }, 300_000)
})
