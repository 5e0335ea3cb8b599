-- The origin of a person's last sign-in (clearnet, onion service or a mirror): their e-mail links name it.
ALTER TABLE "User" ADD COLUMN "mailOrigin" TEXT;
