// Writes the pack JSON Schema shipped in the package (schema/pack.schema.json) from the
// built code, so the file always matches the zod schemas.
import { mkdirSync, writeFileSync } from 'node:fs'
import { packJsonSchema } from '../dist/index.js'

const out = new URL('../schema/', import.meta.url)
mkdirSync(out, { recursive: true })
writeFileSync(new URL('pack.schema.json', out), JSON.stringify(packJsonSchema(), null, 2) + '\n')
console.log('wrote schema/pack.schema.json')
