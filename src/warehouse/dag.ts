// The model graph: a deterministic topological order (Kahn's algorithm, ties broken by name so two builds of
// the same project run in the same order), every cycle spelled out as a path, and dbt-like selection
// (`name`, `+name` with its ancestors, `name+` with its descendants).
import type { Parsed } from './spec.js';

export interface DagNode {
  name: string;
  /** Names of the other nodes it reads (unknown names are ignored here: the project validator reports them). */
  dependsOn: readonly string[];
}

export interface DagOrder {
  /** Every node, dependencies first; nodes on or behind a cycle are left out. */
  order: string[];
  /** Each cycle as a path that starts and ends with the same node: `['a', 'b', 'a']`. */
  cycles: string[][];
}

/**
 * Orders nodes so that each comes after everything it depends on.
 * @example topologicalOrder([{ name: 'b', dependsOn: ['a'] }, { name: 'a', dependsOn: [] }]).order // ['a', 'b']
 */
export function topologicalOrder(nodes: readonly DagNode[]): DagOrder {
  const known = new Map(nodes.map((n) => [n.name, n]));
  const deps = new Map(nodes.map((n) => [n.name, [...new Set(n.dependsOn.filter((d) => known.has(d)))]]));
  const dependents = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  const waiting = new Map<string, number>();
  for (const [name, ds] of deps) {
    waiting.set(name, ds.length);
    for (const d of ds) dependents.get(d)?.push(name);
  }
  const ready = [...waiting].filter(([, n]) => n === 0).map(([name]) => name);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort();
    const name = ready.shift() as string;
    order.push(name);
    for (const next of dependents.get(name) ?? []) {
      const left = (waiting.get(next) ?? 0) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return { order, cycles: order.length === nodes.length ? [] : findCycles(deps) };
}

/** Depth-first search; each back edge closes one cycle, reported once (rotated to start at its smallest name). */
function findCycles(deps: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found = new Map<string, string[]>();
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const d of [...(deps.get(name) ?? [])].sort()) {
      const s = state.get(d);
      if (s === 'open') {
        const cycle = stack.slice(stack.indexOf(d));
        const start = cycle.indexOf([...cycle].sort()[0] as string);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        found.set(rotated.join('→'), [...rotated, rotated[0] as string]);
      } else if (s === undefined) {
        visit(d);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of [...deps.keys()].sort()) if (!state.has(name)) visit(name);
  return [...found.values()];
}

/** `a → b → a`: how a cycle is shown to the user. */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(' → ');
}

/**
 * Resolves selectors to node names, in the given order: `x` selects x, `+x` x and everything it reads
 * (transitively), `x+` x and everything that reads it, `+x+` both.
 * @example selectNodes(nodes, order, ['+deputies']) // { value: ['stg_camara__ceap', 'reimbursements', 'deputies'], errors: [] }
 */
export function selectNodes(
  nodes: readonly DagNode[],
  order: readonly string[],
  selectors: readonly string[],
): Parsed<string[]> {
  const deps = new Map(nodes.map((n) => [n.name, n.dependsOn]));
  const dependents = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  for (const n of nodes) for (const d of n.dependsOn) dependents.get(d)?.push(n.name);
  const chosen = new Set<string>();
  const errors: string[] = [];
  const walk = (start: string, edges: Map<string, readonly string[]>): void => {
    const todo = [start];
    while (todo.length > 0) {
      const name = todo.pop() as string;
      for (const next of edges.get(name) ?? []) {
        if (deps.has(next) && !chosen.has(next)) {
          chosen.add(next);
          todo.push(next);
        }
      }
    }
  };
  for (const raw of selectors) {
    const m = /^(\+?)([^+]+)(\+?)$/.exec(raw.trim());
    const name = m?.[2];
    if (!m || name === undefined || !deps.has(name)) {
      errors.push(
        `select: ${JSON.stringify(raw)} names no model; expected name, +name (with ancestors) or name+ (with descendants) ` +
          `of one of: ${[...deps.keys()].sort().join(', ')}`,
      );
      continue;
    }
    chosen.add(name);
    if (m[1] === '+') walk(name, deps);
    if (m[3] === '+') walk(name, dependents);
  }
  return { value: order.filter((n) => chosen.has(n)), errors };
}
