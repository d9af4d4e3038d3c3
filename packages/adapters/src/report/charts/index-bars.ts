/**
 * Every unit's index as a bar, best at the top, in its band's colour and pattern with the
 * band's short label, and the band thresholds drawn as vertical lines.
 */
import type { ReportBand } from '../data.js'
import type { BandStyle } from '../bands.js'
import type { Locale } from '../../shared/locale.js'
import { axisNumber, cut, hatchElement, renderSvg, type RenderApi } from './render.js'

/** One bar. */
export interface IndexBar {
  readonly name: string
  readonly value: number
  /** the index as shown ("85,34") */
  readonly text: string
  readonly style: BandStyle
}

/** Space between bars, as a share of a row. */
const BAR_GAP = 0.22

/** Height in pixels of one bar's row. @internal */
export const INDEX_BAR_ROW = 19

/**
 * The bar chart of units' indexes with band thresholds, as an SVG string.
 *
 * @example
 * ```ts
 * import { indexBarsSvg } from '@chiso/adapters/report'
 * const svg = indexBarsSvg('bars-xa-1', bars, data.bands, { width: 690, scale: 100 })
 * ```
 */
export function indexBarsSvg(id: string, bars: readonly IndexBar[], bands: readonly ReportBand[], o: { width: number; scale: number; unit?: string; row?: number; locale?: Locale }): string {
  const height = 60 + bars.length * (o.row ?? INDEX_BAR_ROW)
  const thresholds = bands.filter((b) => b.min.value > 0 && b.min.value < o.scale)
  const low = Math.min(...bars.map((b) => b.value), ...thresholds.map((t) => t.min.value))
  // start the axis below the lowest bar or threshold, on a multiple of 10, so differences show
  const axisMin = Math.max(0, Math.floor((low - 5) / 10) * 10)
  const option = {
    grid: { left: 230, right: 70, top: 24, bottom: 30 },
    xAxis: {
      type: 'value',
      min: axisMin,
      max: o.scale,
      position: 'top',
      axisLabel: { formatter: (v: number) => axisNumber(v, o.locale), fontSize: 10, color: '#333' },
      splitLine: { lineStyle: { color: '#e3e3e3' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => cut(b.name, 42)),
      axisLabel: { fontSize: 10, color: '#111', width: 222, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barCategoryGap: `${BAR_GAP * 100}%`,
        data: bars.map((b) => ({
          value: b.value,
          itemStyle: { color: b.style.color, borderColor: '#333', borderWidth: 0.6 },
          label: { show: true, position: 'right', formatter: `${b.text} ${b.style.short}`, fontSize: 9.5, color: '#111' },
        })),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#111', type: 'dashed', width: 1 },
          // at the bottom end of each line (the category axis runs downwards), clear of the value axis on top
          label: { position: 'end', fontSize: 9.5, color: '#111', distance: 4 },
          data: thresholds.map((t) => ({ xAxis: t.min.value, label: { formatter: `${t.style.short} ${t.minExclusive ? '>' : '≥'} ${t.min.text}` } })),
        },
      },
      {
        // each band's pattern, drawn over its bar
        type: 'custom',
        silent: true,
        z: 3,
        encode: { x: 1, y: 0 },
        data: bars.map((b, i) => [i, b.value]),
        renderItem: (_p: unknown, api: RenderApi) => {
          const b = bars[api.value(0)]!
          const [x0, yc] = api.coord([axisMin, api.value(0)])
          const [x1] = api.coord([b.value, api.value(0)])
          const t = api.size([0, 1])[1] * (1 - BAR_GAP)
          return hatchElement(b.style.pattern, b.style.ink, x0, yc - t / 2, x1 - x0, t)
        },
      },
    ],
  }
  return renderSvg(
    id,
    option,
    o.width,
    height,
    o.locale === 'en'
      ? `Index of ${bars.length} units and the band thresholds${o.unit ? ` (${o.unit})` : ''}`
      : `Biểu đồ chỉ số của ${bars.length} đơn vị và ngưỡng xếp loại${o.unit ? ` (${o.unit})` : ''}`,
  )
}
