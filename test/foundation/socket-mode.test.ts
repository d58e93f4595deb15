import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { freePort, PROCESS_WEBHOOK_SECRET, startHandoffProcess, type HandoffProcess } from '../support/handoff-process.ts';
import { leadBody } from '../support/lead-bodies.ts';
import { eventually } from '../support/spawn.ts';

const APP_TOKEN = 'xapp-1-A0HANDOFF-socket-secret-0123456789';
const CANNOT_CONNECT = 'could not connect to Slack over Socket Mode; will try again';
const CONNECTED = 'connected to Slack over Socket Mode';

function logLines(proc: HandoffProcess): Array<Record<string, any>> {
  return proc.output().stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

describe('handoff start in Socket Mode', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function tempDatabase(): string {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-socket-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'handoff.db');
  }

  it('answers health and takes leads while Slack cannot be reached, retries in the background, and stops cleanly', async () => {
    const closedPort = await freePort();
    const proc = await startHandoffProcess({
      databasePath: tempDatabase(),
      slackApiUrl: `http://127.0.0.1:${closedPort}/api/`,
      env: { SLACK_APP_TOKEN: APP_TOKEN, LOG_LEVEL: 'info' },
    });
    cleanups.push(() => proc.kill());

    const health = await fetch(`${proc.url}/healthz`);
    expect(health.status).toBe(200);
    const lead = await fetch(`${proc.url}/webhooks/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PROCESS_WEBHOOK_SECRET}` },
      body: JSON.stringify(leadBody('socket-down-1')),
    });
    expect(lead.status).toBe(202);

    const warnings = await eventually(() => {
      const found = logLines(proc).filter((l) => l.msg === CANNOT_CONNECT);
      return found.length >= 2 ? found : undefined;
    }, { timeoutMs: 10_000, what: 'two failed attempts to be logged' });
    expect(warnings[0]).toMatchObject({ attempt: 1, retryInMs: 1000 });
    expect(warnings[0].reason).toContain('ECONNREFUSED');
    expect(warnings[1]).toMatchObject({ attempt: 2, retryInMs: 2000 });

    await proc.stop();
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    const { stdout, stderr } = proc.output();
    expect(stdout).toContain('Handoff stopped');
    expect(stdout + stderr).not.toContain(APP_TOKEN);
  });

  it('opens the connection through SLACK_API_URL with the app token, survives a failed first attempt, and reconnects when Slack asks', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    // Slack having a bad moment as the app starts: the first apps.connections.open gets a 503.
    standIn.addFault({ method: 'apps.connections.open', fault: { kind: 'http_error', status: 503 }, times: 1 });
    const proc = await startHandoffProcess({
      databasePath: tempDatabase(),
      slackApiUrl: standIn.url,
      env: { SLACK_APP_TOKEN: APP_TOKEN, LOG_LEVEL: 'info' },
    });
    cleanups.push(() => proc.kill());

    await eventually(() => standIn.socketMode.open === 1, { timeoutMs: 10_000, what: 'a Socket Mode link to the stand-in' });
    // The stand-in refuses anything but an app-level token, so an open link also shows which token was sent.
    expect(standIn.callsTo('apps.connections.open').map((c) => c.error ?? 'ok')).toEqual(['http_503', 'ok']);
    await eventually(() => logLines(proc).some((l) => l.msg === CONNECTED), { what: 'the connection to be logged' });
    expect(logLines(proc).find((l) => l.msg === CANNOT_CONNECT)?.reason).toContain('503');

    standIn.socketMode.askToReconnect();
    await eventually(() => standIn.socketMode.opened === 2 && standIn.socketMode.open === 1, { timeoutMs: 10_000, what: 'a second link after the refresh' });
    expect(standIn.okCalls('apps.connections.open')).toHaveLength(2);

    await proc.stop();
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(standIn.socketMode.open).toBe(0);
    expect(proc.output().stdout + proc.output().stderr).not.toContain(APP_TOKEN);
  });
  it('stops within seconds on SIGTERM while Slack is slow to answer a connection attempt', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    standIn.addFault({ method: 'apps.connections.open', fault: { kind: 'delay', ms: 20_000 }, times: 5 });
    const proc = await startHandoffProcess({
      databasePath: tempDatabase(),
      slackApiUrl: standIn.url,
      env: { SLACK_APP_TOKEN: APP_TOKEN, LOG_LEVEL: 'info' },
    });
    cleanups.push(() => proc.kill());
    await eventually(() => standIn.callsTo('apps.connections.open').length === 1 || undefined, { timeoutMs: 10_000, what: 'a connection attempt under way' });
    const began = performance.now();
    await proc.stop();
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(proc.output().stdout).toContain('Handoff stopped');
  });
});
