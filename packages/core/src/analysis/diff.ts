/**
 * What changed between two packs — criteria added, removed, moved, renamed, maxima, rules
 * field by field, adjustments, bands, effective dates and other pack fields.
 */
import type { CompiledPack, Pack } from '../model/compile.js'
import { ROOT_CODE } from '../model/constants.js'
import { Exact } from '../util/exact.js'
import { canonicalJson } from '../util/hash.js'
import type { CriterionInput } from '../model/schemas.js'
import { packArgumentIssue, throwIfAny } from '../util/arguments.js'
import { viNumber } from '../util/issue-messages.js'

/** The kinds of change {@link diffPacks} reports. */
export type PackChangeKind =
  | 'pack_field_changed'
  | 'criterion_added'
  | 'criterion_removed'
  | 'criterion_moved'
  | 'criterion_renamed'
  | 'max_changed'
  | 'rule_changed'
  | 'criterion_neutralised'
  | 'criterion_changed'
  | 'adjustment_added'
  | 'adjustment_removed'
  | 'adjustment_changed'
  | 'band_added'
  | 'band_removed'
  | 'band_changed'

/** One change between two packs. */
export interface PackChange {
  readonly kind: PackChangeKind
  /** the criterion code, adjustment id or band code; for `pack_field_changed` the pack field ("effective") */
  readonly target: string
  /**
   * for a change within the target: the path of the field that changed, as written in the
   * pack — `rule.steps[0].min`, `rule.options[late].points` (options, bands and
   * adjustments by their value, code or id), `effective.to`, `title`; `rule` when the
   * rule's kind changed (then `from` and `to` are the whole rules)
   */
  readonly field?: string
  /** the value before, as the pack writes it (absent: there was none) */
  readonly from?: unknown
  /** the value after, as the pack writes it (absent: there is none) */
  readonly to?: unknown
  /**
   * whether the change can alter a unit's points, index, band or rank (a maximum, a rule, a
   * threshold, a criterion added …) — not a title, note, basis, legal reference or date
   */
  readonly scoring: boolean
  /** added/removed criteria: how many criteria below the one named came or went with it */
  readonly descendants?: number
  readonly message: { readonly vi: string; readonly en: string }
}

/** A pack named in a diff. */
export interface PackRef {
  readonly id: string
  readonly version: string
  readonly contentHash?: string
}

/** The outcome of {@link diffPacks}. */
export interface PackDiff {
  readonly from: PackRef
  readonly to: PackRef
  /** pack fields first, then criteria (removed, then in the new pack's order), adjustments, bands */
  readonly changes: readonly PackChange[]
}

/**
 * Compares two compiled (so composed) packs. Numbers are compared exactly (`0.5` and
 * `"0.5"` are the same maximum); a text written `"Tên"` and `{ "vi": "Tên" }` is the same
 * text; a leaf with no rule has the rule the engine gives it (`manual`, or `survey` for a
 * survey criterion). A criterion added or removed with its sub-criteria is one change
 * (`descendants` counts the rest). The pack's id and version are the diff's `from` and
 * `to`, not changes.
 *
 * @example
 * ```ts
 * import { diffPacks } from '@chiso/core/analysis'
 * import { vnCchc } from '@chiso/rules-vn-cchc'
 * const d = diffPacks(vnCchc.compile('vn-cchc/commune-2019'), vnCchc.compile('vn-cchc/commune-2025'))
 * for (const c of d.changes) console.log(c.message.vi) // 'Quy tắc chấm tiêu chí 7.2.1, steps[0].min: 50 → 80', …
 * ```
 */
export function diffPacks(from: CompiledPack, to: CompiledPack): PackDiff {
  const bad = packArgumentIssue(from, ['from']) ?? packArgumentIssue(to, ['to'])
  throwIfAny(bad && [bad])
  return {
    from: { id: from.id, version: from.version, contentHash: from.contentHash },
    to: { id: to.id, version: to.version, contentHash: to.contentHash },
    changes: diffSources(from.source, to.source),
  }
}

// ---------------------------------------------------------------------------------------
// comparing pack sources

/** Pack fields that are the diff's subject or composition's input, not content. */
const NOT_COMPARED = new Set(['$schema', 'id', 'version', 'extends', 'patches', 'criteria', 'adjustments', 'bands'])

interface Located {
  readonly node: CriterionInput
  readonly parent: string
  readonly descendants: number
}

