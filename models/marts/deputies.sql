-- Requesters of CEAP reimbursements (deputies and leaderships) with their totals. Name, party and state come
-- from their latest line (by accounting period, then position in the file), so a party switch shows the current one.
with requesters as (
    select
        deputy_id,
        arg_max(
            {'name': deputy_name, 'party': party, 'uf': uf, 'legislature_id': legislature_id},
            {'year': year, 'month': month, 'source_year': source_year, 'source_line': source_line}
        ) as latest,
        max(cadastro_id) as cadastro_id,
        count(*) as reimbursements,
        count(*) filter (where glosa_cents > 0) as glosa_reimbursements,
        cast(sum(document_cents) as bigint) as total_document_cents,
        cast(sum(net_cents) as bigint) as total_net_cents,
        cast(sum(glosa_cents) as bigint) as total_glosa_cents,
        min(period) as first_period,
        max(period) as last_period
    from {{ ref('reimbursements') }}
    group by deputy_id
)

select
    deputy_id,
    latest.name as name,
    latest.party as party,
    latest.uf as uf,
    latest.legislature_id as legislature_id,
    cadastro_id is null as is_leadership,
    cadastro_id,
    reimbursements,
    glosa_reimbursements,
    total_document_cents,
    total_net_cents,
    total_glosa_cents,
    first_period,
    last_period
from requesters
order by deputy_id
