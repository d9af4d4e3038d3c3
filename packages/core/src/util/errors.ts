/**
 * Typed, bilingual problems. Every check in the engine reports through here so a caller
 * gets every problem at once, each with a stable code, a path into the input, the
 * offending value, and a message in Vietnamese and English.
 */

/** A path into the input: object keys and array indexes. */
export type IssuePath = ReadonlyArray<string | number>

/** One problem found in a pack, an assessment or a batch. */
export interface ChisoIssue {
  /** stable snake_case identifier, safe to switch on */
  readonly code: IssueCode
  /** where in the input the problem is */
  readonly path: IssuePath
  /** the offending value, when there is one */
  readonly value?: unknown
  /** human message in Vietnamese and English */
  readonly message: { readonly vi: string; readonly en: string }
}

type Params = Record<string, unknown>
type Template = (p: Params) => { vi: string; en: string }

/**
 * A long text cut for messages: its first `keep` characters (40 by default), an ellipsis and
 * its length — "xýý…ý… (100000)". A text at most 8 characters longer than `keep` is kept
 * whole. A surrogate pair is never split. @internal
 */
export function preview(s: string, keep = 40): string {
  // a text already cut (its own output) stays as it is: cutting twice is cutting once
  if (s.length <= keep + 8 || (s.length <= keep + 12 && /… \(\d+\)$/.test(s))) return s
  const end = s.charCodeAt(keep - 1) >= 0xd800 && s.charCodeAt(keep - 1) <= 0xdbff ? keep - 1 : keep
  return `${s.slice(0, end)}… (${s.length})`
}

/**
 * Texts the engine composes for a message (a detail, the allowed options): longer, but
 * still bounded, as they may hold user values too.
 */
const COMPOSED = new Set(['detail', 'detailVi', 'detailEn', 'expected', 'received', 'known', 'allowed'])

/** Every user value a message interpolates, shortened: strings, and the strings of a list. */
function shortParams(p: Params): Params {
  let out: Record<string, unknown> | undefined
  for (const [k, v] of Object.entries(p)) {
    const keep = COMPOSED.has(k) ? 300 : 40
    let w: unknown = v
    if (typeof v === 'string') w = preview(v, keep)
    else if (Array.isArray(v) && v.some((x) => typeof x === 'string' && x.length > keep + 8)) w = v.map((x) => (typeof x === 'string' ? preview(x, keep) : x))
    if (w !== v) (out ??= { ...p })[k] = w
  }
  return out ?? p
}

const show = (v: unknown): string => preview(showWhole(v), 60)

const showWhole = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v)
  if (typeof v === 'object' && v !== null && typeof (v as { toString?: unknown }).toString === 'function') {
    const s = String(v)
    if (s !== '[object Object]') return s
  }
  try {
    return JSON.stringify(v)
  } catch {
    return String(v)
  }
}

