// The W4 pack (workload-w4.mjs w4Pack(): vn-cchc/commune-2019 with two not-applicable
// parts) as json-rules-engine rules, written the way a json-rules-engine user would, and run
// the way its users run it: one engine, `await engine.run(facts)` per unit, then the events
// turned into node points, the index, bands and ranks in plain JavaScript (doubles).
//
// The rules are made from the pack's JSON once (60-odd leaves: a user translates the sheet
// with a loop, as bench/jre.mjs does for W1). What is a rule and what is event handling:
// - Leaves decided by facts are rules whose events carry the points: one rule per outcome
//   (a choice's option, a boolean's true and false, a step's band as a range, a conditions
//   branch as `all: [branch, not: earlier branches]`), including the outcomes worth 0, since
//   a leaf its facts decide ignores the unit's self score. Ratios and counts are computed
//   facts with parameters (`ratioPoints`, `countPoints`) read back from the almanac, as
//   bench/jre.mjs reads its ratio fact.
// - Survey leaves: a computed fact `surveyPoints` (answer counts × the leaf's weights ÷ the
//   answers, × the leaf's maximum; points given as such are taken as they are) and one rule
//   per leaf whose event names it.
// - Evidence: a computed fact `documents` (distinct documents listing a criterion, from the
//   run's `evidence` fact) and a rule per criterion that requires evidence, `documents <
//   minimum` → event `evidence-missing`; the pack's policy ("zero") is applied to the event.
// - Not-applicable parts: a rule per applicability condition, `not: condition` → event
//   `not-applicable`; the part and everything under it then count 0 of 0.
// - Adjustments: a rule each (a per-item amount on `fact > 0`, a fixed one on its `when`, an
//   entered one on the computed fact `entered` > 0), the event carrying the amount and cap.
// - Appraisals are a reviewer's decisions, not rules: after the run, the latest round's
//   points replace the leaf's (over the evidence policy), as the hand-written baseline does.
// - Self scores (leaves no fact decides: manual ones, or facts absent) are read after the
//   run, for the leaves no event scored.
// - The tree (sums, applicable maxima, adjustment and node caps, the clamp to [min(floor,
//   max), max]), the index (points ÷ applicable max × scale, rounded half-up to the pack's
//   decimals with the same 1e-9 nudge as handwritten-w4.mjs), bands and competition ranks
//   per group are plain JavaScript after the runs: json-rules-engine has no aggregation.
// Numbers are doubles, summed in the pack's order as handwritten-w4.mjs sums them, so the
// published (rounded) index, band and rank agree with chiso on every W4 unit (checked by
// `node bench/jre-w4.mjs` and by bench/run.mjs --workload=W4).
import { Engine } from 'json-rules-engine'

const own = Object.prototype.hasOwnProperty

