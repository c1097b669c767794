-- The coaching facts read a distributor's latest added prospect by this index (one entry, not all of theirs).
CREATE INDEX ix_prospect_distributor_time ON prospect (distributor_id, created_at);
