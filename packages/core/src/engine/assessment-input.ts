/**
 * Assessment parsing with a fast path. A national batch validates thousands of
 * assessments with hundreds of facts each; the zod schema copies every record it checks.
 * The fast path checks the common shape by hand — strictly: it accepts only what
 * AssessmentSchema accepts — and hands the input on uncopied; anything unusual, or any
 * problem at all, goes through the full schema so the issues are exactly the same.
 */
import * as z from 'zod/mini'
import type { ChisoIssue, IssuePath } from '../util/errors.js'
import { AppraisalRoundSchema, AssessmentSchema, EvidenceSchema, SurveyInputSchema, UnitSchema, decimalPattern, type Assessment } from '../model/schemas.js'
import { copyWithinLimits, decimalWithinLimits, withinLimits, type CopyMemo } from '../util/limits.js'
import { parseWith } from '../model/validate.js'
import { isNormalUnitId, unitIdAt } from '../population/unit-ids.js'
import type { CompiledPack } from '../model/compile.js'
import { checkAssessment } from './check.js'

const ASSESSMENT_KEYS = new Set(['unitId', 'period', 'unit', 'group', 'facts', 'selfScores', 'evidence', 'explanations', 'appraisals', 'survey', 'adjustments'])

/** The fast path alone (undefined: the schema must decide), for the property test that holds it to the schema. @internal */
export function fastAssessmentShape(input: unknown, copy: boolean, memo?: CopyMemo): { data: Assessment; copy: Assessment | undefined } | undefined {
  const fast = fastShape(input, copy, memo)
  return 'data' in fast ? fast : undefined
}

/** @internal */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

function isDecimal(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v) && decimalWithinLimits(v)) || (typeof v === 'string' && decimalPattern.test(v) && decimalWithinLimits(v))
}

/** Array.prototype.every over every index: a hole is read as undefined, as the schema reads it (every skips holes). */
function everyItem(xs: readonly unknown[], check: (x: unknown) => boolean): boolean {
  for (let i = 0; i < xs.length; i++) if (!check(xs[i])) return false
  return true
}

function recordOf(v: unknown, check: (x: unknown) => boolean): boolean {
  if (v === undefined) return true
  if (!isPlainObject(v)) return false
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k) && !check(v[k])) return false
  return true
}

/**
 * Whether the fast path takes the input (else the schema decides), and what it hands on.
 * With `copy`, the copy a result keeps is made in the same walk that checks the input limits,
 * and the copy is what is checked, scored and kept (`data` and `copy` of the answer): every
 * value of the input is read once, so a getter answering differently, or a property a copy
 * does not take (one not enumerable), can never make the points differ from what the
 * result holds and explains. Without, `data` is the input itself.
 */
function fastShape(input: unknown, copy: boolean, memo?: CopyMemo): { data: Assessment; copy: Assessment | undefined } | { schemaReads: unknown } {
  // the input limits first (one walk that never throws), before any property is read
  const c = copy ? copyWithinLimits(input, memo) : undefined
  if (copy ? c === undefined : !withinLimits(input)) return { schemaReads: input }
  const data = copy ? c : input
  // (anything unusual: the schema decides, on the copy when there is one)
  return usualShape(data) ? { data, copy: c as Assessment | undefined } : { schemaReads: data }
}

function usualShape(a: unknown): a is Assessment {
  if (!isPlainObject(a)) return false
  for (const k in a) if (Object.prototype.hasOwnProperty.call(a, k) && !ASSESSMENT_KEYS.has(k)) return false
  if (typeof a.unitId !== 'string' || a.unitId.length === 0) return false
  if (typeof a.period !== 'string' || a.period.length === 0) return false
  if (a.group !== undefined && typeof a.group !== 'string') return false
  if (a.facts !== undefined && !isPlainObject(a.facts)) return false
  if (!recordOf(a.selfScores, isDecimal)) return false
  if (!recordOf(a.adjustments, isDecimal)) return false
  if (!recordOf(a.explanations, (x) => typeof x === 'string')) return false
  // the small, nested parts: checked by hand in their usual shape (never accepting what the
  // schema would not), else the schema's own parts decide
  if (a.unit !== undefined && !usualUnit(a.unit) && !UnitSchema.safeParse(a.unit).success) return false
  if (a.evidence !== undefined && !(Array.isArray(a.evidence) && everyItem(a.evidence, (e) => usualEvidence(e) || EvidenceSchema.safeParse(e).success))) return false
  if (a.appraisals !== undefined && !(Array.isArray(a.appraisals) && everyItem(a.appraisals, (r) => usualRound(r) || AppraisalRoundSchema.safeParse(r).success))) return false
  return recordOf(a.survey, (x) => usualSurvey(x) || SurveyInputSchema.safeParse(x).success)
}

