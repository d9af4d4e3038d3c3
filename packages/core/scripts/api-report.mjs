// The API report: each entry point's exported names, checked in as api/<entry>.txt so that
// a change of the public surface is a deliberate, reviewed diff.
//   node scripts/api-report.mjs            compare the source entries with api/*.txt
//   node scripts/api-report.mjs --write    rewrite api/*.txt from the source entries
//   node scripts/api-report.mjs --dist D   compare the built types in D (dist/*.d.ts, as
//                                          packed) with api/*.txt, and check that no
//                                          declaration tagged @internal in src/ is in them
// Exits non-zero on any difference. Run by test/api-report.test.ts and by
// scripts/check-tarballs.mjs (on the packed tarball).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const pkg = fileURLToPath(new URL('..', import.meta.url))
const pkgJson = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'))
/** entry name (api/<name>.txt) → source file */
const ENTRIES = { index: 'src/index.ts', plugin: 'src/plugin.ts', analysis: 'src/analysis/index.ts', schemas: 'src/schemas.ts' }

/** "kind name" for each export of each file, sorted */
function surface(files) {
  const program = ts.createProgram(Object.values(files), {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  })
  const checker = program.getTypeChecker()
  const out = {}
  for (const [entry, file] of Object.entries(files)) {
    const source = program.getSourceFile(file)
    if (!source) throw new Error(`api-report: cannot read ${file}`)
    const lines = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s
      const f = target.flags
      const kind =
        f & ts.SymbolFlags.Class
          ? 'class'
          : f & ts.SymbolFlags.Function
            ? 'function'
            : f & ts.SymbolFlags.Variable
              ? 'const'
              : f & ts.SymbolFlags.Interface
                ? 'interface'
                : f & ts.SymbolFlags.TypeAlias
                  ? 'type'
                  : f & ts.SymbolFlags.Enum
                    ? 'enum'
                    : 'other'
      return `${kind} ${s.name}`
    })
    out[entry] = lines.sort((a, b) => (a.split(' ')[1] < b.split(' ')[1] ? -1 : 1))
  }
  return out
}

/** qualified names (Name, or Container.member) of the declarations of some files, with a filter on their JSDoc */
function declarations(fileNames, keep) {
  const names = new Set()
  for (const f of fileNames) {
    const source = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true)
    const visit = (node, container) => {
      const name = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined
      const declaration = name !== undefined && (ts.isDeclarationStatement(node) || ts.isVariableDeclaration(node) || ts.isClassElement(node) || ts.isTypeElement(node))
      const here = declaration ? (container ? `${container}.${name}` : name) : undefined
      if (here && keep(node)) names.add(here)
      const inner = ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isModuleDeclaration(node) ? name : container
      ts.forEachChild(node, (child) => visit(child, inner))
    }
    visit(source, undefined)
  }
  return names
}

const isInternal = (node) => {
  const tagged = (n) => ts.getJSDocTags(n).some((t) => t.tagName.text === 'internal')
  // a variable's JSDoc sits on its statement
  return tagged(node) || (ts.isVariableDeclaration(node) && node.parent?.parent && tagged(node.parent.parent))
}

function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f))
}

function compare(actual) {
  const problems = []
  for (const entry of Object.keys(ENTRIES)) {
    const expected = readFileSync(join(pkg, 'api', `${entry}.txt`), 'utf8')
      .trim()
      .split('\n')
    const now = actual[entry]
    const added = now.filter((l) => !expected.includes(l))
    const removed = expected.filter((l) => !now.includes(l))
    if (added.length + removed.length > 0) problems.push(`api/${entry}.txt differs:${added.map((l) => `\n  + ${l}`).join('')}${removed.map((l) => `\n  - ${l}`).join('')}`)
  }
  return problems
}

const args = process.argv.slice(2)
if (args[0] === '--write') {
  for (const [entry, lines] of Object.entries(surface(Object.fromEntries(Object.entries(ENTRIES).map(([e, f]) => [e, join(pkg, f)]))))) {
    writeFileSync(join(pkg, 'api', `${entry}.txt`), `${lines.join('\n')}\n`)
  }
  console.log(`wrote api/{${Object.keys(ENTRIES).join(',')}}.txt`)
} else {
  const dist = args[0] === '--dist' ? args[1] : undefined
  let problems
  if (dist) {
    // the entries as package.json publishes them
    const files = Object.fromEntries(Object.keys(ENTRIES).map((e) => [e, join(dist, pkgJson.exports[e === 'index' ? '.' : `./${e}`].import.types.replace('./dist/', ''))]))
    problems = compare(surface(files))
    const internal = declarations(sourceFiles(join(pkg, 'src')), isInternal)
    const built = declarations(
      readdirSync(dist)
        .filter((f) => f.endsWith('.d.ts') || f.endsWith('.d.cts'))
        .map((f) => join(dist, f)),
      () => true,
    )
    const leaked = [...internal].filter((n) => built.has(n)).sort()
    if (leaked.length > 0) problems.push(`declarations tagged @internal are in the built types: ${leaked.join(', ')}`)
  } else {
    problems = compare(surface(Object.fromEntries(Object.entries(ENTRIES).map(([e, f]) => [e, join(pkg, f)]))))
  }
  if (problems.length > 0) {
    console.error(`API report:\n- ${problems.join('\n- ')}\n(a deliberate change: node packages/core/scripts/api-report.mjs --write, and commit api/*.txt)`)
    process.exit(1)
  }
  console.log(`API report: ${dist ? 'the built types match' : 'the source entries match'} api/*.txt${dist ? '; no @internal declaration in them' : ''}`)
}
