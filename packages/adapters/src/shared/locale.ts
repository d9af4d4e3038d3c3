/**
 * The language of what chiso prints and writes, and numbers in it: Vietnamese output
 * writes "85,34" and "1.234,5", English "85.34" and "1,234.5", always rounded from the
 * exact value (never through a binary float).
 */
import type { Exact } from '@chiso/core'
import { formatVi } from './text.js'

/** Output language: Vietnamese (default) or English. */
export type Locale = 'vi' | 'en'

/**
 * An exact value for a reader: `decimals` places (default 2), rounded half-up from the
 * exact value; comma decimals and dot thousands in Vietnamese, the reverse in English.
 *
 * @example
 * ```ts
 * import type { Exact } from '@chiso/core'
 * import { formatNumber } from '@chiso/adapters/xlsx'
 * formatNumber(Exact.from('1234.5'), 'vi') // '1.234,50'
 * formatNumber(Exact.from('1234.5'), 'en') // '1,234.50'
 * ```
 */
export function formatNumber(value: Exact, locale: Locale = 'vi', decimals = 2): string {
  const vi = formatVi(value, decimals)
  if (locale === 'vi') return vi
  return vi.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'))
}

/**
 * A score as the forms and traces show it: the exact value with no trailing zeros, at most
 * `max` decimals ("0,5", "1,25", "3"), in the locale's decimal mark. @internal
 */
export function formatScore(value: Exact, locale: Locale = 'vi', max = 2): string {
  const fixed = formatNumber(value, locale, max)
  const mark = locale === 'vi' ? ',' : '.'
  if (!fixed.includes(mark)) return fixed
  return fixed.replace(/0+$/, '').replace(new RegExp(`\\${mark}$`), '')
}

/**
 * Decimal numbers inside a text written by the engine ("1.5", "0.25") in the locale's
 * decimal mark; criterion codes inside quotes ("1.2.3") and dates are left alone. @internal
 */
export function localiseNumbers(text: string, locale: Locale): string {
  if (locale === 'en') return text
  // a quoted span is kept whole; elsewhere a number with one decimal point takes a comma
  return text.replace(/"[^"]*"|(?<![\d.])(-?\d+)\.(\d+)(?![\d.])/g, (m, int: string | undefined, frac: string | undefined) => (int === undefined ? m : `${int},${frac}`))
}

/** A count on two digits at least, as reports write them ("04/17 sở"). @internal */
export const pad2 = (n: number): string => String(n).padStart(2, '0')

/** The text of a local text for a locale (English falls back to Vietnamese). @internal */
export const textIn = (t: { readonly vi: string; readonly en?: string | undefined }, locale: Locale): string => (locale === 'en' ? (t.en ?? t.vi) : t.vi)

/**
 * A date as Vietnamese documents write it, day first ("31/12/2024"); any text that is no
 * ISO date as it is.
 *
 * @example
 * ```ts
 * dateVi('2025-06-30') // '30/06/2025'
 * ```
 */
export function dateVi(iso: string): string {
  return iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1')
}

/**
 * How long a command took, one way everywhere: milliseconds under a second ("850 ms"),
 * else seconds with one decimal in the locale's decimal mark ("9,4 giây", "9.4 s") — never
 * "9.369 ms", which reads as nine milliseconds.
 *
 * @example
 * ```ts
 * formatDuration(9369, 'vi') // '9,4 giây'
 * formatDuration(9369, 'en') // '9.4 s'
 * formatDuration(850, 'vi')  // '850 ms'
 * ```
 * @internal
 */
export function formatDuration(ms: number, locale: Locale = 'vi'): string {
  const n = Math.max(0, Math.round(ms))
  if (n < 1000) return `${n} ms`
  const s = (n / 1000).toFixed(1)
  return locale === 'vi' ? `${s.replace('.', ',')} giây` : `${s} s`
}
