/**
 * evaluateBatch: scores a population, then the population phase — ranks per group on
 * exact values, bands, and ranks of each area component.
 */
import type { CompiledPack, LocalText } from '../model/compile.js'
import { append, ChisoError, errorText, issue, neverThrows, type ChisoIssue, type SafeResult } from '../util/errors.js'
import type { Exact } from '../util/exact.js'
import { checkAssessment, dedupeIssues } from './check.js'
import { score } from './interpret.js'
import { traceOnLane, traceSharing, type TraceSharing } from './trace.js'
import { UnitResult, type DeferredTraces, type NodeTrace, type ResultFlag } from './result.js'
import { packArgumentIssue } from '../util/arguments.js'
import { evaluateOptionIssues, optionOfType, optionOneOf, receivedType, type EvaluateOptions } from './evaluate.js'
import type { Facts } from '../rules/conditions.js'
import { isLaneInput, laneOf, laneScore, laneScratch, type Lane, type LaneScratch } from './lane.js'
import type { Assessment } from '../model/schemas.js'
import { parseAssessmentInput, withPackProblems } from './assessment-input.js'
import { copyWithinLimits, type CopyMemo } from '../util/limits.js'
import { rankByKey, type RankingMethod } from './rank.js'
import { bandIndex, bandOnGrid, bandThresholds, indexFollowsPoints } from './band.js'
import { canonicalJson } from '../util/hash.js'
import { confusableUnitIds, normalizeUnitId } from '../population/unit-ids.js'

export type { RankingMethod } from './rank.js'

/** One unit in a batch: its result plus its place in its group. */
export interface RankedUnit {
  readonly result: UnitResult
  readonly unitId: string
  readonly group: string
  /**
   * rank within the group (1 = best) among its ranked units; `null` for a unit assessed but
   * not ranked (the pack's `ranking.exclude` or the batch's {@link BatchOptions.exclude}),
   * which keeps its score and band and takes no rank from the others
   */
  readonly rank: number | null
  /** number of ranked units in the group: the M of "thứ N/M" */
  readonly groupSize: number
  /** the band (xếp loại) the unit falls in, if the pack has bands */
  readonly band: { readonly code: string; readonly label: LocalText } | undefined
  /** rank of each area component within the group, by area code (empty for a unit not ranked) */
  readonly componentRanks: Readonly<Record<string, number>>
}

/** The result of {@link evaluateBatch}. */
export interface BatchResult {
  readonly pack: CompiledPack
  /** in input order */
  readonly units: readonly RankedUnit[]
  /** group → ranked units best first (ties by unit id), then the units not ranked, best first */
  readonly groups: ReadonlyMap<string, readonly RankedUnit[]>
  /** looks a unit up by id (normalised as assessments' ids are: "xã-a " finds "xã-a") */
  unit(unitId: string): RankedUnit | undefined
  /**
   * Problems worth a human look that did not stop the batch: `confusable_unit_ids` when two
   * different unit ids look the same (a Cyrillic "а" for a Latin "a"), path `[position, 'unitId']`.
   */
  readonly warnings: readonly ChisoIssue[]
}

/** Options for {@link evaluateBatch}. */
export interface BatchOptions {
  /**
   * Record a trace for every node of every unit (see {@link EvaluateOptions.trace}). With
   * copied inputs (the default), the traces of units scored on the integer lane are made when
   * a result's `trace` is first read, from the result's own copy: a batch pays for the traces
   * it reads.
   */
  readonly trace?: boolean
  /** overrides the pack's ranking method */
  readonly rankingMethod?: RankingMethod
  /** called after each unit is scored, for progress bars */
  readonly onProgress?: (done: number, total: number) => void
  /** `'copy'` (default) or `'borrow'` the assessments: see {@link EvaluateOptions.inputs} */
  readonly inputs?: 'copy' | 'borrow'
  /** units assessed but not ranked this time, in addition to the pack's `ranking.exclude` */
  readonly exclude?: RankingExclusion
  /**
   * Which scorer runs. `'auto'` (default): the integer lane for the units it takes (packs
   * that round their leaves), the exact interpreter for the rest. `'interpreter'`: the exact
   * interpreter for every unit, as `evaluate` scores it. `'verify'`: both, for every unit
   * the lane takes, and a {@link ChisoError} with a `kernel_disagreement` issue (unit, node,
   * what differs) on any difference in points, adjustments, flags or trace — for tests and
   * for checking a plug-in kind; results are the lane's when they agree.
   *
   * @example
   * ```ts
   * import { evaluateBatch } from '@chiso/core'
   * evaluateBatch(pack, assessments, { kernel: 'verify' }) // throws on any disagreement
   * ```
   */
  readonly kernel?: Kernel
}

