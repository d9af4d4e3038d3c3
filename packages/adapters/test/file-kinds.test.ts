// Issue #10, item 4: files are told apart by their bytes and named for what they are;
// zips are checked before anything unpacks them; every limit gives a message, not a crash.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { findSubmissionFiles, readSubmissions } from '../src/cli/index.js'
import { decodeText, parseCsv, readAssessmentCsv } from '../src/csv/index.js'
import { textEncoding } from '../src/shared/detect.js'
import { crc32 } from '../src/shared/zip.js'
import { readAssessmentWorkbook } from '../src/xlsx/index.js'
import { filledWorkbook, fixture, GOOD, saveWorkbook, testPack } from './helpers.js'
import { bombXlsx, makeZip, minimalXlsx, repeatedDeflate, sheetXml } from './zip-builder.js'

const pack = testPack()
const MiB = 1024 * 1024
const opts = (fileName: string) => ({ period: '2024', fileName })

async function problems(bytes: Uint8Array, fileName: string): Promise<{ code: string; vi: string; en: string; sheet?: string; cell?: string }[]> {
  const r = fileName.endsWith('.csv') ? await readAssessmentCsv(bytes, pack, opts(fileName)) : await readAssessmentWorkbook(bytes, pack, opts(fileName))
  if (r.ok) return []
  return r.issues.map((i) => ({ code: i.code, vi: i.message.vi, en: i.message.en, ...(i.sheet ? { sheet: i.sheet } : {}), ...(i.cell ? { cell: i.cell } : {}) }))
}

/** The form as CSV text with `sep` between cells. */
const formCsv = (sep: string): string =>
  [
    ['Mã đơn vị:', 'xa-u16'],
    ['Kỳ đánh giá:', '2024'],
    ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá'],
    ['1.1', 'Ban hành kế hoạch', '1', '1'],
    ['2.3', 'Tiếp nhận phản ánh', '1,5', '1,5'],
  ]
    .map((r) => r.join(sep))
    .join('\r\n') + '\r\n'

const utf16be = (s: string): Uint8Array => {
  const le = Buffer.from(s, 'utf16le')
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!]
  return le
}

