// The requests side of the document: for every operation of /openapi.json, what the route
// accepts is what the document says it accepts. The content types of a request body: each
// documented one gets past the body check, any other is a 415. Query parameters: a required
// one left out is a 400 at ['query', name], an optional one left out is no problem; an
// integer one takes decimal digits within its bounds and nothing else ('' is not 0, '0x2'
// is not 2). JSON bodies: the fields the route finds missing in a body of empty objects are
// exactly the documented required ones, at their paths. And the publication's decision date
// is checked at the request layer with its documented format. Every response is also checked
// against the document (the harness's client). Nothing here writes: each call stops at the
// body check or at validation, or reads.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { vnCchc } from '@chiso/rules-vn-cchc'
import { openStore, type Store } from '@chiso/store'
import { createChisoApp, createTokenRegistry } from '../../src/http/index.js'
import { ROUTES } from '../../src/http/routes.js'
import { Client } from './harness.js'

type Schema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  allOf?: Schema[]
  minimum?: number
  maximum?: number
  example?: unknown
  enum?: unknown[]
  format?: string
}
type Param = { name: string; in: string; required?: boolean; schema: Schema }
type Operation = { operationId: string; parameters?: Param[]; requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> } }
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** content types a client may send: every documented one and some that no route takes */
const CANDIDATE_TYPES = ['application/json', 'text/csv', XLSX, 'application/octet-stream', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/xml']
const PATH_VALUES: Record<string, string> = { unitId: 'xa-khong-co', period: '2025', group: 'xa', id: encodeURIComponent('vn-cchc/commune-2025') }

let store: Store
let client: Client
let doc: Doc
let tokens: { admin: string; appraiser: string }
const ops: { method: string; template: string; op: Operation }[] = []

beforeAll(async () => {
  store = await openStore({})
  const auth = createTokenRegistry()
  tokens = { admin: (await auth.issue({ role: 'admin', name: 'Sở Nội vụ' })).token, appraiser: (await auth.issue({ role: 'appraiser', name: 'Tổ thẩm định', units: 'all' })).token }
  const app = createChisoApp({ store, packs: vnCchc, auth, province: 'p', log: () => {} })
  client = new Client(app)
  doc = (await (await app.request('/openapi.json')).json()) as Doc
  for (const [template, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) ops.push({ method: method.toUpperCase(), template, op })
}, 300_000)
afterAll(async () => {
  await store?.close()
})

/** the token that gets past the route's access rule (the body and query checks come after) */
function tokenOf(op: Operation): string {
  const route = ROUTES.find((r) => r.name === op.operationId)
  expect(route, `operation ${op.operationId} is not in the route table`).toBeDefined()
  return route!.access === 'appraise' ? tokens.appraiser : tokens.admin
}

function resolve(s: Schema): Schema {
  if (s.$ref) return resolve(doc.components.schemas[s.$ref.replace('#/components/schemas/', '')]!)
  if (s.allOf) {
    const parts = s.allOf.map(resolve)
    return { ...Object.assign({}, ...parts), properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) }
  }
  return s
}

const isObject = (s: Schema): boolean => s.type === 'object' && s.properties !== undefined

/** a body with every required object present and empty, and the paths of the required fields it then lacks */
function skeleton(s: Schema, at: string[]): { body: Record<string, unknown>; missing: string[] } {
  const body: Record<string, unknown> = {}
  const missing: string[] = []
  for (const name of s.required ?? []) {
    const sub = resolve(s.properties![name]!)
    if (isObject(sub)) {
      const inner = skeleton(sub, [...at, name])
      body[name] = inner.body
      missing.push(...inner.missing)
    } else missing.push(JSON.stringify([...at, name]))
  }
  return { body, missing }
}

/** a value the document says the parameter takes */
function goodValue(p: Param): string {
  const s = resolve(p.schema)
  if (s.example !== undefined) return String(s.example)
  if (s.enum) return String(s.enum[0])
  if (s.type === 'integer') return String(s.minimum ?? 0)
  throw new Error(`no documented value for query parameter ${p.name} (give it an example)`)
}

function pathOf(template: string, query: Record<string, string>): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in PATH_VALUES)) throw new Error(`no value for {${name}} of ${template}`)
    return PATH_VALUES[name]!
  })
  const q = new URLSearchParams(query).toString()
  return q ? `${path}?${q}` : path
}

