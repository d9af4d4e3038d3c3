// The whole matrix: every route of the route table × every role (anonymous, admin, an
// appraiser of every unit, an appraiser of unit A, unit A's officer) × unit scope (unit A,
// the scoped principals' own; unit B, another). The expected outcome of each access rule is
// written out here, apart from the code that enforces it; a route added to the table is in
// the matrix without anyone listing it, and a rule the table does not know fails the test.
// Requests carry bodies that are not valid, so a call that is let through stops at
// validation (400/422) and writes nothing; a refused one gets 401 (anonymous) or 403.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ROUTES, type RouteAccess, type RouteEntry } from '../../src/http/routes.js'
import { checked, HARNESSES, startService, type Service } from './harness.js'

type Who = 'anonymous' | 'admin' | 'appraiser' | 'appraiserA' | 'unitA'
const WHO: readonly Who[] = ['anonymous', 'admin', 'appraiser', 'appraiserA', 'unitA']
type Target = 'A' | 'B'

/** who may call a route with each rule, and on which unit: the policy, written out */
function allowed(rule: RouteAccess, who: Who, target: Target, latest: boolean): boolean {
  const own = target === 'A'
  switch (rule) {
    case 'public':
      return true
    case 'published':
      return latest ? who === 'admin' || who === 'appraiser' : true
    case 'signedIn':
      return who !== 'anonymous'
    case 'admin':
      return who === 'admin'
    case 'allUnits':
      return who === 'admin' || who === 'appraiser'
    case 'unitRead':
      return who === 'admin' || who === 'appraiser' || ((who === 'appraiserA' || who === 'unitA') && own)
    case 'unitSubmit':
      return who === 'admin' || (who === 'unitA' && own)
    case 'appraise':
      return who === 'appraiser' || (who === 'appraiserA' && own)
  }
}

const KNOWN_RULES = new Set<RouteAccess>(['public', 'published', 'signedIn', 'admin', 'allUnits', 'unitRead', 'unitSubmit', 'appraise'])

function request(route: RouteEntry, s: Service, target: Target, latest: boolean): { path: string; init: { body?: string; headers?: Record<string, string> } } {
  const values: Record<string, string> = {
    unitId: target === 'A' ? s.unitA : s.unitB,
    period: s.period,
    group: s.group,
    id: encodeURIComponent('vn-cchc/commune-2025'),
  }
  let path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`the matrix does not know how to fill {${name}} of ${route.path}`)
    return values[name]!
  })
  const query: string[] = []
  if (latest) query.push('source=latest')
  if (route.name === 'diffPacks') query.push('from=bad', 'to=bad')
  if (route.name === 'uploadSubmission') query.push('pack=bad', 'expectedVersion=x')
  if (route.name === 'diffSubmissions') query.push('from=x', 'to=y')
  if (query.length > 0) path += `?${query.join('&')}`
  if (route.body === 'json' || route.body === 'import') return { path, init: { body: '{"not":"valid"}', headers: { 'content-type': 'application/json' } } }
  if (route.body === 'upload') return { path, init: { body: 'not a workbook', headers: { 'content-type': 'text/csv' } } }
  return { path, init: {} }
}

for (const factory of HARNESSES) {
  describe(`route × role × unit scope on ${factory.name}`, () => {
    let s: Service
    beforeAll(async () => {
      s = await startService(factory)
    }, 300_000)
    afterAll(async () => {
      await s?.close()
    })

    test('the route table is the document: every operation has a row and an access rule the matrix knows', async () => {
      const doc = (await (await s.app.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> }
      const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) => Object.keys(m).map((x) => `${x} ${p}`))
      expect(ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(ops.sort())
      for (const r of ROUTES) expect(KNOWN_RULES.has(r.access), `${r.name}: unknown rule ${r.access}`).toBe(true)
      expect(ROUTES.length).toBeGreaterThanOrEqual(30)
    })

    test('every route, every role, own unit and another unit: refused exactly where the policy says', async () => {
      const tokens: Record<Who, string | undefined> = { anonymous: undefined, admin: s.tokens.admin, appraiser: s.tokens.appraiser, appraiserA: s.tokens.appraiserA, unitA: s.tokens.unitA }
      const failures: string[] = []
      let cells = 0
      for (const route of ROUTES) {
        const targets: Target[] = route.params.includes('unitId') ? ['A', 'B'] : ['A']
        const sources = route.access === 'published' ? [false, true] : [false]
        for (const latest of sources) {
          for (const target of targets) {
            for (const who of WHO) {
              const { path, init } = request(route, s, target, latest)
              const r = await s.client.call(route.method.toUpperCase(), path, {
                token: tokens[who],
                ...(init.body !== undefined ? { body: init.body } : {}),
                ...(init.headers ? { headers: init.headers } : {}),
              })
              cells++
              const expectAllowed = allowed(route.access, who, target, latest)
              const refused = r.status === 401 || r.status === 403
              const expectedRefusal = who === 'anonymous' ? 401 : 403
              if (expectAllowed && refused) failures.push(`${route.method.toUpperCase()} ${path} as ${who}: refused ${r.status}, the policy allows it`)
              if (!expectAllowed && r.status !== expectedRefusal) failures.push(`${route.method.toUpperCase()} ${path} as ${who}: ${r.status}, the policy refuses it with ${expectedRefusal}`)
              if (r.status >= 500) failures.push(`${route.method.toUpperCase()} ${path} as ${who}: ${r.status}`)
            }
          }
        }
      }
      expect(failures).toEqual([])
      expect(cells).toBeGreaterThan(ROUTES.length * WHO.length)
    }, 600_000)

    test('lists show only what is in scope: a unit officer and a scoped appraiser see their unit alone', async () => {
      for (const who of ['unitA', 'appraiserA'] as const) {
        const r = await s.client.call('GET', '/api/units', { token: s.tokens[who] })
        expect(r.status).toBe(200)
        expect(r.body.units.map((u: { unit: { id: string } }) => u.unit.id)).toEqual([s.unitA])
      }
      const all = await s.client.call('GET', '/api/units', { token: s.tokens.appraiser })
      expect(all.body.units.length).toBeGreaterThan(100)
      // unit B's officer reading unit A: refused on every unit route, including the write ones
      for (const route of ROUTES.filter((r) => r.params.includes('unitId'))) {
        const { path, init } = request(route, s, 'A', false)
        const r = await s.client.call(route.method.toUpperCase(), path, {
          token: s.tokens.unitB,
          ...(init.body !== undefined ? { body: init.body } : {}),
          ...(init.headers ? { headers: init.headers } : {}),
        })
        expect(r.status, `${route.name} as unit B on unit A`).toBe(403)
        expect(JSON.stringify(r.body)).not.toContain('"assessment"')
      }
    })

    test('every response of the matrix matched the document', () => {
      expect(checked.length).toBeGreaterThan(ROUTES.length * WHO.length)
    })
  })
}
