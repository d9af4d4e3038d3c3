/**
 * The issue catalog as data: for every code core reports, the parameters its issue keeps
 * ({@link IssueParams}) and its message in Vietnamese ({@link vi}) and English ({@link en}),
 * one function per code per language, each taking the parameters. A code is added here
 * once; the type of `issue(...)`, `ISSUE_CODES` and the messages all follow from it.
 */
import { unitKindsText } from '../model/unit-kinds.js'

/**
 * A long text cut for messages: its first `keep` characters (40 by default), an ellipsis and
 * its length — "xýý…ý… (100000)". A text at most 8 characters longer than `keep` is kept
 * whole. A surrogate pair is never split. (Not public: no entry re-exports it.)
 */
export function preview(s: string, keep = 40): string {
  // a text already cut (its own output) stays as it is: cutting twice is cutting once
  if (s.length <= keep + 8 || (s.length <= keep + 12 && /… \(\d+\)$/.test(s))) return s
  const end = s.charCodeAt(keep - 1) >= 0xd800 && s.charCodeAt(keep - 1) <= 0xdbff ? keep - 1 : keep
  return `${s.slice(0, end)}… (${s.length})`
}

/** What separates the English and the Vietnamese of a schema's own message (no text holds it). */
const BILINGUAL_SEPARATOR = '\u001f'

/**
 * A schema check's message in both languages, as one text (a zod message is one string):
 * {@link bilingualParts} takes it apart again where the issue is made. @internal
 */
export function bilingual(en: string, vi: string): string {
  return `${en}${BILINGUAL_SEPARATOR}${vi}`
}

/** The English and Vietnamese of a message made by {@link bilingual}; undefined for any other. @internal */
export function bilingualParts(message: string): { readonly en: string; readonly vi: string } | undefined {
  const at = message.indexOf(BILINGUAL_SEPARATOR)
  return at < 0 ? undefined : { en: message.slice(0, at), vi: message.slice(at + 1) }
}

/** A value as a message shows it, cut to 60 characters. */
const show = (v: unknown): string => preview(showWhole(v), 60)

const showWhole = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v)
  // a list as JSON writes it ("[]", not the blank of String([]))
  if (Array.isArray(v)) return JSON.stringify(v) ?? String(v)
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

/** JSON and JavaScript type names as the Vietnamese messages say them (the parameters keep the names). */
const TYPE_VI: Readonly<Record<string, string>> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  bigint: 'số nguyên lớn',
  boolean: 'giá trị đúng/sai',
  array: 'danh sách',
  object: 'đối tượng',
  null: 'giá trị rỗng (null)',
  undefined: 'không có giá trị',
  symbol: 'ký hiệu (symbol)',
  function: 'hàm',
  date: 'ngày',
  nan: 'giá trị không phải số',
  record: 'đối tượng',
  map: 'bảng khóa – giá trị',
  set: 'tập hợp',
  tuple: 'danh sách',
  // what the input pre-scan and the hashing of a JSON value expect
  'JSON value (number, string, boolean, null, array, object)': 'giá trị JSON (số, chuỗi ký tự, giá trị đúng/sai, null, danh sách hoặc đối tượng)',
}
/** "string | number" as "chuỗi ký tự hoặc số"; a name not known is shown as it is. */
const typesVi = (names: string): string =>
  names
    .split(' | ')
    .map((t) => TYPE_VI[t] ?? t)
    .join(' hoặc ')

/** Kinds of unit (codes) in words, "xã, phường"; one kind given as a text is one kind. */
const kindsIn = (kinds: readonly string[] | string, locale: 'vi' | 'en'): string => unitKindsText(Array.isArray(kinds) ? kinds : [String(kinds)], locale)

/** An ISO date as Vietnamese documents write it, day first ("30/06/2025"); any other text as it is. */
const dateVi = (iso: string): string => String(iso).replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1')

/** The note of a message that says what was wrong, when there is one. */
const note = (d: string | undefined): string => (d ? ` (${d})` : '')

/** A number as the engine writes it ("-12.5", "1e-7", "7.5/0", "0.1234… (500)" cut): the text a Vietnamese message changes. */
const NUMBER_TEXT = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?:\/[-+]?(?:\d+(?:\.\d*)?|\.\d+))?(?:… \(\d+\))?$/

/**
 * A number as Vietnamese writes it: a decimal comma ("1,25", "7,5/2,5"); any text that is
 * not a number (a code "1.1.2", a version "1.0.0", a word) as it is. The one place the
 * messages turn a decimal point into a comma. @internal
 */
export function viNumber(text: string): string {
  return NUMBER_TEXT.test(text) ? text.replace(/\./g, ',') : text
}

/** A JavaScript number in Vietnamese: "12,5", "vô cực", "âm vô cực", "giá trị không phải số". */
function viNumberOf(x: number): string {
  if (Number.isNaN(x)) return 'giá trị không phải số'
  if (x === Number.POSITIVE_INFINITY) return 'vô cực'
  if (x === Number.NEGATIVE_INFINITY) return 'âm vô cực'
  return viNumber(String(x))
}

/** A number param as a Vietnamese message shows it: a text that prints as itself (in `show` as well as in a template). */
class ViNumber {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text
  }
}

/**
 * What a message param holds when it holds numbers: `number`, one number (text or a
 * JavaScript number); `numbers`, a list of them written "0, 0.5, 1" (Vietnamese: "0; 0,5; 1",
 * as a comma is the decimal mark); `value`, a value from the input, of any type (a number
 * among them gets the decimal comma, a text is shown as it was written).
 */
