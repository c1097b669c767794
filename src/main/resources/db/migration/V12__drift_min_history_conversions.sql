-- The drift test's fewest history conversions: ContentDrift.Settings had it, and the simulation measured the
-- test with 50, but the check ran with 1 because no threshold held it.
INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by) VALUES
  ('drift.min-history-conversions', 'NUMBER', '50',
   'Conversions in an asset''s history before the drift test judges it at all', CURRENT_TIMESTAMP, 'migration');