/** The catalog: code → message in both languages. */
const catalog = {
  invalid_type: (p) => ({
    vi: `Sai kiểu dữ liệu: cần ${p.expected}, nhận được ${p.received}`,
    en: `Wrong type: expected ${p.expected}, received ${p.received}`,
  }),
  invalid_value: (p) => ({
    vi: `Giá trị không hợp lệ: ${show(p.value)}${p.detail ? ` (${p.detail})` : ''}`,
    en: `Invalid value: ${show(p.value)}${p.detail ? ` (${p.detail})` : ''}`,
  }),
  missing_field: (p) => ({
    vi: `Thiếu trường bắt buộc "${p.field}"`,
    en: `Missing required field "${p.field}"`,
  }),
  unknown_field: (p) => ({
    vi: `Trường không được hỗ trợ "${p.field}"`,
    en: `Unrecognised field "${p.field}"`,
  }),
  forbidden_key: (p) => ({
    vi: `Khóa "${p.key}" bị cấm (nguy cơ ô nhiễm prototype)`,
    en: `Key "${p.key}" is forbidden (prototype pollution risk)`,
  }),
  not_finite_number: (p) => ({
    vi: `Số không hữu hạn (NaN hoặc vô cực): ${show(p.value)}`,
    en: `Not a finite number (NaN or Infinity): ${show(p.value)}`,
  }),
  invalid_decimal: (p) => ({
    vi: `Không phải số thập phân hợp lệ: ${show(p.value)}`,
    en: `Not a valid decimal number: ${show(p.value)}`,
  }),
  duplicate_code: (p) => ({
    vi: `Mã tiêu chí "${p.code}" bị trùng (đã có tại ${p.first})`,
    en: `Duplicate criterion code "${p.code}" (already at ${p.first})`,
  }),
  children_sum_mismatch: (p) => ({
    vi: `Tổng điểm tối đa của các tiêu chí con của "${p.code}" là ${p.sum}, khác điểm tối đa ${p.max}`,
    en: `Children of "${p.code}" have maximum points summing to ${p.sum}, not its maximum ${p.max}`,
  }),
  scale_mismatch: (p) => ({
    vi: `Tổng điểm tối đa các lĩnh vực là ${p.sum}, khác thang điểm ${p.scale} của bộ tiêu chí`,
    en: `Area maxima sum to ${p.sum}, not the pack's scale ${p.scale}`,
  }),
  unknown_rule_kind: (p) => ({
    vi: `Loại quy tắc chấm điểm "${p.kind}" chưa được đăng ký (có: ${p.known})`,
    en: `Rule kind "${p.kind}" is not registered (known: ${p.known})`,
  }),
  duplicate_rule_kind: (p) => ({
    vi: `Loại quy tắc "${p.kind}" đã được đăng ký`,
    en: `Rule kind "${p.kind}" is already registered`,
  }),
  invalid_rule_form: (p) => ({
    vi: `Dạng quy tắc "${p.kind}" mà loại quy tắc trả về không hợp lệ: ${p.detail}`,
    en: `The rule form "${p.kind}" a rule kind returned is not valid: ${p.detail}`,
  }),
  kernel_disagreement: (p) => ({
    vi: `Bộ tính nhanh và bộ tính chính xác cho kết quả khác nhau ở đơn vị "${p.unitId}", tiêu chí "${p.node}" (${p.what}: ${p.fast} so với ${p.exact})`,
    en: `The fast kernel and the exact interpreter disagree on unit "${p.unitId}", node "${p.node}" (${p.what}: ${p.fast} vs ${p.exact})`,
  }),
  duplicate_operator: (p) => ({
    vi: `Toán tử điều kiện "${p.operator}" đã có (toán tử sẵn có hoặc đã thêm trước)`,
    en: `Condition operator "${p.operator}" already exists (built in or added before)`,
  }),
  unknown_operator: (p) => ({
    vi: `Toán tử "${p.operator}" không được hỗ trợ (có: ${p.known})`,
    en: `Operator "${p.operator}" is not supported (known: ${p.known})`,
  }),
  invalid_condition: (p) => ({
    vi: `Điều kiện không hợp lệ: ${p.detail}`,
    en: `Invalid condition: ${p.detailEn ?? p.detail}`,
  }),
  invalid_fact_path: (p) => ({
    vi: `Đường dẫn dữ kiện "${p.path}" không hợp lệ: chỉ dùng dạng $.a.b[0], không có biểu thức lọc hay script`,
    en: `Fact path "${p.path}" is not allowed: use the form $.a.b[0], no filter expressions or scripts`,
  }),
  rule_points_above_max: (p) => ({
    vi: `Quy tắc của "${p.code}" có thể cho ${p.points} điểm, vượt điểm tối đa ${p.max}`,
    en: `The rule of "${p.code}" can award ${p.points} points, above the maximum ${p.max}`,
  }),
  rule_on_inner_node: (p) => ({
    vi: `Tiêu chí "${p.code}" có tiêu chí con nên không được có quy tắc chấm điểm riêng`,
    en: `Criterion "${p.code}" has children, so it cannot carry a scoring rule`,
  }),
  evidence_on_inner_node: (p) => ({
    vi: `Tiêu chí "${p.code}" có tiêu chí con: yêu cầu tài liệu kiểm chứng đặt ở từng tiêu chí thành phần (một tài liệu có thể gắn với nhiều tiêu chí)`,
    en: `Criterion "${p.code}" has children: require evidence on its leaves (one document may be linked to several criteria)`,
  }),
  survey_rule_mismatch: (p) => ({
    vi: `Tiêu chí "${p.code}": ${p.detail}`,
    en: `Criterion "${p.code}": ${p.detailEn}`,
  }),
  invalid_bands: (p) => ({
    vi: `Bảng xếp loại không hợp lệ: ${p.detail}`,
    en: `Invalid bands: ${p.detailEn}`,
  }),
  unknown_adjustment_target: (p) => ({
    vi: `Điểm thưởng/trừ "${p.id}" nhắm tới tiêu chí không tồn tại "${p.target}"`,
    en: `Adjustment "${p.id}" targets unknown criterion "${p.target}"`,
  }),
  duplicate_adjustment: (p) => ({
    vi: `Mã điểm thưởng/trừ "${p.id}" bị trùng`,
    en: `Duplicate adjustment id "${p.id}"`,
  }),
  extends_too_deep: (p) => ({
    vi: `Chuỗi kế thừa (extends) quá dài: quá ${p.limit} bước, từ ${p.from}`,
    en: `The extends chain is too long: more than ${p.limit} steps, from ${p.from}`,
  }),
  invalid_version: (p) => ({
    vi: `Phiên bản ${show(p.value)} không đúng dạng semver (ví dụ "1.2.0", "1.2.0-rc.1")`,
    en: `Version ${show(p.value)} is not a semantic version (e.g. "1.2.0", "1.2.0-rc.1")`,
  }),
  missing_criteria: () => ({
    vi: 'Bộ tiêu chí không có cây tiêu chí (criteria) và không kế thừa (extends) bộ nào',
    en: 'The pack has no criteria tree and extends no other pack',
  }),
  unknown_criterion: (p) => ({
    vi: `Không có tiêu chí mã "${p.code}" trong bộ tiêu chí ${p.pack}`,
    en: `No criterion with code "${p.code}" in pack ${p.pack}`,
  }),
  not_a_leaf: (p) => ({
    vi: `"${p.code}" là tiêu chí có tiêu chí con: chỉ chấm điểm ở tiêu chí thành phần`,
    en: `"${p.code}" has sub-criteria: scores are entered on leaves only`,
  }),
  // improvement plans and edition mappings (analysis/)
  unknown_band: (p) => ({
    vi: `Không có mức xếp loại "${p.band}" trong bộ tiêu chí ${p.pack} (có: ${p.known})`,
    en: `No band "${p.band}" in pack ${p.pack} (known: ${p.known})`,
  }),
  unit_not_ranked: (p) => ({
    vi: `Đơn vị "${p.unitId}" không được xếp hạng trong nhóm được đưa vào (${p.detail}): không đặt được mục tiêu thứ hạng`,
    en: `Unit "${p.unitId}" is not ranked in the population given (${p.detailEn}): a rank target cannot be set`,
  }),
  mapping_pack_mismatch: (p) => ({
    vi: `Bảng chuyển đổi dành cho ${p.expected}, không phải ${p.actual}`,
    en: `The mapping is for ${p.expected}, not ${p.actual}`,
  }),
  mapping_unknown_criterion: (p) => ({
    vi: `Bảng chuyển đổi nêu tiêu chí "${p.code}" không có trong bộ tiêu chí ${p.pack}`,
    en: `The mapping names criterion "${p.code}", which pack ${p.pack} does not have`,
  }),
  mapping_not_a_leaf: (p) => ({
    vi: `"${p.code}" của ${p.pack} có tiêu chí con: bảng chuyển đổi chỉ nối các tiêu chí thành phần (nêu từng tiêu chí con)`,
    en: `"${p.code}" of ${p.pack} has sub-criteria: a mapping links leaves only (list its sub-criteria)`,
  }),
  mapping_duplicate: (p) => ({
    vi: `Tiêu chí "${p.code}" của ${p.pack} có ở nhiều dòng của bảng chuyển đổi (đã có ở ${p.first}): điểm sẽ bị tính hai lần`,
    en: `Criterion "${p.code}" of ${p.pack} is on more than one line of the mapping (already at ${p.first}): its points would count twice`,
  }),
  score_above_max: (p) => ({
    vi: `Điểm ${p.value} của "${p.code}" vượt điểm tối đa ${p.max}`,
    en: `Score ${p.value} for "${p.code}" exceeds the maximum ${p.max}`,
  }),
  score_negative: (p) => ({
    vi: `Điểm ${p.value} của "${p.code}" âm`,
    en: `Score ${p.value} for "${p.code}" is negative`,
  }),
  score_not_multiple_of_step: (p) => ({
    vi: `Điểm ${p.value} của "${p.code}" không phải bội số của bước điểm ${p.step}`,
    en: `Score ${p.value} for "${p.code}" is not a multiple of the step ${p.step}`,
  }),
  score_not_allowed: (p) => ({
    vi: `Điểm ${p.value} của "${p.code}" không thuộc các mức cho phép: ${p.allowed}`,
    en: `Score ${p.value} for "${p.code}" is not one of the allowed values: ${p.allowed}`,
  }),
  self_score_on_survey: (p) => ({
    vi: `"${p.code}" được chấm qua điều tra xã hội học, đơn vị không được tự chấm`,
    en: `"${p.code}" is scored by survey and cannot be self-scored`,
  }),
  survey_on_non_survey: (p) => ({
    vi: `"${p.code}" không phải tiêu chí điều tra xã hội học`,
    en: `"${p.code}" is not a survey criterion`,
  }),
  appraisal_on_survey: (p) => ({
    vi: `"${p.code}" được chấm qua điều tra xã hội học, không thẩm định điểm`,
    en: `"${p.code}" is scored by survey; its score is not appraised`,
  }),
  duplicate_round: (p) => ({
    vi: `Vòng thẩm định ${p.round} xuất hiện nhiều lần`,
    en: `Appraisal round ${p.round} appears more than once`,
  }),
  unknown_adjustment: (p) => ({
    vi: `Không có khoản điểm thưởng/trừ mã "${p.id}" trong bộ tiêu chí`,
    en: `No adjustment with id "${p.id}" in the pack`,
  }),
  adjustment_not_entered: (p) => ({
    vi: `Khoản "${p.id}" được tính từ dữ kiện, không nhập tay`,
    en: `Adjustment "${p.id}" is computed from facts and cannot be entered`,
  }),
  adjustment_above_cap: (p) => ({
    vi: `Khoản "${p.id}" là ${p.value}, vượt mức trần ${p.cap}`,
    en: `Adjustment "${p.id}" is ${p.value}, above its cap ${p.cap}`,
  }),
  unknown_evidence_criterion: (p) => ({
    vi: `Tài liệu kiểm chứng "${p.id}" gắn với tiêu chí không tồn tại "${p.code}"`,
    en: `Evidence "${p.id}" is linked to unknown criterion "${p.code}"`,
  }),
  invalid_unit_id: (p) => ({
    vi: `Mã đơn vị ${show(p.value)} chứa ký tự điều khiển (ví dụ ký tự tab hay xuống dòng) hoặc rỗng`,
    en: `Unit id ${show(p.value)} holds a control character (such as a tab or a line break) or is empty`,
  }),
  confusable_unit_ids: (p) => ({
    vi: `Mã đơn vị "${p.second}" trông giống hệt "${p.first}" nhưng khác ký tự (${p.detail}): có phải cùng một đơn vị?`,
    en: `Unit id "${p.second}" looks the same as "${p.first}" but its characters differ (${p.detail}): is it the same unit?`,
  }),
  duplicate_unit: (p) => ({
    vi: `Đơn vị "${p.unitId}" có nhiều bản đánh giá trong cùng một lượt`,
    en: `Unit "${p.unitId}" has more than one assessment in the batch`,
  }),
  // input limits (limits.ts)
  nested_too_deeply: (p) => ({
    vi: `Dữ liệu lồng nhau quá sâu (quá ${p.max} cấp)`,
    en: `The input is nested too deeply (more than ${p.max} levels)`,
  }),
  cyclic_input: () => ({
    vi: 'Dữ liệu chứa vòng lặp (một đối tượng nằm trong chính nó)',
    en: 'The input is cyclic (an object contains itself)',
  }),
  input_too_large: (p) => ({
    vi: `Dữ liệu quá lớn (quá ${p.max} giá trị)`,
    en: `The input is too large (more than ${p.max} values)`,
  }),
  too_many_items: (p) => ({
    vi: `Quá nhiều phần tử: ${p.count} (tối đa ${p.max})`,
    en: `Too many items: ${p.count} (at most ${p.max})`,
  }),
  string_too_long: (p) => ({
    vi: `Chuỗi quá dài: ${p.length} ký tự (tối đa ${p.max})`,
    en: `Text too long: ${p.length} characters (at most ${p.max})`,
  }),
  number_too_precise: (p) => ({
    vi: `Số ${p.value} vượt giới hạn: ${p.detailVi}`,
    en: `Number ${p.value} is beyond the limits: ${p.detailEn}`,
  }),
  unreadable_input: (p) => ({
    vi: `Không đọc được dữ liệu tại đây: ${p.detail}`,
    en: `The input could not be read here: ${p.detail}`,
  }),
  too_many_criteria: (p) => ({
    vi: `Bộ tiêu chí có ${p.count} tiêu chí, vượt giới hạn ${p.max}`,
    en: `The pack has ${p.count} criteria, above the limit of ${p.max}`,
  }),
  pack_denominator_too_large: (p) => ({
    vi: `Mẫu số chung của các giá trị trong bộ tiêu chí vượt ${p.max} (tại giá trị ${p.value})`,
    en: `The common denominator of the pack's values exceeds ${p.max} (at the value ${p.value})`,
  }),
  unexpected_error: (p) => ({
    vi: `Lỗi không mong đợi khi xử lý dữ liệu: ${p.detail}`,
    en: `Unexpected error while processing the input: ${p.detail}`,
  }),
} satisfies Record<string, Template>

