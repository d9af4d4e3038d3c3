// Issue #11 item 1 (acceptance 1): every output shows what in a pack is reconstructed, and
// no reconstructed row ever carries a legal reference. A pack whose areas 1 and 3 are
// verified (each with its legalRef) and area 2 reconstructed is walked through every
// output: the template (.xlsx and .csv), score / rank / explain / validate on stdout and
// in --json, the result workbook (every sheet), the ranking CSV; the sample's outputs too.
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compilePack, type CompiledPack } from '@chiso/core'
import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRules, run } from '../src/cli/index.js'
import { parseCsv } from '../src/csv/index.js'
import { templateLayout } from '../src/xlsx/index.js'
import { filledWorkbook, fixture, GOOD, loadWorkbook } from './helpers.js'

/** A legal reference in text: a decision number such as 52/2019/QĐ-UBND, 766/QĐ-TTg, 80-KH/TU. */
const LEGAL = /\b\d+\/(\d{4}\/)?QĐ-|\b\d+-[A-ZĐ]+\/TU\b|\b\d+\/NĐ-CP\b/

const REF1 = 'Quyết định 901/QĐ-THU, mục I (văn bản thử)'
const REF3 = 'Quyết định 901/QĐ-THU, mục III (văn bản thử)'
const MARK_VI = 'Lưu ý: 03/10 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức'
const MARK_EN = 'Note: 3 of 10 scored criteria reconstructed, not an official text'

let dir: string
let pack: CompiledPack
let reconstructed: string[]
let verified: Map<string, string>

async function chiso(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } })
  return { code, stdout, stderr }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-marks-'))
  const json = JSON.parse(await readFile(fixture('pack-commune.json'), 'utf8'))
  delete json.status
  json.criteria[0] = { ...json.criteria[0], status: 'verified', legalRef: REF1 }
  json.criteria[1] = { ...json.criteria[1], status: 'reconstructed', basis: 'theo khuôn mẫu của biểu thử' }
  json.criteria[2] = { ...json.criteria[2], status: 'verified', legalRef: REF3 }
  await writeFile(join(dir, 'pack.json'), JSON.stringify(json))
  pack = compilePack(json)
  reconstructed = ['2', '2.1', '2.2', '2.3']
  verified = new Map(
    pack.nodes
      .slice(1)
      .filter((n) => !reconstructed.includes(n.code))
      .map((n) => [n.code, n.code.startsWith('1') ? REF1 : REF3]),
  )
  await mkdir(join(dir, 'nop'))
  await writeFile(join(dir, 'nop', 'xa-mau-don.xlsx'), await filledWorkbook(pack, { unitId: 'xa-mau-don', name: 'Xã Mẫu Đơn', scores: GOOD }))
  await writeFile(join(dir, 'nop', 'xa-cam-chuong.xlsx'), await filledWorkbook(pack, { unitId: 'xa-cam-chuong', name: 'Xã Cẩm Chướng', scores: { ...GOOD, '2.1': 2 } }))
})

/** Each row of a table whose first cell is a criterion code, by code. */
function rowsByCode(rows: readonly (readonly unknown[])[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const r of rows) {
    const code = String(r[0] ?? '')
    if (pack.node(code) && code !== pack.nodes[0]!.code && !out.has(code))
      out.set(
        code,
        r.map((c) => String(c ?? '')),
      )
  }
  return out
}

/** Checks each row: reconstructed rows show the mark and no legal reference; verified rows show their legalRef and no mark. */
function checkRows(rows: Map<string, string[]>, where: string, mark = 'tái dựng'): void {
  expect([...rows.keys()].sort(), where).toEqual(
    pack.nodes
      .slice(1)
      .map((n) => n.code)
      .sort(),
  )
  for (const code of reconstructed) {
    const row = rows.get(code)!.join(' | ')
    expect(row, `${where} ${code}`).toContain(mark)
    expect(row, `${where} ${code}`).not.toMatch(LEGAL)
  }
  for (const [code, ref] of verified) {
    const row = rows.get(code)!.join(' | ')
    expect(row, `${where} ${code}`).toContain(ref)
    expect(row, `${where} ${code}`).not.toContain(mark)
  }
}

/** The values of every row of a sheet. */
function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = []
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)))
  return out
}

