/**
 * Who is calling: roles, principals and bearer tokens. Tokens are random secrets handed to
 * people once; only their sha-256 is kept (in memory, and in a tokens file when one is
 * given), so a copy of the file lets nobody in. A presented token is hashed and compared
 * with every stored hash in constant time.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'

/**
 * What a principal may do (deny by default; the route table names the role each route needs):
 * - `admin`: packs, units, scoring, publishing, verifying, tokens; reads everything;
 * - `appraiser`: appraises (and reads) the units in its scope;
 * - `unit`: submits and reads its own unit only.
 *
 * A caller without a token is anonymous and reads published results only.
 */
export type Role = 'admin' | 'appraiser' | 'unit'

/** A signed-in caller. */
export interface Principal {
  role: Role
  /** who, for the appraisal trail and the audit chain (e.g. "Nguyễn Văn A" or the token's label) */
  name: string
  /** the units this principal may act on: 'all' for admin (and an appraiser of every unit) */
  units: 'all' | readonly string[]
}

/** Resolves bearer tokens to principals. */
export interface Authenticator {
  /** resolves a bearer token; null when unknown (the caller is then anonymous) */
  authenticate(token: string): Promise<Principal | null>
}

/** A stored token: its hash and whom it stands for, never the token itself. */
export interface TokenRecord {
  /** sha-256 of the token, lower-case hex */
  readonly hash: string
  readonly role: Role
  readonly name: string
  readonly units: 'all' | readonly string[]
  /** ISO time the token was issued */
  readonly createdAt: string
}

/** What {@link TokenRegistry.issue} is asked for. */
export interface IssueTokenInput {
  readonly role: Role
  readonly name: string
  /** default: 'all' for an admin; an appraiser or a unit officer must name its units */
  readonly units?: 'all' | readonly string[]
}

/** An {@link Authenticator} that also issues tokens (the `POST /api/tokens` route uses it). */
export interface TokenRegistry extends Authenticator {
  /**
   * Issues a new token: the secret is returned once and only its hash is kept.
   *
   * @example
   * ```ts
   * const { token } = await registry.issue({ role: 'unit', name: 'Cán bộ xã A', units: ['xa-a'] })
   * ```
   */
  issue(input: IssueTokenInput): Promise<{ readonly token: string; readonly record: TokenRecord }>
  /** the stored records (hashes only) */
  list(): readonly TokenRecord[]
}

const HEX64 = /^[0-9a-f]{64}$/
const ROLES: readonly Role[] = ['admin', 'appraiser', 'unit']

/**
 * The sha-256 of a token, lower-case hex: what is stored in its place.
 *
 * @example
 * ```ts
 * import { hashToken } from '@chiso/adapters/http'
 * hashToken('chiso_abc') // '…64 hex digits…'
 * ```
 */
export function hashToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(token)))
}

