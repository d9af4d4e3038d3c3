#!/usr/bin/env node
// Authoring aid for the rule packs in ../packs/*.json.
//
// The JSON files are the shipped artifact and the source of truth for users; this script
// is how they were written, so that the large, regular trees (national skeletons, the
// Hà Tĩnh-shaped templates) stay consistent: criteria counts, sums of children, notes.
//
//   node scripts/generate-packs.mjs          rewrite packs/*.json
//   node scripts/generate-packs.mjs --check  exit 1 if a committed file differs
//
// Facts come ONLY from /work/shared/domain/par-index.md. A figure that file does not give
// is marked status "reconstructed" with a note saying what is assumed and a `basis` naming
// what it is shaped after; `legalRef` is kept for the figures a text really gives.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const outDir = join(here, '..', 'packs')
const SCHEMA = '../../core/schema/pack.schema.json'
const V = 'verified'
const R = 'reconstructed'

// ---------------------------------------------------------------------------------------
// small helpers

/** quarter-point units → number (exact in binary: multiples of 0.25) */
const q = (units) => units / 4
const toQ = (points) => {
  const u = points * 4
  if (!Number.isInteger(u)) throw new Error(`${points} is not a multiple of 0.25`)
  return u
}
const sum = (xs) => q(xs.reduce((s, x) => s + toQ(x), 0))
const t = (vi, en) => ({ vi, en })

/** Largest-remainder split of `units` integer units proportionally to `weights`, each ≥ its weight. */
function allot(units, weights) {
  const W = weights.reduce((a, b) => a + b, 0)
  const raw = weights.map((w) => (units * w) / W)
  const out = raw.map(Math.floor)
  let rest = units - out.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let k = 0; rest > 0; k++, rest--) out[order[k % order.length][1]]++
  out.forEach((u, i) => {
    if (u < weights[i]) throw new Error(`cannot split ${units} units over ${weights}: share ${i} too small`)
  })
  return out
}

/** Distributes `subs` sub-criteria over `n` criteria: the first k criteria get ≥ 2 each, the rest are leaves. */
function distributeSubs(n, subs) {
  if (subs === 0) return new Array(n).fill(0)
  const k = Math.max(1, Math.min(n, Math.floor(subs / 2)))
  const counts = new Array(n).fill(0)
  for (let i = 0; i < k; i++) counts[i] = Math.floor(subs / k) + (i < subs % k ? 1 : 0)
  return counts
}

const SURVEY_WEIGHTS = { A: 1, B: 0.6, C: 0.2, D: 0 }
const SURVEY_NOTE = "Answer weights A 100%, B 60%, C 20%, D 0% follow one province's survey tool (uncertain as an official rule); a survey result may also be entered as points."
/** what a survey leaf is shaped after */
const SURVEY_BASIS = "one province's survey tool: answers A / B / C / D weighted 100 / 60 / 20 / 0% (facts file, uncertain)"
/** the mark every title of a pack that is not an official text ends with */
const MARK = t('tái dựng, không phải văn bản chính thức', 'reconstructed, not an official text')
const marked = (vi, en) => t(`${vi} (${MARK.vi})`, `${en} (${MARK.en})`)

// ---------------------------------------------------------------------------------------
// national skeletons (structure reconstructed from counts)

const POOLS = {
  direction: [
    ['Kế hoạch cải cách hành chính năm', 'Annual PAR plan'],
    ['Báo cáo cải cách hành chính', 'PAR reporting'],
    ['Kiểm tra công tác cải cách hành chính', 'PAR inspection'],
    ['Công tác tuyên truyền cải cách hành chính', 'PAR communication'],
    ['Sự năng động trong chỉ đạo, điều hành', 'Dynamism in direction'],
    ['Thực hiện nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao', 'Tasks assigned by the Government'],
    ['Khảo sát sự hài lòng của người dân, tổ chức', 'Satisfaction surveys'],
    ['Gắn kết quả CCHC với thi đua, khen thưởng', 'PAR results in emulation and rewards'],
  ],
  institutions: [
    ['Xây dựng và ban hành văn bản quy phạm pháp luật', 'Drafting and issuing legal normative documents'],
    ['Theo dõi thi hành pháp luật', 'Monitoring law enforcement'],
    ['Rà soát, hệ thống hóa văn bản quy phạm pháp luật', 'Reviewing and systematising legal documents'],
    ['Kiểm tra, xử lý văn bản quy phạm pháp luật', 'Checking and handling legal documents'],
    ['Tổ chức thực hiện văn bản quy phạm pháp luật', 'Implementing legal documents'],
    ['Thanh tra, kiểm tra việc thực hiện pháp luật', 'Inspection of law implementation'],
    ['Phổ biến, giáo dục pháp luật', 'Legal dissemination and education'],
    ['Chất lượng văn bản quy phạm pháp luật', 'Quality of legal documents'],
    ['Xử lý vi phạm hành chính', 'Handling administrative violations'],
  ],
  procedures: [
    ['Kiểm soát thủ tục hành chính', 'Control of administrative procedures'],
    ['Công bố, công khai thủ tục hành chính', 'Publishing administrative procedures'],
    ['Rà soát, đơn giản hóa thủ tục hành chính', 'Reviewing and simplifying procedures'],
    ['Thực hiện cơ chế một cửa, một cửa liên thông', 'One-stop and inter-agency one-stop'],
    ['Kết quả giải quyết thủ tục hành chính', 'Results of handling procedures'],
    ['Tiếp nhận, xử lý phản ánh, kiến nghị', 'Handling feedback and petitions'],
  ],
  organisation: [
    ['Tuân thủ quy định về chức năng, nhiệm vụ, cơ cấu tổ chức', 'Compliance on functions and structure'],
    ['Quản lý biên chế', 'Staffing quota management'],
    ['Phân cấp quản lý', 'Decentralisation'],
    ['Kiểm tra tình hình tổ chức, hoạt động', 'Inspection of organisation'],
    ['Sắp xếp tổ chức bộ máy', 'Restructuring'],
  ],
  civil: [
    ['Vị trí việc làm', 'Job positions'],
    ['Tuyển dụng, sử dụng công chức, viên chức', 'Recruitment and use of civil servants'],
    ['Đánh giá, xếp loại công chức, viên chức', 'Appraisal of civil servants'],
    ['Đào tạo, bồi dưỡng', 'Training'],
    ['Kỷ luật, kỷ cương hành chính', 'Administrative discipline'],
    ['Cải cách chế độ tiền lương', 'Salary reform'],
    ['Chất lượng đội ngũ cán bộ, công chức', 'Quality of staff'],
    ['Đánh giá của người dân về cán bộ, công chức', "People's view of civil servants"],
  ],
  finance: [
    ['Quản lý, sử dụng ngân sách nhà nước', 'State budget management'],
    ['Cơ chế tự chủ của đơn vị sự nghiệp công lập', 'Autonomy of public service units'],
    ['Quản lý, sử dụng tài sản công', 'Public asset management'],
    ['Giải ngân vốn đầu tư công', 'Public investment disbursement'],
    ['Thực hành tiết kiệm, chống lãng phí', 'Thrift and anti-waste'],
  ],
  egov: [
    ['Chính phủ điện tử, chính phủ số', 'E-government and digital government'],
    ['Cung cấp dịch vụ công trực tuyến', 'Online public services'],
    ['Hệ thống quản lý chất lượng, số hóa hồ sơ', 'Quality management and digitised records'],
    ['Ứng dụng công nghệ thông tin trong hoạt động nội bộ', 'IT in internal operations'],
    ['Kết nối, chia sẻ dữ liệu', 'Data connection and sharing'],
  ],
  modernisation: [
    ['Ứng dụng công nghệ thông tin', 'Use of information technology'],
    ['Cung cấp dịch vụ công trực tuyến mức độ 3, 4 (từ năm 2022: toàn trình, một phần)', 'Online public services level 3, 4 (from 2022: end-to-end, partial)'],
    ['Áp dụng hệ thống quản lý chất lượng ISO 9001', 'ISO 9001 quality management'],
    ['Xây dựng trụ sở, cơ sở vật chất', 'Premises and facilities'],
    ['Cổng/Trang thông tin điện tử', 'Government web portals'],
  ],
  impact: [
    ['Tác động đến chất lượng thể chế', 'Impact on institutions'],
    ['Tác động đến chất lượng thủ tục hành chính', 'Impact on procedures'],
    ['Tác động đến tổ chức bộ máy và đội ngũ công chức', 'Impact on organisation and staff'],
    ['Tác động đến phát triển kinh tế - xã hội', 'Impact on socio-economic development'],
    ['Sự hài lòng của người dân, tổ chức (SIPAS)', 'Satisfaction of people and organisations (SIPAS)'],
    ['Thu hút đầu tư, phát triển doanh nghiệp', 'Investment and business development'],
  ],
}

const AREA_TITLES = {
  direction: t('Công tác chỉ đạo, điều hành cải cách hành chính', 'Direction of administrative reform'),
  institutions: t('Cải cách thể chế', 'Institutional reform'),
  legalDocs: t('Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật', 'Legal normative documents'),
  procedures: t('Cải cách thủ tục hành chính', 'Administrative procedure reform'),
  organisation: t('Cải cách tổ chức bộ máy hành chính nhà nước', 'Organisational reform'),
  civil: t('Cải cách chế độ công vụ', 'Civil-service reform'),
  civilStaff: t('Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức', 'Civil servants: building and quality'),
  finance: t('Cải cách tài chính công', 'Public-finance reform'),
  financeOld: t('Đổi mới cơ chế quản lý tài chính đối với cơ quan hành chính và đơn vị sự nghiệp công lập', 'Financial management of agencies and public service units'),
  egov: t('Xây dựng và phát triển Chính phủ điện tử, Chính phủ số', 'E-government and digital government'),
  modernisation: t('Hiện đại hóa hành chính', 'Modernisation of administration'),
  impact: t('Tác động của cải cách hành chính đến người dân, tổ chức và các lĩnh vực phát triển kinh tế - xã hội', 'Impact of reform on people, organisations and socio-economic development'),
}

/**
 * Builds one area of a national skeleton.
 * spec: { code, key, pool, max, maxStatus, maxRef, areaNote, criteria, subs, basis, step?, surveyPoints?, surveyCriteria? }
 * Reconstructed nodes name `basis` (what they are shaped after); only a verified area names a legalRef.
 */
