-- Distributor onboarding: after the first-prospect checks, how often the rules review a new distributor
-- (a stalled enrollee, first prospects still missing) for the rest of the onboarding period.
INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by) VALUES
  ('pace.distributor-onboarding.enrollee-review', 'DURATION', 'P7D',
   'How often the coaching rules review a new distributor during the onboarding period', CURRENT_TIMESTAMP, 'migration');
