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
  })
}
