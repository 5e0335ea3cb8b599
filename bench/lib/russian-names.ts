// Russian and Ukrainian names in Cyrillic with their passport (Latin) spelling, for the
// generated lists and the screened organisations of the benchmarks: people are first name,
// patronymic and surname drawn from these pools (so listed and screened people share common
// first names and surnames, as they do in reality); companies are built from stems.

type Pair = readonly [cyrillic: string, latin: string];

const MALE: Pair[] = [
  ["Александр", "Aleksandr"], ["Дмитрий", "Dmitriy"], ["Сергей", "Sergey"], ["Андрей", "Andrey"], ["Алексей", "Aleksey"],
  ["Михаил", "Mikhail"], ["Иван", "Ivan"], ["Николай", "Nikolay"], ["Владимир", "Vladimir"], ["Евгений", "Evgeniy"],
  ["Павел", "Pavel"], ["Олег", "Oleg"], ["Игорь", "Igor"], ["Юрий", "Yuriy"], ["Виктор", "Viktor"], ["Максим", "Maksim"],
  ["Артём", "Artem"], ["Роман", "Roman"], ["Денис", "Denis"], ["Константин", "Konstantin"], ["Тарас", "Taras"],
  ["Богдан", "Bogdan"], ["Олександр", "Oleksandr"], ["Микола", "Mykola"], ["Василий", "Vasiliy"], ["Григорий", "Grigoriy"],
  ["Борис", "Boris"], ["Станислав", "Stanislav"], ["Вячеслав", "Vyacheslav"], ["Кирилл", "Kirill"],
];
const FEMALE: Pair[] = [
  ["Елена", "Elena"], ["Ольга", "Olga"], ["Наталья", "Natalya"], ["Татьяна", "Tatyana"], ["Ирина", "Irina"],
  ["Светлана", "Svetlana"], ["Анна", "Anna"], ["Мария", "Mariya"], ["Юлия", "Yuliya"], ["Екатерина", "Ekaterina"],
  ["Людмила", "Lyudmila"], ["Галина", "Galina"], ["Оксана", "Oksana"], ["Валентина", "Valentina"], ["Дарья", "Darya"],
  ["Ксения", "Kseniya"], ["Алла", "Alla"], ["Вера", "Vera"], ["Надежда", "Nadezhda"], ["Олена", "Olena"],
];
// Patronymics are made from the male first names: Иванович / Ivanovich, Ивановна / Ivanovna.
const SURNAMES: Pair[] = [
  ["Иванов", "Ivanov"], ["Петров", "Petrov"], ["Сидоров", "Sidorov"], ["Кузнецов", "Kuznetsov"], ["Смирнов", "Smirnov"],
  ["Попов", "Popov"], ["Васильев", "Vasilyev"], ["Соколов", "Sokolov"], ["Михайлов", "Mikhaylov"], ["Новиков", "Novikov"],
  ["Фёдоров", "Fedorov"], ["Морозов", "Morozov"], ["Волков", "Volkov"], ["Алексеев", "Alekseev"], ["Лебедев", "Lebedev"],
  ["Семёнов", "Semenov"], ["Егоров", "Egorov"], ["Павлов", "Pavlov"], ["Козлов", "Kozlov"], ["Степанов", "Stepanov"],
  ["Николаев", "Nikolaev"], ["Орлов", "Orlov"], ["Андреев", "Andreev"], ["Макаров", "Makarov"], ["Никитин", "Nikitin"],
  ["Захаров", "Zakharov"], ["Зайцев", "Zaytsev"], ["Соловьёв", "Solovyev"], ["Борисов", "Borisov"], ["Яковлев", "Yakovlev"],
  ["Григорьев", "Grigoryev"], ["Романов", "Romanov"], ["Воробьёв", "Vorobyev"], ["Сергеев", "Sergeev"], ["Кузьмин", "Kuzmin"],
  ["Фролов", "Frolov"], ["Александров", "Aleksandrov"], ["Дмитриев", "Dmitriev"], ["Королёв", "Korolev"], ["Гусев", "Gusev"],
  ["Киселёв", "Kiselev"], ["Ильин", "Ilyin"], ["Максимов", "Maksimov"], ["Поляков", "Polyakov"], ["Сорокин", "Sorokin"],
  ["Виноградов", "Vinogradov"], ["Ковалёв", "Kovalev"], ["Белов", "Belov"], ["Медведев", "Medvedev"], ["Антонов", "Antonov"],
  ["Тарасов", "Tarasov"], ["Жуков", "Zhukov"], ["Баранов", "Baranov"], ["Филиппов", "Filippov"], ["Комаров", "Komarov"],
  ["Давыдов", "Davydov"], ["Беляев", "Belyaev"], ["Герасимов", "Gerasimov"], ["Богданов", "Bogdanov"], ["Осипов", "Osipov"],
  ["Сидоренко", "Sidorenko"], ["Коваленко", "Kovalenko"], ["Бондаренко", "Bondarenko"], ["Ткаченко", "Tkachenko"], ["Шевченко", "Shevchenko"],
  ["Кравченко", "Kravchenko"], ["Олейник", "Oleynik"], ["Мельник", "Melnik"], ["Ковальчук", "Kovalchuk"], ["Поліщук", "Polishchuk"],
  ["Бойко", "Boyko"], ["Ткачук", "Tkachuk"], ["Савченко", "Savchenko"], ["Руденко", "Rudenko"], ["Лысенко", "Lysenko"],
  ["Марченко", "Marchenko"], ["Левченко", "Levchenko"], ["Павленко", "Pavlenko"], ["Климов", "Klimov"], ["Чернов", "Chernov"],
  ["Рыбаков", "Rybakov"], ["Суворов", "Suvorov"], ["Тихонов", "Tikhonov"], ["Щербаков", "Shcherbakov"], ["Абрамов", "Abramov"],
  ["Воронцов", "Vorontsov"], ["Голубев", "Golubev"], ["Дорофеев", "Dorofeev"], ["Ершов", "Ershov"], ["Жданов", "Zhdanov"],
  ["Исаев", "Isaev"], ["Калинин", "Kalinin"], ["Лазарев", "Lazarev"], ["Миронов", "Mironov"], ["Носков", "Noskov"],
  ["Островский", "Ostrovskiy"], ["Покровский", "Pokrovskiy"], ["Рожков", "Rozhkov"], ["Троицкий", "Troitskiy"], ["Успенский", "Uspenskiy"],
];
// Alternative Latin spellings of the same first names (German, French, English transcriptions).
const SPELLINGS: Record<string, string> = {
  Aleksandr: "Alexander", Dmitriy: "Dmitri", Sergey: "Sergei", Andrey: "Andrei", Aleksey: "Alexei", Evgeniy: "Yevgeny", Yuriy: "Yuri",
  Maksim: "Maxim", Artem: "Artyom", Elena: "Yelena", Natalya: "Natalia", Tatyana: "Tatiana", Yuliya: "Julia", Ekaterina: "Yekaterina",
};

