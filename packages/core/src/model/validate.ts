/**
 * Structural validation shared by packs, assessments and records: the pre-scan of the input
 * limits (limits.ts: depth, size, digits, forbidden keys, non-finite numbers) and, only when
 * it finds nothing, the zod schema, with every zod issue translated into a bilingual
 * {@link ChisoIssue}.
 */
import * as z from 'zod/v4/core'
import english from 'zod/v4/locales/en.js'
import { append, issue, type ChisoIssue, type IssuePath } from '../util/errors.js'
import { bilingualParts, viNumber } from '../util/issue-messages.js'
import { checkLimits } from '../util/limits.js'
import { invalidVersion } from './versions.js'

export { FORBIDDEN_KEYS } from '../util/limits.js'

function valueAt(root: unknown, path: IssuePath): unknown {
  let v = root
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined
    if (!Object.prototype.hasOwnProperty.call(v, p)) return undefined
    v = (v as Record<string | number, unknown>)[p]
  }
  return v
}

function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

/** Translates zod issues into ChisoIssues, flattening unions to their most precise branch. @internal */
export function fromZodIssues(issues: readonly z.$ZodIssue[], root: unknown, base: IssuePath = []): ChisoIssue[] {
  const out: ChisoIssue[] = []
  for (const zi of issues) {
    const path = [...base, ...(zi.path as (string | number)[])]
    const value = valueAt(root, zi.path as (string | number)[])
    switch (zi.code) {
      case 'invalid_type':
        if (value === undefined && !hasPath(root, zi.path as (string | number)[])) {
          out.push(issue('missing_field', path, { field: String(path[path.length - 1] ?? '') }))
        } else {
          out.push(issue('invalid_type', path, { expected: zi.expected, received: typeName(value) }, value))
        }
        break
      case 'unrecognized_keys':
        for (const key of zi.keys) out.push(issue('unknown_field', [...path, key], { field: key }, valueAt(root, [...(zi.path as (string | number)[]), key])))
        break
      case 'invalid_union': {
        // report the branch that got furthest: among the branches of the value's own type,
        // the one whose issues have the longest paths
        const branches = zi.errors
        const typeOnly = (b: readonly z.$ZodIssue[]): boolean => b.every((i) => i.code === 'invalid_type' && i.path.length === 0)
        let best: readonly z.$ZodIssue[] | undefined
        let bestScore = Number.NEGATIVE_INFINITY
        for (const b of branches) {
          const score = b.reduce((m, i) => Math.max(m, i.path.length), 0) * 1000 - b.length
          if (b.length > 0 && !typeOnly(b) && score > bestScore) {
            best = b
            bestScore = score
          }
        }
        const allTypeErrorsAtRoot = branches.every(typeOnly)
        if (value === undefined && !hasPath(root, zi.path as (string | number)[])) {
          out.push(issue('missing_field', path, { field: String(path[path.length - 1] ?? '') }))
        } else if (allTypeErrorsAtRoot && branches.length > 0) {
          // no branch accepts this type: name the types that would do
          const expected = [...new Set(branches.flatMap((b) => b.map((i) => String((i as { expected?: unknown }).expected))))].join(' | ')
          out.push(issue('invalid_type', path, { expected, received: typeName(value) }, value))
        } else if (best) {
          append(
            out,
            fromZodIssues(
              best.map((i) => ({ ...i, path: [...zi.path, ...i.path] })),
              root,
              base,
            ),
          )
        } else {
          out.push(issue('invalid_value', path, { value, ...zodDetail(zi) }, value))
        }
        break
      }
      case 'custom': {
        // a check of ours hands over its own issue (e.g. number_too_precise) in its params;
        // a refinement may name its own code (a version that is not semver)
        const params = zi.params as { chiso?: ChisoIssue; code?: unknown } | undefined
        if (params?.chiso) out.push({ ...params.chiso, path })
        else if (params?.code === 'invalid_version') out.push(invalidVersion(path, value))
        else out.push(issue('invalid_value', path, { value, ...zodDetail(zi) }, value))
        break
      }
      default:
        // a literal field (kind: "chiso.unit-result") not there at all is a missing field
        if (zi.code === 'invalid_value' && value === undefined && !hasPath(root, zi.path as (string | number)[])) {
          out.push(issue('missing_field', path, { field: String(path[path.length - 1] ?? '') }))
        } else out.push(issue('invalid_value', path, { value, ...zodDetail(zi) }, value))
    }
  }
  return out
}

/**
 * Why zod refused a value, in both languages: a check of ours says it in both (see
 * {@link bilingual}); zod's own checks are said from the issue's data (its bounds, its
 * options, its format) in whole words in each language — never zod's English wording. A
 * custom check of someone else's schema keeps its own message in English.
 */
function zodDetail(zi: z.$ZodIssue): { detail: string; detailEn: string } {
  const ours = bilingualParts(zi.message)
  if (ours) return { detail: ours.vi, detailEn: ours.en }
  const w = zodWords(zi)
  return { detail: w.vi, detailEn: zi.code === 'custom' ? zi.message : w.en }
}

/** A literal as a message names it: a text quoted, a number as the language writes it. */
const literal = (v: unknown, locale: 'vi' | 'en'): string => (typeof v === 'string' ? JSON.stringify(v) : locale === 'vi' ? viNumber(String(v)) : String(v))

