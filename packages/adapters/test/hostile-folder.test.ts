// Issue #10, item 4: one bad file never stops the others. A folder built here at run time
// (zip bombs, huge row counts, a merge over the whole sheet, a web page and random bytes
// saved as .xlsx, a password-protected workbook, an .ods, a UTF-16 CSV, a quote never
// closed, a unit named "History", an earlier result of ours) is scored by the built
// `chiso` in a child process (`npm test` builds first), so its peak memory can be
// measured: a preload written here reports process.resourceUsage().maxRSS at exit.
// CHISO_CLI=/path/to/main.js runs another build instead (an older one, to see this fail).
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluateBatch } from '@chiso/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { writeResultWorkbook } from '../src/xlsx/index.js'
import { filledWorkbook, fixture, GOOD, loadWorkbook, testPack } from './helpers.js'
import { bombXlsx, minimalXlsx, sheetXml } from './zip-builder.js'

const CLI = process.env.CHISO_CLI ?? fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const pack = testPack()
const GiB = 1024 ** 3
const MiB = 1024 ** 2

/** The form as CSV text, with `sep` between cells and comma decimals. */
function formCsv(unitId: string, name: string, sep: string): string {
  const rows = [
    ['Tên đơn vị:', name],
    ['Mã đơn vị:', unitId],
    ['Kỳ đánh giá:', '2024'],
    ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá'],
    ...Object.entries(GOOD).map(([code, v]) => [code, `Tiêu chí ${code}`, String(pack.node(code)!.maxPoints).replace('.', ','), String(v).replace('.', ',')]),
  ]
  return rows.map((r) => r.join(sep)).join('\r\n') + '\r\n'
}

/** Deterministic "random" bytes (xorshift32). */
function noise(n: number, seed = 2024): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

/** The bad files, and the problem each must be reported with. */
const BAD: Record<string, string> = {
  'bomb-1-honest.xlsx': 'unsafe_zip',
  'bomb-2-honest.xlsx': 'unsafe_zip',
  'bomb-3-lying.xlsx': 'unsafe_zip',
  'bomb-4-ratio.xlsx': 'unsafe_zip',
  'rows-130000.csv': 'too_many_rows',
  'rows-150000.xlsx': 'too_many_rows',
  'merge-whole-sheet.xlsx': 'too_many_cells',
  'trang-web.xlsx': 'not_a_workbook',
  'mat-khau.xlsx': 'password_protected',
  'ngau-nhien.xlsx': 'not_a_workbook',
  'ngoac-kep.csv': 'unterminated_quote',
}
// an .ods saved under an .xlsx name is read as the OpenDocument spreadsheet it is
const GOOD_UNITS = ['xa-cam-chuong', 'xa-history', 'xa-luu-ly', 'xa-mau-don', 'xa-tu-dang']

let dir: string
let run: { code: number | null; signal: string | null; stdout: string; stderr: string; maxRssKb: number; ms: number }

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`)
  dir = mkdtempSync(join(tmpdir(), 'chiso-hostile-'))
  const folder = join(dir, 'nop')
  mkdirSync(folder)
  const put = (name: string, bytes: Uint8Array | string): void => writeFileSync(join(folder, name), bytes)
  copyFileSync(fixture('pack-commune.json'), join(dir, 'pack.json'))
  // good files: an .xlsx, a CSV, Excel's "Unicode text" (UTF-16LE, tabs), a unit named History
  put('xa-mau-don.xlsx', await filledWorkbook(pack, { unitId: 'xa-mau-don', name: 'Xã Mẫu Đơn', scores: GOOD }))
  put('xa-cam-chuong.csv', formCsv('xa-cam-chuong', 'Xã Cẩm Chướng', ';'))
  put('xa-luu-ly-unicode.csv', Buffer.from(`\ufeff${formCsv('xa-luu-ly', 'Xã Lưu Ly', '\t')}`, 'utf16le'))
  put('history.xlsx', await filledWorkbook(pack, { unitId: 'xa-history', name: 'History', scores: GOOD }))
  // four zip bombs, each a sheet of 1.1 GB: two say so, one lies about its size, one stays under the part limit with a bomb's ratio
  put('bomb-1-honest.xlsx', bombXlsx(1.1 * GiB))
  put('bomb-2-honest.xlsx', bombXlsx(1.1 * GiB))
  put('bomb-3-lying.xlsx', bombXlsx(1.1 * GiB, 1 * MiB))
  put('bomb-4-ratio.xlsx', bombXlsx(15 * MiB))
  // the issue's reproducer: a form with 130 000 repeated rows
  put('rows-130000.csv', `Mã đơn vị:;xa-dai\nKỳ đánh giá:;2024\nSTT;Tiêu chí;Điểm tối đa;Điểm tự đánh giá\n${'1.1;Ban hành kế hoạch;1;1\n'.repeat(130_000)}`)
  const rows = Array.from({ length: 150_000 }, (_, k) => `<row r="${k + 1}"/>`).join('')
  put('rows-150000.xlsx', minimalXlsx(sheetXml(rows)))
  // a merge over the whole sheet: 17 billion cells for exceljs, 200 bytes on disk
  put('merge-whole-sheet.xlsx', minimalXlsx(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c></row>', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')))
  put('trang-web.xlsx', '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body><table><tr><td>STT</td><td>Điểm tự đánh giá</td></tr></table></body></html>\n')
  copyFileSync(fixture('libreoffice/lo-password.xlsx'), join(folder, 'mat-khau.xlsx'))
  copyFileSync(fixture('libreoffice/lo-form.ods'), join(folder, 'xa-opendocument.xlsx'))
  put('ngau-nhien.xlsx', noise(64 * 1024))
  put('ngoac-kep.csv', `${formCsv('xa-hai-duong', 'Xã Hải Đường', ';')}2.3;"Tiếp nhận phản ánh;1,5;1\r\n`)
  // an earlier result of ours lying in the folder: skipped, not read as a unit's form
  put('ket-qua-2023.xlsx', await writeResultWorkbook(evaluateBatch(pack, [{ unitId: 'xa-cu', period: '2023', selfScores: { '1.1': '1' } }])))

  const preload = join(dir, 'max-rss.mjs')
  const rssFile = join(dir, 'max-rss.txt')
  writeFileSync(preload, `import { writeFileSync } from 'node:fs'\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)))\n`)
  const started = Date.now()
  run = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', preload, CLI, 'score', '--pack', 'pack.json', '--year', '2024', '--in', 'nop', '--out', 'ket-qua/ket-qua-2024.xlsx', '--json'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    // a run that hangs (exceljs walking 17 billion merged cells) is stopped and fails below
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const maxRssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN
      resolve({ code, signal, stdout, stderr, maxRssKb, ms: Date.now() - started })
    })
  })
  console.log(`hostile folder: exit ${run.code}, peak RSS ${Math.round(run.maxRssKb / 1024)} MB, ${run.ms} ms`)
}, 180_000)

