-- What /stats reads instead of every user: how many users were born on each date, with and without an image, and
-- the sum of their birthts; birth_year and month_day (MMDD) let it sum ages in integers. Triggers keep it in step
-- with users inside the same transaction, so /stats costs the number of distinct birth dates, not of users.
-- WITHOUT ROWID keeps the rows in birthdate order, so an age range is one sequential read.
CREATE TABLE birthdate_counts (
    birthdate   TEXT    NOT NULL,
    has_image   INTEGER NOT NULL,
    birth_year  INTEGER NOT NULL,
    month_day   INTEGER NOT NULL,
    users       INTEGER NOT NULL,
    birthts_sum INTEGER NOT NULL,
    PRIMARY KEY (birthdate, has_image)
) WITHOUT ROWID;

INSERT INTO birthdate_counts (birthdate, has_image, birth_year, month_day, users, birthts_sum)
SELECT birthdate, img_path IS NOT NULL, CAST(substr(birthdate, 1, 4) AS INTEGER),
       CAST(substr(birthdate, 6, 2) || substr(birthdate, 9, 2) AS INTEGER), COUNT(*), SUM(birthts)
FROM users GROUP BY 1, 2;

CREATE TRIGGER users_counted_on_insert AFTER INSERT ON users
BEGIN
    INSERT INTO birthdate_counts (birthdate, has_image, birth_year, month_day, users, birthts_sum)
    VALUES (NEW.birthdate, NEW.img_path IS NOT NULL, CAST(substr(NEW.birthdate, 1, 4) AS INTEGER),
            CAST(substr(NEW.birthdate, 6, 2) || substr(NEW.birthdate, 9, 2) AS INTEGER), 1, NEW.birthts)
    ON CONFLICT (birthdate, has_image) DO UPDATE SET users = users + 1, birthts_sum = birthts_sum + excluded.birthts_sum;
END;

CREATE TRIGGER users_counted_on_delete AFTER DELETE ON users
BEGIN
    UPDATE birthdate_counts SET users = users - 1, birthts_sum = birthts_sum - OLD.birthts
    WHERE birthdate = OLD.birthdate AND has_image = (OLD.img_path IS NOT NULL);
    DELETE FROM birthdate_counts WHERE birthdate = OLD.birthdate AND has_image = (OLD.img_path IS NOT NULL) AND users = 0;
END;

CREATE TRIGGER users_counted_on_update AFTER UPDATE OF birthts, birthdate, img_path ON users
BEGIN
    UPDATE birthdate_counts SET users = users - 1, birthts_sum = birthts_sum - OLD.birthts
    WHERE birthdate = OLD.birthdate AND has_image = (OLD.img_path IS NOT NULL);
    DELETE FROM birthdate_counts WHERE birthdate = OLD.birthdate AND has_image = (OLD.img_path IS NOT NULL) AND users = 0;
    INSERT INTO birthdate_counts (birthdate, has_image, birth_year, month_day, users, birthts_sum)
    VALUES (NEW.birthdate, NEW.img_path IS NOT NULL, CAST(substr(NEW.birthdate, 1, 4) AS INTEGER),
            CAST(substr(NEW.birthdate, 6, 2) || substr(NEW.birthdate, 9, 2) AS INTEGER), 1, NEW.birthts)
    ON CONFLICT (birthdate, has_image) DO UPDATE SET users = users + 1, birthts_sum = birthts_sum + excluded.birthts_sum;
END;
