/**
 * Rank intervals from the sensitivity analysis: for each unit a line from its 5th to its
 * 95th percentile rank under perturbed area weights, and a dot at its published rank.
 */
import type { Locale } from '../../shared/locale.js'
import { cut, renderSvg } from './render.js'

/** One unit's interval. */
export interface RankIntervalRow {
  readonly name: string
  readonly rank: number
  readonly low: number
  readonly high: number
}

/** Height in pixels of one row. @internal */
export const INTERVAL_ROW = 19

/**
 * The rank-interval chart as an SVG string; `groupSize` sets the axis (1 … groupSize).
 *
 * @example
 * ```ts
 * import { rankIntervalsSvg } from '@chiso/adapters/report'
 * const svg = rankIntervalsSvg('iv-xa-1', [{ name: 'Xã An Bình', rank: 3, low: 2, high: 5 }], 16, { width: 690 })
 * ```
 */
export function rankIntervalsSvg(id: string, rows: readonly RankIntervalRow[], groupSize: number, o: { width: number; row?: number; locale?: Locale }): string {
  const en = o.locale === 'en'
  const height = 56 + rows.length * (o.row ?? INTERVAL_ROW)
  const option = {
    grid: { left: 230, right: 60, top: 34, bottom: 22 },
    xAxis: {
      type: 'value',
      min: 1,
      max: Math.max(2, groupSize),
      minInterval: 1,
      position: 'top',
      name: en ? 'rank' : 'thứ hạng',
      nameLocation: 'end',
      nameTextStyle: { fontSize: 10, color: '#333' },
      axisLabel: { fontSize: 10, color: '#333' },
      splitLine: { lineStyle: { color: '#e3e3e3' } },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => cut(r.name, 42)), axisLabel: { fontSize: 10, color: '#111', width: 222, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      {
        type: 'custom',
        data: rows.map((r, i) => [i, r.low, r.high, r.rank]),
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: [number, number]) => [number, number] }) => {
          const y = api.value(0)
          const a = api.coord([api.value(1), y])
          const b = api.coord([api.value(2), y])
          const d = api.coord([api.value(3), y])
          const lowText = String(api.value(1))
          const highText = String(api.value(2))
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: '#2c3e70', lineWidth: 2.5 } },
              { type: 'line', shape: { x1: a[0], y1: a[1] - 4, x2: a[0], y2: a[1] + 4 }, style: { stroke: '#2c3e70', lineWidth: 1.5 } },
              { type: 'line', shape: { x1: b[0], y1: b[1] - 4, x2: b[0], y2: b[1] + 4 }, style: { stroke: '#2c3e70', lineWidth: 1.5 } },
              { type: 'circle', shape: { cx: d[0], cy: d[1], r: 4.5 }, style: { fill: '#ffffff', stroke: '#000000', lineWidth: 1.6 } },
              { type: 'text', style: { x: b[0] + 8, y: b[1], text: lowText === highText ? `${lowText}` : `${lowText}–${highText}`, fontSize: 9, fill: '#111', verticalAlign: 'middle' } },
            ],
          }
        },
      },
    ],
  }
  return renderSvg(id, option, o.width, height, en ? `Rank intervals (5th–95th percentile) of ${rows.length} units` : `Khoảng thứ hạng (bách phân vị 5–95) của ${rows.length} đơn vị`)
}
