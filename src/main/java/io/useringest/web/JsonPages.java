package io.useringest.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.useringest.users.UserFilter;
import io.useringest.users.UserQueries;
import io.useringest.users.UsersVersion;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON pages of GET /data (a limit of at most {@link #MAX_ROWS}) kept in memory for the
 * users' version and day they were rendered from: a client that asks for a page again
 * (the first page of a list, a poller, a client walking the same pages) gets the bytes
 * rendered the first time. A page is used only while the users' version is the one it was
 * rendered from, so it is never older than the last committed run, also another
 * instance's, nor than today (ages). At most {@link #MAX_BYTES} in all; Caffeine evicts
 * the pages least likely to be asked again, and a new version drops the older ones.
 */
@Component
class JsonPages {

    /** Larger pages stream from the database as they are read. */
    static final int MAX_ROWS = 250;

    static final long MAX_BYTES = 8L * 1024 * 1024;

    private record Key(long version, LocalDate today, UserFilter filter, @Nullable String after, int limit) {
    }

    private final UserQueries queries;

    private final UsersVersion version;

    private final JsonMapper json;

    private final Cache<Key, byte[]> pages;

    /** The newest version a page was asked for, to drop the pages of older ones. */
    private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);

    @Autowired
    JsonPages(UserQueries queries, UsersVersion version, JsonMapper json) {
        this(queries, version, json, MAX_BYTES);
    }

    JsonPages(UserQueries queries, UsersVersion version, JsonMapper json, long maxBytes) {
        this.queries = queries;
        this.version = version;
        this.json = json;
        // Eviction runs on the caller's thread: a few map operations, and the bound holds
        // the moment put returns.
        this.pages = Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Key key, byte[] page) -> page.length)
            .executor(Runnable::run)
            .build();
    }

    /**
     * The JSON array of the matching users after {@code after}, at most {@code limit}.
     */
    byte[] page(UserFilter filter, LocalDate today, @Nullable String after, int limit) {
        if (limit < 1 || limit > MAX_ROWS) {
            throw new IllegalArgumentException("a kept page has 1 to " + MAX_ROWS + " rows, not " + limit);
        }
        long current = version.current();
        if (newest.getAndAccumulate(current, Math::max) < current) {
            pages.asMap().keySet().removeIf(key -> key.version() < current);
        }
        // One render per page: requests for it meanwhile wait for that one.
        return pages.get(new Key(current, today, filter, after, limit), key -> render(filter, today, after, limit));
    }

    /** The bytes held now (for tests of the bound). */
    long heldBytes() {
        return pages.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    private byte[] render(UserFilter filter, LocalDate today, @Nullable String after, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(limit * 256);
        try (JsonGenerator generator = json.createGenerator(out)) {
            queries.writeMatching(filter, today, after, limit, ImageRoute.INSTANCE, generator);
        }
        return out.toByteArray();
    }

}
