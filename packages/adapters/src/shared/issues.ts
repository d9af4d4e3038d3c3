/**
 * Problems found in a submitted file, located down to the cell: every core issue plus the
 * spreadsheet-level ones (not a workbook, no form, text in a number cell …), each with a
 * message in Vietnamese and English.
 */
import type { ChisoIssue } from '@chiso/core'
import { formatBytes, formatCount } from './limits.js'
import { localiseNumbers } from './locale.js'
import { normalizeHeader } from './text.js'
import { UNIT_KINDS } from './unit-kinds.js'

/** One problem in one file, located to the sheet and cell when it has one. */
export interface FileIssue extends ChisoIssue {
  /** the file name (or the name given for a buffer) */
  readonly file: string
  /** the worksheet, when the problem is inside one */
  readonly sheet?: string
  /** the cell address such as "D14", when the problem is in one cell */
  readonly cell?: string
  /** 1-based row of the cell */
  readonly row?: number
  /** `error` stops this file from being scored; `warning` is worth a look but the file is used */
  readonly severity: 'error' | 'warning'
  /** the unit the problem is about, when it names one in a table of several units (a facts cell) */
  readonly unit?: { readonly id: string; readonly name?: string }
}

/** Codes the spreadsheet adapters add to the core's. */
export type FileIssueCode =
  | 'file_not_found'
  | 'empty_file'
  | 'not_a_workbook'
  | 'not_a_csv'
  | 'read_failed'
  | 'sheet_not_found'
  | 'form_not_found'
  | 'missing_column'
  | 'invalid_number'
  | 'number_too_long'
  | 'date_in_number_cell'
  | 'formula_error'
  | 'formula_without_result'
  | 'duplicate_row'
  | 'score_without_code'
  | 'missing_unit'
  | 'period_mismatch'
  | 'max_mismatch'
  | 'pack_mismatch'
  | 'score_on_inner_node'
  | 'not_a_survey_criterion'
  | 'invalid_count'
  | 'survey_without_submission'
  | 'password_protected'
  | 'file_too_large'
  | 'unsafe_zip'
  | 'too_many_rows'
  | 'too_many_cells'
  | 'unterminated_quote'
  | 'result_file'
  | 'internal_error'
  | 'more_issues'
  | 'blank_form'
  | 'unknown_fact'
  | 'invalid_fact'
  | 'facts_without_submission'
  | 'cell_text_truncated'
  | 'invalid_round'
  | 'appraisal_round_mismatch'
  | 'appraisal_cleared'
  | 'group_inferred'
  | 'score_not_applicable'
  | 'total_mismatch'
  | 'survey_for_refused_form'
  | 'facts_for_refused_form'
  | 'group_ambiguous'

/** Parameters of a message template. */
export type IssueParams = Record<string, unknown>
type P = IssueParams
const q = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : String(v))
/** A unit by its name and code ("Xã Sơn Ca" (xa-son-ca)) when its name is known, else by its code. */
const unit = (p: P): string => (typeof p.name === 'string' && p.name !== '' && p.name !== p.unitId ? `${q(p.name)} (${p.unitId})` : q(p.unitId))
/** A detail given in both languages ({ vi, en }), or as one text (a library's message). */
const detail = (d: unknown, locale: 'vi' | 'en'): string => (typeof d === 'object' && d !== null && locale in d ? String((d as Record<string, unknown>)[locale]) : String(d))
const n = (v: unknown, locale: 'vi' | 'en'): string => formatCount(Number(v), locale)
const bytes = (v: unknown, locale: 'vi' | 'en'): string => formatBytes(Number(v), locale)
/** a decimal the engine wrote ("1.5") in Vietnamese ("1,5"); the catalog's messages are final as written */
const dec = (v: unknown): string => localiseNumbers(String(v), 'vi')

/** A unit kind's word in a sentence ("xã", "communes"), for the group messages. */
const kindWord = (k: unknown, locale: 'vi' | 'en'): string => {
  const w = UNIT_KINDS[String(k)]
  return w ? (locale === 'vi' ? w.vi : w.enMany) : locale === 'vi' ? 'đơn vị cùng loại' : 'units of its kind'
}
const groupList = (g: unknown): string => (Array.isArray(g) ? g.map((x) => `"${x}"`).join('; ') : String(g))

