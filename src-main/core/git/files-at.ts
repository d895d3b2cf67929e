import { spawn } from 'node:child_process';
import { DeskError } from '../errors.js';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * A queue of stdout chunks read as `cat-file --batch` frames them: a header line, then exactly
 * the announced number of bytes. Bytes, not characters: a file's size is counted in bytes.
 */
class ByteQueue {
  private chunks: Buffer[] = [];
  private length = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  get size(): number {
    return this.length;
  }

  /** The next line without its newline, or null while it is incomplete. */
  line(): string | null {
    let seen = 0;
    for (const chunk of this.chunks) {
      const at = chunk.indexOf(0x0a);
      if (at !== -1) {
        const line = this.take(seen + at + 1);
        return line.toString('utf8', 0, line.length - 1);
      }
      seen += chunk.length;
    }
    return null;
  }

  take(count: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    const taken = all.subarray(0, count);
    const rest = all.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return taken;
  }
}

/**
 * The text of `file` at each of `shas` (null where the commit has no such file), in one
 * `git cat-file --batch` for all of them. `onFile` sees each in order and keeps what it needs,
 * so only one file is held at a time however many commits are asked about.
 */
export function readFileAtCommits(
  repo: string,
  file: string,
  shas: string[],
  onFile: (index: number, text: string | null) => void,
): Promise<void> {
  if (file === '' || /[\n\r\0]/.test(file) || file.startsWith('/')) {
    throw new DeskError('invalid-input', `Invalid repository path "${file}".`);
  }
  for (const sha of shas) {
    if (!SHA.test(sha))
      throw new DeskError('invalid-ref', `Invalid commit "${sha}": a full SHA is expected.`);
  }
  if (shas.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: repo,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      windowsHide: true,
    });
    const queue = new ByteQueue();
    let index = 0;
    // The size of the object whose content is awaited, or null while a header is awaited.
    let awaiting: number | null = null;
    let failed: unknown = null;
    let stderr = '';

    const drain = (): void => {
      for (;;) {
        if (awaiting === null) {
          const header = queue.line();
          if (header === null) return;
          const [, type, size] = header.split(' ');
          if (type === 'blob' && size !== undefined) awaiting = Number(size);
          else onFile(index++, null); // `missing`, or a directory of that name
          continue;
        }
        if (queue.size < awaiting + 1) return;
        const content = queue.take(awaiting + 1);
        awaiting = null;
        onFile(index++, content.toString('utf8', 0, content.length - 1));
      }
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (failed !== null) return;
      queue.push(chunk);
      try {
        drain();
      } catch (error) {
        failed = error;
        child.kill();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      if (failed !== null) reject(failed);
      else if (code !== 0)
        reject(new DeskError('git-failed', `git cat-file failed: ${stderr.trim()}`, { git: stderr.trim() }));
      else resolve();
    });
    child.stdin.end(shas.map((sha) => `${sha}:${file}\n`).join(''));
  });
}
