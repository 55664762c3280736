import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { triageMachine } from './triage';

function guardName(guard: unknown): string | null {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: unknown; params?: Record<string, unknown> };
    const args = params ? Object.values(params).map(String).join(', ') : '';
    return args ? `${String(type)}(${args})` : String(type);
  }
  return null;
}

function shortId(id: string): string {
  return id.replace(/^triage\./, '');
}

const ROUTE = 'route';

/**
 * The triage flow as a Mermaid state diagram, generated from the machine itself. `route` is drawn as a choice:
 * every answer goes there, and its guards, in order, pick the first question still unanswered or the outcome.
 */
export function triageMermaid(): string {
  const graph: DirectedGraphNode = toDirectedGraph(triageMachine);
  const lines = [
    'stateDiagram-v2',
    '  classDef outcome fill:#e6f4ea,stroke:#1e7b34',
    `  state ${ROUTE} <<choice>>`,
    `  [*] --> ${shortId(graph.stateNode.initial?.target[0]?.id ?? '')}`,
  ];
  const routing = triageMachine.root.states[ROUTE].always ?? [];
  routing.forEach((transition, index) => {
    const guard = guardName(transition.guard);
    const label = guard ? `${index + 1}. [${guard}]` : `${index + 1}. otherwise`;
    lines.push(`  ${ROUTE} --> ${shortId(transition.target?.[0]?.id ?? '')}: ${label}`);
  });
  const outcomes: string[] = [];
  for (const node of graph.children) {
    if (node.stateNode.tags.includes('outcome')) outcomes.push(shortId(node.id));
    for (const edge of node.edges) {
      const guard = guardName(edge.transition.guard);
      const label = guard ? `${edge.label.text} [${guard}]` : edge.label.text;
      lines.push(`  ${shortId(node.id)} --> ${shortId(edge.target.id)}: ${label}`);
    }
  }
  const anywhere = graph.edges.map((edge) => edge.label.text).join(', ');
  lines.push(`  note right of happeningNow: In every state, ${anywhere} record the answer and go to ${ROUTE}`);
  lines.push(`  class ${outcomes.join(',')} outcome`);
  return lines.join('\n');
}
