-- A payment is booked by at most one statement line and returned by at most one. The import
-- decides a second report of the same payment as REPEATED (same bank reference) or UNMATCHED
-- (ALREADY_BOOKED / NOT_OPEN), and confirmLine refuses an item already booked; these indexes
-- make the database say the same if that logic, or a concurrent path, ever slips. A returned
-- payment paid again goes out as a new batch item, so it is not held by them.
CREATE UNIQUE INDEX "BankStatementLine_one_booked" ON "BankStatementLine" ("batchItemId") WHERE "outcome" = 'BOOKED';
CREATE UNIQUE INDEX "BankStatementLine_one_returned" ON "BankStatementLine" ("batchItemId") WHERE "outcome" = 'RETURNED';
