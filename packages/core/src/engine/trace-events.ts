/**
 * A node's trace as structured events, and the one renderer that turns each event into a
 * line in Vietnamese or English, each in its language alone. The English line of every
 * event is the step text traces carry (`NodeTrace.steps` is made from it), so what reads
 * `steps` reads the same words; the Vietnamese line writes decimals with a comma, as the
 * reports do.
 */
import type { Exact } from '../util/exact.js'
import { traceArgumentIssue } from '../util/arguments.js'
import { ChisoError } from '../util/errors.js'

/**
 * One thing that decided a node's points, in the order it happened. A closed union on
 * `kind`; numbers are {@link Exact} (a trace is exact, as results are).
 *
 * - `not_applicable`: the node does not apply to the unit; removed from the applicable maximum
 * - `rule`: the leaf's rule fired: its kind, the branch taken (the rule's own label) and the points it gives
 * - `inconsistent_data`: the rule read figures that do not fit together (kept as read), flagged
 * - `self_score_differs`: the unit's self score differs from the computed points, which are used
 * - `self_score`: the unit's self score was taken (no rule outcome)
 * - `no_input`: no self score and no usable facts: 0
 * - `survey`: the survey result taken, with the rule's branch
 * - `survey_missing`: no survey result: 0
 * - `evidence_missing`: fewer documents than the criterion requires; `zeroed` when the pack's policy scored the leaf 0
 * - `explanation`: the unit's explanation for the missing evidence
 * - `appraisal`: one appraisal round changed the leaf's points
 * - `rounding`: leaf rounding changed the points
 * - `sum`: an inner node's points are the sum of its children's, of their applicable maximum
 * - `capped`: the node's bonuses (or deductions) together exceed the node's cap
 * - `adjustments`: the bonus and deduction applied to the node
 * - `above_maximum`: points above the node's applicable maximum were cut to it
 * - `below_floor`: points below the node's floor were raised to it
 *
 * @example
 * ```ts
 * import { evaluate, renderTraceEvent } from '@chiso/core'
 * const trace = evaluate(pack, assessment, { trace: true }).node('1.2')?.trace
 * for (const e of trace?.events ?? []) {
 *   if (e.kind === 'rule') console.log(e.rule, e.branch, e.points.toString()) // 'steps' '≥ 90 → 2' '2'
 *   if (e.kind === 'appraisal') console.log(`round ${e.round}: ${e.from} → ${e.to}`)
 *   console.log(renderTraceEvent(e, 'vi'))
 * }
 * ```
 */
export type TraceEvent =
  | { readonly kind: 'not_applicable' }
  | { readonly kind: 'rule'; readonly rule: string; readonly branch: string; readonly points: Exact }
  | { readonly kind: 'inconsistent_data'; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'self_score_differs'; readonly selfScore: Exact; readonly computed: Exact }
  | { readonly kind: 'self_score'; readonly points: Exact }
  | { readonly kind: 'no_input' }
  | { readonly kind: 'survey'; readonly branch: string; readonly points: Exact }
  | { readonly kind: 'survey_missing' }
  | { readonly kind: 'evidence_missing'; readonly documents: number; readonly minDocuments: number; readonly zeroed: boolean }
  | { readonly kind: 'explanation'; readonly text: string }
  | { readonly kind: 'appraisal'; readonly round: number; readonly reviewer: string; readonly at: string; readonly reason: string; readonly from: Exact; readonly to: Exact }
  | { readonly kind: 'rounding'; readonly mode: string; readonly decimals: number; readonly from: Exact; readonly to: Exact }
  | { readonly kind: 'sum'; readonly children: number; readonly sum: Exact; readonly max: Exact }
  | { readonly kind: 'capped'; readonly what: 'bonus' | 'deduction'; readonly total: Exact; readonly cap: Exact }
  | { readonly kind: 'adjustments'; readonly bonus: Exact; readonly deduction: Exact }
  | { readonly kind: 'above_maximum'; readonly points: Exact; readonly max: Exact }
  | { readonly kind: 'below_floor'; readonly points: Exact; readonly floor: Exact }

/** Every kind of {@link TraceEvent}. */
export type TraceEventKind = TraceEvent['kind']

/** The language of a rendered trace line. */
export type TraceLocale = 'vi' | 'en'

type Of<K extends TraceEventKind> = Extract<TraceEvent, { kind: K }>
type Messages = { readonly [K in TraceEventKind]: (e: Of<K>) => string }