function skeletonArea(spec, ctx) {
  const step = spec.step ?? 0.25
  const { code, criteria: n, subs } = spec
  const subsPer = distributeSubs(n, subs)
  const leavesPer = subsPer.map((s) => Math.max(1, s))
  const total = toQ(spec.max)
  let critUnits
  if (spec.surveyPoints !== undefined && spec.surveyPoints > 0) {
    const sv = toQ(spec.surveyPoints)
    const self = allot(total - sv, leavesPer.slice(0, n - 1))
    critUnits = [...self, sv]
    if (sv < leavesPer[n - 1]) throw new Error('survey share too small')
  } else {
    critUnits = allot(total, leavesPer)
  }
  const pool = POOLS[spec.pool]
  const children = []
  for (let i = 0; i < n; i++) {
    const cc = `${code}.${i + 1}`
    const isSurveyCriterion = spec.surveyPoints !== undefined && spec.surveyPoints > 0 && i === n - 1
    const surveyLastLeaf = spec.surveyCriteria !== undefined && i >= n - spec.surveyCriteria
    const [vi, en] = isSurveyCriterion ? (spec.surveyTitle ?? ['Đánh giá qua điều tra xã hội học', 'Assessed by sociological survey']) : pool[i % pool.length]
    const title = t(vi, en)
    const mkLeaf = (lc, lt, units, survey) => ({
      code: lc,
      title: lt,
      maxPoints: q(units),
      ...(survey ? { source: 'survey', rule: { kind: 'survey', weights: SURVEY_WEIGHTS } } : { rule: { kind: 'manual', step } }),
      status: R,
      basis: survey ? `${spec.basis}; ${SURVEY_BASIS}` : spec.basis,
      note: survey
        ? `Structure reconstructed: this leaf, its maximum and its place are assumed; scored by survey. ${SURVEY_NOTE}`
        : `Structure reconstructed: this leaf, its title and its maximum are assumed (the facts file gives only counts); entered in steps of ${step}.`,
    })
    if (subsPer[i] === 0) {
      children.push(mkLeaf(cc, title, critUnits[i], isSurveyCriterion || surveyLastLeaf))
      continue
    }
    const leafUnits = allot(critUnits[i], new Array(subsPer[i]).fill(1))
    const kids = leafUnits.map((u, j) => {
      const lc = `${cc}.${j + 1}`
      const last = j === subsPer[i] - 1
      const survey = isSurveyCriterion || (surveyLastLeaf && last)
      const lt = survey && !isSurveyCriterion ? t(`Đánh giá qua điều tra xã hội học (${lc})`, `Assessed by survey (${lc})`) : t(`Tiêu chí thành phần ${lc}`, `Sub-criterion ${lc}`)
      return mkLeaf(lc, lt, u, survey)
    })
    children.push({
      code: cc,
      title,
      maxPoints: q(critUnits[i]),
      children: kids,
      status: R,
      basis: spec.basis,
      note: "Criterion reconstructed: title, maximum and number of sub-criteria assumed from the edition's totals.",
    })
  }
  const area = {
    code,
    title: AREA_TITLES[spec.key],
    maxPoints: spec.max,
    children,
    status: spec.maxStatus,
    note: spec.areaNote,
  }
  if (spec.maxStatus === V) area.legalRef = spec.maxRef
  else area.basis = spec.basis
  void ctx
  return area
}

// ---------------------------------------------------------------------------------------
// national packs

const BANDS_NATIONAL = [
  { code: 'A', label: t('Nhóm A (≥ 90%)', 'Group A (≥ 90%)'), min: 90 },
  { code: 'B', label: t('Nhóm B (80 – < 90%)', 'Group B (80 – < 90%)'), min: 80 },
  { code: 'C', label: t('Nhóm C (70 – < 80%)', 'Group C (70 – < 80%)'), min: 70 },
].map((b) => ({
  ...b,
  status: V,
  legalRef: 'Bộ Nội vụ, annual PAR index results (e.g. 268/QĐ-BNV, 2025-03-28)',
  note: 'Verified: the national groups A ≥ 90%, B 80–< 90%, C 70–< 80% of the published provincial results.',
}))

function province2017() {
  const ref = 'Edition cited as 2948/QĐ-BNV (number uncertain), 2017–2020 era'
  const basis = 'Provincial PAR index, edition cited as 2948/QĐ-BNV: 8 areas, 38 criteria, 81 sub-criteria, area maxima and criteria / sub-criteria per area (bonoivu.cls.vn)'
  const keys = ['direction', 'legalDocs', 'procedures', 'organisation', 'civilStaff', 'financeOld', 'modernisation', 'impact']
  const pools = ['direction', 'institutions', 'procedures', 'organisation', 'civil', 'finance', 'modernisation', 'impact']
  const maxima = [10, 10, 14.5, 11, 16, 7, 16, 15.5]
  // facts file, corrections: 6/6, 4/6, 5/16, 4/10, 9/16, 3/6, 5/18, 3/3 — the criteria add to 39,
  // not the stated 38; area 5 (the largest count) is lowered to 8, an assumption
  const crit = [6, 4, 5, 4, 8, 3, 5, 3] // = 38
  const subs = [6, 6, 16, 10, 16, 6, 18, 3] // = 81
  // the survey: SIPAS 10 in area 8 (Hà Tĩnh PAR 2021: "9,12 điểm, chiếm tỷ lệ 91,17%" → 10) and a
  // leaders' and officials' survey of 21 over areas 1–7 (reconstructed: the published 2020 parts,
  // Quảng Ninh 18.83 and Hải Phòng 19.45, need at least 19.45; 21 scores the appraised part and
  // this survey of both provinces at about the same rate), spread in proportion to the maxima
  const surveyByArea = [2.5, 2.5, 3.5, 2.75, 4, 1.75, 4] // = 21
  const criteria = keys.slice(0, 7).map((key, i) =>
    skeletonArea({
      code: String(i + 1),
      key,
      pool: pools[i],
      max: maxima[i],
      maxStatus: V,
      maxRef: `${ref}; area ${i + 1} maximum ${maxima[i]}${i === 4 ? '' : `, ${crit[i]} criteria / ${subs[i]} sub-criteria`} (bonoivu.cls.vn)`,
      areaNote:
        i === 4
          ? 'Maximum 16 and 16 sub-criteria verified. The facts file gives 9 criteria here, but its per-area counts add to 39 against a stated total of 38: which count is off is unknown, and this area is lowered to 8 (an assumption). Title assumed from the 4361/QĐ-BNV list; criteria, sub-criteria and survey share reconstructed.'
          : `Maximum ${maxima[i]}, ${crit[i]} criteria and ${subs[i]} sub-criteria verified. The area title is assumed from the 4361/QĐ-BNV list (the facts file names only the last area of this edition); how the sub-criteria sit under the criteria, their maxima and the survey share ${surveyByArea[i]} are reconstructed.`,
      criteria: crit[i],
      subs: subs[i],
      basis,
      // the published 2020 parts have two decimals (appraised 57.66 …): entered to the hundredth
      step: 0.01,
      surveyPoints: surveyByArea[i],
      surveyTitle: ['Đánh giá của lãnh đạo, cán bộ, công chức qua điều tra xã hội học', "Leaders' and officials' survey"],
    }),
  )
  // area 8: the impact of reform — SIPAS (survey) and socio-economic impact (appraised)
  const sipasNote = `Reconstructed: SIPAS as one criterion of 10 points with 3 sub-criteria (the facts file: SIPAS alone is about 10 points, Hà Tĩnh PAR 2021 "9,12 điểm, chiếm tỷ lệ 91,17%"); the split of its five elements over 3 sub-criteria is assumed. ${SURVEY_NOTE}`
  const sipasLeaf = (code, vi, en, max) => ({
    code,
    title: t(vi, en),
    maxPoints: max,
    source: 'survey',
    rule: { kind: 'survey', weights: SURVEY_WEIGHTS },
    status: R,
    basis: `SIPAS, five elements (access, procedures, civil servants, results, complaint handling); ${SURVEY_BASIS}`,
    note: sipasNote,
  })
  const impactLeaf = (code, vi, en, max) => ({
    code,
    title: t(vi, en),
    maxPoints: max,
    rule: { kind: 'manual', step: 0.01 },
    status: R,
    basis: `${basis}; published 2020 parts (Quảng Ninh impact 5, Hải Phòng 3)`,
    note: 'Reconstructed: the socio-economic impact part is 5.5 points over two criteria (the published 2020 parts give 5 and 3 for it); titles and split assumed; entered to the hundredth.',
  })
  criteria.push({
    code: '8',
    title: AREA_TITLES.impact,
    maxPoints: 15.5,
    children: [
      {
        code: '8.1',
        title: t('Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)', 'Satisfaction index of public administrative services (SIPAS)'),
        maxPoints: 10,
        children: [
          sipasLeaf('8.1.1', 'Tiếp cận dịch vụ và thủ tục hành chính', 'Access to services and procedures', 3.5),
          sipasLeaf('8.1.2', 'Công chức trực tiếp giải quyết công việc', 'Civil servants handling the work', 3.25),
          sipasLeaf('8.1.3', 'Kết quả giải quyết và việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị', 'Results, and handling of feedback and complaints', 3.25),
        ],
        status: R,
        basis: 'SIPAS (facts file: about 10 points of the provincial index)',
        note: sipasNote,
      },
      impactLeaf('8.2', 'Tác động đến phát triển kinh tế - xã hội của tỉnh', "Impact on the province's socio-economic development", 3),
      impactLeaf('8.3', 'Thu hút đầu tư, phát triển doanh nghiệp', 'Investment and business development', 2.5),
    ],
    status: V,
    legalRef: `${ref}; area 8 maximum 15.5, 3 criteria / 3 sub-criteria (bonoivu.cls.vn)`,
    note: 'Maximum 15.5, 3 criteria and 3 sub-criteria verified. Reconstructed: SIPAS 10 (survey) + socio-economic impact 5.5, the titles and the split.',
  })
  return {
    id: 'vn-cchc/province-2017',
    version: '2.0.0',
    family: 'vn-cchc/province',
    title: marked('Chỉ số CCHC cấp tỉnh, phiên bản giai đoạn 2017–2020', 'Provincial PAR index, 2017–2020 edition'),
    description: t(
      'Bộ chỉ số CCHC của UBND các tỉnh, thành phố trực thuộc Trung ương: 8 lĩnh vực, 38 tiêu chí, 81 tiêu chí thành phần; điều tra xã hội học 31/100 điểm (SIPAS 10, lãnh đạo, cán bộ, công chức 21 — tái dựng). Dùng cho kỳ đánh giá 2020–2021 là giả định: nguồn chưa cho biết các tỉnh áp dụng phiên bản nào.',
      'PAR index of provinces: 8 areas, 38 criteria, 81 sub-criteria; survey 31 of 100 points (SIPAS 10, leaders and officials 21 — reconstructed). Its use for the 2020–2021 assessments is an assumption: the sources do not say which edition provinces applied.',
    ),
    effective: { from: '2017-01-01', to: '2022-11-09' },
    appliesTo: ['province'],
    legalBasis: [{ ref: '2948/QĐ-BNV (số hiệu chưa chắc chắn)', title: 'Edition cited as "2948/QĐ-BNV"; the decision number is uncertain (bonoivu.cls.vn)' }],
    scale: 100,
    criteria,
    bands: BANDS_NATIONAL,
    rounding: { index: { decimals: 2, mode: 'half-up' } },
    status: R,
    note:
      'Verified: 8 areas, 38 criteria, 81 sub-criteria, area maxima 10, 10, 14.5, 11, 16, 7, 16, 15.5, the criteria / sub-criteria per area (6/6, 4/6, 5/16, 4/10, 9/16, 3/6, 5/18, 3/3) and the groups A ≥ 90, B 80–< 90, C 70–< 80. ' +
      'Uncertain: the edition number (cited as 2948/QĐ-BNV). The per-area criteria add to 39 against the stated 38: area 5 is taken as 8 (assumed). ' +
      'Reconstructed: the survey part — 31 of 100 (SIPAS 10 in area 8, inferred from Hà Tĩnh PAR 2021 "9,12 điểm, chiếm tỷ lệ 91,17%"; a leaders\' and officials\' survey of 21 over areas 1–7, chosen to hold the published 2020 parts: Quảng Ninh 57.66 appraised + 9.56 SIPAS + 18.83 survey + 5 impact = 91.04, Hải Phòng 58.71 + 9.35 + 19.45 + 3 = 90.51), the socio-economic impact part 5.5, every criterion and sub-criterion maximum and title. ' +
      'Effective period assumed: the facts file dates the edition only as "2017–2020 era". Which edition provinces used for PAR 2020–2021 is not settled by our sources (1149/QĐ-BNV, 2020-12-30, is a scheme for ministries and provinces, but its provincial content is not in them), so this edition is kept in force until the day before 876/QĐ-BNV (2022-11-09) — an assumption.',
  }
}

