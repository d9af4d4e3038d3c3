// The public surface is deliberate: each entry point's exported names must match the
// checked-in report (api/*.txt). The built types are checked the same way, and for
// @internal declarations, on the packed tarball (scripts/check-tarballs.mjs).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

test('the exports of @chiso/core, /plugin, /analysis and /schemas match api/*.txt', () => {
  const script = fileURLToPath(new URL('../scripts/api-report.mjs', import.meta.url))
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
})
