// The lead's page in the CRM, for the DM's "Open in CRM" button: the body's record_url, or
// CRM_RECORD_URL filled in with the lead's id and fields.

const PLACEHOLDER = /\{(id|fields\.[A-Za-z0-9_.-]+)\}/g;

/** Fills `{id}` and `{fields.NAME}`; undefined when a placeholder has no value or the result is not an http(s) URL. */
export function recordUrlFrom(template: string, lead: { id: string; fields: Record<string, unknown> }): string | undefined {
  let missing = false;
  const url = template.replace(PLACEHOLDER, (_m, name: string) => {
    const value = name === 'id' ? lead.id : lead.fields[name.slice('fields.'.length)];
    if (value === undefined || value === null || value === '' || typeof value === 'object') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return !missing && isHttpUrl(url) ? url : undefined;
}

export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Why a CRM_RECORD_URL template is unusable, or undefined when it is fine. */
export function recordUrlTemplateProblem(template: string): string | undefined {
  if (!/\{(id|fields\.[A-Za-z0-9_.-]+)\}/.test(template)) return 'must hold {id} or {fields.NAME}, e.g. https://app.hubspot.com/contacts/123/record/0-1/{fields.hs_object_id}';
  return isHttpUrl(template.replace(PLACEHOLDER, 'x')) ? undefined : 'must be an http(s) URL with {id} or {fields.NAME} in it';
}
