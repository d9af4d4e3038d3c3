/**
 * How much of a pack is reconstructed, counted once and worded once, so that every output
 * (forms, tables, workbooks, reports) marks invented content the same way.
 */
import type { CompiledPack, LocalText } from './compile.js'
import { requirePack } from '../util/arguments.js'

/** Where a node's or a part's content stands. */
type Status = 'verified' | 'reconstructed' | undefined

/**
 * What a pack is, as a whole:
 * - `official`: every scored criterion is verified against the text it comes from;
 * - `shaped-after`: reconstructed content laid out on the pattern of the text named in the
 *   pack's `basis` (e.g. a province's template), not that text's content;
 * - `reconstructed`: some or all scored criteria are reconstructed;
 * - `unmarked`: the pack does not say which content is verified and which reconstructed.
 */
export type PackStanding = 'official' | 'shaped-after' | 'reconstructed' | 'unmarked'

/** The result of {@link reconstructionSummary}. */
export interface ReconstructionSummary {
  readonly standing: PackStanding
  /** scored criteria: the leaves of the tree with a positive maximum */
  readonly criteria: number
  /** scored criteria whose status (their own, else their nearest ancestor's, else the pack's) is `reconstructed` */
  readonly reconstructed: number
  /** scored criteria whose status is `verified` */
  readonly verified: number
  /** codes of every node, at any depth, whose status is `reconstructed`, in tree order: the rows to mark */
  readonly reconstructedCodes: readonly string[]
  /** band cut-offs whose status (their own, else the pack's) is `reconstructed` */
  readonly reconstructedBands: number
  /** deductions and bonuses whose status (their own, else the pack's) is `reconstructed` */
  readonly reconstructedAdjustments: number
  /** what the pack as a whole is shaped after (the pack's `basis`) */
  readonly basis: LocalText | undefined
  /** the one-line mark every output shows, in Vietnamese and English */
  readonly text: { readonly vi: string; readonly en: string }
}

/** "04/17", "07/07" as the reports write counts: each number on two digits at least */
const ofVi = (part: number, whole: number): string => `${String(part).padStart(2, '0')}/${String(whole).padStart(2, '0')}`

/**
 * Counts the scored criteria of a pack (its leaves with a positive maximum) that are
 * reconstructed rather than taken from an official text, and words the one line that every
 * output shows. A node without a status of its own has its nearest ancestor's, and the
 * areas the pack's. Inner nodes are listed in `reconstructedCodes` (to mark their rows) but
 * not counted: the counts are of scored criteria.
 *
 * @example
 * ```ts
 * import { reconstructionSummary } from '@chiso/core'
 * import { vnCchc } from '@chiso/rules-vn-cchc'
 * const s = reconstructionSummary(vnCchc.compile('vn-cchc/commune-2019'))
 * s.standing // 'shaped-after'
 * s.text.vi // 'Dựng theo khuôn mẫu của Quyết định 52/2019/QĐ-UBND tỉnh Hà Tĩnh; 63/63 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức; …'
 * s.text.en // 'Shaped after … ; 63 of 63 scored criteria reconstructed, not an official text; …'
 * s.reconstructedCodes.includes('1.1.1') // true: mark that row of the form
 * ```
 */
export function reconstructionSummary(pack: CompiledPack): ReconstructionSummary {
  requirePack(pack)
  const effective: Status[] = new Array<Status>(pack.nodes.length)
  const reconstructedCodes: string[] = []
  let criteria = 0
  let reconstructed = 0
  let verified = 0
  // pre-order: a parent's status is known before its children's
  for (const n of pack.nodes) {
    const status: Status = n.status ?? (n.parent >= 0 ? effective[n.parent] : undefined)
    effective[n.index] = status
    if (n.index === 0) continue
    if (status === 'reconstructed') reconstructedCodes.push(n.code)
    if (!n.isLeaf || n.maxPoints.isZero()) continue
    criteria++
    if (status === 'reconstructed') reconstructed++
    else if (status === 'verified') verified++
  }
  const packStatus = pack.source.status
  const partReconstructed = (p: { readonly status?: Status }): boolean => (p.status ?? packStatus) === 'reconstructed'
  const reconstructedBands = (pack.source.bands ?? []).filter(partReconstructed).length
  const reconstructedAdjustments = (pack.source.adjustments ?? []).filter(partReconstructed).length
  const basis = pack.nodes[0]!.basis

  const standing: PackStanding = reconstructed > 0 ? (basis !== undefined ? 'shaped-after' : 'reconstructed') : criteria > 0 && verified === criteria ? 'official' : 'unmarked'

  let vi: string
  let en: string
  if (standing === 'official') {
    vi = `Toàn bộ ${criteria} tiêu chí chấm điểm theo văn bản chính thức`
    en = `All ${criteria} scored criteria as in the official text`
  } else if (standing === 'unmarked') {
    vi = 'Bộ chỉ số không ghi rõ nội dung nào theo văn bản chính thức, nội dung nào là tái dựng'
    en = 'The pack does not say which content comes from an official text and which is reconstructed'
  } else {
    vi = `${ofVi(reconstructed, criteria)} tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức`
    en = `${reconstructed} of ${criteria} scored criteria reconstructed, not an official text`
    if (standing === 'shaped-after') {
      vi = `Dựng theo khuôn mẫu của ${basis!.vi}; ${vi}`
      en = `Shaped after ${basis!.en ?? basis!.vi}; ${en}`
    }
  }
  const parts: [string, string][] = []
  if (reconstructedBands > 0) parts.push(['ngưỡng xếp loại', 'band cut-offs'])
  if (reconstructedAdjustments > 0) parts.push(['điểm thưởng, điểm trừ', 'bonuses and deductions'])
  if (parts.length > 0) {
    vi += `; ${parts.map((p) => p[0]).join(' và ')} cũng là tái dựng`
    en += `; ${parts.map((p) => p[1]).join(' and ')} reconstructed too`
  }
  return Object.freeze({
    standing,
    criteria,
    reconstructed,
    verified,
    reconstructedCodes: Object.freeze(reconstructedCodes),
    reconstructedBands,
    reconstructedAdjustments,
    basis,
    text: Object.freeze({ vi, en }),
  })
}
