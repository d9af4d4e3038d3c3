/**
 * evaluate: scores one unit's assessment under a compiled pack, exactly, with an optional
 * trace of every decision.
 */
import type { CompiledPack } from '../model/compile.js'
import { ChisoError, issue, neverThrows, type ChisoIssue, type SafeResult } from '../util/errors.js'
import { optionKeyIssues, packArgumentIssue } from '../util/arguments.js'
import type { Assessment } from '../model/schemas.js'
import { parseAssessmentInput, withPackProblems } from './assessment-input.js'
import type { UnitResult } from './result.js'
import { checkAssessment, dedupeIssues } from './check.js'
import { score } from './interpret.js'

export interface EvaluateOptions {
  /** record a trace for every node (off by default; costs nothing when off) */
  readonly trace?: boolean
  /**
   * `'copy'` (default): the result keeps its own deep copy of the assessment, so editing the
   * input afterwards changes nothing in the result (objects that are not plain data, a `Date`
   * or a class instance, are kept as they are). The copy is made as the input is checked
   * (each value read once) and is what is scored. In one batch call, an object several
   * assessments hold directly under one of their keys (the same `facts`, `evidence` or
   * `selfScores` object) is copied once and its copy shared by their results, as
   * `structuredClone` shares what it reaches twice. `'borrow'`: the result keeps the
   * caller's object — no copy, much less memory and time on national batches — and the
   * caller promises not to change an assessment while its result is in use.
   */
  readonly inputs?: 'copy' | 'borrow'
}

/**
 * Validates an assessment against a pack and scores it. Returns the result or every
 * problem found.
 *
 * @example
 * ```ts
 * import { compilePack, safeEvaluate } from '@chiso/core'
 * const pack = compilePack({ id: 'demo/commune', version: '1.0.0', title: 'Demo', scale: 10, criteria: [{ code: '1', title: 'Chỉ đạo điều hành', maxPoints: 10, children: [{ code: '1.1', title: 'Kế hoạch', maxPoints: 10 }] }] })
 * const r = safeEvaluate(pack, { unitId: 'x1', period: '2024', selfScores: { '1.1': 99 } })
 * if (!r.ok) console.log(r.issues[0]?.code, r.issues[0]?.message.vi) // 'score_above_max' 'Điểm 99 của "1.1" vượt điểm tối đa 10'
 * ```
 */
export function safeEvaluate(pack: CompiledPack, input: unknown, options: EvaluateOptions = {}): SafeResult<UnitResult> {
  return neverThrows(() => {
    const bad = packArgumentIssue(pack)
    if (bad) return { ok: false, issues: [bad] }
    const problems = evaluateOptionIssues(options, EVALUATE_OPTIONS)
    if (problems.length > 0) return { ok: false, issues: problems }
    // copied inputs: the copy is made in the walk that checks the input, and it is what is
    // scored and kept (each value read once)
    const parsed = parseAssessmentInput(input, [], options.inputs !== 'borrow')
    if (!parsed.data) return { ok: false, issues: withPackProblems(pack, input, parsed.issues) }
    return evaluateParsed(pack, parsed.data, options, parsed.copy)
  })
}

/**
 * {@link safeEvaluate} of an assessment already parsed by `parseAssessmentInput` (`copied`:
 * the private copy the parse made of it, when it is that copy); never throws either. @internal
 */
export function evaluateParsed(pack: CompiledPack, a: Assessment, options: EvaluateOptions = {}, copied?: Assessment): SafeResult<UnitResult> {
  return neverThrows(() => {
    // facts are checked while scoring, where a rule finds them unusable; when other problems
    // are found first, the full check runs so that every problem is reported at once
    if (checkAssessment(pack, a, [], false).length > 0) return { ok: false, issues: checkAssessment(pack, a) }
    const factIssues: ChisoIssue[] = []
    const result = score(pack, a, options.trace === true, factIssues, [], options.inputs === 'borrow', copied)
    if (factIssues.length > 0) return { ok: false, issues: dedupeIssues(factIssues) }
    return { ok: true, value: result }
  })
}

/**
 * Scores one unit. Throws a {@link ChisoError} listing every problem when the assessment
 * is invalid for the pack.
 *
 * @example
 * ```ts
 * import { compilePack, evaluate } from '@chiso/core'
 * const result = evaluate(pack, assessment, { trace: true })
 * result.total.toString()          // '85.34'
 * result.node('1.2')?.trace?.steps // ['rule steps: fact completionRate = 92 → ≥ 90 → 2', …]
 * ```
 */
export function evaluate(pack: CompiledPack, assessment: unknown, options: EvaluateOptions = {}): UnitResult {
  const r = safeEvaluate(pack, assessment, options)
  if (!r.ok) throw new ChisoError(r.issues, 'assessment')
  return r.value
}

/** The type a message names for a value given. @internal */
export function receivedType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v
}

/** An option that must be one of `allowed` (when given): `invalid_value` at `['options', name]`. @internal */
export function optionOneOf(out: ChisoIssue[], name: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined || allowed.includes(value as string)) return
  const list = allowed.map((a) => `"${a}"`).join(', ')
  out.push(issue('invalid_value', ['options', name], { value, detail: `cần một trong ${list}`, detailEn: `expected one of ${list}` }, value))
}

/** An option of a given `typeof` (when given): `invalid_type` at `['options', name]`. @internal */
export function optionOfType(out: ChisoIssue[], name: string, value: unknown, type: 'boolean' | 'function'): void {
  if (value !== undefined && typeof value !== type) out.push(issue('invalid_type', ['options', name], { expected: type, received: receivedType(value) }))
}

/** The keys of {@link EvaluateOptions}. */
const EVALUATE_OPTIONS: readonly string[] = ['trace', 'inputs']

/**
 * Every problem with {@link EvaluateOptions} (and the part of a batch's options they share),
 * at `['options', name]`: a misspelt input mode is refused, never taken for the default, and
 * so is a key not among `known` (a misspelt `traces`). @internal
 */
export function evaluateOptionIssues(options: EvaluateOptions, known: readonly string[]): ChisoIssue[] {
  const out: ChisoIssue[] = []
  if (options === null || typeof options !== 'object') {
    out.push(issue('invalid_type', ['options'], { expected: 'object', received: receivedType(options) }))
    return out
  }
  out.push(...optionKeyIssues(options, known))
  optionOneOf(out, 'inputs', options.inputs, ['copy', 'borrow'])
  optionOfType(out, 'trace', options.trace, 'boolean')
  return out
}
