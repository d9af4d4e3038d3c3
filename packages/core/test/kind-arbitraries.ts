/**
 * Leaves of every registered built-in rule kind, drawn from the registry rather than listed
 * here: each kind's own `examples` give its options, and the facts a unit sends are drawn
 * by a generator per form (what the kind compiles to). A new built-in kind with examples
 * is covered by the property tests without editing any generator.
 */
import fc from 'fast-check'
import { compilePack, type ConditionInput, type CriterionInput } from '@chiso/core'
import { BUILT_IN_RULE_KINDS, ruleKinds, type RuleForm } from '@chiso/core/plugin'
import { BUILT_IN_KINDS } from '../src/rules/kinds.js'

/** facts as a unit may send them: mostly whole numbers in range, now and then odd or unusable */
const numberish = (lo: number, hi: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }), weight: 80 },
    { arbitrary: fc.integer({ min: lo * 100, max: hi * 100 }).map((c) => c / 100), weight: 6 },
    { arbitrary: fc.integer({ min: lo, max: hi }).map(String), weight: 2 },
    { arbitrary: fc.constantFrom<unknown>(null, -1, -0, 2 ** 53, 0.1 + 0.2), weight: 2 },
    { arbitrary: fc.constantFrom<unknown>(true, 'nhiều', { a: 1 }), weight: 1 },
  )

/** the constants each fact is compared with in a condition, by fact */
function constantsOf(c: ConditionInput, into: Map<string, unknown[]>): void {
  if ('all' in c) for (const x of c.all) constantsOf(x, into)
  else if ('any' in c) for (const x of c.any) constantsOf(x, into)
  else if ('not' in c) constantsOf(c.not, into)
  else if ('fact' in c) {
    const list = into.get(c.fact) ?? []
    const v = c.value
    const values = Array.isArray(v) ? v : [v]
    for (const w of values) {
      if (typeof w === 'number') list.push(w, w - 1, w + 1)
      else if (w === null || typeof w !== 'object') list.push(w)
    }
    into.set(c.fact, list)
  }
}

/** The facts a unit sends for a rule of this form: one generator per form. */
export function factsForForm(form: RuleForm, facts: readonly string[]): Record<string, fc.Arbitrary<unknown>> {
  switch (form.form) {
    case 'pick':
      return { [form.fact]: fc.oneof({ arbitrary: fc.constantFrom(...form.values), weight: 30 }, { arbitrary: fc.constantFrom<unknown>('khác', 3, null), weight: 1 }) }
    case 'steps': {
      const mins = form.steps.map((st) => st.min.toNumber())
      const lo = Math.floor(Math.min(...mins)) - 5
      const hi = Math.ceil(Math.max(...mins)) + 5
      return { [form.fact]: fc.oneof({ arbitrary: fc.constantFrom(...mins), weight: 10 }, { arbitrary: numberish(lo, hi), weight: 30 }) }
    }
    case 'ratio':
      if (form.denominator === undefined) return { [form.numerator]: numberish(0, Math.ceil(form.of!.toNumber() * 1.5)) }
      return {
        [form.numerator]: fc.oneof({ arbitrary: numberish(0, 120), weight: 40 }, { arbitrary: fc.constantFrom(130, 260, -3), weight: 1 }),
        [form.denominator]: fc.oneof({ arbitrary: numberish(120, 250), weight: 40 }, { arbitrary: fc.constant(0), weight: 1 }),
      }
    case 'count':
      return { [form.fact]: numberish(0, 30) }
    case 'branches': {
      const constants = new Map<string, unknown[]>()
      for (const b of form.branches) constantsOf(b.when, constants)
      return Object.fromEntries(
        facts.map((f) => [f, fc.oneof({ arbitrary: fc.constantFrom(...(constants.get(f) ?? [0])), weight: 20 }, { arbitrary: fc.constantFrom<unknown>(null, true, 'khác', 0), weight: 2 })]),
      )
    }
    case 'compute':
      return Object.fromEntries(facts.map((f) => [f, numberish(0, 100)]))
  }
}

/** A built-in kind's example, compiled: its options, its leaf maximum, its form and the facts it reads. */
export interface KindExample {
  readonly kind: string
  readonly maxPoints: number
  readonly rule: Record<string, unknown>
  readonly form: RuleForm
  readonly facts: readonly string[]
}

/**
 * Every example of every registered built-in kind that compiles to a form (kinds scored
 * by hand or by survey have none: they send no facts).
 */
export function kindExamples(): KindExample[] {
  const out: KindExample[] = []
  for (const kind of ruleKinds()) {
    if (!(BUILT_IN_RULE_KINDS as readonly string[]).includes(kind)) continue
    const def = BUILT_IN_KINDS.find((d) => d.kind === kind)!
    for (const ex of def.examples ?? []) {
      const rule = ex.rule as Record<string, unknown>
      // a survey rule scores a survey-sourced criterion only
      const criterion: CriterionInput = { code: '1', title: kind, maxPoints: ex.maxPoints, rule: rule as CriterionInput['rule'], ...(kind === 'survey' ? { source: 'survey' as const } : {}) }
      const pack = compilePack({ id: 'kind/example', version: '1.0.0', title: kind, criteria: [criterion] })
      const compiled = pack.nodes[1]!.rule!
      if (compiled.form !== undefined) out.push({ kind, maxPoints: ex.maxPoints, rule, form: compiled.form, facts: compiled.facts })
    }
  }
  return out
}

/**
 * A leaf of a registered built-in kind, from one of its examples, with its facts renamed to
 * the leaf's own (so leaves do not share facts), and the facts a unit sends for it.
 */
export function registryLeafArb(code: string, tag: string): fc.Arbitrary<{ criterion: CriterionInput; facts: Record<string, fc.Arbitrary<unknown>> }> {
  const examples = kindExamples()
  return fc.constantFrom(...examples).map((ex) => {
    const rename = (f: string): string => `${f}@${tag}`
    let text = JSON.stringify(ex.rule)
    for (const f of ex.facts) text = text.split(JSON.stringify(f)).join(JSON.stringify(rename(f)))
    const facts = factsForForm(ex.form, ex.facts)
    return {
      criterion: { code, title: `Tiêu chí ${code}`, maxPoints: ex.maxPoints, rule: JSON.parse(text) as CriterionInput['rule'] },
      facts: Object.fromEntries(Object.entries(facts).map(([f, arb]) => [rename(f), arb])),
    }
  })
}
