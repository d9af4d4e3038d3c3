// Checks what users install: packs every published package (`npm pack`, after a build)
// into a temporary directory and runs publint (package.json against the files) and
// @arethetypeswrong/cli (types resolve under node10, node16 CJS/ESM and bundler) on each
// tarball; then checks that @chiso/core's built types export what its API report says
// (packages/core/api/*.txt) and no declaration tagged @internal, and that
// @chiso/rules-vn-cchc ships its packs once, as packs/*.json, with no copy inlined into
// dist/. Run by .ci/run; exits non-zero on any problem.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = (name) => join(root, 'node_modules', '.bin', name)
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const published = rootPkg.workspaces.map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) })).filter(({ pkg }) => !pkg.private)
const tmp = mkdtempSync(join(tmpdir(), 'chiso-pack-'))
const problems = []

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' })
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` }
}

/** every string value in a JSON value */
function* strings(value) {
  if (typeof value === 'string') yield value
  else if (Array.isArray(value)) for (const v of value) yield* strings(v)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* strings(v)
}

try {
  for (const { dir, pkg } of published) {
    const packed = run('npm', ['pack', '--silent', '--pack-destination', tmp], join(root, dir))
    const tarball = join(tmp, packed.out.trim().split('\n').pop())
    if (!packed.ok) {
      problems.push(`${pkg.name}: npm pack failed\n${packed.out}`)
      continue
    }
    const publint = run(bin('publint'), ['run', tarball, '--strict', '--pack', 'false'], root)
    if (!publint.ok || !/All good/.test(publint.out)) problems.push(`${pkg.name}: publint reports problems\n${publint.out.trim()}`)
    // subpaths that export a JSON data file (a JSON Schema) have no types to check; the
    // legacy node10 resolution cannot see any subpath that is not a file at that path
    const dataEntries = Object.entries(pkg.exports ?? {})
      .filter(([key, target]) => key !== './package.json' && typeof target === 'string' && target.endsWith('.json'))
      .map(([key]) => key.slice(2))
    const attwArgs = [tarball, '--format', 'ascii', '--no-color', ...(dataEntries.length > 0 ? ['--exclude-entrypoints', ...dataEntries] : [])]
    const attw = run(bin('attw'), attwArgs, root)
    if (!attw.ok) problems.push(`${pkg.name}: @arethetypeswrong/cli reports problems\n${attw.out.trim()}`)
    else console.log(`${pkg.name}: publint and attw pass (${attwArgs.slice(4).join(' ') || 'every entry point'})`)

    if (pkg.name === '@chiso/core') {
      const unpacked = join(tmp, 'core')
      mkdirSync(unpacked)
      run('tar', ['-xzf', tarball, '-C', unpacked], root)
      const report = run(process.execPath, [join(root, dir, 'scripts', 'api-report.mjs'), '--dist', join(unpacked, 'package', 'dist')], root)
      if (!report.ok) problems.push(`${pkg.name}: ${report.out.trim()}`)
      else console.log(`${pkg.name}: ${report.out.trim()}`)
    }

    if (pkg.name === '@chiso/rules-vn-cchc') {
      const unpacked = join(tmp, 'rules-vn-cchc')
      mkdirSync(unpacked)
      run('tar', ['-xzf', tarball, '-C', unpacked], root)
      const packsDir = join(unpacked, 'package', 'packs')
      const distDir = join(unpacked, 'package', 'dist')
      // the builds escape non-ASCII text (\\xNN, \\uXXXX), quotes and newlines: compare unescaped
      const escapes = { n: '\n', t: '\t', r: '\r' }
      const unescapeJs = (text) =>
        text.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e) => (e.length > 1 ? String.fromCodePoint(Number.parseInt(e.replace(/[ux{}]/g, ''), 16)) : (escapes[e] ?? e)))
      const dist = readdirSync(distDir).map((f) => ({ f, text: unescapeJs(readFileSync(join(distDir, f), 'utf8')) }))
      const packFiles = readdirSync(packsDir).filter((f) => f.endsWith('.json'))
      if (packFiles.length === 0) problems.push(`${pkg.name}: the tarball has no packs/*.json`)
      for (const f of packFiles) {
        // the pack's longest text is unique to it: found in dist/, the pack was inlined
        const longest = [...strings(JSON.parse(readFileSync(join(packsDir, f), 'utf8')))].sort((a, b) => b.length - a.length)[0]
        const copies = dist.filter((d) => d.text.includes(longest))
        if (copies.length > 0) problems.push(`${pkg.name}: packs/${f} is also inlined into dist/${copies.map((c) => c.f).join(', dist/')}`)
      }
      if (!problems.some((p) => p.includes('inlined'))) console.log(`${pkg.name}: ${packFiles.length} packs ship once, as packs/*.json (none inlined into dist/)`)
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}

if (problems.length > 0) {
  console.error(`\npacked tarballs:\n- ${problems.join('\n- ')}`)
  process.exit(1)
}
console.log(`\npacked tarballs: ${published.map((p) => p.pkg.name).join(', ')} pass publint and attw`)
