// The dashboard over the sample province in the embedded store, through HTTP without a
// browser: who sees what, signing in, CSRF, the reason an appraisal change needs, version
// conflicts, publishing, the English switch and the Vietnamese way of writing numbers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Store } from '@chiso/store'
import type { Hono } from 'hono'
import { actors, client, csrfOf, PROVINCE, sample, sampleDashboard, textOf, TOKENS } from './dashboard-helpers.js'

let store: Store
let app: Hono
let a: ReturnType<typeof actors>

beforeAll(async () => {
  ;({ store, app, a } = await sampleDashboard())
}, 300_000)
afterAll(async () => {
  await store?.close()
})

/** A criterion of the unit with points above 0 on the appraisal screen, and its current points. */
function lowerable(html: string): { code: string; current: string } {
  const m = /<tr data-current="([0-9.]+)">[\s\S]*?name="points\.([^"]+)"/g
  for (const x of html.matchAll(m)) if (Number(x[1]) > 0) return { code: x[2]!, current: x[1]! }
  throw new Error('no criterion with points')
}

describe('what an anonymous reader sees', () => {
  test('nothing provisional: the overview says the year is not published and lists no unit', async () => {
    const c = client(app)
    const r = await c.get('/')
    expect(r.status).toBe(200)
    expect(r.html).toMatch(/<html lang="vi">/)
    const text = textOf(r.html)
    expect(text).toContain('Chưa có kết quả nào được công bố')
    expect(r.html).not.toContain('data-unit=')
    expect(r.html).not.toContain('<svg')
    // a provisional year asked for by name is not shown either
    const y = await c.get(`/?year=${a.period}`)
    expect(y.html).not.toContain(`data-unit="${a.unitId}"`)
  })

  test("a unit's page shows no provisional result, no explain tree and no appraisal", async () => {
    const r = await client(app).get(`/units/${a.unitId}?year=${a.period}`)
    expect(r.status).toBe(200)
    expect(textOf(r.html)).toContain(a.unitName)
    expect(r.html).not.toContain('class="explain"')
    expect(r.html).not.toContain('class="rounds"')
    expect(r.html).not.toMatch(/Tạm tính|tạm tính/)
  })

  test('the signed-in pages send an anonymous reader to the sign-in form', async () => {
    const c = client(app)
    for (const path of [`/units/${a.unitId}/submission`, `/units/${a.unitId}/appraisal`, '/publish']) {
      const r = await c.get(path)
      expect(r.status, path).toBe(303)
      expect(r.res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`)
    }
  })

  test('every page marks the reconstructed packs and the sample data', async () => {
    const c = client(app)
    for (const path of ['/', `/units/${a.unitId}`, '/sign-in', '/no-such-page']) {
      const r = await c.get(path)
      expect(r.html, path).toMatch(/<li class="reconstructed" data-pack="vn-cchc\/[a-z0-9-]+@[^"]+"><b>NỘI DUNG TÁI DỰNG<\/b>/)
      expect(r.html, path).toContain('DỮ LIỆU MẪU')
    }
  })
})

describe('signing in', () => {
  test('a wrong token is refused with a message and no session', async () => {
    const c = client(app)
    const r = await c.post('/sign-in', { token: 'nope', next: '/' })
    expect(r.status).toBe(401)
    expect(textOf(r.html)).toContain('Mã truy cập không đúng hoặc đã bị thu hồi')
    expect(c.jar.has('chiso_session')).toBe(false)
  })

  test('a good token gives an HttpOnly SameSite=Strict session cookie, not the token', async () => {
    const c = client(app)
    const res = await c.signIn(TOKENS.admin)
    expect(res.status).toBe(303)
    const set = res.headers.getSetCookie().find((x) => x.startsWith('chiso_session='))!
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/SameSite=Strict/i)
    expect(set).not.toContain(TOKENS.admin)
    const r = await c.get('/')
    expect(textOf(r.html)).toContain('Sở Nội vụ (quản trị)')
  })

  test('sign-in only sends back to a path of this site', async () => {
    const c = client(app)
    const res = await app.request('http://127.0.0.1:8080/sign-in', {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:8080', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: TOKENS.admin, next: '//evil.example/x' }).toString(),
    })
    expect(res.headers.get('location')).toBe('/')
    expect(c).toBeDefined()
  })
})

describe('forms refuse what they must', () => {
  test('a POST without the CSRF token, or from another origin, is refused and writes nothing', async () => {
    const c = client(app)
    await c.signIn(TOKENS.appraiser)
    const page = await c.get(`/units/${a.unitId}/appraisal?year=${a.period}`)
    expect(page.status).toBe(200)
    const { code } = lowerable(page.html)
    const version = Number(/name="expectedVersion" value="(\d+)"/.exec(page.html)![1])
    const form = { year: a.period, expectedVersion: String(version), [`points.${code}`]: '0', [`reason.${code}`]: 'Thiếu tài liệu' }
    const noToken = await c.post(`/units/${a.unitId}/appraisal`, form)
    expect(noToken.status).toBe(403)
    const wrongOrigin = await c.post(`/units/${a.unitId}/appraisal`, { ...form, _csrf: csrfOf(page.html) }, { origin: 'http://evil.example' })
    expect(wrongOrigin.status).toBe(403)
    const noOrigin = await c.post(`/units/${a.unitId}/appraisal`, { ...form, _csrf: csrfOf(page.html) }, {})
    expect(noOrigin.status).toBe(403)
    expect((await store.getAssessment({ province: PROVINCE, unitId: a.unitId, period: a.period })).version).toBe(version)
  })

  test("a unit officer may open only its own unit's form; an appraiser may not publish", async () => {
    const other = client(app)
    await other.signIn(TOKENS.otherUnit)
    expect((await other.get(`/units/${a.unitId}/submission?year=${a.period}`)).status).toBe(403)
    expect((await other.get(`/units/${a.unitId}/appraisal?year=${a.period}`)).status).toBe(403)
    const appraiser = client(app)
    await appraiser.signIn(TOKENS.appraiser)
    expect((await appraiser.get('/publish')).status).toBe(403)
    expect((await appraiser.get(`/units/${a.unitId}/submission?year=${a.period}`)).status).toBe(403)
  })

  test('an appraisal change without a reason is refused, naming the criterion, and nothing is recorded', async () => {
    const c = client(app)
    await c.signIn(TOKENS.appraiser)
    const page = await c.get(`/units/${a.unitId}/appraisal?year=${a.period}`)
    const { code } = lowerable(page.html)
    const before = await store.getAssessment({ province: PROVINCE, unitId: a.unitId, period: a.period })
    const r = await c.post(`/units/${a.unitId}/appraisal`, { _csrf: csrfOf(page.html), year: a.period, expectedVersion: String(before.version), [`points.${code}`]: '0', [`reason.${code}`]: '  ' })
    expect(r.status).toBe(422)
    expect(r.html).toContain('role="alert"')
    expect(textOf(r.html)).toContain(`${code}: cần ghi lý do thay đổi điểm`)
    // the typed points stay, the reason box is marked invalid
    expect(r.html).toMatch(new RegExp(`name="points\\.${code.replace(/\./g, '\\.')}" value="0"`))
    expect(r.html).toMatch(new RegExp(`name="reason\\.${code.replace(/\./g, '\\.')}" rows="1" aria-labelledby="[^"]+" aria-invalid="true"`))
    expect((await store.getAssessment({ province: PROVINCE, unitId: a.unitId, period: a.period })).version).toBe(before.version)
  })

  test('an appraisal on a version someone else moved on from is a conflict, shown clearly, with the entries kept', async () => {
    const c = client(app)
    await c.signIn(TOKENS.appraiser)
    const page = await c.get(`/units/${a.unitId}/appraisal?year=${a.period}`)
    const { code } = lowerable(page.html)
    const before = await store.getAssessment({ province: PROVINCE, unitId: a.unitId, period: a.period })
    // meanwhile, another reviewer records a round
    await store.appraise({ province: PROVINCE, unitId: a.unitId, period: a.period, expectedVersion: before.version, actor: 'to-khac', changes: [{ code, points: 0, reason: 'Vòng của tổ khác' }] })
    const r = await c.post(`/units/${a.unitId}/appraisal`, {
      _csrf: csrfOf(page.html),
      year: a.period,
      expectedVersion: String(before.version),
      [`points.${code}`]: '0',
      [`reason.${code}`]: 'Lý do của tôi',
    })
    expect(r.status).toBe(409)
    const text = textOf(r.html)
    expect(text).toContain(`bạn sửa phiên bản ${before.version}, nay là phiên bản ${before.version + 1}`)
    expect(r.html).toContain('Lý do của tôi')
    // the form now names the current version, so sending it again is not a conflict
    expect(r.html).toContain(`name="expectedVersion" value="${before.version + 1}"`)
    const after = await store.getAssessment({ province: PROVINCE, unitId: a.unitId, period: a.period })
    expect(after.version).toBe(before.version + 1)
    expect(after.appraisals.at(-1)!.changes.map((x) => x.reason)).toEqual(['Vòng của tổ khác'])
  })
})

describe('the cycle through the forms', () => {
  test('a unit submits, an appraiser lowers a score with a reason, the admin publishes; the public then sees it', async () => {
    const unit = client(app)
    await unit.signIn(TOKENS.unit)
    const form = await unit.get(`/units/${a.unitId}/submission?year=${a.period}`)
    expect(form.status).toBe(200)
    // every input has its label
    const inputs = [...form.html.matchAll(/<input type="text" inputmode="decimal" id="([^"]+)" name="self\.([^"]+)" value="([^"]*)"/g)]
    expect(inputs.length).toBeGreaterThan(10)
    for (const [, id] of inputs) expect(form.html).toContain(`<label for="${id}">`)
    const fields: Record<string, string> = { _csrf: csrfOf(form.html), year: a.period, expectedVersion: /name="expectedVersion" value="(\d+)"/.exec(form.html)![1]! }
    for (const [, , code, value] of inputs) fields[`self.${code}`] = value!
    // a decimal comma is read as a decimal mark
    const [, , firstCode] = inputs[0]!
    fields[`self.${firstCode}`] = '0,5'
    const sent = await unit.post(`/units/${a.unitId}/submission`, fields)
    expect(sent.status).toBe(303)
    const state = await store.getAssessment({ province: PROVINCE, unitId: a.unitId, period: a.period })
    expect(String(state.submission.assessment.selfScores![firstCode!])).toBe('0.5')
    expect(state.submission.recordedBy).toBe(`Cán bộ ${a.unitName}`)

    const appraiser = client(app)
    await appraiser.signIn(TOKENS.appraiser)
    const screen = await appraiser.get(`/units/${a.unitId}/appraisal?year=${a.period}`)
    // the self score stands beside the current points
    expect(textOf(screen.html)).toContain('Tự chấm')
    const { code } = lowerable(screen.html)
    const reason = 'Biên bản kiểm tra không có chữ ký của người có thẩm quyền'
    const done = await appraiser.post(`/units/${a.unitId}/appraisal`, {
      _csrf: csrfOf(screen.html),
      year: a.period,
      expectedVersion: /name="expectedVersion" value="(\d+)"/.exec(screen.html)![1]!,
      [`points.${code}`]: '0',
      [`reason.${code}`]: reason,
    })
    expect(done.status).toBe(303)
    const rounds = (await store.getAssessment({ province: PROVINCE, unitId: a.unitId, period: a.period })).appraisals
    expect(rounds.at(-1)!.changes).toEqual([{ code, points: '0', reason }])
    expect(rounds.at(-1)!.reviewer).toBe('Tổ thẩm định Nguyễn Văn An')

    const admin = client(app)
    await admin.signIn(TOKENS.admin)
    const pub = await admin.get(`/publish?year=${a.period}`)
    expect(pub.status).toBe(200)
    const missing = await admin.post('/publish', { _csrf: csrfOf(pub.html), year: a.period, group: a.group, expectedVersion: '0', decisionNumber: '', decisionDate: '' })
    expect(missing.status).toBe(422)
    expect(textOf(missing.html)).toContain('Cần số quyết định công bố')
    const ok = await admin.post('/publish', { _csrf: csrfOf(pub.html), year: a.period, group: a.group, expectedVersion: '0', decisionNumber: '345/QĐ-UBND', decisionDate: '2026-03-01' })
    expect(ok.status).toBe(303)
    // the notice names the group, not its key
    const after = await admin.get(ok.location!)
    expect(textOf(after.html)).toMatch(/Đã công bố kết quả: Khối phường\./)
    const published = await store.ranking({ province: PROVINCE, period: a.period, group: a.group })
    expect(published.status).toBe('published')
    expect(published.publication!.decision).toEqual({ number: '345/QĐ-UBND', date: '2026-03-01' })
    expect(published.publication!.publishedBy).toBe('Sở Nội vụ (quản trị)')

    // the public: the published group, ranked as the store ranked it, with the decision
    const reader = client(app)
    const overview = await reader.get('/')
    const text = textOf(overview.html)
    expect(text).toContain('Quyết định số 345/QĐ-UBND ngày 01/03/2026')
    const rows = [
      ...overview.html.matchAll(/<tr data-unit="([^"]+)"><td class="num">(\d+|—)<\/td><th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th><td class="num">([^<]+)<\/td><td class="num"><b>([^<]+)<\/b>/g),
    ]
    expect(rows.map((r) => [r[1], r[2] === '—' ? null : Number(r[2])])).toEqual(published.entries.map((e) => [e.unitId, e.rank]))
    // names, not ids; indexes with a decimal comma, as the store's exact values rounded
    for (const [row, e] of rows.map((r, i) => [r, published.entries[i]!] as const)) {
      expect(row[3]).toBe(e.name)
      expect(row[5]).toMatch(/^\d{1,3},\d{2}$/)
      expect(Number(row[5]!.replace(',', '.'))).toBeCloseTo(Number(e.index), 2)
    }
    // the other groups are still hidden
    expect(text).toMatch(/\d{2} nhóm khác chưa công bố kết quả năm/)
    const page = await reader.get(`/units/${a.unitId}?year=${a.period}`)
    const pageText = textOf(page.html)
    expect(pageText).toContain(reason)
    expect(pageText).toContain('Tổ thẩm định Nguyễn Văn An')
    const entry = published.entries.find((e) => e.unitId === a.unitId)!
    expect(pageText).toContain(`xếp thứ ${entry.rank}/${entry.groupSize}`)
    expect(page.html).toContain('class="explain"')
  })
})

