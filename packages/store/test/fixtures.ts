// Small data for the store tests: a pack of manual criteria, a few communes with a merger,
// and assessments built from scores.
import type { AssessmentInput, PackInput, UnitInput } from '@chiso/core'
import type { Store } from '../src/index.js'

export const PROVINCE = 'ha-tinh'

export const PACK: PackInput = {
  id: 'test/commune',
  version: '1.0.0',
  title: { vi: 'Bộ chỉ số kiểm thử', en: 'Test pack' },
  scale: 10,
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo điều hành',
      maxPoints: 6,
      children: [
        { code: '1.1', title: 'Kế hoạch', maxPoints: 3, rule: { kind: 'manual', step: 0.25 } },
        { code: '1.2', title: 'Báo cáo', maxPoints: 3, rule: { kind: 'manual', step: 0.25 } },
      ],
    },
    { code: '2', title: 'Thủ tục hành chính', maxPoints: 4, rule: { kind: 'manual', step: 0.25 } },
  ],
  bands: [
    { code: 'xuat-sac', label: 'Xuất sắc', min: 90 },
    { code: 'tot', label: 'Tốt', min: 80 },
    { code: 'kha', label: 'Khá', min: 0 },
  ],
}
export const PACK_REF = { id: PACK.id, version: PACK.version }

/** The same pack, a later version that moves one point from 1.2 to 2. */
export const PACK_V2: PackInput = {
  ...PACK,
  version: '1.1.0',
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo điều hành',
      maxPoints: 5,
      children: [
        { code: '1.1', title: 'Kế hoạch', maxPoints: 3, rule: { kind: 'manual', step: 0.25 } },
        { code: '1.2', title: 'Báo cáo', maxPoints: 2, rule: { kind: 'manual', step: 0.25 } },
      ],
    },
    { code: '2', title: 'Thủ tục hành chính', maxPoints: 5, rule: { kind: 'manual', step: 0.25 } },
  ],
}

/** Three communes until 2024; xa-a and xa-b merge into phuong-ab on 2025-01-01. */
export const UNITS: UnitInput[] = [
  { id: 'xa-a', name: 'Xã A', kind: 'commune', group: 'xa', validTo: '2024-12-31' },
  { id: 'xa-b', name: 'Xã B', kind: 'commune', group: 'xa', validTo: '2024-12-31' },
  { id: 'xa-c', name: 'Xã C', kind: 'commune', group: 'xa' },
  { id: 'phuong-ab', name: 'Phường AB', kind: 'ward', group: 'xa', validFrom: '2025-01-01', predecessors: ['xa-a', 'xa-b'] },
]

export const assessment = (unitId: string, period: string, s: [number, number, number], extra: Partial<AssessmentInput> = {}): AssessmentInput => ({
  unitId,
  period,
  selfScores: { '1.1': s[0], '1.2': s[1], '2': s[2] },
  ...extra,
})

/** A fresh hex "file hash" from a label. */
export const fileHash = (label: string): string => {
  let h = 0n
  for (const c of label) h = (h * 131n + BigInt(c.codePointAt(0)!)) % (1n << 256n)
  return h.toString(16).padStart(64, '0').slice(-64)
}

/** A store with the test pack and the units. */
export async function seed(store: Store, province = PROVINCE): Promise<void> {
  await store.putPacks({ province, packs: [PACK], actor: 'so-noi-vu' })
  await store.putUnits({ province, units: UNITS.map((unit) => ({ unit, expectedVersion: 0 })), actor: 'so-noi-vu' })
}
