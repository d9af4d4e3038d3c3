// The root README quotes what `npm run sample` (chiso sample --year 2024) prints: the
// departments' summary line is quoted exactly as the command prints it.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'

const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8')

describe("the root README's sample summary", () => {
  it('is a line chiso sample --year 2024 prints', async () => {
    const paragraph = readme.slice(readme.indexOf('`npm run sample` builds'))
    const quoted = /\("(\d\d\/\d\d sở đạt xuất sắc[^"]*)"\)/.exec(paragraph)?.[1]
    expect(quoted).toBeDefined()
    let out = ''
    const code = await run(['sample', '--year', '2024'], { cwd: process.cwd(), stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined } })
    expect(code).toBe(0)
    expect(out.split('\n')).toContain(quoted)
  }, 60_000)
})
