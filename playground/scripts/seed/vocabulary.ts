/**
 * The words and odds the demo CRM is made of: names, countries, industries, stages, tags, and how
 * often each occurs. Pure data. The weights aim for a CRM that looks real, and the lists mix in
 * accents, apostrophes, case variants and near-duplicates (Zoë / Zoe, Müller / Mueller) on purpose,
 * so text conditions have something to get wrong.
 *
 * Order matters: generation picks by index, so reordering or editing a list changes the seeded data.
 */
import { weighted } from './random';

const list = (s: string) => s.split(',').map((x) => x.trim());

export type Locale = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pl' | 'nordic' | 'pt' | 'ja' | 'in';

export const NAMES: Record<Locale, { first: string[]; last: string[]; mail: string[] }> = {
  en: {
    first: list(
      'James,Mary,John,Patricia,Robert,Jennifer,Michael,Linda,William,Elizabeth,David,Sarah,Emily,Daniel,Olivia,Liam,Emma,Noah,Ava,Ethan,Chloe,Zoe,Sean,Siobhán,Aoife,Grace,Jack,Megan,Ryan,Hannah,Zoë,Renée',
    ),
    last: list(
      "Smith,Johnson,Williams,Brown,Jones,Miller,Davis,Wilson,Anderson,Taylor,Thomas,Moore,Jackson,White,Harris,Clark,Lewis,Walker,Hall,Young,King,O'Brien,O'Connor,McDonald,MacLeod,Nguyen,Kim,Chen,Muller,Garcia",
    ),
    mail: list('gmail.com,outlook.com,yahoo.com,icloud.com,hotmail.com'),
  },
  de: {
    first: list(
      'Jürgen,Björn,Jörg,Günter,Anna,Lena,Lukas,Maximilian,Sophie,Katrin,Matthias,Ömer,Uwe,Stefan,Julia,Felix,Hannah,Tobias,Jana,Käthe,Sören,Jürgen,Mia,Leon,Ayşe,Greta',
    ),
    last: list(
      'Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schäfer,Koch,Bauer,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,Zimmermann,Braun,Krüger,Hofmann,Hartmann,Lange,Krause,Köhler,Weiß,Groß,Jäger,Vogel,Yılmaz,Şahin,Öztürk,Mueller',
    ),
    mail: list('gmail.com,web.de,gmx.de,t-online.de,outlook.de'),
  },
  fr: {
    first: list(
      'Zoë,Hélène,François,Chloé,Léa,Inès,Mathéo,Clément,Amélie,Aurélie,Jérôme,Camille,Émile,Noël,Gaëlle,Lucas,Hugo,Manon,Louis,Océane,Raphaël,Benoît,Céline,Zoé,Zoe',
    ),
    last: list(
      'Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,Laurent,Lefèvre,Michel,Garcia,Bertrand,Roux,Vincent,Fournier,Girard,Bonnet,Dupont,Lambert,Fontaine,Rousseau,Mercier,Faure,Chevalier,Gauthier,Lemaître',
    ),
    mail: list('gmail.com,orange.fr,free.fr,laposte.net,outlook.fr,sfr.fr'),
  },
  es: {
    first: list('José,María,Jesús,Lucía,Álvaro,Sofía,Martín,Inés,Pablo,Carmen,Javier,Elena,Sergio,Nuria,Ángel,Begoña,Jose'),
    last: list(
      'García,Rodríguez,González,Fernández,López,Martínez,Sánchez,Pérez,Gómez,Jiménez,Ruiz,Hernández,Díaz,Moreno,Muñoz,Álvarez,Núñez,Peña,Ibáñez,Castaño',
    ),
    mail: list('gmail.com,hotmail.es,yahoo.es,outlook.es'),
  },
  it: {
    first: list('Giuseppe,Francesca,Niccolò,Lucia,Matteo,Chiara,Andrea,Giulia,Nicolò,Alessandro,Federica,Lorenzo,Martina'),
    last: list(
      'Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,De Luca,Mancini,Costa,Lombardi,Fabbri',
    ),
    mail: list('gmail.com,libero.it,virgilio.it,outlook.it'),
  },
  nl: {
    first: list('Daan,Sanne,Joris,Eva,Bram,Fleur,Ruud,Anouk,Thijs,Lotte,Sem,Noor'),
    last: list('de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters'),
    mail: list('gmail.com,ziggo.nl,kpnmail.nl,outlook.com'),
  },
  pl: {
    first: list('Łukasz,Paweł,Małgorzata,Wojciech,Agnieszka,Katarzyna,Michał,Krzysztof,Zofia,Grzegorz,Joanna,Bartłomiej,Lukasz'),
    last: list(
      'Kowalski,Nowak,Wiśniewski,Wójcik,Kowalczyk,Kamiński,Lewandowski,Zieliński,Szymański,Woźniak,Dąbrowski,Kozłowski,Jankowski,Mazur,Krawczyk,Wróbel',
    ),
    mail: list('gmail.com,wp.pl,onet.pl,interia.pl,o2.pl'),
  },
  nordic: {
    first: list('Søren,Åsa,Bjørn,Mette,Jørgen,Ingrid,Lars,Sigrid,Kjell,Märta,Åke,Frida,Mikael,Anders,Kirsten,Linnéa,Väinö,Aino,Soren'),
    last: list(
      'Jørgensen,Nielsen,Hansen,Pedersen,Andersen,Sørensen,Lindström,Johansson,Karlsson,Nyström,Bergström,Åberg,Østergaard,Halvorsen,Virtanen,Mäkinen,Häkkinen',
    ),
    mail: list('gmail.com,outlook.com,hotmail.com,live.se,online.no'),
  },
  pt: {
    first: list('João,Ana,Conceição,Gonçalo,Luís,Mariana,Inês,Tomás,Beatriz,Rafael,Larissa,Thiago'),
    last: list('Silva,Santos,Ferreira,Pereira,Oliveira,Costa,Rodrigues,Martins,Gonçalves,Araújo,Sousa,Magalhães'),
    mail: list('gmail.com,sapo.pt,hotmail.com,uol.com.br,outlook.com'),
  },
  ja: {
    first: list('Haruto,Yui,Sōta,Hina,Ren,Aoi,Yūto,Sakura,Kenji,Yuki'),
    last: list('Satō,Suzuki,Takahashi,Tanaka,Watanabe,Itō,Yamamoto,Nakamura,Kobayashi,Katō'),
    mail: list('gmail.com,yahoo.co.jp,outlook.jp'),
  },
  in: {
    first: list('Aarav,Priya,Rahul,Ananya,Vikram,Diya,Arjun,Kavya,Rohan,Sneha'),
    last: list('Sharma,Patel,Gupta,Iyer,Reddy,Nair,Singh,Kumar,Das,Mehta'),
    mail: list('gmail.com,yahoo.in,rediffmail.com,outlook.com'),
  },
};