/** The scorers a batch may run: see {@link BatchOptions.kernel}. */
export type Kernel = 'auto' | 'interpreter' | 'verify'

/**
 * Units assessed but not ranked (e.g. agencies scored but left out of the published
 * ranking): by unit id, or every unit of a ranking group.
 */
export interface RankingExclusion {
  readonly units?: readonly string[]
  readonly groups?: readonly string[]
}

/**
 * Whether a unit is assessed but not ranked, under the pack's `ranking.exclude` and the
 * extra exclusion given; undefined when nothing is excluded. @internal
 */
export function excludedFromRanking(pack: CompiledPack, extra?: RankingExclusion): ((unit: { readonly unitId: string; readonly group: string }) => boolean) | undefined {
  const units = new Set([...pack.ranking.exclude.units, ...(extra?.units ?? [])])
  const groups = new Set([...pack.ranking.exclude.groups, ...(extra?.groups ?? [])])
  if (units.size === 0 && groups.size === 0) return undefined
  return (u) => units.has(u.unitId) || groups.has(u.group)
}

/**
 * Ranks exact values, best (highest) first. Returns ranks aligned with `values`.
 *
 * @example
 * ```ts
 * import { Exact } from '@chiso/core'
 * import { rankValues } from '@chiso/core/analysis'
 * rankValues([90, 85, 85, 70].map((v) => Exact.from(v))) // [1, 2, 2, 4]
 * rankValues([90, 85, 85, 70].map((v) => Exact.from(v)), 'dense') // [1, 2, 2, 3]
 * ```
 */
export function rankValues(values: readonly (Exact | null)[], method: RankingMethod = 'competition'): number[] {
  const approx = values.map((v) => (v === null ? Number.NEGATIVE_INFINITY : v.toNumber()))
  // no value ranks below every value, level with the others that have none
  const cmp = (x: number, y: number): number => {
    const a = values[x]!
    const b = values[y]!
    if (a === null) return b === null ? 0 : -1
    if (b === null) return 1
    return a.cmp(b)
  }
  return rankByKey(approx, method, cmp).ranks
}

export { bandFor } from './band.js'

/**
 * Validates every assessment, reporting all problems (each path starts with its position).
 * With `copy`, `copies[i]` is the batch's own deep copy of `data[i]` when the check made one
 * (the result keeps it as it is; parts the assessments share are copied once, see CopyMemo).
 * @internal
 */
export function parseAssessments(pack: CompiledPack, inputs: readonly unknown[], withFacts = true, copy = false): { data: Assessment[]; copies: (Assessment | undefined)[]; issues: ChisoIssue[] } {
  const data: Assessment[] = []
  const copies: (Assessment | undefined)[] = []
  const issues: ChisoIssue[] = []
  const seen = new Map<string, number>()
  const memo: CopyMemo | undefined = copy ? new Map() : undefined
  inputs.forEach((input, i) => {
    const p = parseAssessmentInput(input, [i], copy, memo)
    if (!p.data) {
      append(issues, withPackProblems(pack, input, p.issues, [i]))
      return
    }
    const key = `${p.data.unitId}\u0000${p.data.period}`
    if (seen.has(key)) issues.push(issue('duplicate_assessment', [i, 'unitId'], { unitId: p.data.unitId, period: p.data.period }, p.data.unitId))
    seen.set(key, i)
    const more = checkAssessment(pack, p.data, [i], withFacts)
    if (more.length > 0) append(issues, more)
    else {
      data.push(p.data)
      copies.push(p.copy)
    }
  })
  return { data, copies, issues }
}

