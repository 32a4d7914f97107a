-- CEAP lines from the lake, renamed to snake_case English, typed, with money in integer cents, supplier
-- documents as digits and a stable id per line. No row is dropped or merged here.
with source as (
    -- The Hive partition key `year` would clash with the CEAP's own numAno renamed to `year`.
    select * exclude (year), year as partition_year from {{ source('camara', 'ceap') }}
),

typed as (
    select
        cast(nuDeputadoId as bigint) as deputy_id,
        cast(ideCadastro as bigint) as cadastro_id,
        ideCadastro is null as is_leadership,
        nullif(txNomeParlamentar, '') as deputy_name,
        cast(nuCarteiraParlamentar as integer) as parliamentary_card_number,
        cast(nuLegislatura as integer) as legislature_year,
        cast(codLegislatura as integer) as legislature_id,
        nullif(sgUF, '') as uf,
        nullif(sgPartido, '') as party,
        cast(numSubCota as integer) as subquota,
        nullif(txtDescricao, '') as subquota_description,
        cast(numEspecificacaoSubCota as integer) as subquota_specification,
        nullif(txtDescricaoEspecificacao, '') as subquota_specification_description,
        nullif(txtFornecedor, '') as supplier_name,
        nullif(txtCNPJCPF, '') as supplier_document_raw,
        nullif(regexp_replace(coalesce(txtCNPJCPF, ''), '[^0-9]', '', 'g'), '') as supplier_document,
        nullif(txtNumero, '') as document_number,
        cast(indTipoDocumento as integer) as document_type,
        cast(ideDocumento as bigint) as document_id,
        cast(datEmissao as timestamp) as issued_at,
        cast(round(vlrDocumento * 100) as bigint) as document_cents,
        cast(round(vlrGlosa * 100) as bigint) as glosa_cents,
        cast(round(vlrLiquido * 100) as bigint) as net_cents,
        cast(round(vlrRestituicao * 100) as bigint) as restitution_cents,
        cast(datPagamentoRestituicao as timestamp) as restitution_paid_at,
        cast(numAno as integer) as year,
        cast(numMes as integer) as month,
        cast(numParcela as integer) as installment,
        nullif(txtPassageiro, '') as passenger,
        nullif(txtTrecho, '') as route,
        cast(numLote as bigint) as batch_id,
        cast(numRessarcimento as bigint) as reimbursement_number,
        nullif(urlDocumento, '') as url_documento,
        cast(partition_year as integer) as source_year,
        cast(_line as bigint) as source_line,
        _vintage as vintage,
        _extra as extra_columns,
        _input_sha256 as source_sha256
    from source
),

keyed as materialized (
    select
        *,
        -- Identity of a line: fields a re-ingest of the same line reproduces. Left out on purpose: columns that
        -- only some vintages have (cpf, urlDocumento, datPagamentoRestituicao), the restitution value (set when a
        -- deputy pays back, long after the line appears) and file metadata. Values enter as cents and the supplier
        -- as digits, so neither a decimal type nor a corrected mask changes the id.
        md5(concat_ws('|',
            coalesce(cast(deputy_id as varchar), '∅'),
            coalesce(cast(year as varchar), '∅'),
            coalesce(cast(month as varchar), '∅'),
            coalesce(cast(subquota as varchar), '∅'),
            coalesce(cast(subquota_specification as varchar), '∅'),
            coalesce(supplier_document, '∅'),
            coalesce(document_number, '∅'),
            coalesce(cast(document_type as varchar), '∅'),
            coalesce(cast(document_id as varchar), '∅'),
            coalesce(cast(installment as varchar), '∅'),
            coalesce(cast(reimbursement_number as varchar), '∅'),
            coalesce(cast(batch_id as varchar), '∅'),
            coalesce(strftime(issued_at, '%Y-%m-%dT%H:%M:%S'), '∅'),
            coalesce(cast(document_cents as varchar), '∅'),
            coalesce(cast(glosa_cents as varchar), '∅'),
            coalesce(cast(net_cents as varchar), '∅'),
            coalesce(passenger, '∅'),
            coalesce(route, '∅')
        )) as content_md5
    from typed
),

-- Occurrence index among lines with identical identity (0 for almost every line). Computed on the few
-- duplicated identities only: a window over all lines would sort every column of every line.
occurrences as (
    select
        content_md5,
        source_year,
        source_line,
        row_number() over (partition by content_md5 order by source_year, source_line) - 1 as occurrence
    from keyed
    where content_md5 in (select content_md5 from keyed group by content_md5 having count(*) > 1)
)

select
    substr(md5(keyed.content_md5 || '|' || cast(coalesce(occurrences.occurrence, 0) as varchar)), 1, 16)
        as reimbursement_id,
    deputy_id,
    cadastro_id,
    is_leadership,
    deputy_name,
    parliamentary_card_number,
    legislature_year,
    legislature_id,
    uf,
    party,
    year,
    month,
    printf('%04d-%02d', year, month) as period,
    subquota,
    subquota_description,
    subquota_specification,
    subquota_specification_description,
    supplier_name,
    supplier_document_raw,
    supplier_document,
    case length(supplier_document)
        when 14 then 'cnpj'
        when 11 then 'cpf'
        else 'other'
    end as supplier_document_kind,
    document_type,
    case document_type
        when 0 then 'nota_fiscal'
        when 1 then 'recibo'
        when 2 then 'despesa_exterior'
        when 4 then 'nota_fiscal_eletronica'
        else 'other'
    end as document_type_label,
    document_number,
    document_id,
    issued_at,
    cast(issued_at as date) as issue_date,
    document_cents,
    glosa_cents,
    net_cents,
    restitution_cents,
    restitution_paid_at,
    installment,
    reimbursement_number,
    batch_id,
    passenger,
    route,
    case
        when url_documento is not null then url_documento
        when document_type = 4 and document_id > 0
            then 'https://www.camara.leg.br/cota-parlamentar/nota-fiscal-eletronica?ideDocumentoFiscal='
                || cast(document_id as varchar)
        when document_id > 0 and deputy_id is not null and year is not null
            then 'https://www.camara.leg.br/cota-parlamentar/documentos/publ/'
                || cast(deputy_id as varchar) || '/' || cast(year as varchar) || '/' || cast(document_id as varchar) || '.pdf'
    end as receipt_url,
    keyed.source_year,
    keyed.source_line,
    vintage,
    extra_columns,
    source_sha256
from keyed
left join occurrences
    on occurrences.content_md5 = keyed.content_md5
    and occurrences.source_year = keyed.source_year
    and occurrences.source_line = keyed.source_line
