#!/usr/bin/env node
// The `chiso` command. It runs the built command line (dist/cli/main.js); this small file
// exists before anything is built, so `npm install` can link `chiso` (npx chiso) in a
// fresh clone. From a clone, build first: npm install && npm run build && npx chiso --help
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
if (!existsSync(main)) {
  process.stderr.write(
    `chiso chưa được build (thiếu ${main}): hãy chạy "npm run build" ở thư mục gốc của dự án rồi thử lại.\n` +
      `chiso is not built yet (${main} is missing): run "npm run build" at the root of the project, then try again.\n`,
  )
  process.exit(2)
}
await import(pathToFileURL(main).href)
