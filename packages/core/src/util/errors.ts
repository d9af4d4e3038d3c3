/**
 * Typed, bilingual problems. Every check in the engine reports through here so a caller
 * gets every problem at once, each with a stable code, a path into the input, the
 * offending value, and a message in Vietnamese and English.
 */
import { en, type CoreIssueCode, type IssueParams, preview, vi, viNumber } from './issue-messages.js'

/** A path into the input: object keys and array indexes. */
export type IssuePath = ReadonlyArray<string | number>

export { preview, type IssueParams, type CoreIssueCode } from './issue-messages.js'

/**
 * One problem found in a pack, an assessment or a batch. `C` narrows it to one code: a core
 * code's `params` are then typed ({@link IssueParams}); a plug-in's code keeps a plain record.
 */
export interface ChisoIssue<C extends IssueCode = IssueCode> {
  /** stable snake_case identifier, safe to switch on */
  readonly code: C
  /** where in the input the problem is */
  readonly path: IssuePath
  /** the offending value, when there is one */
  readonly value?: unknown
  /** human message in Vietnamese and English */
  readonly message: { readonly vi: string; readonly en: string }
  /** the values the message names, as data (core issues always carry them) */
  readonly params?: C extends CoreIssueCode ? IssueParams[C] : Readonly<Record<string, unknown>>
}

/**
 * A problem core reports: one member per code, each with its own `params`, so that
 * `switch (i.code)` narrows `i.params` (zod's issue union, for chiso's codes).
 */
export type CoreIssue<C extends CoreIssueCode = CoreIssueCode> = { [K in C]: ChisoIssue<K> & { readonly params: IssueParams[K] } }[C]

/**
 * Every code core reports, at run time (the keys of {@link IssueParams}, in catalog order).
 *
 * @example
 * ```ts
 * import { ISSUE_CODES } from '@chiso/core'
 * ISSUE_CODES.includes('score_above_max') // true
 * ```
 */
export const ISSUE_CODES: readonly CoreIssueCode[] = Object.freeze(Object.keys(vi) as CoreIssueCode[])

const CORE_CODES: ReadonlySet<string> = new Set(ISSUE_CODES)

/**
 * Every code an issue can carry: core's own closed list ({@link CoreIssueCode}), or a code of
 * a plug-in or an adapter (any other string).
 */
export type IssueCode = CoreIssueCode | (string & { readonly __pluginCode?: never })

/**
 * Texts the engine composes for a message (a detail, the allowed options), and a unit's
 * name (the name of a department runs past 40 characters): longer, but still bounded, as
 * they may hold user values too.
 */
const COMPOSED = new Set(['detail', 'detailVi', 'detailEn', 'expected', 'received', 'known', 'allowed', 'chain', 'packs', 'pack', 'unitName'])

/** Every user value a message interpolates, shortened: strings, and the strings of a list. */
function shortParams<P extends object>(p: P): P {
  let out: Record<string, unknown> | undefined
  for (const [k, v] of Object.entries(p) as [string, unknown][]) {
    const keep = COMPOSED.has(k) ? 300 : 40
    let w: unknown = v
    if (typeof v === 'string') w = preview(v, keep)
    else if (Array.isArray(v) && v.some((x) => typeof x === 'string' && x.length > keep + 8)) w = v.map((x) => (typeof x === 'string' ? preview(x, keep) : x))
    if (w !== v) (out ??= { ...(p as Record<string, unknown>) })[k] = w
  }
  return (out ?? p) as P
}

/**
 * Whether a code is one of core's own (not a plug-in's or an adapter's).
 *
 * @example
 * ```ts
 * import { isCoreIssueCode } from '@chiso/core'
 * isCoreIssueCode('duplicate_assessment') // true
 * isCoreIssueCode('file_not_found') // false: the spreadsheet adapters' own code
 * ```
 */
export function isCoreIssueCode(code: string): code is CoreIssueCode {
  return CORE_CODES.has(code)
}

