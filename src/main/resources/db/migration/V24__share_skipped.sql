-- A share whose asset the distributor skipped from a task of the journey (the quick outcome "skip this asset"):
-- the asset is not suggested to that prospect again, as if it had been sent.
ALTER TABLE asset_share ADD skipped_at TIMESTAMP(3);
