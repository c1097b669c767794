-- Each table has one owner: the module that writes it. Another module reads it only through the view
-- its owner declares here (or the owner's Java API), so the owner knows what others rely on.
--   people: prospect, distributor     content: asset, asset_share     journey: touchpoint, follow_up_answer
--   coaching: nudge                   (settings: threshold, threshold_history; notification: send_ledger,
--   opt_out, nudge_skip: read by nobody else)
CREATE VIEW people_prospect AS SELECT * FROM prospect;
CREATE VIEW people_distributor AS SELECT * FROM distributor;
CREATE VIEW content_asset AS SELECT * FROM asset;
CREATE VIEW content_asset_share AS SELECT * FROM asset_share;
CREATE VIEW journey_touchpoint AS SELECT * FROM touchpoint;
CREATE VIEW journey_follow_up_answer AS SELECT * FROM follow_up_answer;
CREATE VIEW coaching_nudge AS SELECT * FROM nudge;
