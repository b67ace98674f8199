-- Forecast accuracy per team, owner and month: the weighted forecast for the month in its first
-- snapshot taken in its first 7 days, against the amount won with a closing date in the month.
WITH firsts AS (
  SELECT team, snapshot_month, MIN(snapshot_day) AS snapshot_day
  FROM {{dataset}}.open_deals
  WHERE snapshot_month_day <= 7
  GROUP BY team, snapshot_month
),
forecast AS (
  SELECT d.team, d.owner, d.snapshot_month AS forecast_month, SUM(d.weighted) AS forecast, 0 AS won
  FROM {{dataset}}.open_deals AS d
  JOIN firsts AS f ON d.team = f.team AND d.snapshot_day = f.snapshot_day
  WHERE d.close_month IS NOT NULL AND d.close_month <= d.snapshot_month
  GROUP BY d.team, d.owner, d.snapshot_month
),
won AS (
  SELECT team, owner, closed_month AS forecast_month, 0 AS forecast, SUM(COALESCE(amount, 0)) AS won
  FROM {{dataset}}.closed_deals
  WHERE outcome = 'won'
  GROUP BY team, owner, closed_month
),
both_sides AS (
  SELECT team, owner, forecast_month, forecast, won FROM forecast
  UNION ALL
  SELECT team, owner, forecast_month, forecast, won FROM won
)
SELECT
  b.team,
  b.owner,
  b.forecast_month,
  CASE WHEN MAX(f.snapshot_day) IS NULL THEN NULL ELSE SUM(b.forecast) END AS forecast,
  SUM(b.won) AS won,
  CASE
    WHEN MAX(f.snapshot_day) IS NULL OR SUM(b.forecast) <= 0 THEN NULL
    ELSE SUM(b.won) / SUM(b.forecast)
  END AS ratio
FROM both_sides AS b
LEFT JOIN firsts AS f ON b.team = f.team AND b.forecast_month = f.snapshot_month
GROUP BY b.team, b.owner, b.forecast_month