/** Every stable issue code the engine can report. */
export type IssueCode = keyof typeof catalog | (string & { readonly __pluginCode?: never })

/** Builds an issue with its bilingual message from the catalog. @internal */
export function issue(code: keyof typeof catalog, path: IssuePath, params: Params = {}, value?: unknown): ChisoIssue {
  // every value a message names is shortened here, once: a 100,000-character code or fact
  // name never makes a 100,000-character message
  const message = (catalog[code] as Template)(shortParams(params))
  return value === undefined ? { code, path, message } : { code, path, value, message }
}

/**
 * The text of anything thrown, never throwing itself (a thrown proxy or an object whose
 * `message` getter throws still gives a text), cut to 200 characters. @internal
 */
export function errorText(e: unknown): string {
  let s: string
  try {
    s = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
  } catch {
    s = 'unknown error'
  }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s
}

/**
 * Runs the body of a `safe*` function so that it never throws: a {@link ChisoError} gives
 * its issues, anything else (a getter or proxy in the input that throws on a later read, a
 * callback that throws) one `unexpected_error` issue. @internal
 */
export function neverThrows<T>(run: () => SafeResult<T>): SafeResult<T> {
  try {
    return run()
  } catch (e) {
    let issues: readonly ChisoIssue[] | undefined
    try {
      if (e instanceof ChisoError) issues = e.issues
    } catch {
      // a thrown proxy: fall through to its text
    }
    return { ok: false, issues: issues ?? [issue('unexpected_error', [], { detail: errorText(e) })] }
  }
}