describe('a hostile folder (issue #10 item 4)', () => {
  it('scores and ranks every good file, exits 1, stays under 1 GB', () => {
    expect(run.signal, run.stderr.slice(0, 2000)).toBeNull()
    expect(run.code, run.stderr.slice(0, 2000)).toBe(1)
    const j = JSON.parse(run.stdout)
    expect(j.ranking.map((u: { unitId: string }) => u.unitId).sort()).toEqual(GOOD_UNITS)
    for (const u of j.ranking) expect(u).toMatchObject({ rank: expect.any(Number), groupSize: 5, index: expect.stringMatching(/^\d/) })
    expect(j.scored).toBe(5)
    expect(run.maxRssKb).toBeLessThan(1024 * 1024)
  })

  it('reports each bad file with its file and reason, in both languages', () => {
    const j = JSON.parse(run.stdout)
    expect([...j.rejected].sort()).toEqual(
      Object.keys(BAD)
        .map((f) => `nop/${f}`)
        .sort(),
    )
    const byFile = new Map<string, { code: string; message: { vi: string; en: string } }[]>()
    for (const i of j.issues) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i])
    for (const [file, code] of Object.entries(BAD)) {
      const list = byFile.get(`nop/${file}`) ?? []
      expect(
        list.map((i) => i.code),
        file,
      ).toContain(code)
      for (const i of list) {
        expect(i.message.vi.length, file).toBeGreaterThan(20)
        expect(i.message.en.length, file).toBeGreaterThan(20)
      }
    }
    const en = (file: string): string =>
      byFile
        .get(`nop/${file}`)!
        .map((i) => i.message.en)
        .join(' | ')
    expect(en('bomb-1-honest.xlsx')).toContain('unpacks to 1.1 GB, above the limit of 16 MB (possibly a zip bomb)')
    expect(en('bomb-3-lying.xlsx')).toContain('does not unpack to its declared size')
    expect(en('bomb-4-ratio.xlsx')).toMatch(/compressed \d+:1, above the limit of 200:1/)
    expect(en('rows-130000.csv')).toContain('has 130,003 rows, above the limit of 100,000')
    expect(en('rows-150000.xlsx')).toContain('Sheet "Sheet1" has 150,000 rows')
    expect(en('merge-whole-sheet.xlsx')).toContain('above the limit of 200,000 (merged areas included)')
    expect(en('trang-web.xlsx')).toContain('a web page (HTML)')
    expect(en('mat-khau.xlsx')).toContain('protected by a password')
    expect(en('ngau-nhien.xlsx')).toContain('binary data of no known format')
    expect(en('ngoac-kep.csv')).toContain('The quote (") opened on line 13 is never closed')
    expect(byFile.get('nop/ngoac-kep.csv')![0]).toMatchObject({ cell: 'B13', row: 13 })
  })

  it('skips our own earlier result, with a note, and writes the result workbook (a unit named History included)', async () => {
    const j = JSON.parse(run.stdout)
    expect(j.skipped).toEqual(['nop/ket-qua-2023.xlsx'])
    expect(run.stderr).toContain('Bỏ qua nop/ket-qua-2023.xlsx: tệp kết quả do chiso ghi')
    const wb = await loadWorkbook(new Uint8Array(readFileSync(join(dir, 'ket-qua', 'ket-qua-2024.xlsx'))))
    expect(wb.worksheets.map((w) => w.name)).toContain('History (2)')
  })
})
