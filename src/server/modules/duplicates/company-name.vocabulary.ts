/**
 * Words of company names that are not the company's own: abbreviations and their expansions,
 * descriptors of a trade ("Technology", "Logistik"), honorifics ("Royal", "Koninklijke") and
 * connectors ("&", "of", "van"). Written in natural spelling; company-name.rules.ts folds them.
 * Places live in company-name.places.ts, legal forms in company-name.legal-forms.ts.
 */

/**
 * canonical word → the spellings that mean it (abbreviations, plurals, other languages). The
 * canonical word is what tokens carry, so "Intl" and "International" compare equal.
 */
export const SYNONYMS: Readonly<Record<string, string>> = {
  international: "intl int'l internat internacional internazionale internationale internationaal",
  technology: 'technologies tech techn technol technologie technologien tecnologia tecnologias tecnologie technologia teknologi techniques',
  system: 'systems sys syst systeme systemes sistemi sistemas systemy',
  service: 'services svc svcs srvc srvcs servs servicios servizi servicos',
  solution: 'solutions soluciones soluzioni solucoes loesungen',
  group: 'grp groupe gruppe grupo gruppo groep gruppen',
  holding: 'holdings hldg hldgs',
  industry: 'industries inds indus industrie industrias',
  manufacturing: 'mfg manuf mfrs manufacturers manufacturer',
  laboratory: 'laboratories lab labs labo laboratoires laboratorios laboratori laboratorien',
  pharmaceutical: 'pharmaceuticals pharma pharm pharmaceutica pharmaceutique pharmazeutika farmaceutica farmaceutici',
  electronics: 'electronic elektronik electronique elettronica electronica elektronica',
  electric: 'electrical elec elektrisch electrique',
  chemical: 'chemicals chem chemie chimie quimica chimica',
  product: 'products prods produkte produits productos prodotti',
  engineering: 'eng engg ingenieria ingegneria ingenierie',
  communication: 'communications comms kommunikation',
  management: 'mgmt mgt',
  associates: 'assoc assocs associated',
  association: 'assn',
  brothers: 'bros',
  national: "natl nat'l",
  deutsch: 'deutsche deutscher deutsches dt dtsch',
  royal: 'koninklijke koninkl koenigliche koeniglich royale reale kongelige kungliga',
  center: 'centre ctr cntr centrum centro zentrum',
  motor: 'motors',
  network: 'networks netzwerk netzwerke',
  consulting: 'consultants consultancy consultoria',
  logistics: 'logistik logistica logistique',
  university: 'univ universitaet universite universidad universita',
  institute: 'inst institut instituto istituto',
  department: 'dept',
  investment: 'investments invest',
  instrument: 'instruments instr',
  equipment: 'equip eqpt',
  machine: 'machines',
  resource: 'resources',
  enterprise: 'enterprises',
  venture: 'ventures',
  partner: 'partners',
  material: 'materials',
  device: 'devices',
  software: 'softwares',
  medical: 'medizinisch medicale medico',
  finance: 'financial finanz finanzen',
  insurance: 'assurance versicherung versicherungen assurances',
  development: 'devel',
  trading: 'trade traders',
  energy: 'energie energia',
  construction: 'constructions construcciones costruzioni',
  food: 'foods',
  hygiene: 'hygienic',
};

/**
 * Descriptors of a trade or a kind of organisation. A shared descriptor says little ("Janssen
 * Pharmaceutica" is not "Millennium Pharmaceuticals"); a descriptor on one side only still marks
 * another entity ("Schlumberger Technology" is a subsidiary of "Schlumberger").
 */
export const DESCRIPTORS = `
technology system service solution software hardware group holding industry industrial product
manufacturing engineering electronics electric pharmaceutical chemical medical health healthcare
motor automotive energy power oil gas petroleum steel metal mining material plastics rubber tire
tyre textile paper packaging food beverage agri agro logistics transport shipping freight airlines
aviation aerospace defense defence construction building realty estate property properties
development investment capital finance bank banking insurance trust fund partner associates
consulting advisory management marketing media communication network telecom telecommunication
digital data analytics cloud computer computing semiconductor device instrument equipment machinery
machine tool tools research laboratory science sciences biotech biotechnology diagnostics hygiene
photo film optical optics imaging design studio trading import export retail wholesale distribution
supply supplies enterprise venture business commercial general universal standard advanced applied
integrated innovative innovation smart consolidated allied security safety environmental water
home hotel hospitality travel education learning training staffing recruitment legal law
accounting audit printing print publishing press broadcasting entertainment games sports fashion
apparel furniture interiors cosmetics beauty care clinic hospital dental veterinary agency office
center institute foundation association society club school university college academy works
brothers sons family resource cooperative mobile wireless internet online web it ict micro
microsystems automation robotics sensor controls control precision process plant plants products
technik dienstleistungen dienste beratung handel handels vertrieb spedition bau bauunternehmen
maschinenbau anlagenbau elektro elektrotechnik medizintechnik datentechnik informatik werke werk
verwaltung immobilien automobil fahrzeug fahrzeugbau metall stahl kunststoff druck verlag medien
gesellschaft beteiligungs beteiligung vermoegensverwaltung grundstuecks haus reinigung sicherheit
personal steuerberatung planung ingenieurbuero buero montage produktion fertigung partnerschaft
societe informatique conseil numerique logiciels immobiliere banque transports batiment
electricite etablissements ets atelier ateliers techniek diensten bouw installatie installaties
maatschappij handelmaatschappij beheer fabriek fabrieken advies adviesbureau verzekeringen
sistemi informatica comercial commerciale distribuzione digitale teknik konsult fastigheter bygg
systemy informatika uslugi przedsiebiorstwo handlowe budownictwo sanayi ticaret
`;

/** Honorifics and articles that are often dropped: "Koninklijke DSM" is "DSM". */
export const HONORIFICS = 'royal the imperial';

/** Connectors between name words ("Procter & Gamble", "Bank of America", "van Leeuwen"). */
export const CONNECTORS =
  '& of for fuer fur de du des der die das den van von la le les el del della di da do dos zu zum zur am an im in on te ten ter y';

/** Words meaning "and"; each becomes the token "&", as "+" does. */
export const AND_WORDS = 'and und et';
