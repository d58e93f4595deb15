import { close, fsync, open } from 'node:fs';
import { dirname } from 'node:path';
import { HandoffError } from '../errors.ts';

// With synchronous=FULL, SQLite's COMMIT calls fsync on the write-ahead log before it returns,
// and better-sqlite3 runs it on the JavaScript thread: nothing else happens while the disk
// works. A commit made with synchronous=NORMAL writes the same log frames without that fsync;
// fsyncing the log file afterwards, on libuv's thread pool, makes them exactly as durable
// (fsync flushes the file, whichever descriptor asks), while the thread goes on reading
// requests. One fsync serves every commit made before it started.

function fsyncAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}

function openAsync(path: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))));
}

function closeAsync(fd: number): Promise<void> {
  return new Promise((resolve) => close(fd, () => resolve()));
}

/**
 * An fsync failed. Linux may have dropped the dirty pages it could not write and marked them
 * clean, so a later fsync that succeeds proves nothing about them: from here on no write of
 * this process may be promised as durable. Restarting lets SQLite recover from what is on disk.
 */
export class DurabilityLost extends HandoffError {
  constructor(cause: unknown) {
    super('durability_lost', `The disk refused to sync the database's log (${(cause as Error)?.message ?? String(cause)}); writes can no longer be promised as stored.`, { cause });
  }
}

export class WalSync {
  private fd: Promise<number> | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private closed = false;
  private lost: DurabilityLost | undefined;
  private readonly lostListeners: ((error: DurabilityLost) => void)[] = [];

  /** `walPath` is the database's `-wal` file; it exists once the database has been written in WAL mode. */
  constructor(private readonly walPath: string) {}

  /** The first failed fsync, once there has been one: every sync after it fails with it. */
  get durabilityLost(): DurabilityLost | undefined {
    return this.lost;
  }

  /** Called once, with the first failed fsync. */
  onDurabilityLost(listener: (error: DurabilityLost) => void): void {
    this.lostListeners.push(listener);
  }

  /** Resolves once everything committed before the call is on disk; rejects when the disk refuses. */
  sync(): Promise<void> {
    if (this.lost) return Promise.reject(this.lost);
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    if (!this.running) return this.start();
    // The fsync under way may have begun before the caller's commit: the caller waits for the next.
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.running, this.queued]);
    const fd = await this.fd?.catch(() => undefined);
    if (fd !== undefined) await closeAsync(fd);
  }

  private startQueued(): Promise<void> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<void> {
    const run = this.flush().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async flush(): Promise<void> {
    if (this.lost) throw this.lost;
    if (!this.fd) {
      this.fd = this.openLog();
      this.fd.catch(() => { this.fd = undefined; });
    }
    await this.fsyncOrLose(await this.fd);
  }

  private async openLog(): Promise<number> {
    const fd = await openAsync(this.walPath);
    // As SQLite does for a log it created: the file's directory entry must be on disk too.
    const dir = await openAsync(dirname(this.walPath));
    try {
      await this.fsyncOrLose(dir);
    } finally {
      await closeAsync(dir);
    }
    return fd;
  }

  /** An open that fails may be retried; an fsync that fails may not (see DurabilityLost). */
  private async fsyncOrLose(fd: number): Promise<void> {
    try {
      await fsyncAsync(fd);
    } catch (error) {
      if (!this.lost) {
        this.lost = new DurabilityLost(error);
        for (const listener of this.lostListeners) listener(this.lost);
      }
      throw this.lost;
    }
  }
}
