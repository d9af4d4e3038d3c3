/**
 * A unit's assessment of a period is one stream: every submission of its self-assessment
 * and every appraisal round is a new version of it. A write names the version it saw;
 * appraisal rounds accumulate (the latest round wins per criterion, as the engine says).
 */
import { canonicalJson, packFitIssues, safeEvaluate, sha256Hex, type AssessmentInput, type CompiledPack, type PackFitPaths, type UnitInput } from '@chiso/core'
import { Args } from './args.js'
import { streamKey, type PendingEvent } from './chain.js'
import type { StoreContext } from './context.js'
import type { Queryable } from './driver.js'
import { conflict, notFound, storeIssue, StoreError, underPath, type StoreIssue } from './errors.js'
import { assessmentName, unitName } from './names.js'
import { latestUnits, normalId } from './units.js'

/** A stored pack named by id and version. */
export interface PackRef {
  readonly id: string
  readonly version: string
}

/** One version of a unit's self-assessment. */
export interface StoredSubmission {
  /** the stream version this submission made */
  readonly version: number
  readonly pack: PackRef
  /** sha256 of the file it was read from, when imported from a file */
  readonly fileHash: string | null
  /** sha256 of the canonical assessment */
  readonly assessmentHash: string
  /** as stored: without appraisal rounds, with the unit as the catalog held it when none was given */
  readonly assessment: AssessmentInput
  readonly recordedBy: string
  /** ISO time */
  readonly recordedAt: string
  /** the row id (what verify reports) */
  readonly rowId: number
}

/** One appraisal round. */
export interface StoredAppraisal {
  readonly version: number
  readonly round: number
  readonly reviewer: string
  /** the round's time as given (ISO) */
  readonly at: string
  readonly changes: readonly { readonly code: string; readonly points: string | number; readonly reason: string }[]
  readonly recordedBy: string
  readonly recordedAt: string
  readonly rowId: number
}

/** A unit's assessment of a period, as the store holds it now. */
export interface AssessmentState {
  readonly province: string
  readonly unitId: string
  readonly period: string
  /** the stream's version: the one to name in the next write */
  readonly version: number
  readonly pack: PackRef
  /** the latest submission */
  readonly submission: StoredSubmission
  /** every round, oldest first */
  readonly appraisals: readonly StoredAppraisal[]
  /** what is scored: the latest submission with every appraisal round */
  readonly assessment: AssessmentInput
}

/** Arguments of {@link Store.submit}. */
export interface SubmitInput {
  readonly province: string
  readonly unitId: string
  readonly period: string
  readonly pack: PackRef
  /** the self-assessment (no appraisal rounds: those are {@link Store.appraise}'s) */
  readonly assessment: AssessmentInput
  /** the version the writer saw: 0 for a first submission */
  readonly expectedVersion: number
  readonly actor: string
  /** sha256 of the file the assessment was read from, if any */
  readonly fileHash?: string | undefined
}

/** One change of an appraisal round. */
export interface AppraisalChange {
  readonly code: string
  readonly points: string | number
  readonly reason: string
}

/** Arguments of {@link Store.appraise}. */
export interface AppraiseInput {
  readonly province: string
  readonly unitId: string
  readonly period: string
  readonly expectedVersion: number
  readonly actor: string
  readonly changes: readonly AppraisalChange[]
  /** shown on the round; the actor when omitted */
  readonly reviewer?: string | undefined
  /** the round's time (ISO); now when omitted, given when entering past rounds */
  readonly at?: string | undefined
}

/** One item of an import: an assessment read from a file, and the file's sha256. */
export interface ImportItem {
  readonly fileHash: string
  /** may carry appraisal rounds (a reviewed workbook): they are recorded as rounds after the submission */
  readonly assessment: AssessmentInput
  /** the version the importer saw for this unit and period; see {@link ImportInput.onExisting} when omitted */
  readonly expectedVersion?: number | undefined
}

/** Arguments of {@link Store.importSubmissions}. */
export interface ImportInput {
  readonly province: string
  readonly pack: PackRef
  readonly items: readonly ImportItem[]
  readonly actor: string
  /**
   * An item without `expectedVersion` for a unit that already has a different submission:
   * `'conflict'` (default) refuses the import, `'append'` records it as the next version.
   */
  readonly onExisting?: 'conflict' | 'append' | undefined
}

