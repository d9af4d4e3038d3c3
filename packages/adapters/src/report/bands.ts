/**
 * How each band (xếp loại) looks, in colour and in black and white: a colour, a pattern
 * and a short label, so a band reads the same on a grey photocopy as on screen.
 */

/** The pattern a band is filled with (drawn over its colour). */
export type BandPattern = 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical' | 'grid'

/** How one band is drawn: colour, ink on it, pattern and short label. */
export interface BandStyle {
  /** short label printed on bars and chips ("XS", "T", "K", "TB", "Y") */
  readonly short: string
  /** fill colour */
  readonly color: string
  /** text colour on the fill */
  readonly ink: string
  readonly pattern: BandPattern
}

/**
 * Colours by rank of the band (best first): green for the top, red for the bottom; next
 * to each other they differ in lightness too, and every one has its own pattern.
 */
const LOOKS: readonly { color: string; ink: string; pattern: BandPattern }[] = [
  { color: '#1b6e3c', ink: '#ffffff', pattern: 'solid' },
  { color: '#6cbf6a', ink: '#0d2b12', pattern: 'diagonal' },
  { color: '#f2d34f', ink: '#3a2e00', pattern: 'dots' },
  { color: '#ef8a3c', ink: '#2e1500', pattern: 'cross' },
  { color: '#c0392b', ink: '#ffffff', pattern: 'horizontal' },
  { color: '#7d5ba6', ink: '#ffffff', pattern: 'vertical' },
  { color: '#5d6d7e', ink: '#ffffff', pattern: 'grid' },
]

/** The look of a unit that falls in no band ("chưa xếp loại"). */
export const UNBANDED_STYLE: BandStyle = Object.freeze({ short: '—', color: '#ffffff', ink: '#222222', pattern: 'solid' })

/**
 * The short label of a band from its Vietnamese label: the initials of its words
 * ("Xuất sắc" → "XS", "Trung bình" → "TB"), one letter for a one-word label ("Tốt" → "T").
 *
 * @example
 * ```ts
 * import { bandShort } from '@chiso/adapters/report'
 * bandShort('Trung bình') // 'TB'
 * ```
 */
export function bandShort(label: string): string {
  const words = label.trim().split(/\s+/).filter((w) => w.length > 0)
  return words.map((w) => [...w.normalize('NFC')][0]!.toLocaleUpperCase('vi')).join('') || '?'
}

/**
 * Styles for the bands of a pack, best first: each a distinct colour, pattern and short
 * label (a label two bands would share gets the band's position appended: "T1", "T2").
 *
 * @example
 * ```ts
 * import { bandStyles } from '@chiso/adapters/report'
 * bandStyles(['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu']).map((s) => s.short) // ['XS', 'T', 'K', 'TB', 'Y']
 * ```
 */
export function bandStyles(labels: readonly string[]): BandStyle[] {
  const shorts = labels.map(bandShort)
  const count = new Map<string, number>()
  for (const s of shorts) count.set(s, (count.get(s) ?? 0) + 1)
  return labels.map((_, i) => {
    const look = LOOKS[i % LOOKS.length]!
    // beyond the looks there are, the colour repeats but the label still tells bands apart
    const short = count.get(shorts[i]!)! > 1 ? `${shorts[i]}${i + 1}` : shorts[i]!
    return Object.freeze({ short, color: look.color, ink: look.ink, pattern: look.pattern })
  })
}

/** The pattern drawn as ECharts' decal (an SVG pattern in the rendered chart). @internal */
export function decalOf(pattern: BandPattern, ink: string): Record<string, unknown> | undefined {
  const color = ink === '#ffffff' ? 'rgba(255,255,255,0.55)' : 'rgba(0,0,0,0.45)'
  switch (pattern) {
    case 'solid':
      return undefined
    case 'diagonal':
      return { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color }
    case 'dots':
      return { symbol: 'circle', symbolSize: 0.7, dashArrayX: [[3, 3]], dashArrayY: [3, 3], rotation: 0, color }
    case 'cross':
      return { symbol: 'rect', symbolSize: 1, dashArrayX: [[1, 4]], dashArrayY: [1, 4], rotation: Math.PI / 4, color }
    case 'horizontal':
      return { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: 0, color }
    case 'vertical':
      return { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: Math.PI / 2, color }
    case 'grid':
      return { symbol: 'rect', symbolSize: 1, dashArrayX: [[1, 3]], dashArrayY: [1, 3], rotation: 0, color }
  }
}

/**
 * The pattern as a small SVG tile, for CSS backgrounds of table chips (a `data:` URL: no
 * network). @internal
 */
export function patternTile(pattern: BandPattern, ink: string): string | undefined {
  const c = ink === '#ffffff' ? 'rgba(255,255,255,0.6)' : 'rgba(0,0,0,0.45)'
  let body: string
  switch (pattern) {
    case 'solid':
      return undefined
    case 'diagonal':
      body = `<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="${c}" stroke-width="1.4"/>`
      break
    case 'dots':
      body = `<circle cx="2" cy="2" r="1.1" fill="${c}"/><circle cx="6" cy="6" r="1.1" fill="${c}"/>`
      break
    case 'cross':
      body = `<path d="M0 0l8 8M8 0l-8 8" stroke="${c}" stroke-width="1"/>`
      break
    case 'horizontal':
      body = `<path d="M0 2h8M0 6h8" stroke="${c}" stroke-width="1.2"/>`
      break
    case 'vertical':
      body = `<path d="M2 0v8M6 0v8" stroke="${c}" stroke-width="1.2"/>`
      break
    case 'grid':
      body = `<path d="M0 4h8M4 0v8" stroke="${c}" stroke-width="1"/>`
      break
  }
  return `url("data:image/svg+xml,${encodeURIComponent(`<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'>${body.replace(/"/g, "'")}</svg>`)}")`
}
