-- The view was created (V19) before nudge got distributor_id (V22) and detail (V25); a view's "*" is expanded
-- when it is created, so other modules did not see them. Insights needs distributor_id: the enrollee a sponsor's
-- nudge is about, to tell whether the enrollee became active after it.
CREATE OR REPLACE VIEW coaching_nudge AS SELECT * FROM nudge;