/**
 * Appends every item of `items` to `target`, one by one: `target.push(...items)` passes
 * each item as an argument and throws a RangeError past about 100,000. @internal
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]!)
}

/**
 * The message of an `inconsistent_data` flag: a ratio whose counts contradict each other
 * (`reason`: numerator above denominator, a negative count, a numerator over a zero
 * denominator). The points stand; the flag asks a human to look. @internal
 */
export function inconsistentDataMessage(p: {
  code: string
  reason: 'above' | 'negative' | 'zero_denominator'
  numerator: string
  numeratorFact: string
  denominator: string
  denominatorFact: string | undefined
}): { vi: string; en: string } {
  const vi = { above: 'tử số lớn hơn mẫu số', negative: 'có số âm', zero_denominator: 'mẫu số bằng 0 nhưng tử số khác 0' }[p.reason]
  const en = { above: 'numerator above denominator', negative: 'a negative count', zero_denominator: 'numerator above 0 over a zero denominator' }[p.reason]
  // names cut to 40 characters when long, so the message (kept in the record) stays within
  // the string limit that recalculation checks
  const code = preview(p.code)
  const numeratorFact = preview(p.numeratorFact)
  const denominatorFact = p.denominatorFact === undefined ? undefined : preview(p.denominatorFact)
  const dvi = denominatorFact === undefined ? `mẫu số cố định ${p.denominator}` : `mẫu số ${denominatorFact} = ${p.denominator}`
  const den = denominatorFact === undefined ? `the fixed denominator ${p.denominator}` : `denominator ${denominatorFact} = ${p.denominator}`
  return {
    vi: `"${code}": dữ liệu không nhất quán (${vi}: tử số ${numeratorFact} = ${p.numerator}, ${dvi}); điểm vẫn tính theo quy tắc, cần kiểm tra lại số liệu`,
    en: `"${code}": inconsistent data (${en}: numerator ${numeratorFact} = ${p.numerator}, ${den}); scored by the rule as it stands, the figures need checking`,
  }
}

