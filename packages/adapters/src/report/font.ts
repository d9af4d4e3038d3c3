/**
 * The report's font, embedded in the HTML so that Vietnamese diacritics look the same on
 * every machine and nothing is fetched: Noto Sans (SIL Open Font License 1.1, from
 * `@fontsource/noto-sans`), its Latin and Vietnamese subsets, regular and bold, as WOFF2.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const FILES: readonly { subset: string; weight: 400 | 700; range: string }[] = [
  {
    subset: 'latin',
    weight: 400,
    range: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  },
  {
    subset: 'vietnamese',
    weight: 400,
    range: 'U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB',
  },
  { subset: 'latin', weight: 700, range: '' },
  { subset: 'vietnamese', weight: 700, range: '' },
]

let cached: string | undefined

/**
 * `@font-face` rules with the font files inside (`data:` URLs), read once.
 * @internal
 */
export function embeddedFontCss(): string {
  if (cached !== undefined) return cached
  const req = createRequire(import.meta.url)
  const rules: string[] = []
  for (const f of FILES) {
    const path = req.resolve(`@fontsource/noto-sans/files/noto-sans-${f.subset}-${f.weight}-normal.woff2`)
    const data = readFileSync(path).toString('base64')
    const range = f.range || FILES.find((x) => x.subset === f.subset && x.range)!.range
    rules.push(`@font-face{font-family:'Noto Sans';font-style:normal;font-weight:${f.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range}}`)
  }
  cached = rules.join('\n')
  return cached
}
