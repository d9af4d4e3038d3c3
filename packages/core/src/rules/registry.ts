/**
 * The registries of an engine: rule kinds (the built-in kinds of kinds.ts, then the plug-ins
 * added beside them) and condition operators (the built-in ones of conditions.ts, then the
 * custom ones). A pack naming a kind or an operator its engine lacks fails to compile.
 *
 * The default engine's plug-ins live on `globalThis`, so that the ESM and the CJS build of
 * the same version of the package (loaded side by side in one process) share them. Only
 * data added by users is shared: each copy keeps its own built-ins, so a pack compiled by
 * one copy holds that copy's closures and numbers only.
 */
import type * as z from 'zod/v4/core'
import { ChisoError, issue, type ChisoIssue, type IssuePath } from '../util/errors.js'
import { ENGINE_VERSION } from '../engine/version.js'
import { BUILT_IN_KINDS } from './kinds.js'
import { CONDITION_OPERATORS, type ConditionOperator } from './conditions.js'
import type { RuleKindDefinition } from './types.js'

const BUILT_IN = new Map<string, RuleKindDefinition>(BUILT_IN_KINDS.map((k) => [k.kind, k]))
const BUILT_IN_OPERATORS = new Set(CONDITION_OPERATORS)
// an operator name is a plain identifier, as the built-in ones are (shown in messages and in
// the JSON Schema's list)
const OPERATOR_NAME = /^[A-Za-z_$][\w$]{0,63}$/

/** The plug-ins of one engine: what it holds beyond the built-ins. @internal */
export interface PluginTables {
  readonly kinds: Map<string, RuleKindDefinition>
  readonly operators: Map<string, ConditionOperator>
}

/** A fresh pair of empty tables. @internal */
export function emptyTables(): PluginTables {
  return { kinds: new Map(), operators: new Map() }
}

/** The kind named, built-in first. @internal */
export function kindIn(tables: PluginTables, kind: string): RuleKindDefinition | undefined {
  return BUILT_IN.get(kind) ?? tables.kinds.get(kind)
}

/** The kinds' names: built-in ones, then plug-ins in the order added. @internal */
export function kindNames(tables: PluginTables): string[] {
  return [...BUILT_IN.keys(), ...tables.kinds.keys()]
}

/** The operators' names: built-in ones, then custom ones in the order added. @internal */
export function operatorNames(tables: PluginTables): string[] {
  return [...CONDITION_OPERATORS, ...tables.operators.keys()]
}

/** The schemas of every kind, for the JSON Schema. @internal */
export function kindSchemas(tables: PluginTables): z.$ZodType[] {
  return [...BUILT_IN.values(), ...tables.kinds.values()].map((d) => d.schema)
}

/**
 * Checks a rule kind's definition against the kinds known (and those added in the same
 * call): problems are pushed under `path`. @internal
 */
export function checkRuleKind(tables: PluginTables, definition: unknown, path: IssuePath, issues: ChisoIssue[], adding: ReadonlySet<string> = new Set()): definition is RuleKindDefinition {
  const d = definition as Partial<RuleKindDefinition> | null
  if (d === null || typeof d !== 'object') {
    issues.push(issue('invalid_value', path, { value: d, detail: 'loại quy tắc cần { kind, schema, compile }', detailEn: 'a rule kind is { kind, schema, compile }' }))
    return false
  }
  const before = issues.length
  if (typeof d.kind !== 'string' || d.kind === '') {
    issues.push(issue('invalid_value', [...path, 'kind'], { value: d.kind, detail: 'cần một chuỗi khác rỗng', detailEn: 'a non-empty text' }, d.kind))
  } else if (kindIn(tables, d.kind) !== undefined || adding.has(d.kind)) {
    issues.push(issue('duplicate_rule_kind', [...path, 'kind'], { kind: d.kind }, d.kind))
  }
  if (d.schema === null || typeof d.schema !== 'object' || typeof (d.schema as { safeParse?: unknown }).safeParse !== 'function') {
    issues.push(issue('invalid_value', [...path, 'schema'], { value: typeof d.schema, detail: 'cần một schema zod', detailEn: 'a zod schema' }))
  }
  if (typeof d.compile !== 'function') {
    issues.push(issue('invalid_value', [...path, 'compile'], { value: typeof d.compile, detail: 'cần một hàm', detailEn: 'a function' }))
  }
  return issues.length === before
}

/**
 * Checks a custom operator: a plain name that no built-in or earlier operator has (nor one
 * added in the same call), and a function. @internal
 */
