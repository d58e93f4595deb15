import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';

/** Publishes the App Home for whoever opened it. */
export function appHomeOpened(deps: Deps) {
  return async function publishHome({ event }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
    if (event.tab !== 'home') return;
    await deps.slack.views.publish({
      user_id: event.user,
      view: {
        type: 'home',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Handoff' } },
          { type: 'section', text: { type: 'mrkdwn', text: 'Your leads will show here. Type `/handoff help` to see what I can do.' } },
        ],
      },
    });
  };
}
