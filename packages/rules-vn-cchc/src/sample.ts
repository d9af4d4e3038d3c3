/**
 * A seeded generator of a realistic sample province: departments (sở), districts (huyện,
 * before the 2025 merger) and about 100 communes, wards and townships over 2021–2025, with
 * self scores, evidence, appraisals, survey answers and deductions — all synthetic, for
 * examples, tests and benchmarks. Same seed → byte-identical output.
 */
import type { AssessmentInput, ConditionInput, CriterionInput, EvidenceInput, PackInput, UnitInput } from '@chiso/core'
import { vnCchc } from './packs.js'
import { seededRandom } from '@chiso/core'

// ---------------------------------------------------------------------------------------
// PRNG

/**
 * mulberry32: a tiny, fast, seeded 32-bit PRNG (core's `seededRandom`). Returns a function
 * giving numbers in [0, 1). The sample generator uses it instead of `Math.random` so output
 * is reproducible.
 *
 * @example
 * ```ts
 * import { mulberry32 } from '@chiso/rules-vn-cchc'
 * const rnd = mulberry32(42)
 * rnd() === mulberry32(42)() // true
 * ```
 */
export const mulberry32: (seed: number) => () => number = seededRandom

/** FNV-1a 32-bit hash of a string, to derive one stream per unit and year. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

interface Rng {
  (): number
  int(lo: number, hi: number): number
  pick<T>(xs: readonly T[]): T
  chance(p: number): boolean
  noise(scale: number): number
}

function rng(seed: number): Rng {
  const next = mulberry32(seed)
  const r = (() => next()) as Rng
  r.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1))
  r.pick = (xs) => xs[Math.floor(next() * xs.length)]!
  r.chance = (p) => next() < p
  r.noise = (scale) => (next() + next() - 1) * scale
  return r
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x)
const round1 = (x: number): number => Math.round(x * 10) / 10

// ---------------------------------------------------------------------------------------
// public types

/** Options of {@link generateSampleProvince}. */
export interface SampleOptions {
  /** PRNG seed (default 2025) */
  readonly seed?: number
  /** assessment years, each within 2020–2030 (default 2021–2025) */
  readonly years?: readonly number[]
}

/** The assessments of one year under one pack. */
export interface SamplePackAssessments {
  /** the pack in force on 31 December of the year, e.g. "vn-cchc/commune-2019" */
  readonly packId: string
  readonly family: string
  readonly assessments: AssessmentInput[]
}

/** One assessment year. */
export interface SampleYear {
  readonly year: number
  /** the date the packs were resolved for (31 December of the year) */
  readonly date: string
  readonly packs: SamplePackAssessments[]
}

/** A generated sample province. */
export interface SampleProvince {
  readonly seed: number
  readonly province: UnitInput
  /** every unit: departments, districts, communes / wards / townships, before and after the 2025 merger */
  readonly units: UnitInput[]
  readonly years: SampleYear[]
}

// ---------------------------------------------------------------------------------------
// the province's units

const PROVINCE: UnitInput = {
  id: 'hong-lam',
  name: 'Tỉnh Hồng Lam (dữ liệu mẫu)',
  kind: 'province',
  attributes: { synthetic: true },
}

