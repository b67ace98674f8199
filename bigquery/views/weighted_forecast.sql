-- Weighted forecast by expected close month, per team and owner, from each team's latest snapshot.
-- A close date already past counts in the snapshot's month (as the Metrics tab does); undated deals are left out.
WITH latest AS (
  SELECT team, MAX(snapshot_day) AS snapshot_day
  FROM {{dataset}}.open_deals
  GROUP BY team
),
dated AS (
  SELECT
    d.team,
    d.owner,
    d.amount,
    d.weighted,
    CASE WHEN d.close_month < d.snapshot_month THEN d.snapshot_month ELSE d.close_month END AS forecast_month
  FROM {{dataset}}.open_deals AS d
  JOIN latest AS l ON d.team = l.team AND d.snapshot_day = l.snapshot_day
  WHERE d.close_month IS NOT NULL
)
SELECT
  team,
  owner,
  forecast_month,
  COUNT(*) AS deals,
  SUM(weighted) AS weighted,
  SUM(amount) AS best_case
FROM dated
GROUP BY team, owner, forecast_month
