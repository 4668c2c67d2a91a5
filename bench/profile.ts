/** The parts of a V8 CPU profile (Profiler.stop, .cpuprofile files) that summarising needs. */
export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

export type ProfileEntry = { where: string; selfMs: number; share: number };

/** Who owns a frame: an npm package, our source tree, Node's internals, or native/VM work. */
function owner(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/src/')) return 'src/ (Tandem)';
  if (url.includes('/bench/')) return 'bench/';
  if (/^\(.*\)$/.test(functionName)) return functionName; // (garbage collector), (program)
  return 'native (syscalls: socket writes, …)';
}

function shortUrl(url: string): string {
  return url
    .replace(/\?.*$/, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^file:\/\//, '')
    .replace(`${process.cwd()}/`, '');
}

/**
 * Self time per function (name, file, line), largest first, idle time left out: where the server
 * thread spent its CPU. Open the .cpuprofile in Chrome DevTools or speedscope for the call tree.
 */
export function topSelfTime(profile: CpuProfile, n = 15): { busyMs: number; idleMs: number; entries: ProfileEntry[]; owners: ProfileEntry[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const owners = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const us = profile.timeDeltas[i] ?? 0;
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const where = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
    self.set(where, (self.get(where) ?? 0) + us);
    const o = owner(url, functionName);
    owners.set(o, (owners.get(o) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([where, us]) => ({ where, selfMs: us / 1000, share: busy ? us / busy : 0 }));
  return { busyMs: busy / 1000, idleMs: idle / 1000, entries: rank(self), owners: rank(owners) };
}
