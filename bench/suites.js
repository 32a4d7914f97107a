// Benchmark suites. Each prints JSON lines and a final {"suite":…,"ok":true}.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCeap } from '../dist/src/sources/index.js';
import { ingestCeap } from '../dist/src/pipelines/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const emit = (o) => console.log(JSON.stringify(o));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Debian's python3-pandas/python3-sklearn install under /usr/bin/python3; a pyenv `python3` on PATH lacks them.
const PYTHON = process.env.BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

function hasPython(module) {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

async function ingest() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hardin-bench-'));
  try {
    const gen = await generateCeap({ outDir: path.join(tmp, 'data'), seed: 7, scale: 2.8, years: [2025] });
    const file = gen.files[0];
    const bytes = (await fs.stat(file.path)).size;
    emit({ suite: 'ingest', metric: 'input', rows: file.rows, bytes });
    const times = [];
    for (let i = 0; i <= runs; i++) {
      const home = path.join(tmp, `home-${i}`);
      const t0 = performance.now();
      const r = await ingestCeap({ home, file: file.path });
      const s = (performance.now() - t0) / 1000;
      if (i > 0) times.push(s); // first run is a warm-up
      if (r.rows + r.quarantined !== file.rows)
        throw new Error(`bench: ${r.rows}+${r.quarantined} != ${file.rows}`);
      await fs.rm(home, { recursive: true, force: true });
    }
    const s = median(times);
    const figure = {
      suite: 'ingest',
      metric: 'csv_to_lake_s',
      value: round(s),
      rows_per_s: Math.round(file.rows / s),
      n: file.rows,
    };
    if (hasPython('pandas')) {
      const out = execFileSync(
        PYTHON,
        [path.join(here, 'anchors/pandas_read_csv.py'), file.path, String(runs)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      const anchor = JSON.parse(out.trim());
      emit({
        ...figure,
        anchor: 'pandas.read_csv(dtype=str)',
        anchor_value: round(anchor.median_s),
        ratio: round(s / anchor.median_s),
        anchor_rows_per_s: Math.round(anchor.rows / anchor.median_s),
      });
    } else {
      emit(figure);
      emit({
        suite: 'ingest',
        skipped: 'anchor not installed: python3-pandas (apt-get install -y python3-pandas)',
      });
    }
    emit({ suite: 'ingest', ok: true });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

function round(x) {
  return Math.round(x * 1000) / 1000;
}

export const suites = { ingest };
