/**
 * The report as one self-contained HTML document: a fixed plan of A4 pages (each section
 * sized to fit its page, long lists split over several), the running header and footer on
 * every page, the font and the styles inside, no network.
 */
import { bandYearsSvg } from './charts/band-years.js'
import { heatmapSvg } from './charts/heatmap.js'
import { indexBarsSvg } from './charts/index-bars.js'
import { rankIntervalsSvg } from './charts/rank-intervals.js'
import { slopeSvg } from './charts/slope.js'
import { styleOf, type ReportData, type ReportGroup, type ReportUnit } from './data.js'
import { embeddedFontCss } from './font.js'
import { chunks, esc, pad2 } from './html.js'
import { bandChip, bandCss, componentFormula, indexText, sayIn } from './sections/common.js'
import { areaLegendHtml, rankingTableHtml } from './sections/ranking.js'
import { unitPageHtml } from './sections/unit.js'

/** What a page shows. */
export type ReportPageKind = 'cover' | 'ranking' | 'index-bars' | 'heatmap' | 'band-years' | 'slope' | 'intervals' | 'unit'

/** One A4 page of the report. */
export interface ReportPage {
  readonly kind: ReportPageKind
  /** the page's heading */
  readonly title: string
  /** the group it shows, if one */
  readonly group?: string
  /** the unit it shows, for a unit's page */
  readonly unit?: string
  /** the page's content (HTML), between the running header and footer */
  readonly body: string
}

/** Units listed per page in the ranking table and the charts of every unit. */
export const UNITS_PER_PAGE = 40
/** Charts of band counts per year on one page. */
export const BAND_YEAR_CHARTS_PER_PAGE = 3
/** Width in CSS pixels of the text column of an A4 page (184 mm). */
export const CONTENT_WIDTH = 695

/**
 * How many pages a report of these data has, section by section, without drawing it: 1
 * cover; per group ⌈n/40⌉ pages each of ranking, index bars, heat map, and of rank intervals
 * (with a sensitivity analysis) and of the slope chart (with earlier years); ⌈groups/3⌉
 * pages of band counts per year (with earlier years); one page per unit.
 *
 * @example
 * ```ts
 * import { buildReportData, reportPageCount } from '@chiso/adapters/report'
 * reportPageCount(buildReportData(batch)) // 1 + 3 × ⌈n/40⌉ + n for one group
 * ```
 */
export function reportPageCount(data: ReportData): number {
  return reportPages(data).length
}

const groupUnits = (data: ReportData, g: ReportGroup): ReportUnit[] => {
  const byId = new Map(data.units.map((u) => [u.id, u]))
  return g.units.map((id) => byId.get(id)!)
}

/** Row height (px) of a chart listing `n` units: 19 for a full page of 40, taller for fewer so the page is used. */
const rowFor = (n: number): number => Math.max(19, Math.min(26, Math.floor(760 / Math.max(1, n))))

const slug = (s: string): string => s.replace(/[^a-zA-Z0-9_-]/g, '_')

function partTitle(title: string, part: number, parts: number): string {
  return parts > 1 ? `${title} (${part}/${parts})` : title
}

function bandLegendHtml(data: ReportData): string {
  if (data.bands.length === 0) return ''
  const items = data.bands.map((b) => `<li>${bandChip(data, b.code)} <span class="thr">${b.minExclusive ? '&gt;' : '≥'} ${esc(b.min.text)}${data.indexPercent ? '%' : ''}</span></li>`)
  return `<ul class="legend bands">${items.join('')}<li>${bandChip(data, null)}</li></ul>`
}

/**
 * The pages of the report in order, each with its content. Their number is what
 * {@link reportPageCount} gives.
 *
 * @example
 * ```ts
 * import { buildReportData, reportPages } from '@chiso/adapters/report'
 * for (const p of reportPages(buildReportData(batch))) console.log(p.kind, p.title)
 * ```
 */
