import { tz } from '@date-fns/tz';
import { differenceInCalendarDays, format, type Locale } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { catalog, forceById } from '../data/catalog';
import { isLocalPlaceName } from '../data/localPlaceNames';
import { isPlaceInWales, isPlaceName, placeLabelIn, placeNameIn } from '../data/places';
import { UK_TIME_ZONE } from '../data/calendar';
import type { Confidence, ForceId, LocalName, PlaceIdentity, PlaceLabelParts, PoliceForce, RegionalUnit } from '../data/types';
import en from './content/en.json';
import { fill, languageOfContent, listInWords, type Content, type DataText } from './content';
import { registerWelshNames } from './content/grammar';

/** The national numbers and links the content's placeholders refer to, taken from data/national.json. */
export type ContactFacts = Record<
  | 'emergencyPhone'
  | 'nonEmergencyPhone'
  | 'reportFraudName'
  | 'reportFraudFormerName'
  | 'reportFraudPhone'
  | 'reportFraudWebsite'
  | 'reportFraudPhoneHours'
  | 'liveOption'
  | 'policeScotlandPhone'
  | 'policeScotlandWebsite'
  | 'psniPhone'
  | 'cfcsPhone'
  | 'stopScamsPhone'
  | 'stopScamsName',
  string
>;

/** What users see after a fact the data marks `unverified`, wherever such a fact has to be shown at all (English). */
export const UNVERIFIED_MARK = en.unverifiedMark;

/** A fact's words as shown: an unverified fact always carries the mark (in the user's language), so it is never shown as sure. */
export function shownFact(value: string, fact: { confidence: Confidence }, mark: string = UNVERIFIED_MARK): string {
  return fact.confidence === 'unverified' ? `${value} ${mark}` : value;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and times in the user's language: day and month names, am/pm, from date-fns's locale for the content's
// language (en-GB, cy …); the phrases around them ("tomorrow at …", "yfory am …") from the content file.

const dateLocales = new Map<string, Locale>([['en', enGB]]);

/** date-fns's locale for a content file: its `locale` ("en-GB"), else its language ("cy"), else British English. */
export function dateLocaleFor(content: Content = en): Locale {
  const language = languageOfContent(content);
  let locale = dateLocales.get(language);
  if (locale) return locale;
  for (const name of [content.locale, language]) {
    if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(name)) continue;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(`date-fns/locale/${name}`) as Record<string, Locale>;
      locale = Object.values(module).find((value) => typeof value === 'object' && value !== null && 'code' in value);
      if (locale) break;
    } catch {
      // no such locale in date-fns: try the next name
    }
  }
  locale ??= enGB;
  dateLocales.set(language, locale);
  return locale;
}

/**
 * A time of day as the language publishes it, from a 24-hour "HH:mm": "9am", "5:30pm", "12pm"; Welsh in words, "9 y
 * bore", "5:30 y prynhawn", "8 y nos", "hanner dydd" (the content's `time.clock`: the 12-hour time in the part of the
 * day's words; the afternoon runs from noon to 6pm, the evening from 6pm to midnight).
 */
