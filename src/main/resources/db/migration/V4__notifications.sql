-- Reminders: how a person wants to be reached, who opted out, and every message sent (the send ledger).
ALTER TABLE distributor ADD preferred_channel VARCHAR(8);

-- One row per message: the key (nudge and channel) is unique, so a retried job never sends twice
-- what was already sent. ATTEMPTING is written before calling the provider, in its own transaction.
CREATE TABLE send_ledger (
  message_key        VARCHAR(80)   NOT NULL,
  nudge_id           VARCHAR(36)   NOT NULL,
  channel            VARCHAR(8)    NOT NULL,
  address            VARCHAR(254)  NOT NULL,
  status             VARCHAR(16)   NOT NULL,
  body               VARCHAR(2000) NOT NULL,
  attempts           INT           NOT NULL,
  provider_id        VARCHAR(64),
  provider_status    VARCHAR(32),
  unsubscribe_token  VARCHAR(64)   NOT NULL,
  last_error         VARCHAR(500),
  attempted_at       TIMESTAMP(3),
  sent_at            TIMESTAMP(3),
  updated_at         TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_send_ledger PRIMARY KEY (message_key),
  CONSTRAINT uq_send_ledger_unsubscribe UNIQUE (unsubscribe_token)
);
CREATE INDEX ix_send_ledger_provider ON send_ledger (provider_id);

-- A skipped nudge and why (opted out, no address).
CREATE TABLE nudge_skip (
  nudge_id           VARCHAR(36)   NOT NULL,
  reason             VARCHAR(200)  NOT NULL,
  skipped_at         TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_nudge_skip PRIMARY KEY (nudge_id)
);

CREATE TABLE opt_out (
  address            VARCHAR(254)  NOT NULL,
  channel            VARCHAR(8)    NOT NULL,
  opted_out_at       TIMESTAMP(3)  NOT NULL,
  source             VARCHAR(40)   NOT NULL,
  CONSTRAINT pk_opt_out PRIMARY KEY (address, channel)
);

INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by) VALUES
  ('notification.window.start-hour', 'NUMBER', '8',
   'Local hour from which reminders may be sent (the recipient''s time zone)', CURRENT_TIMESTAMP, 'migration'),
  ('notification.window.end-hour', 'NUMBER', '21',
   'Local hour from which reminders wait for the next morning', CURRENT_TIMESTAMP, 'migration');
