import { describe, expect, it } from 'vitest';
import { EMPTY_VALUES, hintInput, isKnownOptional, placeErrors, requiredInputs, toRegistrationInput } from './registration-form.ts';

describe('the register form', () => {
  it('sends only what was filled in, trimmed, with the amount as money', () => {
    expect(
      toRegistrationInput({
        ...EMPTY_VALUES,
        motion: 'resale',
        companyName: '  Müller GmbH ',
        companyDomain: ' ',
        contactEmail: 'anna@mueller.de',
        amount: 1250.5,
        currency: 'EUR',
        notes: '',
      }),
    ).toEqual({
      type: 'deal',
      motion: 'resale',
      company: { name: 'Müller GmbH' },
      contact: { email: 'anna@mueller.de' },
      amount: { value: 1250.5, currency: 'EUR' },
    });
  });

  it('leaves the amount out when none is typed', () => {
    expect(toRegistrationInput({ ...EMPTY_VALUES, motion: 'referral', companyName: 'X' })).not.toHaveProperty('amount');
  });

  it('requires company and motion always, and what the workspace requires per type and motion', () => {
    expect([...requiredInputs(undefined, 'deal', 'resale')].sort()).toEqual(['companyName', 'motion']);
    const required = { deal: { resale: ['companyDomain', 'amount'] }, lead: ['contactEmail'] };
    expect([...requiredInputs(required, 'deal', 'resale')].sort()).toEqual(['amount', 'companyDomain', 'companyName', 'motion']);
    expect([...requiredInputs(required, 'deal', 'referral')].sort()).toEqual(['companyName', 'motion']);
    expect([...requiredInputs(required, 'lead', 'resale')].sort()).toEqual(['companyName', 'contactEmail', 'motion']);
  });

  it('before a motion is chosen, requires what every motion requires and calls optional only what none does', () => {
    const required = { deal: { resale: ['companyDomain', 'amount'], referral: ['companyDomain'] }, lead: [] };
    expect([...requiredInputs(required, 'deal', '')].sort()).toEqual(['companyDomain', 'companyName', 'motion']);
    expect(isKnownOptional(required, 'deal', '', 'amount')).toBe(false);
    expect(isKnownOptional(required, 'deal', '', 'notes')).toBe(true);
    expect(isKnownOptional(required, 'deal', 'referral', 'amount')).toBe(true);
    expect(isKnownOptional(undefined, 'deal', 'referral', 'amount')).toBe(false);
  });

  it('places the server’s field errors on their inputs and tells a required field from a wrong one', () => {
    // The shape of an ApiError of a 400 validation_failed.
    const error = {
      status: 400,
      code: 'validation_failed',
      errors: [
        { field: 'body.company.domain', message: 'is required for resale registrations' },
        { field: 'body.amount.value', message: 'must not be negative' },
        { field: 'body.amount.currency', message: 'must be an ISO 4217 code' },
        { field: 'body.submitter.email', message: 'must be an e-mail address such as anna@example.com' },
        { field: 'header.idempotency-key', message: 'must be 1–200 characters' },
      ],
    };
    expect(placeErrors(error)).toEqual([
      { field: 'companyDomain', required: true, message: 'is required for resale registrations' },
      { field: 'amount', required: false, message: 'must not be negative' },
      { field: 'currency', required: false, message: 'must be an ISO 4217 code' },
      { field: 'submitterEmail', required: false, message: 'must be an e-mail address such as anna@example.com' },
    ]);
    expect(placeErrors(new Error('boom'))).toEqual([]);
  });

  it('checks for duplicates only with a company name, and only with complete domains and addresses', () => {
    expect(hintInput('A', '', '')).toBeNull();
    expect(hintInput(' Acme ', 'acme.', 'anna@')).toEqual({ companyName: 'Acme' });
    expect(hintInput('Acme', 'https://www.acme.de/about', 'anna@acme.de')).toEqual({
      companyName: 'Acme',
      domain: 'https://www.acme.de/about',
      contactEmail: 'anna@acme.de',
    });
  });
});
