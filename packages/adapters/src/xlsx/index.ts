/**
 * `@chiso/adapters/xlsx` — read the self-assessment workbooks units fill in, write the
 * blank form and the result workbook (summary, ranking, a sheet per unit, problems).
 *
 * @packageDocumentation
 */
export { readAssessmentWorkbook, type FileInput, type ReadWorkbookOptions } from './read.js'
export { writeTemplateWorkbook, writeFilledWorkbook, templateLayout, TEMPLATE_SHEET, NUM_FMT, type TemplateOptions, type TemplateLayout } from './template.js'
export { writeResultWorkbook, type ResultWorkbookOptions } from './result.js'
export { writePlanWorkbook, type PlanWorkbookOptions } from './plan.js'
export { readForm, statedPeriod, type Grid, type GridCell, type GridValue, type ReadFormOptions, type ReadResult } from '../shared/form.js'
export { fileIssue, locate, formatFileIssue, type FileIssue, type FileIssueCode, type IssueParams } from '../shared/issues.js'
export { leafEntry, type LeafEntry } from '../shared/entry.js'
export { bandSummary, summaryLines, unitWord, unitName, formatRankingTable, groupHeading, reportHeaderLines, type SummaryOptions, type RankingTableOptions } from '../shared/summary.js'
export { packMarkLine } from '../shared/marks.js'
export { packFacts, nearestFact, readFactsGrid, type FactReader, type FactsTable } from '../shared/facts.js'
export { formatNumber, type Locale } from '../shared/locale.js'
export { normalizeHeader, formatVi, columnLetter, cellAddress, parseScoreText, slugify } from '../shared/text.js'
export { readSurveyGrid, type SurveyTable } from '../shared/survey.js'