interface DeptDef {
  id: string
  name: string
  abbr: string
}
const DEPARTMENTS: DeptDef[] = [
  { id: 'so-noi-vu', name: 'Sở Nội vụ', abbr: 'SNV' },
  { id: 'so-tu-phap', name: 'Sở Tư pháp', abbr: 'STP' },
  { id: 'so-ke-hoach-dau-tu', name: 'Sở Kế hoạch và Đầu tư', abbr: 'SKHĐT' },
  { id: 'so-tai-chinh', name: 'Sở Tài chính', abbr: 'STC' },
  { id: 'so-cong-thuong', name: 'Sở Công Thương', abbr: 'SCT' },
  { id: 'so-nong-nghiep-ptnt', name: 'Sở Nông nghiệp và Phát triển nông thôn', abbr: 'SNN' },
  { id: 'so-giao-thong-van-tai', name: 'Sở Giao thông vận tải', abbr: 'SGTVT' },
  { id: 'so-xay-dung', name: 'Sở Xây dựng', abbr: 'SXD' },
  { id: 'so-tai-nguyen-moi-truong', name: 'Sở Tài nguyên và Môi trường', abbr: 'STNMT' },
  { id: 'so-thong-tin-truyen-thong', name: 'Sở Thông tin và Truyền thông', abbr: 'STTTT' },
  { id: 'so-lao-dong-tbxh', name: 'Sở Lao động - Thương binh và Xã hội', abbr: 'SLĐTBXH' },
  { id: 'so-van-hoa-the-thao-du-lich', name: 'Sở Văn hóa, Thể thao và Du lịch', abbr: 'SVHTTDL' },
  { id: 'so-khoa-hoc-cong-nghe', name: 'Sở Khoa học và Công nghệ', abbr: 'SKHCN' },
  { id: 'so-giao-duc-dao-tao', name: 'Sở Giáo dục và Đào tạo', abbr: 'SGDĐT' },
  { id: 'so-y-te', name: 'Sở Y tế', abbr: 'SYT' },
  { id: 'thanh-tra-tinh', name: 'Thanh tra tỉnh', abbr: 'TTr' },
  { id: 'van-phong-ubnd-tinh', name: 'Văn phòng UBND tỉnh', abbr: 'VP' },
]
/** Departments merged on 2025-03-01 (the 2025 restructuring of provincial departments). */
const DEPT_MERGERS: { id: string; name: string; abbr: string; from: string[] }[] = [
  { id: 'so-tai-chinh-2025', name: 'Sở Tài chính', abbr: 'STC', from: ['so-ke-hoach-dau-tu', 'so-tai-chinh'] },
  { id: 'so-nong-nghiep-moi-truong', name: 'Sở Nông nghiệp và Môi trường', abbr: 'SNNMT', from: ['so-nong-nghiep-ptnt', 'so-tai-nguyen-moi-truong'] },
  { id: 'so-xay-dung-2025', name: 'Sở Xây dựng', abbr: 'SXD', from: ['so-giao-thong-van-tai', 'so-xay-dung'] },
  { id: 'so-khoa-hoc-cong-nghe-2025', name: 'Sở Khoa học và Công nghệ', abbr: 'SKHCN', from: ['so-khoa-hoc-cong-nghe', 'so-thong-tin-truyen-thong'] },
  { id: 'so-noi-vu-2025', name: 'Sở Nội vụ', abbr: 'SNV', from: ['so-noi-vu', 'so-lao-dong-tbxh'] },
]
const DEPT_MERGE_DATE = '2025-03-01'

