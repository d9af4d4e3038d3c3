// What a caller may not set, on every driver: a unit officer's submission cannot move its
// unit to another group, rename it or write the province's survey results; a shipped
// id@version cannot be stored with other content; a pack named without a version is the
// semver-highest; an import's 409 names the version held and naming it resolves it; an
// unknown pack is 404 when the path names it, 422 when a body does. Every response is
// checked against the OpenAPI document.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { HARNESSES, startService, type Service } from './harness.js'

for (const factory of HARNESSES) {
  describe(`what a caller may not set, on ${factory.name}`, () => {
    let s: Service
    beforeAll(async () => {
      s = await startService(factory)
    }, 300_000)
    afterAll(async () => {
      await s?.close()
    })

    const current = async () => (await s.client.call('GET', `/api/units/${s.unitA}/assessments/${s.period}`, { token: s.tokens.admin })).body
    const submit = (token: string, body: object) => s.client.call('POST', `/api/units/${s.unitA}/assessments/${s.period}/submissions`, { token, json: body })

    test("a unit officer's submission keeps the catalog's unit and group: another is refused at its field", async () => {
      const st = await current()
      const a = st.submission.assessment
      const group = await submit(s.tokens.unitA, { pack: st.pack, assessment: { ...a, group: 'phuong' }, expectedVersion: st.version })
      expect(group.status).toBe(422)
      expect(group.body.issues.map((i: { code: string; path: unknown[] }) => [i.code, i.path])).toEqual([['unit_mismatch', ['body', 'assessment', 'group']]])
      const renamed = await submit(s.tokens.unitA, { pack: st.pack, assessment: { ...a, unit: { ...a.unit, name: 'Tên Tự Đặt' } }, expectedVersion: st.version })
      expect(renamed.status).toBe(422)
      expect(renamed.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([['body', 'assessment', 'unit', 'name']])
      const en = await s.client.call('POST', `/api/units/${s.unitA}/assessments/${s.period}/submissions`, {
        token: s.tokens.unitA,
        lang: 'en',
        json: { pack: st.pack, assessment: { ...a, unit: { ...a.unit, group: 'phuong' }, group: 'phuong' }, expectedVersion: st.version },
      })
      expect(en.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
        ['body', 'assessment', 'unit', 'group'],
        ['body', 'assessment', 'group'],
      ])
      expect(en.body.detail).toContain('catalog')
      // an administrator is held to the same: units change through PUT /api/units
      expect((await submit(s.tokens.admin, { pack: st.pack, assessment: { ...a, group: 'phuong' }, expectedVersion: st.version })).status).toBe(422)
      expect((await current()).version).toBe(st.version)
      // the ranking still has the unit in its own group
      await s.client.call('POST', `/api/periods/${s.period}/score`, { token: s.tokens.admin })
      const xa = await s.client.call('GET', `/api/rankings/${s.period}/xa?source=latest`, { token: s.tokens.admin })
      expect(xa.body.entries.some((e: { unitId: string }) => e.unitId === s.unitA)).toBe(true)
    })

    test("survey results are the province's: a unit officer's submission keeps those held, an administrator writes them", async () => {
      const st = await current()
      const a = st.submission.assessment
      expect(Object.keys(a.survey ?? {}).length).toBeGreaterThan(0)
      const explained = async () => (await s.client.call('GET', `/api/units/${s.unitA}/assessments/${s.period}/explain`, { token: s.tokens.unitA })).body.index
      const before = await explained()
      const allA = Object.fromEntries(Object.keys(a.survey).map((k) => [k, { answers: { A: 1000, B: 0, C: 0, D: 0 } }]))
      const rewritten = await submit(s.tokens.unitA, { pack: st.pack, assessment: { ...a, survey: allA }, expectedVersion: st.version })
      expect(rewritten.status).toBe(403)
      expect(rewritten.body.issues.map((i: { code: string; path: unknown[] }) => [i.code, i.path])).toEqual([['survey_not_writable', ['body', 'assessment', 'survey']]])
      expect(await explained()).toBe(before)
      // sending back the survey held is fine; leaving it out keeps it
      const { survey, ...withoutSurvey } = a
      const changed = { ...withoutSurvey, explanations: { ...(a.explanations ?? {}), '1.1': 'bổ sung giải trình' } }
      const kept = await submit(s.tokens.unitA, { pack: st.pack, assessment: changed, expectedVersion: st.version })
      expect(kept.status).toBe(201)
      const after = await current()
      expect(after.submission.assessment.survey).toEqual(survey)
      expect((await submit(s.tokens.unitA, { pack: st.pack, assessment: { ...changed, survey }, expectedVersion: after.version })).status).toBe(200)
      // the province's administrator enters survey results
      const byAdmin = await submit(s.tokens.admin, { pack: st.pack, assessment: { ...changed, survey: allA }, expectedVersion: after.version })
      expect(byAdmin.status).toBe(201)
      expect((await current()).submission.assessment.survey).toEqual(allA)
    })

    test('a shipped id@version is stored only with its shipped content', async () => {
      const shipped = await s.client.call('GET', '/api/packs/vn-cchc%2Fcommune-2025', { token: s.tokens.admin })
      const pack = shipped.body.pack
      const same = await s.client.call('POST', '/api/packs', { token: s.tokens.admin, json: { packs: [pack] } })
      expect(same.status).toBe(200)
      const edited = { ...pack, title: { vi: 'Bộ đã sửa', en: 'Edited pack' } }
      const r = await s.client.call('POST', '/api/packs', { token: s.tokens.admin, json: { packs: [edited] }, lang: 'en' })
      expect(r.status).toBe(409)
      expect(r.body.issues.map((i: { code: string; path: unknown[] }) => [i.code, i.path])).toEqual([['pack_version_taken', ['body', 'packs', 0, 'version']]])
      expect(r.body.detail).toContain('ships')
      const again = await s.client.call('GET', `/api/packs/vn-cchc%2Fcommune-2025?version=${pack.version}`, { token: s.tokens.admin })
      expect(again.body.title).toEqual(shipped.body.title)
    })

    test('a pack named without a version is its semver-highest, whatever order versions were stored in', async () => {
      const base = (await s.client.call('GET', '/api/packs/vn-cchc%2Fcommune-2025', { token: s.tokens.admin })).body.pack
      const v = (version: string) => ({ ...base, id: 'tinh/xa', version, title: { vi: `Bộ ${version}`, en: `Pack ${version}` } })
      const latest = async () => (await s.client.call('GET', '/api/packs/tinh%2Fxa', { token: s.tokens.admin })).body.version
      const put = async (version: string) => expect((await s.client.call('POST', '/api/packs', { token: s.tokens.admin, json: { packs: [v(version)] } })).status).toBe(200)
      await put('2.0.0')
      expect(await latest()).toBe('2.0.0')
      await put('10.0.0')
      expect(await latest()).toBe('10.0.0')
      await put('9.0.0')
      expect(await latest()).toBe('10.0.0')
      const wi = await s.client.call('POST', '/api/whatif', { token: s.tokens.admin, json: { pack: { id: 'tinh/xa' }, assessment: { unitId: 'a', period: '2025' } } })
      expect(wi.status).toBe(200)
      expect(wi.body.pack.version).toBe('10.0.0')
    })

    test("an import's 409 names the version held; naming it (or onExisting 'append') records the item", async () => {
      const st = await current()
      const changed = { ...st.submission.assessment, selfScores: { ...st.submission.assessment.selfScores, '4.1': 0.5 } }
      const stale = await s.client.call('POST', '/api/imports', { token: s.tokens.admin, json: { pack: st.pack, items: [{ assessment: changed }] } })
      expect(stale.status).toBe(409)
      expect(stale.body.currentVersion).toBe(st.version)
      expect(stale.body.issues[0].path).toEqual(['body', 'items', 0, 'expectedVersion'])
      const named = await s.client.call('POST', '/api/imports', { token: s.tokens.admin, json: { pack: st.pack, items: [{ assessment: changed, expectedVersion: st.version }] } })
      expect(named.status).toBe(200)
      expect(named.body.imported.map((i: { version: number }) => i.version)).toEqual([st.version + 1])
      const again = { ...changed, selfScores: { ...changed.selfScores, '4.1': 0.25 } }
      const appended = await s.client.call('POST', '/api/imports', { token: s.tokens.admin, json: { pack: st.pack, onExisting: 'append', items: [{ assessment: again }] } })
      expect(appended.status).toBe(200)
      expect(appended.body.imported.map((i: { version: number }) => i.version)).toEqual([st.version + 2])
    })

    test('an unknown pack is 404 when the path names it, 422 unknown_pack when a body or query does', async () => {
      const T = { token: s.tokens.admin }
      const path = await s.client.call('GET', '/api/packs/nope', T)
      expect([path.status, path.body.issues[0].code]).toEqual([404, 'unknown_pack'])
      const version = await s.client.call('GET', '/api/packs/vn-cchc%2Fcommune-2025?version=9.9.9', T)
      expect([version.status, version.body.issues[0].code]).toEqual([404, 'unknown_pack'])
      const whatif = await s.client.call('POST', '/api/whatif', { ...T, json: { pack: { id: 'nope' }, assessment: { unitId: 'a', period: '2025' } } })
      expect([whatif.status, whatif.body.issues[0].code, whatif.body.issues[0].path]).toEqual([422, 'unknown_pack', ['body', 'pack', 'id']])
      const submitted = await submit(s.tokens.admin, { pack: { id: 'nope', version: '1' }, assessment: { unitId: s.unitA, period: s.period }, expectedVersion: (await current()).version })
      expect([submitted.status, submitted.body.issues[0].code]).toEqual([422, 'unknown_pack'])
      const diff = await s.client.call('GET', '/api/packs/diff?from=nope@1&to=vn-cchc/commune-2025@1.1.0', T)
      expect([diff.status, diff.body.issues[0].code, diff.body.issues[0].path]).toEqual([422, 'unknown_pack', ['query', 'from']])
    })
  })
}