export interface Country {
  name: string;
  locale: Locale;
  tld: string;
  phone: string;
  legal: string[];
}

const COUNTRY = (name: string, locale: Locale, tld: string, phone: string, legal: string): Country => ({
  name,
  locale,
  tld,
  phone,
  legal: legal.split('|'),
});

export const COUNTRIES = weighted<Country>([
  [COUNTRY('United States', 'en', 'com', '+1', 'Inc.|LLC|Corp.'), 17],
  [COUNTRY('Germany', 'de', 'de', '+49', 'GmbH|AG|GmbH & Co. KG|SE'), 15],
  [COUNTRY('France', 'fr', 'fr', '+33', 'SAS|SA|SARL'), 13],
  [COUNTRY('United Kingdom', 'en', 'co.uk', '+44', 'Ltd|plc'), 9],
  [COUNTRY('Spain', 'es', 'es', '+34', 'S.L.|S.A.'), 5],
  [COUNTRY('Italy', 'it', 'it', '+39', 'S.p.A.|S.r.l.'), 4],
  [COUNTRY('Netherlands', 'nl', 'nl', '+31', 'B.V.|N.V.'), 4],
  [COUNTRY('Poland', 'pl', 'pl', '+48', 'Sp. z o.o.|S.A.'), 3],
  [COUNTRY('Switzerland', 'de', 'ch', '+41', 'AG|GmbH|SA'), 3],
  [COUNTRY('Sweden', 'nordic', 'se', '+46', 'AB'), 3],
  [COUNTRY('Canada', 'en', 'ca', '+1', 'Inc.|Ltd.'), 3],
  [COUNTRY('Denmark', 'nordic', 'dk', '+45', 'A/S|ApS'), 2],
  [COUNTRY('Austria', 'de', 'at', '+43', 'GmbH|AG'), 2],
  [COUNTRY('Belgium', 'fr', 'be', '+32', 'SA|NV|SRL'), 2],
  [COUNTRY('Brazil', 'pt', 'com.br', '+55', 'Ltda.|S.A.'), 2],
  [COUNTRY('Japan', 'ja', 'jp', '+81', 'K.K.|Co., Ltd.'), 2],
  [COUNTRY('Australia', 'en', 'com.au', '+61', 'Pty Ltd'), 2],
  [COUNTRY('India', 'in', 'in', '+91', 'Pvt. Ltd.|Ltd.'), 2],
  [COUNTRY('Norway', 'nordic', 'no', '+47', 'AS|ASA'), 1],
  [COUNTRY('Finland', 'nordic', 'fi', '+358', 'Oy|Oyj'), 1],
  [COUNTRY('Ireland', 'en', 'ie', '+353', 'Ltd|DAC'), 1],
  [COUNTRY('Portugal', 'pt', 'pt', '+351', 'Lda.|S.A.'), 1],
  [COUNTRY('Mexico', 'es', 'com.mx', '+52', 'S.A. de C.V.'), 1],
  [COUNTRY('Singapore', 'en', 'sg', '+65', 'Pte. Ltd.'), 1],
]);

