/**
 * Every line the `chiso` command prints of its own, in Vietnamese and in English: one map
 * per language with the same keys (the type checks that both say everything). `--lang vi`
 * (the default) prints Vietnamese only, `--lang en` English only. Reports (tables,
 * summaries, marks) are worded in shared/summary.ts and shared/marks.ts; problems in
 * files in shared/issues.ts.
 */
import { dateVi, formatDuration, type Locale } from '../shared/locale.js'

const list = (xs: readonly string[]): string => xs.join(', ')
/** An English count with its noun: "1 file", "2 files". */
const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

const vi = {
  invalidPack: (file: string | undefined, n: number) => `Bộ chỉ số không hợp lệ${file ? ` (${file})` : ''}: ${n} lỗi`,
  notFound: (xs: readonly string[]) => `Không tìm thấy: ${list(xs)}`,
  noFiles: (xs: readonly string[]) => `Không có tệp .xlsx, .ods hoặc .csv nào trong: ${list(xs)}`,
  skippedResult: (f: string) => `Bỏ qua ${f}: tệp kết quả do chiso ghi, không phải biểu tự đánh giá`,
  blankForm: (f: string) => `Bỏ qua ${f}: biểu trống (chưa điền điểm nào), không chấm`,
  surveyInFolder: (f: string) => `Dùng kết quả điều tra xã hội học trong ${f}`,
  manySurveyTables: (fs: readonly string[]) => `Có nhiều bảng kết quả điều tra xã hội học trong thư mục: ${list(fs)}; hãy chọn một bằng --survey`,
  outputIsInput: (option: string, shown: string) => `${option} trỏ tới tệp đầu vào "${shown}": ghi vào đó sẽ mất tệp đã nộp; hãy chọn tên khác`,
  outputsSame: (a: string, b: string, file: string) => `${a} và ${b} trùng một tệp: ${file}`,
  couldNotScore: 'Không chấm được:',
  problemsHeader: (errors: number, warnings: number) => `Vấn đề trong các tệp đã nộp: ${errors} lỗi, ${warnings} cảnh báo`,
  allFormsOtherPack: (n: number, pack: string, family: string | undefined) =>
    `tất cả ${n} biểu là của bộ chỉ số ${pack}${family !== undefined ? `; có phải --pack ${family}?` : `; chấm bằng --pack ${pack}`}`,
  internalReading: (n: number) => `Lỗi nội bộ của chiso khi đọc ${n} tệp: đây là lỗi của chương trình, không phải của dữ liệu; xin báo lỗi kèm tệp và chi tiết ở trên (mã thoát 3)`,
  internal: 'Lỗi nội bộ của chiso (không phải lỗi trong dữ liệu): xin báo lỗi kèm lệnh đã chạy và chi tiết dưới đây',
  cannotWrite: (file: string, detail: string) => `Không ghi được tệp ${file}: ${detail}`,
  progressRead: 'Đọc biểu',
  progressScore: 'Chấm điểm',
  progressWrite: 'Ghi biểu',
  filesValid: (files: number, valid: number, rejected: number) => `${files} tệp: ${valid} hợp lệ, ${rejected} có lỗi`,
  packValid: (t: string, id: string, areas: number, nodes: number, leaves: number, scale: string) =>
    `✓ ${t}: ${id} hợp lệ — ${areas} lĩnh vực, ${nodes} tiêu chí (${leaves} tiêu chí thành phần), thang điểm ${scale}`,
  packInvalid: (t: string, n: number) => `✗ ${t}: ${n} lỗi`,
  templateWritten: (id: string, n: number, out: string) => `Đã ghi biểu ${id} (${n} tiêu chí) vào ${out}`,
  forYear: (y: string) => `năm ${y}`,
  periodFromForms: (y: string) => `kỳ đánh giá ${y} lấy từ các biểu`,
  readSummary: (files: number, scored: number, rejected: number, skipped: number, blank: number, ms: number) =>
    `Đã đọc ${files} tệp: chấm ${scored}, không chấm được ${rejected}${skipped > 0 ? `, bỏ qua ${skipped} tệp kết quả` : ''}${blank > 0 ? `, ${blank} biểu trống` : ''} (${formatDuration(ms, 'vi')})`,
  resultWritten: (out: string) => `Kết quả: ${out}`,
  unitHasErrors: (unit: string) => `Không chấm được đơn vị "${unit}" vì biểu có lỗi:`,
  noUnit: (unit: string) => `Không có đơn vị "${unit}" trong các tệp đã đọc`,
  yearNeeded: (y: string) => `--year cần một năm như 2024: ${y}`,
  seedNeeded: (s: string) => `--seed cần một số nguyên: ${s}`,
  sampleHeader: (province: string, year: string) => `${province} — kết quả Chỉ số CCHC năm ${year}`,
  sampleWritten: (n: number, folder: string, survey: string) => `Đã ghi ${n} biểu vào ${folder}, kèm kết quả điều tra xã hội học ${survey} (chiso score đọc cả hai)`,
  partHeader: (title: string, year: string) => `${title}, năm ${year}`,
  // editions and periods
  periodsDisagree: (parts: readonly string[]) => `Các biểu thuộc nhiều kỳ đánh giá: ${parts.join('; ')}. Hãy tách các biểu theo năm hoặc chọn --year.`,
  periodPart: (period: string, files: number, edition: string | undefined, example: string) => `${period} (${files} tệp, ví dụ ${example}${edition ? `; bộ chỉ số ${edition}` : ''})`,
  editionMismatch: (year: string, edition: string, parts: readonly string[]) =>
    `Đang chấm năm ${year} theo bộ chỉ số ${edition}, nhưng các biểu thuộc ${parts.join('; ')}. Không chấm, để không chấm nhầm bộ chỉ số; hãy chọn --year cho đúng năm của các biểu.`,
  packOutOfForce: (edition: string, period: string, from: string, to: string | undefined) =>
    `Bộ chỉ số ${edition} có hiệu lực từ ngày ${dateVi(from)}${to ? ` đến ngày ${dateVi(to)}` : ''}, không áp dụng cho kỳ đánh giá ${period} của các biểu`,
  // what was scored 0
  zeroHeader: 'Tiêu chí tính 0 điểm vì thiếu dữ liệu:',
  zeroLine: (unit: string, noInput: number, evidence: number, evidenceZero: boolean, survey: number) => {
    const parts: string[] = []
    if (noInput > 0) parts.push(`${noInput} tiêu chí chưa có điểm tự chấm hay dữ kiện`)
    if (evidence > 0) parts.push(`${evidence} tiêu chí thiếu tài liệu kiểm chứng${evidenceZero ? '' : ' (chỉ gắn cờ)'}`)
    if (survey > 0) parts.push(`${survey} tiêu chí chưa có kết quả điều tra`)
    return `  ${unit}: ${parts.join(', ')}`
  },
  noSurvey: (criteria: number, points: string) =>
    `CẢNH BÁO: bộ chỉ số có ${criteria} tiêu chí chấm bằng điều tra xã hội học (${points} điểm) nhưng không có kết quả điều tra (--survey): mọi đơn vị bị tính 0 điểm ở các tiêu chí này, xếp loại thấp hơn thực tế.`,
  unitsWithoutSurvey: (n: number, names: readonly string[]) => `CẢNH BÁO: ${n} đơn vị không có dòng nào trong bảng kết quả điều tra, bị tính 0 điểm ở các tiêu chí điều tra: ${list(names)}`,
  // year over year
  badYears: (s: string) => `--years cần một khoảng năm như 2022..2024 hoặc danh sách 2022,2023,2024: ${s}`,
  yearsConflict: (years: string, year: string) => `--years ${years} phải kết thúc ở năm đang chấm --year ${year}`,
  noEarlierData: (year: string) => `Không có dữ liệu năm ${year} (thư mục con ${year} trong --in, hoặc bản ghi trong --history)`,
  earlierUnderOwnPack: (year: string, pack: string) => `Năm ${year}: các biểu được lập theo bộ chỉ số ${pack}, nên được chấm theo bộ chỉ số đó để so sánh thứ hạng`,
  earlierYearUnusable: (year: string, folders: readonly string[], rejected: number, why: string) =>
    `Không so sánh được với năm ${year}: không biểu nào trong ${list(folders)} chấm được (${rejected} biểu có lỗi)${why ? `; lỗi đầu tiên: ${why}` : ''}. Có thể dùng --history với bản ghi kết quả năm ${year} (chiso score --save)`,
  earlierYearPartial: (year: string, files: readonly string[]) => `Năm ${year}: ${files.length} biểu không chấm được (${list(files)}), các đơn vị đó không có thứ hạng năm ${year} để so sánh`,
  historyWithoutYears: (years: readonly string[]) => `So sánh với ${years.length > 1 ? 'các năm' : 'năm'} ${list(years)} trong --history`,
  historyNothingEarlier: (year: string) => `--history không có bản ghi nào trước năm ${year}: không có cột so sánh`,
  historyNotRecords: (f: string) => `${f}: không phải tệp bản ghi kết quả của chiso score --save`,
  // packs
  packsHeader: ['Bộ chỉ số', 'Phiên bản', 'Áp dụng cho', 'Hiệu lực', 'Nội dung'] as readonly string[],
  packsFrom: (from: string, to: string | undefined) => (to ? `${dateVi(from)} → ${dateVi(to)}` : `từ ${dateVi(from)}`),
  noRules: 'Chưa cài @chiso/rules-vn-cchc: không có bộ chỉ số nào để liệt kê',
  packsNote: 'Nội dung: "chính thức" = mọi tiêu chí theo văn bản; "tái dựng" = có nội dung tái dựng, không phải văn bản chính thức (xem chiso validate).',
  standing: { official: 'chính thức', 'shaped-after': 'tái dựng theo khuôn mẫu', reconstructed: 'tái dựng', unmarked: 'chưa ghi rõ' } as Record<string, string>,
}

