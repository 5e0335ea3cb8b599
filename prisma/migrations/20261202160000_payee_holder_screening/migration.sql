-- A new payee account brings a new name to screen (its holder): the organisation's screening
-- is no longer of the organisation as it is, so no award or payment passes most_sanctions_check
-- until it is screened again (the sweep does it within seconds, approvals inline). In the
-- database, so no code path that adds an account can skip it.
CREATE FUNCTION most_payee_account_rescreen() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE "Organisation" SET version = version + 1 WHERE id = NEW."organisationId";
  RETURN NEW;
END;
$$;
CREATE TRIGGER "PayeeAccount_rescreen" AFTER INSERT ON "PayeeAccount"
  FOR EACH ROW EXECUTE FUNCTION most_payee_account_rescreen();
