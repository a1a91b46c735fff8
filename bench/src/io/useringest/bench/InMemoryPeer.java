package io.useringest.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The baseline for the query cells: what the pandas set-up does, in the bench JVM — the users as a plain list of
 * records held in memory behind the JDK's HttpServer; /stats is a loop over the list, the full /data a hand-written
 * JSON writer. Same rows, same answers (ages in full years, UTC), same loopback and client as the service.
 */
final class InMemoryPeer implements AutoCloseable {

    record User(long id, String userId, String firstName, String lastName, long birthts, LocalDate birthdate,
            String imgPath, int birthYear, int monthDay) {
        User(long id, String userId, String firstName, String lastName, long birthts, LocalDate birthdate,
                String imgPath) {
            this(id, userId, firstName, lastName, birthts, birthdate, imgPath, birthdate.getYear(),
                    birthdate.getMonthValue() * 100 + birthdate.getDayOfMonth());
        }

        /** Full years on {@code today}: the year difference, less one while this year's birthday is to come. */
        int age(int year, int todayMonthDay) {
            return year - birthYear - (monthDay > todayMonthDay ? 1 : 0);
        }
    }

    private final List<User> users;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    static {
        // Without it the JDK's server answers small responses ~40 ms late (Nagle's algorithm against the client's
        // delayed ACK), which would make this baseline a straw man.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    InMemoryPeer(List<User> users) throws IOException {
        this.users = users;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/stats", this::stats);
        server.createContext("/data", this::data);
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void stats(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Boolean image = query.containsKey("is_image_exists") ? Boolean.valueOf(query.get("is_image_exists")) : null;
        Integer min = query.containsKey("min_age") ? Integer.valueOf(query.get("min_age")) : null;
        Integer max = query.containsKey("max_age") ? Integer.valueOf(query.get("max_age")) : null;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int year = today.getYear();
        int monthDay = today.getMonthValue() * 100 + today.getDayOfMonth();
        long count = 0;
        long ageSum = 0;
        long birthtsSum = 0;
        int youngest = Integer.MAX_VALUE;
        int oldest = Integer.MIN_VALUE;
        for (User user : users) {
            if (image != null && image != (user.imgPath() != null)) {
                continue;
            }
            int age = user.age(year, monthDay);
            if (min != null && age < min || max != null && age > max) {
                continue;
            }
            count++;
            ageSum += age;
            birthtsSum += user.birthts();
            youngest = Math.min(youngest, age);
            oldest = Math.max(oldest, age);
        }
        String filters = "\"filters\":{\"is_image_exists\":" + image + ",\"min_age\":" + min + ",\"max_age\":" + max
                + "}";
        String body = count == 0
                ? "{\"count\":0,\"average_age\":null,\"youngest_age\":null,\"oldest_age\":null,\"average_birthts\":null,"
                        + filters + ",\"message\":\"Filter returned no objects\"}"
                : "{\"count\":" + count + ",\"average_age\":"
                        + BigDecimal.valueOf(ageSum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP)
                        + ",\"youngest_age\":" + youngest + ",\"oldest_age\":" + oldest + ",\"average_birthts\":"
                        + Math.round((double) birthtsSum / count) + "," + filters + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Every user (the full list; the cells ask for nothing else). */
    private void data(HttpExchange exchange) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int year = today.getYear();
        int monthDay = today.getMonthValue() * 100 + today.getDayOfMonth();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
            StringBuilder json = new StringBuilder(256);
            out.write('[');
            boolean first = true;
            for (User user : users) {
                json.setLength(0);
                if (!first) {
                    json.append(',');
                }
                first = false;
                json.append("{\"id\":").append(user.id()).append(",\"user_id\":");
                string(json, user.userId());
                json.append(",\"first_name\":");
                string(json, user.firstName());
                json.append(",\"last_name\":");
                string(json, user.lastName());
                json.append(",\"birthts\":").append(user.birthts()).append(",\"birthdate\":\"")
                        .append(user.birthdate()).append("\",\"age\":")
                        .append(user.age(year, monthDay)).append(",\"img_path\":");
                if (user.imgPath() == null) {
                    json.append("null,\"image_url\":null}");
                } else {
                    string(json, user.imgPath());
                    json.append(",\"image_url\":\"/users/").append(user.userId()).append("/image\"}");
                }
                out.write(json.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.write(']');
        }
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
