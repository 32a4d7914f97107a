-- Suppliers of CEAP receipts, identified by the digits of their CNPJ/CPF (lines without a document are left
-- out), with their most frequent name and whether the document's check digits are valid.
with lines as (
    select supplier_document, supplier_document_kind, supplier_name, deputy_id, net_cents, issue_date
    from {{ ref('reimbursements') }}
    where supplier_document is not null
),

names as (
    select
        supplier_document,
        supplier_name,
        row_number() over (partition by supplier_document order by count(*) desc, supplier_name) as rank
    from lines
    where supplier_name is not null
    group by supplier_document, supplier_name
),

totals as (
    select
        supplier_document,
        any_value(supplier_document_kind) as supplier_document_kind,
        count(distinct supplier_name) as name_variants,
        count(*) as reimbursements,
        count(distinct deputy_id) as deputies,
        cast(sum(net_cents) as bigint) as total_net_cents,
        min(issue_date) as first_issue_date,
        max(issue_date) as last_issue_date
    from lines
    group by supplier_document
),

-- Modulo-11 check digits (Receita Federal): for a CNPJ the weights 5,4,3,2,9,8,7,6,5,4,3,2 over the first 12
-- digits give the 13th, and 6,5,…,2 over the first 13 the 14th; for a CPF 10…2 over 9 digits give the 10th and
-- 11…2 over 10 the 11th. A remainder r < 2 gives 0, else 11 − r. Repeated digits (00000000000000) are invalid.
weighted as (
    select
        supplier_document,
        list_transform(string_split(supplier_document, ''), lambda c: cast(c as integer)) as digits,
        case length(supplier_document)
            when 14 then [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
            when 11 then [10, 9, 8, 7, 6, 5, 4, 3, 2]
        end as weights_1,
        case length(supplier_document)
            when 14 then [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
            when 11 then [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]
        end as weights_2
    from totals
),

remainders as (
    select
        supplier_document,
        digits,
        len(weights_1) as base_length,
        list_sum(list_transform(range(1, len(weights_1) + 1), lambda i: digits[i] * weights_1[i])) % 11 as r1,
        list_sum(list_transform(range(1, len(weights_2) + 1), lambda i: digits[i] * weights_2[i])) % 11 as r2
    from weighted
    where weights_1 is not null
),

checked as (
    select
        supplier_document,
        digits[base_length + 1] = (case when r1 < 2 then 0 else 11 - r1 end)
            and digits[base_length + 2] = (case when r2 < 2 then 0 else 11 - r2 end)
            and length(replace(supplier_document, left(supplier_document, 1), '')) > 0 as is_valid
    from remainders
)

select
    totals.supplier_document,
    names.supplier_name,
    totals.name_variants,
    totals.supplier_document_kind,
    coalesce(checked.is_valid, false) as has_valid_check_digits,
    totals.reimbursements,
    totals.deputies,
    totals.total_net_cents,
    totals.first_issue_date,
    totals.last_issue_date
from totals
left join names on names.supplier_document = totals.supplier_document and names.rank = 1
left join checked on checked.supplier_document = totals.supplier_document
order by totals.supplier_document
