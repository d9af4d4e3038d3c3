/**
 * The API's shapes as zod schemas: they validate requests and generate the OpenAPI 3.1
 * document. The engine's own structures (an assessment, a pack) are checked by the engine
 * behind the route, which reports every problem with its path; here they are objects.
 */
import { z } from '@hono/zod-openapi'
import { DecimalSchema } from '@chiso/core/schemas'

/** A text in both languages. */
const LocalTextBase = z.object({ vi: z.string(), en: z.string() })
export const LocalTextSchema = LocalTextBase.openapi('LocalText')

/** An exact decimal as text ("85.34", "40/3"). */
const ExactText = z.string().openapi({ description: 'an exact decimal as text ("85.34", or a fraction "40/3")', example: '85.34' })

/** The problem document of every error (RFC 9457). */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:chiso:problem:conflict' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    issues: z.array(
      z.object({
        code: z.string(),
        path: z.array(z.union([z.string(), z.number()])),
        message: z.string(),
      }),
    ),
    currentVersion: z.number().int().optional().openapi({ description: 'for a 409 conflict: the version the store holds now' }),
  })
  .openapi('Problem')

/** How much of a pack is reconstructed (core's reconstructionSummary); every pack and result carries it. */
const ReconstructionBase = z.object({
  standing: z.enum(['official', 'shaped-after', 'reconstructed', 'unmarked']),
  criteria: z.number().int(),
  reconstructed: z.number().int(),
  verified: z.number().int(),
  reconstructedCodes: z.array(z.string()),
  reconstructedBands: z.number().int(),
  reconstructedAdjustments: z.number().int(),
  basis: LocalTextBase.nullable(),
  text: LocalTextSchema,
})
// a registered schema made nullable loses its null in the 3.1 document: nullable uses the base
export const ReconstructionSchema = ReconstructionBase.openapi('Reconstruction', { description: 'how much of the pack is reconstructed, not official text: shown with every pack and every result' })

export const PackRefSchema = z.object({ id: z.string(), version: z.string() }).openapi('PackRef')
const PackRefHashSchema = z.object({ id: z.string(), version: z.string(), contentHash: z.string() })

export const PackSummarySchema = z
  .object({
    id: z.string(),
    version: z.string(),
    family: z.string().nullable(),
    appliesTo: z.array(z.string()).nullable(),
    effective: z.object({ from: z.string(), to: z.string().nullable() }).nullable(),
    title: LocalTextSchema,
    stored: z.boolean().openapi({ description: 'held by the province in the store' }),
    reconstruction: ReconstructionSchema,
  })
  .openapi('PackSummary')

export const PackDetailSchema = z
  .object({ id: z.string(), version: z.string(), title: LocalTextSchema, reconstruction: ReconstructionSchema, pack: z.record(z.string(), z.unknown()).openapi({ description: 'the pack JSON' }) })
  .openapi('PackDetail')

export const IssueSchema = z.object({ code: z.string(), path: z.array(z.union([z.string(), z.number()])), message: LocalTextSchema, value: z.unknown().optional() }).openapi('Issue')

export const ValidationSchema = z
  .object({
    ok: z.boolean(),
    issues: z.array(IssueSchema),
    pack: z.object({ id: z.string(), version: z.string(), title: LocalTextSchema, criteria: z.number().int(), reconstruction: ReconstructionSchema }).nullable(),
  })
  .openapi('PackValidation')

export const PackDiffSchema = z
  .object({
    from: z.object({ id: z.string(), version: z.string(), reconstruction: ReconstructionSchema }),
    to: z.object({ id: z.string(), version: z.string(), reconstruction: ReconstructionSchema }),
    changes: z.array(z.looseObject({ kind: z.string(), target: z.string(), scoring: z.boolean(), message: LocalTextSchema })),
  })
  .openapi('PackDiff')

export const UnitSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    parentId: z.string().optional(),
    validFrom: z.string().optional(),
    validTo: z.string().optional(),
    predecessors: z.array(z.string()).optional(),
    group: z.string().optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('Unit')

export const StoredUnitSchema = z.object({ unit: UnitSchema, version: z.number().int() }).openapi('StoredUnit')
export const UnitWithHistorySchema = z.object({ unit: UnitSchema, version: z.number().int(), history: z.array(StoredUnitSchema) }).openapi('UnitWithHistory')

const SubmissionSchema = z
  .object({
    version: z.number().int(),
    pack: PackRefSchema,
    fileHash: z.string().nullable(),
    assessmentHash: z.string(),
    assessment: z.record(z.string(), z.unknown()),
    recordedBy: z.string(),
    recordedAt: z.string(),
    rowId: z.number().int(),
  })
  .openapi('Submission')

