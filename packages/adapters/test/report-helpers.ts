import { evaluateBatch, type AssessmentInput, type BatchResult, type CompiledPack } from '@chiso/core'
import { analyseSensitivity } from '@chiso/core/analysis'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
import { buildReportData, type ReportData } from '../src/report/index.js'

/** The sample province's units of one family in two years, scored. */
export interface SampleYears {
  readonly pack: CompiledPack
  readonly assessments: AssessmentInput[]
  readonly previousPack: CompiledPack
  readonly previousAssessments: AssessmentInput[]
  readonly batch: BatchResult
  readonly previous: BatchResult
}

export function sampleYears(family: 'department' | 'district' | 'commune', years: readonly [number, number] = [2023, 2024]): SampleYears {
  const s = generateSampleProvince({ years: [...years] })
  const pick = (y: number) => {
    const p = s.years.find((x) => x.year === y)!.packs.find((x) => x.family === `vn-cchc/${family}`)!
    return { pack: vnCchc.compile(p.packId), assessments: p.assessments }
  }
  const prev = pick(years[0])
  const cur = pick(years[1])
  return {
    pack: cur.pack,
    assessments: cur.assessments,
    previousPack: prev.pack,
    previousAssessments: prev.assessments,
    batch: evaluateBatch(cur.pack, cur.assessments, { trace: true }),
    previous: evaluateBatch(prev.pack, prev.assessments),
  }
}

/** A full report's data: this year, the year before and a sensitivity analysis. */
export function fullData(y: SampleYears, draws = 200): ReportData {
  return buildReportData(y.batch, {
    previous: { [y.previous.units[0]!.result.period]: y.previous },
    sensitivity: { report: analyseSensitivity(y.pack, y.assessments, { draws, seed: 7, weights: { spread: 0.1 } }), spread: 0.1 },
  })
}

/** The sections of a report's HTML, by page, with their kind. */
export function sections(html: string): { kind: string; group: string | undefined; unit: string | undefined; html: string }[] {
  return html
    .split('<section ')
    .slice(1)
    .map((s) => ({
      kind: /data-kind="([a-z-]+)"/.exec(s)![1]!,
      group: /data-group="([^"]+)"/.exec(s)?.[1],
      unit: /data-unit="([^"]+)"/.exec(s.slice(0, 300))?.[1],
      html: s,
    }))
}

/** The text a reader sees: HTML text and SVG text, without tags, styles and path data. */
export function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
}
