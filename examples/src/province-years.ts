// The sample province across five years: each year is scored under the pack in force that
// year (the registry picks it), communes are followed across the 2025-07-01 merger, and a
// stored 2021 result is recalculated years later under the edition it names.
import { compareYears, createUnitRegistry, evaluate, evaluateBatch, recalculate, reconstructionSummary, type BatchResult } from '@chiso/core'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'

const sample = generateSampleProvince({ seed: 2025 })
const units = createUnitRegistry(sample.units)
// sample data: invented names, made-up scores — said before anything else
if (!sample.sample) throw new Error('the sample must say it is sample data')
console.log(`${sample.province.name}: tên và điểm số đều là dữ liệu mẫu\n`)

// one batch per year for the commune family (communes before the merger, communes and wards after)
const byYear: Record<string, BatchResult> = {}
const marked = new Set<string>()
for (const y of sample.years) {
  const communes = y.packs.find((p) => p.family === 'vn-cchc/commune')
  if (!communes) continue
  byYear[String(y.year)] = evaluateBatch(vnCchc.compile(communes.packId), communes.assessments)
  console.log(`${y.year}: ${communes.assessments.length} đơn vị cấp xã, bộ chỉ số ${communes.packId}`)
  // each pack once: what in it is reconstructed
  if (!marked.has(communes.packId)) console.log(`      ${reconstructionSummary(vnCchc.compile(communes.packId)).text.vi}`)
  marked.add(communes.packId)
}

// a ward created by the merger, compared with the communes it came from
const history = compareYears(byYear, { units })
const merged = history.find((h) => (units.get(h.unitId)?.predecessors?.length ?? 0) > 1)
if (!merged) throw new Error('the sample has no merged unit')
console.log(`\n${units.get(merged.unitId)?.name} (từ ${merged.years[0]?.from.map((id) => units.get(id)?.name).join(', ')}):`)
for (const c of merged.changes) console.log(`  ${c.toYear}: ${c.text.vi}`)

// streaks and rank changes among units that existed all five years
const leader = history.filter((h) => h.leadingStreak >= 2).sort((a, b) => b.leadingStreak - a.leadingStreak)[0]
if (leader) console.log(`\n${units.get(leader.unitId)?.name}: ${leader.streakText?.vi}`)

// a result stored in 2021, recalculated today under the edition it names
const first = sample.years[0]!.packs.find((p) => p.family === 'vn-cchc/commune')!
const stored = JSON.parse(JSON.stringify(evaluate(vnCchc.compile(first.packId), first.assessments[0])))
const again = recalculate(stored, { registry: vnCchc })
console.log(`\nRecalculating ${stored.unitId} ${stored.period} under ${stored.pack.id}@${stored.pack.version}: ${again.identical ? 'identical' : 'DIFFERENT'}`)
if (!again.identical) throw new Error('recalculation did not reproduce the stored result')
