// Proponents and projects: who proposes what, where and when. About 20,000 projects at scale 1, from
// proponents with a heavy-tailed number of projects (Pareto, α = 1.3, at most 60: most propose one, a few
// institutes and producers dozens), each mostly in its own segment and city. Projects are numbered like the
// real PRONAC — the proposal year's two digits plus a 4-digit sequence (`132955`, `091234`), unique — and
// returned in PRONAC order with increasing internal ids (`id_pronac`). About 60% are executed (have
// receipts): most older projects, few recent ones. Tiny segments get exactly their fixed count of projects.
import { Rng, UsageError } from '../../../core/index.js';
import { mixSeed } from '../deputies.js';
import type { DocFactory } from './doc-factory.js';
import type { Places } from './places.js';
import type { Project, Proponent } from './model.js';
import { projectName, proponentName } from './salic-names.js';
import { SEGMENTS } from './segments.js';

export const PROJECTS_AT_SCALE_1 = 20_000;
const FIRST_YEAR = 2006;
// prettier-ignore
const YEAR_WEIGHTS = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.05, 1.1, 1.1, 1.05, 1, 1, 1.05, 1.1, 0.9, 1, 1.1, 1.1];
const MAX_SEQUENCE = 9_999;
const PARETO_ALPHA = 1.3;
const MAX_PROJECTS_PER_PROPONENT = 60;
const DAY_MS = 86_400_000;

export interface ProjectBook {
  projects: Project[];
  proponents: Proponent[];
}

/** Proponents and their projects, in PRONAC order. */
export function generateProjects(seed: number, scale: number, places: Places, docs: DocFactory): ProjectBook {
  const rng = new Rng(mixSeed(seed, 0x9207));
  const fixedTotal = SEGMENTS.reduce((t, s) => t + (s.fixed ?? 0), 0);
  const total = Math.max(fixedTotal + 40, Math.round(PROJECTS_AT_SCALE_1 * scale));
  const segWeights = SEGMENTS.map((s) => (s.fixed ? 0 : s.weight));

  const proponents: Proponent[] = [];
  const drafts: Draft[] = [];
  while (drafts.length < total) {
    const person = rng.chance(0.35);
    const place = places.drawPlace(rng, places.drawUf(rng));
    const proponent: Proponent = {
      doc: person ? docs.cpf(rng) : docs.cnpj(rng),
      name: proponentName(rng, person),
      person,
      place,
      segment: rng.weightedIndex(segWeights),
      projects: [],
    };
    const wanted = Math.min(
      MAX_PROJECTS_PER_PROPONENT,
      Math.floor(Math.pow(1 - rng.next(), -1 / PARETO_ALPHA)),
    );
    const count = Math.max(1, Math.min(wanted, total - drafts.length));
    const id = proponents.length;
    proponents.push(proponent);
    for (let k = 0; k < count; k++) drafts.push(draftProject(rng, id, proponent, places, segWeights));
  }
  placeTinySegments(rng, drafts);

  const years = assignSequences(rng, drafts);
  const projects = years.map((d, index): Project => {
    const segment = SEGMENTS[d.segment];
    const place = places.places[d.place];
    const proposalDay = Math.floor(Date.UTC(d.year, 0, 1) / DAY_MS) + rng.int(0, 364);
    const startDay = proposalDay + rng.int(90, 420);
    const endDay = startDay + rng.int(120, 720);
    const executed = rng.chance(executedShare(d.year));
    return {
      index,
      pronac: String(d.year % 100).padStart(2, '0') + String(d.sequence).padStart(4, '0'),
      idPronac: 0,
      year: d.year,
      name: projectName(rng, segment?.area ?? 'I', place?.city ?? '', d.year + 1),
      proponent: d.proponent,
      segment: d.segment,
      place: d.place,
      proposalDay,
      startDay,
      endDay,
      executed,
      framing: rng.chance(0.7) ? 'Artigo 18' : 'Artigo 26',
      status: '',
      analyst: -1,
      plants: 0,
      firstLine: 0,
      lineCount: 0,
      firstReceipt: 0,
      receiptCount: 0,
      firstFund: 0,
      fundCount: 0,
      approvedCents: 0,
      otherSourcesCents: 0,
      requestedCents: 0,
      raisedCents: 0,
      provenCents: 0,
    };
  });
  let id = 110_000 + rng.int(0, 5_000);
  for (const p of projects) {
    p.idPronac = id += 1 + (rng.chance(0.3) ? rng.int(1, 4) : 0);
    proponents[p.proponent]?.projects.push(p.index);
  }
  return { projects, proponents };
}