/** Outcome of {@link Store.importSubmissions}. */
export interface ImportResult {
  readonly imported: readonly { readonly unitId: string; readonly period: string; readonly version: number; readonly fileHash: string }[]
  /** items the store already held (the same file, or the same content) */
  readonly unchanged: readonly { readonly unitId: string; readonly period: string; readonly version: number; readonly fileHash: string }[]
}

/** @internal */
export const assessmentStream = (unitId: string, period: string): string => streamKey('assessment', unitId, period)

const HEX64 = /^[0-9a-f]{64}$/

/** @internal */
export interface StreamRows {
  submissions: StoredSubmission[]
  appraisals: StoredAppraisal[]
}

/**
 * Reads the submissions and rounds of a province's period (some units, or all), oldest
 * first.
 * @internal
 */
export async function loadStreams(q: Queryable, province: string, period: string, unitIds?: readonly string[]): Promise<Map<string, StreamRows>> {
  const filter = unitIds ? ' and x.unit_id = any($3::text[])' : ''
  const params = unitIds ? [province, period, unitIds] : [province, period]
  const subs = await q.query(
    `select x.id, x.unit_id, x.version, x.pack_id, x.pack_version, x.file_hash, x.assessment_hash, x.body, e.actor, e.at
     from submissions x join events e on e.province = x.province and e.seq = x.event_seq
     where x.province = $1 and x.period = $2${filter} order by x.unit_id, x.version`,
    params,
  )
  const apps = await q.query(
    `select x.id, x.unit_id, x.version, x.round, x.reviewer, x.at as round_at, x.body, e.actor, e.at
     from appraisals x join events e on e.province = x.province and e.seq = x.event_seq
     where x.province = $1 and x.period = $2${filter} order by x.unit_id, x.version`,
    params,
  )
  const out = new Map<string, StreamRows>()
  const of = (id: string): StreamRows => {
    let s = out.get(id)
    if (!s) out.set(id, (s = { submissions: [], appraisals: [] }))
    return s
  }
  for (const r of subs) of(String(r.unit_id)).submissions.push(submissionOf(r))
  for (const r of apps) {
    const body = JSON.parse(String(r.body)) as { changes: StoredAppraisal['changes'] }
    of(String(r.unit_id)).appraisals.push({
      version: Number(r.version),
      round: Number(r.round),
      reviewer: String(r.reviewer),
      at: String(r.round_at),
      changes: body.changes,
      recordedBy: String(r.actor),
      recordedAt: (r.at as Date).toISOString(),
      rowId: Number(r.id),
    })
  }
  return out
}

const submissionOf = (r: Record<string, unknown>): StoredSubmission => ({
  version: Number(r.version),
  pack: { id: String(r.pack_id), version: String(r.pack_version) },
  fileHash: r.file_hash === null ? null : String(r.file_hash),
  assessmentHash: String(r.assessment_hash),
  assessment: JSON.parse(String(r.body)) as AssessmentInput,
  recordedBy: String(r.actor),
  recordedAt: (r.at as Date).toISOString(),
  rowId: Number(r.id),
})

/** The round as it enters the assessment. @internal */
export const roundOf = (a: Pick<StoredAppraisal, 'round' | 'reviewer' | 'at' | 'changes'>): NonNullable<AssessmentInput['appraisals']>[number] => ({
  round: a.round,
  reviewer: a.reviewer,
  at: a.at,
  changes: a.changes.map((c) => ({ code: c.code, points: c.points, reason: c.reason })),
})

/**
 * The assessment a stream stood for at a version (the latest when omitted): its latest
 * submission up to then with every round up to then. Undefined before the first submission.
 * @internal
 */
export function stateAt(province: string, unitId: string, period: string, s: StreamRows, version?: number): AssessmentState | undefined {
  const subs = version === undefined ? s.submissions : s.submissions.filter((x) => x.version <= version)
  const rounds = version === undefined ? s.appraisals : s.appraisals.filter((x) => x.version <= version)
  const submission = subs[subs.length - 1]
  if (!submission) return undefined
  const v = version ?? Math.max(submission.version, rounds[rounds.length - 1]?.version ?? 0)
  const assessment: AssessmentInput = rounds.length > 0 ? { ...submission.assessment, appraisals: rounds.map(roundOf) } : submission.assessment
  return { province, unitId, period, version: v, pack: submission.pack, submission, appraisals: rounds, assessment }
}

