// The ministry's reviewing analysts and who reviews what (projetos.csv `analista`). A fixed pool of a few dozen
// analysts (real review teams are that size whatever the backlog), each with an uneven workload — a log-normal
// capacity, so the busiest carry several times the load of the least busy — and a home area whose projects they
// get more often (the big areas have more analysts). Only projects awaiting financial review (executed, accounts rendered) get one: every project under
// analysis (E12) or in diligence (E68), and about a third of those still waiting for an analysis to start (E24);
// the rest of the queue is unassigned, as is every project not in the queue.
// Drawn from a stream of its own after everything else, so adding analysts changed no other value of the files.
import { Rng } from '../../../core/index.js';
import { mixSeed } from '../deputies.js';
import type { Project } from './model.js';
import { analystName } from './salic-names.js';
import { AREAS, SEGMENTS, type AreaTag } from './segments.js';

/** Analysts in the pool, at every scale. */
export const ANALYST_POOL_SIZE = 36;
/** Log-scale spread of the analysts' capacities (σ 0.6: the busiest carry about 4× the least busy). */
const CAPACITY_SIGMA = 0.6;
/** How much more often an analyst gets a project of their home area. */
const HOME_AREA_AFFINITY = 4;
/** Share of the projects waiting for their analysis to start (E24) that already have an analyst. */
const WAITING_ASSIGNED = 0.35;

/** Statuses of the review queue whose project always has an analyst: under analysis, in diligence. */
const UNDER_REVIEW = ['E12', 'E68'];
const WAITING = 'E24';

export interface AnalystPool {
  /** Unique names, in the order drawn. */
  names: string[];
  /** Home area of each analyst. */
  areas: AreaTag[];
  /** Relative capacity of each analyst. */
  capacity: number[];
}

/** Draws the pool: unique names, a home area each (areas with more projects have more analysts), a capacity each. */
export function drawAnalystPool(rng: Rng, size = ANALYST_POOL_SIZE): AnalystPool {
  const names: string[] = [];
  const seen = new Set<string>();
  while (names.length < size) {
    const name = analystName(rng);
    if (seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  const areaWeights = AREAS.map((a) =>
    SEGMENTS.reduce((sum, s) => sum + (s.area === a.tag && !s.fixed ? s.weight : 0), 0),
  );
  const areas = names.map(() => (AREAS[rng.weightedIndex(areaWeights)] as (typeof AREAS)[number]).tag);
  const capacity = names.map(() => rng.logNormal(1, CAPACITY_SIGMA));
  return { names, areas, capacity };
}

/**
 * Sets `project.analyst` (an index into the returned names, −1 for none) for every project, in PRONAC order, from
 * a stream of its own; `status` must be set. Returns the pool's names.
 * @example const analysts = assignAnalysts(42, projects) // projects[i].analyst → analysts[projects[i].analyst]
 */
export function assignAnalysts(seed: number, projects: readonly Project[]): string[] {
  const rng = new Rng(mixSeed(seed, 0xa7a1));
  const pool = drawAnalystPool(rng);
  // Weights per home area, computed once: capacity × affinity for the analysts of that area.
  const weightsByArea = new Map<AreaTag, number[]>(
    AREAS.map((a) => [
      a.tag,
      pool.capacity.map((c, i) => (pool.areas[i] === a.tag ? c * HOME_AREA_AFFINITY : c)),
    ]),
  );
  for (const p of projects) {
    p.analyst = -1;
    if (!p.executed) continue;
    const code = p.status.slice(0, 3);
    const assigned = UNDER_REVIEW.includes(code) || (code === WAITING && rng.chance(WAITING_ASSIGNED));
    if (!assigned) continue;
    const area = SEGMENTS[p.segment]?.area ?? 'I';
    p.analyst = rng.weightedIndex(weightsByArea.get(area) ?? pool.capacity);
  }
  return pool.names;
}