function flatten(criteria: readonly CriterionInput[] | undefined, parent = ROOT_CODE, out = new Map<string, Located>()): Map<string, Located> {
  for (const n of criteria ?? []) {
    const before = out.size
    out.set(n.code, { node: n, parent, descendants: 0 })
    flatten(n.children, n.code, out)
    ;(out.get(n.code) as { descendants: number }).descendants = out.size - before - 1
  }
  return out
}

/** The differences between two pack sources, in reading order. @internal */
export function diffSources(a: Pack, b: Pack): PackChange[] {
  const out: PackChange[] = []
  // pack fields, in the order the schema lists them
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !NOT_COMPARED.has(k))
  for (const k of keys) {
    for (const d of diffValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], k, k)) {
      out.push(change('pack_field_changed', k, d, SCORING.pack.has(k), packFieldMessage(d)))
    }
  }

  const na = flatten(a.criteria)
  const nb = flatten(b.criteria)
  for (const [code, x] of na) {
    // a criterion removed with its parent is part of the parent's removal
    if (nb.has(code) || (x.parent !== ROOT_CODE && !nb.has(x.parent))) continue
    const max = Exact.from(x.node.maxPoints)
    out.push({
      kind: 'criterion_removed',
      target: code,
      from: x.node,
      scoring: true,
      ...(x.descendants > 0 ? { descendants: x.descendants } : {}),
      message: {
        vi: `Bỏ tiêu chí ${code} ${quote(textOf(x.node.title).vi)} (${vi(max.toString())} điểm) khỏi ${parentVi(x.parent)}${x.descendants > 0 ? `, cùng ${x.descendants} tiêu chí con` : ''}`,
        en: `Removed criterion ${code} ${quote(textOf(x.node.title).en ?? textOf(x.node.title).vi)} (${max} points) from ${parentEn(x.parent)}${x.descendants > 0 ? `, with ${x.descendants} sub-criteria` : ''}`,
      },
    })
  }
  for (const [code, y] of nb) {
    const x = na.get(code)
    if (!x) {
      if (y.parent !== ROOT_CODE && !na.has(y.parent)) continue // below an added criterion: part of it
      const max = Exact.from(y.node.maxPoints)
      out.push({
        kind: 'criterion_added',
        target: code,
        to: y.node,
        scoring: true,
        ...(y.descendants > 0 ? { descendants: y.descendants } : {}),
        message: {
          vi: `Thêm tiêu chí ${code} ${quote(textOf(y.node.title).vi)} (${vi(max.toString())} điểm) vào ${parentVi(y.parent)}${y.descendants > 0 ? `, cùng ${y.descendants} tiêu chí con` : ''}`,
          en: `Added criterion ${code} ${quote(textOf(y.node.title).en ?? textOf(y.node.title).vi)} (${max} points) under ${parentEn(y.parent)}${y.descendants > 0 ? `, with ${y.descendants} sub-criteria` : ''}`,
        },
      })
      continue
    }
    criterionChanges(code, x, y, out)
  }

  const byId = <T extends { id: string }>(l: readonly T[] | undefined): Map<string, T> => new Map((l ?? []).map((v) => [v.id, v]))
  const adjA = byId(a.adjustments)
  const adjB = byId(b.adjustments)
  for (const [id, v] of adjA) {
    if (!adjB.has(id))
      out.push({
        kind: 'adjustment_removed',
        target: id,
        from: v,
        scoring: true,
        message: { vi: `Bỏ khoản ${typeVi(v.type)} ${quote(textOf(v.title).vi)} (${id})`, en: `Removed ${v.type} ${quote(textOf(v.title).en ?? textOf(v.title).vi)} (${id})` },
      })
  }
  for (const [id, v] of adjB) {
    const old = adjA.get(id)
    if (!old) {
      out.push({
        kind: 'adjustment_added',
        target: id,
        to: v,
        scoring: true,
        message: { vi: `Thêm khoản ${typeVi(v.type)} ${quote(textOf(v.title).vi)} (${id})`, en: `Added ${v.type} ${quote(textOf(v.title).en ?? textOf(v.title).vi)} (${id})` },
      })
      continue
    }
    for (const d of diffValues(old, v, '', 'adjustment')) {
      out.push(
        change('adjustment_changed', id, d, SCORING.adjustment.has(topOf(d.field)), {
          vi: `Khoản ${typeVi(v.type)} ${id}, ${fieldChangeVi(d)}`,
          en: `${cap(v.type)} ${id}, ${d.field}: ${shownEn(d.from)} → ${shownEn(d.to)}`,
        }),
      )
    }
  }

  const bandsA = new Map((a.bands ?? []).map((v) => [v.code, v]))
  const bandsB = new Map((b.bands ?? []).map((v) => [v.code, v]))
  for (const [code, v] of bandsA) {
    if (!bandsB.has(code))
      out.push({
        kind: 'band_removed',
        target: code,
        from: v,
        scoring: true,
        message: {
          vi: `Bỏ mức xếp loại ${quote(textOf(v.label).vi)} (từ ${vi(Exact.from(v.min).toString())})`,
          en: `Removed band ${quote(textOf(v.label).en ?? textOf(v.label).vi)} (from ${Exact.from(v.min)})`,
        },
      })
  }
  for (const [code, v] of bandsB) {
    const old = bandsA.get(code)
    if (!old) {
      out.push({
        kind: 'band_added',
        target: code,
        to: v,
        scoring: true,
        message: {
          vi: `Thêm mức xếp loại ${quote(textOf(v.label).vi)} (từ ${vi(Exact.from(v.min).toString())})`,
          en: `Added band ${quote(textOf(v.label).en ?? textOf(v.label).vi)} (from ${Exact.from(v.min)})`,
        },
      })
      continue
    }
    for (const d of diffValues(old, v, '', 'band')) {
      const name = quote(textOf(v.label).vi)
      out.push(
        change('band_changed', code, d, SCORING.band.has(topOf(d.field)), {
          vi: `Mức xếp loại ${name}, ${fieldChangeVi(d)}`,
          en: `Band ${quote(textOf(v.label).en ?? textOf(v.label).vi)}, ${d.field}: ${shownEn(d.from)} → ${shownEn(d.to)}`,
        }),
      )
    }
  }
  return out
}

