/**
 * A zip reader that trusts nothing: the central directory is read here (never by a
 * library that would unpack everything first), every part is checked against the limits
 * before it is unpacked, and unpacking itself stops at the declared size, so a part that
 * lies about its size cannot grow past it. Only what the spreadsheet readers need: list,
 * check, unpack one part, and write a stored (uncompressed) zip for exceljs to open.
 */
import type { ReadLimits } from './limits.js'
import { nodeBuiltin } from './node-builtin.js'

/** node:zlib where there is one (Node.js), loaded on use: the entries bundle for the browser */
const zlib = (): typeof import('node:zlib') | undefined => nodeBuiltin('node:zlib')

/** Node's Buffer where there is one: its latin1 and utf8 conversions are native */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer

/** Bytes as text, one character per byte (ISO-8859-1): XML round-trips byte for byte. @internal */
export function latin1Text(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  let out = ''
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return out
}

/** The bytes of text made by {@link latin1Text} (every character below 256). @internal */
export function latin1Bytes(text: string): Uint8Array {
  if (NodeBuffer) return NodeBuffer.from(text, 'latin1')
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff
  return out
}

/** UTF-8 bytes as text. @internal */
export function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes)
}

/**
 * Inflates raw deflate data with the platform's DecompressionStream (browsers), stopping
 * as soon as the output passes `limit` bytes (then `undefined`: the part lies about its size).
 */
async function inflateWithStream(packed: Uint8Array, limit: number): Promise<Uint8Array | undefined> {
  const stream = new Blob([packed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let o = 0
  for (const c of chunks) {
    out.set(c, o)
    o += c.length
  }
  return out
}

/** One entry of a zip's central directory. @internal */
export interface ZipEntry {
  readonly name: string
  /** the name as stored, for writing the entry again */
  readonly rawName: Uint8Array
  /** 0 stored, 8 deflated */
  readonly method: number
  readonly flags: number
  readonly crc32: number
  /** size of the stored (packed) data */
  readonly packedSize: number
  /** the unpacked size the directory declares */
  readonly size: number
  readonly localOffset: number
}

/** Why a zip cannot be read safely. @internal */
export type ZipProblem =
  | { readonly kind: 'damaged'; readonly detail: { readonly vi: string; readonly en: string } }
  | { readonly kind: 'encrypted' }
  | { readonly kind: 'unsupported_method'; readonly entry: string; readonly method: number }
  | { readonly kind: 'too_many_entries'; readonly count: number; readonly limit: number }
  | { readonly kind: 'part_too_large'; readonly entry: string; readonly size: number; readonly limit: number }
  | { readonly kind: 'unpacked_too_large'; readonly size: number; readonly limit: number }
  | { readonly kind: 'ratio'; readonly entry: string; readonly ratio: number; readonly limit: number }
  | { readonly kind: 'size_mismatch'; readonly entry: string; readonly declared: number }

const SIG_EOCD = 0x06054b50
const SIG_EOCD64 = 0x06064b50
const SIG_EOCD64_LOCATOR = 0x07064b50
const SIG_CENTRAL = 0x02014b50
const SIG_LOCAL = 0x04034b50

/** True when the bytes start like a zip (a local header, or the end record of an empty zip). @internal */
export function looksLikeZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6) || (b[2] === 7 && b[3] === 8))
}

const damaged = (vi: string, en: string): { ok: false; problem: ZipProblem } => ({ ok: false, problem: { kind: 'damaged', detail: { vi, en } } })

/**
 * Reads the central directory: names, methods, sizes. Nothing is unpacked. Multi-disk
 * zips, zip-level encryption and methods other than stored/deflate are problems.
 * @internal
 */
