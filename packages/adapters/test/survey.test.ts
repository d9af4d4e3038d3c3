// Survey results (điều tra xã hội học) come from the survey team's table, joined to the
// units' own workbooks with `--survey`.
import { copyFile, mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { csvGrid, parseCsv, readSurveyGrid } from '../src/csv/index.js'
import { readAssessmentWorkbook } from '../src/xlsx/index.js'
import { Exact } from '@chiso/core'
import { filledWorkbook, fixture, GOOD, testPack } from './helpers.js'

const pack = testPack()

async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 100 }, stderr: { write: (s: string) => (stderr += s), isTTY: false } })
  return { code, stdout, stderr }
}

const table = (rows: string[]) => readSurveyGrid(csvGrid(parseCsv(rows.join('\n')), 'dieu-tra.csv'), pack, 'dieu-tra.csv')

describe('survey table', () => {
  it('reads answer counts and computed points, with or without diacritics in the headers', () => {
    const t = table(['Ma don vi,Ma tieu chi,Diem,A,B,C,D', 'xa-mau-don,3.1,,30,10,5,5', 'xa-mau-don,3.2,2.5,,,,', 'xa-cam-chuong,3.2,"1,75",,,,'])
    expect(t.issues).toEqual([])
    expect(t.byUnit.get('xa-mau-don')).toEqual({ '3.1': { answers: { A: 30, B: 10, C: 5, D: 5 } }, '3.2': { points: '2.5' } })
    expect(t.byUnit.get('xa-cam-chuong')).toEqual({ '3.2': { points: '1.75' } })
  })

  it('reports every bad row with its cell and keeps the good ones', () => {
    const t = table(['Mã đơn vị;Mã tiêu chí;Điểm;A;B', 'xa-mau-don;1.1;1;;', 'xa-mau-don;3.1;;12;ba', 'xa-mau-don;3.2;hai;;', 'xa-cam-chuong;3.1;;4;2'])
    expect(t.issues.map((i) => [i.code, i.cell])).toEqual([
      ['not_a_survey_criterion', 'B2'],
      ['invalid_count', 'E3'],
      ['invalid_number', 'C4'],
    ])
    expect(t.byUnit.get('xa-cam-chuong')).toEqual({ '3.1': { answers: { A: 4, B: 2 } } })
    expect(t.byUnit.has('xa-mau-don')).toBe(false)
  })

  it('unit ids are keyed as the engine keys them: a decomposed, zero-width or padded id in either file still joins', async () => {
    const NFC = 'xã-an-bình'
    const t = table(['Mã đơn vị,Mã tiêu chí,Điểm', `${NFC.normalize('NFD')}\u200b,3.2,2.5`])
    expect([...t.byUnit.keys()]).toEqual([NFC])
    const dir = await mkdtemp(join(tmpdir(), 'chiso-ids-'))
    await writeFile(join(dir, 'a.xlsx'), await filledWorkbook(pack, { unitId: `\ufeff${NFC.normalize('NFD')}`, name: 'Xã An Bình', scores: GOOD }))
    const read = await readAssessmentWorkbook(join(dir, 'a.xlsx'), pack, { period: '2024' })
    expect(read.ok && read.value.unitId).toBe(NFC)
  })

  it('a table without a unit or criterion column is one clear problem', () => {
    expect(table(['Tên,Giá trị', 'a,1']).issues.map((i) => i.code)).toEqual(['missing_column'])
  })
})

describe('chiso score --survey', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-survey-'))
    await mkdir(join(dir, 'bieu'))
    await writeFile(join(dir, 'bieu', 'xa-mau-don.xlsx'), await filledWorkbook(pack, { unitId: 'xa-mau-don', name: 'Xã Mẫu Đơn', scores: GOOD }))
    await writeFile(join(dir, 'bieu', 'xa-cam-chuong.xlsx'), await filledWorkbook(pack, { unitId: 'xa-cam-chuong', name: 'Xã Cẩm Chướng', scores: GOOD }))
    await writeFile(join(dir, 'dieu-tra.csv'), ['Mã đơn vị,Mã tiêu chí,Điểm,A,B,C,D', 'xa-mau-don,3.1,,30,10,5,5', 'xa-mau-don,3.2,2.5,,,,', 'xa-khong-nop,3.2,1,,,,'].join('\n'))
    await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  })

  it('joins the survey points to the units that submitted, and warns of rows for units that did not', async () => {
    const without = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'bieu', '--json'], dir)
    const withSurvey = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'bieu', '--survey', 'dieu-tra.csv', '--json'], dir)
    expect(withSurvey.code).toBe(0)
    const total = (r: { stdout: string }, unit: string): string => {
      const j = JSON.parse(r.stdout) as { ranking: { unitId: string; total: string }[] }
      return j.ranking.find((u) => u.unitId === unit)!.total
    }
    // 3.1: (30 + 0.6·10 + 0.2·5 + 0)/50 × 3 = 37/50 × 3 = 2.22; 3.2: 2.5 → +4.72 for xa-mau-don
    expect(
      Exact.from(total(withSurvey, 'xa-mau-don'))
        .sub(Exact.from(total(without, 'xa-mau-don')))
        .toString(),
    ).toBe('4.72')
    expect(total(withSurvey, 'xa-cam-chuong')).toBe(total(without, 'xa-cam-chuong'))
    const issues = (JSON.parse(withSurvey.stdout) as { issues: { code: string; severity: string }[] }).issues
    expect(issues.filter((i) => i.code === 'survey_without_submission').map((i) => i.severity)).toEqual(['warning'])
  })
})