function checkScope(a: Args, province: unknown, unitId: unknown, period: unknown): void {
  a.province(province)
  a.text('unitId', unitId, 200)
  a.text('period', period, 50)
}

/**
 * A unit and its group are the catalog's (only an administrator changes them, through
 * putUnits): an assessment naming another name, kind, group … of its unit, or another group,
 * is refused at that field. @internal
 */
function catalogIssues(assessment: AssessmentInput, catalogUnit: UnitInput, path: readonly (string | number)[]): StoreIssue[] {
  const issues: StoreIssue[] = []
  const given = assessment.unit as Record<string, unknown> | undefined
  if (given !== undefined) {
    if (given === null || typeof given !== 'object' || Array.isArray(given)) {
      issues.push(storeIssue('unit_mismatch', [...path, 'unit'], { vi: 'Thông tin đơn vị lấy từ danh mục đơn vị: bỏ trường "unit"', en: 'The unit is the catalog\'s: leave "unit" out' }, given))
    } else {
      const held = catalogUnit as unknown as Record<string, unknown>
      for (const key of new Set([...Object.keys(given), ...Object.keys(held)])) {
        if (given[key] === undefined) continue
        if (held[key] !== undefined && canonicalJson(given[key]) === canonicalJson(held[key])) continue
        const shown = JSON.stringify(given[key])?.slice(0, 200) ?? ''
        const heldShown = held[key] === undefined ? '(không có / none)' : (JSON.stringify(held[key])?.slice(0, 200) ?? '')
        issues.push(
          storeIssue(
            'unit_mismatch',
            [...path, 'unit', key],
            {
              vi: `"unit.${key}" là ${shown}, danh mục đơn vị ghi ${heldShown}: thông tin đơn vị do quản trị viên sửa trong danh mục (PUT /api/units), không sửa qua bản tự đánh giá; hãy bỏ trường "unit"`,
              en: `"unit.${key}" is ${shown}, the unit catalog holds ${heldShown}: a unit is changed by an administrator in the catalog (PUT /api/units), not through an assessment; leave "unit" out`,
            },
            given[key],
          ),
        )
      }
    }
  }
  if (assessment.group !== undefined && assessment.group !== catalogUnit.group) {
    const held = catalogUnit.group === undefined ? '(không có / none)' : `"${catalogUnit.group}"`
    issues.push(
      storeIssue(
        'unit_mismatch',
        [...path, 'group'],
        {
          vi: `Nhóm xếp hạng "${String(assessment.group).slice(0, 200)}" khác nhóm của đơn vị trong danh mục (${held}): nhóm do quản trị viên đặt trong danh mục đơn vị; hãy bỏ trường "group"`,
          en: `Ranking group "${String(assessment.group).slice(0, 200)}" is not the unit's group in the catalog (${held}): the group is set by an administrator in the unit catalog; leave "group" out`,
        },
        assessment.group,
      ),
    )
  }
  return issues
}

/**
 * The assessment with the catalog's unit (one naming another is refused), checked against
 * the pack: the pack must fit the catalog's unit and the period (core's one rule,
 * `packFitIssues`, as `score` applies it), reported at `fit`; the assessment's own problems
 * come in the same list.
 */
function prepare(
  compiled: CompiledPack,
  assessment: AssessmentInput,
  catalogUnit: UnitInput,
  rounds: NonNullable<AssessmentInput['appraisals']>,
  path: readonly (string | number)[],
  fit: PackFitPaths,
): { body: AssessmentInput; issues: StoreIssue[] } {
  const { appraisals: _drop, ...rest } = assessment
  void _drop
  const misfit: StoreIssue[] = packFitIssues(compiled, catalogUnit, String(assessment.period), fit)
  const refused = catalogIssues(assessment, catalogUnit, path)
  if (refused.length > 0) return { body: rest, issues: [...misfit, ...refused] }
  const body: AssessmentInput = { ...rest, unit: catalogUnit }
  const r = safeEvaluate(compiled, rounds.length > 0 ? { ...body, appraisals: rounds } : body, { inputs: 'borrow' })
  return { body, issues: r.ok ? misfit : [...misfit, ...underPath(r.issues, path)] }
}

