package io.useringest.web;

import io.useringest.users.KeptPerVersion;
import io.useringest.users.UserFilter;
import io.useringest.users.UserQueries;
import io.useringest.users.UsersVersion;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON pages of GET /data (a limit of at most {@link #MAX_ROWS}) kept in memory for the
 * users' version and day they were rendered from ({@link KeptPerVersion}): a client that
 * asks for a page again (the first page of a list, a poller, a client walking the same
 * pages) gets the bytes rendered the first time. At most {@link #MAX_BYTES} in all.
 */
@Component
class JsonPages {

    /** Larger pages stream from the database as they are read. */
    static final int MAX_ROWS = 250;

    static final long MAX_BYTES = 8L * 1024 * 1024;

    private record Page(LocalDate today, UserFilter filter, @Nullable String after, int limit) {
    }

    private final UserQueries queries;

    private final JsonMapper json;

    private final KeptPerVersion<Page, byte[]> pages;

    @Autowired
    JsonPages(UserQueries queries, UsersVersion version, JsonMapper json) {
        this(queries, version, json, MAX_BYTES);
    }

    JsonPages(UserQueries queries, UsersVersion version, JsonMapper json, long maxBytes) {
        this.queries = queries;
        this.json = json;
        this.pages = KeptPerVersion.upTo(version, maxBytes, page -> page.length, page -> {
        });
    }

    /**
     * The JSON array of the matching users after {@code after}, at most {@code limit}.
     */
    byte[] page(UserFilter filter, LocalDate today, @Nullable String after, int limit) {
        if (limit < 1 || limit > MAX_ROWS) {
            throw new IllegalArgumentException("a kept page has 1 to " + MAX_ROWS + " rows, not " + limit);
        }
        return pages.answer(new Page(today, filter, after, limit), this::render);
    }

    /** The bytes held now (for tests of the bound). */
    long heldBytes() {
        return pages.weight();
    }

    private byte[] render(Page page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(page.limit() * 256);
        try (JsonGenerator generator = json.createGenerator(out)) {
            queries.writeMatching(page.filter(), page.today(), page.after(), page.limit(), ImageRoute.INSTANCE,
                    generator);
        }
        return out.toByteArray();
    }

}