/** an exact number as text: the exact decimal ("1.5", or "40/3" when it has no finite one) */
const en = (x: Exact): string => x.toString()
/** the same number with a decimal comma ("1,5") */
const vi = (x: Exact): string => x.toString().replace('.', ',')

/** A decimal inside a rule's label in Vietnamese ("0.5" → "0,5", "7.5/2.5" → "7,5/2,5"); codes untouched. */
const viNumber = (text: string): string =>
  text
    .split('/')
    .map((part) => (/^-?\d+\.\d+$/.test(part) ? part.replace('.', ',') : part))
    .join('/')

/**
 * A built-in rule's branch label in Vietnamese: the labels the rule kinds write ("≥ 90 → 2",
 * "true → 1", "17/19 × 2", "otherwise → 0" …) in words, decimals with a comma. A label a
 * pack wrote itself (a conditions branch, a choice value) is kept, its points localised.
 */
function branchVi(branch: string): string {
  let m: RegExpExecArray | null
  if ((m = /^true → (\S+)$/.exec(branch))) return `có → ${viNumber(m[1]!)}`
  if ((m = /^false → (\S+)$/.exec(branch))) return `không → ${viNumber(m[1]!)}`
  if ((m = /^otherwise → (\S+)$/.exec(branch))) return `các trường hợp còn lại → ${viNumber(m[1]!)}`
  if ((m = /^denominator 0 → (\S+)$/.exec(branch))) return `mẫu số bằng 0 → ${viNumber(m[1]!)}`
  if (branch === 'ratio ≥ 1 → max') return 'tỉ lệ ≥ 1 → điểm tối đa'
  if (branch === 'ratio × max') return 'tỉ lệ × điểm tối đa'
  if (branch === 'count capped') return 'đạt mức tối đa'
  if (branch === 'count × points each') return 'số lần × điểm mỗi lần'
  if (branch === 'no answers → 0') return 'không có phiếu trả lời → 0'
  if ((m = /^(\S+) × (\S+) capped at (\S+)$/.exec(branch))) return `${viNumber(m[1]!)} × ${viNumber(m[2]!)}, tối đa ${viNumber(m[3]!)}`
  if ((m = /^(\S+) × (\S+)$/.exec(branch))) return `${viNumber(m[1]!)} × ${viNumber(m[2]!)}`
  if ((m = /^survey points (\S+)$/.exec(branch))) return `điểm điều tra ${viNumber(m[1]!)}`
  if ((m = /^(\d+) answers, weighted share (\S+)$/.exec(branch))) return `${m[1]} phiếu, tỉ lệ có trọng số ${viNumber(m[2]!)}`
  if ((m = /^branch (\d+) → (\S+)$/.exec(branch))) return `nhánh ${m[1]} → ${viNumber(m[2]!)}`
  if ((m = /^([≥>]) (\S+) → (\S+)$/.exec(branch))) return `${m[1]} ${viNumber(m[2]!)} → ${viNumber(m[3]!)}`
  if ((m = /^(.*) → (\S+)$/s.exec(branch))) return `${m[1]} → ${viNumber(m[2]!)}`
  return branch
}

/** The built-in rule kinds by their Vietnamese names; a plug-in kind keeps its own name. */
const RULE_KIND_VI: Readonly<Record<string, string>> = {
  manual: 'tự chấm',
  boolean: 'có / không',
  choice: 'lựa chọn',
  steps: 'bậc thang',
  ratio: 'tỉ lệ',
  count: 'đếm số lần',
  survey: 'điều tra',
  conditions: 'điều kiện',
}

const ROUNDING_VI: Readonly<Record<string, string>> = {
  'half-up': 'làm tròn (từ 5 trở lên làm tròn lên)',
  'half-even': 'làm tròn (về số chẵn)',
  down: 'làm tròn xuống',
  up: 'làm tròn lên',
}

/** The figures a built-in rule names in an inconsistent-data event, in Vietnamese; a plug-in's own names are kept. */
const PART_VI: Readonly<Record<string, string>> = { numerator: 'tử số', denominator: 'mẫu số' }

const own = Object.prototype.hasOwnProperty

/**
 * One flat string from its parts. Template literals build chains of rope nodes that traces
 * would keep alive by the hundred thousand (a step per node per unit); a join makes one
 * string, and the parts die young.
 */
function flat(parts: string[]): string {
  return parts.join('')
}

/**
 * English: the step texts traces have carried since 0.1 (records and tests read them), in
 * English only: the Vietnamese some of them once carried after a " / " is the VI line's.
 */
