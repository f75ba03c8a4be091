import { createWriteStream, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
import path from 'node:path';

export interface PodLogWriterOptions {
  /** Rotate a container's log once it passes this size (kubelet's containerLogMaxSize); one rotated file is kept. */
  maxBytes: number;
  now?: () => number;
}

/**
 * Appends lines to one container log file (`<timestamp> <line>`), rotating to `<file>.1` at `maxBytes` as
 * kubelet does, so a long-running demo never grows without bound. Writes are buffered by the stream.
 */
export class PodLogWriter {
  private stream?: WriteStream;
  private size = 0;
  private readonly now: () => number;

  constructor(
    readonly file: string,
    private readonly opts: PodLogWriterOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  write(line: string): void {
    if (!this.stream) this.open();
    const text = `${new Date(this.now()).toISOString()} ${line.replace(/\n/g, ' ')}\n`;
    this.size += Buffer.byteLength(text);
    (this.stream as WriteStream).write(text);
    if (this.size >= this.opts.maxBytes) {
      (this.stream as WriteStream).end();
      this.stream = undefined;
      renameSync(this.file, `${this.file}.1`);
    }
  }

  close(): Promise<void> {
    const s = this.stream;
    this.stream = undefined;
    return new Promise((resolve) => (s ? s.end(() => resolve()) : resolve()));
  }

  private open(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    try {
      this.size = statSync(this.file).size;
    } catch {
      this.size = 0;
    }
    this.stream = createWriteStream(this.file, { flags: 'a' });
    this.stream.on('error', () => undefined);
  }
}
