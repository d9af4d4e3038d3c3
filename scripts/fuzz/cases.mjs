// The kinds of fuzz case. Each takes a case's own random stream, builds one hostile input
// from the real packs and forms, drives it through the public API (the built packages) and
// the readers, and records what went wrong on the Trial.
import { Exact, normalizeUnitId } from '@chiso/core'
import { tableText } from './context.mjs'
import { mutateMany } from './mutate.mjs'
import { depthToTry, hugeString, lookAlike, NOT_FINITE, numberTexts, oddString } from './values.mjs'
import { firstDifference, recordText } from './checks.mjs'
import { zip } from './zip.mjs'

const PACK_KEYS =
  /^(code|maxPoints|points|fact|kind|rule|steps|min|minExclusive|value|operator|path|cap|scale|floor|id|version|extends|children|criteria|applicability|when|all|any|not|weights|of|numerator|denominator|target|amount|rounding|decimals|mode|bands|ranking|index|pointsEach|options|branches|otherwise|whenZeroDenominator|adjustmentCaps|evidence|minDocuments|required|source|effective|from|to|appliesTo|exclude)$/
const ASSESSMENT_KEYS =
  /^(unitId|period|group|selfScores|facts|survey|answers|points|evidence|criteria|appraisals|changes|code|id|unit|attributes|explanations|parentId|predecessors|kind|name|adjustments|round|reviewer|reason|at|validFrom|validTo|\d+(\.\d+)*|[a-z]+[A-Z][A-Za-z]*)$/
const RECORD_KEYS =
  /^(unitId|period|group|total|index|applicableMax|points|maxPoints|bonus|deduction|notApplicable|flags|fingerprint|assessmentHash|contentHash|engineVersion|pack|nodes|code|kind|assessment|version|id)$/

const PRIMES = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149]

/** Peers for a batch: other sample assessments of the pack (other units). */
function peersFor(p, rng, a) {
  // a look-alike of a peer's id that normalises to it is the same unit: never a peer
  const same = (x) => {
    try {
      return typeof a?.unitId === 'string' && normalizeUnitId(x) === normalizeUnitId(a.unitId)
    } catch {
      return false
    }
  }
  const others = p.assessments.map((t) => JSON.parse(t)).filter((x) => x.unitId !== a?.unitId && !same(x.unitId))
  const n = Math.min(others.length, rng.int(1, 3))
  const out = []
  for (let i = 0; i < n; i++) out.push(others.splice(rng.int(0, others.length - 1), 1)[0])
  return out
}

const codesOf = (issues) => [...new Set(issues.map((i) => i.code))].sort().join(',')

/**
 * Scores one assessment alone and in a batch (copy and borrow), and recalculates its
 * record: the batch must agree with the single evaluation, and the record must be identical.
 */
