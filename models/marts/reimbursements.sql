-- Every CEAP line, materialised once so that the other marts, the detectors and the API read a table instead of
-- re-evaluating the staging view over the lake. Not sorted: sorting a million wide rows would double the build
-- time, and scans of this table take milliseconds anyway.
select *
from {{ ref('stg_camara__ceap') }}
