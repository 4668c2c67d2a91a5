import type { BenchResult } from './results.ts';

/** What run.ts hands every benchmark. */
export type BenchContext = {
  /** Owner role URL of the migrated bench database. */
  ownerUrl: string;
  secretKey: string;
  /** A scratch directory the benchmark may use (the server's TANDEM_DATA_DIR). */
  dataDir: string;
  /** Multiplies the generated data (--scale / BENCH_SCALE); 1 is the documented default. */
  scale: number;
  /** Scale of the CRM data of crm-queries (--crm-scale / BENCH_CRM_SCALE); 1 = the 1 M accounts, 1 M opportunities, 5 M timeline entries. */
  crmScale: number;
  /** Seconds of each measured load run (10 unless --duration / BENCH_DURATION says otherwise). */
  seconds: number;
  /** Seconds of the discarded warm-up before each measured run. */
  warmupSeconds: number;
  /** Concurrent HTTP connections (and database clients of the raw baselines). */
  connections: number;
  /** Record CPU profiles of the server into bench/results/ (--profile); slows the measured runs. */
  profile: boolean;
  log: (line: string) => void;
};

/** What a benchmark that needs no database gets: the run's options without the database. */
export type StandaloneContext = Omit<BenchContext, 'ownerUrl' | 'secretKey' | 'dataDir'>;

/**
 * A named benchmark; it may return more than one result (e.g. its data generation). One with
 * `needsDatabase: false` gets no database, and a run of only such benchmarks starts none.
 */
export type Benchmark =
  | { name: string; description: string; needsDatabase?: true; run(ctx: BenchContext): Promise<BenchResult[]> }
  | { name: string; description: string; needsDatabase: false; run(ctx: StandaloneContext): Promise<BenchResult[]> };
