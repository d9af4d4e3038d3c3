/**
 * The registry of rule kinds: the built-in kinds (kinds.ts) and the plug-ins registered
 * beside them. A pack naming an unregistered kind fails when it is compiled.
 */
import type * as z from 'zod/v4/core'
import { ChisoError, issue } from '../util/errors.js'
import { BUILT_IN_KINDS } from './kinds.js'
import type { RuleKindDefinition } from './types.js'

const registry = new Map<string, RuleKindDefinition>(BUILT_IN_KINDS.map((k) => [k.kind, k]))

/**
 * Registers a rule kind. The built-in kinds are registered the same way. A kind already
 * registered throws a {@link ChisoError} with a `duplicate_rule_kind` issue.
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
  if (registry.has(definition.kind)) {
    throw new ChisoError([issue('duplicate_rule_kind', ['kind'], { kind: definition.kind }, definition.kind)], 'rule kind')
  }
  registry.set(definition.kind, definition as unknown as RuleKindDefinition)
}

/** @internal looks up a kind */
export function getRuleKind(kind: string): RuleKindDefinition | undefined {
  return registry.get(kind)
}

/**
 * Lists the registered rule kinds (built-in and plug-in).
 *
 * @example
 * ```ts
 * import { ruleKinds } from '@chiso/core/plugin'
 * ruleKinds() // ['manual', 'boolean', 'choice', 'steps', 'ratio', 'count', 'survey', 'conditions', …]
 * ```
 */
export function ruleKinds(): string[] {
  return [...registry.keys()]
}

/** @internal the schemas of all registered kinds, for the JSON Schema */
export function ruleSchemas(): z.$ZodType[] {
  return [...registry.values()].map((d) => d.schema)
}
