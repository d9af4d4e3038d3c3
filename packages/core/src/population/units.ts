/**
 * Administrative units over time: validity periods and merger lineage (Vietnam merged
 * provinces and communes and abolished districts on 2025-07-01), and mapping past results
 * onto today's units with a policy the caller declares.
 */
import { append, ChisoError, issue, type ChisoIssue } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import { UnitSchema, type UnitInput } from '../model/schemas.js'
import { parseWith } from '../model/validate.js'
import { confusableUnitIds, normalizeUnitId, unitIdAt } from './unit-ids.js'
import { arrayArgumentIssue, throwIfAny } from '../util/arguments.js'

/** A validated administrative unit. */
export type Unit = Readonly<UnitInput>

/** A unit in a lineage, with how many merge/split steps away it is. */
export interface LineageEntry {
  readonly unit: Unit
  /** 1 for a direct predecessor / successor */
  readonly distance: number
}

/** How values of several predecessors become one value for their successor. */
export type LineagePolicy = 'mean' | 'weighted-mean' | 'best' | 'worst'

/** Options for {@link UnitRegistry.mapToUnits}. */
export interface MapToUnitsOptions {
  readonly policy: LineagePolicy
  /** weight of a predecessor for 'weighted-mean' (e.g. its population); exact */
  readonly weight?: (unit: Unit) => Exact | number | string
}

/** A value mapped onto a unit, with where it came from. */
export interface MappedValue {
  readonly unitId: string
  readonly value: Exact
  /** the units whose values were used (the unit itself when it had one) */
  readonly from: readonly string[]
}

/** Units with validity periods and lineage. Ids are normalised as assessments' are (NFC, trimmed, no invisible characters), in the list and in every look-up. */
export interface UnitRegistry {
  get(id: string): Unit | undefined
  /** every unit */
  all(): Unit[]
  /** the units in existence on an ISO date */
  at(date: string): Unit[]
  /** predecessors and successors across merges and splits, transitively */
  lineage(id: string): { readonly predecessors: LineageEntry[]; readonly successors: LineageEntry[] }
  /**
   * Maps values keyed by (possibly former) unit id onto the units in existence on `date`:
   * a unit with its own value keeps it; otherwise the values of its nearest predecessors
   * that have one are combined with the policy. Units with nothing to map are left out.
   */
  mapToUnits(values: ReadonlyMap<string, Exact> | Readonly<Record<string, Exact>>, date: string, options: MapToUnitsOptions): MappedValue[]
  /** `confusable_unit_ids` for two different ids that look the same (path: position in the list, `id`) */
  readonly warnings: readonly ChisoIssue[]
}

const inForce = (u: Unit, date: string): boolean => (u.validFrom === undefined || u.validFrom <= date) && (u.validTo === undefined || date <= u.validTo)

/**
 * Builds a unit registry. Validates every unit and every lineage link at once.
 *
 * @example
 * ```ts
 * import { createUnitRegistry } from '@chiso/core'
 * const units = createUnitRegistry([
 *   { id: 'xa-a', name: 'Xã A', kind: 'commune', validTo: '2025-06-30' },
 *   { id: 'xa-b', name: 'Xã B', kind: 'commune', validTo: '2025-06-30' },
 *   { id: 'phuong-ab', name: 'Phường AB', kind: 'ward', validFrom: '2025-07-01', predecessors: ['xa-a', 'xa-b'] },
 * ])
 * units.at('2025-07-01').map((u) => u.id)            // ['phuong-ab']
 * units.lineage('phuong-ab').predecessors.length      // 2
 * ```
 */
