// Bodies as a HubSpot workflow's "Send a webhook" action sends them with every contact property
// included. The first shape is the contact as HubSpot's contacts API v1 documents it
// (GET /contacts/v1/contact/vid/{vid}/profile: vid, canonical-vid, portal-id, is-contact, and
// properties as { value, versions: [{ value, source-type, source-id, source-label, timestamp,
// selected }] }); the second is { objectId, properties: { NAME: "value" } }. Property names are
// HubSpot's default contact properties; values are text, dates Unix milliseconds, as HubSpot sends them.

const at = 1764064800000; // 2025-11-25T10:00:00Z

function versioned(value: string, sourceType = 'API') {
  return { value, versions: [{ value, 'source-type': sourceType, 'source-id': null, 'source-label': null, timestamp: at, selected: false }] };
}

export function hubspotV1Contact(vid: number, properties: Record<string, string>): Record<string, unknown> {
  return {
    vid,
    'canonical-vid': vid,
    'merged-vids': [],
    'portal-id': 62515,
    'is-contact': true,
    properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, versioned(v)])),
    'form-submissions': [],
    'list-memberships': [],
    'identity-profiles': [{ vid, 'saved-at-timestamp': at, 'deleted-changed-timestamp': 0, identities: [{ type: 'EMAIL', value: properties.email ?? '', timestamp: at }] }],
    'merge-audits': [],
  };
}

export function hubspotFlatContact(objectId: number, properties: Record<string, string>): Record<string, unknown> {
  return { objectId, properties };
}

/** A marketing-qualified contact with the default properties a portal fills. */
export function adaProperties(over: Record<string, string> = {}): Record<string, string> {
  return {
    email: 'ada@analytical.example',
    firstname: 'Ada',
    lastname: 'Lovelace',
    jobtitle: 'CTO',
    company: 'Analytical Engines',
    lifecyclestage: 'marketingqualifiedlead',
    hubspotscore: '72',
    hs_lead_status: 'NEW',
    hubspot_owner_id: '31337',
    utm_campaign: 'q4-ai-webinar',
    recent_conversion_event_name: "AI Buyer's Guide download",
    recent_conversion_date: String(at),
    lastmodifieddate: String(at),
    createdate: String(at - 86_400_000),
    num_unique_conversion_events: '2',
    hs_analytics_source: 'PAID_SEARCH',
    ...over,
  };
}
