/**
 * One unit's areas against its group's mean: per area two bars, the unit's component index
 * (dark) and the group mean (light, outlined), each with its number: told apart by lightness
 * in black and white.
 */
import type { Locale } from '../../shared/locale.js'
import { axisNumber, cut, renderSvg } from './render.js'

/** One area of the chart. */
export interface UnitAreaBar {
  /** "1. Công tác chỉ đạo, điều hành" */
  readonly label: string
  readonly unit: { readonly value: number; readonly text: string } | null
  readonly mean: { readonly value: number; readonly text: string } | null
}

/** Height in pixels of one area's row. @internal */
export const UNIT_AREA_ROW = 30

/**
 * The chart of one unit's component indexes against the group mean, as an SVG string.
 *
 * @example
 * ```ts
 * import { unitAreasSvg } from '@chiso/adapters/report'
 * const svg = unitAreasSvg('unit-xa-an-binh', bars, { width: 690, scale: 100 })
 * ```
 */
export function unitAreasSvg(id: string, bars: readonly UnitAreaBar[], o: { width: number; scale: number; locale?: Locale }): string {
  const en = o.locale === 'en'
  const height = 48 + bars.length * UNIT_AREA_ROW
  const values = bars.flatMap((b) => [b.unit?.value, b.mean?.value]).filter((v): v is number => v !== undefined)
  const axisMin = Math.max(0, Math.floor((Math.min(...values, o.scale) - 10) / 10) * 10)
  const bar = (pick: (b: UnitAreaBar) => UnitAreaBar['unit'], name: string, color: string) => ({
    name,
    type: 'bar',
    barGap: '10%',
    barCategoryGap: '28%',
    itemStyle: { color, borderColor: '#333', borderWidth: 0.6 },
    label: { show: true, position: 'right', fontSize: 9, color: '#111', formatter: (p: { dataIndex: number }) => pick(bars[p.dataIndex]!)?.text ?? (en ? 'not applicable' : 'không áp dụng') },
    data: bars.map((b) => pick(b)?.value ?? 0),
  })
  const option = {
    legend: { top: 0, right: 8, itemWidth: 18, itemHeight: 11, textStyle: { fontSize: 10, color: '#111' } },
    grid: { left: 230, right: 50, top: 26, bottom: 20 },
    xAxis: { type: 'value', min: axisMin, max: o.scale, axisLabel: { fontSize: 10, color: '#333', formatter: (v: number) => axisNumber(v, o.locale) }, splitLine: { lineStyle: { color: '#e3e3e3' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => cut(b.label, 80)),
      axisLabel: { fontSize: 9.5, color: '#111', width: 222, overflow: 'break', lineHeight: 11 },
      axisTick: { show: false },
    },
    series: [bar((b) => b.unit, en ? 'Unit' : 'Đơn vị', '#2c3e70'), bar((b) => b.mean, en ? 'Group mean' : 'Bình quân nhóm', '#c9d3e6')],
  }
  return renderSvg(id, option, o.width, height, en ? "The unit's component indexes against the group mean" : 'Chỉ số thành phần của đơn vị so với bình quân nhóm')
}