export function reportPages(data: ReportData): ReportPage[] {
  const pages: ReportPage[] = [{ kind: 'cover', title: data.title, body: '' }]
  const s = sayIn(data)
  const locale = data.locale ?? 'vi'
  const many = data.groups.length > 1
  const lastYear = data.previousYears[data.previousYears.length - 1]
  for (const g of data.groups) {
    const units = groupUnits(data, g)
    const inGroup = many ? ` — ${g.name}` : ''
    const parts = chunks(units, UNITS_PER_PAGE)
    parts.forEach((part, k) => {
      pages.push({
        kind: 'ranking',
        title: partTitle(`${s('Bảng xếp hạng', 'Ranking')}${inGroup}`, k + 1, parts.length),
        group: g.key,
        body: `${k === 0 && g.summary ? `<p class="lead">${esc(g.summary)}${g.mean ? `; ${s('chỉ số bình quân', 'mean index')} ${esc(indexText(data, g.mean.text))}` : ''}.</p>` : ''}${rankingTableHtml(data, g, part)}${areaLegendHtml(data)}`,
      })
    })
    parts.forEach((part, k) => {
      const bars = part.map((u) => ({ name: u.name, value: u.index.value, text: u.index.text, style: styleOf(data, u.band) }))
      pages.push({
        kind: 'index-bars',
        title: partTitle(`${s('Chỉ số của từng đơn vị và ngưỡng xếp loại', "Each unit's index and the band thresholds")}${inGroup}`, k + 1, parts.length),
        group: g.key,
        body: `${bandLegendHtml(data)}<div class="chart-box">${indexBarsSvg(`bars-${slug(g.key)}-${k + 1}`, bars, data.bands, { width: CONTENT_WIDTH, scale: data.indexScale, unit: data.indexUnit, row: rowFor(part.length), locale })}</div>`,
      })
    })
    parts.forEach((part, k) => {
      const rows = part.map((u) => ({ name: u.name, cells: data.areas.map((a) => u.components[a.code] ?? null) }))
      pages.push({
        kind: 'heatmap',
        title: partTitle(`${s('Chỉ số thành phần theo lĩnh vực', 'Component index by area')} (${esc(data.indexUnit)})${inGroup}`, k + 1, parts.length),
        group: g.key,
        body: `<p class="lead">${s(
          `Ô càng đậm, lĩnh vực càng yếu; số trong ô là chỉ số thành phần (${esc(componentFormula(data))}); “—”: không áp dụng.`,
          `The darker the cell, the weaker the area; the number in a cell is the component index (${esc(componentFormula(data))}); “—”: not applicable.`,
        )}</p><div class="chart-box">${heatmapSvg(
          `heat-${slug(g.key)}-${k + 1}`,
          rows,
          data.areas.map((a) => a.code),
          { width: CONTENT_WIDTH, row: rowFor(part.length), locale },
        )}</div>${areaLegendHtml(data)}`,
      })
    })
    if (lastYear !== undefined) {
      // every unit ranked in both years is drawn, as its own page says "thứ 1/3 (năm 2023: thứ
      // 2/4)": a group of another size that year is said in the note, never a reason to leave
      // the unit out (one rejected form emptied the chart while the unit pages compared)
      const both = units
        .map((u) => ({ u, prev: [...u.history].reverse().find((h) => h.year === lastYear) }))
        .filter((x): x is { u: ReportUnit; prev: NonNullable<typeof x.prev> } => x.u.rank !== null && x.prev !== undefined && x.prev.rank !== null)
      const lines = both.map(({ u, prev }) => ({ name: u.name, from: prev.rank!, to: u.rank! }))
      const slopeParts = chunks(lines, UNITS_PER_PAGE)
      const missing = units.length - lines.length
      const sizesThen = [...new Set(both.map((x) => x.prev.groupSize).filter((n): n is number => n !== null))]
      const sizeNow = units[0]?.groupSize
      const resized = sizesThen.length > 0 && sizesThen.some((n) => n !== sizeNow)
      const note = `<p class="lead">${s('Đường liền: tăng bậc; đường đứt: giảm bậc; đường chấm: giữ nguyên.', 'Solid: up; dashed: down; dotted: unchanged.')}${
        missing > 0
          ? ` ${s(
              `${pad2(missing)} đơn vị không có thứ hạng năm ${esc(lastYear)} để so sánh (mới thành lập, sáp nhập hoặc chưa có kết quả năm đó).`,
              `${pad2(missing)} units have no ${esc(lastYear)} rank to compare with (new, merged, or without a result that year).`,
            )}`
          : ''
      }${
        resized
          ? ` ${s(
              `Năm ${esc(lastYear)} nhóm có ${sizesThen.map((n) => pad2(n)).join(', ')} đơn vị được xếp hạng, năm ${esc(data.period)} có ${pad2(sizeNow ?? 0)}: thứ hạng hai năm tính trên số đơn vị khác nhau.`,
              `In ${esc(lastYear)} the group ranked ${sizesThen.join(', ')} units, in ${esc(data.period)} ${sizeNow ?? 0}: the two years' ranks are out of different numbers of units.`,
            )}`
          : ''
      }</p>`
      const slopeTitle = s(`Thay đổi thứ hạng ${lastYear}–${data.period}`, `Rank changes ${lastYear}–${data.period}`)
      if (slopeParts.length === 0) {
        pages.push({
          kind: 'slope',
          title: `${slopeTitle}${inGroup}`,
          group: g.key,
          body: `${note}<p class="none">${s('Không có đơn vị nào có thứ hạng ở cả hai năm.', 'No unit has a rank in both years.')}</p>`,
        })
      }
      slopeParts.forEach((part, k) => {
        pages.push({
          kind: 'slope',
          title: partTitle(`${slopeTitle}${inGroup}`, k + 1, slopeParts.length),
          group: g.key,
          body: `${k === 0 ? note : ''}<div class="chart-box">${slopeSvg(`slope-${slug(g.key)}-${k + 1}`, part, lastYear, data.period, { width: CONTENT_WIDTH, row: rowFor(part.length), locale })}</div>`,
        })
      })
    }
    const sens = data.sensitivity
    if (sens) {
      const ranked = units.filter((u) => u.interval !== null)
      const ivParts = chunks(ranked, UNITS_PER_PAGE)
      ivParts.forEach((part, k) => {
        const rows = part.map((u) => ({ name: u.name, rank: u.interval!.rank, low: u.interval!.low, high: u.interval!.high }))
        pages.push({
          kind: 'intervals',
          title: partTitle(`${s('Độ ổn định của thứ hạng', 'How stable the ranks are')}${inGroup}`, k + 1, ivParts.length),
          group: g.key,
          body: `${
            k === 0
              ? `<p class="lead">${s(
                  `Trọng số mỗi lĩnh vực được thay đổi ngẫu nhiên trong khoảng ±${esc(sens.spread)} % (${sens.draws} lần thử, hạt giống ${sens.seed}); đoạn thẳng: thứ hạng từ bách phân vị thứ 5 đến 95; chấm tròn: thứ hạng công bố.`,
                  `Each area's weight was changed at random within ±${esc(sens.spread)}% (${sens.draws} draws, seed ${sens.seed}); line: ranks from the 5th to the 95th percentile; dot: the published rank.`,
                )}</p>`
              : ''
          }<div class="chart-box">${rankIntervalsSvg(`iv-${slug(g.key)}-${k + 1}`, rows, Math.max(...ranked.map((u) => u.groupSize)), { width: CONTENT_WIDTH, row: rowFor(part.length), locale })}</div>`,
        })
      })
    }
  }
  if (data.bandYears.length > 0) {
    const perPage = chunks(data.bandYears, BAND_YEAR_CHARTS_PER_PAGE)
    const allBands = [...data.bands, ...data.extraBands]
    perPage.forEach((part, k) => {
      const height = part.length === 1 ? 420 : part.length === 2 ? 380 : 270
      const charts = part.map((by) => {
        const g = data.groups.find((x) => x.key === by.group)!
        return `${many ? `<h3>${esc(g.name)}</h3>` : ''}<div class="chart-box">${bandYearsSvg(`years-${slug(by.group)}`, by.years, allBands, { width: CONTENT_WIDTH, height, locale })}</div>`
      })
      pages.push({ kind: 'band-years', title: partTitle(s('Xếp loại qua các năm', 'Bands over the years'), k + 1, perPage.length), body: charts.join('') })
    })
  }
  for (const g of data.groups) {
    for (const u of groupUnits(data, g)) {
      pages.push({ kind: 'unit', title: u.name, group: g.key, unit: u.id, body: unitPageHtml(data, g, u, CONTENT_WIDTH) })
    }
  }
  pages[0] = { ...pages[0]!, body: coverHtml(data, pages) }
  return pages
}

