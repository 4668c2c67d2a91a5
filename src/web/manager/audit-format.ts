// Text for audit values: short, readable, never a wall of JSON.

/** One value of a change, as it appears in `field: from → to`. */
export function formatAuditValue(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.map((v) => formatAuditValue(v, empty)).join(', ');
  if (typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  }
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** True for a `{ from, to }` change; the server also records plain values for some actions. */
export function isDiff(value: unknown): value is { from?: unknown; to?: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('from' in value || 'to' in value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The changes of an event as rows. A change of a whole object (`branding: {from: {…}, to: {…}}`)
 * becomes one row per key that differs (`branding.primaryColor`), so the reader sees what moved.
 */
export function changeRows(changes: Record<string, unknown> | null): { field: string; change: unknown }[] {
  const rows: { field: string; change: unknown }[] = [];
  for (const [field, change] of Object.entries(changes ?? {})) {
    if (isDiff(change) && isPlainObject(change.from) && isPlainObject(change.to)) {
      const from = change.from;
      const to = change.to;
      const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
      const changed = keys.filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]));
      for (const key of changed) rows.push({ field: `${field}.${key}`, change: { from: from[key], to: to[key] } });
      if (changed.length > 0) continue;
    }
    rows.push({ field, change });
  }
  return rows;
}
