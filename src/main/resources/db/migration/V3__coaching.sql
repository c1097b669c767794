-- What the coaching rules need to know about people and content (DESIGN.md, Rules).
ALTER TABLE distributor ADD personality VARCHAR(16);
ALTER TABLE distributor ADD trained_products VARCHAR(1000);
ALTER TABLE prospect ADD personality VARCHAR(16);
-- The product an asset is about, so a prospect's interest points to a product training.
ALTER TABLE asset ADD product VARCHAR(64);

UPDATE asset SET product = 'CWM' WHERE id IN ('cwm-explained', 'cwm-results', 'cwm-starter-kit', 'cwm-product-training', 'presenting-cwm');
UPDATE asset SET product = 'HYDRATION' WHERE id = 'hydration-line';

INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by) VALUES
  ('coaching.cap.nudges-per-day', 'NUMBER', '3',
   'At most this many nudges per recipient in 24 hours; the least important ones are dropped', CURRENT_TIMESTAMP, 'migration'),
  ('coaching.repeat-window-hours', 'NUMBER', '24',
   'The same nudge about the same prospect is not repeated within this many hours', CURRENT_TIMESTAMP, 'migration'),
  ('coaching.behind-pace-fraction', 'NUMBER', '0.75',
   'A journey older than this fraction of its whole pace, still before its meeting, is behind pace', CURRENT_TIMESTAMP, 'migration'),
  ('coaching.training.interested-prospects', 'NUMBER', '2',
   'Prospects showing interest in a product before its training is suggested to an untrained distributor', CURRENT_TIMESTAMP, 'migration'),
  ('coaching.forecast.min-closed-journeys', 'NUMBER', '5',
   'Closed journeys with a close estimate needed before a distributor''s forecasts are judged', CURRENT_TIMESTAMP, 'migration'),
  ('coaching.forecast.gap-points', 'NUMBER', '20',
   'Percentage points by which the mean close estimate may exceed the actual close rate before it counts as over-estimating', CURRENT_TIMESTAMP, 'migration'),
  ('onboarding.first-prospects-after-days', 'NUMBER', '1',
   'Days after enrollment when a new distributor is nudged to add first prospects', CURRENT_TIMESTAMP, 'migration'),
  ('onboarding.first-prospects-minimum', 'NUMBER', '3',
   'Prospects a new distributor should have added by then', CURRENT_TIMESTAMP, 'migration'),
  ('onboarding.period-days', 'NUMBER', '90',
   'Length of the onboarding period in days, during which the sponsor hears of a stall', CURRENT_TIMESTAMP, 'migration'),
  ('sponsor.enrollee-stalled-days', 'NUMBER', '7',
   'Days without any activity after which a sponsor hears their enrollee has stalled', CURRENT_TIMESTAMP, 'migration');
