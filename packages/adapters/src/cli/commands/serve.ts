/**
 * `chiso serve` and `chiso token`: the service on the embedded store (or PostgreSQL), and
 * bearer tokens for it.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Command } from 'commander'
import { serve, type ServerType } from '@hono/node-server'
import { vnCchc } from '@chiso/rules-vn-cchc'
import { openStore, StoreError, type Store } from '@chiso/store'
import { createChisoApp, createTokenRegistry, loadSampleProvince, type Role } from '../../http/index.js'
import { createDashboard } from '../../dashboard/index.js'
import { EXIT, out, UsageError, type Ctx } from '../context.js'

/** How long an idle kept-alive connection stays open (longer than common proxies' 60 s). */
const KEEP_ALIVE_MS = 65_000

/** The sample province's id: the default province of `chiso serve`. */
const SAMPLE_PROVINCE = 'hong-lam'

interface ServeOptions {
  data: string
  databaseUrl?: string
  port: string
  host: string
  province: string
  sample?: boolean
  tokens?: string
}

const words = {
  vi: {
    opening: (where: string) => `Đang mở kho dữ liệu (${where}) …`,
    loading: 'Đang nạp tỉnh mẫu (dữ liệu mẫu): bộ chỉ số, đơn vị, biểu tự đánh giá 2024–2025 …',
    loaded: (u: number, s: number, p: number) => `Đã nạp tỉnh mẫu: ${u} đơn vị, ${s} bản tự đánh giá, ${p} bảng xếp hạng năm 2024 đã công bố (dữ liệu mẫu, không phải kết quả thật).`,
    tokens: 'Mã truy cập mẫu (chỉ hiện một lần; kho chỉ giữ mã băm):',
    admin: 'quản trị',
    appraiser: 'thẩm định',
    unit: (u: string) => `cán bộ đơn vị ${u}`,
    listening: (url: string) => `chiso đang phục vụ tại ${url} — trang tổng quan: ${url}/, API: ${url}/api, tài liệu: ${url}/api/docs, OpenAPI: ${url}/openapi.json`,
    stop: 'Nhấn Ctrl+C để dừng.',
    stopping: 'Đang dừng: chờ các yêu cầu đang xử lý, rồi đóng kho dữ liệu …',
    stopped: 'Đã dừng.',
    portInUse: (p: string) => `Cổng ${p} đang được dùng; chọn cổng khác với --port`,
  },
  en: {
    opening: (where: string) => `Opening the store (${where}) …`,
    loading: 'Loading the sample province (sample data): packs, units, 2024–2025 self-assessments …',
    loaded: (u: number, s: number, p: number) => `Loaded the sample province: ${u} units, ${s} self-assessments, ${p} rankings of 2024 published (sample data, not real results).`,
    tokens: 'Sample tokens (shown once; the store keeps only their hashes):',
    admin: 'admin',
    appraiser: 'appraiser',
    unit: (u: string) => `officer of unit ${u}`,
    listening: (url: string) => `chiso is serving at ${url} — dashboard: ${url}/, API: ${url}/api, reference: ${url}/api/docs, OpenAPI: ${url}/openapi.json`,
    stop: 'Press Ctrl+C to stop.',
    stopping: 'Stopping: waiting for requests in progress, then closing the store …',
    stopped: 'Stopped.',
    portInUse: (p: string) => `Port ${p} is in use; choose another with --port`,
  },
}

/**
 * `chiso serve`: the HTTP service (`@chiso/adapters/http`) with `@hono/node-server`, on the
 * embedded PGlite store in a data folder or on PostgreSQL (`--database-url` / DATABASE_URL).
 * Loads the sample province on first start (an empty store) or with `--sample`, and prints
 * tokens for an admin, an appraiser and one unit officer. Stops gracefully on SIGINT/SIGTERM.
 * `chiso token`: issues a token into the tokens file.
 */
