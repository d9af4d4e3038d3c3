/**
 * Rank changes between two years: one line per unit from its rank then to its rank now.
 * Rising lines are solid, falling ones dashed, unchanged ones dotted (readable in black and
 * white), with the ranks printed at both ends and the unit's name on the right.
 */
import type { Locale } from '../../shared/locale.js'
import { cut, renderSvg } from './render.js'

/** One unit's two ranks. */
export interface SlopeLine {
  readonly name: string
  readonly from: number
  readonly to: number
}

/** Height in pixels per unit of the chart. @internal */
export const SLOPE_ROW = 19

const UP = '#1b6e3c'
const DOWN = '#c0392b'
const SAME = '#555555'

/**
 * The slope chart of rank changes from `fromYear` to `toYear`, as an SVG string. Both axes
 * run over the ranks the lines touch, best at the top.
 *
 * @example
 * ```ts
 * import { slopeSvg } from '@chiso/adapters/report'
 * const svg = slopeSvg('slope-xa-1', [{ name: 'Xã An Bình', from: 5, to: 3 }], '2023', '2024', { width: 690 })
 * ```
 */
export function slopeSvg(id: string, lines: readonly SlopeLine[], fromYear: string, toYear: string, o: { width: number; row?: number; locale?: Locale }): string {
  const en = o.locale === 'en'
  const height = 70 + Math.max(lines.length, 4) * (o.row ?? SLOPE_ROW)
  const ranks = lines.flatMap((l) => [l.from, l.to])
  const lo = Math.min(...ranks)
  const hi = Math.max(...ranks)
  // units tied at a rank share one label on the right, so labels never overprint
  const tied = new Map<number, string[]>()
  for (const l of lines) {
    const move = l.from - l.to
    const sign = move > 0 ? `▲${move}` : move < 0 ? `▼${-move}` : '='
    tied.set(l.to, [...(tied.get(l.to) ?? []), `${cut(l.name, tied.has(l.to) ? 18 : 30)} ${sign}`])
  }
  const labelled = new Set<number>()
  const series = lines.map((l) => {
    const move = l.from - l.to
    const color = move > 0 ? UP : move < 0 ? DOWN : SAME
    const first = !labelled.has(l.to)
    labelled.add(l.to)
    return {
      type: 'line',
      symbol: 'circle',
      symbolSize: 5,
      lineStyle: { color, width: move === 0 ? 1 : 1.5, type: move > 0 ? 'solid' : move < 0 ? 'dashed' : 'dotted' },
      itemStyle: { color },
      data: [
        { value: [0, l.from], label: { show: true, position: 'left', formatter: String(l.from), fontSize: 9, color: '#111' } },
        { value: [1, l.to], label: { show: first, position: 'right', formatter: `${l.to}  ${tied.get(l.to)!.join('; ')}`, fontSize: 9, color: '#111' } },
      ],
    }
  })
  const option = {
    grid: { left: 70, right: 250, top: 28, bottom: 14 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      interval: 1,
      position: 'top',
      axisLabel: { fontSize: 11, fontWeight: 'bold', color: '#111', formatter: (v: number) => (en ? (v === 0 ? fromYear : toYear) : v === 0 ? `Năm ${fromYear}` : `Năm ${toYear}`) },
      splitLine: { show: true, lineStyle: { color: '#999' } },
    },
    yAxis: { type: 'value', inverse: true, min: lo - 0.5, max: hi + 0.5, show: false },
    series,
  }
  return renderSvg(
    id,
    option,
    o.width,
    height,
    en ? `Rank changes of ${lines.length} units from ${fromYear} to ${toYear}` : `Thay đổi thứ hạng của ${lines.length} đơn vị từ năm ${fromYear} đến năm ${toYear}`,
  )
}
