-- Thresholds: named, tunable numbers that rules and timers read (DESIGN.md, Vocabulary).
CREATE TABLE threshold (
  name            VARCHAR(120)  NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  threshold_value VARCHAR(64)   NOT NULL,
  description     VARCHAR(500)  NOT NULL,
  updated_at      TIMESTAMP(3)  NOT NULL,
  updated_by      VARCHAR(100)  NOT NULL,
  CONSTRAINT pk_threshold PRIMARY KEY (name)
);

CREATE TABLE threshold_history (
  id              VARCHAR(36)   NOT NULL,
  name            VARCHAR(120)  NOT NULL,
  old_value       VARCHAR(64)   NOT NULL,
  new_value       VARCHAR(64)   NOT NULL,
  reason          VARCHAR(500)  NOT NULL,
  changed_at      TIMESTAMP(3)  NOT NULL,
  changed_by      VARCHAR(100)  NOT NULL,
  CONSTRAINT pk_threshold_history PRIMARY KEY (id),
  CONSTRAINT fk_threshold_history_threshold FOREIGN KEY (name) REFERENCES threshold (name)
);
CREATE INDEX ix_threshold_history_name ON threshold_history (name, changed_at);

INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by) VALUES
  ('pace.prospect-development.share', 'DURATION', 'P2D',
   'How long a distributor may take to share the next asset before being reminded',
   CURRENT_TIMESTAMP, 'migration');
