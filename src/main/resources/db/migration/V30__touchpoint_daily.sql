-- Touchpoints counted per day, asset, distributor and kind, so that statistics read a few rows per
-- distributor or asset and day instead of every touchpoint of the history. The journey module owns it
-- with the touchpoints; the database keeps it (triggers of V31, on every insert, update and delete of a
-- touchpoint, in the same transaction), so no way of writing touchpoints can leave it behind. A
-- touchpoint without asset counts under the asset ''. The distributor is the prospect's.
CREATE TABLE touchpoint_daily (
  touch_day           DATE          NOT NULL,
  asset_id            VARCHAR(64)   NOT NULL,
  distributor_id      VARCHAR(64)   NOT NULL,
  kind                VARCHAR(24)   NOT NULL,
  touchpoints         BIGINT        NOT NULL,
  CONSTRAINT pk_touchpoint_daily PRIMARY KEY (touch_day, asset_id, distributor_id, kind)
);
CREATE INDEX ix_touchpoint_daily_distributor ON touchpoint_daily (distributor_id, kind, touch_day);
CREATE INDEX ix_touchpoint_daily_asset ON touchpoint_daily (asset_id, kind, touch_day);

INSERT INTO touchpoint_daily (touch_day, asset_id, distributor_id, kind, touchpoints)
SELECT CAST(t.occurred_at AS DATE), COALESCE(t.asset_id, ''), p.distributor_id, t.kind, COUNT(*)
FROM touchpoint t JOIN prospect p ON p.id = t.prospect_id
GROUP BY CAST(t.occurred_at AS DATE), COALESCE(t.asset_id, ''), p.distributor_id, t.kind;

CREATE VIEW journey_touchpoint_daily AS SELECT * FROM touchpoint_daily;
