/**
 * Where a unit lost points: the criteria with the largest gap between the points it got
 * and what applied to it, each with the reasons its trace gives, and the deductions it took.
 * One function, so that a fuller analysis (an improvement plan) can take its place.
 */
import { Exact, type LocalText, type NodeTrace, type UnitResult } from '@chiso/core'
import { formatVi } from '../shared/text.js'

/** One place a unit lost points. */
export interface PointGap {
  /** the criterion's code, or the node a deduction applied to */
  readonly code: string
  readonly title: LocalText
  /** `criterion`: points below the criterion's applicable maximum; `deduction`: points taken off a node */
  readonly kind: 'criterion' | 'deduction'
  readonly points: Exact
  readonly applicableMax: Exact
  /** points lost: applicable max − points for a criterion; the deduction applied for a deduction */
  readonly lost: Exact
  /** why, in Vietnamese, from the trace: appraisal round and reason, missing evidence, rule branch, survey, self score */
  readonly reasons: readonly string[]
}

const vi = (x: Exact): string => formatVi(x, x.isInteger() ? 0 : 2)

/** A rule branch label in Vietnamese, numbers with a decimal comma ("≥ 90 → 2", "có → 1"). */
function branchVi(branch: string): string {
  return branch
    .replace(/\btrue\b/g, 'có')
    .replace(/\bfalse\b/g, 'không')
    .replace(/\botherwise\b/g, 'trường hợp còn lại')
    .replace(/ratio ≥ 1 → max/g, 'tỷ lệ ≥ 1 → tối đa')
    .replace(/ratio × max/g, 'tỷ lệ × điểm tối đa')
    .replace(/denominator 0/g, 'mẫu số bằng 0')
    .replace(/capped at/g, 'tối đa')
    .replace(/count × points each/g, 'số lượng × điểm mỗi mục')
    .replace(/count capped/g, 'đạt mức tối đa')
    .replace(/\bbelow\b/g, 'dưới ngưỡng')
    .replace(/(\d)\.(\d)/g, '$1,$2')
}

function factText(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'có' : 'không'
  if (typeof v === 'number') return String(v).replace('.', ',')
  if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v) ? v.replace('.', ',') : v
  return JSON.stringify(v)
}

function reasonsOf(t: NodeTrace | undefined, result: UnitResult, code: string, max: Exact): string[] {
  const out: string[] = []
  if (t) {
    const last = t.appraisals[t.appraisals.length - 1]
    if (last) out.push(`Thẩm định vòng ${last.round} (${last.reviewer}, ${last.at}): ${vi(last.from)} → ${vi(last.to)} điểm — ${last.reason}`)
    if (t.evidence?.policyApplied) out.push(`Thiếu tài liệu kiểm chứng (cần ${t.evidence.minDocuments}, có ${t.evidence.documents.length}): không tính điểm`)
    if (t.survey !== undefined) out.push(`Điều tra xã hội học: ${vi(t.survey)}/${vi(max)} điểm`)
    if (t.branch !== undefined && t.survey === undefined) {
      const facts = Object.entries(t.facts)
      out.push(`Quy tắc chấm: ${branchVi(t.branch)}${facts.length > 0 ? ` (số liệu: ${facts.map(([k, v]) => `${k} = ${factText(v)}`).join('; ')})` : ''}`)
    } else if (t.selfScore !== undefined && last === undefined) out.push(`Tự chấm ${vi(t.selfScore)}/${vi(max)} điểm`)
    if (t.explanation !== undefined) out.push(`Giải trình: ${t.explanation}`)
  }
  for (const f of result.flags) if (f.criterion === code && f.code !== 'explanation_given' && f.code !== 'self_score_differs') out.push(f.message.vi)
  return out
}

/**
 * The places a unit lost the most points, largest first (ties in tree order): every
 * applicable criterion below its maximum, and every deduction taken. The reasons come from
 * the trace, so evaluate with `{ trace: true }` to have them; without a trace the gaps are
 * still found, with no reasons.
 *
 * @example
 * ```ts
 * import { evaluate } from '@chiso/core'
 * import { largestGaps } from '@chiso/adapters/report'
 * for (const g of largestGaps(evaluate(pack, assessment, { trace: true }), 5))
 *   console.log(g.code, g.lost.toString(), g.reasons.join('; '))
 * ```
 */
export function largestGaps(result: UnitResult, limit = 6): PointGap[] {
  const gaps: PointGap[] = []
  for (const n of result.nodes) {
    const node = result.pack.node(n.code)!
    if (node.isLeaf && !n.notApplicable && n.points.lt(n.applicableMax)) {
      gaps.push({ code: n.code, title: n.title, kind: 'criterion', points: n.points, applicableMax: n.applicableMax, lost: n.applicableMax.sub(n.points), reasons: reasonsOf(n.trace, result, n.code, n.applicableMax) })
    }
    if (n.deduction.gt(Exact.ZERO)) {
      const taken = (n.trace?.adjustments ?? []).filter((a) => a.type === 'deduction' && a.applied.gt(Exact.ZERO))
      gaps.push({
        code: n.code,
        title: n.title,
        kind: 'deduction',
        points: n.points,
        applicableMax: n.applicableMax,
        lost: n.deduction,
        reasons: taken.map((a) => `Điểm trừ: ${a.title.vi} (−${vi(a.applied)})`),
      })
    }
  }
  // stable: equal losses keep tree order
  return gaps
    .map((g, i) => [g, i] as const)
    .sort((a, b) => b[0].lost.cmp(a[0].lost) || a[1] - b[1])
    .slice(0, limit)
    .map(([g]) => g)
}
