/**
 * @chiso/core/analysis — what to do with scores once they exist: pack tests, pack diffs
 * and patch effects, points lost, improvement plans, the impact of a new edition,
 * sensitivity to the weights, and ranks and bands of any values.
 *
 * @example
 * ```ts
 * import { planImprovement, pointsLost } from '@chiso/core/analysis'
 * ```
 *
 * @packageDocumentation
 */
export { rankValues, bandFor } from '../engine/batch.js'
export { analyseSensitivity, type SensitivityOptions, type SensitivityReport, type RankInterval, type WeightPerturbation } from './sensitivity.js'
export { seededRandom } from '../util/random.js'
export {
  runPackTests,
  safeRunPackTests,
  PACK_TEST_DEFAULTS,
  type PackTestReport,
  type PackTestCaseReport,
  type PackTestFailure,
  type PackTestField,
} from './pack-tests.js'
export type { PackTestFileInput, PackTestCaseInput } from './pack-test-schema.js'
export { diffPacks, type PackDiff, type PackChange, type PackChangeKind, type PackRef } from './diff.js'
export { patchEffects, type PatchEffect, type PatchEffects } from './patch-effects.js'
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
} from './plan.js'
export { pointsLost, groupPointsLost, type UnitLosses, type AreaLoss, type CriterionLoss, type LossCause, type LossCauseKind, type GroupLosses, type GroupCriterionLoss } from './losses.js'
export {
  methodologyImpact,
  safeMethodologyImpact,
  type EditionMappingInput,
  type ImpactOptions,
  type ImpactReport,
  type UnitImpact,
  type ImpactStanding,
  type ImpactCriterion,
  type UnmappedCriterion,
  type CriterionImpact,
} from './impact.js'