export function scoreEverywhere(t, rng, ctx, compiled, a, peers, registry) {
  const { core } = ctx
  const single = t.call('safeEvaluate', () => core.safeEvaluate(compiled, a), { safe: true }).value
  if (!single) return
  if (!single.ok) t.internalIssues('safeEvaluate', single.issues)
  if (rng.chance(0.15)) {
    const thrown = t.call('evaluate', () => core.evaluate(compiled, a))
    if ('value' in thrown !== single.ok) t.fail('disagreement', `evaluate ${'value' in thrown ? 'accepted' : 'refused'} what safeEvaluate ${single.ok ? 'accepted' : 'refused'}`)
  }
  const pos = rng.int(0, peers.length)
  const inputs = [...peers.slice(0, pos), a, ...peers.slice(pos)]
  const batch = t.call('safeEvaluateBatch', () => core.safeEvaluateBatch(compiled, inputs, { trace: rng.chance(0.3) }), { safe: true }).value
  if (batch) {
    if (!batch.ok) t.internalIssues('safeEvaluateBatch', batch.issues)
    if (single.ok && batch.ok) {
      const s = recordText(single.value)
      const b = recordText(batch.value.units[pos].result)
      if (s !== b) t.fail('disagreement', `batch record differs from single: ${firstDifference(s, b)}`)
    } else if (single.ok !== batch.ok) {
      t.fail('disagreement', `safeEvaluate ${single.ok ? 'ok' : `refused (${codesOf(single.issues)})`} but safeEvaluateBatch ${batch.ok ? 'ok' : `refused (${codesOf(batch.issues)})`}`)
    } else {
      const mine = batch.issues.filter((i) => i.path[0] === pos)
      const others = batch.issues.filter((i) => i.path[0] !== pos)
      if (others.length > 0 || codesOf(mine) !== codesOf(single.issues))
        t.fail('disagreement', `issues differ: single (${codesOf(single.issues)}), batch at ${pos} (${codesOf(mine)}), others (${codesOf(others)})`)
    }
  }
  if (!single.ok) return
  if (rng.chance(0.25)) {
    const borrowed = t.call('safeEvaluateBatch borrow', () => core.safeEvaluateBatch(compiled, inputs, { inputs: 'borrow' }), { safe: true }).value
    if (borrowed) {
      if (!borrowed.ok) t.fail('disagreement', `borrowing batch refused (${codesOf(borrowed.issues)}) what safeEvaluate accepted`)
      else {
        const r = t.call('borrowed toJSON', () => recordText(borrowed.value.units[pos].result))
        const s = recordText(single.value)
        if ('value' in r && r.value !== s) t.fail('disagreement', `borrowing batch record differs: ${firstDifference(s, r.value)}`)
      }
    }
  }
  if (!registry || rng.chance(0.4)) return
  const record = JSON.parse(JSON.stringify(single.value))
  const re = t.call('safeRecalculate', () => core.safeRecalculate(record, { registry }), { safe: true }).value
  if (!re) return
  if (!re.ok) {
    t.internalIssues('safeRecalculate', re.issues)
    t.fail('disagreement', `recalculate refused its own record (${codesOf(re.issues)})`)
  } else if (!re.value.identical) {
    t.fail(
      'disagreement',
      `recalculate of its own record not identical: ${re.value.differences
        .slice(0, 3)
        .map((d) => `${d.field} ${d.stored}→${d.recalculated}`)
        .join(', ')}`,
    )
  }
}

// ---------------------------------------------------------------------------------------
// packs

function leavesOf(criteria) {
  const out = []
  const stack = [...criteria]
  while (stack.length > 0) {
    const n = stack.pop()
    if (n && typeof n === 'object' && Array.isArray(n.children) && n.children.length > 0) stack.push(...n.children)
    else if (n && typeof n === 'object') out.push(n)
  }
  return out
}

const PACK_SHAPES = {
  deepCriteria(json, rng) {
    const d = depthToTry(rng)
    const area = rng.pick(json.criteria)
    let node = { code: `${area.code}.z`, title: 'sâu', maxPoints: area.maxPoints, rule: { kind: 'manual' } }
    for (let i = 0; i < d; i++) node = { code: `${area.code}.z${i}`, title: 'sâu', maxPoints: area.maxPoints, children: [node] }
    area.children = [node]
    return `criteria ${area.code} nested ${d} deep`
  },
  deepCondition(json, rng) {
    const d = depthToTry(rng)
    const leaf = rng.pick(leavesOf(json.criteria))
    let c = { fact: 'x', operator: 'equal', value: 1 }
    const style = rng.pick(['all', 'any', 'not', 'mixed'])
    for (let i = 0; i < d; i++) {
      const s = style === 'mixed' ? ['all', 'any', 'not'][i % 3] : style
      c = s === 'not' ? { not: c } : { [s]: [c] }
    }
    leaf.applicability = c
    return `applicability of ${leaf.code} nested ${d} deep (${style})`
  },
  manyLeaves(json, rng) {
    const n = rng.pick([500, 999, 1000, 1001, 2000])
    const style = rng.pick(['primes', 'tenths', 'thirds'])
    const children = Array.from({ length: n }, (_, i) => ({
      code: `1.${i + 1}`,
      title: `Tiêu chí ${i + 1}`,
      maxPoints: style === 'primes' ? `1/${PRIMES[i % PRIMES.length] ** (1 + (Math.floor(i / PRIMES.length) % 3))}` : style === 'tenths' ? 0.1 : '1/3',
      rule: rng.chance(0.5) ? { kind: 'manual' } : { kind: 'ratio', numerator: `n${i}`, denominator: `d${i}` },
    }))
    const total = style === 'tenths' ? n / 10 : style === 'thirds' ? `${n}/3` : 100
    json.criteria = [{ code: '1', title: 'Một', maxPoints: total, children }]
    json.scale = total
    json.adjustments = []
    return `${n} leaves of ${style}`
  },
  primeDenominators(json, rng) {
    const leaves = leavesOf(json.criteria)
    const k = rng.int(1, leaves.length)
    for (let i = 0; i < k; i++) rng.pick(leaves).maxPoints = `1/${rng.pick(PRIMES)}`
    return `${k} maxima set to 1/p`
  },
  longStrings(json, rng) {
    const leaf = rng.pick(leavesOf(json.criteria))
    const field = rng.pick(['code', 'title', 'note', 'legalRef'])
    const before = leaf.code
    leaf[field] = hugeString(rng)
    return `${String(before).slice(0, 20)}.${field} = ${leaf[field].length} characters`
  },
}

