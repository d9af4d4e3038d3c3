// The public door to core's translation of zod's problems (validate.ts keeps the
// translation with the rest of input checking; its module holds internal names the
// published types leave out).
import type * as z from 'zod/v4/core'
import type { ChisoIssue, IssuePath } from '../util/errors.js'
import { fromZodIssues } from './validate.js'

/**
 * The problems zod found in a value, as chiso issues: one typed code per problem
 * (`missing_field`, `invalid_type`, `unknown_field`, `invalid_value` …) at its path under
 * `base`, with its message in Vietnamese and in English, as every chiso answer gives them.
 * For the issues of these schemas or of any zod 4 schema (a service's request schema, say);
 * `root` is the value that was parsed (the issue's value is read from it).
 *
 * @example
 * ```ts
 * import { AssessmentSchema, issuesFromZod } from '@chiso/core/schemas'
 * const body = { unitId: 7, period: '2024' }
 * const r = AssessmentSchema.safeParse(body)
 * if (!r.success) for (const i of issuesFromZod(r.error.issues, body, ['body'])) console.log(i.path.join('.'), i.message.vi)
 * // body.unitId Sai kiểu dữ liệu: cần chuỗi ký tự, nhận được số
 * ```
 */
export function issuesFromZod(issues: readonly z.$ZodIssue[], root: unknown, base: IssuePath = []): ChisoIssue[] {
  return fromZodIssues(issues, root, base)
}
