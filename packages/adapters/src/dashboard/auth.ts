/**
 * Who is signed in: the token a person types on the sign-in form is checked by the
 * service's authenticator and kept server-side; the browser holds only a random session id
 * in an HttpOnly, SameSite=Strict cookie. Every POST carries the session's CSRF token in a
 * hidden field and must come from this origin.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

// The service's principals and authenticator: the dashboard signs people in with the very
// tokens the API takes.
import type { Principal } from '../http/auth.js'
export type { Role, Principal, Authenticator } from '../http/auth.js'

/** The session cookie's name. @internal */
export const SESSION_COOKIE = 'chiso_session'

interface Session {
  /** the token, checked again on every request (a revoked token ends the session) */
  readonly token: string
  readonly csrf: string
  readonly expires: number
}

/** How long a session lasts without signing in again. */
const SESSION_MS = 8 * 60 * 60 * 1000
const MAX_SESSIONS = 10_000

const digest = (s: string): Buffer => createHash('sha256').update(s).digest()

/** Signed-in sessions, in memory (a restart signs everyone out). @internal */
export class Sessions {
  readonly #byId = new Map<string, Session>()
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  /** Starts a session for a token already authenticated; returns its id. */
  create(token: string): string {
    const now = this.#now()
    if (this.#byId.size >= MAX_SESSIONS) {
      for (const [id, s] of this.#byId) if (s.expires <= now) this.#byId.delete(id)
      // still full: the oldest go first
      for (const id of this.#byId.keys()) {
        if (this.#byId.size < MAX_SESSIONS) break
        this.#byId.delete(id)
      }
    }
    const id = randomBytes(32).toString('base64url')
    this.#byId.set(id, { token, csrf: randomBytes(32).toString('base64url'), expires: now + SESSION_MS })
    return id
  }

  /** The session of an id, if it exists and has not expired. */
  get(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined
    const s = this.#byId.get(id)
    if (!s) return undefined
    if (s.expires <= this.#now()) {
      this.#byId.delete(id)
      return undefined
    }
    return s
  }

  end(id: string | undefined): void {
    if (id !== undefined) this.#byId.delete(id)
  }
}

/** Compares a submitted CSRF token with the session's in constant time. @internal */
export function csrfMatches(expected: string, given: unknown): boolean {
  return typeof given === 'string' && given.length > 0 && timingSafeEqual(digest(expected), digest(given))
}

/**
 * True when a POST comes from this origin: its Origin header (or, without one, its
 * Referer) names the host it was sent to. Browsers send Origin on every form POST.
 * @internal
 */
export function sameOrigin(requestUrl: string, origin: string | undefined, referer: string | undefined): boolean {
  const self = new URL(requestUrl)
  const from = origin ?? referer
  if (from === undefined || from === 'null') return false
  try {
    const u = new URL(from)
    // the host only: behind a TLS-terminating proxy the request reaches us over plain http
    return u.host === self.host
  } catch {
    return false
  }
}

/** True when a principal may act on a unit. @internal */
export function mayActOn(p: Principal, unitId: string): boolean {
  return p.units === 'all' || p.units.includes(unitId)
}

/**
 * Where to go after signing in: a path of this site, never another site (`//host`,
 * `/\\host` and absolute URLs fall back to the overview).
 * @internal
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  // what a browser would make of it: still this host, or the overview
  try {
    return new URL(next, 'http://this.host').host === 'this.host' ? next : '/'
  } catch {
    return '/'
  }
}
