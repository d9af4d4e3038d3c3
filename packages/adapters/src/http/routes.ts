/**
 * The route table: every route of the API with its access rule, request and responses.
 * The app registers each one (and checks that none is left out); the OpenAPI document is
 * generated from it; the role × scope test walks it, so a route added here is tested
 * for every role without anyone remembering to.
 */
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { refusal, type Access } from './access.js'
import type { Principal } from './auth.js'
import { HttpProblem, PROBLEM_STATUSES, problem, tooLarge, type RequestFields } from './problem.js'
import {
  AppraiseBodySchema,
  AssessmentStateSchema,
  ComparisonSchema,
  GroupParam,
  HealthSchema,
  HistorySchema,
  ImportBodySchema,
  ImportResultSchema,
  IssueTokenBodySchema,
  PackDetailSchema,
  PackDiffSchema,
  PackIdParam,
  PackSummarySchema,
  PeriodParam,
  PlanSchema,
  PrincipalSchema,
  ProblemSchema,
  PublicationListSchema,
  PublicationSchema,
  PublishBodySchema,
  PutPacksBodySchema,
  PutPacksResultSchema,
  PutUnitsBodySchema,
  RankingSchema,
  ScoreResultSchema,
  StoredUnitSchema,
  SubmissionDiffSchema,
  SubmissionsSchema,
  SubmitBodySchema,
  TokenSchema,
  UnitIdParam,
  UnitResultSchema,
  UnitWithHistorySchema,
  ValidationSchema,
  VerifySchema,
  WhatIfBodySchema,
  WriteResultSchema,
} from './schemas.js'

/** Sizes a request body may have, in bytes. */
export interface HttpLimits {
  /** a JSON body (a submission, an appraisal round, a pack): default 4 MiB */
  readonly jsonBytes: number
  /** an uploaded form (.xlsx / .csv): default the readers' 50 MiB file limit */
  readonly uploadBytes: number
  /** a JSON import of many submissions: default 64 MiB */
  readonly importBytes: number
}

/** Variables a request carries through the middleware. @internal */
export type Env = { Variables: { principal: Principal | null; limits: HttpLimits } }

/**
 * The access rule of a route, for the table: `published` is `public` for published results
 * and `allUnits` for the latest (unpublished) ones (`?source=latest`).
 */
export type RouteAccess = Access | 'published'

/** A body kind a route accepts. @internal */
type BodyKind = 'json' | 'import' | 'upload' | 'none'

/** One row of the route table. @internal */
export interface RouteEntry {
  readonly name: string
  readonly method: 'get' | 'post' | 'put'
  /** the OpenAPI path ("/api/units/{unitId}") */
  readonly path: string
  readonly access: RouteAccess
  readonly body: BodyKind
  /** the path parameters, for tests that fill them */
  readonly params: readonly string[]
  /** where each field of the request is sent: what a problem's path is placed under */
  readonly fields: RequestFields
  readonly route: RouteConfig
}

const keysOf = (schema: unknown): string[] | undefined => {
  const shape = (schema as { shape?: unknown } | undefined)?.shape
  return shape !== null && typeof shape === 'object' ? Object.keys(shape) : undefined
}

function requestFields(request: RouteConfig['request'], kind: BodyKind): RequestFields {
  const jsonSchema = (request?.body as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.['application/json']?.schema
  return {
    param: keysOf(request?.params) ?? [],
    query: keysOf(request?.query) ?? [],
    body: kind === 'none' ? 'none' : kind === 'upload' ? 'file' : (keysOf(jsonSchema) ?? 'any'),
  }
}

const principalOf = (c: Parameters<MiddlewareHandler<Env>>[0]): Principal | null => c.get('principal') ?? null

function guard(access: RouteAccess): MiddlewareHandler<Env> {
  return async (c, next) => {
    const p = principalOf(c)
    const unitId = c.req.param('unitId')
    const rule: Access = access === 'published' ? (c.req.query('source') === 'latest' ? 'allUnits' : 'public') : access
    const refused = refusal(rule, p, unitId)
    if (refused) throw refused
    await next()
  }
}

/**
 * The body check of a route: the content types it accepts are the ones its request body
 * documents (`accepted`, from the route's OpenAPI request), so the document and the check
 * cannot differ; then the size limit of its kind, the body read once, bounded.
 */
function bodyCheck(kind: BodyKind, accepted: readonly string[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (kind === 'none') return next()
    const limits = c.get('limits')
    const max = kind === 'json' ? limits.jsonBytes : kind === 'import' ? limits.importBytes : limits.uploadBytes
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!accepted.includes(type)) {
      throw new HttpProblem(415, [
        {
          code: 'unsupported_media_type',
          path: ['content-type'],
          value: type,
          message: { vi: `Kiểu nội dung phải là ${accepted.join(' hoặc ')}`, en: `The content type must be ${accepted.join(' or ')}` },
        } as never,
      ])
    }
    const declared = c.req.header('content-length')
    if (declared !== undefined && (!/^\d{1,15}$/.test(declared) || Number(declared) > max)) throw tooLarge(max)
    // read the body once, bounded, whatever the header says (chunked bodies have none)
    const raw = c.req.raw.body
    if (raw === null) throw problem(400, 'missing_body', { vi: 'Thiếu nội dung yêu cầu', en: 'The request has no body' })
    const reader = raw.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > max) {
        await reader.cancel().catch(() => {})
        throw tooLarge(max)
      }
      chunks.push(value)
    }
    const bytes = new Uint8Array(size)
    let at = 0
    for (const ch of chunks) {
      bytes.set(ch, at)
      at += ch.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body: bytes })
    await next()
  }
}

