// Writes the pack JSON Schema shipped in the package (schema/pack.schema.json) from the
// built code, so the file always matches the zod schemas.
import { mkdirSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { EditionMappingSchema, packJsonSchema } from '../dist/schemas.js'

const out = new URL('../schema/', import.meta.url)
mkdirSync(out, { recursive: true })
writeFileSync(new URL('pack.schema.json', out), JSON.stringify(packJsonSchema(), null, 2) + '\n')
// the edition mappings of methodologyImpact, for the editor of a mapping file
const mapping = z.toJSONSchema(EditionMappingSchema, { io: 'input', target: 'draft-2020-12' })
mapping.title = 'chiso edition mapping'
mapping.$id = 'https://chiso.dev/schema/mapping.schema.json'
writeFileSync(new URL('mapping.schema.json', out), JSON.stringify(mapping, null, 2) + '\n')
console.log('wrote schema/pack.schema.json, schema/mapping.schema.json')
