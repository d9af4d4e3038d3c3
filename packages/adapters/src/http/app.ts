/**
 * The service: a Hono app over a province's store, with the JSON API under /api, its
 * OpenAPI 3.1 document at /openapi.json and a reference page at /api/docs.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex } from '@noble/hashes/utils'
import {
  canonicalJson,
  ChisoError,
  compareVersions,
  contentHash,
  evaluate,
  evaluateBatch,
  Exact,
  reconstructionSummary,
  safeCompilePack,
  safeEvaluate,
  normalizeUnitId,
  type AssessmentInput,
  type ChisoIssue,
  type CompiledPack,
  type NodeTrace,
  type PackRegistry,
  type RankedUnit,
  type UnitResult,
} from '@chiso/core'
import { diffPacks, planImprovement, type PlanTarget } from '@chiso/core/analysis'
import { DecimalSchema, issuesFromZod } from '@chiso/core/schemas'
import type { Ranking, Store, StoredResult } from '@chiso/store'
import { groupName, StoreError } from '@chiso/store'
import { bearerToken, isTokenRegistry, type Authenticator, type Principal } from './auth.js'
import { HttpProblem, inRequest, negotiateLang, problem, problemResponse, toProblem, type Lang } from './problem.js'
import { packFitIssues, type FitPaths } from './fit.js'
import { referencePage } from './reference.js'
import * as R from './routes.js'
import { ROUTES, type Env, type HttpLimits } from './routes.js'
import { formatTraceTree } from '../cli/explain.js'
import { readAssessmentWorkbook } from '../xlsx/read.js'
import { readAssessmentCsv, writeRankingCsv } from '../csv/index.js'
import { writeResultWorkbook } from '../xlsx/result.js'
import { LIMITS } from '../shared/limits.js'
import type { FileIssue } from '../shared/issues.js'
import type { Context } from 'hono'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- validated input, typed by the route's schemas
type Ctx = Omit<Context<Env>, 'req'> & { req: Omit<Context<Env>['req'], 'valid'> & { valid(target: 'json' | 'query' | 'param'): any } }

/** Options of {@link createChisoApp}. */
export interface ChisoAppOptions {
  /** the store of record (`openStore` of `@chiso/store`) */
  readonly store: Store
  /** the packs the service knows (e.g. `vnCchc` of `@chiso/rules-vn-cchc`); packs stored by the province are served too */
  readonly packs: PackRegistry
  /** resolves bearer tokens (e.g. `createTokenRegistry`); a registry that can issue tokens enables `POST /api/tokens` */
  readonly auth: Authenticator
  /** the province this service keeps (its id in the store), e.g. 'ha-tinh' */
  readonly province: string
  /** body size limits (defaults: JSON 4 MiB, uploads the readers' 50 MiB, imports 64 MiB) */
  readonly limits?: Partial<HttpLimits>
  /** where unexpected errors are logged (default console.error); the response never shows them */
  readonly log?: (message: string, error: unknown) => void
}

const MiB = 1024 * 1024
const own = Object.prototype.hasOwnProperty
/** each route with the pattern of its path */
const ROUTE_PATTERNS = ROUTES.map((entry) => ({ entry, method: entry.method, pattern: new RegExp(`^${entry.path.replace(/\{\w+\}/g, '[^/]+')}$`) }))
const DEFAULT_LIMITS: HttpLimits = { jsonBytes: 4 * MiB, uploadBytes: LIMITS.maxFileBytes, importBytes: 64 * MiB }

/** Exact numbers as their exact text, recursively; everything else as JSON has it. */
function plain(v: unknown, depth = 0): unknown {
  if (depth > 200) return null
  if (v instanceof Exact) return v.toString()
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1))
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x, depth + 1)]))
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function') out[k] = plain(x, depth + 1)
    return out
  }
  return v
}

/**
 * A trace as JSON has it: `steps` are rendered when read (not an own key of the trace), so
 * they are put back in their place after `events`.
 */
function plainTrace(t: NodeTrace): { code: string; steps: string[] } {
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(t)) {
    out[k] = x
    if (k === 'events') out.steps = t.steps
  }
  if (!own.call(out, 'steps')) out.steps = t.steps
  return plain(out) as { code: string; steps: string[] }
}

type Summary = ReturnType<typeof reconstructionSummary>
const summaryJson = (s: Summary) => ({
  standing: s.standing,
  criteria: s.criteria,
  reconstructed: s.reconstructed,
  verified: s.verified,
  reconstructedCodes: [...s.reconstructedCodes],
  reconstructedBands: s.reconstructedBands,
  reconstructedAdjustments: s.reconstructedAdjustments,
  basis: s.basis === undefined ? null : { vi: s.basis.vi, en: s.basis.en ?? s.basis.vi },
  text: { vi: s.text.vi, en: s.text.en },
})
const localText = (t: { vi: string; en?: string | undefined }) => ({ vi: t.vi, en: t.en ?? t.vi })

const parsePackRef = (s: string, name: string): { id: string; version: string } => {
  const at = s.lastIndexOf('@')
  if (at <= 0 || at === s.length - 1) throw problem(400, 'invalid_value', { vi: `${name}: dạng id@phiên bản`, en: `${name}: id@version` }, [name])
  return { id: s.slice(0, at), version: s.slice(at + 1) }
}

/**
 * Creates the chiso service for one province: a Hono app (OpenAPIHono) serving the JSON API
 * under `/api`, the OpenAPI 3.1 document at `/openapi.json` and its reference page at
 * `/api/docs`. Every route names who may call it (deny by default); every error is
 * `application/problem+json` in Vietnamese or English by `Accept-Language`. Mount it in
 * your own Hono or Node server, or run it with `chiso serve`.
 *
 * @example
 * ```ts
 * import { serve } from '@hono/node-server'
 * import { openStore } from '@chiso/store'
 * import { vnCchc } from '@chiso/rules-vn-cchc'
 * import { createChisoApp, createTokenRegistry } from '@chiso/adapters/http'
 *
 * const store = await openStore({ dataDir: './chiso-data' })
 * const auth = createTokenRegistry({ file: './chiso-data/tokens.json' })
 * const app = createChisoApp({ store, packs: vnCchc, auth, province: 'ha-tinh' })
 * serve({ fetch: app.fetch, port: 8787, hostname: '127.0.0.1' })
 * ```
 */
