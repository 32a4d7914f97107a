// zod 4 schemas of the SALIC API answers (DOMAIN.md §3), tolerant by design: objects are loose (unknown fields
// are kept and end up in the lake's `_extra`), known fields are type-checked, and values the lake validates
// anyway (required, dates, money formats) are left to the typed SQL pass so both routes give the same reasons.
// A violation names the field, echoes the value and gives the URL (../http/api-validation.ts). An envelope that
// does not parse (no `_embedded.projetos`) refuses the page; a record that does not parse is set aside.
import { z } from 'zod';
import { apiValidation, type ApiRejected, type ApiValidated } from '../http/index.js';

const text = z.string().nullish();
/** The API sends numbers; a decimal string is accepted too (the SQL pass checks it). */
const money = z.union([z.number(), z.string()]).nullish();
const id = z.union([z.number().int(), z.string()]).nullish();
/** PRONAC is a string of digits, never a number (a number would lose leading zeros). */
const pronac = z.string().regex(/^\d+$/, 'a PRONAC is a string of digits');

/** One project of `/projetos/` (list and detail share these fields). */
export const SalicProjectSchema = z.looseObject({
  PRONAC: pronac,
  ano_projeto: text,
  nome: text,
  cgccpf: text,
  proponente: text,
  area: text,
  segmento: text,
  cod_segmento: text,
  UF: text,
  municipio: text,
  data_inicio: text,
  data_termino: text,
  situacao: text,
  mecanismo: text,
  enquadramento: text,
  valor_projeto: money,
  valor_solicitado: money,
  valor_aprovado: money,
  valor_captado: money,
  valor_proposta: money,
  outras_fontes: money,
});
export type SalicProject = z.infer<typeof SalicProjectSchema>;

/** A page of `/projetos/`: `{_embedded: {projetos}, _links, count, total}`. */
export const SalicPageSchema = z.looseObject({
  _embedded: z.looseObject({ projetos: z.array(z.unknown()) }),
  _links: z.looseObject({ next: z.string().nullish() }).nullish(),
  count: z.number().int().nonnegative().nullish(),
  total: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
});

/** One payment proof of a project detail's `relacao_pagamentos`. */
export const SalicReceiptSchema = z.looseObject({
  id_comprovante_pagamento: id,
  id_planilha_aprovacao: id,
  cgccpf: text,
  nome_fornecedor: text,
  tipo_forma_pagamento: z.union([z.string(), z.number().int()]).nullish(),
  nr_comprovante: z.union([z.string(), z.number()]).nullish(),
  data_pagamento: text,
  valor_pagamento: money,
  nome: text,
});
export type SalicReceipt = z.infer<typeof SalicReceiptSchema>;

/** One fundraising record (`/projetos/{PRONAC}/captacoes/` or a detail's `captacoes`). */
export const SalicCaptacaoSchema = z.looseObject({
  PRONAC: pronac.nullish(),
  valor: money,
  data_recibo: text,
  cgccpf: text,
  nome_doador: text,
});
export type SalicCaptacao = z.infer<typeof SalicCaptacaoSchema>;

/** One line of a detail's `relatorio_fisco` (programmed vs executed per item). */
export const SalicTaxReportSchema = z.looseObject({
  etapa: text,
  item: text,
  qtd_programada: z.union([z.number(), z.string()]).nullish(),
  valor_programado: money,
  valor_executado: money,
});
export type SalicTaxReportItem = z.infer<typeof SalicTaxReportSchema>;

/** An area or a segment (`/projetos/areas/`, `/projetos/segmentos/`). */
export const SalicCodeNameSchema = z.looseObject({
  codigo: z.union([z.string(), z.number().int()]),
  nome: z.string(),
});
export type SalicCodeName = z.infer<typeof SalicCodeNameSchema>;

/** A project detail `/projetos/{PRONAC}/`: the project fields plus embedded lists. */
export const SalicDetailSchema = z.looseObject({
  PRONAC: pronac,
  relacao_pagamentos: z.array(z.unknown()).nullish(),
  relatorio_fisco: z.array(z.unknown()).nullish(),
  captacoes: z.array(z.unknown()).nullish(),
  _embedded: z.looseObject({ captacoes: z.array(z.unknown()).nullish() }).nullish(),
});

/** A record set aside because it does not match its schema; it goes to quarantine with `reason`. */
export interface SalicRejected extends ApiRejected {
  url: string;
}

export interface SalicValidated<T> {
  records: ApiValidated<T>['records'];
  rejected: SalicRejected[];
}

const validation = apiValidation('salic api');

/**
 * Validates each item of a list on its own (../http/api-validation.ts): valid items are kept (unknown fields
 * included), the others set aside with their URL and a reason naming the field, the value and the URL.
 * @example validateSalicItems(SalicReceiptSchema, detail.relacao_pagamentos, url, 'relacao_pagamentos')
 */
export function validateSalicItems<T>(
  schema: z.ZodType<T>,
  items: readonly unknown[],
  url: string,
  label: string,
  firstPosition = 1,
): SalicValidated<T> {
  const { records, rejected } = validation.validateItems(schema, items, url, label, firstPosition);
  return { records, rejected: rejected.map((r) => ({ url, ...r })) };
}

/**
 * Parses a whole answer (an envelope); a violation is a SchemaError naming the field, the value and the URL.
 * @example parseSalicEnvelope(SalicPageSchema, body, url, 'projetos page')
 */
export const parseSalicEnvelope = validation.parseEnvelope;

/** `salic api: relacao_pagamentos[2].valor_pagamento: expected number or string, got true (at URL)`. */
export const describeSalicIssues = validation.describeIssues;
