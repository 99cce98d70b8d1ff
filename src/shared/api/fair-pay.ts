import { z } from 'zod';

/**
 * What a project pays per hour, as workers and its requester see it: measured (reward ÷ the
 * median time of its plausible submitted work, once 3 exist) or, before that, the requester's
 * estimate, labelled as one. `cents` is null when neither exists.
 */
export const hourlyPaySchema = z.object({
  cents: z.number().int().nullable(),
  basis: z.enum(['measured', 'estimate']).nullable(),
  /** Plausible submissions the measurement is based on (fewer than 3: not measured yet). */
  basedOn: z.number().int(),
});
export type HourlyPay = z.infer<typeof hourlyPaySchema>;
