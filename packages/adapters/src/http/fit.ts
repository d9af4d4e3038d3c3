/**
 * Whether a pack fits a unit and a period: core's one rule ({@link packFitIssues} of
 * `@chiso/core`: the pack's `appliesTo` kinds and `effective` dates), which the store also
 * applies when it scores. The service reports its issues at its own paths, with 422.
 */
export { packFitIssues, type PackFitPaths as FitPaths } from '@chiso/core'