/** Equal strings of the same length, compared without an early exit. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

function checkRecord(r: unknown, at: string): TokenRecord {
  const o = r as Partial<TokenRecord> | null
  const units = o?.units
  const unitsOk = units === 'all' || (Array.isArray(units) && units.every((u) => typeof u === 'string' && u.length > 0 && u.length <= 200))
  if (
    !o ||
    typeof o !== 'object' ||
    typeof o.hash !== 'string' ||
    !HEX64.test(o.hash) ||
    !ROLES.includes(o.role as Role) ||
    typeof o.name !== 'string' ||
    !unitsOk ||
    typeof o.createdAt !== 'string'
  ) {
    throw new Error(`${at}: not a token record (hash, role, name, units, createdAt) / không phải bản ghi mã truy cập`)
  }
  return { hash: o.hash, role: o.role as Role, name: o.name, units: units === 'all' ? 'all' : [...(units as string[])], createdAt: o.createdAt }
}

function checkIssue(input: IssueTokenInput): { role: Role; name: string; units: 'all' | readonly string[] } {
  if (!ROLES.includes(input.role)) throw new TypeError(`role must be one of ${ROLES.join(', ')} / vai trò phải là một trong ${ROLES.join(', ')}`)
  const name = typeof input.name === 'string' ? input.name.trim() : ''
  if (name.length === 0 || name.length > 200) throw new TypeError('name: 1 to 200 characters / tên: 1 đến 200 ký tự')
  const units = input.units ?? (input.role === 'admin' ? 'all' : undefined)
  if (units === undefined) throw new TypeError(`a ${input.role} token names its units / mã của vai trò ${input.role} phải nêu các đơn vị`)
  if (input.role === 'admin' && units !== 'all') throw new TypeError("an admin's units are 'all' / quản trị viên có phạm vi 'all'")
  if (input.role === 'unit' && (units === 'all' || units.length !== 1)) throw new TypeError("a unit officer's token names exactly one unit / mã của cán bộ đơn vị nêu đúng một đơn vị")
  if (units !== 'all' && (units.length === 0 || units.some((u) => typeof u !== 'string' || u.length === 0 || u.length > 200))) throw new TypeError('units: unit ids / units: mã đơn vị')
  return { role: input.role, name, units: units === 'all' ? 'all' : [...new Set(units)] }
}

/**
 * A token registry kept in memory and, when `file` is given, in a JSON file of hashes
 * (written atomically on every issue; read at start, and again within a second when another
 * process such as `chiso token` adds to it).
 *
 * @example
 * ```ts
 * import { createTokenRegistry } from '@chiso/adapters/http'
 * const auth = createTokenRegistry({ file: './chiso-data/tokens.json' })
 * const { token } = await auth.issue({ role: 'admin', name: 'Sở Nội vụ' })
 * console.log('Authorization: Bearer ' + token)
 * await auth.authenticate(token) // { role: 'admin', name: 'Sở Nội vụ', units: 'all' }
 * ```
 */
export function createTokenRegistry(options: { readonly file?: string | undefined; readonly records?: readonly TokenRecord[] } = {}): TokenRegistry {
  const given: TokenRecord[] = (options.records ?? []).map((r, i) => checkRecord(r, `records[${i}]`))
  const file = options.file
  let fromFile: TokenRecord[] = []
  let seen = ''
  let checkedAt = 0
  // tokens issued by another process (`chiso token`) are seen within a second, without a restart
  const reload = (force: boolean): void => {
    if (file === undefined) return
    const now = Date.now()
    if (!force && now - checkedAt < 1000) return
    checkedAt = now
    const st = existsSync(file) ? statSync(file) : undefined
    const stamp = st ? `${st.mtimeMs}:${st.size}` : ''
    if (stamp === seen) return
    seen = stamp
    if (!st) {
      fromFile = []
      return
    }
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { tokens?: unknown }
    if (!parsed || !Array.isArray(parsed.tokens)) throw new Error(`${file}: expected { "tokens": [...] } / tệp mã truy cập không đúng dạng`)
    fromFile = parsed.tokens.map((r, i) => checkRecord(r, `${file} tokens[${i}]`))
  }
  reload(true)
  const all = (): TokenRecord[] => [...given, ...fromFile]
  const save = (records: readonly TokenRecord[]): void => {
    if (file === undefined) return
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify({ tokens: records }, null, 2) + '\n', { mode: 0o600 })
    renameSync(tmp, file)
    seen = ''
    reload(true)
  }
  return {
    async authenticate(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 512) return null
      try {
        reload(false)
      } catch {
        // a file broken by hand keeps the tokens read before it broke
      }
      const hash = hashToken(token)
      let found: TokenRecord | null = null
      // every record is compared, so the time taken does not say how far a guess got
      for (const r of all()) if (sameHex(r.hash, hash) && found === null) found = r
      return found === null ? null : { role: found.role, name: found.name, units: found.units }
    },
    async issue(input) {
      const checked = checkIssue(input)
      const token = `chiso_${randomBytes(32).toString('base64url')}`
      const record: TokenRecord = { hash: hashToken(token), ...checked, createdAt: new Date().toISOString() }
      if (file === undefined) given.push(record)
      else {
        reload(true)
        save([...fromFile, record])
      }
      return { token, record }
    },
    list: () => {
      reload(false)
      return all()
    },
  }
}

/** @internal true when the authenticator can issue tokens */
export function isTokenRegistry(a: Authenticator): a is TokenRegistry {
  return typeof (a as Partial<TokenRegistry>).issue === 'function'
}

/** @internal the bearer token of an Authorization header, or null */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})[ ]*$/i.exec(header)
  return m ? m[1]! : null
}
