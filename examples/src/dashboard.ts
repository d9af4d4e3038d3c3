// The web dashboard over the store of record: the sample province's 2024 communes in the
// embedded store (PGlite in memory), scored, one group published; then the pages an
// anonymous reader and a signed-in appraiser get. `serve({ fetch: app.fetch, port })` from
// @hono/node-server serves the same app to browsers (`chiso serve` does).
import { contentHash } from '@chiso/core'
import { createDashboard, type Authenticator } from '@chiso/adapters/dashboard'
import { generateSampleProvince, packs, vnCchc } from '@chiso/rules-vn-cchc'
import { openStore } from '@chiso/store'

const sample = generateSampleProvince({ seed: 2025, years: [2024] })
console.log(`${sample.province.name}: tên và điểm số đều là dữ liệu mẫu`)
const province = 'hong-lam'
const store = await openStore()
await store.putPacks({ province, packs, actor: 'so-noi-vu' })
await store.putUnits({ province, units: sample.units.map((unit) => ({ unit, expectedVersion: 0 })), actor: 'so-noi-vu' })
const communes = sample.years[0]!.packs.find((p) => p.family === 'vn-cchc/commune')!
const pack = vnCchc.compile(communes.packId)
await store.importSubmissions({ province, pack: { id: pack.id, version: pack.version }, items: communes.assessments.map((a) => ({ fileHash: contentHash(a), assessment: a })), actor: 'so-noi-vu' })
await store.score({ province, period: '2024', actor: 'so-noi-vu' })
await store.publish({ province, period: '2024', group: 'xa', decision: { number: '12/QĐ-UBND', date: '2025-02-10' }, expectedVersion: 0, actor: 'so-noi-vu' })

// tokens come from the service (`chiso serve` issues them); here a table of one
const auth: Authenticator = { authenticate: async (token) => (token === 'example-appraiser-token' ? { role: 'appraiser', name: 'Tổ thẩm định', units: 'all' } : null) }
const app = createDashboard({ store, province, provinceName: sample.province.name, auth, packs: vnCchc })

const title = (html: string): string => /<title>([^<]*)<\/title>/.exec(html)![1]!
const count = (html: string, what: RegExp): number => (html.match(what) ?? []).length

// an anonymous reader: the published group only
const overview = await (await app.request('http://localhost/')).text()
console.log(`\nGET / → ${title(overview)}: ${count(overview, /<tr data-unit=/g)} đơn vị, ${count(overview, /<svg /g)} biểu đồ`)
console.log(/\d{2} nhóm khác chưa công bố[^<]*/.exec(overview)?.[0])
if (!overview.includes('Quyết định số 12/QĐ-UBND ngày 10/02/2025')) throw new Error('the published decision is not on the overview')

// an appraiser signs in (the session is a cookie) and sees the provisional group too
const signIn = await app.request('http://localhost/sign-in', {
  method: 'POST',
  headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
  body: 'token=example-appraiser-token&next=/',
})
const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
const inside = await (await app.request('http://localhost/?year=2024', { headers: { cookie } })).text()
console.log(`đăng nhập → ${signIn.status}; GET / (tổ thẩm định): ${count(inside, /<tr data-unit=/g)} đơn vị, trong đó "Tạm tính, chưa công bố": ${count(inside, /Tạm tính, chưa công bố/g)} nhóm`)
const unitId = communes.assessments[0]!.unitId
const unitPage = await (await app.request(`http://localhost/units/${unitId}?year=2024`, { headers: { cookie } })).text()
console.log(`GET /units/${unitId} → ${title(unitPage)}: ${/xếp thứ \d+\/\d+/.exec(unitPage)?.[0]}, ${count(unitPage, /<details class="node"/g)} mục trong cây giải thích điểm`)
await store.close()
