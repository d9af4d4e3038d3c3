// node bench/limits.mjs — the worst inputs the input limits still accept (docs/semantics.md,
// "Input limits"), timed: every limit at its edge at once, where exact arithmetic costs
// most. Not a test (no timed assertions anywhere); it prints one table. `--leaves=N` scores
// packs of N leaves instead of the most a pack may have; CHISO_CORE=path runs another
// build of @chiso/core (e.g. the one before the limits) on the same inputs.
import { performance } from 'node:perf_hooks'

const core = await import(process.env.CHISO_CORE ?? '@chiso/core')
const { compilePack, createRegistry, evaluate, evaluateBatch, safeCompilePack, safeEvaluate, Exact } = core
const LIMITS = core.INPUT_LIMITS ?? { criteria: 2000, significantDigits: 20, integerDigits: 20, fractionDigits: 30, depth: 64, values: 200_000, items: 10_000 }

const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt)
// one area holds the leaves: leaves + 1 criteria in all
const LEAVES = arg('leaves', LIMITS.criteria - 1)
const UNITS = arg('units', 20)

let seed = 0x2545f491n
/** a seeded 20-digit mantissa, odd and not a multiple of 5 (nothing cancels against 10^k) */
function mantissa() {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n
  let m = 10n ** 19n + (seed % (9n * 10n ** 19n))
  if (m % 2n === 0n) m += 1n
  if (m % 5n === 0n) m += 2n
  return m
}
/** a decimal text at the edge: 20 significant digits, its exponent as far as the limits go */
const tiny = (m) => `${m}e-${LIMITS.fractionDigits}`
const huge = (m) => `${m}e${LIMITS.integerDigits - LIMITS.significantDigits}`

const rows = []
function time(name, f) {
  const t = performance.now()
  let note
  try {
    note = f()
  } catch (e) {
    note = `threw ${e?.constructor?.name}: ${String(e?.message).split('\n')[0].slice(0, 60)}`
  }
  const ms = performance.now() - t
  rows.push({ case: name, ms: ms.toFixed(0), note: note ?? '' })
  console.error(`${name}: ${ms.toFixed(0)} ms ${note ?? ''}`)
}

const pack = (id, leaves, extra = {}) => ({
  id: `worst/${id}`,
  version: '1.0.0',
  title: id,
  criteria: [{ code: 'a', title: 'A', maxPoints: leaves.reduce((s, l) => s + l.maxPoints, 0), children: leaves }],
  ...extra,
})

// 1. ratio leaves reading facts at the digit limits: every leaf adds a new 20-digit factor
//    to the denominator of the sum, on top of a shared power of ten
const ratioLeaves = Array.from({ length: LEAVES }, (_, i) => ({ code: `r${i}`, title: 'r', maxPoints: 1, rule: { kind: 'ratio', numerator: `n${i}`, denominator: `d${i}` } }))
const ratioFacts = () => {
  const f = {}
  for (let i = 0; i < LEAVES; i++) {
    f[`n${i}`] = tiny(mantissa())
    f[`d${i}`] = huge(mantissa())
  }
  return f
}
let ratioPack
time(`compile: ${LEAVES} ratio leaves`, () => {
  ratioPack = compilePack(pack('ratio', ratioLeaves))
})
let result
const facts = ratioFacts()
time(`evaluate: ratio facts at the digit limits`, () => {
  result = evaluate(ratioPack, { unitId: 'u', period: '2024', facts })
  return `total has ${result.total.toString().length} characters`
})
let text
time('toJSON of that result', () => {
  text = JSON.stringify(result)
  return `${(text.length / 1e6).toFixed(2)} MB (input facts ${(JSON.stringify(facts).length / 1e6).toFixed(2)} MB)`
})
if (core.recalculate) {
  time('recalculate that record', () => {
    const registry = createRegistry([pack('ratio', ratioLeaves)])
    const r = core.recalculate(JSON.parse(text), { registry })
    return `identical: ${r.identical}`
  })
}
time(`batch: ${UNITS} such units, ranked`, () => {
  const units = Array.from({ length: UNITS }, (_, u) => ({ unitId: `u${u}`, period: '2024', facts: ratioFacts() }))
  return `${evaluateBatch(ratioPack, units).units.length} ranked`
})

