// The requesters of CEAP claims: 513 deputies (one per seat, realistic seats per UF) and 25 party/government
// leaderships. A roster belongs to a legislature (4 years from 1 February 2015, 2019, 2023, …; January still
// belongs to the previous one); from one legislature to the next ~45% of seats change hands, re-elected
// deputies keep their ids. Rosters are derived from the seed alone, so a year looks the same whichever other
// years are generated. ~3% of deputies carry a (valid) `cpf`; leaderships have empty ideCadastro/sgPartido,
// sgUF "NA" and their own nuDeputadoId.
import { Rng, cpfCheckDigits } from '../../core/index.js';
import { SEATS_BY_UF, UF_SEATS } from './geo.js';
import { ballotName } from './names.js';
import { SUBQUOTAS, SUB } from './subquotas.js';

export interface Requester {
  name: string;
  cpf: string;
  /** Deputy id of the API (`/deputados/{id}`); '' for leaderships. */
  ideCadastro: string;
  nuCarteiraParlamentar: string;
  nuLegislatura: string;
  sgUF: string;
  sgPartido: string;
  codLegislatura: number;
  nuDeputadoId: number;
  isLeadership: boolean;
  /** Where its local suppliers are ('DF' for leaderships). */
  homeUf: string;
  /** Usage propensity per SUBQUOTAS index (0 = never claims it). */
  propensity: Float64Array;
}

const FIRST_LEGISLATURE = 53; // 2007–2011: the CEAP files start in 2008
const SEAT_TURNOVER = 0.45;

// prettier-ignore
const PARTIES_OLD: readonly (readonly [string, number])[] = [
  ['PT', 68], ['PMDB', 65], ['PSDB', 54], ['PP', 38], ['PSD', 37], ['PR', 34], ['PSB', 34], ['DEM', 22],
  ['PRB', 21], ['PDT', 19], ['PTB', 25], ['SD', 15], ['PSC', 13], ['PROS', 11], ['PCdoB', 10], ['PPS', 10],
  ['PV', 8], ['PSOL', 5], ['PHS', 5], ['AVANTE', 3], ['PODE', 4], ['PSL', 1], ['REDE', 2],
];
// prettier-ignore
const PARTIES_NEW: readonly (readonly [string, number])[] = [
  ['PL', 92], ['PT', 68], ['UNIÃO', 59], ['PP', 49], ['PSD', 45], ['REPUBLICANOS', 44], ['MDB', 44],
  ['PDT', 18], ['PSB', 14], ['PODE', 14], ['PSDB', 13], ['PSOL', 13], ['PCdoB', 7], ['AVANTE', 7], ['PV', 6],
  ['CIDADANIA', 5], ['PRD', 5], ['SOLIDARIEDADE', 4], ['NOVO', 3], ['REDE', 1],
];
// prettier-ignore
const LEADERSHIPS = [
  'LID.GOV-CD', 'LIDERANÇA DO PT', 'LIDERANÇA DO PL', 'LIDERANÇA DO UNIÃO', 'LIDERANÇA DO PP',
  'LIDERANÇA DO PSD', 'LIDERANÇA DO REPUBLICANOS', 'LIDERANÇA DO MDB', 'PDT', 'LIDERANÇA DO PSB',
  'LIDERANÇA DO PSDB', 'PODE', 'LIDERANÇA DO PSOL', 'LIDERANÇA DO PCdoB', 'LIDERANÇA DO AVANTE',
  'LIDERANÇA DO PV', 'LIDERANÇA DO CIDADANIA', 'SDD', 'LIDERANÇA DO NOVO', 'LIDERANÇA DO PRD',
  'LIDERANÇA DA MAIORIA', 'LIDERANÇA DA MINORIA', 'LIDERANÇA DA OPOSIÇÃO', 'LID.GOV-CN', 'LIDERANÇA DO BLOCO',
];

/** Total seats; also the number of deputies in a full roster. */
export const SEAT_COUNT = UF_SEATS.reduce((n, [, seats]) => n + seats, 0);
export const LEADERSHIP_COUNT = LEADERSHIPS.length;

export interface Roster {
  codLegislatura: number;
  /** One deputy per seat, seat i = nuCarteiraParlamentar i + 1. */
  deputies: Requester[];
  leaderships: Requester[];
}

/** codLegislatura in force in a month (legislatures start on 1 February of 2015, 2019, 2023, …). */
export function legislatureOf(year: number, month: number): number {
  const start = year - ((((year - 2015) % 4) + 4) % 4);
  const cod = 55 + (start - 2015) / 4;
  return month === 1 && start === year ? cod - 1 : cod;
}

/** Deterministic 32-bit mix of a seed with small integers (for independent, named random streams). */
export function mixSeed(seed: number, ...parts: number[]): number {
  let h = seed >>> 0;
  for (const p of parts) h = Math.imul(h ^ (p >>> 0), 0x9e3779b1) ^ (Math.imul(h, 0x85ebca6b) >>> 13);
  return h >>> 0;
}

