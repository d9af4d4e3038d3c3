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
  /** the survey team's results for these units: one row per unit and survey criterion */
  readonly surveyResults: readonly SampleSurveyRow[]
}

/** One row of the sample's survey results (see `SampleSurveyRow` of @chiso/rules-vn-cchc). */
export interface SampleSurveyRow {
  readonly unitId: string
  readonly unitName: string
  readonly code: string
  readonly respondents: number
  readonly answers: Readonly<Record<string, number>>
}

const TITLES: Record<string, { vi: string; en: string }> = {
  'vn-cchc/department': { vi: 'Sở, ban, ngành', en: 'Provincial departments' },
  'vn-cchc/district': { vi: 'UBND cấp huyện', en: 'District people’s committees' },
  'vn-cchc/commune': { vi: 'UBND cấp xã', en: 'Commune people’s committees' },
}

interface SampleShape {
  readonly province?: { readonly name?: string }
  readonly years: readonly {
    readonly year: number
    readonly packs: readonly { readonly packId: string; readonly family: string; readonly assessments: AssessmentInput[]; readonly surveyResults?: SampleSurveyRow[] }[]
  }[]
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
export async function sampleAssessments(options: {
  year: number
  seed?: number
  kind?: string
  locale?: 'vi' | 'en'
}): Promise<{ ok: true; province: string; parts: SamplePart[] } | { ok: false; message: { vi: string; en: string } }> {
  const rules = await loadRules()
  if (!rules?.generateSampleProvince || !rules.vnCchc) {
    return { ok: false, message: { vi: 'Cần gói @chiso/rules-vn-cchc để tạo tỉnh mẫu', en: '@chiso/rules-vn-cchc is needed for the sample province' } }
  }
  let sample: SampleShape
  try {
    sample = rules.generateSampleProvince({ ...(options.seed !== undefined ? { seed: options.seed } : {}), years: [options.year] }) as SampleShape
  } catch (e) {
    // the generator says "english / tiếng Việt": each language its own half
    const [en, vi] = splitBilingual((e as Error).message)
    return { ok: false, message: { vi: `Không tạo được tỉnh mẫu: ${vi}`, en: `Cannot generate the sample province: ${en}` } }
  }
  const parts: SamplePart[] = []
  for (const y of sample.years) {
    for (const p of y.packs) {
      const assessments = options.kind === undefined ? p.assessments : p.assessments.filter((a) => a.unit?.kind === options.kind)
      if (assessments.length === 0) continue
      const ids = new Set(assessments.map((a) => a.unitId))
      parts.push({
        kind: p.family.replace(/^.*\//, ''),
        title: TITLES[p.family]?.[options.locale ?? 'vi'] ?? p.family,
        pack: rules.vnCchc.compile(p.packId),
        assessments,
        surveyResults: (p.surveyResults ?? []).filter((row) => ids.has(row.unitId)),
      })
    }
  }
  if (parts.length === 0) {
    return {
      ok: false,
      message: {
        vi: `Không có đơn vị nào${options.kind ? ` loại "${options.kind}"` : ''} trong năm ${options.year}`,
        en: `No units${options.kind ? ` of kind "${options.kind}"` : ''} in ${options.year}`,
      },
    }
  }
  return { ok: true, province: sample.province?.name ?? '', parts }
}

/** "year 2019 is outside 2020–2030 / năm 2019 ngoài khoảng 2020–2030" → [English, Vietnamese]; a message of one language is both. */
function splitBilingual(message: string): [string, string] {
  const k = message.lastIndexOf(' / ')
  return k < 0 ? [message, message] : [message.slice(0, k), message.slice(k + 3)]
}
