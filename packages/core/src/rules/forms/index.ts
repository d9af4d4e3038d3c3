/**
 * The closed set of forms a rule compiles to. Each is defined once, in its own file, with
 * its exact meaning (what `evaluate` and the exact interpreter run) and its lowering onto a
 * pack's decimal grid (what the integer lane runs) side by side; nothing else gives a rule
 * meaning. A kind's `compile` returns one form (data), and the rule's `compute` is derived
 * from it here.
 */
import type { Facts } from '../conditions.js'
import type { CompiledRule, RuleCompileContext, RuleOutcome } from '../types.js'
import { issue, type ChisoIssue, type IssuePath } from '../../util/errors.js'
import { Exact } from '../../util/exact.js'
import type { Grid, GridLeaf } from '../../engine/grid.js'
import { branchesExact, branchesLower, type BranchesForm } from './branches.js'
import type { ComputeForm } from './compute.js'
import { countExact, countLower, type CountForm } from './count.js'
import { pickExact, pickLower, type PickForm } from './pick.js'
import { ratioExact, ratioLower, type RatioForm } from './ratio.js'
import { stepsExact, stepsLower, type StepsForm } from './steps.js'

export type { BranchesForm, Branch } from './branches.js'
export type { ComputeForm } from './compute.js'
export type { CountForm } from './count.js'
export type { PickForm } from './pick.js'
export type { RatioForm } from './ratio.js'
export type { StepsForm, Step } from './steps.js'

/** What a rule compiles to: one of the forms, as data (or, for a plug-in, an opaque function). */
export type RuleForm = PickForm | StepsForm | RatioForm | CountForm | BranchesForm | ComputeForm

/** The names of the forms. */
export const RULE_FORMS = ['pick', 'steps', 'ratio', 'count', 'branches', 'compute'] as const

type Exactly = (facts: Facts, explain: boolean) => RuleOutcome | undefined

/**
 * A kind's compiled rule made whole: a rule that gives a form gets its `compute` derived
 * from it (and the facts the form reads); a rule that gives only `compute` stands as it is.
 * A form that is not well-formed data, or a rule giving both a form and a compute (two
 * meanings), is an `invalid_rule_form` issue. @internal
 */
export function completeRule(rule: CompiledRule, ctx: RuleCompileContext): CompiledRule {
  const form = rule.form
  if (form === undefined) return sameShape(rule)
  const before = ctx.issues.length
  const problem = formProblem(form)
  if (problem !== undefined) ctx.issues.push(issue('invalid_rule_form', ctx.path, { kind: String((form as { form?: unknown }).form), detail: problem.vi, detailEn: problem.en }))
  if (rule.compute !== undefined && form.form !== 'compute') {
    ctx.issues.push(
      issue('invalid_rule_form', ctx.path, { kind: form.form, detail: 'quy tắc cho một dạng hoặc một hàm compute, không cả hai', detailEn: 'a rule gives a form or a compute, not both' }),
    )
  }
  if (ctx.issues.length > before) return rule
  // conditions compile with the compiling engine's custom operators
  const complete: RuleForm = form.form === 'branches' && form.operators === undefined && ctx.operators !== undefined ? { ...form, operators: ctx.operators } : form
  const found: ChisoIssue[] = []
  const { exact, facts } = exactOf(complete, ctx.path, found)
  if (found.length > 0) {
    // a condition's problems come before the rule's other problems (its points), as when the
    // kind compiled its conditions itself
    let at = ctx.issues.length
    while (at > 0 && startsWith(ctx.issues[at - 1]!.path, ctx.path)) at--
    ctx.issues.splice(at, 0, ...found)
  }
  const names = [...rule.facts]
  for (const f of facts) if (!names.includes(f)) names.push(f)
  return sameShape({ ...rule, form: complete, facts: names, compute: exact })
}

/**
 * The rule with every field of {@link CompiledRule} present (undefined where it has none), in
 * one order: every leaf's rule then has one hidden class, so that scoring reads `compute`,
 * `fromSurvey` … with a cached lookup instead of one over every kind's own shape.
 */
function sameShape(rule: CompiledRule): CompiledRule {
  // undefined fields read as absent ones (every reader tests the value, none uses `in`)
  return {
    facts: rule.facts,
    form: rule.form,
    compute: rule.compute,
    checkEntered: rule.checkEntered,
    fromSurvey: rule.fromSurvey,
    checkSurvey: rule.checkSurvey,
    checkFacts: rule.checkFacts,
  } as CompiledRule
}

function startsWith(path: IssuePath, prefix: IssuePath): boolean {
  return path.length >= prefix.length && prefix.every((p, i) => path[i] === p)
}

/** A form's exact meaning and the facts it reads. */
function exactOf(form: RuleForm, path: IssuePath, issues: ChisoIssue[]): { exact: Exactly; facts: string[] } {
  switch (form.form) {
    case 'pick':
      return { exact: pickExact(form), facts: [form.fact] }
    case 'steps':
      return { exact: stepsExact(form), facts: [form.fact] }
    case 'ratio':
      return { exact: ratioExact(form), facts: form.denominator === undefined ? [form.numerator] : [form.numerator, form.denominator] }
    case 'count':
      return { exact: countExact(form), facts: [form.fact] }
    case 'branches':
      return branchesExact(form, path, issues)
    case 'compute':
      return { exact: form.compute, facts: [] }
  }
}

/**
 * A rule's form lowered onto a grid, for the integer lane: undefined when the rule has no
 * form, gives only `compute`, or its form is not exact on this grid (each form file states
 * when it is). The lane then asks the rule's exact `compute` for that leaf. @internal
 */