/**
 * Ranks a group scored on the lane by its scaled integer totals (exact as doubles) and
 * returns its members best first, ties by unit id — the group's final order, in one sort.
 */
function rankLaneGroup(totals: Float64Array, results: readonly UnitResult[], members: readonly number[], method: RankingMethod, rank: (number | null)[]): number[] {
  const keys = new Float64Array(members.length)
  for (let j = 0; j < members.length; j++) keys[j] = totals[members[j]!]!
  const byId = (x: number, y: number): number => {
    const a = results[members[x]!]!.unitId
    const b = results[members[y]!]!.unitId
    return a < b ? -1 : a > b ? 1 : 0
  }
  const { ranks, order } = rankByKey(keys, method, undefined, byId)
  for (let j = 0; j < members.length; j++) rank[members[j]!] = ranks[j]!
  return order.map((j) => members[j]!)
}

/** The lane shared by every result, if they all came from one. */
function sharedLane(results: readonly UnitResult[], members: readonly number[]): Lane | undefined {
  const lane = members.length > 0 ? results[members[0]!]!.laneOf() : undefined
  if (!lane) return undefined
  for (const i of members) if (results[i]!.laneOf() !== lane) return undefined
  return lane
}

/** One ranked unit; its component ranks are worked out for the whole batch on first read. */
class RankedEntry implements RankedUnit {
  readonly unitId: string
  readonly group: string
  readonly #components: () => readonly Record<string, number>[]
  readonly #at: number
  constructor(
    readonly result: UnitResult,
    readonly rank: number | null,
    readonly groupSize: number,
    readonly band: { readonly code: string; readonly label: LocalText } | undefined,
    components: () => readonly Record<string, number>[],
    at: number,
  ) {
    this.unitId = result.unitId
    this.group = result.group
    this.#components = components
    this.#at = at
  }
  get componentRanks(): Readonly<Record<string, number>> {
    return this.#components()[this.#at]!
  }
  toJSON(): Record<string, unknown> {
    return { result: this.result, unitId: this.unitId, group: this.group, rank: this.rank, groupSize: this.groupSize, band: this.band, componentRanks: this.componentRanks }
  }
}

/** Rank of each area component within each group. */
function componentRanksOf(pack: CompiledPack, results: readonly UnitResult[], groupsIdx: ReadonlyMap<string, number[]>, m: RankingMethod): Record<string, number>[] {
  const by = pack.ranking.by
  const compRanks: Record<string, number>[] = results.map(() => ({}))
  for (const members of groupsIdx.values()) {
    const lane = sharedLane(results, members)
    for (const area of pack.areas) {
      const code = pack.nodes[area]!.code
      // with one applicable maximum across the group (no not-applicable parts) and no index
      // rounding, points order the units exactly as their component indexes do (the pack's
      // index formula, as the whole index's: the points, or a ratio on a positive scale)
      const firstMax = members.length > 0 ? results[members[0]!]!.applicableMaxAt(area) : undefined
      const byPoints = by === 'points' || (pack.rounding.index === undefined && firstMax !== undefined && !firstMax.isZero() && members.every((i) => results[i]!.applicableMaxAt(area).eq(firstMax)))
      const ar =
        lane && byPoints
          ? rankByKey(
              members.map((i) => results[i]!.scaledAt(area)),
              m,
            ).ranks
          : rankValues(
              members.map((i) => (byPoints ? results[i]!.pointsAt(area) : results[i]!.indexAt(area))),
              m,
            )
      members.forEach((i, k) => {
        compRanks[i]![code] = ar[k]!
      })
    }
  }
  return compRanks
}