const UNIT_KEYS = new Set(['id', 'name', 'kind', 'parentId', 'validFrom', 'validTo', 'predecessors', 'group', 'attributes'])
const EVIDENCE_KEYS = new Set(['id', 'number', 'issuer', 'issuedOn', 'title', 'url', 'sha256', 'criteria'])
const ROUND_KEYS = new Set(['round', 'reviewer', 'at', 'changes'])
const CHANGE_KEYS = new Set(['code', 'points', 'reason'])
const optionalText = (v: unknown): boolean => v === undefined || typeof v === 'string'
const text = (v: unknown): boolean => typeof v === 'string' && v.length > 0
// the schema's own patterns: z.iso.date() is zod's date pattern and nothing more
const DATE = z.core.regexes.date
const SHA256 = /^[0-9a-f]{64}$/
const optionalDate = (v: unknown): boolean => v === undefined || (typeof v === 'string' && DATE.test(v))

/** true when every own key of `v` is one of `keys` @internal */
export function onlyKeys(v: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k) && !keys.has(k)) return false
  return true
}

/** A unit record in the usual shape. */
function usualUnit(u: unknown): boolean {
  if (!isPlainObject(u) || !onlyKeys(u, UNIT_KEYS) || !text(u.id) || !text(u.name) || !text(u.kind)) return false
  if (!optionalText(u.parentId) || !optionalText(u.group) || !optionalDate(u.validFrom) || !optionalDate(u.validTo)) return false
  if (u.predecessors !== undefined && !(Array.isArray(u.predecessors) && everyItem(u.predecessors, (x) => typeof x === 'string'))) return false
  return u.attributes === undefined || isPlainObject(u.attributes)
}

/** A document in the usual shape. */
function usualEvidence(e: unknown): boolean {
  if (!isPlainObject(e) || !onlyKeys(e, EVIDENCE_KEYS) || !text(e.id)) return false
  if (!optionalText(e.number) || !optionalText(e.issuer) || !optionalText(e.title) || !optionalText(e.url) || !optionalDate(e.issuedOn)) return false
  if (e.sha256 !== undefined && !(typeof e.sha256 === 'string' && SHA256.test(e.sha256))) return false
  const c = e.criteria
  return Array.isArray(c) && c.length > 0 && everyItem(c, (x) => typeof x === 'string')
}

/** An appraisal round in the usual shape. */
function usualRound(r: unknown): boolean {
  if (!isPlainObject(r) || !onlyKeys(r, ROUND_KEYS)) return false
  if (typeof r.round !== 'number' || !Number.isSafeInteger(r.round) || r.round <= 0 || !text(r.reviewer) || !text(r.at)) return false
  const changes = r.changes
  return Array.isArray(changes) && everyItem(changes, (c) => isPlainObject(c) && onlyKeys(c, CHANGE_KEYS) && typeof c.code === 'string' && isDecimal(c.points) && text(c.reason))
}