export function lowerForm(rule: CompiledRule, grid: Grid): GridLeaf | undefined {
  const form = rule.form
  if (form === undefined) return undefined
  switch (form.form) {
    case 'pick':
      return pickLower(form, grid)
    case 'steps':
      return stepsLower(form, grid)
    case 'ratio':
      return ratioLower(form, grid)
    case 'count':
      return countLower(form, grid)
    case 'branches':
      return branchesLower(form, rule.facts, grid)
    case 'compute':
      return undefined
  }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isExact = (v: unknown): v is Exact => v instanceof Exact
const isOutcome = (v: unknown): v is RuleOutcome => typeof v === 'object' && v !== null && isExact((v as RuleOutcome).points) && typeof (v as RuleOutcome).branch === 'string'
const isList = (v: unknown): v is readonly unknown[] => Array.isArray(v)

/** A form's problem in both languages. */
interface FormProblem {
  readonly en: string
  readonly vi: string
}
const pr = (en: string, vi: string): FormProblem => ({ en, vi })

/** What is wrong with a form that is not well-formed data (a plug-in's may not be), if anything. */
function formProblem(form: RuleForm): FormProblem | undefined {
  const f = form as unknown as Record<string, unknown>
  switch (form.form) {
    case 'pick':
      if (!isText(f.fact)) return pr('pick: "fact" must be a fact name', 'pick: "fact" phải là tên một dữ kiện')
      if (!isList(f.values) || !f.values.every((v) => typeof v === 'string' || typeof v === 'boolean'))
        return pr('pick: "values" must be strings or booleans', 'pick: "values" phải là các chuỗi hoặc giá trị đúng/sai')
      if (!isList(f.outcomes) || f.outcomes.length !== f.values.length || !f.outcomes.every(isOutcome))
        return pr('pick: one outcome { points: Exact, branch } per value', 'pick: mỗi giá trị cần một kết quả { points: Exact, branch }')
      return undefined
    case 'steps':
      if (!isText(f.fact)) return pr('steps: "fact" must be a fact name', 'steps: "fact" phải là tên một dữ kiện')
      if (
        !isList(f.steps) ||
        !f.steps.every(
          (s) =>
            typeof s === 'object' &&
            s !== null &&
            isExact((s as { min: unknown }).min) &&
            typeof (s as { exclusive: unknown }).exclusive === 'boolean' &&
            isOutcome((s as { outcome: unknown }).outcome),
        )
      )
        return pr('steps: "steps" must be { min: Exact, exclusive: boolean, outcome }', 'steps: mỗi bậc của "steps" phải có dạng { min: Exact, exclusive: boolean, outcome }')
      if (!isOutcome(f.otherwise)) return pr('steps: "otherwise" must be an outcome', 'steps: "otherwise" phải là một kết quả { points, branch }')
      return undefined
    case 'ratio':
      if (!isText(f.numerator)) return pr('ratio: "numerator" must be a fact name', 'ratio: "numerator" phải là tên một dữ kiện')
      if ((f.denominator === undefined) === (f.of === undefined))
        return pr('ratio: give exactly one of "denominator" (a fact) and "of" (a constant)', 'ratio: cần đúng một trong "denominator" (dữ kiện) hoặc "of" (hằng số)')
      if (f.denominator !== undefined && !isText(f.denominator)) return pr('ratio: "denominator" must be a fact name', 'ratio: "denominator" phải là tên một dữ kiện')
      if (f.of !== undefined && !(isExact(f.of) && !f.of.isNegative() && !f.of.isZero())) return pr('ratio: "of" must be a positive Exact', 'ratio: "of" phải là một số Exact dương')
      if (!isExact(f.max) || f.max.isNegative()) return pr('ratio: "max" must be an Exact ≥ 0', 'ratio: "max" phải là một số Exact ≥ 0')
      if (f.zeroDenominator !== 'full' && f.zeroDenominator !== 'zero') return pr('ratio: "zeroDenominator" must be "full" or "zero"', 'ratio: "zeroDenominator" phải là "full" hoặc "zero"')
      if (typeof f.code !== 'string') return pr('ratio: "code" must be the criterion code', 'ratio: "code" phải là mã tiêu chí')
      return undefined
    case 'count':
      if (!isText(f.fact)) return pr('count: "fact" must be a fact name', 'count: "fact" phải là tên một dữ kiện')
      if (!isExact(f.each) || !isExact(f.cap)) return pr('count: "each" and "cap" must be Exact', 'count: "each" và "cap" phải là số Exact')
      return undefined
    case 'branches':
      if (!isList(f.branches) || !f.branches.every((b) => typeof b === 'object' && b !== null && typeof (b as { when: unknown }).when === 'object' && isOutcome((b as { outcome: unknown }).outcome)))
        return pr('branches: "branches" must be { when: condition, outcome }', 'branches: mỗi nhánh của "branches" phải có dạng { when: điều kiện, outcome }')
      if (!isOutcome(f.otherwise)) return pr('branches: "otherwise" must be an outcome', 'branches: "otherwise" phải là một kết quả { points, branch }')
      return undefined
    case 'compute':
      if (typeof f.compute !== 'function') return pr('compute: "compute" must be a function', 'compute: "compute" phải là một hàm')
      return undefined
    default:
      return pr(`"form" must be one of ${RULE_FORMS.join(', ')}`, `"form" phải là một trong ${RULE_FORMS.join(', ')}`)
  }
}
