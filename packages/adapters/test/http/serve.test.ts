// `chiso serve` as the README says: a fresh data folder, the sample province loaded on first
// start with three tokens printed, the README's curl lines run as written (only the port is
// the free one the test got), `chiso token` as written issuing a token the running server
// accepts, a clean stop on SIGTERM, and a restart that keeps the data and the tokens. On
// PostgreSQL (CHISO_TEST_DATABASE_URL) the same on a database of its own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { PG_URL } from './harness.js'

const root = fileURLToPath(new URL('../../../../', import.meta.url))
const main = join(root, 'packages/adapters/dist/cli/main.js')

const readme = readFileSync(join(root, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('## Run the service'), readme.indexOf('## Layout'))
const lines = (prefix: string) =>
  section
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.replace(/\s+#.*$/, '').trim())

interface Running {
  readonly child: ChildProcess
  readonly port: number
  readonly tokens: Record<string, string>
  output(): string
  stop(): Promise<number | null>
}

async function start(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [main, ...args], { cwd, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  const port = await new Promise<number>((done, fail) => {
    const tick = setInterval(() => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) {
        clearInterval(tick)
        done(Number(m[1]))
      }
    }, 100)
    void exited.then((code) => {
      clearInterval(tick)
      fail(new Error(`chiso serve exited with ${code}\n${out}\n${err}`))
    })
  })
  const tokens = Object.fromEntries([...out.matchAll(/^\s+(\w+_TOKEN)=(chiso_\S+)/gm)].map((m) => [m[1]!, m[2]!]))
  return {
    child,
    port,
    tokens,
    output: () => out + err,
    async stop() {
      child.kill('SIGTERM')
      return exited
    },
  }
}

/** a README line through bash, with the tokens in the environment and the test's port */
function sh(line: string, port: number, env: Record<string, string>, cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', line.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`)], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function checkCurls(port: number, tokens: Record<string, string>, cwd: string): void {
  const curls = lines('curl ')
  expect(curls.length).toBe(3)
  const [pubs, published, latest] = curls.map((l) => sh(l, port, tokens, cwd))
  for (const r of [pubs, published, latest]) expect(r!.code, r!.stderr).toBe(0)
  const list = JSON.parse(pubs!.stdout)
  expect(list.publications.map((p: { period: string; group: string }) => `${p.period}/${p.group}`)).toContain('2024/xa')
  const ranking = JSON.parse(published!.stdout)
  expect(ranking.status).toBe('published')
  expect(ranking.entries.length).toBeGreaterThan(10)
  expect(ranking.reconstruction.text.vi).toContain('tái dựng')
  const provisional = JSON.parse(latest!.stdout)
  expect(provisional.status).toBe('provisional')
  expect(provisional.entries[0].rank).toBe(1)
}

describe('chiso serve, as the README says', () => {
  test('first start loads the sample and prints tokens; the README calls answer; chiso token works on the running server; SIGTERM stops it; a restart keeps everything', async () => {
    expect(existsSync(main), 'build first: npm run build').toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'chiso-serve-'))
    try {
      const [serveLine] = lines('npx chiso serve')
      expect(serveLine).toBe('npx chiso serve')
      // the README's line, on a free port instead of 8787
      const first = await start([...serveLine!.split(' ').slice(2), '--port', '0'], dir)
      expect(Object.keys(first.tokens).sort()).toEqual(['ADMIN_TOKEN', 'APPRAISER_TOKEN', 'UNIT_TOKEN'])
      expect(first.output()).toContain('dữ liệu mẫu')
      checkCurls(first.port, first.tokens, dir)
      // the dashboard is served beside the API: pages in HTML, API paths in problem+json
      const home = await fetch(`http://127.0.0.1:${first.port}/`)
      expect(home.status).toBe(200)
      expect(home.headers.get('content-type')).toContain('text/html')
      const html = await home.text()
      expect(html).toContain('<html lang="vi"')
      expect(html).toContain('Tỉnh Hồng Lam')
      const page404 = await fetch(`http://127.0.0.1:${first.port}/khong-co-trang-nay`)
      expect(page404.status).toBe(404)
      expect(page404.headers.get('content-type')).toContain('text/html')
      const api404 = await fetch(`http://127.0.0.1:${first.port}/api/khong-co`)
      expect(api404.status).toBe(404)
      expect(api404.headers.get('content-type')).toContain('application/problem+json')

      const [tokenLine] = lines('npx chiso token')
      const issued = sh(tokenLine!.replace(/^npx chiso /, `${JSON.stringify(process.execPath)} ${JSON.stringify(main)} `), first.port, {}, dir)
      expect(issued.code, issued.stderr).toBe(0)
      const unitToken = issued.stdout.trim()
      expect(unitToken).toMatch(/^chiso_[A-Za-z0-9_-]{43}$/)
      // the token file holds hashes, never a token
      const file = readFileSync(join(dir, 'chiso-data', 'tokens.json'), 'utf8')
      expect(file).not.toContain(unitToken)
      expect(file).not.toContain(first.tokens.ADMIN_TOKEN!)
      await new Promise((r) => setTimeout(r, 1100))
      const me = sh(`curl -s -H "Authorization: Bearer ${unitToken}" http://127.0.0.1:8787/api/me`, first.port, {}, dir)
      expect(JSON.parse(me.stdout)).toEqual({ role: 'unit', name: 'Cán bộ xã Yến Trung', units: ['xa-yen-trung-2025'] })

      expect(await first.stop()).toBe(0)
      expect(first.output()).toContain('Đã dừng.')

      const second = await start(['serve', '--port', '0'], dir)
      expect(second.tokens).toEqual({})
      expect(second.output()).not.toContain('Đang nạp tỉnh mẫu')
      checkCurls(second.port, first.tokens, dir)
      expect(await second.stop()).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)

  test.runIf(PG_URL)(
    'on PostgreSQL (--database-url): the same calls answer',
    async () => {
      const db = `chiso_http_serve_${process.pid}`
      const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
      admin.on('error', () => {})
      await admin.query(`drop database if exists ${db}`)
      await admin.query(`create database ${db}`)
      const url = new URL(PG_URL!)
      url.pathname = `/${db}`
      const dir = mkdtempSync(join(tmpdir(), 'chiso-serve-pg-'))
      try {
        const s = await start(['serve', '--port', '0', '--database-url', url.toString()], dir)
        expect(s.output()).toContain('Đang nạp tỉnh mẫu')
        checkCurls(s.port, s.tokens, dir)
        expect(await s.stop()).toBe(0)
      } finally {
        rmSync(dir, { recursive: true, force: true })
        await admin.query(`drop database if exists ${db} with (force)`).catch(() => {})
        await admin.end()
      }
    },
    300_000,
  )
})