describe('file kinds, told by content and named in the message', () => {
  it('a password-protected .xlsx (saved by LibreOffice) says so, not "an old .xls"', async () => {
    const p = await problems(new Uint8Array(await readFile(fixture('libreoffice/lo-password.xlsx'))), 'mat-khau.xlsx')
    expect(p.map((i) => i.code)).toEqual(['password_protected'])
    expect(p[0]!.vi).toContain('bảo vệ bằng mật khẩu')
    expect(p[0]!.en).toContain('protected by a password')
    expect(p[0]!.en).not.toContain('.xls')
  })

  it('an old .xls is still an old .xls; a Word 97 file is named as one', async () => {
    // OLE header, then one directory entry named "Workbook" (UTF-16LE, length 18 at +64) at offset 512
    const ole = (stream: string): Uint8Array => {
      const b = new Uint8Array(1024)
      b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
      for (let i = 0; i < stream.length; i++) b[512 + 2 * i] = stream.charCodeAt(i)
      b[512 + 64] = (stream.length + 1) * 2
      return b
    }
    expect((await problems(ole('Workbook'), 'cu.xlsx'))[0]!.en).toContain('an old .xls file (Excel 97-2003): save it as .xlsx')
    expect((await problems(ole('WordDocument'), 'van-ban.xlsx'))[0]!.en).toContain('a Word or PowerPoint 97-2003 document')
  })

  it('a zip that is not a workbook is named, not called "empty"', async () => {
    const plain = await problems(makeZip([{ name: 'ghi-chu.txt', data: 'xin chào' }]), 'nen.xlsx')
    expect(plain.map((i) => [i.code, i.en])).toEqual([['not_a_workbook', 'Not a readable Excel workbook (.xlsx): a zip archive that is not a workbook']])
    const docx = await problems(
      makeZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'word/document.xml', data: '<w:document/>' },
      ]),
      'bao-cao.xlsx',
    )
    expect(docx[0]!.vi).toBe('Không phải tệp Excel (.xlsx) đọc được: tài liệu Word (.docx)')
    const xlsb = await problems(
      makeZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'xl/workbook.bin', data: 'bin' },
      ]),
      'nhi-phan.xlsx',
    )
    expect(xlsb[0]!.en).toBe('Not a readable Excel workbook (.xlsx): an Excel binary workbook (.xlsb): save it as .xlsx')
    // an OpenDocument text is named; an OpenDocument spreadsheet is read (see ods.test.ts)
    const odt = await problems(
      makeZip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
        { name: 'content.xml', data: '<x/>' },
      ]),
      'van-ban.xlsx',
    )
    expect(odt[0]!.en).toBe('Not a readable Excel workbook (.xlsx): an OpenDocument text (.odt)')
    expect(await problems(new Uint8Array(await readFile(fixture('libreoffice/lo-form.ods'))), 'bieu.xlsx')).toEqual([])
  })

  it('a web page, an Excel 2003 XML file, a PDF and random bytes saved as .xlsx are each named', async () => {
    const say = async (b: Uint8Array | string): Promise<string> => (await problems(typeof b === 'string' ? new TextEncoder().encode(b) : b, 'x.xlsx'))[0]!.en
    expect(await say('\ufeff  <html><body><table><tr><td>STT</td></tr></table></body></html>')).toContain('a web page (HTML) saved under a spreadsheet name')
    expect(await say('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')).toContain('an Excel 2003 XML spreadsheet')
    expect(await say('%PDF-1.7\n%âãÏÓ\n')).toContain('a PDF document')
    expect(await say(new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)))).toContain('binary data of no known format')
    expect(await say('STT;Điểm tự đánh giá\n1.1;1\n')).toContain('a text file (CSV?): if it is a CSV, name it .csv')
  })

  it('reads UTF-16 CSV (Excel\'s "Unicode text"): LE with BOM, LE without BOM, BE with BOM', async () => {
    for (const [label, bytes] of [
      ['utf-16le bom', Buffer.from(`\ufeff${formCsv('\t')}`, 'utf16le')],
      ['utf-16le', Buffer.from(formCsv('\t'), 'utf16le')],
      ['utf-16be bom', utf16be(`\ufeff${formCsv(';')}`)],
    ] as const) {
      const r = await readAssessmentCsv(bytes, pack, opts(`${label}.csv`))
      expect(r.ok, `${label}: ${JSON.stringify(!r.ok && r.issues)}`).toBe(true)
      if (r.ok) expect(r.value.selfScores, label).toEqual({ '1.1': '1', '2.3': '1.5' })
    }
    expect(textEncoding(Buffer.from('Điểm tự đánh giá;1,5\r\n', 'utf16le'))).toEqual({ encoding: 'utf-16le', bom: 0 })
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x53, 0x54, 0x54]))).toBe('STT')
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0, 0]))).toBeUndefined()
  })

  it('a quote never closed is reported with its line and cell, not accepted silently', async () => {
    const text = `${formCsv(';')}2.1;"Tỷ lệ hồ sơ đúng hạn;4;3,5\r\n`
    const p = await problems(new TextEncoder().encode(text), 'ngoac.csv')
    expect(p).toEqual([
      {
        code: 'unterminated_quote',
        sheet: 'ngoac.csv',
        cell: 'B6',
        vi: 'Dấu ngoặc kép (") mở ở dòng 6 không được đóng: phần còn lại của tệp bị dồn vào một ô; hãy sửa dòng này rồi lưu lại',
        en: 'The quote (") opened on line 6 is never closed: the rest of the file ran into one cell; fix that line and save it again',
      },
    ])
    // quoted line breaks count as lines: the quote below opens on line 3
    const multi = await problems(new TextEncoder().encode('a;"x\ny"\n"b;c\n'), 'm.csv')
    expect(multi[0]).toMatchObject({ code: 'unterminated_quote', cell: 'A2' })
    expect(multi[0]!.en).toContain('line 3')
    // parseCsv itself still parses what it can
    expect(parseCsv('a;"b\n')).toEqual([['a', 'b\n']])
  })

  it('an .xlsx saved under a .csv name is read as the workbook it is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-kind-'))
    await writeFile(join(dir, 'xa-doi-ten.csv'), await filledWorkbook(pack, { unitId: 'xa-doi-ten', name: 'Xã Đổi Tên', scores: GOOD }))
    const { files } = await findSubmissionFiles([dir])
    const r = await readSubmissions(files, pack, { period: '2024', cwd: dir })
    expect(r.issues).toEqual([])
    expect(r.submissions.map((s) => s.assessment.unitId)).toEqual(['xa-doi-ten'])
  })
})