describe('the reconstructed mark in every output', () => {
  it('the template form (.xlsx): the line above the table and a mark on each reconstructed row; verified rows name their text', async () => {
    expect((await chiso(['template', 'pack.json', '-o', 'bieu.xlsx'])).code).toBe(0)
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'bieu.xlsx'))))
    const layout = templateLayout(pack)
    const ws = wb.getWorksheet(layout.sheet)!
    expect(ws.getCell(layout.cells.mark).value).toBe(MARK_VI)
    expect(String(ws.getCell('B9').value)).toContain('«tái dựng»')
    checkRows(rowsByCode(sheetRows(ws)), 'template.xlsx')
  })

  it('the template form (.csv)', async () => {
    expect((await chiso(['template', 'pack.json', '-o', 'bieu.csv'])).code).toBe(0)
    const rows = parseCsv((await readFile(join(dir, 'bieu.csv'), 'utf8')).replace(/^\ufeff/, ''))
    expect(rows.find((r) => r[0] === 'Nguồn nội dung:')?.[1]).toBe(MARK_VI)
    checkRows(rowsByCode(rows), 'template.csv')
  })

  it('score, rank, validate on stdout and in --json', async () => {
    for (const cmd of [
      ['score', '--pack', 'pack.json', '--in', 'nop'],
      ['rank', '--pack', 'pack.json', '--in', 'nop'],
      ['validate', 'pack.json'],
    ]) {
      const vi = await chiso(cmd)
      expect(vi.code, vi.stderr).toBe(0)
      expect(vi.stdout, cmd[0]).toContain(MARK_VI)
      const en = await chiso([...cmd, '--lang', 'en'])
      expect(en.stdout, cmd[0]).toContain(MARK_EN)
      const j = JSON.parse((await chiso([...cmd, '--json'])).stdout)
      const p = Array.isArray(j) ? j[0] : j.pack
      expect(p.reconstruction, cmd[0]).toEqual({ standing: 'reconstructed', criteria: 10, reconstructed: 3, verified: 7, text: MARK_VI.replace('Lưu ý: ', '') })
    }
  })

  it('explain: the mark line and "[tái dựng]" on each reconstructed row, never on a verified one', async () => {
    const r = await chiso(['explain', 'xa-mau-don', '--pack', 'pack.json', '--in', 'nop'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(MARK_VI)
    const tree = new Map<string, string[]>()
    for (const line of r.stdout.split('\n')) {
      const m = /[├└]─ (\S+) /.exec(line)
      if (m) tree.set(m[1]!, [m[1]!, line, ...(verified.has(m[1]!) ? [verified.get(m[1]!)!] : [])])
    }
    checkRows(tree, 'explain', '[tái dựng]')
    const j = JSON.parse((await chiso(['explain', 'xa-mau-don', '--pack', 'pack.json', '--in', 'nop', '--json'])).stdout)
    expect(j.pack.reconstruction.reconstructed).toBe(3)
    expect(j.explanation.filter((l: string) => l.includes('[tái dựng]'))).toHaveLength(4)
  })

  it('the result workbook: the ranking report, the summary and every unit sheet', async () => {
    expect((await chiso(['score', '--pack', 'pack.json', '--in', 'nop', '--out', 'ket-qua.xlsx'])).code).toBe(0)
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'ket-qua.xlsx'))))
    const texts = (ws: ExcelJS.Worksheet): string[] => sheetRows(ws).flat().map(String)
    expect(texts(wb.getWorksheet('Xếp hạng')!)).toContain(MARK_VI)
    expect(texts(wb.getWorksheet('Tổng hợp')!)).toContain(MARK_VI)
    for (const name of ['Xã Mẫu Đơn', 'Xã Cẩm Chướng']) {
      const ws = wb.getWorksheet(name)!
      expect(texts(ws)).toContain(MARK_VI)
      checkRows(rowsByCode(sheetRows(ws)), name)
    }
  })

  it('the ranking CSV', async () => {
    expect((await chiso(['score', '--pack', 'pack.json', '--in', 'nop', '--out', 'xep-hang.csv'])).code).toBe(0)
    const rows = parseCsv((await readFile(join(dir, 'xep-hang.csv'), 'utf8')).replace(/^\ufeff/, ''))
    expect(rows.slice(0, 3).map((r) => r[0])).toContain(MARK_VI)
  })

  it('the sample: every part says what in its pack is reconstructed, and that its data are sample data', async () => {
    const r = await chiso(['sample', '--year', '2024'])
    expect(r.code).toBe(0)
    const parts = r.stdout.split('\n').filter((l) => l.startsWith('Bộ chỉ số: '))
    expect(parts).toHaveLength(3)
    expect(r.stdout.split('\n').filter((l) => /^Lưu ý: .*tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức/.test(l))).toHaveLength(3)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('DỮ LIỆU MẪU:')).length).toBeGreaterThanOrEqual(4)
    const j = JSON.parse((await chiso(['sample', '--year', '2024', '--json'])).stdout)
    expect(j.sample).toBe(true)
    for (const p of j.results) {
      expect(p.sample).toBe(true)
      expect(p.pack.reconstruction.reconstructed).toBeGreaterThan(0)
      expect(p.summary.some((l: string) => l.startsWith('DỮ LIỆU MẪU:'))).toBe(true)
    }
  })

  it('forms written by the sample say they are sample data, and so does everything made from them', async () => {
    expect((await chiso(['sample', '--year', '2024', '--kind', 'commune', '--workbooks', 'mau'])).code).toBe(0)
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'mau', 'xa-nhan-quang.xlsx'))))
    const ws = wb.worksheets[0]!
    expect(String(ws.getCell('A1').value)).toContain('(DỮ LIỆU MẪU)')
    expect(ws.getCell('A10').value).toBe('Dữ liệu mẫu:')
    const score = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'mau', '--out', 'mau.xlsx'])
    expect(score.code, score.stderr).toBe(0)
    expect(score.stdout).toContain('DỮ LIỆU MẪU: tên đơn vị và số liệu là giả định, không phải kết quả thật')
    // the survey results written next to the forms are used: not "79/79 xã đạt trung bình" any more
    expect(score.stderr).toContain('Dùng kết quả điều tra xã hội học trong mau/ket-qua-dieu-tra-xa-hoi-hoc.csv')
    expect(score.stderr).not.toContain('CẢNH BÁO')
    expect(score.stdout).toMatch(/^\d\d\/79 xã đạt xuất sắc, \d\d xã tốt, \d\d xã khá/m)
    const result = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'mau.xlsx'))))
    expect(sheetRows(result.getWorksheet('Xếp hạng')!).flat()).toContain('DỮ LIỆU MẪU: tên đơn vị và số liệu là giả định, không phải kết quả thật')
    const ex = await chiso(['explain', 'xa-nhan-quang', '--pack', 'vn-cchc/commune', '--in', 'mau'])
    expect(ex.stdout).toContain('DỮ LIỆU MẪU:')
  }, 60_000)
})

