import type { Deps } from '../deps.ts';
import { ownerOrAdmin, refusalToChange, refusalToCreate, type BriefRefusal } from '../domain/campaigns/access.ts';
import { CampaignInvalid, CampaignKeyTaken, type BriefChanges, type BriefFields } from '../domain/campaigns/brief.ts';
import { findCampaignById, findCampaignByKey, type CampaignBrief } from '../domain/campaigns/queries.ts';
import { archiveCampaign, createCampaign, updateCampaign } from '../domain/campaigns/save.ts';
import { PermissionCheckFailed } from '../domain/permissions.ts';
import type { BriefForm } from '../views/campaign-modal-parse.ts';
import { OutOfTime, withinBudget } from '../within-budget.ts';

// Campaign briefs as the listeners ask for them: each function authorizes, decides and saves,
// and returns what happened for a view to put in words. No Slack payloads, no words here.

export type BriefAction = 'create' | 'edit' | 'archive';

/** The answer of a permission check that may have to ask Slack: allowed, refused, or unknown. */
export type BriefPermission = { allowed: true } | { allowed: false; refusal: BriefRefusal | 'unchecked' };

/**
 * Whether `userId` may create a brief (no `brief`) or change `brief`, asking Slack within a
 * budget: a trigger_id or an ack must still be usable after the check.
 */
export async function briefPermission(deps: Deps, userId: string, brief: Pick<CampaignBrief, 'owner_slack_id'> | undefined, budgetMs: number): Promise<BriefPermission> {
  try {
    const refusal = await withinBudget(brief ? refusalToChange(deps, userId, brief) : refusalToCreate(deps, userId), budgetMs);
    return refusal ? { allowed: false, refusal } : { allowed: true };
  } catch (error) {
    if (!(error instanceof PermissionCheckFailed || error instanceof OutOfTime)) throw error;
    deps.logger.warn({ err: String(error) }, 'could not check campaign permissions');
    return { allowed: false, refusal: 'unchecked' };
  }
}

export type BriefSaveOutcome =
  | { kind: 'saved'; brief: CampaignBrief; created: boolean }
  /** The brief being edited was deleted meanwhile. */
  | { kind: 'gone' }
  | { kind: 'refused'; refusal: BriefRefusal | 'unchecked'; action: 'create' | 'edit'; current?: CampaignBrief }
  | { kind: 'key_taken'; message: string }
  | { kind: 'invalid'; problem: string };

function newFields(form: BriefForm, submitter: string): BriefFields {
  return {
    name: form.name,
    goal: form.goal,
    audience: form.audience,
    stage: form.stage,
    offer: form.offer,
    keyMessages: form.keyMessages ?? [],
    talkingPoints: form.talkingPoints ?? [],
    assets: form.assets ?? [],
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    owner: { slackId: form.ownerSlackId ?? submitter, email: null },
  };
}

function changes(form: BriefForm, current: CampaignBrief): BriefChanges {
  const { key: _key, ownerSlackId, ...rest } = form;
  // An empty owner field, or the same person, keeps the stored owner (and the email it came with).
  const owner = ownerSlackId && ownerSlackId !== current.owner_slack_id ? { slackId: ownerSlackId, email: null } : undefined;
  return { ...rest, owner };
}

/** The brief form was submitted: authorize (within `budgetMs`), then create or update. */
export async function saveBriefFromForm(deps: Deps, userId: string, briefId: number | undefined, form: BriefForm, budgetMs: number): Promise<BriefSaveOutcome> {
  const current = briefId === undefined ? undefined : await findCampaignById(deps.db, briefId);
  if (briefId !== undefined && !current) return { kind: 'gone' };
  const permission = await briefPermission(deps, userId, current, budgetMs);
  if (!permission.allowed) return { kind: 'refused', refusal: permission.refusal, action: current ? 'edit' : 'create', ...(current ? { current } : {}) };
  const now = deps.clock.now();
  try {
    const saved = current
      ? await updateCampaign(deps.db, now, current.id, changes(form, current))
      : await createCampaign(deps.db, now, form.key!, newFields(form, userId), { slackId: userId });
    if (!saved) return { kind: 'gone' };
    if (saved.owner_slack_id) deps.homeRefreshes.request(saved.owner_slack_id);
    return { kind: 'saved', brief: saved, created: !current };
  } catch (error) {
    if (error instanceof CampaignKeyTaken) return { kind: 'key_taken', message: error.message };
    if (error instanceof CampaignInvalid) return { kind: 'invalid', problem: error.problems[0].message };
    throw error;
  }
}

/** What Handoff can say about a brief change without asking Slack (the answer fits in the ack). */
export type BriefLookup =
  | { kind: 'found'; brief: CampaignBrief }
  | { kind: 'unknown'; key: string }
  | { kind: 'already_archived'; brief: CampaignBrief }
  | { kind: 'refused'; refusal: BriefRefusal; brief: CampaignBrief };

/** The brief `/campaign edit|archive KEY` names, if it exists and the person owns it (or is an admin). */
export async function briefToChange(deps: Deps, userId: string, key: string, action: 'edit' | 'archive'): Promise<BriefLookup> {
  const brief = await findCampaignByKey(deps.db, key);
  if (!brief) return { kind: 'unknown', key };
  if (action === 'archive' && brief.status === 'archived') return { kind: 'already_archived', brief };
  const refusal = ownerOrAdmin(deps, userId, brief);
  return refusal ? { kind: 'refused', refusal, brief } : { kind: 'found', brief };
}

export type ArchiveOutcome =
  | { kind: 'archived'; brief: CampaignBrief }
  | { kind: 'already_archived'; brief: CampaignBrief }
  | { kind: 'refused'; refusal: BriefRefusal | 'unchecked'; brief: CampaignBrief };

/** `/campaign archive KEY` once `briefToChange` found it: the marketer check (no trigger to catch, so a long budget), then the archive. */
export async function archiveBrief(deps: Deps, userId: string, brief: CampaignBrief, budgetMs: number): Promise<ArchiveOutcome> {
  const permission = await briefPermission(deps, userId, undefined, budgetMs);
  if (!permission.allowed) return { kind: 'refused', refusal: permission.refusal, brief };
  const changed = await archiveCampaign(deps.db, deps.clock.now(), brief.id);
  if (!changed) return { kind: 'already_archived', brief };
  if (brief.owner_slack_id) deps.homeRefreshes.request(brief.owner_slack_id);
  return { kind: 'archived', brief };
}