function province2022() {
  const ref = '876/QĐ-BNV (2022-11-10)'
  const keys = ['direction', 'institutions', 'procedures', 'organisation', 'civil', 'finance', 'egov', 'impact']
  const pools = ['direction', 'institutions', 'procedures', 'organisation', 'civil', 'finance', 'egov', 'impact']
  const maxima = [9, 10, 13, 9, 13, 8, 13, 25]
  const survey = [2, 3, 4, 3, 4, 2, 4, 10] // = 32
  const crit = [4, 5, 6, 4, 5, 3, 5, 5] // = 37
  const subs = [10, 11, 15, 9, 12, 7, 12, 12] // = 88
  const criteria = keys.map((key, i) =>
    skeletonArea({
      code: String(i + 1),
      key,
      pool: pools[i],
      max: maxima[i],
      maxStatus: R,
      areaNote: `Area reconstructed: the facts file lists 8 areas (names uncertain, inferred from the ministry list plus the impact area) but no per-area points; maximum ${maxima[i]}, survey share ${survey[i]}, ${crit[i]} criteria and ${subs[i]} sub-criteria are assumed so that the totals (37 / 88 / survey 32) hold.`,
      criteria: crit[i],
      subs: subs[i],
      basis: `${ref}, provinces: 8 areas, 37 criteria, 88 sub-criteria, survey 32 of 100 (totals only)`,
      surveyPoints: survey[i],
    }),
  )
  return {
    id: 'vn-cchc/province-2022',
    version: '1.1.0',
    family: 'vn-cchc/province',
    title: marked('Chỉ số CCHC cấp tỉnh theo cấu trúc Quyết định 876/QĐ-BNV', 'Provincial PAR index on the structure of Decision 876/QĐ-BNV'),
    description: t('8 lĩnh vực, 37 tiêu chí, 88 tiêu chí thành phần; điều tra xã hội học 32/100 điểm.', '8 areas, 37 criteria, 88 sub-criteria; survey 32 of 100 points.'),
    effective: { from: '2022-11-10' },
    appliesTo: ['province'],
    legalBasis: [{ ref: '876/QĐ-BNV', date: '2022-11-10', title: 'Replaces 1149/QĐ-BNV (baochinhphu.vn, vietnambiz.vn)' }],
    scale: 100,
    criteria,
    bands: BANDS_NATIONAL,
    rounding: { index: { decimals: 2, mode: 'half-up' } },
    status: R,
    note:
      'Verified: 8 areas, 37 criteria, 88 sub-criteria, survey 32 of 100, groups A ≥ 90, B 80–< 90, C 70–< 80. Reconstructed: the per-area split of points, criteria and survey (not found), every title below area level. ' +
      '892/QĐ-BNV (2024-12-05, scheme 2024–2030) may change the method; its content is not in the facts file, so this edition stays open-ended.',
  }
}

function ministryPack({ id, version, title, description, effective, legalBasis, ref, basis, maxima, maxStatus, crit, subs, survey, surveyCriteria, note, areaNote, ranking }) {
  const keys = ['direction', 'institutions', 'procedures', 'organisation', 'civil', 'finance', 'egov']
  const criteria = keys.map((key, i) =>
    skeletonArea({
      code: String(i + 1),
      key,
      pool: key,
      max: maxima[i],
      maxStatus,
      maxRef: maxStatus === V ? `${ref}; area ${i + 1} maximum ${maxima[i]}` : undefined,
      areaNote: areaNote(i),
      criteria: crit[i],
      subs: subs[i],
      basis,
      surveyPoints: survey ? survey[i] : undefined,
      surveyCriteria: surveyCriteria ? surveyCriteria[i] : undefined,
    }),
  )
  return {
    id,
    version,
    family: 'vn-cchc/ministry',
    title,
    description,
    effective,
    appliesTo: ['ministry'],
    legalBasis,
    scale: 100,
    criteria,
    ...(ranking ? { ranking } : {}),
    rounding: { index: { decimals: 2, mode: 'half-up' } },
    status: R,
    note,
  }
}

function ministry2017() {
  const ref = 'Edition cited as 2948/QĐ-BNV (number uncertain), 2017–2020 era'
  const maxima = [12, 17, 16, 13, 17, 7.5, 17.5]
  const crit = [5, 6, 6, 5, 6, 4, 5] // 37
  const subs = [10, 13, 14, 10, 13, 8, 11] // 79
  const surveyCriteria = [4, 5, 4, 4, 5, 3, 3] // 28
  return ministryPack({
    id: 'vn-cchc/ministry-2017',
    version: '1.1.0',
    title: marked('Chỉ số CCHC cấp bộ, phiên bản giai đoạn 2017–2020', 'Ministry PAR index, 2017–2020 edition'),
    description: t('7 lĩnh vực, 37 tiêu chí, 79 tiêu chí thành phần; 28 tiêu chí đánh giá qua điều tra xã hội học.', '7 areas, 37 criteria, 79 sub-criteria; 28 criteria scored by survey.'),
    effective: { from: '2017-01-01', to: '2020-12-29' },
    legalBasis: [{ ref: '2948/QĐ-BNV (số hiệu chưa chắc chắn)', title: 'Edition cited as "2948/QĐ-BNV"; the decision number is uncertain (bonoivu.cls.vn)' }],
    ref,
    basis: 'Ministry PAR index, edition cited as 2948/QĐ-BNV: 7 areas, 37 criteria, 79 sub-criteria, area maxima, 28 criteria scored by survey (bonoivu.cls.vn)',
    maxima,
    maxStatus: V,
    crit,
    subs,
    surveyCriteria,
    areaNote: (i) => `Maximum ${maxima[i]} verified; area title assumed (ministry area list of 876/QĐ-BNV); criteria and sub-criteria reconstructed.`,
    note:
      'Verified: 7 areas, 37 criteria, 79 sub-criteria, maxima 12, 17, 16, 13, 17, 7.5, 17.5, and that 28 criteria are scored by survey. Uncertain: the edition number (cited as 2948/QĐ-BNV). ' +
      'Reconstructed: the split of criteria over areas, which 28 criteria carry a survey leaf (here the last sub-criterion of each), all maxima below area level. Effective period assumed (the facts file says "2017–2020 era"); it ends the day before 1149/QĐ-BNV.',
  })
}

function ministry2020() {
  const maxima = [9, 15, 16, 12, 16, 10, 22]
  const crit = [6, 7, 6, 5, 7, 4, 5] // 40
  const subs = [10, 15, 18, 13, 18, 11, 14] // 99
  const survey = [2.5, 5, 6, 4.5, 6, 4, 8.5] // 36.5
  return ministryPack({
    id: 'vn-cchc/ministry-2020',
    version: '1.1.0',
    title: marked('Chỉ số CCHC cấp bộ theo cấu trúc Quyết định 1149/QĐ-BNV', 'Ministry PAR index on the structure of Decision 1149/QĐ-BNV'),
    description: t('7 lĩnh vực, 40 tiêu chí, 99 tiêu chí thành phần; điều tra xã hội học 36,5/100 điểm.', '7 areas, 40 criteria, 99 sub-criteria; survey 36.5 of 100.'),
    effective: { from: '2020-12-30', to: '2022-11-09' },
    legalBasis: [{ ref: '1149/QĐ-BNV', date: '2020-12-30', title: 'cchc.mard.gov.vn' }],
    ref: '1149/QĐ-BNV (2020-12-30)',
    basis: '1149/QĐ-BNV (2020-12-30), ministries: 7 areas, 40 criteria, 99 sub-criteria, survey 36.5 of 100 (totals only)',
    // facts file: "Under 1149 some agencies were assessed but not ranked (Thanh tra Chính phủ, Ủy ban Dân tộc)"
    ranking: { exclude: { units: ['thanh-tra-chinh-phu', 'uy-ban-dan-toc'] } },
    maxima,
    maxStatus: R,
    crit,
    subs,
    survey,
    areaNote: (i) =>
      `Area reconstructed: maximum ${maxima[i]}, survey share ${survey[i]}, ${crit[i]} criteria and ${subs[i]} sub-criteria are assumed so that the verified totals (7 / 40 / 99, survey 36.5) hold; area title taken from the 876/QĐ-BNV ministry list.`,
    note:
      'Verified: 7 areas, 40 criteria, 99 sub-criteria, survey 36.5 of 100, and that some agencies were assessed but not ranked (Thanh tra Chính phủ, Ủy ban Dân tộc): ranking.exclude names them by this package\'s ids "thanh-tra-chinh-phu" and "uy-ban-dan-toc" (a batch with other ids passes its own in the batch option exclude). ' +
      'Reconstructed: everything per area (maxima, counts, survey split) and below. 1149/QĐ-BNV is a scheme for ministries and provinces; only the ministry part is in the facts file. Replaced by 876/QĐ-BNV on 2022-11-10.',
  })
}

function ministry2022() {
  const maxima = [9, 15, 16, 12, 16, 10, 22]
  const crit = [7, 9, 6, 4, 6, 3, 3] // 38 (verified per area)
  const subs = [6, 15, 19, 14, 16, 13, 14] // 97 (verified per area)
  const survey = [2, 4.5, 5, 4, 5.5, 3.5, 7] // 31.5
  return ministryPack({
    id: 'vn-cchc/ministry-2022',
    version: '1.1.0',
    title: marked('Chỉ số CCHC cấp bộ theo cấu trúc Quyết định 876/QĐ-BNV', 'Ministry PAR index on the structure of Decision 876/QĐ-BNV'),
    description: t('7 lĩnh vực, 38 tiêu chí, 97 tiêu chí thành phần; điều tra xã hội học 31,5/100 điểm.', '7 areas, 38 criteria, 97 sub-criteria; survey 31.5 of 100.'),
    effective: { from: '2022-11-10' },
    legalBasis: [{ ref: '876/QĐ-BNV', date: '2022-11-10', title: 'Replaces 1149/QĐ-BNV (baochinhphu.vn, vietnambiz.vn)' }],
    ref: '876/QĐ-BNV (2022-11-10)',
    basis: '876/QĐ-BNV (2022-11-10), ministries: 7 areas, 38 criteria, 97 sub-criteria, criteria / sub-criteria per area, survey 31.5 of 100 (no per-area points)',
    maxima,
    maxStatus: R,
    crit,
    subs,
    survey,
    areaNote: (i) =>
      `Verified (876/QĐ-BNV): ${crit[i]} criteria and ${subs[i]} sub-criteria in this area. Reconstructed: maximum ${maxima[i]} and survey share ${survey[i]} (per-area points not found), which criteria carry the sub-criteria, all titles below area level.`,
    note:
      'Verified: 7 areas, 38 criteria, 97 sub-criteria, survey 31.5 of 100, criteria/sub-criteria per area (direction 7/6, institutions 9/15, procedures 6/19, organisation 4/14, civil service 6/16, public finance 3/13, e-government 3/14). ' +
      'Reconstructed: area maxima and survey split, everything below area level. 892/QĐ-BNV (2024-12-05) content not found; the edition stays open-ended.',
  })
}

// ---------------------------------------------------------------------------------------
// Hà Tĩnh-shaped provincial templates (sở / huyện / xã)

