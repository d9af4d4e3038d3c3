// Issue #11 item 4 (acceptance 4): the result workbook is checked the way an officer sees
// it — printed. LibreOffice renders it to PDF; poppler counts the pages and reads page 1.
// Needs LibreOffice Calc and poppler-utils (Debian: libreoffice-calc-nogui poppler-utils);
// set CHISO_SKIP_OFFICE=1 to leave this out on a machine without them.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluateBatch } from '@chiso/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { sampleAssessments } from '../src/cli/index.js'
import { writeResultWorkbook } from '../src/xlsx/index.js'

const skip = process.env.CHISO_SKIP_OFFICE === '1'
const have = (cmd: string): boolean => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0 || spawnSync('which', [cmd], { stdio: 'ignore' }).status === 0

let dir: string
let pdf: string

/** Renders a workbook to PDF with LibreOffice, in a profile of its own (runs side by side). */
function toPdf(xlsx: string): string {
  const profile = join(dir, 'lo-profile')
  const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', dir, xlsx], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, HOME: dir },
  })
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`)
  return xlsx.replace(/\.xlsx$/, '.pdf')
}

const info = (file: string): string => execFileSync('pdfinfo', [file], { encoding: 'utf8' })
const pageText = (file: string, page: number): string => execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' })

describe.skipIf(skip)('the result workbook, printed', () => {
  beforeAll(async () => {
    if (!have('soffice') || !have('pdfinfo')) {
      throw new Error('LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext) are needed: apt-get install libreoffice-calc-nogui poppler-utils, or set CHISO_SKIP_OFFICE=1')
    }
    dir = mkdtempSync(join(tmpdir(), 'chiso-print-'))
    // five sample communes under the commune pack of 2024, with their survey results
    const s = await sampleAssessments({ year: 2024, kind: 'commune' })
    if (!s.ok) throw new Error('no sample')
    const part = s.parts[0]!
    const batch = evaluateBatch(part.pack, part.assessments.slice(0, 5))
    writeFileSync(join(dir, 'ket-qua.xlsx'), await writeResultWorkbook(batch, { issuer: 'UBND TỈNH HỒNG LAM (DỮ LIỆU MẪU)\nSỞ NỘI VỤ' }))
    pdf = toPdf(join(dir, 'ket-qua.xlsx'))
  }, 300_000)

  it('five units print on 12 A4 landscape pages (they printed on 70): the ranking on one, the summary, two per unit', () => {
    const i = info(pdf)
    const pages = Number(/Pages:\s+(\d+)/.exec(i)?.[1])
    expect(pages).toBe(12)
    // A4 landscape: 842 × 595 points
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(i)!.slice(1).map(Number)
    expect(Math.round(w!)).toBe(842)
    expect(Math.round(h!)).toBe(595)
    expect(readFileSync(pdf).length).toBeGreaterThan(10_000)
  })

  it('page 1 is the report: issuer, national heading, title, the reconstruction and sample marks, the five units, a numbered footer', () => {
    const p1 = pageText(pdf, 1)
    for (const s of [
      'UBND TỈNH HỒNG LAM (DỮ LIỆU MẪU)',
      'SỞ NỘI VỤ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024',
      '63/63 tiêu chí chấm điểm là nội dung tái dựng',
      'DỮ LIỆU MẪU: tên đơn vị và số liệu là giả định',
      'Thứ hạng theo lĩnh vực',
      'NGƯỜI LẬP BIỂU',
      'THỦ TRƯỞNG CƠ QUAN',
      '1 / 12',
    ])
      expect(p1, s).toContain(s)
    // numbers printed the Vietnamese way, from the workbook's own number format
    expect(p1).toMatch(/\d+,\d\d\s+100,00\s+\d+,\d\d/)
    expect(p1.match(/^\s*[1-5]\s+Xã /gm)).toHaveLength(5)
  })

  it('a unit sheet repeats its header row on its second page', () => {
    const p3 = pageText(pdf, 3)
    const p4 = pageText(pdf, 4)
    expect(p3).toMatch(/STT\s+Tiêu chí/)
    expect(p4).toMatch(/STT\s+Tiêu chí/)
    expect(p3).toContain('tái dựng')
  })
})
