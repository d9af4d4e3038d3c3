/**
 * @chiso/store — the store of record for Chỉ số CCHC / PAR INDEX: a province's packs,
 * units, submissions, appraisal rounds, results and publications, in PostgreSQL or in the
 * embedded PGlite, append-only and hash-chained, with optimistic concurrency.
 *
 * @packageDocumentation
 */
export { openStore, type OpenStoreOptions, type Store, type UnitScope, type AssessmentScope, type StoreEvent } from './store.js'
export { StoreError, type StoreIssue, type StoreIssueCode } from './errors.js'
export { groupName } from './names.js'
export { diffAssessments, type AssessmentDiff, type Change, type EvidenceChange } from './diff.js'
export { SCHEMA_VERSION } from './migrations.js'
export type { PutPacksInput, PutPacksResult, StoredPack } from './packs.js'
export type { PutUnitsInput, StoredUnit } from './units.js'
export type {
  PackRef,
  SubmitInput,
  AppraiseInput,
  AppraisalChange,
  ImportInput,
  ImportItem,
  ImportResult,
  AssessmentState,
  StoredSubmission,
  StoredAppraisal,
} from './assessments.js'
export type { ScoreInput, ScoreResult, ScoredUnit, StoredResult, Ranking, RankingEntry, Publication, PublishInput, Decision } from './results.js'
export type { UnitHistory, UnitHistoryInput, CompareYearsInput, YearsComparison, YearSource, LineageUnit } from './history.js'
export type { VerifyOptions, VerifyReport, VerifyProblem, VerifyCode, ChainHead } from './verify.js'
