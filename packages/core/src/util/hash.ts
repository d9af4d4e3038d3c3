/**
 * Canonical JSON and sha256: the basis of content hashes and fingerprints. Keys are sorted
 * at every level, so the same data in any key order hashes the same.
 */
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'
import { ChisoError, issue } from './errors.js'

/**
 * Serialises a JSON value with object keys sorted (RFC 8785 style for our inputs: strings,
 * finite numbers, booleans, null, arrays and plain objects). `undefined` members are
 * dropped, as JSON.stringify does; values with a `toJSON` (such as Exact) use it. NaN or
 * Infinity throws a {@link ChisoError} `not_finite_number`; a function or symbol `invalid_type`.
 *
 * @example
 * ```ts
 * import { canonicalJson } from '@chiso/core'
 * canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = []
  writeCanonical(value, out)
  return out.join('')
}

// one list of pieces joined once: nested templates would build (and throw away) a string
// per member, and records hold hundreds of facts
function writeCanonical(value: unknown, out: string[]): void {
  if (value === null) {
    out.push('null')
    return
  }
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value))
      return
    case 'boolean':
      out.push(value ? 'true' : 'false')
      return
    case 'number':
      if (!Number.isFinite(value)) throw new ChisoError([issue('not_finite_number', [], { value }, value)], 'JSON value')
      out.push(JSON.stringify(value))
      return
    case 'bigint':
      out.push(value.toString())
      return
    case 'object': {
      const withJson = value as { toJSON?: () => unknown }
      if (typeof withJson.toJSON === 'function') {
        writeCanonical(withJson.toJSON(), out)
        return
      }
      if (Array.isArray(value)) {
        out.push('[')
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out.push(',')
          const v: unknown = value[i]
          if (v === undefined) out.push('null')
          else writeCanonical(v, out)
        }
        out.push(']')
        return
      }
      const obj = value as Record<string, unknown>
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort()
      out.push('{')
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!
        if (i > 0) out.push(',')
        out.push(JSON.stringify(k), ':')
        writeCanonical(obj[k], out)
      }
      out.push('}')
      return
    }
    default:
      throw new ChisoError([issue('invalid_type', [], { expected: 'JSON value (number, string, boolean, null, array, object)', received: typeof value })], 'JSON value')
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
