// A survey row for a unit whose form was refused for errors says so: the unit did submit.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chiso, filledWorkbook, fixture, GOOD, testPack } from './helpers.js'

const pack = testPack()

describe('survey rows of a refused form', () => {
  it('are not called rows of a unit without a form', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-refused-'))
    await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
    await mkdir(join(dir, 'in'))
    await writeFile(join(dir, 'in', 'xa-a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', scores: GOOD }))
    await writeFile(join(dir, 'in', 'xa-b.xlsx'), await filledWorkbook(pack, { unitId: 'xa-b', name: 'Xã B', scores: { ...GOOD, '1.4.2': 'abc' } }))
    await writeFile(join(dir, 'dieu-tra.csv'), ['Mã đơn vị,Mã tiêu chí,A,B,C,D', 'xa-a,3.1,10,5,3,2', 'xa-b,3.1,8,6,4,2', 'xa-c,3.1,8,6,4,2'].join('\n') + '\n')
    const j = JSON.parse((await chiso(['score', '--pack', 'pack.json', '--in', 'in', '--survey', 'dieu-tra.csv', '--json'], dir)).stdout)
    const refused = j.issues.filter((i: { code: string }) => i.code === 'survey_for_refused_form')
    expect(refused.map((i: { unit: { id: string } }) => i.unit.id)).toEqual(['xa-b'])
    expect(refused[0].message.vi).toContain(`biểu tự đánh giá của đơn vị này (${join('in', 'xa-b.xlsx')}) có lỗi nên không được chấm`)
    expect(refused[0].message.en).toContain('has errors and is not scored')
    // a unit with no form at all is still said so
    const none = j.issues.filter((i: { code: string }) => i.code === 'survey_without_submission')
    expect(none.map((i: { unit: { id: string } }) => i.unit.id)).toEqual(['xa-c'])
  })
})