describe('no legal reference on a reconstructed node, in any pack shipped', () => {
  it('every reconstructed node of every pack has no legalRef, and its template row shows the mark', async () => {
    const rules = await loadRules()
    const reg = rules!.vnCchc!
    let checked = 0
    for (const s of reg.list()) {
      const p = reg.compile(s.id, s.version)
      const { reconstructionSummary } = await import('@chiso/core')
      const marked = new Set(reconstructionSummary(p).reconstructedCodes)
      for (const n of p.nodes.slice(1)) {
        if (!marked.has(n.code)) continue
        expect(n.legalRef, `${p.id} ${n.code}`).toBeUndefined()
        checked++
      }
    }
    expect(checked).toBeGreaterThan(300)
    // the form of the commune pack: every reconstructed row marked, none names a decision
    await copyFile(fixture('pack-commune.json'), join(dir, 'unused.json'))
    expect((await chiso(['template', 'vn-cchc/commune-2019', '-o', 'xa-2019.xlsx'])).code).toBe(0)
    const p = reg.compile('vn-cchc/commune-2019')
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'xa-2019.xlsx'))))
    const layout = templateLayout(p)
    const ws = wb.getWorksheet(layout.sheet)!
    for (const [code, row] of layout.rows) {
      const source = String(ws.getCell(row, layout.columns.source).value ?? '')
      expect(source, code).toBe('tái dựng')
    }
  })
})