describe('zips are checked before they are unpacked', () => {
  it("a sheet declaring 1.1 GB, one lying about its size, and one with a bomb's ratio are refused", async () => {
    const honest = await problems(bombXlsx(1.1 * 1024 ** 3), 'bom.xlsx')
    expect(honest.map((i) => [i.code, i.en])).toEqual([['unsafe_zip', 'An abnormal zip, not read: part xl/worksheets/sheet1.xml unpacks to 1.1 GB, above the limit of 16 MB (possibly a zip bomb)']])
    expect(honest[0]!.vi).toBe('Tệp nén bất thường, không đọc: phần xl/worksheets/sheet1.xml giải nén ra 1,1 GB, vượt giới hạn 16 MB (có thể là "bom zip")')
    const lying = await problems(bombXlsx(1.1 * 1024 ** 3, 2048), 'noi-doi.xlsx')
    expect(lying[0]!.en).toBe('An abnormal zip, not read: part xl/worksheets/sheet1.xml does not unpack to its declared size (2 KB): damaged, or lying about its size')
    const ratio = await problems(bombXlsx(12 * MiB), 'ti-le.xlsx')
    expect(ratio[0]!.en).toMatch(/^An abnormal zip, not read: part xl\/worksheets\/sheet1\.xml is compressed \d{3,4}:1, above the limit of 200:1/)
  })

  it('parts adding up past the total, and too many parts, are refused', async () => {
    // text that compresses about 2:1, so no single part trips the ratio
    let x = 1
    const text = Array.from({ length: MiB }, () => String.fromCharCode(97 + ((x = (x * 1103515245 + 12345) % 2 ** 31) % 26))).join('')
    const part = repeatedDeflate(text, 12) // 12 MB each: three add up to 36 MB
    const big = makeZip([...['a', 'b', 'c'].map((n) => ({ name: `xl/worksheets/${n}.xml`, deflated: part })), { name: 'xl/workbook.xml', data: '<workbook/>' }])
    expect((await problems(big, 'tong.xlsx'))[0]!.en).toBe('An abnormal zip, not read: its parts unpack to 36 MB in all, above the limit of 32 MB (possibly a zip bomb)')
    const many = makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }, ...Array.from({ length: 10_000 }, (_, k) => ({ name: `x/${k}`, data: '' }))])
    expect((await problems(many, 'nhieu.xlsx'))[0]!.en).toBe('An abnormal zip, not read: it has 10,001 parts, above the limit of 10,000')
  })

  it('a workbook whose directory is in ZIP64 form is read', async () => {
    const form = sheetXml(
      [
        ['Mã đơn vị:', 'xa-64'],
        ['Kỳ đánh giá:', '2024'],
        ['STT', 'Điểm tự đánh giá'],
        ['1.1', '1'],
      ]
        .map((r, k) => `<row r="${k + 1}">${r.map((v, c) => `<c r="${'AB'[c]}${k + 1}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`)
        .join(''),
    )
    const r = await readAssessmentWorkbook(minimalXlsx(form, 'Biểu', [], true), pack, opts('zip64.xlsx'))
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (r.ok) expect(r.value).toMatchObject({ unitId: 'xa-64', selfScores: { '1.1': '1' } })
  })

  it('a damaged zip is named so', async () => {
    const zip = minimalXlsx(sheetXml(''))
    const cut = zip.subarray(0, zip.length - 30)
    expect((await problems(cut, 'cut.xlsx'))[0]!.en).toContain('a damaged .xlsx: its zip structure is damaged')
  })

  it("rows, cells, merged areas and references outside Excel's grid are counted before exceljs builds them", async () => {
    const rows = Array.from({ length: 100_001 }, (_, k) => `<row r="${k + 1}"/>`).join('')
    expect(await problems(minimalXlsx(sheetXml(rows), 'Dữ liệu'), 'dong.xlsx')).toEqual([
      expect.objectContaining({
        code: 'too_many_rows',
        sheet: 'Dữ liệu',
        en: 'Sheet "Dữ liệu" has 100,001 rows, above the limit of 100,000: the file is not read; delete the extra rows and save it again',
      }),
    ])
    const merge = await problems(minimalXlsx(sheetXml('', '<mergeCells><mergeCell ref="A1:Z10000"/></mergeCells>')), 'gop.xlsx')
    expect(merge[0]!.en).toBe(
      'The file has 260,000 cells (sheet "Sheet1"), above the limit of 200,000 (merged areas included): the file is not read; delete extra sheets, rows and columns and save it again',
    )
    // exceljs parses any part whose name holds xl/worksheets/sheetN.xml: so does the count
    const hidden = await problems(
      minimalXlsx(sheetXml(''), 'Sheet1', [{ name: 'x/xl/worksheets/sheet2.xml', data: sheetXml('', '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>') }]),
      'an.xlsx',
    )
    expect(hidden[0]!.code).toBe('too_many_cells')
    const far = await problems(minimalXlsx(sheetXml('<row r="1"><c r="A2000000"><v>1</v></c></row>')), 'xa.xlsx')
    expect(far[0]!.en).toBe("Not a readable Excel workbook (.xlsx): damaged: the reference A2000000 is outside Excel's grid")
    const cols = await problems(minimalXlsx(sheetXml('', '').replace('<sheetData>', '<cols><col min="1" max="999999999" width="9"/></cols><sheetData>')), 'cot.xlsx')
    expect(cols[0]!.en).toContain('the reference col 1:999999999 is outside')
  })

  it('a list validation over a whole column (common in real forms) does not stop the form being read', async () => {
    const bytes = await filledWorkbook(pack, { unitId: 'xa-ds', name: 'Xã Danh Sách', scores: GOOD })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    // exceljs has this at run time but not in its types
    const ws = wb.worksheets[0] as unknown as { dataValidations: { add(range: string, v: object): void } }
    ws.dataValidations.add('G1:G1048576', { type: 'list', allowBlank: true, formulae: ['"Có,Không"'] })
    const r = await readAssessmentWorkbook(await saveWorkbook(wb), pack, opts('xa-ds.xlsx'))
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (r.ok) expect(Object.keys(r.value.selfScores ?? {}).sort()).toEqual(Object.keys(GOOD).sort())
  })

  it('pictures are never unpacked; the workbook around them still reads', async () => {
    const bytes = await filledWorkbook(pack, { unitId: 'xa-anh', name: 'Xã Ảnh', scores: GOOD })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex')
    wb.worksheets[0]!.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'H2:I4')
    const r = await readAssessmentWorkbook(await saveWorkbook(wb), pack, opts('xa-anh.xlsx'))
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
  })

  it('crc32 is the zip polynomial', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })
})

