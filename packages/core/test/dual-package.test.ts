/**
 * The ESM and CJS builds of the package, loaded side by side in one process, share one
 * default engine: a kind registered through one compiles packs through the other. Runs the
 * built files (`npm run build` first: `npm test` does) in a plain Node process, so that Node's
 * own loaders, not the test runner's, load both copies.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))

/** Runs an ES module script that has `cjs` and `esm` (the two builds) and `z` (zod) in scope; returns what it prints as JSON. */
function run(body: string, prelude = ''): unknown {
  for (const f of ['index.js', 'index.cjs', 'plugin.js', 'plugin.cjs', 'schemas.js', 'schemas.cjs']) if (!existsSync(`${dist}${f}`)) throw new Error(`${dist}${f} is missing: run npm run build first`)
  const script = `
    import { createRequire } from 'node:module'
    import { pathToFileURL } from 'node:url'
    ${prelude}
    const ENTRIES = ['index', 'plugin', 'schemas']
    const require = createRequire(${JSON.stringify(`${dist}index.cjs`)})
    // each build's entries (the root, /plugin, /schemas) share that build's chunks
    const cjs = Object.assign({}, ...ENTRIES.map((e) => require(${JSON.stringify(dist)} + e + '.cjs')))
    const esm = Object.assign({}, ...(await Promise.all(ENTRIES.map((e) => import(pathToFileURL(${JSON.stringify(dist)} + e + '.js').href)))))
    const { z } = require('zod')
    const out = await (async () => { ${body} })()
    process.stdout.write(JSON.stringify(out))
  `
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))
}

// a kind and a pack using it, in the scripts' own words
const KIND = `{
  kind: 'dual-at-least',
  schema: z.strictObject({ kind: z.literal('dual-at-least'), fact: z.string(), min: z.number() }),
  compile: (rule, ctx) => ({ facts: [rule.fact], compute: (f) => (typeof f[rule.fact] === 'number' ? { points: f[rule.fact] >= rule.min ? ctx.maxPoints : ctx.maxPoints.sub(ctx.maxPoints), branch: 'x' } : undefined) }),
}`
const PACK = `{ id: 'dual/pack', version: '1.0.0', title: 'D', criteria: [{ code: '1', title: 'T', maxPoints: 2, source: 'computed', rule: { kind: 'dual-at-least', fact: 'x', min: 3 } }, { code: '2', title: 'U', maxPoints: 1, source: 'computed', rule: { kind: 'conditions', branches: [{ when: { fact: 'y', operator: 'dualOdd', value: true }, points: 1 }] } }] }`
const ODD = `(v, want) => (typeof v === 'number' && Math.abs(v % 2) === 1) === want`

describe('one default engine for the ESM and CJS builds', () => {
  it('two copies: a kind registered through one, an operator added through the other, a pack compiled through either', () => {
    const out = run(`
      if (cjs.compilePack === esm.compilePack) throw new Error('one copy only: nothing is tested')
      cjs.registerRuleKind(${KIND})
      esm.defaultEngine().addOperator('dualOdd', ${ODD})
      const byEsm = esm.compilePack(${PACK})
      const byCjs = cjs.compilePack(${PACK})
      let twice
      try { esm.registerRuleKind(${KIND}) } catch (e) { twice = e.issues.map((i) => i.code) }
      return {
        kinds: [cjs.ruleKinds().includes('dual-at-least'), esm.ruleKinds().includes('dual-at-least')],
        operators: [cjs.defaultEngine().operators().includes('dualOdd'), esm.defaultEngine().operators().includes('dualOdd')],
        totals: [esm.evaluate(byEsm, { unitId: 'u', period: '1', facts: { x: 3, y: 5 } }).total.toString(), cjs.evaluate(byCjs, { unitId: 'u', period: '1', facts: { x: 2, y: 5 } }).total.toString()],
        enginesOwnCopy: [byEsm.engine === esm.defaultEngine(), byCjs.engine === cjs.defaultEngine()],
        twice,
        schema: JSON.stringify(cjs.packJsonSchema()).includes('dual-at-least'),
      }
    `)
    expect(out).toEqual({
      kinds: [true, true],
      operators: [true, true],
      totals: ['3', '1'],
      enginesOwnCopy: [true, true],
      twice: ['duplicate_rule_kind'],
      schema: true,
    })
  })

  it('a slot left by another version is not shared: each copy then keeps its own plug-ins', () => {
    const out = run(
      `
      cjs.registerRuleKind(${KIND})
      const r = esm.safeCompilePack(${PACK})
      return { cjs: cjs.ruleKinds().includes('dual-at-least'), esm: esm.ruleKinds().includes('dual-at-least'), esmIssues: r.ok ? [] : r.issues.map((i) => i.code), slotKinds: globalThis[Symbol.for('@chiso/core/default-engine')].kinds.size }
    `,
      `globalThis[Symbol.for('@chiso/core/default-engine')] = { version: '0.0.0-other', kinds: new Map(), operators: new Map() }`,
    )
    expect(out).toEqual({ cjs: true, esm: false, esmIssues: ['unknown_rule_kind', 'unknown_operator'], slotKinds: 0 })
  })

  it('an error thrown by one copy is a ChisoError of the other; a subclass stays its own', () => {
    const out = run(`
      if (cjs.ChisoError === esm.ChisoError) throw new Error('one copy only: nothing is tested')
      const caught = (f) => { try { f() } catch (e) { return e } }
      const byEsm = caught(() => esm.compilePack({}))
      const byCjs = caught(() => cjs.evaluate(null, {}))
      class Sub extends esm.ChisoError {}
      const sub = new Sub([])
      return {
        esmErrorIsCjs: byEsm instanceof cjs.ChisoError,
        cjsErrorIsEsm: byCjs instanceof esm.ChisoError,
        own: [byEsm instanceof esm.ChisoError, byCjs instanceof cjs.ChisoError],
        subIsBoth: [sub instanceof esm.ChisoError, sub instanceof cjs.ChisoError, sub instanceof Sub],
        plainIsSub: byCjs instanceof Sub,
        notErrors: [new Error('x') instanceof cjs.ChisoError, null instanceof esm.ChisoError, ({ issues: [] }) instanceof esm.ChisoError],
        // a safe function of one copy gives the issues of the other's error thrown in a callback
        safe: (() => {
          const pack = esm.compilePack({ id: 'd/p', version: '1.0.0', title: 'D', criteria: [{ code: '1', title: 'T', maxPoints: 1 }] })
          const r = esm.safeEvaluateBatch(pack, [{ unitId: 'u', period: '1' }], { onProgress: () => cjs.compilePack({ id: 'x' }) })
          return r.ok ? [] : r.issues.map((i) => i.code)
        })(),
      }
    `)
    expect(out).toEqual({
      esmErrorIsCjs: true,
      cjsErrorIsEsm: true,
      own: [true, true],
      subIsBoth: [true, true, true],
      plainIsSub: false,
      notErrors: [false, false, false],
      // { id: 'x' } lacks a version, a title and criteria: all three at once
      safe: ['missing_field', 'missing_field', 'missing_criteria'],
    })
  })
})
