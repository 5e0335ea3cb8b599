// Demo content: fictional organisations and people, realistic in shape.
import type { BudgetCategory, OperatingStatus, Sector, UsDonor } from "@prisma/client";

export const DEMO_PASSWORD = "Most-demo-2026";
/** Every demo staff account has this authenticator-app secret (base32); see README. */
export const DEMO_TOTP_SECRET = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";

export const DEMO_ACCOUNTS = [
  { email: "applicant@demo.most", name: "Anna Petrova", locale: "ru", role: "APPLICANT" },
  { email: "officer@demo.most", name: "Tomáš Novák", locale: "cs", role: "OFFICER", funder: "CZ-MFA" },
  { email: "reviewer@demo.most", name: "Eva Svobodová", locale: "cs", role: "REVIEWER", funder: "CZ-MFA" },
  { email: "reviewer2@demo.most", name: "Mark Jansen", locale: "en", role: "REVIEWER", funder: "CZ-MFA" },
  { email: "approver@demo.most", name: "Jana Dvořáková", locale: "cs", role: "APPROVER", funder: "CZ-MFA" },
  { email: "finance@demo.most", name: "Petr Černý", locale: "cs", role: "FINANCE", funder: "CZ-MFA" },
  { email: "auditor@demo.most", name: "Lucie Horáková", locale: "en", role: "AUDITOR", funder: "CZ-MFA" },
  { email: "funder-admin@demo.most", name: "Martin Procházka", locale: "cs", role: "FUNDER_ADMIN", funder: "CZ-MFA" },
  { email: "admin@demo.most", name: "Platform Admin", locale: "en", role: "ADMIN" },
  { email: "officer2@demo.most", name: "Ingrid Larsen", locale: "en", role: "OFFICER", funder: "NCSF" },
] as const;

export const FUNDERS = [
  { code: "CZ-MFA", name: "Ministry of Foreign Affairs of the Czech Republic", country: "CZ", orgRef: "CZ-ICO-45769851" },
  { code: "NCSF", name: "Nordic Civil Society Foundation", country: "SE", orgRef: null },
] as const;

export const PROGRAMMES = [
  { funder: "CZ-MFA", code: "CSR26", name: "Civil Society Russia 2026", currency: "CZK", budget: "60000000.00" },
  { funder: "CZ-MFA", code: "IMS26", name: "Independent Media Support", currency: "EUR", budget: "2500000.00" },
  { funder: "NCSF", code: "ECF26", name: "Exile Civil Society Fund", currency: "EUR", budget: "1000000.00" },
] as const;

type Text = { en: string; ru: string; cs: string };

export type DemoCall = {
  key: string;
  programme: string;
  reference: string;
  kind: "REGULAR" | "EMERGENCY";
  status: "OPEN" | "CLOSED";
  opensDays: number;
  closesDays: number;
  envelope: string;
  minGrant: string;
  maxGrant: string;
  cofinancingPct: string;
  title: Text;
  summary: Text;
  eligibility: Text;
};

