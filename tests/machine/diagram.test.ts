import { readFileSync } from 'node:fs';
import { toDirectedGraph } from 'xstate/graph';
import { triageMermaid } from '../../machines/diagram';
import { triageMachine } from '../../machines/triage';
import { README_PATH, diagramBlock } from '../../scripts/diagram';

test('the README shows the flow diagram generated from the current machine (run `npm run diagram` if not)', () => {
  expect(readFileSync(README_PATH, 'utf8')).toContain(diagramBlock());
});

test('the diagram has every state and every transition of the machine', () => {
  const mermaid = triageMermaid();
  const graph = toDirectedGraph(triageMachine);
  for (const node of graph.children) {
    const id = node.id.replace(/^triage\./, '');
    for (const edge of node.edges) {
      expect(mermaid).toContain(`${id} --> ${edge.target.id.replace(/^triage\./, '')}: ${edge.label.text}`);
    }
  }
});

test('the diagram shows the routing choice with every guard, in order', () => {
  const mermaid = triageMermaid();
  const routing = triageMachine.root.states.route.always ?? [];
  expect(routing.length).toBeGreaterThan(5);
  routing.forEach((transition, index) => {
    expect(mermaid).toContain(`route --> ${transition.target?.[0]?.id.replace(/^triage\./, '')}: ${index + 1}. `);
  });
});
