/**
 * Structural validation shared by packs and assessments: a scan for forbidden keys and
 * non-finite numbers (which zod would report less precisely), then the zod schema, with
 * every zod issue translated into a bilingual {@link ChisoIssue}.
 */
import type { z } from 'zod'
import { issue, type ChisoIssue, type IssuePath } from './errors.js'

/** Keys an input may not hold anywhere: they could reach an object's prototype. @internal */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Finds `__proto__` / `constructor` / `prototype` keys and NaN / Infinity anywhere. @internal */
export function scanUnsafe(value: unknown, path: (string | number)[] = [], out: ChisoIssue[] = [], depth = 0): ChisoIssue[] {
  if (depth > 200) {
    out.push(issue('invalid_value', path, { value: '…', detail: 'nested too deeply / lồng quá sâu' }))
    return out
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(issue('not_finite_number', path, { value }, value))
    return out
  }
  if (value === null || typeof value !== 'object') return out
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) scanUnsafe(value[i], [...path, i], out, depth + 1)
    return out
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      out.push(issue('forbidden_key', [...path, key], { key }, (value as Record<string, unknown>)[key]))
      continue
    }
    scanUnsafe((value as Record<string, unknown>)[key], [...path, key], out, depth + 1)
  }
  return out
}

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
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], root: unknown, base: IssuePath = []): ChisoIssue[] {
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
        // report the branch that got furthest: the one whose issues have the longest paths
        const branches = zi.errors
        let best: readonly z.core.$ZodIssue[] | undefined
        let bestScore = -1
        for (const b of branches) {
          const score = b.reduce((m, i) => Math.max(m, i.path.length), 0) * 1000 - b.length
          if (b.length > 0 && score > bestScore) {
            best = b
            bestScore = score
          }
        }
        const allTypeErrorsAtRoot = branches.every((b) => b.every((i) => i.code === 'invalid_type' && i.path.length === 0))
        if (value === undefined && !hasPath(root, zi.path as (string | number)[])) {
          out.push(issue('missing_field', path, { field: String(path[path.length - 1] ?? '') }))
        } else if (allTypeErrorsAtRoot && branches.length > 0) {
          // no branch accepts this type: name the types that would do
          const expected = [...new Set(branches.flatMap((b) => b.map((i) => String((i as { expected?: unknown }).expected))))].join(' | ')
          out.push(issue('invalid_type', path, { expected, received: typeName(value) }, value))
        } else if (best) {
          out.push(...fromZodIssues(best.map((i) => ({ ...i, path: [...zi.path, ...i.path] })), root, base))
        } else {
          out.push(issue('invalid_value', path, { value, detail: zi.message }, value))
        }
        break
      }
      case 'custom':
        // a refinement may name its own code (a version that is not semver)
        if ((zi.params as { code?: unknown } | undefined)?.code === 'invalid_version') out.push(issue('invalid_version', path, { value }, value))
        else out.push(issue('invalid_value', path, { value, detail: zi.message }, value))
        break
      default:
        out.push(issue('invalid_value', path, { value, detail: zi.message }, value))
    }
  }
  return out
}

function hasPath(root: unknown, path: (string | number)[]): boolean {
  let v = root
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, p)) return false
    v = (v as Record<string | number, unknown>)[p]
  }
  return true
}

/** Runs the unsafe-key scan and then the schema; returns parsed data or every issue. @internal */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, base: IssuePath = []): { data?: z.output<S>; issues: ChisoIssue[] } {
  const unsafe = scanUnsafe(input, [...base])
  if (unsafe.length > 0) {
    // still report schema problems elsewhere, but never hand unsafe data on
    const r = schema.safeParse(input)
    const rest = r.success ? [] : fromZodIssues(r.error.issues, input, base).filter((i) => !unsafe.some((u) => samePrefix(u.path, i.path)))
    return { issues: [...unsafe, ...rest] }
  }
  const r = schema.safeParse(input)
  if (r.success) return { data: r.data, issues: [] }
  return { issues: fromZodIssues(r.error.issues, input, base) }
}

function samePrefix(a: IssuePath, b: IssuePath): boolean {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Deep copy of plain data (arrays, plain and null-prototype objects; anything else is kept
 * as it is). zod copies the objects it knows but hands `unknown` values (facts, unit
 * attributes, condition values) on by reference; results and compiled packs keep their
 * own copy so later edits of the caller's objects cannot change them.
 * @internal
 */
export function copyData<T>(v: T): T {
  return copyWalk(v, 0, false) as T
}

const UNSAFE: unique symbol = Symbol('unsafe')

/**
 * copyData and the unsafe scan in one walk: a copy of a JSON value, or undefined at the
 * first forbidden key, non-finite number or depth past 200 (the cases scanUnsafe reports).
 * @internal
 */
export function copyIfSafe<T>(v: T): T | undefined {
  const out = copyWalk(v, 0, true)
  return out === UNSAFE ? undefined : (out as T)
}

/** Copies plain objects and arrays (other objects are kept); with `check`, UNSAFE at the first unsafe value. */
function copyWalk(v: unknown, depth: number, check: boolean): unknown {
  if (typeof v === 'number') return check && v - v !== 0 ? UNSAFE : v
  if (v === null || typeof v !== 'object') return v
  if (check && depth > 200) return UNSAFE
  if (Array.isArray(v)) {
    const out = v.map((x) => copyWalk(x, depth + 1, check))
    return check && out.includes(UNSAFE) ? UNSAFE : out
  }
  const proto = Object.getPrototypeOf(v)
  const plain = proto === Object.prototype || proto === null
  // objects that are not plain data are kept as they are (but still scanned when checking)
  if (!plain && !check) return v
  const out: Record<string, unknown> = {}
  const keys = Object.keys(v)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    if (check && FORBIDDEN_KEYS.has(k)) return UNSAFE
    const x = copyWalk((v as Record<string, unknown>)[k], depth + 1, check)
    if (x === UNSAFE) return UNSAFE
    if (plain) out[k] = x
  }
  return plain ? out : v
}