const catalog: Record<FileIssueCode, (p: P) => { vi: string; en: string }> = {
  file_not_found: (p) => ({ vi: `Không tìm thấy tệp ${q(p.file)}`, en: `File ${q(p.file)} not found` }),
  empty_file: () => ({ vi: 'Tệp rỗng, không có dữ liệu', en: 'The file is empty' }),
  not_a_workbook: (p) => ({
    vi: `Không phải tệp Excel (.xlsx) đọc được${p.detail ? `: ${detail(p.detail, 'vi')}` : ''}`,
    en: `Not a readable Excel workbook (.xlsx)${p.detail ? `: ${detail(p.detail, 'en')}` : ''}`,
  }),
  read_failed: (p) => ({ vi: `Không đọc được tệp: ${detail(p.detail, 'vi')}`, en: `The file could not be read: ${detail(p.detail, 'en')}` }),
  not_a_csv: (p) => ({
    vi: `Không phải tệp văn bản CSV${p.detail ? `: ${detail(p.detail, 'vi')}` : ''}`,
    en: `Not a CSV text file${p.detail ? `: ${detail(p.detail, 'en')}` : ''}`,
  }),
  password_protected: () => ({
    vi: 'Tệp được bảo vệ bằng mật khẩu nên không đọc được: hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại',
    en: 'The file is protected by a password and cannot be read: open it in Excel, remove the password (File › Info › Protect Workbook) and save it again',
  }),
  file_too_large: (p) => ({
    vi: `Tệp quá lớn (${bytes(p.size, 'vi')}, giới hạn ${bytes(p.limit, 'vi')}): biểu tự đánh giá chỉ vài trăm dòng; hãy bỏ ảnh và các trang tính thừa rồi lưu lại`,
    en: `The file is too large (${bytes(p.size, 'en')}, limit ${bytes(p.limit, 'en')}): a self-assessment form has a few hundred rows; remove pictures and extra sheets and save it again`,
  }),
  unsafe_zip: (p) => ({ vi: `Tệp nén bất thường, không đọc: ${detail(p.detail, 'vi')}`, en: `An abnormal zip, not read: ${detail(p.detail, 'en')}` }),
  too_many_rows: (p) => ({
    vi: `Trang tính ${q(p.sheet)} có ${n(p.rows, 'vi')} dòng, vượt giới hạn ${n(p.limit, 'vi')} dòng: tệp không được đọc; hãy xoá các dòng thừa rồi lưu lại`,
    en: `Sheet ${q(p.sheet)} has ${n(p.rows, 'en')} rows, above the limit of ${n(p.limit, 'en')}: the file is not read; delete the extra rows and save it again`,
  }),
  too_many_cells: (p) => ({
    vi: `Tệp có ${n(p.cells, 'vi')} ô${p.sheet ? ` (trang tính ${q(p.sheet)})` : ''}, vượt giới hạn ${n(p.limit, 'vi')} ô (tính cả ô gộp): tệp không được đọc; hãy xoá các trang tính, dòng, cột thừa rồi lưu lại`,
    en: `The file has ${n(p.cells, 'en')} cells${p.sheet ? ` (sheet ${q(p.sheet)})` : ''}, above the limit of ${n(p.limit, 'en')} (merged areas included): the file is not read; delete extra sheets, rows and columns and save it again`,
  }),
  unterminated_quote: (p) => ({
    vi: `Dấu ngoặc kép (") mở ở dòng ${p.line} không được đóng: phần còn lại của tệp bị dồn vào một ô; hãy sửa dòng này rồi lưu lại`,
    en: `The quote (") opened on line ${p.line} is never closed: the rest of the file ran into one cell; fix that line and save it again`,
  }),
  result_file: () => ({
    vi: 'Đây là tệp kết quả do chiso ghi, không phải biểu tự đánh giá',
    en: 'This is a result file written by chiso, not a self-assessment form',
  }),
  internal_error: (p) => ({
    vi: `Lỗi nội bộ của chiso khi đọc tệp này (${p.detail}); tệp có thể không sai — xin báo lỗi này cho nhóm phát triển kèm tệp`,
    en: `Internal error in chiso while reading this file (${p.detail}); the file may be fine — please report this bug with the file`,
  }),
  more_issues: (p) => ({
    vi: `… và ${n(p.count, 'vi')} vấn đề khác trong tệp này (${n(p.errors, 'vi')} lỗi, ${n(p.warnings, 'vi')} cảnh báo) không được liệt kê`,
    en: `… and ${n(p.count, 'en')} more problems in this file (${n(p.errors, 'en')} errors, ${n(p.warnings, 'en')} warnings), not listed`,
  }),
  sheet_not_found: (p) => ({
    vi: `Không có trang tính ${q(p.sheet)} (các trang có: ${p.sheets})`,
    en: `No worksheet ${q(p.sheet)} (sheets: ${p.sheets})`,
  }),
  form_not_found: (p) => ({
    vi: `Không tìm thấy biểu tự đánh giá: cần dòng tiêu đề có cột "STT" và "Điểm tự đánh giá" (đã xem: ${p.sheets})`,
    en: `No self-assessment form found: need a header row with "STT" and "Điểm tự đánh giá" columns (looked at: ${p.sheets})`,
  }),
  missing_column: (p) => ({
    vi: `Dòng tiêu đề thiếu cột "${p.column}"`,
    en: `The header row lacks the "${p.columnEn}" column`,
  }),
  number_too_long: (p) => ({
    vi: `Ô điểm chứa số dài ${n(p.length, 'vi')} ký tự (tối đa ${p.max}): ${q(p.value)}`,
    en: `A number of ${n(p.length, 'en')} characters in a score cell (at most ${p.max}): ${q(p.value)}`,
  }),
  invalid_number: (p) => ({
    vi: `Ô điểm chứa chữ, không phải số: ${q(p.value)}`,
    en: `Text in a number cell: ${q(p.value)}`,
  }),
  date_in_number_cell: (p) => ({
    vi: `Ô điểm đang ở dạng ngày tháng (${p.value}); hãy định dạng ô là số và nhập lại điểm`,
    en: `The score cell holds a date (${p.value}); format the cell as a number and re-enter the score`,
  }),
  formula_error: (p) => ({
    vi: `Công thức trong ô cho lỗi ${p.value}`,
    en: `The formula in the cell gives the error ${p.value}`,
  }),
  formula_without_result: (p) => ({
    vi: `Ô có công thức ${q(p.formula)} nhưng chưa có kết quả tính; mở tệp bằng Excel hoặc LibreOffice và lưu lại`,
    en: `The cell has the formula ${q(p.formula)} but no computed result; open the file in Excel or LibreOffice and save it again`,
  }),
  duplicate_row: (p) => ({
    vi: `Tiêu chí "${p.code}" xuất hiện nhiều lần (đã có ở dòng ${p.first})`,
    en: `Criterion "${p.code}" appears more than once (already on row ${p.first})`,
  }),
  score_without_code: (p) => ({
    vi: `Dòng ${p.row} có điểm nhưng không có STT (mã tiêu chí): điểm này bị bỏ qua`,
    en: `Row ${p.row} has a score but no STT (criterion code): the score is ignored`,
  }),
  missing_unit: () => ({
    vi: 'Không xác định được đơn vị: điền "Mã đơn vị" hoặc "Tên đơn vị" ở đầu biểu',
    en: 'The unit is unknown: fill in "Mã đơn vị" (unit code) or "Tên đơn vị" (unit name) at the top of the form',
  }),
  period_mismatch: (p) => ({
    vi: `Kỳ đánh giá trong biểu là ${q(p.found)}, khác kỳ đang chấm ${q(p.expected)}`,
    en: `The form is for period ${q(p.found)}, not the period being scored ${q(p.expected)}`,
  }),
  max_mismatch: (p) => ({
    vi: `Điểm tối đa của "${p.code}" trong biểu là ${dec(p.found)}, bộ chỉ số quy định ${dec(p.expected)}: dùng điểm của bộ chỉ số`,
    en: `Maximum of "${p.code}" in the form is ${p.found}, the pack says ${p.expected}: the pack's maximum is used`,
  }),
  score_on_inner_node: (p) => ({
    vi: `"${p.code}" có tiêu chí thành phần: biểu ghi ${dec(p.value)} điểm nhưng tổng các tiêu chí thành phần là ${dec(p.sum)}; điểm được cộng từ các tiêu chí thành phần`,
    en: `"${p.code}" has sub-criteria: the form says ${p.value} but its sub-criteria add up to ${p.sum}; points add up from the sub-criteria`,
  }),
  not_a_survey_criterion: (p) => ({
    vi: `"${p.code}" không phải tiêu chí điều tra xã hội học của bộ chỉ số ${p.pack}`,
    en: `"${p.code}" is not a survey criterion of pack ${p.pack}`,
  }),
  invalid_count: (p) => ({
    vi: `Số phiếu phải là số nguyên không âm: ${q(p.value)}`,
    en: `A respondent count must be a whole number ≥ 0: ${q(p.value)}`,
  }),
  survey_without_submission: (p) => ({
    vi: `Có kết quả điều tra cho đơn vị ${unit(p)} nhưng đơn vị này không có biểu tự đánh giá`,
    en: `Survey results for unit ${unit(p)}, which submitted no self-assessment`,
  }),
  group_inferred: (p) =>
    Number(p.fromOthers) > 0
      ? {
          vi: `Ô "Nhóm xếp hạng" để trống: đơn vị ${unit(p)} được xếp hạng cùng nhóm "${p.group}" như các biểu ${kindWord(p.kind, 'vi')} khác; ghi nhóm vào ô này nếu khác`,
          en: `The "Nhóm xếp hạng" (ranking group) cell is blank: unit ${unit(p)} is ranked in group "${p.group}" like the other ${kindWord(p.kind, 'en')}' forms; write the group in this cell if it differs`,
        }
      : {
          vi: `Ô "Nhóm xếp hạng" để trống: đơn vị ${unit(p)} được xếp hạng trong khối ${kindWord(p.kind, 'vi')} (nhóm "${p.group}"), vì các biểu khác có ghi nhóm; ghi nhóm vào ô này nếu khác`,
          en: `The "Nhóm xếp hạng" (ranking group) cell is blank: unit ${unit(p)} is ranked with the ${kindWord(p.kind, 'en')} (group "${p.group}"), since other forms name their groups; write the group in this cell if it differs`,
        },
  score_not_applicable: (p) => ({
    vi: `"${p.code}" không áp dụng${p.reason ? ` (${p.reason})` : ''}: điểm ${dec(p.value)} ghi trong biểu không được tính`,
    en: `"${p.code}" is not applicable${p.reason ? ` (${p.reason})` : ''}: the ${p.value} written in the form is not counted`,
  }),
  group_ambiguous: (p) => ({
    vi: `Ô "Nhóm xếp hạng" để trống mà các biểu ${kindWord(p.kind, 'vi')} khác ghi nhiều nhóm (${groupList(p.groups)}): không biết xếp hạng đơn vị ${unit(p)} vào nhóm nào; ghi nhóm vào ô này`,
    en: `The "Nhóm xếp hạng" (ranking group) cell is blank while the other ${kindWord(p.kind, 'en')}' forms name several groups (${groupList(p.groups)}): unit ${unit(p)} cannot be placed; write its group in this cell`,
  }),
  total_mismatch: (p) => ({
    vi: `Ô "Tổng cộng" ghi ${dec(p.value)} điểm nhưng tổng điểm tự chấm các tiêu chí là ${dec(p.sum)}; điểm được cộng từ các tiêu chí`,
    en: `The "Tổng cộng" (total) cell says ${p.value} but the criteria's self scores add up to ${p.sum}; points add up from the criteria`,
  }),
  survey_for_refused_form: (p) => ({
    vi: `Có kết quả điều tra cho đơn vị ${unit(p)}, nhưng biểu tự đánh giá của đơn vị này (${p.form}) có lỗi nên không được chấm: sửa biểu rồi chấm lại`,
    en: `Survey results for unit ${unit(p)}, whose self-assessment form (${p.form}) has errors and is not scored: fix the form and score again`,
  }),
  facts_for_refused_form: (p) => ({
    vi: `Có dữ kiện cho đơn vị ${unit(p)}, nhưng biểu tự đánh giá của đơn vị này (${p.form}) có lỗi nên không được chấm: sửa biểu rồi chấm lại`,
    en: `Facts for unit ${unit(p)}, whose self-assessment form (${p.form}) has errors and is not scored: fix the form and score again`,
  }),
  blank_form: () => ({
    vi: 'Biểu trống: chưa điền điểm, tài liệu kiểm chứng hay giải trình nào; không chấm',
    en: 'A blank form: no score, evidence or explanation filled in; not scored',
  }),
  unknown_fact: (p) => ({
    vi: `Bộ chỉ số không đọc dữ kiện ${q(p.name)}${p.suggestion ? `; có phải ${q(p.suggestion)}?` : ''}: giá trị này bị bỏ qua`,
    en: `The pack reads no fact ${q(p.name)}${p.suggestion ? `; did you mean ${q(p.suggestion)}?` : ''}: the value is ignored`,
  }),
  invalid_fact: (p) => ({
    vi: `Dữ kiện ${q(p.fact)}${p.titleVi ? ` (${p.titleVi})` : ''} của đơn vị ${unit(p)} ${detail(p.expected, 'vi')}, ô ghi ${q(p.value)}: đơn vị này không được chấm cho đến khi sửa ô này`,
    en: `Fact ${q(p.fact)}${p.titleEn ? ` (${p.titleEn})` : ''} of unit ${unit(p)} ${detail(p.expected, 'en')}, the cell holds ${q(p.value)}: this unit is not scored until the cell is fixed`,
  }),
  cell_text_truncated: (p) => ({
    vi: `Văn bản dài ${n(p.length, 'vi')} ký tự, quá ${n(p.max, 'vi')} ký tự một ô Excel chứa được: đã cắt bớt, cuối ô ghi rõ số ký tự bị cắt`,
    en: `A text of ${n(p.length, 'en')} characters, more than the ${n(p.max, 'en')} an Excel cell holds: cut, the end of the cell says how much`,
  }),
  facts_without_submission: (p) => ({
    vi: `Có dữ kiện cho đơn vị ${unit(p)} nhưng đơn vị này không có biểu tự đánh giá`,
    en: `Facts for unit ${unit(p)}, which submitted no self-assessment`,
  }),
  invalid_round: (p) => ({
    vi: `Vòng thẩm định phải là số nguyên từ 1 trở lên, ô ghi ${q(p.value)}`,
    en: `An appraisal round must be a whole number from 1 up, the cell holds ${q(p.value)}`,
  }),
  appraisal_round_mismatch: (p) => ({
    vi: `Vòng ${p.round} ghi ${p.field === 'at' ? 'ngày thẩm định' : 'cơ quan, người thẩm định'} ${q(p.found)}, khác ${q(p.first)} ở dòng ${p.firstRow}: mỗi vòng thẩm định chỉ có một ${p.field === 'at' ? 'ngày' : 'cơ quan, người thẩm định'}`,
    en: `Round ${p.round} gives the ${p.field === 'at' ? 'appraisal date' : 'reviewer'} ${q(p.found)}, not ${q(p.first)} as on row ${p.firstRow}: each appraisal round has one ${p.field === 'at' ? 'date' : 'reviewer'}`,
  }),
  appraisal_cleared: (p) => ({
    vi: `Tiêu chí "${p.code}" có điểm thẩm định ${dec(p.points)} ở vòng ${p.round} (trang ${q(p.sheet)}, dòng ${p.row}) nhưng ô "Điểm thẩm định" của tiêu chí để trống: không bỏ được một vòng thẩm định đã ghi bằng cách xoá ô; hãy ghi lại điểm vào ô, hoặc xoá dòng của vòng đó ở trang ${q(p.sheet)}`,
    en: `Criterion "${p.code}" was appraised at ${p.points} in round ${p.round} (sheet ${q(p.sheet)}, row ${p.row}) but its "Điểm thẩm định" cell is empty: an appraisal round on record is not undone by clearing the cell; enter the points in the cell again, or delete that round's row on sheet ${q(p.sheet)}`,
  }),
  pack_mismatch: (p) => ({
    vi: `Biểu được lập theo bộ chỉ số ${q(p.found)}, đang chấm theo ${q(p.expected)}${p.refused ? ': tệp này không được chấm' : ''}`,
    en: `The form was made for pack ${q(p.found)}, scoring with ${q(p.expected)}${p.refused ? ': this file is not scored' : ''}`,
  }),
}