type Messages = typeof vi

const en: Messages = {
  invalidPack: (file, n) => `Invalid pack${file ? ` (${file})` : ''}: ${count(n, 'problem')}`,
  notFound: (xs) => `Not found: ${list(xs)}`,
  noFiles: (xs) => `No .xlsx, .ods or .csv files in: ${list(xs)}`,
  skippedResult: (f) => `Skipped ${f}: a result file written by chiso, not a submission`,
  blankForm: (f) => `Skipped ${f}: a blank form (no score filled in), not scored`,
  surveyInFolder: (f) => `Using the survey results in ${f}`,
  manySurveyTables: (fs) => `Several survey results tables among the files: ${list(fs)}; choose one with --survey`,
  outputIsInput: (option, shown) => `${option} names the input file "${shown}": writing there would destroy a submission; choose another name`,
  outputsSame: (a, b, file) => `${a} and ${b} name the same file: ${file}`,
  couldNotScore: 'Could not score:',
  problemsHeader: (errors, warnings) => `Problems in the submitted files: ${count(errors, 'error')}, ${count(warnings, 'warning')}`,
  allFormsOtherPack: (n, pack, family) => `all ${n} forms are for the pack ${pack}${family !== undefined ? `; did you mean --pack ${family}?` : `; score them with --pack ${pack}`}`,
  internalReading: (n) => `chiso met an internal error reading ${count(n, 'file')}: a bug in chiso, not in your data; please report it with the file and the details above (exit code 3)`,
  internal: 'Internal error in chiso (not a problem in your data): please report it with the command you ran and the details below',
  cannotWrite: (file, detail) => `Cannot write ${file}: ${detail}`,
  progressRead: 'Reading forms',
  progressScore: 'Scoring',
  progressWrite: 'Writing forms',
  filesValid: (files, valid, rejected) => `${count(files, 'file')}: ${valid} valid, ${rejected} with errors`,
  packValid: (t, id, areas, nodes, leaves, scale) => `✓ ${t}: ${id} is valid — ${areas} areas, ${nodes} criteria (${leaves} scored leaves), scale ${scale}`,
  packInvalid: (t, n) => `✗ ${t}: ${count(n, 'problem')}`,
  templateWritten: (id, n, out) => `Wrote the form of ${id} (${n} criteria) to ${out}`,
  forYear: (y) => `for ${y}`,
  periodFromForms: (y) => `period ${y} taken from the forms`,
  readSummary: (files, scored, rejected, skipped, blank, ms) =>
    `Read ${count(files, 'file')}: scored ${scored}, could not score ${rejected}${skipped > 0 ? `, skipped ${count(skipped, 'result file')}` : ''}${blank > 0 ? `, ${count(blank, 'blank form')}` : ''} (${formatDuration(ms, 'en')})`,
  resultWritten: (out) => `Results: ${out}`,
  unitHasErrors: (unit) => `"${unit}" could not be scored, its form has problems:`,
  noUnit: (unit) => `No unit "${unit}" in the files read`,
  yearNeeded: (y) => `--year needs a year such as 2024: ${y}`,
  seedNeeded: (s) => `--seed needs an integer: ${s}`,
  sampleHeader: (province, year) => `${province} — PAR index results for ${year}`,
  sampleWritten: (n, folder, survey) => `Wrote ${n} forms to ${folder} and the survey results ${survey} (chiso score reads both)`,
  partHeader: (title, year) => `${title}, ${year}`,
  periodsDisagree: (parts) => `The forms are for several periods: ${parts.join('; ')}. Put each year's forms in its own folder, or choose --year.`,
  periodPart: (period, files, edition, example) => `${period} (${count(files, 'file')}, e.g. ${example}${edition ? `; pack ${edition}` : ''})`,
  editionMismatch: (year, edition, parts) =>
    `Scoring ${year} under ${edition}, but the forms are for ${parts.join('; ')}. Nothing scored, so that nothing is scored under the wrong pack; choose the --year of the forms.`,
  packOutOfForce: (edition, period, from, to) => `Pack ${edition} is in force from ${from}${to ? ` to ${to}` : ''}, not for the forms' period ${period}`,
  zeroHeader: 'Criteria scored 0 for want of data:',
  zeroLine: (unit, noInput, evidence, evidenceZero, survey) => {
    const parts: string[] = []
    if (noInput > 0) parts.push(`${noInput} with no self score and no facts`)
    if (evidence > 0) parts.push(`${evidence} missing evidence${evidenceZero ? '' : ' (flagged only)'}`)
    if (survey > 0) parts.push(`${survey} with no survey result`)
    return `  ${unit}: ${parts.join(', ')}`
  },
  noSurvey: (criteria, points) =>
    `WARNING: the pack scores ${criteria} criteria (${points} points) by survey, and no survey results were given (--survey): every unit gets 0 on them and a lower band than it should.`,
  unitsWithoutSurvey: (n, names) => `WARNING: ${n} units have no row in the survey results and get 0 on the survey criteria: ${list(names)}`,
  badYears: (s) => `--years needs a range such as 2022..2024 or a list 2022,2023,2024: ${s}`,
  yearsConflict: (years, year) => `--years ${years} must end with the year being scored, --year ${year}`,
  noEarlierData: (year) => `No data for ${year} (a ${year} subfolder of --in, or records in --history)`,
  earlierUnderOwnPack: (year, pack) => `${year}: the forms were made under pack ${pack}, so they are scored under it to compare ranks`,
  earlierYearUnusable: (year, folders, rejected, why) =>
    `No comparison with ${year}: no form in ${list(folders)} could be scored (${rejected} with errors)${why ? `; first error: ${why}` : ''}. --history with the ${year} result records (chiso score --save) can be used instead`,
  earlierYearPartial: (year, files) => `${year}: ${count(files.length, 'form')} could not be scored (${list(files)}); those units have no ${year} rank to compare with`,
  historyWithoutYears: (years) => `Comparing with ${list(years)} from --history`,
  historyNothingEarlier: (year) => `--history holds no record before ${year}: no comparison column`,
  historyNotRecords: (f) => `${f}: not a records file written by chiso score --save`,
  packsHeader: ['Pack', 'Version', 'Applies to', 'In force', 'Content'],
  packsFrom: (from, to) => (to ? `${from} → ${to}` : `from ${from}`),
  noRules: '@chiso/rules-vn-cchc is not installed: there are no packs to list',
  packsNote: 'Content: "official" = every criterion as in the text; "reconstructed" = holds reconstructed content, not an official text (see chiso validate).',
  standing: { official: 'official', 'shaped-after': 'reconstructed, shaped after a template', reconstructed: 'reconstructed', unmarked: 'not stated' },
}

/** The CLI's messages in a language. @internal */
export function messages(locale: Locale): Messages {
  return locale === 'en' ? en : vi
}

export type { Messages }
