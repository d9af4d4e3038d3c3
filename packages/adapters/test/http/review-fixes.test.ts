// What the service refuses and how it names things, on every driver: a what-if under a pack
// that does not fit the catalog's unit is a 422; a path or query naming nothing the store
// knows (a period without a year, a group without units, periods that are not years) is a
// 400/404 at that parameter; an unknown body field is a 400; every problem of one request
// comes back in one answer; messages name units and groups by name. Every response is
// checked against the OpenAPI document.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { HARNESSES, startService, type Service } from './harness.js'

type Issue = { code: string; path: unknown[]; message: string }
const codesAndPaths = (issues: readonly Issue[]) => issues.map((i) => [i.code, i.path])

for (const factory of HARNESSES) {
  describe(`refusals and names, on ${factory.name}`, () => {
    let s: Service
    let nameA: string
    beforeAll(async () => {
      s = await startService(factory)
      nameA = String((await s.store.getUnit({ province: s.province, unitId: s.unitA })).unit.name)
    }, 300_000)
    afterAll(async () => {
      await s?.close()
    })

    test("a what-if under a pack for another kind of unit is a 422 naming the catalog's unit; a fitting one takes the catalog's group", async () => {
      const r = await s.client.call('POST', '/api/whatif', { token: s.tokens.admin, json: { pack: { id: 'vn-cchc/district-2019' }, assessment: { unitId: s.unitA, period: '2024' } } })
      expect(r.status).toBe(422)
      expect(codesAndPaths(r.body.issues)).toEqual([['pack_not_for_unit_kind', ['body', 'assessment', 'unitId']]])
      expect(r.body.issues[0].message).toContain(`"${nameA}"`)
      const ok = await s.client.call('POST', '/api/whatif', { token: s.tokens.admin, json: { pack: { id: 'vn-cchc/commune-2019' }, assessment: { unitId: s.unitA, period: '2024' } } })
      expect(ok.status).toBe(200)
      expect(ok.body.group).toBe('xa')
    })

    test('an unknown top-level field of a what-if is a 400 at its path', async () => {
      const r = await s.client.call('POST', '/api/whatif', { token: s.tokens.admin, json: { pack: { id: 'vn-cchc/commune-2019' }, assessment: { unitId: s.unitA, period: '2024' }, extra: 1 } })
      expect(r.status).toBe(400)
      expect(codesAndPaths(r.body.issues)).toEqual([['unknown_field', ['body', 'extra']]])
    })

    test('a ranking of a period naming no year is a 400, of a group with no units a 404, each at its parameter', async () => {
      const period = await s.client.call('GET', '/api/rankings/abcd/xa?source=latest', { token: s.tokens.admin })
      expect(period.status).toBe(400)
      expect(codesAndPaths(period.body.issues)).toEqual([['invalid_value', ['param', 'period']]])
      expect(period.body.issues[0].message).toContain('"abcd" không ghi năm nào')
      const group = await s.client.call('GET', `/api/rankings/${s.period}/nope?source=latest`, { token: s.tokens.admin })
      expect(group.status).toBe(404)
      expect(codesAndPaths(group.body.issues)).toEqual([['unknown_group', ['param', 'group']]])
      const published = await s.client.call('GET', `/api/rankings/${s.period}/nope`)
      expect(published.status).toBe(404)
      expect(codesAndPaths(published.body.issues)).toEqual([['unknown_group', ['param', 'group']]])
      const exported = await s.client.call('GET', `/api/rankings/${s.period}/nope/export?source=latest`, { token: s.tokens.admin })
      expect(exported.status).toBe(404)
      expect(codesAndPaths(exported.body.issues)).toEqual([['unknown_group', ['param', 'group']]])
      // a group the catalog holds still answers
      expect((await s.client.call('GET', `/api/rankings/${s.period}/xa?source=latest`, { token: s.tokens.admin })).status).toBe(200)
    })

    test('a comparison of periods that are not years is a 400 at the query', async () => {
      const r = await s.client.call('GET', '/api/compare/xa?periods=abc', { token: s.tokens.admin })
      expect(r.status).toBe(400)
      expect(codesAndPaths(r.body.issues)).toEqual([['invalid_value', ['query', 'periods']]])
      expect((await s.client.call('GET', `/api/compare/xa?periods=2024,${s.period}`, { token: s.tokens.admin })).status).toBe(200)
      const group = await s.client.call('GET', '/api/compare/nope', { token: s.tokens.admin })
      expect(group.status).toBe(404)
      expect(codesAndPaths(group.body.issues)).toEqual([['unknown_group', ['param', 'group']]])
    })

    test('an unknown band of a plan is reported at the query parameter', async () => {
      const r = await s.client.call('GET', `/api/units/${s.unitA}/assessments/${s.period}/plan?band=khong-co`, { token: s.tokens.admin })
      expect(r.status).toBe(422)
      expect(codesAndPaths(r.body.issues)).toEqual([['unknown_band', ['query', 'band']]])
    })

    test('an appraisal round with a change missing its reason gets every other problem of the round in the same answer', async () => {
      const st = (await s.client.call('GET', `/api/units/${s.unitA}/assessments/${s.period}`, { token: s.tokens.admin })).body
      const r = await s.client.call('POST', `/api/units/${s.unitA}/assessments/${s.period}/appraisals`, {
        token: s.tokens.appraiser,
        json: {
          expectedVersion: st.version,
          changes: [
            { code: '9.9', points: '1,5', reason: 'x' },
            { code: '1.1.1', points: 99, reason: 'y' },
            { code: '1', points: 1, reason: 'z' },
            { code: '1.1.2', points: 1 },
          ],
        },
      })
      expect(r.status).toBe(400)
      const codes = r.body.issues.map((i: Issue) => i.code)
      expect(codes).toContain('unknown_criterion')
      expect(codes).toContain('score_above_max')
      expect(codes).toContain('not_a_leaf')
      expect(codesAndPaths(r.body.issues).filter(([, p]) => (p as unknown[])[0] === 'body')).toContainEqual(['missing_field', ['body', 'changes', 3, 'reason']])
      expect(r.body.issues.map((i: Issue) => (i.path as unknown[]).slice(0, 3).join('.'))).toEqual(expect.arrayContaining(['body.changes.0', 'body.changes.1', 'body.changes.2']))
      // nothing was written
      expect((await s.client.call('GET', `/api/units/${s.unitA}/assessments/${s.period}`, { token: s.tokens.admin })).body.version).toBe(st.version)
    })

    test('messages name the unit and the group, not their ids', async () => {
      const unpublished = await s.client.call('GET', `/api/rankings/${s.period}/xa`)
      expect(unpublished.status).toBe(404)
      expect(unpublished.body.issues[0].message).toContain('Khối xã')
      expect(unpublished.body.issues[0].message).not.toMatch(/nhóm xa\b/)
      const en = await s.client.call('GET', `/api/rankings/${s.period}/xa`, { lang: 'en' })
      expect(en.body.issues[0].message).toContain('Communes')
      const st = (await s.client.call('GET', `/api/units/${s.unitA}/assessments/${s.period}`, { token: s.tokens.admin })).body
      const stale = await s.client.call('POST', `/api/units/${s.unitA}/assessments/${s.period}/appraisals`, {
        token: s.tokens.appraiser,
        json: { expectedVersion: st.version + 3, changes: [{ code: '1.1.1', points: 0, reason: 'x' }] },
      })
      expect(stale.status).toBe(409)
      expect(stale.body.issues[0].message).toContain(`"${nameA}"`)
      expect(stale.body.issues[0].message).not.toContain(s.unitA)
    })
  })
}
