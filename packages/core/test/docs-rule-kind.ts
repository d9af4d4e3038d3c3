import { Exact } from '@chiso/core'
import { registerRuleKind } from '@chiso/core/plugin'
import { z } from 'zod'

// full points when a number fact reaches a minimum, else none
registerRuleKind({
  kind: 'atLeast',
  schema: z.strictObject({ kind: z.literal('atLeast'), fact: z.string().min(1), min: z.number() }),
  examples: [{ maxPoints: 2, rule: { kind: 'atLeast', fact: 'meetings', min: 4 } }],
  compile: (rule, ctx) => ({
    facts: [rule.fact],
    form: {
      form: 'steps',
      fact: rule.fact,
      steps: [{ min: Exact.from(rule.min), exclusive: false, outcome: { points: ctx.maxPoints, branch: `≥ ${rule.min} → ${ctx.maxPoints}` } }],
      otherwise: { points: Exact.ZERO, branch: 'otherwise → 0' },
    },
  }),
})
