/**
 * Pack versions are semantic versions (semver.org 2.0.0), ordered by its precedence rules:
 * numeric pre-release parts compare as numbers ("rc.10" after "rc.9"), build metadata does
 * not change the order, and anything else ("1.2", "v1.2.0", "01.2.0") is not a version.
 * Written out here rather than taken from the `semver` package, which is a tenth of the
 * browser bundle; the tests check this order against `semver` and the spec.
 */
import { ChisoError, issue, type ChisoIssue, type IssuePath } from '../util/errors.js'
import { preview } from '../util/limits.js'

/** The grammar of semver.org 2.0.0 (its own regular expression), for the pack JSON Schema. @internal */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

/**
 * The longest version semver accepts (its `MAX_LENGTH`). Checked before the pattern: the
 * pattern's backtracking on megabytes of text ("1.0.0-a.a.a…!") exhausts the stack.
 * @internal
 */
export const MAX_VERSION_LENGTH = 256

/**
 * Whether a string is a semantic version, written exactly (no "v" prefix, no spaces) and
 * within semver's limits (numbers up to 2^53 − 1, at most 256 characters). @internal
 */
export function isVersion(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > MAX_VERSION_LENGTH || !SEMVER_PATTERN.test(v)) return false
  // as semver: major, minor and patch within Number.MAX_SAFE_INTEGER
  return mainParts(v).every((n) => Number(n) <= Number.MAX_SAFE_INTEGER)
}

/** major, minor and patch as written (digits) */
function mainParts(v: string): string[] {
  return precedenceKey(v).split('-', 1)[0]!.split('.')
}

/** the pre-release identifiers ([] for a release) */
function preRelease(v: string): string[] {
  const key = precedenceKey(v)
  const dash = key.indexOf('-')
  return dash < 0 ? [] : key.slice(dash + 1).split('.')
}

const DIGITS = /^\d+$/

/** Compares numerals without leading zeros (any length: no rounding through doubles). */
function compareNumerals(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1
  return a === b ? 0 : a < b ? -1 : 1
}

/** semver.org §11.4: numeric identifiers as numbers and below alphanumeric ones, which compare in ASCII order. */
function compareIdentifiers(a: string, b: string): number {
  const an = DIGITS.test(a)
  const bn = DIGITS.test(b)
  if (an && bn) return compareNumerals(a, b)
  if (an !== bn) return an ? -1 : 1
  return a === b ? 0 : a < b ? -1 : 1
}

/** Precedence of two versions (both checked by {@link isVersion}). */
function comparePrecedence(a: string, b: string): number {
  const am = mainParts(a)
  const bm = mainParts(b)
  for (let i = 0; i < 3; i++) {
    const c = compareNumerals(am[i]!, bm[i]!)
    if (c !== 0) return c
  }
  const ap = preRelease(a)
  const bp = preRelease(b)
  // a release is above its pre-releases
  if (ap.length === 0 || bp.length === 0) return ap.length === bp.length ? 0 : ap.length === 0 ? 1 : -1
  for (let i = 0; i < Math.min(ap.length, bp.length); i++) {
    const c = compareIdentifiers(ap[i]!, bp[i]!)
    if (c !== 0) return c
  }
  // a longer set of identifiers is above its prefix
  return ap.length === bp.length ? 0 : ap.length < bp.length ? -1 : 1
}

/** The `invalid_version` issue for a value at `path`; a long text is kept cut short, as the limits do. @internal */
export function invalidVersion(path: IssuePath, value: unknown): ChisoIssue {
  const shown = typeof value === 'string' ? preview(value) : value
  return issue('invalid_version', path, { value: shown }, shown)
}

/**
 * What decides a version's precedence: the version without its build metadata. For versions
 * (numbers without leading zeros) two versions have equal precedence exactly when these are
 * equal, so versions can be told apart by a map, not by comparing each pair. @internal
 */
export function precedenceKey(version: string): string {
  const plus = version.indexOf('+')
  return plus < 0 ? version : version.slice(0, plus)
}

/**
 * Compares two semantic versions by precedence (semver.org 2.0.0): −1, 0 or 1. Pre-release sorts before release and compares part by part, numbers
 * as numbers; build metadata is ignored ("1.0.0+a" and "1.0.0+b" have equal precedence).
 * Throws a {@link ChisoError} with an `invalid_version` issue for each argument that is not
 * a semantic version (such as "1.2"): a pack's version is checked when it is read, so this
 * never happens for versions that come from packs.
 *
 * @example
 * ```ts
 * import { compareVersions } from '@chiso/core'
 * ['1.10.0', '1.2.0', '1.2.0-rc.10', '1.2.0-rc.9'].sort(compareVersions) // ['1.2.0-rc.9', '1.2.0-rc.10', '1.2.0', '1.10.0']
 * compareVersions('1.2.0+build.2', '1.2.0') // 0
 * ```
 */
export function compareVersions(a: string, b: string): number {
  if (!isVersion(a) || !isVersion(b)) {
    const bad = [a, b].map((v, i) => (isVersion(v) ? undefined : invalidVersion([i], v))).filter((x) => x !== undefined)
    throw new ChisoError(bad, 'version')
  }
  return comparePrecedence(a, b)
}