/** the engine and the pack's tree (post-order, root last) for one pack */
export function buildEngine(pack) {
  const engine = new Engine([], { allowUndefinedFacts: true })
  const nodes = []
  const points = (code, pts) => ({ type: 'points', params: { code, points: pts } })
  const rule = (conditions, event) => engine.addRule({ conditions, event })

  engine.addFact('ratioPoints', async ({ numerator, denominator, max }, almanac) => {
    const n = await almanac.factValue(numerator)
    const d = await almanac.factValue(denominator)
    return n >= d ? max : (n / d) * max
  })
  engine.addFact('countPoints', async ({ fact, each, cap }, almanac) => {
    const p = (await almanac.factValue(fact)) * each
    return p < 0 ? 0 : p > cap ? cap : p
  })
  const weights = new Map()
  engine.addFact('surveyPoints', async ({ code }, almanac) => {
    const s = (await almanac.factValue('survey'))?.[code]
    if (s === undefined) return 0
    if ('points' in s) return Number(s.points)
    const { w, max } = weights.get(code)
    let total = 0
    let weighted = 0
    for (const k in s.answers) {
      total += s.answers[k]
      weighted += (w[k] ?? 0) * s.answers[k]
    }
    return total === 0 ? 0 : (weighted / total) * max
  })
  engine.addFact('documents', async ({ criterion }, almanac) => {
    const seen = []
    for (const e of (await almanac.factValue('evidence')) ?? []) if (e.criteria.includes(criterion) && !seen.includes(e.id)) seen.push(e.id)
    return seen.length
  })
  engine.addFact('entered', async ({ id }, almanac) => {
    const entered = await almanac.factValue('enteredAdjustments')
    return entered && own.call(entered, id) ? Number(entered[id]) : 0
  })

  const leafRules = (c, max) => {
    const code = c.code
    const r = c.rule
    if (c.source === 'survey') {
      weights.set(code, { w: Object.fromEntries(Object.entries(r.weights).map(([k, v]) => [k, Number(v)])), max })
      rule({ all: [{ fact: 'surveyPoints', params: { code }, operator: 'greaterThanInclusive', value: 0 }] }, { type: 'survey', params: { code } })
      return
    }
    switch (r.kind) {
      case 'manual':
        return
      case 'boolean':
        rule({ all: [{ fact: r.fact, operator: 'equal', value: true }] }, points(code, Number(r.points ?? max)))
        rule({ all: [{ fact: r.fact, operator: 'equal', value: false }] }, points(code, 0))
        return
      case 'choice':
        for (const o of r.options) rule({ all: [{ fact: r.fact, operator: 'equal', value: o.value }] }, points(code, Number(o.points)))
        return
      case 'steps': {
        // a band per step, from its minimum up to the step above it
        const steps = r.steps.map((s) => ({ min: Number(s.min), ex: s.minExclusive === true, pts: Number(s.points) })).sort((a, b) => b.min - a.min || Number(b.ex) - Number(a.ex))
        let above
        for (const s of steps) {
          const all = [{ fact: r.fact, operator: s.ex ? 'greaterThan' : 'greaterThanInclusive', value: s.min }]
          if (above) all.push({ fact: r.fact, operator: above.ex ? 'lessThanInclusive' : 'lessThan', value: above.min })
          rule({ all }, points(code, s.pts))
          above = s
        }
        rule({ all: [{ fact: r.fact, operator: above.ex ? 'lessThanInclusive' : 'lessThan', value: above.min }] }, points(code, Number(r.otherwise ?? 0)))
        return
      }
      case 'ratio': {
        const params = { numerator: r.numerator, denominator: r.denominator, max }
        rule(
          {
            all: [
              { fact: r.denominator, operator: 'equal', value: 0 },
              { fact: r.numerator, operator: 'greaterThanInclusive', value: 0 },
            ],
          },
          points(code, r.whenZeroDenominator === 'zero' ? 0 : max),
        )
        rule(
          {
            all: [
              { fact: r.denominator, operator: 'greaterThan', value: 0 },
              { fact: r.numerator, operator: 'greaterThanInclusive', value: 0 },
            ],
          },
          { type: 'computed', params: { code, fact: 'ratioPoints', factParams: params } },
        )
        return
      }
      case 'count': {
        const params = { fact: r.fact, each: Number(r.pointsEach), cap: Number(r.cap ?? max) }
        rule({ all: [{ fact: r.fact, operator: 'greaterThanInclusive', value: 0 }] }, { type: 'computed', params: { code, fact: 'countPoints', factParams: params } })
        return
      }
      case 'conditions': {
        const earlier = []
        for (const b of r.branches) {
          const all = [b.when, ...earlier.map((w) => ({ not: w }))]
          rule({ all }, points(code, Number(b.points)))
          earlier.push(b.when)
        }
        rule({ all: earlier.map((w) => ({ not: w })).concat([{ any: factsOf(r.branches).map((f) => ({ fact: f, operator: 'notEqual', value: undefined })) }]) }, points(code, Number(r.otherwise ?? 0)))
        return
      }
      default:
        throw new Error(`rule kind ${r.kind} not written for this baseline`)
    }
  }

  const walk = (c) => {
    const kids = (c.children ?? []).map(walk)
    const max = Number(c.maxPoints)
    const node = { code: c.code, max, children: kids, parent: -1, leaf: kids.length === 0, survey: c.source === 'survey', floor: Number(c.floor ?? 0) }
    node.capBonus = Number(c.adjustmentCaps?.bonus ?? Infinity)
    node.capDeduction = Number(c.adjustmentCaps?.deduction ?? Infinity)
    if (node.leaf) leafRules(c, max)
    if (c.evidence?.required === true) {
      rule({ all: [{ fact: 'documents', params: { criterion: c.code }, operator: 'lessThan', value: c.evidence.minDocuments ?? 1 }] }, { type: 'evidence-missing', params: { code: c.code } })
    }
    if (c.applicability) rule({ not: c.applicability }, { type: 'not-applicable', params: { code: c.code } })
    nodes.push(node)
    const i = nodes.length - 1
    for (const k of kids) nodes[k].parent = i
    return i
  }
  const top = pack.criteria.map(walk)
  const rootMax = pack.scale === undefined ? top.reduce((s, k) => s + nodes[k].max, 0) : Number(pack.scale)
  nodes.push({
    code: '',
    max: rootMax,
    children: top,
    parent: -1,
    leaf: false,
    floor: Number(pack.floor ?? 0),
    capBonus: Number(pack.adjustmentCaps?.bonus ?? Infinity),
    capDeduction: Number(pack.adjustmentCaps?.deduction ?? Infinity),
  })
  const root = nodes.length - 1
  for (const k of top) nodes[k].parent = root

  for (const a of pack.adjustments ?? []) {
    const params = { id: a.id, target: a.target ?? '', bonus: a.type === 'bonus', cap: a.cap === undefined ? Infinity : Number(a.cap) }
    const amount = a.amount
    if (amount.kind === 'per') rule({ all: [{ fact: amount.fact, operator: 'greaterThan', value: 0 }] }, { type: 'adjustment', params: { ...params, fact: amount.fact, each: Number(amount.points) } })
    else if (amount.kind === 'entered') rule({ all: [{ fact: 'entered', params: { id: a.id }, operator: 'greaterThan', value: 0 }] }, { type: 'adjustment', params: { ...params, entered: true } })
    else rule({ all: amount.when ? [amount.when] : [] }, { type: 'adjustment', params: { ...params, points: Number(amount.points) } })
  }

  const decimals = pack.rounding?.index?.decimals
  if ((pack.rounding?.index?.mode ?? 'half-up') !== 'half-up') throw new Error('only half-up index rounding is written for this baseline')
  const unit = decimals === undefined ? 1e9 : 10 ** decimals
  const bands = [...(pack.bands ?? [])].map((b) => ({ code: b.code, min: Math.round(Number(b.min) * unit), ex: b.minExclusive === true })).sort((x, y) => y.min - x.min)
  return {
    engine,
    nodes,
    root,
    byCode: new Map(nodes.map((n, i) => [n.code, i])),
    points: pack.index?.kind === 'points',
    scale: Number(pack.index?.scale ?? 100),
    unit,
    bands,
    evidencePolicy: pack.evidencePolicy?.missing ?? 'zero',
  }
}

