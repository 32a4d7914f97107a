// The filter form of the Proposições page: search box (a label such as "PL 1234/2021" or words), situation, type
// checkboxes, year range, author kind, party, UF, theme, probability range in percent and the model's prediction.
// The values live in the URL (the page owns that) under the keys of FILTER_KEYS; party and theme options come
// from the bills summary, and a value named in the URL but absent from them stays selectable.
import { useEffect, useState } from 'react';
import {
  AUTHOR_KIND_LABELS,
  BILLS_PATH,
  BILL_TYPES,
  STATUS_FILTER_LABELS,
  TYPE_LABELS,
  type BillStatusFilter,
  type BillSummary,
} from '../bills-api';
import { navigate } from '../router';
import { DecimalField, Field, FiltersBar } from './filters-bar';

const UFS = 'AC AL AM AP BA CE DF ES GO MA MG MS MT PA PB PE PI PR RJ RN RO RR RS SC SE SP TO'.split(' ');

/** URL keys of the filters; `probMin`/`probMax` are percentages as typed, `status` "todas" lists every bill. */
export const FILTER_KEYS = [
  'q',
  'type',
  'status',
  'minYear',
  'maxYear',
  'authorKind',
  'party',
  'uf',
  'theme',
  'probMin',
  'probMax',
  'predicted',
] as const;
export const ALL_BILLS = 'todas';

export type BillFilterValues = Record<(typeof FILTER_KEYS)[number], string>;

/** The API's status for the URL's: pending by default, none for "todas". */
export function billStatusFromUrl(value: string): BillStatusFilter | undefined {
  if (value === ALL_BILLS) return undefined;
  return value === 'final' || value === 'law' ? value : 'pending';
}

export function BillFilters({
  current,
  summary,
  onApply,
}: {
  current: BillFilterValues;
  summary: BillSummary | undefined;
  onApply: (filters: BillFilterValues) => void;
}) {
  const [draft, setDraft] = useState<BillFilterValues>(current);
  const currentKey = JSON.stringify(current);
  useEffect(() => setDraft(JSON.parse(currentKey) as BillFilterValues), [currentKey]);
  const set = (key: keyof BillFilterValues) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const types = draft.type ? draft.type.split(',') : [];
  const toggleType = (t: string, on: boolean) =>
    set('type')(BILL_TYPES.filter((x) => (x === t ? on : types.includes(x))).join(','));

  return (
    <FiltersBar
      label="Filtros de proposições"
      onSubmit={() =>
        onApply({ ...draft, q: draft.q.trim(), minYear: draft.minYear.trim(), maxYear: draft.maxYear.trim() })
      }
      onReset={() => navigate(BILLS_PATH)}
    >
      <Field id="bills-search" label="Busca" hint='rótulo ("PL 1234/2021") ou palavras da ementa'>
        <input
          id="bills-search"
          type="search"
          value={draft.q}
          placeholder="PL 1234/2021 ou palavras"
          aria-describedby="bills-search-hint"
          onChange={(e) => set('q')(e.target.value)}
        />
      </Field>
      <Field id="bills-status" label="Situação">
        <select id="bills-status" value={draft.status} onChange={(e) => set('status')(e.target.value)}>
          <option value="">{STATUS_FILTER_LABELS.pending}</option>
          <option value="final">{STATUS_FILTER_LABELS.final}</option>
          <option value="law">{STATUS_FILTER_LABELS.law}</option>
          <option value={ALL_BILLS}>Todas</option>
        </select>
      </Field>
      <fieldset className="field bill-types" data-testid="bills-types">
        <legend>Tipo</legend>
        <div className="bill-type-options">
          {BILL_TYPES.map((t) => (
            <label key={t} className="bill-type-option" title={TYPE_LABELS[t]}>
              <input
                type="checkbox"
                checked={types.includes(t)}
                onChange={(e) => toggleType(t, e.target.checked)}
              />
              {t}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="bills-min-year" label="Ano de">
        <input
          id="bills-min-year"
          type="text"
          inputMode="numeric"
          size={5}
          value={draft.minYear}
          placeholder={summary?.years.min ? String(summary.years.min) : undefined}
          onChange={(e) => set('minYear')(e.target.value)}
        />
      </Field>
      <Field id="bills-max-year" label="Ano até">
        <input
          id="bills-max-year"
          type="text"
          inputMode="numeric"
          size={5}
          value={draft.maxYear}
          placeholder={summary?.years.max ? String(summary.years.max) : undefined}
          onChange={(e) => set('maxYear')(e.target.value)}
        />
      </Field>
      <Field id="bills-author-kind" label="Autor">
        <select
          id="bills-author-kind"
          value={draft.authorKind}
          onChange={(e) => set('authorKind')(e.target.value)}
        >
          <option value="">Todos</option>
          {Object.entries(AUTHOR_KIND_LABELS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="bills-party" label="Partido do autor">
        <select id="bills-party" value={draft.party} onChange={(e) => set('party')(e.target.value)}>
          <option value="">Todos</option>
          {draft.party && !summary?.parties.some((p) => p.party === draft.party) && (
            <option value={draft.party}>{draft.party}</option>
          )}
          {(summary?.parties ?? []).map((p) => (
            <option key={p.party} value={p.party}>
              {p.party}
            </option>
          ))}
        </select>
      </Field>
      <Field id="bills-uf" label="UF do autor">
        <select id="bills-uf" value={draft.uf} onChange={(e) => set('uf')(e.target.value)}>
          <option value="">Todas</option>
          {UFS.map((uf) => (
            <option key={uf} value={uf}>
              {uf}
            </option>
          ))}
        </select>
      </Field>
      <Field id="bills-theme" label="Tema">
        <select id="bills-theme" value={draft.theme} onChange={(e) => set('theme')(e.target.value)}>
          <option value="">Todos</option>
          {draft.theme && !summary?.themes.some((t) => String(t.id) === draft.theme) && (
            <option value={draft.theme}>{draft.theme}</option>
          )}
          {(summary?.themes ?? []).map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <DecimalField
        id="bills-prob-min"
        label="Probabilidade mínima (%)"
        hint="de 0 a 100"
        value={draft.probMin}
        onChange={set('probMin')}
      />
      <DecimalField
        id="bills-prob-max"
        label="Probabilidade máxima (%)"
        hint="de 0 a 100"
        value={draft.probMax}
        onChange={set('probMax')}
      />
      <Field id="bills-predicted" label="Previsão do modelo">
        <select
          id="bills-predicted"
          value={draft.predicted}
          onChange={(e) => set('predicted')(e.target.value)}
        >
          <option value="">Todas</option>
          <option value="positive">Acima do limiar (deve virar lei)</option>
          <option value="negative">Abaixo do limiar</option>
        </select>
      </Field>
    </FiltersBar>
  );
}