function zodWords(zi: z.$ZodIssue): { vi: string; en: string } {
  switch (zi.code) {
    case 'too_small':
    case 'too_big': {
      const small = zi.code === 'too_small'
      const bound = String(small ? zi.minimum : zi.maximum)
      switch (zi.origin) {
        case 'string':
          return { vi: `${small ? 'cần ít nhất' : 'tối đa'} ${bound} ký tự`, en: `${small ? 'at least' : 'at most'} ${bound} character${bound === '1' ? '' : 's'}` }
        case 'array':
        case 'set':
          return { vi: `${small ? 'cần ít nhất' : 'tối đa'} ${bound} phần tử`, en: `${small ? 'at least' : 'at most'} ${bound} item${bound === '1' ? '' : 's'}` }
        case 'date':
          return { vi: `phải ${small ? 'từ' : 'đến'} ngày ${bound}`, en: `must be ${small ? 'on or after' : 'on or before'} ${bound}` }
        default: {
          const sign = small ? (zi.inclusive === false ? '>' : '≥') : zi.inclusive === false ? '<' : '≤'
          return { vi: `phải ${sign} ${viNumber(bound)}`, en: `must be ${sign} ${bound}` }
        }
      }
    }
    case 'invalid_format':
      switch (zi.format) {
        case 'date':
          return { vi: 'phải là ngày có thật, dạng YYYY-MM-DD', en: 'must be a real date, YYYY-MM-DD' }
        case 'datetime':
          return { vi: 'phải là thời điểm dạng ISO 8601, ví dụ 2025-01-31T08:00:00Z', en: 'must be an ISO 8601 date and time, e.g. 2025-01-31T08:00:00Z' }
        case 'time':
          return { vi: 'phải là giờ dạng HH:MM hoặc HH:MM:SS', en: 'must be a time HH:MM or HH:MM:SS' }
        default:
          return { vi: 'không đúng dạng yêu cầu', en: 'not in the form required' }
      }
    case 'not_multiple_of':
      return { vi: `phải là bội số của ${viNumber(String(zi.divisor))}`, en: `must be a multiple of ${String(zi.divisor)}` }
    case 'invalid_value': {
      const one = zi.values.length === 1
      const list = (locale: 'vi' | 'en'): string => zi.values.map((v) => literal(v, locale)).join(locale === 'vi' ? (zi.values.some((v) => typeof v === 'number') ? '; ' : ', ') : ', ')
      return one ? { vi: `phải là ${list('vi')}`, en: `must be ${list('en')}` } : { vi: `phải là một trong: ${list('vi')}`, en: `must be one of: ${list('en')}` }
    }
    case 'invalid_key':
      return { vi: 'khóa không hợp lệ', en: 'a key that is not valid' }
    case 'invalid_element':
      return { vi: 'phần tử không hợp lệ', en: 'an element that is not valid' }
    default:
      return { vi: 'không hợp lệ', en: 'not valid' }
  }
}

function hasPath(root: unknown, path: (string | number)[]): boolean {
  let v = root
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, p)) return false
    v = (v as Record<string | number, unknown>)[p]
  }
  return true
}

let englishErrors: z.$ZodErrorMap | undefined

/**
 * Parses with any zod schema (zod or zod/mini: both are zod/v4/core schemas), with zod's
 * English messages whether or not the application configured a locale. @internal
 */
export function safeParse<S extends z.$ZodType>(schema: S, input: unknown): z.util.SafeParseResult<z.output<S>> {
  englishErrors ??= english().localeError
  return z.safeParse(schema, input, { error: englishErrors })
}

/**
 * Runs the pre-scan of the input limits and, when it finds nothing, the schema; returns
 * parsed data or every issue. When the pre-scan finds problems the schema does not run (the
 * input may be too deep or too large for it) and `beyondLimits` says so: nothing else may
 * walk that input either. @internal
 */
export function parseWith<S extends z.$ZodType>(schema: S, input: unknown, base: IssuePath = []): { data?: z.output<S>; issues: ChisoIssue[]; beyondLimits?: true } {
  const limits = checkLimits(input, base)
  if (limits.length > 0) return { issues: limits, beyondLimits: true }
  const r = safeParse(schema, input)
  if (r.success) return { data: r.data, issues: [] }
  return { issues: fromZodIssues(r.error.issues, input, base) }
}

/**
 * Deep copy of plain data (arrays, plain and null-prototype objects; anything else is kept
 * as it is). zod copies the objects it knows but hands `unknown` values (facts, unit
 * attributes, condition values) on by reference; results and compiled packs keep their
 * own copy so later edits of the caller's objects cannot change them.
 * @internal
 */
export function copyData<T>(v: T): T {
  return copyWalk(v) as T
}

/** Copies plain objects and arrays (other objects are kept). Only for data within the input limits. */
function copyWalk(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map(copyWalk)
  const proto = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) return v
  // an object without a prototype is copied as one: nothing inherited appears in the copy
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {}
  const keys = Object.keys(v)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    const x = copyWalk((v as Record<string, unknown>)[k])
    // a "__proto__" key (kept as data in borrowed input) stays a key, never a prototype
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true })
    else out[k] = x
  }
  return out
}