/** a leaf's rule as the engine reads it (no rule: manual, or survey for a survey criterion) */
function ruleOf(n: CriterionInput): unknown {
  if (n.children && n.children.length > 0) return n.rule
  return n.rule ?? { kind: n.source === 'survey' ? 'survey' : 'manual' }
}

const OTHER_FIELDS = ['source', 'evidence', 'applicability', 'adjustmentCaps', 'floor', 'legalRef', 'status', 'basis', 'note'] as const

function criterionChanges(code: string, x: Located, y: Located, out: PackChange[]): void {
  const a = x.node
  const b = y.node
  if (x.parent !== y.parent) {
    out.push({
      kind: 'criterion_moved',
      target: code,
      from: x.parent,
      to: y.parent,
      scoring: true,
      message: { vi: `Chuyển tiêu chí ${code} từ ${parentVi(x.parent)} sang ${parentVi(y.parent)}`, en: `Moved criterion ${code} from ${parentEn(x.parent)} to ${parentEn(y.parent)}` },
    })
  }
  const ta = textOf(a.title)
  const tb = textOf(b.title)
  if (ta.vi !== tb.vi || ta.en !== tb.en) {
    const lang = ta.vi !== tb.vi ? 'vi' : 'en'
    out.push({
      kind: 'criterion_renamed',
      target: code,
      field: 'title',
      from: a.title,
      to: b.title,
      scoring: false,
      message: {
        vi: `Đổi tên tiêu chí ${code}${lang === 'en' ? ' (tiếng Anh)' : ''}: ${quote(ta[lang] ?? '')} → ${quote(tb[lang] ?? '')}`,
        en: `Renamed criterion ${code}${lang === 'vi' ? ' (Vietnamese)' : ''}: ${quote(ta[lang] ?? '')} → ${quote(tb[lang] ?? '')}`,
      },
    })
  }
  const ma = Exact.from(a.maxPoints)
  const mb = Exact.from(b.maxPoints)
  if (!ma.eq(mb)) {
    out.push({
      kind: 'max_changed',
      target: code,
      field: 'maxPoints',
      from: a.maxPoints,
      to: b.maxPoints,
      scoring: true,
      message: { vi: `Điểm tối đa của tiêu chí ${code}: ${vi(ma.toString())} → ${vi(mb.toString())}`, en: `Maximum of criterion ${code}: ${ma} → ${mb}` },
    })
  }
  const ra = ruleOf(a) as { kind?: string } | undefined
  const rb = ruleOf(b) as { kind?: string } | undefined
  if (ra?.kind !== rb?.kind) {
    if (ra !== undefined || rb !== undefined) {
      out.push({
        kind: 'rule_changed',
        target: code,
        field: 'rule',
        ...(ra === undefined ? {} : { from: ra }),
        ...(rb === undefined ? {} : { to: rb }),
        scoring: true,
        message: {
          vi: `Quy tắc chấm tiêu chí ${code}: ${ra ? `loại ${ra.kind}` : '(không có)'} → ${rb ? `loại ${rb.kind}` : '(không có)'}`,
          en: `Scoring rule of criterion ${code}: ${ra ? `kind ${ra.kind}` : '(none)'} → ${rb ? `kind ${rb.kind}` : '(none)'}`,
        },
      })
    }
  } else {
    for (const d of diffValues(ra, rb, 'rule', 'rule')) {
      out.push(
        change('rule_changed', code, d, true, {
          vi: `Quy tắc chấm tiêu chí ${code}, ${d.field.replace(/^rule\./, '')}: ${shownVi(d.from)} → ${shownVi(d.to)}`,
          en: `Scoring rule of criterion ${code}, ${d.field.replace(/^rule\./, '')}: ${shownEn(d.from)} → ${shownEn(d.to)}`,
        }),
      )
    }
  }
  if (a.notApplicable !== true && b.notApplicable === true) {
    out.push({
      kind: 'criterion_neutralised',
      target: code,
      field: 'notApplicable',
      to: true,
      scoring: true,
      message: { vi: `Tiêu chí ${code} không áp dụng (loại khỏi điểm tối đa áp dụng của mọi đơn vị)`, en: `Criterion ${code} neutralised (not applicable to any unit)` },
    })
  } else if (a.notApplicable === true && b.notApplicable !== true) {
    out.push({
      kind: 'criterion_changed',
      target: code,
      field: 'notApplicable',
      from: true,
      ...(b.notApplicable === undefined ? {} : { to: b.notApplicable }),
      scoring: true,
      message: { vi: `Tiêu chí ${code} áp dụng trở lại`, en: `Criterion ${code} applies again` },
    })
  }
  for (const f of OTHER_FIELDS) {
    for (const d of diffValues(a[f], b[f], f, f)) {
      out.push(
        change('criterion_changed', code, d, criterionScoring(d.field), {
          vi: `Tiêu chí ${code}, ${fieldChangeVi(d)}`,
          en: `Criterion ${code}, ${d.field}: ${shownEn(d.from)} → ${shownEn(d.to)}`,
        }),
      )
    }
  }
}

