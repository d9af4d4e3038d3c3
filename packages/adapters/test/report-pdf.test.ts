// The PDF is printed by a real headless Chromium (Debian's chromium package; CHISO_CHROMIUM
// names another) and read back with poppler's pdfinfo and pdftotext (poppler-utils).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { formatVi } from '../src/shared/text.js'
import { findChromium, renderReportHtml, renderReportPdf, ReportPdfError, reportPages, UNITS_PER_PAGE, type ReportPdf } from '../src/report/index.js'
import { fullData, sampleYears } from './report-helpers.js'

const dept = sampleYears('department')
const data = fullData(dept)
const html = renderReportHtml(data)
const dir = mkdtempSync(join(tmpdir(), 'chiso-report-pdf-'))
const file = join(dir, 'bao-cao.pdf')
let printed: ReportPdf

/** The text of one page (1-based) as pdftotext reads it. */
const pageText = (page: number): string => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' })

beforeAll(async () => {
  expect(findChromium(), 'a Chromium is needed (Debian: apt-get install chromium; or CHISO_CHROMIUM)').toBeDefined()
  printed = await renderReportPdf(html)
  writeFileSync(file, printed.pdf)
})

describe('the PDF report, printed by headless Chromium', () => {
  it('has one A4 page per planned page, counted from the units and groups, none overflowing', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1])
    const n = data.units.length
    const groups = data.groups.length
    const listPages = data.groups.reduce((s, g) => s + Math.ceil(g.units.length / UNITS_PER_PAGE), 0)
    // cover + (ranking, bars, heat map, slope, intervals) per group + band counts per year + one page per unit
    expect(pages).toBe(1 + 5 * listPages + Math.ceil(groups / 3) + n)
    expect(pages).toBe(reportPages(data).length)
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/)
    expect(printed.overflowing).toEqual([])
  })

  it('reads back with every unit’s name and its numbers with decimal commas', () => {
    const all = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(all).toContain('DỮ LIỆU MẪU')
    expect(all).toContain('NỘI DUNG TÁI DỰNG')
    const pages = reportPages(data)
    pages.forEach((p, i) => {
      if (p.kind !== 'unit') return
      const u = data.units.find((x) => x.id === p.unit)!
      const r = dept.batch.unit(u.id)!
      const t = pageText(i + 1)
      expect(t).toContain(u.name)
      expect(t).toContain(formatVi(r.result.index))
      expect(t).toContain(`Trang ${i + 1}/${pages.length}`)
    })
    // reading order, whitespace joined: a long name may wrap in its cell
    const at = pages.findIndex((p) => p.kind === 'ranking') + 1
    const ranking = execFileSync('pdftotext', ['-f', String(at), '-l', String(at), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    for (const u of dept.batch.units) {
      expect(ranking).toContain(u.result.assessment.unit!.name)
      expect(ranking).toContain(formatVi(u.result.total))
    }
    // numbers are written with a decimal comma: no "85.34" anywhere
    expect(all).not.toMatch(/\b\d{1,3}\.\d{2}\b/)
  })

  it('a missing Chromium is a clear error in both languages, never a download', async () => {
    const e = await renderReportPdf('<p>x</p>', { chromium: join(dir, 'khong-co-chromium') }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ReportPdfError)
    expect((e as ReportPdfError).code).toBe('chromium_not_found')
    expect((e as ReportPdfError).messages.vi).toContain('Không tìm thấy Chromium')
    expect((e as ReportPdfError).messages.en).toContain('CHISO_CHROMIUM')
    expect(findChromium(undefined, { CHISO_CHROMIUM: join(dir, 'nothing') })).toBeUndefined()
  })
})
