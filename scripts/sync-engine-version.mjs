// After `changeset version` bumps @chiso/core, write its version into the engine constant
// that every fingerprint carries (a test holds the two equal).
import { readFileSync, writeFileSync } from 'node:fs'

const { version } = JSON.parse(readFileSync(new URL('../packages/core/package.json', import.meta.url), 'utf8'))
const file = new URL('../packages/core/src/engine/version.ts', import.meta.url)
writeFileSync(file, `/** The engine version, part of every fingerprint. Kept equal to package.json by a test. */\nexport const ENGINE_VERSION = '${version}'\n`)
console.log(`ENGINE_VERSION = ${version}`)
