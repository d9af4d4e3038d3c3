// The user story end to end on the real commune pack: a hundred workbooks from the sample
// province, one of them broken, scored by `chiso score` into a result workbook.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run, sampleAssessments } from '../src/cli/index.js'
import { writeFilledWorkbook } from '../src/xlsx/index.js'
import { loadWorkbook } from './helpers.js'

describe('a province: 100 commune workbooks', () => {
  it('scores every good workbook, reports the broken one, writes the result workbook', async () => {
    const s = await sampleAssessments({ year: 2024 })
    expect(s.ok).toBe(true)
    if (!s.ok) return
    const communes = s.parts.find((p) => p.kind === 'commune')!
    expect(communes.pack.id).toBe('vn-cchc/commune-2019')
    expect(communes.assessments).toHaveLength(100)
    const dir = await mkdtemp(join(tmpdir(), 'chiso-province-'))
    await mkdir(join(dir, 'submissions'))
    let t = Date.now()
    for (const a of communes.assessments) await writeFile(join(dir, 'submissions', `${a.unitId}.xlsx`), await writeFilledWorkbook(communes.pack, a))
    const writeMs = Date.now() - t
    // one commune sends a PDF renamed to .xlsx
    await writeFile(join(dir, 'submissions', 'zz-bao-cao.xlsx'), '%PDF-1.4\n')
    let stdout = ''
    let stderr = ''
    t = Date.now()
    const code = await run(['score', '--pack', 'vn-cchc/commune', '--year', '2024', '--in', 'submissions', '--out', 'ket-qua-2024.xlsx', '--json'], {
      cwd: dir,
      stdout: { write: (x: string) => (stdout += x) },
      stderr: { write: (x: string) => (stderr += x) },
    })
    const scoreMs = Date.now() - t
    expect(code).toBe(1)
    const j = JSON.parse(stdout)
    expect(j.files).toBe(101)
    expect(j.scored).toBe(100)
    expect(j.rejected).toEqual(['submissions/zz-bao-cao.xlsx'])
    expect(j.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { code: string }) => i.code)).toEqual(['not_a_workbook'])
    expect(j.ranking).toHaveLength(100)
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'ket-qua-2024.xlsx'))))
    expect(wb.worksheets).toHaveLength(2 + 100 + 1)
    console.log(`100 filled workbooks written in ${writeMs} ms; chiso score on 101 files (read, score, result workbook) in ${scoreMs} ms`)
  }, 120_000)
})
