import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../test/helpers/tmp.js';
import {
  HEADER_PROBE_BYTES,
  firstCsvRecord,
  loadHeaderBytes,
  mapHeaderColumns,
  missingColumnsError,
  readCsvRecord,
  readHeaderRecord,
  unknownColumnsWarning,
  wrongDelimiterError,
} from './header.js';

describe('firstCsvRecord', () => {
  it('splits the first record by the delimiter, honouring quotes, doubled quotes and line breaks inside quotes', () => {
    const cases: [string, string, string[] | undefined][] = [
      ['a,b,c\n1,2,3\n', ',', ['a', 'b', 'c']],
      ['"a";"b ""x""";"c;d"\r\n1;2;3', ';', ['a', 'b "x"', 'c;d']],
      ['"two\nlines",b\n1,2', ',', ['two\nlines', 'b']],
      ['only,a,header', ',', ['only', 'a', 'header']],
      ['a;;\n', ';', ['a', '', '']],
      ['"never closed,b\n1,2', ',', undefined],
    ];
    for (const [text, delimiter, fields] of cases) expect(firstCsvRecord(text, delimiter)).toEqual(fields);
  });
});

describe('readCsvRecord', () => {
  it('walks a text record by record, line breaks inside quotes kept, and says where the next record starts', () => {
    const text = 'id,item\r\n1,"lona\r\npalco"\n2,"diz ""sim"""\n3,fim';
    const records: string[][] = [];
    const starts: number[] = [];
    for (let at = 0; at < text.length;) {
      const record = readCsvRecord(text, ',', at);
      if (!record) throw new Error(`unclosed quote at ${at}`);
      records.push(record.fields);
      starts.push(at);
      at = record.next;
    }
    expect(records).toEqual([
      ['id', 'item'],
      ['1', 'lona\r\npalco'],
      ['2', 'diz "sim"'],
      ['3', 'fim'],
    ]);
    expect(starts).toEqual([0, 9, 25, 41]);
    expect(readCsvRecord('a\n"b', ',', 2)).toBeUndefined();
  });
});

describe('readHeaderRecord', () => {
  it('removes a BOM and says so', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"id";"uri"\n"1";"u"\n')]);
    expect(readHeaderRecord(bom, 'x: f.csv', ';')).toMatchObject({ fields: ['id', 'uri'], hasBom: true });
    expect(readHeaderRecord(Buffer.from('id;uri\n'), 'x: f.csv', ';')).toMatchObject({ hasBom: false });
  });

  it('refuses an empty file and a header whose quotes do not close, naming the file', () => {
    expect(() => readHeaderRecord(Buffer.from(' \n'), 'camara propositions: f.csv', ';')).toThrow(
      'camara propositions: f.csv is empty: expected a CSV with a header line',
    );
    expect(() => readHeaderRecord(Buffer.from('"id;uri\n1;2'), 'salic projects: p.csv', ',')).toThrow(
      `salic projects: p.csv: no complete header line in the first ${HEADER_PROBE_BYTES} bytes`,
    );
  });
});

describe('loadHeaderBytes', () => {
  it('reads at most the probe size from the start of the file', async () => {
    const dir = await makeTempDir();
    try {
      const small = path.join(dir, 'small.csv');
      await fs.writeFile(small, 'a,b\n1,2\n');
      expect((await loadHeaderBytes(small)).toString()).toBe('a,b\n1,2\n');
      const big = path.join(dir, 'big.csv');
      await fs.writeFile(big, Buffer.alloc(HEADER_PROBE_BYTES + 10, 'x'));
      expect((await loadHeaderBytes(big)).length).toBe(HEADER_PROBE_BYTES);
    } finally {
      await removeDir(dir);
    }
  });
});

describe('wrongDelimiterError', () => {
  it('names the expected delimiter, the one found and the line', () => {
    expect(
      wrongDelimiterError('salic projects: p.csv', 'PRONAC;nome', ',', 'the projetos header PRONAC,nome')
        .message,
    ).toBe(
      `salic projects: p.csv: header line has no ',' separator (found ";": wrong delimiter?); expected the projetos header PRONAC,nome, got "PRONAC;nome"`,
    );
    expect(wrongDelimiterError('w', 'single', ';', 'x').message).toBe(
      `w: header line has no ';' separator; expected x, got "single"`,
    );
  });
});

describe('mapHeaderColumns', () => {
  const columns = [
    { lake: 'pronac', header: 'PRONAC', aliases: [] as string[] },
    { lake: 'name', header: 'NomeProjeto', aliases: ['nome'] },
  ];
  const options = {
    where: 'salic projects: p.csv',
    columns,
    key: (c: (typeof columns)[number]) => c.lake,
    names: (c: (typeof columns)[number]) => [c.header, ...c.aliases],
    label: (c: (typeof columns)[number]) => c.header,
  };

  it('maps by name case-insensitively (aliases too), keeps unknown columns and recognises meta columns', () => {
    const names = ['pronac', 'NOME', 'novo', '_origin', ''];
    const m = mapHeaderColumns(names, { ...options, meta: ['_origin'] });
    expect(m.mapped.map((c) => c?.lake)).toEqual(['pronac', 'name', undefined, undefined, undefined]);
    expect(m.unknown).toEqual([2, 4]);
    expect([...m.meta]).toEqual([['_origin', 3]]);
    expect([...m.found]).toEqual([
      ['pronac', 'pronac'],
      ['name', 'NOME'],
    ]);
    expect(unknownColumnsWarning('p.csv', names, m.unknown)).toBe(
      'p.csv: unknown column(s) kept in _extra: "novo", ""',
    );
    expect(unknownColumnsWarning('p.csv', names, [])).toBeUndefined();
    // Without `meta`, a meta name is just an unknown column.
    expect(mapHeaderColumns(names, options).unknown).toEqual([2, 3, 4]);
  });

  it('refuses two names for one column, naming both and the column', () => {
    expect(() => mapHeaderColumns(['NomeProjeto', 'nome'], options)).toThrow(
      'salic projects: p.csv: columns "NomeProjeto" and "nome" both map to NomeProjeto (header names are matched case-insensitively)',
    );
  });
});

describe('missingColumnsError', () => {
  it('names the missing columns and lists the header, clipped when asked, with details', () => {
    const names = ['a', 'b', 'c'];
    const all = missingColumnsError('salic projects: p.csv', ['PRONAC'], names, { file: 'p.csv' });
    expect(all.message).toBe(
      'salic projects: p.csv: missing required column PRONAC; found 3 columns: "a", "b", "c"',
    );
    expect(all).toMatchObject({ code: 'SCHEMA', details: { file: 'p.csv', missing: ['PRONAC'] } });
    expect(missingColumnsError('w', ['id', 'uri'], names, {}, 2).message).toBe(
      'w: missing required columns id, uri; found 3 columns: "a", "b", …',
    );
  });
});
