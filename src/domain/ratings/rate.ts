import type { Kysely, Transaction } from 'kysely';
import type { Database, RatingVerdict } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { eventLead } from '../events/lead-data.ts';
import { publishEvents, urlTag, wantsEvent } from '../events/publish.ts';
import { findLead } from '../leads/queries.ts';
import { takeTurnsOn } from '../../db/locks.ts';

/** What rating content runs with. */
type RatingDeps = Pick<Deps, 'clock' | 'config' | 'db'>;

export interface Tally {
  useful: number;
  notUseful: number;
}

export interface RatedAsset {
  id: number;
  title: string;
  campaignId: number;
  campaignKey: string;
  campaignName: string;
  /** Who owns the brief: their App Home shows its ratings. */
  campaignOwnerId: string | null;
}

/** Why a click or a comment was refused; each has its own sentence in views/rating-reply.ts. */
export type RatingRefusal =
  | { refused: 'forged' }
  | { refused: 'unknown_asset' }
  | { refused: 'unknown_lead' }
  | { refused: 'removed'; asset: RatedAsset }
  | { refused: 'archived'; asset: RatedAsset };

export type RateOutcome =
  | RatingRefusal
  | { refused?: undefined; result: 'rated' | 'changed' | 'unchanged'; verdict: RatingVerdict; asset: RatedAsset; tally: Tally; hasComment: boolean };

export type CommentOutcome =
  | RatingRefusal
  | { refused?: undefined; asset: RatedAsset; tally: Tally; verdict: RatingVerdict | null };

export interface RatingInput {
  assetId: number;
  userId: string;
  leadId?: string;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The asset if it may be rated now, or why not. */
async function rateableAsset(db: Db, input: RatingInput): Promise<RatedAsset | RatingRefusal> {
  const row = await db
    .selectFrom('campaign_assets')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_assets.campaign_id')
    .select([
      'campaign_assets.id', 'campaign_assets.title', 'campaign_assets.removed_at',
      'campaigns.id as campaignId', 'campaigns.key as campaignKey', 'campaigns.name as campaignName', 'campaigns.status as campaignStatus', 'campaigns.owner_slack_id as campaignOwnerId',
    ])
    .where('campaign_assets.id', '=', input.assetId)
    .executeTakeFirst();
  if (!row) return { refused: 'unknown_asset' };
  const asset: RatedAsset = { id: row.id, title: row.title, campaignId: row.campaignId, campaignKey: row.campaignKey, campaignName: row.campaignName, campaignOwnerId: row.campaignOwnerId };
  if (row.campaignStatus === 'archived') return { refused: 'archived', asset };
  if (row.removed_at !== null) return { refused: 'removed', asset };
  if (input.leadId !== undefined) {
    const lead = await db.selectFrom('leads').select('id').where('id', '=', input.leadId).executeTakeFirst();
    if (!lead) return { refused: 'unknown_lead' };
  }
  return asset;
}

export async function tallyFor(db: Db, assetId: number): Promise<Tally> {
  const row = await db
    .selectFrom('content_ratings')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('verdict', '=', 'useful').then(1).else(0).end()).as('useful'),
      eb.fn.sum<number>(eb.case().when('verdict', '=', 'not_useful').then(1).else(0).end()).as('notUseful'),
    ])
    .where('asset_id', '=', assetId)
    .executeTakeFirst();
  return { useful: Number(row?.useful ?? 0), notUseful: Number(row?.notUseful ?? 0) };
}

/**
 * Records a rep's verdict on an asset: one per rep per asset, a different verdict replaces the
 * earlier one, the same verdict again (a double click) changes nothing.
 */
