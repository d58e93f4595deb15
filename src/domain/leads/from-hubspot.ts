// A contact as a HubSpot workflow's "Send a webhook" action sends it with every property
// included, turned into Handoff's lead record. HubSpot sends one of two shapes:
//  - the contact as its contacts API v1 returns it: { vid, "canonical-vid", "portal-id",
//    properties: { NAME: { value, versions } } } (contact-based workflows);
//  - { objectId, properties: { NAME: "value" } }.
// Property names are HubSpot's default contact properties.

export interface HubSpotContact {
  id: string;
  portalId: string | undefined;
  properties: Record<string, string>;
}

const idText = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? String(v) : typeof v === 'string' && /^\d{1,20}$/.test(v) ? v : undefined);

/** The contact in either shape, or what is wrong with the body. */
export function readHubSpotContact(body: unknown): HubSpotContact | { problem: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { problem: 'must be the JSON object a HubSpot workflow sends for a contact' };
  const b = body as Record<string, unknown>;
  const id = idText(b['canonical-vid']) ?? idText(b.vid) ?? idText(b.objectId);
  if (!id) return { problem: 'has no contact id (`vid`, `canonical-vid` or `objectId`): is the workflow\'s webhook including the contact?' };
  const raw = b.properties;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problem: 'has no `properties`: choose "Include all contact properties" in the webhook action' };
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const v = value && typeof value === 'object' && !Array.isArray(value) ? (value as { value?: unknown }).value : value;
    if (typeof v === 'string' && v.trim() !== '') properties[name] = v.trim();
    else if (typeof v === 'number' || typeof v === 'boolean') properties[name] = String(v);
  }
  return { id, portalId: idText(b['portal-id']) ?? idText(b.portalId), properties };
}

/** HubSpot keeps dates as Unix milliseconds (as text) or ISO; Handoff wants ISO. */
function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = /^\d{10,15}$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Handoff's lead body for the contact; `ownerEmail` is the email of `hubspot_owner_id`, when HubSpot knew it. */
export function leadBodyFromHubSpot(contact: HubSpotContact, ownerEmail: string | undefined): Record<string, unknown> {
  const p = contact.properties;
  // HubSpot's conversions are form submissions: the newest and the first one it keeps.
  const activities = [
    p.recent_conversion_event_name ? { type: 'filled in', content: p.recent_conversion_event_name, ...(isoDate(p.recent_conversion_date) ? { at: isoDate(p.recent_conversion_date) } : {}) } : undefined,
    p.first_conversion_event_name && p.first_conversion_event_name !== p.recent_conversion_event_name
      ? { type: 'filled in', content: p.first_conversion_event_name, ...(isoDate(p.first_conversion_date) ? { at: isoDate(p.first_conversion_date) } : {}) }
      : undefined,
  ].filter(Boolean);
  return {
    id: `hubspot-${contact.id}`,
    email: p.email,
    first_name: p.firstname,
    last_name: p.lastname,
    title: p.jobtitle,
    company: p.company,
    stage: p.lifecyclestage,
    score: p.hubspotscore,
    campaign: p.utm_campaign ?? p.hs_analytics_first_touch_converting_campaign,
    updated_at: isoDate(p.lastmodifieddate),
    ...(contact.portalId ? { record_url: `https://app.hubspot.com/contacts/${contact.portalId}/record/0-1/${contact.id}` } : {}),
    ...(ownerEmail ? { owner: { email: ownerEmail } } : {}),
    activities,
    // Every property stays with the lead, so the lead definition and routing can use any of them.
    fields: { ...p },
  };
}
