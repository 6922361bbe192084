/**
 * Demo data for the playground CRM (SPEC.md §2): companies, contacts, deals, activities, campaigns,
 * email events and tags, realistic enough that every segment condition has something to find.
 *
 *   npm run seed -- --contacts 5000 [--seed 42] [--reset] [--now 2025-06-01T12:00:00Z] [--batch-size 5000]
 *
 * `seed(strapi, options)` is the reusable part (tests call it on a loaded Strapi). It is deterministic:
 * the same `seed`, `now`, `contacts` and `batchSize` give the same rows (ids and documentIds included).
 * Rows are generated and inserted in streaming batches (a batch of contacts with all their related rows,
 * one transaction per batch, bulk inserts chunked under the bind-variable limits of SQLite / PostgreSQL /
 * MySQL), so memory stays bounded whatever the number of contacts. Ids are explicit and sequential; on
 * PostgreSQL the id sequences are moved past them afterwards.
 */
import path from 'node:path';
import type { Core } from '@strapi/strapi';

type Strapi = Core.Strapi;
type Row = Record<string, unknown>;

/* ------------------------------------------------------------------------------------------------
 * Public API
 * ---------------------------------------------------------------------------------------------- */

export const CRM_UIDS = {
  contact: 'api::contact.contact',
  company: 'api::company.company',
  deal: 'api::deal.deal',
  activity: 'api::activity.activity',
  campaign: 'api::campaign.campaign',
  emailEvent: 'api::email-event.email-event',
  tag: 'api::tag.tag',
} as const;

type CrmType = keyof typeof CRM_UIDS;
const CRM_TYPES = Object.keys(CRM_UIDS) as CrmType[];

export interface SeedProgress {
  /** contacts written so far */
  contacts: number;
  /** contacts requested */
  total: number;
  /** rows written so far, all tables (link tables included) */
  rows: number;
}

export interface SeedOptions {
  /** number of contacts to create (companies, deals, activities, events scale with it) */
  contacts: number;
  /** PRNG seed, default 42 */
  seed?: number;
  /** the reference time every generated date is relative to; default: the current time */
  now?: Date | string | number;
  /** contacts per generated batch (and transaction), default 5000; part of the data's identity */
  batchSize?: number;
  /** delete every CRM row first; without it, seeding a non-empty CRM throws */
  reset?: boolean;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedSummary {
  contacts: number;
  companies: number;
  deals: number;
  activities: number;
  campaigns: number;
  emailEvents: number;
  tags: number;
  /** rows written in relation (join) tables */
  links: number;
  /** every row written, links included */
  rows: number;
  seed: number;
  /** ISO-8601 of the `now` the data was generated against */
  now: string;
  durationMs: number;
}

export class CrmNotEmptyError extends Error {
  constructor(public counts: Record<CrmType, number>) {
    super(
      `The CRM already holds data (${CRM_TYPES.filter((t) => counts[t] > 0)
        .map((t) => `${counts[t]} ${t}`)
        .join(', ')}); pass reset to delete it first.`
    );
    this.name = 'CrmNotEmptyError';
  }
}

/** Row count of every CRM table. */
export async function crmCounts(strapi: Strapi): Promise<Record<CrmType, number>> {
  const out = {} as Record<CrmType, number>;
  for (const type of CRM_TYPES) {
    const row = (await strapi.db.getConnection(tableOf(strapi, type)).count({ n: '*' }).first()) as any;
    out[type] = Number(row?.n ?? 0);
  }
  return out;
}

/**
 * Deletes every CRM row, and every relation row pointing at one (e.g. static list members, which
 * would otherwise dangle).
 */
export async function resetCrm(strapi: Strapi): Promise<void> {
  const uids = new Set<string>(Object.values(CRM_UIDS));
  const joinTables = new Set<string>();
  for (const meta of (strapi.db.metadata as any).values()) {
    for (const attr of Object.values<any>(meta.attributes)) {
      if (attr?.joinTable && (uids.has(meta.uid) || uids.has(attr.target))) joinTables.add(attr.joinTable.name);
    }
  }
  const schema = strapi.db.getSchemaName();
  await strapi.db.connection.transaction(async (trx) => {
    const q = (table: string) => (schema ? trx(table).withSchema(schema) : trx(table));
    for (const table of joinTables) await q(table).del();
    for (const type of CRM_TYPES) await q(tableOf(strapi, type)).del();
  });
}

/** Generates and inserts the demo CRM. See the file comment. */
export async function seed(strapi: Strapi, options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const contacts = Math.floor(Number(options.contacts));
  if (!Number.isFinite(contacts) || contacts < 0) throw new Error('seed: contacts must be a number >= 0');
  const seedValue = Math.floor(Number(options.seed ?? 42));
  const batchSize = Math.max(1, Math.floor(Number(options.batchSize ?? 5000)));
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) throw new Error(`seed: invalid now ${String(options.now)}`);

  if (options.reset) await resetCrm(strapi);
  else {
    const counts = await crmCounts(strapi);
    if (CRM_TYPES.some((t) => counts[t] > 0)) throw new CrmNotEmptyError(counts);
  }

  const ctx = await createContext(strapi, seedValue, now.getTime());
  const writer = await new Writer(strapi).init();

  // Global rows first: tags and campaigns.
  const globals = generateGlobals(ctx);
  await writer.write(globals);
  options.onProgress?.({ contacts: 0, total: contacts, rows: writer.rows });

  let done = 0;
  for (let batch = 0; done < contacts; batch++) {
    const n = Math.min(batchSize, contacts - done);
    const tables = generateBatch(ctx, batch, n);
    await writer.write(tables);
    done += n;
    options.onProgress?.({ contacts: done, total: contacts, rows: writer.rows });
  }

  await resetSequences(strapi);

  return {
    contacts: writer.count(ctx.tables.contact),
    companies: writer.count(ctx.tables.company),
    deals: writer.count(ctx.tables.deal),
    activities: writer.count(ctx.tables.activity),
    campaigns: writer.count(ctx.tables.campaign),
    emailEvents: writer.count(ctx.tables.emailEvent),
    tags: writer.count(ctx.tables.tag),
    links: writer.rows - CRM_TYPES.reduce((sum, t) => sum + writer.count(ctx.tables[t]), 0),
    rows: writer.rows,
    seed: seedValue,
    now: now.toISOString(),
    durationMs: Date.now() - started,
  };
}