const KIND_NAMES_EN: Record<ReportPageKind, string> = {
  cover: 'Summary',
  ranking: 'Ranking by group: points, index, band, rank in each area',
  'index-bars': "Each unit's index with the band thresholds",
  heatmap: 'Heat map of the component index by area',
  slope: 'Rank changes between two years',
  intervals: 'How stable the ranks are when the weights change',
  'band-years': 'Units by band over the years',
  unit: 'Each unit: areas against the group mean, points lost, appraisal trail',
}

const KIND_NAMES: Record<ReportPageKind, string> = {
  cover: 'Tóm tắt',
  ranking: 'Bảng xếp hạng theo nhóm: điểm, chỉ số, xếp loại, thứ hạng từng lĩnh vực',
  'index-bars': 'Biểu đồ chỉ số của từng đơn vị với ngưỡng xếp loại',
  heatmap: 'Bản đồ nhiệt chỉ số thành phần theo lĩnh vực',
  slope: 'Thay đổi thứ hạng giữa hai năm',
  intervals: 'Độ ổn định của thứ hạng khi trọng số thay đổi',
  'band-years': 'Số đơn vị theo xếp loại qua các năm',
  unit: 'Từng đơn vị: lĩnh vực so với bình quân nhóm, điểm bị mất, quá trình thẩm định',
}

