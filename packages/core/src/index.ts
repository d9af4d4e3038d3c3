/**
 * @chiso/core — exact, explainable evaluation of administrative performance indexes
 * (Chỉ số CCHC / PAR INDEX) from declarative rule packs.
 *
 * @packageDocumentation
 */
export { Exact, sumExact, type RoundingMode } from './util/exact.js'
export { INPUT_LIMITS, checkInputLimits } from './util/limits.js'
export { ChisoError, formatPath, type ChisoIssue, type IssueCode, type IssuePath, type SafeResult } from './util/errors.js'
export { ISSUE_CODES, isCoreIssueCode, isIssue, issueMessage, type CoreIssue, type CoreIssueCode, type IssueParams } from './util/errors.js'
export {
  compilePack,
  safeCompilePack,
  ROOT_CODE,
  type CompileOptions,
  type CompiledPack,
  type CompiledNode,
  type CompiledAdjustment,
  type CompiledBand,
  type CriterionSource,
  type LocalText,
  type Pack,
  type Rounding,
} from './model/compile.js'
export { evaluate, safeEvaluate, type EvaluateOptions } from './engine/evaluate.js'
export { UnitResult, type NodeResult, type NodeTrace, type ResultFlag, type AppraisalStep, type AppliedAdjustment } from './engine/result.js'
export { renderTraceEvent, traceLines, type TraceEvent, type TraceEventKind, type TraceLocale } from './engine/trace-events.js'
export {
  evaluateBatch,
  safeEvaluateBatch,
  rankValues,
  bandFor,
  type BatchOptions,
  type BatchResult,
  type RankedUnit,
  type RankingExclusion,
  type RankingMethod,
} from './engine/batch.js'
export { reconstructionSummary, type ReconstructionSummary, type PackStanding } from './model/reconstruction.js'
export { registerRuleKind, ruleKinds } from './rules/registry.js'
export { readNumberFact } from './rules/facts.js'
export { BUILT_IN_RULE_KINDS } from './rules/kinds.js'
export type { RuleKindDefinition, RuleCompileContext, CompiledRule, RuleOutcome, EnteredScoreProblem, SurveyInput } from './rules/types.js'
export { compileCondition, CONDITION_OPERATORS, type CompiledCondition, type Facts } from './rules/conditions.js'
export { packJsonSchema } from './model/json-schema.js'
export { createEngine, defaultEngine, type Engine, type EngineOptions } from './engine/engine.js'
export type { ConditionOperator, CustomOperators } from './rules/conditions.js'
export { canonicalJson, sha256Hex, contentHash } from './util/hash.js'
export {
  PackSchema,
  AssessmentSchema,
  UnitSchema,
  CriterionSchema,
  EvidenceSchema,
  ConditionSchema,
  AdjustmentSchema,
  BandSchema,
  DecimalSchema,
  TextSchema,
  type FactConditionInput,
  type PackInput,
  type AssessmentInput,
  type Assessment,
  type UnitInput,
  type EvidenceInput,
  type CriterionInput,
  type ConditionInput,
  type DecimalInput,
  type Text,
} from './model/schemas.js'
export { ENGINE_VERSION } from './engine/version.js'
export { composePack, PatchSchema, type PatchInput } from './model/compose.js'
export {
  createRegistry,
  compareVersions,
  type PackRegistry,
  type PackSummary,
  type CoverageProblem,
  type ResolveQuery,
  type RegistryOptions,
} from './model/registry.js'
export {
  createUnitRegistry,
  type Unit,
  type UnitRegistry,
  type LineageEntry,
  type LineagePolicy,
  type MapToUnitsOptions,
  type MappedValue,
} from './population/units.js'
export { normalizeUnitId } from './population/unit-ids.js'
export { recalculate, safeRecalculate, recalculateMany, type RecalcSummary, ResultRecordSchema, type ResultRecord, type RecalcReport, type RecalcDifference } from './time/records.js'
export { compareYears, type CompareYearsOptions, type UnitYears, type YearEntry, type YearChange } from './time/years.js'
export { analyseSensitivity, type SensitivityOptions, type SensitivityReport, type RankInterval, type WeightPerturbation } from './analysis/sensitivity.js'
export { seededRandom } from './util/random.js'
// analysis: pack tests and pack diffs (to move to the `/analysis` subpath with the engine issue)
export {
  runPackTests,
  safeRunPackTests,
  PACK_TEST_DEFAULTS,
  type PackTestReport,
  type PackTestCaseReport,
  type PackTestFailure,
  type PackTestField,
} from './analysis/pack-tests.js'
export { PackTestFileSchema, PackTestCaseSchema, type PackTestFileInput, type PackTestCaseInput } from './analysis/pack-test-schema.js'
export { diffPacks, type PackDiff, type PackChange, type PackChangeKind, type PackRef } from './analysis/diff.js'
export { patchEffects, type PatchEffect, type PatchEffects } from './analysis/patch-effects.js'
// analysis: losses, improvement plans and the impact of a new edition
export {
  planImprovement,
  safePlanImprovement,
  type PlanOptions,
  type PlanTarget,
  type ResolvedTarget,
  type ImprovementPlan,
  type PlanStep,
  type PlanStanding,
  type NotImprovable,
  type NotImprovableReason,
  type LevelChange,
} from './analysis/plan.js'
export { pointsLost, groupPointsLost, type UnitLosses, type AreaLoss, type CriterionLoss, type LossCause, type LossCauseKind, type GroupLosses, type GroupCriterionLoss } from './analysis/losses.js'
export {
  methodologyImpact,
  safeMethodologyImpact,
  EditionMappingSchema,
  MappingLineSchema,
  type EditionMappingInput,
  type ImpactOptions,
  type ImpactReport,
  type UnitImpact,
  type ImpactStanding,
  type ImpactCriterion,
  type UnmappedCriterion,
  type CriterionImpact,
} from './analysis/impact.js'