/** Rosters keyed by codLegislatura, evolved from the first legislature so each is seed-stable. */
export class RosterBook {
  private readonly cache = new Map<number, Roster>();
  private readonly rng: Rng;
  private readonly usedIds = new Set<number>();
  private readonly usedNames = new Set<string>();
  private readonly leaderships: Requester[];
  private current: Requester[] = [];
  private currentCod = FIRST_LEGISLATURE - 1;

  constructor(private readonly seed: number) {
    this.rng = new Rng(mixSeed(seed, 0x0a11ce));
    this.leaderships = LEADERSHIPS.map((name) => this.leadership(name));
  }

  /** The roster of a legislature (codLegislatura ≥ 53). */
  roster(cod: number): Roster {
    const hit = this.cache.get(cod);
    if (hit) return hit;
    if (cod < FIRST_LEGISLATURE)
      throw new RangeError(`synthetic ceap: no roster before legislature 53 (${cod})`);
    while (this.currentCod < cod) this.advance();
    const leaderships = this.leaderships.map((l) => ({ ...l, codLegislatura: cod }));
    const deputies = this.current.map((d) => ({ ...d, codLegislatura: cod }));
    const roster = { codLegislatura: cod, deputies, leaderships };
    this.cache.set(cod, roster);
    return roster;
  }

  private advance(): void {
    const cod = ++this.currentCod;
    const parties = cod >= 57 ? PARTIES_NEW : PARTIES_OLD;
    const startYear = 2015 + (cod - 55) * 4;
    let seat = 0;
    const next: Requester[] = [];
    for (const [uf] of UF_SEATS) {
      for (let k = 0; k < (SEATS_BY_UF.get(uf) ?? 0); k++, seat++) {
        const prev = this.current[seat];
        const stays = prev !== undefined && !this.rng.chance(SEAT_TURNOVER);
        // Party names were reshuffled by the 2022 mergers (legislature 57): everyone gets a current party then.
        const keepParty = stays && cod !== 57 && !this.rng.chance(0.15);
        const base = stays ? prev : this.deputy(uf, cod);
        next.push({
          ...base,
          sgPartido: keepParty ? base.sgPartido : pickParty(this.rng, parties),
          nuCarteiraParlamentar: String(seat + 1),
          nuLegislatura: String(startYear),
          codLegislatura: cod,
        });
      }
    }
    this.current = next;
  }

  private deputy(uf: string, cod: number): Requester {
    let name = ballotName(this.rng);
    while (this.usedNames.has(name)) name = ballotName(this.rng);
    this.usedNames.add(name);
    const ide = this.uniqueId(60000 + (cod - 53) * 40000, 40000);
    const id = this.uniqueId(1000 + (cod - 53) * 700, 700);
    const cpfBase = String(this.rng.int(100000000, 999999999));
    return {
      name,
      cpf: this.rng.chance(0.03) ? cpfBase + cpfCheckDigits(cpfBase) : '',
      ideCadastro: String(ide),
      nuCarteiraParlamentar: '',
      nuLegislatura: '',
      sgUF: uf,
      sgPartido: '',
      codLegislatura: cod,
      nuDeputadoId: id,
      isLeadership: false,
      homeUf: uf,
      propensity: deputyPropensity(new Rng(mixSeed(this.seed, id)), uf),
    };
  }

  private leadership(name: string): Requester {
    const id = this.uniqueId(2400, 1000);
    const rng = new Rng(mixSeed(this.seed, id));
    const propensity = new Float64Array(SUBQUOTAS.length);
    SUBQUOTAS.forEach(
      (s, i) => (propensity[i] = s.leaderRate > 0 ? (s.leaderRate / s.rate) * rng.logNormal(1, 0.3) : 0),
    );
    return {
      name,
      cpf: '',
      ideCadastro: '',
      nuCarteiraParlamentar: '',
      nuLegislatura: '',
      sgUF: 'NA',
      sgPartido: '',
      codLegislatura: FIRST_LEGISLATURE,
      nuDeputadoId: id,
      isLeadership: true,
      homeUf: 'DF',
      propensity,
    };
  }

  private uniqueId(from: number, span: number): number {
    let id = from + this.rng.int(0, span - 1);
    while (this.usedIds.has(id)) id = from + this.rng.int(0, span - 1);
    this.usedIds.add(id);
    return id;
  }
}

function pickParty(rng: Rng, parties: readonly (readonly [string, number])[]): string {
  return parties[rng.weightedIndex(parties.map(([, w]) => w))]?.[0] ?? 'PT';
}

function deputyPropensity(rng: Rng, uf: string): Float64Array {
  const p = new Float64Array(SUBQUOTAS.length);
  SUBQUOTAS.forEach((s, i) => (p[i] = rng.chance(s.usage) ? rng.logNormal(1, 0.5) : 0));
  // Deputies from the Federal District live where the House sits: few flights.
  if (uf === 'DF') p[SUB.flight] = (p[SUB.flight] ?? 0) * 0.2;
  return p;
}
