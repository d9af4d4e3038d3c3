/**
 * Errors as `application/problem+json` (RFC 9457): a status, a title, a detail and the
 * list of problems, each with its stable code, its path and a message in the caller's
 * language (Vietnamese unless `Accept-Language` prefers English). Every error a route can
 * meet is mapped here, once: a malformed request is a 4xx, an unreachable database a 503,
 * and anything unexpected a 500 that shows no internals.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ChisoError, type ChisoIssue, type IssuePath } from '@chiso/core'
import { StoreError } from '@chiso/store'

/** The language of a response. */
export type Lang = 'vi' | 'en'

/** One problem of a problem document. */
export interface ProblemIssue {
  readonly code: string
  readonly path: readonly (string | number)[]
  readonly message: string
}

/** The body of an error response (RFC 9457 with chiso's issue list). */
export interface ProblemDocument {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly issues: readonly ProblemIssue[]
  /** for a 409 conflict: the version the store holds now (reload it, then write again) */
  readonly currentVersion?: number
}

type Message = { readonly vi: string; readonly en: string }

/**
 * The response language from an `Accept-Language` header: English when the caller prefers
 * it to Vietnamese, else Vietnamese (the default).
 * @internal
 */
export function negotiateLang(header: string | undefined): Lang {
  if (!header || header.length > 1000) return 'vi'
  let best: { lang: Lang; q: number } | null = null
  for (const part of header.split(',').slice(0, 50)) {
    const [tag = '', ...params] = part.trim().split(';')
    const primary = tag.trim().toLowerCase().split('-')[0]
    if (primary !== 'vi' && primary !== 'en') continue
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qp ? Number(qp.slice(2)) : 1
    if (!Number.isFinite(q) || q <= 0) continue
    if (best === null || q > best.q) best = { lang: primary, q }
  }
  return best?.lang ?? 'vi'
}

/** A problem a route raises on purpose: its status and its issues. @internal */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly issues: readonly ChisoIssue[],
    readonly extra: { readonly currentVersion?: number; readonly headers?: Readonly<Record<string, string>> } = {},
  ) {
    super(issues[0]?.message.en ?? `HTTP ${status}`)
    this.name = 'HttpProblem'
  }
}

/** One issue. @internal */
export function problemIssue(code: string, path: IssuePath, message: Message): ChisoIssue {
  return { code, path, message } as ChisoIssue
}

/** A problem with one issue. @internal */
export function problem(status: number, code: string, message: Message, path: IssuePath = []): HttpProblem {
  return new HttpProblem(status, [problemIssue(code, path, message)])
}

const TITLES: Record<number, Message> = {
  400: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  401: { vi: 'Cần đăng nhập', en: 'Authentication required' },
  403: { vi: 'Không có quyền', en: 'Forbidden' },
  404: { vi: 'Không tìm thấy', en: 'Not found' },
  405: { vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  409: { vi: 'Xung đột', en: 'Conflict' },
  413: { vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' },
  415: { vi: 'Kiểu dữ liệu không được hỗ trợ', en: 'Unsupported media type' },
  422: { vi: 'Dữ liệu không hợp lệ', en: 'Unprocessable content' },
  500: { vi: 'Lỗi nội bộ của máy chủ', en: 'Internal server error' },
  503: { vi: 'Cơ sở dữ liệu tạm thời không truy cập được', en: 'Database temporarily unavailable' },
}

/** The statuses a problem response can have (documented on every route). @internal */
export const PROBLEM_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 500, 503] as const

const STORE_STATUS: Partial<Record<string, number>> = {
  conflict: 409,
  not_found: 404,
  pack_version_taken: 409,
  stale_results: 409,
  nothing_to_publish: 409,
  database_unavailable: 503,
  store_closed: 503,
  schema_too_new: 503,
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
])

/** True for the errors a lost database connection gives (pg, node sockets). @internal */
export function isUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false
  const code = (e as { code?: unknown }).code
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
  return /Connection terminated|connection (is )?closed|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i.test(
    e.message,
  )
}

const unavailable = (): HttpProblem =>
  new HttpProblem(
    503,
    [problemIssue('database_unavailable', [], { vi: 'Không kết nối được cơ sở dữ liệu; hãy thử lại sau ít giây', en: 'The database cannot be reached; try again in a few seconds' })],
    { headers: { 'Retry-After': '5' } },
  )

