/**
 * The TSDoc examples import what they use from where it is: every name an example's
 * `import { … } from '@chiso/core…'` takes is exported by that entry (the API report,
 * api/<entry>.txt, checked against the source by api-report.test.ts, is the list of each
 * entry's names). An example importing `bandFor` from '@chiso/core' when only
 * '@chiso/core/analysis' exports it fails here. Examples are not run: this checks their
 * imports, cheaply, for every example of every source file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { safeRunPackTests } from '@chiso/core/analysis'
import { vnCchc } from '@chiso/rules-vn-cchc'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SRC = join(ROOT, 'src')

/** entry specifier → its API report */
const ENTRIES: Record<string, string> = {
  '@chiso/core': 'index',
  '@chiso/core/plugin': 'plugin',
  '@chiso/core/analysis': 'analysis',
  '@chiso/core/schemas': 'schemas',
}

function exportsOf(entry: string): Set<string> {
  const lines = readFileSync(join(ROOT, 'api', `${ENTRIES[entry]}.txt`), 'utf8').split('\n')
  return new Set(lines.filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/).pop()!))
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** The ```ts blocks of a file's doc comments, their leading " * " taken off. */
function examples(text: string): string[] {
  const out: string[] = []
  for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const body = comment
      .split('\n')
      .map((l) => l.replace(/^\s*\/?\*\*?\/?\s?/, ''))
      .join('\n')
    for (const m of body.matchAll(/```ts\n([\s\S]*?)```/g)) out.push(m[1]!)
  }
  return out
}

/** `import { a, b as c, type T } from 'x'` → [x, [a, b, T]] for each import of a block */
function imports(code: string): { from: string; names: string[] }[] {
  return [...code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)].map((m) => ({
    from: m[2]!,
    names: m[1]!
      .split(',')
      .map(
        (n) =>
          n
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!,
      )
      .filter((n) => n !== ''),
  }))
}

const all = sources(SRC).flatMap((file) => examples(readFileSync(file, 'utf8')).map((code) => ({ file: relative(ROOT, file), code })))

describe('TSDoc examples', () => {
  test('there are examples to check', () => {
    expect(all.length).toBeGreaterThan(50)
  })

  test("each name an example imports from a core entry is that entry's export", () => {
    const exported = Object.fromEntries(Object.keys(ENTRIES).map((e) => [e, exportsOf(e)]))
    const wrong: string[] = []
    for (const { file, code } of all) {
      for (const { from, names } of imports(code)) {
        if (!from.startsWith('@chiso/core')) continue
        if (!(from in ENTRIES)) {
          wrong.push(`${file}: no entry ${from}`)
          continue
        }
        for (const n of names) if (!exported[from]!.has(n)) wrong.push(`${file}: ${n} is not exported by ${from}`)
      }
    }
    expect(wrong).toEqual([])
  })

  test('the check catches an import from the wrong entry', () => {
    const [found] = imports("import { bandFor } from '@chiso/core'\nbandFor(pack, x)")
    expect(found).toEqual({ from: '@chiso/core', names: ['bandFor'] })
    expect(exportsOf(found!.from).has('bandFor')).toBe(false)
    expect(exportsOf('@chiso/core/analysis').has('bandFor')).toBe(true)
  })

  test("safeRunPackTests's example case passes as written", () => {
    const doc = readFileSync(join(SRC, 'analysis', 'pack-tests.ts'), 'utf8')
    const example = examples(doc).find((c) => c.includes('safeRunPackTests(pack'))!
    const input = /safeRunPackTests\(pack, (\{[\s\S]*?\}\)\n)/.exec(example)![1]!.slice(0, -2)
    // the example's object literal, read as the JavaScript it is
    const file = new Function(`return (${input})`)() as unknown
    const r = safeRunPackTests(vnCchc.compile('vn-cchc/commune-2019'), file)
    expect(r.ok && r.value.cases.flatMap((c) => c.failures)).toEqual([])
  })
})
