/**
 * A province's units, each a stream of versions (a rename, a validity end, a merger is a
 * new version); the latest versions form the unit registry that gives validity and
 * lineage.
 */
import { canonicalJson, ChisoError, createUnitRegistry, normalizeUnitId, type Unit, type UnitInput, type UnitRegistry } from '@chiso/core'
import { Args } from './args.js'
import { streamKey } from './chain.js'
import type { StoreContext } from './context.js'
import type { Queryable } from './driver.js'
import { conflict, notFound, storeIssue, StoreError, type StoreIssue } from './errors.js'
import { unitName } from './names.js'

/** A unit and the version of it the store holds. */
export interface StoredUnit {
  readonly unit: Unit
  readonly version: number
}

/** Arguments of {@link Store.putUnits}. */
export interface PutUnitsInput {
  readonly province: string
  /** each unit with the version the writer saw (0 for a new unit) */
  readonly units: readonly { readonly unit: UnitInput; readonly expectedVersion: number }[]
  readonly actor: string
}

/** @internal */
export const unitStream = (unitId: string): string => streamKey('unit', unitId)

/** The latest version of every unit of a province. @internal */
export async function latestUnits(q: Queryable, province: string): Promise<Map<string, { unit: UnitInput; version: number; body: string }>> {
  const rows = await q.query<{ unit_id: string; version: number; body: string }>('select distinct on (unit_id) unit_id, version, body from units where province = $1 order by unit_id, version desc', [
    province,
  ])
  return new Map(rows.map((r) => [r.unit_id, { unit: JSON.parse(r.body) as UnitInput, version: Number(r.version), body: r.body }]))
}

/** The province's unit registry (validity, lineage). @internal */
export async function unitRegistry(q: Queryable, province: string): Promise<UnitRegistry> {
  return createUnitRegistry([...(await latestUnits(q, province)).values()].map((u) => u.unit))
}

/**
 * A unit id as the store keeps it, in its normal form (docs/semantics.md, "Unit ids"); as
 * given when it has none, or is no text (the checks then refuse it). Every way into the
 * store takes ids through here. @internal
 */
export function normalId<T>(id: T): T {
  return typeof id === 'string' ? ((normalizeUnitId(id) ?? id) as T) : id
}

/**
 * The unit with its id, parent and predecessors normalised (the same object when they
 * already are, so a clean unit is stored byte for byte as before).
 */
function normalUnit(unit: UnitInput): UnitInput {
  if (unit === null || typeof unit !== 'object') return unit
  const u = unit as { id?: unknown; parentId?: unknown; predecessors?: unknown }
  const id = normalId(u.id)
  const parentId = normalId(u.parentId)
  const predecessors = Array.isArray(u.predecessors) ? u.predecessors.map(normalId) : u.predecessors
  const same = id === u.id && parentId === u.parentId && (!Array.isArray(u.predecessors) || (predecessors as unknown[]).every((p, k) => p === (u.predecessors as unknown[])[k]))
  if (same) return unit
  return {
    ...unit,
    id,
    ...(u.parentId !== undefined ? { parentId } : {}),
    ...(u.predecessors !== undefined ? { predecessors } : {}),
  } as UnitInput
}

