/**
 * The pack-test case format: a file beside a pack that names the pack, and cases — an
 * assessment (or a few, scored as a batch) and the points, index, band, rank and flags
 * expected. Written to be read and written by a province officer (see docs/pack-tests.md),
 * and run by any implementation: it is plain data, YAML or JSON.
 */
import * as z from 'zod/mini'
import { issue, preview, type ChisoIssue, type IssuePath } from '../util/errors.js'
import { Exact } from '../util/exact.js'

/**
 * An expected number: a JSON number, or text — "0.5", "0,5" (decimal comma), "371/60"
 * (an exact fraction) — compared exactly; with a leading "~" or "≈" ("~85,71") the value
 * got is rounded half-up to the digits written before comparing.
 */
const ExpectedNumberSchema = z
  .union([z.number(), z.string().check(z.minLength(1))])
  .check(z.meta({ description: 'Exact number: 0.5, "0,5", "371/60"; "~85,71" compares after rounding to the digits written' }))

/** What is expected of one node: its points (a number), or several of its figures. */
const NodeExpectationSchema = z.union([
  ExpectedNumberSchema,
  z.strictObject({
    points: z.optional(ExpectedNumberSchema),
    maxPoints: z.optional(ExpectedNumberSchema),
    applicableMax: z.optional(ExpectedNumberSchema),
    /** null: nothing of the node applies to the unit */
    index: z.optional(z.nullable(ExpectedNumberSchema)),
    bonus: z.optional(ExpectedNumberSchema),
    deduction: z.optional(ExpectedNumberSchema),
    notApplicable: z.optional(z.boolean()),
  }),
])

/** A flag: "missing_evidence 1.1.1" (code, then the criterion), "missing_evidence" (any criterion) or an object. */
const FlagExpectationSchema = z.union([z.string().check(z.minLength(1)), z.strictObject({ code: z.string().check(z.minLength(1)), criterion: z.optional(z.string().check(z.minLength(1))) })])

/** An issue the engine must raise: its code, or its code and path ("selfScores.1.1"). */
const IssueExpectationSchema = z.union([z.string().check(z.minLength(1)), z.strictObject({ code: z.string().check(z.minLength(1)), path: z.optional(z.string()) })])

const unitExpectationShape = {
  /** expected node figures by criterion code */
  nodes: z.optional(z.record(z.string(), NodeExpectationSchema)),
  /** the whole index's points */
  total: z.optional(ExpectedNumberSchema),
  applicableMax: z.optional(ExpectedNumberSchema),
  index: z.optional(ExpectedNumberSchema),
  /** the band's code or its Vietnamese or English label; null: no band */
  band: z.optional(z.nullable(z.string().check(z.minLength(1)))),
  /** rank in its group; null: assessed but not ranked */
  rank: z.optional(z.nullable(z.int().check(z.positive()))),
  /** the M of "thứ N/M" */
  groupSize: z.optional(z.int().check(z.nonnegative())),
  /** flags the result must carry (others may be there too) */
  flags: z.optional(z.array(FlagExpectationSchema)),
  /** every flag the result carries, and no other ([] = none) */
  allFlags: z.optional(z.array(FlagExpectationSchema)),
}

const UnitExpectationSchema = z.strictObject(unitExpectationShape)

/** One case. */
export const PackTestCaseSchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  /** where the expected figures come from: a line of a decision, of the facts file */
  source: z.optional(z.string()),
  note: z.optional(z.string()),
  /** one unit's assessment (unitId and period may be left out) */
  assessment: z.optional(z.record(z.string(), z.unknown())),
  /** several units scored together (ranks, groups): each an assessment with its unitId */
  units: z.optional(z.array(z.record(z.string(), z.unknown())).check(z.minLength(1))),
  expect: z.strictObject({
    ...unitExpectationShape,
    /** per unit, for a case with `units` */
    units: z.optional(z.record(z.string(), UnitExpectationSchema)),
    /** the assessment must be refused with these issues */
    issues: z.optional(z.array(IssueExpectationSchema).check(z.minLength(1))),
  }),
})

/** A pack-test file: the pack it tests and its cases. */
export const PackTestFileSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    /** the pack's id, optionally with "@version" ("vn-cchc/commune-2019", "vn-cchc/commune-2019@1.0.0") */
    pack: z.string().check(z.minLength(1)),
    title: z.optional(z.string()),
    note: z.optional(z.string()),
    cases: z.array(PackTestCaseSchema).check(z.minLength(1)),
  })
  .check(z.meta({ id: 'PackTestFile', description: 'Test cases for a rule pack: assessments and the figures expected of them' }))

/** A pack-test file as written. */
export type PackTestFileInput = z.input<typeof PackTestFileSchema>
/** One case as written. */
export type PackTestCaseInput = z.input<typeof PackTestCaseSchema>
/** @internal */
export type PackTestCase = z.output<typeof PackTestCaseSchema>
/** One unit's expectations, parsed (read by the pack-test planner; not re-exported). */
export type UnitExpectation = z.output<typeof UnitExpectationSchema>
/** @internal */
export type FlagExpectation = z.output<typeof FlagExpectationSchema>
/** An expected issue, parsed. */
export type IssueExpectation = z.output<typeof IssueExpectationSchema>

/** An expected number, parsed: the exact value and, for "~" values, the digits to round to. */
export interface ExpectedNumber {
  readonly value: Exact
  readonly decimals: number | undefined
  /** as written, for messages */
  readonly text: string
}

const NUMBER_TEXT = /^([~≈])?\s*(-?)(\d+)(?:([.,])(\d+))?$/
const FRACTION_TEXT = /^(-?\d+)\/(\d+)$/

/**
 * Parses an expected number (see {@link ExpectedNumberSchema}), or reports
 * `invalid_expected_number` at `path`. No thousands separators: "1.234,5" is refused
 * rather than guessed at.
 * @internal
 */
export function parseExpectedNumber(raw: number | string, path: IssuePath, issues: ChisoIssue[]): ExpectedNumber | undefined {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) {
      issues.push(expectedNumberIssue(path, raw))
      return undefined
    }
    return { value: Exact.fromNumber(raw), decimals: undefined, text: String(raw) }
  }
  const s = raw.trim()
  const frac = FRACTION_TEXT.exec(s)
  if (frac && !/^0+$/.test(frac[2]!)) return { value: Exact.from(s), decimals: undefined, text: s }
  const m = NUMBER_TEXT.exec(s)
  if (!m) {
    issues.push(expectedNumberIssue(path, raw))
    return undefined
  }
  const value = Exact.from(`${m[2]}${m[3]}${m[5] === undefined ? '' : `.${m[5]}`}`)
  return { value, decimals: m[1] === undefined ? undefined : (m[5]?.length ?? 0), text: s }
}

function expectedNumberIssue(path: IssuePath, raw: unknown): ChisoIssue {
  return issue('invalid_expected_number', path, { value: preview(JSON.stringify(raw)) }, raw)
}

/**
 * Whether a value got meets an expected number: equal exactly, or — for "~" values —
 * equal once rounded half-up to the digits written. @internal
 */
export function meetsExpected(got: Exact, expected: ExpectedNumber): boolean {
  return expected.decimals === undefined ? got.eq(expected.value) : got.round(expected.decimals, 'half-up').eq(expected.value)
}
