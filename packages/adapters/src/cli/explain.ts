/**
 * A unit's trace as a readable tree for the terminal, in Vietnamese or English. Rendered
 * from the structured parts of the core's trace (self score, computed points, survey,
 * evidence, appraisal rounds, adjustments, facts read) with the pack's own titles, and
 * from its events (rounding, caps, clamping) by the core's vi / en renderer: never by
 * reading the engine's English step texts back.
 */
import { Exact, renderTraceEvent, type CompiledPack, type NodeTrace, type RankedUnit, type TraceEvent, type UnitResult } from '@chiso/core'
import { sourceOf } from '../shared/entry.js'
import { factExpectations, factTitle, factTitleUnder } from '../shared/facts.js'
import { appraisalReason } from '../shared/form.js'
import { formatIndex, indexIsPercent } from '../shared/index-unit.js'
import { dateVi, formatNumber, formatScore, localiseNumbers, textIn, type Locale } from '../shared/locale.js'
import { isSampleUnit, ROW_MARK, reconstructedCodes } from '../shared/marks.js'
import { neutralisedCriteria } from '../shared/neutralised.js'
import { bandLabel, reportHeaderLines } from '../shared/summary.js'

type W = { vi: string; en: string }
const w = (vi: string, en: string): W => ({ vi, en })

const RULE_KIND: Record<string, W> = {
  manual: w('tự chấm', 'entered'),
  boolean: w('có / không', 'yes / no'),
  choice: w('lựa chọn', 'choice'),
  steps: w('bậc thang', 'steps'),
  ratio: w('tỉ lệ', 'ratio'),
  count: w('đếm số lần', 'count'),
  survey: w('điều tra', 'survey'),
  conditions: w('điều kiện', 'conditions'),
}

/** A fact's value for a reader: yes / no for booleans, numbers in the locale's decimal mark. */
function valueText(v: unknown, locale: Locale): string {
  if (v === true) return locale === 'vi' ? 'có' : 'yes'
  if (v === false) return locale === 'vi' ? 'không' : 'no'
  if (typeof v === 'number') {
    const x = Exact.tryFrom(v)
    return x ? formatScore(x, locale, 4) : String(v)
  }
  if (typeof v === 'string') {
    const x = /^-?\d+(\.\d+)?$/.test(v) ? Exact.tryFrom(v) : undefined
    return x ? formatScore(x, locale, 4) : `"${v}"`
  }
  return JSON.stringify(v)
}

/** A point value the way a trace shows it: "0,5", "1,25", "17,89" (at most two decimals). */
const pts = (x: Exact, locale: Locale): string => formatScore(x, locale, 2)

/** A number found in a core branch text ("0.5", "340/19"), for a reader. */
function numberIn(text: string, locale: Locale): string {
  const x = Exact.tryFrom(text)
  return x ? pts(x, locale) : text
}

/** Options for {@link formatTraceTree}. */
export interface TraceTreeOptions {
  /** `vi` (default: decimal comma) or `en` */
  readonly locale?: Locale
  /** only this node's subtree, without the header (the whole tree for `"total"`) */
  readonly node?: string
  /** levels shown below each top node (default: all) */
  readonly depth?: number
}

/**
 * A rule branch (the core's short label: "≥ 90 → 2", "late → 0.5", "true → 1",
 * "17/19 × 2", "otherwise → 0" …) in the locale's words, choice values by their labels.
 */
