/**
 * The contract of a rule kind: what a pack's leaf rule compiles to and what its compile
 * function is given. Built-in and plug-in kinds share it.
 */
import type * as z from 'zod/v4/core'
import type { CustomOperators, Facts } from './conditions.js'
import type { ChisoIssue, IssuePath } from '../util/errors.js'
import type { Exact } from '../util/exact.js'
import type { RuleForm } from './forms/index.js'

/** What a rule produced for one unit: points and the branch that fired. */
export interface RuleOutcome {
  readonly points: Exact
  /** a short human label of the branch taken, e.g. "≥ 90 → 2" */
  readonly branch: string
  /**
   * @internal data that contradicts itself (a ratio's numerator above its denominator, a
   * negative count): the points stand and the result is flagged `inconsistent_data` with
   * these values (exact decimal text) and this message
   */
  readonly inconsistent?: { readonly values: Readonly<Record<string, string>>; readonly message: { readonly vi: string; readonly en: string } }
}

/** A problem with an entered score, reported by a rule. */
export interface EnteredScoreProblem {
  readonly code: 'score_not_multiple_of_step' | 'score_not_allowed'
  readonly params: Record<string, unknown>
}

/** Survey input for one criterion, as validated by the assessment schema. */
export type SurveyInput = { readonly answers: Readonly<Record<string, number>> } | { readonly points: number | string }

/**
 * The compiled form of a rule: data and pure closures, shared by every evaluation. A rule
 * that scores from facts gives either `form` (data: one of the closed set of forms in
 * rules/forms, whose exact meaning and fast integer form are defined once there; its
 * `compute` is then derived from it) or only `compute` (an opaque exact function: scored
 * exactly, and identically, on every path).
 */
export interface CompiledRule {
  /** facts this rule reads (for the trace and for input checks) */
  readonly facts: readonly string[]
  /** what the rule computes, as data (see rules/forms); gives the rule its `compute` */
  readonly form?: RuleForm
  /**
   * computes from facts; returns undefined when the facts it needs are absent. `explain`
   * is true when a trace is being recorded: only then need the branch label carry detail.
   * Derived from `form` when the rule gives one; a rule gives one or the other.
   */
  readonly compute?: (facts: Facts, explain: boolean) => RuleOutcome | undefined
  /** checks a score entered by the unit or the appraisal team */
  readonly checkEntered?: (score: Exact) => EnteredScoreProblem | undefined
  /** scores a survey input (rules for survey-sourced leaves); `explain` as for `compute` */
  readonly fromSurvey?: (input: SurveyInput, explain: boolean) => RuleOutcome
  /** checks a survey input before scoring; returns the answers it cannot weigh */
  readonly checkSurvey?: (input: SurveyInput) => readonly string[]
  /** validates the facts this rule reads; pushes issues under `path` */
  readonly checkFacts?: (facts: Facts, path: IssuePath, issues: ChisoIssue[]) => void
}

/** What a rule's compile function is given. */
export interface RuleCompileContext {
  /** the leaf's criterion code */
  readonly code: string
  /** the leaf's maximum points */
  readonly maxPoints: Exact
  /** where the rule sits in the pack (for issues) */
  readonly path: IssuePath
  /** append compile problems here; the pack then fails to compile with all of them */
  readonly issues: ChisoIssue[]
  /**
   * @internal declares an amount the rule may award or multiply by (`divisor`: divide by) to
   * the pack's bound on denominators (see limits.ts)
   */
  readonly declare?: (value: Exact, path: IssuePath, raw: unknown, divisor?: boolean) => void
  /**
   * the custom condition operators of the engine compiling the pack: a kind that reads
   * conditions passes them to `compileCondition` (absent: the built-in operators only)
   */
  readonly operators?: CustomOperators
}

/** A rule kind: its option schema and its compile function. */
export interface RuleKindDefinition<S extends z.$ZodType = z.$ZodType> {
  /** the `kind` value packs use */
  readonly kind: string
  /** schema of the rule object (including `kind`) */
  readonly schema: S
  /** turns validated options into a form (data) or closures; never runs pack text as code */
  readonly compile: (rule: z.output<S>, ctx: RuleCompileContext) => CompiledRule
  /**
   * rule objects of this kind that compile under a leaf of `maxPoints`: property tests
   * draw built-in kinds and their options from these, so a new kind is covered as it lands
   */
  readonly examples?: readonly { readonly maxPoints: number; readonly rule: z.input<S> }[]
}
