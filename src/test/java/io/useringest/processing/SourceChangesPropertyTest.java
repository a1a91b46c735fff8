package io.useringest.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.storage.KeyOrder;
import io.useringest.storage.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over an in-memory model of a listing and a ledger (thousands of tries in seconds):
 * applying the changes a full listing yields makes the ledger equal to the listing,
 * whatever was there; and the changes of any given keys are exactly the full changes of
 * those keys, so a key not given is never removed.
 */
class SourceChangesPropertyTest {

    /**
     * What one key holds: a version (ETag, size, last-modified) in the store, in the
     * ledger, or both.
     */
    record Versions(Optional<StoredObject> listed, Optional<KnownObject> known) {
    }

    @Provide
    Arbitrary<Map<String, Versions>> worlds() {
        Arbitrary<String> keys = Arbitraries
            .of("a", "a/", "a/b.csv", "a-b", "a0", "b.zip", "é.png", "😀.csv", "z/1", "z/2", "z/10", "A", "ab", "a.csv")
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(parts -> String.join("", parts))
            .filter(key -> !key.endsWith("/"));
        Arbitrary<Integer> version = Arbitraries.integers().between(0, 2);
        Arbitrary<Versions> versions = Combinators.combine(keys, version, version, Arbitraries.of(true, false))
            .as(SourceChangesPropertyTest::versions);
        return versions.list().ofMaxSize(30).map(list -> {
            Map<String, Versions> world = new TreeMap<>(KeyOrder.COMPARATOR);
            for (Versions v : list) {
                String key = v.listed()
                    .map(StoredObject::key)
                    .orElseGet(() -> v.known().map(KnownObject::key).orElse(null));
                if (key != null) {
                    world.put(key, v);
                }
            }
            return world;
        });
    }

    /**
     * A key's versions: 0 means absent on that side; the store's object has an ETag or
     * not.
     */
    private static Versions versions(String key, int store, int ledger, boolean withEtag) {
        Optional<StoredObject> listed = store == 0 ? Optional.empty()
                : Optional.of(new StoredObject(key, withEtag ? "e" + store : "", store, Instant.ofEpochMilli(store)));
        Optional<KnownObject> known = ledger == 0 ? Optional.empty()
                : Optional.of(new KnownObject(key, "e" + ledger, ledger, ledger));
        return new Versions(listed, known);
    }

    @Property(tries = 2000)
    void applyingTheListedChangesMakesTheLedgerEqualTheListing(@ForAll("worlds") Map<String, Versions> world) {
        Map<String, String> ledger = new TreeMap<>(KeyOrder.COMPARATOR);
        world.values().forEach(v -> v.known().ifPresent(k -> ledger.put(k.key(), k.size() + "@" + k.lastModified())));
        List<String> seen = new ArrayList<>();

        new ObjectDiff(listing(world).iterator(), known(world).iterator()).forEachRemaining(change -> {
            if (change instanceof ObjectChange.Added a) {
                ledger.put(a.listed().key(), version(a.listed()));
            }
            else if (change instanceof ObjectChange.Changed c) {
                ledger.put(c.listed().key(), version(c.listed()));
            }
            else if (change instanceof ObjectChange.Removed r) {
                ledger.remove(r.known().key());
            }
            else if (change instanceof ObjectChange.Unchanged u) {
                assertThat(ledger.get(u.listed().key())).isEqualTo(version(u.listed()));
            }
            seen.add(key(change));
        });

        Map<String, String> listed = new TreeMap<>(KeyOrder.COMPARATOR);
        listing(world).forEach(object -> listed.put(object.key(), version(object)));
        assertThat(ledger).isEqualTo(listed);
        assertThat(seen).as("every key once, in key order").containsExactlyElementsOf(world.keySet());
    }

    @Property(tries = 2000)
    void theChangesOfGivenKeysAreTheFullChangesOfThoseKeys(@ForAll("worlds") Map<String, Versions> world,
            @ForAll("subsets") Set<Integer> picks) {
        List<String> keys = new ArrayList<>(world.keySet());
        List<String> given = picks.stream().filter(i -> i < keys.size()).map(keys::get).toList();
        List<ObjectChange> full = new ArrayList<>();
        new ObjectDiff(listing(world).iterator(), known(world).iterator()).forEachRemaining(full::add);
        List<ObjectChange> targeted = new ArrayList<>();
        new KeyChanges(given, key -> world.get(key).listed(), key -> world.get(key).known(), (key, e) -> {
        }).forEachRemaining(targeted::add);

        assertThat(targeted).containsExactlyElementsOf(full.stream().filter(c -> given.contains(key(c))).toList());
    }

    @Provide
    Arbitrary<Set<Integer>> subsets() {
        return Arbitraries.integers().between(0, 29).set().ofMaxSize(10);
    }

    private static List<StoredObject> listing(Map<String, Versions> world) {
        return world.values().stream().flatMap(v -> v.listed().stream()).toList();
    }

    private static List<KnownObject> known(Map<String, Versions> world) {
        return world.values().stream().flatMap(v -> v.known().stream()).toList();
    }

    private static String version(StoredObject object) {
        return object.size() + "@" + object.lastModified().toEpochMilli();
    }

    private static String key(ObjectChange change) {
        if (change instanceof ObjectChange.Added a) {
            return a.listed().key();
        }
        if (change instanceof ObjectChange.Changed c) {
            return c.listed().key();
        }
        if (change instanceof ObjectChange.Removed r) {
            return r.known().key();
        }
        return ((ObjectChange.Unchanged) change).listed().key();
    }

}