/** Ranks and bands already-scored results. @internal */
export function rankResults(pack: CompiledPack, results: readonly UnitResult[], method?: RankingMethod, exclude?: RankingExclusion): BatchResult {
  const m = method ?? pack.ranking.method
  const by = pack.ranking.by
  // units not ranked are set aside before either ranking path sees the group: they keep
  // their score and band, and the ranks and group sizes count the ranked units only
  const excluded = excludedFromRanking(pack, exclude)
  const groupsIdx = new Map<string, number[]>()
  const unranked = new Map<string, number[]>()
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!
    let g = groupsIdx.get(r.group)
    if (!g) groupsIdx.set(r.group, (g = []))
    if (excluded?.(r)) {
      let u = unranked.get(r.group)
      if (!u) unranked.set(r.group, (u = []))
      u.push(i)
    } else g.push(i)
  }
  const rank = new Array<number | null>(results.length).fill(null)
  const size = new Array<number>(results.length)
  for (const [g, members] of unranked) for (const i of members) size[i] = groupsIdx.get(g)!.length
  const onPoints = by === 'points' || indexFollowsPoints(pack)
  // groups ranked on the lane's integers come out already in their final order
  const ordered = new Map<string, number[]>()
  const totals = new Float64Array(results.length)
  for (let i = 0; i < results.length; i++) totals[i] = results[i]!.laneOf() ? results[i]!.scaledAt(0) : Number.NaN
  for (const [g, members] of groupsIdx) {
    const lane = onPoints ? sharedLane(results, members) : undefined
    if (lane) {
      ordered.set(g, rankLaneGroup(totals, results, members, m, rank))
      for (const i of members) size[i] = members.length
      continue
    }
    const ranks = rankValues(
      members.map((i) => (by === 'points' ? results[i]!.total : results[i]!.index)),
      m,
    )
    members.forEach((i, k) => {
      rank[i] = ranks[k]!
      size[i] = members.length
    })
  }
  // one read-only view per band, shared by the units in it
  const bandViews = pack.bands.map((b) => Object.freeze({ code: b.code, label: b.label }))
  let compRanks: Record<string, number>[] | undefined
  const components = (): Record<string, number>[] => (compRanks ??= componentRanksOf(pack, results, groupsIdx, m))
  // a batch's lane results share one lane, so one set of thresholds
  const firstLane = results.length > 0 ? results[0]!.laneOf() : undefined
  const laneThresholds = firstLane && pack.bands.length > 0 ? bandThresholds(pack, firstLane) : undefined
  const units: RankedUnit[] = results.map((r, i) => {
    let band: (typeof bandViews)[number] | undefined
    if (pack.bands.length > 0) {
      const thresholds = laneThresholds && r.laneOf() === firstLane ? laneThresholds : undefined
      const k = thresholds ? bandOnGrid(thresholds, totals[i]!) : bandIndex(pack, pack.bandsBy === 'points' ? r.total : r.index)
      band = bandViews[k]
    }
    return new RankedEntry(r, rank[i] ?? null, size[i]!, band, components, i)
  })
  const byId = (a: RankedUnit, b: RankedUnit): number => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  const groups = new Map<string, RankedUnit[]>()
  for (const [g, members] of groupsIdx) {
    const order = ordered.get(g)
    let list: RankedUnit[]
    if (order) list = order.map((i) => units[i]!)
    else {
      list = members.map((i) => units[i]!)
      list.sort((a, b) => a.rank! - b.rank! || byId(a, b))
    }
    const aside = unranked.get(g)
    if (aside) {
      const value = (u: RankedUnit): Exact => (by === 'points' ? u.result.total : u.result.index)
      // one by one: a group may hold more units than push(...list) can pass
      append(
        list,
        aside.map((i) => units[i]!).sort((a, b) => value(b).cmp(value(a)) || byId(a, b)),
      )
    }
    groups.set(g, list)
  }
  let unitsById: Map<string, RankedUnit> | undefined
  const unit = (id: string): RankedUnit | undefined => {
    if (!unitsById) {
      unitsById = new Map()
      for (const u of units) if (!unitsById.has(u.unitId)) unitsById.set(u.unitId, u)
    }
    return unitsById.get(normalizeUnitId(id) ?? id)
  }
  let warnings: ChisoIssue[] | undefined
  return {
    pack,
    units,
    groups,
    unit,
    // worked out on first read: a national batch of plain ids has none, and most callers never ask
    get warnings() {
      return (warnings ??= confusableUnitIds(results.map((r) => r.unitId)))
    },
  }
}