export function packCase(t, rng, ctx) {
  const { core } = ctx
  const p = rng.pick(ctx.packs)
  let json = JSON.parse(p.text)
  let what
  if (rng.chance(0.2)) {
    const shape = rng.pick(Object.keys(PACK_SHAPES))
    what = PACK_SHAPES[shape](json, rng)
    if (rng.chance(0.3)) {
      const m = mutateMany(json, rng, 2, PACK_KEYS)
      json = m.root
      what += `; ${m.what}`
    }
  } else {
    const m = mutateMany(json, rng, 3, PACK_KEYS)
    json = m.root
    what = m.what
  }
  t.what = `pack ${p.id}: ${what}`
  let compiled
  if (rng.chance(0.3)) {
    const r = t.call('compilePack', () => core.compilePack(json))
    compiled = r.value
  } else {
    const r = t.call('safeCompilePack', () => core.safeCompilePack(json), { safe: true }).value
    if (!r) return
    if (!r.ok) return t.internalIssues('safeCompilePack', r.issues)
    compiled = r.value
  }
  if (!compiled) return
  const registry = t.call('createRegistry', () => core.createRegistry([json])).value
  const a = JSON.parse(rng.pick(p.assessments))
  // peers the changed pack still accepts, so that the batch has only this unit to disagree on
  const peers = peersFor(p, rng, a).filter((x) => core.safeEvaluate(compiled, x).ok)
  scoreEverywhere(t, rng, ctx, compiled, a, peers, registry)
}

// ---------------------------------------------------------------------------------------
// assessments

export function assessmentCase(t, rng, ctx) {
  const p = rng.pick(ctx.packs)
  let a = JSON.parse(rng.pick(p.assessments))
  let what
  if (rng.chance(0.003)) {
    const n = rng.pick([9_999, 10_001, 130_000, 200_000])
    const field = rng.pick(['selfScores', 'facts', 'explanations'])
    const o = {}
    for (let i = 0; i < n; i++) o[`${i % 50}.${i}`] = rng.chance(0.5) ? 1 : '1,5'
    a[field] = o
    what = `${n} unknown ${field}`
  } else {
    const m = mutateMany(a, rng, 3, ASSESSMENT_KEYS)
    a = m.root
    what = m.what
  }
  t.what = `assessment for ${p.id}: ${what}`
  scoreEverywhere(t, rng, ctx, p.compiled, a, peersFor(p, rng, a), ctx.registry)
}

// ---------------------------------------------------------------------------------------
// stored records

const FORGEABLE = [
  'total',
  'index',
  'applicableMax',
  'unitId',
  'period',
  'group',
  'flags',
  'assessmentHash',
  'fingerprint',
  'pack.contentHash',
  'engineVersion',
  'node.points',
  'node.maxPoints',
  'node.applicableMax',
  'node.index',
  'node.bonus',
  'node.deduction',
  'node.notApplicable',
  'assessment',
]