/**
 * The message of a core issue in one language, from its parameters (names longer than
 * 40 characters are cut, as the engine cuts them; numbers are written with a decimal comma
 * in Vietnamese).
 *
 * @example
 * ```ts
 * import { issueMessage } from '@chiso/core'
 * issueMessage('score_above_max', { code: '1.2', value: '3', max: '2' }, 'vi') // 'Điểm 3 của "1.2" vượt điểm tối đa 2'
 * // the params keep the machine values; Vietnamese writes the numbers with a decimal comma
 * issueMessage('score_above_max', { code: '1.2', value: '3.5', max: '2.25' }, 'vi') // 'Điểm 3,5 của "1.2" vượt điểm tối đa 2,25'
 * ```
 */
export function issueMessage<K extends CoreIssueCode>(code: K, params: IssueParams[K], locale: 'vi' | 'en'): string {
  return (locale === 'vi' ? vi : en)[code](shortParams(params))
}

/**
 * Whether an issue is core's issue `code`, narrowing it so that its `params` are typed.
 *
 * @example
 * ```ts
 * import { isIssue, safeEvaluate } from '@chiso/core'
 * const r = safeEvaluate(pack, assessment)
 * if (!r.ok) for (const i of r.issues) if (isIssue(i, 'score_above_max')) console.log(i.params.code, i.params.max)
 * ```
 */
export function isIssue<K extends CoreIssueCode>(i: ChisoIssue, code: K): i is CoreIssue<K> {
  // an issue an adapter built by hand with a core code but no params is not narrowed: its
  // params would not be there to read
  return i.code === code && i.params !== undefined
}

/** The parameters of `issue(code, …)`: optional for a code that has none. */
type ParamsArgs<K extends CoreIssueCode> = Partial<IssueParams[K]> extends IssueParams[K] ? [params?: IssueParams[K], value?: unknown] : [params: IssueParams[K], value?: unknown]

/**
 * Builds a core issue: its parameters kept (names cut as messages show them) and its
 * message in both languages from the {@link vi} and {@link en} maps. @internal
 */
export function issue<K extends CoreIssueCode>(code: K, path: IssuePath, ...[params, value]: ParamsArgs<K>): CoreIssue<K> {
  // every value a message names is shortened here, once: a 100,000-character code or fact
  // name never makes a 100,000-character message
  const p = shortParams((params ?? {}) as IssueParams[K])
  const message = { vi: vi[code](p), en: en[code](p) }
  return (value === undefined ? { code, path, message, params: p } : { code, path, value, message, params: p }) as CoreIssue<K>
}

/**
 * The text of anything thrown, never throwing itself (a thrown proxy or an object whose
 * `message` getter throws still gives a text), cut to 200 characters. @internal
 */
export function errorText(e: unknown): string {
  let s: string
  try {
    s = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
  } catch {
    s = 'unknown error'
  }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s
}

/**
 * Runs the body of a `safe*` function so that it never throws: a {@link ChisoError} gives
 * its issues, anything else (a getter or proxy in the input that throws on a later read, a
 * callback that throws) one `unexpected_error` issue. @internal
 */
export function neverThrows<T>(run: () => SafeResult<T>): SafeResult<T> {
  try {
    return run()
  } catch (e) {
    let issues: readonly ChisoIssue[] | undefined
    try {
      if (e instanceof ChisoError) issues = e.issues
    } catch {
      // a thrown proxy: fall through to its text
    }
    return { ok: false, issues: issues ?? [issue('unexpected_error', [], { detail: errorText(e) })] }
  }
}

/**
 * Appends every item of `items` to `target`, one by one: `target.push(...items)` passes
 * each item as an argument and throws a RangeError past about 100,000. @internal
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]!)
}

/**
 * The message of an `inconsistent_data` flag: a ratio whose counts contradict each other
 * (`reason`: numerator above denominator, a negative count, a numerator over a zero
 * denominator). The points stand; the flag asks a human to look. @internal
 */
