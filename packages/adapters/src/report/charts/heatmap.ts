/**
 * Units × areas: each cell the unit's component index (%), darker where it is weaker, with
 * the number printed in the cell so it reads in black and white too.
 */
import type { Locale } from '../../shared/locale.js'
import { cut, renderSvg, type RenderApi } from './render.js'

/** One row of the heat map. */
export interface HeatRow {
  readonly name: string
  /** one cell per area, in area order; null where nothing in the area applies */
  readonly cells: readonly ({ readonly value: number; readonly text: string } | null)[]
}

/** Height in pixels of one row. @internal */
export const HEAT_ROW = 19

/** Colours from weak (dark red) to strong (pale): lightness rises with the value. */
const RAMP = ['#7f0000', '#b30000', '#d7301f', '#ef6548', '#fc8d59', '#fdbb84', '#fdd49e', '#fee8c8', '#fff7ec']

function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16))
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16))
  return `#${pa
    .map((x, k) =>
      Math.round(x + (pb[k]! - x) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

/** The fill of a value on [min, max]. @internal */
export function heatColor(value: number, min: number, max: number): string {
  const t = max <= min ? 1 : Math.min(1, Math.max(0, (value - min) / (max - min)))
  const x = t * (RAMP.length - 1)
  const i = Math.min(RAMP.length - 2, Math.floor(x))
  return mix(RAMP[i]!, RAMP[i + 1]!, x - i)
}

function dark(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  return 0.299 * r! + 0.587 * g! + 0.114 * b! < 140
}

/**
 * The heat map of units × areas as an SVG string. `areas` are the column heads (area
 * codes); the colour scale runs from `min` (default: the lowest value, down to a multiple
 * of 10) to 100.
 *
 * @example
 * ```ts
 * import { heatmapSvg } from '@chiso/adapters/report'
 * const svg = heatmapSvg('heat-xa-1', rows, ['1', '2', '3'], { width: 690 })
 * ```
 */
export function heatmapSvg(id: string, rows: readonly HeatRow[], areas: readonly string[], o: { width: number; min?: number; max?: number; row?: number; locale?: Locale }): string {
  const en = o.locale === 'en'
  const height = 50 + rows.length * (o.row ?? HEAT_ROW)
  const values = rows.flatMap((r) => r.cells.filter((c) => c !== null).map((c) => c!.value))
  const max = o.max ?? 100
  const min = o.min ?? Math.min(max - 10, Math.floor((values.length > 0 ? Math.min(...values) : 0) / 10) * 10)
  const data: unknown[] = []
  const na: [number, number][] = []
  rows.forEach((r, y) =>
    r.cells.forEach((c, x) => {
      if (c === null) {
        na.push([x, y])
        return
      }
      const fill = heatColor(c.value, min, max)
      data.push({ value: [x, y, c.value], itemStyle: { color: fill }, label: { formatter: c.text, color: dark(fill) ? '#ffffff' : '#111111' } })
    }),
  )
  const option = {
    grid: { left: 230, right: 8, top: 30, bottom: 18 },
    xAxis: {
      type: 'category',
      position: 'top',
      data: areas.map((a) => `${en ? 'A' : 'LV '}${a}`),
      axisLabel: { fontSize: 10, color: '#111', fontWeight: 'bold' },
      axisTick: { show: false },
      splitArea: { show: false },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => cut(r.name, 42)), axisLabel: { fontSize: 10, color: '#111', width: 222, overflow: 'truncate' }, axisTick: { show: false } },
    // the colours are the ramp above on [min, max], as heatColor computes them for the labels
    visualMap: { show: false, type: 'continuous', dimension: 2, min, max, inRange: { color: RAMP }, outOfRange: { color: '#ffffff' } },
    series: [
      { type: 'heatmap', data, label: { show: true, fontSize: 9 }, itemStyle: { borderColor: '#ffffff', borderWidth: 1 } },
      {
        // cells where nothing applies: white, with a dash
        type: 'custom',
        silent: true,
        data: na,
        renderItem: (_p: unknown, api: RenderApi) => {
          const [cx, cy] = api.coord([api.value(0), api.value(1)])
          const [w, h] = api.size([1, 1])
          return {
            type: 'group',
            children: [
              { type: 'rect', shape: { x: cx - w / 2 + 0.5, y: cy - h / 2 + 0.5, width: w - 1, height: h - 1 }, style: { fill: '#ffffff', stroke: '#999999', lineWidth: 0.6 } },
              { type: 'text', style: { x: cx, y: cy, text: '—', fontSize: 9, fill: '#555555', align: 'center', verticalAlign: 'middle' } },
            ],
          }
        },
      },
    ],
  }
  return renderSvg(id, option, o.width, height, en ? `Heat map of the component index by area of ${rows.length} units` : `Bản đồ nhiệt chỉ số thành phần theo lĩnh vực của ${rows.length} đơn vị`)
}
