import type { LeadConversion, LeadConvertInput } from '../../../shared/leads.ts';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createContact } from '../contacts/contacts.service.ts';
import { createOpportunity } from '../opportunities/opportunities.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { presentLead } from './leads.presenter.ts';
import * as repo from './leads.repository.ts';

const invalid = (field: string, message: string, detail: string) => new AppError('validation_failed', detail, { fields: [{ field, message }] });

/** The account a conversion links or creates: the one asked for, the one holding the company domain, or a new one. */
async function resolveAccount(ctx: Ctx, lead: repo.LeadRow, input: LeadConvertInput, ownerUserId: string | null) {
  if (input.accountId) {
    if (!(await repo.accountExists(ctx.trx, ctx.workspaceId, input.accountId)))
      throw invalid('body.accountId', 'is not an account of this workspace', 'The account does not exist in this workspace (or is deleted).');
    return { accountId: input.accountId, accountCreated: false };
  }
  const holder = lead.companyDomain ? await repo.accountByDomain(ctx.trx, ctx.workspaceId, lead.companyDomain) : undefined;
  if (holder && !holder.deletedAt && !input.createAccount) return { accountId: holder.id, accountCreated: false };
  if (holder) {
    // Domains are unique per workspace, also while an account is deleted (it can be restored).
    throw new AppError(
      'conflict',
      `The domain ${lead.companyDomain} belongs to the account "${holder.name}"${holder.deletedAt ? ' (deleted)' : ''}. Link it with accountId${holder.deletedAt ? ' after restoring it' : ''}, or remove the domain from the lead.`,
      {
        fields: [{ field: 'body.createAccount', message: `the company domain belongs to the account "${holder.name}" (${holder.id})` }],
        accountId: holder.id,
      },
    );
  }
  const account = await createAccount(ctx, {
    name: lead.company,
    domains: lead.companyDomain ? [lead.companyDomain] : [],
    ownerUserId,
  });
  return { accountId: account.id, accountCreated: true };
}

/**
 * Converts a lead in the caller's transaction: links or creates the account, creates the contact
 * and, when asked, an opportunity on which the lead's partner is the sourcing referrer (100 %).
 * The lead becomes `converted`; every record involved gets a timeline entry. A second conversion
 * is a conflict; any failure leaves nothing behind, as the transaction rolls back.
 */
export async function convertLead(ctx: Ctx, id: string, input: LeadConvertInput): Promise<LeadConversion> {
  const lead = found(await repo.findLead(ctx.trx, ctx.workspaceId, id, { forUpdate: true }), 'Lead');
  if (lead.status === 'converted') {
    throw new AppError('conflict', `This lead was already converted${lead.convertedAt ? ` on ${lead.convertedAt.toISOString()}` : ''}.`, {
      accountId: lead.convertedAccountId,
      contactId: lead.convertedContactId,
      opportunityId: lead.convertedOpportunityId,
    });
  }
  const before = presentLead(lead);
  // The lead's owner owns what it becomes, while still a member of the workspace.
  const ownerUserId = lead.ownerUserId && (await repo.isMember(ctx.trx, ctx.workspaceId, lead.ownerUserId)) ? lead.ownerUserId : null;

  const { accountId, accountCreated } = await resolveAccount(ctx, lead, input, ownerUserId);
  const contact = await createContact(
    ctx,
    {
      firstName: lead.firstName,
      lastName: lead.lastName,
      emails: lead.email ? [lead.email] : [],
      phone: lead.phone,
      title: lead.title,
      accountId,
      ownerUserId,
    },
    { fieldPrefix: 'lead' },
  );

  let opportunityId: string | null = null;
  if (input.createOpportunity) {
    const o = input.createOpportunity;
    const opportunity = await createOpportunity(
      ctx,
      {
        ...o,
        accountId,
        ownerUserId,
        source: lead.partnerId ? 'partner' : 'direct',
        motion: o.motion ?? (lead.partnerId ? 'referral' : null),
        partners: lead.partnerId ? [{ partnerId: lead.partnerId, role: 'referrer', attribution: 'sourced', share: 100 }] : [],
        contactRoles: [{ contactId: contact.id, role: 'primary' }],
      },
      { fieldPrefix: 'body.createOpportunity' },
    );
    opportunityId = opportunity.id;
  }

  const now = ctx.now();
  await repo.updateLead(ctx.trx, ctx.workspaceId, id, {
    status: 'converted',
    convertedAccountId: accountId,
    convertedContactId: contact.id,
    convertedOpportunityId: opportunityId,
    convertedAt: now,
  });
  const after = presentLead(found(await repo.findLead(ctx.trx, ctx.workspaceId, id), 'Lead'));
  const facts = { leadId: id, accountId, accountCreated, contactId: contact.id, opportunityId };
  await recordAudit(ctx, { action: 'lead.converted', entityType: 'lead', entityId: id, before, after, data: facts });

  const who = `${after.name} (${lead.company})`;
  await addTimelineEntry(ctx, { type: 'lead', id }, { kind: 'system', body: 'Lead converted.', metadata: facts });
  await addTimelineEntry(
    ctx,
    { type: 'account', id: accountId },
    {
      kind: 'system',
      body: accountCreated ? `Account created from the lead ${who}.` : `Lead ${who} converted onto this account.`,
      metadata: facts,
    },
  );
  await addTimelineEntry(
    ctx,
    { type: 'contact', id: contact.id },
    { kind: 'system', body: `Contact created from the lead ${who}.`, metadata: facts },
  );
  if (opportunityId) {
    await addTimelineEntry(
      ctx,
      { type: 'opportunity', id: opportunityId },
      { kind: 'system', body: `Opportunity created from the lead ${who}.`, metadata: facts },
    );
  }
  return { lead: after, accountId, contactId: contact.id, opportunityId };
}
