/**
 * An engine: the rule kinds and condition operators packs may use, and the functions that
 * compile packs against them. `createEngine` makes one of your own; the top-level functions
 * (`compilePack`, `registerRuleKind`, `ruleKinds`, `packJsonSchema`) use the default one.
 * A compiled pack keeps its engine (`pack.engine`), so evaluating it needs no engine.
 */
import type * as z from 'zod/v4/core'
import { compileCondition, type CompiledCondition, type ConditionOperator } from '../rules/conditions.js'
import { safeCompileWith, type CompileOptions, type CompiledPack } from '../model/compile.js'
import { packJsonSchemaOf } from '../model/json-schema.js'
import type { ConditionInput } from '../model/schemas.js'
import { addKindTo, addOperatorTo, checkOperator, checkRuleKind, defaultTables, emptyTables, kindNames, operatorNames, type PluginTables } from '../rules/registry.js'
import type { RuleKindDefinition } from '../rules/types.js'
import { ChisoError, issue, type ChisoIssue, type IssuePath, type SafeResult } from '../util/errors.js'

// biome-ignore lint/suspicious/noExplicitAny: each kind's compile takes its own schema's output
type AnyRuleKind = RuleKindDefinition<any>

/** What {@link createEngine} starts with besides the built-in kinds and operators. */
export interface EngineOptions {
  /** plug-in rule kinds; a kind named like a built-in one or another one here is refused */
  readonly ruleKinds?: readonly AnyRuleKind[]
  /** custom condition operators by name; a name that is a built-in operator's is refused */
  readonly operators?: Readonly<Record<string, ConditionOperator>>
}

/**
 * Rule kinds and condition operators (the built-in ones and those added), and the
 * functions that compile packs against them. Packs compiled by one engine cannot use
 * another engine's plug-ins.
 */
export interface Engine {
  /**
   * Validates and compiles a pack; throws one {@link ChisoError} listing every problem.
   *
   * @example
   * ```ts
   * const pack = engine.compilePack(json)
   * evaluate(pack, assessment) // no engine argument: the pack keeps its own
   * ```
   */
  compilePack(input: unknown, options?: CompileOptions): CompiledPack
  /**
   * Validates and compiles a pack; returns it or every problem found. Never throws.
   *
   * @example
   * ```ts
   * const r = engine.safeCompilePack(json)
   * if (!r.ok) for (const i of r.issues) console.error(i.code, i.path.join('.'), i.message.en)
   * ```
   */
  safeCompilePack(input: unknown, options?: CompileOptions): SafeResult<CompiledPack>
  /**
   * Adds a plug-in rule kind. A kind the engine has (built-in or added) is a
   * {@link ChisoError} with a `duplicate_rule_kind` issue. Returns the engine.
   *
   * @example
   * ```ts
   * engine.addRuleKind({ kind: 'threshold', schema, compile })
   * ```
   */
  addRuleKind<S extends z.$ZodType>(definition: RuleKindDefinition<S>): Engine
  /**
   * Adds a custom condition operator, as json-rules-engine's `engine.addOperator` does: a
   * pure function of the fact's value and the condition's `value`. A name the engine has
   * (built-in or added) is a {@link ChisoError} with a `duplicate_operator` issue; a name
   * that is no plain identifier, or no function, an `invalid_value` one. Returns the engine.
   *
   * @example
   * ```ts
   * engine.addOperator('startsWith', (factValue, prefix) => typeof factValue === 'string' && typeof prefix === 'string' && factValue.startsWith(prefix))
   * // in a pack: { "fact": "code", "operator": "startsWith", "value": "HT-" }
   * ```
   */
  addOperator(name: string, fn: ConditionOperator): Engine
  /**
   * The rule kinds' names: the built-in ones, then the plug-ins in the order added.
   *
   * @example
   * ```ts
   * engine.ruleKinds() // ['manual', 'boolean', …, 'conditions', 'threshold']
   * ```
   */
  ruleKinds(): string[]
  /**
   * The condition operators' names: the built-in ones, then the custom ones in the order added.
   *
   * @example
   * ```ts
   * engine.operators() // ['equal', 'notEqual', …, 'greaterThanInclusive', 'startsWith']
   * ```
   */
  operators(): string[]
  /**
   * The JSON Schema (draft 2020-12) of a pack for this engine: its rule kinds' options and
   * its operators spelled out.
   *
   * @example
   * ```ts
   * writeFileSync('pack.schema.json', JSON.stringify(engine.packJsonSchema(), null, 2))
   * ```
   */
  packJsonSchema(): Record<string, unknown>
  /**
   * Compiles a condition (json-rules-engine syntax) with this engine's operators; problems
   * are appended to `issues`.
   *
   * @example
   * ```ts
   * const issues: ChisoIssue[] = []
   * const c = engine.compileCondition({ fact: 'code', operator: 'startsWith', value: 'HT-' }, [], issues)
   * c.test({ code: 'HT-01' }) // true
   * ```
   */
  compileCondition(condition: ConditionInput, path: IssuePath, issues: ChisoIssue[]): { test: CompiledCondition; facts: readonly string[] }
}

