-- A disbursement pays exactly its tranche, once: its amount is the tranche's planned amount,
-- and the tranche has no disbursement standing (a reversed one makes room to pay again).
-- Before, a second disbursement row for a paid tranche was stopped only by the grant ceiling.
-- The net sums (entries of a kind less their reversals) now come from one function, used by
-- the ledger guard and by the grant-amount guard.
CREATE FUNCTION most_ledger_net(grant_id uuid, entry_kind "LedgerKind", tranche_id uuid DEFAULT NULL)
RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT COALESCE(sum(l.amount), 0) FROM "LedgerEntry" l
    LEFT JOIN "LedgerEntry" o ON o.id = l."reversesId"
    WHERE l."grantId" = grant_id
      AND (l.kind = entry_kind OR (l.kind = 'REVERSAL' AND o.kind = entry_kind))
      AND (tranche_id IS NULL OR COALESCE(o."trancheId", l."trancheId") = tranche_id);
$$;

CREATE OR REPLACE FUNCTION most_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE gr record; orig record; tr record;
BEGIN
  -- The grant's row lock serialises every check below between concurrent inserts.
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
    IF NEW.amount <> tr."plannedAmount" THEN
      RAISE EXCEPTION 'a disbursement pays its tranche''s amount % (not %)', tr."plannedAmount", NEW.amount USING ERRCODE = 'check_violation';
    END IF;
    IF most_ledger_net(NEW."grantId", 'DISBURSEMENT', NEW."trancheId") <> 0 THEN
      RAISE EXCEPTION 'this tranche is already paid' USING ERRCODE = 'check_violation';
    END IF;
    IF most_ledger_net(NEW."grantId", 'DISBURSEMENT') + NEW.amount > gr.amount THEN
      RAISE EXCEPTION 'disbursements would exceed the grant amount' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.kind = 'COMMITMENT' AND most_ledger_net(NEW."grantId", 'COMMITMENT') + NEW.amount > gr.amount THEN
    RAISE EXCEPTION 'commitments would exceed the grant amount' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION most_grant_amount_covers_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE committed numeric; disbursed numeric;
BEGIN
  IF NEW.amount >= OLD.amount THEN RETURN NEW; END IF;
  committed := most_ledger_net(NEW.id, 'COMMITMENT');
  disbursed := most_ledger_net(NEW.id, 'DISBURSEMENT');
  IF NEW.amount < committed OR NEW.amount < disbursed THEN
    RAISE EXCEPTION 'grant amount % is below what the ledger has committed (%) or disbursed (%)', NEW.amount, committed, disbursed
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
