// fast-check generators for what people and systems send Handoff. Half noise, half near-miss:
// the words a command knows, in orders and shapes it does not expect.

import fc from 'fast-check';
import { CAMPAIGN_BRIEF_BLOCKS, CAMPAIGN_BRIEF_INPUT } from '../../../src/views/ids.ts';
import { PEOPLE } from '../../support/harness.ts';

const KNOWN_WORDS = [
  'help', 'list', 'all', 'show', 'edit', 'archive', 'release', 'mql', 'digest', 'until', 'HELP', 'List',
  'q4-ai-webinar', 'Q4-AI-WEBINAR', 'ada@analytical.example', 'ADA@Analytical.Example', 'not-an-email', '@', 'a@b', 'rep@yourco.example',
  '0', '1', '14', '365', '366', '-3', '1.5', '14d', '0d', '999d', '2d2', 'd', '2026-12-01', '2026-02-30', '1999-01-01', '9999-12-31', 'tomorrow',
  '<@UREP00001>', '<mailto:ada@analytical.example|ada@analytical.example>', '<#C0123|general>', '*bold*', '`code`', '"quoted words"', '—', '…',
];

const spacing = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', ' \u200b');

/** Command text: known words in any order and spacing, or anything at all. */
export const commandText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.constantFrom(...KNOWN_WORDS), spacing), { maxLength: 6 }).map((parts) => parts.map(([w, s]) => w + s).join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(4000), `release ${'a'.repeat(300)}@example.com`, 'list all all all', 'show ' + '../'.repeat(40)) },
);

export const anyPerson = fc.constantFrom(...Object.values(PEOPLE).map((p) => p.id), 'UNOBODY01', 'W0123ABCD');

/** A forged button value: real-looking ids, JSON, or noise. */
export const buttonValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('', 'lead-1', 'crm-00Q5e00001', '1', '-1', '9007199254740993', 'null', '{"lead":"x"}', '{"leadId":"crm-00Q5e00001","asset":1}', '1:2', 'x'.repeat(2001)),
  fc.record({ lead: fc.string(), asset: fc.oneof(fc.integer(), fc.string()), verdict: fc.string() }).map((v) => JSON.stringify(v)),
);

/** A modal's state.values: blocks and actions with any ids and element shapes Slack could send. */
export const viewStateValues = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('key', 'name', 'goal', 'reason', 'comment', 'assets', 'starts_on', 'ends_on', 'stage', 'owner')),
  fc.dictionary(
    fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('key', 'name', 'goal', 'reason', 'comment', 'value', 'input', 'select', 'date')),
    fc.oneof(
      fc.record({ type: fc.constant('plain_text_input'), value: fc.option(fc.string({ maxLength: 3500 }), { nil: null }) }),
      fc.record({ type: fc.constant('static_select'), selected_option: fc.option(fc.record({ text: fc.record({ type: fc.constant('plain_text'), text: fc.string() }), value: fc.string() }), { nil: null }) }),
      fc.record({ type: fc.constant('datepicker'), selected_date: fc.option(fc.oneof(fc.constantFrom('2026-12-01', '2026-02-30', '0000-00-00'), fc.string()), { nil: null }) }),
      fc.record({ type: fc.constant('users_select'), selected_user: fc.option(anyPerson, { nil: null }) }),
      fc.record({ type: fc.constant('multi_static_select'), selected_options: fc.array(fc.record({ value: fc.string() }), { maxLength: 5 }) }),
      fc.record({ type: fc.string(), value: fc.anything() }),
    ),
    { maxKeys: 3 },
  ),
  { maxKeys: 8 },
);

