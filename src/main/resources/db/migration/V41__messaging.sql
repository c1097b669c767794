-- Messaging (docs/statistics.md, "Messaging"). The messages a share form suggests, per asset, channel and language,
-- written by process owners through /api. A change is a new suggestion (the old one is retired), so each keeps the
-- rates of the text it measured; a suggestion rolled out is the one offered, the others of its asset, channel and
-- language retired. Without an active suggestion the catalog's text (catalog/share-messages.properties) is offered.
CREATE TABLE suggested_message (
  id              VARCHAR(36)    NOT NULL,
  asset_id        VARCHAR(64)    NOT NULL,
  channel         VARCHAR(10)    NOT NULL,
  language        VARCHAR(8)     NOT NULL,
  subject         VARCHAR(200),
  body            VARCHAR(2000)  NOT NULL,
  status          VARCHAR(16)    NOT NULL,
  rolled_out      BOOLEAN        NOT NULL,
  replaces_id     VARCHAR(36),
  changed_by      VARCHAR(100)   NOT NULL,
  changed_at      TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_suggested_message PRIMARY KEY (id),
  CONSTRAINT fk_suggested_message_asset FOREIGN KEY (asset_id) REFERENCES asset (id)
);
CREATE INDEX ix_suggested_message_asset ON suggested_message (asset_id, channel, language, status);

-- What a share's form offered on each channel (the suggestion, or none for the catalog's text) and what the
-- distributor sent: the suggestion used as offered, edited, or replaced by their own text (UNSEEN: sent from their
-- mail app, which the form does not see; NONE: not sent on that channel). The server decides, from the text.
CREATE TABLE share_message (
  share_id        VARCHAR(36)    NOT NULL,
  channel         VARCHAR(10)    NOT NULL,
  suggestion_id   VARCHAR(36),
  language        VARCHAR(8)     NOT NULL,
  offered_text    VARCHAR(2000)  NOT NULL,
  sent_text       VARCHAR(2000),
  message_use     VARCHAR(12),
  offered_at      TIMESTAMP(3)   NOT NULL,
  sent_at         TIMESTAMP(3),
  CONSTRAINT pk_share_message PRIMARY KEY (share_id, channel)
);
CREATE INDEX ix_share_message_suggestion ON share_message (suggestion_id);

INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by, default_value, measure, min_value, max_value) VALUES
  ('messaging.phrase-min-support', 'NUMBER', '5',
   'Distributors, and prospects, a phrase must be used by (about) before the phrase report shows it: no one person''s note surfaces',
   CURRENT_TIMESTAMP, 'migration', '5', 'COUNT', '2', '1000'),
  ('messaging.view-window-hours', 'NUMBER', '48',
   'Hours after sending within which a view counts for a suggested message''s view rate (and the choice of the one offered first)',
   CURRENT_TIMESTAMP, 'migration', '48', 'HOURS', '1', '720');
