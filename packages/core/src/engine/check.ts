/**
 * Checks an assessment against a compiled pack before scoring: entered scores, appraisals,
 * not-applicable claims, evidence and facts, every problem with its path.
 */
import { ROOT_CODE, type CompiledPack, type CompiledNode } from '../model/compile.js'
import { issue, type ChisoIssue, type IssueParams, type IssuePath } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import type { Assessment } from '../model/schemas.js'

function checkScore(node: CompiledNode, raw: number | string, path: IssuePath, issues: ChisoIssue[]): Exact | undefined {
  const v = Exact.tryFrom(raw)
  if (v === undefined) {
    issues.push(issue('invalid_decimal', path, { value: raw }, raw))
    return undefined
  }
  const before = issues.length
  if (v.isNegative()) issues.push(issue('score_negative', path, { code: node.code, value: v.toString() }, raw))
  else if (v.gt(node.maxPoints)) issues.push(issue('score_above_max', path, { code: node.code, value: v.toString(), max: node.maxPoints.toString() }, raw))
  else {
    const p = node.rule?.checkEntered?.(v)
    // a rule names the code and the detail its message needs (the step, the allowed values)
    if (p) issues.push(issue(p.code, path, { code: node.code, value: v.toString(), ...p.params } as IssueParams[typeof p.code], raw))
  }
  return issues.length === before ? v : undefined
}

function lookupLeaf(pack: CompiledPack, code: string, path: IssuePath, issues: ChisoIssue[]): CompiledNode | undefined {
  const n = code === ROOT_CODE ? undefined : pack.node(code)
  if (!n) {
    issues.push(issue('unknown_criterion', path, { code, pack: `${pack.id}@${pack.version}` }, code))
    return undefined
  }
  if (!n.isLeaf) {
    issues.push(issue('not_a_leaf', path, { code }, code))
    return undefined
  }
  return n
}

/** Checks an assessment against a compiled pack; returns every problem. @internal */
export function checkAssessment(pack: CompiledPack, a: Assessment, base: IssuePath = [], withFacts = true): ChisoIssue[] {
  const issues: ChisoIssue[] = []
  for (const [code, raw] of Object.entries(a.selfScores ?? {})) {
    const path = [...base, 'selfScores', code]
    const n = lookupLeaf(pack, code, path, issues)
    if (!n) continue
    if (n.source === 'survey') {
      issues.push(issue('self_score_on_survey', path, { code }, raw))
      continue
    }
    checkScore(n, raw, path, issues)
  }
  const rounds = new Set<number>()
  ;(a.appraisals ?? []).forEach((r, ri) => {
    if (rounds.has(r.round)) issues.push(issue('duplicate_round', [...base, 'appraisals', ri, 'round'], { round: r.round }, r.round))
    rounds.add(r.round)
    r.changes.forEach((c, ci) => {
      const path = [...base, 'appraisals', ri, 'changes', ci]
      const n = lookupLeaf(pack, c.code, [...path, 'code'], issues)
      if (!n) return
      if (n.source === 'survey') {
        issues.push(issue('appraisal_on_survey', [...path, 'code'], { code: c.code }, c.code))
        return
      }
      checkScore(n, c.points, [...path, 'points'], issues)
    })
  })
  for (const [code, input] of Object.entries(a.survey ?? {})) {
    const path = [...base, 'survey', code]
    const n = lookupLeaf(pack, code, path, issues)
    if (!n) continue
    if (n.source !== 'survey') {
      issues.push(issue('survey_on_non_survey', path, { code }))
      continue
    }
    if ('points' in input) checkScore(n, input.points, [...path, 'points'], issues)
    for (const answer of n.rule?.checkSurvey?.(input) ?? []) {
      issues.push(
        issue(
          'invalid_value',
          [...path, 'answers', answer],
          {
            value: answer,
            detail: `the survey rule of "${code}" has no weight for this answer / quy tắc điều tra của "${code}" không có trọng số cho phương án này`,
          },
          answer,
        ),
      )
    }
  }
  a.evidence?.forEach((e, ei) => {
    e.criteria.forEach((code, ci) => {
      if (code === ROOT_CODE || !pack.node(code)) issues.push(issue('unknown_evidence_criterion', [...base, 'evidence', ei, 'criteria', ci], { id: e.id, code }, code))
    })
  })
  for (const code of Object.keys(a.explanations ?? {})) {
    if (code === ROOT_CODE || !pack.node(code)) issues.push(issue('unknown_criterion', [...base, 'explanations', code], { code, pack: `${pack.id}@${pack.version}` }, code))
  }
  for (const [id, raw] of Object.entries(a.adjustments ?? {})) {
    const path = [...base, 'adjustments', id]
    const adj = pack.adjustments.find((x) => x.id === id)
    if (!adj) {
      issues.push(issue('unknown_adjustment', path, { id }, id))
      continue
    }
    if (!adj.entered) {
      issues.push(issue('adjustment_not_entered', path, { id }, raw))
      continue
    }
    const v = Exact.tryFrom(raw)
    if (v === undefined) issues.push(issue('invalid_decimal', path, { value: raw }, raw))
    else if (v.isNegative()) issues.push(issue('adjustment_negative', path, { id, value: v.toString() }, raw))
    else if (adj.cap && v.gt(adj.cap)) issues.push(issue('adjustment_above_cap', path, { id, value: v.toString(), cap: adj.cap.toString() }, raw))
  }
  if (withFacts) {
    const facts = a.facts ?? {}
    // in the order scoring meets them (score): each node's rule, then its adjustments, children
    // before parents — so a batch reports a unit's problems in the order evaluate does
    for (const i of pack.postOrder) {
      const n = pack.nodes[i]!
      n.rule?.checkFacts?.(facts, [...base, 'facts'], issues)
      for (const ai of n.adjustments) pack.adjustments[ai]!.checkFacts?.(facts, [...base, 'facts'], issues)
    }
  }
  return dedupeIssues(issues)
}

/** Drops repeats of the same problem at the same path (a fact read by several leaves). @internal */
export function dedupeIssues(issues: ChisoIssue[]): ChisoIssue[] {
  if (issues.length < 2) return issues
  const seen = new Set<string>()
  return issues.filter((i) => {
    const key = `${i.code}\u0000${i.path.join('\u0001')}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
