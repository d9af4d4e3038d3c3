import { compareYears, compilePack, evaluate, evaluateBatch, Exact, reconstructionSummary, type AssessmentInput } from '@chiso/core'
import { describe, expect, it } from 'vitest'
import { formatVi } from '../src/shared/text.js'
import { bandShort, bandStyles, buildReportData, heatmapSvg, indexBarsSvg, largestGaps, renderReportHtml, reportPageCount, reportPages, UNITS_PER_PAGE } from '../src/report/index.js'
import { fullData, sampleYears, sections, visibleText } from './report-helpers.js'

const dept = sampleYears('department')
const data = fullData(dept)
const html = renderReportHtml(data)
const secs = sections(html)

describe('report data: from the engine’s own results', () => {
  it('ranks, indexes, bands and component ranks are the batch’s; changes are compareYears’', () => {
    const history = new Map(compareYears({ '2023': dept.previous, '2024': dept.batch }).map((h) => [h.unitId, h]))
    expect(data.units).toHaveLength(dept.batch.units.length)
    for (const u of data.units) {
      const r = dept.batch.unit(u.id)!
      expect(u.rank).toBe(r.rank)
      expect(u.index.text).toBe(formatVi(r.result.index))
      expect(u.band).toBe(r.band?.code ?? null)
      expect(u.componentRanks).toEqual(r.componentRanks)
      expect(u.change?.text).toBe(history.get(u.id)!.changes.at(-1)!.text.vi)
    }
    // at least one unit moved up, in the words of the reports
    expect(data.units.some((u) => /^tăng \d+ bậc so với năm 2023$/.test(u.change?.text ?? ''))).toBe(true)
    // units best first within the group
    const ranks = data.units.map((u) => u.rank!)
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
  })

  it('the group mean of each area is the exact mean of the units’ component indexes', () => {
    const g = data.groups[0]!
    for (const a of data.areas) {
      let sum = Exact.ZERO
      let n = 0
      for (const u of dept.batch.units) {
        const i = u.result.node(a.code)!.index
        if (i !== null) {
          sum = sum.add(i)
          n++
        }
      }
      expect(g.areaMeans[a.code]!.text).toBe(formatVi(sum.div(Exact.from(n))))
    }
  })

  it('is JSON: the dashboard can take it over HTTP', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data)
  })
})

/** The sample communes, scored: built once for the file, only read (tests change copies). */
const commune = sampleYears('commune')