const problemResponses = Object.fromEntries(
  PROBLEM_STATUSES.map((s) => [s, { description: `problem (RFC 9457): ${s}`, content: { 'application/problem+json': { schema: ProblemSchema } } }]),
) as Record<(typeof PROBLEM_STATUSES)[number], { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }>

const ACCESS_TEXT: Record<RouteAccess, string> = {
  public: 'anyone, signed in or not',
  published: 'anyone for published results; `source=latest` needs a scope of every unit (admin, appraiser of all units)',
  signedIn: 'any signed-in caller',
  admin: 'administrators',
  allUnits: 'a scope of every unit (admin, appraiser of all units)',
  unitRead: "an admin, an appraiser with the unit in scope, or the unit's own officer",
  unitSubmit: "an admin, or the unit's own officer",
  appraise: 'an appraiser with the unit in scope',
}

/** @internal every route, in registration order */
export const ROUTES: RouteEntry[] = []

function def<const R extends Omit<RouteConfig, 'middleware'>>(
  name: string,
  access: RouteAccess,
  body: BodyKind,
  config: R & { method: 'get' | 'post' | 'put' },
): R & { middleware: MiddlewareHandler<Env>[] } {
  const params = [...config.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
  const accepted = Object.keys((config.request?.body as { content?: Record<string, unknown> } | undefined)?.content ?? {})
  if ((body === 'none') !== (accepted.length === 0)) throw new Error(`chiso http: route ${name} has body kind ${body} but documents ${accepted.length} content types`)
  const route = createRoute({
    ...config,
    operationId: name,
    description: `${config.description ?? config.summary ?? ''}\n\nAccess: ${ACCESS_TEXT[access]}.`.trim(),
    ...(access === 'public' ? {} : { security: [{ bearer: [] }] }),
    responses: { ...problemResponses, ...config.responses },
    middleware: [guard(access), bodyCheck(body, accepted)],
  }) as unknown as R & { middleware: MiddlewareHandler<Env>[] }
  ROUTES.push({ name, method: config.method, path: config.path, access, body, params, fields: requestFields(config.request, body), route: route as unknown as RouteConfig })
  return route
}

const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } })
const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } })
const unitPath = z.object({ unitId: UnitIdParam })
const assessmentPath = z.object({ unitId: UnitIdParam, period: PeriodParam })
const rankingPath = z.object({ period: PeriodParam, group: GroupParam })
const PackRefQuery = z.string().regex(/^[^@\s]{1,300}@[^@\s]{1,100}$/)

/**
 * A whole number in a query string, read strictly: decimal digits only, as an OpenAPI client
 * writes an integer (no sign, spaces, leading zeros, exponent or hex; '' is not 0), within
 * `min`..`max`; anything else is a 400 at `['query', name]`. Documented as the integer it is.
 */
const queryInt = (min: number, max: number, description?: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, { error: `must be a whole number written in decimal digits (e.g. ${min}), without sign, spaces or leading zeros` })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .openapi({ type: 'integer', minimum: min, maximum: max, ...(description ? { description } : {}) })

