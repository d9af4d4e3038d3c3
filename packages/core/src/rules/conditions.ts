/**
 * Compiles json-rules-engine condition syntax into synchronous closures. The semantics
 * mirror json-rules-engine's defaults (run with `allowUndefinedFacts`): the same ten
 * operators, the same number check on the relational ones, the same short-circuiting.
 * A differential property test holds the two equal. Paths are restricted to `$.a.b[0]`:
 * no filter expressions, no scripts — nothing from a pack is executed — and read the fact's
 * own data only (see followPath), where json-rules-engine would read a text's length.
 */
import { ChisoError, issue, type ChisoIssue, type IssuePath } from '../util/errors.js'
import type { ConditionInput } from '../model/schemas.js'

/** Facts as the engine reads them: own properties of a plain object. */
export type Facts = Readonly<Record<string, unknown>>

/** A compiled condition: a pure function of the facts. */
export type CompiledCondition = (facts: Facts) => boolean

type Operator = (a: unknown, b: unknown) => boolean

/**
 * A custom condition operator: a pure function of the fact's value (after its `path`) and
 * the condition's `value` (a constant, or another fact's value). It is given to an engine
 * ({@link createEngine}, `engine.addOperator`) by the host program, never read from a pack.
 * Its verdict counts as true when truthy, as json-rules-engine's does.
 *
 * @example
 * ```ts
 * import { createEngine, type ConditionOperator } from '@chiso/core'
 * const startsWith: ConditionOperator = (factValue, prefix) => typeof factValue === 'string' && typeof prefix === 'string' && factValue.startsWith(prefix)
 * const engine = createEngine({ operators: { startsWith } })
 * ```
 */
export type ConditionOperator = (factValue: unknown, compareValue: unknown) => boolean

/** Custom operators by name, as an engine holds them (the built-in ones are not in it). */
export type CustomOperators = ReadonlyMap<string, ConditionOperator>

const NO_CUSTOM: CustomOperators = new Map()

// json-rules-engine's number validator, kept literally so edge cases ("12abc") agree
// (for a number that comes to "not NaN": parseFloat of its own text gives it back)
// as json-rules-engine decides it (parseFloat of the value's text), except that a value with
// no text (an object without a prototype, or an array holding one) is not a number instead
// of an error
const isNumberish = (v: unknown): boolean => {
  if (typeof v === 'number') return v === v
  try {
    return Number.parseFloat(v as string).toString() !== 'NaN'
  } catch {
    return false
  }
}

const OPERATORS: Readonly<Record<string, Operator>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (Array.isArray(b) || typeof b === 'string' ? (b as string).indexOf(a as string) > -1 : false),
  notIn: (a, b) => (Array.isArray(b) || typeof b === 'string' ? (b as string).indexOf(a as string) === -1 : false),
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumberish(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumberish(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumberish(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumberish(a) && (a as number) >= (b as number),
}

/** The operators a pack may use. */
export const CONDITION_OPERATORS: readonly string[] = Object.keys(OPERATORS)

// '$' as a segment means "the root" to JSONPath-plus, not a key, so it is refused too
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype', '$'])
// quoted names are limited to characters JSONPath-plus reads literally: no `*`, `,`, `:`,
// `.`, `@`, `?(`, `(`, `~`, `^` — which it would treat as wildcards, unions, slices or scripts;
// array indexes have no leading zeros (JSONPath-plus reads `[01]` as the key "01")
const PATH_RE = /^\$((\.[A-Za-z_$][\w$-]*)|(\[(0|[1-9]\d*)\])|(\['[\w $-]+'\]))*$/

/** Parses `$.a.b[0]` into segments, or returns undefined when it is not that simple form. */
function parsePath(path: string): (string | number)[] | undefined {
  if (!PATH_RE.test(path)) return undefined
  const segs: (string | number)[] = []
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([\w $-]+)'\]/g
  let m: RegExpExecArray | null
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) segs.push(m[1])
    else if (m[2] !== undefined) segs.push(Number(m[2]))
    else segs.push(m[3]!)
  }
  if (segs.some((s) => typeof s === 'string' && FORBIDDEN_SEGMENTS.has(s))) return undefined
  return segs
}

const own = Object.prototype.hasOwnProperty

/**
 * A fact's own value, in one property read where possible: Object.prototype holds no
 * primitive values, so a primitive found is the fact's own; only objects (which may come
 * from the prototype chain, e.g. "constructor") need the ownership check. @internal
 */
export function readFact(facts: Facts, name: string): unknown {
  const v = facts[name]
  if (v === undefined || v === null || (typeof v !== 'object' && typeof v !== 'function')) return v
  return own.call(facts, name) ? v : undefined
}

/**
 * A path reads the fact's own data only: an object's own members, an array's elements by
 * index. Anything else along the way — an inherited name ("$.toString"), an array's
 * "length", a property of a string or a number, a path into a text or number fact — is
 * absent (undefined). (json-rules-engine would give a text's length or character, or a
 * number or text fact itself for any path.)
 */
