import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveKeys } from '@remotegpu/common/keys';
import { sealTicket } from '@remotegpu/common/ticket';
import { startSshd } from '../helpers/sshd';
import {
  directTerm, gatewayTerm, memoryOf, startChild, stopChild, type SshTarget, type Term,
} from './support/terminals';

// Web terminal benchmark: the gateway (in its own process, recording on) against
// ssh2 straight to the same real OpenSSH sshd. (a) bulk output throughput,
// (b) keystroke echo round trip, (c) idle sessions one gateway holds and the
// memory each costs. Flags: --bytes=N --samples=N --sessions=N --runs=N --only=PART.

const arg = (name: string, dflt: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : dflt;
};
const BYTES = arg('bytes', 50_000_000);
const RUNS = arg('runs', 5);
const SAMPLES = arg('samples', 2000);
const WARMUP = 200;
const SESSIONS = arg('sessions', 2000);
// --only=latency (or throughput, sessions) for a quick look at one part; no JSON is written then.
const ONLY = process.argv.find((x) => x.startsWith('--only='))?.split('=')[1];
// --profile=DIR writes a V8 CPU profile of the gateway process there (open it in Chrome DevTools);
// BENCH_TRACE_GC=1 prints the gateway's GC events instead.
const PROFILE_DIR = process.argv.find((x) => x.startsWith('--profile='))?.split('=')[1];

const here = dirname(fileURLToPath(import.meta.url));
const secret = randomBytes(24).toString('base64url');
const keys = deriveKeys(secret);

function ticketFor(t: SshTarget): string {
  return sealTicket(keys.ticket, {
    kind: 'ssh', session_id: randomUUID(), user_id: 1, username: 'bench', machine_id: 1,
    target: { host: t.host, port: t.port, username: t.username, password: t.password },
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * q))]; };

// Waits until `text` appears in the terminal's output (split-safe), then resolves.
function waitFor(term: Term, text: string, onChunk?: (d: Buffer) => void): Promise<void> {
  return new Promise((resolve) => {
    let tail = ''; // the end of the previous chunk, for a marker split across two
    term.onData = (d) => {
      onChunk?.(d);
      if (d.includes(text) || (tail + d.toString('latin1', 0, text.length)).includes(text)) resolve();
      tail = d.toString('latin1', Math.max(0, d.length - text.length));
    };
  });
}

// (a) Bulk output: base64 of zeros, 100 columns, through a pty like a real terminal.
async function throughput(term: Term): Promise<{ mbps: number; seconds: number; bytes: number }> {
  const settled = waitFor(term, 'SYNC_OK');
  term.send("echo SYNC_''OK\n");
  await settled;
  let bytes = 0;
  const t0 = performance.now();
  const done = waitFor(term, 'END_MARK', (d) => { bytes += d.length; });
  term.send(`head -c ${BYTES} /dev/zero | base64 -w 100; echo END_''MARK\n`);
  await done;
  const seconds = (performance.now() - t0) / 1000;
  term.close();
  return { mbps: bytes / seconds / 1e6, seconds, bytes };
}

// (b) Keystroke echo: one byte out, wait for it back; `stty raw -echo; cat` so the
// machine echoes exactly that byte, with no line editing in between.
async function echoLatency(term: Term): Promise<{ median: number; p99: number; samples: number }> {
  term.send('stty raw -echo; cat\n');
  await sleep(500);
  const synced = waitFor(term, 'Q');
  term.send('Q');
  await synced;
  const key = Buffer.from('x');
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const back = new Promise<void>((resolve) => { term.onData = (d) => { if (d.includes(0x78)) resolve(); }; });
    const t0 = performance.now();
    term.send(key);
    await back;
    if (i >= WARMUP) samples.push(performance.now() - t0);
  }
  term.close();
  return { median: median(samples), p99: quantile(samples, 0.99), samples: samples.length };
}

