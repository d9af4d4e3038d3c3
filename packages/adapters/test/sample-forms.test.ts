// The forms `chiso sample --workbooks` writes score as the sample does (README: "chiso
// score --in dir scores the sample as it is"): the appraisal rounds, the facts that drive
// rules, bonuses and deductions, and the bonuses and deductions entered by hand are in the
// form, and the reader reads them. And the numbers of forms and plans show the decimal
// comma whatever the office suite's locale, as the result workbook does.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluate, type AssessmentInput, type CompiledPack } from '@chiso/core'
import { planImprovement } from '@chiso/core/analysis'
import { beforeAll, describe, expect, it } from 'vitest'
import { run, sampleAssessments, type SamplePart } from '../src/cli/index.js'
import { readAssessmentWorkbook, templateLayout, writeFilledWorkbook, writePlanWorkbook, writeTemplateWorkbook } from '../src/xlsx/index.js'
import { loadWorkbook, saveWorkbook } from './helpers.js'

let dir: string
let part: SamplePart

async function chiso(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } })
  return { code, stdout, stderr }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-sample-forms-'))
  const s = await sampleAssessments({ year: 2024, kind: 'commune' })
  if (!s.ok) throw new Error(s.message.en)
  part = s.parts[0]!
})

/** Every node's points and every flag of a unit scored from an assessment. */
function scored(pack: CompiledPack, a: AssessmentInput): { nodes: Record<string, string>; flags: string[]; total: string } {
  const r = evaluate(pack, a)
  const nodes: Record<string, string> = {}
  for (const n of pack.nodes) nodes[n.code] = r.node(n.code)!.points.toString()
  return { nodes, flags: r.flags.map((f) => `${f.code} ${f.criterion ?? ''}`).sort(), total: r.total.toString() }
}

describe('the forms chiso sample writes, read back', () => {
  it('chiso score on them gives the sample’s ranking exactly: points, indexes, bands, ranks of all 79 communes', async () => {
    const sample = await chiso(['sample', '--year', '2024', '--kind', 'commune', '--workbooks', 'mau', '--json'])
    expect(sample.code, sample.stderr).toBe(0)
    const score = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'mau', '--json'])
    expect(score.code, score.stderr).toBe(0)
    const s = JSON.parse(sample.stdout).results[0]
    const c = JSON.parse(score.stdout)
    const strip = (u: Record<string, unknown>): Record<string, unknown> => {
      // the fingerprint is of the input as given (rounds merged, evidence renamed), the file where it came from
      const { fingerprint: _f, file: _file, ...rest } = u
      return rest
    }
    expect(c.ranking).toHaveLength(79)
    expect(c.ranking.map(strip)).toEqual(s.ranking.map(strip))
    expect(c.bandSummary).toBe(s.bandSummary)
    expect(c.bandSummary).toBe('01/79 xã đạt xuất sắc, 26 xã tốt, 42 xã khá, 10 xã trung bình')
    const nq = c.ranking.find((u: { unitId: string }) => u.unitId === 'xa-nhan-quang')
    expect([nq.indexVi, nq.rank]).toEqual(['90,58', 1])
    const byUnit = (l: { unitId: string }[]) => [...l].sort((a, b) => a.unitId.localeCompare(b.unitId))
    expect(byUnit(c.missingData.zeroed)).toEqual(byUnit(s.missingData.zeroed))
    // explain shows the bonus of a recognised initiative and the appraisal, as the sample has them
    const ex = await chiso(['explain', 'xa-nhan-quang', '--pack', 'vn-cchc/commune', '--in', 'mau'])
    expect(ex.code, ex.stderr).toBe(0)
    expect(ex.stdout).not.toMatch(/không đạt điều kiện → 0/)
  }, 120_000)

  it('each unit’s every node and flag, from its form, as from the sample’s assessment (multi-round appraisals, entered adjustments, facts)', async () => {
    const pack = part.pack
    let rounds = 0
    let entered = 0
    for (const a of part.assessments) {
      const bytes = await writeFilledWorkbook(pack, a)
      const r = await readAssessmentWorkbook(bytes, pack, { fileName: `${a.unitId}.xlsx` })
      expect(r.ok, r.ok ? '' : JSON.stringify(r.issues.slice(0, 3))).toBe(true)
      if (!r.ok) return
      expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([])
      // survey results come from the survey team's table, not the form
      const back = { ...r.value, ...(a.survey ? { survey: a.survey } : {}) }
      expect(scored(pack, back), a.unitId).toEqual(scored(pack, a))
      if ((a.appraisals ?? []).length > 1) rounds++
      if (a.adjustments) entered++
    }
    // the cases the reviewer found are among them
    expect(rounds).toBeGreaterThan(0)
    expect(entered).toBeGreaterThan(0)
  }, 120_000)

  it('the last appraisal round is in the form: Điểm thẩm định and Lý do thẩm định, naming the round', async () => {
    const a = part.assessments.find((x) => x.unitId === 'xa-may-hai')!
    expect(a.appraisals).toHaveLength(2)
    const wb = await loadWorkbook(await writeFilledWorkbook(part.pack, a))
    const ws = wb.worksheets[0]!
    const layout = templateLayout(part.pack)
    expect(ws.getCell(layout.headerRow, 8).value).toBe('Điểm thẩm định')
    expect(ws.getCell(layout.headerRow, 9).value).toBe('Lý do thẩm định')
    const row = layout.rows.get('7.1.3')!
    // round 1 cut it to 0, round 2 restored 1: the form holds what counts
    expect(ws.getCell(row, 8).value).toBe(1)
    expect(String(ws.getCell(row, 9).value)).toContain('vòng 2')
    expect(ws.getCell(layout.rows.get('5.2.2')!, 8).value).toBe(0)
    expect(wb.getWorksheet('Dữ kiện')).toBeDefined()
    expect(wb.getWorksheet('Điểm thưởng, điểm trừ')).toBeDefined()
  })

  it('a facts sheet: rows for another unit are a warning; a bad fact or amount is reported at its cell on its sheet', async () => {
    const a = part.assessments.find((x) => x.adjustments !== undefined)!
    const wb = await loadWorkbook(await writeFilledWorkbook(part.pack, a))
    const facts = wb.getWorksheet('Dữ kiện')!
    const last = facts.rowCount
    facts.getCell(last + 1, 1).value = 'xa-khac'
    facts.getCell(last + 1, 2).value = 'reprimands'
    facts.getCell(last + 1, 3).value = 3
    const r1 = await readAssessmentWorkbook(await saveWorkbook(wb), part.pack, { fileName: 'f.xlsx' })
    expect(r1.ok).toBe(true)
    if (r1.ok) expect(r1.warnings.map((w) => [w.code, w.sheet])).toContainEqual(['facts_without_submission', 'Dữ kiện'])
    // a choice the rule does not know, and an amount that is no number
    let planRow = 0
    facts.eachRow((row, n) => {
      if (row.getCell(2).value === 'planIssued') planRow = n
    })
    facts.getCell(planRow, 3).value = 'bao-gio'
    const adj = wb.getWorksheet('Điểm thưởng, điểm trừ')!
    adj.getCell(5, 4).value = 'một'
    const r2 = await readAssessmentWorkbook(await saveWorkbook(wb), part.pack, { fileName: 'f.xlsx' })
    expect(r2.ok).toBe(false)
    if (r2.ok) return
    const errors = r2.issues.filter((i) => i.severity === 'error').map((i) => [i.sheet, i.cell])
    expect(errors).toContainEqual(['Điểm thưởng, điểm trừ', 'D5'])
    // the cell that holds the value the rule cannot use (column C), as a --facts table reports it
    expect(errors).toContainEqual(['Dữ kiện', `C${planRow}`])
  })
})

