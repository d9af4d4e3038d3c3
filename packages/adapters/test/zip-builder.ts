// Builds zips and workbooks byte by byte for the hostile-input tests: zip bombs (a part
// that unpacks to a gigabyte from a megabyte, made in milliseconds), parts that lie about
// their size, workbooks with a million rows or a merge over the whole sheet.
import { constants, deflateRawSync } from 'node:zlib'
import { crc32 } from '../src/shared/zip.js'

export interface ZipPart {
  readonly name: string
  /** the content, stored deflated */
  readonly data?: string | Uint8Array
  /** an already deflated (raw) stream, with the size it unpacks to */
  readonly deflated?: { readonly bytes: Uint8Array; readonly size: number }
  /** the unpacked size written in the headers, when it should lie */
  readonly declaredSize?: number
}

const enc = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : s)

/**
 * A raw deflate stream that unpacks to `chunk` repeated `times` times, built from one
 * compressed copy: each copy ends with a full flush (byte aligned, no reference to what
 * came before), so the copies can be laid end to end and closed with one final block.
 */
export function repeatedDeflate(chunk: string | Uint8Array, times: number): { bytes: Uint8Array; size: number } {
  const c = enc(chunk)
  const piece = deflateRawSync(c, { finishFlush: constants.Z_FULL_FLUSH })
  const last = deflateRawSync(new Uint8Array(0))
  const out = new Uint8Array(piece.length * times + last.length)
  for (let k = 0; k < times; k++) out.set(piece, k * piece.length)
  out.set(last, piece.length * times)
  return { bytes: out, size: c.length * times }
}

/**
 * A zip of deflated parts (CRCs of real data; 0 for pre-deflated streams, which nothing
 * checks). With `zip64`, the directory keeps its sizes and offsets in ZIP64 fields, as some
 * writers do even for small files.
 */
export function makeZip(parts: readonly ZipPart[], options: { zip64?: boolean } = {}): Uint8Array {
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const p of parts) {
    const name = enc(p.name)
    const raw = p.data === undefined ? undefined : enc(p.data)
    const packed = p.deflated ? p.deflated.bytes : deflateRawSync(raw!)
    const size = p.declaredSize ?? (p.deflated ? p.deflated.size : raw!.length)
    const crc = raw ? crc32(raw) : 0
    const local = new Uint8Array(30 + name.length)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, 0x04034b50, true)
    lv.setUint16(4, 20, true)
    lv.setUint16(6, 0x800, true)
    lv.setUint16(8, 8, true)
    lv.setUint32(14, crc, true)
    lv.setUint32(18, packed.length, true)
    lv.setUint32(22, Math.min(size, 0xfffffffe), true)
    lv.setUint16(26, name.length, true)
    local.set(name, 30)
    const extra = options.zip64 ? 4 + 24 : 0
    const cd = new Uint8Array(46 + name.length + extra)
    const cv = new DataView(cd.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 45, true)
    cv.setUint16(6, 45, true)
    cv.setUint16(8, 0x800, true)
    cv.setUint16(10, 8, true)
    cv.setUint32(16, crc, true)
    cv.setUint32(20, options.zip64 ? 0xffffffff : packed.length, true)
    cv.setUint32(24, options.zip64 ? 0xffffffff : Math.min(size, 0xfffffffe), true)
    cv.setUint16(28, name.length, true)
    cv.setUint16(30, extra, true)
    cv.setUint32(42, options.zip64 ? 0xffffffff : offset, true)
    cd.set(name, 46)
    if (options.zip64) {
      // the ZIP64 extra field: unpacked size, packed size, offset, in that order
      const x = 46 + name.length
      cv.setUint16(x, 0x0001, true)
      cv.setUint16(x + 2, 24, true)
      cv.setBigUint64(x + 4, BigInt(size), true)
      cv.setBigUint64(x + 12, BigInt(packed.length), true)
      cv.setBigUint64(x + 20, BigInt(offset), true)
    }
    chunks.push(local, packed)
    central.push(cd)
    offset += local.length + packed.length
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0)
  const tail: Uint8Array[] = []
  if (options.zip64) {
    const rec = new Uint8Array(56 + 20)
    const rv = new DataView(rec.buffer)
    rv.setUint32(0, 0x06064b50, true)
    rv.setBigUint64(4, 44n, true)
    rv.setUint16(12, 45, true)
    rv.setUint16(14, 45, true)
    rv.setBigUint64(24, BigInt(parts.length), true)
    rv.setBigUint64(32, BigInt(parts.length), true)
    rv.setBigUint64(40, BigInt(cdSize), true)
    rv.setBigUint64(48, BigInt(offset), true)
    // the locator: where the ZIP64 end record starts
    rv.setUint32(56, 0x07064b50, true)
    rv.setBigUint64(64, BigInt(offset + cdSize), true)
    rv.setUint32(72, 1, true)
    tail.push(rec)
  }
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, options.zip64 ? 0xffff : parts.length, true)
  ev.setUint16(10, options.zip64 ? 0xffff : parts.length, true)
  ev.setUint32(12, options.zip64 ? 0xffffffff : cdSize, true)
  ev.setUint32(16, options.zip64 ? 0xffffffff : offset, true)
  const all = [...chunks, ...central, ...tail, end]
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0))
  let o = 0
  for (const c of all) {
    out.set(c, o)
    o += c.length
  }
  return out
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** The smallest workbook Excel and exceljs open: one sheet whose XML is given (or a part standing for it). */
export function minimalXlsx(sheet: string | Omit<ZipPart, 'name'>, sheetName = 'Sheet1', extra: readonly ZipPart[] = [], zip64 = false): Uint8Array {
  return makeZip(
    [
      {
        name: '[Content_Types].xml',
        data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      },
      {
        name: '_rels/.rels',
        data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      },
      {
        name: 'xl/workbook.xml',
        data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      },
      typeof sheet === 'string' ? { name: 'xl/worksheets/sheet1.xml', data: sheet } : { name: 'xl/worksheets/sheet1.xml', ...sheet },
      ...extra,
    ],
    { zip64 },
  )
}

/** A worksheet's XML around some rows / extra elements. */
export const sheetXml = (sheetData: string, after = ''): string => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`

/** A zip bomb workbook: its sheet unpacks to `size` bytes of rows; `declared` may lie about it. */
export function bombXlsx(size: number, declared?: number): Uint8Array {
  const row = '<row><c t="inlineStr"><is><t>0</t></is></c></row>'
  const chunk = row.repeat(Math.ceil((1024 * 1024) / row.length))
  const body = repeatedDeflate(chunk, Math.ceil(size / chunk.length))
  return minimalXlsx({ deflated: body, ...(declared !== undefined ? { declaredSize: declared } : {}) })
}
