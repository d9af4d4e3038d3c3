// Just enough zip for the fuzz harness: unpack the workbooks the template writer makes,
// and pack mutated parts back (stored or deflated), with the right or a wrong CRC.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'

/** The parts of a zip, by name (read from the central directory). */
export function unzip(bytes) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = b.length - 22
  while (eocd >= 0 && b.readUInt32LE(eocd) !== 0x06054b50) eocd--
  if (eocd < 0) throw new Error('no end of central directory')
  const count = b.readUInt16LE(eocd + 10)
  let at = b.readUInt32LE(eocd + 16)
  const parts = new Map()
  for (let i = 0; i < count; i++) {
    const method = b.readUInt16LE(at + 10)
    const size = b.readUInt32LE(at + 20)
    const nameLen = b.readUInt16LE(at + 28)
    const extraLen = b.readUInt16LE(at + 30)
    const commentLen = b.readUInt16LE(at + 32)
    const local = b.readUInt32LE(at + 42)
    const name = b.toString('utf8', at + 46, at + 46 + nameLen)
    const dataAt = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28)
    const raw = b.subarray(dataAt, dataAt + size)
    parts.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw))
    at += 46 + nameLen + extraLen + commentLen
  }
  return parts
}

/** A zip of `parts` (name → bytes or text); `deflate` compresses, `badCrc` names a part whose CRC is wrong. */
export function zip(parts, { deflate = false, badCrc } = {}) {
  const locals = []
  const centrals = []
  let offset = 0
  for (const [name, content] of parts) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
    const body = deflate ? deflateRawSync(data) : data
    const nameBytes = Buffer.from(name, 'utf8')
    const crc = (crc32(data) ^ (name === badCrc ? 0xdeadbeef : 0)) >>> 0
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(deflate ? 8 : 0, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(deflate ? 8 : 0, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, body)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + body.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.size, 8)
  end.writeUInt16LE(parts.size, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, dir, end]))
}
