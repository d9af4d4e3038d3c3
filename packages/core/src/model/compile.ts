/**
 * compilePack: validates a pack once, reports every problem at once, and builds an
 * immutable structure of closures that evaluations share.
 */
import type * as z from 'zod/v4/core'
import { composeChain } from './compose.js'
import { compileCondition, type CompiledCondition, type CustomOperators } from '../rules/conditions.js'
import { ROOT_CODE } from './constants.js'
import { append, ChisoError, issue, neverThrows, preview, type ChisoIssue, type IssuePath, type SafeResult } from '../util/errors.js'
import { viNumber } from '../util/issue-messages.js'
import { Exact, type RoundingMode } from '../util/exact.js'
import { contentHash } from '../util/hash.js'
import { exactlyOnGrid, GRID_LIMIT, type Grid, type GridCompute } from '../engine/grid.js'
import { checkLimits, decimalWithinLimits, DenominatorBound, MAX_CRITERIA } from '../util/limits.js'
import { checkNumberFact, readComputedFact } from '../rules/facts.js'
import { kindIn, kindNames, type PluginTables } from '../rules/registry.js'
import { defaultEngine, type Engine } from '../engine/engine.js'
import type { CompiledRule, RuleCompileContext } from '../rules/types.js'
import { completeRule } from '../rules/forms/index.js'
import { PackSchema, type CriterionInput, type Text } from './schemas.js'
import { copyData, fromZodIssues, parseWith, safeParse } from './validate.js'
import { compiledPackGivenIssue } from '../util/arguments.js'

/** A parsed pack, exactly as validated (the JSON a pack author wrote). */
export type Pack = z.output<typeof PackSchema>

/** A bilingual text, normalised. */
export interface LocalText {
  readonly vi: string
  readonly en?: string
}

/** How a leaf gets its points. */
export type CriterionSource = 'self' | 'survey' | 'computed'

/** One node of a compiled criteria tree. */
export interface CompiledNode {
  /** position in {@link CompiledPack.nodes} (pre-order; 0 is the root) */
  readonly index: number
  /** criterion code; the root's code is {@link ROOT_CODE} */
  readonly code: string
  readonly title: LocalText
  readonly maxPoints: Exact
  readonly depth: number
  readonly parent: number
  readonly children: readonly number[]
  readonly isLeaf: boolean
  readonly source: CriterionSource
  readonly ruleKind: string | undefined
  /** @internal compiled rule of a leaf */
  readonly rule: CompiledRule | undefined
  /** @internal compiled applicability condition */
  readonly applicability: { readonly test: CompiledCondition; readonly facts: readonly string[] } | undefined
  readonly evidence: { readonly required: boolean; readonly minDocuments: number } | undefined
  readonly caps: { readonly deduction?: Exact; readonly bonus?: Exact }
  /**
   * the least points the node keeps after its adjustments (clamped into [min(floor,
   * applicable max), applicable max]): its own `floor`, default 0; the root's is the pack's
   */
  readonly floor: Exact
  /** indexes into {@link CompiledPack.adjustments} of the adjustments targeting this node */
  readonly adjustments: readonly number[]
  /** the text the node's figures come from (only where they really do) */
  readonly legalRef: string | undefined
  /** the node's own status (a node without one inherits its nearest ancestor's: `reconstructionSummary`) */
  readonly status: 'verified' | 'reconstructed' | undefined
  /** what reconstructed content is shaped after (never a legal reference) */
  readonly basis: LocalText | undefined
  readonly note: string | undefined
  /** relative effort of one point, for improvement plans: the node's own `effort`, else its nearest ancestor's, else 1 */
  readonly effort: Exact
}