/** A value surely different from `v` (a number text moves by one). */
function forged(v, rng) {
  if (typeof v === 'boolean') return !v
  if (v === null || v === undefined) return rng.pick(['1', 'x'])
  if (typeof v === 'string') {
    const x = Exact.tryFrom(v)
    if (x) return x.add(Exact.from(rng.pick(['1', '0.01', '-1', '1/3']))).toString()
    if (/^[0-9a-f]{64}$/.test(v)) return (v[0] === '0' ? '1' : '0') + v.slice(1)
    return rng.pick([`${v}x`, lookAlike(v, rng), ''])
  }
  return 'x'
}

export function recordCase(t, rng, ctx) {
  const { core } = ctx
  const p = rng.pick(ctx.packs)
  const original = rng.pick(p.records)
  let record = JSON.parse(original)
  const registry = rng.chance(0.8) ? ctx.registry : p.single
  if (rng.chance(0.4)) {
    const field = rng.pick(FORGEABLE)
    let where = field
    if (field.startsWith('node.')) {
      const k = rng.int(0, record.nodes.length - 1)
      const f = field.slice(5)
      record.nodes[k][f] = forged(record.nodes[k][f], rng)
      where = `nodes[${k}].${f}`
    } else if (field === 'pack.contentHash') record.pack.contentHash = forged(record.pack.contentHash, rng)
    else if (field === 'flags') {
      if (record.flags.length > 0 && rng.chance(0.5)) record.flags.pop()
      else record.flags.push({ code: 'missing_input', criterion: record.nodes[1]?.code ?? '1' })
    } else if (field === 'assessment') {
      const m = mutateMany(record.assessment, rng, 1, ASSESSMENT_KEYS)
      record.assessment = m.root
      where = `assessment: ${m.what}`
    } else record[field] = forged(record[field], rng)
    t.what = `record for ${p.id}: forged ${where}`
    const r = t.call('safeRecalculate', () => core.safeRecalculate(record, { registry }), { safe: true }).value
    if (!r) return
    if (!r.ok) return t.internalIssues('safeRecalculate', r.issues)
    // a change that leaves the record as it was (a look-alike that is the same text) proves nothing
    if (r.value.identical && core.canonicalJson(record) !== core.canonicalJson(JSON.parse(original))) t.fail('disagreement', `forged record reported identical (${where})`)
    return
  }
  const m = mutateMany(record, rng, 3, RECORD_KEYS)
  record = m.root
  t.what = `record for ${p.id}: ${m.what}`
  const r = t.call('safeRecalculate', () => core.safeRecalculate(record, { registry }), { safe: true }).value
  if (r && !r.ok) t.internalIssues('safeRecalculate', r.issues)
  if (rng.chance(0.2)) t.call('recalculate', () => core.recalculate(record, { registry }))
  if (rng.chance(0.1)) t.call('recalculateMany', () => core.recalculateMany([record, JSON.parse(p.records[0])], { registry }))
}

// ---------------------------------------------------------------------------------------
// files: CSV forms

/** A cell a mutation aims at: the score column and the code column most often. */
function aimCell(rows, rng) {
  const data = rows.map((r, i) => [r, i]).filter(([r]) => r.length >= 4)
  if (data.length > 0 && rng.chance(0.7)) {
    const [r, i] = rng.pick(data)
    return [i, rng.pick([0, 2, 3, 3, 3, 4, 5])]
  }
  const i = rng.int(0, rows.length - 1)
  return [i, rng.int(0, Math.max(0, rows[i].length))]
}

function cellValue(rng, old) {
  switch (rng.int(0, 6)) {
    case 0:
      return numberTexts(rng)
    case 1:
      return hugeString(rng)
    case 2:
      return oddString(rng)
    case 3:
      return lookAlike(old ?? 'x', rng)
    case 4:
      return String(rng.pick(NOT_FINITE))
    case 5:
      return rng.pick(['__proto__', 'constructor', 'prototype', 'toString'])
    default:
      return rng.pick(['', '0', '1', '-1', '0,25', '0.25', '100', '1,5', 'x'])
  }
}

