// Extracts the CSV member of a portal zip (e.g. Ano-2019.csv.zip → Ano-2019.csv), streamed to disk.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { SourceError } from '../core/index.js';

/** Extracts the single `.csv` entry of `zipFile` into `outDir`; returns its path. */
export async function extractCsvFromZip(zipFile: string, outDir: string): Promise<string> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(zipFile, { lazyEntries: true, autoClose: false }, (err, z) =>
        err || !z ? reject(err) : resolve(z),
      ),
    );
  } catch (error) {
    throw new SourceError(`${path.basename(zipFile)} is not a readable zip: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const entries: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
    const csvs = entries.filter((e) => /\.csv$/i.test(e.fileName) && !e.fileName.endsWith('/'));
    if (csvs.length === 0) {
      const names = entries.map((e) => e.fileName).join(', ') || 'none';
      throw new SourceError(`${path.basename(zipFile)} contains no .csv file (entries: ${names})`);
    }
    if (csvs.length > 1) {
      throw new SourceError(
        `${path.basename(zipFile)} contains ${csvs.length} .csv files (${csvs.map((e) => e.fileName).join(', ')}); expected one`,
      );
    }
    const entry = csvs[0] as yauzl.Entry;
    await fs.mkdir(outDir, { recursive: true });
    const target = path.join(outDir, path.basename(entry.fileName));
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))),
    );
    await pipeline(stream, createWriteStream(target));
    return target;
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`${path.basename(zipFile)}: cannot extract: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    zip.close();
  }
}
