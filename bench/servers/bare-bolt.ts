// The baseline Slack app: Bolt with an HTTPReceiver, a signing secret and a static authorize
// (so it never calls Slack), acking every command and click with a fixed text. Whatever
// Handoff takes beyond this is Handoff's own cost. Env: PORT, SLACK_SIGNING_SECRET.

import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const port = Number(process.env.PORT);
const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  processBeforeResponse: false,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  receiver,
  logLevel: LogLevel.ERROR,
  authorize: async () => ({ botToken: 'xoxb-bare-token', botId: 'BBOT0001', botUserId: 'UBOT0001', teamId: 'T0HANDOFF' }),
});
app.command(/.*/, async ({ ack }) => { await ack({ response_type: 'ephemeral', text: 'Fixed answer from a bare Bolt app.' }); });
app.action(/.*/, async ({ ack }) => { await ack(); });

await app.start(port);
process.stdout.write(`listening ${port}\n`);
process.once('SIGTERM', () => { void app.stop().then(() => process.exit(0)); });