const SHAPE = {
  plan: 'rule shape: plan issued on time full / late half / not issued 0 (Cà Mau 1880/QĐ-UBND, 2013)',
  done: 'rule shape: completion > 90% → full, 70–90% → half, < 70% → 0 (Cà Mau 1880/QĐ-UBND, 2013)',
  bool: 'rule shape: done → full, else 0 (Cà Mau 1880/QĐ-UBND, 2013)',
  reports: 'rule shape: quarterly, half-year and annual reports complete and on time → full, a late report → 0 (Cà Mau 1880/QĐ-UBND, 2013)',
  ratio: 'rule shape: ratio × maximum (as the on-time ratio × 20 of Decision 766/QĐ-TTg)',
  meet: 'rule shape: meetings per year 4 / 3 / 2 / 1 → 100 / 75 / 50 / 25% of the maximum (steering-committee meetings 4 → 20, 3 → 15, 2 → 10, 1 → 5)',
  manual: 'entered by the unit, appraised; steps of the points assumed',
  steps: 'thresholds assumed',
  count: 'points per item with a cap; points and cap assumed',
  choice: 'options assumed',
  cond: 'branches assumed',
  survey: SURVEY_NOTE,
}
/** the real example each rule shape is taken from (facts file), for a leaf's `basis` */
const SHAPE_BASIS = {
  plan: 'Cà Mau 1880/QĐ-UBND (2013), area 1: plan on time / late / not issued',
  done: 'Cà Mau 1880/QĐ-UBND (2013), area 1: plan completion > 90% / 70–90% / < 70%',
  bool: 'Cà Mau 1880/QĐ-UBND (2013), area 1: done or not',
  reports: 'Cà Mau 1880/QĐ-UBND (2013), area 1: reports complete and on time',
  ratio: '766/QĐ-TTg: on-time ratio × maximum',
  meet: 'steering-committee meetings 4 / 3 / 2 / 1 per year (facts file)',
  survey: SURVEY_BASIS,
}

function L(code, vi, en, max, rule, shape, extra = {}) {
  return { code, title: t(vi, en), maxPoints: max, ...(shape === 'survey' ? { source: 'survey' } : {}), rule, ...extra, _shape: shape }
}
function C(code, vi, en, children, extra = {}) {
  return { code, title: t(vi, en), maxPoints: sum(children.map((c) => c.maxPoints)), children, ...extra }
}
const rPlan = (fact, max) => ({
  kind: 'choice',
  fact,
  options: [
    { value: 'on-time', points: max, label: t('Ban hành đúng hạn', 'Issued on time') },
    { value: 'late', points: max / 2, label: t('Ban hành chậm', 'Issued late') },
    { value: 'none', points: 0, label: t('Không ban hành', 'Not issued') },
  ],
})
const rDone = (fact, max) => ({
  kind: 'steps',
  fact,
  steps: [
    { min: 90, minExclusive: true, points: max },
    { min: 70, points: max / 2 },
  ],
  otherwise: 0,
})
const rBool = (fact) => ({ kind: 'boolean', fact })
const rRatio = (numerator, denominator, zero = 'full') => ({ kind: 'ratio', numerator, denominator, whenZeroDenominator: zero })
const rMeet = (fact, max) => ({ kind: 'steps', fact, steps: [4, 3, 2, 1].map((m) => ({ min: m, points: (max * m) / 4 })), otherwise: 0 })
const rManual = (step = 0.25) => ({ kind: 'manual', step })
const rSteps = (fact, steps) => ({ kind: 'steps', fact, steps: steps.map(([min, points, ex]) => (ex ? { min, points, minExclusive: true } : { min, points })), otherwise: 0 })
const rCount = (fact, pointsEach, cap) => ({ kind: 'count', fact, pointsEach, cap })
const rSurvey = () => ({ kind: 'survey', weights: SURVEY_WEIGHTS })

/**
 * The template tree. level: commune | district | department; era: 2019 | 2025.
 */