/** A compiled deduction or bonus. */
export interface CompiledAdjustment {
  readonly id: string
  readonly type: 'deduction' | 'bonus'
  readonly title: LocalText
  readonly target: number
  readonly cap: Exact | undefined
  readonly entered: boolean
  /**
   * @internal computes the uncapped amount from facts (undefined for entered amounts);
   * `unusable` when a fact it reads is present but no number (then 0, and an input error:
   * see checkFacts); `detail` is written only when `explain` (a trace reads it), else '' (the lane reads none)
   */
  readonly compute: ((facts: Readonly<Record<string, unknown>>, explain?: boolean) => { amount: Exact; detail: string; unusable?: boolean }) | undefined
  /** @internal reports the facts it reads that are present but unusable, as a leaf's rule does */
  readonly checkFacts: ((facts: Readonly<Record<string, unknown>>, path: IssuePath, issues: ChisoIssue[]) => void) | undefined
  /**
   * @internal the uncapped amount as a scaled integer on a grid (NaN: ask compute), for
   * the integer lane; undefined when the amount is not exactly on that grid
   */
  readonly onGrid: ((grid: Grid) => GridCompute | undefined) | undefined
  readonly facts: readonly string[]
}

/** A classification band, compiled. */
export interface CompiledBand {
  readonly code: string
  readonly label: LocalText
  readonly min: Exact
  readonly minExclusive: boolean
}

/** A named rounding step. */
export interface Rounding {
  readonly decimals: number
  readonly mode: RoundingMode
}

/**
 * A compiled, immutable rule pack. Safe to share between calls and threads of work;
 * nothing in it is mutated by evaluation.
 */
export interface CompiledPack {
  readonly id: string
  readonly version: string
  readonly title: LocalText
  /** sha256 of the canonical pack content */
  readonly contentHash: string
  /** the validated pack source */
  readonly source: Pack
  /** pre-order; index 0 is the root (the whole index) */
  readonly nodes: readonly CompiledNode[]
  /** leaves first, parents after their children */
  readonly postOrder: readonly number[]
  /** the top-level areas (lĩnh vực) */
  readonly areas: readonly number[]
  readonly scale: Exact
  /** the floor of the whole index (the root's); each node has its own ({@link CompiledNode.floor}) */
  readonly floor: Exact
  readonly adjustments: readonly CompiledAdjustment[]
  readonly bands: readonly CompiledBand[]
  readonly bandsBy: 'index' | 'points'
  readonly ranking: {
    readonly method: 'competition' | 'dense'
    readonly by: 'index' | 'points'
    /** units assessed but not ranked (by unit id, or every unit of a group) */
    readonly exclude: { readonly units: readonly string[]; readonly groups: readonly string[] }
  }
  readonly rounding: { readonly leaf?: Rounding; readonly index?: Rounding }
  readonly indexFormula: { readonly kind: 'ratio' | 'points'; readonly scale: Exact }
  readonly evidencePolicy: 'zero' | 'flag'
  /** true when any leaf requires evidence */
  readonly usesEvidence: boolean
  /** true when anything reads unit attributes or conditions */
  readonly usesConditions: boolean
  /** looks up a node by code */
  node(code: string): CompiledNode | undefined
  /** the engine that compiled the pack (its rule kinds and condition operators) */
  readonly engine: Engine
}

export { ROOT_CODE }

/**
 * A bilingual text of the compiled pack, frozen: results and traces hand out the pack's own
 * (node titles, adjustment titles, band labels, the basis), so none of them can change it.
 */
function text(t: Text): LocalText {
  return Object.freeze(typeof t === 'string' ? { vi: t } : t.en === undefined ? { vi: t.vi } : { vi: t.vi, en: t.en })
}

/**
 * Reads a decimal the pack declares (its sign and digits already checked by the schema).
 * Text such as "1/0" passes the schema's pattern but is no number: `invalid_decimal`.
 * Amounts (not thresholds) are declared to the pack's denominator bound.
 */
function decimalAt(v: number | string, path: IssuePath, issues: ChisoIssue[], bound: DenominatorBound | undefined): Exact {
  const x = Exact.tryFrom(v)
  if (x === undefined) {
    issues.push(issue('invalid_decimal', path, { value: v }, v))
    return Exact.ZERO
  }
  bound?.declare(x, path, v)
  return x
}

interface MutableNode extends Omit<CompiledNode, 'children' | 'adjustments'> {
  children: number[]
  adjustments: number[]
}

/** Options for {@link compilePack}. */
export interface CompileOptions {
  /**
   * Resolves `extends`: returns the base pack's JSON (already composed) for an id and
   * optional version. Supplied by a registry; without it a pack with `extends` is an error.
   */
  readonly resolveBase?: (id: string, version: string | undefined) => unknown
}