/**
 * Builds a located issue from the adapters' catalog.
 *
 * @example
 * ```ts
 * import { fileIssue } from '@chiso/adapters/xlsx'
 * fileIssue('invalid_number', { file: 'xa-a.xlsx', sheet: 'Tự đánh giá', cell: 'D14', row: 14 }, { value: 'năm' }, 'năm')
 * ```
 */
export function fileIssue(
  code: FileIssueCode,
  at: { file: string; sheet?: string | undefined; cell?: string | undefined; row?: number | undefined },
  params: IssueParams = {},
  value?: unknown,
  severity: 'error' | 'warning' = 'error',
): FileIssue {
  const located = locate({ code, path: [], message: catalog[code](params), ...(value === undefined ? {} : { value }) }, at, severity)
  if (typeof params.unitId !== 'string') return located
  return { ...located, unit: typeof params.name === 'string' ? { id: params.unitId, name: params.name } : { id: params.unitId } }
}

/**
 * An issue's message in a language. The adapters' own messages are written final (counts
 * with thousands separators, "100.000 ký tự", and decimals already localised); a core
 * issue's message has the engine's decimals ("1.5"), given the locale's mark here. Run
 * through localiseNumbers, "100.000" would read as "100,000" — a hundred. @internal
 */
export function issueText(issue: ChisoIssue, locale: 'vi' | 'en'): string {
  const text = issue.message[locale]
  return Object.hasOwn(catalog, issue.code) ? text : localiseNumbers(text, locale)
}

