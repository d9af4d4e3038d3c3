/**
 * The packs of this package, loaded from `packs/*.json`, and the registry over them.
 */
import { createRegistry, type PackInput, type PackRegistry } from '@chiso/core'
import province2017 from '../packs/vn-cchc.province-2017.json' with { type: 'json' }
import province2022 from '../packs/vn-cchc.province-2022.json' with { type: 'json' }
import ministry2017 from '../packs/vn-cchc.ministry-2017.json' with { type: 'json' }
import ministry2020 from '../packs/vn-cchc.ministry-2020.json' with { type: 'json' }
import ministry2022 from '../packs/vn-cchc.ministry-2022.json' with { type: 'json' }
import commune2019 from '../packs/vn-cchc.commune-2019.json' with { type: 'json' }
import district2019 from '../packs/vn-cchc.district-2019.json' with { type: 'json' }
import department2019 from '../packs/vn-cchc.department-2019.json' with { type: 'json' }
import commune2025 from '../packs/vn-cchc.commune-2025.json' with { type: 'json' }
import department2025 from '../packs/vn-cchc.department-2025.json' with { type: 'json' }
import service766 from '../packs/vn-766.service-2022.json' with { type: 'json' }
import partyCommittee from '../packs/vn-party.checklist-committee-2016.json' with { type: 'json' }
import partyCell from '../packs/vn-party.checklist-cell-2016.json' with { type: 'json' }
import partySubordinateCell from '../packs/vn-party.checklist-subordinate-cell-2016.json' with { type: 'json' }
import partyMember from '../packs/vn-party.checklist-member-2016.json' with { type: 'json' }

const asPack = (p: unknown): PackInput => Object.freeze(p) as PackInput

/**
 * Every pack of this package as its JSON object, in a stable order (national, provincial
 * templates, two-tier, 766, Party checklists).
 *
 * @example
 * ```ts
 * import { packs } from '@chiso/rules-vn-cchc'
 * packs.map((p) => p.id) // ['vn-cchc/province-2017', 'vn-cchc/province-2022', …]
 * ```
 */
export const packs: readonly PackInput[] = Object.freeze(
  [
    province2017,
    province2022,
    ministry2017,
    ministry2020,
    ministry2022,
    commune2019,
    district2019,
    department2019,
    commune2025,
    department2025,
    service766,
    partyCommittee,
    partyCell,
    partySubordinateCell,
    partyMember,
  ].map(asPack),
)

/**
 * The pack JSON with the given id, or `undefined`.
 *
 * @example
 * ```ts
 * import { packById } from '@chiso/rules-vn-cchc'
 * import { compilePack } from '@chiso/core'
 * const commune = compilePack(packById('vn-cchc/commune-2019'))
 * commune.scale.toString() // '100'
 * ```
 */
export function packById(id: string): PackInput | undefined {
  return packs.find((p) => p.id === id)
}

/**
 * The registry of every pack: which pack applies to a unit kind on a date, compiled once
 * and cached, and a coverage check over the editions of a family.
 *
 * Families: `vn-cchc/province`, `vn-cchc/ministry`, `vn-cchc/commune`, `vn-cchc/district`,
 * `vn-cchc/department`, `vn-766/service`, `vn-party/checklist-committee`,
 * `vn-party/checklist-cell` (chi bộ cơ sở), `vn-party/checklist-subordinate-cell` (chi bộ
 * trực thuộc đảng ủy cơ sở), `vn-party/checklist-member`.
 *
 * @example
 * ```ts
 * import { vnCchc } from '@chiso/rules-vn-cchc'
 * const r = vnCchc.resolve({ family: 'vn-cchc/commune', unitKind: 'ward', date: '2025-12-31' })
 * if (r.ok) console.log(r.value.id) // 'vn-cchc/commune-2025'
 * vnCchc.checkCoverage('vn-cchc/department', '2019-10-08', '2030-12-31') // []
 * ```
 */
export const vnCchc: PackRegistry = createRegistry(packs)

/**
 * The pack families of this package, with the unit kinds each one covers.
 *
 * @example
 * ```ts
 * import { FAMILIES, vnCchc } from '@chiso/rules-vn-cchc'
 * for (const family of Object.keys(FAMILIES)) console.log(family, vnCchc.checkCoverage(family, '2023-01-01', '2023-12-31').length)
 * ```
 */
export const FAMILIES = Object.freeze({
  'vn-cchc/province': ['province'],
  'vn-cchc/ministry': ['ministry'],
  'vn-cchc/commune': ['commune', 'ward', 'township'],
  'vn-cchc/district': ['district'],
  'vn-cchc/department': ['department'],
  'vn-766/service': ['ministry', 'province', 'department', 'district', 'commune', 'ward', 'township'],
  'vn-party/checklist-committee': ['party-committee'],
  'vn-party/checklist-cell': ['party-cell'],
  'vn-party/checklist-subordinate-cell': ['party-subordinate-cell'],
  'vn-party/checklist-member': ['party-member'],
} as const satisfies Record<string, readonly string[]>)
