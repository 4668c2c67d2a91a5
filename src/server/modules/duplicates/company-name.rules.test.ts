import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEGAL_FORMS } from './company-name.legal-forms.ts';
import { collapseTransliteration, foldCompanyText, normaliseCompanyName, tokeniseCompanyText } from './company-name.rules.ts';

const core = (name: string) => normaliseCompanyName(name).core;

describe('folding', () => {
  it('lower-cases, drops accents and spells German letters the way they are typed without umlauts', () => {
    expect(foldCompanyText('Société Générale')).toBe('societe generale');
    expect(foldCompanyText('Großhandel Weiß')).toBe('grosshandel weiss');
    expect(foldCompanyText('Łukasz Øresund Æble Œuvre')).toBe('lukasz oresund aeble oeuvre');
    expect(foldCompanyText('Türkiye İş Bankası')).toBe('turkiye is bankasi');
  });

  it('treats Müller, Mueller and Muller as one name', () => {
    expect(core('Müller GmbH')).toBe('muller');
    expect(core('Mueller GmbH')).toBe('muller');
    expect(core('MULLER GMBH')).toBe('muller');
    expect(core('Jørgensen A/S')).toBe(core('Joergensen AS'));
    expect(core('Größe & Söhne KG')).toBe(core('Groesse und Soehne KG'));
  });

  it('leaves short words alone when folding digraphs, so AEG is not AG', () => {
    expect(collapseTransliteration('aeg')).toBe('aeg');
    expect(collapseTransliteration('queen')).toBe('queen');
    expect(collapseTransliteration('schroeder')).toBe('schroder');
  });

  it('decodes HTML entities and joins words at apostrophes', () => {
    expect(core('Procter &amp; Gamble')).toBe('procter & gamble');
    expect(core('PHARMACIA &AMP UPJOHN')).toBe('pharmacia & upjohn');
    expect(core("McDonald's Int'l Corp.")).toBe('mcdonalds international');
  });
});

describe('punctuation and spacing', () => {
  it('ignores leading markers, quotes, stray punctuation and repeated spaces', () => {
    for (const n of ['* AKZO NOBEL N.V.', 'AKZO NOBEL N.V.,', 'AKZO NOBEL NV;', "AKZO NOBEL' N.V.", 'AKZO-NOBEL N.V.', 'Akzo   Nobel  nv.']) {
      expect(core(n)).toBe('akzo nobel');
    }
  });

  it('merges initials written apart and splits a legal form off their end', () => {
    expect(core('D S M N.V.')).toBe('dsm');
    expect(core('D.S.M. N.V.')).toBe('dsm');
    expect(core('I.B.M. Corp')).toBe('ibm');
    expect(core('DSM N,V.')).toBe('dsm');
  });

  it('keeps a name that is entirely in brackets', () => {
    expect(core('(Acme Widgets)')).toBe('acme widgets');
  });
});

describe('legal forms', () => {
  it('removes every spelling of every legal form in the table at the end of a name', () => {
    for (const form of LEGAL_FORMS) {
      for (const spelling of form.spellings) {
        const n = normaliseCompanyName(`Zorblax Quantified ${spelling}`);
        expect({ spelling, core: n.core }).toEqual({ spelling, core: 'zorblax quantified' });
        expect(n.legalForm).not.toBeNull();
      }
    }
  });

  it('recognises dotted, spaced and bare spellings alike', () => {
    for (const n of ['Foo S.p.A.', 'Foo SpA', 'Foo SPA', 'Foo S. p. A.'])
      expect(normaliseCompanyName(n)).toMatchObject({ core: 'foo', legalForm: 'S.p.A.' });
    for (const n of ['Foo Sp. z o.o.', 'Foo sp. z o. o.', 'Foo Sp z oo', 'Foo Spółka z ograniczoną odpowiedzialnością']) expect(core(n)).toBe('foo');
    for (const n of ['Foo GmbH & Co. KG', 'Foo GmbH und Co KG', 'Foo GmbH + Co. KG', 'Foo G.m.b.H. & Co. K.G.']) expect(core(n)).toBe('foo');
  });

  it('names the removed forms, chained ones in order', () => {
    expect(normaliseCompanyName('ASML Netherlands Co., Ltd.').legalForm).toBe('Co. Ltd.');
    expect(normaliseCompanyName('Schlumberger Technology Limited B.V.').legalForm).toBe('Ltd B.V.');
    expect(normaliseCompanyName('Henkel KG auf Aktien').legalForm).toBe('KGaA');
    expect(normaliseCompanyName('Acme').legalForm).toBeNull();
  });

  it('removes forms written before the name where that is the custom', () => {
    expect(core('AB Volvo')).toBe('volvo');
    expect(core('Oy Karl Fazer Ab')).toBe('karl fazer');
    expect(core('PT Astra International Tbk')).toBe('astra international');
    expect(core('Naamloze Vennootschap DSM')).toBe('dsm');
    expect(core('N.V. Philips Gloeilampenfabrieken')).toBe('philips gloilampenfabrieken');
    expect(core('OOO Gazprom Neft')).toBe('gazprom neft');
  });

  it('keeps short forms that are also words when they stand inside a name', () => {
    expect(core('AS Roma Merchandising')).toBe('as roma merchandising');
    expect(core('SE Electronics Ltd')).toBe('se electronics');
    expect(core('Sa Majesté Spa')).toBe('sa majeste');
    expect(core('Co Operative Bank plc')).toBe('co operative bank');
  });

  it('takes what follows a legal form for a seat or a note', () => {
    expect(normaliseCompanyName('Honeywell B.V., Amsterdam, NL')).toMatchObject({ core: 'honeywell', qualifier: 'amsterdam nl' });
    expect(normaliseCompanyName('DSM N.V. te Heerlen')).toMatchObject({ core: 'dsm', qualifier: 'te heerlen' });
    expect(normaliseCompanyName('Unilever PLC; Unilever N.V.')).toMatchObject({ core: 'unilever', qualifier: 'unilever nv' });
    expect(normaliseCompanyName('Schlumberger Technology B.V. (STBV)')).toMatchObject({ core: 'schlumberger technology', qualifier: 'stbv' });
    expect(normaliseCompanyName('Müller GmbH - Zweigniederlassung Hamburg')).toMatchObject({ core: 'muller' });
  });

  it('never empties a name that consists of a legal form only', () => {
    expect(core('GmbH')).toBe('gmbh');
    expect(core('Limited Company')).toBe('limited');
    expect(core('The Company')).toBe('the');
    expect(core('S.A.')).toBe('sa');
  });
});

