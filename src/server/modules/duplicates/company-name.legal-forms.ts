/**
 * Legal forms of companies, as data: a label, the jurisdictions that use it and the spellings seen
 * in the wild. Spellings are written the way people type them ("S.p.A.", "SPA", "Sp. z o.o.");
 * company-name.rules.ts tokenises them with the same tokeniser as names, so dotted, spaced and
 * bare variants ("N.V.", "N. V.", "NV") need no separate entries.
 *
 * `ambiguous`: the form is also an ordinary word or initials ("AS", "SE", "Co", "Spa") and is only
 * removed at the end of a name. `leading`: the form is also written before the name ("AB Volvo",
 * "PT Astra", "Naamloze Vennootschap DSM"). Every other form is removed wherever it stands; what
 * follows it is taken for a seat or a note ("Unilever N.V. te Rotterdam").
 */
export type LegalFormSpec = {
  label: string;
  jurisdictions: string;
  spellings: string[];
  ambiguous?: boolean;
  leading?: boolean;
};

const f = (label: string, jurisdictions: string, spellings: string[], flags: { ambiguous?: boolean; leading?: boolean } = {}): LegalFormSpec => ({
  label,
  jurisdictions,
  spellings: [label, ...spellings],
  ...flags,
});
const A = { ambiguous: true };
const L = { leading: true };
const AL = { ambiguous: true, leading: true };

