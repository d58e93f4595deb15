// The outbox baseline: a plain WebClient posting the same messages in a loop, CONCURRENCY at a
// time, no database, no retries. Env: SLACK_API_URL, TARGETS (comma-separated), PER_TARGET, CONCURRENCY.

import { WebClient } from '@slack/web-api';
import { benchMessage } from '../support/outbox-messages.ts';

const targets = (process.env.TARGETS ?? '').split(',').filter(Boolean);
const perTarget = Number(process.env.PER_TARGET ?? 1);
const concurrency = Number(process.env.CONCURRENCY ?? 8);
const client = new WebClient('xoxb-baseline-token', { slackApiUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } });

const jobs: Array<{ target: string; n: number }> = [];
for (let n = 0; n < perTarget; n++) for (const target of targets) jobs.push({ target, n });
let next = 0;
let failed = 0;
const began = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < jobs.length) {
    const { target, n } = jobs[next++];
    const message = benchMessage(target, n);
    try {
      await client.chat.postMessage({ channel: message.channel, text: message.text, blocks: message.blocks as never });
    } catch {
      failed++;
    }
  }
}));
process.stdout.write(JSON.stringify({ sent: jobs.length - failed, failed, ms: performance.now() - began }) + '\n');
