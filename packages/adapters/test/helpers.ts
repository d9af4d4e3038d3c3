import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { compilePack, type CompiledPack } from '@chiso/core'

export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
export const testPack = (): CompiledPack => compilePack(JSON.parse(readFileSync(fixture('pack-commune.json'), 'utf8')))
