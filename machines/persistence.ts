import { createActor, initialTransition } from 'xstate';
import { TRIAGE_MACHINE_VERSION, triageMachine, type TriageEvent, type TriageStateId } from './triage';

export type TriageSnapshot = ReturnType<typeof initialTransition<typeof triageMachine>>[0];

/** What storage holds for a triage: the persisted snapshot, stamped with the machine version it came from. */
export interface StoredTriage {
  machineVersion: string;
  snapshot: unknown;
}

/** Snapshots are never mutated (a transition returns a new one), so every triage can start from the same one. */
const initialSnapshot: TriageSnapshot = initialTransition(triageMachine)[0];

export function startTriage(): TriageSnapshot {
  return initialSnapshot;
}

/** Null when the stored triage came from another machine version or cannot be resolved: the caller starts afresh. */
export function restoreTriage(stored: StoredTriage | undefined | null): TriageSnapshot | null {
  if (!stored || stored.machineVersion !== TRIAGE_MACHINE_VERSION || typeof stored.snapshot !== 'object') return null;
  try {
    const snapshot = triageMachine.resolveState(stored.snapshot as Parameters<typeof triageMachine.resolveState>[0]);
    return typeof snapshot.value === 'string' && snapshot.status === 'active' ? snapshot : null;
  } catch {
    return null;
  }
}

export function persistTriage(snapshot: TriageSnapshot): StoredTriage {
  return { machineVersion: TRIAGE_MACHINE_VERSION, snapshot: triageMachine.getPersistedSnapshot(snapshot) };
}

type ActorScope = Parameters<typeof triageMachine.transition>[2];

/**
 * The actor scope every transition is computed in, made once. xstate's pure `transition(machine, snapshot, event)`
 * builds a new inert actor for each call, and building one computes the machine's initial snapshot: 60% of a step's
 * CPU. The machine only assigns (no invoked or spawned actors, no delays, no side effects to execute), so one inert
 * scope serves every step: nothing is registered in its system, and the actions a transition returns are dropped
 * here just as `transition(…)[0]` dropped them.
 */
const inertScope: ActorScope = (() => {
  const self = createActor(triageMachine);
  const noop = () => undefined;
  return { self, system: self.system, id: '', sessionId: '', defer: noop, logger: noop, stopChild: noop, emit: noop, actionExecutor: noop } as unknown as ActorScope;
})();

/**
 * Applies an event; `accepted` is false when the current state has no transition for it (nothing changes). xstate
 * hands back the very snapshot it was given when no transition is enabled (none matches, every guard fails, or the
 * only one is forbidden: what `snapshot.can(event)` answers false for), and a new one otherwise, so the step is
 * worked out once rather than once by `can` and again by the transition (tests/machine/steps.test.ts holds this
 * against `can` and xstate's own `transition` in every state reachable in four steps).
 */
export function stepTriage(snapshot: TriageSnapshot, event: TriageEvent): { snapshot: TriageSnapshot; accepted: boolean } {
  const next = triageMachine.transition(snapshot, event, inertScope);
  return { snapshot: next, accepted: next !== snapshot };
}

export function stateIdOf(snapshot: TriageSnapshot): TriageStateId {
  return snapshot.value as TriageStateId;
}
