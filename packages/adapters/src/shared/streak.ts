/**
 * A unit's streak as reports write it ("3 năm liền dẫn đầu", "2 năm liền tăng hạng"),
 * counted over consecutive calendar years only: a year without results (no 2022 between
 * 2021 and 2023) breaks "năm liền", and a run across it is said with its years instead.
 */
import type { UnitYears } from '@chiso/core'
import type { Locale } from './locale.js'

const yearOf = (y: string): number => Number(y.slice(0, 4))

/**
 * The streak of a unit's history in the output language, or undefined when it has none of
 * 2 or more. Core's `streakText` counts the years compared, whichever they are; here a run
 * of "năm liền" is one of consecutive years, and a run across a missing year says so.
 *
 * @example
 * ```ts
 * // ranks 19 → 14 → 3 in 2021, 2023, 2024 (no 2022):
 * streakText(history, 'vi') // "tăng hạng từ 2021 đến 2024 (không có kết quả năm 2022)"
 * ```
 * @internal
 */
export function streakText(u: UnitYears, locale: Locale): string | undefined {
  const vi = locale === 'vi'
  const e = u.years
  let lead = 0
  for (let k = e.length - 1; k >= 0 && e[k]!.rank === 1 && (k === e.length - 1 || yearOf(e[k + 1]!.year) - yearOf(e[k]!.year) === 1); k--) lead++
  if (lead >= 2) return vi ? `${lead} năm liền dẫn đầu` : `first for ${lead} years running`
  let rise = 0
  for (let k = u.changes.length - 1; k >= 0 && (u.changes[k]!.rankChange ?? 0) > 0 && yearOf(u.changes[k]!.toYear) - yearOf(u.changes[k]!.fromYear) === 1; k--) rise++
  if (rise >= 2) return vi ? `${rise} năm liền tăng hạng` : `rising for ${rise} years running`
  // a run core counted across a year without results: its first and last year, and the years missing
  const run = (from: string, to: string): string => {
    const have = new Set(e.map((x) => yearOf(x.year)))
    const gaps: number[] = []
    for (let y = yearOf(from) + 1; y < yearOf(to); y++) if (!have.has(y)) gaps.push(y)
    const missing = gaps.length === 0 ? '' : vi ? ` (không có kết quả năm ${gaps.join(', ')})` : ` (no results for ${gaps.join(', ')})`
    return `${vi ? `từ ${from} đến ${to}` : `from ${from} to ${to}`}${missing}`
  }
  const last = e.at(-1)?.year
  if (last === undefined) return undefined
  if (u.leadingStreak >= 2 && lead < u.leadingStreak) return `${vi ? 'dẫn đầu' : 'first'} ${run(e[e.length - u.leadingStreak]!.year, last)}`
  if (u.risingStreak >= 2 && rise < u.risingStreak) return `${vi ? 'tăng hạng' : 'rising'} ${run(u.changes[u.changes.length - u.risingStreak]!.fromYear, last)}`
  return undefined
}