export function readZipDirectory(bytes: Uint8Array, limits: Pick<ReadLimits, 'maxZipEntries'>): { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const n = bytes.length
  // the end record is the last 22 bytes plus a comment of at most 65 535 bytes
  let eocd = -1
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === SIG_EOCD && i + 22 + view.getUint16(i + 20, true) <= n) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return damaged('không thấy mục lục ở cuối tệp nén', 'no end of central directory')
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) return damaged('tệp nén bị chia thành nhiều phần', 'a zip split over several disks')
  let count: number = view.getUint16(eocd + 10, true)
  let cdSize: number = view.getUint32(eocd + 12, true)
  let cdOffset: number = view.getUint32(eocd + 16, true)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits right before the end record
    const loc = eocd - 20
    if (loc < 0 || view.getUint32(loc, true) !== SIG_EOCD64_LOCATOR) return damaged('thiếu thông tin ZIP64', 'ZIP64 locator missing')
    const rec = Number(view.getBigUint64(loc + 8, true))
    if (!(rec >= 0 && rec + 56 <= n) || view.getUint32(rec, true) !== SIG_EOCD64) return damaged('thiếu thông tin ZIP64', 'ZIP64 end record missing')
    count = Number(view.getBigUint64(rec + 32, true))
    cdSize = Number(view.getBigUint64(rec + 40, true))
    cdOffset = Number(view.getBigUint64(rec + 48, true))
  }
  if (count > limits.maxZipEntries) return { ok: false, problem: { kind: 'too_many_entries', count, limit: limits.maxZipEntries } }
  if (cdOffset + cdSize > n) return damaged('mục lục nằm ngoài tệp', 'central directory outside the file')
  const entries: ZipEntry[] = []
  let p = cdOffset
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || view.getUint32(p, true) !== SIG_CENTRAL) return damaged('mục lục không đọc được', 'central directory entry unreadable')
    const flags = view.getUint16(p + 8, true)
    const method = view.getUint16(p + 10, true)
    const crc32 = view.getUint32(p + 16, true)
    let packedSize: number = view.getUint32(p + 20, true)
    let size: number = view.getUint32(p + 24, true)
    const nameLen = view.getUint16(p + 28, true)
    const extraLen = view.getUint16(p + 30, true)
    const commentLen = view.getUint16(p + 32, true)
    let localOffset: number = view.getUint32(p + 42, true)
    if (p + 46 + nameLen + extraLen + commentLen > n) return damaged('mục lục không đọc được', 'central directory entry unreadable')
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen)
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(rawName)
    // ZIP64 extra field: the 64-bit values for those marked 0xffffffff, in this order
    let e = p + 46 + nameLen
    const extraEnd = e + extraLen
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true)
      const len = view.getUint16(e + 2, true)
      if (id === 0x0001) {
        let q = e + 4
        const next = (): number => {
          if (q + 8 > e + 4 + len) return -1
          const v = Number(view.getBigUint64(q, true))
          q += 8
          return v
        }
        if (size === 0xffffffff) size = next()
        if (packedSize === 0xffffffff) packedSize = next()
        if (localOffset === 0xffffffff) localOffset = next()
        if (size < 0 || packedSize < 0 || localOffset < 0) return damaged('thông tin ZIP64 không đọc được', 'ZIP64 extra field unreadable')
      }
      e += 4 + len
    }
    if (flags & 0x1) return { ok: false, problem: { kind: 'encrypted' } }
    if (!name.endsWith('/') && method !== 0 && method !== 8) return { ok: false, problem: { kind: 'unsupported_method', entry: name, method } }
    if (localOffset + 30 > n) return damaged(`phần ${name} nằm ngoài tệp`, `entry ${name} outside the file`)
    entries.push({ name, rawName, method, flags, crc32, packedSize, size, localOffset })
    p += 46 + nameLen + extraLen + commentLen
  }
  return { ok: true, entries }
}

/**
 * Checks the parts about to be unpacked against the limits: each part's declared size,
 * their total, and each part's compression ratio. Nothing is unpacked.
 * @internal
 */
export function checkZipParts(parts: readonly ZipEntry[], limits: ReadLimits): ZipProblem | undefined {
  let total = 0
  for (const e of parts) {
    if (e.size > limits.maxPartBytes) return { kind: 'part_too_large', entry: e.name, size: e.size, limit: limits.maxPartBytes }
    const ratio = e.size / Math.max(1, e.packedSize)
    if (e.size > limits.ratioFloorBytes && ratio > limits.maxCompressionRatio) return { kind: 'ratio', entry: e.name, ratio, limit: limits.maxCompressionRatio }
    total += e.size
    if (total > limits.maxUnpackedBytes) return { kind: 'unpacked_too_large', size: parts.reduce((s, x) => s + x.size, 0), limit: limits.maxUnpackedBytes }
  }
  return undefined
}

function packedData(bytes: Uint8Array, e: ZipEntry): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(e.localOffset, true) !== SIG_LOCAL) return undefined
  const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true)
  if (start + e.packedSize > bytes.length) return undefined
  return bytes.subarray(start, start + e.packedSize)
}

/**
 * Unpacks one part, never producing more than its declared size: a part that inflates
 * past it (or short of it) is a `size_mismatch`.
 * @internal
 */
