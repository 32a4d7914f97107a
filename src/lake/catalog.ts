// What the lake holds, read from manifests (never by scanning Parquet): datasets, partitions and their
// versions, row counts, schema, quarantine and freshness. The warehouse side of the catalog is added by
// pipelines/catalog.ts, which joins both.
import fs from 'node:fs/promises';
import path from 'node:path';
import { exists, homePaths } from '../core/index.js';
import { loadGoldManifests } from './gold.js';
import { currentVersions, loadManifests } from './manifest.js';

export interface LakePartitionInfo {
  key: string;
  rows: number;
  version: number;
  versions: number;
  inputSha256: string;
  inputName: string;
  vintage: string;
  ingestedAt: string;
  runId: string;
}

export interface LakeDatasetInfo {
  name: string;
  zone: 'raw' | 'quarantine' | 'gold';
  source: string;
  dataset: string;
  path: string;
  rows: number;
  files: number;
  bytes: number;
  partitions: LakePartitionInfo[];
  schema: { name: string; type: string }[];
  lastIngestedAt: string | null;
}

/** Lists raw, quarantine and gold datasets of the lake under `home`. */
export async function listLakeDatasets(home: string): Promise<LakeDatasetInfo[]> {
  const paths = homePaths(home);
  const out: LakeDatasetInfo[] = [];
  if (await exists(paths.raw)) {
    for (const source of (await fs.readdir(paths.raw)).sort()) {
      for (const dataset of (await fs.readdir(path.join(paths.raw, source))).sort()) {
        const dir = path.join(paths.raw, source, dataset);
        const manifests = await loadManifests(dir);
        if (manifests.length === 0) continue;
        const current = [...currentVersions(manifests).values()].sort((a, b) =>
          a.partition.value.localeCompare(b.partition.value),
        );
        const versionsByKey = new Map<string, number>();
        for (const m of manifests) {
          const k = `${m.partition.key}=${m.partition.value}`;
          versionsByKey.set(k, (versionsByKey.get(k) ?? 0) + 1);
        }
        const latest = manifests[manifests.length - 1];
        out.push({
          name: `raw.${source}.${dataset}`,
          zone: 'raw',
          source,
          dataset,
          path: path.relative(home, dir),
          rows: current.reduce((s, m) => s + m.rows, 0),
          files: current.reduce((s, m) => s + m.files.length, 0),
          bytes: current.reduce((s, m) => s + m.files.reduce((b, f) => b + f.bytes, 0), 0),
          partitions: current.map((m) => {
            const key = `${m.partition.key}=${m.partition.value}`;
            return {
              key,
              rows: m.rows,
              version: m.version,
              versions: versionsByKey.get(key) ?? 1,
              inputSha256: m.input.sha256,
              inputName: m.input.name,
              vintage: m.vintage,
              ingestedAt: m.committedAt,
              runId: m.runId,
            };
          }),
          schema: latest?.schema ?? [],
          lastIngestedAt: latest?.committedAt ?? null,
        });
        const quarantined = manifests.filter((m) => m.quarantine);
        if (quarantined.length > 0) {
          const currentIds = new Set(current.map((m) => m.runId));
          const live = quarantined.filter((m) => currentIds.has(m.runId));
          out.push({
            name: `quarantine.${source}.${dataset}`,
            zone: 'quarantine',
            source,
            dataset,
            path: path.relative(home, path.join(paths.quarantine, source, dataset)),
            rows: live.reduce((s, m) => s + (m.quarantine?.rows ?? 0), 0),
            files: quarantined.length,
            bytes: 0,
            partitions: [],
            schema: [
              { name: '_line', type: 'BIGINT' },
              { name: '_reason', type: 'VARCHAR' },
              { name: '<every file column>', type: 'VARCHAR' },
            ],
            lastIngestedAt: quarantined[quarantined.length - 1]?.committedAt ?? null,
          });
        }
      }
    }
  }
  for (const g of await loadGoldManifests(home)) {
    out.push({
      name: `gold.${g.name}`,
      zone: 'gold',
      source: 'hardin',
      dataset: g.name,
      path: path.relative(home, path.join(paths.gold, g.name)),
      rows: g.rows,
      files: 1,
      bytes: g.bytes,
      partitions: [],
      schema: g.schema,
      lastIngestedAt: g.writtenAt,
    });
  }
  return out;
}
