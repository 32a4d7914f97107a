// zod 4 schemas of the Câmara API v2 answers Hardin reads (DOMAIN.md §1.2), tolerant by design: objects are loose
// (unknown fields are kept and end up in the lake's `_extra`), ids and numbers are type-checked, and what the lake
// validates anyway (dates, required values) is left to the typed SQL pass so that the API and the bulk files give
// the same reasons. An envelope that does not parse (`{dados, links}`) refuses the page; an item that does not
// parse is set aside for quarantine, with the field, the value and the URL (../../http/api-validation.ts).
import { z } from 'zod';
import { apiValidation, type ApiValidated } from '../../http/index.js';

const text = z.string().nullish();
/** Codes come as numbers or as digit strings (`codTipoTramitacao: "604"`). */
const code = z.union([z.number().int(), z.string()]).nullish();
const id = z.number().int().positive();

/** `links: [{rel: "self"|"next"|…, href}]`. */
export const CamaraLinksSchema = z.array(z.looseObject({ rel: z.string(), href: z.string() })).nullish();

/** A page of a listing: `{dados: [...], links: [...]}`. */
export const CamaraListEnvelopeSchema = z.looseObject({
  dados: z.array(z.unknown()),
  links: CamaraLinksSchema,
});

/** A single resource: `{dados: {...}, links: [...]}`. */
export const CamaraObjectEnvelopeSchema = z.looseObject({
  dados: z.looseObject({}),
  links: CamaraLinksSchema,
});

/** One item of `GET /proposicoes`. */
export const CamaraPropositionItemSchema = z.looseObject({
  id,
  uri: text,
  siglaTipo: z.string(),
  codTipo: code,
  numero: code,
  ano: code,
  ementa: text,
});
export type CamaraPropositionItem = z.infer<typeof CamaraPropositionItemSchema>;

/** `statusProposicao` of a detail: the last tramitação (the bulk files' `ultimoStatus_*`). */
export const CamaraStatusSchema = z.looseObject({
  dataHora: text,
  sequencia: code,
  siglaOrgao: text,
  uriOrgao: text,
  uriUltimoRelator: text,
  regime: text,
  descricaoTramitacao: text,
  codTipoTramitacao: code,
  descricaoSituacao: text,
  codSituacao: code,
  despacho: text,
  url: text,
  ambito: text,
  apreciacao: text,
});

/** `GET /proposicoes/{id}`. */
export const CamaraPropositionDetailSchema = z.looseObject({
  id,
  uri: text,
  siglaTipo: z.string(),
  codTipo: code,
  numero: code,
  ano: code,
  ementa: text,
  dataApresentacao: text,
  uriOrgaoNumerador: text,
  statusProposicao: CamaraStatusSchema.nullish(),
  descricaoTipo: text,
  ementaDetalhada: text,
  keywords: text,
  uriPropPrincipal: text,
  uriPropAnterior: text,
  uriPropPosterior: text,
  urlInteiroTeor: text,
  urnFinal: text,
});
export type CamaraPropositionDetail = z.infer<typeof CamaraPropositionDetailSchema>;

/** One item of `GET /proposicoes/{id}/tramitacoes`. */
export const CamaraTramitacaoSchema = z.looseObject({
  dataHora: z.string(),
  sequencia: z.union([z.number().int(), z.string().regex(/^\d+$/, 'an integer or a string of digits')]),
  siglaOrgao: text,
  uriOrgao: text,
  uriUltimoRelator: text,
  regime: text,
  descricaoTramitacao: text,
  codTipoTramitacao: code,
  descricaoSituacao: text,
  codSituacao: code,
  despacho: text,
  url: text,
  ambito: text,
  apreciacao: text,
});
export type CamaraTramitacao = z.infer<typeof CamaraTramitacaoSchema>;

export type CamaraValidated<T> = ApiValidated<T>;

const validation = apiValidation('camara api');

/**
 * Validates each item of a list on its own (../../http/api-validation.ts): valid items are kept (unknown fields
 * included), the others set aside with a reason naming the field, the value and the URL.
 * @example validateCamaraItems(CamaraTramitacaoSchema, body.dados, url, 'tramitacoes')
 */
export const validateCamaraItems = validation.validateItems;

/**
 * Parses a whole answer; a violation is a SchemaError naming the field, the value and the URL.
 * @example parseCamaraEnvelope(CamaraListEnvelopeSchema, body, url, 'proposicoes page')
 */
export const parseCamaraEnvelope = validation.parseEnvelope;

/** `camara api: tramitacoes[2].sequencia: expected number or string, got true (boolean) (at URL)`. */
export const describeCamaraIssues = validation.describeIssues;