export function serveCommand(program: Command, ctx: Ctx): void {
  program
    .command('serve')
    .description('chạy dịch vụ HTTP (API, OpenAPI) trên kho dữ liệu nhúng hoặc PostgreSQL / run the HTTP service (API, OpenAPI) on the embedded store or PostgreSQL')
    .option('--data <dir>', 'thư mục dữ liệu (PGlite và tệp mã truy cập) / data folder (PGlite and the tokens file)', './chiso-data')
    .option('--database-url <url>', 'PostgreSQL thay cho PGlite (mặc định: biến môi trường DATABASE_URL) / PostgreSQL instead of PGlite (default: DATABASE_URL)')
    .option('--port <port>', 'cổng / port (0: any free port)', '8787')
    .option('--host <host>', 'địa chỉ lắng nghe / address to listen on', '127.0.0.1')
    .option('--province <id>', 'mã tỉnh trong kho / the province id in the store', SAMPLE_PROVINCE)
    .option('--sample', 'nạp tỉnh mẫu và in mã truy cập mẫu (tự động khi kho trống) / load the sample province and print sample tokens (automatic on an empty store)')
    .option('--tokens <file>', 'tệp mã truy cập (chỉ mã băm) / tokens file (hashes only); default <data>/tokens.json')
    .action(async (o: ServeOptions) => {
      const w = words[ctx.lang]
      const port = Number(o.port)
      if (!/^\d{1,5}$/.test(o.port) || port > 65535) throw new UsageError(ctx.lang === 'vi' ? `--port: số từ 0 đến 65535, không phải "${o.port}"` : `--port: a number from 0 to 65535, not "${o.port}"`)
      const dataDir = resolve(ctx.io.cwd, o.data)
      mkdirSync(dataDir, { recursive: true })
      const url = o.databaseUrl ?? process.env.DATABASE_URL ?? ''
      const auth = createTokenRegistry({ file: resolve(ctx.io.cwd, o.tokens ?? resolve(dataDir, 'tokens.json')) })
      out(ctx, w.opening(url ? url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : `PGlite, ${dataDir}`))
      let store: Store
      try {
        store = await openStore(url ? { url } : { dataDir: resolve(dataDir, 'pglite') })
      } catch (e) {
        if (e instanceof StoreError) {
          ctx.io.stderr.write(`${e.issues.map((i) => i.message[ctx.lang]).join('\n')}\n`)
          ctx.code = EXIT.problems
          return
        }
        throw e
      }
      try {
        const empty = (await store.listUnits({ province: o.province })).length === 0
        if (o.sample || empty) {
          out(ctx, w.loading)
          const loaded = await loadSampleProvince(store, { province: o.province })
          out(ctx, w.loaded(loaded.units, loaded.submissions, loaded.published.length))
          const admin = await auth.issue({ role: 'admin', name: 'Quản trị (mẫu)' })
          const appraiser = await auth.issue({ role: 'appraiser', name: 'Tổ thẩm định (mẫu)', units: 'all' })
          const unit = await auth.issue({ role: 'unit', name: `Cán bộ ${loaded.sampleUnit} (mẫu)`, units: [loaded.sampleUnit] })
          out(ctx, w.tokens)
          out(ctx, `  ADMIN_TOKEN=${admin.token}        # ${w.admin}`)
          out(ctx, `  APPRAISER_TOKEN=${appraiser.token}    # ${w.appraiser}`)
          out(ctx, `  UNIT_TOKEN=${unit.token}         # ${w.unit(loaded.sampleUnit)}`)
        }
      } catch (e) {
        await store.close().catch(() => {})
        throw e
      }
      const api = createChisoApp({ store, packs: vnCchc, auth, province: o.province, log: (m, e) => ctx.io.stderr.write(`${m}: ${(e as Error)?.stack ?? String(e)}\n`) })
      const provinceName = o.province === SAMPLE_PROVINCE ? 'Tỉnh Hồng Lam (mẫu)' : o.province
      const dashboard = createDashboard({ store, province: o.province, provinceName, auth, packs: vnCchc })
      // the API answers /api/… and its document; every other path is the dashboard's, so an
      // unknown page gets the dashboard's HTML page and an unknown API path a problem+json
      const fetch = (req: Request): Response | Promise<Response> => {
        const path = new URL(req.url).pathname
        return path === '/api' || path.startsWith('/api/') || path === '/openapi.json' ? api.fetch(req) : dashboard.fetch(req)
      }
      let server: ServerType
      const address = await new Promise<AddressInfo | Error>((done) => {
        server = serve({ fetch, port, hostname: o.host }, (info) => done(info))
        // idle kept-alive connections live longer than a client's or a proxy's (Node's 5 s
        // closed sockets just as clients reused them: ECONNRESET under load)
        const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number }
        http.keepAliveTimeout = KEEP_ALIVE_MS
        http.headersTimeout = KEEP_ALIVE_MS + 1000
        server.once('error', (e) => done(e))
      })
      if (address instanceof Error) {
        await store.close().catch(() => {})
        if ((address as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(w.portInUse(o.port))
        throw address
      }
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      out(ctx, w.listening(`http://${host}:${address.port}`))
      out(ctx, w.stop)
      await new Promise<void>((stopped) => {
        let stopping = false
        const stop = (): void => {
          if (stopping) return
          stopping = true
          out(ctx, w.stopping)
          // requests in progress finish; idle keep-alive connections are closed; a stuck one is cut after 10 s
          const force = setTimeout(() => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(), 10_000)
          force.unref()
          server.close(() => {
            clearTimeout(force)
            store.close().then(
              () => stopped(),
              () => stopped(),
            )
          })
          ;(server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.()
        }
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      out(ctx, w.stopped)
    })

  program
    .command('token')
    .description('cấp mã truy cập cho dịch vụ (chỉ mã băm được lưu) / issue a token for the service (only its hash is kept)')
    .requiredOption('--role <role>', 'admin | appraiser | unit')
    .requiredOption('--name <name>', 'người nhận (ghi vào nhật ký) / who it is for (written in the audit trail)')
    .option('--units <ids>', 'các mã đơn vị, cách nhau bởi dấu phẩy, hoặc "all" / unit ids, comma separated, or "all"')
    .option('--data <dir>', 'thư mục dữ liệu / data folder', './chiso-data')
    .option('--tokens <file>', 'tệp mã truy cập / tokens file; default <data>/tokens.json')
    .action(async (o: { role: string; name: string; units?: string; data: string; tokens?: string }) => {
      if (!['admin', 'appraiser', 'unit'].includes(o.role)) throw new UsageError(`--role: admin | appraiser | unit`)
      const dataDir = resolve(ctx.io.cwd, o.data)
      mkdirSync(dataDir, { recursive: true })
      const auth = createTokenRegistry({ file: resolve(ctx.io.cwd, o.tokens ?? resolve(dataDir, 'tokens.json')) })
      const units =
        o.units === undefined
          ? undefined
          : o.units === 'all'
            ? ('all' as const)
            : o.units
                .split(',')
                .map((u) => u.trim())
                .filter(Boolean)
      try {
        const { token } = await auth.issue({ role: o.role as Role, name: o.name, ...(units !== undefined ? { units } : {}) })
        out(ctx, token)
      } catch (e) {
        if (e instanceof TypeError) throw new UsageError(e.message)
        throw e
      }
    })
}