/**
 * Validates and compiles a pack with the default engine (one of your own:
 * {@link createEngine}). Returns the compiled pack or every problem found.
 *
 * @example
 * ```ts
 * import { safeCompilePack } from '@chiso/core'
 * const r = safeCompilePack(json)
 * if (!r.ok) for (const i of r.issues) console.error(i.code, i.path.join('.'), i.message.vi)
 * ```
 */
export function safeCompilePack(input: unknown, options: CompileOptions = {}): SafeResult<CompiledPack> {
  return defaultEngine().safeCompilePack(input, options)
}

/** Compiles a pack with an engine's plug-ins; the engine's `safeCompilePack`. @internal */
export function safeCompileWith(engine: Engine, tables: PluginTables, input: unknown, options: CompileOptions = {}): SafeResult<CompiledPack> {
  return neverThrows(() => compileChecked(engine, tables, input, options))
}

function compileChecked(engine: Engine, tables: PluginTables, input: unknown, options: CompileOptions): SafeResult<CompiledPack> {
  const given = compiledPackGivenIssue(input, [])
  if (given) return { ok: false, issues: [given] }
  const parsed = parseWith(PackSchema, input)
  if (parsed.beyondLimits) return { ok: false, issues: parsed.issues }
  if (!parsed.data) return { ok: false, issues: [...parsed.issues, ...hiddenIssues(engine, tables, input, parsed.issues)] }
  let pack: Pack = parsed.data
  if (pack.extends !== undefined || pack.patches !== undefined) {
    if (!options.resolveBase) {
      return {
        ok: false,
        issues: [
          issue('invalid_value', ['extends'], {
            value: pack.extends,
            detail: 'bộ chỉ số kế thừa cần được biên dịch qua registry',
            detailEn: 'a pack with extends/patches is compiled through a registry (createRegistry)',
          }),
        ],
      }
    }
    const composed = composeChain(pack, options.resolveBase)
    if (!composed.ok) return composed
    pack = composed.value
    // patches may nest nodes deeper than either pack: the composed pack is checked whole
    const limits = checkLimits(pack)
    if (limits.length > 0) return { ok: false, issues: limits }
  }
  const issues: ChisoIssue[] = []
  // build from a private copy: the compiled pack freezes its source and its closures keep
  // references into it, so neither may share objects with the caller's input
  const compiled = build(copyData(pack), issues, engine, tables)
  if (issues.length > 0 || !compiled) return { ok: false, issues }
  return { ok: true, value: compiled }
}

/**
 * Validates and compiles a pack with the default engine (one of your own:
 * {@link createEngine}); throws one {@link ChisoError} listing every problem.
 *
 * @example
 * ```ts
 * import { compilePack, evaluate } from '@chiso/core'
 * const pack = compilePack({
 *   id: 'demo/commune', version: '1.0.0', title: 'Demo', scale: 10,
 *   criteria: [{ code: '1', title: 'Chỉ đạo điều hành', maxPoints: 10 }],
 * })
 * evaluate(pack, { unitId: 'x1', period: '2024', selfScores: { '1': 8.5 } }).index.toString() // '85'
 * ```
 */
export function compilePack(input: unknown, options: CompileOptions = {}): CompiledPack {
  const r = safeCompilePack(input, options)
  if (!r.ok) throw new ChisoError(r.issues, 'rule pack')
  return r.value
}

