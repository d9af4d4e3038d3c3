/**
 * How many units fell in each band, year by year: one stacked bar per year, each band in its
 * colour and pattern, with the count and the band's short label printed in its segment.
 */
import type { BandStyle } from '../bands.js'
import type { BandYear } from '../data.js'
import type { Locale } from '../../shared/locale.js'
import { hatchElement, renderSvg, type RenderApi } from './render.js'

/** Width of a year's bar, as a share of its slot. */
const BAR_WIDTH = 0.46

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
  given: readonly BandYear[],
  bands: readonly { readonly code: string; readonly label: string; readonly style: BandStyle }[],
  o: { width: number; height: number; title?: string; locale?: Locale },
): string {
  const en = o.locale === 'en'
  // a year without results keeps its place on the axis, empty: 2021, 2023, 2024 are not evenly spaced
  const missing = new Set<string>()
  const filled: BandYear[] = []
  for (const y of given) {
    const prev = filled.at(-1)
    const from = prev ? Number(prev.year.slice(0, 4)) : NaN
    const to = Number(y.year.slice(0, 4))
    if (/^\d{4}$/.test(prev?.year ?? '') && /^\d{4}$/.test(y.year) && to - from > 1 && to - from <= 5)
      for (let k = from + 1; k < to; k++) {
        missing.add(String(k))
        filled.push({ year: String(k), counts: {}, unbanded: 0 })
      }
    filled.push(y)
  }
  const years: readonly BandYear[] = filled
  const used = bands.filter((b) => years.some((y) => (y.counts[b.code] ?? 0) > 0))
  const series: unknown[] = used.map((b) => ({
    name: `${b.style.short} — ${b.label}`,
    type: 'bar',
    stack: 'bands',
    barWidth: `${BAR_WIDTH * 100}%`,
    itemStyle: { color: b.style.color, borderColor: '#333', borderWidth: 0.6 },
    label: {
      show: true,
      position: 'inside',
      fontSize: 10,
      color: b.style.ink,
      fontWeight: 'bold',
      backgroundColor: b.style.color,
      padding: [1, 3],
      borderRadius: 2,
      formatter: (p: { value: number }) => (p.value > 0 ? `${p.value} ${b.style.short}` : ''),
    },
    // a year without results: no bar at all ('-'), not a bar of 0
    data: years.map((y) => (missing.has(y.year) ? '-' : (y.counts[b.code] ?? 0))),
  }))
  if (years.some((y) => y.unbanded > 0)) {
    series.push({
      name: en ? 'Not banded' : 'Chưa xếp loại',
      type: 'bar',
      stack: 'bands',
      barWidth: `${BAR_WIDTH * 100}%`,
      itemStyle: { color: '#ffffff', borderColor: '#333', borderWidth: 0.6 },
      label: { show: true, position: 'inside', fontSize: 10, color: '#111', formatter: (p: { value: number }) => (p.value > 0 ? `${p.value}` : '') },
      data: years.map((y) => (missing.has(y.year) ? '-' : y.unbanded)),
    })
  }
  // each segment's pattern, drawn over it: [year, from, to, band]
  const segments: [number, number, number, number][] = []
  years.forEach((y, x) => {
    let at = 0
    used.forEach((b, k) => {
      const n = y.counts[b.code] ?? 0
      if (n > 0) segments.push([x, at, at + n, k])
      at += n
    })
  })
  series.push({
    type: 'custom',
    silent: true,
    z: 3,
    encode: { x: 0, y: [1, 2] },
    data: segments,
    renderItem: (_p: unknown, api: RenderApi) => {
      const b = used[api.value(3)]!
      const [xc, top] = api.coord([api.value(0), api.value(2)])
      const [, bottom] = api.coord([api.value(0), api.value(1)])
      const w = api.size([1, 0])[0] * BAR_WIDTH
      return hatchElement(b.style.pattern, b.style.ink, xc - w / 2, top, w, bottom - top)
    },
  })
  const option = {
    ...(o.title ? { title: { text: o.title } } : {}),
    legend: { bottom: 0, itemWidth: 18, itemHeight: 12, textStyle: { fontSize: 10, color: '#111' } },
    grid: { left: 44, right: 16, top: 14, bottom: 64 },
    xAxis: {
      type: 'category',
      data: years.map((y) => (missing.has(y.year) ? (en ? `${y.year}\n(no results)` : `Năm ${y.year}\n(không có kết quả)`) : en ? y.year : `Năm ${y.year}`)),
      axisLabel: { fontSize: 11, color: '#111', interval: 0 },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10, color: '#333' }, name: en ? 'units' : 'số đơn vị', nameTextStyle: { fontSize: 10, color: '#333' } },
    series,
  }
  return renderSvg(
    id,
    option,
    o.width,
    o.height,
    en ? `Units by band over the years ${given.map((y) => y.year).join(', ')}` : `Số đơn vị theo xếp loại qua các năm ${given.map((y) => y.year).join(', ')}`,
  )
}
