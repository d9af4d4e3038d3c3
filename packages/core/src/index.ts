/**
 * @chiso/core — exact, explainable evaluation of administrative performance indexes
 * (Chỉ số CCHC / PAR INDEX) from declarative rule packs: compile a pack, score units, keep
 * and recalculate the results. Rule-kind plug-ins are in `@chiso/core/plugin`, analyses
 * (pack tests, diffs, plans, losses, impact, sensitivity) in `@chiso/core/analysis` and the
 * zod schemas and JSON Schema in `@chiso/core/schemas`.
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
export { evaluateBatch, safeEvaluateBatch, type BatchOptions, type BatchResult, type Kernel, type RankedUnit, type RankingExclusion, type RankingMethod } from './engine/batch.js'
export { renderTraceEvent, traceLines, type TraceEvent, type TraceEventKind, type TraceLocale } from './engine/trace-events.js'
export { reconstructionSummary, type ReconstructionSummary, type PackStanding } from './model/reconstruction.js'
export { createEngine, type Engine, type EngineOptions } from './engine/engine.js'
export type { ConditionOperator, CustomOperators } from './rules/conditions.js'
export { canonicalJson, sha256Hex, contentHash } from './util/hash.js'
export type {
  FactConditionInput,
  PackInput,
  AssessmentInput,
  Assessment,
  UnitInput,
  EvidenceInput,
  CriterionInput,
  ConditionInput,
  DecimalInput,
  Text,
} from './model/schemas.js'
export { ENGINE_VERSION } from './engine/version.js'
export { composePack, type PatchInput } from './model/compose.js'
export { packFitIssues, packInForce, type PackFitIssue, type PackFitPaths, type PackFitSource, type PackInForce } from './model/fit.js'
export { UNIT_KIND_WORDS, unitKindsText, type UnitKindWords } from './model/unit-kinds.js'
export { createRegistry, compareVersions, type PackRegistry, type PackSummary, type CoverageProblem, type ResolveQuery, type RegistryOptions } from './model/registry.js'
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
export { recalculate, safeRecalculate, recalculateMany, type RecalcSummary, type ResultRecord, type RecalcReport, type RecalcDifference } from './time/records.js'
export { compareYears, type CompareYearsOptions, type UnitYears, type YearEntry, type YearChange } from './time/years.js'