type NumberParam = 'number' | 'numbers' | 'value'

/**
 * Which params of each code hold numbers: the one table the Vietnamese messages read to
 * write them with a decimal comma (the params themselves keep "1.25"). Every other text
 * param is a name — a criterion code "1.1.2", a version, an id — and stays as written; a
 * param whose value is a JavaScript number is written with a decimal comma wherever it is.
 * @internal
 */
export const NUMBER_PARAMS: { readonly [K in CoreIssueCode]?: { readonly [P in keyof IssueParams[K]]?: NumberParam } } = {
  invalid_value: { value: 'value' },
  not_finite_number: { value: 'value' },
  invalid_decimal: { value: 'value' },
  division_by_zero: { value: 'number' },
  nested_too_deeply: { max: 'number' },
  input_too_large: { max: 'number' },
  too_many_items: { count: 'number', max: 'number' },
  string_too_long: { length: 'number', max: 'number' },
  number_too_precise: { value: 'number' },
  children_sum_mismatch: { sum: 'number', max: 'number' },
  scale_mismatch: { sum: 'number', scale: 'number' },
  kernel_disagreement: { fast: 'number', exact: 'number' },
  rule_points_above_max: { points: 'number', max: 'number' },
  extends_too_deep: { limit: 'number' },
  invalid_version: { value: 'value' },
  too_many_criteria: { count: 'number', max: 'number' },
  pack_denominator_too_large: { value: 'number', max: 'number' },
  score_above_max: { value: 'number', max: 'number' },
  score_negative: { value: 'number' },
  score_not_multiple_of_step: { value: 'number', step: 'number' },
  score_not_allowed: { value: 'number', allowed: 'numbers' },
  duplicate_round: { round: 'number' },
  adjustment_above_cap: { value: 'number', cap: 'number' },
  adjustment_negative: { value: 'number' },
  invalid_unit_id: { value: 'value' },
  plan_out_of_range: { value: 'number' },
}

/** The params of `code` as its Vietnamese message reads them: every number with a decimal comma. */
function viParams(code: CoreIssueCode, p: object): object {
  const kinds = NUMBER_PARAMS[code] as Readonly<Record<string, NumberParam>> | undefined
  let out: Record<string, unknown> | undefined
  for (const [k, v] of Object.entries(p) as [string, unknown][]) {
    let w: unknown = v
    if (typeof v === 'number') w = new ViNumber(viNumberOf(v))
    else if (typeof v === 'string' && kinds?.[k] === 'number') w = viNumber(v)
    else if (typeof v === 'string' && kinds?.[k] === 'numbers') w = v.split(/,\s*/).map(viNumber).join('; ')
    if (w !== v) (out ??= { ...(p as Record<string, unknown>) })[k] = w
  }
  return out ?? p
}

/** The Vietnamese messages with their numbers written the Vietnamese way, each through {@link viParams}. */
function withViNumbers(messages: IssueMessages): IssueMessages {
  const out: Record<string, (p: object) => string> = {}
  for (const code of Object.keys(messages) as CoreIssueCode[]) {
    const m = messages[code] as (p: object) => string
    out[code] = (p) => m(viParams(code, p ?? {}))
  }
  return out as unknown as IssueMessages
}

/**
 * What a public function's argument must be, by kind ({@link IssueParams.invalid_argument}),
 * in Vietnamese and English; and what it was, when core knows the thing given.
 */
export type ArgumentKind = 'compiled_pack' | 'unit_result' | 'batch_result' | 'pack_registry' | 'object' | 'array' | 'decimal' | 'decimals' | 'years' | 'year_results' | 'trace' | 'locale'
const ARGUMENT_VI: Readonly<Record<ArgumentKind, string>> = {
  compiled_pack: 'bộ chỉ số đã biên dịch (kết quả của compilePack)',
  unit_result: 'kết quả chấm điểm một đơn vị (kết quả của evaluate)',
  batch_result: 'kết quả chấm điểm một lượt (kết quả của evaluateBatch)',
  pack_registry: 'danh mục bộ chỉ số (kết quả của createRegistry)',
  object: 'đối tượng',
  array: 'danh sách',
  decimal: 'một số (Exact, số hoặc chuỗi số thập phân như "85.5")',
  decimals: 'số chữ số thập phân: số nguyên từ 0 đến 100',
  years: 'bảng theo năm: mỗi năm một kết quả chấm điểm một lượt (evaluateBatch) hoặc danh sách đơn vị đã xếp hạng của nó',
  year_results: 'kết quả chấm điểm một lượt (evaluateBatch) hoặc danh sách đơn vị đã xếp hạng của nó (batch.units)',
  trace: 'dấu vết tính điểm của một tiêu chí (node.trace khi chấm với trace: true)',
  locale: 'ngôn ngữ "vi" hoặc "en"',
}
const ARGUMENT_EN: Readonly<Record<ArgumentKind, string>> = {
  compiled_pack: 'a compiled pack (what compilePack returns)',
  unit_result: 'a unit result (what evaluate returns)',
  batch_result: 'a batch result (what evaluateBatch returns)',
  pack_registry: 'a pack registry (what createRegistry returns)',
  object: 'an object',
  array: 'a list',
  decimal: 'a number (an Exact, a number or a decimal text such as "85.5")',
  decimals: 'a number of decimal places: a whole number from 0 to 100',
  years: 'a table by year: for each year a batch result (evaluateBatch) or its ranked units',
  year_results: 'a batch result (evaluateBatch) or its ranked units (batch.units)',
  trace: "a criterion's trace (node.trace when scored with trace: true)",
  locale: 'the language "vi" or "en"',
}
const RECEIVED_VI: Readonly<Record<string, string>> = {
  compiled_pack: 'một bộ chỉ số đã biên dịch',
  pack_json: 'JSON của một bộ chỉ số, chưa biên dịch: biên dịch nó trước bằng compilePack',
  result_record: 'bản ghi kết quả đã lưu (toJSON): dùng recalculate để có lại kết quả',
}
const RECEIVED_EN: Readonly<Record<string, string>> = {
  compiled_pack: 'a compiled pack',
  pack_json: "a pack's JSON, not compiled: compile it first with compilePack",
  result_record: 'a stored result record (toJSON): recalculate it to get the result back',
}

