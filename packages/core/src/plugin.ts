/**
 * @chiso/core/plugin — what a rule-kind plug-in needs: the rule-kind contract, the
 * registry, fact reading and the condition compiler the built-in kinds use. A kind's
 * option schema may be built with zod or zod/mini (both are zod/v4/core schemas).
 *
 * @example
 * ```ts
 * import { registerRuleKind, readNumberFact } from '@chiso/core/plugin'
 * ```
 *
 * @packageDocumentation
 */
export { registerRuleKind, ruleKinds } from './rules/registry.js'
export { readNumberFact } from './rules/facts.js'
export { BUILT_IN_RULE_KINDS } from './rules/kinds.js'
export { RULE_FORMS, type RuleForm, type PickForm, type StepsForm, type Step, type RatioForm, type CountForm, type BranchesForm, type Branch, type ComputeForm } from './rules/forms/index.js'
export type { RuleKindDefinition, RuleCompileContext, CompiledRule, RuleOutcome, EnteredScoreProblem, SurveyInput } from './rules/types.js'
export { compileCondition, CONDITION_OPERATORS, type CompiledCondition, type Facts, type ConditionOperator, type CustomOperators } from './rules/conditions.js'
export { createEngine, defaultEngine, type Engine, type EngineOptions } from './engine/engine.js'