export function clock(hhmm: string, content: Content = en): string {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const words = content.time.clock;
  if (minutes === 0 && hours === 12) return words.noon;
  if (minutes === 0 && hours === 0) return words.midnight;
  const time = `${hours % 12 || 12}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
  return fill(hours < 12 ? words.morning : hours < 18 ? words.afternoon : words.evening, { time });
}

/** A weekday's name from its ISO number (1 = Monday), in a date-fns pattern ("EEEE"; Welsh after "i": "'d'EEEE"). */
function weekdayName(isoDay: number, pattern: string, content: Content): string {
  // 1 January 2024 was a Monday.
  return format(new Date(2024, 0, isoDay), pattern, { locale: dateLocaleFor(content) });
}

function weekdaysInWords(days: number[], content: Content): string {
  const words = content.time;
  const isRun = days.every((day, index) => index === 0 || day === days[index - 1] + 1);
  if (isRun && days.length > 2) {
    return fill(words.daySpan, {
      first: weekdayName(days[0], words.hoursFirstDayFormat, content),
      last: weekdayName(days[days.length - 1], words.hoursLastDayFormat, content),
    });
  }
  return days.map((day) => weekdayName(day, words.hoursFirstDayFormat, content)).join(content.list.separator);
}

/** "Monday to Friday, 9am to 5pm" (Welsh: "dydd Llun i ddydd Gwener, 9 y bore i 5 y prynhawn"). */
export function hoursInWords(hours: { days: number[]; opens: string; closes: string }, content: Content = en): string {
  return fill(content.time.hours, {
    days: weekdaysInWords(hours.days, content),
    opens: clock(hours.opens, content),
    closes: clock(hours.closes, content),
  });
}

const inUkTime = tz(UK_TIME_ZONE);

/**
 * When something next happens, as a person would say it from where they are now, in UK time: "today at 9am",
 * "tomorrow at 9am", "on Monday at 9am" within the coming week, and the date beyond that ("on Monday 4 January
 * at 9am", with the year when it is not this year's). Welsh: "heddiw am 9 y bore", "yfory am 9 y bore", "ddydd Llun am 9 y
 * bore".
 */
export function whenInWords(moment: Date, now: Date, content: Content = en): string {
  const words = content.time;
  const locale = dateLocaleFor(content);
  const time = clock(format(moment, 'HH:mm', { in: inUkTime }), content);
  const days = differenceInCalendarDays(moment, now, { in: inUkTime });
  if (days <= 0) return fill(words.today, { time });
  if (days === 1) return fill(words.tomorrow, { time });
  if (days < 7) return fill(words.weekday, { day: format(moment, words.dayFormat, { in: inUkTime, locale }), time });
  const sameYear = format(moment, 'yyyy', { in: inUkTime }) === format(now, 'yyyy', { in: inUkTime });
  const day = format(moment, sameYear ? words.dateFormat : words.dateWithYearFormat, { in: inUkTime, locale });
  return fill(words.date, { day, time });
}

/**
 * The last stamp worked out per content file and form, by the minute it is for: every summary in the same minute says
 * the same words, and working them out (two time-zone formats) was a tenth of a turn. The UK's offsets are whole
 * hours, so a UTC minute is a UK minute.
 */
const stampsByContent = new WeakMap<Content, Map<'label' | 'sentence', { minute: number; words: string }>>();

/**
 * The moment of a summary ("18 November 2026, 10:30am"; Welsh "18 Tachwedd 2026, 10:30 y bore"), UK time. In running
 * text (`sentence`) a language may join the date and the time with a word ("ar 6 Rhagfyr 2026 am 9:29 y bore").
 */
export function stampInWords(moment: Date, content: Content = en, form: 'label' | 'sentence' = 'label'): string {
  const minute = Math.floor(moment.getTime() / 60_000);
  let byForm = stampsByContent.get(content);
  const last = byForm?.get(form);
  if (last?.minute === minute) return last.words;
  const date = format(moment, content.time.stampFormat, { in: inUkTime, locale: dateLocaleFor(content) });
  const words = fill(form === 'sentence' ? content.time.stampInSentence : content.time.stamp, { date, time: clock(format(moment, 'HH:mm', { in: inUkTime }), content) });
  if (Number.isFinite(minute)) {
    if (!byForm) stampsByContent.set(content, (byForm = new Map()));
    byForm.set(form, { minute, words });
  }
  return words;
}

// ---------------------------------------------------------------------------------------------------------------
// Names and data prose in the user's language.

/** The language's words for data/'s English prose (content/<language>.json `dataText`); empty for English. */
export function dataTextOf(content: Content): DataText {
  return content.dataText as DataText;
}

/** A name the body itself (or a published source) gives in a language; an unsourced name is never shown. */
export function publishedName(names: Partial<Record<string, LocalName>> | undefined, content: Content): string | null {
  const name = names?.[languageOfContent(content)];
  return name && (name.confidence === 'sourced' || name.confidence === 'third-party') ? name.name : null;
}

/** A force's name in the user's language where the force publishes one ("Heddlu De Cymru"), else its name. */
export function forceNameIn(force: PoliceForce, content: Content): string {
  return publishedName(force.names, content) ?? force.name;
}

/**
 * The deployment's `forceName` setting: one name for every language ("Gwent Police"), or a name per language
 * ({ "en": "Dyfed-Powys Police", "cy": "Heddlu Dyfed-Powys" }).
 */
export type ForceNameSetting = string | Readonly<Record<string, string>>;

function folded(name: string): string {
  return name.normalize('NFKC').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A force of data/forces.json by its name or a published name in any language ("Heddlu Gwent" is Gwent Police). */
function forceNamed(name: string): PoliceForce | undefined {
  const wanted = folded(name);
  return Object.values(catalog.forces).find(
    (force) => folded(force.name) === wanted || Object.values(force.names ?? {}).some((local) => local !== undefined && folded(local.name) === wanted),
  );
}

/**
 * The force's name for a conversation in the content's language: the setting's name for that language where it gives
 * one; else, when the setting names a force of data/forces.json (by its English or its published Welsh name), that
 * force's own name in the language ("Heddlu Dyfed-Powys" in Welsh, "Dyfed-Powys Police" in English, whichever was
 * set); else the name as set. Never one language's name inside the other's sentence where the force publishes both.
 */
export function forceNameFor(setting: ForceNameSetting | undefined, content: Content): string | undefined {
  if (setting === undefined) return undefined;
  const language = languageOfContent(content);
  const given = typeof setting === 'string' ? [setting] : Object.values(setting);
  const own = typeof setting === 'string' ? undefined : setting[language];
  if (own?.trim()) return own.trim();
  const force = given.map(forceNamed).find((found): found is PoliceForce => found !== undefined);
  if (force) return forceNameIn(force, content);
  const fallback = typeof setting === 'string' ? setting : (setting.en ?? given[0]);
  return fallback?.trim() || undefined;
}

/** A unit's name in the user's language where one is published, else its name. */
export function unitNameIn(unit: RegionalUnit, content: Content): string {
  return publishedName(unit.names, content) ?? unit.name;
}

/** A unit's team name, region label or phone note in the user's language, else the data's English. */
export function unitText(unit: RegionalUnit, field: 'teamName' | 'regionLabel' | 'phoneNote', content: Content): string {
  return dataTextOf(content).units?.[unit.id]?.[field] ?? unit[field];
}

/**
 * A location label from data/ ("Wales", "Outside the UK", "Carmarthen") in the user's language: the content's own
 * words for it (`dataText.places`), else the place's name in the language from data/place-names and OS Open Names
 * ("Cymru", "Caerfyrddin"), else as it is (a postcode district, a name with no other form).
 */
export function placeIn(label: string, content: Content, of?: PlaceIdentity): string {
  const language = languageOfContent(content);
  if (language === 'en') return label;
  // A police force typed by name ("Heddlu Gwent", "Gwent Police") is labelled with it: its own name in the language.
  const force = forcesByName.get(label);
  return dataTextOf(content).places?.[label] ?? (force ? forceNameIn(force, content) : null) ?? placeNameIn(label, language, of) ?? label;
}

/** A location's label in the user's language, named by the one place it is where the data says which ("Y Drenewydd"). */
export function locationIn(location: { label: string; of?: PlaceIdentity }, content: Content): string {
  return placeIn(location.label, content, location.of);
}

const forcesByName = new Map(Object.values(catalog.forces).map((force) => [force.name, force]));

/** A choice's place label in the user's language ("Bangor (Gwynedd, Cymru)"); the data's English label where it has no parts. */
export function placeLabelOf(location: { label: string; parts?: PlaceLabelParts; forceId?: ForceId }, content: Content): string {
  const language = languageOfContent(content);
  if (!location.parts || language === 'en') return location.label;
  const force = location.parts.force ? forceNameIn(forceById(location.parts.force), content) : undefined;
  return placeLabelIn(location.parts, language, (counties) => listInWords(counties, content, 'or'), force);
}

// A Welsh joining word mutates a Welsh name after it ("neu Ogledd Iwerddon") but not a name from another language
// ("neu Guernsey"): the Welsh names are the data's (data/place-names, OS Open Names) and the names of places in Wales.
registerWelshNames(
  (text) => isLocalPlaceName(text, 'cy') || isPlaceInWales(text),
  (text) => !isPlaceInWales(text) && isPlaceName(text),
);

const SUBSTITUTE = ' (substitute day)';

/** A bank holiday's title (as GOV.UK writes it in English) in the user's language, else in English. */
export function holidayIn(title: string, content: Content): string {
  const holidays = dataTextOf(content).holidays;
  if (!holidays) return title;
  const substitute = title.endsWith(SUBSTITUTE);
  const base = substitute ? title.slice(0, -SUBSTITUTE.length) : title;
  const translated = holidays[base];
  if (!translated) return title;
  return substitute ? `${translated} ${holidays[SUBSTITUTE.trim()] ?? SUBSTITUTE.trim()}` : translated;
}

// ---------------------------------------------------------------------------------------------------------------

const cached = new Map<string, ContactFacts>();

/** The national facts for the content's placeholders, with hours and the unverified mark in the content's language. */
export function contactFacts(content: Content = en): ContactFacts {
  const language = languageOfContent(content);
  const known = cached.get(language);
  if (known) return known;
  const { emergency, nonEmergency, reportFraud, policeScotland, psni, cyberAndFraudCentreScotland, stopScamsUk } = catalog.national;
  const mark = content.unverifiedMark;
  const facts: ContactFacts = {
    emergencyPhone: shownFact(emergency.phone.number, emergency.phone, mark),
    nonEmergencyPhone: shownFact(nonEmergency.number, nonEmergency, mark),
    reportFraudName: reportFraud.name,
    reportFraudFormerName: reportFraud.formerName,
    reportFraudPhone: shownFact(reportFraud.liveAttack.number, reportFraud.liveAttack, mark),
    reportFraudWebsite: shownFact(reportFraud.website.url, reportFraud.website, mark),
    reportFraudPhoneHours: shownFact(hoursInWords(reportFraud.phoneHours, content), reportFraud.phoneHours, mark),
    liveOption: reportFraud.liveAttack.keypadOption,
    policeScotlandPhone: shownFact(policeScotland.nonEmergency.number, policeScotland.nonEmergency, mark),
    policeScotlandWebsite: shownFact(policeScotland.website.url, policeScotland.website, mark),
    psniPhone: shownFact(psni.nonEmergency.number, psni.nonEmergency, mark),
    cfcsPhone: shownFact(cyberAndFraudCentreScotland.incidentHelpline.number, cyberAndFraudCentreScotland.incidentHelpline, mark),
    stopScamsPhone: shownFact(stopScamsUk.phone.number, stopScamsUk.phone, mark),
    stopScamsName: stopScamsUk.name,
  };
  cached.set(language, facts);
  return facts;
}
