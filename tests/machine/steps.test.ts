import { transition } from 'xstate';
import { INCIDENT_KINDS } from '../../data/firstSteps';
import { resolveLocation } from '../../data/location';
import { startTriage, stepTriage, type TriageSnapshot } from '../../machines/persistence';
import { triageMachine, type ChangeableQuestion, type ResolvedLocation, type TriageEvent } from '../../machines/triage';

const CHANGEABLE_QUESTIONS: ChangeableQuestion[] = ['happeningNow', 'audience', 'location', 'kind'];

/**
 * stepTriage computes each step once, in one actor scope made at load, and reads "accepted" from whether xstate gave
 * back a new snapshot (machines/persistence.ts). Held here against xstate's own answers: in every state reachable in
 * four steps from the start, for every kind of event (accepted or not there), `accepted` is what `snapshot.can(event)`
 * says, and the snapshot is the one xstate's pure `transition(machine, snapshot, event)` gives.
 */

function place(text: string): ResolvedLocation {
  const resolved = resolveLocation(text);
  if (resolved.kind === 'unknown' || resolved.kind === 'suggestion') throw new Error(`${text} does not resolve`);
  return resolved as ResolvedLocation;
}

const EVENTS: TriageEvent[] = [
  { type: 'ANSWER_HAPPENING', answer: 'yes' },
  { type: 'ANSWER_HAPPENING', answer: 'no' },
  { type: 'ANSWER_HAPPENING', answer: 'notSure' },
  { type: 'ANSWER_AUDIENCE', answer: 'organisation' },
  { type: 'ANSWER_AUDIENCE', answer: 'individual' },
  { type: 'ANSWER_LOCATION', location: place('LS1 4AP') },
  { type: 'ANSWER_LOCATION', location: place('KT6') },
  { type: 'ANSWER_LOCATION', location: place('Jersey') },
  { type: 'ANSWER_LOCATION', location: place('Glasgow') },
  { type: 'ANSWER_KIND', kind: INCIDENT_KINDS[0] },
  { type: 'CHOOSE_CANDIDATE', index: 0 },
  { type: 'CHOOSE_CANDIDATE', index: 99 },
  { type: 'SHOW_REGIONAL_TEAM' },
  { type: 'BACK' },
  ...CHANGEABLE_QUESTIONS.map((question): TriageEvent => ({ type: 'CHANGE', question })),
];

const persisted = (snapshot: TriageSnapshot) => JSON.stringify(triageMachine.getPersistedSnapshot(snapshot));

test('every step is accepted exactly when xstate says it can be, and lands where xstate\'s own transition does', () => {
  const seen = new Set<string>();
  let frontier = [startTriage()];
  let checked = 0;
  let refused = 0;
  for (let depth = 0; depth < 4; depth++) {
    const next: TriageSnapshot[] = [];
    for (const snapshot of frontier) {
      for (const event of EVENTS) {
        const stepped = stepTriage(snapshot, event);
        expect({ event, accepted: stepped.accepted }).toEqual({ event, accepted: snapshot.can(event) });
        checked++;
        if (!stepped.accepted) {
          refused++;
          expect(stepped.snapshot).toBe(snapshot);
          continue;
        }
        const [expected] = transition(triageMachine, snapshot, event);
        const key = persisted(stepped.snapshot);
        expect(key).toBe(persisted(expected));
        if (!seen.has(key)) {
          seen.add(key);
          next.push(stepped.snapshot);
        }
      }
    }
    frontier = next;
  }
  // Enough of the machine was walked for the check to mean something: many states, steps refused and taken.
  expect(seen.size).toBeGreaterThan(100);
  expect(refused).toBeGreaterThan(100);
  expect(checked - refused).toBeGreaterThan(500);
});