/**
 * Scores and ranks a population. Returns the batch or every problem in every assessment
 * (paths start with the assessment's position in the input).
 *
 * @example
 * ```ts
 * import { safeEvaluateBatch } from '@chiso/core'
 * const r = safeEvaluateBatch(pack, assessments)
 * if (!r.ok) console.log(r.issues.length, 'problems')
 * ```
 */
export function safeEvaluateBatch(pack: CompiledPack, inputs: readonly unknown[], options: BatchOptions = {}): SafeResult<BatchResult> {
  return neverThrows(() => {
    const bad = packArgumentIssue(pack)
    if (bad) return { ok: false, issues: [bad] }
    const problems = batchOptionIssues(options)
    const list = readInputs(inputs, problems)
    if (list === undefined || problems.length > 0) return { ok: false, issues: problems }
    const scored = scoreAll(pack, list, options.trace === true, options.onProgress, options.inputs === 'borrow', options.inputs !== 'borrow', options.kernel ?? 'auto')
    if (!scored.ok) return scored
    return { ok: true, value: rankResults(pack, scored.value, options.rankingMethod, options.exclude) }
  })
}

/**
 * The assessments as a plain list, each position read once (a hole as undefined, as an
 * explicit undefined is: refused at its position), so nothing later reads the caller's array
 * again; undefined when `inputs` is no array. A position that cannot be read (a throwing
 * getter or proxy) is an `unreadable_input` issue there. @internal
 */
export function readInputs(inputs: unknown, problems: ChisoIssue[]): unknown[] | undefined {
  let n: number
  try {
    if (!Array.isArray(inputs)) {
      problems.push(issue('invalid_type', [], { expected: 'array', received: receivedType(inputs) }))
      return undefined
    }
    n = inputs.length
  } catch (e) {
    // a revoked proxy, or a length that throws
    problems.push(issue('unreadable_input', [], { detail: errorText(e) }))
    return undefined
  }
  const list = new Array<unknown>(n)
  for (let i = 0; i < n; i++) {
    try {
      list[i] = inputs[i]
    } catch (e) {
      problems.push(issue('unreadable_input', [i], { detail: errorText(e) }))
    }
  }
  return list
}

const KERNELS: readonly Kernel[] = ['auto', 'interpreter', 'verify']
/** The keys of {@link BatchOptions}. */
const BATCH_OPTIONS: readonly string[] = ['trace', 'inputs', 'kernel', 'rankingMethod', 'onProgress', 'exclude']
const RANKING_METHODS: readonly RankingMethod[] = ['competition', 'dense']

/**
 * Every problem with a batch's options, at path `['options', name]`: a misspelt kernel or
 * input mode is refused, never taken silently for the default.
 */
function batchOptionIssues(options: BatchOptions): ChisoIssue[] {
  const out = evaluateOptionIssues(options, BATCH_OPTIONS)
  if (options === null || typeof options !== 'object') return out
  optionOneOf(out, 'kernel', options.kernel, KERNELS)
  optionOneOf(out, 'rankingMethod', options.rankingMethod, RANKING_METHODS)
  optionOfType(out, 'onProgress', options.onProgress, 'function')
  return out
}

/**
 * Validates and scores every assessment, or returns every problem in every one of them.
 * Facts are checked while scoring (where a rule finds them unusable); when other problems
 * turn up first, the full check runs so that all problems are reported together. @internal
 */
