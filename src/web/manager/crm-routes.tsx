// The routes of the CRM areas under /app: accounts, contacts, opportunities (list, board, one), leads.
import { type AnyRoute, createRoute } from '@tanstack/react-router';
import { AccountListPage, accountSearch } from './accounts/AccountListPage.tsx';
import { AccountShowPage } from './accounts/AccountShowPage.tsx';
import { ContactListPage, contactSearch } from './contacts/ContactListPage.tsx';
import { ContactShowPage } from './contacts/ContactShowPage.tsx';
import { LeadListPage, leadSearch } from './leads/LeadListPage.tsx';
import { LeadShowPage } from './leads/LeadShowPage.tsx';
import { OpportunityListPage, opportunitySearch } from './opportunities/OpportunityListPage.tsx';
import { OpportunityShowPage } from './opportunities/OpportunityShowPage.tsx';
import { boardSearch, PipelineBoardPage } from './opportunities/PipelineBoardPage.tsx';

export function crmRoutes<P extends AnyRoute>(appRoute: P) {
  const parent = () => appRoute;
  return [
    createRoute({ getParentRoute: parent, path: 'accounts', validateSearch: accountSearch, component: AccountListPage }),
    createRoute({ getParentRoute: parent, path: 'accounts/$accountId', component: AccountShowPage }),
    createRoute({ getParentRoute: parent, path: 'contacts', validateSearch: contactSearch, component: ContactListPage }),
    createRoute({ getParentRoute: parent, path: 'contacts/$contactId', component: ContactShowPage }),
    createRoute({ getParentRoute: parent, path: 'opportunities', validateSearch: opportunitySearch, component: OpportunityListPage }),
    createRoute({ getParentRoute: parent, path: 'opportunities/board', validateSearch: boardSearch, component: PipelineBoardPage }),
    createRoute({ getParentRoute: parent, path: 'opportunities/$opportunityId', component: OpportunityShowPage }),
    createRoute({ getParentRoute: parent, path: 'leads', validateSearch: leadSearch, component: LeadListPage }),
    createRoute({ getParentRoute: parent, path: 'leads/$leadId', component: LeadShowPage }),
  ] as const;
}
