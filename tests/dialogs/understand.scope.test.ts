/**
 * Issue 20: "not happening" only where an end or a past time has nothing in its scope that undoes it, and who it is
 * for in everyday words. Each class with phrasings of its own (not the lines of tests/understanding/scope*.json), as
 * the rules read them (dialogs/understanding/scope.ts, identity.ts).
 */
import { GapPhrases, lexicon } from '../../dialogs/understanding/lexicon';
import { splitMarkedClauses } from '../../dialogs/understanding/text';
import { rulesEngine, type At } from '../understanding/corpus';

const happening = (text: string, at: At = 'happeningNow') => rulesEngine(text, at).happeningNow;
const audience = (text: string, at: At = 'audience') => rulesEngine(text, at).audience;

describe('an end undone by what is in its scope is no end', () => {
  test.each([
    // a negated ending verb
    ['we have not been able to shift them', 'yes'],
    ["our IT firm couldn't get rid of it", 'yes'],
    ['no luck stopping it so far', 'yes'],
    ['no one has managed to fix it', 'yes'],
    ["it won't go away", 'yes'],
    // a restart after a clause break
    ['it went quiet at lunchtime and then it came back', 'yes'],
    ['sorted it on tuesday but they got in again today', 'yes'],
    ['it had stopped. now it has started up again', 'yes'],
    ['we thought we had fixed it but it carried on', 'yes'],
    // a wish
    ['i just wish it was over', 'yes'],
    ['wish it wasnt happening', 'yes'],
    // a hedge, a question or an end not reached
    ['hopefully it is finished?', 'notSure'],
    ['has it ended', 'notSure'],
    ['is everything ok now?', 'notSure'],
    ['it is supposed to be fixed by now', 'notSure'],
    ['our IT are working on fixing it', 'notSure'],
    ['how can we get rid of them', 'notSure'],
    // what people do while it goes on
    ['I have switched the laptop off', 'notSure'],
    ['we took the server offline', 'notSure'],
    ['no, we disconnected everything', 'notSure'],
    ['yes, I have unplugged it', 'yes'],
  ])('%s → %s', (text, expected) => {
    expect(happening(text)).toBe(expected);
  });

  test('a restart said with the end as one event leaves doubt, never "no": "it stopped just now"', () => {
    expect(happening('it stopped just now')).toBe('notSure');
  });

  test('"again" right after an end is part of it: "working again" is over; "if it happens again" says nothing', () => {
    expect(happening('the tills are working again')).toBe('no');
    expect(happening('if it happens again what should we do, it stopped this morning')).not.toBe('yes');
  });
});

describe('over, said the other way round', () => {
  test.each([
    // the present negated, through its adverbs
    ['not presently happening', 'no'],
    ['no, it is not still going', 'no'],
    ['there are no ongoing problems', 'no'],
    // an end that takes an object
    ['the texts stopped arriving on wednesday', 'no'],
    ['they stopped phoning after friday', 'no'],
    // past times built from their parts
    ['during the february half term', 'no'],
    ['last easter', 'no'],
    ['in the winter', 'no'],
    ['about three months back', 'no'],
    ['back in 2021', 'no'],
    // an attempt that was stopped
    ['windows defender caught it', 'no'],
    ['they tried to log into the payroll but it was blocked', 'no'],
    ['the phishing email was quarantined by our filter', 'no'],
    // an end achieved
    ['we managed to kick them out on friday', 'no'],
  ])('%s → %s', (text, expected) => {
    expect(happening(text)).toBe(expected);
  });

  test('a past time is no past when it runs up to now or lies ahead', () => {
    expect(happening('since half term')).toBe('yes');
    expect(happening('for the last 3 weeks they have been emailing our customers', 'first')).not.toBe('no');
    expect(happening('in the next week they say they will leak it')).not.toBe('no');
  });

  test('blocked is an end only when something stopped an attempt, not when the speaker is shut out', () => {
    expect(happening('I tried to log in and my account is blocked')).not.toBe('no');
    expect(happening('my card was declined')).not.toBe('no');
    expect(happening("the antivirus didn't block it")).not.toBe('no');
  });

  test('locked out is live whoever says it; the attackers locked out is over', () => {
    expect(happening("we can't get back into the server")).toBe('yes');
    expect(happening("they can't access it any more")).toBe('no');
  });
});

