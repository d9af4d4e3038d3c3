/**
 * Pack-test files on disk: finding them (`*.test.yaml`, `*.test.yml`, `*.test.json`, beside
 * the packs they test) and reading them into the plain data `runPackTests` takes.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { ChisoIssue } from '@chiso/core'
import { isPair, isScalar, parseDocument, Scalar, visit, type Pair } from 'yaml'

/** A pack-test file's name: `<pack file base>.test.yaml` (or `.test.yml`, `.test.json`). */
export const PACK_TEST_FILE = /\.test\.(ya?ml|json)$/i

/** expectation fields holding numbers, kept as the text written ("0.10", "371/60") */
const NUMBER_FIELDS = new Set(['points', 'maxPoints', 'applicableMax', 'index', 'bonus', 'deduction', 'total'])

/**
 * Reads a pack-test file's text (YAML, or JSON for a `.json` file) into plain data, or the
 * problems that stop it, each with its line. YAML is read with its core schema (`yes`, a
 * date stay text) and with two safeguards for criterion codes and expected numbers: a key
 * is always the text written — `1.10:` is the code "1.10", not the number 1.1 — and an
 * expected number is the text written, so it is compared exactly as the file says.
 *
 * @example
 * ```ts
 * parsePackTestText('pack: vn-cchc/commune-2019\ncases: []\n', 'x.test.yaml').data // { pack: 'vn-cchc/commune-2019', cases: [] }
 * ```
 * @internal
 */
export function parsePackTestText(text: string, file: string): { data?: unknown; issues: ChisoIssue[] } {
  if (/\.json$/i.test(file)) {
    try {
      return { data: JSON.parse(text), issues: [] }
    } catch (e) {
      const m = (e as Error).message
      return { issues: [{ code: 'invalid_json', path: [], message: { vi: `${basename(file)} không phải JSON hợp lệ: ${m}`, en: `${basename(file)} is not valid JSON: ${m}` } }] }
    }
  }
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const at = e.linePos?.[0]
        const where = at ? `dòng ${at.line}, cột ${at.col}` : ''
        const whereEn = at ? `line ${at.line}, column ${at.col}` : ''
        const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
        const name = basename(file)
        return {
          code: 'invalid_yaml',
          path: [],
          value: at ? `${at.line}:${at.col}` : undefined,
          message: { vi: `${name}${where ? ` (${where})` : ''}: YAML không hợp lệ — ${msg}`, en: `${name}${whereEn ? ` (${whereEn})` : ''}: invalid YAML — ${msg}` },
        }
      }),
    }
  }
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'number' && pair.key.source !== undefined) pair.key = new Scalar(pair.key.source)
    },
    Scalar(_, node, path) {
      if (typeof node.value !== 'number' || node.type !== 'PLAIN' || node.source === undefined) return
      const owner = path[path.length - 1]
      if (!isPair(owner) || owner.value !== node || !underExpect(path)) return
      const key = keyText(owner)
      const grand = path[path.length - 3]
      if (NUMBER_FIELDS.has(key) || (isPair(grand) && keyText(grand) === 'nodes')) node.value = node.source
    },
  })
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), issues: [] }
  } catch (e) {
    const m = (e as Error).message
    return { issues: [{ code: 'invalid_yaml', path: [], message: { vi: `${basename(file)}: YAML không hợp lệ — ${m}`, en: `${basename(file)}: invalid YAML — ${m}` } }] }
  }
}

function keyText(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : ''
}

function underExpect(path: readonly unknown[]): boolean {
  return path.some((p) => isPair(p) && keyText(p as Pair) === 'expect')
}

/** Folders never searched: dependencies, version control, build output. */
const SKIPPED = new Set(['node_modules', 'dist', 'coverage'])

/**
 * The pack-test files and the pack JSON files under the given paths (files or folders,
 * searched recursively; hidden folders, `node_modules` and `dist` skipped), sorted.
 * @internal
 */
export async function findPackTestFiles(paths: readonly string[], cwd: string): Promise<{ tests: string[]; packs: string[]; missing: string[] }> {
  const tests = new Set<string>()
  const packs = new Set<string>()
  const missing: string[] = []
  const take = (file: string): void => {
    if (PACK_TEST_FILE.test(file)) tests.add(file)
    else if (/\.json$/i.test(file)) packs.add(file)
  }
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 20) return
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue
      const p = join(dir, e.name)
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) await walk(p, depth + 1)
      } else if (e.isFile()) take(p)
    }
  }
  for (const given of paths) {
    const p = resolve(cwd, given)
    const s = await stat(p).catch(() => undefined)
    if (!s) missing.push(given)
    else if (s.isDirectory()) await walk(p, 0)
    else take(p)
  }
  const sorted = (s: Set<string>): string[] => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return { tests: sorted(tests), packs: sorted(packs), missing }
}

/** The pack file a test file sits beside: `x.test.yaml` → `x.json`. @internal */
export function packFileBeside(testFile: string): string {
  return join(testFile, '..', basename(testFile).replace(PACK_TEST_FILE, '.json'))
}