const GRID_OPS = {
  cell: 8,
  deleteRow: 2,
  duplicateRow: 2,
  manyRows: 0.03,
  deleteColumn: 1,
  swapColumns: 1,
  wideRow: 0.05,
  header: 2,
}

/** One mutation of a table of text cells; says what it did. */
export function mutateRows(rows, rng) {
  const op = rng.weighted(GRID_OPS)
  switch (op) {
    case 'cell': {
      const [i, j] = aimCell(rows, rng)
      const v = cellValue(rng, rows[i][j])
      rows[i][j] = v
      return `row ${i + 1} col ${j + 1} = ${v.length > 40 ? `${JSON.stringify(v.slice(0, 20))}…(${v.length})` : JSON.stringify(v)}`
    }
    case 'deleteRow': {
      const i = rng.int(0, rows.length - 1)
      rows.splice(i, 1)
      return `delete row ${i + 1}`
    }
    case 'duplicateRow': {
      const i = rng.int(0, rows.length - 1)
      const n = rng.int(1, 5)
      for (let k = 0; k < n; k++) rows.splice(i, 0, [...rows[i]])
      return `row ${i + 1} repeated ${n} times`
    }
    case 'manyRows': {
      const i = rng.int(0, rows.length - 1)
      const n = rng.pick([5_000, 99_990, 100_001, 130_000])
      const copy = rows[i]
      for (let k = 0; k < n; k++) rows.push(copy)
      return `row ${i + 1} repeated ${n} times at the end`
    }
    case 'deleteColumn': {
      const j = rng.int(0, 6)
      for (const r of rows) r.splice(j, 1)
      return `delete column ${j + 1}`
    }
    case 'swapColumns': {
      const a = rng.int(0, 6)
      const b = rng.int(0, 6)
      for (const r of rows) [r[a], r[b]] = [r[b] ?? '', r[a] ?? '']
      return `swap columns ${a + 1} and ${b + 1}`
    }
    case 'wideRow': {
      const i = rng.int(0, rows.length - 1)
      const n = rng.pick([300, 16_384, 16_385, 50_000])
      rows[i] = [...rows[i], ...Array.from({ length: n }, (_, k) => String(k))]
      return `row ${i + 1} made ${n} cells wider`
    }
    default: {
      const i = rows.findIndex((r) => r[0] === 'STT' || r[0] === 'Mã đơn vị')
      const at = i < 0 ? 0 : i
      const j = rng.int(0, Math.max(0, rows[at].length - 1))
      rows[at][j] = rng.chance(0.5) ? lookAlike(rows[at][j] ?? '', rng) : oddString(rng)
      return `header cell ${j + 1} = ${JSON.stringify(rows[at][j].slice(0, 40))}`
    }
  }
}

/** Text → bytes the way a spreadsheet program or a careless export would write them, then maybe broken. */
function encodeText(text, rng) {
  const enc = rng.weighted({ utf8bom: 4, utf8: 3, utf16le: 1, utf16be: 0.5, latin1: 0.5 })
  let bytes
  if (enc === 'utf16le' || enc === 'utf16be') {
    const b = Buffer.from(`\ufeff${text}`, 'utf16le')
    if (enc === 'utf16be') b.swap16()
    bytes = new Uint8Array(b)
  } else if (enc === 'latin1') bytes = new Uint8Array(Buffer.from(text, 'latin1'))
  else bytes = new Uint8Array(Buffer.from(enc === 'utf8bom' ? `\ufeff${text}` : text, 'utf8'))
  let how = enc
  if (rng.chance(0.15)) {
    const op = rng.pick(['flip', 'truncate', 'nul', 'garbage', 'quote'])
    bytes = new Uint8Array(bytes)
    if (op === 'flip') {
      for (let k = rng.int(1, 20); k > 0; k--) bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255)
    } else if (op === 'truncate') bytes = bytes.subarray(0, rng.int(0, bytes.length))
    else if (op === 'nul') {
      const c = new Uint8Array(bytes.length + 3)
      c.set(bytes)
      bytes = c
    } else if (op === 'garbage') {
      const c = new Uint8Array(bytes.length + 64)
      c.set(bytes)
      for (let k = bytes.length; k < c.length; k++) c[k] = rng.int(0, 255)
      bytes = c
    } else {
      const c = new Uint8Array(bytes.length + 1)
      c.set(bytes)
      c[bytes.length] = 34
      bytes = c
    }
    how += `, ${op}`
  }
  return { bytes, how }
}

