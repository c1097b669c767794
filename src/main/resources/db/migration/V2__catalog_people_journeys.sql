-- Assets and their prerequisites (DESIGN.md, "What the system must know about each asset").
-- Lists (keywords, themes, audiences) are stored comma-separated: they are read whole, never joined on.
CREATE TABLE asset (
  id                  VARCHAR(64)   NOT NULL,
  title               VARCHAR(200)  NOT NULL,
  asset_type          VARCHAR(20)   NOT NULL,
  url                 VARCHAR(1000),
  subject             VARCHAR(500),
  keywords            VARCHAR(1000),
  themes              VARCHAR(1000),
  presenter           VARCHAR(200),
  presenter_gender    VARCHAR(20),
  presenter_age_band  VARCHAR(20),
  phase               VARCHAR(30),
  sequence_position   INT,
  expected_outcome    VARCHAR(500),
  call_to_action      VARCHAR(500),
  expected_pace       VARCHAR(32),
  audiences           VARCHAR(500),
  status              VARCHAR(16)   NOT NULL,
  created_at          TIMESTAMP(3)  NOT NULL,
  updated_at          TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_asset PRIMARY KEY (id)
);

CREATE TABLE asset_prerequisite (
  asset_id            VARCHAR(64)   NOT NULL,
  required_asset_id   VARCHAR(64)   NOT NULL,
  CONSTRAINT pk_asset_prerequisite PRIMARY KEY (asset_id, required_asset_id),
  CONSTRAINT fk_prerequisite_asset FOREIGN KEY (asset_id) REFERENCES asset (id),
  CONSTRAINT fk_prerequisite_required FOREIGN KEY (required_asset_id) REFERENCES asset (id)
);

-- Distributors are Camunda users of the group distributors; the id is the Camunda user id.
CREATE TABLE distributor (
  id                  VARCHAR(64)   NOT NULL,
  first_name          VARCHAR(100)  NOT NULL,
  last_name           VARCHAR(100)  NOT NULL,
  email               VARCHAR(254)  NOT NULL,
  phone               VARCHAR(20),
  time_zone           VARCHAR(64)   NOT NULL,
  sponsor_id          VARCHAR(64),
  experienced         BOOLEAN       NOT NULL,
  created_at          TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_distributor PRIMARY KEY (id),
  CONSTRAINT fk_distributor_sponsor FOREIGN KEY (sponsor_id) REFERENCES distributor (id)
);

CREATE TABLE prospect (
  id                  VARCHAR(36)   NOT NULL,
  distributor_id      VARCHAR(64)   NOT NULL,
  first_name          VARCHAR(100)  NOT NULL,
  last_name           VARCHAR(100),
  email               VARCHAR(254),
  phone               VARCHAR(20),
  audience            VARCHAR(30)   NOT NULL,
  status              VARCHAR(16)   NOT NULL,
  created_at          TIMESTAMP(3)  NOT NULL,
  updated_at          TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_prospect PRIMARY KEY (id),
  CONSTRAINT fk_prospect_distributor FOREIGN KEY (distributor_id) REFERENCES distributor (id)
);
CREATE INDEX ix_prospect_distributor ON prospect (distributor_id);

-- A share: an asset sent to a prospect through a tracked link /s/{token}.
CREATE TABLE asset_share (
  id                  VARCHAR(36)   NOT NULL,
  token               VARCHAR(64)   NOT NULL,
  prospect_id         VARCHAR(36)   NOT NULL,
  asset_id            VARCHAR(64)   NOT NULL,
  distributor_id      VARCHAR(64)   NOT NULL,
  channel             VARCHAR(20),
  created_at          TIMESTAMP(3)  NOT NULL,
  shared_at           TIMESTAMP(3),
  first_viewed_at     TIMESTAMP(3),
  view_count          INT           NOT NULL,
  CONSTRAINT pk_share PRIMARY KEY (id),
  CONSTRAINT uq_share_token UNIQUE (token),
  CONSTRAINT fk_share_prospect FOREIGN KEY (prospect_id) REFERENCES prospect (id),
  CONSTRAINT fk_share_asset FOREIGN KEY (asset_id) REFERENCES asset (id)
);
CREATE INDEX ix_share_prospect ON asset_share (prospect_id, asset_id);

