import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { evaluateBatch } from '@chiso/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { readAssessmentWorkbook, writeFilledWorkbook } from '../src/xlsx/index.js'
import { sampleYears, sections, visibleText } from './report-helpers.js'

async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (s: string) => (stdout += s), isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: false } })
  return { code, stdout, stderr }
}

const dept = sampleYears('department')
let dir: string
const records = (b: ReturnType<typeof evaluateBatch>): string => JSON.stringify({ kind: 'chiso.result-records', records: b.units.map((u) => u.result.toJSON()) })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-report-cli-'))
  await mkdir(join(dir, 'bieu'))
  // the forms units fill in, as chiso sample --workbooks writes them
  for (const a of dept.assessments) await writeFile(join(dir, 'bieu', `${a.unitId}.xlsx`), await writeFilledWorkbook(dept.pack, a))
  const survey = ['Mã đơn vị,Mã tiêu chí,A,B,C,D']
  for (const a of dept.assessments)
    for (const [code, v] of Object.entries(a.survey ?? {})) if ('answers' in v) survey.push([a.unitId, code, v.answers.A ?? 0, v.answers.B ?? 0, v.answers.C ?? 0, v.answers.D ?? 0].join(','))
  await writeFile(join(dir, 'dieu-tra.csv'), `${survey.join('\n')}\n`)
  await writeFile(join(dir, 'ket-qua-2023.json'), records(dept.previous))
  await writeFile(join(dir, 'ket-qua-2024.json'), records(dept.batch))
})

describe('sample forms say they are sample data', () => {
  it('writeFilledWorkbook writes "Dữ liệu mẫu: có" for a sample unit and the reader keeps the mark; a real unit has none', async () => {
    const a = dept.assessments[0]!
    expect(a.unit?.attributes?.sample).toBe(true)
    const file = join(dir, 'mau.xlsx')
    await writeFile(file, await writeFilledWorkbook(dept.pack, a))
    const r = await readAssessmentWorkbook(file, dept.pack, { period: '2024' })
    expect(r.ok && r.value.unit?.attributes).toEqual({ sample: true })
    const real = { ...a, unit: { ...a.unit!, attributes: { staff: 40 } } }
    await writeFile(file, await writeFilledWorkbook(dept.pack, real))
    const r2 = await readAssessmentWorkbook(file, dept.pack, { period: '2024' })
    expect(r2.ok && r2.value.unit?.attributes).toBeUndefined()
  })
})

describe('chiso report', () => {
  it('writes the HTML and the PDF from the submitted forms and last year’s saved results', async () => {
    const r = await chiso(
      [
        'report',
        '--pack',
        'vn-cchc/department',
        '--year',
        '2024',
        '--in',
        'bieu',
        '--survey',
        'dieu-tra.csv',
        '--previous',
        'ket-qua-2023.json',
        '--draws',
        '100',
        '-o',
        'bao-cao.html',
        'bao-cao.pdf',
      ],
      dir,
    )
    expect(r.stderr).not.toMatch(/tràn|overflow/)
    expect(r.code, r.stderr).toBe(0)
    const html = await readFile(join(dir, 'bao-cao.html'), 'utf8')
    const secs = sections(html)
    const n = dept.assessments.length
    // one group of 17 departments: cover, 5 list pages, band counts per year, 17 unit pages
    expect(secs).toHaveLength(1 + 5 + 1 + n)
    expect(r.stdout).toContain(`${secs.length} trang: 1 trang tóm tắt, 1 bảng xếp hạng`)
    expect(r.stdout).toContain(`${n} trang từng đơn vị`)
    // the forms say they are sample data, and the report says so
    expect(html).toContain('DỮ LIỆU MẪU')
    const text = visibleText(html)
    for (const a of dept.assessments) expect(text).toContain(a.unit!.name)
    expect(text).toMatch(/(tăng|giảm) \d+ bậc/)
    const pdf = execFileSync('pdfinfo', [join(dir, 'bao-cao.pdf')], { encoding: 'utf8' })
    expect(Number(/^Pages:\s+(\d+)/m.exec(pdf)![1])).toBe(secs.length)
  })

  it('reports from saved records too, and says so in JSON', async () => {
    const r = await chiso(['report', '--records', 'ket-qua-2024.json', '--previous', 'ket-qua-2023.json', '--no-sensitivity', '--json', '-o', 'tu-ban-ghi.html'], dir)
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.period).toBe('2024')
    expect(j.previousYears).toEqual(['2023'])
    expect(j.sample).toBe(true)
    expect(j.pagesByKind).toEqual({ cover: 1, ranking: 1, 'index-bars': 1, heatmap: 1, slope: 1, 'band-years': 1, unit: dept.assessments.length })
    expect(j.pages).toBe(6 + dept.assessments.length)
    // appraisal trails come with the stored assessments
    const html = await readFile(join(dir, 'tu-ban-ghi.html'), 'utf8')
    expect(html).toContain('<table class="trail">')
  })

  it('leaves out an earlier year whose records do not reproduce, with exit code 1', async () => {
    const data = JSON.parse(await readFile(join(dir, 'ket-qua-2023.json'), 'utf8'))
    data.records[0].total = '99'
    await writeFile(join(dir, 'sua-tay-2023.json'), JSON.stringify(data))
    const r = await chiso(['report', '--records', 'ket-qua-2024.json', '--previous', 'sua-tay-2023.json', '--no-sensitivity', '-o', 'sua-tay.html'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('tính lại không trùng khớp')
    expect(r.stderr).toContain('bỏ qua cả tệp')
    const html = await readFile(join(dir, 'sua-tay.html'), 'utf8')
    expect(sections(html).some((s) => s.kind === 'slope')).toBe(false)
  })

  it('usage errors: no input, two inputs, an output that is not .html or .pdf, a missing Chromium', async () => {
    expect((await chiso(['report', '-o', 'x.html'], dir)).code).toBe(2)
    expect((await chiso(['report', '--records', 'ket-qua-2024.json', '--in', 'bieu', '--pack', 'vn-cchc/department', '-o', 'x.html'], dir)).code).toBe(2)
    const txt = await chiso(['report', '--records', 'ket-qua-2024.json', '-o', 'x.txt'], dir)
    expect(txt.code).toBe(2)
    expect(txt.stderr).toContain('.html hoặc .pdf')
    const over = await chiso(['report', '--records', 'ket-qua-2024.json', '-o', 'ket-qua-2024.json'], dir)
    expect(over.code).toBe(2)
    const noChromium = await chiso(['report', '--records', 'ket-qua-2024.json', '--no-sensitivity', '--chromium', join(dir, 'khong-co'), '-o', 'x.pdf'], dir)
    expect(noChromium.code).toBe(2)
    expect(noChromium.stderr).toContain('Không tìm thấy Chromium')
    expect(noChromium.stderr).toContain('No Chromium at')
    const help = await chiso(['report', '--help'], dir)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--previous')
    expect(help.stdout).toContain('chiso score --save')
  })
})
