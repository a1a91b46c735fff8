-- When the deletion guard first kept each user (ISO-8601 instant); the console lists it. Null for users held before
-- this column existed.
ALTER TABLE held_removals ADD COLUMN held_since TEXT;
