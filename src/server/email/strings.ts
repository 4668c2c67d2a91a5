import type { Locale } from './templates.ts';

/** The emails Tandem sends, each in English and German: subject, heading, body, button, footer ({vars} filled in). */
export type TemplateName =
  | 'magic_link'
  | 'staff_invite'
  | 'partner_invite'
  | 'share_link'
  | 'share_code'
  | 'registration_received'
  | 'registration_assigned'
  | 'registration_approved'
  | 'registration_rejected'
  | 'registration_reminder'
  | 'registration_escalated'
  | 'protection_expiring'
  | 'protection_expired'
  | 'no_touch_flagged'
  | 'appeal_received'
  | 'appeal_decided'
  | 'extension_requested'
  | 'extension_decided'
  | 'renewal_ownership_reminder'
  | 'renewal_ownership_overdue';

export type Strings = { subject: string; heading: string; body: string; button: string; footer: string };

export const STRINGS: Record<TemplateName, Record<Locale, Strings>> = {
  magic_link: {
    en: {
      subject: 'Your sign-in link for {product}',
      heading: 'Sign in to {product}',
      body: 'Click the button to sign in. The link works once and expires in 15 minutes. If you did not ask for it, ignore this email.',
      button: 'Sign in',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Ihr Anmeldelink für {product}',
      heading: 'Bei {product} anmelden',
      body: 'Klicken Sie auf die Schaltfläche, um sich anzumelden. Der Link funktioniert einmal und läuft in 15 Minuten ab. Falls Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.',
      button: 'Anmelden',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  staff_invite: {
    en: {
      subject: 'You have been invited to {workspace} on {product}',
      heading: 'Welcome to {workspace}',
      body: '{inviter} invited you to the {workspace} partner program on {product}. Click the button to sign in. The link works once and expires in 15 minutes; you can always ask for a new one on the sign-in page.',
      button: 'Accept invitation',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Einladung zu {workspace} auf {product}',
      heading: 'Willkommen bei {workspace}',
      body: '{inviter} hat Sie zum Partnerprogramm {workspace} auf {product} eingeladen. Klicken Sie auf die Schaltfläche, um sich anzumelden. Der Link funktioniert einmal und läuft in 15 Minuten ab; auf der Anmeldeseite können Sie jederzeit einen neuen anfordern.',
      button: 'Einladung annehmen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  partner_invite: {
    en: {
      subject: '{workspace} invites you to its partner portal',
      heading: 'Your partner portal at {workspace}',
      body: '{inviter} invited you to the {workspace} partner portal for {partner}. Register deals, follow their status and reach your partner team — no password needed.',
      button: 'Open the partner portal',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: '{workspace} lädt Sie in sein Partnerportal ein',
      heading: 'Ihr Partnerportal bei {workspace}',
      body: '{inviter} hat Sie für {partner} in das Partnerportal von {workspace} eingeladen. Registrieren Sie Deals, verfolgen Sie deren Status und erreichen Sie Ihr Partnerteam – ganz ohne Passwort.',
      button: 'Partnerportal öffnen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  share_link: {
    en: {
      subject: '{sender} shared {title} with you',
      heading: '{title}',
      body: '{sender} of {workspace} shared {title} with you. The link is for you alone and works until {expires}{codeNote}.',
      button: 'Open',
      footer: 'Sent by {product} for {workspace}. Do not forward this email: anyone with the link can open it until it expires.',
    },
    de: {
      subject: '{sender} hat {title} mit Ihnen geteilt',
      heading: '{title}',
      body: '{sender} von {workspace} hat {title} mit Ihnen geteilt. Der Link ist nur für Sie bestimmt und gilt bis {expires}{codeNote}.',
      button: 'Öffnen',
      footer:
        'Gesendet von {product} für {workspace}. Bitte leiten Sie diese E-Mail nicht weiter: Jeder mit dem Link kann ihn bis zum Ablauf öffnen.',
    },
  },
  share_code: {
    en: {
      subject: 'Your code: {code}',
      heading: 'Your code is {code}',
      body: 'Enter this code on the page of the link {workspace} shared with you. It works once and for 10 minutes. If you did not ask for it, ignore this email.',
      button: 'Back to the link',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Ihr Code: {code}',
      heading: 'Ihr Code lautet {code}',
      body: 'Geben Sie diesen Code auf der Seite des Links ein, den {workspace} mit Ihnen geteilt hat. Er gilt einmal und 10 Minuten lang. Falls Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.',
      button: 'Zurück zum Link',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  registration_received: {
    en: {
      subject: 'Registration {number} received: {company}',
      heading: 'We received your registration {number}',
      body: 'Thank you. {partner} registered {company} ({motion}). A partner manager decides by {due}. Your registration number is {number}; you can follow its status in the portal.',
      button: 'View the registration',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Registrierung {number} eingegangen: {company}',
      heading: 'Wir haben Ihre Registrierung {number} erhalten',
      body: 'Vielen Dank. {partner} hat {company} registriert ({motion}). Ein Partnermanager entscheidet bis {due}. Ihre Registrierungsnummer lautet {number}; den Status verfolgen Sie im Portal.',
      button: 'Registrierung ansehen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  registration_assigned: {
    en: {
      subject: 'To decide by {due}: registration {number} ({company})',
      heading: 'A registration waits for your decision',
      body: '{partner} registered {company} ({motion}, {amount}). The duplicate check says: {verdict}. Please decide by {due}.',
      button: 'Open the registration',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Zu entscheiden bis {due}: Registrierung {number} ({company})',
      heading: 'Eine Registrierung wartet auf Ihre Entscheidung',
      body: '{partner} hat {company} registriert ({motion}, {amount}). Die Dublettenprüfung ergibt: {verdict}. Bitte entscheiden Sie bis {due}.',
      button: 'Registrierung öffnen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  registration_approved: {
    en: {
      subject: 'Approved: registration {number} ({company})',
      heading: 'Your registration {number} is approved',
      body: '{company} is protected for {partner} until {protectedUntil} (last protected day). Keep the deal moving: protection can be extended on evidence of progress.',
      button: 'View the deal',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Freigegeben: Registrierung {number} ({company})',
      heading: 'Ihre Registrierung {number} ist freigegeben',
      body: '{company} ist für {partner} geschützt bis {protectedUntil} (letzter geschützter Tag). Halten Sie den Deal in Bewegung: Der Schutz lässt sich bei nachgewiesenem Fortschritt verlängern.',
      button: 'Deal ansehen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  registration_rejected: {
    en: {
      subject: 'Not approved: registration {number} ({company})',
      heading: 'Your registration {number} was not approved',
      body: 'Reason: {reason}. {note}You can appeal with evidence until {appealUntil}.',
      button: 'View or appeal',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Nicht freigegeben: Registrierung {number} ({company})',
      heading: 'Ihre Registrierung {number} wurde nicht freigegeben',
      body: 'Grund: {reason}. {note}Sie können bis {appealUntil} mit Nachweisen Einspruch einlegen.',
      button: 'Ansehen oder Einspruch einlegen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  registration_reminder: {
    en: {
      subject: 'Reminder: decide registration {number} by {due}',
      heading: 'The decision on {number} is due {due}',
      body: '{partner} is waiting for a decision on {company}. The SLA ends {due}; after that the registration is escalated.',
      button: 'Decide now',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Erinnerung: Registrierung {number} bis {due} entscheiden',
      heading: 'Die Entscheidung zu {number} ist fällig am {due}',
      body: '{partner} wartet auf eine Entscheidung zu {company}. Die SLA endet am {due}; danach wird die Registrierung eskaliert.',
      button: 'Jetzt entscheiden',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  registration_escalated: {
    en: {
      subject: 'Escalated: {what} of {number} is overdue',
      heading: '{number}: {what} is overdue',
      body: 'The SLA for {what} of registration {number} ({company}, {partner}) ended {due}. It is now assigned to you.',
      button: 'Open the registration',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Eskaliert: {what} zu {number} ist überfällig',
      heading: '{number}: {what} ist überfällig',
      body: 'Die SLA für {what} der Registrierung {number} ({company}, {partner}) endete am {due}. Sie ist Ihnen jetzt zugewiesen.',
      button: 'Registrierung öffnen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  protection_expiring: {
    en: {
      subject: 'Protection of {company} ends {protectedUntil}',
      heading: 'Your protection of {company} ends soon',
      body: 'Registration {number} protects {company} until {protectedUntil}. If the deal is progressing, request an extension with evidence before then.',
      button: 'Request an extension',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Der Schutz von {company} endet am {protectedUntil}',
      heading: 'Ihr Schutz von {company} endet bald',
      body: 'Registrierung {number} schützt {company} bis {protectedUntil}. Wenn der Deal vorankommt, beantragen Sie vorher mit Nachweis eine Verlängerung.',
      button: 'Verlängerung beantragen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  protection_expired: {
    en: {
      subject: 'Protection of {company} has ended',
      heading: 'Registration {number}: protection ended',
      body: 'The protection of {company} ended on {protectedUntil} and is released. The deal itself stays in your pipeline.',
      button: 'View the registration',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Der Schutz von {company} ist beendet',
      heading: 'Registrierung {number}: Schutz beendet',
      body: 'Der Schutz von {company} endete am {protectedUntil} und ist freigegeben. Der Deal selbst bleibt in Ihrer Pipeline.',
      button: 'Registrierung ansehen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  no_touch_flagged: {
    en: {
      subject: 'No activity on {company} for {days} days',
      heading: '{number} is untouched for {days} days',
      body: 'The protected deal {company} ({partner}) has had no activity for {days} days. Check in with the partner, or release the protection so someone else can work the account.',
      button: 'Open the registration',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Seit {days} Tagen keine Aktivität bei {company}',
      heading: '{number} ist seit {days} Tagen unberührt',
      body: 'Beim geschützten Deal {company} ({partner}) gab es seit {days} Tagen keine Aktivität. Sprechen Sie mit dem Partner oder geben Sie den Schutz frei, damit jemand anderes den Kunden bearbeiten kann.',
      button: 'Registrierung öffnen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  appeal_received: {
    en: {
      subject: 'Appeal on registration {number} ({company})',
      heading: '{partner} appeals the decision on {number}',
      body: 'The partner appeals the rejection of {company}. Please decide by {due}.',
      button: 'Review the appeal',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Einspruch zur Registrierung {number} ({company})',
      heading: '{partner} legt Einspruch gegen die Entscheidung zu {number} ein',
      body: 'Der Partner legt Einspruch gegen die Ablehnung von {company} ein. Bitte entscheiden Sie bis {due}.',
      button: 'Einspruch prüfen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  appeal_decided: {
    en: {
      subject: 'Your appeal on {number}: {decision}',
      heading: 'Your appeal on {number} was decided',
      body: 'Decision: {decision}. {note}',
      button: 'View the registration',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Ihr Einspruch zu {number}: {decision}',
      heading: 'Über Ihren Einspruch zu {number} wurde entschieden',
      body: 'Entscheidung: {decision}. {note}',
      button: 'Registrierung ansehen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  extension_requested: {
    en: {
      subject: 'Extension requested: registration {number} ({company})',
      heading: '{partner} asks to extend the protection of {company}',
      body: 'Evidence: {evidence}. The protection currently ends {protectedUntil}. Please decide by {due}.',
      button: 'Review the request',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Verlängerung beantragt: Registrierung {number} ({company})',
      heading: '{partner} beantragt, den Schutz von {company} zu verlängern',
      body: 'Nachweis: {evidence}. Der Schutz endet derzeit am {protectedUntil}. Bitte entscheiden Sie bis {due}.',
      button: 'Antrag prüfen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  extension_decided: {
    en: {
      subject: 'Extension of {number}: {decision}',
      heading: 'Your extension request for {number} was decided',
      body: 'Decision: {decision}. Protection of {company} ends {protectedUntil}. {note}',
      button: 'View the registration',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Verlängerung von {number}: {decision}',
      heading: 'Über Ihren Verlängerungsantrag zu {number} wurde entschieden',
      body: 'Entscheidung: {decision}. Der Schutz von {company} endet am {protectedUntil}. {note}',
      button: 'Registrierung ansehen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  renewal_ownership_reminder: {
    en: {
      subject: 'Confirm who owns the renewal of {company} by {due}',
      heading: 'Who owns the renewal of {company}?',
      body: '{company} renews on {renewal}. Partners with a stake in the account: {partners}. Confirm who works the renewal — one of them or your direct team — by {due}, {lead} before the renewal.',
      button: 'Open the account',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Bitte bis {due} bestätigen: Wer betreut die Verlängerung von {company}?',
      heading: 'Wer betreut die Verlängerung von {company}?',
      body: '{company} verlängert am {renewal}. Partner mit Anspruch auf den Kunden: {partners}. Bestätigen Sie bis {due}, {lead} vor der Verlängerung, ob einer von ihnen oder Ihr Direktvertrieb die Verlängerung betreut.',
      button: 'Account öffnen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  renewal_ownership_overdue: {
    en: {
      subject: 'Overdue: who owns the renewal of {company} is not confirmed',
      heading: 'Renewal ownership of {company} is overdue',
      body: 'Who works the renewal of {company} on {renewal} had to be confirmed by {due}, {lead} before the renewal, and still is not. Partners with a stake: {partners}. Confirm the owner now so the partners and your team know who works the renewal.',
      button: 'Confirm the owner',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Überfällig: Die Betreuung der Verlängerung von {company} ist nicht bestätigt',
      heading: 'Verlängerung von {company}: Betreuung nicht bestätigt',
      body: 'Wer die Verlängerung von {company} am {renewal} betreut, hätte bis {due} bestätigt werden müssen, {lead} vor der Verlängerung, und ist es noch nicht. Partner mit Anspruch: {partners}. Bestätigen Sie jetzt, wer die Verlängerung betreut, damit Partner und Team Bescheid wissen.',
      button: 'Betreuung bestätigen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
};

export const SUPPORT: Record<Locale, string> = { en: 'Questions? Write to {support}.', de: 'Fragen? Schreiben Sie an {support}.' };
