import { describe, expect, it } from 'vitest';
import { parseSeedYaml, parseSourcesYaml } from './parse-sources.js';

describe('parseSourcesYaml', () => {
  it('parses tables with their path and partitions', () => {
    const { value, errors } = parseSourcesYaml(
      `sources:
  - name: camara
    tables:
      - { name: ceap, path: raw/camara/ceap/, format: parquet, partitions: [year], description: CEAP lines }
`,
      'models/sources.yml',
    );
    expect(errors).toEqual([]);
    expect(value).toEqual([
      {
        source: 'camara',
        name: 'ceap',
        path: 'raw/camara/ceap',
        format: 'parquet',
        partitions: ['year'],
        description: 'CEAP lines',
      },
    ]);
  });

  it('collects bad paths, formats, partitions and duplicates', () => {
    const { errors } = parseSourcesYaml(
      `sources:
  - name: camara
    tables:
      - { name: ceap, path: ../outside, format: csv, partitions: "year", description: d }
      - { name: ceap, path: raw/a, format: parquet, description: d }
      - { name: ceap, path: raw/b, format: parquet, description: d }
`,
      'models/sources.yml',
    );
    expect(errors).toEqual([
      'models/sources.yml: sources[0].tables[0] (ceap).path: "../outside" must be a plain path relative to the lake (no "..", no glob)',
      'models/sources.yml: sources[0].tables[0] (ceap).format: "csv" is not supported; expected parquet',
      'models/sources.yml: sources[0].tables[0] (ceap).partitions: "year" is not a list',
      'models/sources.yml: sources[0].tables[1] (ceap): table camara.ceap is declared twice',
      'models/sources.yml: sources[0].tables[2] (ceap): table camara.ceap is declared twice',
    ]);
  });
});

describe('parseSeedYaml', () => {
  it('parses column types and rejects what is not a type name', () => {
    const { value, errors } = parseSeedYaml(
      'columns:\n  - { name: a, type: "DECIMAL(14,2)" }\n  - { name: b, type: "INT; DROP TABLE x" }\n',
      'seeds/x.yml',
    );
    expect(value.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(errors).toEqual([
      'seeds/x.yml: columns[1].type: "INT; DROP TABLE x" is not a DuckDB type name (e.g. BIGINT, VARCHAR, DECIMAL(14,2))',
    ]);
  });
});
