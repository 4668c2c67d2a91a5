import { describe, expect, it } from 'vitest';
import {
  companyDomain,
  companyDomains,
  emailDomain,
  FREE_MAIL_DOMAINS,
  isFreeMailDomain,
  normaliseDomain,
  registrableDomain,
} from './company-domain.rules.ts';

describe('domain normalisation', () => {
  it('reduces URLs, hosts and addresses to the lower-cased host without www', () => {
    expect(normaliseDomain('https://www.Acme.DE/kontakt?x=1')).toBe('acme.de');
    expect(normaliseDomain('WWW2.acme.com:8443')).toBe('acme.com');
    expect(normaliseDomain('acme.de.')).toBe('acme.de');
    expect(normaliseDomain('mailto:Jane.Doe@Acme.de')).toBe('acme.de');
    expect(normaliseDomain('  shop.acme.co.uk  ')).toBe('shop.acme.co.uk');
  });

  it('encodes international domain names as the DNS does', () => {
    expect(normaliseDomain('müller.de')).toBe('xn--mller-kva.de');
  });

  it('refuses what is not a domain', () => {
    for (const s of ['', 'localhost', 'not a domain', '192.168.0.1', 'http://', '@']) expect(normaliseDomain(s)).toBeNull();
  });

  it('keeps the registrable part, two labels under multi-label public suffixes', () => {
    expect(registrableDomain('mail.eu.acme.com')).toBe('acme.com');
    expect(registrableDomain('shop.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('acme.com.au')).toBe('acme.com.au');
    expect(registrableDomain('www.acme.co.jp')).toBe('acme.co.jp');
    expect(companyDomain('https://investor.acme.com.br/en')).toBe('acme.com.br');
  });
});

describe('e-mail domains and free mail', () => {
  it('takes the domain of an e-mail address, registrable part only', () => {
    expect(emailDomain('Jane.Doe@Sales.Acme.de')).toBe('acme.de');
    expect(emailDomain('not-an-address')).toBeNull();
  });

  it('knows the big free-mail providers and consumer ISPs', () => {
    for (const d of [
      'gmail.com',
      'googlemail.com',
      'gmx.de',
      'gmx.net',
      'web.de',
      'outlook.com',
      'hotmail.com',
      'yahoo.com',
      't-online.de',
      'icloud.com',
      'proton.me',
      'protonmail.com',
    ]) {
      expect(isFreeMailDomain(d)).toBe(true);
    }
    expect(isFreeMailDomain('mail.yahoo.co.uk')).toBe(true);
    expect(isFreeMailDomain('acme.de')).toBe(false);
  });

  it('lists free-mail domains in registrable form, so the look-up can find them', () => {
    for (const d of FREE_MAIL_DOMAINS) expect(registrableDomain(d)).toBe(d);
  });

  it('separates company domains from free-mail ones and removes duplicates', () => {
    expect(companyDomains(['acme.de', 'https://www.acme.de', 'jane@gmail.com', 'gmx.de', 'nonsense'])).toEqual({
      domains: ['acme.de'],
      freeMail: ['gmail.com', 'gmx.de'],
    });
  });
});