/** a request that gets past the body check (a documented content type), so the query is what is checked */
function bodyFor(op: Operation): { body?: string; headers?: Record<string, string> } {
  const types = Object.keys(op.requestBody?.content ?? {})
  if (types.length === 0) return {}
  const type = types.includes('application/json') ? 'application/json' : types[0]!
  return { body: type === 'application/json' ? '{}' : 'not a form', headers: { 'content-type': type } }
}

const issuePaths = (body: { issues?: { path: unknown[] }[] } | undefined): string[] => (body?.issues ?? []).map((i) => JSON.stringify(i.path))
/**
 * The paths a request was refused at (400): a value of the right form may still be named by
 * a later answer (a 404 for submission version 1 of an unknown unit is at ['query', 'from'],
 * where the request named it), which is not the parameter refused.
 */
const refusedAt = (r: { status: number; body?: { issues?: { path: unknown[] }[] } }): string[] => (r.status === 400 ? issuePaths(r.body) : [])

describe('every operation accepts what /openapi.json says it accepts', () => {
  test('the document has the operations the route table has, the upload and the publication among them', () => {
    expect(ops.length).toBe(ROUTES.length)
    expect(ops.map((o) => o.op.operationId)).toEqual(expect.arrayContaining(['uploadSubmission', 'publish']))
  })

  test('request content types: each documented one gets past the body check, any other is a 415', async () => {
    let tried = 0
    for (const { method, template, op } of ops) {
      if (!op.requestBody) continue
      const documented = Object.keys(op.requestBody.content)
      expect(op.requestBody.required, `${method} ${template}: a body is required`).toBe(true)
      for (const type of new Set([...documented, ...CANDIDATE_TYPES])) {
        const r = await client.call(method, pathOf(template, {}), { token: tokenOf(op), body: 'x', headers: { 'content-type': type } })
        const bare = type.split(';')[0]!
        if (documented.includes(bare)) expect(r.status, `${method} ${template} with ${type} (documented): ${JSON.stringify(r.body)}`).not.toBe(415)
        else expect(r.status, `${method} ${template} with ${type} (not documented)`).toBe(415)
        tried++
      }
    }
    expect(tried).toBeGreaterThan(10)
  }, 120_000)

  test('query parameters: required ones are required, optional ones are not, integers are decimal digits within their bounds', async () => {
    let checkedParams = 0
    for (const { method, template, op } of ops) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query')
      if (query.length === 0) continue
      const good = Object.fromEntries(query.filter((p) => p.required).map((p) => [p.name, goodValue(p)]))
      const call = (q: Record<string, string>) => client.call(method, pathOf(template, q), { token: tokenOf(op), ...bodyFor(op) })
      const all = await call(good)
      for (const p of query) expect(refusedAt(all), `${method} ${template} with its required query`).not.toContain(JSON.stringify(['query', p.name]))
      for (const p of query) {
        const where = JSON.stringify(['query', p.name])
        const { [p.name]: _left, ...rest } = good
        const without = await call(rest)
        if (p.required) {
          expect(without.status, `${method} ${template} without ${p.name} (documented required)`).toBe(400)
          expect(issuePaths(without.body)).toContain(where)
        } else expect(refusedAt(without), `${method} ${template} without ${p.name} (documented optional)`).not.toContain(where)
        const s = resolve(p.schema)
        if (s.type === 'integer' || (Array.isArray(s.type) && s.type.includes('integer'))) {
          expect(s.type, `${method} ${template} ${p.name}: an integer, not nullable`).toBe('integer')
          const min = s.minimum ?? 0
          const max = s.maximum ?? Number.MAX_SAFE_INTEGER
          for (const v of [String(min), String(max)]) {
            const r = await call({ ...good, [p.name]: v })
            expect(refusedAt(r), `${method} ${template} ${p.name}=${v} is documented`).not.toContain(where)
          }
          const bad = ['', ' ', '0x2', '+1', '-1', '1.5', '1e1', ' 1', '1 ', '01', 'x', String(max + 1), ...(min > 0 ? [String(min - 1)] : [])]
          for (const v of bad) {
            const r = await call({ ...good, [p.name]: v })
            expect(r.status, `${method} ${template} ${p.name}=${JSON.stringify(v)} is not a documented integer`).toBe(400)
            expect(issuePaths(r.body), `${method} ${template} ${p.name}=${JSON.stringify(v)}`).toContain(where)
          }
        }
        checkedParams++
      }
    }
    expect(checkedParams).toBeGreaterThan(5)
  }, 180_000)

  test('JSON bodies: the fields the route finds missing are exactly the documented required ones, at their paths', async () => {
    let bodies = 0
    for (const { method, template, op } of ops) {
      const json = op.requestBody?.content['application/json']
      if (!json) continue
      const s = resolve(json.schema)
      if (!isObject(s)) continue
      const { body, missing } = skeleton(s, ['body'])
      const r = await client.call(method, pathOf(template, {}), { token: tokenOf(op), json: body })
      expect(r.status, `${method} ${template} with ${JSON.stringify(body)}`).toBe(400)
      // the body lacks only fields, so every problem the route reports is one it requires
      const found = issuePaths(r.body)
      expect(found.sort(), `${method} ${template}: missing fields the route reports vs required in the document`).toEqual(missing.sort())
      bodies++
    }
    expect(bodies).toBeGreaterThan(5)
  }, 120_000)

  test('upload: expectedVersion is required and a decimal integer; every documented file type reaches the reader', async () => {
    const op = ops.find((o) => o.op.operationId === 'uploadSubmission')!
    const ev = op.op.parameters!.find((p) => p.name === 'expectedVersion')!
    expect(ev.required).toBe(true)
    expect(ev.schema.type).toBe('integer')
    expect(Object.keys(op.op.requestBody!.content).sort()).toEqual(['application/octet-stream', 'text/csv', XLSX].sort())
    // the documented example of `pack` is a pack the service has
    const pack = String(resolve(op.op.parameters!.find((p) => p.name === 'pack')!.schema).example)
    const url = (q: string) => `/api/units/${PATH_VALUES.unitId}/assessments/2025/submissions/file?pack=${encodeURIComponent(pack)}${q}`
    for (const [q, lang] of [
      ['', 'en'],
      ['&expectedVersion=', 'vi'],
      ['&expectedVersion=0x2', 'en'],
    ] as const) {
      const r = await client.call('POST', url(q), { token: tokens.admin, body: 'x', headers: { 'content-type': 'text/csv' }, lang })
      expect(r.status, q).toBe(400)
      expect(r.body.issues[0].path).toEqual(['query', 'expectedVersion'])
      // (core's codes: an absent required parameter is missing; a malformed one an invalid value)
      expect(r.body.issues[0].code).toBe(q === '' ? 'missing_field' : 'invalid_value')
      expect(r.headers.get('content-language')).toBe(lang)
    }
    // a documented type with a good query is read (and refused for what the file is, not for its type)
    for (const type of Object.keys(op.op.requestBody!.content)) {
      const r = await client.call('POST', url('&expectedVersion=0'), { token: tokens.admin, body: 'not a form', headers: { 'content-type': type } })
      expect(r.status, type).toBe(422)
      expect(r.body.issues[0].path[0], type).toBe('body')
    }
  }, 60_000)

  test('publish: the decision date is a documented calendar date, a bad one a 400 at its path like every request problem', async () => {
    const op = ops.find((o) => o.op.operationId === 'publish')!
    const decision = resolve(resolve(op.op.requestBody!.content['application/json']!.schema).properties!.decision!)
    const date = resolve(decision.properties!.date!)
    expect(date.type).toBe('string')
    expect(date.format).toBe('date')
    expect(decision.required?.sort()).toEqual(['date', 'number'])
    for (const [d, code] of [
      ['2025-02-30', 'invalid_value'],
      ['01/03/2025', 'invalid_value'],
      ['', 'invalid_value'],
      [20250301, 'invalid_type'],
    ] as const) {
      const r = await client.call('POST', '/api/publications/2025/xa', { token: tokens.admin, json: { decision: { number: '345/QĐ-UBND', date: d }, expectedVersion: 0 }, lang: 'en' })
      expect(r.status, String(d)).toBe(400)
      expect(r.body.issues).toHaveLength(1)
      expect(r.body.issues[0].path).toEqual(['body', 'decision', 'date'])
      expect(r.body.issues[0].code).toBe(code)
    }
    const blank = await client.call('POST', '/api/publications/2025/xa', { token: tokens.admin, json: { decision: { number: '  ', date: '2025-03-01' }, expectedVersion: 0 } })
    expect(blank.status).toBe(400)
    expect(blank.body.issues[0].path).toEqual(['body', 'decision', 'number'])
  }, 60_000)
})