/* ------------------------------------------------------------------------------------------------
 * Deterministic randomness
 * ---------------------------------------------------------------------------------------------- */

/** mulberry32: a small, fast 32-bit PRNG; floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bijective 32-bit integer mix (lowbias32). */
function mix32(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

type Weighted<T> = { items: T[]; cum: number[]; total: number };
function weighted<T>(pairs: [T, number][]): Weighted<T> {
  const items: T[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const [item, w] of pairs) {
    total += w;
    items.push(item);
    cum.push(total);
  }
  return { items, cum, total };
}

class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(min = 0, max = 1) {
    return min + (max - min) * this.next();
  }
  /** integer in [min, max] */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  pickW<T>(w: Weighted<T>): T {
    const x = this.next() * w.total;
    let lo = 0;
    let hi = w.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return w.items[lo];
  }
  /** log-uniform integer in [min, max] */
  logInt(min: number, max: number) {
    return Math.min(max, Math.floor(Math.exp(this.float(Math.log(min), Math.log(max + 1)))));
  }
  /** geometric count with the given mean (>= 0) */
  geometric(mean: number) {
    if (mean <= 0) return 0;
    const p = 1 / (1 + mean);
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }
}

/* ------------------------------------------------------------------------------------------------
 * Reference data
 * ---------------------------------------------------------------------------------------------- */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const YEAR = 365 * DAY;

const list = (s: string) => s.split(',').map((x) => x.trim());

type Locale = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pl' | 'nordic' | 'pt' | 'ja' | 'in';

