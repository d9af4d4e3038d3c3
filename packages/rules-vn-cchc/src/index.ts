/**
 * @chiso/rules-vn-cchc — the Vietnamese PAR index (Chỉ số CCHC) rule packs as data, a
 * registry over them, and a seeded generator of a realistic sample province.
 *
 * Every pack is a JSON file in `packs/` (validated by `@chiso/core`'s pack JSON Schema).
 * Each node says whether it is `verified` (with the `legalRef` its figure comes from) or
 * `reconstructed` (with the `basis` it is shaped after and a note saying what is assumed);
 * `reconstructionSummary` from `@chiso/core` words it for outputs. See the package README.
 *
 * @packageDocumentation
 */
export { packs, packById, vnCchc, FAMILIES } from './packs.js'
export { mappings, mappingFor } from './mappings.js'
export {
  generateSampleProvince,
  mulberry32,
  type SampleOptions,
  type SampleProvince,
  type SampleYear,
  type SamplePackAssessments,
  type SampleSurveyRow,
} from './sample.js'