function templateTree(level, era) {
  const big = level !== 'commune' // districts and departments have the extra criteria
  const dept = level === 'department'
  const e25 = era === 2025
  const A = []

  // 1 direction
  const a1 = [
    C('1.1', 'Kế hoạch cải cách hành chính năm', 'Annual PAR plan', [
      L('1.1.1', 'Ban hành kế hoạch CCHC năm đúng thời hạn', 'Annual PAR plan issued on time', 1, rPlan('planIssued', 1), 'plan', {
        evidence: { required: true, description: t('Kế hoạch CCHC năm (số, ngày ban hành)', 'The annual PAR plan (number, date)') },
      }),
      L('1.1.2', 'Xác định đầy đủ nhiệm vụ, kinh phí thực hiện', 'Tasks and budget fully set', 1, rBool('planTasksFunded'), 'bool'),
      L('1.1.3', 'Mức độ hoàn thành kế hoạch CCHC', 'Plan completion', 2, rDone('planCompletionPercent', 2), 'done'),
    ]),
    C('1.2', 'Báo cáo cải cách hành chính', 'PAR reporting', [
      L('1.2.1', 'Báo cáo quý, 6 tháng, năm đầy đủ, đúng thời hạn', 'Quarterly, half-year and annual reports complete and on time', 1, rBool('reportsOnTime'), 'reports'),
      L('1.2.2', 'Nội dung báo cáo đầy đủ theo hướng dẫn', 'Report content complete', 1, rBool('reportsComplete'), 'bool'),
    ]),
    C('1.3', 'Họp Ban chỉ đạo, giao ban và kiểm tra CCHC', 'Steering meetings and PAR inspection', [
      L('1.3.1', 'Số cuộc họp Ban chỉ đạo, giao ban CCHC trong năm', 'Steering / review meetings held in the year', 1, rMeet('steeringMeetings', 1), 'meet'),
      L('1.3.2', 'Khắc phục tồn tại sau kiểm tra', 'Shortcomings found by inspection fixed', 0.5, rManual(), 'manual'),
    ]),
    C('1.4', 'Tuyên truyền cải cách hành chính', 'PAR communication', [
      L('1.4.1', 'Ban hành kế hoạch tuyên truyền CCHC', 'Communication plan issued', 0.5, rBool('propagandaPlan'), 'bool'),
      L('1.4.2', 'Đa dạng hình thức tuyên truyền (0,25 điểm/hình thức)', 'Variety of channels (0.25 per channel)', 1, rCount('propagandaChannels', 0.25, 1), 'count'),
    ]),
    L(
      '1.5',
      'Sáng kiến, giải pháp mới trong cải cách hành chính',
      'Initiatives and new solutions in PAR',
      1,
      {
        kind: 'conditions',
        branches: [
          {
            when: {
              all: [
                { fact: 'initiatives', operator: 'greaterThanInclusive', value: 1 },
                { fact: 'initiativeRecognised', operator: 'equal', value: true },
              ],
            },
            points: 1,
            label: 'có sáng kiến được công nhận',
          },
          { when: { fact: 'initiatives', operator: 'greaterThanInclusive', value: 1 }, points: 0.5, label: 'có sáng kiến, chưa được công nhận' },
        ],
        otherwise: 0,
      },
      'cond',
    ),
  ]
  if (big) {
    a1.push(
      L(
        '1.6',
        dept ? 'Kiểm tra CCHC tại các đơn vị trực thuộc' : 'Kiểm tra CCHC đối với cơ quan chuyên môn và UBND cấp xã',
        'PAR inspection of subordinate units',
        1,
        rSteps('inspectedUnitsPercent', [
          [30, 1],
          [20, 0.5],
        ]),
        'steps',
      ),
      L('1.7', 'Gắn kết quả CCHC với thi đua, khen thưởng, đánh giá người đứng đầu', 'PAR results used in emulation and in assessing heads', 1, rBool('resultsUsedInEmulation'), 'bool'),
    )
  }
  A.push({ code: '1', vi: 'Công tác chỉ đạo, điều hành cải cách hành chính', en: 'Direction of PAR', kids: a1, adjustmentCaps: { bonus: 0.5 } })

  // 2 institutions / legal documents
  const a2 = [
    C('2.1', dept ? 'Tham mưu xây dựng, ban hành văn bản QPPL' : 'Xây dựng, ban hành văn bản QPPL', 'Drafting legal normative documents', [
      L('2.1.1', 'Đúng thẩm quyền, trình tự, thủ tục', 'Competence and procedure respected', 1, rBool('legalDocsProcedureCompliant'), 'bool'),
      L('2.1.2', 'Tỷ lệ văn bản ban hành đúng tiến độ kế hoạch', 'Share of documents issued on schedule', dept ? 2 : 1, rRatio('legalDocsOnTime', 'legalDocsPlanned'), 'ratio'),
    ]),
    C('2.2', 'Rà soát, hệ thống hóa văn bản QPPL', 'Review of legal documents', [
      L('2.2.1', 'Ban hành kế hoạch rà soát văn bản', 'Review plan issued', 1, rPlan('reviewPlanIssued', 1), 'plan'),
      L('2.2.2', 'Xử lý hoặc kiến nghị xử lý kết quả rà soát', 'Review findings handled', 1, rBool('reviewFindingsHandled'), 'bool'),
    ]),
    C('2.3', 'Tổ chức thực hiện văn bản QPPL', 'Implementing legal documents', [
      L('2.3.1', 'Phổ biến, giáo dục pháp luật', 'Legal dissemination', 1, rManual(), 'manual'),
      L('2.3.2', 'Kiểm tra việc thực hiện văn bản QPPL', 'Implementation checked', 1, rBool('lawImplementationChecked'), 'bool'),
    ]),
  ]
  if (big && !dept) a2.push(L('2.4', 'Theo dõi tình hình thi hành pháp luật', 'Monitoring law enforcement', 1, rManual(), 'manual'))
  A.push({ code: '2', vi: 'Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật', en: 'Legal normative documents', kids: a2 })

  // 3 procedures (departments: with the one-stop criteria)
  const a3 = [
    C('3.1', 'Công khai thủ tục hành chính', 'Publishing procedures', [
      L('3.1.1', 'Niêm yết đầy đủ, đúng quy định tại Bộ phận một cửa', 'Procedures posted at the one-stop desk', 1.5, rBool('proceduresPostedAtOneStop'), 'bool'),
      L('3.1.2', 'Tỷ lệ TTHC công khai trên Cổng dịch vụ công', 'Share of procedures published online', 1.5, rRatio('proceduresPublishedOnline', 'proceduresTotal'), 'ratio'),
    ]),
    C('3.2', 'Kết quả giải quyết thủ tục hành chính', 'Results of handling procedures', [
      L('3.2.1', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'On-time ratio of processed dossiers', dept ? 5 : 3, rRatio('dossiersOnTime', 'dossiersTotal'), 'ratio'),
      L('3.2.2', 'Có văn bản xin lỗi đối với hồ sơ trễ hạn', 'Apology letters for late dossiers', 1, rBool('apologiesForLateDossiers'), 'bool'),
    ]),
    C('3.3', 'Rà soát, đơn giản hóa thủ tục hành chính', 'Reviewing and simplifying procedures', [
      L('3.3.1', 'Ban hành kế hoạch rà soát TTHC', 'Simplification plan issued', 0.5, rBool('simplificationPlan'), 'bool'),
      L('3.3.2', 'Phương án đơn giản hóa được kiến nghị (0,5 điểm/phương án)', 'Simplification proposals (0.5 each)', 1, rCount('simplificationProposals', 0.5, 1), 'count'),
    ]),
    L('3.4', 'Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn', 'Share of feedback handled on time', 1.5, rRatio('feedbackHandled', 'feedbackReceived'), 'ratio'),
  ]
  if (big) a3.push(L('3.5', 'Bố trí cán bộ đầu mối kiểm soát TTHC', 'Focal officer for procedure control', 1, rBool('focalOfficerAssigned'), 'bool'))
  const oneStop = (p) => [
    C(`${p}.1`, 'Bộ phận tiếp nhận và trả kết quả (một cửa)', 'One-stop desk', [
      L(`${p}.1.1`, 'Bố trí đủ diện tích, trang thiết bị theo quy định', 'Premises and equipment as required', 1.5, rBool('oneStopFacilities'), 'bool'),
      L(`${p}.1.2`, 'Công chức làm việc tại Bộ phận một cửa đúng quy định', 'One-stop staff as required', 1.5, rBool('oneStopStaffCompliant'), 'bool'),
    ]),
    C(`${p}.2`, 'Tiếp nhận, giải quyết hồ sơ qua hệ thống một cửa điện tử', 'Dossiers through the electronic one-stop system', [
      L(`${p}.2.1`, 'Tỷ lệ hồ sơ tiếp nhận qua Bộ phận một cửa', 'Share of dossiers received at the one-stop desk', 2, rRatio('dossiersViaOneStop', 'dossiersTotal'), 'ratio'),
      L(`${p}.2.2`, 'Tỷ lệ hồ sơ cập nhật trên hệ thống một cửa điện tử', 'Share of dossiers recorded in the system', 2, rRatio('dossiersInSystem', 'dossiersTotal'), 'ratio'),
    ]),
  ]
  if (dept) a3.push(...oneStop('3').map((c, i) => renumber(c, `3.${6 + i}`)))
  A.push({ code: '3', vi: 'Cải cách thủ tục hành chính', en: 'Administrative procedure reform', kids: a3, adjustmentCaps: { deduction: 1 } })

  // 4 organisation
  const a4 = [
    L('4.1', 'Thực hiện quy định về chức năng, nhiệm vụ, cơ cấu tổ chức', 'Functions, tasks and structure as required', 2, rManual(), 'manual'),
    C('4.2', 'Bố trí công chức theo vị trí việc làm', 'Staff placed by job position', [
      L('4.2.1', 'Sử dụng biên chế đúng số lượng được giao', 'Staff within the assigned quota', 1, rBool('staffWithinQuota'), 'bool'),
      L('4.2.2', 'Bố trí đúng cơ cấu, chức danh theo vị trí việc làm', 'Positions per the job framework', 1, rBool('positionsPerJobFramework'), 'bool'),
    ]),
    L('4.3', 'Thực hiện nhiệm vụ được phân cấp, ủy quyền', 'Decentralised and delegated tasks', 2, rManual(0.5), 'manual'),
  ]
  if (big) {
    a4.push(
      L(
        '4.4',
        dept ? 'Sắp xếp tổ chức bên trong, đơn vị trực thuộc' : e25 ? 'Kiện toàn tổ chức bộ máy sau sắp xếp' : 'Sắp xếp thôn, tổ dân phố',
        dept ? 'Internal restructuring' : 'Restructuring of villages and residential groups',
        1,
        rManual(),
        'manual',
      ),
    )
    if (!dept) a4.push(L('4.5', 'Thực hiện phân cấp quản lý cho cấp dưới', 'Decentralisation to the level below', 1, rManual(), 'manual'))
  }
  A.push({ code: '4', vi: 'Cải cách tổ chức bộ máy hành chính', en: 'Organisational reform', kids: a4 })

  // 5 civil service
  const a5 = [
    C('5.1', 'Chất lượng đội ngũ cán bộ, công chức', 'Quality of staff', [
      L('5.1.1', 'Tỷ lệ cán bộ, công chức đạt chuẩn chuyên môn', 'Share of staff meeting professional standards', dept ? 3 : 2, rRatio('staffQualified', 'staffTotal'), 'ratio'),
      L(
        '5.1.2',
        'Tỷ lệ cán bộ, công chức được bồi dưỡng trong năm',
        'Share of staff trained in the year',
        1,
        rSteps('trainedPercent', [
          [90, 1, true],
          [70, 0.5],
        ]),
        'steps',
      ),
    ]),
    C('5.2', 'Kỷ luật, kỷ cương hành chính', 'Administrative discipline', [
      L('5.2.1', 'Không có cán bộ, công chức bị xử lý kỷ luật', 'No staff disciplined', 1.5, rBool('noDisciplinaryCases'), 'bool'),
      L('5.2.2', 'Chấp hành giờ giấc, nội quy, quy chế làm việc', 'Working hours and rules observed', 1.5, rManual(), 'manual'),
    ]),
    C('5.3', 'Đánh giá, xếp loại cán bộ, công chức', 'Appraisal of staff', [
      L('5.3.1', 'Đánh giá, xếp loại đúng quy định', 'Appraisal done as required', 1, rBool('appraisalCompliant'), 'bool'),
      L(
        '5.3.2',
        'Tỷ lệ hoàn thành tốt nhiệm vụ trở lên',
        'Share rated "completed well" or better',
        1,
        rSteps('staffGoodOrBetterPercent', [
          [70, 1],
          [50, 0.5],
        ]),
        'steps',
      ),
    ]),
    L('5.4', dept ? 'Thực hiện dân chủ trong cơ quan' : 'Thực hiện dân chủ ở cơ sở', 'Grassroots democracy', 2, rManual(0.5), 'manual'),
  ]
  if (big) {
    a5.push(L('5.5', 'Tuyển dụng, bổ nhiệm đúng quy định', 'Recruitment and appointment as required', 1, rBool('recruitmentCompliant'), 'bool'))
    if (!dept)
      a5.push(
        L(
          '5.6',
          'Tinh giản biên chế theo lộ trình',
          'Staff reduction on schedule',
          1,
          rSteps('staffReductionPercent', [
            [10, 1],
            [5, 0.5],
          ]),
          'steps',
        ),
      )
  }
  A.push({ code: '5', vi: 'Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức', en: 'Civil servants: building and quality', kids: a5 })

  // 6 finance
  const a6 = [
    C('6.1', 'Thực hiện dự toán ngân sách', 'Budget execution', [
      dept
        ? L(
            '6.1.1',
            'Tỷ lệ giải ngân vốn đầu tư công',
            'Public investment disbursed',
            2,
            rSteps('disbursementPercent', [
              [95, 2],
              [80, 1],
            ]),
            'steps',
          )
        : L(
            '6.1.1',
            'Thu ngân sách đạt, vượt dự toán',
            'Budget revenue on or above target',
            1,
            rSteps('revenuePercent', [
              [100, 1],
              [90, 0.5],
            ]),
            'steps',
          ),
      L('6.1.2', 'Chi ngân sách đúng dự toán, đúng quy định', 'Spending within budget and rules', 1, rBool('spendingWithinBudget'), 'bool'),
    ]),
    C('6.2', 'Quy chế chi tiêu nội bộ, công khai tài chính', 'Internal spending rules and disclosure', [
      L('6.2.1', 'Ban hành quy chế chi tiêu nội bộ', 'Internal spending rules issued', 1, rPlan('internalSpendingRules', 1), 'plan'),
      L('6.2.2', 'Công khai tài chính, ngân sách đúng quy định', 'Budget disclosed as required', 1, rBool('budgetDisclosed'), 'bool'),
    ]),
    C('6.3', 'Quản lý, sử dụng tài sản công', 'Public assets', [
      L('6.3.1', 'Không có sai phạm qua thanh tra, kiểm toán', 'No irregularities found by inspection or audit', 1, rBool('noAuditFindings'), 'bool'),
      L('6.3.2', 'Báo cáo kê khai tài sản công đúng hạn', 'Asset report on time', 1, rBool('assetReportOnTime'), 'bool'),
    ]),
  ]
  if (big) {
    a6.push(
      L('6.4', 'Tỷ lệ đơn vị sự nghiệp công lập tự chủ tài chính', 'Share of financially autonomous public service units', 1, rRatio('autonomousUnits', 'publicServiceUnits'), 'ratio', {
        applicability: { fact: 'hasPublicServiceUnits', operator: 'equal', value: true },
      }),
    )
  }
  A.push({ code: '6', vi: 'Cải cách tài chính công', en: 'Public-finance reform', kids: a6 })

  // 7 modernisation
  const online = e25
    ? [
        [80, 2],
        [60, 1.5],
        [40, 1],
      ]
    : [
        [50, 2],
        [30, 1.5],
        [10, 1],
      ]
  const a7 = [
    C('7.1', 'Ứng dụng công nghệ thông tin', 'Use of information technology', [
      L('7.1.1', 'Tỷ lệ văn bản đi được gửi dưới dạng điện tử', 'Share of outgoing documents sent electronically', dept ? 3 : 2, rRatio('docsSentElectronically', 'docsSentTotal'), 'ratio'),
      L('7.1.2', 'Sử dụng chữ ký số trong văn bản điện tử', 'Digital signatures used', 1, rBool('digitalSignatureUsed'), 'bool'),
      L('7.1.3', 'Sử dụng thư điện tử công vụ', 'Official e-mail used', 1, rBool('officialEmailUsed'), 'bool'),
    ]),
    // Nghị định 42/2022/NĐ-CP (2022-06-24): online services are "toàn trình" / "một phần", no longer "mức độ 3, 4"
    C(
      '7.2',
      e25 ? 'Dịch vụ công trực tuyến toàn trình' : 'Dịch vụ công trực tuyến mức độ 3, 4 (từ năm 2022: toàn trình, một phần)',
      e25 ? 'End-to-end online public services' : 'Online public services level 3, 4 (from 2022: end-to-end, partial)',
      [
        L('7.2.1', 'Tỷ lệ hồ sơ nộp trực tuyến', 'Share of dossiers filed online', 2, rSteps('onlineDossierPercent', online), 'steps'),
        L('7.2.2', 'Tỷ lệ thanh toán trực tuyến', 'Share of payments made online', 2, rRatio('paymentsOnline', 'paymentsTotal'), 'ratio'),
      ],
    ),
    L('7.3', 'Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa', 'Share of dossiers and results digitised', dept ? 3 : 2, rRatio('dossiersDigitised', 'dossiersTotal'), 'ratio'),
    C('7.4', 'Hệ thống quản lý chất lượng theo TCVN ISO 9001', 'ISO 9001 quality management', [
      L('7.4.1', 'Công bố hệ thống quản lý chất lượng', 'Quality system announced', 1, rBool('isoAnnounced'), 'bool'),
      L('7.4.2', 'Duy trì, cải tiến hệ thống quản lý chất lượng', 'Quality system maintained and improved', 1, rManual(), 'manual'),
    ]),
  ]
  if (big && !dept) a7.push(L('7.5', 'Chuyển đổi số, xây dựng chính quyền số', 'Digital transformation', 1, rManual(), 'manual'))
  A.push({
    code: '7',
    vi: e25 ? 'Chuyển đổi số, hiện đại hóa hành chính' : 'Hiện đại hóa hành chính',
    en: e25 ? 'Digital transformation and modernisation' : 'Modernisation of administration',
    kids: a7,
  })

  // 8 one-stop (communes, districts)
  if (!dept) {
    const a8 = [
      ...oneStop('8'),
      L(
        '8.3',
        'Thực hiện liên thông thủ tục hành chính',
        'Inter-agency procedures',
        3,
        {
          kind: 'choice',
          fact: 'interconnectedProcedures',
          options: [
            { value: 'full', points: 3, label: t('Đầy đủ các nhóm TTHC liên thông', 'All linked procedure groups') },
            { value: 'partial', points: 1.5, label: t('Một phần', 'Partly') },
            { value: 'none', points: 0, label: t('Chưa thực hiện', 'Not done') },
          ],
        },
        'choice',
      ),
    ]
    A.push({ code: '8', vi: 'Thực hiện cơ chế một cửa, một cửa liên thông', en: 'One-stop and inter-agency one-stop', kids: a8 })
  }

  // survey area
  const s = level === 'commune' && !e25 ? 3 : 2
  const sc = String(A.length + 1)
  const sipas = [
    [
      'Tiếp cận dịch vụ',
      'Access to services',
      ['Thuận tiện khi tìm hiểu thông tin, liên hệ', 'Easy to get information'],
      ['Cơ sở vật chất nơi tiếp nhận hồ sơ', 'Facilities where dossiers are received'],
    ],
    [
      'Thủ tục hành chính',
      'Procedures',
      ['TTHC được công khai đầy đủ, chính xác', 'Procedures published fully and accurately'],
      ['Thành phần hồ sơ, thời hạn giải quyết hợp lý', 'Reasonable dossier and time limits'],
    ],
    ['Công chức giải quyết công việc', 'Civil servants handling the work', ['Thái độ giao tiếp lịch sự, tôn trọng', 'Polite, respectful'], ['Hướng dẫn tận tình, dễ hiểu', 'Helpful, clear guidance']],
    ['Kết quả giải quyết công việc', 'Results', ['Nhận kết quả đúng hẹn', 'Results on time'], ['Kết quả đúng quy định', 'Results as the law requires']],
    [
      'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị',
      'Handling feedback and complaints',
      ['Có bố trí hình thức tiếp nhận góp ý', 'Ways to give feedback'],
      ['Phản hồi kịp thời, thỏa đáng', 'Timely, satisfactory replies'],
    ],
  ].map(([vi, en, q1, q2], i) => C(`${sc}.${i + 1}`, vi, en, [L(`${sc}.${i + 1}.1`, q1[0], q1[1], s, rSurvey(), 'survey'), L(`${sc}.${i + 1}.2`, q2[0], q2[1], s, rSurvey(), 'survey')]))
  A.push({
    code: sc,
    vi: 'Mức độ hài lòng của người dân, tổ chức (điều tra xã hội học)',
    en: 'Satisfaction of people and organisations (sociological survey)',
    kids: sipas,
    survey: true,
  })
  return A
}

