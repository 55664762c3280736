import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { triageMachine } from './triage';

function guardName(guard: unknown): string | null {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return null;
}

function shortId(id: string): string {
  return id.replace(/^triage\./, '');
}

/** The triage flow as a Mermaid state diagram, generated from the machine itself. */
export function triageMermaid(): string {
  const graph: DirectedGraphNode = toDirectedGraph(triageMachine);
  const lines = [
    'stateDiagram-v2',
    '  classDef outcome fill:#e6f4ea,stroke:#1e7b34',
    `  [*] --> ${shortId(graph.stateNode.initial?.target[0]?.id ?? '')}`,
  ];
  const outcomes: string[] = [];
  for (const node of graph.children) {
    if (node.stateNode.tags.includes('outcome')) outcomes.push(shortId(node.id));
    for (const edge of node.edges) {
      const guard = guardName(edge.transition.guard);
      const label = guard ? `${edge.label.text} [${guard}]` : edge.label.text;
      lines.push(`  ${shortId(node.id)} --> ${shortId(edge.target.id)}: ${label}`);
    }
  }
  for (const edge of graph.edges) {
    lines.push(`  note right of ${shortId(edge.target.id)}: CHANGE from "Your answers" on any outcome`);
  }
  lines.push(`  class ${outcomes.join(',')} outcome`);
  return lines.join('\n');
}
