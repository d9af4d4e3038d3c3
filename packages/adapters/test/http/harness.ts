// The service under test: the app over a store on each driver the store suite covers
// (PGlite always; PostgreSQL when CHISO_TEST_DATABASE_URL is set, in a schema of its own),
// loaded with the sample province, and a client whose every response is checked against
// the OpenAPI document the app serves: its status must be documented for the operation,
// its content type too, and a JSON body must validate against the documented schema.
import Ajv2020 from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv'
import { expect } from 'vitest'
import { vnCchc } from '@chiso/rules-vn-cchc'
import type { Store } from '@chiso/store'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openStore } from '@chiso/store'
import { createChisoApp, createTokenRegistry, loadSampleProvince, type TokenRegistry } from '../../src/http/index.js'

export const PG_URL = process.env.CHISO_TEST_DATABASE_URL || undefined
if (process.env.CHISO_TEST_DATABASE_REQUIRED === '1' && !PG_URL)
  throw new Error('CHISO_TEST_DATABASE_REQUIRED=1 but CHISO_TEST_DATABASE_URL is not set: the PostgreSQL half of the service suite cannot run')

/** One database for a test file. */
export interface Harness {
  readonly name: 'pglite' | 'postgres'
  /** how a child process (chiso serve) reaches the same database */
  readonly where: { readonly url?: string; readonly dataDir?: string; readonly schema: string }
  open(): Promise<Store>
  dispose(): Promise<void>
}
export interface HarnessFactory {
  readonly name: 'pglite' | 'postgres'
  create(o?: { persistent?: boolean }): Promise<Harness>
}

const pglite: HarnessFactory = {
  name: 'pglite',
  async create(o = {}) {
    const dir = o.persistent ? mkdtempSync(join(tmpdir(), 'chiso-http-')) : undefined
    return {
      name: 'pglite',
      where: { ...(dir ? { dataDir: dir } : {}), schema: 'chiso' },
      open: () => openStore({ dataDir: dir }),
      async dispose() {
        if (dir) rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}

// a schema of its own on the shared server (chiso_http_…), dropped after
const postgres: HarnessFactory = {
  name: 'postgres',
  async create() {
    const url = PG_URL!
    const schema = `chiso_http_${process.pid}_${randomBytes(4).toString('hex')}`
    return {
      name: 'postgres',
      where: { url, schema },
      open: () => openStore({ url, schema }),
      async dispose() {
        const pool = new pg.Pool({ connectionString: url, max: 1 })
        pool.on('error', () => {})
        await pool.query(`drop schema if exists ${schema} cascade`).catch(() => {})
        await pool.end()
      },
    }
  },
}

/** The drivers this run covers: PGlite always, PostgreSQL when CHISO_TEST_DATABASE_URL is set. */
export const HARNESSES: readonly HarnessFactory[] = PG_URL ? [pglite, postgres] : [pglite]

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>
  components: Record<string, unknown>
}

export interface Res {
  readonly status: number
  readonly type: string
  readonly headers: Headers
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body as parsed
  readonly body: any
  readonly bytes: Uint8Array
}

export interface CallOptions {
  readonly token?: string | undefined
  readonly json?: unknown
  readonly body?: string | Uint8Array<ArrayBuffer>
  readonly headers?: Record<string, string>
  readonly lang?: string
}

/** Every response checked so far (by operation and status), across the file. */
export const checked: { operation: string; status: number }[] = []

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })

/** A client of the app that checks every response against the document the app serves. */
export class Client {
  private doc: Doc | undefined
  private readonly validators = new Map<string, ValidateFunction>()
  constructor(readonly app: { request(path: string, init?: RequestInit): Response | Promise<Response> }) {}

  private async document(): Promise<Doc> {
    if (!this.doc) {
      const r = await this.app.request('/openapi.json')
      expect(r.status).toBe(200)
      this.doc = (await r.json()) as Doc
    }
    return this.doc
  }

  private validator(key: string, schema: unknown, components: unknown): ValidateFunction {
    let v = this.validators.get(key)
    if (!v) {
      v = ajv.compile({ ...(schema as object), components })
      this.validators.set(key, v)
    }
    return v
  }

