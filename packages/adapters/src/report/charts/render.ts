/**
 * ECharts' server-side SVG rendering (no DOM, no canvas), with only the parts the report
 * uses registered. Every chart of the report goes through {@link renderSvg}.
 */
import { BarChart, CustomChart, HeatmapChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { hatchPath, hatchStyle, type BandPattern } from '../bands.js'

echarts.use([BarChart, CustomChart, HeatmapChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, VisualMapComponent, SVGRenderer])

/** The report's font, first in every chart's font list (embedded in the HTML). @internal */
export const FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"

/** Chart option, as ECharts takes it. @internal */
export type ChartOption = echarts.EChartsCoreOption

/**
 * Renders an ECharts option to an SVG string, `width` × `height` CSS pixels. The ids
 * inside (patterns, classes) are prefixed with `id`, so that several charts in one page
 * never share one and the output is the same on every run; the SVG namespace attributes
 * are dropped (an inline SVG in HTML needs none) and `role="img"` with `aria-label` added.
 * @internal
 */
export function renderSvg(id: string, option: ChartOption, width: number, height: number, label: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, ...option })
    const svg = chart.renderToSVGString()
    return (
      svg
        .replace(/\bzr\d+-/g, `${id}-`)
        .replace(/ xmlns(:xlink)?="[^"]*"/g, '')
        .replace(/ (version|baseProfile)="[^"]*"/g, '')
        .replace(/<style >[\s\S]*?<\/style>/, '')
        // hover classes (their styles are gone), interaction metadata: nothing a page or print uses
        .replace(/ class="[^"]*-cls-\d+"/g, '')
        .replace(/ (ecmeta_[a-z_]+|pointer-events)="[^"]*"/g, '')
        .replace('<svg ', `<svg role="img" aria-label="${label.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}" data-chart="${id}" class="chart" `)
    )
  } finally {
    chart.dispose()
  }
}

/** A number on an axis, with a decimal comma (a decimal point in English). @internal */
export function axisNumber(v: number, locale: 'vi' | 'en' = 'vi'): string {
  return Number.isInteger(v) ? String(v) : locale === 'en' ? v.toFixed(1) : v.toFixed(1).replace('.', ',')
}

/** Text cut to `max` characters with an ellipsis (chart labels that must fit). @internal */
export function cut(text: string, max: number): string {
  const chars = [...text.normalize('NFC')]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** The API a custom series' renderItem is given (the parts used here). @internal */
export interface RenderApi {
  value(dim: number): number
  coord(point: [number, number]): [number, number]
  size(range: [number, number]): [number, number]
}

/**
 * A custom-series element drawing a band's pattern as strokes over the rectangle
 * (x, y, w, h); an empty group for a solid band.
 * @internal
 */
export function hatchElement(pattern: BandPattern, ink: string, x: number, y: number, w: number, h: number): Record<string, unknown> {
  const d = hatchPath(pattern, x, y, w, h)
  return d === '' ? { type: 'group', children: [] } : { type: 'path', silent: true, shape: { pathData: d }, style: hatchStyle(pattern, ink) }
}
