// States (UF) with their seats in the Câmara (513 in all, fixed since 1994) and the airports deputies fly
// between (IATA codes as written in txtTrecho, e.g. "BSB/GRU").

// prettier-ignore
export const UF_SEATS: readonly (readonly [string, number])[] = [
  ['SP', 70], ['MG', 53], ['RJ', 46], ['BA', 39], ['RS', 31], ['PR', 30], ['PE', 25], ['CE', 22], ['MA', 18],
  ['GO', 17], ['PA', 17], ['SC', 16], ['PB', 12], ['ES', 10], ['PI', 10], ['AL', 9], ['AM', 8], ['RN', 8],
  ['MT', 8], ['MS', 8], ['DF', 8], ['SE', 8], ['RO', 8], ['TO', 8], ['AC', 8], ['AP', 8], ['RR', 8],
];

/** Seat count per UF. */
export const SEATS_BY_UF: ReadonlyMap<string, number> = new Map(UF_SEATS);

/** Airports per UF: the capital first, then regional airports deputies also use. */
// prettier-ignore
export const AIRPORTS: Readonly<Record<string, readonly string[]>> = {
  SP: ['GRU', 'CGH', 'VCP', 'RAO', 'SJP'], MG: ['CNF', 'PLU', 'UDI', 'MOC', 'IPN'], RJ: ['GIG', 'SDU', 'CAW'],
  BA: ['SSA', 'IOS', 'VDC', 'BPS'], RS: ['POA', 'CXJ', 'PFB'], PR: ['CWB', 'LDB', 'MGF', 'IGU'],
  PE: ['REC', 'PNZ'], CE: ['FOR', 'JDO'], MA: ['SLZ', 'IMP'], GO: ['GYN'], PA: ['BEL', 'STM', 'MAB'],
  SC: ['FLN', 'NVT', 'JOI', 'XAP'], PB: ['JPA', 'CPV'], ES: ['VIX'], PI: ['THE', 'PHB'], AL: ['MCZ'],
  AM: ['MAO', 'TBT'], RN: ['NAT', 'MVF'], MT: ['CGB', 'ROO', 'SMT'], MS: ['CGR', 'DOU'], DF: ['BSB'],
  SE: ['AJU'], RO: ['PVH', 'JPR'], TO: ['PMW', 'AUX'], AC: ['RBR', 'CZS'], AP: ['MCP'], RR: ['BVB'],
};
