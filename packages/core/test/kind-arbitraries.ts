/**
 * Leaves of every rule kind an engine has, drawn from the engine rather than listed here:
 * each kind's own `examples` give its options, and the facts a unit sends are drawn by a
 * generator per form (what the kind compiles to). A new built-in kind with examples is
 * covered by the property tests — the lane's and the general ones — without editing any
 * generator; so is a plug-in kind given to `createEngine` with its definition.
 */
import fc from 'fast-check'
import { createEngine, Exact, type ConditionInput, type CriterionInput, type Engine } from '@chiso/core'
import { BUILT_IN_RULE_KINDS, type CompiledRule, type RuleForm, type RuleKindDefinition } from '@chiso/core/plugin'
import { BUILT_IN_KINDS } from '../src/rules/kinds.js'

/** An engine with the built-in kinds only (the default one may hold other tests' plug-ins). */
export const builtInEngine: Engine = createEngine()

/** The kinds a generator draws from: an engine, and the definitions of its plug-in kinds (for their examples). */
export interface KindSource {
  readonly engine: Engine
  readonly definitions?: readonly RuleKindDefinition[]
}

/** facts as a unit may send them: mostly whole numbers in range, now and then odd or (unless `valid`) unusable */
const numberish = (lo: number, hi: number, valid = false): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }), weight: 80 },
    { arbitrary: fc.integer({ min: lo * 100, max: hi * 100 }).map((c) => c / 100), weight: 6 },
    { arbitrary: fc.integer({ min: lo, max: hi }).map(String), weight: 2 },
    { arbitrary: fc.constantFrom<unknown>(null, -1, -0, 2 ** 53, 0.1 + 0.2), weight: 2 },
    { arbitrary: valid ? fc.constant<unknown>(null) : fc.constantFrom<unknown>(true, 'nhiều', { a: 1 }), weight: 1 },
  )

/** How the conditions use one fact: the constants it is compared with, the keys read by paths, whether it is a list. */
interface FactUse {
  readonly constants: unknown[]
  readonly keys: Set<string>
  list: boolean
}

const KEY_PATH = /^\$\.([A-Za-z_$][\w$-]*)$/

function useOf(into: Map<string, FactUse>, fact: string): FactUse {
  let u = into.get(fact)
  if (!u) into.set(fact, (u = { constants: [], keys: new Set(), list: false }))
  return u
}

/** the constants each fact is compared with in a condition, by fact (a referenced fact takes the other side's) */
function usesOf(c: ConditionInput, into: Map<string, FactUse>): void {
  if ('all' in c) for (const x of c.all) usesOf(x, into)
  else if ('any' in c) for (const x of c.any) usesOf(x, into)
  else if ('not' in c) usesOf(c.not, into)
  else if ('fact' in c) {
    const u = useOf(into, c.fact)
    const key = c.path === undefined ? undefined : KEY_PATH.exec(c.path)?.[1]
    if (key !== undefined) u.keys.add(key)
    if (c.operator === 'contains' || c.operator === 'doesNotContain') u.list = true
    const v = c.value
    const ref = v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === 'string' ? (v as { fact: string }).fact : undefined
    const values = ref !== undefined ? [] : Array.isArray(v) ? v : [v]
    const list = ref !== undefined ? useOf(into, ref).constants : u.constants
    for (const w of values) {
      // the constant itself as often as its neighbours: boundaries decide the operators
      if (typeof w === 'number') list.push(w, w, w - 1, w + 1)
      else if (w === null || typeof w !== 'object') list.push(w)
    }
    if (ref !== undefined) u.constants.push(0, 1, 5)
  }
}

/** A value of a fact the conditions read: a constant it is compared with, now and then another type; a list or an object with the keys read where the conditions read those. */
function conditionFact(u: FactUse | undefined, valid: boolean): fc.Arbitrary<unknown> {
  const constants = u && u.constants.length > 0 ? u.constants : [0]
  const scalar = fc.oneof({ arbitrary: fc.constantFrom(...constants), weight: 20 }, { arbitrary: fc.constantFrom<unknown>(null, true, 'khác', 0), weight: valid ? 3 : 2 })
  const shapes: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: scalar, weight: 4 }]
  if (u?.list) shapes.push({ arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 4 })
  if (u && u.keys.size > 0) shapes.push({ arbitrary: fc.record(Object.fromEntries([...u.keys].map((k) => [k, scalar])), { requiredKeys: [], noNullPrototype: true }), weight: 4 })
  return fc.oneof(...shapes)
}

/**
 * The facts a unit sends for a rule of this form: one generator per form. `valid`: only
 * values the rule can use or leave aside (no input errors), counts that contradict each
 * other now and then (a ratio's numerator above its denominator, a negative count).
 */