const unknownUnit = (province: string, unitId: string, path: readonly (string | number)[]): StoreIssue =>
  storeIssue(
    'unknown_unit',
    path,
    { vi: `Đơn vị mã "${unitId}" không có trong danh mục đơn vị của tỉnh (mã ${province})`, en: `Unit "${unitId}" is not in the unit catalog of the province (${province})` },
    unitId,
  )

const notSubmitted = async (q: Queryable, province: string, unitId: string, period: string): Promise<StoreError> => {
  const who = unitName((await latestUnits(q, province)).get(unitId)?.unit, unitId)
  return notFound({ vi: `bản tự đánh giá của ${who} kỳ ${period}`, en: `a self-assessment of ${who} for ${period}` }, ['unitId'], unitId)
}

/** The assessment of a unit for a period, by the unit's name in the catalog (for a conflict's message). */
const namedAssessment = (q: Queryable, province: string, unitId: string, period: string) => async () => assessmentName((await latestUnits(q, province)).get(unitId)?.unit, unitId, period)

/** An assessment with its unit id, and its unit's, as the store keeps them. */
function withNormalIds(x: unknown): unknown {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return x
  const a = x as Record<string, unknown>
  const out: Record<string, unknown> = 'unitId' in a ? { ...a, unitId: normalId(a.unitId) } : { ...a }
  const u = a.unit
  if (u !== null && typeof u === 'object' && !Array.isArray(u) && 'id' in u) out.unit = { ...(u as Record<string, unknown>), id: normalId((u as Record<string, unknown>).id) }
  return out
}

/** @internal */
export async function submit(ctx: StoreContext, given: SubmitInput): Promise<{ version: number; unchanged: boolean }> {
  const input: SubmitInput = { ...given, unitId: normalId(given.unitId), assessment: withNormalIds(given.assessment) as SubmitInput['assessment'] }
  const a = new Args()
  checkScope(a, input.province, input.unitId, input.period)
  a.version('expectedVersion', input.expectedVersion)
  a.text('actor', input.actor)
  a.text('pack.id', input.pack?.id)
  a.text('pack.version', input.pack?.version)
  if (input.fileHash !== undefined && !HEX64.test(String(input.fileHash)))
    a.issues.push(storeIssue('invalid_value', ['fileHash'], { vi: '"fileHash" phải là sha256 (64 ký tự hex)', en: '"fileHash" must be a sha256 (64 hex characters)' }, input.fileHash))
  const asmt = input.assessment as Partial<AssessmentInput> | undefined
  if (asmt === null || typeof asmt !== 'object') a.issues.push(storeIssue('invalid_value', ['assessment'], { vi: 'thiếu bản tự đánh giá', en: 'the assessment is missing' }, asmt))
  else {
    if (asmt.unitId !== input.unitId || asmt.period !== input.period) {
      a.issues.push(
        storeIssue(
          'unit_mismatch',
          ['assessment', asmt.unitId !== input.unitId ? 'unitId' : 'period'],
          {
            vi: `Bản đánh giá của "${asmt.unitId}" kỳ ${asmt.period} được gửi cho "${input.unitId}" kỳ ${input.period}`,
            en: `An assessment of "${asmt.unitId}" for ${asmt.period} was sent for "${input.unitId}" for ${input.period}`,
          },
          asmt.unitId,
        ),
      )
    }
    if (asmt.appraisals !== undefined) {
      a.issues.push(
        storeIssue('appraisals_in_submission', ['assessment', 'appraisals'], {
          vi: 'Bản tự đánh giá không được chứa vòng thẩm định: điểm thẩm định được ghi qua appraise',
          en: 'A self-assessment cannot carry appraisal rounds: appraisals are recorded through appraise',
        }),
      )
    }
  }
  a.done()
  const { province, unitId, period } = input
  await ctx.precheck(province, assessmentStream(unitId, period), input.expectedVersion, namedAssessment(ctx.driver, province, unitId, period))
  return ctx.write(province, 'submit', async (w) => {
    const unit = (await latestUnits(w.tx, province)).get(unitId)
    if (!unit) throw new StoreError([unknownUnit(province, unitId, ['unitId'])])
    const compiled = await ctx.compile(w.tx, province, input.pack)
    const stream = assessmentStream(unitId, period)
    const current = (await w.versions([stream])).get(stream) ?? 0
    if (current !== input.expectedVersion) throw conflict(assessmentName(unit.unit, unitId, period), input.expectedVersion, current)
    const rows = (await loadStreams(w.tx, province, period, [unitId])).get(unitId)
    const { body, issues } = prepare(compiled, input.assessment, unit.unit, rows ? stateAt(province, unitId, period, rows)!.appraisals.map(roundOf) : [], ['assessment'], {
      // the unit and the period are the call's: the pack is what does not fit
      kind: ['pack', 'id'],
      period: ['pack', 'id'],
    })
    if (issues.length > 0) throw new StoreError(issues)
    const text = canonicalJson(body)
    const hash = sha256Hex(text)
    const latest = rows?.submissions[rows.submissions.length - 1]
    if (latest && latest.assessmentHash === hash && latest.pack.id === input.pack.id && latest.pack.version === input.pack.version) return { version: current, unchanged: true }
    await w.append([submissionEvent(input.actor, unitId, period, current + 1, input.pack, input.fileHash ?? null, hash, text)])
    return { version: current + 1, unchanged: false }
  })
}

