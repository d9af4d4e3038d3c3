/**
 * A seeded generator of a realistic sample province: departments (sở), districts (huyện,
 * before the 2025 merger) and about 100 communes, wards and townships over 2021–2025, with
 * self scores, evidence, appraisals, survey answers and deductions — all synthetic, for
 * examples, tests and benchmarks. Same seed → byte-identical output.
 *
 * Sample data must not be mistaken for real data: the province and every unit have invented
 * names, and the province, every unit and the result carry a `sample: true` marker.
 * Realistic where the facts file gives a figure (/work/shared/domain/par-index.md): survey
 * samples of 150–200 people per commune and 500–600 per district (Bình Dương 2018 SIPAS);
 * appraisal lowering self scores by about 2.13 points for departments and 3.71 for districts
 * on average (Nam Định 2020); band spreads like Khánh Hòa 2020 (29 Tốt, 11 Khá, 4 Trung bình)
 * and article 001 (12/16 communes khá, 04 trung bình, none tốt). Everything else is assumed.
 */
import type { AssessmentInput, ConditionInput, CriterionInput, EvidenceInput, PackInput, UnitInput } from '@chiso/core'
import { vnCchc } from './packs.js'
import { seededRandom } from '@chiso/core/analysis'

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

/**
 * One row of the survey team's results (điều tra xã hội học): one unit, one survey
 * criterion, the number of respondents giving each answer. The table `readSurveyGrid` of
 * `@chiso/adapters` reads has these columns ("Mã đơn vị", "Mã tiêu chí", A, B, C, D).
 */
export interface SampleSurveyRow {
  readonly unitId: string
  readonly unitName: string
  /** the survey criterion's code */
  readonly code: string
  /** people asked: 150–200 per commune, 500–600 per district (Bình Dương 2018 SIPAS) */
  readonly respondents: number
  /** respondents per answer, e.g. { A: 120, B: 52, C: 9, D: 3 } */
  readonly answers: Readonly<Record<string, number>>
}