/** Deterministic pseudo-random numbers (mulberry32), so a run is repeatable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function patronymic([cyr, lat]: Pair, female: boolean): Pair {
  const soft = /[йь]$/.test(cyr) || /ий$/.test(cyr);
  const stemCyr = cyr.replace(/(ий|й|ь)$/, "");
  const stemLat = lat.replace(/(iy|y)$/, "");
  const suffix = female ? (soft ? ["евна", "evna"] : ["овна", "ovna"]) : soft ? ["евич", "evich"] : ["ович", "ovich"];
  return [stemCyr + suffix[0], stemLat + suffix[1]];
}

function feminine([cyr, lat]: Pair): Pair {
  if (/(ов|ев|ёв|ин)$/.test(cyr)) return [`${cyr}а`, `${lat}a`];
  if (/ский$/.test(cyr)) return [cyr.replace(/ий$/, "ая"), lat.replace(/iy$/, "aya")];
  return [cyr, lat];
}

export type GeneratedPerson = {
  female: boolean;
  first: Pair;
  middle: Pair;
  last: Pair;
  /** Another Latin spelling of the first name, when there is a common one. */
  altFirst?: string;
  birthDate: string;
};

/** A person drawn with `r`: a third are women; born between 1945 and 2000. */
export function person(r: () => number): GeneratedPerson {
  const female = r() < 0.33;
  const first = pick(r, female ? FEMALE : MALE);
  const middle = patronymic(pick(r, MALE), female);
  const last = female ? feminine(pick(r, SURNAMES)) : pick(r, SURNAMES);
  const y = 1945 + Math.floor(r() * 56);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const birthDate = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return { female, first, middle, last, altFirst: SPELLINGS[first[1]], birthDate };
}