function build(pack: Pack, issues: ChisoIssue[], engine: Engine, tables: PluginTables): CompiledPack | undefined {
  // the operators as they are now: an operator added to the engine later changes no pack
  const operators: CustomOperators = new Map(tables.operators)
  if (!pack.criteria || pack.criteria.length === 0) {
    issues.push(issue('missing_criteria', ['criteria']))
    return undefined
  }
  // the size of the tree first (iteratively), before anything walks it
  let criteriaCount = 0
  for (const pending: CriterionInput[][] = [pack.criteria]; pending.length > 0; ) {
    const list = pending.pop()!
    criteriaCount += list.length
    for (const c of list) if (c.children) pending.push(c.children)
  }
  if (criteriaCount > MAX_CRITERIA) {
    issues.push(issue('too_many_criteria', ['criteria'], { count: criteriaCount, max: MAX_CRITERIA }, criteriaCount))
    return undefined
  }
  const bound = new DenominatorBound(issues)
  const nodes: MutableNode[] = []
  const firstPath = new Map<string, string>()
  let usesEvidence = false
  let usesConditions = false

  const root: MutableNode = {
    index: 0,
    code: ROOT_CODE,
    title: text(pack.title),
    maxPoints: Exact.ZERO,
    depth: 0,
    parent: -1,
    children: [],
    isLeaf: false,
    source: 'computed',
    ruleKind: undefined,
    rule: undefined,
    applicability: undefined,
    evidence: undefined,
    caps: rootCaps(pack, issues, bound),
    // the pack's floor is the whole index's: set below, with the scale
    floor: Exact.ZERO,
    adjustments: [],
    legalRef: undefined,
    status: pack.status,
    basis: pack.basis === undefined ? undefined : text(pack.basis),
    note: pack.note,
    effort: Exact.ONE,
  }
  nodes.push(root)

  const visit = (c: CriterionInput, parent: number, depth: number, path: IssuePath): number => {
    const index = nodes.length
    const p = path.join('.')
    if (c.code === ROOT_CODE) {
      issues.push(issue('invalid_value', [...path, 'code'], { value: c.code, detail: `mã "${ROOT_CODE}" dành cho toàn bộ chỉ số`, detailEn: `"${ROOT_CODE}" is reserved for the whole index` }, c.code))
    }
    const seen = firstPath.get(c.code)
    if (seen !== undefined) issues.push(issue('duplicate_code', [...path, 'code'], { code: c.code, first: seen }, c.code))
    else firstPath.set(c.code, p)
    const maxPoints = decimalAt(c.maxPoints, [...path, 'maxPoints'], issues, bound)
    const kids = c.children ?? []
    const isLeaf = kids.length === 0
    const source: CriterionSource = c.source ?? 'self'
    let applicability: MutableNode['applicability']
    if (c.notApplicable === true) {
      applicability = { test: () => false, facts: [] }
      usesConditions = true
    } else if (c.applicability !== undefined) {
      applicability = compileCondition(c.applicability, [...path, 'applicability'], issues, operators)
      usesConditions = true
    }
    let rule: CompiledRule | undefined
    let ruleKind: string | undefined
    if (!isLeaf && c.rule !== undefined) {
      issues.push(issue('rule_on_inner_node', [...path, 'rule'], { code: c.code }))
    }
    if (isLeaf) {
      const r = c.rule ?? { kind: source === 'survey' ? 'survey' : 'manual' }
      ruleKind = r.kind
      const def = kindIn(tables, r.kind)
      if (!def) {
        issues.push(issue('unknown_rule_kind', [...path, 'rule', 'kind'], { kind: r.kind, known: kindNames(tables).join(', ') }, r.kind))
      } else {
        const parsed = safeParse(def.schema, r)
        if (!parsed.success) {
          append(issues, fromZodIssues(parsed.error.issues, r, [...path, 'rule']))
        } else {
          const ctx: RuleCompileContext = { code: c.code, maxPoints, path: [...path, 'rule'], issues, declare: (x, at, raw, divisor) => bound.declare(x, at, raw, divisor), operators }
          rule = completeRule(def.compile(parsed.data, ctx), ctx)
          if (r.kind === 'conditions') usesConditions = true
        }
      }
      if (source === 'survey' && rule && !rule.fromSurvey) {
        issues.push(
          issue('survey_rule_mismatch', [...path, 'rule'], {
            code: c.code,
            detail: 'tiêu chí điều tra xã hội học cần quy tắc loại "survey"',
            detailEn: 'a survey-sourced criterion needs a rule of kind "survey"',
          }),
        )
      }
      if (source !== 'survey' && rule?.fromSurvey) {
        issues.push(
          issue('survey_rule_mismatch', [...path, 'rule'], {
            code: c.code,
            detail: 'quy tắc "survey" chỉ dùng cho tiêu chí có source "survey"',
            detailEn: 'a "survey" rule needs source "survey"',
          }),
        )
      }
      if (source === 'computed' && rule && !rule.compute) {
        issues.push(
          issue('survey_rule_mismatch', [...path, 'rule'], {
            code: c.code,
            detail: 'tiêu chí tính từ dữ kiện cần một quy tắc đọc dữ kiện',
            detailEn: 'a computed criterion needs a rule that reads facts',
          }),
        )
      }
    }
    const evidence = c.evidence ? { required: c.evidence.required, minDocuments: c.evidence.minDocuments ?? 1 } : undefined
    // evidence decides a leaf's points (and an appraisal may restore them): on an inner node
    // it would have no leaf to act on, so it is refused rather than ignored
    if (!isLeaf && evidence?.required) issues.push(issue('evidence_on_inner_node', [...path, 'evidence', 'required'], { code: c.code }, true))
    if (evidence?.required) usesEvidence = true
    const caps: { deduction?: Exact; bonus?: Exact } = {}
    if (c.adjustmentCaps?.deduction !== undefined) caps.deduction = decimalAt(c.adjustmentCaps.deduction, [...path, 'adjustmentCaps', 'deduction'], issues, bound)
    if (c.adjustmentCaps?.bonus !== undefined) caps.bonus = decimalAt(c.adjustmentCaps.bonus, [...path, 'adjustmentCaps', 'bonus'], issues, bound)
    const floor = c.floor === undefined ? Exact.ZERO : decimalAt(c.floor, [...path, 'floor'], issues, bound)
    // an effort is > 0 (PositiveDecimalSchema); declared to the bound, so that a plan's costs stay as small as its points
    const effort = c.effort === undefined ? nodes[parent]!.effort : decimalAt(c.effort, [...path, 'effort'], issues, bound)
    const node: MutableNode = {
      index,
      code: c.code,
      title: text(c.title),
      maxPoints,
      depth,
      parent,
      children: [],
      isLeaf,
      source: isLeaf ? source : 'computed',
      ruleKind,
      rule,
      applicability,
      evidence,
      caps,
      floor,
      adjustments: [],
      legalRef: c.legalRef,
      status: c.status,
      basis: c.basis === undefined ? undefined : text(c.basis),
      note: c.note,
      effort,
    }
    nodes.push(node)
    kids.forEach((k, i) => node.children.push(visit(k, index, depth + 1, [...path, 'children', i])))
    if (!isLeaf) {
      let sum = Exact.ZERO
      for (const ci of node.children) sum = sum.add(nodes[ci]!.maxPoints)
      if (!sum.eq(maxPoints)) {
        issues.push(issue('children_sum_mismatch', [...path, 'maxPoints'], { code: c.code, sum: sum.toString(), max: maxPoints.toString() }, c.maxPoints))
      }
    }
    return index
  }
  pack.criteria.forEach((c, i) => root.children.push(visit(c, 0, 1, ['criteria', i])))

  let areaSum = Exact.ZERO
  for (const ci of root.children) areaSum = areaSum.add(nodes[ci]!.maxPoints)
  let scale = areaSum
  if (pack.scale !== undefined) {
    scale = decimalAt(pack.scale, ['scale'], issues, bound)
    if (!areaSum.eq(scale)) issues.push(issue('scale_mismatch', ['scale'], { sum: areaSum.toString(), scale: scale.toString() }, pack.scale))
  }
  ;(root as { maxPoints: Exact }).maxPoints = scale

  const byCode = new Map<string, number>()
  for (const n of nodes) if (n.index !== 0 && !byCode.has(n.code)) byCode.set(n.code, n.index)

  // adjustments
  const adjustments: CompiledAdjustment[] = []
  const adjIds = new Set<string>()
  ;(pack.adjustments ?? []).forEach((a, i) => {
    const path: IssuePath = ['adjustments', i]
    if (adjIds.has(a.id)) issues.push(issue('duplicate_adjustment', [...path, 'id'], { id: a.id }, a.id))
    adjIds.add(a.id)
    let target = 0
    if (a.target !== undefined && a.target !== ROOT_CODE) {
      const t = byCode.get(a.target)
      if (t === undefined) issues.push(issue('unknown_adjustment_target', [...path, 'target'], { id: a.id, target: a.target }, a.target))
      else target = t
    }
    const cap = a.cap === undefined ? undefined : decimalAt(a.cap, [...path, 'cap'], issues, bound)
    let compute: CompiledAdjustment['compute']
    let checkFacts: CompiledAdjustment['checkFacts']
    let onGrid: CompiledAdjustment['onGrid']
    let facts: readonly string[] = []
    const amount = a.amount
    if (amount.kind === 'fixed') {
      const pts = decimalAt(amount.points, [...path, 'amount', 'points'], issues, bound)
      if (amount.when !== undefined) {
        const c = compileCondition(amount.when, [...path, 'amount', 'when'], issues, operators)
        usesConditions = true
        facts = c.facts
        compute = (f, explain) => (c.test(f) ? { amount: pts, detail: explain ? `condition met → ${pts}` : '' } : { amount: Exact.ZERO, detail: 'condition not met → 0' })
        onGrid = (grid) => {
          const g = exactlyOnGrid(pts, grid)
          return g === undefined ? undefined : (f) => (c.test(f) ? g : 0)
        }
      } else {
        compute = (_f, explain) => ({ amount: pts, detail: explain ? `fixed ${pts}` : '' })
        onGrid = (grid) => {
          const g = exactlyOnGrid(pts, grid)
          return g === undefined ? undefined : () => g
        }
      }
    } else if (amount.kind === 'per') {
      const pts = decimalAt(amount.points, [...path, 'amount', 'points'], issues, bound)
      const fact = amount.fact
      facts = [fact]
      compute = (f, explain) => {
        const v = Object.prototype.hasOwnProperty.call(f, fact) ? f[fact] : undefined
        // a number within the digit limits, as a leaf computing with it reads it
        const n = v === undefined ? undefined : readComputedFact(f, fact)
        // present but no usable number: the same input error a leaf reading it gets (checkFacts)
        if (n === undefined) return v === undefined || v === null ? { amount: Exact.ZERO, detail: `${fact} absent → 0` } : { amount: Exact.ZERO, detail: `${fact} unusable`, unusable: true }
        if (n.isNegative()) return { amount: Exact.ZERO, detail: explain ? `${fact} = ${n} < 0 → 0` : '' }
        return { amount: n.mul(pts), detail: explain ? `${n} × ${pts}` : '' }
      }
      checkFacts = (f, path, issues) => checkNumberFact(f, fact, path, issues, true)
      onGrid = (grid) => {
        const g = exactlyOnGrid(pts, grid)
        if (g === undefined || g < 0) return undefined
        return (f) => {
          // a number found is the fact's own (Object.prototype holds none)
          const v = f[fact]
          // whole non-negative counts in one multiplication; anything else asks compute
          return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v * g <= GRID_LIMIT ? v * g : Number.NaN
        }
      }
    }
    adjustments.push({ id: a.id, type: a.type, title: text(a.title), target, cap, entered: amount.kind === 'entered', compute, checkFacts, onGrid, facts })
    nodes[target]!.adjustments.push(adjustments.length - 1)
  })

  // bands, highest first
  const bands: CompiledBand[] = (pack.bands ?? []).map((b, i) => ({
    code: b.code,
    label: text(b.label),
    min: decimalAt(b.min, ['bands', i, 'min'], issues, undefined),
    minExclusive: b.minExclusive === true,
  }))
  const bandCodes = new Set<string>()
  bands.forEach((b, i) => {
    if (bandCodes.has(b.code)) issues.push(issue('invalid_bands', ['bands', i, 'code'], { detail: `mã "${preview(b.code)}" bị trùng`, detailEn: `duplicate band code "${preview(b.code)}"` }))
    bandCodes.add(b.code)
  })
  bands.sort((a, b) => b.min.cmp(a.min) || Number(b.minExclusive) - Number(a.minExclusive))
  for (let i = 1; i < bands.length; i++) {
    if (bands[i]!.min.eq(bands[i - 1]!.min) && bands[i]!.minExclusive === bands[i - 1]!.minExclusive) {
      issues.push(issue('invalid_bands', ['bands'], { detail: `hai mức cùng ngưỡng ${viNumber(bands[i]!.min.toString())}`, detailEn: `two bands share the minimum ${bands[i]!.min}` }))
    }
  }

  const rounding: { leaf?: Rounding; index?: Rounding } = {}
  if (pack.rounding?.leaf) rounding.leaf = { decimals: pack.rounding.leaf.decimals, mode: pack.rounding.leaf.mode ?? 'half-up' }
  if (pack.rounding?.index) rounding.index = { decimals: pack.rounding.index.decimals, mode: pack.rounding.index.mode ?? 'half-up' }

  const floor = pack.floor === undefined ? Exact.ZERO : decimalAt(pack.floor, ['floor'], issues, bound)
  ;(root as { floor: Exact }).floor = floor
  // a zero scale (every index 0, every unit tied) is refused by the schema (PositiveDecimalSchema)
  const indexScale = pack.index?.scale === undefined ? Exact.HUNDRED : decimalAt(pack.index.scale, ['index', 'scale'], issues, bound)

  if (issues.length > 0) return undefined

  const postOrder: number[] = []
  const walk = (i: number): void => {
    for (const c of nodes[i]!.children) walk(c)
    postOrder.push(i)
  }
  walk(0)

  // every node from one literal, then all frozen: copies by spread froze one by one each kept
  // a hidden class of its own (92 for 100 nodes), so every read of a node's field in scoring
  // went through a megamorphic lookup
  const frozenNodes: CompiledNode[] = nodes.map((n) => ({
    index: n.index,
    code: n.code,
    title: n.title,
    maxPoints: n.maxPoints,
    depth: n.depth,
    parent: n.parent,
    children: Object.freeze([...n.children]),
    isLeaf: n.isLeaf,
    source: n.source,
    ruleKind: n.ruleKind,
    rule: n.rule,
    applicability: n.applicability,
    evidence: n.evidence,
    caps: Object.freeze({ ...n.caps }),
    floor: n.floor,
    adjustments: Object.freeze([...n.adjustments]),
    legalRef: n.legalRef,
    status: n.status,
    basis: n.basis,
    note: n.note,
    effort: n.effort,
  }))
  for (const n of frozenNodes) Object.freeze(n)
  const compiled: CompiledPack = {
    id: pack.id,
    version: pack.version,
    title: text(pack.title),
    contentHash: contentHash(pack),
    source: deepFreeze(pack),
    nodes: Object.freeze(frozenNodes),
    postOrder: Object.freeze(postOrder),
    areas: Object.freeze([...root.children]),
    scale,
    floor,
    adjustments: Object.freeze(adjustments.map((a) => Object.freeze(a))),
    bands: Object.freeze(bands.map((b) => Object.freeze(b))),
    bandsBy: pack.bandsBy ?? 'index',
    ranking: Object.freeze({
      method: pack.ranking?.method ?? 'competition',
      by: pack.ranking?.by ?? 'index',
      exclude: Object.freeze({ units: Object.freeze([...(pack.ranking?.exclude?.units ?? [])]), groups: Object.freeze([...(pack.ranking?.exclude?.groups ?? [])]) }),
    }),
    rounding: Object.freeze(rounding),
    indexFormula: Object.freeze({ kind: pack.index?.kind ?? 'ratio', scale: indexScale }),
    evidencePolicy: pack.evidencePolicy?.missing ?? 'zero',
    usesEvidence,
    usesConditions,
    node: (code: string) => {
      if (code === ROOT_CODE) return frozenNodes[0]
      const i = byCode.get(code)
      return i === undefined ? undefined : frozenNodes[i]
    },
    engine,
  }
  return Object.freeze(compiled)
}

