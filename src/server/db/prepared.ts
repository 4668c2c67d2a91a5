import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A pg client that sends the statements the app repeats as named (prepared) statements, so
 * PostgreSQL parses and analyses each of them once per connection instead of on every execution.
 * The pool sets plan_cache_mode = force_custom_plan (createDb): every execution is still planned
 * for its parameters, as unnamed statements are — a generic plan can be far worse for skewed data. Kysely sends every query as text with parameters; a text becomes
 * a prepared statement once it has been seen a few times in this process — one-off texts (a list
 * of unusual length, a report) stay unnamed — and a connection prepares at most
 * MAX_PER_CONNECTION of them, which bounds the memory each database session spends on them.
 * Statements without parameters (BEGIN with its setting, COMMIT, several statements in one
 * text) are never named.
 */
const SEEN_BEFORE_PREPARING = 3;
const MAX_TEXTS = 10_000;
const MAX_PER_CONNECTION = 300;

const seen = new Map<string, number>();
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known) return known;
  const n = (seen.get(text) ?? 0) + 1;
  if (n < SEEN_BEFORE_PREPARING) {
    if (seen.size >= MAX_TEXTS) seen.clear(); // a flood of one-off texts: start counting again
    seen.set(text, n);
    return undefined;
  }
  seen.delete(text);
  if (names.size >= MAX_TEXTS) return undefined;
  const name = `k${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
  names.set(text, name);
  return name;
}

type QueryArgs = Parameters<pg.Client['query']>;

/**
 * A statement text this client answers itself, without the database: it puts itself into the
 * object passed as its one parameter. Kysely reaches a connection's client only through
 * query(); db/client.ts's `connectionClient` needs the client to pipeline several queries.
 */
export const CLIENT_OF = '-- tandem: the connection client';

/** A pg client that answers CLIENT_OF (see there). */
export class OwnClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; this one forwards them all
  override query(...args: any[]): any {
    if (args[0] === CLIENT_OF) {
      (args[1][0] as { client?: pg.Client }).client = this;
      return Promise.resolve({ command: 'SELECT', rowCount: 0, rows: [] });
    }
    return super.query(...(args as QueryArgs));
  }
}

export class PreparingClient extends OwnClient {
  readonly #prepared = new Set<string>();

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; this one forwards them all
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (typeof text === 'string' && text !== CLIENT_OF && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = nameOf(text);
      if (name && (this.#prepared.has(name) || this.#prepared.size < MAX_PER_CONNECTION)) {
        this.#prepared.add(name);
        return super.query({ name, text, values });
      }
    }
    return super.query(...(args as QueryArgs));
  }
}
