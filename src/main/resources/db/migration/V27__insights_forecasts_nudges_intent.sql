-- Insights for managers: how long after a nudge without a pace of its own its action still counts as following it,
-- and the drift test on the purchase intent stated after a view (docs/statistics.md, "Intent drift"): a Bernoulli
-- CUSUM like the conversion drift's, over the same windows, on the share of follow-up answers stating intent.
INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by, default_value, measure, min_value, max_value) VALUES
  ('insights.nudge-window-days', 'NUMBER', '7',
   'Days after a nudge without a pace of its own within which the nudged action counts as following it',
   CURRENT_TIMESTAMP, 'migration', '7', 'DAYS', '1', '730'),
  ('intent-drift.relative-drop', 'NUMBER', '0.25',
   'Relative drop in the share of follow-up answers stating purchase intent that the intent drift test is tuned to detect',
   CURRENT_TIMESTAMP, 'migration', '0.25', 'FRACTION', '0.01', '0.99'),
  ('intent-drift.decision-limit', 'NUMBER', '9',
   'CUSUM limit (nats) at which an asset''s stated purchase intent drifts',
   CURRENT_TIMESTAMP, 'migration', '9', 'REAL', '0.1', '1000'),
  ('intent-drift.min-history-answers', 'NUMBER', '500',
   'Follow-up answers in an asset''s history before its stated intent is judged',
   CURRENT_TIMESTAMP, 'migration', '500', 'COUNT', '0', '1000000'),
  ('intent-drift.min-history-intents', 'NUMBER', '50',
   'Answers stating purchase intent in an asset''s history before its stated intent is judged',
   CURRENT_TIMESTAMP, 'migration', '50', 'COUNT', '0', '1000000');