/**
 * The tree checks that do not need a valid pack — duplicate codes, children not adding up
 * to their parent, unregistered rule kinds — run on the raw input when the schema fails,
 * so an author sees those problems in the same report. Only parts that are well-formed
 * are checked (a parent whose children are not all readable is skipped), so nothing here
 * repeats or guesses at a schema problem.
 */
/** Required top-level fields and a value of each that passes the schema, for {@link hiddenIssues}. */
const STAND_INS: Readonly<Record<string, unknown>> = { id: 'x', version: '0.0.0', title: 'x' }

/**
 * The problems a pack's shape hides: when its shape fails only outside the criteria (a
 * version "1.0", an unknown field, a bad band), the criteria, rules, adjustments and scale
 * are still built, from the pack with those fields left out (or, if required, stood in for),
 * so one answer lists every problem instead of the next ones appearing only once the first
 * are fixed. Problems at the fields left out are the schema's. When the criteria themselves
 * fail the shape (or the pack extends another), the tree's own checks run instead.
 */
function hiddenIssues(engine: Engine, tables: PluginTables, input: unknown, shapeIssues: readonly ChisoIssue[]): ChisoIssue[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return []
  const fields = input as Record<string, unknown>
  const failing = new Set<string>()
  for (const i of shapeIssues) {
    const top = i.path[0]
    if (typeof top !== 'string' || top === 'criteria') return treeChecks(input, tables)
    failing.add(top)
  }
  if (fields.extends !== undefined || fields.patches !== undefined || failing.has('extends') || failing.has('patches')) return treeChecks(input, tables)
  const standIn: Record<string, unknown> = { ...fields }
  for (const k of failing) {
    if (Object.prototype.hasOwnProperty.call(STAND_INS, k)) standIn[k] = STAND_INS[k]
    else delete standIn[k]
  }
  const again = parseWith(PackSchema, standIn)
  if (!again.data) return treeChecks(input, tables)
  const found: ChisoIssue[] = []
  build(copyData(again.data), found, engine, tables)
  return found.filter((i) => !failing.has(String(i.path[0])))
}