// 2. self scores as fractions with distinct 20-digit denominators on manual leaves
const manualPack = compilePack(
  pack(
    'manual',
    Array.from({ length: LEAVES }, (_, i) => ({ code: `m${i}`, title: 'm', maxPoints: 1 })),
  ),
)
time('evaluate: self scores "1/q", 20-digit q, one per leaf', () => {
  const selfScores = {}
  for (let i = 0; i < LEAVES; i++) selfScores[`m${i}`] = `1/${mantissa()}`
  const r = evaluate(manualPack, { unitId: 'u', period: '2024', selfScores })
  return `total has ${r.total.toString().length} characters`
})

// 3. survey leaves whose answer counts are distinct large numbers
const surveyPack = compilePack(
  pack(
    'survey',
    Array.from({ length: LEAVES }, (_, i) => ({ code: `s${i}`, title: 's', maxPoints: 1, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: '0.6', C: 0 } } })),
  ),
)
time('evaluate: survey answers with distinct large counts', () => {
  const survey = {}
  for (let i = 0; i < LEAVES; i++) survey[`s${i}`] = { answers: { A: Number(mantissa() % 2n ** 52n), B: Number(mantissa() % 2n ** 52n), C: 1 } }
  const r = evaluate(surveyPack, { unitId: 'u', period: '2024', survey })
  return `total has ${r.total.toString().length} characters`
})

// 4. the largest assessment the limits accept: values up to the limit, strings at their length
time(`evaluate: an assessment of ${LIMITS.values} values`, () => {
  const f = {}
  const perFact = Math.ceil(LIMITS.values / LIMITS.items) - 2
  for (let i = 0; i < LIMITS.items - 1; i++) f[`x${i}`] = Array.from({ length: perFact }, (_, k) => k)
  const r = safeEvaluate(ratioPack, { unitId: 'u', period: '2024', facts: f })
  return r.ok ? 'scored' : `${r.issues.length} issue(s): ${r.issues[0].code}`
})

// 5. refused at once: nesting past the depth limit, a pack past the size limit
time('safeCompilePack: criteria nested 10,000 deep', () => {
  let c = { code: 'x', title: 't', maxPoints: 1 }
  for (let i = 0; i < 10_000; i++) c = { code: `c${i}`, title: 't', maxPoints: 1, children: [c] }
  const r = safeCompilePack({ id: 'p', version: '1.0.0', title: 'p', criteria: [c] })
  return r.ok ? 'accepted' : r.issues.map((i) => i.code).join(', ')
})
time('safeCompilePack: 50,000 leaves', () => {
  const r = safeCompilePack(
    pack(
      'big',
      Array.from({ length: 50_000 }, (_, i) => ({ code: `b${i}`, title: 'b', maxPoints: 1 })),
    ),
  )
  return r.ok ? 'accepted' : r.issues.map((i) => i.code).join(', ')
})

// 6. many versions of one pack: equal precedence found by key, not pair by pair
time('createRegistry: 10,000 versions of one pack', () => {
  const one = pack('versions', [{ code: 'v', title: 'v', maxPoints: 1 }])
  return `${createRegistry(Array.from({ length: 10_000 }, (_, i) => ({ ...one, version: `1.${i}.0` }))).list().length} packs`
})

console.log(`\nworst accepted inputs (leaves per pack: ${LEAVES}; Exact ${typeof Exact})`)
const w = [Math.max(...rows.map((r) => r.case.length)), 8]
for (const r of rows) console.log(`${r.case.padEnd(w[0])}  ${r.ms.padStart(w[1])} ms  ${r.note}`)
