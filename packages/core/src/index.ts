/**
 * @chiso/core — exact, explainable evaluation of administrative performance indexes
 * (Chỉ số CCHC / PAR INDEX) from declarative rule packs.
 *
 * @packageDocumentation
 */
export { Exact, sumExact, type RoundingMode } from './exact.js'
export { INPUT_LIMITS, checkInputLimits } from './limits.js'
export { ChisoError, formatPath, type ChisoIssue, type IssueCode, type IssuePath, type SafeResult } from './errors.js'
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
} from './compile.js'
export {
  evaluate,
  safeEvaluate,
  UnitResult,
  type EvaluateOptions,
  type NodeResult,
  type NodeTrace,
  type ResultFlag,
  type AppraisalStep,
  type AppliedAdjustment,
} from './evaluate.js'
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
} from './batch.js'
export { reconstructionSummary, type ReconstructionSummary, type PackStanding } from './reconstruction.js'
export {
  registerRuleKind,
  ruleKinds,
  readNumberFact,
  BUILT_IN_RULE_KINDS,
  type RuleKindDefinition,
  type RuleCompileContext,
  type CompiledRule,
  type RuleOutcome,
  type EnteredScoreProblem,
  type SurveyInput,
} from './rules.js'
export { compileCondition, CONDITION_OPERATORS, type CompiledCondition, type Facts } from './conditions.js'
export { packJsonSchema } from './json-schema.js'
export { canonicalJson, sha256Hex, contentHash } from './hash.js'
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
} from './schemas.js'
export { ENGINE_VERSION } from './version.js'
export { composePack, PatchSchema, type PatchInput } from './compose.js'
export {
  createRegistry,
  compareVersions,
  type PackRegistry,
  type PackSummary,
  type CoverageProblem,
  type ResolveQuery,
} from './registry.js'
export {
  createUnitRegistry,
  type Unit,
  type UnitRegistry,
  type LineageEntry,
  type LineagePolicy,
  type MapToUnitsOptions,
  type MappedValue,
} from './units.js'
export { normalizeUnitId } from './unit-ids.js'
export { recalculate, safeRecalculate, recalculateMany, type RecalcSummary, ResultRecordSchema, type ResultRecord, type RecalcReport, type RecalcDifference } from './records.js'
export { compareYears, type CompareYearsOptions, type UnitYears, type YearEntry, type YearChange } from './years.js'
export { analyseSensitivity, type SensitivityOptions, type SensitivityReport, type RankInterval, type WeightPerturbation } from './sensitivity.js'
export { seededRandom } from './random.js'
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
