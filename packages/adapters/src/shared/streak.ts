/**
 * A unit's streak as reports write it ("3 năm liền dẫn đầu", "tăng hạng từ 2021 đến 2024
 * (không có kết quả năm 2022)"), in the output language. The meaning is core's
 * (`UnitYears.streakText`: consecutive years only, a missing year said with its years); this
 * only picks the language.
 */
import type { UnitYears } from '@chiso/core'
import type { Locale } from './locale.js'

/**
 * The streak of a unit's history in the output language, or undefined when it has none.
 *
 * @example
 * ```ts
 * // ranks 19 → 14 → 3 in 2021, 2023, 2024 (no 2022):
 * streakText(history, 'vi') // "tăng hạng từ 2021 đến 2024 (không có kết quả năm 2022)"
 * ```
 * @internal
 */
export function streakText(u: UnitYears, locale: Locale): string | undefined {
  return u.streakText?.[locale] ?? undefined
}
