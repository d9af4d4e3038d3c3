// What a submission keeps and where its problems point, on every driver: an administrator's
// submission that leaves out `survey` keeps the survey held (only an explicit value replaces
// it, `survey: null` clears it); every problem of an answer points into the request as sent
// (`body`, `query` or `param` first), whichever layer found it; a pack is refused for a unit
// of a kind it does not apply to, or for a period outside its years in force (422 at the
// field naming the pack). Every response is checked against the OpenAPI document.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { HARNESSES, startService, type Service } from './harness.js'

type Issue = { code: string; path: unknown[]; message: string }
const codesAndPaths = (issues: readonly Issue[]) => issues.map((i) => [i.code, i.path])

for (const factory of HARNESSES) {
  describe(`what a submission keeps and where its problems point, on ${factory.name}`, () => {
    let s: Service
    beforeAll(async () => {
      s = await startService(factory)
    }, 300_000)
    afterAll(async () => {
      await s?.close()
    })

    const current = async (unitId = s.unitA, period = s.period) => (await s.client.call('GET', `/api/units/${unitId}/assessments/${period}`, { token: s.tokens.admin })).body
    const submit = (token: string, body: object, o: { unitId?: string; period?: string; lang?: string } = {}) =>
      s.client.call('POST', `/api/units/${o.unitId ?? s.unitA}/assessments/${o.period ?? s.period}/submissions`, { token, json: body, ...(o.lang ? { lang: o.lang } : {}) })

    test("an administrator's submission without `survey` keeps the survey held; `survey: null` clears it", async () => {
      const st = await current()
      const { survey, ...withoutSurvey } = st.submission.assessment
      expect(Object.keys(survey ?? {}).length).toBeGreaterThan(0)
      const changed = { ...withoutSurvey, explanations: { ...(withoutSurvey.explanations ?? {}), '1.1': 'giải trình của Sở' } }
      const byAdmin = await submit(s.tokens.admin, { pack: st.pack, assessment: changed, expectedVersion: st.version })
      expect(byAdmin.status).toBe(201)
      const after = await current()
      expect(after.submission.assessment.survey).toEqual(survey)
      // a unit officer cannot clear it: null names other results than those held
      const byUnit = await submit(s.tokens.unitA, { pack: st.pack, assessment: { ...changed, survey: null }, expectedVersion: after.version })
      expect(codesAndPaths(byUnit.body.issues)).toEqual([['survey_not_writable', ['body', 'assessment', 'survey']]])
      // the administrator clears it explicitly
      const cleared = await submit(s.tokens.admin, { pack: st.pack, assessment: { ...changed, survey: null }, expectedVersion: after.version })
      expect(cleared.status).toBe(201)
      expect((await current()).submission.assessment.survey).toBeUndefined()
      // and enters it again
      const back = await submit(s.tokens.admin, { pack: st.pack, assessment: { ...changed, survey }, expectedVersion: after.version + 1 })
      expect(back.status).toBe(201)
      expect((await current()).submission.assessment.survey).toEqual(survey)
    })

    test('every problem points into the request as sent, whichever layer found it', async () => {
      const st = await current()
      const a = st.submission.assessment
      // the store's problems (the catalog's group, a stale import, an unknown unit)
      const group = await submit(s.tokens.unitA, { pack: st.pack, assessment: { ...a, group: 'phuong' }, expectedVersion: st.version })
      expect(group.status).toBe(422)
      expect(codesAndPaths(group.body.issues)).toEqual([['unit_mismatch', ['body', 'assessment', 'group']]])
      const stale = await s.client.call('POST', '/api/imports', { token: s.tokens.admin, json: { pack: st.pack, items: [{ assessment: { ...a, explanations: { '1.1': 'khác' } } }] } })
      expect(stale.status).toBe(409)
      expect(codesAndPaths(stale.body.issues)).toEqual([['conflict', ['body', 'items', 0, 'expectedVersion']]])
      const conflict = await submit(s.tokens.admin, { pack: st.pack, assessment: a, expectedVersion: st.version + 5 })
      expect(conflict.status).toBe(409)
      expect(conflict.body.issues[0].path).toEqual(['body', 'expectedVersion'])
      const unknown = await submit(s.tokens.admin, { pack: st.pack, assessment: { ...a, unitId: 'khong-co' }, expectedVersion: 0 }, { unitId: 'khong-co' })
      expect(codesAndPaths(unknown.body.issues)).toEqual([['unknown_unit', ['param', 'unitId']]])
      // the request layer's, as before
      const bad = await submit(s.tokens.unitA, { pack: st.pack, assessment: a, expectedVersion: -1 })
      expect(bad.body.issues[0].path).toEqual(['body', 'expectedVersion'])
      // the engine's, on a what-if's assessment
      const whatIf = await s.client.call('POST', '/api/whatif', { token: s.tokens.unitA, json: { pack: st.pack, assessment: { ...a, selfScores: { ...a.selfScores, '1.1': 'nhiều' } } } })
      expect(whatIf.status).toBe(422)
      expect(whatIf.body.issues.map((i: Issue) => i.path.slice(0, 3))).toEqual([['body', 'assessment', 'selfScores']])
      // a route's own problem naming a path parameter
      const none = await s.client.call('GET', `/api/units/${s.unitA}/assessments/1999/submissions`, { token: s.tokens.admin })
      expect(codesAndPaths(none.body.issues)).toEqual([['not_found', ['param', 'unitId']]])
    })

    test("a pack is refused for a unit of a kind it does not apply to, and for a period outside its years, at the pack's field", async () => {
      const st = await current()
      const a = st.submission.assessment
      const commune2025 = { id: 'vn-cchc/commune-2025', version: st.pack.id === 'vn-cchc/commune-2025' ? st.pack.version : '1.1.0' }
      // a province-kind unit under a commune pack
      const put = await s.client.call('PUT', '/api/units', {
        token: s.tokens.admin,
        json: { units: [{ unit: { id: 'tinh-x', name: 'Tỉnh X', kind: 'province', group: 'tinh' }, expectedVersion: 0 }] },
      })
      expect(put.status).toBe(200)
      const { unit: _u, group: _g, ...bare } = a
      const province = await submit(s.tokens.admin, { pack: commune2025, assessment: { ...bare, unitId: 'tinh-x' }, expectedVersion: 0 }, { unitId: 'tinh-x' })
      expect(province.status).toBe(422)
      expect(codesAndPaths(province.body.issues)).toEqual([['pack_not_for_unit_kind', ['body', 'pack', 'id']]])
      expect(province.body.issues[0].message).toContain('tỉnh')
      const en = await submit(s.tokens.admin, { pack: commune2025, assessment: { ...bare, unitId: 'tinh-x' }, expectedVersion: 0 }, { unitId: 'tinh-x', lang: 'en' })
      expect(en.body.issues[0].message).toContain('province')
      // a period outside the pack's years in force (commune-2025 is in force from 2025-07-01)
      const early = await submit(s.tokens.admin, { pack: commune2025, assessment: { ...a, period: '2023' }, expectedVersion: 0 }, { period: '2023' })
      expect(early.status).toBe(422)
      expect(codesAndPaths(early.body.issues)).toEqual([['pack_not_in_force', ['body', 'pack', 'id']]])
      // (a Vietnamese date day first, as documents write it)
      expect(early.body.issues[0].message).toContain('có hiệu lực từ 01/07/2025')
      // an upload names its pack in the query
      const upload = await s.client.call('POST', `/api/units/${s.unitA}/assessments/2023/submissions/file?pack=${encodeURIComponent(`${commune2025.id}@${commune2025.version}`)}&expectedVersion=0`, {
        token: s.tokens.admin,
        body: 'not read',
        headers: { 'content-type': 'text/csv' },
      })
      expect(codesAndPaths(upload.body.issues)).toEqual([['pack_not_in_force', ['query', 'pack']]])
      // an import: the item's unit and period
      const imp = await s.client.call('POST', '/api/imports', {
        token: s.tokens.admin,
        json: { pack: commune2025, items: [{ assessment: { ...bare, unitId: 'tinh-x' } }, { assessment: { ...a, period: '2023' } }] },
      })
      expect(imp.status).toBe(422)
      expect(codesAndPaths(imp.body.issues)).toEqual([
        ['pack_not_for_unit_kind', ['body', 'items', 0, 'assessment', 'unitId']],
        ['pack_not_in_force', ['body', 'items', 1, 'assessment', 'period']],
      ])
      // nothing was stored
      expect((await s.client.call('GET', '/api/units/tinh-x/assessments/2025', { token: s.tokens.admin })).status).toBe(404)
      // the unit's own kind in a year the pack is in force is accepted: 2025 under the 2019
      // edition too (in force until 2025-06-30)
      const ok2019 = await submit(s.tokens.admin, {
        pack: { id: 'vn-cchc/commune-2019', version: '1.1.0' },
        assessment: { unitId: s.unitA, period: s.period },
        expectedVersion: (await current()).version,
      })
      expect(ok2019.status, JSON.stringify(ok2019.body.issues?.slice(0, 3))).toBe(201)
      // a what-if states its unit and period in the assessment
      const whatIf = await s.client.call('POST', '/api/whatif', {
        token: s.tokens.admin,
        json: { pack: commune2025, assessment: { unitId: 'x', period: '2024', unit: { id: 'x', name: 'Tỉnh X', kind: 'province' } } },
      })
      expect(codesAndPaths(whatIf.body.issues)).toEqual([
        ['pack_not_for_unit_kind', ['body', 'assessment', 'unit', 'kind']],
        ['pack_not_in_force', ['body', 'assessment', 'period']],
      ])
    })
  })
}