function renumber(node, code) {
  const old = node.code
  const re = (c) => code + c.slice(old.length)
  const walk = (n) => ({ ...n, code: re(n.code), ...(n.children ? { children: n.children.map(walk) } : {}) })
  return walk(node)
}

/**
 * Adds status / basis / note to every node of a template tree and strips the authoring-only
 * keys. Every node is reconstructed: it names what it is shaped after (`basis`), never a
 * legal reference.
 */
function stampTemplate(areas, { basis, areaNote, surveyNote, leafPrefix }) {
  const stamp = (n) => {
    const { _shape, ...rest } = n
    if (rest.children) {
      return {
        ...rest,
        children: rest.children.map(stamp),
        status: R,
        basis,
        note: `${leafPrefix} Grouping and maximum ${rest.maxPoints} assumed (the facts file gives no per-criterion maxima).`,
      }
    }
    return {
      ...rest,
      status: R,
      basis: SHAPE_BASIS[_shape] ? `${basis}; rule shape after ${SHAPE_BASIS[_shape]}` : basis,
      note: `${leafPrefix} Maximum ${rest.maxPoints} assumed; ${SHAPE[_shape]}.`,
    }
  }
  return areas.map((a) => {
    const children = a.kids.map(stamp)
    const node = {
      code: a.code,
      title: t(a.vi, a.en),
      maxPoints: sum(children.map((c) => c.maxPoints)),
      children,
      status: R,
      basis: a.survey ? `${basis}; ${SURVEY_BASIS}` : basis,
      note: a.survey ? surveyNote : areaNote(a.code),
    }
    if (a.adjustmentCaps) node.adjustmentCaps = a.adjustmentCaps
    return node
  })
}

const BANDS_PROVINCIAL = [
  { code: 'xuat-sac', label: t('Xuất sắc', 'Excellent'), min: 90 },
  { code: 'tot', label: t('Tốt', 'Good'), min: 80 },
  { code: 'kha', label: t('Khá', 'Fair'), min: 70 },
  { code: 'trung-binh', label: t('Trung bình', 'Average'), min: 50 },
  { code: 'yeu', label: t('Yếu', 'Weak'), min: 0 },
].map((b) => ({
  ...b,
  status: R,
  basis: 'Kiên Giang 2017: Xuất sắc ≥ 90, Tốt ≥ 80, Khá about ≥ 72 (ambiguous; facts file)',
  note: 'The band name is the one provinces use; its cut-off is reconstructed (each province sets its own).',
}))
const BANDS_NOTE =
  'Bands Xuất sắc / Tốt / Khá / Trung bình / Yếu are verified as the names used; their cut-offs (90 / 80 / 70 / 50) are reconstructed — each province sets its own (Kiên Giang 2017: Xuất sắc ≥ 90, Tốt ≥ 80, Khá about ≥ 72, ambiguous).'

function adjustments() {
  const note =
    'Reconstructed: explicit deduction and bonus rules with caps were not found in national texts; provincial software keeps bonus and penalty blocks, each with a cap. Amounts and caps assumed.'
  const basisRef = 'provincial scoring software: bonus and penalty blocks, each with a cap (facts file)'
  return [
    {
      id: 'tru-nhac-nho',
      type: 'deduction',
      title: t('Bị cơ quan cấp trên nhắc nhở, phê bình về công tác CCHC (0,5 điểm/lần)', 'Reprimanded by a higher authority on PAR (0.5 each)'),
      amount: { kind: 'per', fact: 'reprimands', points: 0.5 },
      cap: 2,
      status: R,
      basis: basisRef,
      note,
    },
    {
      id: 'tru-tre-han',
      type: 'deduction',
      target: '3',
      title: t('Hồ sơ trễ hạn không có văn bản xin lỗi (0,25 điểm/hồ sơ)', 'Late dossiers without an apology (0.25 each)'),
      amount: { kind: 'per', fact: 'lateDossiersWithoutApology', points: 0.25 },
      cap: 1.5,
      status: R,
      basis: basisRef,
      note,
    },
    {
      id: 'tru-tham-dinh',
      type: 'deduction',
      title: t('Trừ điểm theo kết luận thẩm định (vi phạm khác)', 'Deduction set by the appraisal (other violations)'),
      amount: { kind: 'entered' },
      cap: 2,
      status: R,
      basis: basisRef,
      note,
    },
    {
      id: 'thuong-sang-kien',
      type: 'bonus',
      target: '1',
      title: t('Sáng kiến CCHC được công nhận cấp tỉnh', 'PAR initiative recognised by the province'),
      amount: { kind: 'fixed', points: 0.5, when: { fact: 'initiativeRecognisedByProvince', operator: 'equal', value: true } },
      cap: 0.5,
      status: R,
      basis: basisRef,
      note,
    },
    { id: 'thuong-khen-thuong', type: 'bonus', title: t('Được khen thưởng về công tác CCHC', 'Rewarded for PAR work'), amount: { kind: 'entered' }, cap: 1, status: R, basis: basisRef, note },
  ]
}

/** what the provincial templates are shaped after, as a pack-level basis */
const HA_TINH_BASIS = t('Quyết định 52/2019/QĐ-UBND tỉnh Hà Tĩnh', 'Hà Tĩnh Decision 52/2019/QĐ-UBND')
const HA_TINH_LEGAL_BASIS = {
  ref: '52/2019/QĐ-UBND',
  date: '2019-09-24',
  title:
    'UBND tỉnh Hà Tĩnh — Bộ chỉ số CCHC của sở, ban, ngành, UBND cấp huyện, cấp xã; "có hiệu lực thi hành kể từ ngày 08/10/2019 và thay thế Quyết định số 33/2018/QĐ-UBND ngày 12/9/2018" (tuphap.hatinh.gov.vn)',
}

function haTinh(level) {
  const facts = {
    commune: { areas: 9, criteria: 34, self: 70, survey: 30, vi: 'cấp xã', en: 'communes', kinds: ['commune', 'ward', 'township'] },
    district: { areas: 9, criteria: 44, self: 80, survey: 20, vi: 'cấp huyện', en: 'districts', kinds: ['district'] },
    department: { areas: 8, criteria: 39, self: 80, survey: 20, vi: 'sở, ban, ngành', en: 'departments', kinds: ['department'] },
  }[level]
  const basis = `Hà Tĩnh 52/2019/QĐ-UBND, ${facts.en}: ${facts.areas} areas, ${facts.criteria} criteria, ${facts.self} self-assessed + ${facts.survey} survey points (totals only)`
  const prefix = `Template after Hà Tĩnh 52/2019/QĐ-UBND; content reconstructed.`
  const criteria = stampTemplate(templateTree(level, 2019), {
    basis,
    leafPrefix: prefix,
    areaNote: (code) =>
      `Verified: the pack has ${facts.areas} areas, ${facts.criteria} criteria, ${facts.self} self-assessed + ${facts.survey} survey points. Reconstructed: area ${code}'s title, criteria and maximum.`,
    surveyNote: `Verified: ${facts.survey} of 100 points come from the survey. Reconstructed: grouping them as one area, its 5 criteria (the SIPAS elements) and 10 questions. ${SURVEY_NOTE}`,
  })
  return {
    id: `vn-cchc/${level}-2019`,
    version: '1.1.0',
    family: `vn-cchc/${level}`,
    title: marked(`Chỉ số CCHC ${facts.vi} dựng theo khuôn mẫu của Quyết định 52/2019/QĐ-UBND tỉnh Hà Tĩnh`, `PAR index of ${facts.en} shaped after Hà Tĩnh Decision 52/2019/QĐ-UBND`),
    description: t(
      `${facts.areas} lĩnh vực, ${facts.criteria} tiêu chí; ${facts.self} điểm tự đánh giá (thẩm định) + ${facts.survey} điểm điều tra xã hội học — các tổng số theo Quyết định 52/2019/QĐ-UBND tỉnh Hà Tĩnh (hiệu lực từ 08/10/2019); tên, điểm và cách chấm từng tiêu chí là tái dựng.`,
      `${facts.areas} areas, ${facts.criteria} criteria; ${facts.self} self-assessed (appraised) + ${facts.survey} survey points — the totals of Hà Tĩnh Decision 52/2019/QĐ-UBND (in force from 2019-10-08); each criterion's title, points and rule are reconstructed.`,
    ),
    effective: { from: '2019-10-08', to: '2025-06-30' },
    appliesTo: facts.kinds,
    legalBasis: [HA_TINH_LEGAL_BASIS],
    scale: 100,
    criteria,
    adjustments: adjustments(),
    bands: BANDS_PROVINCIAL,
    rounding: { index: { decimals: 2, mode: 'half-up' } },
    evidencePolicy: { missing: 'zero' },
    status: R,
    basis: HA_TINH_BASIS,
    note:
      `Verified (52/2019/QĐ-UBND): ${facts.areas} areas, ${facts.criteria} criteria, ${facts.self} self-assessed + ${facts.survey} survey points; the decision is dated 2019-09-24, in force from 2019-10-08, and replaced 33/2018/QĐ-UBND (2018-09-12). ` +
      "Reconstructed: every title, criterion and sub-criterion maximum, the leaf rules (shapes taken from the facts file's real examples), adjustments and their caps, band cut-offs. " +
      BANDS_NOTE +
      ' Effective to 2025-06-30: from 2025-07-01 the two-tier local government applies (districts abolished).',
  }
}

