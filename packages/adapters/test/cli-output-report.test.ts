// The report says the same thing on every page: a unit compared on its own page is on the
// rank-change chart, and the "So với" column is never cut in the PDF (pdftotext -layout).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluateBatch, type AssessmentInput } from '@chiso/core'
import { describe, expect, it } from 'vitest'
import { buildReportData, findChromium, renderReportHtml, renderReportPdf } from '../src/report/index.js'
import { GOOD, testPack } from './helpers.js'
import { sections } from './report-helpers.js'

const pack = testPack()
const unit = (id: string, name: string, period: string, bump: number): AssessmentInput => ({
  unitId: id,
  period,
  unit: { id, name, kind: 'commune' },
  selfScores: { ...Object.fromEntries(Object.entries(GOOD).map(([k, v]) => [k, String(v)])), '2.1': String(bump) },
  evidence: [{ id: 'e1', title: 'TB 5/TB-UBND', criteria: ['2.2'] }],
})
// 2023: four communes (B led); 2024: three of them (one form rejected), A leads
const before = evaluateBatch(pack, [unit('xa-a', 'Xã An Phú', '2023', 2), unit('xa-b', 'Xã Bình Minh', '2023', 4), unit('xa-c', 'Xã Cam Lộ', '2023', 3), unit('xa-d', 'Xã Đông Tiến', '2023', 1)])
const now = evaluateBatch(pack, [unit('xa-a', 'Xã An Phú', '2024', 4), unit('xa-b', 'Xã Bình Minh', '2024', 3), unit('xa-d', 'Xã Đông Tiến', '2024', 1)])
const data = buildReportData(now, { previous: { '2023': before } })
const html = renderReportHtml(data)
const pages = sections(html)

describe('a report whose group had another size the year before', () => {
  it('draws every unit ranked in both years on the rank-change page, and says the sizes differ', () => {
    const slope = pages.filter((p) => p.kind === 'slope')
    expect(slope.length).toBe(1)
    expect(slope[0]!.html).not.toContain('Không có đơn vị nào có thứ hạng ở cả hai năm')
    expect(slope[0]!.html).toContain('<svg')
    expect(slope[0]!.html).toContain('Năm 2023 nhóm có 04 đơn vị được xếp hạng, năm 2024 có 03')
    expect(slope[0]!.html).not.toContain('nhóm có số đơn vị khác năm trước')
  })

  it('the unit page says its place once and the earlier one beside it', () => {
    const a = pages.find((p) => p.kind === 'unit' && p.unit === 'xa-a')!
    const facts = /<p class="unit-facts">(.*?)<\/p>/.exec(a.html)![1]!
    expect(facts.match(/xếp thứ 1\/3/g)?.length).toBe(1)
    expect(facts).toContain('năm 2023 xếp thứ 3/4')
  })

  it('the "So với 2023" cell holds both places and the PDF prints them whole', async () => {
    const ranking = pages.find((p) => p.kind === 'ranking')!
    expect(ranking.html).toContain('<td class="chg">3/4 → 1/3</td>')
    expect(findChromium(), 'a Chromium is needed').toBeDefined()
    const file = join(mkdtempSync(join(tmpdir(), 'chiso-report-out-')), 'bao-cao.pdf')
    writeFileSync(file, (await renderReportPdf(html)).pdf)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    const row = text.split('\n').find((l) => /^\s*1\s+Xã An Phú/.test(l))!
    expect(row).toMatch(/3\/4 → 1\/3\s*$/)
    expect(text).not.toContain('…')
  }, 60_000)
})