export function createUnitRegistry(input: readonly unknown[]): UnitRegistry {
  const notList = arrayArgumentIssue(input, ['units'])
  throwIfAny(notList && [notList], 'unit registry')
  const issues: ChisoIssue[] = []
  const units = new Map<string, Unit>()
  const positions: number[] = []
  input.forEach((raw, i) => {
    const p = parseWith(UnitSchema, raw, [i])
    if (!p.data) return void append(issues, p.issues)
    p.data.id = unitIdAt(p.data.id, [i, 'id'], issues)
    if (p.data.parentId !== undefined) p.data.parentId = unitIdAt(p.data.parentId, [i, 'parentId'], issues)
    if (p.data.predecessors) p.data.predecessors = p.data.predecessors.map((id, k) => unitIdAt(id, [i, 'predecessors', k], issues))
    if (p.data.validFrom && p.data.validTo && p.data.validTo < p.data.validFrom) {
      issues.push(issue('invalid_period', [i, 'validTo'], { validFrom: p.data.validFrom, validTo: p.data.validTo }, p.data.validTo))
    }
    if (units.has(p.data.id)) {
      issues.push(issue('duplicate_unit', [i, 'id'], { unitId: p.data.id }, p.data.id))
      return
    }
    units.set(p.data.id, Object.freeze(p.data))
    positions.push(i)
  })
  const successors = new Map<string, string[]>()
  ;[...units.values()].forEach((u, i) => {
    ;(u.predecessors ?? []).forEach((pid, k) => {
      if (!units.has(pid)) {
        issues.push(issue('unknown_unit', [positions[i]!, 'predecessors', k], { unitId: pid }, pid))
        return
      }
      const l = successors.get(pid) ?? []
      l.push(u.id)
      successors.set(pid, l)
    })
  })
  if (issues.length > 0) throw new ChisoError(issues, 'units')

  const walk = (id: string, next: (u: Unit) => readonly string[]): LineageEntry[] => {
    const out: LineageEntry[] = []
    const seen = new Set<string>([id])
    let frontier = [id]
    for (let distance = 1; frontier.length > 0; distance++) {
      const nextFrontier: string[] = []
      for (const f of frontier) {
        for (const n of next(units.get(f)!)) {
          if (seen.has(n)) continue
          seen.add(n)
          out.push({ unit: units.get(n)!, distance })
          nextFrontier.push(n)
        }
      }
      frontier = nextFrontier
    }
    return out
  }

  const valueOf = (values: ReadonlyMap<string, Exact> | Readonly<Record<string, Exact>>, id: string): Exact | undefined =>
    values instanceof Map ? values.get(id) : Object.prototype.hasOwnProperty.call(values, id) ? (values as Record<string, Exact>)[id] : undefined

  const normal = (id: string): string => normalizeUnitId(id) ?? id
  return {
    get: (id) => units.get(normal(id)),
    all: () => [...units.values()],
    at: (date) => [...units.values()].filter((u) => inForce(u, date)),
    lineage: (raw) => {
      const id = normal(raw)
      if (!units.has(id)) return { predecessors: [], successors: [] }
      return {
        predecessors: walk(id, (u) => u.predecessors ?? []),
        successors: walk(id, (u) => successors.get(u.id) ?? []),
      }
    },
    mapToUnits(values, date, options) {
      const out: MappedValue[] = []
      for (const u of units.values()) {
        if (!inForce(u, date)) continue
        const own = valueOf(values, u.id)
        if (own !== undefined) {
          out.push({ unitId: u.id, value: own, from: [u.id] })
          continue
        }
        // nearest predecessors that carry a value, following merges back in time
        const used: { unit: Unit; value: Exact }[] = []
        const seen = new Set<string>([u.id])
        let frontier = [...(u.predecessors ?? [])]
        while (frontier.length > 0 && used.length === 0) {
          const next: string[] = []
          for (const pid of frontier) {
            if (seen.has(pid)) continue
            seen.add(pid)
            const v = valueOf(values, pid)
            if (v !== undefined) used.push({ unit: units.get(pid)!, value: v })
            else append(next, units.get(pid)?.predecessors ?? [])
          }
          frontier = next
        }
        if (used.length === 0) continue
        out.push({ unitId: u.id, value: combine(used, options), from: used.map((x) => x.unit.id) })
      }
      return out
    },
    warnings: confusableUnitIds([...units.keys()], (k) => [positions[k]!, 'id']),
  }
}

function combine(used: readonly { unit: Unit; value: Exact }[], options: MapToUnitsOptions): Exact {
  if (used.length === 1) return used[0]!.value
  switch (options.policy) {
    case 'best':
      return used.reduce((m, x) => Exact.max(m, x.value), used[0]!.value)
    case 'worst':
      return used.reduce((m, x) => Exact.min(m, x.value), used[0]!.value)
    case 'mean': {
      let s = Exact.ZERO
      for (const x of used) s = s.add(x.value)
      return s.div(Exact.ratio(used.length, 1))
    }
    case 'weighted-mean': {
      if (!options.weight) throw new ChisoError([issue('missing_option', ['weight'], { option: 'weight', policy: 'weighted-mean' })], 'options')
      let s = Exact.ZERO
      let w = Exact.ZERO
      for (const x of used) {
        const wi = Exact.from(options.weight(x.unit))
        s = s.add(x.value.mul(wi))
        w = w.add(wi)
      }
      if (w.isZero()) throw new ChisoError([issue('zero_total_weight', ['weight'])], 'options')
      return s.div(w)
    }
  }
}