/**
 * A core issue's Vietnamese message with decimal commas, as every output (the --json one
 * too) shows it; a list of allowed scores is separated by ";" ("0; 0,5; 1"), since a comma
 * is also the decimal mark ("0, 1, 1,5, 2" read two ways).
 */
function coreVi(issue: ChisoIssue): string {
  const vi = issue.message.vi
  const allowed = (issue as { params?: { allowed?: unknown } }).params?.allowed
  if (issue.code === 'score_not_allowed' && typeof allowed === 'string' && vi.endsWith(allowed)) {
    const list = allowed
      .split(/,\s*/)
      .map((v) => localiseNumbers(v, 'vi'))
      .join('; ')
    return localiseNumbers(vi.slice(0, vi.length - allowed.length), 'vi') + list
  }
  return localiseNumbers(vi, 'vi')
}

/**
 * Attaches a file / sheet / cell location to a core issue.
 *
 * @example
 * ```ts
 * import { locate } from '@chiso/adapters/xlsx'
 * const located = locate(coreIssue, { file: 'xa-a.xlsx', sheet: 'Tự đánh giá', cell: 'D14' })
 * ```
 */
export function locate(issue: ChisoIssue, at: { file: string; sheet?: string | undefined; cell?: string | undefined; row?: number | undefined }, severity: 'error' | 'warning' = 'error'): FileIssue {
  const out: { -readonly [K in keyof FileIssue]: FileIssue[K] } = {
    ...issue,
    ...(Object.hasOwn(catalog, issue.code) ? {} : { message: { ...issue.message, vi: coreVi(issue) } }),
    file: at.file,
    severity,
  }
  if (at.sheet !== undefined) out.sheet = at.sheet
  if (at.cell !== undefined) out.cell = at.cell
  if (at.row !== undefined) out.row = at.row
  return out
}