function coverHtml(data: ReportData, pages: readonly ReportPage[]): string {
  const parts: string[] = []
  const s = sayIn(data)
  parts.push(`<h1>${esc(data.title)}</h1>`)
  parts.push(
    `<p class="subtitle">${esc(data.pack.title)} <span class="pack-id">(${esc(data.pack.id)}@${esc(data.pack.version)})</span> — ${s('kỳ đánh giá', 'assessment period')} ${esc(data.period)}</p>`,
  )
  if (data.sample)
    parts.push(
      s(
        '<p class="mark sample-mark"><b>DỮ LIỆU MẪU</b> — tên đơn vị, điểm số và xếp hạng trong báo cáo này là dữ liệu mẫu do chương trình tạo ra, không phải kết quả thật của đơn vị nào.</p>',
        '<p class="mark sample-mark"><b>SAMPLE DATA</b> — the unit names, points and ranks in this report are sample data made up by the program, not the real results of any unit.</p>',
      ),
    )
  if (data.reconstruction) parts.push(`<p class="mark rec-mark"><b>${s('NỘI DUNG TÁI DỰNG', 'RECONSTRUCTED CONTENT')}</b> — ${esc(data.reconstruction.text)}.</p>`)
  parts.push(`<h2>${s('Tóm tắt', 'Summary')}</h2>`)
  const items = data.groups.map((g) => {
    const units = g.units.map((id) => data.units.find((u) => u.id === id)!)
    const first = units[0]
    const last = units[units.length - 1]
    const lines = [
      `${pad2(units.length)} ${esc(data.unitWord.split(',')[0]!)}${g.summary ? `: ${esc(g.summary)}` : ''}`,
      ...(g.mean ? [`${s('chỉ số bình quân', 'mean index')} ${esc(indexText(data, g.mean.text))}`] : []),
      ...(first ? [`${s('dẫn đầu', 'first')}: ${esc(first.name)}, ${esc(indexText(data, first.index.text))}`] : []),
      ...(last && last !== first ? [`${s('thấp nhất', 'last')}: ${esc(last.name)}, ${esc(indexText(data, last.index.text))}`] : []),
    ]
    return `<li><b>${esc(g.name)}</b> — ${lines.join('; ')}.</li>`
  })
  parts.push(`<ul class="summary">${items.join('')}</ul>`)
  if (data.bands.length > 0)
    parts.push(
      `<h3>${s('Xếp loại', 'Bands')}</h3>${bandLegendHtml(data)}<p class="note">${s('Mỗi xếp loại có màu, hoa văn và chữ viết tắt riêng, đọc được cả khi in đen trắng.', 'Each band has its own colour, pattern and short label, so it reads in black and white too.')}</p>`,
    )
  if (data.previousYears.length > 0)
    parts.push(`<p class="note">${s('So sánh với năm', 'Compared with')} ${data.previousYears.map(esc).join(', ')} ${s('theo kết quả đã lưu', 'from the saved results')}.</p>`)
  // the contents: each kind of page, its first page and how many
  const seen = new Map<ReportPageKind, { first: number; count: number }>()
  pages.forEach((p, i) => {
    const s = seen.get(p.kind)
    if (s) s.count++
    else seen.set(p.kind, { first: i + 1, count: 1 })
  })
  const names = data.locale === 'en' ? KIND_NAMES_EN : KIND_NAMES
  const page = s('trang', 'page')
  const rows = [...seen].map(
    ([k, x]) => `<tr><td>${esc(names[k])}</td><td class="num">${x.count === 1 ? `${page} ${x.first}` : `${s('trang', 'pages')} ${x.first}–${x.first + x.count - 1}`}</td></tr>`,
  )
  parts.push(`<h2>${s('Nội dung', 'Contents')}</h2><table class="toc"><tbody>${rows.join('')}</tbody></table>`)
  parts.push(
    `<p class="note">${s(
      `Mọi số liệu trong báo cáo do bộ máy tính điểm chiso tính chính xác từ bộ chỉ số và hồ sơ đánh giá; số thập phân viết với dấu phẩy. Tổng số trang: ${pages.length}.`,
      `Every figure in this report is computed exactly by the chiso scoring engine from the pack and the assessment files; decimals are written with a decimal point. Pages: ${pages.length}.`,
    )}</p>`,
  )
  return parts.join('\n')
}

