// German strings of the account page's renewal ownership card (REG-11).
import type { renewalEn } from './renewal.en.ts';

export const renewalDe: typeof renewalEn = {
  title: 'Verlängerung: Zuständigkeit',
  text: 'Wer die Vertragsverlängerung betreut: ein Partner mit Anspruch auf den Kunden oder Ihr Direktvertrieb.',
  confirm: 'Zuständigkeit bestätigen',
  change: 'Zuständigkeit ändern',
  dueBy: 'Bestätigen bis {{date}}',
  stakes: 'Partner mit Anspruch:',
  via: { registration: 'Registrierung', opportunity: 'Rolle in einer Verkaufschance' },
  confirmedAs: '{{owner}} betreut diese Verlängerung – bestätigt von {{by}} am {{date}}',
  someone: 'jemandem',
  directTeam: 'Direktvertrieb',
  status: {
    no_renewal: 'Kein Verlängerungsdatum',
    not_needed: 'Nicht nötig',
    on_track: 'Zu bestätigen',
    at_risk: 'Bald bestätigen',
    overdue: 'Überfällig',
    confirmed: 'Bestätigt',
    renewal_passed: 'Verlängerung vorbei',
  },
  explain: {
    no_renewal: 'Tragen Sie beim Kunden ein Verlängerungsdatum ein, um die Zuständigkeit zu planen.',
    not_needed: 'Kein Partner hat Anspruch auf diesen Kunden; die Verlängerung betreut Ihr Direktvertrieb.',
  },
  modalTitle: 'Zuständigkeit für die Verlängerung bestätigen',
  modalText:
    'Die zuständige Seite betreut die Verlängerung; Partner mit Anspruch und der Kundenverantwortliche sehen die Entscheidung in der Chronik.',
  owner: 'Zuständig für die Verlängerung',
  note: 'Notiz (optional)',
  save: 'Bestätigen',
  saved: 'Zuständigkeit bestätigt',
  failed: 'Die Zuständigkeit konnte nicht gespeichert werden.',
};
