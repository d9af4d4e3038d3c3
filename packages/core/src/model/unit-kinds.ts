/**
 * The kinds of unit packs name (a pack's `appliesTo`, a unit's `kind`), as readers name
 * them: one table for every message and heading that names a kind ("xã", "communes"), in
 * the order reports list kinds.
 */

/** A kind's words: Vietnamese, English one and many. */
export interface UnitKindWords {
  readonly vi: string
  readonly en: string
  readonly enMany: string
}

/**
 * The words of each unit kind packs name, by kind code, in the order reports list kinds
 * ("xã, phường, thị trấn"). A kind not listed is shown as its code.
 *
 * @example
 * ```ts
 * import { UNIT_KIND_WORDS } from '@chiso/core'
 * UNIT_KIND_WORDS.department?.vi // 'sở'
 * ```
 */
export const UNIT_KIND_WORDS: Readonly<Record<string, UnitKindWords>> = Object.freeze({
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
})

/**
 * Kinds of unit in a language, in the order given ("xã, phường"); a kind with no words as
 * its code.
 *
 * @example
 * ```ts
 * import { unitKindsText } from '@chiso/core'
 * unitKindsText(['commune', 'ward'], 'vi') // 'xã, phường'
 * unitKindsText(['department'], 'en') // 'department'
 * ```
 */
export function unitKindsText(kinds: readonly string[], locale: 'vi' | 'en'): string {
  // an own property only: a kind named "constructor" or "__proto__" is shown as it is
  return kinds.map((k) => (Object.hasOwn(UNIT_KIND_WORDS, k) ? UNIT_KIND_WORDS[k]![locale] : k)).join(', ')
}