export function scoreAll(
  pack: CompiledPack,
  inputs: readonly unknown[],
  trace: boolean,
  onProgress?: (done: number, total: number) => void,
  borrow = false,
  checkWhole = !borrow,
  kernel: Kernel = 'auto',
): SafeResult<UnitResult[]> {
  const lane = kernel === 'interpreter' ? undefined : laneOf(pack)
  // progress never goes back: units the lane reported are not reported again below
  let reported = 0
  const progress =
    onProgress &&
    ((done: number, total: number): void => {
      if (done <= reported) return
      reported = done
      onProgress(done, total)
    })
  // what the full path reads: the inputs, or the copies the lane's walk made of them (each
  // input's values are read once, whichever path scores it)
  let sources = inputs
  if (lane) {
    const copies = borrow ? undefined : new Array<Assessment | undefined>(inputs.length)
    const fast = scoreOnLane(pack, lane, inputs, trace, progress, borrow, checkWhole, copies)
    // any problem at all: the full path below finds and reports every one
    if (fast) {
      if (kernel === 'verify') {
        const disagreements = verifyOnInterpreter(pack, fast, trace, borrow)
        if (disagreements.length > 0) return { ok: false, issues: disagreements }
      }
      return { ok: true, value: fast }
    }
    if (copies) sources = inputs.map((input, i) => copies[i] ?? input)
  }
  // copied inputs: the check makes each copy in the walk that checks the input limits
  const first = parseAssessments(pack, sources, false, !borrow)
  if (first.issues.length > 0) return { ok: false, issues: parseAssessments(pack, sources, true).issues }
  const data = first.data
  const results: UnitResult[] = new Array<UnitResult>(data.length)
  const factIssues: ChisoIssue[] = []
  for (let i = 0; i < data.length; i++) {
    results[i] = score(pack, data[i]!, trace, factIssues, [i], borrow, first.copies[i])
    progress?.(i + 1, data.length)
  }
  if (factIssues.length > 0) return { ok: false, issues: dedupeIssues(factIssues) }
  return { ok: true, value: results }
}

/**
 * Scores again, on the exact interpreter, every unit the lane scored, and lists each unit's
 * first difference (points, adjustments, flags or trace of a node) as a
 * `kernel_disagreement` issue at the unit's position.
 */
function verifyOnInterpreter(pack: CompiledPack, fast: readonly UnitResult[], trace: boolean, borrow: boolean): ChisoIssue[] {
  const out: ChisoIssue[] = []
  for (let i = 0; i < fast.length; i++) {
    const r = fast[i]!
    if (r.laneOf() === undefined) continue
    // what the lane scored: the result's copy (or, borrowed, the input itself)
    const parsed = parseAssessmentInput(r.assessment, [i])
    const exact = parsed.data ? score(pack, parsed.data, trace, [], [i], borrow) : undefined
    const d = exact === undefined ? { node: pack.nodes[0]!.code, what: 'input', fast: 'scored', exact: 'refused' } : firstDifference(pack, r, exact)
    if (d) out.push(issue('kernel_disagreement', [i], { unitId: r.unitId, ...d }, { unitId: r.unitId, node: d.node, what: d.what }))
  }
  return out
}

/** The first node whose points, adjustments or trace differ between two results of one unit. */
function firstDifference(pack: CompiledPack, fast: UnitResult, exact: UnitResult): { node: string; what: string; fast: string; exact: string } | undefined {
  const a = fast.nodes
  const b = exact.nodes
  for (let i = 0; i < pack.nodes.length; i++) {
    const x = a[i]!
    const y = b[i]!
    for (const what of ['points', 'applicableMax', 'bonus', 'deduction'] as const) {
      if (!x[what].eq(y[what])) return { node: x.code, what, fast: x[what].toString(), exact: y[what].toString() }
    }
    if (x.notApplicable !== y.notApplicable) return { node: x.code, what: 'notApplicable', fast: String(x.notApplicable), exact: String(y.notApplicable) }
    const tx = x.trace === undefined ? 'none' : canonicalJson(x.trace)
    const ty = y.trace === undefined ? 'none' : canonicalJson(y.trace)
    if (tx !== ty) return { node: x.code, what: 'trace', fast: tx, exact: ty }
  }
  const fx = canonicalJson(fast.flags)
  const fy = canonicalJson(exact.flags)
  if (fx !== fy) return { node: pack.nodes[0]!.code, what: 'flags', fast: fx, exact: fy }
  return undefined
}