const CSS = `
@page{size:A4;margin:0}
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;font-size:9pt;line-height:1.35;color:#111;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.page{width:210mm;height:297mm;padding:9mm 13mm 8mm;display:flex;flex-direction:column;overflow:hidden;break-after:page;page-break-after:always;background:#fff}
.page:last-child{break-after:auto;page-break-after:auto}
@media screen{body{background:#e8e8e8}.page{margin:6mm auto;box-shadow:0 1px 4px rgba(0,0,0,.25)}}
.running{display:flex;justify-content:space-between;align-items:baseline;gap:6mm;font-size:7.5pt;color:#444;flex:0 0 auto}
header.running{border-bottom:0.6pt solid #888;padding-bottom:1.2mm;margin-bottom:3mm}
footer.running{border-top:0.6pt solid #888;padding-top:1.2mm;margin-top:2mm}
.running .r-left{overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.running .r-right{white-space:nowrap}
.badge{font-weight:700;border:1pt solid #111;padding:0 1.5mm;margin-left:2mm;color:#111}
.body{flex:1 1 auto;min-height:0;overflow:hidden}
h1{font-size:17pt;margin:8mm 0 2mm;line-height:1.25}
h2{font-size:12.5pt;margin:0 0 2.5mm}
h3{font-size:10pt;margin:3mm 0 1.5mm}
.subtitle{font-size:10.5pt;margin:0 0 4mm}
.pack-id{color:#555;font-size:8.5pt}
.mark{border:1.2pt solid #111;padding:2mm 3mm;margin:0 0 3mm}
.sample-mark{background:#fff3c4}
.rec-mark{background:#f1f1f1}
.lead{margin:0 0 2.5mm}
.note{color:#333;font-size:8.5pt}
.none{color:#444;font-style:italic;margin:0 0 2mm}
.more{margin:1mm 0 0;font-size:8pt;color:#333}
ul.summary{padding-left:5mm;margin:0 0 3mm}
ul.summary li{margin:0 0 1.5mm}
table{border-collapse:collapse;width:100%}
th,td{padding:0.6mm 1.2mm;border-bottom:0.4pt solid #bbb;vertical-align:middle;text-align:left}
th{background:#eef0f4;font-weight:700;font-size:8pt;border-bottom:0.8pt solid #555}
td.num,th.num{text-align:right;white-space:nowrap}
table.ranking{font-size:8.3pt;table-layout:fixed}
table.ranking th{white-space:nowrap;overflow:hidden}
table.ranking td{height:4.75mm;padding-top:0.2mm;padding-bottom:0.2mm}
table.ranking th{font-size:7.6pt}
table.ranking .chip{line-height:1.25}
table.ranking td.name{overflow:hidden;line-height:1.1;display:table-cell}
table.ranking td.name.long{font-size:7.4pt}
table.ranking .area{color:#333;padding-left:0.4mm;padding-right:0.8mm}
td.chg,th.chg{overflow-wrap:anywhere}
table.ranking td.strong{font-weight:700}
td.chg{font-size:7.8pt}
td.chg.up{color:#145a2e}
td.chg.down{color:#8e1b12}
.chip{display:inline-block;min-width:7mm;text-align:center;font-weight:700;font-size:7.5pt;padding:0 1mm;border:0.6pt solid #333;border-radius:1mm;line-height:1.45}
.chip-label{font-size:8pt}
td.band-cell{white-space:nowrap}
.legend{font-size:7.8pt;color:#222;margin:2mm 0 0}
.legend.areas span{white-space:nowrap}
ul.legend.bands{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:2mm 5mm;margin:0 0 2mm}
.thr{color:#333}
.chart-box svg{display:block;width:100%;height:auto}
.unit-title{font-size:13pt;margin-bottom:1mm}
.unit-facts{margin:0 0 1mm;font-size:9pt}
.unit-extra{margin:0 0 1mm;font-size:8.3pt;color:#222}
table.gaps,table.trail{font-size:7.8pt;table-layout:fixed}
table.gaps td,table.trail td{vertical-align:top}
table.gaps col,table.gaps th:nth-child(1){width:11mm}
table.gaps th:nth-child(2){width:52mm}
table.gaps th:nth-child(3){width:17mm}
table.gaps th:nth-child(4){width:11mm}
table.trail th:nth-child(1){width:10mm}
table.trail th:nth-child(2){width:18mm}
table.trail th:nth-child(3){width:44mm}
table.trail th:nth-child(4){width:13mm}
table.trail th:nth-child(5){width:17mm}
td.lost{font-weight:700}
.clamp{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.clamp1{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
ul.flags{margin:0;padding-left:5mm;font-size:8pt}
table.toc td{font-size:9pt;padding:1mm 1.5mm}
`

