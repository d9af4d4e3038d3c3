/**
 * The kinds of unit packs name (`appliesTo`, a unit's `kind`), as readers name them: one
 * table for the pack list, the service's and the form reader's messages and the reports'
 * headings ("Khối xã", "04/17 sở"), in the order reports list them.
 */
import type { Locale } from './locale.js'

/** A kind's words: Vietnamese, English one and many. @internal */
export interface KindWords {
  readonly vi: string
  readonly en: string
  readonly enMany: string
}

/** By kind code, in the order reports list kinds ("xã, phường, thị trấn"). @internal */
export const UNIT_KINDS: Readonly<Record<string, KindWords>> = {
  commune: { vi: 'xã', en: 'commune', enMany: 'communes' },
  ward: { vi: 'phường', en: 'ward', enMany: 'wards' },
  township: { vi: 'thị trấn', en: 'township', enMany: 'townships' },
  district: { vi: 'huyện', en: 'district', enMany: 'districts' },
  department: { vi: 'sở', en: 'department', enMany: 'departments' },
  province: { vi: 'tỉnh', en: 'province', enMany: 'provinces' },
  ministry: { vi: 'bộ', en: 'ministry', enMany: 'ministries' },
  'party-committee': { vi: 'đảng bộ', en: 'Party committee', enMany: 'Party committees' },
  'party-cell': { vi: 'chi bộ', en: 'Party cell', enMany: 'Party cells' },
  'party-subordinate-cell': { vi: 'chi bộ trực thuộc', en: 'subordinate Party cell', enMany: 'subordinate Party cells' },
  'party-member': { vi: 'đảng viên', en: 'Party member', enMany: 'Party members' },
}

/**
 * The kinds of unit a pack applies to, in a language ("xã, phường, thị trấn"); a kind with
 * no name as it is.
 *
 * @example
 * ```ts
 * appliesToText(['commune', 'ward'], 'vi') // 'xã, phường'
 * ```
 */
export function appliesToText(kinds: readonly string[], lang: Locale): string {
  return kinds.map((k) => UNIT_KINDS[k]?.[lang] ?? k).join(', ')
}
