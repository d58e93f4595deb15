import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  briefIdFromMetadata, decodeBriefDraft, decodePauseButton, decodeRatingValue, decodeRejectMetadata,
  encodeBriefDraft, encodeBriefMetadata, encodePauseButton, encodeRatingValue, encodeRejectMetadata,
} from '../../src/views/button-values.ts';

// What a click or a submitted modal carries back is whatever the client sends: each value reads
// back what Handoff wrote, in the format messages already in Slack carry, and nothing else.
describe('button and modal values', () => {
  it('read back what Handoff wrote, in the formats already in Slack', () => {
    expect(encodeRatingValue({ assetId: 7, leadId: 'crm-1' })).toBe('{"a":7,"l":"crm-1"}');
    expect(decodeRatingValue('{"a":7,"l":"crm-1"}')).toEqual({ assetId: 7, leadId: 'crm-1' });
    expect(decodeRatingValue('{"a":7}')).toEqual({ assetId: 7 });
    expect(encodePauseButton(42, '2026-11-27T00:00:00.000Z')).toBe('42|2026-11-27T00:00:00.000Z');
    expect(decodePauseButton('42|2026-11-27T00:00:00.000Z')).toEqual({ pauseId: 42, until: '2026-11-27T00:00:00.000Z' });
    expect(decodeRejectMetadata(encodeRejectMetadata('crm-9'))).toBe('crm-9');
    expect(briefIdFromMetadata(encodeBriefMetadata({ id: 3 }))).toBe(3);
    expect(briefIdFromMetadata(encodeBriefMetadata({}))).toBeUndefined();
    expect(decodeBriefDraft(encodeBriefDraft({ key: 'q4-webinar', name: 'Q4 Webinar' }))).toEqual({ key: 'q4-webinar', name: 'Q4 Webinar' });
    // A name too long for a button is left out rather than making a value Slack refuses.
    expect(decodeBriefDraft(encodeBriefDraft({ key: 'k', name: 'n'.repeat(199) }))).toEqual({ key: 'k', name: 'n'.repeat(199) });
  });

  it('refuse values Handoff did not write', () => {
    for (const bad of [undefined, '', 'x', '{"a":0}', '{"a":-1}', '{"a":1.5}', '{"a":"7"}', '{"a":7,"l":5}', `{"a":7,"l":"${'x'.repeat(300)}"}`, '[1]', 'null']) {
      expect(decodeRatingValue(bad), String(bad)).toBeUndefined();
    }
    for (const bad of [undefined, '', '42', '0|2026-11-27T00:00:00.000Z', 'x|2026-11-27T00:00:00.000Z', '42|tomorrow', '42|2026-13-45T00:00:00.000Z']) {
      expect(decodePauseButton(bad), String(bad)).toBeUndefined();
    }
    for (const bad of [undefined, '', '{}', '{"leadId":""}', '{"leadId":7}', 'not json']) expect(decodeRejectMetadata(bad), String(bad)).toBeUndefined();
    for (const bad of ['{"id":0}', '{"id":"3"}', '{"id":1e300}', 'oops']) expect(briefIdFromMetadata(bad), bad).toBeUndefined();
    for (const bad of ['{}', '{"key":5}', `{"key":"${'k'.repeat(65)}"}`]) expect(decodeBriefDraft(bad), bad).toBeUndefined();
  });

  it('never throw, whatever the client sends', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.constant(undefined)), (value) => {
      for (const decode of [decodeRatingValue, decodePauseButton, decodeRejectMetadata, briefIdFromMetadata, decodeBriefDraft]) decode(value as string | undefined);
    }), { numRuns: 500 });
  });
});