function scoreRead(t, rng, ctx, p, read, name) {
  if (!read) return
  if (!read.ok) {
    t.internalIssues(name, read.issues)
    return
  }
  scoreEverywhere(t, rng, ctx, p.compiled, read.value, peersFor(p, rng, read.value), ctx.registry)
}

export async function csvCase(t, rng, ctx) {
  const form = rng.pick(ctx.forms)
  const rows = form.rows.map((r) => [...r])
  const whats = []
  for (let k = rng.int(1, 3); k > 0; k--) whats.push(mutateRows(rows, rng))
  const d = rng.pick([';', ';', ',', '\t'])
  const nl = rng.pick(['\r\n', '\n', '\r'])
  const { text: body, cut } = tableText(rows, d, nl)
  const text = body + (rng.chance(0.8) ? nl : '')
  const { bytes, how } = encodeText(text, rng)
  t.what = `csv form ${form.pack.id}: ${whats.join('; ')}${cut === null ? '' : ` (cut to ${cut} rows: 64 MB)`} [${JSON.stringify(d)}, ${how}]`
  const options = { fileName: 'don-vi.csv', ...(rng.chance(0.5) ? { period: form.period } : {}) }
  const read = (await t.callAsync('readAssessmentCsv', () => ctx.csv.readAssessmentCsv(bytes, form.pack.compiled, options), { safe: true })).value
  scoreRead(t, rng, ctx, form.pack, read, 'readAssessmentCsv')
}

// ---------------------------------------------------------------------------------------
// files: .xlsx forms

const CELL = /<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g

function xmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const SHEET_OPS = {
  cellNumber: 5,
  cellText: 5,
  cellType: 2,
  deleteRow: 1,
  duplicateRow: 1,
  badRef: 1,
  deepXml: 0.5,
  sharedString: 3,
  sheetName: 1,
  dropPart: 0.5,
}

