/**
 * Web and e-mail domains as evidence that two records are one company (REG-3): normalised to the
 * registrable domain ("https://www.shop.acme.co.uk/de" → "acme.co.uk"), with free-mail and
 * consumer-ISP domains ignored, because a shared gmail.com says nothing about a company.
 */

/**
 * Free-mail providers and consumer ISPs whose domains are shared by unrelated people. Grouped by
 * provider; listed are the registrable domains (after `registrableDomain`).
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set(
  `
gmail.com googlemail.com
outlook.com outlook.de outlook.fr outlook.es outlook.it hotmail.com hotmail.de hotmail.fr hotmail.it hotmail.es hotmail.co.uk
live.com live.de live.fr live.nl live.co.uk msn.com passport.com
yahoo.com yahoo.de yahoo.fr yahoo.es yahoo.it yahoo.co.uk yahoo.co.jp ymail.com rocketmail.com aol.com aol.de aim.com
icloud.com me.com mac.com
proton.me protonmail.com protonmail.ch pm.me tutanota.com tutanota.de tuta.io tuta.com
gmx.de gmx.net gmx.at gmx.ch gmx.com gmx.fr mail.com email.com web.de freenet.de t-online.de magenta.de arcor.de online.de
posteo.de posteo.net mailbox.org vodafone.de kabelmail.de unitybox.de ewe.net htp-tel.de
a1.net aon.at chello.at bluewin.ch hispeed.ch sunrise.ch
orange.fr wanadoo.fr free.fr sfr.fr laposte.net neuf.fr bbox.fr
libero.it virgilio.it tiscali.it alice.it tin.it
telenet.be skynet.be proximus.be ziggo.nl kpnmail.nl hetnet.nl home.nl planet.nl xs4all.nl
telia.com online.no tele2.se bredband.net
wp.pl o2.pl onet.pl interia.pl op.pl seznam.cz centrum.cz email.cz azet.sk freemail.hu citromail.hu
btinternet.com sky.com virginmedia.com talktalk.net ntlworld.com blueyonder.co.uk
comcast.net verizon.net att.net sbcglobal.net bellsouth.net cox.net charter.net earthlink.net juno.com
mail.ru inbox.ru list.ru bk.ru yandex.ru yandex.com ya.ru rambler.ru ukr.net
qq.com 163.com 126.com sina.com sohu.com yeah.net aliyun.com naver.com daum.net hanmail.net
rediffmail.com zoho.com zohomail.com fastmail.com fastmail.fm hey.com hushmail.com duck.com
`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Public suffixes with more than one label that companies register under. A short list instead of
 * the whole Public Suffix List (~10,000 rules): it covers where B2B companies register; a
 * suffix missing here makes "acme.co.xx" compare as "co.xx", which is why they are listed.
 */
const MULTI_LABEL_SUFFIXES = new Set(
  `
co.uk org.uk ac.uk gov.uk ltd.uk plc.uk me.uk net.uk
com.au net.au org.au edu.au co.nz org.nz net.nz co.za org.za
co.jp ne.jp or.jp ac.jp co.kr or.kr com.cn net.cn org.cn com.hk com.tw com.sg com.my co.id co.in net.in org.in co.th
com.br net.br org.br com.mx com.ar com.co com.pe com.ve com.uy com.ec
com.tr net.tr org.tr co.il org.il com.eg com.sa ae.org
co.at or.at gv.at com.pl net.pl org.pl com.pt com.es com.gr com.cy com.mt com.ua com.ru
`
    .split(/\s+/)
    .filter(Boolean),
);

/** Lower-cased host of a URL, e-mail address or bare domain, without "www."; null when it has no dot. */
export function normaliseDomain(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  s = s.replace(/^mailto:/, '');
  if (s.includes('@')) s = s.slice(s.lastIndexOf('@') + 1);
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // scheme
  s = s.replace(/[/?#].*$/, '').replace(/:\d+$/, ''); // path, query, port
  s = s.replace(/\.+$/, '');
  let host: string;
  try {
    host = new URL(`http://${s}`).hostname; // IDNA: "müller.de" → "xn--mller-kva.de"
  } catch {
    return null;
  }
  host = host.replace(/^www\d*\./, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && !/^\d+(\.\d+)+$/.test(host) ? host : null;
}

/** The registrable domain ("shop.acme.co.uk" → "acme.co.uk"), the unit a company owns. */
export function registrableDomain(domain: string): string {
  const labels = domain.split('.');
  if (labels.length <= 2) return domain;
  const lastTwo = labels.slice(-2).join('.');
  return MULTI_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/** The registrable domain of a URL, address or domain, or null when it is not one. */
export function companyDomain(input: string): string | null {
  const host = normaliseDomain(input);
  return host ? registrableDomain(host) : null;
}

/** The registrable domain of an e-mail address, or null when it is not an address. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at > 0 ? companyDomain(email.slice(at + 1)) : null;
}

/** Whether a (registrable) domain belongs to a free-mail provider or consumer ISP. */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(registrableDomain(domain));
}

/** Distinct company domains of the inputs, free-mail domains left out and reported separately. */
export function companyDomains(inputs: readonly string[]): { domains: string[]; freeMail: string[] } {
  const domains = new Set<string>();
  const freeMail = new Set<string>();
  for (const input of inputs) {
    const d = companyDomain(input);
    if (d) (FREE_MAIL_DOMAINS.has(d) ? freeMail : domains).add(d);
  }
  return { domains: [...domains], freeMail: [...freeMail] };
}
