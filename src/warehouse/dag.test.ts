import { describe, expect, it } from 'vitest';
import { formatCycle, selectNodes, topologicalOrder, type DagNode } from './dag.js';

const CEAP: DagNode[] = [
  { name: 'suppliers', dependsOn: ['reimbursements'] },
  { name: 'monthly_spend', dependsOn: ['reimbursements', 'ceap_subquota_limits'] },
  { name: 'reimbursements', dependsOn: ['stg_camara__ceap'] },
  { name: 'deputies', dependsOn: ['reimbursements'] },
  { name: 'stg_camara__ceap', dependsOn: ['camara.ceap'] },
];

describe('topologicalOrder', () => {
  it('puts dependencies first and breaks ties by name, ignoring non-model names', () => {
    expect(topologicalOrder(CEAP)).toEqual({
      order: ['stg_camara__ceap', 'reimbursements', 'deputies', 'monthly_spend', 'suppliers'],
      cycles: [],
    });
  });

  it('gives the same order whatever the input order', () => {
    expect(topologicalOrder([...CEAP].reverse()).order).toEqual(topologicalOrder(CEAP).order);
  });

  it('names each cycle as a path that returns to its start', () => {
    const { order, cycles } = topologicalOrder([
      { name: 'a', dependsOn: ['c'] },
      { name: 'b', dependsOn: ['a'] },
      { name: 'c', dependsOn: ['b'] },
      { name: 'self', dependsOn: ['self'] },
      { name: 'free', dependsOn: [] },
    ]);
    expect(order).toEqual(['free']);
    expect(cycles.map(formatCycle)).toEqual(['a → c → b → a', 'self → self']);
  });
});

describe('selectNodes', () => {
  const order = topologicalOrder(CEAP).order;

  const cases: [string[], string[]][] = [
    [['deputies'], ['deputies']],
    [['+deputies'], ['stg_camara__ceap', 'reimbursements', 'deputies']],
    [['reimbursements+'], ['reimbursements', 'deputies', 'monthly_spend', 'suppliers']],
    [
      ['suppliers', 'deputies'],
      ['deputies', 'suppliers'],
    ],
  ];
  for (const [selectors, expected] of cases) {
    it(`selects ${selectors.join(' ')} in build order`, () => {
      expect(selectNodes(CEAP, order, selectors)).toEqual({ value: expected, errors: [] });
    });
  }

  it('names an unknown selector and lists the models', () => {
    const { errors } = selectNodes(CEAP, order, ['deputes']);
    expect(errors).toEqual([
      'select: "deputes" names no model; expected name, +name (with ancestors) or name+ (with descendants) of one of: ' +
        'deputies, monthly_spend, reimbursements, stg_camara__ceap, suppliers',
    ]);
  });
});