function submissionEvent(actor: string, unitId: string, period: string, version: number, pack: PackRef, fileHash: string | null, hash: string, body: string): PendingEvent {
  return {
    kind: 'submission',
    stream: assessmentStream(unitId, period),
    streamVersion: version,
    actor,
    rows: [{ table: 'submissions', values: { unit_id: unitId, period, version, pack_id: pack.id, pack_version: pack.version, file_hash: fileHash, assessment_hash: hash, body } }],
  }
}

function appraisalEvent(actor: string, unitId: string, period: string, version: number, round: NonNullable<AssessmentInput['appraisals']>[number]): PendingEvent {
  return {
    kind: 'appraisal',
    stream: assessmentStream(unitId, period),
    streamVersion: version,
    actor,
    rows: [{ table: 'appraisals', values: { unit_id: unitId, period, version, round: round.round, reviewer: round.reviewer, at: round.at, body: canonicalJson(round) } }],
  }
}

/** @internal */
export async function appraise(ctx: StoreContext, given: AppraiseInput): Promise<{ version: number; round: number }> {
  const input: AppraiseInput = { ...given, unitId: normalId(given.unitId) }
  const a = new Args()
  checkScope(a, input.province, input.unitId, input.period)
  a.version('expectedVersion', input.expectedVersion)
  a.text('actor', input.actor)
  if (input.reviewer !== undefined) a.text('reviewer', input.reviewer)
  if (input.at !== undefined) a.text('at', input.at, 40)
  if (!Array.isArray(input.changes) || input.changes.length === 0) {
    a.issues.push(storeIssue('invalid_value', ['changes'], { vi: 'một vòng thẩm định cần ít nhất một thay đổi', en: 'an appraisal round needs at least one change' }, input.changes))
  }
  a.done()
  const { province, unitId, period } = input
  await ctx.precheck(province, assessmentStream(unitId, period), input.expectedVersion, namedAssessment(ctx.driver, province, unitId, period))
  return ctx.write(province, 'appraise', async (w) => {
    const stream = assessmentStream(unitId, period)
    const current = (await w.versions([stream])).get(stream) ?? 0
    // a stale write is told so before anything is read: under contention most writes are
    if (current === 0) throw await notSubmitted(w.tx, province, unitId, period)
    if (current !== input.expectedVersion) throw conflict(await namedAssessment(w.tx, province, unitId, period)(), input.expectedVersion, current)
    const rows = (await loadStreams(w.tx, province, period, [unitId])).get(unitId)
    const state = rows && stateAt(province, unitId, period, rows)
    if (!state) throw await notSubmitted(w.tx, province, unitId, period)
    const compiled = await ctx.compile(w.tx, province, state.pack)
    const roundNo = (state.appraisals[state.appraisals.length - 1]?.round ?? 0) + 1
    const round = {
      round: roundNo,
      reviewer: input.reviewer ?? input.actor,
      at: input.at ?? w.at.toISOString(),
      changes: input.changes.map((c) => ({ code: c?.code, points: c?.points, reason: c?.reason })),
    } as NonNullable<AssessmentInput['appraisals']>[number]
    const k = state.appraisals.length
    const r = safeEvaluate(compiled, { ...state.assessment, appraisals: [...state.appraisals.map(roundOf), round] }, { inputs: 'borrow' })
    if (!r.ok) {
      // the new round's problems, at the caller's path (`changes[j].points`)
      throw new StoreError(r.issues.map((i) => (i.path[0] === 'appraisals' && i.path[1] === k ? { ...i, path: i.path.slice(2) } : { ...i, path: ['assessment', ...i.path] })))
    }
    await w.append([appraisalEvent(input.actor, unitId, period, current + 1, round)])
    return { version: current + 1, round: roundNo }
  })
}