/** the facts a conditions rule reads (its otherwise applies only when one of them is given) */
function factsOf(branches) {
  const out = new Set()
  const visit = (c) => {
    if (c.all) c.all.forEach(visit)
    else if (c.any) c.any.forEach(visit)
    else if (c.not) visit(c.not)
    else out.add(c.fact)
  }
  for (const b of branches) visit(b.when)
  return [...out]
}

/** one unit: `await engine.run(facts)`, then its events into points; the index in published units (hundredths) */
export async function scoreUnit(w, a) {
  const facts = { ...a.facts, evidence: a.evidence ?? [], survey: a.survey ?? {}, enteredAdjustments: a.adjustments ?? {} }
  const { events, almanac } = await w.engine.run(facts)
  const { nodes, byCode } = w
  const n = nodes.length
  const scored = new Map()
  const na = new Uint8Array(n)
  const missing = new Set()
  const adjustments = []
  for (const e of events) {
    const p = e.params
    switch (e.type) {
      case 'points':
        scored.set(p.code, p.points)
        break
      case 'computed':
        scored.set(p.code, await almanac.factValue(p.fact, p.factParams))
        break
      case 'survey':
        scored.set(p.code, await almanac.factValue('surveyPoints', { code: p.code }))
        break
      case 'evidence-missing':
        missing.add(p.code)
        break
      case 'not-applicable':
        na[byCode.get(p.code)] = 1
        break
      case 'adjustment': {
        const amount = p.entered ? await almanac.factValue('entered', { id: p.id }) : p.fact !== undefined ? (await almanac.factValue(p.fact)) * p.each : p.points
        adjustments.push({ node: byCode.get(p.target), bonus: p.bonus, amount: Math.min(amount, p.cap) })
        break
      }
    }
  }
  // appraisals: the latest round wins
  let appraised
  if (a.appraisals && a.appraisals.length > 0) {
    appraised = new Map()
    for (const r of [...a.appraisals].sort((x, y) => x.round - y.round)) for (const c of r.changes) appraised.set(c.code, Number(c.points))
  }
  // not applicable: a part under one is too (parents come after their children)
  let anyNa = false
  for (let i = n - 2; i >= 0; i--) {
    if (na[nodes[i].parent] === 1) na[i] = 1
    if (na[i] === 1) anyNa = true
  }
  const self = a.selfScores ?? {}
  const points = new Float64Array(n)
  const appMax = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const node = nodes[i]
    if (na[i] === 1) continue
    let pts
    let max = node.max
    if (node.leaf) {
      const s = scored.get(node.code)
      if (node.survey) pts = s
      else {
        pts = s !== undefined ? s : own.call(self, node.code) ? Number(self[node.code]) : 0
        if (w.evidencePolicy === 'zero' && missing.has(node.code)) pts = 0
        const ap = appraised?.get(node.code)
        if (ap !== undefined) pts = ap
      }
    } else {
      pts = 0
      let m = 0
      for (const k of node.children) {
        pts += points[k]
        m += appMax[k]
      }
      if (anyNa) max = m
    }
    let b = 0
    let d = 0
    let adjusted = false
    for (const adj of adjustments) {
      if (adj.node !== i) continue
      adjusted = true
      if (adj.bonus) b += adj.amount
      else d += adj.amount
    }
    if (adjusted) pts += Math.min(b, node.capBonus) - Math.min(d, node.capDeduction)
    const lo = Math.min(node.floor, max)
    points[i] = pts > max ? max : pts < lo ? lo : pts
    appMax[i] = max
  }
  const m = appMax[w.root]
  const raw = w.points ? points[w.root] : m === 0 ? 0 : (points[w.root] / m) * w.scale
  return Math.floor(raw * w.unit + 0.5 + 1e-9)
}

