-- The ledger guard now checks COMMITMENT rows too: the net commitment of a grant
-- (commitments less their reversals) never exceeds the grant amount. A reversal of a
-- commitment only lowers it (and undoes exactly one original, as before), so the
-- termination path (reverse, then re-commit the disbursed amount) still passes.
-- The grant amount itself is never lowered below what the ledger has committed or paid;
-- raising it (should an amendment ever do so) makes room for a further commitment.
CREATE OR REPLACE FUNCTION most_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE gr record; orig record; tr record; disbursed numeric; committed numeric;
BEGIN
  SELECT id, amount, currency INTO gr FROM "Grant" WHERE id = NEW."grantId" FOR UPDATE;
  IF NEW.currency <> gr.currency THEN
    RAISE EXCEPTION 'ledger entry currency % differs from grant currency %', NEW.currency, gr.currency USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.kind = 'REVERSAL' THEN
    SELECT * INTO orig FROM "LedgerEntry" WHERE id = NEW."reversesId";
    IF orig IS NULL OR orig."grantId" <> NEW."grantId" OR orig.kind = 'REVERSAL' OR NEW.amount <> -orig.amount THEN
      RAISE EXCEPTION 'a reversal must undo exactly one original entry of the same grant' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.kind = 'DISBURSEMENT' THEN
    SELECT * INTO tr FROM "Tranche" WHERE id = NEW."trancheId";
    IF tr IS NULL OR tr."grantId" <> NEW."grantId" OR tr.status <> 'PAID' OR tr."approvedById" IS NULL
       OR tr."paidById" IS DISTINCT FROM NEW."createdById" THEN
      RAISE EXCEPTION 'a disbursement needs its approved tranche marked paid by the same person' USING ERRCODE = 'check_violation';
    END IF;
    SELECT COALESCE(sum(l.amount), 0) INTO disbursed FROM "LedgerEntry" l
      LEFT JOIN "LedgerEntry" o ON o.id = l."reversesId"
      WHERE l."grantId" = NEW."grantId"
        AND (l.kind = 'DISBURSEMENT' OR (l.kind = 'REVERSAL' AND o.kind = 'DISBURSEMENT'));
    IF disbursed + NEW.amount > gr.amount THEN
      RAISE EXCEPTION 'disbursements would exceed the grant amount' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.kind = 'COMMITMENT' THEN
    SELECT COALESCE(sum(l.amount), 0) INTO committed FROM "LedgerEntry" l
      LEFT JOIN "LedgerEntry" o ON o.id = l."reversesId"
      WHERE l."grantId" = NEW."grantId"
        AND (l.kind = 'COMMITMENT' OR (l.kind = 'REVERSAL' AND o.kind = 'COMMITMENT'));
    IF committed + NEW.amount > gr.amount THEN
      RAISE EXCEPTION 'commitments would exceed the grant amount' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;

CREATE FUNCTION most_grant_amount_covers_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE committed numeric; disbursed numeric;
BEGIN
  IF NEW.amount >= OLD.amount THEN RETURN NEW; END IF;
  SELECT
    COALESCE(sum(l.amount) FILTER (WHERE l.kind = 'COMMITMENT' OR (l.kind = 'REVERSAL' AND o.kind = 'COMMITMENT')), 0),
    COALESCE(sum(l.amount) FILTER (WHERE l.kind = 'DISBURSEMENT' OR (l.kind = 'REVERSAL' AND o.kind = 'DISBURSEMENT')), 0)
    INTO committed, disbursed
    FROM "LedgerEntry" l LEFT JOIN "LedgerEntry" o ON o.id = l."reversesId"
    WHERE l."grantId" = NEW.id;
  IF NEW.amount < committed OR NEW.amount < disbursed THEN
    RAISE EXCEPTION 'grant amount % is below what the ledger has committed (%) or disbursed (%)', NEW.amount, committed, disbursed
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Grant_amount_covers_ledger" BEFORE UPDATE OF amount ON "Grant"
  FOR EACH ROW EXECUTE FUNCTION most_grant_amount_covers_ledger();
