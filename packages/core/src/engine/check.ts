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

const own = Object.prototype.hasOwnProperty
const NO_ANSWERS: readonly string[] = Object.freeze([])

/**
 * Whether an entered score (a self score, an appraisal's) is fine as it is: the check's
 * common case, decided without building a path or an issue. When it is not, the reporting
 * path finds and words the problem.
 */
function fineScore(pack: CompiledPack, code: string, raw: number | string): boolean {
  const n = code === ROOT_CODE ? undefined : pack.node(code)
  if (!n || !n.isLeaf || n.source === 'survey') return false
  const v = Exact.tryFrom(raw)
  if (v === undefined || v.isNegative() || v.gt(n.maxPoints)) return false
  const check = n.rule?.checkEntered
  return check === undefined || check(v) === undefined
}

/** Checks an assessment against a compiled pack; returns every problem. @internal */
export function checkAssessment(pack: CompiledPack, a: Assessment, base: IssuePath = [], withFacts = true): ChisoIssue[] {
  const issues: ChisoIssue[] = []
  // each part is walked in the order Object.entries lists it; a path is built only for a problem
  const selfScores = a.selfScores
  if (selfScores !== undefined) {
    for (const code in selfScores) {
      if (!own.call(selfScores, code)) continue
      const raw = selfScores[code]!
      if (fineScore(pack, code, raw)) continue
      const path = [...base, 'selfScores', code]
      const n = lookupLeaf(pack, code, path, issues)
      if (!n) continue
      if (n.source === 'survey') {
        issues.push(issue('self_score_on_survey', path, { code }, raw))
        continue
      }
      checkScore(n, raw, path, issues)
    }
  }
  const appraisals = a.appraisals
  if (appraisals !== undefined) {
    // a few rounds (the usual case): earlier rounds scanned; many: a set
    const rounds = appraisals.length > 8 ? new Set<number>() : undefined
    for (let ri = 0; ri < appraisals.length; ri++) {
      const r = appraisals[ri]!
      let repeated = false
      if (rounds) {
        repeated = rounds.has(r.round)
        rounds.add(r.round)
      } else {
        for (let j = 0; j < ri; j++) if (appraisals[j]!.round === r.round) repeated = true
      }
      if (repeated) issues.push(issue('duplicate_round', [...base, 'appraisals', ri, 'round'], { round: r.round }, r.round))
      const changes = r.changes
      for (let ci = 0; ci < changes.length; ci++) {
        const c = changes[ci]!
        if (fineScore(pack, c.code, c.points)) continue
        const path = [...base, 'appraisals', ri, 'changes', ci]
        const n = lookupLeaf(pack, c.code, [...path, 'code'], issues)
        if (!n) continue
        if (n.source === 'survey') {
          issues.push(issue('appraisal_on_survey', [...path, 'code'], { code: c.code }, c.code))
          continue
        }
        checkScore(n, c.points, [...path, 'points'], issues)
      }
    }
  }
  const survey = a.survey
  if (survey !== undefined) {
    for (const code in survey) {
      if (!own.call(survey, code)) continue
      const input = survey[code]!
      const n = code === ROOT_CODE ? undefined : pack.node(code)
      // the usual case: answer counts for a survey leaf, every answer one it weighs
      if (n && n.isLeaf && n.source === 'survey' && !('points' in input) && (n.rule?.checkSurvey?.(input) ?? NO_ANSWERS).length === 0) continue
      checkSurvey(pack, code, input, base, issues)
    }
  }
  const evidence = a.evidence
  if (evidence !== undefined) {
    for (let ei = 0; ei < evidence.length; ei++) {
      const e = evidence[ei]!
      const criteria = e.criteria
      for (let ci = 0; ci < criteria.length; ci++) {
        const code = criteria[ci]!
        if (code === ROOT_CODE || !pack.node(code)) issues.push(issue('unknown_evidence_criterion', [...base, 'evidence', ei, 'criteria', ci], { id: e.id, code }, code))
      }
    }
  }
  const explanations = a.explanations
  if (explanations !== undefined) {
    for (const code in explanations) {
      if (!own.call(explanations, code)) continue
      if (code === ROOT_CODE || !pack.node(code)) issues.push(issue('unknown_criterion', [...base, 'explanations', code], { code, pack: `${pack.id}@${pack.version}` }, code))
    }
  }
  const adjustments = a.adjustments
  if (adjustments !== undefined) {
    for (const id in adjustments) {
      if (!own.call(adjustments, id)) continue
      const raw = adjustments[id]!
      let adj: CompiledPack['adjustments'][number] | undefined
      for (const x of pack.adjustments) {
        if (x.id === id) {
          adj = x
          break
        }
      }
      if (!adj) {
        issues.push(issue('unknown_adjustment', [...base, 'adjustments', id], { id }, id))
        continue
      }
      if (!adj.entered) {
        issues.push(issue('adjustment_not_entered', [...base, 'adjustments', id], { id }, raw))
        continue
      }
      const v = Exact.tryFrom(raw)
      if (v === undefined) issues.push(issue('invalid_decimal', [...base, 'adjustments', id], { value: raw }, raw))
      else if (v.isNegative()) issues.push(issue('adjustment_negative', [...base, 'adjustments', id], { id, value: v.toString() }, raw))
      else if (adj.cap && v.gt(adj.cap)) issues.push(issue('adjustment_above_cap', [...base, 'adjustments', id], { id, value: v.toString(), cap: adj.cap.toString() }, raw))
    }
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

/** One survey entry's problems, each with its path. */
function checkSurvey(pack: CompiledPack, code: string, input: NonNullable<Assessment['survey']>[string], base: IssuePath, issues: ChisoIssue[]): void {
  const path = [...base, 'survey', code]
  const n = lookupLeaf(pack, code, path, issues)
  if (!n) return
  if (n.source !== 'survey') {
    issues.push(issue('survey_on_non_survey', path, { code }))
    return
  }
  if ('points' in input) checkScore(n, input.points, [...path, 'points'], issues)
  for (const answer of n.rule?.checkSurvey?.(input) ?? []) {
    issues.push(
      issue(
        'invalid_value',
        [...path, 'answers', answer],
        {
          value: answer,
          detail: `quy tắc điều tra của "${code}" không có trọng số cho phương án này`,
          detailEn: `the survey rule of "${code}" has no weight for this answer`,
        },
        answer,
      ),
    )
  }
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
