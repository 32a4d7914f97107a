// Names for synthetic SALIC records: project titles per area, proponents (cultural associations, institutes,
// production companies, individual artists), providers per kind of service, sponsoring companies and the
// ministry's reviewing analysts.
// Invented combinations of common words; any resemblance to a real project or company is accidental (the few
// public bodies that collect taxes and fees — INSS, ECAD — keep their real names, with synthetic CNPJs).
// Some names carry commas or double quotes, as real ones do, so CSV writers and readers meet RFC 4180
// quoting.
import type { Rng } from '../../../core/index.js';
import { personName } from '../names.js';
import type { ProviderKind } from './item-specs.js';
import type { AreaTag } from './segments.js';

const FANCY = (
  'Sol Nascente|Ipê Amarelo|Boa Vista|Cerrado Vivo|Arte Viva|Canto Livre|Casa Amarela|Lua Cheia|Raiz Forte|' +
  'Novo Tempo|Brasil Plural|Terra Brasilis|Aurora|Horizonte|Primavera|Encanto|Mosaico|Ciranda|Aquarela|' +
  'Girassol|Vento Norte|Pedra Azul|Rio Vermelho|Mandacaru|Jequitibá|Maré Alta|Beira-Rio|Serra Verde|Caravela|' +
  'Estrela Guia|Alvorada|Bem-te-vi|Sabiá|Candeeiro|Arco-Íris|Tabuleiro|Catavento|Cordel|Varanda|Quintal'
).split('|');

const SURNAMES = (
  'Silva|Santos|Oliveira|Souza|Rodrigues|Ferreira|Almeida|Costa|Carvalho|Ribeiro|Martins|Barbosa|Rocha|Dias|' +
  'Nascimento|Andrade|Moreira|Nunes|Mendes|Freitas|Cardoso|Ramos|Teixeira|Araújo|Cavalcanti|Monteiro|Campos'
).split('|');

const NOUNS = (
  'Vozes|Caminhos|Memórias|Histórias|Cores|Sons|Raízes|Paisagens|Travessias|Retratos|Cantos|Rios|Ventos|' +
  'Janelas|Encontros|Fronteiras|Horizontes|Ecos|Marés|Sertões|Quintais|Cartas|Danças|Olhares'
).split('|');
const OF = (
  'do Sertão|da Cidade|do Brasil|de Minas|da Floresta|do Mar|da Periferia|do Cerrado|de Outono|da Infância|' +
  'do Recôncavo|do Pampa|da Amazônia|do Samba|do Interior|da Serra|do Agreste|da Memória|do Tempo'
).split('|');

const TEMPLATES: Record<AreaTag, readonly string[]> = {
  C: [
    'Espetáculo "{T}"',
    'Circulação do espetáculo {T}',
    'Montagem teatral {T}',
    'Temporada {T}',
    'Festival de Teatro de {C}',
    'Mostra de Dança de {C}',
    'Cia. {F}: repertório e formação',
    '{T} - circulação nacional',
  ],
  A: [
    'Mostra de Cinema de {C}',
    'Festival Internacional de Curtas de {C}',
    'Documentário "{T}"',
    'Cineclube {F}',
    'Difusão audiovisual {T}',
    'Curta-metragem {T}',
  ],
  M: [
    'Turnê {T}',
    'Concertos {F}',
    'Festival de Música de {C}',
    'Orquestra {F}, temporada {Y}',
    'Show "{T}"',
    'Gravação do CD {T}',
    'Projeto {F} de Música Instrumental',
    'Circuito {F} de Choro',
    'Coral {F} em concerto',
  ],
  V: [
    'Exposição "{T}"',
    'Mostra {F} de Fotografia',
    'Salão de Artes de {C}',
    '{T}: retrospectiva',
    'Ateliê {F}',
  ],
  P: [
    'Restauração da Igreja Matriz de {C}',
    'Inventário do patrimônio imaterial de {C}',
    'Restauro do Casarão {F}',
    'Preservação do acervo {F}',
    'Educação patrimonial em {C}',
  ],
  H: [
    'Livro "{T}"',
    'Publicação {T}',
    'Feira do Livro de {C}',
    'Coleção {F}, volumes 1 a 3',
    'Revista {F}',
    'Festa Literária de {C}',
  ],
  I: [
    'Festival {F} de Artes',
    'Plano Anual {Y} do Instituto {F}',
    '{F} em Movimento',
    'Encontro de Culturas Populares de {C}',
    'Oficinas {F}',
    'Circuito Cultural {T}',
  ],
  U: [
    'Exposição de longa duração do Museu {F}',
    'Modernização do Museu {F}',
    'Memória {F}',
    'Plano anual do Museu {F}',
  ],
};

