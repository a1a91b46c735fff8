package io.useringest.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Answers derived from the users, each kept for the users' version it was derived from
 * and given only while that version is current: never older than the last committed run,
 * also another instance's. The one place that asks whether something derived from the
 * users is still theirs; a newer version drops the answers of older ones. Kept up to a
 * total weight; Caffeine evicts the answers least likely to be asked again.
 *
 * @param <Q> what is asked (a filter and page, a day)
 * @param <A> the answer derived from the users
 */
public final class KeptPerVersion<Q, A> {

    private record Key<Q>(long version, Q question) {
    }

    /** The users' version an answer is being derived from; see {@link #keep}. */
    public record Derivation(long version) {
    }

    private final UsersVersion version;

    private final Cache<Key<Q>, A> kept;

    /** The newest version asked about, to drop the answers of older ones once. */
    private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);

    private KeptPerVersion(UsersVersion version, Cache<Key<Q>, A> kept) {
        this.version = version;
        this.kept = kept;
    }

    /**
     * Keeps answers up to {@code maxWeight} in all; {@code dropped} is told of each
     * answer that leaves (to free what it holds outside memory).
     */
    public static <Q, A> KeptPerVersion<Q, A> upTo(UsersVersion version, long maxWeight, ToIntFunction<A> weight,
            Consumer<A> dropped) {
        // Eviction and removal run on the caller's thread: a few map operations, and the
        // bound holds the moment an answer is kept.
        Cache<Key<Q>, A> kept = Caffeine.newBuilder()
            .maximumWeight(maxWeight)
            .weigher((Key<Q> key, A answer) -> weight.applyAsInt(answer))
            .executor(Runnable::run)
            .removalListener((@Nullable Key<Q> key, @Nullable A answer, RemovalCause cause) -> {
                if (answer != null && cause != RemovalCause.REPLACED) {
                    dropped.accept(answer);
                }
            })
            .build();
        return new KeptPerVersion<>(version, kept);
    }

    /**
     * The answer for the users as they are now: the kept one, or {@code derive}d once
     * (callers asking the same meanwhile wait for it). The version is read before the
     * answer is derived, so the answer holds at least that version's users; a run that
     * commits meanwhile raises the version and the next caller derives again.
     */
    public A answer(Q question, Function<Q, A> derive) {
        return kept.get(new Key<>(current(), question), key -> derive.apply(question));
    }

    /** The answer kept for the users as they are now, if there is one. */
    public Optional<A> kept(Q question) {
        return Optional.ofNullable(kept.getIfPresent(new Key<>(current(), question)));
    }

    /**
     * Starts deriving an answer outside {@link #answer} (one streamed to a client as it
     * is derived); {@link #keep} it when done.
     */
    public Derivation begin() {
        return new Derivation(current());
    }

    /**
     * Keeps an answer if no run committed since its derivation began (it then holds
     * exactly that version's users); false, and nothing kept, otherwise.
     */
    public boolean keep(Derivation derivation, Q question, A answer) {
        if (current() != derivation.version()) {
            return false;
        }
        kept.put(new Key<>(derivation.version(), question), answer);
        return true;
    }

    /** Drops the answers to the questions {@code stale} matches. */
    public void drop(Predicate<Q> stale) {
        kept.asMap().keySet().removeIf(key -> stale.test(key.question()));
    }

    /** The weight of the answers kept now (for tests of the bound). */
    public long weight() {
        return kept.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    private long current() {
        long current = version.current();
        if (newest.getAndAccumulate(current, Math::max) < current) {
            kept.asMap().keySet().removeIf(key -> key.version() < current);
        }
        return current;
    }

}
