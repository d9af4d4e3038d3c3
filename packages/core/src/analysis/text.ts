/**
 * Words and numbers of the analysis outputs, in Vietnamese and English: a decimal comma in
 * Vietnamese ("0,75", "85,34"), exact values shown as the decimals they are.
 */
import { Exact } from '../util/exact.js'
import { viNumber } from '../util/issue-messages.js'

/** A text in both languages. */
export interface BiText {
  readonly vi: string
  readonly en: string
}

/**
 * An exact value as text: its own decimals when it has at most `places` of them ("0,75",
 * "1"), else rounded half-up to two places ("2,96" for 340/115); a decimal comma in Vietnamese.
 * @internal
 */
export function num(x: Exact, locale: 'vi' | 'en', places = 4): string {
  const s = x.toString()
  const dot = s.indexOf('.')
  const plain = !s.includes('/') && (dot < 0 || s.length - dot - 1 <= places)
  const text = plain ? s : x.toFixed(2)
  return locale === 'vi' ? viNumber(text) : text
}

/** Both languages of a number. @internal */
export function nums(x: Exact, places = 4): BiText {
  return { vi: num(x, 'vi', places), en: num(x, 'en', places) }
}

/** A fact's value as a person reads it: yes / no, numbers with the locale's decimal mark. @internal */
export function factValue(v: unknown, locale: 'vi' | 'en'): string {
  if (v === true) return locale === 'vi' ? 'có' : 'yes'
  if (v === false) return locale === 'vi' ? 'không' : 'no'
  if (typeof v === 'number' && Number.isFinite(v)) return num(Exact.fromNumber(v), locale)
  if (typeof v === 'string') {
    const x = Exact.tryFrom(v)
    return x === undefined ? v : num(x, locale)
  }
  if (v === undefined || v === null) return locale === 'vi' ? '(trống)' : '(empty)'
  return JSON.stringify(v)
}

/** "tăng 2 bậc" / "giảm 31 bậc" / "giữ nguyên thứ hạng". @internal */
export function rankMove(change: number): BiText {
  if (change > 0) return { vi: `tăng ${change} bậc`, en: `up ${change} place${change > 1 ? 's' : ''}` }
  if (change < 0) return { vi: `giảm ${-change} bậc`, en: `down ${-change} place${change < -1 ? 's' : ''}` }
  return { vi: 'giữ nguyên thứ hạng', en: 'same place' }
}

/** "tăng 0,52 điểm" / "giảm 0,52 điểm" of an index change (two decimals). @internal */
export function indexMove(delta: Exact): BiText {
  const abs = delta.isNegative() ? delta.neg() : delta
  const vi = viNumber(abs.toFixed(2))
  const en = abs.toFixed(2)
  if (delta.isZero()) return { vi: 'không đổi', en: 'unchanged' }
  return delta.isNegative() ? { vi: `giảm ${vi} điểm`, en: `down ${en} points` } : { vi: `tăng ${vi} điểm`, en: `up ${en} points` }
}
