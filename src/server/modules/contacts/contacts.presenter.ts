import type { Contact } from '../../../shared/contacts.ts';
import type { ContactRow } from './contacts.repository.ts';

/** The fields of a contact that leave the server. */
export function presentContact(c: ContactRow): Contact {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    name: `${c.firstName} ${c.lastName}`.trim(),
    emails: c.emails,
    phone: c.phone,
    title: c.title,
    accountId: c.accountId,
    account: c.accountId && c.accountName !== null ? { id: c.accountId, name: c.accountName } : null,
    partnerId: c.partnerId,
    ownerUserId: c.ownerUserId,
    deletedAt: c.deletedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
