/**
 * The sample province in a store: what `chiso serve` loads on first start so that a new
 * user has rankings to call for. Every unit of it is marked as sample data by the
 * generator ("dữ liệu mẫu").
 */
import { contentHash } from '@chiso/core'
import { generateSampleProvince, packById, packs as shippedPacks } from '@chiso/rules-vn-cchc'
import type { Store } from '@chiso/store'

/** What {@link loadSampleProvince} loaded. */
export interface SampleLoad {
  readonly province: string
  readonly years: readonly number[]
  readonly units: number
  readonly submissions: number
  /** the groups of each year, e.g. { 2024: ['xa', 'phuong', …] } */
  readonly groups: Readonly<Record<string, readonly string[]>>
  /** the period and groups published (all but the last year) */
  readonly published: readonly { readonly period: string; readonly group: string }[]
  /** a commune (or ward) of the last year, for the sample unit officer's token */
  readonly sampleUnit: string
}

/**
 * Loads the seeded sample province of `@chiso/rules-vn-cchc` into the store: the shipped
 * packs, the units (with their 2025 mergers), every year's submissions with their appraisal
 * rounds (one import per pack and year), scored; every year but the last published with a
 * sample decision. Loading it again changes nothing (imports are content-addressed).
 *
 * @example
 * ```ts
 * import { openStore } from '@chiso/store'
 * import { loadSampleProvince } from '@chiso/adapters/http'
 * const store = await openStore({ dataDir: './chiso-data' })
 * const loaded = await loadSampleProvince(store, { province: 'hong-lam' })
 * console.log(loaded.units, 'units,', loaded.submissions, 'submissions')
 * ```
 */
export async function loadSampleProvince(
  store: Store,
  options: { readonly province?: string; readonly years?: readonly number[]; readonly seed?: number; readonly actor?: string } = {},
): Promise<SampleLoad> {
  const years = [...(options.years ?? [2024, 2025])]
  const sample = generateSampleProvince({ seed: options.seed ?? 2025, years })
  const province = options.province ?? sample.province.id
  const actor = options.actor ?? 'chiso serve --sample'
  await store.putPacks({ province, packs: shippedPacks, actor })
  const existing = new Map((await store.listUnits({ province })).map((u) => [u.unit.id, u.version]))
  const fresh = sample.units.filter((u) => !existing.has(u.id))
  if (fresh.length > 0) await store.putUnits({ province, units: fresh.map((unit) => ({ unit, expectedVersion: 0 })), actor })
  let submissions = 0
  const groups: Record<string, string[]> = {}
  const published: { period: string; group: string }[] = []
  let sampleUnit = ''
  for (const [i, y] of sample.years.entries()) {
    const period = String(y.year)
    for (const p of y.packs) {
      const pack = packById(p.packId)!
      await store.importSubmissions({ province, pack: { id: pack.id, version: pack.version }, items: p.assessments.map((a) => ({ fileHash: contentHash(a), assessment: a })), actor })
      submissions += p.assessments.length
    }
    await store.score({ province, period, actor })
    const byGroup = new Set<string>()
    for (const u of sample.units) {
      if (u.group === undefined) continue
      const r = await store.listResults({ province, unitId: u.id, period }).catch(() => [])
      const last = r.at(-1)
      if (last) byGroup.add(last.group)
      if (last && i === sample.years.length - 1 && sampleUnit === '' && (u.kind === 'commune' || u.kind === 'ward')) sampleUnit = u.id
    }
    groups[period] = [...byGroup].sort()
    if (i < sample.years.length - 1) {
      for (const group of groups[period]!) {
        const pubs = await store.listPublications({ province, period })
        if (pubs.some((x) => x.group === group)) continue
        await store.publish({ province, period, group, decision: { number: `01/QĐ-MẪU (dữ liệu mẫu) ${period}`, date: `${y.year + 1}-03-01` }, expectedVersion: 0, actor })
        published.push({ period, group })
      }
    }
  }
  return { province, years, units: sample.units.length, submissions, groups, published, sampleUnit }
}