describe('where a unit lost points', () => {
  const withAppraisal = commune.assessments.find((a) => (a.appraisals?.length ?? 0) > 0 && a.appraisals![0]!.changes.length > 0)!

  it('lists criteria below their maximum, largest loss first, with the appraisal round and its reason', () => {
    const result = evaluate(commune.pack, withAppraisal, { trace: true })
    const gaps = largestGaps(result, 1000)
    const criteria = gaps.filter((g) => g.kind === 'criterion')
    // every applicable leaf below its maximum is there, and nothing else
    const expected = result.nodes.filter((n) => commune.pack.node(n.code)!.isLeaf && !n.notApplicable && n.points.lt(n.applicableMax)).map((n) => n.code)
    expect(criteria.map((g) => g.code).sort()).toEqual(expected.sort())
    for (let i = 1; i < gaps.length; i++) expect(gaps[i - 1]!.lost.cmp(gaps[i]!.lost)).toBeGreaterThanOrEqual(0)
    for (const g of criteria) expect(g.lost.eq(g.applicableMax.sub(g.points))).toBe(true)
    const change = withAppraisal.appraisals![withAppraisal.appraisals!.length - 1]!.changes[0]!
    const gap = gaps.find((g) => g.code === change.code)
    if (gap) expect(gap.reasons.join(' ')).toContain(change.reason)
    const first = withAppraisal.appraisals![0]!.changes.find((c) => gaps.some((g) => g.code === c.code))!
    expect(gaps.find((g) => g.code === first.code)!.reasons.some((r) => r.startsWith('Thẩm định vòng'))).toBe(true)
  })

  it('names missing evidence and deductions', () => {
    const leafWithEvidence = commune.pack.nodes.find((n) => n.isLeaf && n.evidence?.required === true && n.source !== 'survey')!
    const a: AssessmentInput = {
      ...withAppraisal,
      unitId: 'xa-thu',
      evidence: (withAppraisal.evidence ?? []).filter((e) => !e.criteria.includes(leafWithEvidence.code)),
      facts: { ...withAppraisal.facts, reprimands: 2 },
      selfScores: { ...withAppraisal.selfScores },
    }
    delete (a as { explanations?: unknown }).explanations
    delete (a as { appraisals?: unknown }).appraisals
    const gaps = largestGaps(evaluate(commune.pack, a, { trace: true }), 1000)
    const ded = gaps.find((g) => g.kind === 'deduction')
    expect(ded?.reasons.join(' ')).toMatch(/^Điểm trừ: .*\(−1\)/)
    expect(ded?.lost.toString()).toBe('1')
    const ev = gaps.find((g) => g.code === leafWithEvidence.code)
    expect(ev?.reasons.some((r) => r.startsWith('Thiếu tài liệu kiểm chứng'))).toBe(true)
  })
  it("a criterion's own deduction is one of its causes, not a second gap: the gaps add up to what the unit lost", () => {
    // a deduction on a leaf (1.1) and one on an area (2); no bonus, no floor: nothing gives points back
    const pack = compilePack({
      id: 'test/gaps',
      version: '1.0.0',
      title: 'Khoảng mất điểm',
      scale: 10,
      criteria: [
        {
          code: '1',
          title: 'Lĩnh vực 1',
          maxPoints: 5,
          children: [
            { code: '1.1', title: 'Kế hoạch', maxPoints: 3, rule: { kind: 'manual', step: 0.5 } },
            { code: '1.2', title: 'Báo cáo', maxPoints: 2, rule: { kind: 'manual', step: 0.5 } },
          ],
        },
        { code: '2', title: 'Lĩnh vực 2', maxPoints: 5, children: [{ code: '2.1', title: 'Công khai', maxPoints: 5, rule: { kind: 'manual', step: 0.5 } }] },
      ],
      adjustments: [
        { id: 'tre-ke-hoach', type: 'deduction', title: 'Kế hoạch trễ', target: '1.1', amount: { kind: 'fixed', points: 1 } },
        { id: 'bao-cao-sai', type: 'deduction', title: 'Báo cáo sai', target: '2', amount: { kind: 'fixed', points: '0.5' } },
      ],
    })
    const r = evaluate(pack, { unitId: 'x', period: '2024', selfScores: { '1.1': 3, '1.2': 1.5, '2.1': 4 } }, { trace: true })
    const gaps = largestGaps(r, 1000)
    expect(gaps.map((g) => [g.code, g.kind, g.lost.toString()])).toEqual([
      ['1.1', 'criterion', '1'],
      ['2.1', 'criterion', '1'],
      ['1.2', 'criterion', '0.5'],
      ['2', 'deduction', '0.5'],
    ])
    expect(gaps.find((g) => g.code === '1.1')!.reasons.join(' ')).toMatch(/^Điểm trừ: Kế hoạch trễ \(−1\)$/)
    const lost = gaps.reduce((t, g) => t.add(g.lost), Exact.ZERO)
    expect(lost.toString()).toBe(r.applicableMax.sub(r.total).toString())
  })
})

