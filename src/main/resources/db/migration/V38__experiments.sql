-- Experiments: the next asset among the eligible ones chosen by Thompson sampling per segment. An experiment
-- names its phase, its arms (assets), the prospect attributes its segments are made of and an optional faster
-- proxy reward; process owners start, pause, stop and roll out (every change in experiment_change).
CREATE TABLE experiment (
  id                   VARCHAR(36)    NOT NULL,
  name                 VARCHAR(200)   NOT NULL,
  phase                VARCHAR(32)    NOT NULL,
  arms                 VARCHAR(1000)  NOT NULL,
  segment_by           VARCHAR(200)   NOT NULL,
  proxy                VARCHAR(32),
  status               VARCHAR(16)    NOT NULL,
  rolled_out_asset_id  VARCHAR(64),
  created_by           VARCHAR(100)   NOT NULL,
  created_at           TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_experiment PRIMARY KEY (id)
);
CREATE INDEX ix_experiment_status ON experiment (status);

CREATE TABLE experiment_change (
  experiment_id  VARCHAR(36)    NOT NULL,
  change_number  INT            NOT NULL,
  action         VARCHAR(16)    NOT NULL,
  detail         VARCHAR(1000),
  changed_by     VARCHAR(100)   NOT NULL,
  changed_at     TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_experiment_change PRIMARY KEY (experiment_id, change_number),
  CONSTRAINT fk_experiment_change FOREIGN KEY (experiment_id) REFERENCES experiment (id)
);

-- One suggestion an experiment made at "Choose next asset": the share it prepared, the prospect's segment, the
-- default it replaced and the probability (propensity) that the sampling picks this arm among the eligible
-- ones. A distributor who chose another asset instead marks it overridden; its reward is then not counted.
CREATE TABLE experiment_pull (
  share_id           VARCHAR(36)   NOT NULL,
  experiment_id      VARCHAR(36)   NOT NULL,
  prospect_id        VARCHAR(36)   NOT NULL,
  segment            VARCHAR(200)  NOT NULL,
  asset_id           VARCHAR(64)   NOT NULL,
  default_asset_id   VARCHAR(64)   NOT NULL,
  eligible_arms      INT           NOT NULL,
  propensity         DOUBLE PRECISION NOT NULL,
  suggested_at       TIMESTAMP(3)  NOT NULL,
  overridden_by      VARCHAR(64),
  CONSTRAINT pk_experiment_pull PRIMARY KEY (share_id),
  CONSTRAINT fk_experiment_pull FOREIGN KEY (experiment_id) REFERENCES experiment (id)
);
CREATE INDEX ix_experiment_pull_experiment ON experiment_pull (experiment_id);
