-- What /stats reads instead of every user: how many users were born on each date, with and without an image, and
-- the sum of their birthts; birth_year and month_day (MMDD) let it sum ages in integers. A trigger keeps it in step
-- with users inside the same transaction, so /stats costs the number of distinct birth dates, not of users.
CREATE TABLE birthdate_counts (
    birthdate   DATE    NOT NULL,
    has_image   BOOLEAN NOT NULL,
    birth_year  INTEGER NOT NULL,
    month_day   INTEGER NOT NULL,
    users       BIGINT  NOT NULL,
    birthts_sum NUMERIC NOT NULL,
    PRIMARY KEY (birthdate, has_image)
);

INSERT INTO birthdate_counts (birthdate, has_image, birth_year, month_day, users, birthts_sum)
SELECT birthdate, img_path IS NOT NULL, EXTRACT(YEAR FROM birthdate),
       EXTRACT(MONTH FROM birthdate) * 100 + EXTRACT(DAY FROM birthdate), COUNT(*), SUM(birthts)
FROM users GROUP BY 1, 2;

CREATE FUNCTION count_users_by_birthdate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE birthdate_counts SET users = users - 1, birthts_sum = birthts_sum - OLD.birthts
        WHERE birthdate = OLD.birthdate AND has_image = (OLD.img_path IS NOT NULL);
        DELETE FROM birthdate_counts
        WHERE birthdate = OLD.birthdate AND has_image = (OLD.img_path IS NOT NULL) AND users = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO birthdate_counts (birthdate, has_image, birth_year, month_day, users, birthts_sum)
        VALUES (NEW.birthdate, NEW.img_path IS NOT NULL, EXTRACT(YEAR FROM NEW.birthdate),
                EXTRACT(MONTH FROM NEW.birthdate) * 100 + EXTRACT(DAY FROM NEW.birthdate), 1, NEW.birthts)
        ON CONFLICT (birthdate, has_image) DO UPDATE
        SET users = birthdate_counts.users + 1, birthts_sum = birthdate_counts.birthts_sum + EXCLUDED.birthts_sum;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_counted AFTER INSERT OR DELETE OR UPDATE OF birthts, birthdate, img_path ON users
FOR EACH ROW EXECUTE FUNCTION count_users_by_birthdate();
