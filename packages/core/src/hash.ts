/**
 * Canonical JSON and sha256: the basis of content hashes and fingerprints. Keys are sorted
 * at every level, so the same data in any key order hashes the same.
 */
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'

/**
 * Serialises a JSON value with object keys sorted (RFC 8785 style for our inputs: strings,
 * finite numbers, booleans, null, arrays and plain objects). `undefined` members are
 * dropped, as JSON.stringify does; values with a `toJSON` (such as Exact) use it.
 *
 * @example
 * ```ts
 * import { canonicalJson } from '@chiso/core'
 * canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('canonicalJson: non-finite number')
      return JSON.stringify(value)
    case 'bigint':
      return value.toString()
    case 'object': {
      const withJson = value as { toJSON?: () => unknown }
      if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON())
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
      const obj = value as Record<string, unknown>
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort()
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`
    }
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`)
  }
}

/**
 * Hex sha256 of a string (UTF-8).
 *
 * @example
 * ```ts
 * import { sha256Hex } from '@chiso/core'
 * sha256Hex('abc').slice(0, 8) // 'ba7816bf'
 * ```
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)))
}

/**
 * sha256 of the canonical JSON of a value: the same data in any key order hashes the same.
 *
 * @example
 * ```ts
 * import { contentHash } from '@chiso/core'
 * contentHash({ a: 1, b: 2 }) === contentHash({ b: 2, a: 1 }) // true
 * ```
 */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value))
}
