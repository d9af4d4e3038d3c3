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
  const words = label
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
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

/** Spacing in pixels between the strokes or dots of a pattern. */
const STEP = 5

/**
 * The pattern of a band as vector strokes inside the rectangle (x, y, w, h): an SVG path
 * (`d`), drawn over the band's colour; empty for a solid band. Patterns are drawn as
 * plain strokes, not SVG `<pattern>` fills, because Chromium prints every pattern fill as
 * an image: a report of a hundred units became 7 MB and took a minute to print.
 * @internal
 */
export function hatchPath(pattern: BandPattern, x: number, y: number, w: number, h: number): string {
  if (w <= 0 || h <= 0) return ''
  const f = (n: number): string => String(Math.round(n * 10) / 10)
  const seg = (x1: number, y1: number, x2: number, y2: number): string => `M${f(x1)} ${f(y1)}L${f(x2)} ${f(y2)}`
  const out: string[] = []
  const diagonal = (up: boolean): void => {
    // lines x − y = c (down) or x + y = c (up), clipped to the rectangle
    for (let c = -h; c < w; c += STEP * 1.4) {
      const x1 = Math.max(0, c)
      const x2 = Math.min(w, c + h)
      if (x2 <= x1) continue
      if (up) out.push(seg(x + x1, y + h - (x1 - c), x + x2, y + h - (x2 - c)))
      else out.push(seg(x + x1, y + (x1 - c), x + x2, y + (x2 - c)))
    }
  }
  switch (pattern) {
    case 'solid':
      return ''
    case 'diagonal':
      diagonal(true)
      break
    case 'cross':
      diagonal(true)
      diagonal(false)
      break
    case 'horizontal':
      for (let t = STEP / 2; t < h; t += STEP) out.push(seg(x, y + t, x + w, y + t))
      break
    case 'vertical':
      for (let t = STEP / 2; t < w; t += STEP) out.push(seg(x + t, y, x + t, y + h))
      break
    case 'grid':
      for (let t = STEP / 2; t < h; t += STEP) out.push(seg(x, y + t, x + w, y + t))
      for (let t = STEP / 2; t < w; t += STEP) out.push(seg(x + t, y, x + t, y + h))
      break
    case 'dots':
      for (let j = STEP / 2, row = 0; j < h; j += STEP, row++) {
        for (let i = row % 2 === 0 ? STEP / 2 : STEP; i < w; i += STEP) out.push(`M${f(x + i - 0.7)} ${f(y + j)}h1.4v0.01h-1.4Z`)
      }
      break
  }
  return out.join('')
}

/** How the strokes of a pattern are drawn on the band's colour. @internal */
export function hatchStyle(pattern: BandPattern, ink: string): Record<string, unknown> {
  const stroke = ink === '#ffffff' ? 'rgba(255,255,255,0.7)' : 'rgba(0,0,0,0.55)'
  return pattern === 'dots' ? { stroke, lineWidth: 1.6, fill: 'none', lineCap: 'round' } : { stroke, lineWidth: 0.9, fill: 'none' }
}