/** The engine over a set of plug-in tables. */
function engineOver(tables: PluginTables): Engine {
  const engine: Engine = {
    compilePack: (input, options) => {
      const r = safeCompileWith(engine, tables, input, options)
      if (!r.ok) throw new ChisoError(r.issues, 'rule pack')
      return r.value
    },
    safeCompilePack: (input, options) => safeCompileWith(engine, tables, input, options),
    addRuleKind: (definition) => {
      addKindTo(tables, definition as unknown as RuleKindDefinition, [])
      return engine
    },
    addOperator: (name, fn) => {
      addOperatorTo(tables, name, fn, ['operator'])
      return engine
    },
    ruleKinds: () => kindNames(tables),
    operators: () => operatorNames(tables),
    packJsonSchema: () => packJsonSchemaOf(tables),
    compileCondition: (condition, path, issues) => compileCondition(condition, path, issues, tables.operators),
  }
  return Object.freeze(engine)
}

/**
 * Creates an engine that owns its registries: the built-in rule kinds and condition
 * operators, and the plug-in kinds and custom operators given (more can be added with
 * `addRuleKind` and `addOperator`). Nothing is shared with the default engine or another
 * engine, so a test or a tenant can have plug-ins of its own. Problems with what is given
 * (duplicate or invalid names, definitions that are not functions) throw one
 * {@link ChisoError} listing all of them.
 *
 * @example
 * ```ts
 * import { createEngine, evaluate } from '@chiso/core'
 * const engine = createEngine({
 *   operators: { startsWith: (factValue, prefix) => typeof factValue === 'string' && typeof prefix === 'string' && factValue.startsWith(prefix) },
 * })
 * const pack = engine.compilePack({
 *   id: 'demo/ops', version: '1.0.0', title: 'Demo',
 *   criteria: [{ code: '1', title: 'Mã hồ sơ', maxPoints: 2, source: 'computed', rule: {
 *     kind: 'conditions', branches: [{ when: { fact: 'code', operator: 'startsWith', value: 'HT-' }, points: 2 }],
 *   } }],
 * })
 * evaluate(pack, { unitId: 'x', period: '2025', facts: { code: 'HT-07' } }).total.toString() // '2'
 * ```
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const tables = emptyTables()
  const issues: ChisoIssue[] = []
  const kinds = new Set<string>()
  const given = options.ruleKinds ?? []
  if (!Array.isArray(given)) issues.push(issue('invalid_value', ['ruleKinds'], { value: typeof given, detail: 'cần một danh sách loại quy tắc', detailEn: 'a list of rule kinds' }))
  else {
    given.forEach((d, i) => {
      if (checkRuleKind(tables, d, ['ruleKinds', i], issues, kinds)) kinds.add(d.kind)
    })
  }
  const ops = options.operators ?? {}
  const names = new Set<string>()
  if (ops === null || typeof ops !== 'object' || Array.isArray(ops))
    issues.push(issue('invalid_value', ['operators'], { value: typeof ops, detail: 'cần một đối tượng tên → hàm', detailEn: 'functions by name' }))
  else {
    for (const [name, fn] of Object.entries(ops)) if (checkOperator(tables, name, fn, ['operators', name], issues, names)) names.add(name)
  }
  if (issues.length > 0) throw new ChisoError(issues, 'engine options')
  for (const d of given) tables.kinds.set(d.kind, d as RuleKindDefinition)
  for (const [name, fn] of Object.entries(ops)) tables.operators.set(name, fn)
  return engineOver(tables)
}

let shared: Engine | undefined

/**
 * The default engine: the one `compilePack`, `registerRuleKind`, `ruleKinds` and
 * `packJsonSchema` use. Its plug-ins are shared by every copy of this version of the
 * package in the process (the ESM and the CJS build alike).
 *
 * @example
 * ```ts
 * import { compilePack } from '@chiso/core'
 * import { defaultEngine } from '@chiso/core/plugin'
 * defaultEngine().addOperator('startsWith', (v, p) => typeof v === 'string' && typeof p === 'string' && v.startsWith(p))
 * compilePack(json) // may now use "startsWith"
 * ```
 */
export function defaultEngine(): Engine {
  if (!shared) shared = engineOver(defaultTables())
  return shared
}
