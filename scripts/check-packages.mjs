// Checks the published packages' metadata against each other: every package ships the
// root LICENSE, names its repository directory, homepage and bug tracker, requires the
// same Node as the root, and depends on its sibling packages by a range that their
// current version satisfies (never "*"). Run by .ci/run; exits non-zero listing every problem.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const read = (path) => readFileSync(join(root, path), 'utf8')
const rootPkg = JSON.parse(read('package.json'))
const license = read('LICENSE')
const workspaces = rootPkg.workspaces.map((dir) => ({ dir, pkg: JSON.parse(read(join(dir, 'package.json'))) }))
const versions = new Map(workspaces.map(({ pkg }) => [pkg.name, pkg.version]))
const problems = []

/** `version` satisfies a caret range `^x.y.z` (the only form used between siblings) */
function caretSatisfies(range, version) {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range)
  if (!m) return false
  const want = m.slice(1).map(Number)
  const have = version.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    if (have[i] !== want[i]) {
      // ^0.y.z allows patches only; ^x.y.z (x > 0) allows minors and patches
      const firstFree = want[0] === 0 ? (want[1] === 0 ? 3 : 2) : 1
      return i >= firstFree && have[i] > want[i]
    }
  }
  return true
}

for (const { dir, pkg } of workspaces) {
  const where = `${dir}/package.json`
  if (pkg.engines?.node !== rootPkg.engines.node) problems.push(`${where}: engines.node is ${pkg.engines?.node}, the root says ${rootPkg.engines.node}`)
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!versions.has(name)) continue
      if (!caretSatisfies(range, versions.get(name))) problems.push(`${where}: ${field}.${name} is "${range}", not a caret range that ${name}@${versions.get(name)} satisfies`)
    }
  }
  if (pkg.private) continue
  if (pkg.license !== 'MIT') problems.push(`${where}: license is ${pkg.license}, not MIT`)
  let own
  try {
    own = read(join(dir, 'LICENSE'))
  } catch {
    own = undefined
  }
  if (own !== license) problems.push(`${dir}/LICENSE: ${own === undefined ? 'missing' : 'differs from the root LICENSE'}`)
  if (pkg.repository?.directory !== dir || pkg.repository?.url !== rootPkg.repository.url) problems.push(`${where}: repository must be ${rootPkg.repository.url} with directory "${dir}"`)
  if (typeof pkg.homepage !== 'string' || !pkg.homepage.includes(dir)) problems.push(`${where}: homepage must point at ${dir}`)
  if (pkg.bugs?.url !== rootPkg.bugs.url) problems.push(`${where}: bugs.url must be ${rootPkg.bugs.url}`)
}

if (problems.length > 0) {
  console.error(`package metadata:\n- ${problems.join('\n- ')}`)
  process.exit(1)
}
console.log(`package metadata: ${workspaces.length} workspaces agree (LICENSE, repository, engines ${rootPkg.engines.node}, sibling ranges)`)