const ORG_TYPES = [
  'Associação Cultural',
  'Instituto',
  'Fundação',
  'Companhia de Teatro',
  'Associação de Amigos do Museu',
  'Centro Cultural',
  'Sociedade Musical',
  'Instituto de Arte e Cultura',
  'Associação Artística',
  'Cooperativa Cultural',
];
const COMPANY_FORMS = [
  '{F} Produções Artísticas Ltda',
  '{S} & {S} Produções Culturais Ltda - ME',
  '{F} Eventos e Produções Eireli',
  '{F} Editora Ltda',
  '{F} Filmes Ltda',
  '{S}, {S} & Cia Ltda',
  '{F} Produções e Entretenimento S/A',
];

const PROVIDER_FORMS: Record<Exclude<ProviderKind, 'pessoa' | 'recolhimento'>, readonly string[]> = {
  producao: ['{F} Produções Ltda', '{F} Eventos Eireli', 'Estúdio {F} Ltda', '{S} Produções Artísticas - ME'],
  grafica: [
    'Gráfica e Editora {F} Ltda',
    '{F} Artes Gráficas Ltda',
    'Gráfica {S} Ltda - ME',
    'Copiadora {F}',
  ],
  locacao: [
    '{F} Locação de Equipamentos Ltda',
    '{F} Sonorização e Iluminação Ltda',
    '{S} Locações Eireli',
    'Teatro {F} Ltda',
    '{F} Estruturas para Eventos Ltda',
  ],
  midia: [
    'Rádio {F} FM Ltda',
    '{F} Comunicação Ltda',
    'Agência {F} de Publicidade Ltda',
    'Editora Jornal {F} S/A',
  ],
  hospedagem: ['Hotel {F} Ltda', 'Pousada {F}', 'Restaurante {F} Ltda', '{F} Buffet e Eventos Ltda'],
  transporte: [
    '{F} Turismo Ltda',
    '{S} Transportes Ltda',
    'Viação {F}',
    '{F} Agência de Viagens Ltda',
    'Auto Posto {F} Ltda',
  ],
  servicos: [
    '{S} Contabilidade Ltda',
    '{S} & {S} Advogados Associados',
    '{F} Seguros S/A',
    '{F} Segurança Ltda',
    'Limpadora {F} Ltda',
    '{F} Serviços Técnicos Ltda',
  ],
  material: [
    '{F} Materiais de Construção Ltda',
    'Papelaria {F} Ltda',
    '{F} Comércio de Tecidos Ltda',
    'Casa {F} Ltda',
    '{F} Distribuidora Eireli',
  ],
};

/** The national collectors behind `recolhimento` items (taxes, copyright fees, bank charges). */
export const COLLECTORS: readonly string[] = [
  'INSTITUTO NACIONAL DO SEGURO SOCIAL - INSS',
  'ESCRITÓRIO CENTRAL DE ARRECADAÇÃO E DISTRIBUIÇÃO - ECAD',
  'SECRETARIA DA RECEITA FEDERAL DO BRASIL',
  'BANCO DO BRASIL S.A.',
];

const SPONSOR_FORMS = [
  '{F} Energia S/A',
  'Banco {F} S/A',
  '{F} Mineração S/A',
  '{F} Seguros S/A',
  'Companhia {F} de Saneamento',
  '{F} Telecomunicações S/A',
  '{F} Alimentos S/A',
  '{F} Participações S/A',
  'Distribuidora {F} Ltda',
  '{F} Siderurgia S/A',
  '{F} Farmacêutica Ltda',
  'Cervejaria {F} S/A',
  '{S} Indústria e Comércio Ltda',
];