export function inconsistentDataMessage(p: {
  code: string
  reason: 'above' | 'negative' | 'zero_denominator'
  numerator: string
  numeratorFact: string
  denominator: string
  denominatorFact: string | undefined
}): { vi: string; en: string } {
  const vi = { above: 'tử số lớn hơn mẫu số', negative: 'có số âm', zero_denominator: 'mẫu số bằng 0 nhưng tử số khác 0' }[p.reason]
  const en = { above: 'numerator above denominator', negative: 'a negative count', zero_denominator: 'numerator above 0 over a zero denominator' }[p.reason]
  // names cut to 40 characters when long, so the message (kept in the record) stays within
  // the string limit that recalculation checks
  const code = preview(p.code)
  const numeratorFact = preview(p.numeratorFact)
  const denominatorFact = p.denominatorFact === undefined ? undefined : preview(p.denominatorFact)
  const dvi = denominatorFact === undefined ? `mẫu số cố định ${viNumber(p.denominator)}` : `mẫu số ${denominatorFact} = ${viNumber(p.denominator)}`
  const den = denominatorFact === undefined ? `the fixed denominator ${p.denominator}` : `denominator ${denominatorFact} = ${p.denominator}`
  return {
    vi: `"${code}": dữ liệu không nhất quán (${vi}: tử số ${numeratorFact} = ${viNumber(p.numerator)}, ${dvi}); điểm vẫn tính theo quy tắc, cần kiểm tra lại số liệu`,
    en: `"${code}": inconsistent data (${en}: numerator ${numeratorFact} = ${p.numerator}, ${den}); scored by the rule as it stands, the figures need checking`,
  }
}

/**
 * Renders an issue path the way messages show it.
 *
 * @example
 * ```ts
 * import { formatPath } from '@chiso/core'
 * formatPath(['criteria', 2, 'children', 0, 'maxPoints']) // 'criteria[2].children[0].maxPoints'
 * ```
 */
function formatPath(path: IssuePath): string {
  let s = ''
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`
  return s === '' ? '(root)' : s
}

/** The brand every {@link ChisoError} carries, shared by every copy of core (its ESM and CJS builds). */
const CHISO_ERROR = Symbol.for('@chiso/core/ChisoError')

/**
 * The one error class the throwing API raises. It carries every problem found, not only
 * the first. `instanceof ChisoError` holds across copies of the package: an error thrown by
 * its ESM build is a ChisoError of its CJS build too (a subclass, such as a store's error,
 * is still told apart as usual).
 *
 * @example
 * ```ts
 * import { compilePack, ChisoError } from '@chiso/core'
 * try { compilePack(json) } catch (e) {
 *   if (e instanceof ChisoError) for (const i of e.issues) console.log(i.code, i.path, i.message.vi)
 * }
 * ```
 */
export class ChisoError extends Error {
  readonly issues: readonly ChisoIssue[]
  constructor(issues: readonly ChisoIssue[], context = 'input') {
    const head = issues
      .slice(0, 20)
      .map((i) => `  - [${i.code}] ${formatPath(i.path)}: ${i.message.en} / ${i.message.vi}`)
      .join('\n')
    const more = issues.length > 20 ? `\n  … and ${issues.length - 20} more` : ''
    super(`Invalid ${context}: ${issues.length} problem(s)\n${head}${more}`)
    this.name = 'ChisoError'
    this.issues = issues
  }

  /** Whether a value is a ChisoError of any copy of core (for the class itself; a subclass checks as usual). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // the class's own mark, which no subclass has as its own (no reference to the class by
    // name here: a bundler would rename the class for it)
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, ChisoError or a subclass
    if (!Object.hasOwn(this, CHISO_ERROR)) return Function.prototype[Symbol.hasInstance].call(this, value)
    try {
      return value !== null && typeof value === 'object' && (value as { [CHISO_ERROR]?: unknown })[CHISO_ERROR] === true
    } catch {
      // a proxy whose traps throw is no ChisoError
      return false
    }
  }

  /** Marks the class itself, as against a subclass. @internal */
  static readonly [CHISO_ERROR] = true

  /** The brand `instanceof` reads, on the prototype (so every subclass's errors carry it). @internal */
  get [CHISO_ERROR](): true {
    return true
  }
}

/** Result of the `safe*` functions: a value, or every problem found. */
export type SafeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ChisoIssue[] }

export { formatPath }