describe('a unit across years and mergers', () => {
  test("a merged ward's page names the communes it was formed from and shows their year as its history, as the store says", async () => {
    const merged = sample.units.find((x) => x.kind !== 'department' && x.validFrom === '2025-07-01' && (x.predecessors?.length ?? 0) > 1)!
    const c = client(app)
    await c.signIn(TOKENS.admin)
    const r = await c.get(`/units/${merged.id}?year=2025`)
    expect(r.status).toBe(200)
    const h = await store.unitHistory({ province: PROVINCE, unitId: merged.id })
    const names = h.lineage.predecessors.map((p) => p.name)
    expect(names.length).toBeGreaterThan(1)
    // each predecessor by its name, a link to its page
    expect(r.html).toContain(`<p>Hình thành từ: ${h.lineage.predecessors.map((p) => `<a href="/units/${p.unitId}?year=2025">${p.name}</a>`).join(', ')}.</p>`)
    const rows = [...r.html.matchAll(/<tr><th scope="row">(\d{4})<\/th><td>([^<]*)<\/td><td class="num">([^<]+)<\/td><td class="num">[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]])
    // bands by their names, never their codes
    const bands = [...r.html.matchAll(/<tr><th scope="row">\d{4}<\/th>(?:<td[^>]*>[^<]*<\/td>){3}<td>([^<]*)<\/td>/g)].map((m) => m[1])
    expect(bands.length).toBe(2)
    for (const b of bands) expect(['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu', '—']).toContain(b)
    expect(rows).toEqual(
      h.years!.years.map((y) => [
        y.year,
        y.from.length === 1 && y.from[0] === merged.id ? 'chính đơn vị' : y.from.map((id) => h.lineage.predecessors.find((p) => p.unitId === id)!.name).join(', '),
        y.index.toFixed(2).replace('.', ','),
      ]),
    )
    expect(rows.map((x) => x[0])).toEqual(['2024', '2025'])
  })
})

describe('languages', () => {
  test('?lang=en switches to English and is remembered; ?lang=vi switches back', async () => {
    const c = client(app)
    const en = await c.get('/?lang=en')
    expect(en.html).toMatch(/<html lang="en">/)
    expect(textOf(en.html)).toContain('Overview')
    expect(textOf(en.html)).toContain('RECONSTRUCTED')
    const again = await c.get('/sign-in')
    expect(again.html).toMatch(/<html lang="en">/)
    expect(textOf(again.html)).toContain('Access token')
    const vi = await c.get('/sign-in?lang=vi')
    expect(vi.html).toMatch(/<html lang="vi">/)
    expect(textOf(vi.html)).toContain('Mã truy cập')
    // the Vietnamese page has no English line in it
    expect(textOf(vi.html)).not.toMatch(/\b(Sign in|Overview|Access token|Skip to)\b/)
  })
})
