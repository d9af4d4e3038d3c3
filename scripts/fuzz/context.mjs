// What every fuzz case starts from, built once per run: the real shipped packs (as JSON
// text, so each case parses a fresh copy, and compiled), the seeded sample province's
// assessments and their stored records, the real forms the template writers make (CSV
// text and .xlsx parts), the facts and survey tables, and the packs' own test files.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as root from '@chiso/core'
import * as analysis from '@chiso/core/analysis'
import * as csv from '@chiso/adapters/csv'
import * as xlsx from '@chiso/adapters/xlsx'
import * as rules from '@chiso/rules-vn-cchc'
import { unzip } from './zip.mjs'

// the fuzz cases call core's functions by name, pack tests (/analysis) among them
const core = { ...root, ...analysis }

const require = createRequire(import.meta.url)
// yaml is a dependency of the packs' package (it reads their test files): taken from there
const { parse: parseYaml } = createRequire(require.resolve('@chiso/rules-vn-cchc/package.json'))('yaml')

/** A CSV line with `;`, quoting what needs it (the harness's own writer, not the adapter's). */
export function csvLine(cells, d = ';') {
  return cells.map((c) => (/[";\r\n,\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d)
}

/**
 * A file's text cut at `max` characters (64 MB: over the readers' 50 MB file limit, so the
 * limit is still met), rows kept whole. Mutations share rows and cells: a 1,000,000-character
 * cell on a row repeated 130,000 times would otherwise ask the harness itself for 130 GB.
 */
export const MAX_FILE_TEXT = 64 * 1024 * 1024
export function tableText(rows, d, nl, max = MAX_FILE_TEXT) {
  const lines = []
  let size = 0
  for (const r of rows) {
    let rowSize = 0
    for (const c of r) rowSize += (c?.length ?? 0) + 1
    if (size + rowSize > max) return { text: lines.join(nl), cut: lines.length }
    const line = csvLine(r, d)
    size += line.length + nl.length
    lines.push(line)
  }
  return { text: lines.join(nl), cut: null }
}

/** A score as a Vietnamese form shows it: decimal comma. */
const viNumber = (x) => String(x).replace('.', ',')

/** Minimal assessments for a pack the sample province does not cover: one that evaluates. */
function minimalAssessments(pack) {
  const tries = [
    { unitId: 'don-vi-a', period: '2024', selfScores: Object.fromEntries(pack.nodes.filter((n) => n.isLeaf && n.source !== 'survey').map((n) => [n.code, n.maxPoints.toString()])) },
    { unitId: 'don-vi-b', period: '2024', selfScores: Object.fromEntries(pack.nodes.filter((n) => n.isLeaf && n.source !== 'survey').map((n) => [n.code, 0])) },
    { unitId: 'don-vi-c', period: '2024' },
  ]
  return tries.filter((a) => core.safeEvaluate(pack, a).ok)
}

export async function buildContext() {
  const registry = rules.vnCchc
  const packDir = join(dirname(require.resolve('@chiso/rules-vn-cchc/package.json')), 'packs')
  const sample = rules.generateSampleProvince({})
  const byPack = new Map()
  for (const y of sample.years)
    for (const p of y.packs)
      for (const a of p.assessments) {
        let l = byPack.get(p.packId)
        if (!l) byPack.set(p.packId, (l = []))
        if (l.length < 12) l.push(a)
      }
  const packs = []
  for (const input of rules.packs) {
    const compiled = registry.compile(input.id, input.version)
    const samples = byPack.get(input.id) ?? minimalAssessments(compiled)
    if (samples.length === 0) continue
    const assessments = samples.map((a) => JSON.stringify(a))
    const records = samples.slice(0, 4).map((a) => JSON.stringify(core.evaluate(compiled, a)))
    packs.push({ id: input.id, version: input.version, text: JSON.stringify(input), compiled, assessments, records, single: core.createRegistry([input]) })
  }
  // real forms, from the template writers, for a few packs (each costs a workbook)
  const forms = []
  for (const p of packs.filter((q, i) => i % 3 === 0 || q.id.includes('commune'))) {
    const a = JSON.parse(p.assessments[0])
    const filled = await xlsx.writeFilledWorkbook(p.compiled, a)
    const parts = unzip(filled)
    const result = core.evaluate(p.compiled, a, { trace: true })
    const rows = csv.parseCsv(csv.writeTemplateCsv(p.compiled, { period: a.period }))
    for (const r of rows) {
      if (r[0] === 'Tên đơn vị:') r[1] = a.unit?.name ?? a.unitId
      else if (r[0] === 'Mã đơn vị:') r[1] = a.unitId
      const t = result.node(r[0])?.trace
      const claimed = t?.selfScore ?? t?.computed
      if (claimed !== undefined && r.length >= 4 && p.compiled.node(r[0])?.source !== 'survey') r[3] = viNumber(claimed.round(2, 'down').toString())
    }
    forms.push({ pack: p, period: a.period, unitId: a.unitId, parts, rows, xlsxBytes: filled })
  }
  // the facts and survey tables a CLI run reads beside the forms
  const tables = []
  for (const p of packs) {
    const facts = [['Mã đơn vị', 'Dữ kiện', 'Giá trị']]
    const survey = [['Mã đơn vị', 'Mã tiêu chí', 'A', 'B', 'C', 'D']]
    for (const text of p.assessments.slice(0, 3)) {
      const a = JSON.parse(text)
      for (const [k, v] of Object.entries(a.facts ?? {})) facts.push([a.unitId, k, viNumber(v)])
      for (const [code, s] of Object.entries(a.survey ?? {})) if (s.answers) survey.push([a.unitId, code, ...['A', 'B', 'C', 'D'].map((x) => String(s.answers[x] ?? 0))])
    }
    if (facts.length > 1) tables.push({ pack: p, kind: 'facts', rows: facts })
    if (survey.length > 1) tables.push({ pack: p, kind: 'survey', rows: survey })
  }
  // the packs' own test files (YAML), parsed
  const packTests = []
  for (const f of readdirSync(packDir).filter((f) => f.endsWith('.test.yaml'))) {
    const data = parseYaml(readFileSync(join(packDir, f), 'utf8'))
    const id = String(data.pack).split('@')[0]
    const p = packs.find((x) => x.id === id)
    if (p) packTests.push({ pack: p, file: f, text: JSON.stringify(data) })
  }
  return { core, csv, xlsx, registry, packs, forms, tables, packTests }
}
