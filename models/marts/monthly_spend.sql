-- Spending per requester, accounting month and subquota, next to the monthly limit in force for that subquota
-- (seeds/ceap_subquota_limits.csv: windows 'YYYY-MM' inclusive, empty valid_to = still in force). Subquotas
-- without a limit, and months outside every window, get NULL limit_cents.
with reimbursements as (
    select * from {{ ref('reimbursements') }}
),

limits as (
    select * from {{ ref('ceap_subquota_limits') }}
),

monthly as (
    select
        deputy_id,
        year,
        month,
        subquota,
        any_value(period) as period,
        -- the label changes across vintages (e.g. "PARTICIPAÇÃO EM CURSO; PALESTRA…" vs ", PALESTRA…"): keep the latest
        arg_max(subquota_description, cast(source_year as bigint) * 100000000 + source_line) as subquota_description,
        count(*) as reimbursements,
        cast(sum(document_cents) as bigint) as document_cents,
        cast(sum(net_cents) as bigint) as net_cents,
        cast(sum(glosa_cents) as bigint) as glosa_cents
    from reimbursements
    group by deputy_id, year, month, subquota
)

select
    monthly.deputy_id,
    monthly.year,
    monthly.month,
    monthly.period,
    monthly.subquota,
    monthly.subquota_description,
    monthly.reimbursements,
    monthly.document_cents,
    monthly.net_cents,
    monthly.glosa_cents,
    limits.limit_cents,
    limits.valid_from as limit_valid_from,
    limits.valid_to as limit_valid_to,
    case when limits.limit_cents > 0 then monthly.net_cents / limits.limit_cents end as limit_used_share
from monthly
left join limits
    on limits.subquota = monthly.subquota
    and monthly.period >= limits.valid_from
    and (limits.valid_to is null or monthly.period <= limits.valid_to)
order by monthly.deputy_id, monthly.year, monthly.month, monthly.subquota
