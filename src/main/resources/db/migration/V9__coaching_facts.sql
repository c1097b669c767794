-- Coaching facts (CoachingFacts.record) read a distributor's last share and last answer, and the last
-- close estimate of each closed journey, at every decision: index those paths, so a decision does not
-- scan every share and answer ever recorded (the journey benchmark showed the cost growing with them).
CREATE INDEX ix_share_distributor_time ON asset_share (distributor_id, shared_at);
CREATE INDEX ix_follow_up_distributor_time ON follow_up_answer (distributor_id, answered_at);
CREATE INDEX ix_follow_up_prospect_time ON follow_up_answer (prospect_id, answered_at);
CREATE INDEX ix_prospect_distributor_status ON prospect (distributor_id, status);

-- A distributor's forecast record, kept as running sums so a decision reads one row however many
-- journeys they have closed: per closed journey that has a follow-up answer, its last close estimate,
-- and whether it converted (WON or ENROLLED). Filled from the journeys closed so far.
ALTER TABLE distributor ADD COLUMN closed_journeys INT DEFAULT 0 NOT NULL;
ALTER TABLE distributor ADD COLUMN close_estimate_sum BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE distributor ADD COLUMN converted_journeys INT DEFAULT 0 NOT NULL;
UPDATE distributor SET
  closed_journeys = (SELECT COUNT(*) FROM prospect p JOIN follow_up_answer f ON f.prospect_id = p.id
    WHERE p.distributor_id = distributor.id AND p.status IN ('WON', 'ENROLLED', 'LOST')
    AND f.answered_at = (SELECT MAX(last.answered_at) FROM follow_up_answer last WHERE last.prospect_id = p.id)),
  close_estimate_sum = (SELECT COALESCE(SUM(f.close_estimate), 0) FROM prospect p JOIN follow_up_answer f ON f.prospect_id = p.id
    WHERE p.distributor_id = distributor.id AND p.status IN ('WON', 'ENROLLED', 'LOST')
    AND f.answered_at = (SELECT MAX(last.answered_at) FROM follow_up_answer last WHERE last.prospect_id = p.id)),
  converted_journeys = (SELECT COUNT(*) FROM prospect p JOIN follow_up_answer f ON f.prospect_id = p.id
    WHERE p.distributor_id = distributor.id AND p.status IN ('WON', 'ENROLLED')
    AND f.answered_at = (SELECT MAX(last.answered_at) FROM follow_up_answer last WHERE last.prospect_id = p.id));

-- Follow-up answers numbered per prospect in the order they were given. Readiness and the forecast
-- record take a prospect's last answer; times alone cannot tell two answers of one second apart where
-- fractions of a second are not stored (MariaDB through mysql-connector-j stores whole seconds).
-- Answers given before this migration keep no number and sort before the numbered ones.
ALTER TABLE follow_up_answer ADD COLUMN answer_number INT;