function twoTier(level) {
  const legalBasis = [
    {
      ref: '2211/QĐ-UBND',
      date: '2025-08-31',
      title: 'UBND tỉnh Sơn La — PAR index after the two-tier reform: departments and communes / wards are scored (the scope this pack takes; its content is not in the facts file and is not used)',
    },
    { ref: '2712/QĐ-UBND', date: '2025-10-31', title: 'UBND tỉnh Sơn La — PAR index after the two-tier reform (as above)' },
  ]
  const facts = level === 'commune' ? { vi: 'cấp xã (xã, phường)', en: 'communes and wards', kinds: ['commune', 'ward'] } : { vi: 'sở, ban, ngành', en: 'departments', kinds: ['department'] }
  const basis = `Hà Tĩnh 52/2019/QĐ-UBND template (${level === 'commune' ? 'the district tree, as merged communes take over district work' : 'the department tree'}), not the content of Sơn La 2211/QĐ-UBND or 2712/QĐ-UBND`
  const tree = templateTree(level === 'commune' ? 'district' : 'department', 2025)
  if (level === 'commune') {
    // the merged communes take over most district-level work: district-shaped tree, commune titles
    tree[0].kids[5] = L(
      '1.6',
      'Kiểm tra CCHC đối với các bộ phận, đơn vị trực thuộc',
      'PAR inspection of subordinate units',
      1,
      rSteps('inspectedUnitsPercent', [
        [30, 1],
        [20, 0.5],
      ]),
      'steps',
    )
    tree[7].kids[0] = { ...tree[7].kids[0], title: t('Trung tâm Phục vụ hành chính công cấp xã', 'Commune public administration service centre') }
  }
  const prefix = 'Two-tier edition (from 2025-07-01); structure shaped after the Hà Tĩnh template and reconstructed.'
  const criteria = stampTemplate(tree, {
    basis,
    leafPrefix: prefix,
    areaNote: (code) => `Reconstructed: area ${code} (title, criteria, maximum). The facts file says only that after 2025-07-01 provinces score departments and communes/wards.`,
    surveyNote: `Reconstructed: 20 survey points in one area of 5 criteria (SIPAS elements). ${SURVEY_NOTE}`,
  })
  return {
    id: `vn-cchc/${level}-2025`,
    version: '1.1.0',
    family: `vn-cchc/${level}`,
    title: marked(
      `Chỉ số CCHC ${facts.vi} — chính quyền địa phương hai cấp, dựng theo khuôn mẫu của Quyết định 52/2019/QĐ-UBND tỉnh Hà Tĩnh`,
      `PAR index of ${facts.en} — two-tier local government, shaped after Hà Tĩnh Decision 52/2019/QĐ-UBND`,
    ),
    description: t(
      'Áp dụng từ 01/7/2025 (giả định: ngày chính quyền địa phương hai cấp bắt đầu). Phạm vi chỉ gồm sở và xã, phường như Quyết định 2211/QĐ-UBND ngày 31/8/2025 và 2712/QĐ-UBND ngày 31/10/2025 của UBND tỉnh Sơn La; nội dung dựng theo khuôn mẫu Hà Tĩnh, không theo nội dung các quyết định đó.',
      'From 2025-07-01 (assumed: the start of the two-tier local government). The scope — departments and communes / wards only — is that of Sơn La 2211/QĐ-UBND (2025-08-31) and 2712/QĐ-UBND (2025-10-31); the content is shaped after the Hà Tĩnh template, not after those decisions.',
    ),
    effective: { from: '2025-07-01' },
    appliesTo: facts.kinds,
    legalBasis,
    scale: 100,
    criteria,
    adjustments: adjustments(),
    bands: BANDS_PROVINCIAL,
    rounding: { index: { decimals: 2, mode: 'half-up' } },
    evidencePolicy: { missing: 'zero' },
    status: R,
    basis: HA_TINH_BASIS,
    note:
      'Verified: from 2025-07-01 provinces score departments and communes/wards only (Sơn La 2211/QĐ-UBND of 2025-08-31 and 2712/QĐ-UBND of 2025-10-31). ' +
      "Reconstructed: the whole structure, shaped after the Hà Tĩnh 52/2019/QĐ-UBND template (80 self-assessed + 20 survey points), not after the Sơn La decisions' content; every maximum, rule, adjustment and band cut-off. " +
      'Assumed: effective from 2025-07-01, the start of the two-tier local government, although the Sơn La decisions are dated later. ' +
      BANDS_NOTE,
  }
}

// ---------------------------------------------------------------------------------------
// Decision 766/QĐ-TTg service index

function service766() {
  const ref = '766/QĐ-TTg (2022-06-23)'
  const named = (where) => `766/QĐ-TTg, ${where} (criterion named in dinte.gov.vn, baocaotaichinh.vn, vietjack.me; its points are not in the facts file)`
  const rec = (what, where) => ({ status: R, basis: named(where), note: `Reconstructed: ${what} (the facts file gives the five groups, the criteria named and three sub-weights).` })
  const ver = (what) => ({ status: V, legalRef: ref, note: `Verified: ${what}.` })
  const leaf = (code, vi, en, max, rule, meta, extra = {}) => ({ code, title: t(vi, en), maxPoints: max, ...extra, rule, ...meta })
  const group = (code, vi, en, children, meta) => ({ code, title: t(vi, en), maxPoints: sum(children.map((c) => c.maxPoints)), children, ...meta })
  const criteria = [
    group(
      '1',
      'Công khai, minh bạch',
      'Publicity and transparency',
      [
        leaf('1.1', 'TTHC được công bố đúng hạn', 'Procedures announced on time', 4, rRatio('proceduresAnnouncedOnTime', 'proceduresToAnnounce'), rec('weight 4 and the ratio rule', 'group 1')),
        leaf('1.2', 'TTHC được cập nhật, công khai đúng hạn', 'Procedures updated and published on time', 4, rRatio('proceduresPublishedOnTime', 'proceduresToPublish'), {
          status: V,
          legalRef: ref,
          note: 'Verified: weight 4 of the 18 publicity points (facts file: "TTHC được cập nhật, công khai đúng hạn (4 of the 18)"). Reconstructed: the rule shape (ratio of procedures published on time × 4).',
        }),
        leaf(
          '1.3',
          'Công khai đầy đủ các bộ phận của TTHC',
          'All parts of each procedure published',
          4,
          rRatio('proceduresFullyPublished', 'proceduresTotal'),
          rec('weight 4 and the ratio rule', 'group 1'),
        ),
        leaf(
          '1.4',
          'Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia',
          'Dossiers synchronised with the National Public Service Portal',
          6,
          rRatio('dossiersSynced', 'dossiersTotal'),
          rec('weight 6 and the ratio rule', 'group 1'),
        ),
      ],
      ver('group "công khai, minh bạch" worth 18 of 100, with the four criteria named'),
    ),
    group(
      '2',
      'Tiến độ, kết quả giải quyết',
      'Progress and results of settlement',
      [
        leaf('2.1', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'On-time processing ratio', 20, rRatio('dossiersOnTime', 'dossiersTotal'), ver('on-time processing ratio × 20')),
        // reported, no points: the group's 20 are the on-time ratio's; the value read is in the trace
        leaf(
          '2.2',
          'Thời gian giải quyết TTHC trung bình (ngày, theo dõi, không tính điểm)',
          'Average time to settle a procedure (days; reported, no points)',
          0,
          { kind: 'steps', fact: 'averageProcessingDays', steps: [{ min: 0, points: 0 }], otherwise: 0 },
          {
            status: V,
            legalRef: ref,
            note: 'Verified: group 2 reports the average time to settle each procedure ("thời gian giải quyết TTHC trung bình theo từng TTHC (reported)"); its 20 points are the on-time ratio\'s, so this criterion carries none. The fact averageProcessingDays (days) is read and shown in the trace.',
          },
          { source: 'computed' },
        ),
      ],
      ver('group "tiến độ, kết quả giải quyết" worth 20 of 100'),
    ),
    group(
      '3',
      'Số hóa hồ sơ',
      'Digitisation of dossiers',
      [
        leaf('3.1', 'Tỷ lệ hồ sơ được số hóa khi tiếp nhận', 'Share of dossiers digitised on receipt', 11, rRatio('dossiersDigitised', 'dossiersTotal'), {
          status: R,
          basis: '766/QĐ-TTg, group 3 (22 points; its criteria are not in the facts file)',
          note: "Reconstructed: title, weight 11 and ratio rule (the facts file gives only the group's 22 points).",
        }),
        leaf('3.2', 'Tỷ lệ kết quả giải quyết được số hóa', 'Share of results digitised', 11, rRatio('resultsDigitised', 'dossiersTotal'), {
          status: R,
          basis: '766/QĐ-TTg, group 3 (22 points; its criteria are not in the facts file)',
          note: "Reconstructed: title, weight 11 and ratio rule (the facts file gives only the group's 22 points).",
        }),
      ],
      ver('group "số hóa hồ sơ" worth 22 of 100'),
    ),
    group(
      '4',
      'Cung cấp dịch vụ trực tuyến',
      'Provision of online services',
      [
        leaf('4.1', 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình', 'Share of procedures offered end-to-end online', 8, rRatio('proceduresFullyOnline', 'proceduresTotal'), {
          status: R,
          basis: '766/QĐ-TTg, group 4 (22 points); "toàn trình" / "một phần" per Nghị định 42/2022/NĐ-CP',
          note: "Reconstructed: title, weight 8 and ratio rule (the facts file gives only the group's name and 22 points).",
        }),
        leaf('4.2', 'Tỷ lệ hồ sơ nộp trực tuyến', 'Share of dossiers filed online', 8, rRatio('dossiersOnline', 'dossiersTotal'), {
          status: R,
          basis: '766/QĐ-TTg, group 4 (22 points)',
          note: 'Reconstructed: title, weight 8 and ratio rule.',
        }),
        leaf('4.3', 'Tỷ lệ thanh toán trực tuyến', 'Share of payments made online', 6, rRatio('paymentsOnline', 'paymentsTotal'), {
          status: R,
          basis: '766/QĐ-TTg, group 4 (22 points)',
          note: 'Reconstructed: title, weight 6 and ratio rule.',
        }),
      ],
      ver('group "cung cấp dịch vụ trực tuyến" worth 22 of 100'),
    ),
    group(
      '5',
      'Mức độ hài lòng',
      'Satisfaction',
      [
        leaf(
          '5.1',
          'Tỷ lệ phản ánh, kiến nghị (PAKN) được xử lý đúng hạn',
          'Share of feedback and petitions handled on time',
          6,
          rRatio('feedbackHandledOnTime', 'feedbackReceived'),
          rec('weight 6 and the ratio rule (a ratio from system data, not a questionnaire)', 'group 5'),
        ),
        leaf(
          '5.2',
          'Mức độ hài lòng trong xử lý phản ánh, kiến nghị',
          'Satisfaction with the handling of feedback and petitions',
          6,
          rRatio('feedbackSatisfied', 'feedbackRated'),
          rec('weight 6 and the ratio rule (satisfied ratings over ratings in the system)', 'group 5'),
        ),
        leaf('5.3', 'Mức độ hài lòng trong tiếp nhận, giải quyết TTHC', 'Satisfaction with receiving and settling procedures', 6, rRatio('dossiersSatisfied', 'dossiersRated'), {
          status: V,
          legalRef: ref,
          note: 'Verified: weight 6 of the 18 satisfaction points (facts file: "satisfaction with handling 6 of 18", tied to Nghị quyết 76/NQ-CP targets; which of the three ratios carries the 6 is read from "handling"). Reconstructed: the ratio rule (satisfied ratings over ratings in the system).',
        }),
      ],
      ver('group "mức độ hài lòng" worth 18 of 100: three ratios from system data, not a questionnaire'),
    ),
  ]
  return {
    id: 'vn-766/service-2022',
    version: '2.0.0',
    family: 'vn-766/service',
    title: t(
      'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử (Quyết định 766/QĐ-TTg; điểm từng tiêu chí phần lớn tái dựng, không phải văn bản chính thức)',
      'Index for directing, managing and assessing the quality of service to citizens and businesses in administrative procedures and public services, in real time, online (Decision 766/QĐ-TTg; most criterion weights reconstructed, not an official text)',
    ),
    description: t(
      '100 điểm, 5 nhóm: công khai, minh bạch 18; tiến độ, kết quả giải quyết 20; số hóa hồ sơ 22; cung cấp dịch vụ trực tuyến 22; mức độ hài lòng 18 (ba tỷ lệ lấy từ dữ liệu hệ thống). Áp dụng cho UBND các cấp (kể cả thị trấn) và cơ quan của họ.',
      "100 points in five groups: publicity and transparency 18, progress and results 20, digitisation 22, online services 22, satisfaction 18 (three ratios from system data). Applies to people's committees of every level (townships included) and their agencies.",
    ),
    effective: { from: '2022-06-23' },
    appliesTo: ['ministry', 'province', 'department', 'district', 'commune', 'ward', 'township'],
    legalBasis: [{ ref: '766/QĐ-TTg', date: '2022-06-23', title: 'Thủ tướng Chính phủ — in force 2022-06-23; the national system live from 2022-08-01' }],
    scale: 100,
    criteria,
    rounding: { index: { decimals: 2, mode: 'half-up' } },
    status: R,
    note:
      'Verified: the full title; the five groups 18 / 20 / 22 / 22 / 18 and their names (group 4 "Cung cấp dịch vụ trực tuyến"); the criteria of group 1 (announced on time; updated and published on time, 4 of 18; fully published; dossiers synchronised with the national portal), of group 2 (on-time ratio × 20; the average settlement time, reported) and of group 5 (three ratios from system data: feedback handled on time, satisfaction with feedback handling, satisfaction with procedures, 6 of 18); ' +
      "it applies to people's committees of every level and their agencies. Reconstructed: every other weight and rule, the criteria of groups 3 and 4. Assumed: ministries are included (the facts file names people's committees and their agencies).",
  }
}