/** the units one after the other: published index (integer units), band, competition rank per group */
export async function scoreAll(w, assessments) {
  const count = assessments.length
  const index = new Int32Array(count)
  for (let i = 0; i < count; i++) index[i] = await scoreUnit(w, assessments[i])
  return { index, band: bandsOf(w, index), rank: ranksOf(index, assessments) }
}

/** the band code of each published index (integer units) */
export function bandsOf(w, index) {
  return Array.from(index, (v) => w.bands.find((b) => v > b.min || (v === b.min && !b.ex))?.code)
}

/** competition ranks per group (`assessments[i].group`) of published indexes */
export function ranksOf(index, assessments) {
  const groups = new Map()
  for (let i = 0; i < index.length; i++) {
    const g = assessments[i].group
    if (!groups.has(g)) groups.set(g, [])
    groups.get(g).push(i)
  }
  const rank = new Int32Array(index.length)
  for (const members of groups.values()) {
    members.sort((x, y) => index[y] - index[x])
    for (let k = 0; k < members.length; k++) rank[members[k]] = k > 0 && index[members[k]] === index[members[k - 1]] ? rank[members[k - 1]] : k + 1
  }
  return rank
}

// `node bench/jre-w4.mjs [units]`: every W4 unit against chiso (published index, band, rank)
if (import.meta.url === `file://${process.argv[1]}`) {
  const { compilePack, evaluateBatch, Exact } = await import('@chiso/core')
  const { w4Assessments, w4Pack, W4_UNITS } = await import('./workload-w4.mjs')
  const count = Number(process.argv[2] ?? W4_UNITS)
  const json = w4Pack()
  const units = w4Assessments(W4_UNITS).slice(0, count)
  const batch = evaluateBatch(compilePack(json), units)
  const w = buildEngine(json)
  const t = performance.now()
  const out = await scoreAll(w, units)
  const elapsed = performance.now() - t
  let disagreements = 0
  batch.units.forEach((u, i) => {
    const published = u.result.index.mul(Exact.from(w.unit))
    if (!published.eq(Exact.from(out.index[i])) || u.rank !== out.rank[i] || u.band?.code !== out.band[i]) {
      if (disagreements++ < 5) console.log(`${u.unitId}: chiso ${u.result.index} ${u.band?.code} #${u.rank}, json-rules-engine ${out.index[i] / w.unit} ${out.band[i]} #${out.rank[i]}`)
    }
  })
  console.log(`${count} units, ${w.engine.rules.length} rules: ${disagreements} disagreement(s); json-rules-engine ${elapsed.toFixed(0)} ms (${((elapsed * 1000) / count).toFixed(0)} µs per unit)`)
  process.exit(disagreements === 0 ? 0 : 1)
}