interface DistrictDef {
  name: string
  type: 'huyện' | 'thị xã' | 'thành phố'
  region: 'đô thị' | 'đồng bằng' | 'ven biển' | 'miền núi'
  communes: string[]
  /** sizes of the groups of consecutive communes merged on 2025-07-01 */
  merge: number[]
  merged: string[]
}
const DISTRICTS: DistrictDef[] = [
  {
    name: 'Thành phố Hồng Lam',
    type: 'thành phố',
    region: 'đô thị',
    communes: ['Phường Bắc Hà', 'Phường Nam Hà', 'Phường Tân Giang', 'Phường Trần Phú', 'Phường Nguyễn Du', 'Phường Đại Nài', 'Phường Hà Huy Tập', 'Phường Văn Yên', 'Phường Thạch Linh', 'Phường Thạch Quý', 'Xã Thạch Trung', 'Xã Thạch Hạ', 'Xã Đồng Môn'],
    merge: [4, 3, 3, 3],
    merged: ['Phường Thành Sen', 'Phường Trần Phú', 'Phường Hà Huy Tập', 'Xã Đồng Tiến'],
  },
  {
    name: 'Thị xã Hồng Lĩnh',
    type: 'thị xã',
    region: 'đô thị',
    communes: ['Phường Bắc Hồng', 'Phường Nam Hồng', 'Phường Đức Thuận', 'Phường Trung Lương', 'Phường Đậu Liêu', 'Xã Thuận Lộc'],
    merge: [3, 3],
    merged: ['Phường Bắc Hồng Lĩnh', 'Phường Nam Hồng Lĩnh'],
  },
  {
    name: 'Huyện Thạch Hà',
    type: 'huyện',
    region: 'ven biển',
    communes: ['Thị trấn Thạch Hà', 'Xã Thạch Hải', 'Xã Thạch Kênh', 'Xã Thạch Sơn', 'Xã Thạch Liên', 'Xã Thạch Khê', 'Xã Thạch Long', 'Xã Thạch Đài', 'Xã Thạch Trị', 'Xã Thạch Lạc', 'Xã Thạch Ngọc', 'Xã Thạch Văn', 'Xã Thạch Thắng', 'Xã Thạch Xuân', 'Xã Thạch Hội'],
    merge: [3, 3, 3, 3, 3],
    merged: ['Xã Thạch Hà', 'Xã Thạch Khê', 'Xã Đông Kinh', 'Xã Việt Xuyên', 'Xã Toàn Lưu'],
  },
  {
    name: 'Huyện Can Lộc',
    type: 'huyện',
    region: 'đồng bằng',
    communes: ['Thị trấn Nghèn', 'Xã Thiên Lộc', 'Xã Thuần Thiện', 'Xã Vượng Lộc', 'Xã Thanh Lộc', 'Xã Kim Song Trường', 'Xã Thường Nga', 'Xã Tùng Lộc', 'Xã Phú Lộc', 'Xã Gia Hanh', 'Xã Khánh Vĩnh Yên', 'Xã Trung Lộc', 'Xã Xuân Lộc', 'Xã Quang Lộc', 'Xã Đồng Lộc', 'Xã Mỹ Lộc'],
    merge: [4, 4, 4, 4],
    merged: ['Xã Can Lộc', 'Xã Tùng Lộc', 'Xã Gia Hanh', 'Xã Đồng Lộc'],
  },
  {
    name: 'Huyện Cẩm Xuyên',
    type: 'huyện',
    region: 'ven biển',
    communes: ['Thị trấn Cẩm Xuyên', 'Thị trấn Thiên Cầm', 'Xã Cẩm Bình', 'Xã Cẩm Vịnh', 'Xã Cẩm Thành', 'Xã Cẩm Quang', 'Xã Cẩm Thạch', 'Xã Cẩm Nhượng', 'Xã Cẩm Duệ', 'Xã Cẩm Hưng', 'Xã Cẩm Lạc', 'Xã Cẩm Minh', 'Xã Cẩm Sơn', 'Xã Cẩm Trung'],
    merge: [4, 3, 4, 3],
    merged: ['Xã Cẩm Xuyên', 'Xã Thiên Cầm', 'Xã Cẩm Duệ', 'Xã Cẩm Trung'],
  },
  {
    name: 'Huyện Hương Khê',
    type: 'huyện',
    region: 'miền núi',
    communes: ['Thị trấn Hương Khê', 'Xã Điền Mỹ', 'Xã Hà Linh', 'Xã Hương Thủy', 'Xã Hòa Hải', 'Xã Phúc Đồng', 'Xã Hương Giang', 'Xã Lộc Yên', 'Xã Hương Bình', 'Xã Hương Long', 'Xã Phú Gia', 'Xã Gia Phố', 'Xã Phú Phong'],
    merge: [4, 3, 3, 3],
    merged: ['Xã Hương Khê', 'Xã Hương Phố', 'Xã Hương Bình', 'Xã Phúc Trạch'],
  },
  {
    name: 'Huyện Đức Thọ',
    type: 'huyện',
    region: 'đồng bằng',
    communes: ['Thị trấn Đức Thọ', 'Xã Tùng Ảnh', 'Xã Yên Hồ', 'Xã Liên Minh', 'Xã Đức Đồng', 'Xã Đức Lạng', 'Xã Tân Hương', 'Xã Lâm Trung Thủy', 'Xã Bùi La Nhân', 'Xã Thanh Bình Thịnh', 'Xã Trường Sơn'],
    merge: [4, 4, 3],
    merged: ['Xã Đức Thọ', 'Xã Đức Đồng', 'Xã Đức Thịnh'],
  },
  {
    name: 'Huyện Kỳ Anh',
    type: 'huyện',
    region: 'miền núi',
    communes: ['Xã Kỳ Xuân', 'Xã Kỳ Bắc', 'Xã Kỳ Phú', 'Xã Kỳ Phong', 'Xã Kỳ Tiến', 'Xã Kỳ Giang', 'Xã Kỳ Đồng', 'Xã Kỳ Khang', 'Xã Kỳ Văn', 'Xã Kỳ Trung', 'Xã Kỳ Tây', 'Xã Kỳ Thượng'],
    merge: [4, 4, 4],
    merged: ['Xã Kỳ Xuân', 'Xã Kỳ Anh', 'Xã Kỳ Khang'],
  },
]
const MERGER_DATE = '2025-07-01'
const LAST_DAY_BEFORE_MERGER = '2025-06-30'

/** ASCII slug of a Vietnamese name: "Xã Thạch Hải" → "thach-hai". */
function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function communeKind(name: string): 'commune' | 'ward' | 'township' {
  return name.startsWith('Phường') ? 'ward' : name.startsWith('Thị trấn') ? 'township' : 'commune'
}
const KIND_PREFIX = { commune: 'xa', ward: 'phuong', township: 'tt' } as const
const bareName = (name: string): string => name.replace(/^(Xã|Phường|Thị trấn) /, '')

interface UnitMeta {
  unit: UnitInput
  /** issuer prefix in document numbers, e.g. "UBND" or "SNV" */
  abbr: string
  issuer: string
  /** who appraises this unit before / after the merger */
  appraiser: string
}