/** Maps any error a route meets to a problem; unexpected errors are logged and hidden. @internal */
export function toProblem(e: unknown, log: (message: string, error: unknown) => void): HttpProblem {
  if (e instanceof HttpProblem) return e
  if (e instanceof StoreError) {
    if (e.code === 'database_unavailable') return unavailable()
    const status = STORE_STATUS[e.code] ?? 422
    return new HttpProblem(status, e.issues, e.currentVersion !== undefined ? { currentVersion: e.currentVersion } : {})
  }
  if (e instanceof ChisoError) return new HttpProblem(422, e.issues)
  if (e instanceof HTTPException) {
    if (e.status === 413) return tooLarge()
    if (e.status === 400)
      return problem(400, 'malformed_body', { vi: 'Nội dung gửi lên không đọc được (JSON hoặc biểu mẫu hỏng)', en: 'The request body cannot be read (malformed JSON or form data)' })
    if (e.status >= 400 && e.status < 500) return problem(e.status, 'bad_request', { vi: TITLES[e.status]?.vi ?? 'Yêu cầu không hợp lệ', en: TITLES[e.status]?.en ?? e.message })
  }
  if (isUnavailable(e)) return unavailable()
  log('chiso http: unexpected error', e)
  return problem(500, 'internal_error', { vi: 'Lỗi nội bộ của máy chủ; lỗi đã được ghi lại', en: 'Internal server error; it has been logged' })
}

/**
 * The fields of a route's request by where they are sent: path parameters, query
 * parameters and the JSON body's top-level keys (`'any'` for a body of free keys, `'file'`
 * for an uploaded file, `'none'` without a body). @internal
 */
export interface RequestFields {
  readonly param: readonly string[]
  readonly query: readonly string[]
  readonly body: readonly string[] | 'any' | 'file' | 'none'
}

/** Where a request sends a field: the first element of a problem's path in an answer. */
const PLACES = new Set(['body', 'query', 'param', 'content-type'])

/**
 * A problem's path as a point in the request as sent. The store names the arguments it was
 * called with (`['assessment', 'group']`, `['items', 0, 'expectedVersion']`, `['unitId']`),
 * a route's own problem may name a path parameter (`['unitId']`): each is placed under
 * where the route's request sends that field, `['body', 'assessment', 'group']`,
 * `['param', 'unitId']`, `['query', 'pack']` (a path or query parameter is one string: a
 * deeper path names that parameter). A problem found in an uploaded file's content is at
 * `['body']` when it names no cell. A path already placed (`body`, `query`, `param`,
 * `content-type`), an empty one and one naming no field of the request are kept.
 * @internal
 */
export function requestPath(path: IssuePath, fields: RequestFields | undefined): IssuePath {
  const head = path[0]
  if (fields === undefined || head === undefined || (typeof head === 'string' && PLACES.has(head))) return path
  const key = String(head)
  if (fields.param.includes(key)) return ['param', key]
  if (fields.query.includes(key)) return ['query', key]
  if (fields.body === 'any' || (Array.isArray(fields.body) && fields.body.includes(key))) return ['body', ...path]
  if (fields.body === 'file') return ['body']
  return path
}

/** The problem with every path pointing into the request as sent (see {@link requestPath}). @internal */
export function inRequest(p: HttpProblem, fields: RequestFields | undefined): HttpProblem {
  if (fields === undefined) return p
  return new HttpProblem(
    p.status,
    p.issues.map((i) => ({ ...i, path: requestPath(i.path, fields) })),
    p.extra,
  )
}

/** 413 with the limit. @internal */
export function tooLarge(limit?: number): HttpProblem {
  const size = limit === undefined ? undefined : `${Math.round(limit / 1024)} KB`
  return problem(413, 'body_too_large', {
    vi: size ? `Dữ liệu gửi lên vượt giới hạn ${size}` : 'Dữ liệu gửi lên vượt giới hạn cho phép',
    en: size ? `The request body is larger than the limit of ${size}` : 'The request body is larger than the limit',
  })
}

/** The problem document of `p` in `lang`. @internal */
export function problemDocument(p: HttpProblem, lang: Lang): ProblemDocument {
  const first = p.issues[0]
  const title = TITLES[p.status] ?? TITLES[p.status >= 500 ? 500 : 400]!
  const more = p.issues.length > 1 ? (lang === 'vi' ? ` (và ${p.issues.length - 1} vấn đề khác)` : ` (and ${p.issues.length - 1} more)`) : ''
  return {
    type: `urn:chiso:problem:${first?.code ?? 'error'}`,
    title: title[lang],
    status: p.status,
    detail: (first ? first.message[lang] : title[lang]) + more,
    issues: p.issues.slice(0, 500).map((i) => ({ code: String(i.code), path: i.path.map((x) => (typeof x === 'number' ? x : String(x))), message: i.message[lang] })),
    ...(p.extra.currentVersion !== undefined ? { currentVersion: p.extra.currentVersion } : {}),
  }
}

/** The response of a problem. @internal */
export function problemResponse(c: Context, p: HttpProblem): Response {
  const lang = negotiateLang(c.req.header('accept-language'))
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8', 'content-language': lang, vary: 'Accept-Language', ...(p.extra.headers ?? {}) }
  if (p.status === 401) headers['www-authenticate'] = 'Bearer realm="chiso"'
  return new Response(JSON.stringify(problemDocument(p, lang)), { status: p.status, headers })
}
