/**
 * Traces: the events a result shows for each node (their English lines are its steps),
 * built by the interpreter and, for units scored on the lane, from the entry the lane took.
 */
import type { CompiledPack, CompiledNode } from '../model/compile.js'
import type { Facts } from '../rules/conditions.js'
import { Exact } from '../util/exact.js'
import { ratioBranch, type RatioForm } from '../rules/forms/ratio.js'
import type { Assessment } from '../model/schemas.js'
import { leafForm, slotCount, slotOutcome, takenSlot, type Lane, type LaneScratch } from './lane.js'
import { NONE, type AppliedAdjustment, type AppraisalStep, type NodeTrace } from './result.js'
import { NO_PATH, NodeSteps, PACK_ADJUSTMENTS, type UnitAdjustments } from './interpret.js'
import { EXACT, settle, type Adjusted } from './settle.js'
import { ruleEvent, ruleEventList, stepsOf, type TraceEvent } from './trace-events.js'

const own = Object.prototype.hasOwnProperty

/**
 * A node's trace as results hold it. Its steps (each event's English line) are rendered
 * when first read, not when the trace is made: a batch keeps a trace per node per unit and
 * few are ever read. JSON writes them where they have always been, after `events`.
 * @internal
 */
export class Trace implements NodeTrace {
  // declared, not initialised: fields are set in the order records have always had them, and
  // the optional ones only when they apply (`'branch' in trace` as before)
  declare code: string
  declare facts: Readonly<Record<string, unknown>>
  declare appraisals: readonly AppraisalStep[]
  declare adjustments: readonly AppliedAdjustment[]
  declare notApplicable: boolean
  declare events: readonly TraceEvent[]
  declare branch?: string
  declare selfScore?: Exact
  declare computed?: Exact
  declare survey?: Exact
  declare evidence?: NonNullable<NodeTrace['evidence']>
  declare explanation?: string
  declare sumOfChildren?: Exact
  // a private field, not a key: a shared trace is frozen, and its steps are still made once
  #steps: readonly string[] | undefined = undefined

  constructor(
    code: string,
    facts: Readonly<Record<string, unknown>>,
    appraisals: readonly AppraisalStep[],
    adjustments: readonly AppliedAdjustment[],
    notApplicable: boolean,
    events: readonly TraceEvent[],
    branch?: string,
    computed?: Exact,
  ) {
    this.code = code
    this.facts = facts
    this.appraisals = appraisals
    this.adjustments = adjustments
    this.notApplicable = notApplicable
    this.events = events
    // a rule leaf's outcome, when known as the trace is made: set here, in one place, rather
    // than added to each made trace (a batch makes tens of thousands)
    if (branch !== undefined) {
      this.branch = branch
      this.computed = computed as Exact
    }
  }

