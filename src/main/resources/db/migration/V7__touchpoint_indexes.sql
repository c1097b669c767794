-- The content drift check looks, for each view, for the same prospect's conversion within the
-- horizon (the tuning benchmark showed this per-view look-up dominating): index that path.
-- Views by kind and time are indexed already (V6).
CREATE INDEX ix_touchpoint_prospect_kind ON touchpoint (prospect_id, kind, occurred_at);
