// fast-check generators for what people and systems send Handoff. Half noise, half near-miss:
// the words a command knows, in orders and shapes it does not expect.

import fc from 'fast-check';
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

/** Any JSON at all, plus bodies shaped like a lead or a brief with each field possibly wrong. */
const wrongValue = fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));

export const leadishBody = fc.record({
  id: fc.oneof(fc.uuid().map((u) => `prop-${u}`), wrongValue, fc.constant('x'.repeat(300))),
  email: fc.oneof(fc.emailAddress(), wrongValue),
  name: fc.oneof(fc.string(), wrongValue),
  owner: fc.oneof(fc.record({ email: fc.oneof(fc.constant('rep@yourco.example'), fc.emailAddress(), wrongValue) }), fc.record({ slack_user_id: fc.oneof(anyPerson, wrongValue) }), wrongValue),
  campaign: fc.oneof(fc.constantFrom('q4-ai-webinar', 'UNKNOWN-campaign'), wrongValue),
  stage: fc.oneof(fc.constantFrom('awareness', 'consideration', 'decision'), wrongValue),
  score: fc.oneof(fc.integer({ min: -10, max: 200 }), wrongValue, fc.constantFrom('72', 'NaN', 'Infinity')),
  activities: fc.oneof(fc.array(fc.record({ type: fc.oneof(fc.constantFrom('downloaded', 'registered'), wrongValue), content: wrongValue, url: fc.oneof(fc.webUrl(), wrongValue), at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), wrongValue) }, { requiredKeys: [] }), { maxLength: 4 }), wrongValue),
  fields: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), wrongValue),
  extra: fc.jsonValue(),
}, { requiredKeys: [] });

export const briefishBody = fc.record({
  key: fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((k) => `prop-${k}`), wrongValue, fc.constantFrom('UPPER', 'with space', '-', '')),
  name: fc.oneof(fc.string({ maxLength: 100 }), wrongValue),
  goal: fc.oneof(fc.string(), wrongValue),
  stage: fc.oneof(fc.constantFrom('awareness', 'consideration', 'decision'), wrongValue),
  key_messages: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), wrongValue),
  talking_points: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), wrongValue),
  assets: fc.oneof(fc.array(fc.record({ title: fc.oneof(fc.string(), wrongValue), url: fc.oneof(fc.webUrl(), wrongValue), kind: wrongValue }, { requiredKeys: [] }), { maxLength: 3 }), wrongValue),
  starts_on: fc.oneof(fc.constantFrom('2026-11-01', '2026-13-01', '2026-02-30'), wrongValue),
  ends_on: fc.oneof(fc.constantFrom('2026-12-15', '2025-01-01'), wrongValue),
  owner: fc.oneof(fc.record({ email: fc.oneof(fc.constant('marketer@yourco.example'), wrongValue) }), wrongValue),
}, { requiredKeys: [] });

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
