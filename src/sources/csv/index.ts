// CSV pieces every source shares: the header record (read, mapped by name), staged CSV files for records that
// came another way (API answers, JSON Lines), and the typed rows → data + quarantine Parquet step.
export * from './header.js';
export * from './staged-writer.js';
export * from './write-typed-rows.js';
