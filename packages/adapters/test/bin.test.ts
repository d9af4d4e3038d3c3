// Issue #11 item 3: `chiso` works from the clone as the README says. The bin is a small
// committed file (bin/chiso.js) that exists before anything is built, so npm links it on
// install; it runs the built CLI, or says to build first.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { run, sampleAssessments } from '../src/cli/index.js'
import { writeFilledWorkbook } from '../src/xlsx/index.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const shim = fileURLToPath(new URL('../bin/chiso.js', import.meta.url))

describe('the chiso executable', () => {
  it("npm links bin/chiso.js into the clone's node_modules/.bin, and npx chiso runs the built command", () => {
    const link = join(root, 'node_modules', '.bin', 'chiso')
    expect(existsSync(link), `${link} is missing: run npm install`).toBe(true)
    expect(realpathSync(link)).toBe(realpathSync(shim))
    const r = spawnSync('npx', ['--no-install', 'chiso', '--version'], { cwd: root, encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('0.1.0')
    const help = spawnSync(process.execPath, [shim, '--help'], { encoding: 'utf8' })
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: chiso')
  })

  it('before a build it says to build first, in both languages, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiso-bin-'))
    mkdirSync(join(dir, 'bin'))
    copyFileSync(shim, join(dir, 'bin', 'chiso.js'))
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'chiso.js'), '--help'], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('chiso chưa được build')
    expect(r.stderr).toContain('run "npm run build" at the root of the project')
  })
})

describe("the README's commands", () => {
  it('run as written (on sample forms for the years they name)', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    // the service's lines (a server that keeps running) are run by the service's own README test
    const section = readme.slice(readme.indexOf('## Use it from the command line'), readme.indexOf('## Run the service'))
    const lines = section
      .split('\n')
      .filter((l) => l.startsWith('npx chiso '))
      .map((l) =>
        l
          .replace(/\s+#.*$/, '')
          .slice('npx chiso '.length)
          .trim(),
      )
    expect(lines.length).toBeGreaterThanOrEqual(7)
    const dir = mkdtempSync(join(tmpdir(), 'chiso-readme-'))
    // ho-so/2022 … ho-so/2024: a few sample communes' forms of each year
    for (const year of [2022, 2023, 2024]) {
      const s = await sampleAssessments({ year, kind: 'commune' })
      if (!s.ok) throw new Error('no sample')
      const part = s.parts[0]!
      mkdirSync(join(dir, 'ho-so', String(year)), { recursive: true })
      for (const a of part.assessments.slice(0, 4)) writeFileSync(join(dir, 'ho-so', String(year), `${a.unitId}.xlsx`), await writeFilledWorkbook(part.pack, a))
    }
    for (const line of lines) {
      let out = ''
      const code = await run(line.split(/\s+/), { cwd: dir, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } })
      expect(code, `chiso ${line}\n${out.slice(0, 2000)}`).toBe(0)
    }
    expect(existsSync(join(dir, 'ket-qua-2024.xlsx'))).toBe(true)
  }, 120_000)
})