export const CALLS: DemoCall[] = [
  {
    key: "legal",
    programme: "CSR26",
    reference: "CZ-MFA-CSR26-01",
    kind: "REGULAR",
    status: "OPEN",
    opensDays: -60,
    closesDays: 65,
    envelope: "20000000.00",
    minGrant: "250000.00",
    maxGrant: "2500000.00",
    cofinancingPct: "10.00",
    title: {
      en: "Human rights defence and legal aid 2026",
      ru: "Правозащита и юридическая помощь 2026",
      cs: "Obrana lidských práv a právní pomoc 2026",
    },
    summary: {
      en: "Support for lawyers and human-rights groups defending people prosecuted for their views.",
      ru: "Поддержка юристов и правозащитных групп, защищающих людей, преследуемых за убеждения.",
      cs: "Podpora právníků a lidskoprávních skupin, které hájí lidi stíhané za své názory.",
    },
    eligibility: {
      en: "Registered or informal groups working inside Russia or in exile for at least one year.",
      ru: "Зарегистрированные или неформальные группы, работающие в России или в эмиграции не менее года.",
      cs: "Registrované i neformální skupiny působící v Rusku nebo v exilu alespoň jeden rok.",
    },
  },
  {
    key: "emergency",
    programme: "CSR26",
    reference: "CZ-MFA-CSR26-EM",
    kind: "EMERGENCY",
    status: "OPEN",
    opensDays: -180,
    closesDays: 210,
    envelope: "5000000.00",
    minGrant: "50000.00",
    maxGrant: "500000.00",
    cofinancingPct: "0.00",
    title: {
      en: "Emergency support for persecuted groups",
      ru: "Экстренная поддержка преследуемых групп",
      cs: "Mimořádná podpora pronásledovaných skupin",
    },
    summary: {
      en: "Fast-track grants for relocation, security and legal costs after a sudden threat.",
      ru: "Ускоренные гранты на релокацию, безопасность и юридические расходы при внезапной угрозе.",
      cs: "Zrychlené granty na přesídlení, bezpečnost a právní náklady při náhlém ohrožení.",
    },
    eligibility: {
      en: "Groups facing an immediate threat; decision within 72 hours.",
      ru: "Группы, которым грозит непосредственная опасность; решение в течение 72 часов.",
      cs: "Skupiny v bezprostředním ohrožení; rozhodnutí do 72 hodin.",
    },
  },
  {
    key: "media",
    programme: "IMS26",
    reference: "CZ-MFA-IMS26-01",
    kind: "REGULAR",
    status: "CLOSED",
    opensDays: -270,
    closesDays: -180,
    envelope: "1200000.00",
    minGrant: "20000.00",
    maxGrant: "150000.00",
    cofinancingPct: "15.00",
    title: {
      en: "Independent media resilience 2026",
      ru: "Устойчивость независимых медиа 2026",
      cs: "Odolnost nezávislých médií 2026",
    },
    summary: {
      en: "Core and distribution costs of independent Russian-language media.",
      ru: "Основные расходы и распространение независимых русскоязычных медиа.",
      cs: "Provozní a distribuční náklady nezávislých ruskojazyčných médií.",
    },
    eligibility: {
      en: "Editorially independent newsrooms with a published editorial policy.",
      ru: "Редакционно независимые редакции с опубликованной редакционной политикой.",
      cs: "Redakčně nezávislé redakce se zveřejněnou redakční politikou.",
    },
  },
  {
    key: "exile-education",
    programme: "ECF26",
    reference: "NCSF-ECF26-01",
    kind: "REGULAR",
    status: "OPEN",
    opensDays: -30,
    closesDays: 90,
    envelope: "400000.00",
    minGrant: "10000.00",
    maxGrant: "60000.00",
    cofinancingPct: "0.00",
    title: {
      en: "Exile education initiatives",
      ru: "Образовательные инициативы в эмиграции",
      cs: "Vzdělávací iniciativy v exilu",
    },
    summary: {
      en: "Schools, courses and mentoring run by exiled educators.",
      ru: "Школы, курсы и наставничество, которые ведут педагоги в эмиграции.",
      cs: "Školy, kurzy a mentoring vedené pedagogy v exilu.",
    },
    eligibility: {
      en: "Organisations registered in the EU or EEA led by people who left Russia.",
      ru: "Организации, зарегистрированные в ЕС или ЕЭЗ, которыми руководят уехавшие из России.",
      cs: "Organizace registrované v EU nebo EHP vedené lidmi, kteří opustili Rusko.",
    },
  },
];