function branchText(pack: CompiledPack, code: string, branch: string, locale: Locale): string {
  const vi = locale === 'vi'
  const rule = sourceOf(pack, code)?.rule as { kind?: string; options?: { value: string; label?: { vi: string; en?: string } | string }[] } | undefined
  const arrow = (lhs: string, rhs: string): string => `${lhs} → ${numberIn(rhs, locale)}`
  let m: RegExpExecArray | null
  if ((m = /^true → (.+)$/.exec(branch))) return arrow(vi ? 'có' : 'yes', m[1]!)
  if ((m = /^false → (.+)$/.exec(branch))) return arrow(vi ? 'không' : 'no', m[1]!)
  if ((m = /^otherwise → (.+)$/.exec(branch))) return arrow(vi ? 'các trường hợp còn lại' : 'otherwise', m[1]!)
  if ((m = /^denominator 0 → (.+)$/.exec(branch))) return arrow(vi ? 'mẫu số bằng 0' : 'denominator 0', m[1]!)
  if (branch === 'ratio ≥ 1 → max') return vi ? 'tỉ lệ ≥ 1 → điểm tối đa' : 'ratio ≥ 1 → the maximum'
  if (branch === 'ratio × max') return vi ? 'tỉ lệ × điểm tối đa' : 'ratio × the maximum'
  if (branch === 'count capped') return vi ? 'đạt mức tối đa' : 'capped'
  if (branch === 'count × points each') return vi ? 'số lần × điểm mỗi lần' : 'count × points each'
  if (branch === 'no answers → 0') return vi ? 'không có phiếu trả lời → 0' : 'no answers → 0'
  if ((m = /^(\S+) × (\S+) capped at (\S+)$/.exec(branch))) return `${numberIn(m[1]!, locale)} × ${numberIn(m[2]!, locale)}, ${vi ? 'tối đa' : 'at most'} ${numberIn(m[3]!, locale)}`
  if ((m = /^(\d+)\/(\d+) × (\S+)$/.exec(branch))) return `${m[1]}/${m[2]} × ${numberIn(m[3]!, locale)}`
  if ((m = /^(\S+) × (\S+)$/.exec(branch))) return `${numberIn(m[1]!, locale)} × ${numberIn(m[2]!, locale)}`
  if ((m = /^survey points (\S+)$/.exec(branch))) return `${vi ? 'điểm điều tra' : 'survey points'} ${numberIn(m[1]!, locale)}`
  if ((m = /^(\d+) answers, weighted share (\S+)$/.exec(branch))) {
    const share = Exact.tryFrom(m[2]!)
    const pct = share ? `${formatNumber(share.mul(Exact.ratio(100, 1)), locale)}%` : m[2]!
    return vi ? `${m[1]} phiếu, tỉ lệ có trọng số ${pct}` : `${m[1]} answers, weighted share ${pct}`
  }
  if ((m = /^branch (\d+) → (.+)$/.exec(branch))) return arrow(vi ? `nhánh ${m[1]}` : `branch ${m[1]}`, m[2]!)
  if ((m = /^([≥>]) (\S+) → (\S+)$/.exec(branch))) return `${m[1]} ${numberIn(m[2]!, locale)} → ${numberIn(m[3]!, locale)}`
  if (rule?.kind === 'choice' && (m = /^(.+) → (\S+)$/.exec(branch))) {
    const o = rule.options?.find((x) => x.value === m![1])
    const label = o?.label === undefined ? undefined : typeof o.label === 'string' ? o.label : textIn(o.label, locale)
    return arrow(label ? `${label} ("${m[1]}")` : `"${m[1]}"`, m[2]!)
  }
  // a condition branch's own label (pack text), numbers in the locale's mark
  return localiseNumbers(branch, locale)
}

/** A fact's value for a reader, a choice's value by its option's label ("Ban hành đúng hạn"). @internal */
export function factValueText(pack: CompiledPack, fact: string, v: unknown, locale: Locale): string {
  const e = factExpectations(pack).get(fact)
  if (e?.kind === 'choice' && typeof v === 'string') {
    const label = e.options.find((o) => o.value === v)?.label
    if (label) return textIn(label, locale)
  }
  return valueText(v, locale)
}

