// A small but complete HARDIN_HOME for cross-stage tests: synthetic CEAP (seeded) → ingest → build → detect.
import path from 'node:path';
import { newRunId } from '../../src/core/index.js';
import { generateCeap } from '../../src/sources/index.js';
import { ingestCeap, runBuild, runDetect } from '../../src/pipelines/index.js';
import { makeTempDir } from './tmp.js';

export interface DemoHome {
  home: string;
  groundTruthPath: string;
  rows: number;
}

/** Builds a demo home with `scale` (default 0.02 ≈ 8k rows) of seeded synthetic CEAP data. */
export async function prepareDemoHome(options: { scale?: number; seed?: number } = {}): Promise<DemoHome> {
  const home = await makeTempDir('hardin-demo-');
  const generated = await generateCeap({
    outDir: path.join(home, 'demo-data'),
    seed: options.seed ?? 42,
    scale: options.scale ?? 0.02,
    years: [2025],
  });
  const runId = newRunId(new Date('2026-01-01T00:00:00Z'));
  for (const f of generated.files) await ingestCeap({ home, file: f.path });
  await runBuild({ home, runId, now: new Date('2026-01-01T00:00:00Z') });
  await runDetect({ home, runId, now: new Date('2026-01-01T00:00:00Z') });
  return { home, groundTruthPath: generated.groundTruthPath, rows: generated.rows };
}