describe('the HTML report', () => {
  it('is self-contained: no link, no script, nothing fetched from the network', () => {
    expect(html).not.toMatch(/<link\b/i)
    expect(html).not.toMatch(/<script\b/i)
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio)\b/i)
    expect(html).not.toMatch(/https?:\/\//i)
    expect(html).not.toMatch(/\b(src|href)\s*=/i)
    // every url(…) is a data: URL (the embedded font)
    const urls = [...html.matchAll(/url\(([^)#][^)]*)\)/g)].map((m) => m[1]!)
    expect(urls.length).toBeGreaterThan(0)
    for (const u of urls) expect(u.startsWith('data:')).toBe(true)
    expect(html).toContain("font-family:'Noto Sans'")
  })

  it('prints on A4, one section per page, the running header and footer on every page', () => {
    expect(html).toContain('@page{size:A4')
    expect(html).toContain('break-after:page')
    expect(secs.length).toBe(reportPageCount(data))
    secs.forEach((s, i) => {
      expect(s.html).toContain('<header class="running">')
      expect(s.html).toContain(`Trang ${i + 1}/${secs.length}`)
    })
  })

  it('has the pages the data call for, counted from units and groups', () => {
    const n = data.units.length
    const G = data.groups.length
    // every department existed in both years, so every one has a rank change
    expect(data.units.every((u) => u.change?.rankChange !== null)).toBe(true)
    const perGroup = (k: number): number => Math.ceil(k / UNITS_PER_PAGE)
    const expected = 1 + data.groups.reduce((s, g) => s + 5 * perGroup(g.units.length), 0) + Math.ceil(G / 3) + n
    expect(reportPageCount(data)).toBe(expected)
    const kinds = secs.map((s) => s.kind)
    expect(kinds.filter((k) => k === 'unit')).toHaveLength(n)
    expect(kinds[0]).toBe('cover')
  })

  it('names every unit and shows every index with a decimal comma, never a decimal point', () => {
    const text = visibleText(html)
    for (const u of dept.batch.units) {
      const name = u.result.assessment.unit!.name
      expect(text).toContain(name)
      expect(text).toContain(formatVi(u.result.index))
    }
    expect(text).not.toMatch(/\d\.\d{2}\b/)
    // the unit's own page carries its name and figures
    for (const s of secs.filter((x) => x.kind === 'unit')) {
      const u = dept.batch.unit(s.unit!)!
      const t = visibleText(s.html)
      expect(t).toContain(u.result.assessment.unit!.name)
      expect(t).toMatch(new RegExp(`Đạt ${formatVi(u.result.total)} ?/${formatVi(u.result.applicableMax)} điểm`))
      expect(t).toContain(`thứ ${u.rank}/${u.groupSize}`)
    }
  })

  it('draws the charts as inline SVG: one per chart page, one per unit page, none in tables', () => {
    const svgs = (s: string): number => (s.match(/<svg\b/g) ?? []).length
    const perKind: Record<string, number> = { cover: 0, ranking: 0, 'index-bars': 1, heatmap: 1, slope: 1, intervals: 1, unit: 1 }
    for (const s of secs) {
      if (s.kind === 'band-years') expect(svgs(s.html)).toBe(Math.min(3, data.groups.length))
      else expect(svgs(s.html), s.kind).toBe(perKind[s.kind])
    }
    expect(secs.filter((s) => s.kind === 'band-years')).toHaveLength(1)
  })

  it('draws the band thresholds on the bar chart, each band with its own label and pattern', () => {
    const bars = secs.find((s) => s.kind === 'index-bars')!.html
    const t = visibleText(bars)
    for (const b of data.bands.filter((x) => x.min.value > 0 && x.min.value < 100)) expect(t).toContain(`${b.style.short} ≥ ${b.min.text}`)
    const used = [...new Set(data.units.map((u) => u.band).filter((b): b is string => b !== null))]
    expect(used.length).toBeGreaterThan(1)
    const styles = used.map((c) => data.bands.find((b) => b.code === c)!.style)
    expect(new Set(styles.map((s) => s.short)).size).toBe(used.length)
    expect(new Set(styles.map((s) => s.pattern)).size).toBe(used.length)
    // each bar carries its band's short label next to its value
    for (const u of data.units) expect(t).toContain(`${u.index.text} ${data.bands.find((b) => b.code === u.band)!.style.short}`)
  })

  it('marks reconstructed packs and sample data on the cover and on every page', () => {
    const rec = reconstructionSummary(dept.pack)
    expect(rec.standing).not.toBe('official')
    expect(visibleText(secs[0]!.html)).toContain(rec.text.vi)
    expect(data.sample).toBe(true)
    expect(secs[0]!.html).toContain('DỮ LIỆU MẪU')
    for (const s of secs) {
      expect(s.html).toContain('<span class="badge">DỮ LIỆU MẪU</span>')
      expect(s.html).toContain('<span class="badge">NỘI DUNG TÁI DỰNG</span>')
    }
  })

  it('does not call data sample data when no unit says so; escapes names', () => {
    const plain = dept.assessments.map((a) => ({ ...a, unit: { ...a.unit!, attributes: {} } }))
    plain[0] = { ...plain[0]!, unit: { ...plain[0]!.unit, name: 'Sở <b>Thử</b> & "Kiểm"' } }
    const d = buildReportData(evaluateBatch(dept.pack, plain, { trace: true }))
    expect(d.sample).toBe(false)
    const h = renderReportHtml(d)
    expect(h).not.toContain('DỮ LIỆU MẪU')
    expect(h).not.toContain('<b>Thử</b>')
    expect(h).toContain('Sở &lt;b&gt;Thử&lt;/b&gt; &amp; &quot;Kiểm&quot;')
    // without earlier years and sensitivity: no slope, interval or band-year pages
    expect(new Set(reportPages(d).map((p) => p.kind))).toEqual(new Set(['cover', 'ranking', 'index-bars', 'heatmap', 'unit']))
  })

  it('splits long lists over pages of at most 40 units, in nearly equal parts', () => {
    const d = buildReportData(commune.batch)
    for (const g of d.groups) {
      const pages = reportPages(d).filter((p) => p.kind === 'ranking' && p.group === g.key)
      expect(pages).toHaveLength(Math.ceil(g.units.length / UNITS_PER_PAGE))
      const rows = pages.map((p) => (p.body.match(/<tr data-unit=/g) ?? []).length)
      expect(rows.reduce((a, b) => a + b, 0)).toBe(g.units.length)
      expect(Math.max(...rows) - Math.min(...rows)).toBeLessThanOrEqual(1)
      expect(Math.max(...rows)).toBeLessThanOrEqual(UNITS_PER_PAGE)
    }
  })
})

describe('chart pieces', () => {
  it('band styles: distinct short labels, even when initials collide', () => {
    expect(bandShort('Trung bình')).toBe('TB')
    expect(bandStyles(['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu']).map((s) => s.short)).toEqual(['XS', 'T', 'K', 'TB', 'Y'])
    const s = bandStyles(['Tốt', 'Khá', 'Kém', 'Tạm'])
    expect(s.map((x) => x.short)).toEqual(['T1', 'K2', 'K3', 'T4'])
    expect(new Set(s.map((x) => x.pattern)).size).toBe(4)
  })

  it('a chart is the same SVG on every run, its ids prefixed by the chart’s own', () => {
    const bands = data.bands
    const bars = data.units.slice(0, 3).map((u) => ({ name: u.name, value: u.index.value, text: u.index.text, style: bands.find((b) => b.code === u.band)!.style }))
    const a = indexBarsSvg('x1', bars, bands, { width: 600, scale: 100 })
    expect(indexBarsSvg('x1', bars, bands, { width: 600, scale: 100 })).toBe(a)
    expect(a).not.toMatch(/\bzr\d+-/)
    expect(a).toContain('data-chart="x1"')
    // patterns are strokes, not <pattern> fills (Chromium prints those as images)
    expect(a).not.toContain('<pattern')
  })

  it('the heat map prints every cell’s value and marks areas that do not apply', () => {
    const svg = heatmapSvg('h', [{ name: 'Xã A', cells: [{ value: 85.5, text: '85,50' }, null] }], ['1', '2'], { width: 500 })
    const t = visibleText(svg)
    expect(t).toContain('85,50')
    expect(t).toContain('—')
    expect(t).toContain('LV 1')
  })
})
