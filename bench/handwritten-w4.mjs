// The W4 baseline: the plain function a developer would write for a PAR-index pack, with
// numbers as doubles. The pack's tree (JSON) is walked once into a flat post-order list with
// a scorer per leaf; each unit is then one pass over that list applying what the pack and
// the assessment say — rules on facts (facts win over a self score), the evidence policy,
// appraisal rounds (the latest round wins, and it overrides the evidence policy), survey
// weights, not-applicable parts, adjustments with their caps and the node caps, the clamp to
// [floor, applicable max] — then index = points ÷ applicable max × scale rounded as the pack
// publishes it, bands, and competition ranks per group on the published index.
//
// Published values are compared in integer units of the index rounding (hundredths): a
// double a hair below a half from the exact value is nudged by 1e-9 of a unit, as a careful
// developer rounding money would.

const own = Object.prototype.hasOwnProperty

function condition(c) {
  if ('all' in c) {
    const parts = c.all.map(condition)
    return (f) => parts.every((p) => p(f))
  }
  if ('any' in c) {
    const parts = c.any.map(condition)
    return (f) => parts.some((p) => p(f))
  }
  if ('not' in c) {
    const inner = condition(c.not)
    return (f) => !inner(f)
  }
  const { fact, operator, value } = c
  switch (operator) {
    case 'equal':
      return (f) => f[fact] === value
    case 'notEqual':
      return (f) => f[fact] !== value
    case 'greaterThan':
      return (f) => typeof f[fact] === 'number' && f[fact] > value
    case 'greaterThanInclusive':
      return (f) => typeof f[fact] === 'number' && f[fact] >= value
    case 'lessThan':
      return (f) => typeof f[fact] === 'number' && f[fact] < value
    case 'lessThanInclusive':
      return (f) => typeof f[fact] === 'number' && f[fact] <= value
    default:
      throw new Error(`operator ${operator} not written for this baseline`)
  }
}

/** a leaf's points from facts, or undefined when its facts are absent */
function leafRule(rule, max) {
  switch (rule.kind) {
    case 'manual':
      return undefined
    case 'boolean': {
      const pts = rule.points ?? max
      return (f) => (f[rule.fact] === true ? pts : f[rule.fact] === false ? 0 : undefined)
    }
    case 'choice': {
      const by = new Map(rule.options.map((o) => [o.value, Number(o.points)]))
      return (f) => by.get(f[rule.fact])
    }
    case 'steps': {
      const steps = rule.steps.map((s) => ({ min: Number(s.min), ex: s.minExclusive === true, pts: Number(s.points) })).sort((a, b) => b.min - a.min || Number(b.ex) - Number(a.ex))
      const otherwise = Number(rule.otherwise ?? 0)
      return (f) => {
        const v = f[rule.fact]
        if (typeof v !== 'number') return undefined
        for (const s of steps) if (v > s.min || (v === s.min && !s.ex)) return s.pts
        return otherwise
      }
    }
    case 'ratio': {
      const zero = rule.whenZeroDenominator === 'zero' ? 0 : max
      return (f) => {
        const n = f[rule.numerator]
        const d = f[rule.denominator]
        if (typeof n !== 'number' || typeof d !== 'number') return undefined
        if (d === 0) return zero
        if (n < 0 || d < 0) return 0
        return n >= d ? max : (n / d) * max
      }
    }
    case 'count': {
      const each = Number(rule.pointsEach)
      const cap = Number(rule.cap ?? max)
      return (f) => {
        const n = f[rule.fact]
        if (typeof n !== 'number') return undefined
        const p = n * each
        return p < 0 ? 0 : p > cap ? cap : p
      }
    }
    case 'conditions': {
      const branches = rule.branches.map((b) => ({ test: condition(b.when), pts: Number(b.points) }))
      const facts = [
        ...new Set(
          JSON.stringify(rule.branches)
            .match(/"fact":"[^"]*"/g)
            .map((m) => m.slice(8, -1)),
        ),
      ]
      const otherwise = Number(rule.otherwise ?? 0)
      return (f) => {
        if (!facts.some((x) => own.call(f, x))) return undefined
        for (const b of branches) if (b.test(f)) return b.pts
        return otherwise
      }
    }
    default:
      throw new Error(`rule kind ${rule.kind} not written for this baseline`)
  }
}