/**
 * The facts a leaf read, each by its name ("dữ kiện: Mức độ hoàn thành kế hoạch CCHC =
 * 93,4"), or nothing when it read none. A ratio's two facts are the criterion's figures,
 * named alike: said by their parts ("tử số của «Tỷ lệ hồ sơ giải quyết đúng hạn» = 45;
 * mẫu số = 50"); other facts a pack names alike by the name and each one's id as the facts
 * table writes it ('… ("initiatives") = 2').
 */
function factsText(pack: CompiledPack, code: string, facts: Readonly<Record<string, unknown>>, locale: Locale): string | undefined {
  const vi = locale === 'vi'
  const entries = Object.entries(facts).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return undefined
  // by what reads them (the leaf itself, a bonus or deduction, another criterion); a fact the pack does not read by its id
  const names = new Map(entries.map(([k]) => [k, factTitleUnder(pack, k, code, locale) ?? { title: `"${k}"`, own: false }]))
  const rule = sourceOf(pack, code)?.rule as { kind?: string; numerator?: unknown; denominator?: unknown } | undefined
  const parts: Record<string, W> =
    rule?.kind === 'ratio' && typeof rule.numerator === 'string' && typeof rule.denominator === 'string' && rule.numerator !== rule.denominator
      ? { [rule.numerator]: w('tử số', 'numerator'), [rule.denominator]: w('mẫu số', 'denominator') }
      : {}
  const count = new Map<string, number>()
  for (const { title } of names.values()) count.set(title, (count.get(title) ?? 0) + 1)
  const said = new Set<string>()
  const label = (k: string): string => {
    const { title: name, own } = names.get(k)!
    const part = parts[k]?.[locale]
    if (part === undefined) return count.get(name)! > 1 ? `${name} ("${k}")` : name
    // the ratio's own title once: "tử số của «…»", then "mẫu số"
    if (!own) return `${part} (${name})`
    if (said.has(name)) return part
    said.add(name)
    return vi ? `${part} của «${name}»` : `${part} of "${name}"`
  }
  return `${vi ? 'dữ kiện' : 'facts'}: ${entries.map(([k, v]) => `${label(k)} = ${factValueText(pack, k, v, locale)}`).join('; ')}`
}

