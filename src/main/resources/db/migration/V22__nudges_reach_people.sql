-- Every nudge reaches a person.
-- The distributor a sponsor's or the managers' nudge is about (the enrollee), so its text names them.
ALTER TABLE nudge ADD COLUMN distributor_id VARCHAR(64);

-- A nudge to the managers goes to each member of the group: one ledger entry per member and channel.
-- recipient_id is the member; null for a nudge to a person (the nudge's own recipient).
ALTER TABLE send_ledger ADD COLUMN recipient_id VARCHAR(64);

-- A skip is recorded per nudge and recipient (one manager opted out, another not). The table is rebuilt
-- with the wider key; its rows keep their nudge's recipient.
ALTER TABLE nudge_skip RENAME TO nudge_skip_before_v21;
CREATE TABLE nudge_skip (
  nudge_id           VARCHAR(36)   NOT NULL,
  recipient_id       VARCHAR(64)   NOT NULL,
  reason             VARCHAR(200)  NOT NULL,
  skipped_at         TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_nudge_skip_recipient PRIMARY KEY (nudge_id, recipient_id)
);
INSERT INTO nudge_skip (nudge_id, recipient_id, reason, skipped_at)
  SELECT s.nudge_id, COALESCE(n.recipient_id, ''), s.reason, s.skipped_at
  FROM nudge_skip_before_v21 s LEFT JOIN nudge n ON n.id = s.nudge_id;
DROP TABLE nudge_skip_before_v21;

-- One-time links to set a password (a distributor enrolled from a prospect has none): only the SHA-256
-- of the token is kept, never the token; a link works once (used_at) and until expires_at.
CREATE TABLE password_link (
  token_hash         VARCHAR(64)   NOT NULL,
  user_id            VARCHAR(64)   NOT NULL,
  created_at         TIMESTAMP(3)  NOT NULL,
  expires_at         TIMESTAMP(3)  NOT NULL,
  used_at            TIMESTAMP(3),
  CONSTRAINT pk_password_link PRIMARY KEY (token_hash)
);
CREATE INDEX ix_password_link_user ON password_link (user_id);
