-- Ukrainian becomes a portal language (issue 19): people may choose it as their language.
ALTER TABLE "User" DROP CONSTRAINT "User_locale_known";
ALTER TABLE "User" ADD CONSTRAINT "User_locale_known" CHECK (locale IN ('en', 'ru', 'cs', 'uk'));