const EN: Messages = {
  not_applicable: () => 'not applicable to this unit: removed from the applicable maximum',
  rule: (e) => flat(['rule ', e.rule, ': ', e.branch]),
  inconsistent_data: (e) =>
    `inconsistent data, flagged: ${Object.entries(e.values)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  self_score_differs: (e) => `self score ${en(e.selfScore)} differs; computed points are used`,
  self_score: (e) => `self score: ${en(e.points)}`,
  no_input: () => 'no self score or facts → 0',
  survey: (e) => `survey: ${e.branch} → ${en(e.points)}`,
  survey_missing: () => 'no survey result → 0',
  evidence_missing: (e) => (e.zeroed ? `missing evidence (${e.documents}/${e.minDocuments}): policy "zero" → 0` : `missing evidence (${e.documents}/${e.minDocuments}): flagged`),
  explanation: (e) => `explanation: ${e.text}`,
  appraisal: (e) => `appraisal round ${e.round} by ${e.reviewer}: ${en(e.from)} → ${en(e.to)} (${e.reason})`,
  rounding: (e) => flat(['rounded ', e.mode, ' to ', String(e.decimals), ' places: ', en(e.from), ' → ', en(e.to)]),
  sum: (e) => flat(['sum of ', String(e.children), ' children: ', en(e.sum), ' of ', en(e.max)]),
  capped: (e) => `${e.what === 'bonus' ? 'bonuses' : 'deductions'} ${en(e.total)} capped at ${en(e.cap)} for the node`,
  adjustments: (e) => `adjustments: +${en(e.bonus)} −${en(e.deduction)}`,
  above_maximum: (e) => `above the maximum: ${en(e.points)} → ${en(e.max)}`,
  below_floor: (e) => `below the floor: ${en(e.points)} → ${en(e.floor)}`,
}

/** Vietnamese, decimal comma. */
const VI: Messages = {
  not_applicable: () => 'không áp dụng với đơn vị này: loại khỏi điểm tối đa áp dụng',
  rule: (e) => `quy tắc ${own.call(RULE_KIND_VI, e.rule) ? RULE_KIND_VI[e.rule] : e.rule}: ${branchVi(e.branch)}`,
  inconsistent_data: (e) =>
    `dữ liệu không nhất quán, gắn cờ: ${Object.entries(e.values)
      .map(([k, v]) => `${own.call(PART_VI, k) ? PART_VI[k] : k} ${viNumber(v)}`)
      .join(', ')}`,
  self_score_differs: (e) => `tự chấm ${vi(e.selfScore)}, dữ kiện cho ${vi(e.computed)}: dùng điểm tính từ dữ kiện`,
  self_score: (e) => `điểm tự chấm: ${vi(e.points)}`,
  no_input: () => 'chưa có điểm tự chấm hay dữ kiện → 0',
  survey: (e) => `điều tra xã hội học: ${branchVi(e.branch)} → ${vi(e.points)}`,
  survey_missing: () => 'chưa có kết quả điều tra → 0',
  evidence_missing: (e) =>
    e.zeroed
      ? `thiếu tài liệu kiểm chứng (${e.documents}/${e.minDocuments}): tính 0 điểm theo quy định của bộ chỉ số`
      : `thiếu tài liệu kiểm chứng (${e.documents}/${e.minDocuments}): chỉ gắn cờ, vẫn tính điểm`,
  explanation: (e) => `giải trình: ${e.text}`,
  appraisal: (e) => `thẩm định vòng ${e.round} (${e.reviewer}, ${e.at}): ${vi(e.from)} → ${vi(e.to)} — ${e.reason}`,
  rounding: (e) => `${own.call(ROUNDING_VI, e.mode) ? ROUNDING_VI[e.mode] : `làm tròn ${e.mode}`}, ${e.decimals} chữ số thập phân: ${vi(e.from)} → ${vi(e.to)}`,
  sum: (e) => `tổng của ${e.children} mục con: ${vi(e.sum)} trên ${vi(e.max)}`,
  capped: (e) => `${e.what === 'bonus' ? 'điểm thưởng' : 'điểm trừ'} ${vi(e.total)}, giới hạn ở ${vi(e.cap)}`,
  adjustments: (e) => `điểm thưởng +${vi(e.bonus)}, điểm trừ −${vi(e.deduction)}`,
  above_maximum: (e) => `vượt điểm tối đa: ${vi(e.points)} → ${vi(e.max)}`,
  below_floor: (e) => `dưới mức sàn: ${vi(e.points)} → ${vi(e.floor)}`,
}

const MESSAGES: { readonly [L in TraceLocale]: Messages } = { vi: VI, en: EN }

/**
 * One trace event as a line of text: Vietnamese (decimal comma) or English (the words of
 * `NodeTrace.steps`).
 *
 * @example
 * ```ts
 * import { Exact, renderTraceEvent } from '@chiso/core'
 * const e = { kind: 'below_floor', points: Exact.from('-1.5'), floor: Exact.ZERO } as const
 * renderTraceEvent(e, 'vi') // 'dưới mức sàn: -1,5 → 0'
 * renderTraceEvent(e, 'en') // 'below the floor: -1.5 → 0'
 * ```
 */
export function renderTraceEvent(event: TraceEvent, locale: TraceLocale): string {
  return (MESSAGES[locale][event.kind] as (e: TraceEvent) => string)(event)
}

/**
 * A node's trace as lines, one per event, in order, in Vietnamese or English.
 *
 * @example
 * ```ts
 * import { evaluate, traceLines } from '@chiso/core'
 * const trace = evaluate(pack, assessment, { trace: true }).node('1.2')?.trace
 * if (trace) console.log(traceLines(trace, 'vi').join('\n')) // 'quy tắc bậc thang: ≥ 90 → 2' …
 * ```
 */
export function traceLines(trace: { readonly events: readonly TraceEvent[] }, locale: TraceLocale): string[] {
  // a plain-JS caller may pass anything: a typed error, not a TypeError from inside
  const bad = traceArgumentIssue(trace, locale)
  if (bad) throw new ChisoError([bad], 'argument')
  const out = new Array<string>(trace.events.length)
  for (let k = 0; k < out.length; k++) out[k] = renderTraceEvent(trace.events[k]!, locale)
  return out
}

// English text of events made once and shared (a rule's fixed outcomes on a leaf): made once
const enTextOf = new WeakMap<TraceEvent, string>()
// the steps of a frozen (shared) list of events: made once per list
const stepsOfList = new WeakMap<readonly TraceEvent[], readonly string[]>()

/**
 * `NodeTrace.steps` of a list of events: each event's English line. A frozen list is one
 * many traces share, so its steps are made once and shared too (frozen). @internal
 */
export function stepsOf(events: readonly TraceEvent[]): readonly string[] {
  const frozen = Object.isFrozen(events)
  if (frozen) {
    const known = stepsOfList.get(events)
    if (known) return known
  }
  const out = new Array<string>(events.length)
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!
    out[k] = (e.kind === 'rule' ? enTextOf.get(e) : undefined) ?? EN[e.kind](e as never)
  }
  if (frozen) {
    Object.freeze(out)
    stepsOfList.set(events, out)
  }
  return out
}

/** per node (any object standing for it), its rule events by branch: most units take a fixed outcome */
const ruleEventsByNode = new WeakMap<object, Map<string, Of<'rule'>>>()

/**
 * The event of a leaf's rule firing. A branch's event is made once per leaf and shared
 * (frozen) by every unit taking it with the same points; branches that carry a unit's own
 * numbers are not kept past 64 per leaf. @internal
 */
export function ruleEvent(node: object, rule: string, branch: string, points: Exact): Of<'rule'> {
  let known = ruleEventsByNode.get(node)
  if (!known) ruleEventsByNode.set(node, (known = new Map()))
  const e = known.get(branch)
  if (e !== undefined && (e.points === points || e.points.eq(points))) return e
  if (known.size >= 64) return { kind: 'rule', rule, branch, points }
  const made: Of<'rule'> = Object.freeze({ kind: 'rule', rule, branch, points })
  known.set(branch, made)
  enTextOf.set(made, EN.rule(made))
  return made
}

/** per node, the frozen one-event lists of its rule's branches */
const ruleListsByNode = new WeakMap<object, Map<TraceEvent, readonly TraceEvent[]>>()

/**
 * The list holding just a rule event: for a shared event, one frozen list every trace that
 * has only it shares. @internal
 */
export function ruleEventList(node: object, e: TraceEvent): readonly TraceEvent[] {
  let lists = ruleListsByNode.get(node)
  if (!lists) ruleListsByNode.set(node, (lists = new Map()))
  let list = lists.get(e)
  if (list === undefined) {
    // an event not shared (a unit's own numbers) gets a list of its own
    if (!Object.isFrozen(e) || lists.size >= 64) return [e]
    lists.set(e, (list = Object.freeze([e])))
  }
  return list
}