/** A project title for an area, e.g. `Espetáculo "Vozes do Sertão"` or `Orquestra Aurora, temporada 2014`. */
export function projectName(rng: Rng, area: AreaTag, city: string, year: number): string {
  return fill(rng, rng.pick(TEMPLATES[area]), city, year);
}

/** A proponent: an organisation, a production company, or (for CPFs) an artist's name in Title Case. */
export function proponentName(rng: Rng, person: boolean): string {
  if (person) return titleCase(personName(rng));
  if (rng.chance(0.6)) {
    const name = `${rng.pick(ORG_TYPES)} ${rng.pick(FANCY)}`;
    return rng.chance(0.05) ? name.replace(/ ([^ ]+ ?[^ ]*)$/, ' "$1"') : name;
  }
  return fill(rng, rng.pick(COMPANY_FORMS), '', 0);
}

/** A provider's name for a kind of service (CPF providers get a person's name), upper case 70% of the time. */
export function providerName(rng: Rng, kind: ProviderKind): string {
  if (kind === 'pessoa') return rng.chance(0.7) ? personName(rng) : titleCase(personName(rng));
  if (kind === 'recolhimento') return rng.pick(COLLECTORS);
  let name = fill(rng, rng.pick(PROVIDER_FORMS[kind]), '', 0);
  if (rng.chance(0.02)) name = name.replace(/^(\S+) /, '$1 "') + '"';
  return rng.chance(0.7) ? name.toUpperCase() : name;
}

/** A sponsoring company (or, for CPFs, a person). */
export function sponsorName(rng: Rng, person: boolean): string {
  if (person) return personName(rng);
  return fill(rng, rng.pick(SPONSOR_FORMS), '', 0).toUpperCase();
}

const ANALYST_FIRST = (
  'Adriana|Alessandra|Aline|Ana Paula|André|Beatriz|Bruno|Camila|Carla|Carlos Eduardo|Cláudia|Cristiane|' +
  'Daniela|Denise|Eduardo|Elaine|Fabiana|Fábio|Felipe|Fernanda|Flávia|Gabriela|Gustavo|Helena|Isabela|' +
  'João Paulo|Juliana|Leandro|Letícia|Luciana|Marcelo|Márcia|Mariana|Mônica|Patrícia|Paulo César|Priscila|' +
  'Rafael|Renata|Ricardo|Rodrigo|Rogério|Sérgio|Simone|Tatiana|Thiago|Vanessa|Vinícius|Viviane|Wagner'
).split('|');

const ANALYST_SURNAMES = [
  ...SURNAMES,
  ...(
    'Albuquerque|Azevedo|Bezerra|Brandão|Castro|Coelho|Correia|Duarte|Fonseca|Gomes|Lacerda|Leite|Lima|' +
    'Lopes|Macedo|Medeiros|Melo|Miranda|Moura|Pereira|Pinheiro|Queiroz|Rezende|Sampaio|Siqueira|Tavares|Vieira'
  ).split('|'),
];

/**
 * A reviewing analyst of the Ministry of Culture: a first name and two surnames in Title Case, e.g.
 * `Juliana Moura Tavares` (the pool makes them unique, see analysts.ts).
 */
export function analystName(rng: Rng): string {
  const first = rng.pick(ANALYST_FIRST);
  const middle = rng.pick(ANALYST_SURNAMES);
  let last = rng.pick(ANALYST_SURNAMES);
  while (last === middle) last = rng.pick(ANALYST_SURNAMES);
  return `${first} ${middle} ${last}`;
}

function fill(rng: Rng, template: string, city: string, year: number): string {
  return template.replace(/\{([TFSCY])\}/g, (_m, key: string) => {
    switch (key) {
      case 'T':
        return title(rng);
      case 'F':
        return rng.pick(FANCY);
      case 'S':
        return rng.pick(SURNAMES);
      case 'C':
        return city;
      default:
        return String(year);
    }
  });
}

function title(rng: Rng): string {
  if (rng.chance(0.1)) return `${rng.pick(NOUNS)}, ${rng.pick(NOUNS)} e ${rng.pick(NOUNS)}`;
  return `${rng.pick(NOUNS)} ${rng.pick(OF)}`;
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s"/-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/ (Da|De|Do|Das|Dos|E) /g, (m) => m.toLowerCase());
}
