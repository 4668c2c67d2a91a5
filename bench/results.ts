import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One measured number with its unit (`req/s`, `ms`, `rows/s`, …). */
export type Metric = { label: string; value: number; unit: string };

/** A dimensionless comparison of two metrics; the label says which is divided by which. */
export type Ratio = { label: string; value: number };

/** What every benchmark returns. */
export type BenchResult = { name: string; metrics: Metric[]; ratios: Ratio[]; notes?: string[] };

/** Facts about the run that make numbers comparable (or not) across machines and commits. */
export type RunInfo = {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  scale: number;
  /** `none` when every benchmark of the run works without a database. */
  database: 'embedded' | 'external' | 'none';
  args: string[];
  /** 1-, 5- and 15-minute load averages when the run started: other work on the machine skews every number. */
  loadAverageAtStart: number[];
};

export const RESULTS_DIR = path.join(import.meta.dirname, 'results');

function formatValue(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : unit === 'ms' ? 3 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  // Labels left-aligned, numbers right-aligned, units left-aligned.
  const align = (cell: string, i: number) => (i === 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]));
  return rows.map((r) => `  ${r.map(align).join('  ')}`.trimEnd()).join('\n');
}

/** Renders results as plain-text tables (metrics, then ratios) per benchmark. */
export function formatResults(results: BenchResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push('', `== ${r.name} ==`);
    if (r.metrics.length) out.push(table(r.metrics.map((m) => [m.label, formatValue(m.value, m.unit), m.unit])));
    if (r.ratios.length) {
      out.push('  -- ratios --');
      out.push(table(r.ratios.map((x) => [x.label, x.value.toFixed(3), ''])));
    }
    for (const n of r.notes ?? []) out.push(`  note: ${n}`);
  }
  return out.join('\n');
}

const LINE_WIDTH = 150;

/**
 * JSON with 2-space indentation and arrays of plain values on one line when they fit: the layout
 * `biome format` gives, so a results file in the tree does not fail `npm run lint`.
 */
export function toJson(value: unknown, indent = '', prefix = '', suffix = ''): string {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (!value.length || indent.length + prefix.length + flat.length + suffix.length <= LINE_WIDTH) return flat;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v) => ['', v])
    : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (!entries.length) return Array.isArray(value) ? '[]' : '{}';
  const lines = entries.map(([k, v], i) => {
    const key = Array.isArray(value) ? '' : `${JSON.stringify(k)}: `;
    const comma = i < entries.length - 1 ? ',' : '';
    return `${inner}${key}${toJson(v, inner, key, comma)}${comma}`;
  });
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join('\n')}\n${indent}${close}`;
}

/** Writes bench/results/latest.json (the directory is created when missing); returns its path. */
export function writeResults(results: BenchResult[], info: RunInfo): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'latest.json');
  const machine = { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '' };
  writeFileSync(file, `${toJson({ ...info, machine, results })}\n`);
  return file;
}