export function factsForForm(form: RuleForm, facts: readonly string[], valid = false): Record<string, fc.Arbitrary<unknown>> {
  switch (form.form) {
    case 'pick':
      return { [form.fact]: fc.oneof({ arbitrary: fc.constantFrom(...form.values), weight: 30 }, { arbitrary: valid ? fc.constant(null) : fc.constantFrom<unknown>('khác', 3, null), weight: 1 }) }
    case 'steps': {
      const mins = form.steps.map((st) => st.min.toNumber())
      const lo = Math.floor(Math.min(...mins)) - 5
      const hi = Math.ceil(Math.max(...mins)) + 5
      return { [form.fact]: fc.oneof({ arbitrary: fc.constantFrom(...mins), weight: 10 }, { arbitrary: numberish(lo, hi, valid), weight: 30 }) }
    }
    case 'ratio':
      if (form.denominator === undefined) return { [form.numerator]: numberish(0, Math.ceil(form.of!.toNumber() * 1.5), valid) }
      if (valid) {
        // whole counts that often contradict each other (above the denominator, over 0, negative)
        return {
          [form.numerator]: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 250 }), weight: 12 }, { arbitrary: fc.constantFrom(-3, -1, 0.5, '7'), weight: 1 }),
          [form.denominator]: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 200 }), weight: 12 }, { arbitrary: fc.constantFrom(-2, 2.5, '40'), weight: 1 }),
        }
      }
      return {
        [form.numerator]: fc.oneof({ arbitrary: numberish(0, 120), weight: 40 }, { arbitrary: fc.constantFrom(130, 260, -3), weight: 1 }),
        [form.denominator]: fc.oneof({ arbitrary: numberish(120, 250), weight: 40 }, { arbitrary: fc.constant(0), weight: 1 }),
      }
    case 'count':
      return { [form.fact]: numberish(0, 30, valid) }
    case 'branches': {
      const uses = new Map<string, FactUse>()
      for (const b of form.branches) usesOf(b.when, uses)
      return Object.fromEntries(facts.map((f) => [f, conditionFact(uses.get(f), valid)]))
    }
    case 'compute':
      return Object.fromEntries(facts.map((f) => [f, numberish(0, 100, valid)]))
  }
}

/** What a generator needs to know about a rule, read from what it compiles to. */
export interface RuleFacts {
  /** the rule as compiled by the engine */
  readonly compiled: CompiledRule
  /** a survey rule (scores a survey-sourced criterion) */
  readonly survey: boolean
  /** the values (in cents) a unit may enter; 'any' = any hundredth in [0, max] */
  readonly allowed: readonly number[] | 'any'
  /** the fact raising which never lowers the points, if any */
  readonly rewardFact: string | undefined
  /** the survey answers the rule weighs */
  readonly answers: readonly string[]
}

const cache = new Map<string, RuleFacts>()

/** exact cents of a value, or undefined when it is no whole number of hundredths */
const centsOf = (x: Exact): number | undefined => {
  const c = Math.round(x.toNumber() * 100)
  return Exact.from(`${c}/100`).eq(x) ? c : undefined
}

/**
 * Compiles a leaf with this rule under `engine` and reads from what it compiles to what a
 * unit may send: whether it is a survey rule, the scores it allows to be entered, the fact
 * it rewards. Throws when the rule does not compile (a generator bug).
 */
