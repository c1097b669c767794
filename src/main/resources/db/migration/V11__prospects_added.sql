-- How many prospects each distributor has added, kept on their row: the coaching facts read it at every
-- decision, and counting a veteran distributor's prospects each time grew with their history.
ALTER TABLE distributor ADD COLUMN prospects_added INT DEFAULT 0 NOT NULL;
UPDATE distributor SET prospects_added = (SELECT COUNT(*) FROM prospect p WHERE p.distributor_id = distributor.id);