const AppraisalSchema = z
  .object({
    version: z.number().int(),
    round: z.number().int(),
    reviewer: z.string(),
    at: z.string(),
    changes: z.array(z.object({ code: z.string(), points: z.union([z.string(), z.number()]), reason: z.string() })),
    recordedBy: z.string(),
    recordedAt: z.string(),
    rowId: z.number().int(),
  })
  .openapi('AppraisalRound')

export const AssessmentStateSchema = z
  .object({
    unitId: z.string(),
    period: z.string(),
    version: z.number().int().openapi({ description: 'name it as expectedVersion in the next write' }),
    pack: PackRefSchema,
    submission: SubmissionSchema,
    appraisals: z.array(AppraisalSchema),
    assessment: z.record(z.string(), z.unknown()),
    reconstruction: ReconstructionSchema,
  })
  .openapi('AssessmentState')

export const SubmissionsSchema = z.object({ unitId: z.string(), period: z.string(), submissions: z.array(SubmissionSchema) }).openapi('Submissions')
export const WriteResultSchema = z.object({ unitId: z.string(), period: z.string(), version: z.number().int(), unchanged: z.boolean(), round: z.number().int().optional() }).openapi('WriteResult')

export const SubmissionDiffSchema = z.looseObject({ from: z.number().int(), to: z.number().int() }).openapi('SubmissionDiff')

const BandSchema = z.object({ code: z.string(), label: LocalTextSchema }).nullable()

export const NodeResultSchema = z
  .object({
    code: z.string(),
    title: LocalTextSchema,
    depth: z.number().int(),
    points: ExactText,
    maxPoints: ExactText,
    applicableMax: ExactText,
    index: ExactText.nullable(),
    notApplicable: z.boolean(),
    bonus: ExactText,
    deduction: ExactText,
    reconstructed: z.boolean(),
    trace: z.looseObject({ code: z.string(), steps: z.array(z.string()) }).optional(),
  })
  .openapi('NodeResult')

export const UnitResultSchema = z
  .object({
    unitId: z.string(),
    period: z.string(),
    group: z.string(),
    pack: PackRefHashSchema,
    total: ExactText,
    applicableMax: ExactText,
    index: ExactText,
    band: BandSchema,
    rank: z.number().int().nullable(),
    groupSize: z.number().int().nullable(),
    fingerprint: z.string(),
    engineVersion: z.string(),
    flags: z.array(z.looseObject({ code: z.string(), criterion: z.string(), message: LocalTextSchema })),
    nodes: z.array(NodeResultSchema),
    text: z.string().optional().openapi({ description: 'the explanation as the CLI prints it (chiso explain), in the response language' }),
    reconstruction: ReconstructionSchema,
    stored: z.object({ resultId: z.number().int(), basedOnVersion: z.number().int(), recordedAt: z.string() }).nullable(),
  })
  .openapi('UnitResult')

export const RankingEntrySchema = z
  .object({
    unitId: z.string(),
    name: z.string(),
    rank: z.number().int().nullable(),
    groupSize: z.number().int(),
    index: z.string(),
    total: z.string(),
    band: BandSchema,
    componentRanks: z.record(z.string(), z.number()),
    fingerprint: z.string(),
    resultId: z.number().int(),
    basedOnVersion: z.number().int(),
    stale: z.boolean().optional(),
  })
  .openapi('RankingEntry')

const DecisionBase = z.object({ number: z.string(), date: z.string() })
const DecisionSchema = DecisionBase.openapi('Decision')

export const RankingSchema = z
  .object({
    period: z.string(),
    group: z.string(),
    status: z.enum(['published', 'provisional']),
    pack: PackRefHashSchema.nullable(),
    publication: z.object({ version: z.number().int(), decision: DecisionSchema, publishedBy: z.string(), publishedAt: z.string(), pack: PackRefHashSchema }).nullable(),
    entries: z.array(RankingEntrySchema),
    stale: z.array(z.string()),
    reconstruction: ReconstructionBase.nullable(),
  })
  .openapi('Ranking')

export const PublicationSchema = z
  .object({
    period: z.string(),
    group: z.string(),
    version: z.number().int(),
    decision: DecisionSchema,
    pack: PackRefHashSchema,
    entries: z.array(RankingEntrySchema),
    publishedBy: z.string(),
    publishedAt: z.string(),
    reconstruction: ReconstructionSchema,
  })
  .openapi('Publication')