describe('one bad file never stops the others', () => {
  it('the 130 000-row CSV of the issue is one problem of its file (it used to crash the whole run)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-rows-'))
    await writeFile(join(dir, 'xa-a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', scores: GOOD }))
    await writeFile(join(dir, 'xa-dai.csv'), `Mã đơn vị:;xa-dai\nKỳ đánh giá:;2024\nSTT;Tiêu chí;Điểm tối đa;Điểm tự đánh giá\n${'1.1;Ban hành kế hoạch;1;1\n'.repeat(130_000)}`)
    const { files } = await findSubmissionFiles([dir])
    const r = await readSubmissions(files, pack, { period: '2024', cwd: dir })
    expect(r.submissions.map((s) => s.assessment.unitId)).toEqual(['xa-a'])
    expect(r.issues.map((i) => [i.file, i.code, i.message.vi])).toEqual([
      ['xa-dai.csv', 'too_many_rows', 'Trang tính "xa-dai.csv" có 130.003 dòng, vượt giới hạn 100.000 dòng: tệp không được đọc; hãy xoá các dòng thừa rồi lưu lại'],
    ])
  })

  it('a file with thousands of problems lists 200 of them (errors first) and counts the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-many-'))
    // 2 999 repeated rows carrying a score (errors) after 1 000 repeated rows without (warnings)
    const body = `${'1.2;Mức độ hoàn thành;2;\n'.repeat(1000)}${'1.1;Ban hành kế hoạch;1;1\n'.repeat(3000)}`
    await writeFile(join(dir, 'xa-lap.csv'), `Mã đơn vị:;xa-lap\nKỳ đánh giá:;2024\nSTT;Tiêu chí;Điểm tối đa;Điểm tự đánh giá\n${body}`)
    const { files } = await findSubmissionFiles([dir])
    const r = await readSubmissions(files, pack, { period: '2024', cwd: dir })
    expect(r.rejected).toEqual(['xa-lap.csv'])
    expect(r.issues).toHaveLength(201)
    expect(r.issues.slice(0, 200).every((i) => i.code === 'duplicate_row' && i.severity === 'error')).toBe(true)
    expect(r.issues[200]).toMatchObject({ code: 'more_issues', severity: 'error' })
    expect(r.issues[200]!.message.en).toBe('… and 3,798 more problems in this file (2,799 errors, 999 warnings), not listed')
  })
})
