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

describe('an .ods (LibreOffice\'s default format)', () => {
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