export const PublicationListSchema = z.object({ publications: z.array(PublicationSchema.omit({ entries: true }).extend({ units: z.number().int() })) }).openapi('PublicationList')

export const ScoreResultSchema = z
  .object({
    period: z.string(),
    recorded: z.array(z.object({ unitId: z.string(), group: z.string(), index: z.string(), fingerprint: z.string(), basedOnVersion: z.number().int(), resultId: z.number().int() })),
    unchanged: z.number().int(),
  })
  .openapi('ScoreResult')

export const HistorySchema = z
  .object({
    unit: UnitSchema,
    lineage: z.object({
      predecessors: z.array(z.object({ unitId: z.string(), name: z.string(), distance: z.number().int() })),
      successors: z.array(z.object({ unitId: z.string(), name: z.string(), distance: z.number().int() })),
    }),
    years: z.looseObject({ unitId: z.string(), years: z.array(z.looseObject({ year: z.string() })), changes: z.array(z.looseObject({ text: LocalTextSchema })) }).nullable(),
    sources: z.array(z.object({ period: z.string(), group: z.string(), status: z.enum(['published', 'provisional']), decision: DecisionBase.nullable() })),
  })
  .openapi('UnitHistory')

export const ComparisonSchema = z
  .object({
    group: z.string(),
    periods: z.array(z.string()),
    units: z.array(z.looseObject({ unitId: z.string(), years: z.array(z.looseObject({ year: z.string() })), changes: z.array(z.looseObject({ text: LocalTextSchema })) })),
    sources: z.array(z.object({ period: z.string(), group: z.string(), status: z.enum(['published', 'provisional']), decision: DecisionBase.nullable() })),
  })
  .openapi('YearsComparison')

export const PlanSchema = z
  .looseObject({
    unitId: z.string(),
    period: z.string(),
    group: z.string(),
    pack: PackRefSchema,
    status: z.enum(['met', 'planned', 'unreachable']),
    text: LocalTextSchema,
    steps: z.array(z.looseObject({ code: z.string(), title: LocalTextSchema, from: ExactText, to: ExactText, gained: ExactText })),
    reconstruction: ReconstructionSchema,
  })
  .openapi('ImprovementPlan')

export const VerifySchema = z
  .object({
    ok: z.boolean(),
    checked: z.record(z.string(), z.unknown()),
    problems: z.array(z.looseObject({ code: z.string(), table: z.string().nullable().optional(), rowId: z.number().nullable().optional(), message: LocalTextSchema })),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  })
  .openapi('VerifyReport')

export const TokenSchema = z
  .object({
    token: z.string().openapi({ description: 'shown once: only its sha-256 is kept' }),
    role: z.enum(['admin', 'appraiser', 'unit']),
    name: z.string(),
    units: z.union([z.literal('all'), z.array(z.string())]),
    createdAt: z.string(),
  })
  .openapi('IssuedToken')

export const PrincipalSchema = z
  .object({ role: z.enum(['admin', 'appraiser', 'unit', 'anonymous']), name: z.string().nullable(), units: z.union([z.literal('all'), z.array(z.string())]) })
  .openapi('Principal')

export const ImportResultSchema = z
  .object({
    imported: z.array(z.object({ unitId: z.string(), period: z.string(), version: z.number().int(), fileHash: z.string() })),
    unchanged: z.array(z.object({ unitId: z.string(), period: z.string(), version: z.number().int(), fileHash: z.string() })),
  })
  .openapi('ImportResult')

export const HealthSchema = z.object({ ok: z.boolean(), driver: z.enum(['pglite', 'postgres']), schemaVersion: z.number().int(), province: z.string() }).openapi('Health')

// ---- request pieces

/** A unit id in a path. */
export const UnitIdParam = z
  .string()
  .min(1)
  .max(200)
  .openapi({ param: { name: 'unitId', in: 'path' }, example: 'xa-thach-ha' })
/** A period in a path. */
export const PeriodParam = z
  .string()
  .regex(/^[0-9A-Za-z._-]{1,50}$/)
  .openapi({ param: { name: 'period', in: 'path' }, example: '2024' })
/** A ranking group in a path. */
export const GroupParam = z
  .string()
  .min(1)
  .max(200)
  .openapi({ param: { name: 'group', in: 'path' }, example: 'xa' })
/** A pack id (percent-encode its "/": vn-cchc%2Fcommune-2019). */
export const PackIdParam = z
  .string()
  .min(1)
  .max(300)
  .openapi({
    param: { name: 'id', in: 'path' },
    example: 'vn-cchc/commune-2019',
    description: 'the pack id, its "/" percent-encoded (vn-cchc%2Fcommune-2019); a pack the service neither ships nor holds is 404 `unknown_pack`',
  })

