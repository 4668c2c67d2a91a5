import { z } from 'zod';

export const SEARCH_TYPES = ['account', 'contact', 'opportunity'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** `a,b` or `?types=a&types=b` → a checked list of record types, each once. */
const typeList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [
    ...new Set(
      [v]
        .flat()
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.enum(SEARCH_TYPES, { message: `must be one of ${SEARCH_TYPES.join(', ')}` })).min(1, 'name at least one type'));

export const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .describe('name, domain or email; typos and accents are forgiven'),
  types: typeList.default([...SEARCH_TYPES]).describe('comma-separated: account,contact,opportunity (default all)'),
  limit: z.coerce.number({ message: 'must be a number from 1 to 50' }).int().min(1).max(50).default(10).describe('results in all, 1–50'),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchResultSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.uuid(),
  title: z.string(),
  subtitle: z.string().nullable(),
  score: z.number().describe('higher is better: about 1 for a whole word, +0.5 for a prefix, +1 for an exact match'),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponse = z.object({ data: z.array(searchResultSchema) });
