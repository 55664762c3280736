import { unitById } from '../../data/catalog';
import { isLiveOrganisation } from '../../machines/triage';
import { expectedUnit, forwardJourneys, LOCATION_SAMPLES, replayJourney, sampleOf } from '../support/journeys';

/**
 * Every journey through the triage machine, generated from its graph (tests/support/journeys.ts), replayed through
 * the turn step the bot uses (a JSON round trip of the stored record per turn), asserting the facts the user is given.
 */

const paths = forwardJourneys().map((journey) => ({ ...journey, state: { value: journey.outcome, context: journey.context } }));

test('every sample place resolves as expected, and choices offer the expected units', () => {
  for (const journey of forwardJourneys()) {
    for (const { event } of journey.steps) {
      if (event.type !== 'ANSWER_LOCATION') continue;
      const expected = sampleOf(event).expected;
      if (typeof expected === 'object') {
        const units = event.location.kind === 'choice' ? event.location.candidates.map((c) => c.unitId) : [];
        expect(new Set(units)).toEqual(new Set(expected.choiceBetween));
        expect(event.location.kind === 'choice' ? event.location.abroad : undefined).toBe(expected.orAbroad);
      }
    }
  }
  expect(LOCATION_SAMPLES.length).toBeGreaterThan(13);
});

test('the graph yields every outcome through every kind of answer', () => {
  const outcomes = new Set(paths.map((path) => path.state.value));
  expect(outcomes).toEqual(new Set(['liveAttack', 'regionalTeam', 'outsideUk']));
  const unitsReached = new Set(paths.flatMap((path) => path.state.context.location?.unitId ?? []));
  expect(unitsReached.size).toBe(13);
  expect(paths.length).toBeGreaterThan(100);
});

describe.each(paths.map((path) => [path.name, path] as const))('journey %s', (_name, path) => {
  test('ends at the outcome the machine reached, with the right facts and "Your answers"', () => {
    const conversation = replayJourney(path);

    const outcome = path.state.value as string;
    expect(conversation.lastState()).toBe(outcome);
    const text = conversation.text();
    const context = path.state.context;

    if (outcome === 'liveAttack') {
      const first = conversation.replies.find((message) => message.kind === 'outcome')!.text.split('\n')[0];
      const unit = context.location ? unitById(context.location.unitId) : null;
      expect(text).toContain('999');
      if (context.outside?.kind === 'crown-dependency') {
        expect(text).not.toContain('0300 123 2040');
      } else if (context.outside?.kind === 'abroad') {
        // Abroad: the police where they are, 999 for the UK, and never Report Fraud's line.
        expect(first).toMatch(/^\*\*Contact the police where you are now/);
        expect(text).not.toMatch(/0300 123 2040|press 9/);
      } else if (unit?.reportingRoute === 'police-scotland') {
        expect(first).toMatch(/Police Scotland now on 101/);
        expect(text).not.toContain('press 9');
      } else if (unit) {
        expect(first).toMatch(/Call Report Fraud now on 0300 123 2040 and press 9/);
        expect(text).not.toMatch(/Police Scotland/);
      } else if (!context.outside) {
        // No location known: one message serves every nation, England, Wales and Northern Ireland first.
        expect(first).toMatch(/Call Report Fraud now on 0300 123 2040 and press 9/);
        expect(text).toMatch(/Police Scotland on 101/);
        expect(text.indexOf('0300 123 2040')).toBeLessThan(text.indexOf('Police Scotland on 101'));
        expect(conversation.findButton({ action: 'showRegionalTeam' })).toBeDefined();
      }
    }

    if (outcome === 'regionalTeam') {
      const unit = unitById(expectedUnit(path.steps)!);
      expect(context.location?.unitId).toBe(unit.id);
      expect(text).toContain(unit.name);
      // A website is shown only when it is the unit's own page (TARIAN has none that could be verified: 101 instead).
      if (unit.website.confidence === 'unverified') expect(text).not.toContain(unit.website.url);
      else expect(text).toContain(unit.website.url);
      expect(text).toMatch(/not monitored 24\/7/);
      if (unit.id === 'SCOT') {
        expect(text).toMatch(/Police Scotland on 101/);
        expect(text).not.toContain('reportfraud.police.uk');
      } else {
        expect(text).toContain('https://reportfraud.police.uk');
        expect(text).toContain('Monday to Friday, 8am to 8pm');
      }
      if (unit.id === 'PSNI') expect(text).toMatch(/PSNI on 101/);
      if (isLiveOrganisation(context)) {
        const firstLine = conversation.replies.find((message) => message.kind === 'outcome')!.text.split('\n')[0];
        expect(firstLine).toMatch(unit.id === 'SCOT' ? /Police Scotland on 101/ : /0300 123 2040 and press 9/);
      }
    }

    if (outcome === 'outsideUk') {
      expect(text).not.toMatch(/Regional Organised Crime Unit|Special Operations Unit/);
      if (context.outside?.kind === 'crown-dependency') {
        const police = { JE: 'States of Jersey Police', GY: 'Guernsey Police', IM: 'Isle of Man Constabulary' }[context.outside.territory];
        expect(text).toContain(police);
        expect(text).not.toContain('0300 123 2040');
      } else {
        expect(text).toMatch(/contact the local police where you are/);
        expect(text).not.toMatch(/0300 123 2040|press 9/);
      }
    }

    const summary = conversation.replies.find((message) => message.kind === 'summary')!;
    expect(summary.text).toMatch(/Your answers.*UK time/);
    expect(summary.text).toContain('18 November 2026, 10:30am');
    expect(conversation.findButton({ action: 'restart' })).toBeDefined();
    expect(conversation.findButton({ action: 'change', question: 'happeningNow' })).toBeDefined();
    expect(conversation.findButton({ action: 'change', question: 'audience' })).toBeDefined();
  });
});