export const ELIGIBILITY_CRITERIA: Text[] = [
  { en: "The applicant works on the call's themes", ru: "Заявитель работает по темам конкурса", cs: "Žadatel se věnuje tématům výzvy" },
  { en: "The requested amount is within the grant range", ru: "Запрошенная сумма в пределах диапазона", cs: "Požadovaná částka je v rozmezí grantu" },
  { en: "A risk and safety plan is included", ru: "Приложен план рисков и безопасности", cs: "Je přiložen plán rizik a bezpečnosti" },
];

export const SCORING_CRITERIA: Array<Text & { weight: string }> = [
  { en: "Relevance and need", ru: "Актуальность и потребность", cs: "Relevance a potřebnost", weight: "30" },
  { en: "Quality of the plan", ru: "Качество плана", cs: "Kvalita plánu", weight: "30" },
  { en: "Capacity and track record", ru: "Потенциал и опыт", cs: "Kapacita a zkušenosti", weight: "20" },
  { en: "Value for money", ru: "Эффективность расходов", cs: "Hospodárnost", weight: "20" },
];

export type DemoOrganisation = {
  key: string;
  displayName: string;
  legalName: string;
  registrationNumber?: string;
  status: OperatingStatus;
  country: string;
  registrationCountry?: string;
  sectors: Sector[];
  foundedYear: number;
  staffSize: number;
  budget: [string, string];
  isProtected: boolean;
  regionOnly?: boolean;
  contactName: string;
  lost: Array<{ donor: UsDonor; programme: string; amount: string; currency: string; ended: string; purpose: string }>;
};