/**
 * The parameters each core issue keeps, by code: the values its message names, as data a
 * program can read (`issue.params.max` of a `score_above_max`) instead of parsing the text.
 * Texts are cut as messages show them (40 characters for a name, 300 for a composed detail).
 * A `detail` / `detailEn` pair is a reason the engine composed, in Vietnamese and English.
 */
export interface IssueParams {
  // shape of the input (schemas, limits)
  /** `commaDecimal`: a number written as text with a decimal comma ("12,5"), which the message tells to write with a point */
  invalid_type: { expected: string; received: string; commaDecimal?: string }
  /** `detail` (Vietnamese) and `detailEn` (English): why the value is refused, in each language */
  invalid_value: { value: unknown; detail?: never; detailEn?: never } | { value: unknown; detail: string; detailEn: string }
  missing_field: { field: string }
  unknown_field: { field: string }
  forbidden_key: { key: string }
  not_finite_number: { value: unknown }
  invalid_decimal: { value: unknown }
  division_by_zero: { value?: string }
  nested_too_deeply: { max: number }
  cyclic_input: Record<never, never>
  input_too_large: { max: number }
  too_many_items: { count: number; max: number }
  string_too_long: { length: number; max: number }
  number_too_precise: { value: string; detailVi: string; detailEn: string }
  unreadable_input: { detail: string }
  unexpected_error: { detail: string }
  /** a result's own copy of its assessment was edited after scoring: what was scored can no longer be explained from it */
  assessment_changed: Record<never, never>
  missing_option: { option: string; policy: string }
  zero_total_weight: Record<never, never>
  // a public function's own arguments
  /** `argument` is its path ("pack", "options.registry"); `received` a JSON type or what core recognised ("pack_json", "result_record", "compiled_pack") */
  invalid_argument: { argument: string; expected: ArgumentKind; received: string }
  /** a compiled pack given where a pack's JSON is read */
  compiled_pack_given: { argument: string }
  /** an options key the function does not know; `suggestion` the nearest known one */
  unknown_option: { option: string; known: string; suggestion?: string }
  // packs
  /** `first` is where the code is already used; a patch adding an existing code has none */
  duplicate_code: { code: string; first?: string }
  children_sum_mismatch: { code: string; sum: string; max: string }
  scale_mismatch: { sum: string; scale: string }
  unknown_rule_kind: { kind: string; known: string }
  duplicate_rule_kind: { kind: string }
  duplicate_operator: { operator: string }
  invalid_rule_form: { kind: string; detail: string; detailEn: string }
  kernel_disagreement: { unitId: string; node: string; what: string; fast: string; exact: string }
  unknown_operator: { operator: string; known: string }
  invalid_condition: { detail: string; detailEn: string }
  invalid_fact_path: { path: string }
  rule_points_above_max: { code: string; points: string; max: string }
  rule_on_inner_node: { code: string }
  evidence_on_inner_node: { code: string }
  survey_rule_mismatch: { code: string; detail: string; detailEn: string }
  invalid_bands: { detail: string; detailEn: string }
  unknown_adjustment_target: { id: string; target: string }
  duplicate_adjustment: { id: string }
  extends_too_deep: { limit: number; from: string }
  extends_cycle: { chain: string }
  base_pack_missing: { pack: string }
  not_an_extension: { pack: string }
  patch_conflict: { target: string; first: number; second: number }
  patch_target_missing: { code: string }
  invalid_version: { value: unknown }
  missing_criteria: Record<never, never>
  too_many_criteria: { count: number; max: number }
  pack_denominator_too_large: { value: string; max: number }
  // pack registries
  /** `pack` is "id@version"; `same` the version of equal precedence already listed, if it differs */
  duplicate_pack: { pack: string; same?: string }
  unknown_pack: { pack: string }
  no_pack_in_force: { family: string; unitKind: string; date: string }
  ambiguous_packs: { date: string; packs: string }
  coverage_gap: { family: string; unitKind: string; from: string; to: string }
  coverage_overlap: { packs: string; from: string; to: string }
  // a pack against a unit and a period (model/fit.ts); `pack` is "id@version", kinds are codes ("commune")
  /** `unitName`: the unit's name, when it has one */
  pack_not_for_unit_kind: { pack: string; appliesTo: readonly string[]; kind: string; unitName?: string }
  /** `from` / `to`: the ISO dates the pack is in force */
  pack_not_in_force: { pack: string; period: string; from: string; to?: string }
  // assessments
  unknown_criterion: { code: string; pack: string }
  not_a_leaf: { code: string }
  score_above_max: { code: string; value: string; max: string }
  score_negative: { code: string; value: string }
  score_not_multiple_of_step: { code: string; value: string; step: string }
  score_not_allowed: { code: string; value: string; allowed: string }
  self_score_on_survey: { code: string }
  survey_on_non_survey: { code: string }
  appraisal_on_survey: { code: string }
  duplicate_round: { round: number }
  unknown_adjustment: { id: string }
  adjustment_not_entered: { id: string }
  adjustment_above_cap: { id: string; value: string; cap: string }
  adjustment_negative: { id: string; value: string }
  unknown_evidence_criterion: { id: string; code: string }
  /** two assessments of one unit for one period in a batch */
  duplicate_assessment: { unitId: string; period: string }
  // units
  invalid_unit_id: { value: unknown }
  confusable_unit_ids: { first: string; second: string; detail: string }
  /** a unit list naming one unit twice */
  duplicate_unit: { unitId: string }
  unknown_unit: { unitId: string }
  invalid_period: { validFrom: string; validTo: string }
  // analysis: plans, mappings, pack tests
  unknown_band: { band: string; pack: string; known: string }
  unit_not_ranked: { unitId: string; detail: string; detailEn: string }
  plan_out_of_range: { value: string }
  mapping_pack_mismatch: { expected: string; actual: string }
  mapping_unknown_criterion: { code: string; pack: string }
  mapping_not_a_leaf: { code: string; pack: string }
  mapping_duplicate: { code: string; pack: string; first: string }
  invalid_pack_test: { detail: string; detailEn: string }
  invalid_expected_number: { value: string }
  pack_test_wrong_pack: { expected: string; actual: string }
}

