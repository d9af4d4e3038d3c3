/**
 * How the store's messages name what they are about: a unit by its name in the catalog, a
 * ranking group by the kinds of its units ("Khối xã"), as the reports do; the id only where
 * nothing better is held.
 */
import { UNIT_KIND_WORDS } from '@chiso/core'

type Message = { readonly vi: string; readonly en: string }
type CatalogUnit = { readonly id?: unknown; readonly name?: unknown; readonly kind?: unknown; readonly group?: unknown }

/**
 * A ranking group as people name it, from the kinds of the units the catalog puts in it:
 * "Khối xã", "Khối phường, thị trấn" ("Communes", "Wards, townships"); a group whose units
 * are of a kind with no usual word, or that holds no unit, as "nhóm xa" ("group xa"). A unit
 * with no group ranks in the group "all" ("đơn vị không ghi nhóm").
 *
 * @example
 * ```ts
 * import { groupName } from '@chiso/store'
 * const units = (await store.listUnits({ province: 'ha-tinh' })).map((u) => u.unit)
 * groupName(units, 'xa') // { vi: 'Khối xã', en: 'Communes' }
 * groupName(units, 'nope') // { vi: 'nhóm nope', en: 'group nope' }
 * ```
 */
export function groupName(units: Iterable<CatalogUnit>, group: string): Message {
  const kinds = new Set<string>()
  for (const u of units) if ((typeof u.group === 'string' ? u.group : 'all') === group && typeof u.kind === 'string') kinds.add(u.kind)
  const known = kinds.size > 0 && [...kinds].every((k) => Object.hasOwn(UNIT_KIND_WORDS, k))
  if (!known) return group === 'all' ? { vi: 'đơn vị không ghi nhóm', en: 'units with no group' } : { vi: `nhóm ${group}`, en: `group ${group}` }
  // in the order reports list kinds (core's table)
  const words = Object.entries(UNIT_KIND_WORDS).filter(([k]) => kinds.has(k))
  const en = words.map(([, w]) => w.enMany).join(', ')
  return { vi: `Khối ${words.map(([, w]) => w.vi).join(', ')}`, en: en.charAt(0).toUpperCase() + en.slice(1) }
}

/** A unit as messages name it: its catalog name in quotes ("Phường Bằng Lăng"), or its id when the catalog does not hold it. @internal */
export function unitName(unit: CatalogUnit | undefined, unitId: string): string {
  return `"${typeof unit?.name === 'string' && unit.name !== '' ? unit.name : unitId}"`
}

/** An assessment as messages name it: of its unit (by name) for its period, in each language. @internal */
export function assessmentName(unit: CatalogUnit | undefined, unitId: string, period: string): Message {
  const who = unitName(unit, unitId)
  return { vi: `bản đánh giá của ${who} kỳ ${period}`, en: `the assessment of ${who} for ${period}` }
}
