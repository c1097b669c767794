-- Distributor onboarding: the first-prospect checks after enrollment.
INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by) VALUES
  ('pace.distributor-onboarding.first-prospects-day-1', 'DURATION', 'P1D',
   'First check whether a new distributor has added first prospects', CURRENT_TIMESTAMP, 'migration'),
  ('pace.distributor-onboarding.first-prospects-day-3', 'DURATION', 'P3D',
   'Second check whether a new distributor has added first prospects', CURRENT_TIMESTAMP, 'migration'),
  ('pace.distributor-onboarding.first-prospects-day-7', 'DURATION', 'P7D',
   'Third check; by now the sponsor hears of a stall', CURRENT_TIMESTAMP, 'migration');