const noiseText = fc.oneof(
  fc.constantFrom(null, '', ' ', '-x', 'a'.repeat(3001), 'x'.repeat(301), 'javascript:alert(1)'),
  fc.string({ maxLength: 120 }),
);
const assetLines = fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/), fc.webUrl(), fc.constantFrom('', 'ebook', 'video')).map(([t, u, k]) => `${t} | ${u}${k ? ` | ${k}` : ''}`) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.oneof(fc.string({ maxLength: 20 }), fc.constant('ftp://x')), fc.constantFrom('', 'x'.repeat(70))).map(([t, u, k]) => `${t} | ${u} | ${k}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
), { maxLength: 6 }).map((lines) => lines.join('\n'));
/** Mostly what a person would type, sometimes anything. */
const typed = (valid: fc.Arbitrary<string | null>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: noiseText });
const input = (value: fc.Arbitrary<string | null>) => fc.record({ [CAMPAIGN_BRIEF_INPUT]: fc.record({ type: fc.constant('plain_text_input'), value }) });

/** The brief modal's state as Slack sends it: the real block and action ids, each value possibly wrong. */
export const briefFormState = fc.record({
  [CAMPAIGN_BRIEF_BLOCKS.key]: input(typed(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/).map((k) => `prop-${k}`))),
  [CAMPAIGN_BRIEF_BLOCKS.name]: input(typed(fc.constantFrom('Q4 AI Readiness Webinar', 'Spring launch', 'Émile’s “webinar” 🎉'))),
  [CAMPAIGN_BRIEF_BLOCKS.goal]: input(typed(fc.constantFrom(null, 'Book discovery calls'))),
  [CAMPAIGN_BRIEF_BLOCKS.stage]: fc.record({ [CAMPAIGN_BRIEF_INPUT]: fc.record({ type: fc.constant('static_select'), selected_option: fc.option(fc.record({ value: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('awareness', 'consideration', 'decision') }, { weight: 1, arbitrary: fc.string() }) }), { nil: null }) }) }),
  [CAMPAIGN_BRIEF_BLOCKS.keyMessages]: input(typed(fc.constantFrom(null, '• one\n• two\n\n3) three', 'Ship models in weeks'))),
  [CAMPAIGN_BRIEF_BLOCKS.assets]: input(typed(assetLines)),
  [CAMPAIGN_BRIEF_BLOCKS.startsOn]: fc.record({ [CAMPAIGN_BRIEF_INPUT]: fc.record({ type: fc.constant('datepicker'), selected_date: fc.option(fc.constantFrom('2026-11-01', '2026-11-01', '2026-02-30', 'soon'), { nil: null }) }) }),
  [CAMPAIGN_BRIEF_BLOCKS.endsOn]: fc.record({ [CAMPAIGN_BRIEF_INPUT]: fc.record({ type: fc.constant('datepicker'), selected_date: fc.option(fc.constantFrom('2026-12-15', '2026-12-15', '2026-10-01', '9999-99-99'), { nil: null }) }) }),
  [CAMPAIGN_BRIEF_BLOCKS.owner]: fc.record({ [CAMPAIGN_BRIEF_INPUT]: fc.record({ type: fc.constant('users_select'), selected_user: fc.option(fc.oneof({ weight: 4, arbitrary: anyPerson }, { weight: 1, arbitrary: fc.string() }), { nil: null }) }) }),
}, { requiredKeys: [CAMPAIGN_BRIEF_BLOCKS.key, CAMPAIGN_BRIEF_BLOCKS.name] });

/** Any modal state: a real form's shape or anything at all. */
export const anyViewState = fc.oneof(briefFormState, viewStateValues);

/** Bodies shaped like a lead or a brief: each field mostly right, sometimes any JSON value at all. */
const wrongValue = fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
// One field in ~25 wrong: most bodies are wrong in one or two places, a good share are right.
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 24, arbitrary: valid }, { weight: 1, arbitrary: wrongValue });

export const leadishBody = fc.record({
  id: mostly(fc.oneof(fc.uuid().map((u) => `prop-${u}`), fc.nat().map((n) => n + 1), fc.constant('x'.repeat(300)))),
  email: mostly(fc.emailAddress()),
  name: mostly(fc.string({ maxLength: 60 })),
  title: mostly(fc.constantFrom('CTO', '', 'VP Data')),
  owner: mostly(fc.oneof(fc.record({ email: mostly(fc.constantFrom('rep@yourco.example', 'nobody@yourco.example')) }), fc.record({ slack_user_id: mostly(anyPerson) }))),
  campaign: mostly(fc.constantFrom('q4-ai-webinar', 'UNKNOWN-campaign', '')),
  stage: mostly(fc.constantFrom('awareness', 'consideration', 'decision', 'Decision', 'nurture')),
  score: mostly(fc.oneof(fc.integer({ min: -10, max: 200 }), fc.constantFrom('72', 'NaN', 'Infinity'))),
  activities: mostly(fc.array(fc.record({
    type: mostly(fc.constantFrom('downloaded', 'registered', 'requested_demo')),
    content: mostly(fc.string({ maxLength: 40 })),
    url: mostly(fc.webUrl()),
    at: mostly(fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString())),
  }, { requiredKeys: ['type'] }), { maxLength: 4 })),
  fields: mostly(fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 })),
  extra: fc.jsonValue({ maxDepth: 2 }),
}, { requiredKeys: ['id', 'email', 'owner'] });

export const briefishBody = fc.record({
  key: mostly(fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/).map((k) => `prop-${k}`), fc.constantFrom('UPPER', 'with space', '-', ''))),
  name: mostly(fc.string({ minLength: 1, maxLength: 100 })),
  goal: mostly(fc.string({ maxLength: 200 })),
  audience: mostly(fc.string({ maxLength: 100 })),
  stage: mostly(fc.constantFrom('awareness', 'consideration', 'decision')),
  offer: mostly(fc.string({ maxLength: 100 })),
  key_messages: mostly(fc.array(fc.string({ minLength: 1, maxLength: 80 }), { maxLength: 3 })),
  talking_points: mostly(fc.array(fc.string({ minLength: 1, maxLength: 80 }), { maxLength: 3 })),
  assets: mostly(fc.array(fc.record({ title: mostly(fc.string({ minLength: 1, maxLength: 40 })), url: mostly(fc.webUrl()), kind: mostly(fc.constantFrom('ebook', 'video')) }, { requiredKeys: ['title', 'url'] }), { maxLength: 3 })),
  starts_on: mostly(fc.constantFrom('2026-11-01', '2026-11-01', '2026-11-01', '2026-13-01', '2026-02-30')),
  ends_on: mostly(fc.constantFrom('2026-12-15', '2026-12-15', '2026-12-15', '2025-01-01')),
  owner: mostly(fc.record({ email: mostly(fc.constantFrom('marketer@yourco.example', 'nobody@yourco.example')) })),
}, { requiredKeys: ['key', 'name'] });

export const intakeBody = fc.oneof(
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: leadishBody },
  { weight: 1, arbitrary: fc.array(leadishBody, { maxLength: 4 }).map((leads) => ({ leads })) },
  { weight: 1, arbitrary: fc.oneof(wrongValue, fc.array(wrongValue)).map((leads) => ({ leads })) },
  { weight: 3, arbitrary: briefishBody },
);

/** Raw bodies that are not JSON, or are JSON in an unexpected encoding. */
export const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', '{', '{"id":', 'null', '[]', '"text"', '\ufeff{"id":"a"}', '{"id":"a","id":"b"}', '{"__proto__":{"polluted":1},"id":"p"}', 'x'.repeat(5000)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
