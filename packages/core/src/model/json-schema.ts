/**
 * The JSON Schema pack authors point `"$schema"` at, generated from the same zod schemas
 * the engine validates with, with each registered rule kind's options spelled out.
 */
import * as z from 'zod/mini'
import { MAX_ITEMS, MAX_STRING_LENGTH } from '../util/limits.js'
import { CONDITION_OPERATORS } from '../rules/conditions.js'
import { defaultTables, kindSchemas, operatorNames, type PluginTables } from '../rules/registry.js'
import { PackSchema } from './schemas.js'

type JsonObject = { [k: string]: unknown }

function replaceRuleShapes(node: unknown, ruleSchema: JsonObject): void {
  if (node === null || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const x of node) replaceRuleShapes(x, ruleSchema)
    return
  }
  const obj = node as JsonObject
  const props = obj.properties as JsonObject | undefined
  if (props && typeof props === 'object' && 'rule' in props && 'maxPoints' in props) {
    props.rule = ruleSchema
  }
  for (const k of Object.keys(obj)) if (k !== 'rule') replaceRuleShapes(obj[k], ruleSchema)
}

/**
 * Lists an engine's operators where the schema lists the built-in ones (a fact condition's
 * `operator`), so an editor offers the custom ones too.
 */
function listOperators(node: unknown, operators: readonly string[]): void {
  if (node === null || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const x of node) listOperators(x, operators)
    return
  }
  const obj = node as JsonObject
  const op = (obj.properties as JsonObject | undefined)?.operator as JsonObject | undefined
  if (op && Array.isArray(op.enum) && op.enum.length === CONDITION_OPERATORS.length && op.enum.every((o, i) => o === CONDITION_OPERATORS[i])) op.enum = [...operators]
  for (const k of Object.keys(obj)) listOperators(obj[k], operators)
}

/**
 * States the input limits every string, array and object of a pack is held to (limits.ts,
 * checked before the schema) where the schema has no tighter bound of its own.
 */
function stateLimits(node: unknown): void {
  if (node === null || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const x of node) stateLimits(x)
    return
  }
  const obj = node as JsonObject
  // (a date has its length from its format, a closed object its keys from its properties)
  if (obj.type === 'string' && obj.maxLength === undefined && obj.format === undefined && obj.enum === undefined && obj.const === undefined) obj.maxLength = MAX_STRING_LENGTH
  if (obj.type === 'array' && obj.maxItems === undefined) obj.maxItems = MAX_ITEMS
  if (obj.type === 'object' && obj.maxProperties === undefined && obj.additionalProperties !== false) obj.maxProperties = MAX_ITEMS
  for (const k of Object.keys(obj)) stateLimits(obj[k])
}

/**
 * Returns the JSON Schema (draft 2020-12) of a rule pack for the default engine, including
 * every rule kind and operator it has at the time of the call (an engine of your own:
 * `engine.packJsonSchema()`). The same schema, with the built-in kinds only, ships as
 * `@chiso/core/pack.schema.json`.
 *
 * @example
 * ```ts
 * import { packJsonSchema } from '@chiso/core/schemas'
 * import { writeFileSync } from 'node:fs'
 * writeFileSync('pack.schema.json', JSON.stringify(packJsonSchema(), null, 2))
 * // in a pack: { "$schema": "./pack.schema.json", "id": "hatinh/commune", … }
 * ```
 */
export function packJsonSchema(): Record<string, unknown> {
  return packJsonSchemaOf(defaultTables())
}

/** The JSON Schema of a pack for an engine with these plug-ins. @internal */
export function packJsonSchemaOf(tables: PluginTables): Record<string, unknown> {
  const schema = z.toJSONSchema(PackSchema, { io: 'input', target: 'draft-2020-12', cycles: 'ref', reused: 'inline' }) as JsonObject
  const defs = (schema.$defs ??= {}) as JsonObject
  const kinds = kindSchemas(tables).map((s) => {
    const { $schema: _drop, $defs: kindDefs, ...rest } = z.toJSONSchema(s, { io: 'input', target: 'draft-2020-12', cycles: 'ref' }) as JsonObject
    // shared definitions (Condition) carry stable ids, so merging them is safe
    for (const [k, v] of Object.entries((kindDefs ?? {}) as JsonObject)) if (!(k in defs)) defs[k] = v
    return rest
  })
  const ruleSchema: JsonObject = {
    description: 'Scoring rule of a leaf; "kind" picks the rule kind',
    anyOf: kinds,
  }
  replaceRuleShapes(schema, ruleSchema)
  listOperators(schema, operatorNames(tables))
  stateLimits(schema)
  schema.title = 'chiso rule pack'
  schema.$id = 'https://chiso.dev/schema/pack.schema.json'
  return schema
}
