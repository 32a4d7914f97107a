// Word lists for synthetic people and businesses. Invented combinations of common Brazilian names and
// words; any resemblance to a real deputy or company is accidental. Real files mix UPPER CASE and Title Case
// supplier names, and a few names carry double quotes (exercising CSV escaping).
import type { Rng } from '../../core/index.js';

const FIRST = (
  'ANA ANTÔNIO CARLOS MARIA JOSÉ JOÃO FRANCISCO PAULO LUIZ MARCOS RAFAEL DANIEL BRUNO GABRIEL LUCAS PEDRO ' +
  'FERNANDO RICARDO RODRIGO EDUARDO ANDRÉ FELIPE GUSTAVO JÚLIA BEATRIZ CAMILA FERNANDA PATRÍCIA JULIANA ALINE ' +
  'SANDRA MÁRCIA CLÁUDIA LUCIANA ADRIANA TEREZA SILVIA RENATA HELENA ROSANA VALMIR OSMAR HERÁCLITO DANILO ' +
  'SILVIO CELSO IZALCI ABEL GERALDO SEBASTIÃO RAIMUNDO WELLINGTON JOAQUIM ARTHUR HUGO OTÁVIO TÚLIO CÁSSIO ' +
  'DÉBORA TÂNIA ÉRIKA LÍDICE JANDIRA PERPÉTUA GLEISI DORINHA SORAYA ELCIONE FLÁVIA ROSÂNGELA SAMUEL NILTON'
).split(' ');

const LAST = (
  'SILVA SANTOS OLIVEIRA SOUZA RODRIGUES FERREIRA ALVES PEREIRA LIMA GOMES COSTA RIBEIRO MARTINS CARVALHO ' +
  'ALMEIDA LOPES SOARES FERNANDES VIEIRA BARBOSA ROCHA DIAS NASCIMENTO ANDRADE MOREIRA NUNES MARQUES MACHADO ' +
  'MENDES FREITAS CARDOSO RAMOS GONÇALVES SANTANA TEIXEIRA ARAÚJO CAVALCANTI MESQUITA MARINHO FORTE TORRES ' +
  'GADELHA SERRAGLIO JACOB BEZERRA BRANDÃO COUTINHO FALCÃO MAGALHÃES QUEIROZ AGUIAR PINHEIRO BITTENCOURT ' +
  'MONTEIRO CAMPOS REZENDE AZEVEDO PRADO VASCONCELOS SAMPAIO PORTELA LACERDA MEDEIROS FONSECA TAVARES'
).split(' ');

const TITLES = ['DELEGADO', 'PASTOR', 'CAPITÃO', 'DR.', 'PROFESSORA', 'CORONEL', 'GENERAL', 'MAJOR'];
const SUFFIXES = ['JR.', 'FILHO', 'NETO', 'SOBRINHO'];

const FANCY = (
  'SABOR DO CERRADO|BOI DOURADO|DONA MARIA|DO PORTO|BELLA ITALIA|DO LAGO|PLANALTO|ESPLANADA|SOL NASCENTE|' +
  'BOA VISTA|SÃO JORGE|TRÊS PODERES|ALVORADA|PAMPA|LITORAL|SERTÃO|CANDANGO|IPÊ AMARELO|BURITI|JK|' +
  'SANTA LUZIA|NOSSA SENHORA|ESTRELA|PANORAMA|CENTRAL|AVENIDA|CAPITAL|VALE VERDE|RIO BRANCO|IMPERIAL|' +
  'BOM JESUS|PRIMAVERA|ATLÂNTICO|AMAZÔNIA|PIONEIRO|COLONIAL|GIRASSOL|CINCO ESTRELAS|SÃO FRANCISCO|ORIENTE'
).split('|');

const LEGAL = ['LTDA', 'LTDA', 'LTDA - ME', 'LTDA - EPP', 'EIRELI', 'EIRELI - EPP', 'S/A', 'ME', ''];