const NAMES: Record<Locale, { first: string[]; last: string[]; mail: string[] }> = {
  en: {
    first: list('James,Mary,John,Patricia,Robert,Jennifer,Michael,Linda,William,Elizabeth,David,Sarah,Emily,Daniel,Olivia,Liam,Emma,Noah,Ava,Ethan,Chloe,Zoe,Sean,Siobhán,Aoife,Grace,Jack,Megan,Ryan,Hannah,Zoë,Renée'),
    last: list("Smith,Johnson,Williams,Brown,Jones,Miller,Davis,Wilson,Anderson,Taylor,Thomas,Moore,Jackson,White,Harris,Clark,Lewis,Walker,Hall,Young,King,O'Brien,O'Connor,McDonald,MacLeod,Nguyen,Kim,Chen,Muller,Garcia"),
    mail: list('gmail.com,outlook.com,yahoo.com,icloud.com,hotmail.com'),
  },
  de: {
    first: list('Jürgen,Björn,Jörg,Günter,Anna,Lena,Lukas,Maximilian,Sophie,Katrin,Matthias,Ömer,Uwe,Stefan,Julia,Felix,Hannah,Tobias,Jana,Käthe,Sören,Jürgen,Mia,Leon,Ayşe,Greta'),
    last: list('Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schäfer,Koch,Bauer,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,Zimmermann,Braun,Krüger,Hofmann,Hartmann,Lange,Krause,Köhler,Weiß,Groß,Jäger,Vogel,Yılmaz,Şahin,Öztürk,Mueller'),
    mail: list('gmail.com,web.de,gmx.de,t-online.de,outlook.de'),
  },
  fr: {
    first: list('Zoë,Hélène,François,Chloé,Léa,Inès,Mathéo,Clément,Amélie,Aurélie,Jérôme,Camille,Émile,Noël,Gaëlle,Lucas,Hugo,Manon,Louis,Océane,Raphaël,Benoît,Céline,Zoé,Zoe'),
    last: list('Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,Laurent,Lefèvre,Michel,Garcia,Bertrand,Roux,Vincent,Fournier,Girard,Bonnet,Dupont,Lambert,Fontaine,Rousseau,Mercier,Faure,Chevalier,Gauthier,Lemaître'),
    mail: list('gmail.com,orange.fr,free.fr,laposte.net,outlook.fr,sfr.fr'),
  },
  es: {
    first: list('José,María,Jesús,Lucía,Álvaro,Sofía,Martín,Inés,Pablo,Carmen,Javier,Elena,Sergio,Nuria,Ángel,Begoña,Jose'),
    last: list('García,Rodríguez,González,Fernández,López,Martínez,Sánchez,Pérez,Gómez,Jiménez,Ruiz,Hernández,Díaz,Moreno,Muñoz,Álvarez,Núñez,Peña,Ibáñez,Castaño'),
    mail: list('gmail.com,hotmail.es,yahoo.es,outlook.es'),
  },
  it: {
    first: list('Giuseppe,Francesca,Niccolò,Lucia,Matteo,Chiara,Andrea,Giulia,Nicolò,Alessandro,Federica,Lorenzo,Martina'),
    last: list('Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,De Luca,Mancini,Costa,Lombardi,Fabbri'),
    mail: list('gmail.com,libero.it,virgilio.it,outlook.it'),
  },
  nl: {
    first: list('Daan,Sanne,Joris,Eva,Bram,Fleur,Ruud,Anouk,Thijs,Lotte,Sem,Noor'),
    last: list('de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters'),
    mail: list('gmail.com,ziggo.nl,kpnmail.nl,outlook.com'),
  },
  pl: {
    first: list('Łukasz,Paweł,Małgorzata,Wojciech,Agnieszka,Katarzyna,Michał,Krzysztof,Zofia,Grzegorz,Joanna,Bartłomiej,Lukasz'),
    last: list('Kowalski,Nowak,Wiśniewski,Wójcik,Kowalczyk,Kamiński,Lewandowski,Zieliński,Szymański,Woźniak,Dąbrowski,Kozłowski,Jankowski,Mazur,Krawczyk,Wróbel'),
    mail: list('gmail.com,wp.pl,onet.pl,interia.pl,o2.pl'),
  },
  nordic: {
    first: list('Søren,Åsa,Bjørn,Mette,Jørgen,Ingrid,Lars,Sigrid,Kjell,Märta,Åke,Frida,Mikael,Anders,Kirsten,Linnéa,Väinö,Aino,Soren'),
    last: list('Jørgensen,Nielsen,Hansen,Pedersen,Andersen,Sørensen,Lindström,Johansson,Karlsson,Nyström,Bergström,Åberg,Østergaard,Halvorsen,Virtanen,Mäkinen,Häkkinen'),
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

interface Country {
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

const COUNTRIES = weighted<Country>([
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

const INDUSTRIES = weighted<string>([
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

const INDUSTRY_WORDS: Record<string, string[]> = {
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

const NAME_PREFIXES = list(
  'Nord,Blue,Apex,Alpen,Rhein,Nova,Bright,Iron,Silver,Green,Stern,Lumi,Vertex,Polar,Terra,Quantum,Atlas,Helio,Orbit,Cedar,Falcon,Summit,Harbor,Crystal,Sonnen,Blau,Étoile,Lumière,Soleil,Mont,Élan,Fjord,Øre,Åker,Zephyr,Meridian,Pioneer,Beacon,Kite,Oak'
);
const NAME_STEMS = ['', 'wind', 'stein', 'feld', 'berg', 'gate', 'point', 'line', 'wave', 'stone', 'light', 'bridge', 'mark', 'port', 'haven', 'way'];

const TIERS = weighted<'smb' | 'mid_market' | 'enterprise'>([
  ['smb', 55],
  ['mid_market', 30],
  ['enterprise', 15],
]);

const STAGES = weighted<string>([
  ['subscriber', 24],
  ['lead', 25],
  ['mql', 15],
  ['sql', 10],
  ['opportunity', 8],
  ['customer', 15],
  ['evangelist', 3],
]);
const STAGE_RANK: Record<string, number> = { subscriber: 0, lead: 1, mql: 2, sql: 3, opportunity: 4, customer: 5, evangelist: 6 };
const SCORE_RANGE: Record<string, [number, number]> = {
  subscriber: [0, 30],
  lead: [5, 50],
  mql: [40, 70],
  sql: [55, 85],
  opportunity: [60, 95],
  customer: [45, 100],
  evangelist: [70, 100],
};
const ACTIVITY_MEAN: Record<string, number> = { subscriber: 1, lead: 2, mql: 3, sql: 5, opportunity: 7, customer: 6, evangelist: 6 };
const NEVER_CONTACTED: Record<string, number> = { subscriber: 0.45, lead: 0.22, mql: 0.12, sql: 0.05, opportunity: 0.03, customer: 0.05, evangelist: 0.05 };

const SOURCES = weighted<string>([
  ['website', 30],
  ['referral', 12],
  ['event', 12],
  ['paid', 18],
  ['outbound', 15],
  ['import', 13],
]);

const JOB_TITLES = list(
  'CEO,CTO,CFO,COO,VP Sales,VP Marketing,Head of Marketing,Marketing Manager,Sales Manager,Account Executive,Software Engineer,Engineering Manager,Product Manager,Procurement Manager,Office Manager,IT Director,Data Analyst,Operations Manager,HR Manager,Founder,Customer Success Manager,Growth Lead'
);
const LOCAL_TITLES: Partial<Record<Locale, string[]>> = {
  de: list('Geschäftsführer,Geschäftsführerin,Leiter Vertrieb,Einkaufsleiterin,Marketingleiter'),
  fr: list('Directeur commercial,Responsable marketing,Directrice générale,Chef de projet,Acheteuse'),
  es: list('Jefe de ventas,Directora de marketing,Director técnico'),
  nordic: list('Försäljningschef,Salgssjef,Markedsføringschef'),
};

const DEAL_STAGES = weighted<string>([
  ['appointment', 14],
  ['qualified', 14],
  ['proposal', 14],
  ['negotiation', 10],
  ['closed_won', 26],
  ['closed_lost', 22],
]);
const DEAL_PRODUCTS = list(
  'Platform licence,Annual renewal,Pilot,Enterprise upgrade,Onboarding package,Expansion,Support plan,Analytics add-on,Multi-year agreement,Seats top-up'
);
const OWNERS = list(
  'anna.schmidt@acme-sales.example,lukas.weber@acme-sales.example,chloe.martin@acme-sales.example,jose.garcia@acme-sales.example,emma.jones@acme-sales.example,soren.nielsen@acme-sales.example,lukasz.nowak@acme-sales.example,priya.sharma@acme-sales.example,mike.obrien@acme-sales.example'
);
const DEALS_PER_COMPANY: Record<string, number> = { smb: 0.9, mid_market: 1.8, enterprise: 3.5 };
const AMOUNT_RANGE: Record<string, [number, number]> = {
  smb: [1_000, 25_000],
  mid_market: [10_000, 150_000],
  enterprise: [50_000, 1_200_000],
  none: [500, 10_000],
};

const ACTIVITY_TYPES = weighted<string>([
  ['email', 35],
  ['call', 25],
  ['meeting', 15],
  ['note', 15],
  ['task', 10],
]);
const ACTIVITY_SUBJECTS: Record<string, string[]> = {
  call: list('Intro call,Discovery call,Follow-up call,Left voicemail,Pricing discussion,Rückruf vereinbart,Appel de suivi'),
  email: list('Sent pricing,Re: proposal,Follow-up email,Intro email,Case study sent,Envoi de la proposition,Angebot verschickt'),
  meeting: list('Product demo,On-site visit,QBR,Kick-off meeting,Workshop,Réunion de lancement,Vertragsbesprechung'),
  note: list('Budget approved,Champion left the company,Interested in the API,Prefers email,Evaluating a competitor,Entscheidung im nächsten Quartal'),
  task: list('Send contract,Prepare proposal,Schedule demo,Update billing details,Relancer le client'),
};

const TAGS: [string, number][] = [
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

const ENGAGEMENT = weighted<[number, number]>([
  // [P(open | delivered), P(click | opened)]
  [[0.75, 0.45], 15],
  [[0.35, 0.22], 35],
  [[0.08, 0.1], 35],
  [[0, 0], 15],
]);

const MONTHS = list('January,February,March,April,May,June,July,August,September,October,November,December');

/* ------------------------------------------------------------------------------------------------
 * Generation
 * ---------------------------------------------------------------------------------------------- */

interface Link {
  table: string;
  join: string;
  inverse: string;
  order?: string;
  inverseOrder?: string;
}

interface Campaign {
  id: number;
  sentAt: number | null;
  reach: number;
  /** A/B split: both variants of a pair share `pair`; a contact in the pair's audience gets one */
  pair?: number;
  variant?: number;
  ord: number;
}

interface Ctx {
  strapi: Strapi;
  seed: number;
  now: number;
  tables: Record<CrmType, string>;
  columns: Record<CrmType, Record<string, string>>;
  links: {
    contactCompany: Link;
    contactTags: Link;
    dealContacts: Link;
    dealCompany: Link;
    activityContact: Link;
    eventContact: Link;
    eventCampaign: Link;
  };
  nextId: Record<CrmType, number>;
  tags: { id: number; ord: number }[];
  tagWeights: Weighted<number>;
  campaigns: Campaign[];
  /** bulk-import dates for source=import contacts */
  importDates: number[];
  idSalt: Record<CrmType, number>;
}

type Tables = Map<string, Row[]>;

function tableOf(strapi: Strapi, type: CrmType): string {
  return strapi.db.metadata.get(CRM_UIDS[type]).tableName;
}

function linkOf(strapi: Strapi, type: CrmType, attribute: string): Link {
  const attr = (strapi.db.metadata.get(CRM_UIDS[type]).attributes as any)[attribute];
  const jt = attr?.joinTable;
  if (!jt) throw new Error(`seed: ${CRM_UIDS[type]}.${attribute} has no join table`);
  return {
    table: jt.name,
    join: jt.joinColumn.name,
    inverse: jt.inverseJoinColumn.name,
    order: jt.orderColumnName,
    inverseOrder: jt.inverseOrderColumnName,
  };
}

async function createContext(strapi: Strapi, seedValue: number, now: number): Promise<Ctx> {
  const tables = {} as Record<CrmType, string>;
  const columns = {} as Record<CrmType, Record<string, string>>;
  const nextId = {} as Record<CrmType, number>;
  for (const type of CRM_TYPES) {
    const meta = strapi.db.metadata.get(CRM_UIDS[type]);
    tables[type] = meta.tableName;
    columns[type] = {};
    for (const [name, attr] of Object.entries<any>(meta.attributes)) {
      if (attr.type !== 'relation' && attr.columnName) columns[type][name] = attr.columnName;
    }
    const row = (await strapi.db.getConnection(meta.tableName).max({ m: 'id' }).first()) as any;
    nextId[type] = Number(row?.m ?? 0) + 1;
  }
  const rng = new Rng(hashString(`${seedValue}:context`));
  const importDates = [0, 1, 2, 3].map(() => now - rng.int(40, 3 * 365 - 10) * DAY - rng.int(0, 23) * HOUR);
  return {
    strapi,
    seed: seedValue,
    now,
    tables,
    columns,
    links: {
      contactCompany: linkOf(strapi, 'contact', 'company'),
      contactTags: linkOf(strapi, 'contact', 'tags'),
      dealContacts: linkOf(strapi, 'deal', 'contacts'),
      dealCompany: linkOf(strapi, 'deal', 'company'),
      activityContact: linkOf(strapi, 'activity', 'contact'),
      eventContact: linkOf(strapi, 'emailEvent', 'contact'),
      eventCampaign: linkOf(strapi, 'emailEvent', 'campaign'),
    },
    nextId,
    tags: [],
    tagWeights: weighted([]),
    campaigns: [],
    importDates,
    idSalt: Object.fromEntries(CRM_TYPES.map((t) => [t, hashString(`${seedValue}:${t}`)])) as Record<CrmType, number>,
  };
}

const TYPE_LETTER: Record<CrmType, string> = {
  contact: 'c',
  company: 'o',
  deal: 'd',
  activity: 'a',
  campaign: 'm',
  emailEvent: 'e',
  tag: 't',
};

/**
 * A 24-character [a-z0-9] documentId, unique per type by construction (a bijection of the row id),
 * random-looking and deterministic for a seed.
 */
function documentId(ctx: Ctx, type: CrmType, id: number): string {
  const salt = ctx.idSalt[type];
  const unique = mix32((id ^ salt) >>> 0)
    .toString(36)
    .padStart(7, '0');
  const r = mulberry32(mix32(id + salt));
  let filler = '';
  while (filler.length < 16) filler += Math.floor(r() * 2176782336).toString(36).padStart(6, '0');
  return TYPE_LETTER[type] + filler.slice(0, 16) + unique;
}

/** Builds an entity row with column names from the metadata; every row of a type has every column. */
function entity(ctx: Ctx, type: CrmType, id: number, createdAt: number, updatedAt: number, values: Row): Row {
  const cols = ctx.columns[type];
  const row: Row = {
    [cols.id ?? 'id']: id,
    [cols.documentId ?? 'document_id']: documentId(ctx, type, id),
    [cols.createdAt ?? 'created_at']: new Date(createdAt),
    [cols.updatedAt ?? 'updated_at']: new Date(updatedAt),
    [cols.publishedAt ?? 'published_at']: new Date(createdAt),
    [cols.locale ?? 'locale']: null,
  };
  for (const [attr, value] of Object.entries(values)) {
    const col = cols[attr];
    if (!col) throw new Error(`seed: ${CRM_UIDS[type]} has no column for ${attr}`);
    row[col] = value === undefined ? null : value;
  }
  return row;
}

function push(tables: Tables, table: string, row: Row) {
  let rows = tables.get(table);
  if (!rows) tables.set(table, (rows = []));
  rows.push(row);
}

function linkRow(link: Link, ownerId: number, targetId: number, order?: number, inverseOrder?: number): Row {
  const row: Row = { [link.join]: ownerId, [link.inverse]: targetId };
  if (link.order) row[link.order] = order ?? null;
  if (link.inverseOrder) row[link.inverseOrder] = inverseOrder ?? null;
  return row;
}

function generateGlobals(ctx: Ctx): Tables {
  const out: Tables = new Map();
  const rng = new Rng(hashString(`${ctx.seed}:globals`));
  const { now } = ctx;

  // Tags
  const tagWeights: [number, number][] = [];
  for (const [name, weight] of TAGS) {
    const id = ctx.nextId.tag++;
    const created = now - 3 * YEAR + rng.int(0, 400) * DAY;
    push(out, ctx.tables.tag, entity(ctx, 'tag', id, created, created, { name }));
    ctx.tags.push({ id, ord: 0 });
    tagWeights.push([ctx.tags.length - 1, weight]);
  }
  ctx.tagWeights = weighted(tagWeights);

  // Campaigns: 11 send slots over the last year (one of them an A/B pair sent at the same instant),
  // then one scheduled in the future and one draft.
  const topics = list(
    'Customer survey,Webinar: data privacy in the EU,Spring product launch,Événement Paris – invitation,Case study: Müller & Söhne,Summer offer,Q3 release notes,Partner program,Black Friday offer,Year in review,Product update'
  );
  type Spec = { name: string; subject: string; sentAt: number | null; reach: number; pair?: number; variant?: number };
  const specs: Spec[] = [];
  for (let slot = 10; slot >= 0; slot--) {
    const day = now - (slot * 33 + rng.int(3, 8)) * DAY;
    const sentAt = day - (day % DAY) + (7 * 60 + rng.int(0, 150)) * MINUTE + rng.int(0, 59) * 1000;
    const month = MONTHS[new Date(sentAt).getUTCMonth()];
    const year = new Date(sentAt).getUTCFullYear();
    if (slot === 5) {
      const topic = 'Product update';
      specs.push({ name: `${topic} ${month} ${year} (A)`, subject: 'What’s new this month', sentAt, reach: 0.8, pair: slot, variant: 0 });
      specs.push({ name: `${topic} ${month} ${year} (B)`, subject: 'Five new features you asked for', sentAt, reach: 0.8, pair: slot, variant: 1 });
    } else if (slot % 2 === 0) {
      specs.push({ name: `Newsletter ${month} ${year}`, subject: `Your ${month} update`, sentAt, reach: 0.85 });
    } else {
      const topic = topics[slot % topics.length];
      specs.push({ name: topic, subject: topic, sentAt, reach: rng.float(0.3, 0.6) });
    }
  }
  const scheduled = now + rng.int(5, 12) * DAY;
  specs.push({ name: 'Newsletter (scheduled)', subject: 'Coming up next month', sentAt: scheduled - (scheduled % DAY) + 8 * HOUR, reach: 0 });
  specs.push({ name: 'Win-back campaign (draft)', subject: 'We miss you', sentAt: null, reach: 0 });

  let previousCreated = 0;
  for (const spec of specs) {
    const id = ctx.nextId.campaign++;
    const ref = spec.sentAt ?? now;
    // created some days before it was sent (never after now); variant B just after A, so ids follow
    // creation order
    const created =
      spec.variant === 1
        ? previousCreated + 17 * MINUTE
        : Math.min(now - rng.int(1, 48) * HOUR, ref - rng.int(3, 14) * DAY) - rng.int(0, 3_599) * 1000;
    previousCreated = created;
    push(
      out,
      ctx.tables.campaign,
      entity(ctx, 'campaign', id, created, spec.sentAt !== null && spec.sentAt <= now ? spec.sentAt : created, {
        name: spec.name,
        subject: spec.subject,
        sentAt: spec.sentAt === null ? null : new Date(spec.sentAt),
      })
    );
    ctx.campaigns.push({ id, sentAt: spec.sentAt, reach: spec.reach, pair: spec.pair, variant: spec.variant, ord: 0 });
  }
  return out;
}

function fold(s: string): string {
  return s
    .replace(/ß/g, 'ss')
    .replace(/[ØøŁłıƒ]/g, (c) => ({ Ø: 'O', ø: 'o', Ł: 'L', ł: 'l', ı: 'i', ƒ: 'f' })[c] ?? c)
    .replace(/[äöüÄÖÜ]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' })[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

function capitalizeParts(s: string) {
  return s.replace(/(^|[.\-_@])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function isoDate(ms: number) {
  return new Date(ms).toISOString().slice(0, 10);
}

interface CompanyGen {
  id: number;
  tier: string;
  country: Country;
  domain: string;
  shortName: string;
  contacts: ContactGen[];
  dealOrd: number;
}

interface ContactGen {
  id: number;
  row: Row;
  stage: string | null;
  createdAt: number;
  company: CompanyGen | null;
  email: string | null;
  unsubscribed: boolean | null;
}

function generateBatch(ctx: Ctx, batch: number, count: number): Tables {
  const out: Tables = new Map();
  const rng = new Rng(hashString(`${ctx.seed}:batch:${batch}`));
  const { now, links } = ctx;
  const C = ctx.columns;

  /* Companies: about one per 8 contacts */
  const companies: CompanyGen[] = [];
  const nCompanies = Math.max(1, Math.round(count / 8));
  for (let i = 0; i < nCompanies; i++) {
    const id = ctx.nextId.company++;
    const country = rng.pickW(COUNTRIES);
    const industry = rng.pickW(INDUSTRIES);
    const tier = rng.pickW(TIERS);
    const employees =
      tier === 'smb' ? rng.logInt(1, 199) : tier === 'mid_market' ? rng.logInt(200, 1999) : rng.logInt(2000, 150_000);
    const revenue = employees * rng.float(40_000, 260_000);
    const revenueRange =
      revenue < 1e6 ? 'under_1m' : revenue < 1e7 ? 'from_1m_to_10m' : revenue < 5e7 ? 'from_10m_to_50m' : revenue < 2.5e8 ? 'from_50m_to_250m' : 'over_250m';
    const root = rng.pick(NAME_PREFIXES) + rng.pick(NAME_STEMS);
    const word = rng.pick(INDUSTRY_WORDS[industry]);
    const shortName = `${root} ${word}`;
    const name = `${shortName} ${rng.pick(country.legal)}`;
    const domain = `${fold(root)}${rng.chance(0.5) ? '-' + fold(word) : ''}.${country.tld}`;
    const created = now - rng.int(30, 3 * 365) * DAY - rng.int(0, DAY);

    let countryValue: string | null = country.name;
    const r = rng.float();
    if (r < 0.01) countryValue = null;
    else if (r < 0.013) countryValue = '';
    else if (r < 0.02) countryValue = country.name.toLowerCase();
    else if (r < 0.025) countryValue = country.name.toUpperCase();

    const row = entity(ctx, 'company', id, created, created + rng.int(0, now - created), {
      name: rng.chance(0.005) ? null : name,
      domain: rng.chance(0.03) ? (rng.chance(0.5) ? null : '') : domain,
      industry: rng.chance(0.01) ? null : industry,
      employees: rng.chance(0.02) ? null : employees,
      country: countryValue,
      revenueRange: rng.chance(0.03) ? null : revenueRange,
      tier: rng.chance(0.01) ? null : tier,
    });
    push(out, ctx.tables.company, row);
    companies.push({ id, tier, country, domain, shortName, contacts: [], dealOrd: 0 });
  }
  const companyPick = weighted<CompanyGen>(
    companies.map((c) => [c, (c.tier === 'enterprise' ? 4 : c.tier === 'mid_market' ? 2 : 1) * rng.float(0.3, 1.7)])
  );

  /* Contacts */
  const contacts: ContactGen[] = [];
  for (let i = 0; i < count; i++) {
    const id = ctx.nextId.contact++;
    const company = rng.chance(0.9) ? rng.pickW(companyPick) : null;
    const country = company ? (rng.chance(0.92) ? company.country : rng.pickW(COUNTRIES)) : rng.pickW(COUNTRIES);
    const names = NAMES[country.locale];
    const first = rng.pick(names.first);
    const last = rng.pick(names.last);
    const source = rng.chance(0.02) ? null : rng.pickW(SOURCES);
    const stage = rng.chance(0.01) ? null : rng.pickW(STAGES);

    let createdAt: number;
    if (source === 'import' && rng.chance(0.85)) createdAt = rng.pick(ctx.importDates) + rng.int(0, 20 * MINUTE);
    else createdAt = now - Math.floor(3 * YEAR * (1 - Math.sqrt(rng.float())));
    createdAt = Math.min(createdAt, now - rng.int(0, HOUR));

    // Email: mostly work addresses at the company's domain, some free-mail, some mixed case, a few empty
    let email: string | null;
    const f = fold(first) || 'contact';
    const l = fold(last) || String(id);
    const pattern = rng.int(0, 4);
    const localPart = [`${f}.${l}`, `${f.charAt(0)}.${l}`, `${f}${l}`, `${f}_${l}`, `${f}`][pattern];
    if (rng.chance(0.006)) email = null;
    else if (rng.chance(0.004)) email = '';
    else if (company && rng.chance(0.85)) email = `${pattern === 4 ? `${f}.${l}` : localPart}@${company.domain}`;
    else email = `${localPart}${rng.chance(0.6) ? rng.int(1, 999) : ''}@${rng.pick(names.mail)}`;
    if (email) {
      const r = rng.float();
      if (r < 0.1) email = capitalizeParts(email);
      else if (r < 0.12) email = email.toUpperCase();
    }

    const nameCase = (s: string) => {
      const r = rng.float();
      return r < 0.03 ? s.toLowerCase() : r < 0.045 ? s.toUpperCase() : s;
    };
    const firstName = rng.chance(0.008) ? null : rng.chance(0.004) ? '' : nameCase(first);
    const lastName = rng.chance(0.008) ? null : rng.chance(0.004) ? '' : nameCase(last);

    const localTitles = LOCAL_TITLES[country.locale];
    const jobTitle = rng.chance(0.08)
      ? null
      : rng.chance(0.01)
        ? ''
        : localTitles && rng.chance(0.25)
          ? rng.pick(localTitles)
          : rng.pick(JOB_TITLES);
    const phone = rng.chance(0.15)
      ? null
      : rng.chance(0.02)
        ? ''
        : `${country.phone} ${rng.int(10, 999)} ${String(rng.int(100000, 9999999)).padStart(7, '0')}`;

    const u = rng.float();
    const unsubscribed = u < 0.005 ? null : u < 0.035;

    const row = entity(ctx, 'contact', id, createdAt, createdAt, {
      firstName,
      lastName,
      email,
      phone,
      jobTitle,
      lifecycleStage: stage,
      leadScore: null,
      source,
      unsubscribed,
    });
    push(out, ctx.tables.contact, row);
    const gen: ContactGen = { id, row, stage, createdAt, company, email, unsubscribed };
    contacts.push(gen);
    if (company) company.contacts.push(gen);
  }

  /* Contact ↔ company links (contact_ord: position in company.contacts) */
  for (const company of companies) {
    company.contacts.forEach((c, i) => push(out, links.contactCompany.table, linkRow(links.contactCompany, c.id, company.id, undefined, i + 1)));
  }

  /* Tags */
  for (const c of contacts) {
    const r = rng.float();
    const n = r < 0.4 ? 0 : r < 0.7 ? 1 : r < 0.88 ? 2 : r < 0.96 ? 3 : 4;
    const chosen = new Set<number>();
    for (let k = 0; k < n * 3 && chosen.size < n; k++) chosen.add(rng.pickW(ctx.tagWeights));
    let ord = 0;
    for (const t of chosen) {
      const tag = ctx.tags[t];
      push(out, links.contactTags.table, linkRow(links.contactTags, c.id, tag.id, ++ord, ++tag.ord));
    }
  }

  /* Deals */
  const dealCounts = new Map<ContactGen, number>();
  const stageWeight = (c: ContactGen) => 1 + (c.stage ? STAGE_RANK[c.stage] : 0) ** 1.5;
  const addDeal = (company: CompanyGen | null, members: ContactGen[]) => {
    const id = ctx.nextId.deal++;
    const stage = rng.pickW(DEAL_STAGES);
    const closed = stage === 'closed_won' || stage === 'closed_lost';
    const closeDate = closed ? now - rng.int(0, 365) * DAY : now + rng.int(-30, 365) * DAY;
    let createdAt = Math.min(now - rng.int(0, 45) * DAY, closeDate - rng.int(7, 240) * DAY);
    createdAt = Math.max(createdAt, now - 3 * YEAR) - rng.int(0, DAY);
    const [lo, hi] = AMOUNT_RANGE[company ? company.tier : 'none'];
    let amount = Math.exp(rng.float(Math.log(lo), Math.log(hi)));
    amount = rng.chance(0.3) ? Math.round(amount / 100) * 100 : Math.round(amount * 100) / 100;
    const product = rng.pick(DEAL_PRODUCTS);
    const owner = rng.chance(0.02) ? null : rng.pick(OWNERS);
    push(
      out,
      ctx.tables.deal,
      entity(ctx, 'deal', id, createdAt, Math.min(now, Math.max(createdAt, closed ? closeDate : now - rng.int(0, 30) * DAY)), {
        name: `${company ? company.shortName : 'Individual'} – ${product}`,
        stage,
        amount: rng.chance(0.01) ? null : amount,
        owner: owner && rng.chance(0.05) ? capitalizeParts(owner) : owner,
        closeDate: rng.chance(0.01) ? null : isoDate(closeDate),
      })
    );
    if (company) push(out, links.dealCompany.table, linkRow(links.dealCompany, id, company.id, undefined, ++company.dealOrd));
    members.forEach((c, i) => {
      const n = (dealCounts.get(c) ?? 0) + 1;
      dealCounts.set(c, n);
      push(out, links.dealContacts.table, linkRow(links.dealContacts, id, c.id, i + 1, n));
      // keep lifecycle stages plausible: won deals make customers, open deals opportunities
      const rank = c.stage ? STAGE_RANK[c.stage] : -1;
      if (stage === 'closed_won' && rank < 5 && rng.chance(0.75)) c.stage = 'customer';
      else if (!closed && rank < 3 && rng.chance(0.5)) c.stage = 'opportunity';
    });
  };
  for (const company of companies) {
    const n = rng.geometric(DEALS_PER_COMPANY[company.tier]);
    for (let k = 0; k < n; k++) {
      const pool = company.contacts;
      const want = pool.length === 0 ? 0 : Math.min(pool.length, rng.chance(0.6) ? 1 : rng.chance(0.7) ? 2 : 3);
      const members = new Set<ContactGen>();
      if (want > 0) {
        const w = weighted(pool.map((c) => [c, stageWeight(c)] as [ContactGen, number]));
        for (let tries = 0; members.size < want && tries < want * 4; tries++) members.add(rng.pickW(w));
      }
      addDeal(company, [...members]);
    }
  }
  for (const c of contacts) if (!c.company && rng.chance(0.05)) addDeal(null, [c]);

  /* Lead score (after stage adjustments) */
  for (const c of contacts) {
    if (c.stage !== c.row[C.contact.lifecycleStage]) c.row[C.contact.lifecycleStage] = c.stage;
    if (!rng.chance(0.03)) {
      const [lo, hi] = SCORE_RANGE[c.stage ?? 'lead'];
      c.row[C.contact.leadScore] = rng.int(lo, hi);
    }
  }

  /* Activities over the last two years; some contacts never contacted */
  for (const c of contacts) {
    const stage = c.stage ?? 'lead';
    if (rng.chance(NEVER_CONTACTED[stage])) continue;
    const n = Math.min(40, 1 + rng.geometric(ACTIVITY_MEAN[stage]));
    const from = Math.max(c.createdAt, now - 2 * YEAR);
    const times: number[] = [];
    for (let k = 0; k < n; k++) times.push(Math.floor(rng.float(from, now)));
    times.sort((a, b) => a - b);
    times.forEach((t, k) => {
      const id = ctx.nextId.activity++;
      const type = rng.pickW(ACTIVITY_TYPES);
      const created = Math.min(now, t + rng.int(0, 2 * HOUR));
      const subject = rng.chance(0.04) ? null : rng.chance(0.02) ? '' : rng.pick(ACTIVITY_SUBJECTS[type]);
      push(out, ctx.tables.activity, entity(ctx, 'activity', id, created, created, { type, subject, occurredAt: new Date(t) }));
      push(out, links.activityContact.table, linkRow(links.activityContact, id, c.id, undefined, k + 1));
    });
  }

  /* Email events for the campaigns already sent */
  const sent = ctx.campaigns.filter((m) => m.sentAt !== null && m.sentAt <= now).sort((a, b) => a.sentAt! - b.sentAt! || a.id - b.id);
  for (const c of contacts) {
    if (!c.email || c.unsubscribed === true) continue;
    const [pOpen, pClick] = rng.pickW(ENGAGEMENT);
    const hardBounce = rng.chance(0.02);
    let ord = 0;
    let unsubscribedNow = false;
    const event = (campaign: Campaign, type: string, at: number) => {
      if (at > now) return;
      const id = ctx.nextId.emailEvent++;
      push(out, ctx.tables.emailEvent, entity(ctx, 'emailEvent', id, at, at, { type, occurredAt: new Date(at) }));
      push(out, links.eventContact.table, linkRow(links.eventContact, id, c.id, undefined, ++ord));
      push(out, links.eventCampaign.table, linkRow(links.eventCampaign, id, campaign.id, undefined, ++campaign.ord));
    };
    const pairChoice = new Map<number, number>();
    for (const m of sent) {
      if (unsubscribedNow) break;
      if (m.sentAt! < c.createdAt) continue;
      if (m.pair !== undefined) {
        if (!pairChoice.has(m.pair)) pairChoice.set(m.pair, rng.chance(m.reach) ? rng.int(0, 1) : -1);
        if (pairChoice.get(m.pair) !== m.variant) continue;
      } else if (!rng.chance(m.reach)) continue;

      const t0 = m.sentAt! + rng.int(5_000, 30 * MINUTE);
      if (hardBounce || rng.chance(0.01)) {
        event(m, 'bounced', t0);
        if (hardBounce) break; // suppressed after a hard bounce
        continue;
      }
      event(m, 'delivered', t0);
      if (!rng.chance(pOpen)) {
        if (rng.chance(0.002)) {
          event(m, 'unsubscribed', t0 + rng.int(MINUTE, 3 * DAY));
          unsubscribedNow = true;
        }
        continue;
      }
      const opened = t0 + Math.min(7 * DAY, Math.floor(-Math.log(1 - rng.float()) * 8 * HOUR));
      event(m, 'opened', opened);
      if (rng.chance(0.2)) event(m, 'opened', opened + rng.int(10 * MINUTE, 2 * DAY));
      if (rng.chance(pClick)) event(m, 'clicked', opened + rng.int(10_000, 20 * MINUTE));
      if (rng.chance(0.006)) {
        event(m, 'unsubscribed', opened + rng.int(10_000, 10 * MINUTE));
        unsubscribedNow = true;
      }
    }
    if (unsubscribedNow) c.row[C.contact.unsubscribed] = true;
  }

  /* updatedAt of contacts: last touch, never before creation */
  for (const c of contacts) {
    const span = now - c.createdAt;
    c.row[C.contact.updatedAt ?? 'updated_at'] = new Date(c.createdAt + Math.floor(span * rng.float() ** 2));
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Writing
 * ---------------------------------------------------------------------------------------------- */

class Writer {
  rows = 0;
  private counts = new Map<string, number>();
  private maxBindings = 999;
  private sqlite: boolean;
  private schema: string | undefined;
  private order: string[];

  constructor(private strapi: Strapi) {
    this.sqlite = strapi.db.dialect.client === 'sqlite';
    // PostgreSQL and MySQL: 65535 placeholders per statement
    if (!this.sqlite) this.maxBindings = 65_000;
    this.schema = strapi.db.getSchemaName();
    // entity tables before the link tables that reference them
    this.order = CRM_TYPES.map((t) => tableOf(strapi, t));
  }

  /** SQLite: SQLITE_MAX_VARIABLE_NUMBER of the linked library (999 before 3.32, 32766 since). */
  async init() {
    if (!this.sqlite) return this;
    const knex = this.strapi.db.connection;
    const options = ((await knex.raw('pragma compile_options')) as any[]).map((r) => String(Object.values(r)[0]));
    const explicit = options.find((o) => o.startsWith('MAX_VARIABLE_NUMBER='));
    if (explicit) this.maxBindings = Number(explicit.split('=')[1]);
    else {
      const [{ v }] = (await knex.raw('select sqlite_version() as v')) as any[];
      const [major, minor] = String(v).split('.').map(Number);
      this.maxBindings = major > 3 || (major === 3 && minor >= 32) ? 32766 : 999;
    }
    if (!(this.maxBindings >= 999)) this.maxBindings = 999;
    return this;
  }

  count(table: string) {
    return this.counts.get(table) ?? 0;
  }

  async write(tables: Tables) {
    const names = [...tables.keys()].sort((a, b) => rank(this.order, a) - rank(this.order, b));
    await this.strapi.db.connection.transaction(async (trx) => {
      for (const table of names) {
        const rows = tables.get(table)!;
        if (rows.length === 0) continue;
        const columns = Object.keys(rows[0]);
        const per = Math.max(1, Math.floor(this.maxBindings / columns.length));
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          if (this.sqlite) {
            // knex compiles SQLite multi-row inserts to `select ... union all select ...`, which is slow
            // to prepare and capped at 500 rows; a VALUES list through the same connection (same
            // binding conversion: Date -> ms, boolean -> 0/1) is several times faster.
            const bindings: unknown[] = [];
            for (const row of chunk) for (const c of columns) bindings.push(row[c] === undefined ? null : row[c]);
            const tuple = `(${columns.map(() => '?').join(',')})`;
            const sql = `insert into \`${table}\` (${columns.map((c) => `\`${c}\``).join(',')}) values ${Array(chunk.length).fill(tuple).join(',')}`;
            await trx.raw(sql, bindings as any[]);
          } else {
            const q = this.schema ? trx(table).withSchema(this.schema) : trx(table);
            await q.insert(chunk);
          }
        }
      }
    });
    for (const [table, rows] of tables) {
      this.counts.set(table, this.count(table) + rows.length);
      this.rows += rows.length;
    }
  }
}

function rank(order: string[], table: string) {
  const i = order.indexOf(table);
  return i < 0 ? order.length : i;
}

/** PostgreSQL: move the id sequences past the explicit ids. */
async function resetSequences(strapi: Strapi) {
  if (strapi.db.dialect.client !== 'postgres') return;
  const schema = strapi.db.getSchemaName() || 'public';
  for (const type of CRM_TYPES) {
    const table = tableOf(strapi, type);
    const qualified = `"${schema}"."${table}"`;
    await strapi.db.connection.raw(
      `select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from ${qualified}), 1), (select max(id) from ${qualified}) is not null)`,
      [qualified]
    );
  }
}

/* ------------------------------------------------------------------------------------------------
 * Booting the playground, and the CLI
 * ---------------------------------------------------------------------------------------------- */

export const PLAYGROUND_DIR = path.resolve(__dirname, '..');

/** Loads the playground app (database from the environment) without listening. */
export async function loadPlayground(options: { serveAdminPanel?: boolean } = {}): Promise<Strapi> {
  process.chdir(PLAYGROUND_DIR);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({
    appDir: PLAYGROUND_DIR,
    distDir: PLAYGROUND_DIR,
    autoReload: false,
    serveAdminPanel: options.serveAdminPanel ?? false,
  });
  await app.load();
  return app as Strapi;
}

function parseArgs(argv: string[]) {
  const args: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [key, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) args[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args[key] = argv[++i];
    else args[key] = true;
  }
  return args;
}

function usage() {
  return 'Usage: npm run seed -- --contacts N [--seed S] [--reset] [--now ISO-8601] [--batch-size B]';
}

async function main() {
  let args: Record<string, string | boolean>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage()}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(usage());
    return;
  }
  const contacts = Number(args.contacts ?? 5000);
  const seedValue = Number(args.seed ?? 42);
  if (!Number.isInteger(contacts) || contacts < 0 || !Number.isInteger(seedValue)) {
    console.error(usage());
    process.exit(2);
  }
  const batchSize = args['batch-size'] === undefined ? undefined : Number(args['batch-size']);
  const now = typeof args.now === 'string' ? args.now : undefined;

  const strapi = await loadPlayground();
  let exitCode = 0;
  try {
    const counts = await crmCounts(strapi);
    if (!args.reset && CRM_TYPES.some((t) => counts[t] > 0)) {
      console.error(`${new CrmNotEmptyError(counts).message.replace('pass reset', 'run with --reset')}`);
      exitCode = 1;
      return;
    }
    const client = strapi.db.dialect.client;
    const where =
      client === 'sqlite' ? (strapi.config.get('database.connection.connection.filename') as string) : `${client} ${strapi.config.get('database.connection.connection.database')}`;
    console.log(`Seeding ${contacts.toLocaleString('en-US')} contacts (seed ${seedValue}) into ${where}${args.reset ? ', after deleting the CRM rows' : ''}`);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cliProgress = require('cli-progress');
    const bar = new cliProgress.SingleBar(
      { format: ' {bar} {percentage}% | {value}/{total} contacts | {rows} rows | {duration_formatted} (ETA {eta_formatted})', hideCursor: true },
      cliProgress.Presets.shades_classic
    );
    bar.start(contacts, 0, { rows: 0 });
    let summary: SeedSummary;
    try {
      summary = await seed(strapi, {
        contacts,
        seed: seedValue,
        now,
        batchSize,
        reset: Boolean(args.reset),
        onProgress: (p) => bar.update(p.contacts, { rows: p.rows.toLocaleString('en-US') }),
      });
    } finally {
      bar.stop();
    }
    const fmt = (n: number) => n.toLocaleString('en-US').padStart(12);
    console.log(
      [
        `Created in ${(summary.durationMs / 1000).toFixed(1)} s (now = ${summary.now}):`,
        `  contacts    ${fmt(summary.contacts)}`,
        `  companies   ${fmt(summary.companies)}`,
        `  deals       ${fmt(summary.deals)}`,
        `  activities  ${fmt(summary.activities)}`,
        `  campaigns   ${fmt(summary.campaigns)}`,
        `  emailEvents ${fmt(summary.emailEvents)}`,
        `  tags        ${fmt(summary.tags)}`,
        `  links       ${fmt(summary.links)}`,
        `  total rows  ${fmt(summary.rows)}`,
      ].join('\n')
    );
  } catch (e) {
    console.error(e);
    exitCode = 1;
  } finally {
    await strapi.destroy();
    process.exit(exitCode);
  }
}

if (require.main === module) {
  main();
}