// (c) Many idle terminals through one fresh gateway process.
async function capacity(recordingsDir: string) {
  const standIn = await startChild('benchSshServerStandIn.ts');
  const gw = await startChild('gatewayProcess.ts', { secret, recordingsDir });
  const target: SshTarget = { host: '127.0.0.1', port: standIn.port, username: 'bench', password: 'bench' };
  const open = async (n: number, into: Term[]) => {
    let failed = 0;
    let next = 0;
    const worker = async () => {
      while (next < n) {
        next++;
        try { into.push(await gatewayTerm(gw.port, ticketFor(target))); } catch { failed++; }
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    return failed;
  };
  try {
    // Warm up (code loaded, JIT, pools), then measure from a settled baseline.
    const warm: Term[] = [];
    await open(100, warm);
    for (const t of warm) t.close();
    await sleep(2000);
    const before = await memoryOf(gw.child);
    const terms: Term[] = [];
    const t0 = performance.now();
    const failed = await open(SESSIONS, terms);
    const openSeconds = (performance.now() - t0) / 1000;
    await sleep(3000); // recording headers written, buffers settled: truly idle
    const after = await memoryOf(gw.child);
    const ok = terms.length;
    for (const t of terms) t.close();
    await sleep(1000);
    const kib = (x: number) => Math.round((x / Math.max(ok, 1) / 1024) * 10) / 10;
    return {
      server: 'benchSshServerStandIn (ssh2 Server in a child process; real sshd would need a process pair per session)',
      requested: SESSIONS, opened: ok, failed, open_seconds: Math.round(openSeconds * 10) / 10,
      rss_kib_per_session: kib(after.rss - before.rss),
      heap_kib_per_session: kib(after.heapUsed - before.heapUsed),
      external_kib_per_session: kib(after.external - before.external),
      rss_before_mib: Math.round(before.rss / 1048576), rss_after_mib: Math.round(after.rss / 1048576),
    };
  } finally {
    await stopChild(gw.child);
    await stopChild(standIn.child);
  }
}

async function main() {
  const sshd = await startSshd();
  const recordingsDir = await mkdtemp(join(tmpdir(), 'rg-bench-rec-'));
  const gw = await startChild('gatewayProcess.ts', { secret, recordingsDir },
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []);
  try {
    console.log(`sshd on ${sshd.port}, gateway process on ${gw.port}; ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB`);
    const tput = { direct: [] as number[], gateway: [] as number[] };
    for (let i = 0; i < (ONLY && ONLY !== 'throughput' ? 0 : RUNS); i++) {
      // Alternate which goes first, so drift on a shared machine favours neither.
      const runDirect = async () => throughput(await directTerm(sshd));
      const runGateway = async () => throughput(await gatewayTerm(gw.port, ticketFor(sshd)));
      const [d, g] = i % 2 === 0 ? [await runDirect(), await runGateway()] : await runGateway().then(async (gg) => [await runDirect(), gg]);
      tput.direct.push(d.mbps);
      tput.gateway.push(g.mbps);
      console.log(`throughput run ${i + 1}: direct ${d.mbps.toFixed(1)} MB/s (${(d.bytes / 1e6).toFixed(1)} MB), gateway ${g.mbps.toFixed(1)} MB/s`);
    }
    if (ONLY === 'throughput') return;
    if (ONLY === 'sessions') { console.log(await capacity(recordingsDir)); return; }
    const direct = await echoLatency(await directTerm(sshd));
    const viaGateway = await echoLatency(await gatewayTerm(gw.port, ticketFor(sshd)));
    console.log(`echo: direct median ${direct.median.toFixed(3)} p99 ${direct.p99.toFixed(3)} ms; gateway median ${viaGateway.median.toFixed(3)} p99 ${viaGateway.p99.toFixed(3)} ms`);
    if (ONLY === 'latency') return;
    await stopChild(gw.child);
    await rm(recordingsDir, { recursive: true, force: true });
    await mkdir(recordingsDir, { recursive: true });
    const cap = await capacity(recordingsDir);

    const dMed = median(tput.direct);
    const gMed = median(tput.gateway);
    const report = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, mem_gib: Math.round(totalmem() / 2 ** 30), node: process.version },
      throughput: {
        method: `pty shell, \`head -c ${BYTES} /dev/zero | base64 -w 100\`, time from command to end marker; ${RUNS} pairs of runs, alternating which goes first; ratio = median of the pairs' gateway/direct ratios; gateway in its own process with recording on; real OpenSSH sshd`,
        direct_mb_s: +dMed.toFixed(1), gateway_mb_s: +gMed.toFixed(1),
        ratio: +median(tput.gateway.map((g, i) => g / tput.direct[i])).toFixed(3), ratio_of_medians: +(gMed / dMed).toFixed(3),
        runs: { direct: tput.direct.map((x) => +x.toFixed(1)), gateway: tput.gateway.map((x) => +x.toFixed(1)) },
        goal: '>= 0.9', reference_webssh2: 0.63,
      },
      echo_latency_ms: {
        method: `\`stty raw -echo; cat\`, one byte sent, time until it comes back; ${WARMUP} warm-up then ${SAMPLES} samples; real OpenSSH sshd`,
        direct: { median: +direct.median.toFixed(3), p99: +direct.p99.toFixed(3) },
        gateway: { median: +viaGateway.median.toFixed(3), p99: +viaGateway.p99.toFixed(3) },
        added: { median: +(viaGateway.median - direct.median).toFixed(3), p99: +(viaGateway.p99 - direct.p99).toFixed(3) },
        goal: 'added <= 0.5 median, <= 1 p99', reference_webssh2: { median: 0.57, p99: 1.4 },
      },
      idle_sessions: { ...cap, method: 'sessions opened 50 at a time through one fresh gateway process (recording on, resize sent like the page), idle 3 s, gc, process.memoryUsage() delta / sessions', goal: '< 50 KiB per idle session', reference_webssh2_kib: 55 },
    };
    console.log('\n' + JSON.stringify(report, null, 2));
    await mkdir(join(here, 'results'), { recursive: true });
    await writeFile(join(here, 'results', 'terminal.json'), JSON.stringify(report, null, 2) + '\n');
  } finally {
    await stopChild(gw.child);
    await sshd.stop();
    await rm(recordingsDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