export function ruleFacts(engine: Engine, rule: Record<string, unknown>, maxPoints: number | string): RuleFacts {
  const key = `${JSON.stringify(rule)}|${maxPoints}`
  const hit = cache.get(key)
  if (hit && engine === builtInEngine) return hit
  const leaf = (source?: 'survey') => engine.safeCompilePack({ id: 'kind/leaf', version: '1.0.0', title: 'T', criteria: [{ code: '1', title: 'T', maxPoints, rule, ...(source ? { source } : {}) }] })
  let r = leaf()
  let survey = false
  if (!r.ok && r.issues.some((i) => i.code === 'survey_rule_mismatch')) {
    r = leaf('survey')
    survey = true
  }
  if (!r.ok) throw new Error(`a generated rule does not compile: ${JSON.stringify(rule)} ${JSON.stringify(r.issues.map((i) => [i.code, i.path]))}`)
  const compiled = r.value.nodes[1]!.rule!
  const form = compiled.form
  const maxCents = Math.round(Number(maxPoints) * 100)
  let allowed: readonly number[] | 'any' = 'any'
  const outcomes =
    form?.form === 'pick'
      ? form.outcomes
      : form?.form === 'steps'
        ? [...form.steps.map((s) => s.outcome), form.otherwise]
        : form?.form === 'branches'
          ? [...form.branches.map((b) => b.outcome), form.otherwise]
          : undefined
  const ok = (c: number) => compiled.checkEntered?.(Exact.from(`${c}/100`)) === undefined
  if (outcomes !== undefined) allowed = [...new Set(outcomes.map((o) => centsOf(o.points)).filter((c): c is number => c !== undefined && c >= 0 && c <= maxCents && ok(c)))]
  else if (compiled.checkEntered !== undefined) allowed = Array.from({ length: maxCents + 1 }, (_, c) => c).filter(ok)
  if (allowed !== 'any' && allowed.length === 0) allowed = [0]
  // steps reward their fact when a higher threshold never gives fewer points
  let rewardFact: string | undefined
  if (form?.form === 'steps') {
    const sorted = [...form.steps].sort((a, b) => a.min.cmp(b.min) || Number(a.exclusive) - Number(b.exclusive))
    const pts = [form.otherwise.points, ...sorted.map((s) => s.outcome.points)]
    if (pts.every((p, i) => i === 0 || p.gte(pts[i - 1]!))) rewardFact = form.fact
  } else if (form?.form === 'ratio') rewardFact = form.numerator
  else if (form?.form === 'count' && !form.each.isNegative()) rewardFact = form.fact
  const weights = rule.weights
  const candidates = weights !== null && typeof weights === 'object' ? Object.keys(weights) : ['A', 'B', 'C']
  const answers = survey ? candidates.filter((a) => !(compiled.checkSurvey?.({ answers: { [a]: 1 } }) ?? []).includes(a)) : []
  const out: RuleFacts = { compiled, survey, allowed, rewardFact, answers }
  if (engine === builtInEngine) cache.set(key, out)
  return out
}

/** The definition of a kind of `source`: a built-in one, or one of the definitions given. */
function definitionOf(source: KindSource, kind: string): RuleKindDefinition {
  const def = BUILT_IN_KINDS.find((d) => d.kind === kind) ?? source.definitions?.find((d) => d.kind === kind)
  if (!def) throw new Error(`the engine has kind "${kind}" but its definition was not given: its examples are what the generators draw`)
  return def
}

/** A kind's example, compiled: its options, its leaf maximum, its form (if any) and the facts it reads. */
export interface KindExample {
  readonly kind: string
  readonly maxPoints: number
  readonly rule: Record<string, unknown>
  readonly form: RuleForm | undefined
  readonly facts: readonly string[]
  readonly info: RuleFacts
}

/**
 * Every example of every kind the engine has (`engine.ruleKinds()`), compiled by it. A kind
 * without examples throws: it would not be drawn.
 */
export function kindExamples(source: KindSource = { engine: builtInEngine }): KindExample[] {
  const out: KindExample[] = []
  for (const kind of source.engine.ruleKinds()) {
    const def = definitionOf(source, kind)
    if (!def.examples || def.examples.length === 0) throw new Error(`kind "${kind}" gives no examples: the generators could not draw it`)
    for (const ex of def.examples) {
      const rule = ex.rule as Record<string, unknown>
      const info = ruleFacts(source.engine, rule, ex.maxPoints)
      out.push({ kind, maxPoints: ex.maxPoints, rule, form: info.compiled.form, facts: info.compiled.facts, info })
    }
  }
  return out
}

/** The rule of an example with each fact it reads renamed (so leaves do not share facts). */
export function renameFacts(rule: Record<string, unknown>, facts: readonly string[], rename: (f: string) => string): Record<string, unknown> {
  let text = JSON.stringify(rule)
  for (const f of facts) text = text.split(JSON.stringify(f)).join(JSON.stringify(rename(f)))
  return JSON.parse(text) as Record<string, unknown>
}

/**
 * A leaf of a registered built-in kind that scores from facts, from one of its examples,
 * with its facts renamed to the leaf's own, and the facts a unit sends for it (the lane's
 * generator: odd and unusable values included).
 */
export function registryLeafArb(code: string, tag: string): fc.Arbitrary<{ criterion: CriterionInput; facts: Record<string, fc.Arbitrary<unknown>> }> {
  const examples = kindExamples().filter((ex) => ex.form !== undefined && (BUILT_IN_RULE_KINDS as readonly string[]).includes(ex.kind))
  return fc.constantFrom(...examples).map((ex) => {
    const rename = (f: string): string => `${f}@${tag}`
    const facts = factsForForm(ex.form!, ex.facts)
    return {
      criterion: { code, title: `Tiêu chí ${code}`, maxPoints: ex.maxPoints, rule: renameFacts(ex.rule, ex.facts, rename) as CriterionInput['rule'] },
      facts: Object.fromEntries(Object.entries(facts).map(([f, arb]) => [rename(f), arb])),
    }
  })
}