/** The step lines of a leaf, from the trace's fields (the dashboard's explain tree shows the same). @internal */
export function leafLines(result: UnitResult, code: string, t: NodeTrace, locale: Locale): string[] {
  const vi = locale === 'vi'
  const pack = result.pack
  const n = pack.node(code)!
  const lines: string[] = []
  if (t.notApplicable) {
    // a criterion the pack neutralises says so, with the patch's reason
    const na = neutralisedCriteria(pack).get(code)
    if (na)
      return [
        vi
          ? `không áp dụng: bộ chỉ số không chấm tiêu chí này${na.reason ? ` (${na.reason})` : ''}; loại khỏi điểm tối đa áp dụng`
          : `not applicable: the pack does not score this criterion${na.reason ? ` (${na.reason})` : ''}; left out of the applicable maximum`,
      ]
    return [vi ? 'không áp dụng với đơn vị này: loại khỏi điểm tối đa áp dụng' : 'not applicable to this unit: left out of the applicable maximum']
  }
  if (n.source === 'survey') {
    if (t.survey !== undefined && t.branch !== undefined) lines.push(`${vi ? 'điều tra xã hội học' : 'survey'}: ${branchText(pack, code, t.branch, locale)} → ${pts(t.survey, locale)}`)
    else lines.push(vi ? 'chưa có kết quả điều tra → 0' : 'no survey result → 0')
  } else if (t.computed !== undefined && t.branch !== undefined) {
    const kind = RULE_KIND[n.ruleKind ?? '']
    const facts = factsText(pack, code, t.facts, locale)
    lines.push(`${vi ? 'quy tắc' : 'rule'} ${kind ? kind[locale] : (n.ruleKind ?? '')}${facts ? ` — ${facts}` : ''}: ${branchText(pack, code, t.branch, locale)}`)
    if (t.selfScore !== undefined && !t.selfScore.eq(t.computed)) {
      lines.push(
        vi
          ? `tự chấm ${pts(t.selfScore, locale)}, dữ kiện cho ${pts(t.computed, locale)}: dùng điểm tính từ dữ kiện`
          : `self score ${pts(t.selfScore, locale)}, the facts give ${pts(t.computed, locale)}: the facts win`,
      )
    }
  } else if (t.selfScore !== undefined) {
    lines.push(`${vi ? 'điểm tự chấm' : 'self score'}: ${pts(t.selfScore, locale)}`)
  } else {
    lines.push(vi ? 'chưa có điểm tự chấm hay dữ kiện → 0' : 'no self score and no facts → 0')
  }
  const ev = t.evidence
  if (ev && !ev.satisfied) {
    const count = `${ev.documents.length}/${ev.minDocuments}`
    lines.push(
      ev.policyApplied
        ? vi
          ? `thiếu tài liệu kiểm chứng (${count}): tính 0 điểm theo quy định của bộ chỉ số`
          : `evidence missing (${count}): scored 0 as the pack says`
        : vi
          ? `thiếu tài liệu kiểm chứng (${count}): chỉ gắn cờ, vẫn tính điểm`
          : `evidence missing (${count}): flagged, points kept`,
    )
  }
  if (t.explanation !== undefined) lines.push(`${vi ? 'giải trình' : 'explanation'}: ${t.explanation}`)
  // a title that is the number itself is said once ('20/KH-UBND', not '20/KH-UBND — 20/KH-UBND')
  for (const d of ev?.documents ?? [])
    lines.push(`${vi ? 'tài liệu kiểm chứng' : 'evidence'}: ${[...new Set([d.number, d.title].filter((x) => x !== undefined && x !== '').map((x) => x!.trim()))].join(' — ') || d.id}`)
  for (const a of t.appraisals) {
    lines.push(
      vi
        ? `thẩm định vòng ${a.round} (${a.reviewer}, ${dateVi(a.at.slice(0, 10))}): ${pts(a.from, locale)} → ${pts(a.to, locale)} — ${appraisalReason(a.reason, 'vi')}`
        : `appraisal round ${a.round} (${a.reviewer}, ${a.at}): ${pts(a.from, locale)} → ${pts(a.to, locale)} — ${appraisalReason(a.reason, 'en')}`,
    )
  }
  lines.push(...adjustmentAndLimitLines(result, t, locale))
  return lines
}

/** the trace events that have no field of their own: rounding, caps and clamping */
const LIMIT_EVENTS: ReadonlySet<TraceEvent['kind']> = new Set(['rounding', 'capped', 'above_maximum', 'below_floor'])

/** Rounding, caps and clamping of a node, rendered from its trace events in the locale's words. */
function limitLines(t: NodeTrace, locale: Locale): string[] {
  const out: string[] = []
  for (const e of t.events) if (LIMIT_EVENTS.has(e.kind)) out.push(renderTraceEvent(e, locale))
  return out
}

