-- Every successful reload of the coaching rules: a version number, who reloaded and when, and the rule
-- sources that compiled. Every node compiles and runs the newest version (RuleVersions), so a reload on one
-- node reaches all of them, even a node whose rules folder differs.
CREATE TABLE rule_version (
  version      BIGINT        NOT NULL,
  reloaded_by  VARCHAR(100)  NOT NULL,
  reloaded_at  TIMESTAMP(3)  NOT NULL,
  CONSTRAINT pk_rule_version PRIMARY KEY (version)
);

CREATE TABLE rule_version_file (
  version  BIGINT        NOT NULL,
  name     VARCHAR(200)  NOT NULL,
  source   MEDIUMTEXT    NOT NULL,
  CONSTRAINT pk_rule_version_file PRIMARY KEY (version, name),
  CONSTRAINT fk_rule_version_file_version FOREIGN KEY (version) REFERENCES rule_version (version)
);
