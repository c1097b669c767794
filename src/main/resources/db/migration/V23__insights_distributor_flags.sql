-- Insights for managers: a distributor's conversion (won or enrolled out of closed journeys) is shrunk toward the
-- team's, and flagged struggling or excelling only when the posterior probability of being below or above the
-- team reaches the flag probability (docs/statistics.md, "Distributors").
INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by, default_value, measure, min_value, max_value) VALUES
  ('insights.flag-probability', 'NUMBER', '0.975',
   'Posterior probability of converting below (above) the team at which a distributor is flagged struggling (excelling)',
   CURRENT_TIMESTAMP, 'migration', '0.975', 'FRACTION', '0.51', '0.9999'),
  ('insights.prior-weight', 'NUMBER', '20',
   'Closed journeys the team''s conversion weighs as a distributor''s prior: more shrinks thin records harder toward the team',
   CURRENT_TIMESTAMP, 'migration', '20', 'REAL', '0.1', '10000');
