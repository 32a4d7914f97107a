// Sources: fetch and parse the portals' raw formats (no lake writes here; pipelines join sources and lake).
export * from './camara/index.js';
export * from './salic/index.js';
export * from './http/index.js';
export * from './zip.js';
export {
  generateCeap,
  type GenerateCeapOptions,
  type GenerateCeapResult,
  CEAP_VINTAGES,
  type CeapVintage,
  GROUND_TRUTH_HEADER,
  type GroundTruthRow,
  ANOMALY_KINDS,
  type AnomalyKind,
  generateSalic,
  type GenerateSalicOptions,
  type GenerateSalicResult,
  SALIC_GROUND_TRUTH_HEADER,
  type SalicGroundTruthRow,
  SALIC_PLANTED_METRICS,
  type SalicPlantedMetric,
  generateBills,
  BILLS_GROUND_TRUTH,
  type GenerateBillsOptions,
  type GenerateBillsResult,
} from './synthetic/index.js';
