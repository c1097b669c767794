-- A share of an asset the distributor chose instead of the one the journey suggested names the suggested
-- one, so the choice is recorded (and the experiments can tell chosen shares from suggested ones).
ALTER TABLE asset_share ADD suggested_asset_id VARCHAR(64);