/** Builds an issue for a plug-in with its own message. @internal */
export function customIssue(code: string, path: IssuePath, message: { vi: string; en: string }, value?: unknown): ChisoIssue {
  return value === undefined ? { code, path, message } : { code, path, value, message }
}

/**
 * Renders an issue path the way messages show it.
 *
 * @example
 * ```ts
 * import { formatPath } from '@chiso/core'
 * formatPath(['criteria', 2, 'children', 0, 'maxPoints']) // 'criteria[2].children[0].maxPoints'
 * ```
 */
function formatPath(path: IssuePath): string {
  let s = ''
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`
  return s === '' ? '(root)' : s
}

/**
 * The one error class the throwing API raises. It carries every problem found, not only
 * the first.
 *
 * @example
 * ```ts
 * import { compilePack, ChisoError } from '@chiso/core'
 * try { compilePack(json) } catch (e) {
 *   if (e instanceof ChisoError) for (const i of e.issues) console.log(i.code, i.path, i.message.vi)
 * }
 * ```
 */
export class ChisoError extends Error {
  readonly issues: readonly ChisoIssue[]
  constructor(issues: readonly ChisoIssue[], context = 'input') {
    const head = issues
      .slice(0, 20)
      .map((i) => `  - [${i.code}] ${formatPath(i.path)}: ${i.message.en} / ${i.message.vi}`)
      .join('\n')
    const more = issues.length > 20 ? `\n  … and ${issues.length - 20} more` : ''
    super(`Invalid ${context}: ${issues.length} problem(s)\n${head}${more}`)
    this.name = 'ChisoError'
    this.issues = issues
  }
}

/** Result of the `safe*` functions: a value, or every problem found. */
export type SafeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ChisoIssue[] }

export { formatPath }