describe('numbers in forms and plans show the decimal comma (1,50), as the result workbook', () => {
  const VI = '[$-42A]#,##0.00'

  it('the template, the filled form and the plan workbook use the Vietnamese number format; an English plan does not', async () => {
    const pack = part.pack
    const layout = templateLayout(pack)
    const t = (await loadWorkbook(await writeTemplateWorkbook(pack))).worksheets[0]!
    const r = layout.rows.get('1.1.1')!
    expect(t.getCell(r, layout.columns.max).numFmt).toBe(VI)
    expect(t.getCell(r, layout.columns.self).numFmt).toBe(VI)
    const a = part.assessments[0]!
    const f = (await loadWorkbook(await writeFilledWorkbook(pack, a))).worksheets[0]!
    expect(f.getCell(r, layout.columns.self).numFmt).toBe(VI)
    const plan = planImprovement(pack, a, { target: { band: 'xuat-sac' } })
    const numFmts = async (locale: 'vi' | 'en'): Promise<Set<string>> => {
      const wb = await loadWorkbook(await writePlanWorkbook(plan, pack, { locale }))
      const out = new Set<string>()
      // every figure with decimals (STT and counts are plain integers)
      for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'number' && c.numFmt !== undefined && out.add(c.numFmt)))
      return out
    }
    expect([...(await numFmts('vi'))]).toEqual([VI])
    expect([...(await numFmts('en'))]).toEqual(['#,##0.00'])
  })

  const skip = process.env.CHISO_SKIP_OFFICE === '1' || spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status !== 0
  it.skipIf(skip)(
    'LibreOffice shows the template’s maxima as 1,00 (it showed 1.00), the cells as shown',
    async () => {
      const { writeFile } = await import('node:fs/promises')
      const xlsx = join(dir, 'bieu-mau.xlsx')
      await writeFile(xlsx, await writeTemplateWorkbook(part.pack))
      const r = spawnSync(
        'soffice',
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
          '--outdir',
          dir,
          xlsx,
        ],
        {
          encoding: 'utf8',
          timeout: 240_000,
          env: { ...process.env, HOME: dir },
        },
      )
      expect(r.status, r.stderr).toBe(0)
      const csv = await readFile(join(dir, 'bieu-mau.csv'), 'utf8')
      const line = csv.split('\n').find((l) => l.startsWith('1.1.1,'))!
      expect(line).toMatch(/,"\d+,\d\d",/)
      expect(csv).not.toMatch(/,\d+\.\d\d,/)
    },
    240_000,
  )
})