export const LEGAL_FORMS: readonly LegalFormSpec[] = [
  // German-speaking countries
  f('GmbH', 'DE AT CH LI', ['G.m.b.H.', 'Gesellschaft mit beschränkter Haftung', 'Gesellschaft mbH', 'GesmbH', 'Ges.m.b.H.', 'Ges. mbH', 'GmbH.']),
  f('mbH', 'DE AT', ['m.b.H.', 'mit beschränkter Haftung']),
  f('gGmbH', 'DE', ['gemeinnützige GmbH']),
  f('UG', 'DE', ['UG (haftungsbeschränkt)', 'Unternehmergesellschaft', 'Unternehmergesellschaft (haftungsbeschränkt)'], A),
  f('AG', 'DE AT CH LI', ['A.G.', 'Aktiengesellschaft'], A),
  f('KGaA', 'DE AT', ['Kommanditgesellschaft auf Aktien', 'KG auf Aktien', 'KG a.A.']),
  f('GmbH & Co. KG', 'DE AT', ['GmbH und Co. KG', 'GmbH u. Co. KG', 'GmbH & Co KG', 'GmbH + Co. KG', 'GmbH & Cie. KG']),
  f('GmbH & Co. KGaA', 'DE', ['GmbH & Co KGaA']),
  f('AG & Co. KG', 'DE', ['AG & Co KG']),
  f('AG & Co. KGaA', 'DE', ['AG & Co KGaA']),
  f('SE & Co. KG', 'DE', ['SE & Co KG']),
  f('SE & Co. KGaA', 'DE', ['SE & Co KGaA']),
  f('UG & Co. KG', 'DE', ['UG (haftungsbeschränkt) & Co. KG']),
  f('Ltd. & Co. KG', 'DE', ['Limited & Co. KG', 'Ltd & Co KG']),
  f('B.V. & Co. KG', 'DE', ['BV & Co KG']),
  f('Stiftung & Co. KG', 'DE', []),
  f('KG', 'DE AT CH', ['K.G.', 'Kommanditgesellschaft'], A),
  f('OHG', 'DE', ['o.H.G.', 'Offene Handelsgesellschaft']),
  f('OG', 'AT', ['Offene Gesellschaft'], A),
  f('KEG', 'AT', ['Kommanditerwerbsgesellschaft']),
  f('GbR', 'DE', ['Gesellschaft bürgerlichen Rechts']),
  f('PartG', 'DE', ['PartG mbB', 'Partnerschaftsgesellschaft', 'Partnerschaftsgesellschaft mbB']),
  f('e.K.', 'DE', ['e.Kfm.', 'e.Kfr.', 'eingetragener Kaufmann', 'eingetragene Kauffrau'], A),
  f('e.U.', 'AT', ['eingetragenes Unternehmen'], A),
  f('e.V.', 'DE', ['eingetragener Verein'], A),
  f('eG', 'DE', ['e.G.', 'eingetragene Genossenschaft'], A),
  f('VVaG', 'DE', ['Versicherungsverein auf Gegenseitigkeit']),
  f('SE', 'EU', ['S.E.', 'Societas Europaea'], A),
  // Benelux
  f('N.V.', 'NL BE', ['Naamloze Vennootschap', 'Naamlooze Vennootschap'], L),
  f('B.V.', 'NL BE', ['Besloten Vennootschap', 'B.V.B.A.', 'BVBA'], L),
  f('V.O.F.', 'NL BE', ['Vennootschap onder firma']),
  f('C.V.', 'NL BE', ['Commanditaire Vennootschap'], A),
  f('CVBA', 'BE', ['C.V.B.A.', 'CV', 'coöperatieve vennootschap met beperkte aansprakelijkheid']),
  f('VZW', 'BE', ['v.z.w.', 'vereniging zonder winstoogmerk']),
  f('ASBL', 'BE LU', ['a.s.b.l.']),
  f('SPRL', 'BE', ['S.P.R.L.', 'société privée à responsabilité limitée']),
  f('S.à r.l.', 'LU FR CH', ['S.A.R.L.', 'SARL', 'Sàrl', 'société à responsabilité limitée']),
  // France and French-speaking
  f(
    'SA',
    'FR BE LU CH ES PT PL BR AR',
    ['S.A.', 'Société Anonyme', 'Sociedad Anónima', 'Sociedade Anónima', 'Sociedade Anônima', 'S/A', 'Spółka Akcyjna'],
    A,
  ),
  f('SAS', 'FR', ['S.A.S.', 'Société par actions simplifiée'], A),
  f('SASU', 'FR', ['S.A.S.U.', 'société par actions simplifiée unipersonnelle']),
  f('EURL', 'FR', ['E.U.R.L.', 'entreprise unipersonnelle à responsabilité limitée']),
  f('SNC', 'FR', ['S.N.C.', 'société en nom collectif'], A),
  f('SCA', 'FR LU', ['S.C.A.', 'société en commandite par actions'], A),
  f('SCS', 'FR BE LU', ['S.C.S.', 'société en commandite simple'], A),
  f('SCOP', 'FR', ['S.C.O.P.', 'société coopérative et participative'], A),
  f('SCI', 'FR', ['S.C.I.', 'société civile immobilière'], A),
  // Italy, Spain, Portugal, Latin America
  f('S.p.A.', 'IT', ['SPA', 'Società per azioni', 'Societa per Azioni'], A),
  f('S.r.l.', 'IT RO AR', ['SRL', 'Società a responsabilità limitata', 'S.R.L.']),
  f('S.r.l.s.', 'IT', ['SRLS']),
  f('S.a.s.', 'IT', ['Società in accomandita semplice'], A),
  f('S.n.c.', 'IT', ['Società in nome collettivo'], A),
  f('S.L.', 'ES', ['Sociedad Limitada', 'S.R.L.', 'Sociedad de Responsabilidad Limitada'], A),
  f('S.L.U.', 'ES', ['Sociedad Limitada Unipersonal']),
  f('S.A.U.', 'ES', ['Sociedad Anónima Unipersonal']),
  f('S.L.L.', 'ES', ['Sociedad Limitada Laboral']),
  f('S.Coop.', 'ES', ['Sociedad Cooperativa']),
  f('Lda.', 'PT', ['Limitada', 'Ltda.', 'Ltda', 'Unipessoal Lda.']),
  f('EIRELI', 'BR', []),
  f('S.A. de C.V.', 'MX', ['SA de CV', 'S.A.B. de C.V.', 'Sociedad Anónima de Capital Variable']),
  f('S. de R.L.', 'MX', ['S. de R.L. de C.V.', 'S de RL de CV']),
  // UK, Ireland, Commonwealth
  f('Ltd', 'GB IE CA AU NZ IN HK IL JP CN KR', ['Ltd.', 'Limited', 'Ltd. Co.', 'LTD']),
  f('PLC', 'GB IE', ['P.L.C.', 'Public Limited Company', 'public limited co']),
  f('LLP', 'GB US IN', ['L.L.P.', 'Limited Liability Partnership']),
  f('LP', 'GB US CA', ['L.P.', 'Limited Partnership'], A),
  f('CIC', 'GB', ['Community Interest Company'], A),
  f('DAC', 'IE', ['Designated Activity Company'], A),
  f('Teoranta', 'IE', ['Teo.', 'Teo'], A),
  f('Unlimited Company', 'GB IE', ['Unltd', 'ULC', 'Unlimited Liability Company']),
  f('Pty Ltd', 'AU ZA', ['Pty. Ltd.', 'Pty Limited', 'Pty. Limited', 'Proprietary Limited', '(Pty) Ltd', 'Pty']),
  f('Pvt Ltd', 'IN PK', ['Pvt. Ltd.', 'Private Limited', 'Pvt. Limited', 'P. Ltd', 'Pvt']),
  f('Pte Ltd', 'SG', ['Pte. Ltd.', 'Pte Limited', 'Pte']),
  f('Sdn Bhd', 'MY', ['Sdn. Bhd.', 'Sendirian Berhad']),
  f('Bhd', 'MY', ['Bhd.', 'Berhad']),
  // United States and Canada
  f('Inc.', 'US CA PH', ['Inc', 'Incorporated', 'Incorporation']),
  f('LLC', 'US', ['L.L.C.', 'Limited Liability Company']),
  f('PLLC', 'US', ['P.L.L.C.', 'Professional Limited Liability Company']),
  f('LLLP', 'US', ['L.L.L.P.']),
  f('PC', 'US', ['P.C.', 'Professional Corporation'], A),
  f('Corp.', 'US CA JP KR', ['Corp', 'Corporation', 'Corpn']),
  f('Co.', 'US GB JP KR CN', ['Co', 'Cie.', 'Cie'], A),
  f('Company', 'US GB', ['Companhia', 'Compañía', 'Compagnie', 'Compania', 'Cia.'], A),
  f('& Co.', 'DE GB US', ['& Cie.', 'and Company', '& Company', 'und Co.', 'u. Co.'], A),
  f('Co. Ltd.', 'JP KR CN TW TH', ['Co., Ltd.', 'Co Ltd', 'Company Limited', 'Co. Limited', 'Public Company Limited']),
  f('Ltée', 'CA', ['Limitée', 'Ltee']),
  // Nordics and Baltics
  f('AB', 'SE FI', ['Aktiebolag', 'Aktiebolaget', 'AB (publ)', 'Aktiebolaget (publ)'], AL),
  f('HB', 'SE', ['Handelsbolag'], A),
  f('KB', 'SE', ['Kommanditbolag'], A),
  f('Oy', 'FI', ['Osakeyhtiö'], AL),
  f('Oyj', 'FI', ['Julkinen osakeyhtiö'], L),
  f('Ky', 'FI', ['Kommandiittiyhtiö'], A),
  f('AS', 'NO DK EE', ['A/S', 'A.S.', 'Aksjeselskap', 'Aktieselskab', 'Aktsiaselts'], A),
  f('ASA', 'NO', ['Allmennaksjeselskap'], A),
  f('ApS', 'DK', ['Anpartsselskab']),
  f('I/S', 'DK', ['Interessentskab'], A),
  f('K/S', 'DK', ['Kommanditselskab'], A),
  f('P/S', 'DK', ['Partnerselskab'], A),
  f('hf.', 'IS', ['hlutafélag'], A),
  f('ehf.', 'IS', ['einkahlutafélag']),
  f('OÜ', 'EE', ['osaühing'], A),
  f('UAB', 'LT', ['uždaroji akcinė bendrovė'], AL),
  f('SIA', 'LV', ['sabiedrība ar ierobežotu atbildību'], AL),
  // Central and Eastern Europe, Turkey, Greece, Russia
  f('Sp. z o.o.', 'PL', ['Spółka z ograniczoną odpowiedzialnością', 'Sp. z.o.o.', 'Spolka z o.o.', 'Sp. z oo', 'Sp z oo']),
  f('Sp. k.', 'PL', ['Spółka komandytowa']),
  f('Sp. j.', 'PL', ['Spółka jawna']),
  f('S.K.A.', 'PL', ['Spółka komandytowo-akcyjna']),
  f('s.r.o.', 'CZ SK', ['spol. s r.o.', 'společnost s ručením omezeným', 'spoločnosť s ručením obmedzeným']),
  f('a.s.', 'CZ SK', ['akciová společnost', 'akciová spoločnosť'], A),
  f('v.o.s.', 'CZ SK', ['veřejná obchodní společnost']),
  f('k.s.', 'CZ SK', ['komanditní společnost'], A),
  f('Kft.', 'HU', ['Korlátolt felelősségű társaság']),
  f('Zrt.', 'HU', ['Zártkörűen működő részvénytársaság']),
  f('Nyrt.', 'HU', ['Nyilvánosan működő részvénytársaság']),
  f('Bt.', 'HU', ['Betéti társaság'], A),
  f('Kkt.', 'HU', ['Közkereseti társaság']),
  f('d.o.o.', 'SI HR RS BA ME', ['d.o.o.e.l.', 'društvo s ograničenom odgovornošću']),
  f('d.d.', 'SI HR', ['dioničko društvo'], A),
  f('OOD', 'BG', ['EOOD']),
  f('AD', 'BG MK', ['EAD'], A),
  f('A.E.', 'GR', ['Anonymi Etaireia'], A),
  f('E.P.E.', 'GR', ['EPE']),
  f('IKE', 'GR', ['I.K.E.'], A),
  f('A.Ş.', 'TR', ['Anonim Şirketi', 'Anonim Sirketi', 'A.S.'], A),
  f('Ltd. Şti.', 'TR', ['Limited Şirketi', 'Ltd. Sti.', 'Ltd Şti']),
  f('OOO', 'RU', ['O.O.O.', 'Obshchestvo s ogranichennoy otvetstvennostyu'], L),
  f('ZAO', 'RU', ['Z.A.O.'], L),
  f('OAO', 'RU', ['O.A.O.'], L),
  f('PAO', 'RU', ['P.A.O.'], L),
  f('AO', 'RU KZ', ['A.O.'], AL),
  f('TOV', 'UA', ['T.O.V.', 'TOW'], L),
  // Asia
  f('K.K.', 'JP', ['KK', 'Kabushiki Kaisha', 'Kabushiki Gaisha', 'Kabushikigaisha', 'Kabushikikaisha'], AL),
  f('G.K.', 'JP', ['GK', 'Godo Kaisha', 'Godo Gaisha'], A),
  f('Y.K.', 'JP', ['YK', 'Yugen Kaisha', 'Yugen Gaisha'], A),
  f('Chusik Hoesa', 'KR', ['Jusik Hoesa', 'Chusik Hoesha']),
  f('Youxian Gongsi', 'CN', ['Yuxian Gongsi', 'Youxian Zeren Gongsi']),
  f('PT', 'ID', ['P.T.', 'Perseroan Terbatas'], AL),
  f('Tbk', 'ID', ['Tbk.', 'Terbuka']),
  f('JSC', 'VN KZ', ['J.S.C.', 'Joint Stock Company', 'Joint-Stock Company']),
];
