-- One row per Lei Rouanet project (PRONAC) with what the metrics and the backlog need: identity, proponent
-- (document masked for outputs), peer groups (segment, area), values, and per-project totals of the budget sheet
-- (federal incentive only), receipts (distinct proofs; rows paying other funding sources left out) and
-- fundraising. "Raised" for the metrics is the sum of the fundraising receipts when there are any, else the
-- project's own valor_captado.
with projects as (
    select * from {{ ref('stg_salic__projects') }}
),

segment_codes as (
    -- The API's segment list fills a missing code; names are matched case-insensitively.
    select lower(trim(name)) as segment_key, min(code) as code
    from {{ source('salic', 'segments') }}
    group by 1
),

budget as (
    select
        pronac,
        count(*) filter (where is_federal_incentive) as budget_lines,
        count(*) filter (where not is_federal_incentive) as other_source_lines,
        coalesce(sum(approved_cents) filter (where is_federal_incentive), 0)::BIGINT as budget_approved_cents,
        coalesce(sum(approved_cents) filter (where not is_federal_incentive), 0)::BIGINT as other_source_approved_cents
    from {{ ref('stg_salic__budget_lines') }}
    group by pronac
),

receipts as (
    select
        pronac,
        count(distinct receipt_id) filter (where in_metrics) as receipts,
        count(*) filter (where in_metrics) as receipt_rows,
        coalesce(sum(proven_cents) filter (where in_metrics), 0)::BIGINT as proven_cents
    from {{ ref('salic_receipts') }}
    group by pronac
),

fundraising as (
    select pronac, count(*) as fundraising_receipts, sum(raised_cents)::BIGINT as fundraised_cents
    from {{ ref('salic_fundraising') }}
    group by pronac
)

select
    p.pronac,
    p.id_pronac,
    p.project_year,
    -- PRONAC and ano_projeto carry two year digits: 90–99 are the 1990s, the rest 2000s.
    (case when yy >= 90 then 1900 + yy else 2000 + yy end)::INTEGER as year,
    p.name,
    p.proponent_document,
    case length(p.proponent_document) when 14 then 'cnpj' when 11 then 'cpf' else 'other' end
        as proponent_document_kind,
    case length(p.proponent_document)
        when 14 then substr(p.proponent_document, 1, 2) || '.***.***/' || substr(p.proponent_document, 9, 4) || '-**'
        when 11 then '***.' || substr(p.proponent_document, 4, 3) || '.' || substr(p.proponent_document, 7, 3) || '-**'
    end as proponent_document_masked,
    p.proponent_name,
    p.area,
    p.segment,
    coalesce(p.segment_code, sc.code) as segment_code,
    p.uf,
    p.city,
    p.start_date,
    p.end_date,
    p.status,
    p.mechanism,
    p.framing,
    p.requested_cents,
    p.approved_cents,
    p.raised_cents,
    p.proposal_cents,
    p.other_sources_cents,
    p.analyst,
    b.pronac is not null as has_budget,
    coalesce(b.budget_lines, 0)::INTEGER as budget_lines,
    coalesce(b.other_source_lines, 0)::INTEGER as other_source_lines,
    coalesce(b.budget_approved_cents, 0)::BIGINT as budget_approved_cents,
    coalesce(b.other_source_approved_cents, 0)::BIGINT as other_source_approved_cents,
    coalesce(r.receipts, 0)::INTEGER as receipts,
    coalesce(r.receipt_rows, 0)::INTEGER as receipt_rows,
    coalesce(r.proven_cents, 0)::BIGINT as proven_cents,
    coalesce(f.fundraising_receipts, 0)::INTEGER as fundraising_receipts,
    coalesce(f.fundraised_cents, 0)::BIGINT as fundraised_cents,
    (case when f.fundraising_receipts > 0 then f.fundraised_cents else coalesce(p.raised_cents, 0) end)::BIGINT
        as raised_total_cents,
    p.data_source,
    p.in_both_sources
from (
    select *, try_cast(coalesce(project_year, substr(pronac, 1, 2)) as INTEGER) % 100 as yy from projects
) p
left join segment_codes sc on sc.segment_key = lower(trim(p.segment))
left join budget b on b.pronac = p.pronac
left join receipts r on r.pronac = p.pronac
left join fundraising f on f.pronac = p.pronac