function buildUnits(r: Rng): UnitMeta[] {
  const out: UnitMeta[] = []
  const sonv = 'Tổ thẩm định Sở Nội vụ'
  for (const d of DEPARTMENTS) {
    const merged = DEPT_MERGERS.some((m) => m.from.includes(d.id))
    const unit: UnitInput = { id: d.id, name: d.name, kind: 'department', parentId: PROVINCE.id, group: 'so', attributes: { staff: r.int(40, 160) } }
    if (merged) unit.validTo = '2025-02-28'
    out.push({ unit, abbr: d.abbr, issuer: d.name, appraiser: sonv })
  }
  for (const m of DEPT_MERGERS) {
    const unit: UnitInput = { id: m.id, name: m.name, kind: 'department', parentId: PROVINCE.id, group: 'so', validFrom: DEPT_MERGE_DATE, predecessors: m.from, attributes: { staff: r.int(90, 220) } }
    out.push({ unit, abbr: m.abbr, issuer: m.name, appraiser: sonv })
  }
  for (const d of DISTRICTS) {
    const did = `${d.type === 'huyện' ? 'huyen' : d.type === 'thị xã' ? 'tx' : 'tp'}-${slug(d.name.replace(/^(Huyện|Thị xã|Thành phố) /, ''))}`
    const district: UnitInput = {
      id: did,
      name: d.name,
      kind: 'district',
      parentId: PROVINCE.id,
      validTo: LAST_DAY_BEFORE_MERGER,
      group: 'huyen',
      attributes: { type: d.type, region: d.region },
    }
    out.push({ unit: district, abbr: 'UBND', issuer: `UBND ${d.name.charAt(0).toLowerCase()}${d.name.slice(1)}`, appraiser: sonv })
    const oldIds: string[] = []
    for (const name of d.communes) {
      const kind = communeKind(name)
      const id = `${KIND_PREFIX[kind]}-${slug(bareName(name))}`
      oldIds.push(id)
      out.push({
        unit: {
          id,
          name,
          kind,
          parentId: did,
          validTo: LAST_DAY_BEFORE_MERGER,
          group: kind === 'commune' ? 'xa' : 'phuong-thi-tran',
          attributes: { region: d.region, population: r.int(kind === 'commune' ? 4 : 7, kind === 'commune' ? 14 : 22) * 1000, areaKm2: r.int(kind === 'commune' ? 12 : 3, kind === 'commune' ? 60 : 15) },
        },
        abbr: 'UBND',
        issuer: `UBND ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
        appraiser: `Tổ thẩm định UBND ${d.name.charAt(0).toLowerCase()}${d.name.slice(1)}`,
      })
    }
    let k = 0
    d.merge.forEach((size, gi) => {
      const name = d.merged[gi]!
      const kind = name.startsWith('Phường') ? 'ward' : 'commune'
      const predecessors = oldIds.slice(k, k + size)
      k += size
      out.push({
        unit: {
          id: `${kind === 'ward' ? 'phuong' : 'xa'}-${slug(bareName(name))}-2025`,
          name,
          kind,
          parentId: PROVINCE.id,
          validFrom: MERGER_DATE,
          predecessors,
          group: kind === 'ward' ? 'phuong' : 'xa',
          attributes: { region: d.region, formerDistrict: d.name },
        },
        abbr: 'UBND',
        issuer: `UBND ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
        appraiser: sonv,
      })
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------
// the packs' leaves, read once per pack

type Rule = { kind: string; [k: string]: unknown }
interface LeafPlan {
  code: string
  max: number
  source: 'self' | 'survey' | 'computed'
  rule: Rule
  evidenceRequired: boolean
}
interface PackPlan {
  id: string
  family: string
  leaves: LeafPlan[]
  codes: Set<string>
  adjustments: NonNullable<PackInput['adjustments']>
  applicabilityFacts: string[]
}
const planCache = new Map<string, PackPlan>()

function planOf(pack: PackInput): PackPlan {
  const key = `${pack.id}@${pack.version}`
  const cached = planCache.get(key)
  if (cached) return cached
  const leaves: LeafPlan[] = []
  const codes = new Set<string>()
  const applicabilityFacts: string[] = []
  const walk = (c: CriterionInput): void => {
    codes.add(c.code)
    if (c.applicability && 'fact' in c.applicability) applicabilityFacts.push(c.applicability.fact)
    if (c.children && c.children.length > 0) {
      c.children.forEach(walk)
      return
    }
    const source = c.source ?? 'self'
    leaves.push({
      code: c.code,
      max: Number(c.maxPoints),
      source,
      rule: (c.rule ?? { kind: source === 'survey' ? 'survey' : 'manual' }) as Rule,
      evidenceRequired: c.evidence?.required === true,
    })
  }
  ;((pack.criteria ?? []) as CriterionInput[]).forEach(walk)
  const plan: PackPlan = { id: pack.id, family: pack.family ?? pack.id, leaves, codes, adjustments: pack.adjustments ?? [], applicabilityFacts }
  planCache.set(key, plan)
  return plan
}

// ---------------------------------------------------------------------------------------
// facts

type Level = 'commune' | 'district' | 'department'

/** Totals (denominators) by level: [low, high]. */
const TOTALS: Record<string, Record<Level, [number, number]>> = {
  dossiersTotal: { commune: [300, 2500], district: [3000, 15000], department: [800, 25000] },
  proceduresTotal: { commune: [95, 130], district: [190, 260], department: [40, 180] },
  proceduresToPublish: { commune: [2, 20], district: [5, 30], department: [5, 40] },
  feedbackReceived: { commune: [0, 8], district: [2, 30], department: [0, 20] },
  legalDocsPlanned: { commune: [0, 4], district: [1, 8], department: [2, 12] },
  staffTotal: { commune: [18, 26], district: [70, 140], department: [40, 220] },
  docsSentTotal: { commune: [300, 1800], district: [2500, 9000], department: [1500, 8000] },
  paymentsTotal: { commune: [50, 900], district: [400, 5000], department: [200, 9000] },
  publicServiceUnits: { commune: [1, 3], district: [20, 80], department: [1, 8] },
}

/** Base share of a numerator in its total, by year (improving), before the unit's quality. */
function baseShare(name: string, year: number): number {
  const y = clamp(year - 2021, 0, 6)
  switch (name) {
    case 'dossiersOnTime':
      return 0.955 + 0.006 * y
    case 'paymentsOnline':
      return 0.15 + 0.12 * y
    case 'dossiersDigitised':
    case 'resultsDigitised':
      return 0.35 + 0.13 * y
    case 'docsSentElectronically':
      return 0.86 + 0.03 * y
    case 'autonomousUnits':
      return 0.2 + 0.05 * y
    case 'dossiersOnline':
      return 0.2 + 0.12 * y
    default:
      return 0.9
  }
}

/** Percent-valued facts: a value for quality q in year y. */
function percentFact(name: string, q: number, year: number, r: Rng): number {
  const y = clamp(year - 2021, 0, 6)
  switch (name) {
    case 'onlineDossierPercent':
      return round1(clamp(15 + 12 * y + 30 * (q - 0.75) + r.noise(10), 0, 100))
    case 'staffReductionPercent':
      return round1(clamp(7 + 8 * (q - 0.75) + r.noise(4), 0, 20))
    case 'revenuePercent':
      return round1(clamp(100 + 40 * (q - 0.75) + r.noise(12), 60, 160))
    case 'disbursementPercent':
      return round1(clamp(85 + 40 * (q - 0.75) + r.noise(10), 40, 100))
    case 'inspectedUnitsPercent':
      return round1(clamp(30 + 40 * (q - 0.75) + r.noise(10), 0, 100))
    case 'staffGoodOrBetterPercent':
      return round1(clamp(80 + 40 * (q - 0.75) + r.noise(10), 30, 100))
    default:
      return round1(clamp(88 + 50 * (q - 0.75) + r.noise(8), 40, 100))
  }
}

function makeFacts(plan: PackPlan, level: Level, q: number, year: number, r: Rng): Record<string, unknown> {
  const facts: Record<string, unknown> = {}
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(facts, k)
  const total = (name: string): number => {
    if (!has(name)) {
      const range = TOTALS[name]?.[level] ?? [10, 100]
      facts[name] = r.int(range[0], range[1])
    }
    return facts[name] as number
  }
  const yes = (p: number): boolean => r.chance(clamp(p, 0, 1))
  for (const leaf of plan.leaves) {
    const rule = leaf.rule
    switch (rule.kind) {
      case 'boolean': {
        const f = rule.fact as string | undefined
        if (f && !has(f)) facts[f] = yes(0.62 + 0.38 * q + r.noise(0.05))
        break
      }
      case 'choice': {
        const f = rule.fact as string | undefined
        if (!f || has(f)) break
        const opts = [...(rule.options as { value: string; points: number }[])].sort((a, b) => b.points - a.points)
        const x = r()
        const pBest = clamp(0.45 + 0.55 * q, 0, 0.97)
        facts[f] = x < pBest ? opts[0]!.value : x < pBest + (1 - pBest) * 0.75 ? opts[Math.min(1, opts.length - 1)]!.value : opts[opts.length - 1]!.value
        break
      }
      case 'steps': {
        const f = rule.fact as string
        if (has(f)) break
        if (/Percent$/.test(f)) facts[f] = percentFact(f, q, year, r)
        else {
          const mins = (rule.steps as { min: number }[]).map((s) => s.min)
          const hi = Math.max(...mins)
          facts[f] = clamp(Math.round(hi * (0.5 + 0.6 * q) + r.noise(1)), 0, hi + 2)
        }
        break
      }
      case 'ratio': {
        const num = rule.numerator as string
        const den = rule.denominator as string | undefined
        if (has(num)) break
        const d = den === undefined ? Number(rule.of) : total(den)
        const share = clamp(baseShare(num, year) + 0.25 * (q - 0.75) + r.noise(0.04), 0, 1)
        facts[num] = Math.round(d * share)
        break
      }
      case 'count': {
        const f = rule.fact as string
        if (!has(f)) facts[f] = clamp(Math.round((Number(rule.cap ?? leaf.max) / Number(rule.pointsEach)) * (0.3 + 0.9 * q) + r.noise(1.2)), 0, 9)
        break
      }
      case 'conditions': {
        if (!has('initiatives')) facts['initiatives'] = clamp(Math.round(2.5 * q - 0.8 + r.noise(1)), 0, 4)
        if (!has('initiativeRecognised')) facts['initiativeRecognised'] = (facts['initiatives'] as number) > 0 && yes(0.2 + 0.6 * q)
        break
      }
      default:
        break
    }
  }
  for (const f of plan.applicabilityFacts) if (!has(f)) facts[f] = level === 'commune' ? yes(0.4) : yes(0.92)
  // consistency: late dossiers without apology, reprimands, bonus condition
  for (const a of plan.adjustments) {
    const amt = a.amount
    if (amt.kind === 'per' && !has(amt.fact)) {
      if (amt.fact === 'lateDossiersWithoutApology') {
        const late = has('dossiersTotal') && has('dossiersOnTime') ? (facts['dossiersTotal'] as number) - (facts['dossiersOnTime'] as number) : 0
        facts[amt.fact] = facts['apologiesForLateDossiers'] === true || late === 0 ? 0 : Math.min(late, r.int(1, 7))
      } else {
        facts[amt.fact] = r.chance(0.25 * (1.2 - q)) ? r.int(1, 3) : 0
      }
    } else if (amt.kind === 'fixed' && amt.when !== undefined) {
      const when = amt.when as ConditionInput
      if ('fact' in when && !has(when.fact)) facts[when.fact] = facts['initiativeRecognised'] === true && yes(0.5)
    }
  }
  return facts
}

// ---------------------------------------------------------------------------------------
// evidence, appraisal, survey

const EVIDENCE_DOCS: Record<string, { kind: 'KH' | 'BC' | 'QĐ'; title: (y: number) => string }> = {
  '1.1.1': { kind: 'KH', title: (y) => `Kế hoạch cải cách hành chính năm ${y}` },
  '1.2.1': { kind: 'BC', title: (y) => `Báo cáo kết quả thực hiện công tác cải cách hành chính năm ${y}` },
  '1.4.1': { kind: 'KH', title: (y) => `Kế hoạch tuyên truyền cải cách hành chính năm ${y}` },
  '2.2.1': { kind: 'KH', title: (y) => `Kế hoạch rà soát, hệ thống hóa văn bản quy phạm pháp luật năm ${y}` },
  '3.3.1': { kind: 'KH', title: (y) => `Kế hoạch rà soát, đánh giá thủ tục hành chính năm ${y}` },
  '6.2.1': { kind: 'QĐ', title: (y) => `Quyết định ban hành Quy chế chi tiêu nội bộ năm ${y}` },
  '7.4.1': { kind: 'QĐ', title: () => 'Quyết định công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015' },
}

const MANUAL_REASONS = [
  'Tài liệu kiểm chứng chưa đầy đủ, chưa chứng minh được kết quả tự chấm',
  'Tự chấm cao hơn kết quả thực tế',
  'Chưa có báo cáo đánh giá kết quả thực hiện',
  'Nội dung thực hiện chưa đảm bảo theo hướng dẫn của Sở Nội vụ',
  'Tài liệu kiểm chứng ban hành ngoài kỳ đánh giá',
]
const BOOLEAN_REASONS: Record<string, string> = {
  '1.2.1': 'Báo cáo CCHC quý IV gửi chậm so với thời hạn quy định',
  '1.2.2': 'Báo cáo thiếu số liệu về kết quả giải quyết thủ tục hành chính',
  '3.1.1': 'Kiểm tra thực tế: niêm yết TTHC tại Bộ phận một cửa chưa cập nhật',
  '5.2.1': 'Có công chức bị xử lý kỷ luật khiển trách trong năm',
  '6.2.2': 'Chưa công khai quyết toán ngân sách đúng thời hạn',
  '7.1.2': 'Tỷ lệ văn bản ký số còn thấp, chưa đáp ứng yêu cầu',
}

function surveyAnswers(q: number, respondents: number, r: Rng): Record<string, number> {
  const pA = clamp(0.3 + 0.6 * (q - 0.5) + r.noise(0.08), 0.05, 0.95)
  const pB = clamp((1 - pA) * 0.65, 0, 1)
  const pC = clamp((1 - pA - pB) * 0.7, 0, 1)
  const c = { A: 0, B: 0, C: 0, D: 0 }
  for (let i = 0; i < respondents; i++) {
    const x = r()
    if (x < pA) c.A++
    else if (x < pA + pB) c.B++
    else if (x < pA + pB + pC) c.C++
    else c.D++
  }
  return c
}

function assess(meta: UnitMeta, plan: PackPlan, year: number, q: number, r: Rng): AssessmentInput {
  const unit = meta.unit
  const level: Level = unit.kind === 'department' ? 'department' : unit.kind === 'district' ? 'district' : 'commune'
  const facts = makeFacts(plan, level, q, year, r)
  const selfScores: Record<string, number> = {}
  const survey: Record<string, { answers: Record<string, number> }> = {}
  const manualLeaves: LeafPlan[] = []
  const respondents = level === 'commune' ? r.int(25, 60) : r.int(40, 120)
  for (const leaf of plan.leaves) {
    if (leaf.source === 'survey') {
      survey[leaf.code] = { answers: surveyAnswers(q, respondents, r) }
    } else if (leaf.rule.kind === 'manual') {
      const step = Number(leaf.rule.step ?? 0.25)
      const n = Math.round(leaf.max / step)
      const k = clamp(Math.round(n * (0.55 + 0.5 * q + r.noise(0.15))), 0, n)
      selfScores[leaf.code] = k * step
      manualLeaves.push(leaf)
    }
  }
  // evidence (tài liệu kiểm chứng)
  const evidence: EvidenceInput[] = []
  const explanations: Record<string, string> = {}
  let docNo = r.int(5, 60)
  for (const [code, doc] of Object.entries(EVIDENCE_DOCS)) {
    if (!plan.codes.has(code)) continue
    const required = plan.leaves.find((l) => l.code === code)?.evidenceRequired === true
    if (required && r.chance(0.04 + 0.1 * (1 - q))) {
      explanations[code] = 'Văn bản đã ban hành nhưng chưa được số hóa, đơn vị đang bổ sung tài liệu kiểm chứng'
      continue
    }
    const late = code === '1.1.1' && facts['planIssued'] === 'late'
    const month = doc.kind === 'BC' ? 12 : late ? r.int(3, 4) : r.int(1, 2)
    const day = r.int(2, 28)
    docNo += r.int(3, 40)
    evidence.push({
      id: `${unit.id}-${year}-${code}`,
      number: `${docNo}/${doc.kind}-${meta.abbr}`,
      issuer: meta.issuer,
      issuedOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      title: doc.title(year),
      criteria: [code],
    })
  }
  // appraisal: lowers some self scores (and some fact-based yes/no results) with reasons
  const appraisals: NonNullable<AssessmentInput['appraisals']> = []
  if (r.chance(0.35 + 0.45 * (1 - q))) {
    const changes: { code: string; points: number; reason: string }[] = []
    const lowerable = manualLeaves.filter((l) => (selfScores[l.code] ?? 0) > 0)
    const nManual = Math.min(lowerable.length, r.int(1, 3))
    const used = new Set<string>()
    for (let i = 0; i < nManual; i++) {
      const leaf = r.pick(lowerable)
      if (used.has(leaf.code)) continue
      used.add(leaf.code)
      const step = Number(leaf.rule.step ?? 0.25)
      const cur = selfScores[leaf.code]!
      const to = Math.max(0, cur - step * r.int(1, 2))
      changes.push({ code: leaf.code, points: to, reason: r.pick(MANUAL_REASONS) })
    }
    for (const [code, reason] of Object.entries(BOOLEAN_REASONS)) {
      const leaf = plan.leaves.find((l) => l.code === code)
      if (!leaf || leaf.rule.kind !== 'boolean') continue
      if (facts[leaf.rule.fact as string] === true && r.chance(0.08)) changes.push({ code, points: 0, reason })
    }
    if (changes.length > 0) {
      const at = `${year + 1}-01-${String(r.int(10, 25)).padStart(2, '0')}`
      appraisals.push({ round: 1, reviewer: meta.appraiser, at, changes })
      // a second round (hội đồng thẩm định) sometimes accepts added evidence for one change
      if (r.chance(0.15)) {
        const first = changes[0]!
        const restored = plan.leaves.find((l) => l.code === first.code)?.rule.kind === 'manual' ? selfScores[first.code]! : first.points
        appraisals.push({
          round: 2,
          reviewer: 'Hội đồng thẩm định Chỉ số CCHC tỉnh',
          at: `${year + 1}-02-${String(r.int(1, 20)).padStart(2, '0')}`,
          changes: [{ code: first.code, points: restored, reason: 'Đơn vị bổ sung tài liệu kiểm chứng sau thẩm định, chấp nhận điểm tự chấm' }],
        })
      }
    }
  }
  // entered deductions and bonuses
  const adjustments: Record<string, number> = {}
  for (const a of plan.adjustments) {
    if (a.amount.kind !== 'entered') continue
    const cap = a.cap === undefined ? 1 : Number(a.cap)
    const p = a.type === 'deduction' ? 0.12 * (1.3 - q) : 0.1 * q
    if (r.chance(p)) adjustments[a.id] = Math.min(cap, 0.25 * r.int(1, 4))
  }
  const out: AssessmentInput = { unitId: unit.id, period: String(year), unit, group: unit.group ?? 'all', facts, selfScores, evidence, survey }
  if (Object.keys(explanations).length > 0) out.explanations = explanations
  if (appraisals.length > 0) out.appraisals = appraisals
  if (Object.keys(adjustments).length > 0) out.adjustments = adjustments
  return out
}

// ---------------------------------------------------------------------------------------

const FAMILY_OF: Record<string, string> = {
  department: 'vn-cchc/department',
  district: 'vn-cchc/district',
  commune: 'vn-cchc/commune',
  ward: 'vn-cchc/commune',
  township: 'vn-cchc/commune',
}

/**
 * Generates a realistic, fully synthetic sample province ("Tỉnh Hồng Lam"): 17 departments
 * (5 pairs merged on 2025-03-01), 8 districts ending 2025-06-30, 100 communes / wards /
 * townships before the 2025-07-01 merger and 29 merged communes / wards after it, each with
 * `validFrom` / `validTo` and `predecessors`. For each year it resolves, through the
 * registry, the pack in force on 31 December for each unit kind and builds an assessment
 * per unit in existence that day: facts, self scores, evidence (e.g. "45/KH-UBND"),
 * appraisal rounds with reasons, survey answers, deductions and bonuses.
 *
 * Deterministic: a seeded mulberry32 stream per unit and year, never `Math.random`; the
 * same seed gives byte-identical JSON.
 *
 * @example
 * ```ts
 * import { evaluateBatch } from '@chiso/core'
 * import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
 * const sample = generateSampleProvince({ seed: 7 })
 * for (const y of sample.years)
 *   for (const p of y.packs) {
 *     const batch = evaluateBatch(vnCchc.compile(p.packId), p.assessments)
 *     console.log(y.year, p.packId, batch.units.length)
 *   }
 * ```
 */
export function generateSampleProvince(options: SampleOptions = {}): SampleProvince {
  const seed = (options.seed ?? 2025) >>> 0
  const years = [...(options.years ?? [2021, 2022, 2023, 2024, 2025])]
  for (const y of years) {
    if (!Number.isInteger(y) || y < 2020 || y > 2030) throw new RangeError(`year ${y} is outside 2020–2030 / năm ${y} ngoài khoảng 2020–2030`)
  }
  const metas = buildUnits(rng(seed ^ 0x5eed))
  // each unit's underlying quality (stable over the years), from its own stream
  const quality = new Map<string, number>()
  for (const m of metas) {
    const r = rng(seed ^ fnv1a(`q:${m.unit.id}`))
    quality.set(m.unit.id, clamp(0.55 + 0.42 * r() + r.noise(0.05), 0.5, 0.99))
  }
  const out: SampleYear[] = []
  for (const year of years) {
    const date = `${year}-12-31`
    const byPack = new Map<string, SamplePackAssessments>()
    const resolvedPlans = new Map<string, PackPlan | null>()
    for (const m of metas) {
      const u = m.unit
      const family = FAMILY_OF[u.kind]
      if (!family) continue
      if ((u.validFrom !== undefined && u.validFrom > date) || (u.validTo !== undefined && u.validTo < date)) continue
      const rkey = `${family}|${u.kind}`
      let plan = resolvedPlans.get(rkey)
      if (plan === undefined) {
        const resolved = vnCchc.resolve({ family, unitKind: u.kind, date })
        plan = resolved.ok ? planOf(resolved.value.source as PackInput) : null
        resolvedPlans.set(rkey, plan)
      }
      if (plan === null) continue
      let bucket = byPack.get(plan.id)
      if (!bucket) byPack.set(plan.id, (bucket = { packId: plan.id, family: plan.family, assessments: [] }))
      const r = rng(seed ^ fnv1a(`${u.id}:${year}`))
      const q = clamp(quality.get(u.id)! + 0.015 * (year - 2021) + r.noise(0.04), 0.4, 1)
      bucket.assessments.push(assess(m, plan, year, q, r))
    }
    out.push({ year, date, packs: [...byPack.values()] })
  }
  return { seed, province: PROVINCE, units: [PROVINCE, ...metas.map((m) => m.unit)], years: out }
}
