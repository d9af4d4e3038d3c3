// The sample province in the embedded store (PGlite in memory), as the store's own sample
// test loads it: the real packs, every unit with the 2025 mergers, two years of submissions
// with their appraisal rounds imported and scored. And a token table standing in for the
// service's authenticator.
import { inflateSync } from 'node:zlib'
import { contentHash } from '@chiso/core'
import { generateSampleProvince, packById, packs, vnCchc } from '@chiso/rules-vn-cchc'
import { openStore, type Store } from '@chiso/store'
import type { Hono } from 'hono'
import type { Authenticator, Principal } from '../src/dashboard/index.js'
import { createDashboard } from '../src/dashboard/index.js'

export const PROVINCE = 'hong-lam'
export const YEARS = [2024, 2025] as const

export const sample = generateSampleProvince({ seed: 7, years: [...YEARS] })

/** Loads the sample province into a store; returns how long it took (ms). */
export async function loadSample(store: Store): Promise<number> {
  const t0 = performance.now()
  await store.putPacks({ province: PROVINCE, packs, actor: 'so-noi-vu' })
  await store.putUnits({ province: PROVINCE, units: sample.units.map((unit) => ({ unit, expectedVersion: 0 })), actor: 'so-noi-vu' })
  for (const y of sample.years) {
    for (const p of y.packs) {
      const pack = packById(p.packId)!
      await store.importSubmissions({
        province: PROVINCE,
        pack: { id: pack.id, version: pack.version },
        items: p.assessments.map((a) => ({ fileHash: contentHash(a), assessment: a })),
        actor: 'so-noi-vu',
      })
    }
    await store.score({ province: PROVINCE, period: String(y.year), actor: 'so-noi-vu' })
  }
  return performance.now() - t0
}

/** A token table: what the service's authenticator does, in memory. */
export function tokenTable(entries: Record<string, Principal>): Authenticator {
  return { authenticate: async (token) => entries[token] ?? null }
}

/** The last year's communes: the unit, appraiser and admin the flows use. */
export function actors() {
  const last = sample.years[sample.years.length - 1]!
  const communes = last.packs.find((p) => p.family === 'vn-cchc/commune')!
  const unit = communes.assessments[0]!
  return { period: String(last.year), communes, unitId: unit.unitId, unitName: unit.unit?.name ?? unit.unitId, group: unit.group ?? unit.unit?.group ?? 'all' }
}

export const TOKENS = {
  admin: 'tok-admin-0123456789',
  appraiser: 'tok-appraiser-0123456789',
  unit: 'tok-unit-0123456789',
  otherUnit: 'tok-unit-other-0123456789',
} as const

/** A store with the sample loaded. */
export async function sampleStore(): Promise<{ store: Store; loadMs: number; a: ReturnType<typeof actors> }> {
  const store = await openStore()
  const loadMs = await loadSample(store)
  return { store, loadMs, a: actors() }
}

/** A store with the sample loaded and a dashboard over it. */
export async function sampleDashboard(): Promise<{ store: Store; app: Hono; loadMs: number; a: ReturnType<typeof actors> }> {
  const { store, loadMs, a } = await sampleStore()
  const other = a.communes.assessments[1]!.unitId
  const auth = tokenTable({
    [TOKENS.admin]: { role: 'admin', name: 'Sở Nội vụ (quản trị)', units: 'all' },
    [TOKENS.appraiser]: { role: 'appraiser', name: 'Tổ thẩm định Nguyễn Văn An', units: 'all' },
    [TOKENS.unit]: { role: 'unit', name: `Cán bộ ${a.unitName}`, units: [a.unitId] },
    [TOKENS.otherUnit]: { role: 'unit', name: 'Cán bộ đơn vị khác', units: [other] },
  })
  const app = createDashboard({ store, province: PROVINCE, provinceName: sample.province.name, auth, packs: vnCchc }) as unknown as Hono
  return { store, app, loadMs, a }
}

/** A browser-less client of the app: keeps the cookies, sends forms from the app's origin. */
export function client(app: Hono, origin = 'http://127.0.0.1:8080') {
  const jar = new Map<string, string>()
  const keep = (r: Response): void => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [k, v] = pair!.split('=') as [string, string]
      if (/max-age=0/i.test(c) || v === '') jar.delete(k)
      else jar.set(k, v)
    }
  }
  const cookie = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  return {
    jar,
    async get(path: string): Promise<{ status: number; html: string; res: Response }> {
      const res = await app.request(origin + path, { headers: { cookie: cookie() } })
      keep(res)
      return { status: res.status, html: await res.text(), res }
    },
    async post(path: string, form: Record<string, string>, headers: Record<string, string> = { origin }): Promise<{ status: number; html: string; res: Response; location: string | null }> {
      const res = await app.request(origin + path, {
        method: 'POST',
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
      })
      keep(res)
      return { status: res.status, html: await res.text(), res, location: res.headers.get('location') }
    },
    async signIn(token: string): Promise<Response> {
      const res = await app.request(origin + '/sign-in', {
        method: 'POST',
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({ token, next: '/' }).toString(),
      })
      keep(res)
      return res
    },
  }
}

/** The CSRF token of the first form of a page. */
export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)![1]!

/** The text a reader sees (tags dropped, entities of the pages decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

/** What a screenshot holds: its size, how many colours and how much is not white. */
export interface PngStats {
  readonly width: number
  readonly height: number
  readonly colours: number
  /** share of pixels that are not (near) white, 0–1 */
  readonly inked: number
}

/** Decodes an 8-bit, non-interlaced PNG (what Chromium writes) and counts its colours. */
export function pngStats(png: Buffer): PngStats {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG')
  let pos = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Buffer[] = []
  while (pos < png.length) {
    const len = png.readUInt32BE(pos)
    const type = png.toString('latin1', pos + 4, pos + 8)
    const body = png.subarray(pos + 8, pos + 8 + len)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const depth = body[8]!
      const colourType = body[9]!
      if (depth !== 8 || body[12] !== 0) throw new Error(`unsupported PNG: depth ${depth}, interlace ${body[12]}`)
      channels = colourType === 6 ? 4 : colourType === 2 ? 3 : colourType === 0 ? 1 : colourType === 4 ? 2 : 0
      if (channels === 0) throw new Error(`unsupported PNG colour type ${colourType}`)
    } else if (type === 'IDAT') idat.push(body)
    else if (type === 'IEND') break
    pos += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const out = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    const row = out.subarray(y * stride, (y + 1) * stride)
    const up = y > 0 ? out.subarray((y - 1) * stride, y * stride) : undefined
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels]! : 0
      const b = up ? up[x]! : 0
      const c = up && x >= channels ? up[x - channels]! : 0
      let v = line[x]!
      if (filter === 1) v += a
      else if (filter === 2) v += b
      else if (filter === 3) v += (a + b) >> 1
      else if (filter === 4) {
        const p = a + b - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - b)
        const pc = Math.abs(p - c)
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      }
      row[x] = v & 0xff
    }
  }
  const colours = new Set<number>()
  let inked = 0
  for (let i = 0; i < out.length; i += channels) {
    const r = out[i]!
    const g = channels >= 3 ? out[i + 1]! : r
    const b = channels >= 3 ? out[i + 2]! : r
    colours.add((r << 16) | (g << 8) | b)
    if (r < 240 || g < 240 || b < 240) inked++
  }
  return { width, height, colours: colours.size, inked: inked / (width * height) }
}
