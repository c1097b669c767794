-- A provider's message belongs to one ledger entry. Two nudges may send the same text to the same
-- number; a retry of unknown outcome that looks its message up at the provider must not take the
-- other one's (then one reminder would never be sent). The constraint settles two such retries, or
-- a retry and a first attempt, that reach for the same message at the same moment: the second one
-- fails, and its job tries again.
ALTER TABLE send_ledger ADD CONSTRAINT uq_send_ledger_provider UNIQUE (provider_id);
