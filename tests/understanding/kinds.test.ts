import { lexicon } from '../../dialogs/understanding/lexicon';
import { readText } from '../../dialogs/understanding/read';
import { initialContext } from '../../machines/triage';
import { loadCorpus, rulesEngine, scoreKinds } from './corpus';

/**
 * What happened, read from what people write (dialogs/understanding/kind.ts): held to kinds.json (written for issue 22,
 * English and Welsh) and to the classes the rules are built on, each with phrasings of its own.
 * Dangerous here: a message acted on, or money paid, read as a message not acted on (the bank steps would be lost).
 */

const kindOf = (text: string) => {
  const reading = readText(text, { state: 'happeningNow', context: initialContext, onScreen: null, pending: null }, lexicon());
  return reading.kind === 'answers' ? (reading.taken.find((answer) => answer.question === 'kind')?.answer ?? null) : null;
};

test('kinds.json: at least 95% right, at most 5% asked, nothing dangerous', () => {
  const tally = scoreKinds(rulesEngine, loadCorpus('kinds'));
  expect(tally.total).toBeGreaterThan(100);
  const dangerous = tally.examples.filter(({ sample, got }) => got === 'phishingIgnored' && ['phishingActedOn', 'moneyLost'].includes(sample.expect.kind!));
  expect(dangerous.map(({ sample }) => sample.text)).toEqual([]);
  expect(tally.right / tally.total).toBeGreaterThanOrEqual(0.95);
  expect(tally.asked / tally.total).toBeLessThanOrEqual(0.05);
});

describe('the classes', () => {
  test.each([
    ['a scam text I deleted without clicking', 'phishingIgnored'],
    ["didn't click the link, just forwarding it on", 'phishingIgnored'],
    ['I never clicked on it', 'phishingIgnored'],
    ['I clicked on the link and typed in my card details', 'phishingActedOn'],
    ['wnes i ddim clicio ar y ddolen', 'phishingIgnored'],
  ])('clicked or not, by negation: %s → %s', (text, kind) => expect(kindOf(text)).toBe(kind));

  test.each([
    ['someone hacked our club email', 'accountTakeover'],
    ['our company laptop got hacked', 'deviceCompromised'],
    ['hacked', null],
  ])('hacked beside an account or a device: %s → %s', (text, kind) => expect(kindOf(text)).toBe(kind));

  test.each([
    ['I sent £450 to a seller who vanished', 'moneyLost'],
    ['I sent an email to the council', null],
    ['they got into my paypal and took the money', 'accountTakeover'],
    ['the money has gone from our account', 'moneyLost'],
  ])('money, with an amount or taken: %s → %s', (text, kind) => expect(kindOf(text)).toBe(kind));

  test.each([
    ['I clicked a link in an email and now all our files are encrypted', 'ransomware'],
    ['they hacked my instagram and now they say they will post my nudes unless I pay', 'sextortion'],
    ['clicked a dodgy link and then money left our account, £3,000', 'moneyLost'],
  ])('the consequence over the way in: %s → %s', (text, kind) => expect(kindOf(text)).toBe(kind));

  test.each([
    ["it's encrypted I think", null],
    ['we have not paid anything', null],
    ['is the call free?', null],
  ])('nothing guessed: %s', (text, kind) => expect(kindOf(text)).toBe(kind));

  test('what happened never changes the other answers', () => {
    const reading = readText("we're a charity and we've been hit by ransomware, still happening", { state: 'happeningNow', context: initialContext, onScreen: null, pending: null }, lexicon());
    expect(reading.kind === 'answers' && reading.taken).toEqual(
      expect.arrayContaining([{ question: 'happeningNow', answer: 'yes' }, { question: 'audience', answer: 'organisation' }, { question: 'kind', answer: 'ransomware' }]),
    );
  });
});
