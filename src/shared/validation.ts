import type { z } from 'zod';

/** A PATCH body must change something: refuses `{}` with a message that says so. */
export function nonEmpty<T extends z.ZodObject>(schema: T) {
  return schema.refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: `give at least one of: ${Object.keys(schema.shape).join(', ')}`,
  });
}
