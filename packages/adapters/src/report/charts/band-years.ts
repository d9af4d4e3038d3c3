/**
 * How many units fell in each band, year by year: one stacked bar per year, each band in its
 * colour and pattern, with the count and the band's short label printed in its segment.
 */
import { decalOf, type BandStyle } from '../bands.js'
import type { BandYear } from '../data.js'
import { renderSvg } from './render.js'

/**
 * The stacked bars of band counts per year, as an SVG string. `bands` best first; a
 * segment of units in no band is drawn last, white.
 *
 * @example
 * ```ts
 * import { bandYearsSvg } from '@chiso/adapters/report'
 * const svg = bandYearsSvg('years-xa', data.bandYears[0].years, bands, { width: 690, height: 300 })
 * ```
 */
export function bandYearsSvg(
  id: string,
  years: readonly BandYear[],
  bands: readonly { readonly code: string; readonly label: string; readonly style: BandStyle }[],
  o: { width: number; height: number; title?: string },
): string {
  const used = bands.filter((b) => years.some((y) => (y.counts[b.code] ?? 0) > 0))
  const series: unknown[] = used.map((b) => ({
    name: `${b.style.short} — ${b.label}`,
    type: 'bar',
    stack: 'bands',
    barWidth: '46%',
    itemStyle: { color: b.style.color, borderColor: '#333', borderWidth: 0.6, ...(decalOf(b.style.pattern, b.style.ink) ? { decal: decalOf(b.style.pattern, b.style.ink) } : {}) },
    label: { show: true, position: 'inside', fontSize: 10, color: b.style.ink, fontWeight: 'bold', backgroundColor: b.style.color, padding: [1, 3], borderRadius: 2, formatter: (p: { value: number }) => (p.value > 0 ? `${p.value} ${b.style.short}` : '') },
    data: years.map((y) => y.counts[b.code] ?? 0),
  }))
  if (years.some((y) => y.unbanded > 0)) {
    series.push({
      name: 'Chưa xếp loại',
      type: 'bar',
      stack: 'bands',
      itemStyle: { color: '#ffffff', borderColor: '#333', borderWidth: 0.6 },
      label: { show: true, position: 'inside', fontSize: 10, color: '#111', formatter: (p: { value: number }) => (p.value > 0 ? `${p.value}` : '') },
      data: years.map((y) => y.unbanded),
    })
  }
  const option = {
    ...(o.title ? { title: { text: o.title } } : {}),
    legend: { bottom: 0, itemWidth: 18, itemHeight: 12, textStyle: { fontSize: 10, color: '#111' } },
    grid: { left: 44, right: 16, top: 14, bottom: 52 },
    xAxis: { type: 'category', data: years.map((y) => `Năm ${y.year}`), axisLabel: { fontSize: 11, color: '#111' }, axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10, color: '#333' }, name: 'số đơn vị', nameTextStyle: { fontSize: 10, color: '#333' } },
    series,
  }
  return renderSvg(id, option, o.width, o.height, `Số đơn vị theo xếp loại qua các năm ${years.map((y) => y.year).join(', ')}`)
}
