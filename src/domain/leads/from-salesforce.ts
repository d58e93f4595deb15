// A Lead as Salesforce Outbound Messaging sends it (the fields the admin chose, by their API
// names) turned into Handoff's lead record. Standard Lead fields: Id, FirstName, LastName, Email,
// Title, Company, Status, LeadSource, Rating, OwnerId, LastModifiedDate.

/** Handoff's lead body for the Lead; `ownerEmail` is the email of its OwnerId, when it is a user. */
export function leadBodyFromSalesforce(fields: Record<string, string>, instanceOrigin: string | undefined, ownerEmail: string | undefined): Record<string, unknown> {
  return {
    id: `sf-${fields.Id}`,
    email: fields.Email,
    first_name: fields.FirstName,
    last_name: fields.LastName,
    title: fields.Title,
    company: fields.Company,
    // Rating (Hot, Warm, Cold) says more of how soon to call than the Status the rep is about to change.
    stage: fields.Rating ?? fields.Status,
    campaign: fields.Campaign__c,
    updated_at: fields.LastModifiedDate,
    ...(instanceOrigin ? { record_url: `${instanceOrigin}/lightning/r/Lead/${fields.Id}/view` } : {}),
    ...(ownerEmail ? { owner: { email: ownerEmail } } : {}),
    fields: { ...fields },
  };
}