/** Every code core reports. */
export type CoreIssueCode = keyof IssueParams

/** One message function per code for one language. */
type IssueMessages = { readonly [K in CoreIssueCode]: (p: IssueParams[K]) => string }

/** What a `kernel_disagreement` names (a result's field, an outcome), in Vietnamese. */
const KERNEL_WORDS_VI: Readonly<Record<string, string>> = {
  points: 'điểm',
  applicableMax: 'điểm tối đa áp dụng',
  bonus: 'điểm thưởng',
  deduction: 'điểm trừ',
  notApplicable: 'không áp dụng',
  trace: 'diễn giải',
  input: 'dữ liệu đầu vào',
  scored: 'chấm được',
  refused: 'bị từ chối',
  true: 'có',
  false: 'không',
}

/** The Vietnamese messages: every number param written with a decimal comma ({@link NUMBER_PARAMS}). */
export const vi: IssueMessages = withViNumbers({
  invalid_type: (p) =>
    `Sai kiểu dữ liệu: cần ${typesVi(p.expected)}, nhận được ${typesVi(p.received)}${p.commaDecimal === undefined ? '' : ` "${p.commaDecimal}": viết số thập phân với dấu chấm: ${p.commaDecimal.replace(',', '.')}`}`,
  invalid_value: (p) => `Giá trị không hợp lệ: ${show(p.value)}${note(p.detail)}`,
  missing_field: (p) => `Thiếu trường bắt buộc "${p.field}"`,
  unknown_field: (p) => `Trường không được hỗ trợ "${p.field}"`,
  forbidden_key: (p) => `Khóa "${p.key}" bị cấm (nguy cơ ô nhiễm prototype)`,
  not_finite_number: (p) => `Cần số hữu hạn, nhận được ${show(p.value)}`,
  invalid_decimal: (p) => `Không phải số thập phân hợp lệ: ${show(p.value)}`,
  division_by_zero: (p) => `Phép chia cho 0${p.value === undefined ? '' : ` (${p.value})`}`,
  nested_too_deeply: (p) => `Dữ liệu lồng nhau quá sâu (quá ${p.max} cấp)`,
  cyclic_input: () => 'Dữ liệu chứa vòng lặp (một đối tượng nằm trong chính nó)',
  input_too_large: (p) => `Dữ liệu quá lớn (quá ${p.max} giá trị)`,
  too_many_items: (p) => `Quá nhiều phần tử: ${p.count} (tối đa ${p.max})`,
  string_too_long: (p) => `Chuỗi quá dài: ${p.length} ký tự (tối đa ${p.max})`,
  number_too_precise: (p) => `Số ${p.value} vượt giới hạn: ${p.detailVi}`,
  unreadable_input: (p) => `Không đọc được dữ liệu tại đây: ${p.detail}`,
  unexpected_error: (p) => `Lỗi không mong đợi khi xử lý dữ liệu: ${p.detail}`,
  assessment_changed: () => 'Bản đánh giá mà kết quả giữ đã bị sửa sau khi chấm: không còn giải thích được điểm đã chấm từ bản đó',
  missing_option: (p) => `Cách gộp "${p.policy}" cần tùy chọn "${p.option}"`,
  zero_total_weight: () => 'Tổng trọng số bằng 0: không tính được trung bình có trọng số',
  invalid_argument: (p) => `Tham số ${p.argument} phải là ${ARGUMENT_VI[p.expected] ?? p.expected}, nhận được ${RECEIVED_VI[p.received] ?? typesVi(p.received)}`,
  compiled_pack_given: (p) => `Tham số ${p.argument} đã là bộ chỉ số đã biên dịch: truyền JSON của nó (pack.source), hoặc dùng trực tiếp bộ chỉ số đã biên dịch`,
  unknown_option: (p) => `Tùy chọn "${p.option}" không được hỗ trợ${p.suggestion === undefined ? '' : `; có phải "${p.suggestion}"?`} (có: ${p.known})`,
  duplicate_code: (p) => (p.first === undefined ? `Tiêu chí "${p.code}" đã tồn tại, không thể thêm` : `Mã tiêu chí "${p.code}" bị trùng (đã có tại ${p.first})`),
  children_sum_mismatch: (p) => `Tổng điểm tối đa của các tiêu chí con của "${p.code}" là ${p.sum}, khác điểm tối đa ${p.max}`,
  scale_mismatch: (p) => `Tổng điểm tối đa các lĩnh vực là ${p.sum}, khác thang điểm ${p.scale} của bộ chỉ số`,
  unknown_rule_kind: (p) => `Loại quy tắc chấm điểm "${p.kind}" chưa được đăng ký (có: ${p.known})`,
  duplicate_rule_kind: (p) => `Loại quy tắc "${p.kind}" đã được đăng ký`,
  duplicate_operator: (p) => `Toán tử điều kiện "${p.operator}" đã có (toán tử sẵn có hoặc đã thêm trước)`,
  invalid_rule_form: (p) => `Dạng quy tắc "${p.kind}" mà loại quy tắc trả về không hợp lệ: ${p.detail}`,
  kernel_disagreement: (p) =>
    `Bộ tính nhanh và bộ tính chính xác cho kết quả khác nhau ở đơn vị "${p.unitId}", tiêu chí "${p.node}" (${KERNEL_WORDS_VI[p.what] ?? p.what}: ${KERNEL_WORDS_VI[String(p.fast)] ?? p.fast} so với ${KERNEL_WORDS_VI[String(p.exact)] ?? p.exact})`,
  unknown_operator: (p) => `Toán tử "${p.operator}" không được hỗ trợ (có: ${p.known})`,
  invalid_condition: (p) => `Điều kiện không hợp lệ: ${p.detail}`,
  invalid_fact_path: (p) => `Đường dẫn dữ kiện "${p.path}" không hợp lệ: chỉ dùng dạng $.a.b[0], không có biểu thức lọc hay script`,
  rule_points_above_max: (p) => `Quy tắc của "${p.code}" có thể cho ${p.points} điểm, vượt điểm tối đa ${p.max}`,
  rule_on_inner_node: (p) => `Tiêu chí "${p.code}" có tiêu chí con nên không được có quy tắc chấm điểm riêng`,
  evidence_on_inner_node: (p) => `Tiêu chí "${p.code}" có tiêu chí con: yêu cầu tài liệu kiểm chứng đặt ở từng tiêu chí thành phần (một tài liệu có thể gắn với nhiều tiêu chí)`,
  survey_rule_mismatch: (p) => `Tiêu chí "${p.code}": ${p.detail}`,
  invalid_bands: (p) => `Bảng xếp loại không hợp lệ: ${p.detail}`,
  unknown_adjustment_target: (p) => `Điểm thưởng/trừ "${p.id}" nhắm tới tiêu chí không tồn tại "${p.target}"`,
  duplicate_adjustment: (p) => `Mã điểm thưởng/trừ "${p.id}" bị trùng`,
  extends_too_deep: (p) => `Chuỗi kế thừa (extends) quá dài: quá ${p.limit} bước, từ ${p.from}`,
  extends_cycle: (p) => `Kế thừa vòng tròn: ${p.chain}`,
  base_pack_missing: (p) => `Không tìm thấy bộ chỉ số gốc ${p.pack}`,
  not_an_extension: (p) => `Bộ chỉ số ${p.pack} không kế thừa (extends) bộ nào: không có thao tác sửa đổi để hiển thị`,
  patch_conflict: (p) => `Hai thao tác sửa đổi xung đột trên "${p.target}": patches[${p.first}] và patches[${p.second}]`,
  patch_target_missing: (p) => `Thao tác sửa đổi nhắm tới tiêu chí không tồn tại "${p.code}"`,
  invalid_version: (p) => `Phiên bản ${show(p.value)} không đúng dạng semver (ví dụ "1.2.0", "1.2.0-rc.1")`,
  missing_criteria: () => 'Bộ chỉ số không có cây tiêu chí (criteria) và không kế thừa (extends) bộ nào',
  too_many_criteria: (p) => `Bộ chỉ số có ${p.count} tiêu chí, vượt giới hạn ${p.max}`,
  pack_denominator_too_large: (p) => `Mẫu số chung của các giá trị trong bộ chỉ số vượt ${p.max} (tại giá trị ${p.value})`,
  duplicate_pack: (p) => `Bộ chỉ số ${p.pack} bị trùng${p.same === undefined ? '' : ` (= ${p.same})`}`,
  unknown_pack: (p) => `Không có bộ chỉ số ${p.pack}`,
  no_pack_in_force: (p) => `Không có bộ chỉ số "${p.family}" cho ${kindsIn(p.unitKind, 'vi')} có hiệu lực ngày ${p.date}`,
  ambiguous_packs: (p) => `Nhiều bộ chỉ số cùng có hiệu lực ngày ${p.date}: ${p.packs}`,
  coverage_gap: (p) => `Không có bộ chỉ số "${p.family}" cho ${kindsIn(p.unitKind, 'vi')} từ ${p.from} đến ${p.to}`,
  coverage_overlap: (p) => `Các bộ chỉ số ${p.packs} chồng lấn từ ${p.from} đến ${p.to}`,
  pack_not_for_unit_kind: (p) =>
    `Bộ chỉ số ${p.pack} áp dụng cho ${kindsIn(p.appliesTo, 'vi')}; đơn vị ${p.unitName === undefined ? '' : `"${p.unitName}" `}là ${kindsIn(p.kind, 'vi')}: hãy chọn bộ chỉ số dành cho ${kindsIn(p.kind, 'vi')}`,
  pack_not_in_force: (p) =>
    `Bộ chỉ số ${p.pack} có hiệu lực từ ${dateVi(p.from)}${p.to === undefined ? '' : ` đến ${dateVi(p.to)}`}, không áp dụng cho kỳ đánh giá ${p.period}: hãy chọn phiên bản có hiệu lực trong năm đó`,
  unknown_criterion: (p) => `Không có tiêu chí mã "${p.code}" trong bộ chỉ số ${p.pack}`,
  not_a_leaf: (p) => `"${p.code}" là tiêu chí có tiêu chí con: chỉ chấm điểm ở tiêu chí thành phần`,
  score_above_max: (p) => `Điểm ${p.value} của "${p.code}" vượt điểm tối đa ${p.max}`,
  score_negative: (p) => `Điểm ${p.value} của "${p.code}" âm`,
  score_not_multiple_of_step: (p) => `Điểm ${p.value} của "${p.code}" không phải bội số của bước điểm ${p.step}`,
  score_not_allowed: (p) => `Điểm ${p.value} của "${p.code}" không thuộc các mức cho phép: ${p.allowed}`,
  self_score_on_survey: (p) => `"${p.code}" được chấm qua điều tra xã hội học, đơn vị không được tự chấm`,
  survey_on_non_survey: (p) => `"${p.code}" không phải tiêu chí điều tra xã hội học`,
  appraisal_on_survey: (p) => `"${p.code}" được chấm qua điều tra xã hội học, không thẩm định điểm`,
  duplicate_round: (p) => `Vòng thẩm định ${p.round} xuất hiện nhiều lần`,
  unknown_adjustment: (p) => `Không có khoản điểm thưởng/trừ mã "${p.id}" trong bộ chỉ số`,
  adjustment_not_entered: (p) => `Khoản "${p.id}" được tính từ dữ kiện, không nhập tay`,
  adjustment_above_cap: (p) => `Khoản "${p.id}" là ${p.value}, vượt mức trần ${p.cap}`,
  adjustment_negative: (p) => `Khoản "${p.id}" là ${p.value}: số âm (nhập độ lớn của khoản thưởng/trừ, không kèm dấu trừ)`,
  unknown_evidence_criterion: (p) => `Tài liệu kiểm chứng "${p.id}" gắn với tiêu chí không tồn tại "${p.code}"`,
  duplicate_assessment: (p) => `Đơn vị "${p.unitId}" có nhiều bản đánh giá kỳ ${p.period} trong cùng một lượt`,
  invalid_unit_id: (p) => `Mã đơn vị ${show(p.value)} chứa ký tự điều khiển (ví dụ ký tự tab hay xuống dòng) hoặc rỗng`,
  confusable_unit_ids: (p) => `Mã đơn vị "${p.second}" trông giống hệt "${p.first}" nhưng khác ký tự (${p.detail}): có phải cùng một đơn vị?`,
  duplicate_unit: (p) => `Đơn vị "${p.unitId}" bị trùng`,
  unknown_unit: (p) => `Đơn vị tiền thân "${p.unitId}" không có trong danh sách`,
  invalid_period: (p) => `Ngày kết thúc ${p.validTo} trước ngày bắt đầu ${p.validFrom}`,
  unknown_band: (p) => `Không có mức xếp loại "${p.band}" trong bộ chỉ số ${p.pack} (có: ${p.known})`,
  unit_not_ranked: (p) => `Đơn vị "${p.unitId}" không được xếp hạng trong nhóm được đưa vào (${p.detail}): không đặt được mục tiêu thứ hạng`,
  plan_out_of_range: (p) => `Giá trị ${p.value} vượt phạm vi bảng tính của kế hoạch cải thiện (số nguyên an toàn)`,
  mapping_pack_mismatch: (p) => `Bảng chuyển đổi dành cho ${p.expected}, không phải ${p.actual}`,
  mapping_unknown_criterion: (p) => `Bảng chuyển đổi nêu tiêu chí "${p.code}" không có trong bộ chỉ số ${p.pack}`,
  mapping_not_a_leaf: (p) => `"${p.code}" của ${p.pack} có tiêu chí con: bảng chuyển đổi chỉ nối các tiêu chí thành phần (nêu từng tiêu chí con)`,
  mapping_duplicate: (p) => `Tiêu chí "${p.code}" của ${p.pack} có ở nhiều dòng của bảng chuyển đổi (đã có ở ${p.first}): điểm sẽ bị tính hai lần`,
  invalid_pack_test: (p) => `Tệp kiểm thử không hợp lệ: ${p.detail}`,
  invalid_expected_number: (p) => `Giá trị mong đợi ${p.value} không phải số: viết 0,5 hoặc "0.5", phân số 371/60, hoặc ~85,71 để so sau khi làm tròn (không dùng dấu phân cách hàng nghìn)`,
  pack_test_wrong_pack: (p) => `Tệp kiểm thử dành cho bộ chỉ số ${p.expected}, không phải ${p.actual}`,
})