interface ValueDiff {
  readonly field: string
  readonly from: unknown
  readonly to: unknown
}

function change(kind: PackChangeKind, target: string, d: ValueDiff, scoring: boolean, message: { vi: string; en: string }): PackChange {
  return { kind, target, ...(d.field === '' ? {} : { field: d.field }), ...(d.from === undefined ? {} : { from: d.from }), ...(d.to === undefined ? {} : { to: d.to }), scoring, message }
}

/** the first segment of a field path: "amount" of "amount.points", "steps" of "steps[0].min" */
const topOf = (field: string): string => field.split(/[.[]/)[0]!

/** fields whose change can alter a unit's figures (the rest are words: titles, notes, references, dates) */
const SCORING = {
  pack: new Set(['scale', 'floor', 'adjustmentCaps', 'bandsBy', 'ranking', 'rounding', 'index', 'evidencePolicy']),
  criterion: new Set(['source', 'evidence', 'applicability', 'adjustmentCaps', 'floor', 'notApplicable']),
  adjustment: new Set(['type', 'target', 'amount', 'cap']),
  band: new Set(['min', 'minExclusive']),
}
const criterionScoring = (field: string): boolean => SCORING.criterion.has(topOf(field)) && field !== 'evidence.description' && !field.startsWith('evidence.description.')

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
/** a decimal as packs write one (DecimalSchema's text form), tested before any parsing: most strings are words */
const DECIMAL_TEXT = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$|^\s*-?\d+\/\d+\s*$/
const isNumberLike = (v: unknown): boolean => typeof v === 'number' || (typeof v === 'string' && DECIMAL_TEXT.test(v) && Exact.tryFrom(v) !== undefined)
const isText = (v: unknown): v is { vi: string; en?: string } => isPlain(v) && typeof v.vi === 'string' && Object.keys(v).every((k) => k === 'vi' || k === 'en')

/** the key array elements are matched by, when every element of both arrays has a distinct one */
function keyOfArrays(a: readonly unknown[], b: readonly unknown[]): string | undefined {
  for (const k of ['value', 'code', 'id']) {
    const ok = (l: readonly unknown[]): boolean => l.every((v) => isPlain(v) && typeof v[k] === 'string') && new Set(l.map((v) => (v as Record<string, unknown>)[k])).size === l.length
    if (a.length + b.length > 0 && ok(a) && ok(b)) return k
  }
  return undefined
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`)

/**
 * The field-level differences of two JSON values. Numbers compare exactly (a JSON number
 * and its decimal text are equal) except under `value` — a condition's or option's value
 * is compared as written, as json-rules-engine compares it; a plain string text equals
 * `{ vi }`.
 */
function diffValues(a: unknown, b: unknown, path: string, key: string): ValueDiff[] {
  if (a === b) return []
  if (a === undefined || b === undefined) return [{ field: path, from: a, to: b }]
  if (key !== 'value' && isNumberLike(a) && isNumberLike(b) && (typeof a === 'number' || typeof b === 'number' || key !== 'vi')) {
    return Exact.from(a as number | string).eq(Exact.from(b as number | string)) ? [] : [{ field: path, from: a, to: b }]
  }
  if (typeof a === 'string' && isText(b)) return diffValues({ vi: a }, b, path, key)
  if (isText(a) && typeof b === 'string') return diffValues(a, { vi: b }, path, key)
  if (isPlain(a) && isPlain(b)) {
    const out: ValueDiff[] = []
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])]) out.push(...diffValues(a[k], b[k], join(path, k), k))
    return out
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const k = keyOfArrays(a, b)
    const out: ValueDiff[] = []
    if (k) {
      const ma = new Map(a.map((v) => [(v as Record<string, string>)[k]!, v]))
      const mb = new Map(b.map((v) => [(v as Record<string, string>)[k]!, v]))
      for (const id of [...new Set([...ma.keys(), ...mb.keys()])]) out.push(...diffValues(ma.get(id), mb.get(id), `${path}[${id}]`, ''))
      return out
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...diffValues(a[i], b[i], `${path}[${i}]`, ''))
    return out
  }
  return canonicalJson(a) === canonicalJson(b) ? [] : [{ field: path, from: a, to: b }]
}

// ---------------------------------------------------------------------------------------
// messages

const textOf = (t: unknown): { vi: string; en?: string } => (typeof t === 'string' ? { vi: t } : isText(t) ? t : { vi: String(t) })
const quote = (s: string): string => `"${s}"`
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
/** exact text the Vietnamese way: "0,75" (the messages' one decimal-comma rule) */
const vi = viNumber
const parentVi = (p: string): string => (p === ROOT_CODE ? 'cấp lĩnh vực' : `tiêu chí ${p}`)
const parentEn = (p: string): string => (p === ROOT_CODE ? 'the top level' : `criterion ${p}`)
const typeVi = (t: string): string => (t === 'bonus' ? 'điểm thưởng' : 'điểm trừ')

function shown(v: unknown, lang: 'vi' | 'en'): string {
  if (v === undefined) return lang === 'vi' ? '(không có)' : '(none)'
  if (typeof v === 'number') return lang === 'vi' ? vi(Exact.fromNumber(v).toString()) : String(v)
  if (typeof v === 'string') return isNumberLike(v) && lang === 'vi' ? vi(Exact.from(v).toString()) : isNumberLike(v) ? Exact.from(v).toString() : quote(v)
  if (isText(v)) return quote(lang === 'en' ? (v.en ?? v.vi) : v.vi)
  return canonicalJson(v)
}
const shownVi = (v: unknown): string => shown(v, 'vi')
const shownEn = (v: unknown): string => shown(v, 'en')

const PACK_FIELDS_VI: Record<string, string> = {
  title: 'tên bộ chỉ số',
  description: 'mô tả',
  family: 'họ bộ chỉ số',
  effective: 'hiệu lực',
  appliesTo: 'loại đơn vị áp dụng',
  legalBasis: 'căn cứ pháp lý',
  scale: 'thang điểm',
  floor: 'điểm sàn',
  adjustmentCaps: 'mức trần điểm thưởng/trừ',
  bandsBy: 'xếp loại theo',
  ranking: 'xếp hạng',
  rounding: 'làm tròn',
  index: 'công thức chỉ số',
  evidencePolicy: 'thiếu tài liệu kiểm chứng',
  status: 'tình trạng',
  basis: 'dựng theo',
  note: 'ghi chú',
}

/** The fields of a criterion, an adjustment and a band, and their parts, as the Vietnamese messages name them. */
const FIELDS_VI: Record<string, string> = {
  source: 'cách chấm',
  evidence: 'tài liệu kiểm chứng',
  applicability: 'điều kiện áp dụng',
  adjustmentCaps: 'mức trần điểm thưởng/trừ',
  floor: 'điểm sàn',
  legalRef: 'căn cứ pháp lý',
  status: 'tình trạng',
  basis: 'dựng theo',
  note: 'ghi chú',
  title: 'tên',
  label: 'tên mức',
  type: 'loại',
  target: 'tiêu chí áp dụng',
  amount: 'cách tính',
  cap: 'mức trần',
  min: 'ngưỡng',
  minExclusive: 'ngưỡng (không tính bằng)',
  description: 'mô tả',
  required: 'bắt buộc',
  bonus: 'điểm thưởng',
  deduction: 'điểm trừ',
  points: 'điểm',
  fact: 'dữ kiện',
}

/** Values of a field that are words of the pack format ("reconstructed"), in Vietnamese. */
const VALUES_VI: Record<string, Record<string, string>> = {
  status: { verified: 'đã đối chiếu văn bản', reconstructed: 'tái dựng' },
  source: { self: 'tự đánh giá', survey: 'điều tra xã hội học', computed: 'tính từ dữ kiện' },
  type: { bonus: 'điểm thưởng', deduction: 'điểm trừ' },
}

/** A field path in Vietnamese words: "dựng theo (tiếng Việt)", "mức trần điểm thưởng/trừ › điểm thưởng"; a step not known as it is. */
function fieldVi(field: string): string {
  const [top, ...rest] = field.split('.')
  const last = rest[rest.length - 1]
  if (rest.length === 1 && (last === 'vi' || last === 'en')) return `${FIELDS_VI[top!] ?? top} (${last === 'vi' ? 'tiếng Việt' : 'tiếng Anh'})`
  return [top!, ...rest].map((k) => FIELDS_VI[k] ?? k).join(' › ')
}

/**
 * A field's change in Vietnamese after its name: "ghi chú: đổi (…)", "tình trạng: tái dựng →
 * đã đối chiếu văn bản", "ngưỡng: 80 → 85". A note is written in one language only (no
 * Vietnamese text to show): the message says it changed, not what it says.
 */
function fieldChangeVi(d: ValueDiff): string {
  return `${fieldVi(d.field)}: ${valueChangeVi(topOf(d.field), d)}`
}

function valueChangeVi(top: string, d: ValueDiff): string {
  if (top === 'note') {
    if (d.to === undefined) return 'bỏ'
    return `${d.from === undefined ? 'thêm' : 'đổi'} (ghi chú không có bản tiếng Việt)`
  }
  const words = VALUES_VI[top]
  const one = (v: unknown): string => (words && typeof v === 'string' && words[v] !== undefined ? words[v]! : shownVi(v))
  return `${one(d.from)} → ${one(d.to)}`
}

function packFieldMessage(d: ValueDiff): { vi: string; en: string } {
  const top = topOf(d.field)
  const rest = d.field.slice(top.length)
  const nameVi = d.field === 'effective.from' ? 'hiệu lực từ ngày' : d.field === 'effective.to' ? 'hiệu lực đến ngày' : `${PACK_FIELDS_VI[top] ?? top}${subFieldVi(rest)}`
  const nameEn = rest === '.vi' || rest === '.en' ? `${top} (${rest === '.vi' ? 'Vietnamese' : 'English'})` : d.field
  return { vi: `Bộ chỉ số, ${nameVi}: ${valueChangeVi(top, d)}`, en: `Pack, ${nameEn}: ${shownEn(d.from)} → ${shownEn(d.to)}` }
}

/** The rest of a field's path in words: a text's language by name ("title.en" is the English title), other steps after "›". */
function subFieldVi(rest: string): string {
  if (rest === '.vi') return ' (tiếng Việt)'
  if (rest === '.en') return ' (tiếng Anh)'
  return rest === '' ? '' : ` › ${rest.slice(1).split('.').join(' › ')}`
}