/** the pack, walked once: nodes in post-order, each with its parent and what scores it */
export function prepare(pack) {
  const nodes = []
  const visit = (c, parent) => {
    const max = Number(c.maxPoints)
    const node = {
      code: c.code,
      max,
      parent,
      children: [],
      applicable: c.applicability ? condition(c.applicability) : undefined,
      adjustments: [],
      capBonus: c.adjustmentCaps?.bonus,
      capDeduction: c.adjustmentCaps?.deduction,
      floor: Number(c.floor ?? 0),
    }
    node.capBonus = node.capBonus === undefined ? Infinity : Number(node.capBonus)
    node.capDeduction = node.capDeduction === undefined ? Infinity : Number(node.capDeduction)
    const kids = c.children ?? []
    if (kids.length === 0) {
      node.leaf = true
      node.survey = c.source === 'survey'
      node.weights = node.survey ? Object.fromEntries(Object.entries(c.rule?.weights ?? {}).map(([k, w]) => [k, Number(w)])) : undefined
      node.rule = node.survey || !c.rule ? undefined : leafRule(c.rule, max)
      node.evidenceRequired = c.evidence?.required === true
      node.minDocuments = c.evidence?.minDocuments ?? 1
    }
    return node
  }
  const root = {
    code: '',
    max: Number(pack.scale ?? 0),
    parent: -1,
    children: [],
    adjustments: [],
    capBonus: Number(pack.adjustmentCaps?.bonus ?? Infinity),
    capDeduction: Number(pack.adjustmentCaps?.deduction ?? Infinity),
    floor: Number(pack.floor ?? 0),
  }
  const walk = (c, parentIndex) => {
    const node = visit(c, parentIndex)
    const kids = (c.children ?? []).map((k) => walk(k, -2))
    node.children = kids
    nodes.push(node)
    const i = nodes.length - 1
    for (const k of kids) nodes[k].parent = i
    return i
  }
  const top = pack.criteria.map((c) => walk(c, -2))
  root.children = top
  root.max = pack.scale === undefined ? top.reduce((s, k) => s + nodes[k].max, 0) : Number(pack.scale)
  nodes.push(root)
  const rootIndex = nodes.length - 1
  for (const k of top) nodes[k].parent = rootIndex
  const byCode = new Map(nodes.map((n, i) => [n.code, i]))
  for (const a of pack.adjustments ?? []) {
    const target = a.target === undefined ? rootIndex : byCode.get(a.target)
    const amount = a.amount
    let compute
    if (amount.kind === 'entered') compute = (_facts, entered) => (entered && own.call(entered, a.id) ? Number(entered[a.id]) : 0)
    else if (amount.kind === 'per') {
      const each = Number(amount.points)
      compute = (f) => (typeof f[amount.fact] === 'number' && f[amount.fact] > 0 ? f[amount.fact] * each : 0)
    } else {
      const pts = Number(amount.points)
      const when = amount.when ? condition(amount.when) : undefined
      compute = (f) => (when === undefined || when(f) ? pts : 0)
    }
    nodes[target].adjustments.push({ bonus: a.type === 'bonus', cap: a.cap === undefined ? Infinity : Number(a.cap), compute })
  }
  // parents come after their children: one reverse pass finds the not-applicable ones top-down
  const decimals = pack.rounding?.index?.decimals
  if ((pack.rounding?.index?.mode ?? 'half-up') !== 'half-up') throw new Error('only half-up index rounding is written for this baseline')
  const unit = decimals === undefined ? 1e9 : 10 ** decimals
  const bands = [...(pack.bands ?? [])].map((b) => ({ code: b.code, min: Math.round(Number(b.min) * unit), ex: b.minExclusive === true })).sort((a, b) => b.min - a.min)
  return { nodes, rootIndex, points: pack.index?.kind === 'points', scale: Number(pack.index?.scale ?? 100), unit, bands, evidencePolicy: pack.evidencePolicy?.missing ?? 'zero' }
}

/** distinct documents listed for a criterion (one listed twice counts once) */
function documents(evidence, code) {
  if (!evidence) return 0
  const seen = []
  for (const e of evidence) if (e.criteria.includes(code) && !seen.includes(e.id)) seen.push(e.id)
  return seen.length
}

