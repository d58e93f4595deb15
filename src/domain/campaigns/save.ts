import type { Kysely, Transaction } from 'kysely';
import type { Campaign, CampaignUpdate, Database } from '../../db/schema.ts';
import {
  CampaignInvalid,
  CampaignKeyTaken,
  END_BEFORE_START,
  type AssetInput,
  type BriefChanges,
  type BriefFields,
} from './brief.ts';
import { findCampaignById, type CampaignBrief } from './queries.ts';
import { forUpdate, takeTurnsOn } from '../../db/locks.ts';
import { UserFacingError } from '../../errors.ts';

export interface CreatedBy {
  /** Slack user id of who posted it, or null when it came from the intake webhook. */
  slackId: string | null;
}

/** Creates a brief; throws CampaignKeyTaken when the key names another campaign (even an archived one). */
export async function createCampaign(db: Kysely<Database>, now: Date, key: string, fields: BriefFields, by: CreatedBy): Promise<CampaignBrief> {
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await insertCampaign(trx, now, key, fields, by);
    if (inserted === undefined) throw await keyTaken(trx, key);
    await syncAssets(trx, inserted, fields.assets, now);
    return inserted;
  });
  return (await findCampaignById(db, id))!;
}

/** Applies a change to a stored brief; undefined when there is no brief with that id. */
export async function updateCampaign(db: Kysely<Database>, now: Date, id: number, changes: BriefChanges): Promise<CampaignBrief | undefined> {
  const found = await db.transaction().execute(async (trx) => {
    const current = await forUpdate(trx, trx.selectFrom('campaigns').selectAll().where('id', '=', id)).executeTakeFirst();
    if (!current) return false;
    await applyChanges(trx, now, current, changes);
    return true;
  });
  return found ? findCampaignById(db, id) : undefined;
}

/**
 * The intake webhook's create-or-update by key. A new brief takes the given fields (missing
 * ones empty); an existing one changes only the fields given.
 */
export async function upsertCampaignByKey(
  db: Kysely<Database>,
  now: Date,
  key: string,
  changes: BriefChanges & { name: string },
  signed?: SignedRequest,
): Promise<{ brief: CampaignBrief; created: boolean }> {
  const result = await db.transaction().execute(async (trx) => {
    // Recorded with the change it made, so a request that failed may be sent again as it was.
    if (signed) await recordSignature(trx, now, signed);
    // Two requests for a new key take turns, so the second updates what the first created.
    await takeTurnsOn(trx, `campaign:${key}`);
    const current = await forUpdate(trx, trx.selectFrom('campaigns').selectAll().where('key', '=', key)).executeTakeFirst();
    if (current) {
      await applyChanges(trx, now, current, changes);
      return { id: current.id, created: false };
    }
    const fields = withDefaults(changes);
    checkDates(fields.startsOn, fields.endsOn);
    const id = await insertCampaign(trx, now, key, fields, { slackId: null }, changes.status);
    if (id === undefined) throw await keyTaken(trx, key);
    await syncAssets(trx, id, fields.assets, now);
    return { id, created: true };
  });
  return { brief: (await findCampaignById(db, result.id))!, created: result.created };
}

/** A signed request, valid for `validForMs` from `now`: the same signature is refused while it could still verify. */
export interface SignedRequest {
  signature: string;
  route: string;
  validForMs: number;
}

export class ReplayedRequest extends UserFacingError {
  constructor() {
    super('This signed request was already applied; sign the next update with a new timestamp.', 'replayed');
  }
}

