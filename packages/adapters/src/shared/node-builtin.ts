/**
 * Node.js built-ins loaded on use, never imported: the xlsx and csv entries bundle for the
 * browser, where only the path-based and unpacking steps need Node.js.
 */

/**
 * A Node.js built-in module, or `undefined` outside Node.js (a browser). Loaded on use
 * through `process.getBuiltinModule` (Node ≥ 20.16), so no bundler sees a static import.
 * @internal
 */
export function nodeBuiltin<Id extends keyof NodeBuiltins>(id: Id): NodeBuiltins[Id] | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  return process?.getBuiltinModule?.(id) as NodeBuiltins[Id] | undefined
}

/** The built-ins the readers load on use (types only: nothing is imported). @internal */
export interface NodeBuiltins {
  'node:fs/promises': typeof import('node:fs/promises')
  'node:zlib': typeof import('node:zlib')
}