const Version = z.number().int().min(0).max(1_000_000_000)
const JsonObject = z.record(z.string(), z.unknown())

export const SubmitBodySchema = z
  .object({
    pack: PackRefSchema.openapi({ description: 'the pack the assessment is filled in for; one the province does not hold is 422 `unknown_pack` (as for every pack named in a body or query)' }),
    assessment: JsonObject.openapi({
      description:
        "the self-assessment (core's AssessmentInput); its unitId and period must be the path's. Its `unit` and `group` are the unit catalog's (leave them out; another name, kind or group is 422 `unit_mismatch`); its `survey` is the province's: a submission that leaves it out keeps the survey held, whoever sends it; an administrator's explicit `survey` replaces it and `survey: null` clears it; a unit officer's naming other results than those held is 403 `survey_not_writable`",
    }),
    expectedVersion: Version.openapi({ description: 'the version of the assessment you saw (0 for the first submission)' }),
  })
  .strict()
  .openapi('SubmitRequest')

/**
 * Points as core reads them (a JSON number or a decimal text, "1.5"): "1,5" is a problem of
 * the request's shape (400 at its change's `points`), found with the round's other problems.
 */
const PointsSchema = z
  .union([z.string().max(100), z.number()])
  .superRefine((v, ctx) => {
    const r = DecimalSchema.safeParse(v)
    if (!r.success) for (const i of r.error.issues) ctx.addIssue({ ...(i as object), path: [...i.path] } as never)
  })
  .openapi({ description: 'a JSON number or a decimal text ("1.5")' })

export const AppraiseBodySchema = z
  .object({
    expectedVersion: Version.openapi({ description: 'the version of the assessment the appraiser saw' }),
    changes: z
      .array(z.object({ code: z.string().min(1).max(100), points: PointsSchema, reason: z.string().min(1).max(10_000) }))
      .min(1)
      .max(2000),
  })
  .strict()
  .openapi('AppraiseRequest')

export const WhatIfBodySchema = z
  .object({
    pack: z
      .object({ id: z.string().min(1).max(300), version: z.string().min(1).max(100).optional() })
      .openapi({ description: 'without `version`, the highest version (semver precedence) shipped or stored; an unknown pack is 422 `unknown_pack`' }),
    assessment: JsonObject,
    explain: z.boolean().optional(),
  })
  .strict()
  .openapi('WhatIfRequest')

export const PublishBodySchema = z
  .object({ decision: DecisionSchema, expectedVersion: Version.openapi({ description: 'the publication version you saw (0 for the first)' }) })
  .strict()
  .openapi('PublishRequest')

export const PutUnitsBodySchema = z
  .object({
    units: z
      .array(z.object({ unit: JsonObject, expectedVersion: Version }))
      .min(1)
      .max(10_000),
  })
  .strict()
  .openapi('PutUnitsRequest')

export const PutPacksBodySchema = z
  .object({ packs: z.array(JsonObject).min(1).max(100) })
  .strict()
  .openapi('PutPacksRequest')
export const PutPacksResultSchema = z
  .object({ added: z.array(z.object({ id: z.string(), version: z.string() })), unchanged: z.array(z.object({ id: z.string(), version: z.string() })) })
  .openapi('PutPacksResult')

export const ImportBodySchema = z
  .object({
    pack: PackRefSchema.openapi({ description: 'the pack of every item; one the province does not hold is 422 `unknown_pack`' }),
    items: z
      .array(
        z.object({
          assessment: JsonObject,
          fileHash: z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .optional(),
          expectedVersion: Version.optional().openapi({
            description: "the version of this unit's assessment the importer saw (a 409's `currentVersion`): the item is recorded as the next version if the store is still there",
          }),
        }),
      )
      .min(1)
      .max(20_000),
    onExisting: z.enum(['conflict', 'append']).optional().openapi({
      description:
        'an item without `expectedVersion` for a unit that already has a different submission: `conflict` (default) refuses the import with 409 and `currentVersion`, `append` records it as the next version',
    }),
  })
  .strict()
  .openapi('ImportRequest')

export const IssueTokenBodySchema = z
  .object({ role: z.enum(['admin', 'appraiser', 'unit']), name: z.string().min(1).max(200), units: z.union([z.literal('all'), z.array(z.string().min(1).max(200)).min(1).max(10_000)]).optional() })
  .strict()
  .openapi('IssueTokenRequest')
