/**
 * `@chiso/adapters/dashboard` — the web dashboard of a province's results, served from the
 * store of record: the overview (rankings per group with bands and the report's charts,
 * filtered by year and group), each unit's page (explain tree, evidence, appraisal rounds,
 * history across years and mergers) and, for people signed in with a token, a unit's
 * self-assessment form, the appraisal screen and publishing. Server-rendered HTML that
 * reads without JavaScript; Vietnamese with an English switch (`?lang=en`).
 *
 * @example
 * ```ts
 * import { serve } from '@hono/node-server'
 * import { openStore } from '@chiso/store'
 * import { createDashboard } from '@chiso/adapters/dashboard'
 * const store = await openStore({ dataDir: './chiso-data' })
 * const app = createDashboard({ store, province: 'ha-tinh', provinceName: 'Tỉnh Hà Tĩnh', auth: tokens })
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 8080 })
 * ```
 *
 * @packageDocumentation
 */
export { createDashboard, type DashboardOptions } from './app.js'
export type { Role, Principal, Authenticator } from './auth.js'