describe('Welsh, where the Welsh lexicon has the words', () => {
  test.each([
    ["dydi o ddim wedi stopio", 'yes'],
    ["roedd wedi gorffen ond mae wedi dod yn ôl", 'yes'],
    ["maen nhw'n ôl eto heddiw", 'yes'],
    ['gobeithio ei fod wedi stopio', 'notSure'],
    ['ydy e wedi dod i ben?', 'notSure'],
    ['yr hydref diwethaf', 'no'],
    ['pythefnos yn ôl', 'no'],
  ])('%s → %s', (text, expected) => {
    expect(happening(text)).toBe(expected);
  });
});

describe('who it is for, in everyday words', () => {
  test.each([
    // identity frames with the organisation nouns
    ['we are a tiny bank', 'organisation'],
    ['I run a small netball team', 'organisation'],
    ['we are a sunday league side', 'organisation'],
    ['an under 9s team', 'organisation'],
    ['sole trader, well soul trader, voice typing', 'organisation'],
    ['we own a little bookshop', 'organisation'],
    ['a farm shop', 'organisation'],
    ['the local paper, we are a newspaper', 'organisation'],
    // people
    ['just an ordinary woman', 'individual'],
    ['only little old me', 'individual'],
    ["I'm just a mum", 'individual'],
    ['me persnally', 'individual'],
    ['for my grandma', 'individual'],
  ])('%s → %s', (text, expected) => {
    expect(audience(text)).toBe(expected);
  });

  test('a bank or a team named in passing says nothing about who is asking', () => {
    expect(audience('I rang the bank')).toBeUndefined();
    expect(audience('my bank')).toBe('individual');
    expect(audience('fy nghyfrif banc')).toBe('individual');
  });

  test('people named in a story that says what it is are no doubt; "my personal email" set against work is', () => {
    const story =
      'I look after the accounts for our village cricket club. My wife spotted that the club email had been sending ' +
      'messages to all the members asking for subs by bank transfer. My own email is fine. It is still happening.';
    expect(rulesEngine(story, 'first')).toMatchObject({ audience: 'organisation', happeningNow: 'yes' });
    expect(audience("I'm a teacher at a school but this is my personal email")).toBe('clarify');
  });
});

describe('long stories that say what they are are not asked about', () => {
  test.each([
    [
      "I'm the practice manager at a GP surgery. This morning our receptionist's email started sending out links to patients. " +
        "My daughter who works in IT says it sounds like phishing. I've also had a weird text on my personal phone. Still going on.",
      { audience: 'organisation', happeningNow: 'yes' },
    ],
    [
      "I'm a sole trader, hairdresser, working from home. Someone got into my Instagram which I use for the business and my " +
        "personal stuff and they're messaging my clients. My partner says to report it.",
      { audience: 'organisation', happeningNow: 'yes' },
    ],
    [
      "im a treasurer for a bowls club and a pensioner myself. the club's bank account was emptied on monday. the bank is looking into it",
      { audience: 'organisation', happeningNow: 'no' },
    ],
    [
      'Our farm partnership (me, my brother and our dad) lost £4,000 to a fake invoice from what we thought was our feed supplier. ' +
        "Bank says it's gone. Happened last Thursday.",
      { audience: 'organisation', happeningNow: 'no' },
    ],
  ])('%s', (text, expected) => {
    expect(rulesEngine(text, 'first')).toMatchObject(expected);
  });
});

describe('the parts', () => {
  test('a clause remembers whether a question mark ended it', () => {
    expect(splitMarkedClauses('it stopped. is it over? not sure')).toEqual([
      { raw: 'it stopped', question: false },
      { raw: 'is it over', question: true },
      { raw: 'not sure', question: false },
    ]);
  });

  test('a gap phrase matches its words with up to three between', () => {
    const phrases = new GapPhrases();
    phrases.add(['turned', '*', 'off']);
    expect(phrases.find('i turned the office computer off'.split(' '))).toEqual([{ start: 1, end: 6 }]);
    expect(phrases.find('i turned it off'.split(' '))).toEqual([{ start: 1, end: 4 }]);
    expect(phrases.find('i turned one two three four off'.split(' '))).toEqual([]);
  });

  test('the lexicons hold the scope words as data', () => {
    const compiled = lexicon();
    expect(compiled.scopeMarkers.at(['wish'], 0)).not.toBeNull();
    expect(compiled.questionStarts.at(['has', 'it'], 0)).not.toBeNull();
    expect(compiled.organisationNouns.at(['bank'], 0)).not.toBeNull();
    expect(compiled.pastTime.after.at(['ago'], 0)).not.toBeNull();
  });
});
