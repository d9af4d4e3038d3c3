/**
 * A small JSON Schema validator for exactly the keywords @chiso/core's generated pack
 * schema uses (no JSON Schema library is installed). Shared by the core and rules-vn-cchc
 * tests; it throws on any keyword it does not know, so it cannot silently accept what it
 * does not understand.
 */
export type Schema = { [k: string]: unknown }
const KNOWN = new Set([
  '$schema',
  '$id',
  '$defs',
  'title',
  'description',
  'format',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'oneOf',
  'allOf',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'maxProperties',
  'propertyNames',
  '$ref',
  'id',
  'default',
])

function typeOk(t: string, v: unknown): boolean {
  switch (t) {
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v)
    case 'array':
      return Array.isArray(v)
    case 'string':
      return typeof v === 'string'
    case 'number':
      return typeof v === 'number' && Number.isFinite(v)
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v)
    case 'boolean':
      return typeof v === 'boolean'
    case 'null':
      return v === null
    default:
      throw new Error(`unknown type ${t}`)
  }
}

/** Returns the JSON pointers of every failure (empty = valid). */
export function validate(root: Schema, s: Schema | boolean, v: unknown, at = '#'): string[] {
  if (s === true) return []
  if (s === false) return [at]
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`validator does not know keyword ${k}`)
  const errs: string[] = []
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace(/^#\/\$defs\//, '')
    const def = (root.$defs as Record<string, Schema> | undefined)?.[name]
    if (!def) throw new Error(`unresolved $ref ${s.$ref}`)
    errs.push(...validate(root, def, v, at))
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]
    if (!types.some((t) => typeOk(t, v))) return [...errs, `${at}: type`]
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(v)) errs.push(`${at}: const`)
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) errs.push(`${at}: enum`)
  if (typeof v === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) errs.push(`${at}: pattern`)
    if (typeof s.minLength === 'number' && [...v].length < s.minLength) errs.push(`${at}: minLength`)
    if (typeof s.maxLength === 'number' && [...v].length > s.maxLength) errs.push(`${at}: maxLength`)
  }
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) errs.push(`${at}: minimum`)
    if (typeof s.maximum === 'number' && v > s.maximum) errs.push(`${at}: maximum`)
    if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) errs.push(`${at}: exclusiveMinimum`)
    if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) errs.push(`${at}: exclusiveMaximum`)
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) errs.push(`${at}: minItems`)
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) errs.push(`${at}: maxItems`)
    if (s.items !== undefined) v.forEach((x, i) => errs.push(...validate(root, s.items as Schema, x, `${at}/${i}`)))
  }
  if (typeOk('object', v)) {
    const o = v as Record<string, unknown>
    const props = (s.properties ?? {}) as Record<string, Schema>
    if (typeof s.maxProperties === 'number' && Object.keys(o).length > s.maxProperties) errs.push(`${at}: maxProperties`)
    for (const r of (s.required ?? []) as string[]) if (!(r in o)) errs.push(`${at}/${r}: required`)
    for (const [k, x] of Object.entries(o)) {
      if (k in props) errs.push(...validate(root, props[k]!, x, `${at}/${k}`))
      else if (s.additionalProperties !== undefined) errs.push(...validate(root, s.additionalProperties as Schema, x, `${at}/${k}`))
      if (s.propertyNames !== undefined) errs.push(...validate(root, s.propertyNames as Schema, k, `${at}/${k}(name)`))
    }
  }
  if (Array.isArray(s.anyOf) && !s.anyOf.some((b) => validate(root, b as Schema, v, at).length === 0)) errs.push(`${at}: anyOf`)
  if (Array.isArray(s.oneOf) && s.oneOf.filter((b) => validate(root, b as Schema, v, at).length === 0).length !== 1) errs.push(`${at}: oneOf`)
  if (Array.isArray(s.allOf)) for (const b of s.allOf) errs.push(...validate(root, b as Schema, v, at))
  return errs
}