async function recordSignature(trx: Transaction<Database>, now: Date, signed: SignedRequest): Promise<void> {
  await trx.deleteFrom('intake_signatures').where('expires_at', '<', now.toISOString()).execute();
  const inserted = await trx
    .insertInto('intake_signatures')
    .values({ signature: signed.signature, route: signed.route, seen_at: now.toISOString(), expires_at: new Date(now.getTime() + signed.validForMs).toISOString() })
    .onConflict((oc) => oc.column('signature').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw new ReplayedRequest();
}

/** Archives a brief; false when it already was. Leads naming it still find it. */
export async function archiveCampaign(db: Kysely<Database>, now: Date, id: number): Promise<boolean> {
  const res = await db
    .updateTable('campaigns')
    .set({ status: 'archived', updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

function withDefaults(changes: BriefChanges & { name: string }): BriefFields {
  return {
    name: changes.name,
    goal: changes.goal ?? null,
    audience: changes.audience ?? null,
    stage: changes.stage ?? null,
    offer: changes.offer ?? null,
    keyMessages: changes.keyMessages ?? [],
    talkingPoints: changes.talkingPoints ?? [],
    aliases: changes.aliases ?? [],
    assets: changes.assets ?? [],
    startsOn: changes.startsOn ?? null,
    endsOn: changes.endsOn ?? null,
    owner: changes.owner ?? { slackId: null, email: null },
  };
}

function checkDates(startsOn: string | null, endsOn: string | null): void {
  // ISO dates compare correctly as text.
  if (startsOn && endsOn && endsOn < startsOn) throw new CampaignInvalid([{ path: 'ends_on', message: `${END_BEFORE_START} (${startsOn})` }]);
}

async function insertCampaign(
  trx: Transaction<Database>,
  now: Date,
  key: string,
  f: BriefFields,
  by: CreatedBy,
  status: 'active' | 'archived' = 'active',
): Promise<number | undefined> {
  const at = now.toISOString();
  const row = await trx
    .insertInto('campaigns')
    .values({
      key,
      name: f.name,
      goal: f.goal,
      audience: f.audience,
      stage: f.stage,
      offer: f.offer,
      key_messages: JSON.stringify(f.keyMessages),
      talking_points: JSON.stringify(f.talkingPoints),
      aliases: JSON.stringify(f.aliases ?? []),
      starts_on: f.startsOn,
      ends_on: f.endsOn,
      owner_slack_id: f.owner.slackId,
      owner_email: f.owner.email,
      status,
      created_by: by.slackId,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

async function keyTaken(trx: Transaction<Database>, key: string): Promise<CampaignKeyTaken> {
  const other = await trx.selectFrom('campaigns').select(['name', 'status']).where('key', '=', key).executeTakeFirst();
  return new CampaignKeyTaken(key, other ?? { name: key, status: 'active' });
}

async function applyChanges(trx: Transaction<Database>, now: Date, current: Campaign, c: BriefChanges): Promise<void> {
  checkDates(c.startsOn !== undefined ? c.startsOn : current.starts_on, c.endsOn !== undefined ? c.endsOn : current.ends_on);
  const set: CampaignUpdate = { updated_at: now.toISOString() };
  if (c.name !== undefined) set.name = c.name;
  if (c.goal !== undefined) set.goal = c.goal;
  if (c.audience !== undefined) set.audience = c.audience;
  if (c.stage !== undefined) set.stage = c.stage;
  if (c.offer !== undefined) set.offer = c.offer;
  if (c.keyMessages !== undefined) set.key_messages = JSON.stringify(c.keyMessages);
  if (c.talkingPoints !== undefined) set.talking_points = JSON.stringify(c.talkingPoints);
  if (c.aliases !== undefined) set.aliases = JSON.stringify(c.aliases);
  if (c.startsOn !== undefined) set.starts_on = c.startsOn;
  if (c.endsOn !== undefined) set.ends_on = c.endsOn;
  if (c.owner !== undefined) {
    set.owner_slack_id = c.owner.slackId;
    set.owner_email = c.owner.email;
  }
  if (c.status !== undefined) set.status = c.status;
  await trx.updateTable('campaigns').set(set).where('id', '=', current.id).execute();
  if (c.assets !== undefined) await syncAssets(trx, current.id, c.assets, now);
}

/**
 * Makes the brief's live assets the given list. An asset is known by its URL: a URL already
 * there keeps its row (its id, and so its ratings) with the new title, kind and position; a
 * URL no longer listed is marked removed, never deleted, because ratings point at it; a
 * removed URL listed again comes back with its ratings.
 */
async function syncAssets(trx: Transaction<Database>, campaignId: number, assets: AssetInput[], now: Date): Promise<void> {
  const at = now.toISOString();
  const existing = await trx.selectFrom('campaign_assets').selectAll().where('campaign_id', '=', campaignId).execute();
  const byUrl = new Map(existing.map((row) => [row.url, row]));
  const listed = new Set<string>();
  for (const [position, asset] of assets.entries()) {
    listed.add(asset.url);
    const row = byUrl.get(asset.url);
    if (row) {
      await trx
        .updateTable('campaign_assets')
        .set({ title: asset.title, kind: asset.kind, position, removed_at: null })
        .where('id', '=', row.id)
        .execute();
    } else {
      await trx
        .insertInto('campaign_assets')
        .values({ campaign_id: campaignId, title: asset.title, url: asset.url, kind: asset.kind, position, removed_at: null, created_at: at })
        .execute();
    }
  }
  const gone = existing.filter((row) => row.removed_at === null && !listed.has(row.url)).map((row) => row.id);
  if (gone.length > 0) await trx.updateTable('campaign_assets').set({ removed_at: at }).where('id', 'in', gone).execute();
}