/** The adjustments applied to a node, each by its title and what decided it, then rounding, caps and clamping. @internal */
export function adjustmentAndLimitLines(result: UnitResult, t: NodeTrace, locale: Locale): string[] {
  const vi = locale === 'vi'
  const pack = result.pack
  const a = result.assessment
  const out: string[] = []
  for (const applied of t.adjustments) {
    const src = pack.source.adjustments?.find((x) => x.id === applied.id)
    const amount = src?.amount as { kind?: string; fact?: string; points?: unknown } | undefined
    let why: string
    if (amount?.kind === 'entered') {
      const raw = a.adjustments?.[applied.id]
      why = raw === undefined ? (vi ? 'không nhập → 0' : 'not entered → 0') : `${vi ? 'nhập' : 'entered'} ${pts(Exact.from(raw), locale)}`
    } else if (amount?.kind === 'per' && amount.fact !== undefined) {
      const title = factTitle(pack, amount.fact, locale)
      const v = a.facts?.[amount.fact]
      const each = Exact.tryFrom(amount.points as number | string)
      why = v === undefined ? (vi ? `chưa có số liệu «${title}» → 0` : `no figure for "${title}" → 0`) : `${valueText(v, locale)} × ${each ? pts(each, locale) : String(amount.points)}`
    } else if (amount?.kind === 'fixed') {
      const met = !applied.amount.isZero()
      why = (amount as { when?: unknown }).when === undefined ? (vi ? 'cố định' : 'fixed') : met ? (vi ? 'đạt điều kiện' : 'condition met') : vi ? 'không đạt điều kiện → 0' : 'condition not met → 0'
    } else why = pts(applied.amount, locale)
    const capped = !applied.applied.eq(applied.amount) ? ` (${vi ? 'giới hạn ở' : 'capped at'} ${pts(applied.applied, locale)})` : ''
    out.push(`${applied.type === 'bonus' ? '+' : '−'}${pts(applied.applied, locale)} ${textIn(applied.title, locale)}: ${why}${capped}`)
  }
  out.push(...limitLines(t, locale))
  return out
}

/** Flags of the result (missing survey, input, evidence; self score overruled), in the locale's words. @internal */
export function flagLines(result: UnitResult, locale: Locale): string[] {
  const vi = locale === 'vi'
  return result.flags
    .filter((f) => f.code !== 'explanation_given')
    .map((f) => {
      const t = result.node(f.criterion)?.trace
      switch (f.code) {
        case 'missing_survey':
          return `! ${f.criterion}: ${vi ? 'chưa có kết quả điều tra, tính 0 điểm' : 'no survey result, scored 0'}`
        case 'missing_input':
          return `! ${f.criterion}: ${vi ? 'chưa có điểm tự chấm hay dữ kiện, tính 0 điểm' : 'no self score and no facts, scored 0'}`
        case 'missing_evidence': {
          const ev = t?.evidence
          const count = ev ? ` (${ev.documents.length}/${ev.minDocuments})` : ''
          return `! ${f.criterion}: ${vi ? `thiếu tài liệu kiểm chứng${count}` : `evidence missing${count}`}`
        }
        case 'self_score_differs':
          return `! ${f.criterion}: ${vi ? 'điểm tự chấm khác điểm tính từ dữ kiện; dùng điểm tính từ dữ kiện' : 'the self score differs from the facts; the facts win'}`
        default:
          return `! ${f.criterion}: ${f.message[locale]}`
      }
    })
}

/**
 * Renders a result evaluated with `{ trace: true }` as a tree: a head line (points,
 * index, rank, band), the pack with what in it is reconstructed (and the sample-data mark),
 * then every node with its points of its applicable maximum ("tái dựng" on reconstructed
 * rows) and under each leaf what decided it: the rule's branch on the facts read, the self
 * score, the survey, evidence, explanation, appraisal rounds, deductions and bonuses by
 * their titles. Vietnamese by default (decimal comma), English with `locale: 'en'`.
 *
 * @example
 * ```ts
 * import { evaluate } from '@chiso/core'
 * import { formatTraceTree } from '@chiso/adapters/cli'
 * console.log(formatTraceTree(evaluate(pack, assessment, { trace: true })))
 * console.log(formatTraceTree(evaluate(pack, assessment, { trace: true }), undefined, { locale: 'en' }))
 * console.log(formatTraceTree(evaluate(pack, assessment, { trace: true }), undefined, { node: '2.1' })) // one criterion's subtree
 * ```
 */
