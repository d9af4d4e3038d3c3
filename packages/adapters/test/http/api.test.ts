// The service's routes on the sample province, on every driver: what each returns, that
// writes name the version they saw (a stale one is a 409 with the current version), that
// errors are problem documents in the caller's language, and that every response of this
// file matches the OpenAPI document (the Client checks each one).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { evaluate, reconstructionSummary } from '@chiso/core'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
import { writeFilledWorkbook } from '../../src/xlsx/index.js'
import { checked, Client, HARNESSES, startService, type Service } from './harness.js'

for (const factory of HARNESSES) {
  describe(`the API on ${factory.name}`, () => {
    let s: Service
    beforeAll(async () => {
      s = await startService(factory)
    }, 300_000)
    afterAll(async () => {
      await s?.close()
    })

    test('health, the caller, and the document', async () => {
      const h = await s.client.call('GET', '/api/health')
      expect(h.status).toBe(200)
      expect(h.body).toEqual({ ok: true, driver: factory.name, schemaVersion: s.store.schemaVersion, province: s.province })
      expect((await s.client.call('GET', '/api/me')).body).toEqual({ role: 'anonymous', name: null, units: [] })
      expect((await s.client.call('GET', '/api/me', { token: s.tokens.unitA })).body).toEqual({ role: 'unit', name: 'Cán bộ xã A', units: [s.unitA] })
      const doc = (await (await s.app.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> }
      expect(doc.openapi).toBe('3.1.0')
      expect(Object.keys(doc.paths).length).toBeGreaterThan(20)
      const page = await s.app.request('/api/docs')
      const html = await page.text()
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(html).toContain('/api/units/{unitId}/assessments/{period}/appraisals')
      // self-contained: nothing fetched from elsewhere
      expect(html).not.toMatch(/<script|<link|https?:\/\/(?!localhost)/)
    })

    test('an unknown token is refused, never taken as anonymous', async () => {
      const r = await s.client.call('GET', '/api/publications', { token: 'chiso_not-a-token' })
      expect(r.status).toBe(401)
      expect(r.body.issues[0].code).toBe('invalid_token')
      expect(r.headers.get('www-authenticate')).toContain('Bearer')
    })

    test("anyone reads the published ranking, with the pack's reconstruction mark; the latest needs a scope of every unit", async () => {
      const pubs = await s.client.call('GET', `/api/publications?period=${s.publishedPeriod}`)
      expect(pubs.status).toBe(200)
      expect(pubs.body.publications.map((p: { group: string }) => p.group).sort()).toEqual(['huyen', 'phuong-thi-tran', 'so', 'xa'])
      const r = await s.client.call('GET', `/api/rankings/${s.publishedPeriod}/xa`)
      expect(r.status).toBe(200)
      expect(r.body.status).toBe('published')
      const stored = await s.store.ranking({ province: s.province, period: s.publishedPeriod, group: 'xa' })
      expect(r.body.entries.map((e: { unitId: string; rank: number; index: string }) => [e.unitId, e.rank, e.index])).toEqual(stored.entries.map((e) => [e.unitId, e.rank, e.index]))
      const mark = reconstructionSummary(vnCchc.compile(stored.pack!.id, stored.pack!.version))
      expect(r.body.reconstruction.text).toEqual(mark.text)
      expect(r.body.reconstruction.reconstructed).toBe(mark.reconstructed)

      const unpublished = await s.client.call('GET', `/api/rankings/${s.period}/xa`)
      expect(unpublished.status).toBe(404)
      expect(unpublished.body.issues[0].code).toBe('not_published')
      expect((await s.client.call('GET', `/api/rankings/${s.period}/xa?source=latest`)).status).toBe(401)
      expect((await s.client.call('GET', `/api/rankings/${s.period}/xa?source=latest`, { token: s.tokens.unitA })).status).toBe(403)
      expect((await s.client.call('GET', `/api/rankings/${s.period}/xa?source=latest`, { token: s.tokens.appraiserA })).status).toBe(403)
      const latest = await s.client.call('GET', `/api/rankings/${s.period}/xa?source=latest`, { token: s.tokens.appraiser })
      expect(latest.status).toBe(200)
      expect(latest.body.status).toBe('provisional')
      expect(latest.body.entries.length).toBeGreaterThan(2)
    })

    test('a unit submits, an appraiser appraises the version seen; a stale version is a 409 with the current one', async () => {
      const path = `/api/units/${s.unitA}/assessments/${s.period}`
      const before = await s.client.call('GET', path, { token: s.tokens.unitA })
      expect(before.status).toBe(200)
      const v0 = before.body.version as number
      expect(before.body.reconstruction.text.vi.length).toBeGreaterThan(10)
      const { appraisals: _, ...self } = before.body.submission.assessment
      const selfScores = { ...(self.selfScores ?? {}) }
      const firstKey = Object.keys(selfScores)[0]
      expect(firstKey).toBeDefined()
      const next = { ...self, explanations: { ...(self.explanations ?? {}), [firstKey!]: 'Đã bổ sung tài liệu' } }
      const sub = await s.client.call('POST', `${path}/submissions`, { token: s.tokens.unitA, json: { pack: before.body.pack, assessment: next, expectedVersion: v0 } })
      expect(sub.status, JSON.stringify(sub.body)).toBe(201)
      expect(sub.body.version).toBe(v0 + 1)
      // the same content again: nothing changes
      const again = await s.client.call('POST', `${path}/submissions`, { token: s.tokens.unitA, json: { pack: before.body.pack, assessment: next, expectedVersion: v0 + 1 } })
      expect(again.status).toBe(200)
      expect(again.body).toMatchObject({ unchanged: true, version: v0 + 1 })

      const stale = await s.client.call('POST', `${path}/appraisals`, {
        token: s.tokens.appraiserA,
        json: { expectedVersion: v0, changes: [{ code: firstKey, points: 0, reason: 'Thiếu tài liệu kiểm chứng' }] },
      })
      expect(stale.status).toBe(409)
      expect(stale.body.currentVersion).toBe(v0 + 1)
      expect(stale.body.issues[0].code).toBe('conflict')
      expect(stale.body.detail).toContain('Xung đột phiên bản')
      const ok = await s.client.call('POST', `${path}/appraisals`, {
        token: s.tokens.appraiserA,
        json: { expectedVersion: v0 + 1, changes: [{ code: firstKey, points: 0, reason: 'Thiếu tài liệu kiểm chứng' }] },
      })
      expect(ok.status, JSON.stringify(ok.body)).toBe(201)
      expect(ok.body.version).toBe(v0 + 2)
      const after = await s.client.call('GET', path, { token: s.tokens.appraiserA })
      expect(after.body.appraisals.at(-1)).toMatchObject({ reviewer: 'Thẩm định viên xã A', changes: [{ code: firstKey, points: 0, reason: 'Thiếu tài liệu kiểm chứng' }] })
      const diff = await s.client.call(
        'GET',
        `${path}/submissions/diff?from=${v0 === 1 ? 1 : 1}&to=${(await s.client.call('GET', `${path}/submissions`, { token: s.tokens.unitA })).body.submissions.at(-1).version}`,
        { token: s.tokens.unitA },
      )
      expect(diff.status).toBe(200)
      expect(JSON.stringify(diff.body)).toContain('Đã bổ sung tài liệu')
    })

    test('errors in English when the caller prefers it, Vietnamese by default', async () => {
      const path = `/api/units/${s.unitA}/assessments/${s.period}/submissions`
      const bad = { pack: { id: 'vn-cchc/commune-2025', version: '1.0.0' }, assessment: { unitId: s.unitB }, expectedVersion: 'x' }
      const vi = await s.client.call('POST', path, { token: s.tokens.unitA, json: bad })
      expect(vi.status).toBe(400)
      expect(vi.type).toBe('application/problem+json')
      expect(vi.headers.get('content-language')).toBe('vi')
      // core's reading of a request's problems, as of every input: typed code, Vietnamese message
      expect(vi.body.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['body', 'expectedVersion'], message: 'Sai kiểu dữ liệu: cần số, nhận được chuỗi ký tự' })])
      const en = await s.client.call('POST', path, { token: s.tokens.unitA, json: { ...bad, expectedVersion: 0 }, lang: 'en-GB,en;q=0.9,vi;q=0.5' })
      expect(en.status).toBe(422)
      expect(en.headers.get('content-language')).toBe('en')
      expect(en.body.issues[0]).toMatchObject({ code: 'unit_mismatch', path: ['body', 'assessment', 'unitId'] })
      expect(en.body.issues[0].message).toContain('is of unit')
      const malformed = await s.client.call('POST', path, { token: s.tokens.unitA, body: '{"pack":', headers: { 'content-type': 'application/json' } })
      expect(malformed.status).toBe(400)
      expect(malformed.body.issues[0].code).toBe('malformed_body')
      const wrongType = await s.client.call('POST', path, { token: s.tokens.unitA, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      expect(wrongType.status).toBe(415)
      const huge = await s.client.call('POST', path, { token: s.tokens.unitA, body: JSON.stringify({ x: 'a'.repeat(5 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } })
      expect(huge.status).toBe(413)
      expect(huge.body.issues[0].code).toBe('body_too_large')
    })

    test('what-if scores without storing; explain shows the trace and the mark', async () => {
      const path = `/api/units/${s.unitB}/assessments/${s.period}`
      const state = await s.client.call('GET', path, { token: s.tokens.unitB })
      const eventsBefore = (await s.store.events({ province: s.province, limit: 10_000 })).length
      const w = await s.client.call('POST', '/api/whatif', { token: s.tokens.unitB, json: { pack: state.body.pack, assessment: state.body.assessment, explain: true } })
      expect(w.status, JSON.stringify(w.body).slice(0, 500)).toBe(200)
      expect(w.body.stored).toBeNull()
      // each node's trace keeps its steps (rendered when read in the core), after its events, as the core renders them
      const core = evaluate(vnCchc.compile(state.body.pack.id), state.body.assessment, { trace: true })
      const traced = w.body.nodes.filter((n: { trace?: unknown }) => n.trace !== undefined) as { code: string; trace: Record<string, unknown> }[]
      expect(traced).toHaveLength(core.nodes.length)
      for (const n of traced) {
        const keys = Object.keys(n.trace)
        expect(keys.indexOf('steps'), n.code).toBe(keys.indexOf('events') + 1)
        expect(n.trace.steps).toEqual(core.node(n.code)!.trace!.steps)
        expect((n.trace.steps as string[]).length).toBe((n.trace.events as unknown[]).length)
      }
      expect((await s.store.events({ province: s.province, limit: 10_000 })).length).toBe(eventsBefore)
      const e = await s.client.call('GET', `${path}/explain`, { token: s.tokens.unitB })
      expect(e.status).toBe(200)
      expect(e.body.index).toBe(w.body.index)
      expect(e.body.fingerprint).toBe(w.body.fingerprint)
      expect(e.body.rank).toBeGreaterThanOrEqual(1)
      expect(e.body.text).toContain('xếp thứ')
      expect(e.body.nodes.some((n: { reconstructed: boolean }) => n.reconstructed)).toBe(e.body.reconstruction.reconstructed > 0)
      const en = await s.client.call('GET', `${path}/explain`, { token: s.tokens.unitB, lang: 'en' })
      expect(en.body.text).toContain('ranked')
    })

    test('packs: list, get, validate, diff, store', async () => {
      const t = s.tokens.unitA
      const list = await s.client.call('GET', '/api/packs', { token: t })
      expect(list.status).toBe(200)
      const ids = list.body.packs.map((p: { id: string; version: string }) => `${p.id}@${p.version}`)
      for (const p of vnCchc.list()) expect(ids).toContain(`${p.id}@${p.version}`)
      const commune = list.body.packs.find((p: { id: string }) => p.id === 'vn-cchc/commune-2025')
      expect(commune.reconstruction).toMatchObject({ standing: expect.any(String), text: reconstructionSummary(vnCchc.compile('vn-cchc/commune-2025')).text })
      const one = await s.client.call('GET', `/api/packs/${encodeURIComponent('vn-cchc/commune-2025')}`, { token: t })
      expect(one.status).toBe(200)
      expect(one.body.pack.id).toBe('vn-cchc/commune-2025')
      expect((await s.client.call('GET', `/api/packs/${encodeURIComponent('vn-cchc/nope')}`, { token: t })).status).toBe(404)

      const json = vnCchc.get('vn-cchc/commune-2025') as unknown as Record<string, unknown>
      const ok = await s.client.call('POST', '/api/packs/validate', { token: t, json })
      expect(ok.body).toMatchObject({ ok: true, issues: [], pack: { id: 'vn-cchc/commune-2025' } })
      const bad = await s.client.call('POST', '/api/packs/validate', { token: t, json: { ...json, criteria: 'none', version: 7 } })
      expect(bad.body.ok).toBe(false)
      expect(bad.body.issues.length).toBeGreaterThanOrEqual(1)
      expect(bad.body.issues[0].message.vi.length).toBeGreaterThan(0)

      const diff = await s.client.call('GET', `/api/packs/diff?from=${encodeURIComponent('vn-cchc/commune-2019@1.1.0')}&to=${encodeURIComponent('vn-cchc/commune-2025@1.1.0')}`, { token: t })
      expect(diff.status, JSON.stringify(diff.body).slice(0, 300)).toBe(200)
      expect(diff.body.changes.length).toBeGreaterThan(0)
      expect(diff.body.from.reconstruction.text.vi).toContain('tái dựng')

      const again = await s.client.call('POST', '/api/packs', { token: s.tokens.admin, json: { packs: [json] } })
      expect(again.status).toBe(200)
      expect(again.body).toEqual({ added: [], unchanged: [{ id: 'vn-cchc/commune-2025', version: json.version }] })
      expect((await s.client.call('POST', '/api/packs', { token: s.tokens.admin, json: { packs: [{ ...json, title: 'Đổi nội dung' }] } })).status).toBe(409)
    })

    test('units: add with version 0, a stale change is a 409, lineage in the history', async () => {
      const unit = { id: 'xa-thu-nghiem', name: 'Xã Thử Nghiệm', kind: 'commune', group: 'xa', validFrom: '2025-07-01' }
      const put = await s.client.call('PUT', '/api/units', { token: s.tokens.admin, json: { units: [{ unit, expectedVersion: 0 }] } })
      expect(put.status, JSON.stringify(put.body)).toBe(200)
      expect(put.body.units[0]).toMatchObject({ unit: { id: 'xa-thu-nghiem' }, version: 1 })
      const stale = await s.client.call('PUT', '/api/units', { token: s.tokens.admin, json: { units: [{ unit: { ...unit, name: 'Xã Đổi Tên' }, expectedVersion: 0 }] } })
      expect(stale.status).toBe(409)
      expect(stale.body.currentVersion).toBe(1)
      const got = await s.client.call('GET', '/api/units/xa-thu-nghiem', { token: s.tokens.admin })
      expect(got.body).toMatchObject({ version: 1, unit: { name: 'Xã Thử Nghiệm' } })
      const merged = generateSampleProvince({ years: [2024, 2025] }).units.find((u) => u.kind === 'commune' && (u.predecessors?.length ?? 0) > 1)!
      const h = await s.client.call('GET', `/api/units/${merged.id}/history`, { token: s.tokens.appraiser })
      expect(h.status).toBe(200)
      expect(h.body.lineage.predecessors.map((p: { unitId: string }) => p.unitId).sort()).toEqual([...merged.predecessors!].sort())
      expect(h.body.years.years.map((y: { year: string }) => y.year)).toEqual(['2024', '2025'])
    })

    test("a filled workbook is read by the adapters' reader and stored; a file that is not one is a 422 naming the problem", async () => {
      const path = `/api/units/${s.unitB}/assessments/${s.period}`
      const state = await s.client.call('GET', path, { token: s.tokens.unitB })
      const pack = vnCchc.compile(state.body.pack.id, state.body.pack.version)
      const { appraisals: _, ...self } = state.body.submission.assessment
      const changed = { ...self, explanations: { ...(self.explanations ?? {}), [Object.keys(self.selfScores)[0]!]: 'Giải trình từ biểu Excel' } }
      const bytes = await writeFilledWorkbook(pack, changed)
      const q = `pack=${encodeURIComponent(`${pack.id}@${pack.version}`)}&expectedVersion=${state.body.version}`
      const up = await s.client.call('POST', `${path}/submissions/file?${q}`, {
        token: s.tokens.unitB,
        body: bytes as Uint8Array<ArrayBuffer>,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      })
      expect(up.status, JSON.stringify(up.body)).toBe(201)
      const after = await s.client.call('GET', path, { token: s.tokens.unitB })
      expect(after.body.submission.fileHash).toMatch(/^[0-9a-f]{64}$/)
      expect(after.body.submission.assessment.explanations).toMatchObject({ [Object.keys(self.selfScores)[0]!]: 'Giải trình từ biểu Excel' })
      const junk = await s.client.call('POST', `${path}/submissions/file?pack=${encodeURIComponent(`${pack.id}@${pack.version}`)}&expectedVersion=${after.body.version}`, {
        token: s.tokens.unitB,
        body: new TextEncoder().encode('PK\u0003\u0004 not really a zip') as Uint8Array<ArrayBuffer>,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      })
      expect(junk.status).toBe(422)
      expect(junk.body.issues.length).toBeGreaterThan(0)
      expect((await s.client.call('GET', path, { token: s.tokens.unitB })).body.version).toBe(after.body.version)
    })

    test('import all or nothing, score, publish (a second publish on version 0 is a 409), export, compare, plan, verify, events', async () => {
      const period = 'thu-nghiem'
      const sample = generateSampleProvince({ years: [2025] })
      const part = sample.years[0]!.packs.find((p) => p.packId.startsWith('vn-cchc/commune'))!
      const pack = vnCchc.compile(part.packId)
      const items = part.assessments.slice(0, 6).map((a) => ({ assessment: { ...a, period } }))
      const bad = await s.client.call('POST', '/api/imports', {
        token: s.tokens.admin,
        json: { pack: { id: pack.id, version: pack.version }, items: [...items, { assessment: { ...items[0]!.assessment, unitId: 'khong-co' } }] },
      })
      expect(bad.status).toBe(422)
      expect(bad.body.issues.some((i: { path: unknown[] }) => JSON.stringify(i.path).includes('6'))).toBe(true)
      expect((await s.client.call('GET', `/api/units/${items[0]!.assessment.unitId}/assessments/${period}`, { token: s.tokens.admin })).status).toBe(404)
      const imp = await s.client.call('POST', '/api/imports', { token: s.tokens.admin, json: { pack: { id: pack.id, version: pack.version }, items } })
      expect(imp.status, JSON.stringify(imp.body).slice(0, 400)).toBe(200)
      expect(imp.body.imported.length).toBe(6)
      const again = await s.client.call('POST', '/api/imports', { token: s.tokens.admin, json: { pack: { id: pack.id, version: pack.version }, items } })
      expect(again.body).toMatchObject({ imported: [], unchanged: expect.any(Array) })
      expect(again.body.unchanged.length).toBe(6)

      const score = await s.client.call('POST', `/api/periods/${period}/score`, { token: s.tokens.admin })
      expect(score.status).toBe(200)
      expect(score.body.recorded.length).toBe(6)
      const group = score.body.recorded[0].group as string
      const pub = await s.client.call('POST', `/api/publications/${period}/${group}`, { token: s.tokens.admin, json: { decision: { number: '99/QĐ-UBND', date: '2026-03-01' }, expectedVersion: 0 } })
      expect(pub.status, JSON.stringify(pub.body).slice(0, 300)).toBe(201)
      expect(pub.body.version).toBe(1)
      expect(pub.body.reconstruction.text).toEqual(reconstructionSummary(pack).text)
      const twice = await s.client.call('POST', `/api/publications/${period}/${group}`, { token: s.tokens.admin, json: { decision: { number: '99/QĐ-UBND', date: '2026-03-01' }, expectedVersion: 0 } })
      expect(twice.status).toBe(409)
      expect(twice.body.currentVersion).toBe(1)
      const ranking = await s.client.call('GET', `/api/rankings/${period}/${group}`)
      expect(ranking.body.entries.map((e: { unitId: string }) => e.unitId)).toEqual(pub.body.entries.map((e: { unitId: string }) => e.unitId))

      const xlsx = await s.client.call('GET', `/api/rankings/${period}/${group}/export`)
      expect(xlsx.status).toBe(200)
      expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      expect([...xlsx.bytes.slice(0, 2)]).toEqual([0x50, 0x4b])
      const csv = await s.client.call('GET', `/api/rankings/${period}/${group}/export?format=csv`)
      expect(csv.type).toBe('text/csv')
      expect(csv.body).toContain('tái dựng')
      for (const e of pub.body.entries) expect(csv.body).toContain(e.unitId)

      const cmp = await s.client.call('GET', `/api/compare/xa?periods=2024,2025`, { token: s.tokens.admin })
      expect(cmp.status).toBe(200)
      expect(cmp.body.periods).toEqual(['2024', '2025'])
      expect(cmp.body.units.length).toBeGreaterThan(0)

      const plan = await s.client.call('GET', `/api/units/${s.unitA}/assessments/${s.period}/plan`, { token: s.tokens.unitA })
      expect(plan.status, JSON.stringify(plan.body).slice(0, 300)).toBe(200)
      expect(['met', 'planned', 'unreachable']).toContain(plan.body.status)
      expect(plan.body.reconstruction.text.vi).toContain('tái dựng')

      const v = await s.client.call('GET', '/api/verify', { token: s.tokens.admin })
      expect(v.status).toBe(200)
      expect(v.body.problems).toEqual([])
      expect(v.body.ok).toBe(true)
      const ev = await s.client.call('GET', '/api/events?limit=5', { token: s.tokens.admin })
      expect(ev.body.events.length).toBe(5)
    }, 120_000)

    test('tokens: an admin issues one (only its hash is kept); a unit token must name one unit', async () => {
      const r = await s.client.call('POST', '/api/tokens', { token: s.tokens.admin, json: { role: 'unit', name: 'Cán bộ mới', units: [s.unitB] } })
      expect(r.status).toBe(201)
      expect((await s.client.call('GET', '/api/me', { token: r.body.token })).body).toEqual({ role: 'unit', name: 'Cán bộ mới', units: [s.unitB] })
      expect(JSON.stringify(s.auth.list())).not.toContain(r.body.token)
      const bad = await s.client.call('POST', '/api/tokens', { token: s.tokens.admin, json: { role: 'unit', name: 'Cán bộ', units: 'all' } })
      expect(bad.status).toBe(422)
    })

    test('an unknown path is a 404 problem, a known path with another method a 405', async () => {
      const a = await s.client.call('GET', '/api/nothing-here')
      expect(a.status).toBe(404)
      expect(a.body.issues[0].code).toBe('no_such_route')
      const b = await s.client.call('DELETE', '/api/units')
      expect(b.status).toBe(405)
    })

    test('a control character in a unit id is a 400 problem before any query (a NUL made PostgreSQL fail: 500)', async () => {
      for (const path of ['/api/units/%00', '/api/units/%00/assessments/2025/submissions', '/api/units/xa%0Aa/history']) {
        const r = await s.client.call('GET', path, { token: s.tokens.admin })
        expect(r.status, path).toBe(400)
        expect(r.body.issues[0].code).toBe('invalid_path')
      }
    })

    test('every response of this file matched the document', () => {
      expect(checked.length).toBeGreaterThan(20)
    })
  })
}

describe('the response check itself', () => {
  test('a body that differs from the document, or an undocumented status, fails the check', async () => {
    const s = {
      doc: {
        paths: { '/api/me': { get: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/P' } } } } } } } },
        components: { schemas: { P: { type: 'object', required: ['role'], properties: { role: { type: 'string' } } } } },
      },
    }
    let reply: Response
    const fake = { request: (path: string) => (path === '/openapi.json' ? Response.json(s.doc) : reply) }
    const client = new Client(fake)
    reply = Response.json({ role: 'admin' })
    await client.call('GET', '/api/me')
    reply = Response.json({ rolle: 'admin' })
    await expect(client.call('GET', '/api/me')).rejects.toThrow()
    reply = Response.json({ role: 'admin' }, { status: 201 })
    await expect(client.call('GET', '/api/me')).rejects.toThrow(/not documented/)
  })
})