/**
 * The traces of a batch's units the lane scored from copied inputs, made when a result's
 * `trace` is first read (a batch keeps a trace per node per unit, and few are ever read):
 * from the result's own copy of its input and the points in the batch's buffer, with the lane
 * run again on the copy to learn the entry each leaf took. Units of one batch share
 * explanations as before (see TraceSharing).
 */
class LaneTraces implements DeferredTraces {
  readonly #sharing: TraceSharing
  /** the lane's working space and a unit's points, while no trace is being made (a trace made inside another gets its own) */
  #scratch: LaneScratch | undefined
  #points: Float64Array | undefined
  constructor(
    private readonly lane: Lane,
    private readonly buf: Float64Array,
  ) {
    this.#sharing = traceSharing(lane)
  }

  traceOf(offset: number, result: UnitResult): NodeTrace[] {
    const lane = this.lane
    const a = result.assessment
    const facts = a.facts ?? NO_FACTS
    const scratch = this.#scratch ?? laneScratch(lane)
    const again = this.#points ?? new Float64Array(lane.stride)
    this.#scratch = undefined
    this.#points = undefined
    try {
      if (laneScore(lane, facts, again, 0, scratch, true) && sameValues(again, this.buf, offset)) return traceOnLane(lane, scratch, a, facts, this.buf, offset, this.#sharing)
    } finally {
      this.#scratch = scratch
      this.#points = again
    }
    // the lane scored this very copy (the values its rules read, all primitives), so it scores
    // otherwise only when it was edited since: a trace of the edit would explain points the
    // result does not have, so none is made
    throw new ChisoError([issue('assessment_changed', [])], 'assessment')
  }
}

/** whether `a` holds what `buf` holds from `offset` on */
function sameValues(a: Float64Array, buf: Float64Array, offset: number): boolean {
  for (let j = 0; j < a.length; j++) if (!Object.is(a[j], buf[offset + j])) return false
  return true
}

const NO_FLAGS: readonly ResultFlag[] = Object.freeze([])
const NO_FACTS: Facts = Object.freeze({})

/**
 * Scores a population on the integer lane, unit by unit falling back to the general path
 * for what the lane does not take. Returns undefined at the first problem of any kind.
 */
function scoreOnLane(
  pack: CompiledPack,
  lane: Lane,
  inputs: readonly unknown[],
  trace: boolean,
  onProgress: ((done: number, total: number) => void) | undefined,
  borrow: boolean,
  checkWhole: boolean,
  copies: (Assessment | undefined)[] | undefined,
): UnitResult[] | undefined {
  const n = inputs.length
  const stride = lane.stride
  const buf = new Float64Array(n * stride)
  // the lane's working space: the batch's own (nothing outlives it, nothing shares it)
  const scratch = laneScratch(lane)
  const results = new Array<UnitResult>(n)
  // every unit is scored first in one tight loop, and the results made after. Copied inputs'
  // traces are made when read, from the copy (see LaneTraces); borrowed inputs' traces now,
  // while the input is as scored (a trace needs the lane's scratch of its own unit, so those
  // units go one at a time)
  const scored = new Uint8Array(n)
  const deferred = trace && !borrow ? new LaneTraces(lane, buf) : undefined
  const eager = trace && deferred === undefined
  // copied inputs (`copies`, given: the full path reads them should this one stop): the
  // batch's own copy of each, made in the walk that checks it, and what is scored
  // parts the assessments share (by identity) are copied once and the copy shared
  const memo: CopyMemo | undefined = borrow ? undefined : new Map()
  const sharing = eager ? traceSharing(lane) : undefined
  /**
   * What the lane scores of an input, or undefined when it may not: with copied inputs the
   * batch's copy (checked whole in the walk that makes it: each value of the input read once,
   * and the copy is what the lane scores, the result keeps and its trace explains); borrowed,
   * the input itself (its envelope checked here, its facts as the lane reads them, or the
   * whole of it when asked). An input that cannot be read is left to the general path, which
   * reports where.
   */
  const admit = (input: unknown, i: number): Assessment | undefined => {
    if (copies) {
      const copy: unknown = (copies[i] = copyWithinLimits(input as Assessment, memo))
      return isLaneInput(copy) ? copy : undefined
    }
    try {
      if (!isLaneInput(input)) return undefined
      return !checkWhole || parseAssessmentInput(input).data !== undefined ? input : undefined
    } catch {
      return undefined
    }
  }
  /** the lane's points of a unit; false when the lane does not take it (or, borrowed, a fact cannot be read) */
  const scoreUnit = (a: Assessment, i: number, explain: boolean): boolean => {
    if (copies) return laneScore(lane, a.facts ?? NO_FACTS, buf, i * stride, scratch, explain)
    try {
      return laneScore(lane, a.facts ?? NO_FACTS, buf, i * stride, scratch, explain)
    } catch {
      return false
    }
  }
  if (!eager) {
    for (let i = 0; i < n; i++) {
      const a = admit(inputs[i], i)
      if (a !== undefined && scoreUnit(a, i, false)) scored[i] = 1
    }
  }
  // unit id → its period (a batch is mostly one period); other periods by id + period
  const seen = new Map<string, string>()
  const seenOther = new Set<string>()
  for (let i = 0; i < n; i++) {
    const input = inputs[i]
    let result: UnitResult | undefined
    // what the lane scored: the copy, or the borrowed input
    if (scored[i] === 1) result = new UnitResult(pack, copies?.[i] ?? (input as Assessment), { lane, buf, offset: i * stride }, NO_FLAGS, deferred, borrow, copies?.[i])
    else if (eager) {
      // (borrowed inputs only: copied ones make their traces when read)
      const a = admit(input, i)
      if (a !== undefined && scoreUnit(a, i, true)) {
        try {
          const traces = traceOnLane(lane, scratch, a, a.facts ?? NO_FACTS, buf, i * stride, sharing!)
          result = new UnitResult(pack, a, { lane, buf, offset: i * stride }, NO_FLAGS, traces, borrow, undefined)
        } catch {
          // a borrowed fact that could not be read a second time: the general path reports it
        }
      }
    }
    if (result === undefined) {
      // a unit the lane did not score: the general path scores the copy made when it was
      // checked (parsed again, without copying: its ids may need normalising), or the input
      const made = copies?.[i]
      const p = parseAssessmentInput(made ?? input, [i], !borrow && made === undefined, memo)
      if (!p.data || checkAssessment(pack, p.data, [i], false).length > 0) return undefined
      const factIssues: ChisoIssue[] = []
      result = score(pack, p.data, trace, factIssues, [i], borrow, p.copy ?? (made !== undefined && p.data === made ? made : undefined))
      if (factIssues.length > 0) return undefined
    }
    const first = seen.get(result.unitId)
    if (first === undefined) seen.set(result.unitId, result.period)
    else {
      const key = `${result.unitId}\u0000${result.period}`
      if (first === result.period || seenOther.has(key)) return undefined
      seenOther.add(key)
    }
    results[i] = result
    onProgress?.(i + 1, n)
  }
  return results
}

/**
 * Scores a population and runs the population phase: rank per group (competition
 * ranking 1-2-2-4 by default, on exact values), band per unit, rank of each area.
 * Throws a {@link ChisoError} listing every problem in every assessment.
 *
 * @example
 * ```ts
 * import { compilePack, evaluateBatch } from '@chiso/core'
 * const batch = evaluateBatch(pack, assessments)
 * for (const u of batch.groups.get('all') ?? []) console.log(u.rank, u.unitId, u.result.index.toFixed(2), u.band?.label.vi)
 * ```
 */
export function evaluateBatch(pack: CompiledPack, inputs: readonly unknown[], options: BatchOptions = {}): BatchResult {
  const r = safeEvaluateBatch(pack, inputs, options)
  if (!r.ok) throw new ChisoError(r.issues, 'assessments')
  return r.value
}
