import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { draftFromMessage } from '../../views/campaign-draft.ts';
import { openNewBriefForm } from '../../use-cases/brief-form.ts';

type Args = AllMiddlewareArgs & SlackShortcutMiddlewareArgs;

/** Message shortcut "Save as campaign brief": the brief form, drafted from the message's text. */
export function saveAsBriefShortcut(deps: Deps) {
  return async function saveAsBrief({ ack, shortcut, respond }: Args): Promise<void> {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const draft = draftFromMessage(typeof shortcut.message.text === 'string' ? shortcut.message.text : '');
    await openNewBriefForm(
      deps,
      {
        userId: shortcut.user.id,
        triggerId: shortcut.trigger_id,
        tell: async (text) => { await respond({ response_type: 'ephemeral', text }); },
      },
      draft,
    );
  };
}
