-- The content drift check reads views by kind and time, and for each view looks for the same
-- prospect's conversion: index both paths (the tuning benchmark showed the per-view look-up dominating).
CREATE INDEX ix_touchpoint_kind_time ON touchpoint (kind, occurred_at);
CREATE INDEX ix_touchpoint_prospect_kind ON touchpoint (prospect_id, kind, occurred_at);
