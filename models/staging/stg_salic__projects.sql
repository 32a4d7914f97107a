-- SALIC projects from both lake partitions (source=extract: the CSV extracts of the SALIC database;
-- source=api: the public API), one row per PRONAC. Where both hold a project, the extract's row wins: it is the
-- database itself, with the internal id and the fields the API leaves out. Columns as in the lake (typed there,
-- money in integer cents, documents as digits); PRONAC stays VARCHAR (leading zeros are part of it). The analyst
-- in charge of the financial review comes from the extract only (the public API has no such field).
with source as (
    select * from {{ source('salic', 'projects') }}
    -- analyst (the extract's optional analista column) came later: lake files written before it, which an identical
    -- re-ingest keeps, have no such column; this empty relation supplies it (NULL) when no file has it.
    union all by name
    select cast(null as VARCHAR) as analyst where false
),

ranked as (
    select
        *,
        row_number() over (
            partition by pronac order by source <> 'extract', source, source_row
        ) as pick,
        count(*) over (partition by pronac) as partitions_holding
    from source
)

select
    pronac,
    id_pronac,
    project_year,
    name,
    proponent_document,
    proponent_name,
    area,
    segment,
    segment_code,
    uf,
    city,
    start_date,
    end_date,
    status,
    mechanism,
    framing,
    requested_cents,
    approved_cents,
    raised_cents,
    proposal_cents,
    other_sources_cents,
    -- Runs of blanks inside the name become one space, so the API's exact (case-insensitive) filter finds it.
    nullif(regexp_replace(analyst, '\s+', ' ', 'g'), '') as analyst,
    source as data_source,
    partitions_holding > 1 as in_both_sources,
    source_row,
    _origin as origin
from ranked
where pick = 1
