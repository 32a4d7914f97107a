// Reads the bills and their tramitação events from the warehouse marts (marts.bills, marts.tramitacao_events) into
// BillHistory objects, ordered by bill id, plus the observation date of the data: the latest event in the
// warehouse. Bills without any event (bulk files without tramitações) cannot be judged from their history and are
// counted apart, not silently dropped.
import { WarehouseError, type Db } from '../../../core/index.js';
import type { BillEvent, BillHistory } from './bill-history.js';
import { loadColumns } from '../load-columns.js';

export interface LoadedBills {
  histories: BillHistory[];
  /** Bills of the mart with no tramitação event. */
  withoutEvents: number;
  /** The latest event time in the warehouse (epoch ms): the data's observation date. */
  asOf: number;
}

/**
 * Loads every bill that has at least one event; `billIds` restricts it (the predict-by-id path).
 * @example const { histories, asOf } = await loadBillHistories(db);
 */
export async function loadBillHistories(db: Db, billIds?: readonly number[]): Promise<LoadedBills> {
  const has = await db.one<{ n: number }>(
    `select count(*)::int as n from information_schema.tables
      where table_schema = 'marts' and table_name in ('bills', 'tramitacao_events')`,
  );
  if ((has?.n ?? 0) < 2) {
    throw new WarehouseError(
      'bill-outcome: the warehouse has no marts.bills / marts.tramitacao_events; ingest Câmara propositions ' +
        '(`hardin ingest camara proposicoes`) and run `hardin build` first',
    );
  }
  const filter = billIds
    ? `where bill_id in (${billIds.map((id) => String(Math.trunc(id))).join(',') || 'null'})`
    : '';
  const bills = await loadColumns(
    db,
    `select bill_id::double as bill_id, type_code, author_kind, coalesce(author_party, '') as author_party,
            coalesce(author_uf, '') as author_uf, coalesce(main_theme, '') as main_theme,
            authors_count::double as authors_count, epoch_ms(presented_at)::double as presented_at
       from marts.bills ${filter} order by bill_id`,
    ['type_code', 'author_kind', 'author_party', 'author_uf', 'main_theme'],
  );
  const events = await loadColumns(
    db,
    `select bill_id::double as bill_id, epoch_ms(occurred_at)::double as at, organ_kind, coalesce(organ, '') as organ,
            situation_code::double as situation_code, action_code::double as action_code,
            coalesce(regime, '') as regime, coalesce(appreciation, '') as appreciation, coalesce(opinion, '') as opinion,
            is_urgency_approval::double as urgency_approval, is_urgency_regime::double as urgency_regime,
            is_rapporteur_designation::double as rapporteur, is_plenary_approval::double as plenary_approval,
            is_law::double as law
       from marts.tramitacao_events ${filter} order by bill_id, event_index`,
    ['organ_kind', 'organ', 'regime', 'appreciation', 'opinion'],
  );
  const maxAt = await db.one<{ at: number | null }>(
    `select epoch_ms(max(occurred_at))::double as at from marts.tramitacao_events`,
  );

  const byBill = new Map<number, BillEvent[]>();
  const n = events.n;
  const num = events.numbers;
  const txt = events.texts;
  for (let i = 0; i < n; i++) {
    const id = num.bill_id![i] as number;
    let list = byBill.get(id);
    if (!list) byBill.set(id, (list = []));
    const opinion = txt.opinion![i];
    list.push({
      at: num.at![i] as number,
      organKind: txt.organ_kind![i] as string,
      organ: txt.organ![i] as string,
      situationCode: nullable(num.situation_code![i] as number),
      actionCode: nullable(num.action_code![i] as number),
      regime: txt.regime![i] as string,
      appreciation: txt.appreciation![i] as string,
      opinion: opinion === 'favourable' || opinion === 'unfavourable' ? opinion : null,
      urgencyApproval: num.urgency_approval![i] === 1,
      urgencyRegime: num.urgency_regime![i] === 1,
      rapporteurDesignation: num.rapporteur![i] === 1,
      plenaryApproval: num.plenary_approval![i] === 1,
      law: num.law![i] === 1,
    });
  }
  const histories: BillHistory[] = [];
  let withoutEvents = 0;
  for (let i = 0; i < bills.n; i++) {
    const billId = bills.numbers.bill_id![i] as number;
    const list = byBill.get(billId);
    if (!list || list.length === 0) {
      withoutEvents++;
      continue;
    }
    histories.push({
      billId,
      typeCode: bills.texts.type_code![i] as string,
      authorKind: bills.texts.author_kind![i] as string,
      authorParty: bills.texts.author_party![i] as string,
      authorUf: bills.texts.author_uf![i] as string,
      mainTheme: bills.texts.main_theme![i] as string,
      authorsCount: (bills.numbers.authors_count![i] as number) || 0,
      presentedAt: bills.numbers.presented_at![i] as number,
      events: list,
    });
  }
  return { histories, withoutEvents, asOf: maxAt?.at ?? NaN };
}

function nullable(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