export const ORGANISATIONS: DemoOrganisation[] = [
  { key: "northern", displayName: "Northern Rights Defence Centre", legalName: "ANO Severny pravozashchitny tsentr", registrationNumber: "1127800001234", status: "INSIDE_RUSSIA", country: "RU", registrationCountry: "RU", sectors: ["HUMAN_RIGHTS", "LEGAL_AID"], foundedYear: 2009, staffSize: 14, budget: ["210000.00", "USD"], isProtected: true, regionOnly: true, contactName: "Irina S.", lost: [{ donor: "NED", programme: "Legal defence of activists", amount: "120000.00", currency: "USD", ended: "2025-02-28", purpose: "Lawyers' fees in 40 criminal cases a year" }] },
  { key: "freeword", displayName: "Free Word Media Collective", legalName: "Free Word Media SIA", registrationNumber: "40203512345", status: "EXILE", country: "LV", registrationCountry: "LV", sectors: ["INDEPENDENT_MEDIA"], foundedYear: 2022, staffSize: 22, budget: ["480000.00", "EUR"], isProtected: false, contactName: "Dmitry K.", lost: [{ donor: "USAGM", programme: "Russian-language content partnership", amount: "250000.00", currency: "USD", ended: "2025-03-31", purpose: "Newsroom salaries and video production" }] },
  { key: "classroom", displayName: "Open Classroom Initiative", legalName: "Open Classroom NNLE", registrationNumber: "404612345", status: "EXILE", country: "GE", registrationCountry: "GE", sectors: ["EDUCATION"], foundedYear: 2022, staffSize: 9, budget: ["150000.00", "USD"], isProtected: false, contactName: "Olga M.", lost: [{ donor: "STATE_DRL", programme: "Civic education for youth", amount: "90000.00", currency: "USD", ended: "2025-04-30", purpose: "Online school for 600 students" }] },
  { key: "volga", displayName: "Volga Environmental Watch", legalName: "Volzhsky ekologichesky dozor", status: "INSIDE_RUSSIA", country: "RU", sectors: ["ENVIRONMENT"], foundedYear: 2014, staffSize: 5, budget: ["40000.00", "USD"], isProtected: true, contactName: "Sergei P.", lost: [{ donor: "USAID", programme: "Community environmental monitoring", amount: "60000.00", currency: "USD", ended: "2025-01-31", purpose: "Water testing and public reports" }] },
  { key: "homeagain", displayName: "Home Again — Children Return Project", legalName: "Fundacja Znowu w Domu", registrationNumber: "0000912345", status: "INTERMEDIARY", country: "PL", registrationCountry: "PL", sectors: ["UKRAINE_SUPPORT", "HUMAN_RIGHTS"], foundedYear: 2023, staffSize: 11, budget: ["600000.00", "EUR"], isProtected: false, contactName: "Katarzyna W.", lost: [{ donor: "USAID", programme: "Return of deported Ukrainian children", amount: "300000.00", currency: "USD", ended: "2025-02-15", purpose: "Search, legal support and travel for families" }] },
  { key: "siberian", displayName: "Siberian Women's Network", legalName: "Siberian Women's Network (informal)", status: "INSIDE_RUSSIA", country: "RU", sectors: ["WOMENS_RIGHTS"], foundedYear: 2016, staffSize: 6, budget: ["55000.00", "USD"], isProtected: true, regionOnly: true, contactName: "Natalia V.", lost: [{ donor: "NED", programme: "Crisis centres network", amount: "45000.00", currency: "USD", ended: "2025-03-01", purpose: "Hotline and shelter coordination" }] },
  { key: "rainbow", displayName: "Rainbow Support Line", legalName: "Rainbow Support Line e.V.", registrationNumber: "VR 41234 B", status: "EXILE", country: "DE", registrationCountry: "DE", sectors: ["LGBTQ"], foundedYear: 2019, staffSize: 7, budget: ["120000.00", "EUR"], isProtected: false, contactName: "Alex R.", lost: [{ donor: "FREEDOM_HOUSE", programme: "Emergency assistance", amount: "70000.00", currency: "USD", ended: "2025-02-28", purpose: "Evacuation and psychological support" }] },
  { key: "digital", displayName: "Digital Resilience Lab", legalName: "Digital Resilience Lab MTÜ", registrationNumber: "80612345", status: "EXILE", country: "EE", registrationCountry: "EE", sectors: ["INDEPENDENT_MEDIA", "HUMAN_RIGHTS"], foundedYear: 2020, staffSize: 8, budget: ["260000.00", "EUR"], isProtected: false, contactName: "Pavel T.", lost: [{ donor: "OTF", programme: "Circumvention tools for Russian users", amount: "180000.00", currency: "USD", ended: "2025-03-15", purpose: "VPN infrastructure and digital security trainings" }] },
  { key: "families", displayName: "Prisoners' Families Aid", legalName: "Prisoners' Families Aid (informal)", status: "INSIDE_RUSSIA", country: "RU", sectors: ["HUMAN_RIGHTS", "UKRAINE_SUPPORT"], foundedYear: 2022, staffSize: 4, budget: ["35000.00", "USD"], isProtected: true, contactName: "Maria L.", lost: [{ donor: "NED", programme: "Support to families of political prisoners", amount: "80000.00", currency: "USD", ended: "2025-02-28", purpose: "Parcels, lawyers and prison visits" }] },
  { key: "bridge", displayName: "Prague Civic Bridge", legalName: "Prague Civic Bridge, z.s.", registrationNumber: "09912345", status: "INTERMEDIARY", country: "CZ", registrationCountry: "CZ", sectors: ["HUMAN_RIGHTS", "EDUCATION"], foundedYear: 2015, staffSize: 12, budget: ["350000.00", "EUR"], isProtected: false, contactName: "Jakub H.", lost: [{ donor: "USAID", programme: "Regranting to Russian civil society", amount: "150000.00", currency: "USD", ended: "2025-01-31", purpose: "Small grants to partner groups" }] },
];

export type DemoApplication = {
  org: string;
  call: string;
  status: "DRAFT" | "SUBMITTED" | "ELIGIBLE" | "INELIGIBLE" | "IN_REVIEW" | "REVIEWED" | "REJECTED" | "WITHDRAWN";
  title: string;
  amount: string;
  submittedDaysAgo?: number;
  submittedHoursAgo?: number;
  lines: Array<[BudgetCategory, string, string]>;
};