export const INDUSTRIES = weighted<string>([
  ['technology', 20],
  ['healthcare', 12],
  ['finance', 12],
  ['manufacturing', 13],
  ['retail', 11],
  ['education', 7],
  ['energy', 7],
  ['media', 8],
  ['other', 10],
]);

export const INDUSTRY_WORDS: Record<string, string[]> = {
  technology: list('Systems,Software,Labs,Technologies,Digital,Analytics'),
  healthcare: list('Health,Medical,Pharma,Care,Diagnostics,Biotech'),
  finance: list('Capital,Finance,Bank,Invest,Insurance,Partners'),
  manufacturing: list('Industries,Manufacturing,Werke,Tools,Components,Machines'),
  retail: list('Retail,Stores,Market,Shop,Commerce,Brands'),
  education: list('Academy,Learning,Education,Institute,School,Campus'),
  energy: list('Energy,Power,Solar,Wind,Grid,Utilities'),
  media: list('Media,Studios,Publishing,Broadcasting,News,Films'),
  other: list('Group,Holdings,Services,Consulting,Logistics,Ventures'),
};

export const NAME_PREFIXES = list(
  'Nord,Blue,Apex,Alpen,Rhein,Nova,Bright,Iron,Silver,Green,Stern,Lumi,Vertex,Polar,Terra,Quantum,Atlas,Helio,Orbit,Cedar,Falcon,Summit,Harbor,Crystal,Sonnen,Blau,Étoile,Lumière,Soleil,Mont,Élan,Fjord,Øre,Åker,Zephyr,Meridian,Pioneer,Beacon,Kite,Oak',
);
export const NAME_STEMS = [
  '',
  'wind',
  'stein',
  'feld',
  'berg',
  'gate',
  'point',
  'line',
  'wave',
  'stone',
  'light',
  'bridge',
  'mark',
  'port',
  'haven',
  'way',
];

export const TIERS = weighted<'smb' | 'mid_market' | 'enterprise'>([
  ['smb', 55],
  ['mid_market', 30],
  ['enterprise', 15],
]);

export const STAGES = weighted<string>([
  ['subscriber', 24],
  ['lead', 25],
  ['mql', 15],
  ['sql', 10],
  ['opportunity', 8],
  ['customer', 15],
  ['evangelist', 3],
]);
export const STAGE_RANK: Record<string, number> = { subscriber: 0, lead: 1, mql: 2, sql: 3, opportunity: 4, customer: 5, evangelist: 6 };
export const SCORE_RANGE: Record<string, [number, number]> = {
  subscriber: [0, 30],
  lead: [5, 50],
  mql: [40, 70],
  sql: [55, 85],
  opportunity: [60, 95],
  customer: [45, 100],
  evangelist: [70, 100],
};
export const ACTIVITY_MEAN: Record<string, number> = { subscriber: 1, lead: 2, mql: 3, sql: 5, opportunity: 7, customer: 6, evangelist: 6 };
export const NEVER_CONTACTED: Record<string, number> = {
  subscriber: 0.45,
  lead: 0.22,
  mql: 0.12,
  sql: 0.05,
  opportunity: 0.03,
  customer: 0.05,
  evangelist: 0.05,
};

export const SOURCES = weighted<string>([
  ['website', 30],
  ['referral', 12],
  ['event', 12],
  ['paid', 18],
  ['outbound', 15],
  ['import', 13],
]);