/** one unit: node points (post-order, root last), the root's applicable max, the index in published units */
export function scoreUnit(p, a, points, appMax) {
  const nodes = p.nodes
  const n = nodes.length
  const f = a.facts ?? {}
  const self = a.selfScores ?? {}
  const survey = a.survey ?? {}
  // not applicable: top-down (root last in post-order, so walk backwards)
  const na = new Uint8Array(n)
  let anyNa = false
  for (let i = n - 2; i >= 0; i--) {
    const node = nodes[i]
    if (na[node.parent] === 1 || (node.applicable !== undefined && !node.applicable(f))) {
      na[i] = 1
      anyNa = true
    }
  }
  let appraised
  if (a.appraisals && a.appraisals.length > 0) {
    appraised = new Map()
    const rounds = [...a.appraisals].sort((x, y) => x.round - y.round)
    for (const r of rounds) for (const c of r.changes) appraised.set(c.code, Number(c.points))
  }
  for (let i = 0; i < n; i++) {
    const node = nodes[i]
    if (na[i] === 1) {
      points[i] = 0
      appMax[i] = 0
      continue
    }
    let pts
    let max = node.max
    if (node.leaf) {
      if (node.survey) {
        const s = survey[node.code]
        if (s === undefined) pts = 0
        else if ('points' in s) pts = Number(s.points)
        else {
          let total = 0
          let weighted = 0
          for (const k in s.answers) {
            total += s.answers[k]
            weighted += (node.weights[k] ?? 0) * s.answers[k]
          }
          pts = total === 0 ? 0 : (weighted / total) * max
        }
      } else {
        const computed = node.rule?.(f)
        pts = computed !== undefined ? computed : own.call(self, node.code) ? Number(self[node.code]) : 0
        if (node.evidenceRequired && p.evidencePolicy === 'zero' && documents(a.evidence, node.code) < node.minDocuments) pts = 0
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
    if (node.adjustments.length > 0) {
      let b = 0
      let d = 0
      for (const adj of node.adjustments) {
        const v = Math.min(adj.compute(f, a.adjustments), adj.cap)
        if (adj.bonus) b += v
        else d += v
      }
      pts += Math.min(b, node.capBonus) - Math.min(d, node.capDeduction)
    }
    const lo = Math.min(node.floor, max)
    points[i] = pts > max ? max : pts < lo ? lo : pts
    appMax[i] = max
  }
  const root = p.rootIndex
  const m = appMax[root]
  const raw = p.points ? points[root] : m === 0 ? 0 : (points[root] / m) * p.scale
  return Math.floor(raw * p.unit + 0.5 + 1e-9)
}

/** every unit: published index (integer units), band, competition rank per group, and node points */
export function scoreAll(p, assessments) {
  const count = assessments.length
  const width = p.nodes.length
  const points = new Float64Array(count * width)
  const appMax = new Float64Array(width)
  const index = new Int32Array(count)
  const groups = new Map()
  for (let i = 0; i < count; i++) {
    const a = assessments[i]
    index[i] = scoreUnit(p, a, points.subarray(i * width, (i + 1) * width), appMax)
    let g = groups.get(a.group)
    if (!g) groups.set(a.group, (g = []))
    g.push(i)
  }
  const rank = new Int32Array(count)
  for (const members of groups.values()) {
    members.sort((x, y) => index[y] - index[x])
    for (let k = 0; k < members.length; k++) rank[members[k]] = k > 0 && index[members[k]] === index[members[k - 1]] ? rank[members[k - 1]] : k + 1
  }
  const band = new Array(count)
  for (let i = 0; i < count; i++) {
    const v = index[i]
    band[i] = p.bands.find((b) => v > b.min || (v === b.min && !b.ex))?.code
  }
  return { index, rank, band, points, width }
}

/** the hand-written JSON of each unit: its totals and every node's points */
export function toJsonAll(p, assessments, out) {
  const texts = new Array(assessments.length)
  const { points, width } = out
  const nodes = p.nodes
  for (let i = 0; i < assessments.length; i++) {
    const a = assessments[i]
    const list = new Array(width)
    for (let k = 0; k < width; k++) list[k] = { code: nodes[k].code, points: points[i * width + k], maxPoints: nodes[k].max }
    texts[i] = JSON.stringify({
      unitId: a.unitId,
      period: a.period,
      group: a.group,
      total: points[i * width + p.rootIndex],
      index: out.index[i] / p.unit,
      rank: out.rank[i],
      band: out.band[i],
      nodes: list,
    })
  }
  return texts
}