/** The person as one would write them in a key-people form: Cyrillic name, passport Latin name. */
export function written(p: GeneratedPerson): { name: string; latinName: string } {
  return { name: `${p.last[0]} ${p.first[0]} ${p.middle[0]}`, latinName: `${p.last[1].toUpperCase()} ${p.first[1].toUpperCase()}` };
}

const STEMS = ["Sib", "Ural", "Volga", "Don", "Kuban", "Neva", "Baltic", "Arktik", "Amur", "Altay", "Yamal", "Taymyr", "Kama", "Oka", "Sever", "Vostok", "Zapad", "Yug", "Tsentr", "Rus"];
const TRADES = ["neft", "gaz", "prom", "stroy", "tekh", "energo", "mash", "trans", "metall", "khim", "agro", "les", "ugol", "flot", "avia", "radio", "pribor", "snab", "komplekt", "resurs"];
const ENDS = ["Invest", "Servis", "Kholding", "Grupp", "Torg", "Proekt", "Region", "Export", "Impex", "Tsentr"];
const LAT2CYR: [RegExp, string][] = [
  [/shch/g, "щ"], [/kh/g, "х"], [/ts/g, "ц"], [/ch/g, "ч"], [/sh/g, "ш"], [/zh/g, "ж"], [/ya/g, "я"], [/yu/g, "ю"], [/y/g, "й"],
  [/a/g, "а"], [/b/g, "б"], [/v/g, "в"], [/g/g, "г"], [/d/g, "д"], [/e/g, "е"], [/z/g, "з"], [/i/g, "и"], [/k/g, "к"], [/l/g, "л"],
  [/m/g, "м"], [/n/g, "н"], [/o/g, "о"], [/p/g, "п"], [/r/g, "р"], [/s/g, "с"], [/t/g, "т"], [/u/g, "у"], [/f/g, "ф"], [/x/g, "кс"],
];
const toCyrillic = (latin: string) => {
  const lower = LAT2CYR.reduce((s, [re, c]) => s.replace(re, c), latin.toLowerCase());
  return lower.charAt(0).toUpperCase() + lower.slice(1);
};

/** A company name drawn with `r` ("Sibneft-Invest"), in Latin and Cyrillic. */
export function company(r: () => number): { latin: string; cyrillic: string } {
  const latin = `${pick(r, STEMS)}${pick(r, TRADES)}-${pick(r, ENDS)}`;
  return { latin, cyrillic: latin.split("-").map(toCyrillic).join("-") };
}

const NGO_KIND = ["Foundation", "Centre", "Initiative", "Association", "Fund", "Union", "Network", "Institute"];
const NGO_WHAT = ["Free Media", "Civic Rights", "Independent Journalism", "Open Culture", "Memory", "Democratic Education", "Human Rights", "Ecology", "Free Speech", "Legal Aid", "Refugee Support", "Digital Freedom"];
const CITIES = ["Riga", "Vilnius", "Tbilisi", "Berlin", "Prague", "Warsaw", "Yerevan", "Tallinn", "Almaty", "Chisinau"];

/** An exile civil-society organisation's public name ("Riga Free Media Foundation 17"). */
export function ngo(r: () => number, n: number): string {
  return `${pick(r, CITIES)} ${pick(r, NGO_WHAT)} ${pick(r, NGO_KIND)} ${n}`;
}