/**
 * One line for a terminal or a log: `file › sheet › D14: message (code)`; decimals in the
 * Vietnamese message take a comma (criterion codes in quotes are left as they are).
 *
 * @example
 * ```ts
 * import { formatFileIssue } from '@chiso/adapters/xlsx'
 * formatFileIssue(issue) // 'xa-a.xlsx › Tự đánh giá › D14: Điểm 3 của "1.1" vượt điểm tối đa 2,5 [score_above_max]'
 * formatFileIssue(issue, 'en') // '… Score 3 for "1.1" exceeds the maximum 2 [score_above_max]'
 * ```
 */
export function formatFileIssue(issue: FileIssue, locale: 'vi' | 'en' = 'vi'): string {
  // a CSV file's one "sheet" is named after the file: said once ("du-kien.csv › B2")
  const sheet = issue.sheet === issue.file ? undefined : issue.sheet
  const where = [issue.file, sheet, issue.cell].filter((x) => x !== undefined && x !== '').join(' › ')
  const tag = issue.severity === 'warning' ? (locale === 'vi' ? ' (cảnh báo)' : ' (warning)') : ''
  return `${where}: ${issueText(issue, locale)}${tag} [${issue.code}]`
}

/**
 * The problems that kept a unit from being scored, for a command asked about it by id or
 * name: those of a file whose name holds it, and the errors that name the unit (a facts
 * table's cell that refused it lies in another file). @internal
 */
export function problemsOfUnit(issues: readonly FileIssue[], unit: string): FileIssue[] {
  const want = normalizeHeader(unit)
  const names = (v: unknown): boolean => typeof v === 'string' && normalizeHeader(v) === want
  return issues.filter((i) => normalizeHeader(i.file).includes(want) || (i.severity === 'error' && i.unit !== undefined && (names(i.unit.id) || names(i.unit.name))))
}