export async function unpackZipEntry(bytes: Uint8Array, e: ZipEntry): Promise<{ ok: true; data: Uint8Array } | { ok: false; problem: ZipProblem }> {
  const packed = packedData(bytes, e)
  if (!packed) return damaged(`phần ${e.name} không đọc được`, `entry ${e.name} unreadable`)
  if (e.method === 0) {
    if (packed.length !== e.size) return { ok: false, problem: { kind: 'size_mismatch', entry: e.name, declared: e.size } }
    return { ok: true, data: packed }
  }
  let data: Uint8Array
  try {
    // the output is capped at the declared size: inflating past it throws instead of growing
    const z = zlib()
    if (z) data = await new Promise<Buffer>((resolve, reject) => z.inflateRaw(packed, { maxOutputLength: Math.max(1, e.size) }, (err, out) => (err ? reject(err) : resolve(out))))
    else {
      const out = await inflateWithStream(packed, e.size)
      if (!out) return { ok: false, problem: { kind: 'size_mismatch', entry: e.name, declared: e.size } }
      data = out
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, problem: { kind: 'size_mismatch', entry: e.name, declared: e.size } }
    return damaged(`phần ${e.name} giải nén lỗi (${(err as Error).message})`, `entry ${e.name}: ${(err as Error).message}`)
  }
  if (data.length !== e.size) return { ok: false, problem: { kind: 'size_mismatch', entry: e.name, declared: e.size } }
  return { ok: true, data }
}

/** Unpacks a small part synchronously (content sniffing), at most `cap` bytes; undefined if it cannot. @internal */
export function peekZipEntry(bytes: Uint8Array, e: ZipEntry, cap: number): Uint8Array | undefined {
  if (e.size > cap) return undefined
  const packed = packedData(bytes, e)
  if (!packed) return undefined
  if (e.method === 0) return packed.length === e.size ? packed.slice() : undefined
  // synchronous inflating needs node:zlib; without it (a browser) a compressed part cannot be peeked
  const z = zlib()
  if (!z) return undefined
  try {
    return z.inflateRawSync(packed, { maxOutputLength: Math.max(1, cap) })
  } catch {
    return undefined
  }
}

let crcTable: Uint32Array | undefined

/** CRC-32 (the zip polynomial) of some bytes. @internal */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let i = 0; i < 256; i++) {
      let c = i
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[i] = c >>> 0
    }
  }
  let c = 0xffffffff
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/**
 * A zip of stored (uncompressed) entries: the checked, unpacked parts handed to a library
 * that would otherwise unpack the original without limits.
 * @internal
 */
export function storedZip(parts: readonly { rawName: Uint8Array; utf8: boolean; data: Uint8Array; crc32: number }[]): Uint8Array {
  let size = 22
  for (const p of parts) size += 30 + 46 + 2 * p.rawName.length + p.data.length
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  let o = 0
  const offsets: number[] = []
  for (const p of parts) {
    offsets.push(o)
    view.setUint32(o, SIG_LOCAL, true)
    view.setUint16(o + 4, 20, true)
    view.setUint16(o + 6, p.utf8 ? 0x800 : 0, true)
    view.setUint16(o + 8, 0, true)
    view.setUint32(o + 14, p.crc32, true)
    view.setUint32(o + 18, p.data.length, true)
    view.setUint32(o + 22, p.data.length, true)
    view.setUint16(o + 26, p.rawName.length, true)
    out.set(p.rawName, o + 30)
    out.set(p.data, o + 30 + p.rawName.length)
    o += 30 + p.rawName.length + p.data.length
  }
  const cd = o
  parts.forEach((p, k) => {
    view.setUint32(o, SIG_CENTRAL, true)
    view.setUint16(o + 4, 20, true)
    view.setUint16(o + 6, 20, true)
    view.setUint16(o + 8, p.utf8 ? 0x800 : 0, true)
    view.setUint32(o + 16, p.crc32, true)
    view.setUint32(o + 20, p.data.length, true)
    view.setUint32(o + 24, p.data.length, true)
    view.setUint16(o + 28, p.rawName.length, true)
    view.setUint32(o + 42, offsets[k]!, true)
    out.set(p.rawName, o + 46)
    o += 46 + p.rawName.length
  })
  view.setUint32(o, SIG_EOCD, true)
  view.setUint16(o + 8, parts.length, true)
  view.setUint16(o + 10, parts.length, true)
  view.setUint32(o + 12, o - cd, true)
  view.setUint32(o + 16, cd, true)
  return out
}
