// Streams one CEAP year to disk, plain (`Ano-YYYY.csv`) or zipped like the portal (`Ano-YYYY.csv.zip` holding
// `Ano-YYYY.csv`), with backpressure. The file is written under a `.partial` name and renamed when complete,
// so a reader never sees half a file. No fsync: the files are reproducible from the seed, and syncing
// 150 MB costs seconds. Zip entries get a fixed mtime so the same seed gives the same bytes.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { PassThrough, type Writable } from 'node:stream';
import yazl from 'yazl';
import { SourceError, sha256File } from '../../core/index.js';

export interface CeapFileWriterOptions {
  /** Final path (…/Ano-YYYY.csv or …/Ano-YYYY.csv.zip). */
  target: string;
  zip: boolean;
  /** Name of the CSV inside the zip. */
  entryName: string;
  /** Zip entry timestamp. */
  mtime: Date;
}

/** Writes string chunks to a CEAP file and reports its sha256 on close. */
export class CeapFileWriter {
  private readonly hash = createHash('sha256');

  private constructor(
    private readonly options: CeapFileWriterOptions,
    private readonly partial: string,
    private readonly file: WriteStream,
    private readonly sink: Writable,
    private readonly zip: yazl.ZipFile | undefined,
  ) {}

  static async create(options: CeapFileWriterOptions): Promise<CeapFileWriter> {
    const partial = `${options.target}.partial`;
    const file = createWriteStream(partial, { highWaterMark: 1 << 20 });
    await once(file, 'open');
    if (!options.zip) return new CeapFileWriter(options, partial, file, file, undefined);
    const zip = new yazl.ZipFile();
    const entry = new PassThrough({ highWaterMark: 1 << 20 });
    zip.addReadStream(entry, options.entryName, { mtime: options.mtime, mode: 0o100644, compress: true });
    zip.outputStream.pipe(file);
    zip.end();
    return new CeapFileWriter(options, partial, file, entry, zip);
  }

  /** Appends bytes (or UTF-8 text), waiting for the stream to drain when its buffer is full. */
  async write(data: Buffer | string): Promise<void> {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!this.zip) this.hash.update(buf);
    if (!this.sink.write(buf)) await once(this.sink, 'drain');
  }

  /** Finishes the file, renames it into place and returns its sha256. */
  async close(): Promise<string> {
    try {
      const done = once(this.file, 'close');
      this.sink.end();
      await done;
      await fs.rename(this.partial, this.options.target);
    } catch (cause) {
      await fs.rm(this.partial, { force: true });
      throw new SourceError(`synthetic ceap: could not write ${this.options.target}`, { cause });
    }
    return this.zip ? sha256File(this.options.target) : this.hash.digest('hex');
  }

  /** Abandons the file (on error): closes the stream and removes the partial file. */
  async abort(): Promise<void> {
    this.sink.destroy();
    this.file.destroy();
    await fs.rm(this.partial, { force: true });
  }
}
