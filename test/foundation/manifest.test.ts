import { MANIFEST_SCOPES } from '../../src/standin/slack-standin.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { HAS_SHARED, NO_SHARED_REASON, SHARED_DIR } from '../support/shared.ts';
import { REPO_DIR } from '../support/spawn.ts';

const manifest = YAML.parse(readFileSync(join(REPO_DIR, 'manifest.yml'), 'utf8'));

describe('manifest.yml', () => {
  it.skipIf(!HAS_SHARED)(`validates against Slack's published manifest schema (${HAS_SHARED ? 'v1' : NO_SHARED_REASON})`, () => {
    const schema = JSON.parse(readFileSync(join(SHARED_DIR, 'reference/slack-manifest-schema/manifest.schema.1.0.0.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares the three slash commands, interactivity, the App Home tab and app_home_opened', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/campaign', '/hotlead', '/handoff']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('points every request URL at /slack/events on a placeholder host', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    for (const url of urls) expect(url).toBe('https://handoff.example.com/slack/events');
  });

  it('asks for the bot scopes the product uses and no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['channels:history', 'chat:write', 'commands', 'groups:history', 'im:history', 'im:write', 'usergroups:read', 'users:read', 'users:read.email', 'users.profile:read', 'dnd:read'].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    // What `handoff doctor` (and the stand-in's x-oauth-scopes header) takes as the full set.
    expect([...MANIFEST_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});