/** Options for {@link renderReportHtml}. */
export interface ReportHtmlOptions {
  /** leave the embedded font out (smaller HTML; the reader's fonts are used) */
  readonly embedFont?: boolean
}

/**
 * The whole report as one self-contained HTML document: every page of
 * {@link reportPages}, printable on A4 (CSS `@page`, one section per page, the running
 * header and footer on every page), the font embedded, charts as inline SVG, no script and
 * no reference to anything outside the file.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { buildReportData, renderReportHtml } from '@chiso/adapters/report'
 * await writeFile('bao-cao.html', renderReportHtml(buildReportData(batch)))
 * ```
 */
export function renderReportHtml(data: ReportData, options: ReportHtmlOptions = {}): string {
  const pages = reportPages(data)
  const total = pages.length
  const s = sayIn(data)
  const marks = `${data.sample ? `<span class="badge">${s('DỮ LIỆU MẪU', 'SAMPLE DATA')}</span>` : ''}${data.reconstruction ? `<span class="badge">${s('NỘI DUNG TÁI DỰNG', 'RECONSTRUCTED')}</span>` : ''}`
  const head = `${esc(data.title)} · ${esc(data.pack.title)}`
  const body = pages
    .map((p, i) => {
      const n = i + 1
      const heading = p.kind === 'cover' || p.kind === 'unit' ? '' : `<h2>${esc(p.title)}</h2>`
      return `<section class="page" id="trang-${n}" data-page="${n}" data-kind="${p.kind}"${p.group !== undefined ? ` data-group="${esc(p.group)}"` : ''}${p.unit !== undefined ? ` data-unit="${esc(p.unit)}"` : ''}>
<header class="running"><span class="r-left">${head}</span><span class="r-right">${marks}</span></header>
<div class="body">${heading}${p.body}</div>
<footer class="running"><span class="r-left">${data.reconstruction ? s('Bộ chỉ số có nội dung tái dựng, không phải văn bản chính thức (xem trang 1)', 'The pack has reconstructed content, not an official text (see page 1)') : `${esc(data.pack.id)}@${esc(data.pack.version)}`}</span><span class="r-right">${s('Trang', 'Page')} ${n}/${total}</span></footer>
</section>`
    })
    .join('\n')
  return `<!DOCTYPE html>
<html lang="${data.locale === 'en' ? 'en' : 'vi'}">
<head>
<meta charset="utf-8">
<meta name="generator" content="chiso">
<title>${esc(data.title)}</title>
<style>
${options.embedFont === false ? '' : embeddedFontCss()}
${CSS}
${bandCss(data)}
</style>
</head>
<body>
${body}
</body>
</html>
`
}
