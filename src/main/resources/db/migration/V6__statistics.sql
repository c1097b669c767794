-- Statistics: thresholds of content drift and pace tuning, and an index for the view scans.
CREATE INDEX ix_touchpoint_kind_time ON touchpoint (kind, occurred_at);

INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by) VALUES
  ('drift.relative-drop', 'NUMBER', '0.25',
   'Relative drop in an asset''s conversion after a view that the drift test is tuned to detect (CUSUM alternative)', CURRENT_TIMESTAMP, 'migration'),
  ('drift.decision-limit', 'NUMBER', '7.5',
   'CUSUM limit (log-likelihood ratio, nats) at which an asset drifts; higher means fewer false alarms and later alerts', CURRENT_TIMESTAMP, 'migration'),
  ('drift.watch-days', 'NUMBER', '90',
   'Days of matured views the drift test watches, day by day', CURRENT_TIMESTAMP, 'migration'),
  ('drift.history-days', 'NUMBER', '365',
   'Days before the watch window whose views give an asset''s own history rate', CURRENT_TIMESTAMP, 'migration'),
  ('drift.min-history-views', 'NUMBER', '1000',
   'Views in an asset''s history before the drift test judges it at all', CURRENT_TIMESTAMP, 'migration'),
  ('drift.conversion-horizon-days', 'NUMBER', '14',
   'A view converts when the prospect purchases or enrolls within this many days; younger views are not yet counted', CURRENT_TIMESTAMP, 'migration'),
  ('tuning.pace-quantile', 'NUMBER', '0.8',
   'Quantile of measured step durations of converted journeys that a pace is tuned toward', CURRENT_TIMESTAMP, 'migration'),
  ('tuning.prior-weight', 'NUMBER', '30',
   'Pseudo-samples of the current pace: with n samples the measured quantile weighs n/(n+this)', CURRENT_TIMESTAMP, 'migration'),
  ('tuning.max-step-fraction', 'NUMBER', '0.2',
   'A tuning run never moves a pace by more than this fraction of its current value', CURRENT_TIMESTAMP, 'migration'),
  ('tuning.auto-apply-fraction', 'NUMBER', '0.1',
   'Pace changes up to this fraction apply at once; larger ones wait for a manager''s approval', CURRENT_TIMESTAMP, 'migration'),
  ('tuning.lookback-days', 'NUMBER', '180',
   'Days of shares (and journeys) whose durations are measured for pace tuning', CURRENT_TIMESTAMP, 'migration');
