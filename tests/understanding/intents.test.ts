/**
 * Questions people ask (data/intents.json, dialogs/understanding/intent.ts), measured on the labelled sets
 * (intents.json, written with the intents; intents-heldout.json, written after them with phrasings of its own) and
 * held by class with phrasings of their own. The target: questions at an outcome answered sensibly at least
 * 90% of the time. A question never reads as "not happening" or "for yourself" at a live organisation's outcome.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataFileError } from '../../data/loadJson';
import { INTENTS, INTENTS_FILE, loadIntents, usableFact, INTENT_FACTS } from '../../data/intents';
import { findIntent } from '../../dialogs/understanding/intent';
import { INTENT_SET_NAMES, loadCorpus, rulesEngine, scoreIntents } from './corpus';

describe.each(INTENT_SET_NAMES)('%s.json', (name) => {
  const samples = loadCorpus(name);
  const tally = scoreIntents(rulesEngine, samples);

  test('is big enough to mean something, in English and Welsh, at outcomes and before them', () => {
    expect(tally.total).toBeGreaterThanOrEqual(name === 'intents' ? 120 : 80);
    expect(tally.atOutcome.total).toBeGreaterThan(tally.total / 2);
    expect(tally.total - tally.atOutcome.total).toBeGreaterThan(10);
    expect(samples.some((sample) => /\b(ydy|alla|beth|pryd|diolch)\b/i.test(sample.text))).toBe(true);
    for (const intent of INTENTS) expect(samples.some((sample) => sample.expect.intent === intent)).toBe(true);
  });

  test('questions at an outcome are answered sensibly at least 90% of the time (and overall)', () => {
    const misses = tally.examples.map(({ sample, got }) => `${sample.at}: "${sample.text}" → ${got} (expected ${sample.expect.intent})`);
    expect({ rate: tally.atOutcome.answered / tally.atOutcome.total, misses }).toMatchObject({ rate: expect.any(Number) });
    expect(tally.atOutcome.answered / tally.atOutcome.total).toBeGreaterThanOrEqual(0.9);
    expect(tally.answered / tally.total).toBeGreaterThanOrEqual(0.9);
  });

  test('no question reads as "not happening now" or "for yourself" at a live organisation\'s outcome', () => {
    for (const sample of samples.filter((each) => each.expect.intent && each.expect.intent !== 'other')) {
      const produced = rulesEngine(sample.text, 'liveAttack');
      expect([sample.text, produced.happeningNow]).not.toEqual([sample.text, 'no']);
      expect([sample.text, produced.audience]).not.toEqual([sample.text, 'individual']);
    }
  });
});

describe('each intent, by class, with phrasings of its own', () => {
  test.each<[string, string]>([
    // The cost of the call, however it is asked.
    ['do I get charged for ringing them', 'callCost'], ['is 0300 a freephone number', 'callCost'], ['faint yw cost yr alwad', 'callCost'],
    // Engaged, closed, ringing out, "can't get through" (with texting spellings).
    ['phone just rings out', 'lineBusy'], ['cnt get thru to anyone', 'lineBusy'], ["dydy neb yn ateb y ffôn", 'lineBusy'], ['they are closed', 'lineBusy'],
    // The number again.
    ['what was that number', 'numberAgain'], ['pls send the number again', 'numberAgain'], ['pa rif oedd o?', 'numberAgain'],
    // Another way than the phone.
    ['can i fill in a form online instead', 'otherChannel'], ["i can't speak on the phone", 'otherChannel'], ['oes rhaid i mi ffonio?', 'otherChannel'],
    // Hours, by "when" or by a yes/no about opening.
    ['what time do they shut', 'openingHours'], ['are they open christmas day', 'openingHours'], ['ydy e ar agor 24 awr?', 'openingHours'],
    // What happens next, and whether anyone comes.
    ['is someone coming out to us', 'whatHappensNext'], ['what happens once I report it', 'whatHappensNext'], ["fyddan nhw'n ymchwilio?", 'whatHappensNext'],
    // What to have ready.
    ['what should i tell the person who answers', 'whatToHaveReady'], ['which details should i have to hand', 'whatToHaveReady'], ['beth fyddan nhw eisiau gwybod', 'whatToHaveReady'],
    // A person or a bot?
    ['am i speaking to a machine', 'isBot'], ['is this an ai', 'isBot'], ['wyt ti\'n robot?', 'isBot'],
    // A person, please.
    ['could i speak with an advisor', 'talkToPerson'], ['get me a real person', 'talkToPerson'], ["hoffwn i siarad efo rhywun", 'talkToPerson'],
    // The chat's privacy.
    ['does anyone read these messages', 'privacy'], ['are my answers stored', 'privacy'], ["ydy'r sgwrs yn cael ei chadw?", 'privacy'],
    // The police?
    ['is this run by the police', 'isPolice'], ['have I reported it by doing this', 'isPolice'], ['ydych chi\'n heddlu?', 'isPolice'],
    // The cyber team's number.
    ['how can i contact the regional cyber unit', 'cyberTeamNumber'], ['rhif ffôn y tîm seiber', 'cyberTeamNumber'],
    // Hello.
    ['hiya there', 'greeting'], ['noswaith dda', 'greeting'],
    // Pay the ransom?
    ['do we have to pay them to get our files back', 'payRansom'], ['ddylwn i dalu nhw?', 'payRansom'],
    // On the way to the phone.
    ['right, phoning them now', 'acknowledgement'], ['iawn, dw i am ffonio', 'acknowledgement'],
  ])('"%s" → %s', (text, intent) => {
    expect(findIntent(text)).toBe(intent);
  });

  test.each([
    // Answers and descriptions are not questions.
    'yes', 'no', 'not sure', 'we are a charity', 'just me', 'LS1 4AP', 'our files are encrypted', 'it happened last week',
    'ydy', 'nac ydy', 'elusen', 'ransomware attack on our school, they want money',
    // A story that mentions a phone or the police is no question.
    'we got a call from someone saying they were from the bank and now our account is empty',
    'a man rang me saying he was from BT and I let him onto my computer',
    // Words that look like an intent's inside another meaning.
    'the hackers want us to pay in bitcoin and we already paid', 'how much will it cost to fix the server',
    'my email is not working', 'our website is closed for maintenance',
  ])('"%s" is no question', (text) => {
    expect(findIntent(text)).toBeNull();
  });
});

describe('data/intents.json', () => {
  test('every intent and fact is there, and the facts an answer states are sourced', () => {
    const file = loadIntents();
    expect(new Set(file.order)).toEqual(new Set(INTENTS));
    for (const fact of INTENT_FACTS) {
      expect(usableFact(fact)).not.toBeNull();
      expect(file.facts[fact].source.length).toBeGreaterThan(20);
    }
  });

  test.each<[string, (file: any) => void, RegExp]>([
    ['an intent missing from the order', (file) => file.order.pop(), /field "order" must list acknowledgement/],
    ['a group that does not exist', (file) => file.intents.callCost.patterns.push(['@nothing']), /field "intents\.callCost\.patterns\.2\.0" names the group @nothing/],
    ['a greeting matched inside a sentence', (file) => file.intents.greeting.patterns.push(['hello']), /field "intents\.greeting\.patterns" must be empty/],
    ['a fact with no source', (file) => delete file.facts.callCost03.source, /field "facts\.callCost03\.source"/],
    ['a fact verified on no real date', (file) => (file.facts.callCost101.verifiedOn = '8 Dec 2026'), /field "facts\.callCost101\.verifiedOn" must be a date/],
  ])('a bad file stops start-up naming the file and the field: %s', (_name, spoil, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'intents-'));
    try {
      const file = JSON.parse(readFileSync(path.join(__dirname, '../../data', INTENTS_FILE), 'utf8'));
      spoil(file);
      writeFileSync(path.join(dir, INTENTS_FILE), JSON.stringify(file));
      let error: unknown;
      try {
        loadIntents(dir);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DataFileError);
      expect((error as Error).message).toMatch(/intents\.json/);
      expect((error as Error).message).toMatch(message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