function treeChecks(input: unknown, tables: PluginTables): ChisoIssue[] {
  const issues: ChisoIssue[] = []
  const has = (o: unknown, k: string): o is Record<string, unknown> => o !== null && typeof o === 'object' && !Array.isArray(o) && Object.prototype.hasOwnProperty.call(o, k)
  if (!has(input, 'criteria') || !Array.isArray(input.criteria)) return issues
  const first = new Map<string, string>()
  const codeRe = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
  const visit = (c: unknown, path: IssuePath): Exact | undefined => {
    if (c === null || typeof c !== 'object' || Array.isArray(c)) return undefined
    const code = has(c, 'code') && typeof c.code === 'string' && codeRe.test(c.code) && c.code !== ROOT_CODE ? c.code : undefined
    if (code !== undefined) {
      const seen = first.get(code)
      if (seen !== undefined) issues.push(issue('duplicate_code', [...path, 'code'], { code, first: seen }, code))
      else first.set(code, path.join('.'))
    }
    const raw = has(c, 'maxPoints') ? c.maxPoints : undefined
    const max = (typeof raw === 'number' || typeof raw === 'string') && decimalWithinLimits(raw) ? Exact.tryFrom(raw) : undefined
    const kids = has(c, 'children') && Array.isArray(c.children) ? c.children : []
    if (kids.length === 0 && has(c, 'rule') && has(c.rule, 'kind') && typeof c.rule.kind === 'string' && c.rule.kind !== '' && !kindIn(tables, c.rule.kind)) {
      issues.push(issue('unknown_rule_kind', [...path, 'rule', 'kind'], { kind: c.rule.kind, known: kindNames(tables).join(', ') }, c.rule.kind))
    }
    const maxes = kids.map((k, i) => visit(k, [...path, 'children', i]))
    if (kids.length > 0 && max !== undefined && code !== undefined && maxes.every((m) => m !== undefined)) {
      const sum = maxes.reduce<Exact>((a, m) => a.add(m!), Exact.ZERO)
      if (!sum.eq(max)) issues.push(issue('children_sum_mismatch', [...path, 'maxPoints'], { code, sum: sum.toString(), max: max.toString() }, raw))
    }
    return max
  }
  input.criteria.forEach((c, i) => visit(c, ['criteria', i]))
  return issues
}

function rootCaps(pack: Pack, issues: ChisoIssue[], bound: DenominatorBound): { deduction?: Exact; bonus?: Exact } {
  const caps: { deduction?: Exact; bonus?: Exact } = {}
  if (pack.adjustmentCaps?.deduction !== undefined) caps.deduction = decimalAt(pack.adjustmentCaps.deduction, ['adjustmentCaps', 'deduction'], issues, bound)
  if (pack.adjustmentCaps?.bonus !== undefined) caps.bonus = decimalAt(pack.adjustmentCaps.bonus, ['adjustmentCaps', 'bonus'], issues, bound)
  return caps
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v)
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k])
  }
  return v
}
