/**
 * @chiso/core/schemas — the zod schemas (built with zod/mini) every input passes through,
 * and the JSON Schema of a rule pack generated from them. The same schemas ship as JSON
 * files: `@chiso/core/pack.schema.json` and `@chiso/core/mapping.schema.json`.
 *
 * @example
 * ```ts
 * import { PackSchema } from '@chiso/core/schemas'
 * PackSchema.safeParse(JSON.parse(text)).success
 * ```
 *
 * @packageDocumentation
 */
export {
  PackSchema,
  AssessmentSchema,
  UnitSchema,
  CriterionSchema,
  EvidenceSchema,
  ConditionSchema,
  AdjustmentSchema,
  BandSchema,
  DecimalSchema,
  TextSchema,
  type FactConditionInput,
  type PackInput,
  type AssessmentInput,
  type Assessment,
  type UnitInput,
  type EvidenceInput,
  type CriterionInput,
  type ConditionInput,
  type DecimalInput,
  type Text,
} from './model/schemas.js'
export { PatchSchema, type PatchInput } from './model/compose.js'
export { ResultRecordSchema, type ResultRecord } from './time/records.js'
export { PackTestFileSchema, PackTestCaseSchema, type PackTestFileInput, type PackTestCaseInput } from './analysis/pack-test-schema.js'
export { EditionMappingSchema, MappingLineSchema, type EditionMappingInput } from './analysis/mapping.js'
export { packJsonSchema } from './model/json-schema.js'
export { issuesFromZod } from './model/zod-issues.js'
