/**
 * The classes blind rounds A (English) and B (Welsh) found in the location, command and kind questions, each held by
 * phrasings of our own (not the rounds' items: those are scored as sets by `npm run understanding`).
 */
import { rulesEngine, type At, type Produced } from '../understanding/corpus';

const read = (at: At, text: string): Produced => rulesEngine(text, at);

describe('a language asked for in a sentence', () => {
  test.each<[At, string, string]>([
    ['first', 'could we carry on in Welsh?', 'language:cy'],
    ['happeningNow', 'is it possible to do this in Welsh please', 'language:cy'],
    ['audience', 'do you have a Welsh version', 'language:cy'],
    ['first', 'ga i siarad yn Gymraeg?', 'language:cy'],
    ['happeningNow', 'can I change to English, my Welsh is rusty', 'language:en'],
    ['regionalTeam', 'English pls, I cannot follow this', 'language:en'],
    ['first', 'oes modd newid i Saesneg?', 'language:en'],
  ])('at %s: %s → %s', (at, text, expected) => {
    expect(read(at, text).command).toBe(expected);
  });

  test.each<[At, string]>([
    ['happeningNow', 'the ransom note was in English and we are a Welsh school'],
    ['first', 'someone emailed us in Welsh pretending to be the council'],
    ['audience', 'my Welsh is not great, sorry'],
  ])('a language that is only mentioned chooses nothing: at %s, %s', (at, text) => {
    expect(read(at, text).command).toBeUndefined();
  });
});

describe('navigation with its reason after it', () => {
  test.each<[At, string, string]>([
    ['audience', 'start over please, I chose the wrong one', 'restart'],
    ['location', 'could we start again? I typed my old address', 'restart'],
    ['regionalTeam', 'can we go back a step, the town is wrong', 'back'],
    ['happeningNow', 'Thanks. Go back please, I clicked yes by mistake', 'back'],
    ['regionalTeam', 'cancel, I have sorted it with the bank', 'cancel'],
  ])('at %s: %s → %s', (at, text, expected) => {
    expect(read(at, text).command).toBe(expected);
  });

  test.each<[At, string]>([
    ['happeningNow', "stop, they're still sending emails from my account"],
    ['first', 'I made a mistake, I clicked a link in a text'],
    ['happeningNow', "they're back, they logged in again an hour ago"],
  ])('words about the attack are not navigation: at %s, %s', (at, text) => {
    expect(read(at, text).command).toBeUndefined();
  });
});

describe('thanks, what now and the team again, in more forms', () => {
  test.each<[At, string, string]>([
    ['regionalTeam', 'Thank you so much, you are very kind', 'thanks'],
    ['regionalTeam', 'Cheers pal, much appreciated', 'thanks'],
    ['regionalTeam', 'diolch xx', 'thanks'],
    ['regionalTeam', 'diolch am yr help', 'thanks'],
    ['liveAttack', 'right ok wat now', 'whatNow'],
    ['liveAttack', 'Reit, beth nesaf?', 'whatNow'],
    ['regionalTeam', 'manylion y tîm eto plis', 'whatNow'],
  ])('at %s: %s → %s', (at, text, expected) => {
    expect(read(at, text).command).toBe(expected);
  });

  test('thanks followed by a live attack is not a thank-you', () => {
    const got = read('regionalTeam', "thanks but they're still in my email right now");
    expect(got.command).toBeUndefined();
    expect(got.happeningNow).toBe('yes');
  });
});

describe('a town that shares its name only with villages elsewhere is the town', () => {
  test.each<[At, string, string]>([
    ['first', 'I run a small garage in Warrington and our email has been hacked', 'NWROCU'],
    ['first', 'nursery in Worthing, ransomware on the office PC', 'SEROCU'],
    ['location', 'Stroud', 'SWROCU'],
    ['location', 'Stroud, Hampshire', 'SEROCU'],
  ])('at %s: %s → %s', (at, text, expected) => {
    expect(read(at, text).location).toBe(expected);
  });

  test('a name two towns share is asked: "bury" (Greater Manchester, or Bury St Edmunds)', () => {
    expect(read('location', 'bury').location).toMatch(/^choice:(?=.*NWROCU)(?=.*ERSOU)/);
  });
});

describe('Welsh places in a sentence, as Welsh writes them', () => {
  test.each<[At, string, string]>([
    // A name that begins with the article, after "yn" / "ger" ("Y Bala", "Yr Wyddgrug", "Y Fenni").
    ['first', "mae'r cyngor tref yn y fenni wedi cael e-bost ffug", 'TARIAN'],
    ['first', "dwi'n rhedeg caffi yn yr wyddgrug ac mae'r cyfrifiadur wedi'i gloi", 'NWROCU'],
    // "ym" / "yng" said before a name that does not mutate, written in lower case.
    ['first', 'mae gynnon ni fusnes ym mhorthmadog, mae rhywun wedi hacio ein e-bost', 'NWROCU'],
    ['first', "rwy'n byw ym machynlleth a ges i alwad ffug", 'TARIAN'],
    // "ar" before an island's name.
    ['first', "rydyn ni ar Ynys Môn ac mae'r wefan i lawr", 'NWROCU'],
    // Two capitals after "o" are a company, not a postcode area.
    ['first', "nath rhywun o BT ffonio fi ddoe. Dw i'n byw yn Wrecsam.", 'NWROCU'],
  ])('at %s: %s → %s', (at, text, expected) => {
    expect(read(at, text).location).toBe(expected);
  });

  test.each<[At, string]>([
    ['first', "mae'r cyfrifiadur yn y cefn wedi stopio"],
    ['first', 'ym mis Ionawr talais i £500'],
    ['first', "mae'r arian yn y banc o hyd"],
  ])('ordinary Welsh words after "yn y", "ym" are no place: %s', (at, text) => {
    expect(read(at, text).location).toBeUndefined();
  });
});