  /** the English line of each event, made on first read (frozen: a trace is read-only) */
  get steps(): readonly string[] {
    return (this.#steps ??= Object.freeze(stepsOf(this.events)))
  }

  /** The trace as JSON writes it: its own fields, with `steps` after `events`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(this)) {
      out[k] = this[k as keyof this]
      if (k === 'events') out.steps = this.steps
    }
    return out
  }
}

/** A leaf's rule-fired event (shared per branch): the kind named as the compiled node names it. */
function ruleOf(n: CompiledNode, branch: string, points: Exact): TraceEvent {
  return ruleEvent(n, n.ruleKind ?? '', branch, points)
}

/** The trace event of a leaf's rounding, when rounding changes its points. */
function roundingOf(from: Exact, to: Exact, rounding: { readonly decimals: number; readonly mode: string }): TraceEvent {
  return { kind: 'rounding', mode: rounding.mode, decimals: rounding.decimals, from, to }
}

/**
 * The trace of a unit the integer lane scored: the same trace the general path writes for
 * such a unit (a property test holds them equal), built from the lane's integer sums. The
 * lane takes only units without self scores, appraisals, surveys, evidence or
 * not-applicable parts, so those parts of a trace stay empty. @internal
 */
export function traceOnLane(lane: Lane, scratch: LaneScratch, a: Assessment, facts: Facts, buf: Float64Array, offset: number, interned: TraceSharing): NodeTrace[] {
  const pack = lane.pack
  const nodes = pack.nodes
  const traces = new Array<NodeTrace>(nodes.length)
  const rounding = pack.rounding.leaf!
  const scale = lane.grid.scale
  // leaves whose value came from a fixed outcome of their rule, with nothing applied after
  // it, are explained from that outcome: the events it gives (and their steps) are made once per lane
  let fixed = fixedEventsByLane.get(lane)
  if (!fixed) fixedEventsByLane.set(lane, (fixed = new Array<readonly TraceEvent[] | undefined>(slotCount(lane)).fill(undefined)))
  let reads = factsReadsByLane.get(lane)
  if (!reads) factsReadsByLane.set(lane, (reads = factsReadsOnLane(lane)))
  // the unit's values of the facts, as the lane read (and checked) them: not read again
  const values = scratch.values
  const settling = settlingOf(pack, a, facts)
  const leaves = lane.leaves
  for (let k = 0; k < leaves.length; k++) {
    const i = leaves[k]!
    const n = nodes[i]!
    const plain = lane.leafPlain[k] === 1
    const slot = plain ? takenSlot(lane, scratch, k) : -1
    if (slot >= 0) {
      const outcome = slotOutcome(lane, slot)
      let events = fixed[slot]
      if (!events) {
        const r = outcome.points.round(rounding.decimals, rounding.mode)
        const fired = ruleOf(n, outcome.branch, outcome.points)
        // shared by every unit of every batch on the lane: the list and each event frozen
        fixed[slot] = events = freezeEvents(r.eq(outcome.points) ? [fired] : [fired, roundingOf(outcome.points, r, rounding)])
      }
      // a fixed outcome: the trace is fixed by the outcome and the values of the facts the
      // leaf reads, so units with the same values share one, frozen
      let shared = interned.outcomes[slot]
      if (!shared) interned.outcomes[slot] = shared = { root: new Map(), size: 0, only: undefined }
      // a pick leaf's one fact holds exactly the value picked: one trace per outcome
      if (shared.only !== undefined) {
        traces[i] = shared.only
        continue
      }
      const read = reads[k]!
      const t = internedTrace(shared, values, read.slots)
      if (t !== undefined) {
        traces[i] = t
        continue
      }
      const made = new Trace(n.code, readFactsOnLane(values, read) ?? readFacts(facts, n, read), NONE, NONE, false, events, outcome.branch, outcome.points)
      if (shared.size < INTERNED_PER_OUTCOME && internable(values, read.slots)) {
        keepTrace(shared, values, read.slots, freezeShared(made))
        if (leafForm(lane, k) === 'pick') shared.only = made
      }
      traces[i] = made
      continue
    }
    if (plain && leafForm(lane, k) === 'ratio') {
      // whole counts: explained straight from them and the lane's rounded points
      const rn = values[lane.leafSlot[k]!]
      const rd = values[lane.leafSlot2[k]!]
      if (typeof rn === 'number' && typeof rd === 'number' && Number.isSafeInteger(rn) && Number.isSafeInteger(rd) && rn >= 0 && rd > 0) {
        const told = ratioTold(interned, lane, k, n, rn, rd, buf[offset + i]!, rounding)
        const fired = told[0] as RuleFired
        traces[i] = new Trace(n.code, readFactsOnLane(values, reads[k]!) ?? readFacts(facts, n, reads[k]), NONE, NONE, false, told, fired.branch, fired.points)
        continue
      }
    }
    traces[i] = leafTraceOnLane(pack, n, facts, settling)
  }
  const inner = lane.inner
  const sums = interned.sums
  for (let k = 0; k < inner.length; k++) {
    const i = inner[k]!
    const n = nodes[i]!
    let sum = 0
    for (let c = lane.childOffset[i]!, end = lane.childOffset[i + 1]!; c < end; c++) sum += buf[offset + lane.children[c]!]!
    if (n.adjustments.length > 0) {
      traces[i] = innerTrace(n, sum, scale, settling)
      continue
    }
    // no adjustments: the trace is fixed by the children's sum, so units with the same sum
    // share one, frozen (events and all). The sum is a whole number on the grid, never -0.
    let bySum = sums[i]
    if (!bySum) sums[i] = bySum = new Map()
    // a small integer as such (a double would be boxed for each lookup)
    const key = sum === (sum | 0) ? sum | 0 : sum
    let t = bySum.get(key)
    if (t === undefined) {
      t = innerTrace(n, sum, scale, settling)
      if (bySum.size < INTERNED_PER_OUTCOME) bySum.set(key, freezeShared(t))
    }
    traces[i] = t
  }
  return traces
}

/** What a traced unit's settles share: the unit the adjustments read, the recorder of events, the sums applied. */
interface Settling {
  readonly unit: UnitAdjustments
  readonly steps: NodeSteps
  readonly out: Adjusted<Exact>
}

function settlingOf(pack: CompiledPack, a: Assessment, facts: Facts): Settling {
  const unit: UnitAdjustments = { pack, a, facts, factIssues: undefined, base: NO_PATH, node: pack.nodes[0]!, detail: '' }
  return { unit, steps: new NodeSteps([], unit), out: { bonus: Exact.ZERO, deduction: Exact.ZERO } }
}

/**
 * A node's settle, as the interpreter runs it (the one settle): its events are written to
 * the trace's list, the adjustments applied to the trace. The lane decided the points.
 */
function settleTrace(s: Settling, n: CompiledNode, p: Exact, t: Trace, events: TraceEvent[]): void {
  const applied: AppliedAdjustment[] | undefined = n.adjustments.length > 0 ? [] : undefined
  s.unit.node = n
  s.steps.events = events
  s.steps.applied = applied
  settle(EXACT, p, PACK_ADJUSTMENTS, s.unit, 0, n.adjustments.length, n.caps, n.maxPoints, n.floor, s.out, s.steps)
  if (applied) t.adjustments = applied
}

/** An inner node's trace from its children's sum on the lane's grid (the lane takes no not-applicable parts: the maximum is the declared one). */
function innerTrace(n: CompiledNode, sum: number, scale: number, s: Settling): Trace {
  const p = Exact.ratio(sum, scale)
  const events: TraceEvent[] = [{ kind: 'sum', children: n.children.length, sum: p, max: n.maxPoints }]
  const t = new Trace(n.code, NO_FACTS_READ, NONE, NONE, false, events)
  t.sumOfChildren = p
  settleTrace(s, n, p, t, events)
  return t
}

/** A ratio leaf's rule-fired event: its branch and points are the trace's. */
type RuleFired = Extract<TraceEvent, { kind: 'rule' }>

/**
 * The explanation of whole counts rn / rd on a ratio leaf, from them and the lane's rounded
 * points: its events, the first the rule fired (its branch and points are the trace's). It depends on the counts, the rule's kind and the maximum of the leaf's ratio
 * form only (the batch has one pack, so one rounding and one grid), so leaves alike share
 * one, frozen, per pair of counts: counts repeat across units and leaves, and each
 * explanation is five objects. The form's maximum is the one its rule scores with, as the
 * interpreter's ratio form does: a plug-in kind's form may declare one other than the leaf's.
 */
function ratioTold(
  sharing: TraceSharing,
  lane: Lane,
  k: number,
  n: CompiledNode,
  rn: number,
  rd: number,
  lanePoints: number,
  rounding: { readonly decimals: number; readonly mode: string },
): readonly TraceEvent[] {
  // both counts below 2^15: one small-integer key (a double key would be boxed per lookup)
  const key = rn <= 0x7fff && rd <= 0x7fff ? (rn << 15) | rd : -1
  let told: Map<number, readonly TraceEvent[]> | undefined
  if (key >= 0) {
    told = sharing.ratios[k]
    if (told === undefined) {
      // what the explanation depends on: the rule's kind (its event names it), its form's
      // maximum as text (its branch) and on the grid (the rounding test: the same number)
      const group = `${n.ruleKind ?? ''}\u0000${ratioMaxText(n)}\u0000${lane.leafA[k]!}`
      told = sharing.ratioGroups.get(group)
      if (told === undefined) sharing.ratioGroups.set(group, (told = new Map()))
      sharing.ratios[k] = told
    }
    const known = told.get(key)
    if (known !== undefined) return known
  }
  const max = ratioMaxOf(n)
  const scale = lane.grid.scale
  const computed = rn >= rd ? max : Exact.scaledRatio(rn, rd, max)
  const branch = ratioBranch(rn, rd, ratioMaxText(n))
  const fired: RuleFired = { kind: 'rule', rule: n.ruleKind ?? '', branch, points: computed }
  // rounding changed nothing exactly when rn × max divides by rd on the grid
  const onGrid = rn >= rd || (Number.isSafeInteger(rn * lane.leafA[k]!) ? (rn * lane.leafA[k]!) % rd === 0 : Exact.ratio(lanePoints, scale).eq(computed))
  const events = onGrid ? [fired] : [fired, roundingOf(computed, Exact.ratio(lanePoints, scale), rounding)]
  if (told !== undefined && told.size < RATIO_TOLD_PER_GROUP) told.set(key, freezeEvents(events))
  return events
}
/** at most this many shared ratio explanations per rule kind and maximum in a batch */
const RATIO_TOLD_PER_GROUP = 1 << 16

const fixedEventsByLane = new WeakMap<Lane, (readonly TraceEvent[] | undefined)[]>()
/**
 * Shared traces of one rule outcome, by the values of the leaf's facts: a tree of maps, one
 * level per fact (in the leaf's order), the trace at the last level.
 */
interface Interned {
  readonly root: Map<unknown, unknown>
  size: number
  /** the one trace of a pick leaf's outcome */
  only: NodeTrace | undefined
}
/**
 * The traces units of one batch share: per rule outcome (by the values of the leaf's
 * facts), and per inner node without adjustments (by its children's sum on the grid). Made
 * for a batch and gone with its results, so nothing grows with a long-lived pack. @internal
 */
export interface TraceSharing {
  readonly outcomes: (Interned | undefined)[]
  readonly sums: (Map<number, Trace> | undefined)[]
  /** per lane leaf, its ratio explanations by counts: one map per rule kind and maximum */
  readonly ratios: (Map<number, readonly TraceEvent[]> | undefined)[]
  readonly ratioGroups: Map<string, Map<number, readonly TraceEvent[]>>
}

/** Fresh trace sharing for a batch on a lane. @internal */
export function traceSharing(lane: Lane): TraceSharing {
  return {
    outcomes: new Array<Interned | undefined>(slotCount(lane)).fill(undefined),
    sums: new Array<Map<number, Trace> | undefined>(lane.pack.nodes.length).fill(undefined),
    ratios: new Array<Map<number, readonly TraceEvent[]> | undefined>(lane.leaves.length).fill(undefined),
    ratioGroups: new Map(),
  }
}
/** at most this many shared traces per rule outcome (distinct fact values) in a batch */
const INTERNED_PER_OUTCOME = 1024

/** Facts a shared trace can stand for: present, primitive, and not -0 (a Map sees it as 0). */
/** Values a shared trace can stand for: present, and not -0 (a Map sees it as 0). */
function internable(values: readonly unknown[], slots: Int32Array): boolean {
  for (let j = 0; j < slots.length; j++) {
    const v = values[slots[j]!]
    if (v === undefined || Object.is(v, -0)) return false
  }
  return slots.length > 0
}

function internedTrace(shared: Interned, values: readonly unknown[], slots: Int32Array): NodeTrace | undefined {
  let level: unknown = shared.root
  for (let j = 0; j < slots.length; j++) {
    const v = values[slots[j]!]
    // a Map finds 0's entry for -0: -0 has none of its own
    if (v === 0 && 1 / v < 0) return undefined
    level = (level as Map<unknown, unknown>).get(v)
    if (level === undefined) return undefined
  }
  // an absent fact never got a shared trace, so its lookup ends above
  return slots.length > 0 ? (level as NodeTrace) : undefined
}

function keepTrace(shared: Interned, values: readonly unknown[], slots: Int32Array, trace: NodeTrace): void {
  let level = shared.root
  for (let j = 0; j < slots.length - 1; j++) {
    const v = values[slots[j]!]
    let next = level.get(v) as Map<unknown, unknown> | undefined
    if (!next) level.set(v, (next = new Map()))
    level = next
  }
  level.set(values[slots[slots.length - 1]!], trace)
  shared.size++
}

/**
 * A list of events many traces share, frozen with every event in it and every plain object
 * an event holds (an inconsistent_data event's values): a change to a shared event would
 * reach every trace holding it. Exact numbers are left as they are (read-only by type only,
 * and shared across the engine, as Exact.ZERO is): not frozen here.
 */
function freezeEvents(events: TraceEvent[] | readonly TraceEvent[]): readonly TraceEvent[] {
  for (const e of events) {
    if (e.kind === 'inconsistent_data') Object.freeze(e.values)
    Object.freeze(e)
  }
  return Object.freeze(events)
}

/**
 * A trace units (and batches) share, frozen with everything in it a change could reach:
 * its facts, events, appraisal steps and applied adjustments (their titles are the pack's,
 * frozen at compile). A shared trace is then the same for every unit holding it.
 */
function freezeShared<T extends NodeTrace>(t: T): T {
  Object.freeze(t.facts)
  freezeEvents(t.events)
  for (const s of t.appraisals) Object.freeze(s)
  Object.freeze(t.appraisals)
  for (const adj of t.adjustments) Object.freeze(adj)
  Object.freeze(t.adjustments)
  return Object.freeze(t)
}
/** What a lane leaf reads, with the lane's slot of each fact name (every one has a slot). */
interface FactsReadOnLane extends FactsRead {
  readonly slots: Int32Array
}
const factsReadsByLane = new WeakMap<Lane, FactsReadOnLane[]>()

function factsReadsOnLane(lane: Lane): FactsReadOnLane[] {
  const slotOf = new Map(lane.factNames.map((name, s) => [name, s]))
  return [...lane.leaves].map((i) => {
    const read = factsReadOf(lane.pack.nodes[i]!)
    return { ...read, slots: Int32Array.from(read.names, (name) => slotOf.get(name)!) }
  })
}

/**
 * The facts record of a lane leaf from the values the lane read (checked primitives, so a
 * fact's own); undefined when one is undefined (absent, or present as undefined: readFacts
 * tells them apart).
 */
function readFactsOnLane(values: readonly unknown[], read: FactsReadOnLane): Readonly<Record<string, unknown>> | undefined {
  const names = read.names
  if (names.length === 0) return NO_FACTS_READ
  const out: Record<string, unknown> = { ...read.template }
  for (let j = 0; j < names.length; j++) {
    const v = values[read.slots[j]!]
    if (v === undefined) return undefined
    out[names[j]!] = v
  }
  return out
}
/**
 * The maximum a lane ratio leaf's rule scores with: its ratio form's (the lane lowered
 * that form, so the leaf has one), which a plug-in kind may set apart from the leaf's.
 */
function ratioMaxOf(n: CompiledNode): Exact {
  return (n.rule!.form as RatioForm).max
}

const maxTextByNode = new WeakMap<CompiledNode, string>()

/** A lane ratio leaf's form maximum as text (as its branch writes it), made once. */
function ratioMaxText(n: CompiledNode): string {
  let t = maxTextByNode.get(n)
  if (t === undefined) maxTextByNode.set(n, (t = ratioMaxOf(n).toString()))
  return t
}

/** A leaf's trace from its rule's compute(…, explain), as the general path writes it. */
function leafTraceOnLane(pack: CompiledPack, n: CompiledNode, facts: Facts, s: Settling): Trace {
  const rounding = pack.rounding.leaf!
  const floor = n.floor
  // the lane decided these points; compute(…, explain) gives the branch in words
  const out = n.rule!.compute!(facts, true)!
  const p = out.points.round(rounding.decimals, rounding.mode)
  const rounded = !p.eq(out.points)
  const hi = n.maxPoints
  const moves = n.adjustments.length > 0 || p.gt(hi) || (floor.isZero() ? p.isNegative() : p.lt(Exact.min(floor, hi)))
  // a leaf whose only event is its rule's fixed branch shares one read-only list of events
  // (and of steps); the others get a list of exactly their size
  const fired = ruleOf(n, out.branch, out.points)
  const events: TraceEvent[] = rounded ? [fired, roundingOf(out.points, p, rounding)] : moves ? [fired] : (ruleEventList(n, fired) as TraceEvent[])
  const t = new Trace(n.code, readFacts(facts, n), NONE, NONE, false, events, out.branch, out.points)
  // a frozen shared list: nothing moves the points, so the settle writes nothing to it
  settleTrace(s, n, p, t, events)
  return t
}

const readsUnitByPack = new WeakMap<CompiledPack, boolean>()

/** Whether anything in a pack (a rule, an applicability, an adjustment) reads the fact `unit`. */
export function readsUnit(pack: CompiledPack): boolean {
  let reads = readsUnitByPack.get(pack)
  if (reads === undefined) {
    reads = pack.nodes.some((n) => (n.rule?.facts ?? []).includes('unit') || (n.applicability?.facts ?? []).includes('unit')) || pack.adjustments.some((adj) => adj.facts.includes('unit'))
    readsUnitByPack.set(pack, reads)
  }
  return reads
}

interface SharedArrays {
  readonly maxima: Exact[]
  readonly zeros: Exact[]
  readonly noneNotApplicable: Uint8Array
}
const sharedByPack = new WeakMap<CompiledPack, SharedArrays>()

/** Per pack: the declared maxima, all-zero adjustments, nothing not applicable. */
export function sharedArrays(pack: CompiledPack): SharedArrays {
  let s = sharedByPack.get(pack)
  if (!s) {
    const n = pack.nodes.length
    s = { maxima: pack.nodes.map((x) => x.maxPoints), zeros: new Array<Exact>(n).fill(Exact.ZERO), noneNotApplicable: new Uint8Array(n) }
    sharedByPack.set(pack, s)
  }
  return s
}

// kept out of score's loop: a closure there would make V8 allocate a context per node
export function appraisalTrail(history: readonly { round: number; reviewer: string; at: string; reason: string; to: Exact }[], start: Exact, events: TraceEvent[]): AppraisalStep[] {
  const out: AppraisalStep[] = []
  let from = start
  for (const h of history) {
    out.push({ round: h.round, reviewer: h.reviewer, at: h.at, reason: h.reason, from, to: h.to })
    events.push({ kind: 'appraisal', round: h.round, reviewer: h.reviewer, at: h.at, reason: h.reason, from, to: h.to })
    from = h.to
  }
  return out
}

interface FactsRead {
  readonly names: readonly string[]
  /** an object with the node's fact names as keys, in order: copies of it share one shape */
  readonly template: Readonly<Record<string, unknown>>
}
const factsReadByNode = new WeakMap<CompiledNode, FactsRead>()
/** the facts of a node that reads none (inner nodes): one shared, frozen object */
const NO_FACTS_READ: Readonly<Record<string, unknown>> = Object.freeze({})

/** What a node reads, for the trace: its fact names and a template of their record. */
function factsReadOf(n: CompiledNode): FactsRead {
  let read = factsReadByNode.get(n)
  if (!read) {
    const names = [...new Set([...(n.rule?.facts ?? []), ...(n.applicability?.facts ?? [])])]
    read = { names, template: Object.fromEntries(names.map((name) => [name, undefined])) }
    factsReadByNode.set(n, read)
  }
  return read
}

/** The facts a node reads that the unit has, with their values (for the trace). */
export function readFacts(facts: Facts, n: CompiledNode, read: FactsRead = factsReadOf(n)): Readonly<Record<string, unknown>> {
  const names = read.names
  if (names.length === 0) return NO_FACTS_READ
  // the usual case, every fact present: a copy of the template, filled in
  const out: Record<string, unknown> = { ...read.template }
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!
    const v = facts[name]
    // a primitive found is the fact's own (Object.prototype holds none)
    if (v === undefined || ((typeof v === 'object' || typeof v === 'function') && v !== null && !own.call(facts, name))) {
      if (!own.call(facts, name)) return readSomeFacts(facts, names)
    }
    out[name] = v
  }
  return out
}

/** readFacts when some fact is absent: only the present ones, as keys. */
function readSomeFacts(facts: Facts, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of names) if (own.call(facts, name)) out[name] = facts[name]
  return out
}
