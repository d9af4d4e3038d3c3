/**
 * The sample province's unit lineage: which units a merged unit was formed from. A form
 * carries a unit's id, name and kind but not its predecessors, so the sample units read
 * back from their workbooks get them here — and the records `score --save` writes, and
 * `compare` reads, follow the 2025 merger as the sample generator made it.
 */
import type { AssessmentInput, UnitInput } from '@chiso/core'
import { isSampleUnit } from '../shared/marks.js'
import { loadRules } from './packs.js'

let catalog: Promise<ReadonlyMap<string, readonly string[]>> | undefined

/**
 * The predecessors of each unit of the sample province that has any, by unit id (empty
 * when @chiso/rules-vn-cchc is not installed). The ids do not depend on the seed.
 *
 * @example
 * ```ts
 * const lineage = await samplePredecessors()
 * lineage.get('xa-yen-trung-2025') // ['xa-…', 'xa-…', …]
 * ```
 * @internal
 */
export function samplePredecessors(): Promise<ReadonlyMap<string, readonly string[]>> {
  catalog ??= loadRules().then((rules) => {
    const out = new Map<string, readonly string[]>()
    const sample = rules?.generateSampleProvince?.({ years: [] }) as { units?: readonly UnitInput[] } | undefined
    for (const u of sample?.units ?? []) if (u.predecessors && u.predecessors.length > 0) out.set(u.id, [...u.predecessors])
    return out
  })
  return catalog
}

/**
 * The assessments with the predecessors the sample province gives its units, for each
 * sample unit (`attributes.sample: true`) that names none; other assessments unchanged.
 *
 * @example
 * ```ts
 * const [a] = await withSampleLineage([{ unitId: 'xa-yen-trung-2025', period: '2026', unit: { id: 'xa-yen-trung-2025', name: 'Xã Yến Trung', kind: 'commune', attributes: { sample: true } } }])
 * a.unit?.predecessors // the communes merged into it on 2025-07-01
 * ```
 * @internal
 */
export async function withSampleLineage<A extends AssessmentInput>(assessments: readonly A[]): Promise<A[]> {
  if (!assessments.some((a) => isSampleUnit(a.unit) && a.unit?.predecessors === undefined)) return [...assessments]
  const lineage = await samplePredecessors()
  return assessments.map((a) => {
    const p = a.unit && isSampleUnit(a.unit) && a.unit.predecessors === undefined ? lineage.get(a.unit.id) : undefined
    return p ? { ...a, unit: { ...a.unit!, predecessors: [...p] } } : a
  })
}