describe('abbreviations, places and kinds of words', () => {
  it('expands abbreviations and records each expansion', () => {
    const n = normaliseCompanyName("Int'l Grp Hldgs Mfg Svcs Sys Tech");
    expect(n.core).toBe('international group holding manufacturing service system technology');
    expect(n.expansions).toContainEqual({ from: 'intl', to: 'international' });
    expect(core('Dt. Bank AG')).toBe(core('Deutsche Bank AG'));
    expect(core('Siemens Intl')).toBe(core('Siemens International'));
    expect(core('Acme & Sons')).toBe(core('Acme and Sons'));
    expect(core('Acme et Fils')).toBe(core('Acme und Fils'));
  });

  it('recognises a misspelt trade word of the vocabulary', () => {
    expect(core('Torra Srevices s.r.o.')).toBe('torra service');
    expect(core('Solviklin Holdigns')).toBe('solviklin holding');
  });

  it('names countries, regions and cities as places, synonyms made one', () => {
    const n = normaliseCompanyName('ASML Holland B.V.');
    expect(n).toMatchObject({ core: 'asml netherlands', kinds: ['name', 'place'] });
    expect(normaliseCompanyName('ST Jude Medical Puerto Rico').kinds).toEqual(['name', 'name', 'descriptor', 'place']);
    expect(normaliseCompanyName('Foo Vereinigte Staaten').core).toBe('foo usa');
    expect(normaliseCompanyName('Shell Canada Ltd').kinds).toEqual(['name', 'place']);
  });

  it('takes a country code for a place only as the last word', () => {
    expect(normaliseCompanyName('ASML US Inc.').kinds).toEqual(['name', 'place']);
    expect(normaliseCompanyName('De Vries Logistics').kinds).toEqual(['connector', 'name', 'descriptor']);
  });

  it('classifies honorifics, connectors, numbers and initials', () => {
    expect(normaliseCompanyName('Koninklijke Philips Electronics N.V.')).toMatchObject({
      core: 'royal philips electronics',
      kinds: ['honorific', 'name', 'descriptor'],
    });
    expect(normaliseCompanyName('Bank of Ireland').kinds).toEqual(['descriptor', 'connector', 'place']);
    expect(normaliseCompanyName('Studio 54 X').kinds).toEqual(['descriptor', 'number', 'initial']);
  });

  it('drops a leading article and a dangling ampersand', () => {
    expect(core('The Singer Company N.V.')).toBe('singer');
    expect(core('Pharmacia &')).toBe('pharmacia');
  });
});

describe('properties', () => {
  const letters = fc.constantFrom(...'abcdefghijklmnoprstuvwxyzäöüéèñçß'.split(''));
  const word = fc.string({ unit: letters, minLength: 5, maxLength: 10 });
  const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
  const anyText = fc.string({ unit: 'grapheme', maxLength: 40 });
  const unambiguous = LEGAL_FORMS.filter((f) => !f.ambiguous).flatMap((f) => f.spellings);

  it('is idempotent: normalising a core gives the core back', () => {
    fc.assert(
      fc.property(fc.oneof(name, anyText), (s) => {
        const c = core(s);
        expect(core(c)).toBe(c);
      }),
      { numRuns: 500 },
    );
  });

  it('does not change the core when a legal form is added or removed', () => {
    fc.assert(
      fc.property(name, fc.constantFrom(...LEGAL_FORMS.flatMap((f) => f.spellings)), fc.constantFrom(' ', ', ', ' - '), (n, form, sep) => {
        expect(core(`${n}${sep}${form}`)).toBe(core(n));
      }),
      { numRuns: 500 },
    );
  });

  it('does not change the core when an unambiguous legal form is written first and a seat after it', () => {
    fc.assert(
      fc.property(name, fc.constantFrom(...unambiguous), (n, form) => {
        expect(core(`${n} ${form}, Berlin`)).toBe(core(n));
      }),
    );
  });

  it('never lets case or accents change the core', () => {
    const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    fc.assert(
      fc.property(name, (n) => {
        const c = core(n);
        expect(core(n.toUpperCase())).toBe(c);
        expect(core(n.toLowerCase())).toBe(c);
        expect(core(strip(n))).toBe(c);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a non-empty core for every input with a letter or digit', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        if (tokeniseCompanyText(s).some((t) => /[a-z0-9]/.test(t))) expect(core(s)).not.toBe('');
      }),
      { numRuns: 1000 },
    );
  });
});
