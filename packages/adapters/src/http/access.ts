/**
 * Who may call a route, deny by default. Every route names one access rule; the rule is
 * checked before the request is read, so an unauthorised caller learns nothing from its
 * validation either. A rule about a unit reads the unit from the path.
 */
import type { Principal } from './auth.js'
import { problem, type HttpProblem } from './problem.js'

/**
 * The access rules:
 * - `public`: anyone, signed in or not (published results, the API document);
 * - `signedIn`: any signed-in principal (packs, what-if scoring);
 * - `admin`: administrators only;
 * - `allUnits`: a principal whose scope is every unit (an admin, an appraiser of all units):
 *   reads across units that are not published yet;
 * - `unitRead`: an admin, an appraiser with the unit in scope, or the unit's own officer;
 * - `unitSubmit`: an admin, or the unit's own officer;
 * - `appraise`: an appraiser with the unit in scope.
 */
export type Access = 'public' | 'signedIn' | 'admin' | 'allUnits' | 'unitRead' | 'unitSubmit' | 'appraise'

/** Whether the principal's scope covers the unit. @internal */
export function inScope(p: Principal, unitId: string): boolean {
  return p.units === 'all' || p.units.includes(unitId)
}

const unauthenticated = (): HttpProblem =>
  problem(401, 'unauthenticated', { vi: 'Cần đăng nhập: gửi mã truy cập trong tiêu đề Authorization: Bearer …', en: 'Sign in: send a token in the Authorization: Bearer … header' })
const forbidden = (vi: string, en: string): HttpProblem => problem(403, 'forbidden', { vi: `Không có quyền: ${vi}`, en: `Forbidden: ${en}` })

/**
 * The problem that refuses `p` the route, or null when allowed.
 * @internal
 */
export function refusal(access: Access, p: Principal | null, unitId: string | undefined): HttpProblem | null {
  if (access === 'public') return null
  if (p === null) return unauthenticated()
  switch (access) {
    case 'signedIn':
      return null
    case 'admin':
      return p.role === 'admin' ? null : forbidden('chỉ quản trị viên', 'administrators only')
    case 'allUnits':
      return p.units === 'all' && (p.role === 'admin' || p.role === 'appraiser') ? null : forbidden('cần phạm vi toàn bộ đơn vị', 'needs a scope of every unit')
    case 'unitRead':
      if (unitId === undefined) return forbidden('thiếu đơn vị', 'no unit')
      return inScope(p, unitId) ? null : forbidden(`đơn vị "${unitId}" ngoài phạm vi của bạn`, `unit "${unitId}" is outside your scope`)
    case 'unitSubmit':
      if (unitId === undefined) return forbidden('thiếu đơn vị', 'no unit')
      if (p.role === 'appraiser') return forbidden('người thẩm định không nộp bản tự đánh giá', 'appraisers do not submit self-assessments')
      return inScope(p, unitId) ? null : forbidden(`đơn vị "${unitId}" ngoài phạm vi của bạn`, `unit "${unitId}" is outside your scope`)
    case 'appraise':
      if (unitId === undefined) return forbidden('thiếu đơn vị', 'no unit')
      if (p.role !== 'appraiser') return forbidden('chỉ người thẩm định', 'appraisers only')
      return inScope(p, unitId) ? null : forbidden(`đơn vị "${unitId}" ngoài phạm vi thẩm định của bạn`, `unit "${unitId}" is outside your appraisal scope`)
  }
}
