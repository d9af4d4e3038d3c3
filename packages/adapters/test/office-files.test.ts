// Issue #11 item 3: read what offices produce. Each fixture was made by the real program
// with the script next to it: fixtures/libreoffice/make-fods.py + build.sh (LibreOffice
// Calc 7.4) and fixtures/openpyxl/make-openpyxl.py (openpyxl 3.0).
import { mkdtemp, copyFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluate } from '@chiso/core'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { readAssessmentWorkbook } from '../src/xlsx/index.js'
import { fixture, testPack } from './helpers.js'
import { makeZip } from './zip-builder.js'

const pack = testPack()

describe('formulas whose saved result is 0', () => {
  it('=1-1, =0 and a product with 0, saved by LibreOffice as .xlsx (<v>0</v>), read as 0, not refused', async () => {
    const r = await readAssessmentWorkbook(fixture('libreoffice/lo-zero-formulas.xlsx'), pack, { period: '2024', fileName: 'lo-zero-formulas.xlsx' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.value.selfScores).toEqual({ '1.1': '0', '1.2': '0', '1.3': '0', '1.4.1': '0.5', '2.1': '3', '2.2': '2.5' })
    expect(r.warnings).toEqual([])
    expect(evaluate(pack, r.value).total.toString()).toBe('6')
  })

  it('the same form saved as .ods reads the same, its link kept and the note on a cell left out', async () => {
    const x = await readAssessmentWorkbook(fixture('libreoffice/lo-zero-formulas.xlsx'), pack, { period: '2024' })
    const o = await readAssessmentWorkbook(fixture('libreoffice/lo-zero-formulas.ods'), pack, { period: '2024', fileName: 'lo-zero-formulas.ods' })
    expect(o.ok, JSON.stringify(!o.ok && o.issues)).toBe(true)
    if (!o.ok || !x.ok) return
    expect(o.sheet).toBe('Tự đánh giá')
    expect(o.value.selfScores).toEqual(x.value.selfScores)
    expect(o.value.unit).toEqual({ id: 'xa-co-may', name: 'Xã Cỏ May', kind: 'commune' })
    expect(o.value.period).toBe('2024')
    expect(o.value.explanations).toEqual({ '1.1': 'Kế hoạch chưa được phê duyệt' })
    expect(o.value.evidence).toEqual([
      { id: 'tlkc-1', title: 'Chưa ban hành', criteria: ['1.1'] },
      { id: 'tlkc-2', title: 'Thông báo số 9/TB-UBND', number: '9/TB-UBND', url: 'https://example.org/tb-9-ubnd.pdf', criteria: ['2.2'] },
    ])
  })
})

describe("an .ods (LibreOffice's default format)", () => {
  it('the merged-header form saved by LibreOffice as .ods reads as its .xlsx twin: merges, formulas, "0,5"', async () => {
    const x = await readAssessmentWorkbook(fixture('libreoffice/lo-merged-formulas.xlsx'), pack, { period: '2024' })
    const o = await readAssessmentWorkbook(fixture('libreoffice/lo-form.ods'), pack, { period: '2024', fileName: 'lo-form.ods' })
    expect(o.ok, JSON.stringify(!o.ok && o.issues)).toBe(true)
    if (!o.ok || !x.ok) return
    expect(o.value).toEqual(x.value)
    expect(o.warnings.map((w) => [w.code, w.cell])).toEqual(x.warnings.map((w) => [w.code, w.cell]))
  })

  it('chiso score reads a folder holding .ods forms', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-ods-'))
    await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
    await mkdir(join(dir, 'nop'))
    await copyFile(fixture('libreoffice/lo-zero-formulas.ods'), join(dir, 'nop', 'xa-co-may.ods'))
    await copyFile(fixture('libreoffice/lo-form.ods'), join(dir, 'nop', 'xa-tu-dang.ods'))
    let stdout = ''
    const code = await run(['score', '--pack', 'pack.json', '--in', 'nop', '--json'], { cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } })
    expect(code).toBe(0)
    const j = JSON.parse(stdout)
    expect(j.ranking.map((u: { unitId: string }) => u.unitId).sort()).toEqual(['xa-co-may', 'xa-tu-dang'])
    expect(j.period).toBe('2024')
  })
})

describe('a workbook written by openpyxl', () => {
  it('reads, comments and all (exceljs used to fail on "reading \'comments\'"); area sums without a saved result are not needed', async () => {
    const r = await readAssessmentWorkbook(fixture('openpyxl/openpyxl-form.xlsx'), pack, { period: '2024', fileName: 'openpyxl-form.xlsx' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.value.unitId).toBe('xa-rau-ma')
    expect(r.value.selfScores).toEqual({ '1.1': '0.5', '1.2': '2', '1.3': '1', '1.4.1': '0.25', '2.1': '3.5', '2.2': '2.5' })
    expect(r.value.evidence?.find((e) => e.number === '8/TB-UBND')?.url).toBe('https://example.org/tb-8-ubnd.pdf')
    expect(r.value.explanations).toEqual({ '1.1': 'Ban hành chậm' })
  })
})

describe('an .ods that would not fit', () => {
  const ods = (rows: string): Uint8Array =>
    makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      {
        name: 'content.xml',
        data: `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`,
      },
    ])
  const cell = (v: string, attrs = ''): string => `<table:table-cell office:value-type="string"${attrs}><text:p>${v}</text:p></table:table-cell>`

  it('a row with content repeated a million times, or a value repeated across the sheet, is refused before it is spread out', async () => {
    const rows = await readAssessmentWorkbook(ods(`<table:table-row table:number-rows-repeated="1000000">${cell('1.1')}${cell('x')}</table:table-row>`), pack, { fileName: 'dai.ods' })
    expect(!rows.ok && rows.issues.map((i) => i.code)).toEqual(['too_many_cells'])
    const wide = await readAssessmentWorkbook(ods(`<table:table-row>${cell('x', ' table:number-columns-repeated="16000"')}</table:table-row>`.repeat(20)), pack, { fileName: 'rong.ods' })
    expect(!wide.ok && wide.issues.map((i) => i.code)).toEqual(['too_many_cells'])
    const merged = await readAssessmentWorkbook(ods(`<table:table-row>${cell('STT', ' table:number-columns-spanned="16000" table:number-rows-spanned="100000"')}</table:table-row>`), pack, {
      fileName: 'gop.ods',
    })
    expect(!merged.ok && merged.issues.map((i) => i.code)).toEqual(['too_many_cells'])
    // LibreOffice's usual tail, an empty row repeated to the end of the sheet, costs nothing
    const tail = await readAssessmentWorkbook(
      ods(
        `<table:table-row>${cell('STT')}${cell('Điểm tự đánh giá')}</table:table-row><table:table-row>${cell('1.1')}${cell('1', '')}</table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`,
      ),
      pack,
      { fileName: 'duoi.ods', period: '2024', unitId: 'xa-thu' },
    )
    expect(tail.ok, JSON.stringify(!tail.ok && tail.issues)).toBe(true)
    if (tail.ok) expect(tail.value.selfScores).toEqual({ '1.1': '1' })
  })

  it('a password-protected .ods says so', async () => {
    const bytes = makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      {
        name: 'META-INF/manifest.xml',
        data: '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>',
      },
      { name: 'content.xml', data: 'garbage' },
    ])
    const r = await readAssessmentWorkbook(bytes, pack, { fileName: 'mat-khau.ods' })
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['password_protected'])
  })
})
