// The W4 workload (issue #12): one national year of communes under the shipped pack
// vn-cchc/commune-2019 (no leaf rounding; index rounded to 2 decimals half-up; evidence
// policy "zero"), with assessments shaped as units really send them — facts, self scores,
// evidence (some required documents missing, some with an explanation), one or two appraisal
// rounds with reasons, survey answer counts, entered deductions and bonuses — made by the
// seeded sample generator of @chiso/rules-vn-cchc, which models them on published figures.
//
// Not-applicable parts: an assessment cannot declare a criterion not applicable; only the
// pack can, by an `applicability` condition on facts (schemas.ts). The shipped pack has none,
// so W4 scores the shipped pack with two such conditions added (7.4 ISO 9001 only where the
// commune is in its scope, 8.3 linked procedures only where the province assigned them) and
// sets those two facts per unit: a few percent of units have each part not applicable. Every
// other byte of the pack is the shipped one. Same seed → same data.
import { seededRandom } from '@chiso/core/analysis'
import { generateSampleProvince, packById } from '@chiso/rules-vn-cchc'

export const W4_UNITS = 3321
export const W4_GROUPS = 34

/** the shipped commune-2019 pack plus two applicability conditions (see above) */
export function w4Pack() {
  const pack = structuredClone(packById('vn-cchc/commune-2019'))
  const find = (nodes, code) => {
    for (const n of nodes) {
      if (n.code === code) return n
      const hit = find(n.children ?? [], code)
      if (hit) return hit
    }
    return undefined
  }
  find(pack.criteria, '7.4').applicability = { fact: 'isoInScope', operator: 'equal', value: true }
  find(pack.criteria, '8.3').applicability = { fact: 'linkedProceduresAssigned', operator: 'equal', value: true }
  return pack
}

/**
 * `count` commune assessments for one period: the sample generator's commune-2019 years
 * (2021–2024) over as many seeds as needed, re-identified as distinct communes in
 * `W4_GROUPS` provinces (the ranking groups).
 */
export function w4Assessments(count = W4_UNITS, seed = 2024, period = '2024') {
  const out = []
  const rnd = seededRandom(seed)
  for (let s = 0; out.length < count; s++) {
    const sample = generateSampleProvince({ seed: seed * 1000 + s, years: [2021, 2022, 2023, 2024] })
    for (const y of sample.years) {
      for (const p of y.packs) {
        if (p.packId !== 'vn-cchc/commune-2019') continue
        for (const a of p.assessments) {
          if (out.length >= count) break
          const n = out.length
          const unitId = `xa-${String(n + 1).padStart(5, '0')}`
          const group = `tinh-${(n % W4_GROUPS) + 1}`
          const facts = { ...a.facts, isoInScope: rnd() >= 0.06, linkedProceduresAssigned: rnd() >= 0.08 }
          out.push({ ...a, unitId, period, group, unit: { ...a.unit, id: unitId, group }, facts })
        }
      }
    }
  }
  return out
}

/**
 * `count` W4-shaped units for the million-unit run: envelopes of their own (unit id, group)
 * over the parts of `base` assessments, shared, so that the inputs themselves stay small and
 * what the heap holds afterwards is the results.
 */
export function w4Shaped(base, count) {
  // without the unit record (the pack reads no fact `unit`): ids and groups are the envelope's
  const parts = base.map(({ unit, ...rest }) => rest)
  const out = new Array(count)
  for (let i = 0; i < count; i++) out[i] = { ...parts[i % parts.length], unitId: `u-${i + 1}`, group: `tinh-${(i % W4_GROUPS) + 1}` }
  return out
}