/** @internal */
export async function importSubmissions(ctx: StoreContext, given: ImportInput): Promise<ImportResult> {
  const input: ImportInput = Array.isArray(given.items)
    ? { ...given, items: given.items.map((it) => (it !== null && typeof it === 'object' ? { ...it, assessment: withNormalIds(it.assessment) as typeof it.assessment } : it)) }
    : given
  const a = new Args()
  const province = a.province(input.province)
  a.text('actor', input.actor)
  a.text('pack.id', input.pack?.id)
  a.text('pack.version', input.pack?.version)
  if (!Array.isArray(input.items)) a.issues.push(storeIssue('invalid_value', ['items'], { vi: '"items" phải là danh sách', en: '"items" must be a list' }, input.items))
  else {
    input.items.forEach((it, i) => {
      if (!HEX64.test(String(it?.fileHash)))
        a.issues.push(storeIssue('invalid_value', ['items', i, 'fileHash'], { vi: '"fileHash" phải là sha256 (64 ký tự hex)', en: '"fileHash" must be a sha256 (64 hex characters)' }, it?.fileHash))
      const asmt = it?.assessment as Partial<AssessmentInput> | undefined
      if (typeof asmt?.unitId !== 'string' || asmt.unitId === '')
        a.issues.push(storeIssue('invalid_value', ['items', i, 'assessment', 'unitId'], { vi: 'thiếu mã đơn vị', en: 'the unit id is missing' }, asmt?.unitId))
      if (typeof asmt?.period !== 'string' || asmt.period === '')
        a.issues.push(storeIssue('invalid_value', ['items', i, 'assessment', 'period'], { vi: 'thiếu kỳ đánh giá', en: 'the period is missing' }, asmt?.period))
      if (it?.expectedVersion !== undefined) a.version(`items[${i}].expectedVersion`, it.expectedVersion)
    })
  }
  if (input.onExisting !== undefined && input.onExisting !== 'conflict' && input.onExisting !== 'append') {
    a.issues.push(storeIssue('invalid_value', ['onExisting'], { vi: '"onExisting" là "conflict" hoặc "append"', en: '"onExisting" is "conflict" or "append"' }, input.onExisting))
  }
  a.done()
  const items = input.items
  if (items.length === 0) return { imported: [], unchanged: [] }
  return ctx.write(province, 'import', async (w) => {
    const catalog = await latestUnits(w.tx, province)
    const compiled = await ctx.compile(w.tx, province, input.pack)
    const issues: StoreIssue[] = []
    const seen = new Map<string, number>()
    const periods = new Set<string>()
    items.forEach((it, i) => {
      const key = `${it.assessment.unitId}\u0000${it.assessment.period}`
      if (seen.has(key)) {
        issues.push(
          storeIssue(
            'duplicate_assessment',
            ['items', i, 'assessment', 'unitId'],
            {
              vi: `Đơn vị "${it.assessment.unitId}" kỳ ${it.assessment.period} có nhiều bản trong lần nhập (đã có ở mục ${seen.get(key)})`,
              en: `Unit "${it.assessment.unitId}" for ${it.assessment.period} appears more than once in the import (first at item ${seen.get(key)})`,
            },
            it.assessment.unitId,
          ),
        )
      }
      seen.set(key, i)
      periods.add(it.assessment.period)
      if (!catalog.has(it.assessment.unitId)) issues.push(unknownUnit(province, it.assessment.unitId, ['items', i, 'assessment', 'unitId']))
    })
    if (issues.length > 0) throw new StoreError(issues)
    // what the store holds for these units and periods
    const held = new Map<string, StreamRows>()
    for (const period of periods) {
      const ids = items.filter((it) => it.assessment.period === period).map((it) => it.assessment.unitId)
      for (const [unitId, rows] of await loadStreams(w.tx, province, period, ids)) held.set(`${unitId}\u0000${period}`, rows)
    }
    const versions = await w.versions(items.map((it) => assessmentStream(it.assessment.unitId, it.assessment.period)))
    const imported: { unitId: string; period: string; version: number; fileHash: string }[] = []
    const unchanged: typeof imported = []
    const events: PendingEvent[] = []
    const conflicts: StoreIssue[] = []
    let currentVersion: number | undefined
    items.forEach((it, i) => {
      const { unitId, period } = it.assessment
      const rows = held.get(`${unitId}\u0000${period}`)
      const current = versions.get(assessmentStream(unitId, period)) ?? 0
      const existingRounds = rows?.appraisals ?? []
      const incoming = (it.assessment.appraisals ?? []).map((r, k) => ({ ...r, round: (existingRounds[existingRounds.length - 1]?.round ?? 0) + k + 1 }))
      const { body, issues: bad } = prepare(compiled, it.assessment, catalog.get(unitId)!.unit, [...existingRounds.map(roundOf), ...incoming], ['items', i, 'assessment'], {
        kind: ['items', i, 'assessment', 'unitId'],
        period: ['items', i, 'assessment', 'period'],
      })
      // one by one: one assessment can have more problems than push(...list) can pass
      if (bad.length > 0) {
        for (const b of bad) issues.push(b)
        return
      }
      const text = canonicalJson(body)
      const hash = sha256Hex(text)
      const latest = rows?.submissions[rows.submissions.length - 1]
      const sameFile = rows?.submissions.some((s) => s.fileHash === it.fileHash) ?? false
      if (sameFile || (latest && incoming.length === 0 && latest.assessmentHash === hash && latest.pack.id === input.pack.id && latest.pack.version === input.pack.version)) {
        unchanged.push({ unitId, period, version: current, fileHash: it.fileHash })
        return
      }
      if (it.expectedVersion !== undefined ? it.expectedVersion !== current : current > 0 && input.onExisting !== 'append') {
        const err = conflict(assessmentName(catalog.get(unitId)?.unit, unitId, period), it.expectedVersion ?? 0, current, ['items', i, 'expectedVersion'])
        for (const c of err.issues as StoreIssue[]) conflicts.push(c)
        if (currentVersion === undefined) currentVersion = current
        return
      }
      let v = current + 1
      events.push(submissionEvent(input.actor, unitId, period, v, input.pack, it.fileHash, hash, text))
      for (const r of incoming) events.push(appraisalEvent(input.actor, unitId, period, ++v, r))
      imported.push({ unitId, period, version: v, fileHash: it.fileHash })
    })
    if (issues.length > 0) throw new StoreError(issues)
    // a stale item: 409 with the version the store holds (the first stale item's; each
    // issue's message names its own), resolved by naming it in items[i].expectedVersion
    if (conflicts.length > 0) throw new StoreError(conflicts, currentVersion === undefined ? {} : { currentVersion })
    await w.append(events)
    return { imported, unchanged }
  })
}

/** @internal */
export async function getAssessment(q: Queryable, province: string, given: string, period: string): Promise<AssessmentState> {
  const unitId = normalId(given)
  const a = new Args()
  checkScope(a, province, unitId, period)
  a.done()
  const rows = (await loadStreams(q, province, period, [unitId])).get(unitId)
  const state = rows && stateAt(province, unitId, period, rows)
  if (!state) throw await notSubmitted(q, province, unitId, period)
  return state
}

/** @internal */
export async function listSubmissions(q: Queryable, province: string, given: string, period: string): Promise<StoredSubmission[]> {
  const unitId = normalId(given)
  const a = new Args()
  checkScope(a, province, unitId, period)
  a.done()
  return (await loadStreams(q, province, period, [unitId])).get(unitId)?.submissions ?? []
}

/** @internal */
export async function listAssessments(q: Queryable, province: string, period: string): Promise<AssessmentState[]> {
  const a = new Args()
  a.province(province)
  a.text('period', period, 50)
  a.done()
  const out: AssessmentState[] = []
  for (const [unitId, rows] of await loadStreams(q, province, period)) {
    const s = stateAt(province, unitId, period, rows)
    if (s) out.push(s)
  }
  return out
}
