-- Every committed change of the users' version is announced on the channel users_version (the payload is the new
-- version), so each instance knows the current version without asking per request (db/NotifiedVersionTracker).
CREATE FUNCTION users_version_announce() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('users_version', NEW.version::text);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_version_announced AFTER UPDATE ON users_version
    FOR EACH ROW EXECUTE FUNCTION users_version_announce();