/** A survey input in the usual shape: whole answer counts, or points. */
function usualSurvey(x: unknown): boolean {
  if (!isPlainObject(x)) return false
  let keys = 0
  for (const k in x) if (Object.prototype.hasOwnProperty.call(x, k)) keys++
  if (keys !== 1) return false
  if ('points' in x) return isDecimal(x.points)
  return recordOf(x.answers, (n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) && x.answers !== undefined
}

/**
 * Parses one assessment: the fast path for the common, valid shape, else the full schema
 * with every issue. Unit ids come out normalised (see unit-ids.ts): an input whose ids are
 * not is copied at its top (and unit record) with the normal ids. With `copy`, the fast path
 * hands on, in `copy` and as `data`, a private deep copy of the input (as copyData makes)
 * made in the walk that checks the limits: scored, and kept by the result without copying
 * again; with a `memo`
 * (one per batch call), parts of the input copied before for another assessment are shared
 * (see CopyMemo). @internal
 */
export function parseAssessmentInput(input: unknown, base: IssuePath = [], copy = false, memo?: CopyMemo): { data?: Assessment; issues: ChisoIssue[]; copy?: Assessment } {
  const fast = fastShape(input, copy, memo)
  const parsed: { data?: Assessment; issues: ChisoIssue[]; copy?: Assessment } =
    'schemaReads' in fast ? parseWith(AssessmentSchema, fast.schemaReads, base) : fast.copy === undefined ? { data: fast.data, issues: [] } : { data: fast.data, issues: [], copy: fast.copy }
  const a = parsed.data
  if (!a) return parsed
  const u = a.unit
  if (isNormalUnitId(a.unitId) && (u === undefined || unitIdsNormal(u))) return parsed
  const issues: ChisoIssue[] = []
  const unitId = unitIdAt(a.unitId, [...base, 'unitId'], issues)
  let unit = u
  if (u !== undefined) {
    const path = [...base, 'unit']
    unit = { ...u, id: unitIdAt(u.id, [...path, 'id'], issues) }
    if (u.parentId !== undefined) unit.parentId = unitIdAt(u.parentId, [...path, 'parentId'], issues)
    if (u.predecessors !== undefined) unit.predecessors = u.predecessors.map((p, i) => unitIdAt(p, [...path, 'predecessors', i], issues))
  }
  if (issues.length > 0) return { issues }
  // (a copy made already is dropped: the result copies the normalised assessment itself)
  return { data: unit === undefined ? { ...a, unitId } : { ...a, unitId, unit }, issues: [] }
}

function unitIdsNormal(u: NonNullable<Assessment['unit']>): boolean {
  return isNormalUnitId(u.id) && (u.parentId === undefined || isNormalUnitId(u.parentId)) && (u.predecessors === undefined || u.predecessors.every(isNormalUnitId))
}

/**
 * The problems of an input the schema refused, with those the pack finds in the rest, so
 * that one answer lists every problem: each value the schema refused is left out of a copy
 * and, when what remains is well-formed, the remainder is checked against the pack too (a
 * self score above its maximum is reported beside another that is not a number). A refused
 * value that cannot be left out (a required field, an item of a list) leaves the answer to
 * the schema's problems alone. @internal
 */
export function withPackProblems(pack: CompiledPack, input: unknown, shapeIssues: ChisoIssue[], base: IssuePath = []): ChisoIssue[] {
  const rest = withoutRefused(input, shapeIssues, base.length)
  if (rest === undefined) return shapeIssues
  const parsed = parseWith(AssessmentSchema, rest, base)
  if (!parsed.data) return shapeIssues
  const more = checkAssessment(pack, parsed.data, base)
  return more.length === 0 ? shapeIssues : [...shapeIssues, ...more]
}

/** A copy of the input without the values at the issues' paths; undefined when one cannot be left out. */
function withoutRefused(input: unknown, issues: readonly ChisoIssue[], depth: number): unknown {
  if (issues.length === 0) return undefined
  const copy = copyWithinLimits(input)
  if (!isPlainObject(copy)) return undefined
  for (const i of issues) {
    if (i.code === 'missing_field') return undefined
    const path = i.path.slice(depth)
    if (path.length === 0) return undefined
    let parent: unknown = copy
    for (let k = 0; k < path.length - 1; k++) {
      if (!isPlainObject(parent)) return undefined
      parent = parent[path[k] as string]
    }
    const key = path[path.length - 1]
    // an item of a list cannot be left out without moving the others' paths
    if (!isPlainObject(parent) || typeof key !== 'string') return undefined
    delete parent[key]
  }
  return copy
}
