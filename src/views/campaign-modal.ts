import { encodeBriefMetadata, type BriefModalMetadata } from './button-values.ts';
import { LIMITS, STAGES, type AssetInput } from '../domain/campaigns/brief.ts';
import { cut, STAGE_LABELS } from './campaign-format.ts';
import { CAMPAIGN_BRIEF_BLOCKS as B, CAMPAIGN_BRIEF_INPUT, VIEWS } from './ids.ts';

/** What the form starts with: nothing, a stored brief, or what a message suggested. */
export interface BriefDraft {
  key?: string;
  name?: string;
  goal?: string | null;
  audience?: string | null;
  stage?: string | null;
  offer?: string | null;
  keyMessages?: string[];
  talkingPoints?: string[];
  assets?: AssetInput[];
  startsOn?: string | null;
  endsOn?: string | null;
  ownerSlackId?: string | null;
  ownerEmail?: string | null;
}

export interface BriefModalOptions {
  mode: 'create' | 'edit';
  draft: BriefDraft;
  /** The brief being edited; travels in private_metadata. */
  campaignId?: number;
  /** Who opens the form: the owner by default when creating. */
  submitterId: string;
}


const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** Slack caps what a text input holds (and starts with) at 3000 characters. */
const INPUT_MAX = 3000;

/** `|` separates the parts of an asset line, so one inside a title, URL or kind is written `\|` (and `\` as `\\`). */
const escapeAssetPart = (part: string) => part.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

export function assetLine(a: AssetInput): string {
  return [a.title, a.url, ...(a.kind ? [a.kind] : [])].map(escapeAssetPart).join(' | ');
}

function textInput(blockId: string, label: string, o: { value?: string | null; multiline?: boolean; optional?: boolean; max?: number; placeholder?: string; hint?: string }) {
  const max = o.max ?? INPUT_MAX;
  return {
    type: 'input',
    block_id: blockId,
    optional: o.optional ?? true,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: CAMPAIGN_BRIEF_INPUT,
      multiline: o.multiline ?? false,
      max_length: max,
      ...(o.value ? { initial_value: cut(o.value, max) } : {}),
      ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
    },
    ...(o.hint ? { hint: plain(o.hint) } : {}),
  };
}

/**
 * A one-per-line field. When editing, a stored list too long for a text input is shown, not
 * offered for editing, so saving the form cannot cut it short (the parser keeps it as it is).
 */
function linesInput(mode: BriefModalOptions['mode'], blockId: string, label: string, lines: string[] | undefined, hint: string) {
  const value = (lines ?? []).join('\n');
  if (mode === 'edit' && value.length > INPUT_MAX) {
    return {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `*${label}:* ${lines!.length} lines, too long to edit here; they stay as they are. Change them through the intake API.` }],
    };
  }
  return textInput(blockId, label, { value, multiline: true, hint });
}

function datePicker(blockId: string, label: string, value: string | null | undefined) {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    element: { type: 'datepicker', action_id: CAMPAIGN_BRIEF_INPUT, ...(value ? { initial_date: value } : {}), placeholder: plain('Pick a date') },
  };
}

function stageSelect(value: string | null | undefined) {
  const options = STAGES.map((s) => ({ text: plain(STAGE_LABELS[s]), value: s }));
  const initial = options.find((o) => o.value === value);
  return {
    type: 'input',
    block_id: B.stage,
    optional: true,
    label: plain('Buying stage it targets'),
    element: { type: 'static_select', action_id: CAMPAIGN_BRIEF_INPUT, placeholder: plain('Choose a stage'), options, ...(initial ? { initial_option: initial } : {}) },
  };
}

function ownerSelect(o: BriefModalOptions) {
  const initial = o.mode === 'create' ? (o.draft.ownerSlackId ?? o.submitterId) : o.draft.ownerSlackId;
  const hint =
    o.mode === 'create'
      ? 'Defaults to you. The owner (or an admin) can edit and archive the brief.'
      : o.draft.ownerSlackId || !o.draft.ownerEmail
        ? 'The owner (or an admin) can edit and archive the brief.'
        : `Now ${o.draft.ownerEmail} (not found in Slack). Leave empty to keep that.`;
  return {
    type: 'input',
    block_id: B.owner,
    optional: true,
    label: plain('Owner'),
    element: { type: 'users_select', action_id: CAMPAIGN_BRIEF_INPUT, placeholder: plain('Choose a person'), ...(initial ? { initial_user: initial } : {}) },
    hint: plain(hint),
  };
}

/** The brief form (VIEWS.campaignBrief): every field of a brief; the key is fixed once created. */
export function campaignBriefModal(o: BriefModalOptions) {
  const d = o.draft;
  const keyBlock =
    o.mode === 'edit'
      ? { type: 'section', text: { type: 'mrkdwn', text: `*Key:* \`${d.key ?? ''}\`\nThe key cannot change: leads name the campaign by it.` } }
      : textInput(B.key, 'Key', {
          value: d.key,
          optional: false,
          max: LIMITS.key,
          placeholder: 'q4-ai-webinar',
          hint: 'Lowercase letters, digits and dashes. Leads name their campaign by this key, so it cannot change later.',
        });
  const metadata: BriefModalMetadata = o.campaignId !== undefined ? { id: o.campaignId } : {};
  return {
    type: 'modal' as const,
    callback_id: VIEWS.campaignBrief,
    title: plain(o.mode === 'edit' ? 'Edit campaign brief' : 'New campaign brief'),
    submit: plain('Save brief'),
    close: plain('Cancel'),
    private_metadata: encodeBriefMetadata(metadata),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Reps see this brief the moment a lead from the campaign reaches them.' }] },
      keyBlock,
      textInput(B.name, 'Campaign name', { value: d.name, optional: false, max: LIMITS.name, placeholder: 'Q4 AI Readiness Webinar' }),
      textInput(B.goal, 'Goal', { value: d.goal, multiline: true, placeholder: 'Book discovery calls with data leaders evaluating AI platforms' }),
      textInput(B.audience, 'Audience / persona', { value: d.audience, multiline: true, placeholder: 'VP Data and CTOs at 200-2000 employee companies' }),
      stageSelect(d.stage),
      textInput(B.offer, 'Offer', { value: d.offer, placeholder: 'Free AI readiness assessment' }),
      linesInput(o.mode, B.keyMessages, 'Key messages', d.keyMessages, 'One per line.'),
      linesInput(o.mode, B.talkingPoints, 'Talking points for reps', d.talkingPoints, 'One per line.'),
      linesInput(o.mode, B.assets, 'Content assets', d.assets?.map(assetLine), 'One per line: Title | URL | kind, e.g. AI Buyer Guide | https://example.com/guide | ebook (a | inside a part is written \\|)'),
      datePicker(B.startsOn, 'Starts on', d.startsOn),
      datePicker(B.endsOn, 'Ends on', d.endsOn),
      ownerSelect(o),
    ],
  };
}
