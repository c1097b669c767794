-- What a nudge lists beyond the people it names: a weekly digest's flagged distributors, fixed when it is recorded.
ALTER TABLE nudge ADD COLUMN detail VARCHAR(2000);
