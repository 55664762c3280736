import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseButtonValue, type ButtonValue } from '../../dialogs/buttons';
import type { BotMessage } from '../../dialogs/render';
import { markdownToHtml } from '../../web/triage/markdown';
import { findPhoneNumbers } from '../../web/triage/phoneLinks';
import { renderStep } from '../../web/triage/renderStep';
import { Conversation } from '../support/conversation';
import { textOf } from './formClient';

/**
 * The plain-HTML renderer knows the shape of a BotMessage, not the questions: these tests feed it messages the
 * dialogs do not produce today (a confirmation with Yes/No, feedback buttons after an outcome), as well as the real
 * turns, and check what a person would get: the words, a form per set of buttons carrying each value back intact,
 * a text box on questions, links that are links, facts as a summary list.
 */

function value(action: Record<string, unknown>): ButtonValue {
  return { triage: 't1', state: 'location', ...action } as ButtonValue;
}

/** The values the step's buttons post, and those its Back and Change links carry. */
function buttonValues(html: string): string[] {
  return [...html.matchAll(/<button[^>]*name="button"[^>]*value="([^"]*)"|data-button-value="([^"]*)"/g)].map((match) =>
    (match[1] ?? match[2]).replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  );
}

describe('renderStep: any BotMessage, generically', () => {
  test('a question the dialogs may add later ("Did you mean …?" with Yes/No) gets its words, its buttons and a text box', () => {
    const confirm: BotMessage = {
      kind: 'question',
      state: 'location',
      text: '**Did you mean Manchester?**\n\nSay no and type your postcode instead.',
      buttons: [
        { label: 'Yes', text: 'yes', value: value({ action: 'confirm', answer: 'yes' }) },
        { label: 'No', text: 'no', value: value({ action: 'confirm', answer: 'no' }) },
      ],
    };
    const html = renderStep([confirm]);
    expect(html).toContain('<h2 class="message__heading" id="m1-heading" elementtiming="question">Did you mean Manchester?</h2>');
    expect(textOf(html)).toContain('Say no and type your postcode instead.');
    // Each button posts its value as JSON, exactly as given.
    expect(buttonValues(html).map((raw) => JSON.parse(raw))).toEqual(confirm.buttons!.map((button) => button.value));
    expect(html).toMatch(/<form class="answers" id="m1-answers" method="post" action="\/triage">/);
    expect(html).toMatch(/<form class="typed-answer" method="post" action="\/triage"><label class="typed-answer__label" for="m1-typed">/);
    expect(html).toContain('<input class="typed-answer__input" type="text" id="m1-typed" name="text" maxlength="500"');
  });

  test('feedback buttons after an outcome render as a form too, with no text box (it is not a question)', () => {
    const feedback: BotMessage = {
      kind: 'notice',
      text: 'Was this helpful?',
      buttons: [{ label: 'Yes, thanks', text: 'helpful', value: value({ action: 'feedback', answer: 'yes' }) }],
    };
    const html = renderStep([feedback]);
    expect(textOf(html)).toBe('Was this helpful? Yes, thanks');
    expect(html).not.toContain('typed-answer');
    expect(JSON.parse(buttonValues(html)[0])).toEqual(feedback.buttons![0].value);
  });

  test('what the bot says is escaped: markup in text, labels, values and facts stays text', () => {
    const hostile: BotMessage = {
      kind: 'summary',
      text: '**Your answers** <script>alert(1)</script>\n\n- x',
      facts: [{ title: '<b>t</b>', value: '"><img src=x onerror=alert(1)>' }],
      buttons: [{ label: '<i>go</i>', text: 'go', value: value({ action: 'restart', note: '"><script>' }) }],
      links: [
        { label: 'bad', url: 'javascript:alert(1)' },
        { label: 'data', url: 'data:text/html,<script>alert(1)</script>' },
        { label: 'ok', url: 'https://example.police.uk/' },
      ],
    };
    const html = renderStep([hostile]);
    expect(html).not.toMatch(/<script|<img|<b>|<i>|javascript:|data:text/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="https://example.police.uk/"');
    expect(JSON.parse(buttonValues(html)[0])).toEqual(hostile.buttons![0].value);
  });

  test('an outcome: its lead paragraph first, then its links (tel: as call buttons), then the rest', () => {
    const outcome: BotMessage = {
      kind: 'outcome',
      state: 'liveAttack',
      text: '**Call us now on 0300 123 2040 and press 9.** Open all day.\n\n- Step one\n- Step two\n\nIn danger? Call 999.',
      links: [
        { label: 'Call 0300 123 2040 (press 9)', url: 'tel:03001232040' },
        { label: 'Report online', url: 'https://www.reportfraud.police.uk' },
      ],
    };
    const html = renderStep([outcome]);
    expect(html).toMatch(/^<div class="step" id="triage-step" tabindex="-1" data-outcome="true">/);
    const lead = html.indexOf('message__lead');
    const call = html.indexOf('<a class="button button--call" href="tel:03001232040">Call 0300 123 2040 (press 9)</a>');
    const steps = html.indexOf('Step one');
    expect(lead).toBeGreaterThan(0);
    expect(call).toBeGreaterThan(lead);
    expect(steps).toBeGreaterThan(call);
    expect(html).toContain('<a class="button button--link" href="https://www.reportfraud.police.uk" rel="noreferrer">Report online</a>');
    // Numbers in the text are tel: links too.
    expect(html).toContain('<a href="tel:03001232040" class="tel-link">0300 123 2040</a>');
    expect(html).toContain('<a href="tel:999" class="tel-link">999</a>');
  });

  test('facts become a summary list with a Change link in each row; Back is the link at the top', () => {
    const question: BotMessage = {
      kind: 'question',
      state: 'audience',
      text: '**Who is it for?**',
      buttons: [
        { label: 'Me', text: 'me', value: value({ action: 'answerAudience', answer: 'individual' }) },
        { label: 'Back', text: 'back', value: value({ action: 'back' }) },
      ],
    };
    const summary: BotMessage = {
      kind: 'summary',
      text: '**Your answers** (today)\n\n- Happening now: No\n- Asking for: Yourself',
      facts: [
        { title: 'Happening now', value: 'No' },
        { title: 'Asking for', value: 'Yourself' },
      ],
      buttons: [
        { label: 'Change: happening now', text: 'c1', value: value({ action: 'change', question: 'happeningNow' }) },
        { label: 'Change: who', text: 'c2', value: value({ action: 'change', question: 'audience' }) },
        { label: 'Start again', text: 'start again', value: value({ action: 'restart' }) },
      ],
    };
    const asked = renderStep([question]);
    // Back: a link at the top (GOV.UK's Back link), carrying the button's value to /triage/go; not also a button.
    const back = /^<div class="step"[^>]*><div class="step__back"><a class="back-link" href="\/triage\/go\?button=([^"]+)" data-button-value="([^"]+)"[^>]*>Back<\/a><\/div>/.exec(asked);
    expect(back).not.toBeNull();
    expect(JSON.parse(decodeURIComponent(back![1]))).toEqual(question.buttons![1].value);
    expect(asked.match(/<button[^>]*name="button"/g)).toHaveLength(1);

    const html = renderStep([summary]);
    const rows = [...html.matchAll(/<div class="summary-list__row">([\s\S]*?)<\/div>/g)].map((row) => textOf(row[1]));
    expect(rows).toEqual(['Happening now No Change: happening now', 'Asking for Yourself Change: who']);
    const changes = [...html.matchAll(/<a class="summary-list__change" href="\/triage\/go\?button=([^"]+)"/g)].map((match) => JSON.parse(decodeURIComponent(match[1].replace(/&amp;/g, '&'))));
    expect(changes).toEqual(summary.buttons!.slice(0, 2).map((button) => button.value));
    // The list is not repeated as bullets, and the heading is the text's first paragraph.
    expect(html).not.toContain('<li>Happening now');
    expect(html).toContain('<h2 class="message__heading" id="m1-heading"><strong>Your answers</strong> (today)</h2>');
    // Start again, then a text box for a question typed at the outcome ("is the call free?", a new place).
    expect(textOf(html)).toMatch(/Start again Or type a question Send$/);
    expect(html).toContain('<input class="typed-answer__input" type="text" id="m1-typed" name="text"');
  });

  test('every state of every journey renders, and every button there posts a value parseButtonValue accepts', () => {
    const seen = new Set<string>();
    const journeys: Array<Array<string | [string, string]>> = [
      ['Yes', 'An organisation', 'Show my regional team', ['type', 'Manchester']],
      ['No', 'Myself', ['type', 'LS1 4AP']],
      ['Not sure', 'Myself', 'Outside the UK'],
      ['No', 'An organisation', ['type', 'Jersey']],
      ['No', 'Myself', ['type', 'Newport'], 'Back', ['type', 'TD']],
    ];
    for (const journey of journeys) {
      const conversation = new Conversation();
      let messages = conversation.welcome();
      for (const step of journey) {
        const html = renderStep(messages);
        for (const raw of buttonValues(html)) expect(parseButtonValue(raw)).not.toBeNull();
        for (const message of messages) if (message.state) seen.add(message.state);
        messages = typeof step === 'string' ? conversation.click(step) : conversation.type(step[1]);
      }
      const html = renderStep(messages);
      for (const message of messages) if (message.state) seen.add(message.state);
      for (const raw of buttonValues(html)) expect(parseButtonValue(raw)).not.toBeNull();
      expect(textOf(html).length).toBeGreaterThan(20);
    }
    expect([...seen].sort()).toEqual(['audience', 'happeningNow', 'liveAttack', 'location', 'locationChoice', 'outsideUk', 'regionalTeam']);
  });
});

describe('phone numbers (web/public/phoneLinks.js, used by both channels)', () => {
  test.each([
    ['Call Report Fraud on 0300 123 2040 and press 9.', ['0300 123 2040']],
    ['call 999 or 101, or 112', ['999', '101', '112']],
    ['Police Scotland on 101 (non-emergency)', ['101']],
    ['01786 437 472; 0808-281-3580; 020 7946 0000', ['01786 437 472', '0808-281-3580', '020 7946 0000']],
    ['+44 (0)20 7946 0000 or +44 300 123 2040', ['+44 (0)20 7946 0000', '+44 300 123 2040']],
    ['text relay (18000)', ['18000']],
    ['press 9 at 10:10 on 18/11/2026, in 2025, LS1 4AP, 1010, 101st, 999.5, 0300 123 20401', []],
    ['https://example.police.uk/0300123204 and tel:999 and id#101', []],
  ])('%s', (text, expected) => {
    expect(findPhoneNumbers(text).map((match) => match.number)).toEqual(expected);
  });

  test('tel: URLs keep digits and a leading +', () => {
    expect(findPhoneNumbers('+44 (0)20 7946 0000')[0].url).toBe('tel:+442079460000');
    expect(findPhoneNumbers('0300 123 2040')[0].url).toBe('tel:03001232040');
  });

  test('every phone number in data/ is found (so every one the bot shows can be tapped)', () => {
    const raw = ['national.json', 'units.json'].map((file) => readFileSync(path.join(__dirname, '..', '..', 'data', file), 'utf8')).join('\n');
    // Numbers to call (7726 is for forwarding scam texts, not a call).
    const numbers = [...raw.matchAll(/"number":\s*"([^"]+)"/g)].map((match) => match[1]).filter((number) => number !== '7726');
    expect(numbers.length).toBeGreaterThan(3);
    for (const number of numbers) expect(findPhoneNumbers(`call ${number} now`).map((match) => match.number)).toEqual([number]);
  });

  test('in markdown, numbers already inside a link are left alone', () => {
    expect(markdownToHtml('[Call 999](tel:999) or 101')).toBe('<p><a href="tel:999">Call 999</a> or <a href="tel:101" class="tel-link">101</a></p>');
  });
});
