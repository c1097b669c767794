-- The history of a threshold is read in the order of its changes. MySQL (and MariaDB through
-- mysql-connector-j) stores whole seconds, so two changes within a second tied on changed_at and came
-- back in the order of their random ids. Each change now gets the next number of its threshold;
-- changes made before keep 0 and their old order (time, then id).
ALTER TABLE threshold_history ADD COLUMN change_number BIGINT DEFAULT 0 NOT NULL;