function followPath(v: unknown, segs: readonly (string | number)[]): unknown {
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!
    if (v === null || typeof v !== 'object') return undefined
    if (Array.isArray(v) ? typeof s !== 'number' || !own.call(v, s) : !own.call(v, s)) return undefined
    v = (v as Record<string | number, unknown>)[s]
  }
  return v
}

/** Reads a fact (and its path) from what a compiled condition is given. */
type Reader = (input: never) => unknown
type ReaderMaker = (fact: string, segs: (string | number)[] | undefined) => Reader

const factsReader: ReaderMaker = (fact, segs) => {
  if (!segs || segs.length === 0) return (facts: Facts) => readFact(facts, fact)
  return (facts: Facts) => followPath(readFact(facts, fact), segs)
}

/**
 * Reads from an array of fact values read beforehand (`values[k]` = readFact of the k-th
 * fact), so a rule whose branches test the same facts reads each only once.
 */
function slotOf(slots: Map<string, number>, fact: string): number {
  let k = slots.get(fact)
  if (k === undefined) slots.set(fact, (k = slots.size))
  return k
}

function slotsReader(slots: Map<string, number>): ReaderMaker {
  return (fact, segs) => {
    const slot = slotOf(slots, fact)
    if (!segs || segs.length === 0) return (values: readonly unknown[]) => values[slot]
    return (values: readonly unknown[]) => followPath(values[slot], segs)
  }
}

/**
 * A fact compared with a constant, read straight from its slot: the common shape of a
 * scoring condition, made one closure instead of three. Same verdicts as OPERATORS.
 */
function slotComparison(operator: string, slot: number, c: unknown): ((values: readonly unknown[]) => boolean) | undefined {
  const n = c as number
  switch (operator) {
    case 'equal':
      return (v) => v[slot] === c
    case 'notEqual':
      return (v) => v[slot] !== c
    case 'lessThan':
      return (v) => {
        const a = v[slot]
        return typeof a === 'number' ? a < n : isNumberish(a) && (a as number) < n
      }
    case 'lessThanInclusive':
      return (v) => {
        const a = v[slot]
        return typeof a === 'number' ? a <= n : isNumberish(a) && (a as number) <= n
      }
    case 'greaterThan':
      return (v) => {
        const a = v[slot]
        return typeof a === 'number' ? a > n : isNumberish(a) && (a as number) > n
      }
    case 'greaterThanInclusive':
      return (v) => {
        const a = v[slot]
        return typeof a === 'number' ? a >= n : isNumberish(a) && (a as number) >= n
      }
    default:
      return undefined
  }
}

interface CompileState {
  issues: ChisoIssue[]
  custom: CustomOperators
  facts: Set<string>
  reader: ReaderMaker
  /** set when compiling onto slots */
  slots?: Map<string, number>
}

function isFactRef(v: unknown): v is { fact: string; path?: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === 'string'
}

