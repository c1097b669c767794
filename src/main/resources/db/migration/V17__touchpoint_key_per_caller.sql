-- Idempotency keys belong to whoever sent them: unique per (key_scope, idempotency_key), no
-- longer across all callers, so one caller's key never answers with another caller's touchpoint.
--   'app'            the application's own keys (the journey's 'share:<id>:shared', the tracked link's
--                    'share:<id>:viewed', in-process reports); also what an insert without a scope gets
--   'user:<user id>' a caller of POST /api/touchpoints (integrator, distributor, manager); the prefix keeps
--                    every user id, whatever it is, out of 'app' and 'legacy'
--   'legacy'         old rows reported through the API: who sent them was not recorded (their source is
--                    whatever the caller wrote), so no caller is credited with them. They stay readable as
--                    ever; only a retry spanning this upgrade records its event once more.
-- Old rows the application wrote itself (source 'journey' or 'tracked-link') keep the scope 'app', so a
-- retried journey step or a second open of a link still finds its key taken.
ALTER TABLE touchpoint ADD COLUMN key_scope VARCHAR(80) DEFAULT 'app' NOT NULL;
UPDATE touchpoint SET key_scope = 'legacy' WHERE source NOT IN ('journey', 'tracked-link');
ALTER TABLE touchpoint ADD CONSTRAINT uq_touchpoint_scope_key UNIQUE (key_scope, idempotency_key);
ALTER TABLE touchpoint DROP CONSTRAINT uq_touchpoint_key;
