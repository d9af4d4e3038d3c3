// What no other scoring tool gives, on the sample province: the improvement plan of its
// lowest commune to reach "Tốt" (where the points went, and the cheapest way up), and the
// impact of the 2025 commune edition on the 2024 communes.
import { evaluate, evaluateBatch, Exact, reconstructionSummary } from '@chiso/core'
import { methodologyImpact, planImprovement } from '@chiso/core/analysis'
import { generateSampleProvince, mappingFor, vnCchc } from '@chiso/rules-vn-cchc'

const vi = (x: Exact): string => x.toFixed(2).replace('.', ',')

const sample = generateSampleProvince({ seed: 2025, years: [2024] })
if (!sample.sample) throw new Error('the sample must say it is sample data')
const communes = sample.years[0]!.packs.find((p) => p.family === 'vn-cchc/commune')!
const pack = vnCchc.compile(communes.packId)
console.log(`${sample.province.name} — ${communes.assessments.length} đơn vị cấp xã năm 2024, bộ chỉ số ${pack.id}@${pack.version}`)
// sample data and reconstructed content are said as such, as every output of chiso says them
console.log(`Dữ liệu mẫu — Lưu ý: ${reconstructionSummary(pack).text.vi}\n`)

// 1. the lowest commune's plan to reach "Tốt", the others held fixed
const batch = evaluateBatch(pack, communes.assessments)
const lowest = [...batch.units].sort((a, b) => a.result.index.cmp(b.result.index))[0]!
const assessment = communes.assessments.find((a) => a.unitId === lowest.unitId)!
const plan = planImprovement(pack, assessment, { target: { band: 'Tốt' }, population: batch })
const name = assessment.unit?.name ?? assessment.unitId
console.log(`KẾ HOẠCH KHẮC PHỤC — ${name}`)
console.log(`Hiện nay: chỉ số ${vi(plan.before.index)}, loại "${plan.before.band?.label.vi}", xếp thứ ${plan.before.rank}/${plan.before.groupSize} trong nhóm`)
console.log(`Điểm bị mất: ${vi(plan.losses.lost)}; nhiều nhất ở lĩnh vực ${plan.losses.areas[0]!.code} (${plan.losses.areas[0]!.title.vi}): ${vi(plan.losses.areas[0]!.lost)}`)
console.log(plan.text.vi)
console.log('Tiêu chí | điểm bị mất | nguyên nhân | mức cần đạt | điểm tăng')
for (const s of plan.steps) {
  console.log(`  ${s.code} ${s.title.vi} | ${vi(s.lost)} | ${s.causes.map((c) => c.text.vi).join('; ')} | ${s.target.vi} | +${vi(s.gained)}`)
}
const surveyLost = plan.notImprovable.reduce((t, n) => t.add(n.lost), Exact.ZERO)
console.log(`Không đưa vào kế hoạch: ${plan.notImprovable.length} tiêu chí điều tra xã hội học (mất ${vi(surveyLost)} điểm)`)
console.log(`Sau khắc phục: chỉ số ${vi(plan.after.index)}, loại "${plan.after.band?.label.vi}", xếp thứ ${plan.after.rank}/${plan.after.groupSize}\n`)
// the plan is an assessment change: the engine, scoring it, reaches "Tốt"
if (plan.status !== 'planned' || plan.after.band?.code !== 'tot') throw new Error(`expected a plan to reach Tốt, got ${plan.status}`)
if (!evaluate(pack, plan.assessment).index.eq(plan.after.index)) throw new Error('the applied plan scores differently')

// 2. the 2025 edition on the 2024 communes, through the mapping shipped (reconstructed)
const to = vnCchc.compile('vn-cchc/commune-2025')
const mapping = mappingFor(pack.id, to.id)
if (!mapping) throw new Error('no mapping shipped')
const report = methodologyImpact(pack, to, communes.assessments, mapping, { unitWord: { vi: 'đơn vị cấp xã', en: 'communes' } })
console.log(`TÁC ĐỘNG CỦA BỘ CHỈ SỐ ${to.id}@${to.version} LÊN KẾT QUẢ NĂM 2024`)
console.log('Bảng chuyển đổi là bản tái dựng: các tương ứng là giả định, không phải văn bản chính thức.')
console.log(report.summary.text.vi)
for (const u of [...report.units].sort((a, b) => a.indexDelta.cmp(b.indexDelta)).slice(0, 3)) {
  console.log(`  ${u.name ?? u.unitId}: ${vi(u.old.index)} → ${vi(u.new.index)} (${u.text.vi}); không tính các tiêu chí mới: ${vi(u.newIndexMappedOnly)}`)
}
const moved = report.criteria.filter((c) => c.meanDelta.isNegative()).sort((a, b) => a.meanDelta.cmp(b.meanDelta))
console.log(
  `Tiêu chí giảm điểm nhiều nhất: ${moved
    .slice(0, 3)
    .map((c) => `${c.to.join(', ')} (${vi(c.meanDelta)})`)
    .join('; ')}`,
)
console.log(`Tiêu chí mới, không có tương ứng trong bộ 2019 (không chấm từ dữ liệu cũ): ${report.unmapped.map((u) => u.code).join(', ')}`)
if (report.unmapped.length !== 10 || report.summary.units !== communes.assessments.length) throw new Error('unexpected impact report')