export async function rateAsset(deps: RatingDeps, input: RatingInput & { verdict: RatingVerdict }): Promise<RateOutcome> {
  const at = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const asset = await rateableAsset(trx, input);
    if ('refused' in asset) return asset;
    // A double click reaching two replicas: the second reads what the first wrote, and changes nothing.
    await takeTurnsOn(trx, `rating:${asset.id}:${input.userId}`);
    const existing = await trx
      .selectFrom('content_ratings')
      .select(['verdict', 'comment'])
      .where('asset_id', '=', asset.id)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    let result: 'rated' | 'changed' | 'unchanged' = existing?.verdict ? 'changed' : 'rated';
    if (existing?.verdict === input.verdict) {
      result = 'unchanged';
    } else {
      const context = { campaign_id: asset.campaignId, lead_id: input.leadId ?? null, verdict: input.verdict, rated_at: at, updated_at: at };
      await trx
        .insertInto('content_ratings')
        .values({ asset_id: asset.id, user_id: input.userId, comment: null, commented_at: null, created_at: at, ...context })
        .onConflict((oc) => oc.columns(['asset_id', 'user_id']).doUpdateSet(context))
        .execute();
    }
    if (result !== 'unchanged') await publishRating(trx, deps, asset, input);
    return { result, verdict: input.verdict, asset, tally: await tallyFor(trx, asset.id), hasComment: Boolean(existing?.comment) };
  });
}

export const COMMENT_MAX = 500;

/** Saves (or replaces) a rep's comment on an asset; the verdict, if any, stays as it was. */
export async function commentOnAsset(deps: RatingDeps, input: RatingInput & { comment: string }): Promise<CommentOutcome> {
  const at = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const asset = await rateableAsset(trx, input);
    if ('refused' in asset) return asset;
    const comment = { comment: input.comment, commented_at: at, updated_at: at };
    await trx
      .insertInto('content_ratings')
      .values({
        asset_id: asset.id, user_id: input.userId, campaign_id: asset.campaignId, lead_id: input.leadId ?? null,
        verdict: null, rated_at: null, created_at: at, ...comment,
      })
      .onConflict((oc) => oc.columns(['asset_id', 'user_id']).doUpdateSet(comment))
      .execute();
    const mine = await trx
      .selectFrom('content_ratings')
      .select('verdict')
      .where('asset_id', '=', asset.id)
      .where('user_id', '=', input.userId)
      .executeTakeFirstOrThrow();
    await publishRating(trx, deps, asset, input);
    return { asset, tally: await tallyFor(trx, asset.id), verdict: mine.verdict };
  });
}

/** content.rated, with the rating as it now stands (verdict and comment), in the rating's transaction. */
async function publishRating(trx: Db, deps: Pick<Deps, 'config' | 'clock'>, asset: RatedAsset, input: RatingInput): Promise<void> {
  if (!wantsEvent(deps.config, 'content.rated')) return;
  const rating = await trx
    .selectFrom('content_ratings')
    .innerJoin('campaign_assets', 'campaign_assets.id', 'content_ratings.asset_id')
    .select(['content_ratings.verdict', 'content_ratings.comment', 'content_ratings.lead_id', 'content_ratings.updated_at', 'campaign_assets.url', 'campaign_assets.kind'])
    .where('content_ratings.asset_id', '=', asset.id)
    .where('content_ratings.user_id', '=', input.userId)
    .executeTakeFirstOrThrow();
  const lead = rating.lead_id ? await findLead(trx, rating.lead_id) : undefined;
  const data = {
    asset: { id: asset.id, title: asset.title, url: rating.url, kind: rating.kind },
    campaign: { key: asset.campaignKey, name: asset.campaignName },
    verdict: rating.verdict,
    comment: rating.comment,
    by: { slack_user_id: input.userId },
    lead: lead ? eventLead(lead) : null,
  };
  await publishEvents(trx, deps.clock.now(), deps.config, [{ type: 'content.rated', key: `rating:${asset.id}:${input.userId}:${rating.updated_at}:${urlTag(JSON.stringify([rating.verdict, rating.comment]))}`, data }]);
}

/** For the comment modal: the asset (or why it cannot be commented on) and the rep's current comment. */
export async function assetForComment(deps: RatingDeps, input: RatingInput): Promise<RatingRefusal | { refused?: undefined; asset: RatedAsset; comment: string | null }> {
  const asset = await rateableAsset(deps.db, input);
  if ('refused' in asset) return asset;
  const mine = await deps.db
    .selectFrom('content_ratings')
    .select('comment')
    .where('asset_id', '=', asset.id)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  return { asset, comment: mine?.comment ?? null };
}
