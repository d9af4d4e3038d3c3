/**
 * `@chiso/adapters/http` — the chiso service: a Hono app over a province's store of record
 * (`@chiso/store`), with roles and unit scopes, problem+json errors in Vietnamese and
 * English, and an OpenAPI 3.1 document generated from its schemas.
 *
 * @packageDocumentation
 */
export { createChisoApp, type ChisoAppOptions } from './app.js'
export { createTokenRegistry, hashToken, type Role, type Principal, type Authenticator, type TokenRegistry, type TokenRecord, type IssueTokenInput } from './auth.js'
export type { Access } from './access.js'
export type { HttpLimits, RouteAccess } from './routes.js'
export type { ProblemDocument, ProblemIssue, Lang } from './problem.js'
export { loadSampleProvince, type SampleLoad } from './sample.js'