/** The English messages. */
export const en: IssueMessages = {
  invalid_type: (p) =>
    `Wrong type: expected ${p.expected}, received ${p.received}${p.commaDecimal === undefined ? '' : ` "${p.commaDecimal}": write the decimal with a point: ${p.commaDecimal.replace(',', '.')}`}`,
  invalid_value: (p) => `Invalid value: ${show(p.value)}${note(p.detailEn)}`,
  missing_field: (p) => `Missing required field "${p.field}"`,
  unknown_field: (p) => `Unrecognised field "${p.field}"`,
  forbidden_key: (p) => `Key "${p.key}" is forbidden (prototype pollution risk)`,
  not_finite_number: (p) => `Not a finite number (NaN or Infinity): ${show(p.value)}`,
  invalid_decimal: (p) => `Not a valid decimal number: ${show(p.value)}`,
  division_by_zero: (p) => `Division by zero${p.value === undefined ? '' : ` (${p.value})`}`,
  nested_too_deeply: (p) => `The input is nested too deeply (more than ${p.max} levels)`,
  cyclic_input: () => 'The input is cyclic (an object contains itself)',
  input_too_large: (p) => `The input is too large (more than ${p.max} values)`,
  too_many_items: (p) => `Too many items: ${p.count} (at most ${p.max})`,
  string_too_long: (p) => `Text too long: ${p.length} characters (at most ${p.max})`,
  number_too_precise: (p) => `Number ${p.value} is beyond the limits: ${p.detailEn}`,
  unreadable_input: (p) => `The input could not be read here: ${p.detail}`,
  unexpected_error: (p) => `Unexpected error while processing the input: ${p.detail}`,
  assessment_changed: () => "The result's copy of its assessment was edited after scoring: the points scored can no longer be explained from it",
  missing_option: (p) => `The "${p.policy}" policy needs the option "${p.option}"`,
  zero_total_weight: () => 'The weights sum to zero: no weighted mean can be taken',
  invalid_argument: (p) => `The ${p.argument} argument must be ${ARGUMENT_EN[p.expected] ?? p.expected}; received ${RECEIVED_EN[p.received] ?? p.received}`,
  compiled_pack_given: (p) => `The ${p.argument} argument is already a compiled pack: pass its JSON (pack.source), or use the compiled pack directly`,
  unknown_option: (p) => `Unknown option "${p.option}"${p.suggestion === undefined ? '' : `; did you mean "${p.suggestion}"?`} (known: ${p.known})`,
  duplicate_code: (p) => (p.first === undefined ? `Criterion "${p.code}" already exists and cannot be added` : `Duplicate criterion code "${p.code}" (already at ${p.first})`),
  children_sum_mismatch: (p) => `Children of "${p.code}" have maximum points summing to ${p.sum}, not its maximum ${p.max}`,
  scale_mismatch: (p) => `Area maxima sum to ${p.sum}, not the pack's scale ${p.scale}`,
  unknown_rule_kind: (p) => `Rule kind "${p.kind}" is not registered (known: ${p.known})`,
  duplicate_rule_kind: (p) => `Rule kind "${p.kind}" is already registered`,
  duplicate_operator: (p) => `Condition operator "${p.operator}" already exists (built in or added before)`,
  invalid_rule_form: (p) => `The rule form "${p.kind}" a rule kind returned is not valid: ${p.detailEn}`,
  kernel_disagreement: (p) => `The fast kernel and the exact interpreter disagree on unit "${p.unitId}", node "${p.node}" (${p.what}: ${p.fast} vs ${p.exact})`,
  unknown_operator: (p) => `Operator "${p.operator}" is not supported (known: ${p.known})`,
  invalid_condition: (p) => `Invalid condition: ${p.detailEn}`,
  invalid_fact_path: (p) => `Fact path "${p.path}" is not allowed: use the form $.a.b[0], no filter expressions or scripts`,
  rule_points_above_max: (p) => `The rule of "${p.code}" can award ${p.points} points, above the maximum ${p.max}`,
  rule_on_inner_node: (p) => `Criterion "${p.code}" has children, so it cannot carry a scoring rule`,
  evidence_on_inner_node: (p) => `Criterion "${p.code}" has children: require evidence on its leaves (one document may be linked to several criteria)`,
  survey_rule_mismatch: (p) => `Criterion "${p.code}": ${p.detailEn}`,
  invalid_bands: (p) => `Invalid bands: ${p.detailEn}`,
  unknown_adjustment_target: (p) => `Adjustment "${p.id}" targets unknown criterion "${p.target}"`,
  duplicate_adjustment: (p) => `Duplicate adjustment id "${p.id}"`,
  extends_too_deep: (p) => `The extends chain is too long: more than ${p.limit} steps, from ${p.from}`,
  extends_cycle: (p) => `Cycle in extends: ${p.chain}`,
  base_pack_missing: (p) => `Base pack ${p.pack} not found`,
  not_an_extension: (p) => `Pack ${p.pack} extends no other pack: it has no patches to show`,
  patch_conflict: (p) => `Patches[${p.first}] and patches[${p.second}] conflict on "${p.target}"`,
  patch_target_missing: (p) => `The patch targets criterion "${p.code}", which does not exist`,
  invalid_version: (p) => `Version ${show(p.value)} is not a semantic version (e.g. "1.2.0", "1.2.0-rc.1")`,
  missing_criteria: () => 'The pack has no criteria tree and extends no other pack',
  too_many_criteria: (p) => `The pack has ${p.count} criteria, above the limit of ${p.max}`,
  pack_denominator_too_large: (p) => `The common denominator of the pack's values exceeds ${p.max} (at the value ${p.value})`,
  duplicate_pack: (p) => `Duplicate pack ${p.pack}${p.same === undefined ? '' : ` (= ${p.same})`}`,
  unknown_pack: (p) => `No pack ${p.pack}`,
  no_pack_in_force: (p) => `No "${p.family}" pack for a ${kindsIn(p.unitKind, 'en')} is in force on ${p.date}`,
  ambiguous_packs: (p) => `Several packs are in force on ${p.date}: ${p.packs}`,
  coverage_gap: (p) => `No "${p.family}" pack for a ${kindsIn(p.unitKind, 'en')} from ${p.from} to ${p.to}`,
  coverage_overlap: (p) => `Packs ${p.packs} overlap from ${p.from} to ${p.to}`,
  pack_not_for_unit_kind: (p) =>
    `Pack ${p.pack} applies to ${kindsIn(p.appliesTo, 'en')}; unit ${p.unitName === undefined ? '' : `"${p.unitName}" `}is a ${kindsIn(p.kind, 'en')}: choose a pack for a ${kindsIn(p.kind, 'en')}`,
  pack_not_in_force: (p) => `Pack ${p.pack} is in force from ${p.from}${p.to === undefined ? '' : ` to ${p.to}`}, not for the period ${p.period}: choose the edition in force that year`,
  unknown_criterion: (p) => `No criterion with code "${p.code}" in pack ${p.pack}`,
  not_a_leaf: (p) => `"${p.code}" has sub-criteria: scores are entered on leaves only`,
  score_above_max: (p) => `Score ${p.value} for "${p.code}" exceeds the maximum ${p.max}`,
  score_negative: (p) => `Score ${p.value} for "${p.code}" is negative`,
  score_not_multiple_of_step: (p) => `Score ${p.value} for "${p.code}" is not a multiple of the step ${p.step}`,
  score_not_allowed: (p) => `Score ${p.value} for "${p.code}" is not one of the allowed values: ${p.allowed}`,
  self_score_on_survey: (p) => `"${p.code}" is scored by survey and cannot be self-scored`,
  survey_on_non_survey: (p) => `"${p.code}" is not a survey criterion`,
  appraisal_on_survey: (p) => `"${p.code}" is scored by survey; its score is not appraised`,
  duplicate_round: (p) => `Appraisal round ${p.round} appears more than once`,
  unknown_adjustment: (p) => `No adjustment with id "${p.id}" in the pack`,
  adjustment_not_entered: (p) => `Adjustment "${p.id}" is computed from facts and cannot be entered`,
  adjustment_above_cap: (p) => `Adjustment "${p.id}" is ${p.value}, above its cap ${p.cap}`,
  adjustment_negative: (p) => `Adjustment "${p.id}" is ${p.value}: negative (enter the size of a bonus or deduction, without a minus sign)`,
  unknown_evidence_criterion: (p) => `Evidence "${p.id}" is linked to unknown criterion "${p.code}"`,
  duplicate_assessment: (p) => `Unit "${p.unitId}" has more than one assessment for ${p.period} in the batch`,
  invalid_unit_id: (p) => `Unit id ${show(p.value)} holds a control character (such as a tab or a line break) or is empty`,
  confusable_unit_ids: (p) => `Unit id "${p.second}" looks the same as "${p.first}" but its characters differ (${p.detail}): is it the same unit?`,
  duplicate_unit: (p) => `Duplicate unit "${p.unitId}"`,
  unknown_unit: (p) => `Predecessor "${p.unitId}" is not a known unit`,
  invalid_period: (p) => `validTo ${p.validTo} is before validFrom ${p.validFrom}`,
  unknown_band: (p) => `No band "${p.band}" in pack ${p.pack} (known: ${p.known})`,
  unit_not_ranked: (p) => `Unit "${p.unitId}" is not ranked in the population given (${p.detailEn}): a rank target cannot be set`,
  plan_out_of_range: (p) => `The value ${p.value} is beyond the improvement plan's table (safe integers)`,
  mapping_pack_mismatch: (p) => `The mapping is for ${p.expected}, not ${p.actual}`,
  mapping_unknown_criterion: (p) => `The mapping names criterion "${p.code}", which pack ${p.pack} does not have`,
  mapping_not_a_leaf: (p) => `"${p.code}" of ${p.pack} has sub-criteria: a mapping links leaves only (list its sub-criteria)`,
  mapping_duplicate: (p) => `Criterion "${p.code}" of ${p.pack} is on more than one line of the mapping (already at ${p.first}): its points would count twice`,
  invalid_pack_test: (p) => `Invalid pack test: ${p.detailEn}`,
  invalid_expected_number: (p) => `Expected value ${p.value} is not a number: write 0.5 or 0,5, a fraction 371/60, or ~85.71 to compare after rounding (no thousands separators)`,
  pack_test_wrong_pack: (p) => `The test file is for pack ${p.expected}, not ${p.actual}`,
}