export const JOB_TITLES = list(
  'CEO,CTO,CFO,COO,VP Sales,VP Marketing,Head of Marketing,Marketing Manager,Sales Manager,Account Executive,Software Engineer,Engineering Manager,Product Manager,Procurement Manager,Office Manager,IT Director,Data Analyst,Operations Manager,HR Manager,Founder,Customer Success Manager,Growth Lead',
);
export const LOCAL_TITLES: Partial<Record<Locale, string[]>> = {
  de: list('Geschäftsführer,Geschäftsführerin,Leiter Vertrieb,Einkaufsleiterin,Marketingleiter'),
  fr: list('Directeur commercial,Responsable marketing,Directrice générale,Chef de projet,Acheteuse'),
  es: list('Jefe de ventas,Directora de marketing,Director técnico'),
  nordic: list('Försäljningschef,Salgssjef,Markedsføringschef'),
};

export const DEAL_STAGES = weighted<string>([
  ['appointment', 14],
  ['qualified', 14],
  ['proposal', 14],
  ['negotiation', 10],
  ['closed_won', 26],
  ['closed_lost', 22],
]);
export const DEAL_PRODUCTS = list(
  'Platform licence,Annual renewal,Pilot,Enterprise upgrade,Onboarding package,Expansion,Support plan,Analytics add-on,Multi-year agreement,Seats top-up',
);
export const OWNERS = list(
  'anna.schmidt@acme-sales.example,lukas.weber@acme-sales.example,chloe.martin@acme-sales.example,jose.garcia@acme-sales.example,emma.jones@acme-sales.example,soren.nielsen@acme-sales.example,lukasz.nowak@acme-sales.example,priya.sharma@acme-sales.example,mike.obrien@acme-sales.example',
);
export const DEALS_PER_COMPANY: Record<string, number> = { smb: 0.9, mid_market: 1.8, enterprise: 3.5 };
export const AMOUNT_RANGE: Record<string, [number, number]> = {
  smb: [1_000, 25_000],
  mid_market: [10_000, 150_000],
  enterprise: [50_000, 1_200_000],
  none: [500, 10_000],
};

export const ACTIVITY_TYPES = weighted<string>([
  ['email', 35],
  ['call', 25],
  ['meeting', 15],
  ['note', 15],
  ['task', 10],
]);
export const ACTIVITY_SUBJECTS: Record<string, string[]> = {
  call: list('Intro call,Discovery call,Follow-up call,Left voicemail,Pricing discussion,Rückruf vereinbart,Appel de suivi'),
  email: list('Sent pricing,Re: proposal,Follow-up email,Intro email,Case study sent,Envoi de la proposition,Angebot verschickt'),
  meeting: list('Product demo,On-site visit,QBR,Kick-off meeting,Workshop,Réunion de lancement,Vertragsbesprechung'),
  note: list(
    'Budget approved,Champion left the company,Interested in the API,Prefers email,Evaluating a competitor,Entscheidung im nächsten Quartal',
  ),
  task: list('Send contract,Prepare proposal,Schedule demo,Update billing details,Relancer le client'),
};

export const TAGS: [string, number][] = [
  ['Newsletter', 30],
  ['Webinar attendee', 14],
  ['Trade show', 10],
  ['Decision maker', 12],
  ['Technical buyer', 9],
  ['VIP', 4],
  ['Partner', 5],
  ['Beta tester', 4],
  ['Churn risk', 5],
  ['Key account', 5],
  ['Do not call', 3],
  ['Re-engaged', 4],
  ['Referral program', 4],
  ['Procurement', 5],
  ['Événement Paris', 4],
  ['München Meetup', 4],
];

export const ENGAGEMENT = weighted<[number, number]>([
  // [P(open | delivered), P(click | opened)]
  [[0.75, 0.45], 15],
  [[0.35, 0.22], 35],
  [[0.08, 0.1], 35],
  [[0, 0], 15],
]);

export const MONTHS = list('January,February,March,April,May,June,July,August,September,October,November,December');

/** Subjects of the one-off campaigns, picked by send slot. */
export const CAMPAIGN_TOPICS = list(
  'Customer survey,Webinar: data privacy in the EU,Spring product launch,Événement Paris – invitation,Case study: Müller & Söhne,Summer offer,Q3 release notes,Partner program,Black Friday offer,Year in review,Product update',
);