const KIND_WORDS: Record<string, readonly string[]> = {
  restaurant: [
    'RESTAURANTE',
    'CHURRASCARIA',
    'CANTINA',
    'PIZZARIA',
    'LANCHONETE',
    'BAR E RESTAURANTE',
    'PADARIA',
  ],
  hotel: ['HOTEL', 'HOTEL', 'POUSADA E HOTEL', 'GRANDE HOTEL'],
  fuel: ['AUTO POSTO', 'POSTO', 'AUTO POSTO', 'COMÉRCIO DE COMBUSTÍVEIS'],
  rental: ['LOCADORA DE VEÍCULOS', 'RENT A CAR', 'LOCAÇÕES', 'TRANSPORTES E LOCAÇÃO'],
  office: [
    'PAPELARIA',
    'IMOBILIÁRIA',
    'INFORMÁTICA',
    'MATERIAIS DE ESCRITÓRIO',
    'CONDOMÍNIO EDIFÍCIO',
    'SUPRIMENTOS',
  ],
  parking: ['ESTACIONAMENTO', 'PARK', 'CONCESSIONÁRIA RODOVIA', 'RÁDIO TÁXI'],
  media: ['GRÁFICA', 'COMUNICAÇÃO', 'RÁDIO', 'PUBLICIDADE', 'EDITORA E GRÁFICA', 'PRODUÇÕES'],
  consulting: ['CONSULTORIA', 'ASSESSORIA', 'PESQUISAS', 'INSTITUTO DE PESQUISA'],
  security: ['SEGURANÇA PRIVADA', 'VIGILÂNCIA', 'SEGURANÇA E VIGILÂNCIA'],
  events: ['EVENTOS', 'CURSOS E TREINAMENTOS', 'ESCOLA DE GOVERNO', 'CONGRESSOS'],
  publisher: ['EDITORA', 'JORNAL', 'PUBLICAÇÕES'],
  bus: ['VIAÇÃO', 'EXPRESSO', 'TRANSPORTES', 'NAVEGAÇÃO'],
};

/** A person's name in upper case, e.g. "JÚLIA MARINHO" or "ABEL MESQUITA JR.". */
export function personName(rng: Rng): string {
  const parts = [rng.pick(FIRST)];
  if (rng.chance(0.25)) parts.push(rng.pick(FIRST));
  parts.push(rng.pick(LAST));
  if (rng.chance(0.35)) parts.push(rng.pick(LAST));
  if (rng.chance(0.05)) parts.push(rng.pick(SUFFIXES));
  return parts.join(' ');
}

/** A deputy's ballot name: mostly two words, sometimes with a title ("DELEGADO …"). */
export function ballotName(rng: Rng): string {
  const title = rng.chance(0.07) ? `${rng.pick(TITLES)} ` : '';
  const last = rng.chance(0.3) ? `${rng.pick(LAST)} ${rng.pick(LAST)}` : rng.pick(LAST);
  const suffix = rng.chance(0.04) ? ` ${rng.pick(SUFFIXES)}` : '';
  return `${title}${rng.pick(FIRST)} ${last}${suffix}`;
}

/** A business name for a supplier category, e.g. "CHURRASCARIA BOI DOURADO LTDA". */
export function companyName(rng: Rng, kind: string): string {
  const words = KIND_WORDS[kind] ?? ['COMÉRCIO'];
  const fancy = rng.chance(0.2) ? `${rng.pick(LAST)} ${rng.pick(FANCY)}` : rng.pick(FANCY);
  const core = rng.chance(0.03) ? `${rng.pick(words)} "${fancy}"` : `${rng.pick(words)} ${fancy}`;
  const legal = rng.pick(LEGAL);
  const name = legal ? `${core} ${legal}` : core;
  // Hotels stay upper case so a name filter on "HOTEL" finds them whatever its case handling.
  return kind !== 'hotel' && rng.chance(0.2) ? titleCase(name) : name;
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s"/-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