  async call(method: string, path: string, o: CallOptions = {}): Promise<Res> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) }
    if (o.token) headers.authorization = `Bearer ${o.token}`
    if (o.lang) headers['accept-language'] = o.lang
    let body = o.body
    if (o.json !== undefined) {
      body = JSON.stringify(o.json)
      headers['content-type'] ??= 'application/json'
    }
    const r = await this.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) })
    const bytes = new Uint8Array(await r.arrayBuffer())
    const type = (r.headers.get('content-type') ?? '').split(';')[0]!.trim()
    let parsed: unknown = undefined
    if (type.endsWith('json')) parsed = JSON.parse(new TextDecoder().decode(bytes))
    else if (type.startsWith('text/')) parsed = new TextDecoder().decode(bytes)
    await this.check(method, path, r.status, type, parsed)
    return { status: r.status, type, headers: r.headers, body: parsed, bytes }
  }

  /** the response against the document: documented status, content type and schema */
  private async check(method: string, path: string, status: number, type: string, body: unknown): Promise<void> {
    expect(status, `${method} ${path}: a 5xx other than 503`).not.toBe(500)
    const doc = await this.document()
    const bare = path.split('?')[0]!
    if (bare === '/openapi.json' || bare === '/api/docs') return
    const template = Object.keys(doc.paths).find((t) => new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare) && doc.paths[t]![method.toLowerCase()])
    if (template === undefined) {
      // not an operation (404 no_such_route, 405): still a problem document
      expect(type, `${method} ${path} ${status}`).toBe('application/problem+json')
      const v = this.validator('#Problem', { $ref: '#/components/schemas/Problem' }, doc.components)
      expect(v(body), JSON.stringify(v.errors)).toBe(true)
      checked.push({ operation: `${method} (no route)`, status })
      return
    }
    const op = doc.paths[template]![method.toLowerCase()]!
    const response = op.responses[String(status)]
    expect(response, `${method} ${template}: status ${status} is not documented`).toBeDefined()
    const content = response!.content ?? {}
    expect(Object.keys(content), `${method} ${template} ${status}: content type ${type} is not documented`).toContain(type)
    if (type.endsWith('json')) {
      const v = this.validator(`${method} ${template} ${status} ${type}`, content[type]!.schema, doc.components)
      expect(v(body), `${method} ${path} ${status}: ${JSON.stringify(v.errors?.slice(0, 5))}\n${JSON.stringify(body).slice(0, 1500)}`).toBe(true)
    }
    checked.push({ operation: `${method.toUpperCase()} ${template}`, status })
  }
}

export interface Service {
  readonly harness: Harness
  readonly store: Store
  readonly auth: TokenRegistry
  readonly app: ReturnType<typeof createChisoApp>
  readonly client: Client
  readonly province: string
  /** the period with provisional results and the one published */
  readonly period: string
  readonly publishedPeriod: string
  /** a group of `period` with both units in it */
  readonly group: string
  /** two communes of the group: A (the scoped principals' own) and B (another) */
  readonly unitA: string
  readonly unitB: string
  readonly tokens: { readonly admin: string; readonly appraiser: string; readonly appraiserA: string; readonly unitA: string; readonly unitB: string }
  close(): Promise<void>
}

/** The sample province (2024 published, 2025 provisional) in a fresh store, with tokens for each role. */
export async function startService(factory: HarnessFactory, o: { persistent?: boolean } = {}): Promise<Service> {
  const harness = await factory.create({ persistent: o.persistent ?? false })
  const store = await harness.open()
  const loaded = await loadSampleProvince(store, { years: [2024, 2025] })
  const auth = createTokenRegistry()
  const app = createChisoApp({ store, packs: vnCchc, auth, province: loaded.province, log: () => {} })
  const period = '2025'
  const ranking = await store.ranking({ province: loaded.province, period, group: 'xa', provisional: true })
  const [a, b] = ranking.entries.slice(0, 2)
  const issue = async (role: 'admin' | 'appraiser' | 'unit', name: string, units?: 'all' | string[]) => (await auth.issue({ role, name, ...(units ? { units } : {}) })).token
  const tokens = {
    admin: await issue('admin', 'Sở Nội vụ'),
    appraiser: await issue('appraiser', 'Tổ thẩm định', 'all'),
    appraiserA: await issue('appraiser', 'Thẩm định viên xã A', [a!.unitId]),
    unitA: await issue('unit', 'Cán bộ xã A', [a!.unitId]),
    unitB: await issue('unit', 'Cán bộ xã B', [b!.unitId]),
  }
  return {
    harness,
    store,
    auth,
    app,
    client: new Client(app),
    province: loaded.province,
    period,
    publishedPeriod: '2024',
    group: 'xa',
    unitA: a!.unitId,
    unitB: b!.unitId,
    tokens,
    async close() {
      await store.close()
      await harness.dispose()
    },
  }
}
