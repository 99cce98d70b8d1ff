import type { z } from 'zod';
import type { UserRow } from '../../db/types.js';

/** Who signed an MTurk request: the requester whose access key it was. */
export type MturkCaller = { user: UserRow };

/** One MTurk operation: its input in MTurk's field names, and what it does with Tessera's services. */
export type MturkOperation = {
  input: z.ZodType;
  run(caller: MturkCaller, input: unknown): Promise<object>;
};

/** Declares an operation; `run` receives the input as its schema parsed it. */
export function operation<S extends z.ZodType>(
  input: S,
  run: (caller: MturkCaller, input: z.output<S>) => Promise<object>,
): MturkOperation {
  // The registry parses with `input` before it calls `run`, so the value has its output type.
  return { input, run: (caller, value) => run(caller, value as z.output<S>) };
}

/** The operations by name, as `X-Amz-Target` names them after the service prefix. */
export type MturkOperations = Record<string, MturkOperation>;