function compileNode(c: ConditionInput, path: IssuePath, st: CompileState): (input: never) => boolean {
  const never = (): boolean => false
  if ('all' in c || 'any' in c) {
    const isAll = 'all' in c
    const list = isAll ? (c as { all: ConditionInput[] }).all : (c as { any: ConditionInput[] }).any
    const key = isAll ? 'all' : 'any'
    if (list.length === 0) {
      st.issues.push(
        issue('invalid_condition', [...path, key], {
          detail: `nhóm "${key}" rỗng`,
          detailEn: `empty "${key}" group`,
        }),
      )
      return never
    }
    const parts = list.map((x, i) => compileNode(x, [...path, key, i], st)) as ((input: unknown) => boolean)[]
    // json-rules-engine evaluates higher priority first; with pure facts order cannot change
    // the verdict, so plain short-circuit evaluation in declaration order agrees with it
    if (parts.length === 1) return parts[0]!
    if (parts.length === 2) {
      const [p0, p1] = parts as [(input: unknown) => boolean, (input: unknown) => boolean]
      return isAll ? (f: unknown) => p0(f) && p1(f) : (f: unknown) => p0(f) || p1(f)
    }
    if (isAll) {
      return (f: unknown) => {
        for (const p of parts) if (!p(f)) return false
        return true
      }
    }
    return (f: unknown) => {
      for (const p of parts) if (p(f)) return true
      return false
    }
  }
  if ('not' in c) {
    const inner = compileNode(c.not, [...path, 'not'], st) as (input: unknown) => boolean
    return (f: unknown) => !inner(f)
  }
  const fc = c
  const op = own.call(OPERATORS, fc.operator) ? OPERATORS[fc.operator] : customOperator(st.custom, fc.operator)
  if (!op) {
    st.issues.push(issue('unknown_operator', [...path, 'operator'], { operator: fc.operator, known: [...CONDITION_OPERATORS, ...st.custom.keys()].join(', ') }, fc.operator))
    return never
  }
  if (fc.params !== undefined) {
    st.issues.push(
      issue('invalid_condition', [...path, 'params'], {
        detail: 'tham số (params) cho dữ kiện động không được hỗ trợ trong bộ chỉ số',
        detailEn: 'params for dynamic facts are not supported in packs',
      }),
    )
  }
  if (!own.call(fc, 'value')) {
    // json-rules-engine refuses a fact condition without "value"
    st.issues.push(
      issue('invalid_condition', [...path, 'value'], {
        detail: 'điều kiện thiếu "value"',
        detailEn: 'a fact condition needs a "value"',
      }),
    )
    return never
  }
  const v = fc.value
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && own.call(v, 'fact') && (!isFactRef(v) || v.fact === '' || own.call(v, 'params'))) {
    // json-rules-engine reads any object with a "fact" key as a fact reference
    st.issues.push(
      issue(
        'invalid_condition',
        [...path, 'value'],
        {
          detail: 'tham chiếu dữ kiện cần dạng { fact: "tên", path?: "$.a" }',
          detailEn: 'a fact reference must be { fact: "name", path?: "$.a" }',
        },
        v,
      ),
    )
    return never
  }
  let segs: (string | number)[] | undefined
  if (fc.path !== undefined) {
    segs = parsePath(fc.path)
    if (!segs) {
      st.issues.push(issue('invalid_fact_path', [...path, 'path'], { path: fc.path }, fc.path))
      return never
    }
  }
  st.facts.add(fc.fact)
  if (st.slots && (segs === undefined || segs.length === 0) && !isFactRef(fc.value)) {
    const quick = slotComparison(fc.operator, slotOf(st.slots, fc.fact), fc.value)
    if (quick) return quick
  }
  const left = st.reader(fc.fact, segs) as (input: unknown) => unknown
  let right: (input: unknown) => unknown
  if (isFactRef(fc.value)) {
    const ref = fc.value
    let rsegs: (string | number)[] | undefined
    if (ref.path !== undefined) {
      rsegs = parsePath(ref.path)
      if (!rsegs) {
        st.issues.push(issue('invalid_fact_path', [...path, 'value', 'path'], { path: ref.path }, ref.path))
        return never
      }
    }
    st.facts.add(ref.fact)
    right = st.reader(ref.fact, rsegs) as (input: unknown) => unknown
  } else {
    const constant = fc.value
    if ((fc.operator === 'in' || fc.operator === 'notIn') && !Array.isArray(constant)) {
      st.issues.push(
        issue('invalid_condition', [...path, 'value'], {
          detail: `toán tử "${fc.operator}" cần một danh sách giá trị`,
          detailEn: `operator "${fc.operator}" needs an array value`,
        }),
      )
      return never
    }
    right = () => constant
  }
  return (f: unknown) => op(left(f), right(f))
}

/**
 * A custom operator, its verdict made a boolean (a truthy answer counts as true, as in
 * json-rules-engine) so that `not` and the groups see what the built-ins give them.
 */
function customOperator(custom: CustomOperators, name: string): Operator | undefined {
  const fn = custom.get(name)
  return fn === undefined ? undefined : (a, b) => !!fn(a, b)
}

/**
 * Compiles a condition (json-rules-engine syntax) into a closure. Problems (operators
 * neither built in nor in `operators`, unsafe paths, empty groups) are appended to `issues`.
 * `operators` are the custom operators the condition may use (a rule kind finds its
 * engine's in `ctx.operators`); without it only the built-in ones are known.
 *
 * @example
 * ```ts
 * import { type ChisoIssue } from '@chiso/core'
 * import { compileCondition } from '@chiso/core/plugin'
 * const issues: ChisoIssue[] = []
 * const c = compileCondition({ all: [{ fact: 'meetings', operator: 'greaterThanInclusive', value: 4 }] }, [], issues)
 * c.test({ meetings: 4 }) // true
 * c.facts                 // ['meetings']
 * const odd = compileCondition({ fact: 'n', operator: 'odd', value: true }, [], issues, new Map([['odd', (n, want) => (Number(n) % 2 === 1) === want]]))
 * odd.test({ n: 3 })      // true
 * ```
 */
export function compileCondition(condition: ConditionInput, path: IssuePath, issues: ChisoIssue[], operators: CustomOperators = NO_CUSTOM): { test: CompiledCondition; facts: readonly string[] } {
  const st: CompileState = { issues, custom: operators, facts: new Set(), reader: factsReader }
  const test = compileNode(condition, path, st) as CompiledCondition
  return { test, facts: [...st.facts] }
}

/**
 * The same condition, compiled to read from fact values read beforehand: `values[k]` must
 * be `readFact(facts, name)` for the fact `slots` numbers k. Facts new to `slots` are
 * numbered as they are met, so several conditions can share one numbering. Only for
 * conditions that compiled without problems, with the same `operators`: a problem here
 * would make a test that silently says false, so it throws instead. @internal
 */
export function compileConditionOnSlots(condition: ConditionInput, slots: Map<string, number>, operators: CustomOperators = NO_CUSTOM): (values: readonly unknown[]) => boolean {
  const st: CompileState = { issues: [], custom: operators, facts: new Set(), reader: slotsReader(slots), slots }
  const test = compileNode(condition, [], st) as (values: readonly unknown[]) => boolean
  if (st.issues.length > 0) throw new ChisoError(st.issues, 'condition')
  return test
}
