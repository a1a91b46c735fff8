package io.useringest.users;

import static io.useringest.users.UserViewSerializer.AGE;
import static io.useringest.users.UserViewSerializer.BIRTHDATE;
import static io.useringest.users.UserViewSerializer.BIRTHTS;
import static io.useringest.users.UserViewSerializer.FIRST_NAME;
import static io.useringest.users.UserViewSerializer.ID;
import static io.useringest.users.UserViewSerializer.IMAGE_URL;
import static io.useringest.users.UserViewSerializer.IMG_PATH;
import static io.useringest.users.UserViewSerializer.LAST_NAME;
import static io.useringest.users.UserViewSerializer.USER_ID;

import io.useringest.db.DatabaseDialect;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a result row of {@link #columns} as a user's JSON object straight from the
 * driver's UTF-8 bytes: the same bytes {@link UserViewSerializer} writes for the row's
 * {@link UserView} (UserJsonRowIT compares them), without decoding each text column into
 * a String and encoding it back, which was over half of a 100-user page of GET /data in a
 * profile.
 */
final class UserJsonRow {

    /** The columns read, in order; the dialect formats the birthdate as ISO text. */
    static String columns(DatabaseDialect dialect) {
        return "id, user_id, first_name, last_name, birthts, " + dialect.isoText("birthdate") + ", img_path";
    }

    private final LocalDate today;

    private final ImageLinks links;

    private final JsonGenerator json;

    UserJsonRow(LocalDate today, ImageLinks links, JsonGenerator json) {
        this.today = today;
        this.links = links;
        this.json = json;
    }

    void write(ResultSet rows) throws SQLException {
        byte[] userId = rows.getBytes(2);
        byte[] birthdate = rows.getBytes(6);
        byte[] imgPath = rows.getBytes(7);
        json.writeStartObject();
        json.writeName(ID);
        json.writeNumber(rows.getLong(1));
        json.writeName(USER_ID);
        text(userId);
        json.writeName(FIRST_NAME);
        text(rows.getBytes(3));
        json.writeName(LAST_NAME);
        text(rows.getBytes(4));
        json.writeName(BIRTHTS);
        json.writeNumber(rows.getLong(5));
        json.writeName(BIRTHDATE);
        text(birthdate);
        json.writeName(AGE);
        json.writeNumber(
                UserFilter.age(DatabaseDialect.isoDate(new String(birthdate, StandardCharsets.US_ASCII)), today));
        json.writeName(IMG_PATH);
        text(imgPath);
        json.writeName(IMAGE_URL);
        text(imgPath == null ? null : links.link(userId));
        json.writeEndObject();
    }

    private void text(byte @Nullable [] utf8) {
        if (utf8 == null) {
            json.writeNull();
        }
        else {
            json.writeUTF8String(utf8, 0, utf8.length);
        }
    }

}
