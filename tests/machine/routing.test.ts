import { resolveLocation } from '../../data/location';
import { startTriage, stateIdOf, stepTriage, type TriageSnapshot } from '../../machines/persistence';
import type { ResolvedLocation, TriageEvent } from '../../machines/triage';

/** The machine on its own: answers in any order and any state, and where `route` sends them. */

function place(text: string): ResolvedLocation {
  const resolved = resolveLocation(text);
  if (resolved.kind === 'unknown' || resolved.kind === 'suggestion') throw new Error(`${text} does not resolve`);
  return resolved as ResolvedLocation;
}

function run(...events: TriageEvent[]): TriageSnapshot {
  return events.reduce((snapshot, event) => {
    const stepped = stepTriage(snapshot, event);
    expect(stepped.accepted).toBe(true);
    return stepped.snapshot;
  }, startTriage());
}

const yes: TriageEvent = { type: 'ANSWER_HAPPENING', answer: 'yes' };
const no: TriageEvent = { type: 'ANSWER_HAPPENING', answer: 'no' };
const organisation: TriageEvent = { type: 'ANSWER_AUDIENCE', answer: 'organisation' };
const individual: TriageEvent = { type: 'ANSWER_AUDIENCE', answer: 'individual' };
const at = (text: string): TriageEvent => ({ type: 'ANSWER_LOCATION', location: place(text) });

test('the first question is whether it is happening now', () => {
  expect(stateIdOf(startTriage())).toBe('happeningNow');
});

test('answers to later questions given early are kept, and the first unanswered question is asked', () => {
  expect(stateIdOf(run(organisation))).toBe('happeningNow');
  expect(stateIdOf(run(at('LS1 4AP')))).toBe('happeningNow');
  expect(stateIdOf(run(at('LS1 4AP'), no))).toBe('audience');
  expect(stateIdOf(run(at('LS1 4AP'), no, individual))).toBe('regionalTeam');
  expect(stateIdOf(run(individual, no))).toBe('location');
});

test('a live organisation lands on the live-attack outcome even when its place is already known', () => {
  const snapshot = run(at('Glasgow'), yes, organisation);
  expect(stateIdOf(snapshot)).toBe('liveAttack');
  expect(snapshot.context.location?.unitId).toBe('SCOT');
  // Its regional team then comes without asking where again.
  expect(stateIdOf(run(at('Glasgow'), yes, organisation, { type: 'SHOW_REGIONAL_TEAM' }))).toBe('regionalTeam');
});

test('"not sure" counts as live', () => {
  expect(stateIdOf(run({ type: 'ANSWER_HAPPENING', answer: 'notSure' }, organisation))).toBe('liveAttack');
});

test('a place given at the live-attack outcome shows the regional team for it', () => {
  const snapshot = run(yes, organisation, at('M1 1AE'));
  expect(stateIdOf(snapshot)).toBe('regionalTeam');
  expect(snapshot.context.location?.unitId).toBe('NWROCU');
  expect(stateIdOf(run(yes, organisation, at('Jersey')))).toBe('outsideUk');
  expect(stateIdOf(run(yes, organisation, at('KT6')))).toBe('locationChoice');
});

test('a place needing a choice is chosen, then routed', () => {
  const choosing = run(no, individual, at('KT6'));
  expect(stateIdOf(choosing)).toBe('locationChoice');
  const surrey = choosing.context.pendingChoice!.candidates.findIndex((candidate) => candidate.forceId === 'surrey');
  const chosen = run(no, individual, at('KT6'), { type: 'CHOOSE_CANDIDATE', index: surrey });
  expect(stateIdOf(chosen)).toBe('regionalTeam');
  expect(chosen.context.location).toMatchObject({ unitId: 'SEROCU', forceId: 'surrey' });
  expect(stepTriage(choosing, { type: 'CHOOSE_CANDIDATE', index: 99 }).accepted).toBe(false);
});

test('a later answer corrects an earlier one and the route follows', () => {
  expect(stateIdOf(run(no, organisation, at('LS1'), yes))).toBe('liveAttack');
  expect(stateIdOf(run(yes, organisation, no))).toBe('location');
});

describe('Back', () => {
  test('steps back one question at a time, clearing the answer it returns to', () => {
    let snapshot = run(no, individual, at('LS1'));
    const states: string[] = [stateIdOf(snapshot)];
    for (let i = 0; i < 3; i++) {
      snapshot = stepTriage(snapshot, { type: 'BACK' }).snapshot;
      states.push(stateIdOf(snapshot));
    }
    expect(states).toEqual(['regionalTeam', 'location', 'audience', 'happeningNow']);
    expect(snapshot.context).toMatchObject({ happening: null, audience: null, location: null });
    expect(stepTriage(snapshot, { type: 'BACK' }).accepted).toBe(false);
  });

  test('from the location question of a live organisation returns to the live-attack outcome', () => {
    const snapshot = run(yes, organisation, { type: 'SHOW_REGIONAL_TEAM' }, { type: 'BACK' });
    expect(stateIdOf(snapshot)).toBe('liveAttack');
    expect(snapshot.context.wantsRegionalTeam).toBe(false);
  });
});

describe('Change', () => {
  test('clears only the answer being changed', () => {
    const snapshot = run(no, individual, at('LS1'), { type: 'CHANGE', question: 'audience' });
    expect(stateIdOf(snapshot)).toBe('audience');
    expect(snapshot.context).toMatchObject({ happening: 'no', audience: null, location: { unitId: 'YHROCU' } });
    expect(stateIdOf(stepTriage(snapshot, organisation).snapshot)).toBe('regionalTeam');
  });

  test('Back while changing restores the answers and the outcome', () => {
    const outcome = run(no, individual, at('LS1'));
    for (const question of ['happeningNow', 'audience', 'location'] as const) {
      const changing = stepTriage(outcome, { type: 'CHANGE', question }).snapshot;
      const back = stepTriage(changing, { type: 'BACK' }).snapshot;
      expect(stateIdOf(back)).toBe('regionalTeam');
      expect(back.context).toEqual(outcome.context);
    }
  });

  test('the place of a live organisation can be changed from the live-attack outcome, which then comes back', () => {
    const live = run(at('Glasgow'), yes, organisation);
    const changing = stepTriage(live, { type: 'CHANGE', question: 'location' }).snapshot;
    expect(stateIdOf(changing)).toBe('location');
    const changed = stepTriage(changing, at('CF10 1EP')).snapshot;
    expect(stateIdOf(changed)).toBe('liveAttack');
    expect(changed.context.location?.unitId).toBe('TARIAN');
  });

  test('a second Change while changing still lets Back restore the answers from before the first', () => {
    const outcome = run(no, individual, at('LS1'));
    const twice = [
      { type: 'CHANGE', question: 'location' },
      { type: 'CHANGE', question: 'audience' },
      { type: 'BACK' },
    ].reduce((snapshot, event) => stepTriage(snapshot, event as TriageEvent).snapshot, outcome);
    expect(stateIdOf(twice)).toBe('regionalTeam');
    expect(twice.context).toEqual(outcome.context);
  });
});