/** @internal */
export async function putUnits(ctx: StoreContext, input: PutUnitsInput): Promise<StoredUnit[]> {
  const a = new Args()
  const province = a.province(input.province)
  const actor = a.text('actor', input.actor)
  if (!Array.isArray(input.units) || input.units.length === 0) {
    a.issues.push(storeIssue('invalid_value', ['units'], { vi: '"units" phải là danh sách đơn vị không rỗng', en: '"units" must be a non-empty list of units' }, input.units))
  } else input.units.forEach((u, i) => a.version(`units[${i}].expectedVersion`, u?.expectedVersion))
  a.done()
  // ids as the engine keys them (docs/semantics.md, "Unit ids"): stored, versioned and compared normalised
  const units = input.units.map((u) => ({ unit: normalUnit(u.unit), expectedVersion: u.expectedVersion }))
  return ctx.write(province, 'putUnits', async (w) => {
    const latest = await latestUnits(w.tx, province)
    const issues: StoreIssue[] = []
    const seen = new Map<string, number>()
    const repeated = new Set<number>()
    units.forEach((u, i) => {
      const id = (u.unit as { id?: unknown } | undefined)?.id
      if (typeof id !== 'string') return
      const first = seen.get(id)
      if (first !== undefined) {
        repeated.add(i)
        issues.push(
          storeIssue(
            'duplicate_unit',
            ['units', i, 'unit', 'id'],
            { vi: `Đơn vị "${id}" xuất hiện nhiều lần (đã có ở vị trí ${first})`, en: `Unit "${id}" is given more than once (first at ${first})` },
            id,
          ),
        )
        return
      }
      seen.set(id, i)
    })
    // every unit valid, every lineage link known: the new versions over the rest of the catalog
    const others = [...latest.values()].filter((l) => !seen.has(l.unit.id)).map((l) => l.unit)
    try {
      createUnitRegistry([...units.map((u) => u.unit), ...others])
    } catch (e) {
      if (!(e instanceof ChisoError)) throw e
      for (const i of e.issues) {
        const [first, ...rest] = i.path
        // a repeated id of this list is reported once, above
        if (i.code === 'duplicate_unit' && typeof first === 'number' && repeated.has(first)) continue
        issues.push({ ...i, path: typeof first === 'number' && first < units.length ? ['units', first, 'unit', ...rest] : ['units', ...i.path] })
      }
    }
    if (issues.length > 0) throw new StoreError(issues)
    const versions = await w.versions(units.map((u) => unitStream(u.unit.id)))
    for (const [i, u] of units.entries()) {
      const current = versions.get(unitStream(u.unit.id)) ?? 0
      if (current !== u.expectedVersion)
        throw conflict({ vi: `đơn vị ${unitName(u.unit, u.unit.id)}`, en: `unit ${unitName(u.unit, u.unit.id)}` }, u.expectedVersion, current, ['units', i, 'expectedVersion'])
    }
    const out: StoredUnit[] = []
    const events = []
    for (const u of units) {
      const body = canonicalJson(u.unit)
      const before = latest.get(u.unit.id)
      if (before && before.body === body) {
        out.push({ unit: before.unit, version: before.version })
        continue
      }
      const version = u.expectedVersion + 1
      events.push({
        kind: before ? 'unit.changed' : 'unit.added',
        stream: unitStream(u.unit.id),
        streamVersion: version,
        actor,
        rows: [{ table: 'units' as const, values: { unit_id: u.unit.id, version, body } }],
      })
      out.push({ unit: JSON.parse(body) as Unit, version })
    }
    await w.append(events)
    return out
  })
}

/** @internal */
export async function getUnit(q: Queryable, province: string, unitId: string): Promise<StoredUnit & { readonly history: readonly StoredUnit[] }> {
  const a = new Args()
  a.province(province)
  a.text('unitId', unitId)
  a.done()
  // looked up as stored: normalised
  const id = normalizeUnitId(unitId) ?? unitId
  const rows = await q.query<{ version: number; body: string }>('select version, body from units where province = $1 and unit_id = $2 order by version', [province, id])
  if (rows.length === 0)
    throw notFound({ vi: `đơn vị mã "${unitId}" trong danh mục của tỉnh (mã ${province})`, en: `unit "${unitId}" in the catalog of the province (${province})` }, ['unitId'], unitId)
  const history = rows.map((r) => ({ unit: JSON.parse(r.body) as Unit, version: Number(r.version) }))
  return { ...history[history.length - 1]!, history }
}

/** @internal */
export async function listUnits(q: Queryable, province: string, at?: string): Promise<StoredUnit[]> {
  const a = new Args()
  a.province(province)
  if (at !== undefined) a.date('at', at)
  a.done()
  const latest = await latestUnits(q, province)
  const inForce =
    at === undefined
      ? undefined
      : new Set(
          createUnitRegistry([...latest.values()].map((l) => l.unit))
            .at(at)
            .map((u) => u.id),
        )
  return [...latest.values()].filter((l) => !inForce || inForce.has(l.unit.id)).map((l) => ({ unit: l.unit, version: l.version }))
}