// ---------------------------------------------------------------------------------------
// Party administrative-procedure checklists (article 002, Trà Vinh; article 000 gives no counts)

/** on time 1, late half, not done 0: the shape of the plan item of Cà Mau 1880/QĐ-UBND (2013) */
const rDoc = (fact) => ({
  kind: 'choice',
  fact,
  options: [
    { value: 'on-time', points: 1, label: t('Thực hiện kịp thời', 'Done on time') },
    { value: 'late', points: 0.5, label: t('Thực hiện chưa kịp thời', 'Done late') },
    { value: 'none', points: 0, label: t('Chưa thực hiện', 'Not done') },
  ],
})

function partyChecklist(level) {
  const article = 'Article 002 (Càng Long district, Trà Vinh), reporting plans 80-KH/TU (2015-07-07) and 111-CV/TU (2016-06-17) of the provincial Party standing committee'
  const docs = {
    committee: {
      n: 10,
      vi: 'đảng bộ cơ sở',
      en: 'grassroots Party committees',
      kinds: ['party-committee'],
      quote: '"10 loại văn bản dành cho Đảng bộ cơ sở"',
      list: [
        ['Nghị quyết lãnh đạo thực hiện nhiệm vụ năm', 'Annual leadership resolution'],
        ['Chương trình công tác năm của cấp ủy', 'Annual work programme of the committee'],
        ['Quy chế làm việc của cấp ủy', 'Working rules of the committee'],
        ['Chương trình kiểm tra, giám sát năm', 'Annual inspection and supervision programme'],
        ['Báo cáo sơ kết 6 tháng', 'Half-year report'],
        ['Báo cáo tổng kết năm', 'Annual report'],
        ['Nghị quyết chuyên đề', 'Thematic resolution'],
        ['Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', "Plan for following Hồ Chí Minh's example"],
        ['Kế hoạch kiểm điểm, đánh giá, xếp loại tổ chức đảng và đảng viên', 'Plan for reviewing and rating Party organisations and members'],
        ['Biên bản, nghị quyết các kỳ họp cấp ủy', 'Minutes and resolutions of committee meetings'],
      ],
      named: {},
    },
    cell: {
      n: 7,
      vi: 'chi bộ cơ sở',
      en: 'grassroots Party cells',
      kinds: ['party-cell'],
      quote: '"07 loại văn bản dành cho Chi bộ cơ sở … bám sát theo 07 nội dung cơ bản"',
      list: [
        ['Nghị quyết năm của chi bộ', 'Annual resolution of the cell'],
        ['Nghị quyết sinh hoạt chi bộ hằng tháng', 'Monthly meeting resolutions'],
        ['Sổ ghi biên bản sinh hoạt chi bộ', 'Minutes book of cell meetings'],
        ['Báo cáo kết quả thực hiện nghị quyết năm', 'Report on the annual resolution'],
        ['Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', "Plan for following Hồ Chí Minh's example"],
        ['Phân công nhiệm vụ cho đảng viên', 'Tasks assigned to members'],
        ['Kiểm điểm, đánh giá, xếp loại chất lượng đảng viên', 'Review and rating of members'],
      ],
      named: {},
    },
    'subordinate-cell': {
      n: 7,
      vi: 'chi bộ trực thuộc đảng ủy cơ sở',
      en: 'Party cells under a grassroots Party committee',
      kinds: ['party-subordinate-cell'],
      quote: '"07 loại văn bản dành cho Chi bộ trực thuộc Đảng ủy cơ sở"',
      list: [
        ['Nghị quyết năm của chi bộ (nội dung thứ 3: chương trình kiểm tra, giám sát)', 'Annual resolution of the cell (third part: inspection and supervision programme)'],
        ['Nghị quyết sinh hoạt chi bộ hằng tháng', 'Monthly meeting resolutions'],
        ['Sổ ghi biên bản sinh hoạt chi bộ', 'Minutes book of cell meetings'],
        ['Báo cáo kết quả thực hiện nghị quyết năm', 'Report on the annual resolution'],
        ['Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', "Plan for following Hồ Chí Minh's example"],
        ['Phân công nhiệm vụ cho đảng viên', 'Tasks assigned to members'],
        ['Kiểm điểm, đánh giá, xếp loại chất lượng đảng viên', 'Review and rating of members'],
      ],
      named: {
        0: 'Article 002 names this document: for the cells of hamlets and quarters "việc xây dựng nghị quyết năm của chi bộ chưa xây dựng đầy đủ nội dung thứ 3 về chương trình kiểm tra, giám sát".',
      },
    },
    member: {
      n: 5,
      vi: 'đảng viên',
      en: 'Party members',
      kinds: ['party-member'],
      quote: '"thực hiện 05 loại văn bản đối với đảng viên … theo đúng 05 nội dung của công văn yêu cầu"',
      list: [
        ['Bản đăng ký thực hiện "Dân vận khéo"', '"Skilful mass mobilisation" pledge'],
        ['Bản kiểm điểm, tự đánh giá theo tinh thần Nghị quyết Trung ương 4', 'Self-review in the spirit of Central Resolution 4'],
        ['Bản đăng ký học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', "Pledge to follow Hồ Chí Minh's example"],
        ['Bản cam kết tu dưỡng, rèn luyện, phấn đấu năm', 'Annual self-improvement pledge'],
        ['Báo cáo kiểm điểm, đánh giá cuối năm', 'Year-end review'],
      ],
      named: {
        0: 'Article 002 does not list the members\' documents; it says only that the guidance on registering for "Dân vận khéo" was unclear for the cells — this kind is assumed from that.',
        1: "Article 002 does not list the members' documents; it says only that the guidance on self-review in the spirit of Central Resolution 4 was unclear for the cells — this kind is assumed from that.",
      },
    },
  }[level]
  const criteria = docs.list.map(([vi, en], i) => ({
    code: String(i + 1),
    title: t(vi, en),
    maxPoints: 1,
    rule: rDoc(`doc${i + 1}`),
    evidence: { required: false, description: t('Số, ngày văn bản (ví dụ 80-KH/ĐU)', 'Number and date of the document (e.g. 80-KH/ĐU)') },
    status: R,
    basis: `${article}: ${docs.n} document kinds for ${docs.en}; timeliness stressed ("còn một vài văn bản chưa thực hiện kịp thời"); on time / late / not done after Cà Mau 1880/QĐ-UBND (2013)`,
    note:
      `${docs.named[i] ?? `The count (${docs.n} kinds for ${docs.en}) comes from article 002; this kind's title is reconstructed — the article does not list the kinds.`} ` +
      'Points assumed: on time 1, late 0.5, not done 0.',
  }))
  return {
    id: `vn-party/checklist-${level}-2016`,
    version: level === 'subordinate-cell' ? '1.0.0' : '2.0.0',
    family: `vn-party/checklist-${level}`,
    title: marked(`Danh mục văn bản thủ tục hành chính trong Đảng — ${docs.vi}`, `Party administrative-procedure checklist — ${docs.en}`),
    description: t(
      `${docs.n} loại văn bản ${docs.vi} phải thực hiện (bài viết về Càng Long, Trà Vinh); mỗi loại 1 điểm nếu kịp thời, 0,5 nếu chưa kịp thời (giả định); chỉ số = điểm / ${docs.n} × 100.`,
      `${docs.n} kinds of document ${docs.en} must produce (article on Càng Long, Trà Vinh); each 1 point on time, 0.5 late (assumed); index = points / ${docs.n} × 100.`,
    ),
    effective: { from: '2016-06-17' },
    appliesTo: docs.kinds,
    legalBasis: [
      { ref: '80-KH/TU', date: '2015-07-07', title: 'Kế hoạch của Ban Thường vụ Tỉnh ủy Trà Vinh (as cited by article 002, Càng Long)' },
      { ref: '111-CV/TU', date: '2016-06-17', title: 'Công văn của Ban Thường vụ Tỉnh ủy Trà Vinh (as cited by article 002, Càng Long)' },
    ],
    scale: docs.n,
    criteria,
    status: R,
    note:
      `Verified (article 002 alone; article 000 gives no counts): ${docs.n} document kinds for ${docs.en} — ${docs.quote}; the article stresses timeliness. ` +
      "Reconstructed: the kinds' titles (the article names only the cells' annual resolution with its inspection and supervision programme), one point each with half for a late document, and the effective date (taken from 111-CV/TU, 2016-06-17).",
  }
}

// ---------------------------------------------------------------------------------------

const packs = [
  province2017(),
  province2022(),
  ministry2017(),
  ministry2020(),
  ministry2022(),
  haTinh('commune'),
  haTinh('district'),
  haTinh('department'),
  twoTier('commune'),
  twoTier('department'),
  service766(),
  partyChecklist('committee'),
  partyChecklist('cell'),
  partyChecklist('subordinate-cell'),
  partyChecklist('member'),
]

const fileName = (id) => `${id.replace('/', '.')}.json`
const check = process.argv.includes('--check')
let bad = 0
if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true })
for (const p of packs) {
  const json = `${JSON.stringify({ $schema: SCHEMA, ...p }, null, 2)}\n`
  const file = join(outDir, fileName(p.id))
  if (check) {
    const cur = existsSync(file) ? readFileSync(file, 'utf8') : ''
    if (cur !== json) {
      console.error(`out of date: packs/${fileName(p.id)}`)
      bad++
    }
  } else {
    writeFileSync(file, json)
  }
}
if (check && bad > 0) process.exit(1)
if (!check) console.log(`wrote ${packs.length} packs to ${outDir}`)