export const APPLICATIONS: DemoApplication[] = [
  { org: "northern", call: "legal", status: "SUBMITTED", title: "Legal defence for detained protesters", amount: "1800000.00", submittedDaysAgo: 10, lines: [["STAFF", "Lawyers (4 part-time)", "1100000.00"], ["TRAVEL", "Court hearings in the regions", "300000.00"], ["SECURITY", "Digital security and safe communication", "280000.00"], ["OVERHEADS", "Office and accounting", "120000.00"]] },
  { org: "freeword", call: "media", status: "REVIEWED", title: "Keeping the newsroom on air in 2026", amount: "140000.00", submittedDaysAgo: 200, lines: [["STAFF", "Editors and reporters", "95000.00"], ["EQUIPMENT", "Cameras and editing", "20000.00"], ["ACTIVITIES", "Distribution through mirrors", "16000.00"], ["OVERHEADS", "Administration", "9000.00"]] },
  { org: "classroom", call: "legal", status: "DRAFT", title: "Law clinics for students", amount: "400000.00", lines: [["STAFF", "Tutors", "300000.00"], ["ACTIVITIES", "Online platform", "100000.00"]] },
  { org: "volga", call: "emergency", status: "SUBMITTED", title: "Relocation after a raid on our office", amount: "350000.00", submittedHoursAgo: 30, lines: [["SECURITY", "Relocation of three staff members", "250000.00"], ["EQUIPMENT", "Replacement laptops", "100000.00"]] },
  { org: "homeagain", call: "legal", status: "ELIGIBLE", title: "Legal routes home for deported children", amount: "2200000.00", submittedDaysAgo: 20, lines: [["STAFF", "Case workers and lawyers", "1400000.00"], ["TRAVEL", "Family travel", "500000.00"], ["ACTIVITIES", "Documentation of cases", "200000.00"], ["OVERHEADS", "Administration", "100000.00"]] },
  { org: "siberian", call: "legal", status: "INELIGIBLE", title: "Hotline for survivors of violence", amount: "3000000.00", submittedDaysAgo: 25, lines: [["STAFF", "Hotline consultants", "2500000.00"], ["OVERHEADS", "Administration", "500000.00"]] },
  { org: "rainbow", call: "media", status: "REJECTED", title: "Podcast series for LGBTQ+ youth", amount: "60000.00", submittedDaysAgo: 190, lines: [["STAFF", "Producers", "45000.00"], ["EQUIPMENT", "Studio", "15000.00"]] },
  { org: "digital", call: "exile-education", status: "SUBMITTED", title: "Digital security school", amount: "55000.00", submittedDaysAgo: 5, lines: [["STAFF", "Trainers", "40000.00"], ["ACTIVITIES", "Course platform", "15000.00"]] },
  { org: "families", call: "emergency", status: "SUBMITTED", title: "Urgent lawyers for newly detained relatives", amount: "180000.00", submittedHoursAgo: 52, lines: [["STAFF", "Lawyers", "150000.00"], ["TRAVEL", "Prison visits", "30000.00"]] },
  { org: "bridge", call: "legal", status: "WITHDRAWN", title: "Regranting to partner groups", amount: "1000000.00", submittedDaysAgo: 40, lines: [["ACTIVITIES", "Sub-grants", "900000.00"], ["OVERHEADS", "Administration", "100000.00"]] },
  { org: "freeword", call: "legal", status: "DRAFT", title: "Legal support for our journalists", amount: "300000.00", lines: [["STAFF", "Media lawyer", "300000.00"]] },
];

/** ECB-style reference rates (units per EUR) used for the demo's recent days. */
export const DEMO_FX: Record<string, string> = {
  CZK: "25.1870",
  USD: "1.0842",
  PLN: "4.2910",
  SEK: "11.2350",
  NOK: "11.6120",
  GBP: "0.8471",
};