export function formatTraceTree(result: UnitResult, ranked?: RankedUnit, options: TraceTreeOptions = {}): string {
  const locale = options.locale ?? 'vi'
  const vi = locale === 'vi'
  const pack = result.pack
  const only = options.node === undefined ? undefined : pack.node(options.node)
  const name = result.assessment.unit?.name ?? result.unitId
  const marks = reconstructedCodes(pack)
  const lines: string[] = []
  let head = vi
    ? `${name} (${result.unitId}) — ${result.period}: ${formatNumber(result.total, locale)}/${formatNumber(result.applicableMax, locale)} điểm, chỉ số ${formatIndex(result.index, pack, locale)}`
    : `${name} (${result.unitId}) — ${result.period}: ${formatNumber(result.total, locale)}/${formatNumber(result.applicableMax, locale)} points, index ${formatIndex(result.index, pack, locale)}`
  if (ranked) {
    head += ranked.rank === null ? (vi ? ', không xếp hạng' : ', not ranked') : vi ? `, xếp thứ ${ranked.rank}/${ranked.groupSize}` : `, ranked ${ranked.rank} of ${ranked.groupSize}`
    if (ranked.band) head += vi ? `, xếp loại ${bandLabel(ranked.band, locale)}` : `, band ${bandLabel(ranked.band, locale)}`
  }
  lines.push(head)
  lines.push(...reportHeaderLines(pack, { locale, sample: isSampleUnit(result.assessment.unit) }))
  lines.push(`${vi ? 'Mã kiểm tra' : 'Fingerprint'}: ${result.fingerprint.slice(0, 16)}`)
  const walk = (i: number, prefix: string, last: boolean, depth = 0): void => {
    const n = pack.nodes[i]!
    const r = result.node(n.code)!
    const branch = last ? '└─ ' : '├─ '
    const na = r.notApplicable ? (vi ? ' (không áp dụng)' : ' (not applicable)') : ''
    // a component index: "(85,00%)" when the index is a percentage, else said as an index
    const idx = !n.isLeaf && r.index !== null ? (indexIsPercent(pack) ? ` (${formatIndex(r.index, pack, locale)})` : ` (${vi ? 'chỉ số' : 'index'} ${formatIndex(r.index, pack, locale)})`) : ''
    const mark = marks.has(n.code) ? ` [${ROW_MARK[locale]}]` : ''
    lines.push(`${prefix}${branch}${n.code} ${textIn(n.title, locale)}: ${formatNumber(r.points, locale)}/${formatNumber(r.applicableMax, locale)}${idx}${na}${mark}`)
    const inner = prefix + (last ? '   ' : '│  ')
    const t = r.trace
    const pad = inner + (n.children.length > 0 ? '│   · ' : '    · ')
    if (n.isLeaf && t) for (const s of leafLines(result, n.code, t, locale)) lines.push(pad + s)
    else if (t) for (const s of adjustmentAndLimitLines(result, t, locale)) lines.push(pad + s)
    if (options.depth !== undefined && depth >= options.depth) return
    n.children.forEach((c, k) => walk(c, inner, k === n.children.length - 1, depth + 1))
  }
  if (only && only.index !== 0) {
    // one node's subtree (no header), and the flags on it
    const start = lines.length
    const codes = new Set<string>()
    const within = (i: number): void => {
      codes.add(pack.nodes[i]!.code)
      pack.nodes[i]!.children.forEach(within)
    }
    within(only.index)
    walk(only.index, '', true)
    const flags = flagLines(result, locale)
    result.flags
      .filter((f) => f.code !== 'explanation_given')
      .forEach((f, k) => {
        if (codes.has(f.criterion)) lines.push(flags[k]!)
      })
    return lines.slice(start).join('\n')
  }
  const root = pack.nodes[0]!
  root.children.forEach((c, k) => walk(c, '', k === root.children.length - 1))
  const rootTrace = result.node(root.code)?.trace
  if (rootTrace) for (const s of adjustmentAndLimitLines(result, rootTrace, locale)) lines.push(`· ${s}`)
  lines.push(...flagLines(result, locale))
  return lines.join('\n')
}