interface Draft {
  proponent: number;
  segment: number;
  place: number;
  year: number;
  sequence: number;
}

function draftProject(
  rng: Rng,
  proponent: number,
  owner: Proponent,
  places: Places,
  weights: number[],
): Draft {
  let segment = owner.segment;
  const r = rng.next();
  if (r > 0.9) segment = rng.weightedIndex(weights);
  else if (r > 0.75) {
    const area = SEGMENTS[owner.segment]?.area;
    segment = rng.weightedIndex(weights.map((w, i) => (SEGMENTS[i]?.area === area ? w : 0)));
  }
  let place = owner.place;
  const q = rng.next();
  if (q > 0.95) place = places.drawPlace(rng, places.drawUf(rng));
  else if (q > 0.85) place = places.drawPlace(rng, places.ufOf(owner.place));
  const year = FIRST_YEAR + rng.weightedIndex(YEAR_WEIGHTS);
  return { proponent, segment, place, year, sequence: 0 };
}

/** Moves exactly `fixed` projects into each tiny segment, taking them from its area's larger segments. */
function placeTinySegments(rng: Rng, drafts: Draft[]): void {
  SEGMENTS.forEach((segment, s) => {
    if (!segment.fixed) return;
    const donors = drafts.filter(
      (d) => SEGMENTS[d.segment]?.area === segment.area && !SEGMENTS[d.segment]?.fixed,
    );
    const pool = donors.length >= segment.fixed ? donors : drafts.filter((d) => !SEGMENTS[d.segment]?.fixed);
    for (let k = 0; k < segment.fixed; k++) {
      const i = rng.int(k, pool.length - 1);
      [pool[k], pool[i]] = [pool[i] as Draft, pool[k] as Draft];
      (pool[k] as Draft).segment = s;
    }
  });
}

/** Gives each draft a distinct sequence within its year and returns them in PRONAC order. */
function assignSequences(rng: Rng, drafts: Draft[]): Draft[] {
  const byYear = new Map<number, Draft[]>();
  for (const d of drafts) {
    const list = byYear.get(d.year);
    if (list) list.push(d);
    else byYear.set(d.year, [d]);
  }
  const out: Draft[] = [];
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
    const list = byYear.get(year) as Draft[];
    if (list.length > MAX_SEQUENCE) {
      throw new UsageError(
        `generate salic: ${list.length} projects in ${year} do not fit the 4-digit PRONAC sequence (at most ${MAX_SEQUENCE}); use a smaller scale`,
      );
    }
    for (let i = list.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [list[i], list[j]] = [list[j] as Draft, list[i] as Draft];
    }
    // Selection sampling: a sorted random subset of 1..9999 of the right size.
    let needed = list.length;
    let k = 0;
    for (let seq = 1; seq <= MAX_SEQUENCE && needed > 0; seq++) {
      if (rng.next() * (MAX_SEQUENCE - seq + 1) < needed) {
        (list[k++] as Draft).sequence = seq;
        needed--;
      }
    }
    out.push(...list);
  }
  return out;
}

/** Share of a year's projects that were executed and rendered accounts (recent ones are still running). */
function executedShare(year: number): number {
  if (year <= 2020) return 0.68;
  if (year === 2021) return 0.45;
  if (year === 2022) return 0.25;
  return 0.1;
}
