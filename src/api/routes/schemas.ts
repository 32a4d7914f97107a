// Schemas shared by routes: pagination parameters and the problem+json body.
import { z } from 'zod';

export const page = z.coerce.number().int().min(1).default(1).describe('page number, from 1');
export const pageSize = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(25)
  .describe('items per page, at most 100');

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
});