-- A dated event in a journey; the idempotency key makes a repeated event change nothing.
CREATE TABLE touchpoint (
  id                  VARCHAR(36)   NOT NULL,
  idempotency_key     VARCHAR(200)  NOT NULL,
  prospect_id         VARCHAR(36)   NOT NULL,
  asset_id            VARCHAR(64),
  share_id            VARCHAR(36),
  kind                VARCHAR(24)   NOT NULL,
  source              VARCHAR(100)  NOT NULL,
  occurred_at         TIMESTAMP(3)  NOT NULL,
  recorded_at         TIMESTAMP(3)  NOT NULL,
  journey_effect      VARCHAR(40)   NOT NULL,
  sequence_number     INT           NOT NULL,
  CONSTRAINT pk_touchpoint PRIMARY KEY (id),
  CONSTRAINT uq_touchpoint_key UNIQUE (idempotency_key),
  CONSTRAINT fk_touchpoint_prospect FOREIGN KEY (prospect_id) REFERENCES prospect (id)
);
CREATE INDEX ix_touchpoint_prospect ON touchpoint (prospect_id, sequence_number);

-- The distributor's follow-up answers after a view, per share and prospect: metrics for statistics.
CREATE TABLE follow_up_answer (
  id                  VARCHAR(36)   NOT NULL,
  share_id            VARCHAR(36)   NOT NULL,
  prospect_id         VARCHAR(36)   NOT NULL,
  distributor_id      VARCHAR(64)   NOT NULL,
  interest_change     INT           NOT NULL,
  purchase_intent     VARCHAR(10)   NOT NULL,
  close_estimate      INT           NOT NULL,
  notes               VARCHAR(2000),
  answered_at         TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_follow_up_answer PRIMARY KEY (id),
  CONSTRAINT fk_follow_up_share FOREIGN KEY (share_id) REFERENCES asset_share (id),
  CONSTRAINT fk_follow_up_prospect FOREIGN KEY (prospect_id) REFERENCES prospect (id)
);
CREATE INDEX ix_follow_up_prospect ON follow_up_answer (prospect_id);

-- Coaching suggestions, with the name of what decided them ("why did I get this?").
CREATE TABLE nudge (
  id                  VARCHAR(36)   NOT NULL,
  recipient_id        VARCHAR(64)   NOT NULL,
  audience            VARCHAR(16)   NOT NULL,
  kind                VARCHAR(40)   NOT NULL,
  prospect_id         VARCHAR(36),
  journey_id          VARCHAR(64),
  message_key         VARCHAR(100)  NOT NULL,
  priority            INT           NOT NULL,
  reason              VARCHAR(200)  NOT NULL,
  created_at          TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_nudge PRIMARY KEY (id)
);
CREATE INDEX ix_nudge_recipient ON nudge (recipient_id, created_at);

INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by) VALUES
  ('pace.prospect-development.view', 'DURATION', 'P3D',
   'How long a shared asset may wait for the prospect''s view before the distributor is reminded', CURRENT_TIMESTAMP, 'migration'),
  ('pace.prospect-development.follow-up', 'DURATION', 'P1D',
   'How long after a view the distributor may take to ask the follow-up questions', CURRENT_TIMESTAMP, 'migration'),
  ('pace.prospect-development.journey', 'DURATION', 'P30D',
   'How long a whole prospect journey may run before the sponsor is alerted', CURRENT_TIMESTAMP, 'migration'),
  ('pace.prospect-development.nurture', 'DURATION', 'P60D',
   'How long a prospect rests in nurture before the journey picks up again', CURRENT_TIMESTAMP, 'migration'),
  ('readiness.close-estimate', 'NUMBER', '60',
   'A distributor''s close estimate (percent) at or above which the prospect is ready for a presentation', CURRENT_TIMESTAMP, 'migration'),
  ('readiness.interest-total', 'NUMBER', '3',
   'Sum of interest changes over the journey at or above which the prospect is ready for a presentation', CURRENT_TIMESTAMP, 'migration');
