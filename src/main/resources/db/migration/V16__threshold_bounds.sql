-- Every threshold gets a measure and inclusive bounds: the API refuses a value outside them, and a
-- value stored outside them (as in an older database) is read as the default. Bounds are written in the
-- threshold's own notation (numbers, or ISO-8601 durations for paces); NULL means the measure's own limits.
-- A migration that adds a threshold from here on sets measure, min_value and max_value too (measure has no default).
ALTER TABLE threshold ADD COLUMN measure VARCHAR(16) DEFAULT 'REAL' NOT NULL;
ALTER TABLE threshold ADD COLUMN min_value VARCHAR(64);
ALTER TABLE threshold ADD COLUMN max_value VARCHAR(64);

-- paces: at least an hour (the onboarding review is a cycle), at most two years
UPDATE threshold SET measure = 'DURATION', min_value = 'PT1H', max_value = 'P730D' WHERE kind = 'DURATION';

UPDATE threshold SET measure = 'HOUR_OF_DAY', min_value = '0', max_value = '24'
  WHERE name IN ('notification.window.start-hour', 'notification.window.end-hour');

UPDATE threshold SET measure = 'COUNT', min_value = '0', max_value = '1000000'
  WHERE name IN ('readiness.interest-total', 'coaching.cap.nudges-per-day', 'coaching.training.interested-prospects',
                 'coaching.forecast.min-closed-journeys', 'onboarding.first-prospects-minimum', 'drift.min-history-views',
                 'drift.min-history-conversions');

UPDATE threshold SET measure = 'DAYS', min_value = '0', max_value = '730' WHERE name = 'onboarding.first-prospects-after-days';
UPDATE threshold SET measure = 'DAYS', min_value = '1', max_value = '730'
  WHERE name IN ('onboarding.period-days', 'sponsor.enrollee-stalled-days', 'drift.watch-days', 'drift.history-days',
                 'drift.conversion-horizon-days', 'tuning.lookback-days');

-- the rules see the nudges of the last 7 days (Coach), so a longer repeat window would act as 168 hours
UPDATE threshold SET measure = 'HOURS', min_value = '0', max_value = '168' WHERE name = 'coaching.repeat-window-hours';

UPDATE threshold SET measure = 'FRACTION', min_value = '0', max_value = '1'
  WHERE name IN ('coaching.behind-pace-fraction', 'tuning.auto-apply-fraction');
-- the pace tuner and the drift test need these strictly inside (0, 1)
UPDATE threshold SET measure = 'FRACTION', min_value = '0.01', max_value = '0.99'
  WHERE name IN ('tuning.pace-quantile', 'tuning.max-step-fraction', 'drift.relative-drop');

UPDATE threshold SET measure = 'PERCENT', min_value = '0', max_value = '100'
  WHERE name IN ('readiness.close-estimate', 'coaching.forecast.gap-points');

UPDATE threshold SET measure = 'REAL', min_value = '0.1', max_value = '1000' WHERE name = 'drift.decision-limit';
UPDATE threshold SET measure = 'REAL', min_value = '0', max_value = '1000000' WHERE name = 'tuning.prior-weight';

ALTER TABLE threshold ALTER COLUMN measure DROP DEFAULT;
