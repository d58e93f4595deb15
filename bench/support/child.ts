// Child processes for the benchmarks: the baselines run in their own process like Handoff does,
// so neither side shares an event loop with the load generator.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from '../../test/support/spawn.ts';
import { freePort } from '../../test/support/handoff-process.ts';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));

export function spawnTs(script: string, args: string[] = [], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`../${script}`, import.meta.url)), ...args], {
    cwd: REPO_DIR,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a TS script to its end and parses the last stdout line as JSON. */
export function runTsJson<T>(script: string, args: string[] = [], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<T> {
  const child = spawnTs(script, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${script} took longer than ${timeoutMs} ms`)); }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${stderr.slice(-2000)}`));
      try { resolve(JSON.parse(last) as T); } catch { reject(new Error(`${script} printed no JSON: ${stdout.slice(-500)} ${stderr.slice(-500)}`)); }
    });
  });
}

export interface BareBolt { url: string; startMs: number; stop(): Promise<void> }

/** Starts bench/servers/bare-bolt.ts and resolves once it answers HTTP. */
export async function startBareBolt(signingSecret: string): Promise<BareBolt> {
  const port = await freePort();
  const began = performance.now();
  const child = spawnTs('servers/bare-bolt.ts', [], { PORT: String(port), SLACK_SIGNING_SECRET: signingSecret });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`bare Bolt app exited: ${stderr}`);
    const res = await fetch(`${url}/slack/events`, { method: 'POST', body: '' });
    await res.arrayBuffer();
    return true;
  }, { timeoutMs: 20_000, intervalMs: 10, what: 'the bare Bolt app to listen' });
  const startMs = performance.now() - began;
  return {
    url,
    startMs,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Milliseconds for `node -e ""`: the floor any Node start-up stands on. */
export async function bareNodeStartMs(): Promise<number> {
  const began = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
  return performance.now() - began;
}
