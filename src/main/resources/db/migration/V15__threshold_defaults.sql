-- Each threshold's default: pace tuning shrinks a measured pace toward it while data is thin (DESIGN,
-- Statistics). The default is the value its migration gave it: the first old value in its history, else its
-- value now. A migration that adds a threshold from here on sets default_value too.
ALTER TABLE threshold ADD COLUMN default_value VARCHAR(64);
UPDATE threshold SET default_value = COALESCE(
  (SELECT h.old_value FROM threshold_history h WHERE h.name = threshold.name ORDER BY h.changed_at, h.id LIMIT 1),
  threshold_value);
