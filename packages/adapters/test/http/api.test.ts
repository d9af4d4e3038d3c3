// The service's routes on the sample province, on every driver: what each returns, that
// writes name the version they saw (a stale one is a 409 with the current version), that
// errors are problem documents in the caller's language, and that every response of this
// file matches the OpenAPI document (the Client checks each one).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { reconstructionSummary } from '@chiso/core'
import { vnCchc } from '@chiso/rules-vn-cchc'
import { checked, HARNESSES, startService, type Service } from './harness.js'

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

    test('anyone reads the published ranking, with the pack\'s reconstruction mark; the latest needs a scope of every unit', async () => {
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

      const stale = await s.client.call('POST', `${path}/appraisals`, { token: s.tokens.appraiserA, json: { expectedVersion: v0, changes: [{ code: firstKey, points: 0, reason: 'Thiếu tài liệu kiểm chứng' }] } })
      expect(stale.status).toBe(409)
      expect(stale.body.currentVersion).toBe(v0 + 1)
      expect(stale.body.issues[0].code).toBe('conflict')
      expect(stale.body.detail).toContain('Xung đột phiên bản')
      const ok = await s.client.call('POST', `${path}/appraisals`, { token: s.tokens.appraiserA, json: { expectedVersion: v0 + 1, changes: [{ code: firstKey, points: 0, reason: 'Thiếu tài liệu kiểm chứng' }] } })
      expect(ok.status, JSON.stringify(ok.body)).toBe(201)
      expect(ok.body.version).toBe(v0 + 2)
      const after = await s.client.call('GET', path, { token: s.tokens.appraiserA })
      expect(after.body.appraisals.at(-1)).toMatchObject({ reviewer: 'Thẩm định viên xã A', changes: [{ code: firstKey, points: 0, reason: 'Thiếu tài liệu kiểm chứng' }] })
      const diff = await s.client.call('GET', `${path}/submissions/diff?from=${v0 === 1 ? 1 : 1}&to=${(await s.client.call('GET', `${path}/submissions`, { token: s.tokens.unitA })).body.submissions.at(-1).version}`, { token: s.tokens.unitA })
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
      expect(vi.body.issues).toEqual([expect.objectContaining({ path: ['body', 'expectedVersion'], message: expect.stringContaining('Yêu cầu không hợp lệ') })])
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

    test('every response of this file matched the document', () => {
      expect(checked.length).toBeGreaterThan(20)
    })
  })
}
