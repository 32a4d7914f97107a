// Labels for the fields of flag explanations: pt-BR for the fields the CEAP detectors are known to write, the
// key humanised otherwise (a new detector's field still reads as words). Plain TypeScript so the browser tests
// compute the same labels.
import { humanizeKey } from './format';

/** pt-BR labels for explanation fields the CEAP detectors are known to write. */
const LABELS: Record<string, string> = {
  month: 'Mês de competência',
  year: 'Ano',
  day: 'Dia',
  date: 'Data',
  subquota: 'Subcota',
  subquotaDescription: 'Descrição da subcota',
  limitCents: 'Limite',
  runningTotalCents: 'Acumulado',
  monthTotalCents: 'Total do mês',
  excessCents: 'Excesso',
  window: 'Vigência',
  from: 'De',
  to: 'Até',
  receiptsInMonth: 'Recibos no mês',
  rank: 'Ordem',
  reimbursementId: 'Reembolso',
  id: 'Identificador',
  deputyId: 'ID do deputado',
  deputyName: 'Deputado',
  supplierName: 'Fornecedor',
  supplierDocument: 'CNPJ/CPF do fornecedor',
  document: 'Documento',
  documentNumber: 'Número do documento',
  documentType: 'Tipo de documento',
  documentKind: 'Tipo (CNPJ ou CPF)',
  issueDate: 'Data de emissão',
  netCents: 'Valor líquido',
  documentCents: 'Valor do documento',
  valueCents: 'Valor',
  totalCents: 'Total',
  count: 'Quantidade',
  copies: 'Cópias',
  otherCopies: 'Outras cópias',
  duplicates: 'Duplicatas',
  duplicateOf: 'Duplicata de',
  expectedCheckDigits: 'Dígitos verificadores esperados',
  foundCheckDigits: 'Dígitos verificadores encontrados',
  expected: 'Esperado',
  found: 'Encontrado',
  checkDigits: 'Dígitos verificadores',
  meals: 'Refeições',
  mealsInDay: 'Refeições no dia',
  receipts: 'Recibos',
  receiptsInDay: 'Recibos no dia',
  zScore: 'Escore z',
  robustZ: 'Escore z robusto',
  modifiedZ: 'Escore z modificado',
  ratio: 'Razão',
  share: 'Participação',
  reason: 'Motivo',
  // daily_meals
  mealsThatDay: 'Refeições no dia',
  maxPerDay: 'Máximo por dia',
  dayTotalCents: 'Total do dia',
  usualMealsPerDay: 'Refeições por dia (usual)',
  mealDays: 'Dias com refeição',
  receiptsThatDay: 'Recibos do dia',
  // duplicate_claim
  matchedBy: 'Critério',
  key: 'Chave do comprovante',
  numberDigits: 'Dígitos do número',
  claims: 'Apresentações',
  otherCopiesTotal: 'Total de outras cópias',
  installment: 'Parcela',
  // invalid_cnpj_cpf
  documentRaw: 'Documento como publicado',
  documentDigits: 'Dígitos do documento',
  digitCount: 'Quantidade de dígitos',
  documentTypeLabel: 'Tipo de comprovante',
  documentId: 'ID do documento na Câmara',
  // value_outlier, meal_price_outlier
  glosaCents: 'Glosa',
  peer: 'Grupo de comparação usado',
  supplierReceipts: 'Recibos do fornecedor',
  supplierDeputies: 'Requerentes do fornecedor',
  medianCents: 'Mediana do grupo',
  ratioToMedian: 'Razão para a mediana',
  sigma: 'Sigma (escala log)',
  k: 'k (desvios robustos)',
  note: 'Observação',
};

/**
 * The label a person sees for an explanation key: pt-BR when known, else the key in words.
 * @example explanationLabel('expectedCheckDigits') // "Dígitos verificadores esperados"
 */
export function explanationLabel(key: string): string {
  return LABELS[key] ?? humanizeKey(key);
}

/** pt-BR words for the enumerated values some detectors write, by field. */
const VALUES: Record<string, Record<string, string>> = {
  matchedBy: { same_receipt: 'mesmo comprovante', same_document_id: 'mesmo ideDocumento' },
  reason: {
    check_digits: 'dígitos verificadores não conferem',
    repeated_digits: 'todos os dígitos iguais',
    length: 'número de dígitos inválido',
  },
  documentKind: { cnpj: 'CNPJ', cpf: 'CPF' },
  documentTypeLabel: {
    nota_fiscal: 'Nota fiscal',
    recibo: 'Recibo',
    nota_fiscal_eletronica: 'Nota fiscal eletrônica',
    despesa_exterior: 'Despesa no exterior',
  },
  peer: {
    supplier: 'histórico do fornecedor',
    year: 'todos os recibos do ano',
    subquota: 'todos os recibos da subcota no ano',
  },
};

/** The pt-BR word for an enumerated explanation value, or undefined when it is not one we know. */
export function explanationValueLabel(key: string, value: string): string | undefined {
  return VALUES[key]?.[value];
}
