/**
 * The checks of a public function's own arguments, in one place: a compiled pack where one
 * is expected (not its JSON, not null), an options object with no unknown keys, a result
 * or a batch where one is read. Each answers with ONE typed issue at the argument's path
 * (`['pack']`, `['options', 'registry']`) instead of a JavaScript crash deeper in. They run
 * once per call, never per unit.
 */
import type { CompiledPack } from '../model/compile.js'
import { ChisoError, issue, type ChisoIssue, type IssuePath } from './errors.js'
import type { ArgumentKind } from './issue-messages.js'

/** Reads a property without letting a throwing getter or proxy escape (undefined then). */
function read(v: object, key: string): unknown {
  try {
    return (v as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object'

/**
 * Whether a value is a compiled pack: a structural test (its node lookup, nodes, order and
 * content hash), so a pack compiled by the other copy of core (its ESM and CJS builds are
 * separate copies) is one too. @internal
 */
export function isCompiledPack(v: unknown): v is CompiledPack {
  if (!isObject(v)) return false
  return typeof read(v, 'node') === 'function' && Array.isArray(read(v, 'nodes')) && Array.isArray(read(v, 'postOrder')) && typeof read(v, 'contentHash') === 'string' && isObject(read(v, 'engine'))
}

/** Whether a value looks like a pack's JSON (not compiled): an object with an id, a version and criteria or a base. */
function looksLikePackJson(v: object): boolean {
  return typeof read(v, 'id') === 'string' && typeof read(v, 'version') === 'string' && (read(v, 'criteria') !== undefined || read(v, 'extends') !== undefined)
}

/** Whether a value looks like a stored result record (a result's `toJSON()`). */
function looksLikeRecord(v: object): boolean {
  return typeof read(v, 'fingerprint') === 'string' && isObject(read(v, 'pack')) && read(v, 'assessment') !== undefined
}

/** What a wrong argument is, as a message names it: a JSON type, or a thing core knows. @internal */
export function argumentReceived(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v !== 'object') return typeof v
  if (isCompiledPack(v)) return 'compiled_pack'
  if (looksLikePackJson(v)) return 'pack_json'
  if (looksLikeRecord(v)) return 'result_record'
  return 'object'
}

/** The one issue of an argument that is not what is expected. @internal */
export function argumentIssue(path: IssuePath, expected: ArgumentKind, value: unknown): ChisoIssue {
  return issue('invalid_argument', path, { argument: path.map(String).join('.'), expected, received: argumentReceived(value) })
}

/** Throws the issues given, if any, as one {@link ChisoError}. @internal */
export function throwIfAny(issues: readonly ChisoIssue[] | undefined, context = 'argument'): void {
  if (issues !== undefined && issues.length > 0) throw new ChisoError(issues, context)
}

/** The issue of a pack argument that is not a compiled pack (its JSON, null, anything else). @internal */
export function packArgumentIssue(pack: unknown, path: IssuePath = ['pack']): ChisoIssue | undefined {
  return isCompiledPack(pack) ? undefined : argumentIssue(path, 'compiled_pack', pack)
}

/** Throws when `pack` is not a compiled pack: for functions with no safe form. @internal */
export function requirePack(pack: unknown, path: IssuePath = ['pack']): void {
  const i = packArgumentIssue(pack, path)
  if (i) throw new ChisoError([i], 'argument')
}

/**
 * The issue of a compiled pack given where a pack's JSON is read (`compilePack`,
 * `createRegistry`, `composePack`): one issue, not one per compiled rule. @internal
 */
export function compiledPackGivenIssue(input: unknown, path: IssuePath, argument = 'pack'): ChisoIssue | undefined {
  return isCompiledPack(input) ? issue('compiled_pack_given', path, { argument }) : undefined
}

/** The issue of a value that is not a plain object (null, a list, a number …). @internal */
export function objectArgumentIssue(v: unknown, path: IssuePath): ChisoIssue | undefined {
  return isObject(v) && !Array.isArray(v) ? undefined : argumentIssue(path, 'object', v)
}

/** The issue of a value that is not a list. @internal */
export function arrayArgumentIssue(v: unknown, path: IssuePath): ChisoIssue | undefined {
  return Array.isArray(v) ? undefined : argumentIssue(path, 'array', v)
}

/** Whether a value is a unit result (what `evaluate` returns, from either copy of core). @internal */
export function isUnitResult(v: unknown): boolean {
  return isObject(v) && isCompiledPack(read(v, 'pack')) && typeof read(v, 'pointsAt') === 'function' && typeof read(v, 'node') === 'function'
}

/** Whether a value is a batch result (what `evaluateBatch` returns). @internal */
export function isBatchResult(v: unknown): boolean {
  return isObject(v) && isCompiledPack(read(v, 'pack')) && read(v, 'groups') instanceof Map && Array.isArray(read(v, 'units'))
}

/** Whether a value is a pack registry (what `createRegistry` returns). @internal */
export function isPackRegistry(v: unknown): boolean {
  return isObject(v) && !isCompiledPack(v) && typeof read(v, 'safeCompile') === 'function'
}

/**
 * The nearest of `known` names to a name mistyped (edit distance with swaps, at most one
 * edit for short names, two for longer ones; case ignored), for a "did you mean" hint. @internal
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const a = name.toLowerCase()
  const limit = a.length <= 4 ? 1 : 2
  let best: string | undefined
  let bestDistance = limit + 1
  for (const k of known) {
    const d = distance(a, k.toLowerCase(), bestDistance)
    if (d < bestDistance) {
      best = k
      bestDistance = d
    }
  }
  return best
}

/** Optimal string alignment distance of two short texts (stops early past `cap`). */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap
  let prev2: number[] = []
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let least = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1)
      row.push(d)
      if (d < least) least = d
    }
    if (least >= cap) return cap
    prev2 = prev
    prev = row
  }
  return prev[b.length]!
}

/**
 * Every key of an options object that the function does not know: `unknown_option` at
 * `[...path, key]`, naming the nearest known key when one is near (a misspelt `traces` or
 * `kernal` is refused, never silently ignored). An options value that is not an object is
 * one `invalid_argument`. Undefined options are none. @internal
 */
export function optionKeyIssues(options: unknown, known: readonly string[], path: IssuePath = ['options']): ChisoIssue[] {
  if (options === undefined) return []
  const bad = objectArgumentIssue(options, path)
  if (bad) return [bad]
  const out: ChisoIssue[] = []
  for (const key of Object.keys(options as object)) {
    if (known.includes(key)) continue
    const suggestion = nearestName(key, known)
    out.push(issue('unknown_option', [...path, key], { option: key, known: known.join(', '), ...(suggestion === undefined ? {} : { suggestion }) }))
  }
  return out
}

/**
 * The problem of `traceLines(trace, locale)`'s arguments, if any: a trace with its events
 * (not null, not a node), a locale of "vi" or "en". @internal
 */
export function traceArgumentIssue(trace: unknown, locale: unknown): ChisoIssue | undefined {
  if (!isObject(trace) || !Array.isArray(read(trace, 'events'))) return argumentIssue(['trace'], 'trace', trace)
  if (locale !== 'vi' && locale !== 'en') return argumentIssue(['locale'], 'locale', locale)
  return undefined
}