export function createChisoApp(options: ChisoAppOptions): OpenAPIHono<Env> {
  const { store, packs, auth, province } = options
  const limits: HttpLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const log = options.log ?? ((m: string, e: unknown) => console.error(m, e))
  // every problem of one request in one answer: a body that fails its shape is still checked,
  // the parts that parsed, by the route's own check where it has one (see `partialChecks`)
  const partialChecks: Partial<Record<string, (c: Context<Env>, body: unknown) => Promise<readonly ChisoIssue[]>>> = {}
  const app = new OpenAPIHono<Env>({
    defaultHook: async (result, c) => {
      if (!result.success) {
        const where = (result as { target?: string }).target ?? 'request'
        // core's translation of zod's problems (typed codes, whole messages per language), as
        // for every input the engine reads: one meaning per code wherever it comes from
        const data = (result as { data?: unknown }).data
        const shape = issuesFromZod(result.error.issues.slice(0, 200) as never, data, [where === 'json' ? 'body' : where])
        const check = where === 'json' ? partialChecks[routeOf(c.req.method, c.req.path)?.name ?? ''] : undefined
        // the route's check is a help, never a new failure: a problem it meets is left out
        const more = check ? await check(c as unknown as Context<Env>, data).catch(() => []) : []
        throw new HttpProblem(400, [...shape, ...more])
      }
    },
  })

  // ---- compiled packs, cached by id@version; registry first, then the province's stored packs
  // (an id@version names one content: storing a shipped id@version with other content is
  // refused, so which of the two is read never matters)
  const compiledCache = new Map<string, CompiledPack>()
  const summaryCache = new WeakMap<CompiledPack, ReturnType<typeof summaryJson>>()
  /**
   * Where a pack was named: in the path (an unknown pack is 404, the resource does not
   * exist) or in the body or query (422 `unknown_pack` at that field, as the store says).
   */
  type PackSite = { readonly status: 404 | 422; readonly path: readonly (string | number)[] }
  const IN_BODY: PackSite = { status: 422, path: ['body', 'pack', 'id'] }
  const unknownPack = (site: PackSite, ref: string) => problem(site.status, 'unknown_pack', { vi: `Không có bộ chỉ số ${ref.slice(0, 400)}`, en: `No pack ${ref.slice(0, 400)}` }, [...site.path])
  /** the highest version (semver precedence) of an id, shipped or stored */
  const latestVersion = async (id: string, site: PackSite): Promise<string> => {
    const versions = [...packs.list().filter((p) => p.id === id), ...(await store.listPacks({ province })).filter((p) => p.id === id)].map((p) => p.version)
    if (versions.length === 0) throw unknownPack(site, id)
    return versions.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b))
  }
  const compiled = async (id: string, version?: string, site: PackSite = IN_BODY): Promise<CompiledPack> => {
    if (version === undefined) version = await latestVersion(id, site)
    const key = `${id}@${version}`
    const hit = compiledCache.get(key)
    if (hit) return hit
    let pack: CompiledPack | undefined
    if (packs.get(id, version) !== undefined) {
      const r = packs.safeCompile(id, version)
      if (!r.ok) throw new HttpProblem(422, r.issues)
      pack = r.value
    } else {
      let json: unknown
      try {
        json = await store.getPack({ province, id, version })
      } catch (e) {
        if (e instanceof StoreError && e.code === 'not_found') throw unknownPack(site, key)
        throw e
      }
      const r = safeCompilePack(json, { resolveBase: (bid, bv) => packs.get(bid, bv) })
      if (!r.ok) throw new HttpProblem(422, r.issues)
      pack = r.value
    }
    if (compiledCache.size > 500) compiledCache.clear()
    compiledCache.set(key, pack)
    return pack
  }
  const summary = (p: CompiledPack) => {
    let s = summaryCache.get(p)
    if (!s) summaryCache.set(p, (s = summaryJson(reconstructionSummary(p))))
    return s
  }

  const principal = (c: { get(k: 'principal'): Principal | null }): Principal | null => c.get('principal') ?? null
  const actor = (p: Principal | null): string => (p ? `${p.name} (${p.role})` : 'anonymous')
  const langOf = (c: { req: { header(n: string): string | undefined } }): Lang => negotiateLang(c.req.header('accept-language'))

  // ---- results

  const unitResultJson = (
    result: UnitResult,
    pack: CompiledPack,
    lang: Lang,
    ranked: { rank: number | null; groupSize: number | null; band: { code: string; label: { vi: string; en?: string } } | undefined; group: string },
    stored: StoredResult | null,
    withTrace: boolean,
  ) => {
    const s = summary(pack)
    const marked = new Set(s.reconstructedCodes)
    return {
      unitId: result.unitId,
      period: result.period,
      group: ranked.group,
      pack: { id: pack.id, version: pack.version, contentHash: pack.contentHash },
      total: result.total.toString(),
      applicableMax: result.applicableMax.toString(),
      index: result.index.toString(),
      band: ranked.band ? { code: ranked.band.code, label: localText(ranked.band.label) } : null,
      rank: ranked.rank,
      groupSize: ranked.groupSize,
      fingerprint: result.fingerprint,
      engineVersion: String((result.toJSON() as { engineVersion?: unknown }).engineVersion ?? ''),
      flags: result.flags.map((f) => plain(f) as { code: string; criterion: string; message: { vi: string; en: string } }),
      nodes: result.nodes.map((n) => ({
        code: n.code,
        title: localText(n.title),
        depth: n.depth,
        points: n.points.toString(),
        maxPoints: n.maxPoints.toString(),
        applicableMax: n.applicableMax.toString(),
        index: n.index === null ? null : n.index.toString(),
        notApplicable: n.notApplicable,
        bonus: n.bonus.toString(),
        deduction: n.deduction.toString(),
        reconstructed: marked.has(n.code),
        ...(withTrace && n.trace ? { trace: plainTrace(n.trace) } : {}),
      })),
      ...(withTrace ? { text: formatTraceTree(result, ranked.rank === null && ranked.band === undefined ? undefined : (ranked as unknown as RankedUnit), { locale: lang }) } : {}),
      reconstruction: s,
      stored: stored ? { resultId: stored.resultId, basedOnVersion: stored.basedOnVersion, recordedAt: stored.recordedAt } : null,
    }
  }

  const rankingJson = async (r: Ranking) => {
    const pack = r.pack ? await compiled(r.pack.id, r.pack.version).catch(() => null) : null
    return {
      period: r.period,
      group: r.group,
      status: r.status,
      pack: r.pack ? { id: r.pack.id, version: r.pack.version, contentHash: r.pack.contentHash } : null,
      publication: r.publication
        ? {
            version: r.publication.version,
            decision: { number: r.publication.decision.number, date: r.publication.decision.date },
            publishedBy: r.publication.publishedBy,
            publishedAt: r.publication.publishedAt,
            pack: r.publication.pack,
          }
        : null,
      entries: r.entries.map((e) => ({ ...e, band: e.band ? { code: e.band.code, label: localText(e.band.label) } : null, componentRanks: { ...e.componentRanks } })),
      stale: [...r.stale],
      reconstruction: pack ? summary(pack) : null,
    }
  }

  /**
   * A ranking group as people name it ("Khối xã", "Communes": the store's `groupName`, from
   * the kinds of the catalog's units in it); a group no unit of the catalog is in is 404
   * `unknown_group` at the path's group (a ranking of it could only ever be empty).
   */
  const knownGroup = async (group: string): Promise<{ vi: string; en: string }> => {
    const units = (await store.listUnits({ province })).map((u) => u.unit)
    if (!units.some((u) => (u.group ?? 'all') === group))
      throw problem(
        404,
        'unknown_group',
        { vi: `Không có nhóm xếp hạng "${group.slice(0, 200)}": không đơn vị nào trong danh mục thuộc nhóm này`, en: `No ranking group "${group.slice(0, 200)}": no unit of the catalog is in it` },
        ['param', 'group'],
      )
    return groupName(units, group)
  }

  /**
   * A period the store can know: one naming a year ("2024", "2024-h1"), or one it holds
   * assessments for (a trial period, "thu-nghiem"); another ("abcd") is 400 at `path`, never
   * answered with an empty ranking.
   */
  const knownPeriod = async (period: string, path: readonly (string | number)[]): Promise<void> => {
    if (/\d{4}/.test(period) || (await store.listAssessments({ province, period })).length > 0) return
    throw problem(
      400,
      'invalid_value',
      {
        vi: `Kỳ đánh giá "${period.slice(0, 50)}" không ghi năm nào (ví dụ 2024) và chưa có bản đánh giá nào của kỳ này`,
        en: `The period "${period.slice(0, 50)}" names no year (e.g. 2024) and no assessment is held for it`,
      },
      [...path],
    )
  }

  /** the published ranking (404 when none) or the latest computed one, of a period and a group the store knows */
  const loadRanking = async (period: string, group: string, source: 'published' | 'latest' | undefined): Promise<{ ranking: Ranking; name: { vi: string; en: string } }> => {
    await knownPeriod(period, ['param', 'period'])
    const name = await knownGroup(group)
    if (source === 'latest') return { ranking: await store.ranking({ province, period, group, provisional: true }), name }
    const r = await store.ranking({ province, period, group })
    if (r.status !== 'published')
      throw problem(404, 'not_published', { vi: `Chưa công bố kết quả xếp hạng kỳ ${period} của ${name.vi}`, en: `No ranking of ${name.en} is published for ${period}` }, ['param', 'group'])
    return { ranking: r, name }
  }

  // ---- middleware: principal, limits, problems

  app.use('*', async (c, next) => {
    c.set('limits', limits)
    // a control character in the path (%00 …) names nothing we store, and PostgreSQL refuses
    // a NUL in text: refused here as the client's error, before any query
    if (hasControlCharacter(c.req.path)) throw problem(400, 'invalid_path', { vi: 'Đường dẫn chứa ký tự điều khiển', en: 'The path holds a control character' })
    const header = c.req.header('authorization')
    let p: Principal | null = null
    if (header !== undefined) {
      const token = bearerToken(header)
      p = token === null ? null : await auth.authenticate(token)
      // a token that is sent but unknown is refused, never taken as anonymous
      if (p === null) throw problem(401, 'invalid_token', { vi: 'Mã truy cập không hợp lệ hoặc đã bị thu hồi', en: 'The token is invalid or revoked' })
    }
    c.set('principal', p)
    await next()
  })

  // every problem of an answer points into the request as sent, whichever layer found it
  // (the store names its arguments; the route table says where the request sends each)
  const routeOf = (method: string, path: string) => ROUTE_PATTERNS.find((r) => r.method === method.toLowerCase() && r.pattern.test(path))?.entry
  app.onError((e, c) => problemResponse(c, inRequest(toProblem(e, log), routeOf(c.req.method, c.req.path)?.fields)))
  app.notFound((c) => {
    const known = ROUTE_PATTERNS.some((r) => r.pattern.test(c.req.path))
    return problemResponse(
      c,
      known
        ? problem(405, 'method_not_allowed', { vi: `Phương thức ${c.req.method} không dùng được cho ${c.req.path}`, en: `Method ${c.req.method} is not allowed on ${c.req.path}` })
        : problem(404, 'no_such_route', { vi: `Không có đường dẫn ${c.req.path.slice(0, 200)}`, en: `No route ${c.req.path.slice(0, 200)}` }),
    )
  })

  // ---- routes (every entry of the route table, each once)

  const registered = new Set<string>()
  // handlers are checked against the schemas by the response test (every response of the
  // suite validated against the document), not by the compiler's deep response types
  const handle = (r: object, h: (c: Ctx) => Response | Promise<Response>): void => {
    registered.add(String((r as { operationId?: string }).operationId))
    ;(app.openapi as unknown as (route: object, handler: (c: Ctx) => Response | Promise<Response>) => void)(r, h)
  }

  handle(R.healthRoute, async (c) => {
    await store.head({ province })
    return c.json({ ok: true, driver: store.driver, schemaVersion: store.schemaVersion, province }, 200)
  })

  handle(R.meRoute, (c) => {
    const p = principal(c)
    return c.json(p ? { role: p.role, name: p.name, units: p.units === 'all' ? ('all' as const) : [...p.units] } : { role: 'anonymous' as const, name: null, units: [] }, 200)
  })

  handle(R.issueTokenRoute, async (c) => {
    if (!isTokenRegistry(auth)) throw problem(404, 'not_supported', { vi: 'Dịch vụ này không cấp mã truy cập qua API', en: 'This service does not issue tokens through the API' })
    const body = c.req.valid('json')
    let issued
    try {
      issued = await auth.issue({ role: body.role, name: body.name, ...(body.units !== undefined ? { units: body.units } : {}) })
    } catch (e) {
      if (e instanceof TypeError) throw problem(422, 'invalid_value', { vi: e.message.split(' / ')[1] ?? e.message, en: e.message.split(' / ')[0] ?? e.message }, ['body'])
      throw e
    }
    const { record } = issued
    return c.json({ token: issued.token, role: record.role, name: record.name, units: record.units === 'all' ? ('all' as const) : [...record.units], createdAt: record.createdAt }, 201)
  })

  // packs

  handle(R.listPacksRoute, async (c) => {
    const stored = await store.listPacks({ province })
    const storedKeys = new Set(stored.map((p) => `${p.id}@${p.version}`))
    const seen = new Set<string>()
    const out = []
    const refs = [...packs.list().map((p) => ({ id: p.id, version: p.version })), ...stored.map((p) => ({ id: p.id, version: p.version }))]
    for (const ref of refs) {
      const key = `${ref.id}@${ref.version}`
      if (seen.has(key)) continue
      seen.add(key)
      const pack = await compiled(ref.id, ref.version).catch(() => null)
      if (!pack) continue
      const src = pack.source
      out.push({
        id: pack.id,
        version: pack.version,
        family: src.family ?? null,
        appliesTo: src.appliesTo ? [...src.appliesTo] : null,
        effective: src.effective ? { from: src.effective.from, to: src.effective.to ?? null } : null,
        title: localText(pack.title),
        stored: storedKeys.has(key),
        reconstruction: summary(pack),
      })
    }
    return c.json({ packs: out }, 200)
  })

  handle(R.validatePackRoute, async (c) => {
    const json = c.req.valid('json')
    const r = safeCompilePack(json, { resolveBase: (id, v) => packs.get(id, v) })
    if (!r.ok) return c.json({ ok: false, issues: r.issues.map((i) => plain(i) as never), pack: null }, 200)
    const p = r.value
    return c.json({ ok: true, issues: [], pack: { id: p.id, version: p.version, title: localText(p.title), criteria: summary(p).criteria, reconstruction: summary(p) } }, 200)
  })

  handle(R.diffPacksRoute, async (c) => {
    const q = c.req.valid('query')
    const from = parsePackRef(q.from, 'from')
    const to = parsePackRef(q.to, 'to')
    const [a, b] = [await compiled(from.id, from.version, { status: 422, path: ['query', 'from'] }), await compiled(to.id, to.version, { status: 422, path: ['query', 'to'] })]
    const d = diffPacks(a, b)
    return c.json(
      {
        from: { id: a.id, version: a.version, reconstruction: summary(a) },
        to: { id: b.id, version: b.version, reconstruction: summary(b) },
        changes: d.changes.map((ch) => plain(ch) as { kind: string }),
      },
      200,
    )
  })

  handle(R.getPackRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { version } = c.req.valid('query')
    const p = await compiled(id, version, { status: 404, path: ['id'] })
    return c.json({ id: p.id, version: p.version, title: localText(p.title), reconstruction: summary(p), pack: plain(p.source) as Record<string, unknown> }, 200)
  })

  /**
   * An id@version names one content: a pack whose id@version is one the service ships is
   * stored only with the shipped content (the same content again is fine), else scoring, the
   * pack's page and what-if would read two different packs under one name.
   */
  const refuseShadowing = (list: readonly Record<string, unknown>[]): void => {
    const issues = []
    for (const [index, raw] of list.entries()) {
      const id = raw.id
      const version = raw.version
      if (typeof id !== 'string' || typeof version !== 'string' || packs.get(id, version) === undefined) continue
      const shipped = packs.safeCompile(id, version)
      const given = safeCompilePack(raw, { resolveBase: (bid, bv) => packs.get(bid, bv) })
      if (shipped.ok && given.ok && shipped.value.contentHash === given.value.contentHash) continue
      issues.push({
        code: 'pack_version_taken',
        path: ['body', 'packs', index, 'version'],
        value: `${id}@${version}`.slice(0, 400),
        message: {
          vi: `${id.slice(0, 300)}@${version.slice(0, 100)} là bộ chỉ số dịch vụ cung cấp sẵn, với nội dung khác: một phiên bản chỉ có một nội dung, hãy đặt số phiên bản mới (hoặc mã bộ chỉ số khác)`,
          en: `${id.slice(0, 300)}@${version.slice(0, 100)} is a pack the service ships, with other content: a version names one content, give it a new version number (or another id)`,
        },
      })
    }
    if (issues.length > 0) throw new HttpProblem(409, issues as never)
  }

  handle(R.putPacksRoute, async (c) => {
    const { packs: list } = c.req.valid('json')
    refuseShadowing(list)
    const r = await store.putPacks({ province, packs: list, actor: actor(principal(c)) })
    const ref = (p: { id: string; version: string }) => ({ id: p.id, version: p.version })
    return c.json({ added: r.added.map(ref), unchanged: r.unchanged.map(ref) }, 200)
  })

  // units

  handle(R.listUnitsRoute, async (c) => {
    const p = principal(c)!
    const { at } = c.req.valid('query')
    const all = await store.listUnits({ province, at })
    const units = p.units === 'all' ? all : all.filter((u) => (p.units as readonly string[]).includes(u.unit.id))
    return c.json({ units: units.map((u) => ({ unit: plain(u.unit) as never, version: u.version })) }, 200)
  })

  handle(R.putUnitsRoute, async (c) => {
    const { units } = c.req.valid('json')
    const r = await store.putUnits({ province, units: units as never, actor: actor(principal(c)) })
    return c.json({ units: r.map((u) => ({ unit: plain(u.unit) as never, version: u.version })) }, 200)
  })

  handle(R.getUnitRoute, async (c) => {
    const { unitId } = c.req.valid('param')
    const u = await store.getUnit({ province, unitId })
    return c.json({ unit: plain(u.unit) as never, version: u.version, history: u.history.map((h) => ({ unit: plain(h.unit) as never, version: h.version })) }, 200)
  })

  handle(R.unitHistoryRoute, async (c) => {
    const { unitId } = c.req.valid('param')
    const h = await store.unitHistory({ province, unitId })
    return c.json(plain(h) as never, 200)
  })

  // assessments

  handle(R.getAssessmentRoute, async (c) => {
    const { unitId, period } = c.req.valid('param')
    const s = await store.getAssessment({ province, unitId, period })
    const pack = await compiled(s.pack.id, s.pack.version)
    return c.json(
      {
        unitId: s.unitId,
        period: s.period,
        version: s.version,
        pack: s.pack,
        submission: plain(s.submission) as never,
        appraisals: plain(s.appraisals) as never,
        assessment: plain(s.assessment) as never,
        reconstruction: summary(pack),
      },
      200,
    )
  })

  handle(R.listSubmissionsRoute, async (c) => {
    const { unitId, period } = c.req.valid('param')
    const subs = await store.listSubmissions({ province, unitId, period })
    if (subs.length === 0) throw problem(404, 'not_found', { vi: `Không có bản tự đánh giá của "${unitId}" kỳ ${period}`, en: `No submission of "${unitId}" for ${period}` }, ['unitId'])
    return c.json({ unitId, period, submissions: plain(subs) as never }, 200)
  })

  /** the assessment's unit and period are the path's; a body naming others is refused */
  const checkAssessmentScope = (a: Record<string, unknown>, unitId: string, period: string): AssessmentInput => {
    const issues = []
    if (a.unitId !== undefined && a.unitId !== unitId)
      issues.push({
        code: 'unit_mismatch',
        path: ['body', 'assessment', 'unitId'],
        value: a.unitId,
        message: { vi: `Bản đánh giá là của đơn vị "${String(a.unitId).slice(0, 200)}", không phải "${unitId}"`, en: `The assessment is of unit "${String(a.unitId).slice(0, 200)}", not "${unitId}"` },
      })
    if (a.period !== undefined && String(a.period) !== period)
      issues.push({
        code: 'period_mismatch',
        path: ['body', 'assessment', 'period'],
        value: a.period,
        message: { vi: `Bản đánh giá là của kỳ ${String(a.period).slice(0, 50)}, không phải ${period}`, en: `The assessment is for ${String(a.period).slice(0, 50)}, not ${period}` },
      })
    if (issues.length > 0) throw new HttpProblem(422, issues as never)
    return { ...a, unitId, period } as AssessmentInput
  }

  /**
   * Survey results (điều tra xã hội học) are the province's, entered by an administrator (an
   * import, or a submission an administrator makes). A submission that leaves `survey` out
   * keeps the survey the store holds (carried over), whoever sends it; only an explicit value
   * replaces it. An administrator clears it with `survey: null`; a unit officer's submission
   * naming other results than those held (`null` included) is refused (403 at
   * `assessment.survey`).
   */
  const keepSurvey = async (p: Principal | null, a: AssessmentInput, unitId: string, period: string, surveyPath: readonly (string | number)[]): Promise<AssessmentInput> => {
    const { survey: given, ...rest } = a as AssessmentInput & { survey?: AssessmentInput['survey'] | null }
    const held = await store.getAssessment({ province, unitId, period }).then(
      (s) => s.submission.assessment.survey,
      (e: unknown) => {
        if (e instanceof StoreError && e.code === 'not_found') return undefined
        throw e
      },
    )
    if (given === undefined) return held === undefined ? a : { ...a, survey: held }
    if (given === null) {
      if (p?.role === 'admin' || held === undefined) return rest as AssessmentInput
    } else if (p?.role === 'admin' || (held !== undefined && canonicalJson(given) === canonicalJson(held))) return a
    throw problem(
      403,
      'survey_not_writable',
      {
        vi: 'Không có quyền: kết quả điều tra xã hội học do Sở Nội vụ nhập (quản trị viên, POST /api/imports), đơn vị không tự ghi; hãy bỏ trường "survey" hoặc gửi lại đúng kết quả đang lưu',
        en: 'Forbidden: survey results are entered by the province (an administrator, POST /api/imports), not by the unit; leave "survey" out or send back the results held',
      },
      [...surveyPath],
    )
  }

  /**
   * A pack is refused (422) for a unit of a kind it does not apply to, or for a period
   * outside its years in force, where the pack states them (see {@link packFitIssues}). A
   * unit the catalog does not hold is the store's to report (`unknown_unit`).
   */
  const checkFit = async (pack: CompiledPack, unitId: string, period: string, paths: FitPaths): Promise<void> => {
    const held = await store.getUnit({ province, unitId }).catch((e: unknown) => {
      if (e instanceof StoreError && e.code === 'not_found') return null
      throw e
    })
    const issues = packFitIssues(pack, held?.unit, period, paths)
    if (issues.length > 0) throw new HttpProblem(422, issues)
  }

  handle(R.submitRoute, async (c) => {
    const { unitId, period } = c.req.valid('param')
    const body = c.req.valid('json')
    const scoped = checkAssessmentScope(body.assessment, unitId, period)
    // an unknown pack is refused at the body's pack id; one that does not fit the unit or the
    // period is the store's to refuse (422 at `pack.id`, placed in the body)
    await compiled(body.pack.id, body.pack.version)
    const assessment = await keepSurvey(principal(c), scoped, unitId, period, ['body', 'assessment', 'survey'])
    const r = await store.submit({ province, unitId, period, pack: body.pack, assessment, expectedVersion: body.expectedVersion, actor: actor(principal(c)) })
    return r.unchanged ? c.json({ unitId, period, version: r.version, unchanged: true }, 200) : c.json({ unitId, period, version: r.version, unchanged: false }, 201)
  })

  handle(R.uploadRoute, async (c) => {
    const { unitId, period } = c.req.valid('param')
    const q = c.req.valid('query')
    const ref = parsePackRef(q.pack, 'pack')
    const pack = await compiled(ref.id, ref.version, { status: 422, path: ['query', 'pack'] })
    await checkFit(pack, unitId, period, { kind: ['query', 'pack'], period: ['query', 'pack'] })
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const isCsv = (c.req.header('content-type') ?? '').toLowerCase().startsWith('text/csv')
    const fileName = isCsv ? `${unitId}.csv` : `${unitId}.xlsx`
    const read = isCsv ? await readAssessmentCsv(bytes, pack, { period, fileName }) : await readAssessmentWorkbook(bytes, pack, { period, fileName })
    if (!read.ok) throw fileProblem(read.issues)
    if (read.blank)
      throw problem(422, 'blank_form', { vi: 'Biểu chưa điền: không có điểm, tài liệu kiểm chứng hay giải trình nào', en: 'The form is blank: no score, evidence or explanation' }, ['body'])
    const assessment = checkAssessmentScope(read.value as unknown as Record<string, unknown>, unitId, period)
    // a submission carries no appraisal rounds: those are recorded by appraisers; the unit a
    // form describes in its header (its kind guessed from the name) is not a claim about the
    // unit: the catalog's is stored (a form naming another group is still refused)
    const { appraisals: _ignored, unit: _described, ...fromFile } = assessment as AssessmentInput & { appraisals?: unknown }
    const self = await keepSurvey(principal(c), fromFile as AssessmentInput, unitId, period, ['body'])
    const r = await store.submit({
      province,
      unitId,
      period,
      pack: { id: pack.id, version: pack.version },
      assessment: self as AssessmentInput,
      expectedVersion: q.expectedVersion,
      actor: actor(principal(c)),
      fileHash: bytesToHex(sha256(bytes)),
    })
    return r.unchanged ? c.json({ unitId, period, version: r.version, unchanged: true }, 200) : c.json({ unitId, period, version: r.version, unchanged: false }, 201)
  })

  handle(R.diffSubmissionsRoute, async (c) => {
    const { unitId, period } = c.req.valid('param')
    const { from, to } = c.req.valid('query')
    const d = await store.diffSubmissions({ province, unitId, period, from, to })
    return c.json(plain(d) as never, 200)
  })

  /**
   * The appraisal round's changes that have their shape (a code, points), checked as the
   * store checks a round (the engine on the current assessment with the round added), each
   * problem at its change in the body: with a body whose other changes fail their shape,
   * every problem of the round comes back in one answer.
   */
  partialChecks.appraise = async (c, body) => {
    const changes = (body as { changes?: unknown } | null)?.changes
    if (!Array.isArray(changes)) return []
    // a change whose points do not parse is still checked for its code (with 0 points, its
    // points' problem being the shape's)
    const kept: { at: number; pointsParsed: boolean; change: { code: string; points: string | number; reason: string } }[] = []
    changes.slice(0, 2000).forEach((ch: unknown, at) => {
      const x = ch as { code?: unknown; points?: unknown; reason?: unknown } | null
      if (x === null || typeof x !== 'object' || typeof x.code !== 'string' || x.code === '') return
      const pointsParsed = (typeof x.points === 'string' || typeof x.points === 'number') && DecimalSchema.safeParse(x.points).success
      kept.push({ at, pointsParsed, change: { code: x.code, points: pointsParsed ? (x.points as string | number) : 0, reason: typeof x.reason === 'string' && x.reason !== '' ? x.reason : '-' } })
    })
    if (kept.length === 0) return []
    const s = await store.getAssessment({ province, unitId: c.req.param('unitId') ?? '', period: c.req.param('period') ?? '' })
    const pack = await compiled(s.pack.id, s.pack.version)
    const prior = s.assessment.appraisals ?? []
    const round = { round: (prior.at(-1)?.round ?? 0) + 1, reviewer: 'check', at: new Date().toISOString(), changes: kept.map((k) => k.change) }
    const r = safeEvaluate(pack, { ...s.assessment, appraisals: [...prior, round] } as AssessmentInput, { inputs: 'borrow' })
    if (r.ok) return []
    // the new round's problems only, at the change of the body they are about
    return r.issues.flatMap((i) => {
      const [head, k, field, j, ...rest] = i.path
      if (head !== 'appraisals' || k !== prior.length || field !== 'changes' || typeof j !== 'number' || kept[j] === undefined) return []
      if (!kept[j]!.pointsParsed && rest[0] === 'points') return []
      return [{ ...i, path: ['body', 'changes', kept[j]!.at, ...rest] }]
    })
  }

  handle(R.appraiseRoute, async (c) => {
    const { unitId, period } = c.req.valid('param')
    const body = c.req.valid('json')
    const p = principal(c)!
    const r = await store.appraise({ province, unitId, period, expectedVersion: body.expectedVersion, changes: body.changes, actor: actor(p), reviewer: p.name })
    return c.json({ unitId, period, version: r.version, unchanged: false, round: r.round }, 201)
  })

  /** the unit's current assessment evaluated with its trace, ranked where a ranking exists */
  const currentResult = async (unitId: string, period: string) => {
    const s = await store.getAssessment({ province, unitId, period })
    const pack = await compiled(s.pack.id, s.pack.version)
    const result = evaluate(pack, s.assessment, { trace: true })
    const stored = (await store.listResults({ province, unitId, period })).at(-1) ?? null
    const unit = await store.getUnit({ province, unitId }).catch(() => null)
    const group = stored?.group ?? unit?.unit.group ?? unit?.unit.kind ?? ''
    let ranked: { rank: number | null; groupSize: number | null; band: { code: string; label: { vi: string; en?: string } } | undefined; group: string } = {
      rank: null,
      groupSize: null,
      band: undefined,
      group,
    }
    if (stored && stored.record.fingerprint === result.fingerprint) {
      const r = await store.ranking({ province, period, group: stored.group, provisional: true })
      const e = r.entries.find((x) => x.unitId === unitId)
      if (e) ranked = { rank: e.rank, groupSize: e.groupSize, band: e.band ?? undefined, group }
    }
    return { s, pack, result, stored, ranked }
  }

  handle(R.explainRoute, async (c) => {
    const { unitId, period } = c.req.valid('param')
    const { pack, result, stored, ranked } = await currentResult(unitId, period)
    return c.json(unitResultJson(result, pack, langOf(c), ranked, stored && stored.record.fingerprint === result.fingerprint ? stored : null, true) as never, 200)
  })

  handle(R.planRoute, async (c) => {
    const { unitId, period } = c.req.valid('param')
    const q = c.req.valid('query')
    const s = await store.getAssessment({ province, unitId, period })
    const pack = await compiled(s.pack.id, s.pack.version)
    const target: PlanTarget = q.band !== undefined ? { band: q.band } : q.index !== undefined ? { index: q.index } : 'next-band'
    let plan: ReturnType<typeof planImprovement>
    try {
      plan = planImprovement(pack, s.assessment, { target })
    } catch (e) {
      // the target is the query's `band` or `index`
      if (e instanceof ChisoError)
        throw new HttpProblem(
          422,
          e.issues.map((i) => (i.path[0] === 'target' && (i.path[1] === 'band' || i.path[1] === 'index') ? { ...i, path: ['query', i.path[1]] } : i)),
        )
      throw e
    }
    const { assessment: _a, ...rest } = plan
    return c.json({ ...(plain(rest) as Record<string, unknown>), reconstruction: summary(pack) } as never, 200)
  })

  // scoring

  handle(R.whatIfRoute, async (c) => {
    const body = c.req.valid('json')
    const pack = await compiled(body.pack.id, body.pack.version)
    // the unit: the one the assessment states, else the catalog's unit of its unitId (as a
    // submission takes it); its kind and the period against the pack, by core's one rule
    const stated = body.assessment as { unitId?: unknown; unit?: { kind?: unknown; name?: unknown; group?: unknown }; period?: unknown; group?: unknown }
    const id = typeof stated.unitId === 'string' ? (normalizeUnitId(stated.unitId) ?? stated.unitId) : undefined
    const held =
      stated.unit === undefined && id !== undefined
        ? (
            await store.getUnit({ province, unitId: id }).catch((e: unknown) => {
              if (e instanceof StoreError && (e.code === 'not_found' || e.code === 'invalid_value')) return null
              throw e
            })
          )?.unit
        : undefined
    const unit = stated.unit ?? held
    const misfit =
      typeof stated.period === 'string' || unit
        ? packFitIssues(pack, unit ?? undefined, typeof stated.period === 'string' ? stated.period : '', {
            kind: stated.unit ? ['body', 'assessment', 'unit', 'kind'] : ['body', 'assessment', 'unitId'],
            period: ['body', 'assessment', 'period'],
          })
        : []
    if (misfit.length > 0) throw new HttpProblem(422, misfit)
    const assessment = held ? { ...body.assessment, unit: held } : body.assessment
    // the engine names the assessment's fields: they are the body's `assessment`
    const evaluated = safeEvaluate(pack, assessment, { trace: body.explain === true })
    if (!evaluated.ok)
      throw new HttpProblem(
        422,
        evaluated.issues.map((i) => ({ ...i, path: ['assessment', ...i.path] })),
      )
    const result = evaluated.value
    const group = typeof stated.group === 'string' ? stated.group : typeof unit?.group === 'string' ? unit.group : ''
    const band = pack.bands.length > 0 ? evaluateBatch(pack, [assessment]).units[0]?.band : undefined
    return c.json(unitResultJson(result, pack, langOf(c), { rank: null, groupSize: null, band, group }, null, body.explain === true) as never, 200)
  })

  handle(R.scoreRoute, async (c) => {
    const { period } = c.req.valid('param')
    const r = await store.score({ province, period, actor: actor(principal(c)) })
    return c.json(
      {
        period,
        recorded: r.recorded.map((u) => ({ unitId: u.unitId, group: u.group, index: u.index, fingerprint: u.fingerprint, basedOnVersion: u.basedOnVersion, resultId: u.resultId })),
        unchanged: r.unchanged.length,
      },
      200,
    )
  })

  handle(R.importRoute, async (c) => {
    const body = c.req.valid('json')
    // an unknown pack is refused at the body's pack id; every item's unit and period against
    // the pack is the store's check (422 at the item's unitId and period, placed in the body)
    await compiled(body.pack.id, body.pack.version)
    const r = await store.importSubmissions({
      province,
      pack: body.pack,
      actor: actor(principal(c)),
      ...(body.onExisting !== undefined ? { onExisting: body.onExisting } : {}),
      items: body.items.map((i: { assessment: Record<string, unknown>; fileHash?: string; expectedVersion?: number }) => ({
        assessment: i.assessment as AssessmentInput,
        fileHash: i.fileHash ?? contentHash(i.assessment),
        ...(i.expectedVersion !== undefined ? { expectedVersion: i.expectedVersion } : {}),
      })),
    })
    return c.json({ imported: [...r.imported], unchanged: [...r.unchanged] }, 200)
  })

  // rankings and publications

  handle(R.rankingRoute, async (c) => {
    const { period, group } = c.req.valid('param')
    const { source } = c.req.valid('query')
    return c.json((await rankingJson((await loadRanking(period, group, source)).ranking)) as never, 200)
  })

  handle(R.exportRoute, async (c) => {
    const { period, group } = c.req.valid('param')
    const q = c.req.valid('query')
    const { ranking: r, name: groupText } = await loadRanking(period, group, q.source)
    if (!r.pack || r.entries.length === 0)
      throw problem(404, 'nothing_to_export', { vi: `Chưa có kết quả kỳ ${period} của ${groupText.vi}`, en: `No results of ${groupText.en} for ${period}` }, ['param', 'group'])
    const pack = await compiled(r.pack.id, r.pack.version)
    // the assessments the ranked records stand for: the file is the ranking as it was recorded
    const assessments: unknown[] = []
    for (const e of r.entries) {
      const rec = (await store.listResults({ province, unitId: e.unitId, period })).find((x) => x.resultId === e.resultId)
      if (rec) assessments.push(rec.record.assessment)
    }
    const batch = evaluateBatch(pack, assessments)
    const lang = langOf(c)
    const name = `xep-hang-${period}-${group}`.replace(/[^A-Za-z0-9._-]/g, '_')
    if (q.format === 'csv') {
      return c.body(writeRankingCsv(batch, { locale: lang }), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` })
    }
    const bytes = await writeResultWorkbook(batch, { locale: lang })
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}.xlsx"`,
    })
  })

  handle(R.compareRoute, async (c) => {
    const { group } = c.req.valid('param')
    const { periods } = c.req.valid('query')
    for (const p of periods ? periods.split(',') : []) await knownPeriod(p, ['query', 'periods'])
    await knownGroup(group)
    const r = await store.compareYears({ province, group, ...(periods ? { periods: periods.split(',') } : {}) })
    return c.json(plain(r) as never, 200)
  })

  handle(R.publishRoute, async (c) => {
    const { period, group } = c.req.valid('param')
    const body = c.req.valid('json')
    const pub = await store.publish({ province, period, group, decision: body.decision, expectedVersion: body.expectedVersion, actor: actor(principal(c)) })
    const pack = await compiled(pub.pack.id, pub.pack.version)
    return c.json(
      {
        period: pub.period,
        group: pub.group,
        version: pub.version,
        decision: pub.decision,
        pack: pub.pack,
        entries: (await rankingJson({ ...pub, status: 'published', publication: null, stale: [], entries: pub.entries } as unknown as Ranking)).entries,
        publishedBy: pub.publishedBy,
        publishedAt: pub.publishedAt,
        reconstruction: summary(pack),
      },
      201,
    )
  })

  handle(R.listPublicationsRoute, async (c) => {
    const { period } = c.req.valid('query')
    const list = await store.listPublications({ province, period })
    const out = []
    for (const p of list) {
      const pack = await compiled(p.pack.id, p.pack.version).catch(() => null)
      if (!pack) continue
      out.push({
        period: p.period,
        group: p.group,
        version: p.version,
        decision: p.decision,
        pack: p.pack,
        publishedBy: p.publishedBy,
        publishedAt: p.publishedAt,
        units: p.entries.length,
        reconstruction: summary(pack),
      })
    }
    return c.json({ publications: out }, 200)
  })

  // audit

  handle(R.verifyRoute, async (c) => {
    const r = await store.verify({ province })
    const head = await store.head({ province })
    return c.json({ ok: r.ok, checked: plain(r.checked) as Record<string, unknown>, problems: plain(r.problems) as never, head }, 200)
  })

  handle(R.eventsRoute, async (c) => {
    const q = c.req.valid('query')
    const events = await store.events({ province, after: q.after, limit: q.limit ?? 1000 })
    return c.json({ events: plain(events) as never }, 200)
  })

  const missing = ROUTES.filter((r) => !registered.has(r.name)).map((r) => r.name)
  if (missing.length > 0) throw new Error(`routes without a handler: ${missing.join(', ')}`)

  // ---- the document and its page

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'a token issued by an administrator (`chiso serve --sample` prints three)' })
  const document = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'chiso — Chỉ số CCHC / PAR INDEX service',
        version: '0.1.0',
        description:
          'The store of record of a province: packs, units, submissions, appraisal rounds, results, publications. Errors are application/problem+json (RFC 9457) in Vietnamese (default) or English by Accept-Language. Reconstructed (non-official) pack content is marked in every pack and result (`reconstruction`).',
      },
    })
  let cachedDoc: ReturnType<typeof document> | undefined
  app.get('/openapi.json', (c) => c.json((cachedDoc ??= document())))
  app.get('/api/docs', (c) => c.html(referencePage((cachedDoc ??= document()) as never)))
  return app
}

/** The readers' file issues as a 422 problem, each with its cell. */
function fileProblem(issues: readonly FileIssue[]): HttpProblem {
  return new HttpProblem(
    422,
    issues.slice(0, 200).map((i) => ({ code: i.code, path: ['body', ...(i.sheet ? [i.sheet] : []), ...(i.cell ? [i.cell] : [])], message: i.message }) as never),
  )
}

/** Whether a request path, percent-decoded, holds a control character (U+0000–U+001F, U+007F). */
function hasControlCharacter(path: string): boolean {
  let decoded = path
  try {
    decoded = decodeURIComponent(path)
  } catch {
    // a malformed escape stays as written: its own route answers it
  }
  return /[\u0000-\u001f\u007f]/.test(decoded)
}
