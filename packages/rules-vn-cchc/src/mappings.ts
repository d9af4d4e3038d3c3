/**
 * Mappings between editions of the packs of this package (`packs/mappings/*.json`), for
 * `methodologyImpact` of `@chiso/core`: which criteria of one edition become which of the
 * next. Each says what in it is an assumption (`status: "reconstructed"` with a note).
 */
import type { EditionMappingInput } from '@chiso/core/analysis'
import commune2019to2025 from '../packs/mappings/vn-cchc.commune-2019--2025.json' with { type: 'json' }
import department2019to2025 from '../packs/mappings/vn-cchc.department-2019--2025.json' with { type: 'json' }

/**
 * Every edition mapping shipped: commune 2019 → 2025 and department 2019 → 2025. The
 * ministry editions (2017, 2020, 2022) have none: what is known of them stops at the areas,
 * and a mapping links leaves, which for those packs would be invented.
 *
 * @example
 * ```ts
 * import { mappings } from '@chiso/rules-vn-cchc'
 * mappings.map((m) => `${m.from.id} → ${m.to.id}`) // ['vn-cchc/commune-2019 → vn-cchc/commune-2025', …]
 * ```
 */
export const mappings: readonly EditionMappingInput[] = Object.freeze([commune2019to2025, department2019to2025].map((m) => Object.freeze(m) as EditionMappingInput))

/**
 * The shipped mapping from one pack to another, by pack id, or `undefined`.
 *
 * @example
 * ```ts
 * import { methodologyImpact } from '@chiso/core/analysis'
 * import { mappingFor, vnCchc } from '@chiso/rules-vn-cchc'
 * const mapping = mappingFor('vn-cchc/commune-2019', 'vn-cchc/commune-2025')!
 * const report = methodologyImpact(vnCchc.compile('vn-cchc/commune-2019'), vnCchc.compile('vn-cchc/commune-2025'), assessments, mapping)
 * ```
 */
export function mappingFor(fromId: string, toId: string): EditionMappingInput | undefined {
  return mappings.find((m) => m.from.id === fromId && m.to.id === toId)
}