/** A calendar date, YYYY-MM-DD (2025-02-30 is not one). */
const IsoDate = z.iso
  .date({ error: 'must be a calendar date written YYYY-MM-DD (e.g. 2025-03-01)' })
  .openapi({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a calendar date, YYYY-MM-DD', example: '2025-03-01' })

/**
 * What a publication names: the decision number (non-empty, up to 200 characters) and its
 * date, checked here as the store checks them, so a bad one is a 400 at its path
 * (`['body', 'decision', 'date']`) like every other request problem.
 */
const PublishRequestSchema = z
  .object({
    decision: z
      .object({
        number: z.string().max(200).regex(/\S/, { error: 'must not be empty' }).openapi({ description: 'the decision number (non-empty, up to 200 characters)', example: '345/QĐ-UBND' }),
        date: IsoDate.openapi({ description: 'the decision date, YYYY-MM-DD' }),
      })
      .openapi('DecisionRequest'),
    expectedVersion: PublishBodySchema.shape.expectedVersion,
  })
  .strict()
  .openapi('PublishRequest')

// ---- service

export const healthRoute = def('health', 'public', 'none', {
  method: 'get',
  path: '/api/health',
  summary: 'Whether the service and its database answer',
  responses: { 200: json(HealthSchema, 'the store answers') },
})

export const meRoute = def('me', 'public', 'none', {
  method: 'get',
  path: '/api/me',
  summary: 'Who the token stands for (anonymous without one)',
  responses: { 200: json(PrincipalSchema, 'the caller') },
})

export const issueTokenRoute = def('issueToken', 'admin', 'json', {
  method: 'post',
  path: '/api/tokens',
  summary: 'Issues a token (shown once; only its sha-256 is kept)',
  request: { body: jsonBody(IssueTokenBodySchema) },
  responses: { 201: json(TokenSchema, 'the new token') },
})

// ---- packs

export const listPacksRoute = def('listPacks', 'signedIn', 'none', {
  method: 'get',
  path: '/api/packs',
  summary: 'The packs the service knows, each with its reconstruction summary',
  responses: { 200: json(z.object({ packs: z.array(PackSummarySchema) }), 'the packs') },
})

export const validatePackRoute = def('validatePack', 'signedIn', 'json', {
  method: 'post',
  path: '/api/packs/validate',
  summary: 'Validates a pack JSON (nothing stored): every problem with its path',
  request: { body: jsonBody(z.record(z.string(), z.unknown()).openapi('PackJson')) },
  responses: { 200: json(ValidationSchema, 'valid or not, with every problem') },
})

export const diffPacksRoute = def('diffPacks', 'signedIn', 'none', {
  method: 'get',
  path: '/api/packs/diff',
  summary: 'What changed between two packs (core diffPacks)',
  request: { query: z.object({ from: PackRefQuery.openapi({ example: 'vn-cchc/commune-2019@1.1.0' }), to: PackRefQuery.openapi({ example: 'vn-cchc/commune-2025@1.1.0' }) }) },
  responses: { 200: json(PackDiffSchema, 'the changes') },
})

export const getPackRoute = def('getPack', 'signedIn', 'none', {
  method: 'get',
  path: '/api/packs/{id}',
  summary: "A pack's JSON (the highest version unless `version` is given)",
  request: { params: z.object({ id: PackIdParam }), query: z.object({ version: z.string().min(1).max(100).optional() }) },
  responses: { 200: json(PackDetailSchema, 'the pack') },
})

export const putPacksRoute = def('putPacks', 'admin', 'json', {
  method: 'post',
  path: '/api/packs',
  summary: "Stores packs in the province's store (content-addressed; a used id@version never changes)",
  request: { body: jsonBody(PutPacksBodySchema) },
  responses: { 200: json(PutPacksResultSchema, 'added and unchanged') },
})

// ---- units

export const listUnitsRoute = def('listUnits', 'signedIn', 'none', {
  method: 'get',
  path: '/api/units',
  summary: "The province's units within the caller's scope (in existence on `at`, when given)",
  request: {
    query: z.object({
      at: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  },
  responses: { 200: json(z.object({ units: z.array(StoredUnitSchema) }), 'the units') },
})

export const putUnitsRoute = def('putUnits', 'admin', 'json', {
  method: 'put',
  path: '/api/units',
  summary: 'Adds or changes units, all or none; each names the version it saw (0 for new)',
  request: { body: jsonBody(PutUnitsBodySchema) },
  responses: { 200: json(z.object({ units: z.array(StoredUnitSchema) }), 'the stored versions') },
})

export const getUnitRoute = def('getUnit', 'unitRead', 'none', {
  method: 'get',
  path: '/api/units/{unitId}',
  summary: 'A unit with every version of it',
  request: { params: unitPath },
  responses: { 200: json(UnitWithHistorySchema, 'the unit') },
})

export const unitHistoryRoute = def('unitHistory', 'unitRead', 'none', {
  method: 'get',
  path: '/api/units/{unitId}/history',
  summary: "A unit's results across years and mergers (its lineage)",
  request: { params: unitPath },
  responses: { 200: json(HistorySchema, 'the history') },
})

// ---- assessments

export const getAssessmentRoute = def('getAssessment', 'unitRead', 'none', {
  method: 'get',
  path: '/api/units/{unitId}/assessments/{period}',
  summary: "A unit's assessment of a period as it stands: version, submission, appraisal rounds",
  request: { params: assessmentPath },
  responses: { 200: json(AssessmentStateSchema, 'the assessment') },
})

export const listSubmissionsRoute = def('listSubmissions', 'unitRead', 'none', {
  method: 'get',
  path: '/api/units/{unitId}/assessments/{period}/submissions',
  summary: 'Every version of the self-assessment, oldest first',
  request: { params: assessmentPath },
  responses: { 200: json(SubmissionsSchema, 'the submissions') },
})

export const submitRoute = def('submit', 'unitSubmit', 'json', {
  method: 'post',
  path: '/api/units/{unitId}/assessments/{period}/submissions',
  summary: 'Submits a self-assessment (JSON); names the version seen, a stale one is a 409 with the current version',
  request: { params: assessmentPath, body: jsonBody(SubmitBodySchema) },
  responses: { 201: json(WriteResultSchema, 'recorded'), 200: json(WriteResultSchema, 'the same content again: nothing changed') },
})

export const uploadRoute = def('uploadSubmission', 'unitSubmit', 'upload', {
  method: 'post',
  path: '/api/units/{unitId}/assessments/{period}/submissions/file',
  summary: "Submits a filled form (.xlsx, or .csv) read by the adapters' readers (file limits: 50 MB, zip-bomb checks)",
  request: {
    params: assessmentPath,
    query: z.object({
      pack: PackRefQuery.openapi({ description: 'the pack the form is for, id@version', example: 'vn-cchc/commune-2019@1.1.0' }),
      expectedVersion: queryInt(0, 1_000_000_000, 'the version you saw (0 for the first submission); required: a stale one is a 409 with the current version'),
    }),
    body: {
      required: true,
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary', description: 'the filled .xlsx form' }) },
        'text/csv': { schema: z.string().openapi({ description: 'the filled form as CSV' }) },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary', description: 'a file sent without its type: read as .xlsx' }) },
      },
    },
  },
  responses: { 201: json(WriteResultSchema, 'recorded'), 200: json(WriteResultSchema, 'the same content again: nothing changed') },
})

export const diffSubmissionsRoute = def('diffSubmissions', 'unitRead', 'none', {
  method: 'get',
  path: '/api/units/{unitId}/assessments/{period}/submissions/diff',
  summary: 'What changed between two submission versions',
  request: { params: assessmentPath, query: z.object({ from: queryInt(1, 1_000_000_000), to: queryInt(1, 1_000_000_000) }) },
  responses: { 200: json(SubmissionDiffSchema, 'the changes') },
})

export const appraiseRoute = def('appraise', 'appraise', 'json', {
  method: 'post',
  path: '/api/units/{unitId}/assessments/{period}/appraisals',
  summary: 'Records an appraisal round on the version the appraiser saw; a stale version is a 409 with the current one',
  request: { params: assessmentPath, body: jsonBody(AppraiseBodySchema) },
  responses: { 201: json(WriteResultSchema, 'recorded') },
})

export const explainRoute = def('explain', 'unitRead', 'none', {
  method: 'get',
  path: '/api/units/{unitId}/assessments/{period}/explain',
  summary: "How the unit's points were reached, criterion by criterion",
  request: { params: assessmentPath },
  responses: { 200: json(UnitResultSchema, 'the result with its trace') },
})

export const planRoute = def('plan', 'unitRead', 'none', {
  method: 'get',
  path: '/api/units/{unitId}/assessments/{period}/plan',
  summary: 'The improvement plan: where the unit can gain points to reach the next band (or `band`, `index`)',
  request: {
    params: assessmentPath,
    query: z.object({
      band: z.string().min(1).max(50).optional(),
      index: z
        .string()
        .regex(/^\d{1,3}(\.\d{1,4})?$/)
        .optional(),
    }),
  },
  responses: { 200: json(PlanSchema, 'the plan') },
})

// ---- scoring

export const whatIfRoute = def('whatIf', 'signedIn', 'json', {
  method: 'post',
  path: '/api/whatif',
  summary: 'Scores an assessment without storing anything',
  request: { body: jsonBody(WhatIfBodySchema) },
  responses: { 200: json(UnitResultSchema, 'the result (not stored)') },
})

export const scoreRoute = def('score', 'admin', 'none', {
  method: 'post',
  path: '/api/periods/{period}/score',
  summary: 'Scores the current assessments of a period and records the results that changed',
  request: { params: z.object({ period: PeriodParam }) },
  responses: { 200: json(ScoreResultSchema, 'recorded') },
})

export const importRoute = def('importSubmissions', 'admin', 'import', {
  method: 'post',
  path: '/api/imports',
  summary: 'Imports many submissions in one transaction: all or none; the same items again change nothing',
  request: { body: jsonBody(ImportBodySchema) },
  responses: { 200: json(ImportResultSchema, 'imported and unchanged') },
})

// ---- rankings and publications

const SourceQuery = z.enum(['published', 'latest']).optional().openapi({ description: '`published` (default): the latest publication; `latest`: computed from the latest results' })

export const rankingRoute = def('ranking', 'published', 'none', {
  method: 'get',
  path: '/api/rankings/{period}/{group}',
  summary: 'The ranking of a period and group: published, or the latest (provisional)',
  description:
    'A period that names no year and has no assessment held ("abcd") is 400 at `period`; a group that no unit of the catalog is in is 404 `unknown_group` at `group`; a published ranking asked for before one is published is 404 `not_published`.',
  request: { params: rankingPath, query: z.object({ source: SourceQuery }) },
  responses: { 200: json(RankingSchema, 'the ranking') },
})

export const exportRoute = def('exportRanking', 'published', 'none', {
  method: 'get',
  path: '/api/rankings/{period}/{group}/export',
  summary: "The ranking as a result workbook (.xlsx) or CSV, written by the adapters' writers",
  request: { params: rankingPath, query: z.object({ source: SourceQuery, format: z.enum(['xlsx', 'csv']).optional() }) },
  responses: {
    200: {
      description: 'the file',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string() },
      },
    },
  },
})

export const compareRoute = def('compareYears', 'allUnits', 'none', {
  method: 'get',
  path: '/api/compare/{group}',
  summary: "A group's results compared across years (through mergers)",
  description: 'A group that no unit of the catalog is in is 404 `unknown_group`; a period that names no year and has no assessment held is 400 at `periods`.',
  request: {
    params: z.object({ group: GroupParam }),
    query: z.object({
      periods: z
        .string()
        .regex(/^[0-9A-Za-z._-]{1,50}(,[0-9A-Za-z._-]{1,50}){0,49}$/)
        .optional()
        .openapi({
          description: 'the periods to compare, separated by commas (2023,2024); a period that names no year and has no assessment held is 400; default every period with results',
          example: '2023,2024',
        }),
    }),
  },
  responses: { 200: json(ComparisonSchema, 'the comparison') },
})

export const publishRoute = def('publish', 'admin', 'json', {
  method: 'post',
  path: '/api/publications/{period}/{group}',
  summary: 'Publishes (freezes) the ranking of a period and group with its decision; a correction names the version it replaces',
  request: { params: rankingPath, body: jsonBody(PublishRequestSchema) },
  responses: { 201: json(PublicationSchema, 'published') },
})

export const listPublicationsRoute = def('listPublications', 'public', 'none', {
  method: 'get',
  path: '/api/publications',
  summary: 'Every publication (of a period, when given)',
  request: {
    query: z.object({
      period: z
        .string()
        .regex(/^[0-9A-Za-z._-]{1,50}$/)
        .optional(),
    }),
  },
  responses: { 200: json(PublicationListSchema, 'the publications') },
})

// ---- audit

export const verifyRoute = def('verify', 'admin', 'none', {
  method: 'get',
  path: '/api/verify',
  summary: 'Walks the chain, checks every row and recalculates every record',
  responses: { 200: json(VerifySchema, 'the report (ok or the problems)') },
})

export const eventsRoute = def('events', 'admin', 'none', {
  method: 'get',
  path: '/api/events',
  summary: 'The audit log: who wrote what, when (oldest first)',
  request: { query: z.object({ after: queryInt(0, Number.MAX_SAFE_INTEGER).optional(), limit: queryInt(1, 10_000).optional() }) },
  responses: {
    200: json(z.object({ events: z.array(z.looseObject({ seq: z.number().int(), kind: z.string(), actor: z.string(), at: z.string() })) }), 'the events'),
  },
})
