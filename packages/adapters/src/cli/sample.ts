/**
 * The sample province from `@chiso/rules-vn-cchc`, ready to score: one part per pack in
 * force for the year (departments, districts, communes …).
 */
import type { AssessmentInput, CompiledPack } from '@chiso/core'
import { loadRules } from './packs.js'

/** One population to rank: the units scored under one pack. */
export interface SamplePart {
  readonly kind: string
  readonly title: string
  readonly pack: CompiledPack
  readonly assessments: readonly AssessmentInput[]
}

const TITLES: Record<string, string> = {
  'vn-cchc/department': 'Sở, ban, ngành',
  'vn-cchc/district': 'UBND cấp huyện',
  'vn-cchc/commune': 'UBND cấp xã',
}

interface SampleShape {
  readonly province?: { readonly name?: string }
  readonly years: readonly { readonly year: number; readonly packs: readonly { readonly packId: string; readonly family: string; readonly assessments: AssessmentInput[] }[] }[]
}

/**
 * Generates the sample province for one year and compiles the packs it is scored under.
 * `kind` keeps only units of that kind (e.g. "commune").
 *
 * @example
 * ```ts
 * import { evaluateBatch } from '@chiso/core'
 * import { sampleAssessments } from '@chiso/adapters/cli'
 * const s = await sampleAssessments({ year: 2024 })
 * if (s.ok) for (const p of s.parts) console.log(p.title, evaluateBatch(p.pack, p.assessments).units.length)
 * ```
 */
export async function sampleAssessments(options: { year: number; seed?: number; kind?: string }): Promise<
  { ok: true; province: string; parts: SamplePart[] } | { ok: false; message: { vi: string; en: string } }
> {
  const rules = await loadRules()
  if (!rules?.generateSampleProvince || !rules.vnCchc) {
    return { ok: false, message: { vi: 'Cần gói @chiso/rules-vn-cchc để tạo tỉnh mẫu', en: '@chiso/rules-vn-cchc is needed for the sample province' } }
  }
  let sample: SampleShape
  try {
    sample = rules.generateSampleProvince({ ...(options.seed !== undefined ? { seed: options.seed } : {}), years: [options.year] }) as SampleShape
  } catch (e) {
    return { ok: false, message: { vi: `Không tạo được tỉnh mẫu: ${(e as Error).message}`, en: `Cannot generate the sample province: ${(e as Error).message}` } }
  }
  const parts: SamplePart[] = []
  for (const y of sample.years) {
    for (const p of y.packs) {
      const assessments = options.kind === undefined ? p.assessments : p.assessments.filter((a) => a.unit?.kind === options.kind)
      if (assessments.length === 0) continue
      parts.push({ kind: p.family.replace(/^.*\//, ''), title: TITLES[p.family] ?? p.family, pack: rules.vnCchc.compile(p.packId), assessments })
    }
  }
  if (parts.length === 0) {
    return { ok: false, message: { vi: `Không có đơn vị nào${options.kind ? ` loại "${options.kind}"` : ''} trong năm ${options.year}`, en: `No units${options.kind ? ` of kind "${options.kind}"` : ''} in ${options.year}` } }
  }
  return { ok: true, province: sample.province?.name ?? '', parts }
}
