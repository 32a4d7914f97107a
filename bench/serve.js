// `npm run bench -- serve`: cold start of the real `hardin serve` process (issue #4, target ≤ 0.5 s at 20k SALIC
// projects): milliseconds from spawning `node bin/hardin.js serve` (the compiled CLI that `npm start` runs) to the
// first 200 answer of GET /api/v1/salic/projects/:pronac, polled every POLL_MS. Median, min and max of BENCH_RUNS
// runs after one warm-up (the OS page cache is warm in every run: this times the process, not the disk).
// Anchor in the same run: a bare `node:http` server spawned and polled the same way (Node's own floor).
// On Linux the child's CPU time (user + system, all threads, from /proc/<pid>/stat at the moment the answer
// arrives; 10 ms resolution) is reported too: on a shared machine it moves much less than wall time.
// The home is BENCH_SERVE_HOME when given (e.g. one `hardin demo --no-serve` made), else a temp home built by the
// real pipeline (`hardin demo --no-serve`, ≈ 1 min at the default scale) and removed afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(here, '..', 'bin', 'hardin.js');
const POLL_MS = 2;
const TIMEOUT_MS = 60_000;
const emit = (o) => console.log(JSON.stringify(o));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A port the OS reports free right now (closed again before the child binds it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const CLOCK_TICKS_PER_S = 100;

/** CPU ms (user + system) a live process has used so far, or undefined off Linux. */
function cpuMs(pid) {
  try {
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** One GET; resolves to the status code, or 0 when nothing listens yet. */
function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

/**
 * Spawns `args` and polls `url` until it answers 200. Returns ms from spawn to that answer, and ms from spawn to
 * the stderr line matching `readyLine` (when given).
 */
async function coldStart(args, url, readyLine) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let readyMs;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => {
    stderr += s;
    if (readyMs === undefined && readyLine?.test(stderr)) readyMs = performance.now() - t0;
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    let status = 0;
    while (status !== 200) {
      if (exited) throw new Error(`bench serve: ${args.join(' ')} exited before answering: ${stderr.trim()}`);
      if (performance.now() - t0 > TIMEOUT_MS) {
        throw new Error(
          `bench serve: no 200 from ${url} within ${TIMEOUT_MS} ms (last status ${status}): ${stderr.trim()}`,
        );
      }
      status = await get(url);
      if (status !== 200) await sleep(POLL_MS);
    }
    return { ms: performance.now() - t0, cpuMs: cpuMs(child.pid), readyMs, stderr };
  } finally {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
  }
}

function figures(xs) {
  const s = sorted(xs);
  return { value: round(median(s)), min: round(s[0]), max: round(s[s.length - 1]) };
}

/** The demo home the suite times (built with the real pipeline unless BENCH_SERVE_HOME names one). */
async function demoHome() {
  if (process.env.BENCH_SERVE_HOME) return { home: path.resolve(process.env.BENCH_SERVE_HOME), temp: false };
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'hardin-bench-serve-'));
  const scale = process.env.BENCH_SERVE_SCALE ?? '1';
  const r = spawnSync(
    process.execPath,
    [CLI, 'demo', '--no-serve', '--json', '--scale', scale, '--home', home],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`bench serve: hardin demo failed (exit ${r.status}): ${r.stderr}`);
  return { home, temp: true };
}

/** PRONACs to ask for, one per run, spread over the backlog (read with `hardin query`, like a user would). */
function samplePronacs(home, count) {
  const r = spawnSync(
    process.execPath,
    [
      CLI,
      'query',
      `SELECT pronac, count(*) OVER ()::BIGINT AS n FROM detect.salic_projects
       QUALIFY row_number() OVER (ORDER BY hash(pronac)) <= ${count}`,
      '--json',
      '--home',
      home,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) {
    throw new Error(
      `bench serve: no detect.salic_projects under ${home} (run hardin demo first): ${r.stdout}${r.stderr}`,
    );
  }
  const rows = JSON.parse(r.stdout);
  if (rows.length === 0) throw new Error(`bench serve: detect.salic_projects under ${home} is empty`);
  return { pronacs: rows.map((x) => x.pronac), projects: Number(rows[0].n) };
}

export async function serve() {
  const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
  const { home, temp } = await demoHome();
  try {
    const { pronacs, projects } = samplePronacs(home, runs + 1);
    const ours = [];
    const cpu = [];
    const ready = [];
    const anchor = [];
    for (let i = 0; i <= runs; i++) {
      const pronac = pronacs[i % pronacs.length];
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/api/v1/salic/projects/${encodeURIComponent(pronac)}`;
      const r = await coldStart(
        [CLI, 'serve', '--home', home, '--port', String(port), '--host', '127.0.0.1'],
        url,
        /Hardin dashboard: /,
      );
      const aPort = await freePort();
      const a = await coldStart(
        ['-e', `require('node:http').createServer((q, s) => s.end('{}')).listen(${aPort}, '127.0.0.1')`],
        `http://127.0.0.1:${aPort}/`,
      );
      if (i === 0) continue; // warm-up
      ours.push(r.ms);
      if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
      if (r.readyMs !== undefined) ready.push(r.readyMs);
      anchor.push(a.ms);
    }
    const f = figures(ours);
    const fa = figures(anchor);
    emit({
      suite: 'serve',
      metric: 'cold_start_first_pronac_ms',
      ...f,
      runs,
      projects,
      build: 'dist (npm start)',
      anchor: 'bare node:http server, spawn to first 200',
      anchor_value: fa.value,
      ratio: round(f.value / fa.value, 2),
      target_ms: 500,
    });
    if (cpu.length === ours.length) {
      emit({ suite: 'serve', metric: 'cold_start_first_pronac_cpu_ms', ...figures(cpu), runs });
    }
    if (ready.length === ours.length) {
      emit({ suite: 'serve', metric: 'cold_start_listening_ms', ...figures(ready), runs });
    }
    emit({ suite: 'serve', ok: true });
  } finally {
    if (temp) await fs.rm(home, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await serve();
