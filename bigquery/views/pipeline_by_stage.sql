-- Open pipeline by stage, per team and owner, from each team's latest daily snapshot.
-- Portable SQL (BigQuery and DuckDB read it alike): see bigquery/README.md.
WITH latest AS (
  SELECT team, MAX(snapshot_day) AS snapshot_day
  FROM {{dataset}}.open_deals
  GROUP BY team
)
SELECT
  d.team,
  d.owner,
  d.stage,
  d.stage_order,
  d.snapshot_date,
  COUNT(*) AS deals,
  SUM(d.amount) AS amount,
  SUM(d.weighted) AS weighted
FROM {{dataset}}.open_deals AS d
JOIN latest AS l ON d.team = l.team AND d.snapshot_day = l.snapshot_day
GROUP BY d.team, d.owner, d.stage, d.stage_order, d.snapshot_date