function mutateSheet(parts, rng, sheetPart) {
  let xml = parts.get(sheetPart).toString('utf8')
  const cells = [...xml.matchAll(CELL)]
  const op = rng.weighted(SHEET_OPS)
  const target = cells.length > 0 ? (rng.chance(0.6) ? rng.pick(cells.filter((c) => c[1] === 'D' || c[1] === 'A').concat(cells.slice(0, 1))) : rng.pick(cells)) : undefined
  const replace = (replacement) => {
    xml = xml.slice(0, target.index) + replacement + xml.slice(target.index + target[0].length)
  }
  let what = op
  switch (op) {
    case 'cellNumber': {
      if (!target) break
      const v = rng.chance(0.6) ? numberTexts(rng) : String(rng.pick([1e308, 5e-324, 1e21, -0.5, 0.1 + 0.2, ...NOT_FINITE]))
      replace(`<c r="${target[1]}${target[2]}"><v>${xmlEscape(v)}</v></c>`)
      what = `${target[1]}${target[2]} = number ${JSON.stringify(v.slice(0, 40))}`
      break
    }
    case 'cellText': {
      if (!target) break
      const v = cellValue(rng, target[4] ?? '')
      replace(`<c r="${target[1]}${target[2]}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(v)}</t></is></c>`)
      what = `${target[1]}${target[2]} = text ${JSON.stringify(v.slice(0, 40))}${v.length > 40 ? `…(${v.length})` : ''}`
      break
    }
    case 'cellType': {
      if (!target) break
      const v = rng.pick([
        '<c r="R" t="b"><v>1</v></c>',
        '<c r="R" t="e"><v>#DIV/0!</v></c>',
        '<c r="R" t="s"><v>999999</v></c>',
        '<c r="R" t="s"><v>-1</v></c>',
        '<c r="R" t="s"><v>abc</v></c>',
        '<c r="R" t="d"><v>2024-13-45</v></c>',
        '<c r="R"><f>1/0</f><v>1e400</v></c>',
        '<c r="R" t="str"><f>A1&amp;A1</f><v>__proto__</v></c>',
        '<c r="R" s="99999"><v>1</v></c>',
        '<c r="R"><v></v></c>',
      ])
      replace(v.replace('"R"', `"${target[1]}${target[2]}"`))
      what = `${target[1]}${target[2]} = ${v}`
      break
    }
    case 'deleteRow': {
      const rowsXml = [...xml.matchAll(/<row [^>]*>[\s\S]*?<\/row>/g)]
      if (rowsXml.length === 0) break
      const r = rng.pick(rowsXml)
      xml = xml.slice(0, r.index) + xml.slice(r.index + r[0].length)
      what = 'delete a row'
      break
    }
    case 'duplicateRow': {
      const rowsXml = [...xml.matchAll(/<row [^>]*>[\s\S]*?<\/row>/g)]
      if (rowsXml.length === 0) break
      const r = rng.pick(rowsXml)
      const n = rng.pick([1, 2, 50])
      xml = xml.slice(0, r.index) + r[0].repeat(n + 1) + xml.slice(r.index + r[0].length)
      what = `row repeated ${n} times (same numbers)`
      break
    }
    case 'badRef': {
      if (!target) break
      const ref = rng.pick(['XFD1048576', 'XFE1', 'A1048577', 'A0', 'AAAAA1', 'A99999999999', 'a1', '1A', ''])
      replace(target[0].replace(/r="[^"]*"/, `r="${ref}"`))
      what = `${target[1]}${target[2]} moved to ${JSON.stringify(ref)}`
      break
    }
    case 'deepXml': {
      if (!target) break
      const d = rng.pick([100, 1000, 10_000, 100_000])
      replace(`<c r="${target[1]}${target[2]}" t="inlineStr"><is>${'<r>'.repeat(d)}<t>1</t>${'</r>'.repeat(d)}</is></c>`)
      what = `${target[1]}${target[2]} text nested ${d} deep`
      break
    }
    case 'sharedString': {
      const ss = parts.get('xl/sharedStrings.xml')
      if (!ss) break
      let s = ss.toString('utf8')
      const items = [...s.matchAll(/<t[^>]*>([^<]*)<\/t>/g)]
      if (items.length === 0) break
      const it = rng.pick(items)
      const v = rng.chance(0.5) ? lookAlike(it[1], rng) : cellValue(rng, it[1])
      s = s.slice(0, it.index) + `<t xml:space="preserve">${xmlEscape(v)}</t>` + s.slice(it.index + it[0].length)
      parts.set('xl/sharedStrings.xml', Buffer.from(s, 'utf8'))
      what = `shared string ${JSON.stringify(it[1].slice(0, 20))} → ${JSON.stringify(v.slice(0, 40))}`
      break
    }
    case 'sheetName': {
      const wb = parts.get('xl/workbook.xml').toString('utf8')
      const name = rng.pick(['History', 'Lịch sử', '', 'a'.repeat(40), "'quoted'", 'Tự đánh giá'.normalize('NFD'), 'Sheet1', 'x:y'])
      parts.set('xl/workbook.xml', Buffer.from(wb.replace(/<sheet name="[^"]*"/, `<sheet name="${xmlEscape(name)}"`), 'utf8'))
      what = `first sheet named ${JSON.stringify(name)}`
      break
    }
    default: {
      const names = [...parts.keys()]
      const drop = rng.pick(names)
      parts.delete(drop)
      what = `part ${drop} removed`
      return what
    }
  }
  parts.set(sheetPart, Buffer.from(xml, 'utf8'))
  return what
}

export async function xlsxCase(t, rng, ctx) {
  const form = rng.pick(ctx.forms)
  const parts = new Map(form.parts)
  const sheets = [...parts.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).sort()
  const whats = []
  for (let k = rng.int(1, 3); k > 0; k--) if (parts.has(sheets[0])) whats.push(mutateSheet(parts, rng, rng.chance(0.8) ? sheets[0] : rng.pick(sheets)))
  let bytes = zip(parts, { deflate: rng.chance(0.5), badCrc: rng.chance(0.03) ? sheets[0] : undefined })
  if (rng.chance(0.08)) {
    bytes = new Uint8Array(bytes)
    const n = rng.int(1, 8)
    for (let k = 0; k < n; k++) bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255)
    whats.push(`${n} bytes of the zip changed`)
  }
  t.what = `xlsx form ${form.pack.id}: ${whats.join('; ')}`
  const read = (await t.callAsync('readAssessmentWorkbook', () => ctx.xlsx.readAssessmentWorkbook(bytes, form.pack.compiled, { fileName: 'don-vi.xlsx' }), { safe: true })).value
  scoreRead(t, rng, ctx, form.pack, read, 'readAssessmentWorkbook')
}

// ---------------------------------------------------------------------------------------
// files: facts and survey tables

export function tableCase(t, rng, ctx) {
  const table = rng.pick(ctx.tables)
  const rows = table.rows.map((r) => [...r])
  const whats = []
  for (let k = rng.int(1, 3); k > 0; k--) whats.push(mutateRows(rows, rng))
  const d = rng.pick([',', ';', '\t'])
  const { text: body, cut } = tableText(rows, d, '\n')
  const text = body + '\n'
  t.what = `${table.kind} table ${table.pack.id}: ${whats.join('; ')}${cut === null ? '' : ` (cut to ${cut} rows: 64 MB)`}`
  const name = `${table.kind}.csv`
  const grid = t.call('csvGrid', () => ctx.csv.csvGrid(ctx.csv.parseCsv(text), name)).value
  if (!grid) return
  const read = t.call(table.kind === 'facts' ? 'readFactsGrid' : 'readSurveyGrid', () => (table.kind === 'facts' ? ctx.csv.readFactsGrid : ctx.csv.readSurveyGrid)(grid, table.pack.compiled, name), {
    safe: true,
  }).value
  if (!read) return
  t.internalIssues('read table', read.issues)
  // what the table gives a unit, merged into its assessment as the CLI does
  for (const [unitId, given] of [...read.byUnit].slice(0, 1)) {
    const base = table.pack.assessments.map((x) => JSON.parse(x)).find((a) => a.unitId === unitId) ?? { unitId, period: '2024' }
    const a = table.kind === 'facts' ? { ...base, facts: { ...base.facts, ...given } } : { ...base, survey: { ...base.survey, ...given } }
    scoreEverywhere(t, rng, ctx, table.pack.compiled, a, peersFor(table.pack, rng, a), ctx.registry)
  }
}

// ---------------------------------------------------------------------------------------
// the packs' own tests

export function packTestCase(t, rng, ctx) {
  const { core } = ctx
  const pt = rng.pick(ctx.packTests)
  const m = mutateMany(JSON.parse(pt.text), rng, 3, ASSESSMENT_KEYS)
  t.what = `pack tests ${pt.file}: ${m.what}`
  const r = t.call('safeRunPackTests', () => core.safeRunPackTests(pt.pack.compiled, m.root), { safe: true }).value
  if (r && !r.ok) t.internalIssues('safeRunPackTests', r.issues)
  if (rng.chance(0.2)) t.call('runPackTests', () => core.runPackTests(pt.pack.compiled, m.root))
}

/** The kinds, with how often each is drawn. */
export const KINDS = {
  pack: { weight: 25, run: packCase },
  assessment: { weight: 30, run: assessmentCase },
  record: { weight: 20, run: recordCase },
  csv: { weight: 10, run: csvCase },
  xlsx: { weight: 2, run: xlsxCase },
  table: { weight: 5, run: tableCase },
  packtest: { weight: 6, run: packTestCase },
}