/** The assessments of one year under one pack. */
export interface SamplePackAssessments {
  /** the pack in force on 31 December of the year, e.g. "vn-cchc/commune-2019" */
  readonly packId: string
  readonly family: string
  readonly assessments: AssessmentInput[]
  /**
   * the survey results of these units, one row per unit and survey criterion (the same
   * answers as the assessments' `survey`): what a survey team hands over, since units never
   * self-score survey criteria
   */
  readonly surveyResults: SampleSurveyRow[]
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
  /** always true: this is sample data, never a real province's results ("dữ liệu mẫu") */
  readonly sample: true
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
  attributes: { sample: true },
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
/**
 * Invented names, natural-looking but not real places (the sample once used real Hà Tĩnh
 * communes; sample data must never sit next to a real commune's name). Every unit also
 * carries `attributes.sample: true`, so outputs can say "dữ liệu mẫu".
 */
const DISTRICTS: DistrictDef[] = [
  {
    name: 'Thành phố Hồng Lam',
    type: 'thành phố',
    region: 'đô thị',
    communes: [
      'Phường Bằng Lăng',
      'Phường Phượng Vĩ',
      'Phường Mộc Miên',
      'Phường Lộc Vừng',
      'Phường Hoa Sữa',
      'Phường Tường Vi',
      'Phường Dạ Hương',
      'Phường Hoàng Lan',
      'Phường Trúc Đào',
      'Phường Thủy Tiên',
      'Xã Sơn Ca',
      'Xã Họa Mi',
      'Xã Vành Khuyên',
    ],
    merge: [4, 3, 3, 3],
    merged: ['Phường Hồng Lam', 'Phường Mộc Miên', 'Phường Hoàng Lan', 'Xã Sơn Ca'],
  },
  {
    name: 'Thị xã Lục Bảo',
    type: 'thị xã',
    region: 'đô thị',
    communes: ['Phường Hổ Phách', 'Phường Lục Bảo', 'Phường Lam Ngọc', 'Phường Bích Ngọc', 'Phường Mã Não', 'Xã Ngọc Trai'],
    merge: [3, 3],
    merged: ['Phường Bắc Lục Bảo', 'Phường Nam Lục Bảo'],
  },
  {
    name: 'Huyện Sông Mây',
    type: 'huyện',
    region: 'ven biển',
    communes: [
      'Thị trấn Sông Mây',
      'Xã Mây Hải',
      'Xã Mây Khê',
      'Xã Mây Lạc',
      'Xã Mây Đồng',
      'Xã Mây Phú',
      'Xã Mây Tiến',
      'Xã Mây Hòa',
      'Xã Mây Thịnh',
      'Xã Mây Trung',
      'Xã Mây Tây',
      'Xã Mây Ninh',
      'Xã Mây Bình',
      'Xã Mây Yên',
      'Xã Mây Lộc',
    ],
    merge: [3, 3, 3, 3, 3],
    merged: ['Xã Sông Mây', 'Xã Mây Khê', 'Xã Mây Phú', 'Xã Mây Trung', 'Xã Mây Bình'],
  },
  {
    name: 'Huyện Nhạn Sơn',
    type: 'huyện',
    region: 'đồng bằng',
    communes: [
      'Thị trấn Nhạn Sơn',
      'Xã Nhạn An',
      'Xã Nhạn Bình',
      'Xã Nhạn Thủy',
      'Xã Nhạn Long',
      'Xã Nhạn Phong',
      'Xã Nhạn Xuân',
      'Xã Nhạn Thành',
      'Xã Nhạn Hưng',
      'Xã Nhạn Mỹ',
      'Xã Nhạn Quang',
      'Xã Nhạn Tân',
      'Xã Nhạn Vĩnh',
      'Xã Nhạn Hợp',
      'Xã Nhạn Nghĩa',
      'Xã Nhạn Lợi',
    ],
    merge: [4, 4, 4, 4],
    merged: ['Xã Nhạn Sơn', 'Xã Nhạn Phong', 'Xã Nhạn Quang', 'Xã Nhạn Hợp'],
  },
  {
    name: 'Huyện Diệp Giang',
    type: 'huyện',
    region: 'ven biển',
    communes: [
      'Thị trấn Diệp Giang',
      'Thị trấn Diệp Hải',
      'Xã Diệp An',
      'Xã Diệp Bình',
      'Xã Diệp Thủy',
      'Xã Diệp Trung',
      'Xã Diệp Đông',
      'Xã Diệp Tây',
      'Xã Diệp Xuân',
      'Xã Diệp Minh',
      'Xã Diệp Kim',
      'Xã Diệp Thuận',
      'Xã Diệp Lộc',
      'Xã Diệp Phú',
    ],
    merge: [4, 3, 4, 3],
    merged: ['Xã Diệp Giang', 'Xã Diệp Hải', 'Xã Diệp Minh', 'Xã Diệp Lộc'],
  },
  {
    name: 'Huyện Huệ Lĩnh',
    type: 'huyện',
    region: 'miền núi',
    communes: [
      'Thị trấn Huệ Lĩnh',
      'Xã Huệ Sơn',
      'Xã Huệ Khê',
      'Xã Huệ Lâm',
      'Xã Huệ Phong',
      'Xã Huệ Thượng',
      'Xã Huệ Hạ',
      'Xã Huệ Đồng',
      'Xã Huệ Yên',
      'Xã Huệ Thủy',
      'Xã Huệ Hòa',
      'Xã Huệ Tân',
      'Xã Huệ Phúc',
    ],
    merge: [4, 3, 3, 3],
    merged: ['Xã Huệ Lĩnh', 'Xã Huệ Lâm', 'Xã Huệ Đồng', 'Xã Huệ Tân'],
  },
  {
    name: 'Huyện Oanh Châu',
    type: 'huyện',
    region: 'đồng bằng',
    communes: ['Thị trấn Oanh Châu', 'Xã Oanh Bình', 'Xã Oanh An', 'Xã Oanh Phú', 'Xã Oanh Hòa', 'Xã Oanh Thịnh', 'Xã Oanh Xuân', 'Xã Oanh Long', 'Xã Oanh Mỹ', 'Xã Oanh Thành', 'Xã Oanh Lợi'],
    merge: [4, 4, 3],
    merged: ['Xã Oanh Châu', 'Xã Oanh Thịnh', 'Xã Oanh Thành'],
  },
  {
    name: 'Huyện Yến Lâm',
    type: 'huyện',
    region: 'miền núi',
    communes: ['Xã Yến Lâm', 'Xã Yến Sơn', 'Xã Yến Khê', 'Xã Yến Phong', 'Xã Yến Thượng', 'Xã Yến Hạ', 'Xã Yến Đông', 'Xã Yến Tây', 'Xã Yến Trung', 'Xã Yến Hòa', 'Xã Yến Bình', 'Xã Yến Phúc'],
    merge: [4, 4, 4],
    merged: ['Xã Yến Lâm', 'Xã Yến Thượng', 'Xã Yến Trung'],
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
          attributes: {
            region: d.region,
            population: r.int(kind === 'commune' ? 4 : 7, kind === 'commune' ? 14 : 22) * 1000,
            areaKm2: r.int(kind === 'commune' ? 12 : 3, kind === 'commune' ? 60 : 15),
          },
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
  // every unit says it is sample data, wherever it is shown
  for (const m of out) m.unit.attributes = { sample: true, ...m.unit.attributes }
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
/** reasons for appraising a yes/no criterion down, by code (reports are quarter I, half-year, quarter III and annual: there is no "quý IV" report) */
const BOOLEAN_REASONS: Record<string, string> = {
  '1.2.1': 'Báo cáo CCHC quý III gửi chậm so với thời hạn quy định',
  '1.2.2': 'Báo cáo thiếu số liệu về kết quả giải quyết thủ tục hành chính',
  '3.1.1': 'Kiểm tra thực tế: niêm yết TTHC tại Bộ phận một cửa chưa cập nhật',
  '5.2.1': 'Có công chức bị xử lý kỷ luật khiển trách trong năm',
  '6.2.2': 'Chưa công khai quyết toán ngân sách đúng thời hạn',
  '7.1.2': 'Tỷ lệ văn bản ký số còn thấp, chưa đáp ứng yêu cầu',
}
const FACT_REASONS = ['Tài liệu kiểm chứng không chứng minh được kết quả tự đánh giá', 'Kiểm tra thực tế chưa đạt yêu cầu của tiêu chí', 'Văn bản ban hành ngoài kỳ đánh giá, không được tính điểm']

/**
 * Points the appraisal takes off the self-assessment on average, by level: Nam Định 2020,
 * departments 64.75 → 62.62 (−2.13), districts 65.17 → 61.46 (−3.71). Communes: assumed as
 * districts (the facts file gives no figure for them).
 */
const APPRAISAL_CUT: Record<Level, number> = { department: 2.13, district: 3.71, commune: 3.71 }

/** a unit's underlying quality: lowest value and spread, by level (assumed) */
const QUALITY: Record<'department' | 'commune', [number, number]> = { department: [0.56, 0.33], commune: [0.41, 0.36] }

/**
 * Survey sample per unit: Bình Dương 2018 SIPAS, 150–200 people per commune and 500–600 per
 * district. Departments: assumed as communes (no figure in the facts file).
 */
const RESPONDENTS: Record<Level, [number, number]> = { department: [150, 200], district: [500, 600], commune: [150, 200] }

/**
 * Respondents out of n giving an answer of probability p: a binomial draw, counted one by one
 * for small samples and drawn from its normal approximation otherwise (a few draws of the
 * stream instead of hundreds).
 */
function binomial(n: number, p: number, r: Rng): number {
  if (n <= 0 || p <= 0) return 0
  if (p >= 1) return n
  const v = n * p * (1 - p)
  if (v < 9) {
    let k = 0
    for (let i = 0; i < n; i++) if (r() < p) k++
    return k
  }
  const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
  return clamp(Math.round(n * p + Math.sqrt(v) * z), 0, n)
}

function surveyAnswers(q: number, respondents: number, r: Rng): Record<string, number> {
  // satisfaction about 80–90%, as published SIPAS results (2023 national 82.66%)
  const pA = clamp(0.55 + 0.7 * (q - 0.5) + r.noise(0.06), 0.05, 0.95)
  const pB = clamp((1 - pA) * 0.7, 0, 1)
  const pC = clamp((1 - pA - pB) * 0.7, 0, 1)
  // the answers in turn: A of everyone, B of the rest, C of the rest again, D the remainder
  const A = binomial(respondents, pA, r)
  const B = binomial(respondents - A, pB / (1 - pA), r)
  const C = binomial(respondents - A - B, pC / (1 - pA - pB), r)
  return { A, B, C, D: respondents - A - B - C }
}

function assess(meta: UnitMeta, plan: PackPlan, year: number, q: number, r: Rng): AssessmentInput {
  const unit = meta.unit
  const level: Level = unit.kind === 'department' ? 'department' : unit.kind === 'district' ? 'district' : 'commune'
  const facts = makeFacts(plan, level, q, year, r)
  const selfScores: Record<string, number> = {}
  const survey: Record<string, { answers: Record<string, number> }> = {}
  const respondents = r.int(RESPONDENTS[level][0], RESPONDENTS[level][1])
  for (const leaf of plan.leaves) {
    if (leaf.source === 'survey') {
      survey[leaf.code] = { answers: surveyAnswers(q, respondents, r) }
    } else if (leaf.rule.kind === 'manual') {
      const step = Number(leaf.rule.step ?? 0.25)
      const n = Math.round(leaf.max / step)
      const k = clamp(Math.round(n * (0.55 + 0.5 * q + r.noise(0.15))), 0, n)
      selfScores[leaf.code] = k * step
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
  // appraisal: every unit goes through it; it lowers self scores and fact-based yes/no results
  // by about the level's published average cut, more for weaker units, with a reason each
  const appraisals: NonNullable<AssessmentInput['appraisals']> = []
  const [lo, span] = QUALITY[level === 'commune' ? 'commune' : 'department']
  const target = APPRAISAL_CUT[level] * clamp(1.1 + 1.6 * (lo + span / 2 - q) + r.noise(0.9), 0, 3)
  const candidates: LeafPlan[] = plan.leaves.filter((l) => (l.rule.kind === 'manual' && (selfScores[l.code] ?? 0) > 0) || (l.rule.kind === 'boolean' && facts[l.rule.fact as string] === true))
  // a seeded shuffle: which criteria the appraisal team finds fault with
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!]
  }
  const changes: { code: string; points: number; reason: string }[] = []
  let cut = 0
  for (const leaf of candidates) {
    const left = target - cut
    if (left < 0.125) break
    if (leaf.rule.kind === 'manual') {
      const step = Number(leaf.rule.step ?? 0.25)
      const cur = selfScores[leaf.code]!
      const steps = clamp(Math.round(Math.min(left, cur) / step), 0, Math.round(cur / step))
      if (steps === 0) continue
      changes.push({ code: leaf.code, points: cur - steps * step, reason: r.pick(MANUAL_REASONS) })
      cut += steps * step
    } else if (leaf.max <= left + 0.25) {
      changes.push({ code: leaf.code, points: 0, reason: BOOLEAN_REASONS[leaf.code] ?? r.pick(FACT_REASONS) })
      cut += leaf.max
    }
  }
  if (changes.length > 0) {
    const at = `${year + 1}-01-${String(r.int(10, 25)).padStart(2, '0')}`
    appraisals.push({ round: 1, reviewer: meta.appraiser, at, changes })
    // a second round (hội đồng thẩm định) sometimes accepts added evidence for one change
    if (r.chance(0.15)) {
      const first = changes[0]!
      const restored = plan.leaves.find((l) => l.code === first.code)?.rule.kind === 'manual' ? selfScores[first.code]! : plan.leaves.find((l) => l.code === first.code)!.max
      appraisals.push({
        round: 2,
        reviewer: 'Hội đồng thẩm định Chỉ số CCHC tỉnh',
        at: `${year + 1}-02-${String(r.int(1, 20)).padStart(2, '0')}`,
        changes: [{ code: first.code, points: restored, reason: 'Đơn vị bổ sung tài liệu kiểm chứng sau thẩm định, chấp nhận điểm tự chấm' }],
      })
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
    // communes lower and wider than departments and districts, for band spreads like those
    // published (Khánh Hòa 2020: 29 Tốt, 11 Khá, 4 Trung bình; article 001: 12/16 communes
    // khá, 04 trung bình, none tốt)
    const [lo, span] = QUALITY[m.unit.kind === 'department' || m.unit.kind === 'district' ? 'department' : 'commune']
    quality.set(m.unit.id, clamp(lo + span * r() + r.noise(0.05), 0.35, 0.97))
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
      if (!bucket) byPack.set(plan.id, (bucket = { packId: plan.id, family: plan.family, assessments: [], surveyResults: [] }))
      const r = rng(seed ^ fnv1a(`${u.id}:${year}`))
      const q = clamp(quality.get(u.id)! + 0.008 * (year - 2021) + r.noise(0.04), 0.35, 1)
      const a = assess(m, plan, year, q, r)
      bucket.assessments.push(a)
      for (const [code, input] of Object.entries(a.survey ?? {})) {
        if (!('answers' in input)) continue
        const answers = input.answers
        bucket.surveyResults.push({ unitId: u.id, unitName: u.name, code, respondents: Object.values(answers).reduce((x, y) => x + y, 0), answers: { ...answers } })
      }
    }
    out.push({ year, date, packs: [...byPack.values()] })
  }
  return { sample: true, seed, province: PROVINCE, units: [PROVINCE, ...metas.map((m) => m.unit)], years: out }
}
