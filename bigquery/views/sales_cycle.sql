-- Sales cycle (days from created to won) of every won deal, per team and per team and owner:
-- count, average and median. The median is the mean of the middle row(s), found with ROW_NUMBER.
WITH won AS (
  SELECT team, owner, cycle_days
  FROM {{dataset}}.closed_deals
  WHERE outcome = 'won' AND cycle_days IS NOT NULL
),
by_team AS (
  SELECT
    team,
    cycle_days,
    ROW_NUMBER() OVER (PARTITION BY team ORDER BY cycle_days) AS n,
    COUNT(*) OVER (PARTITION BY team) AS total
  FROM won
),
by_owner AS (
  SELECT
    team,
    owner,
    cycle_days,
    ROW_NUMBER() OVER (PARTITION BY team, owner ORDER BY cycle_days) AS n,
    COUNT(*) OVER (PARTITION BY team, owner) AS total
  FROM won
)
SELECT
  'team' AS level,
  team,
  CAST(NULL AS STRING) AS owner,
  COUNT(*) AS deals,
  AVG(cycle_days) AS average_days,
  AVG(CASE WHEN n >= total / 2 AND n <= total / 2 + 1 THEN cycle_days END) AS median_days
FROM by_team
GROUP BY team
UNION ALL
SELECT
  'owner' AS level,
  team,
  owner,
  COUNT(*) AS deals,
  AVG(cycle_days) AS average_days,
  AVG(CASE WHEN n >= total / 2 AND n <= total / 2 + 1 THEN cycle_days END) AS median_days
FROM by_owner
GROUP BY team, owner
