import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, sourceGlob, sourceSql, templateCalls } from './render.js';
import type { SourceTableSpec } from './spec.js';

const CEAP: SourceTableSpec = {
  source: 'camara',
  name: 'ceap',
  path: 'raw/camara/ceap',
  format: 'parquet',
  partitions: ['year'],
  description: 'CEAP',
};

describe('parseTemplate', () => {
  it('finds ref and source calls with their lines, in either quote style', () => {
    const sql = `select *\nfrom {{ ref('a') }}\njoin {{ref("b")}} using (id)\njoin {{ source('camara', "ceap") }} using (id)\nunion all select * from {{ ref('a') }}`;
    const { value, errors } = parseTemplate(sql, 'models/marts/x.sql');
    expect(errors).toEqual([]);
    expect(templateCalls(value)).toEqual([
      { fn: 'ref', name: 'a', line: 2 },
      { fn: 'ref', name: 'b', line: 3 },
      { fn: 'source', source: 'camara', table: 'ceap', line: 4 },
    ]);
  });

  it('reports every malformed block with its file and line', () => {
    const sql = `select 1\nfrom {{ config(x) }}\njoin {{ ref('a', 'b') }}\njoin {{ source('camara') }}\nwhere {{ ref('c')`;
    expect(parseTemplate(sql, 'models/marts/x.sql').errors).toEqual([
      `models/marts/x.sql line 2: "config(x)" is not ref('model') or source('source', 'table')`,
      `models/marts/x.sql line 3: ref() takes one name, got "ref('a', 'b')"`,
      `models/marts/x.sql line 4: source() takes a source and a table name, got "source('camara')"`,
      'models/marts/x.sql line 5: "{{" is never closed by "}}"',
    ]);
  });

  it('leaves SQL without templates untouched, including nested struct literals', () => {
    const sql = "select {'a': {'b': 1}} as s";
    const { value, errors } = parseTemplate(sql, 'x.sql');
    expect(errors).toEqual([]);
    expect(renderTemplate(value, { ref: () => undefined, source: () => undefined })).toBe(sql);
  });
});

describe('renderTemplate', () => {
  it('replaces refs and sources with relations', () => {
    const { value } = parseTemplate(
      "select * from {{ ref('a') }} join {{ source('camara','ceap') }}",
      'x.sql',
    );
    const sql = renderTemplate(value, {
      ref: (name) => `"marts"."${name}"`,
      source: (s, t) => `lake_${s}_${t}`,
    });
    expect(sql).toBe('select * from "marts"."a" join lake_camara_ceap');
  });

  it('throws on a name the context does not know', () => {
    const { value } = parseTemplate("select * from {{ ref('nope') }}", 'x.sql');
    expect(() => renderTemplate(value, { ref: () => undefined, source: () => undefined })).toThrow(
      /unresolved ref nope at line 1/,
    );
  });
});

describe('sourceSql', () => {
  it('reads Hive-partitioned Parquet under the absolute lake path, one directory level per partition key', () => {
    expect(sourceGlob(CEAP, '/home/h/lake/')).toBe('/home/h/lake/raw/camara/ceap/*/*.parquet');
    expect(sourceSql(CEAP, '/home/h/lake')).toBe(
      "read_parquet('/home/h/lake/raw/camara/ceap/*/*.parquet', hive_partitioning = true, union_by_name = true)",
    );
    expect(sourceSql({ ...CEAP, partitions: [] }, "/it's")).toBe(
      "read_parquet('/it''s/raw/camara/ceap/*.parquet', hive_partitioning = false, union_by_name = true)",
    );
  });
});
