-- Win rate over the trailing 90 days (the snapshot's day included), per team and owner, by count and by amount.
-- Rates are left to the reader of the view for sums across owners or teams: sum won and lost, then divide.
WITH latest AS (
  SELECT team, MAX(snapshot_day) AS snapshot_day
  FROM {{dataset}}.open_deals
  GROUP BY team
),
closed AS (
  SELECT c.team, c.owner, c.outcome, COALESCE(c.amount, 0) AS amount
  FROM {{dataset}}.closed_deals AS c
  JOIN latest AS l ON c.team = l.team
  WHERE c.closed_day > l.snapshot_day - 90 AND c.closed_day <= l.snapshot_day
)
SELECT
  team,
  owner,
  SUM(CASE WHEN outcome = 'won' THEN 1 ELSE 0 END) AS won,
  SUM(CASE WHEN outcome = 'lost' THEN 1 ELSE 0 END) AS lost,
  SUM(CASE WHEN outcome = 'won' THEN amount ELSE 0 END) AS won_amount,
  SUM(CASE WHEN outcome = 'lost' THEN amount ELSE 0 END) AS lost_amount,
  SUM(CASE WHEN outcome = 'won' THEN 1 ELSE 0 END) / COUNT(*) AS win_rate_by_count,
  CASE
    WHEN SUM(amount) = 0 THEN NULL
    ELSE SUM(CASE WHEN outcome = 'won' THEN amount ELSE 0 END) / SUM(amount)
  END AS win_rate_by_amount
FROM closed
GROUP BY team, owner