export function checkOperator(tables: PluginTables, name: unknown, fn: unknown, path: IssuePath, issues: ChisoIssue[], adding: ReadonlySet<string> = new Set()): boolean {
  const before = issues.length
  if (typeof name !== 'string' || !OPERATOR_NAME.test(name)) {
    issues.push(
      issue('invalid_value', path, { value: name, detail: 'tên toán tử gồm chữ cái rồi chữ hoặc số', detailEn: 'an operator name is a letter then letters or digits, e.g. "startsWith"' }, name),
    )
  } else if (BUILT_IN_OPERATORS.has(name) || tables.operators.has(name) || adding.has(name)) {
    issues.push(issue('duplicate_operator', path, { operator: name }, name))
  }
  if (typeof fn !== 'function')
    issues.push(issue('invalid_value', path, { value: typeof fn, detail: 'toán tử là một hàm', detailEn: 'an operator is a function (factValue, compareValue) => boolean' }))
  // an async function's promise would count as true for every unit: conditions are synchronous
  else if (fn.constructor?.name === 'AsyncFunction' || fn.constructor?.name === 'AsyncGeneratorFunction' || fn.constructor?.name === 'GeneratorFunction') {
    issues.push(issue('invalid_value', path, { value: fn.constructor.name, detail: 'toán tử trả lời đồng bộ bằng true / false', detailEn: 'an operator answers synchronously with a boolean' }))
  }
  return issues.length === before
}

/** Adds a kind, or throws a ChisoError saying why not. @internal */
export function addKindTo(tables: PluginTables, definition: RuleKindDefinition, path: IssuePath): void {
  const issues: ChisoIssue[] = []
  if (!checkRuleKind(tables, definition, path, issues)) throw new ChisoError(issues, 'rule kind')
  tables.kinds.set(definition.kind, definition)
}

/** Adds an operator, or throws a ChisoError saying why not. @internal */
export function addOperatorTo(tables: PluginTables, name: string, fn: ConditionOperator, path: IssuePath): void {
  const issues: ChisoIssue[] = []
  if (!checkOperator(tables, name, fn, path, issues)) throw new ChisoError(issues, 'condition operator')
  tables.operators.set(name, fn)
}

const SLOT = Symbol.for('@chiso/core/default-engine')

interface SharedSlot extends PluginTables {
  readonly version: string
}

let privateTables: PluginTables | undefined

/**
 * The default engine's plug-ins. Kept on `globalThis` under
 * `Symbol.for('@chiso/core/default-engine')` so that every copy of this version of the
 * package shares them; a copy of another version (or anything else found there) keeps its
 * own, as a plug-in written against one version's contract may not fit another's. @internal
 */
export function defaultTables(): PluginTables {
  if (privateTables) return privateTables
  const g = globalThis as { [SLOT]?: unknown }
  const found = g[SLOT] as Partial<SharedSlot> | undefined
  if (found === undefined) {
    const slot: SharedSlot = Object.freeze({ version: ENGINE_VERSION, kinds: new Map(), operators: new Map() })
    // not enumerable, not replaceable: a later copy finds this one
    Object.defineProperty(globalThis, SLOT, { value: slot, enumerable: false, writable: false, configurable: false })
    privateTables = slot
  } else if (found !== null && typeof found === 'object' && found.version === ENGINE_VERSION && found.kinds instanceof Map && found.operators instanceof Map) {
    privateTables = found as SharedSlot
  } else {
    privateTables = emptyTables()
  }
  return privateTables
}

/**
 * Registers a rule kind with the default engine (the one `compilePack` uses; an engine of
 * your own: {@link createEngine} and `engine.addRuleKind`). A kind already registered, the
 * built-in ones included, throws a {@link ChisoError} with a `duplicate_rule_kind` issue.
 *
 * @example
 * ```ts
 * import { Exact } from '@chiso/core'
 * import { registerRuleKind } from '@chiso/core/plugin'
 * import { z } from 'zod'
 * registerRuleKind({
 *   kind: 'threshold',
 *   schema: z.object({ kind: z.literal('threshold'), fact: z.string(), min: z.number() }),
 *   compile: (rule, ctx) => ({
 *     facts: [rule.fact],
 *     compute: (facts) => {
 *       const v = facts[rule.fact]
 *       if (typeof v !== 'number') return undefined
 *       return v >= rule.min ? { points: ctx.maxPoints, branch: `≥ ${rule.min}` } : { points: Exact.ZERO, branch: 'below' }
 *     },
 *   }),
 * })
 * ```
 */
export function registerRuleKind<S extends z.$ZodType>(definition: RuleKindDefinition<S>): void {
  addKindTo(defaultTables(), definition as unknown as RuleKindDefinition, [])
}

/**
 * Lists the rule kinds of the default engine (built-in and plug-in).
 *
 * @example
 * ```ts
 * import { ruleKinds } from '@chiso/core/plugin'
 * ruleKinds() // ['manual', 'boolean', 'choice', 'steps', 'ratio', 'count', 'survey', 'conditions', …]
 * ```
 */
export function ruleKinds(): string[] {
  return kindNames(defaultTables())
}
