-- A row a starting node locks (SELECT ... FOR UPDATE) from before Camunda creates or updates its
-- tables until the groups, grants, Tasklist filters and first administrator are registered, so
-- nodes that start at once on an empty database take turns (StartLock, AccessBootstrap).
CREATE TABLE start_lock (
  name VARCHAR(40) NOT NULL,
  CONSTRAINT pk_start_lock PRIMARY KEY (name)
);
INSERT INTO start_lock (name) VALUES ('engine');
