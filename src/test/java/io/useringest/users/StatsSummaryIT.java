package io.useringest.users;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * /stats answers from a summary held in memory; a reader that is not told of runs (as
 * another instance is not) still never answers from before the last committed run.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StatsSummaryIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Parameter
    TestDatabase database;

    private TestPipeline p;

    @AfterEach
    void close() {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void anotherInstancesReaderFollowsEveryCommittedRun() {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 0));
        p.succeed();
        UsersVersion version = new UsersVersion(p.database());
        UserQueries otherInstance = new UserQueries(p.database(), new StatsSummaries(p.database(), version));
        assertThat(otherInstance.stats(UserFilter.NONE, TODAY).count()).isEqualTo(1);
        assertThat(otherInstance.stats(UserFilter.NONE, TODAY).averageBirthts()).isZero();

        // A targeted run, as a storage event starts.
        p.put("2.csv", csv("Second", "User", 1_000));
        long before = version.current();
        p.runKeys(List.of("2.csv"));
        assertThat(version.current()).as("the run raised the version").isGreaterThan(before);
        StatsFigures two = otherInstance.stats(UserFilter.NONE, TODAY);
        assertThat(two.count()).isEqualTo(2);
        assertThat(two.averageBirthts()).isEqualTo(500);

        // A full run that removes a user and gives the other an image.
        p.delete("1.csv");
        p.put("2.png", new byte[] { 1 });
        p.succeed();
        assertThat(otherInstance.stats(UserFilter.NONE, TODAY).count()).isEqualTo(1);
        assertThat(otherInstance.stats(new UserFilter(true, null, null), TODAY).count()).isEqualTo(1);
        assertThat(otherInstance.stats(new UserFilter(false, null, null), TODAY).count()).isZero();
        assertThat(otherInstance.stats(UserFilter.NONE, TODAY))
            .isEqualTo(p.bean(UserQueries.class).stats(UserFilter.NONE, TODAY));
    }

    /**
     * The version as the service holds it: on PostgreSQL told by the commits'
     * announcements (the writer knows at once, another instance within moments), and
     * still right after its listening connection was cut.
     */
    @Test
    void aListeningInstanceIsToldOfEveryCommittedRun() throws Exception {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 0));
        p.succeed();
        UsersVersion asked = new UsersVersion(p.database());
        assertThat(p.bean(UsersVersion.class).current()).as("the writer knows its commit at once")
            .isEqualTo(asked.current());
        try (UsersVersion told = UsersVersion.forService(p.database())) {
            assertThat(told.announcements().isPresent()).as("announced on PostgreSQL only")
                .isEqualTo(database == TestDatabase.POSTGRESQL);
            UserQueries otherInstance = new UserQueries(p.database(), new StatsSummaries(p.database(), told));
            awaitCount(otherInstance, 1);

            p.put("2.csv", csv("Second", "User", 1_000));
            p.runKeys(List.of("2.csv"));
            awaitCount(otherInstance, 2);
            assertThat(told.current()).isEqualTo(asked.current());

            if (told.announcements().isPresent()) {
                int listener = told.announcements().get().backendPid();
                p.database().jdbc().queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, listener);
            }
            p.put("3.csv", csv("Third", "User", 2_000));
            p.succeed();
            awaitCount(otherInstance, 3);
            assertThat(told.current()).isEqualTo(asked.current());
            assertThat(otherInstance.stats(UserFilter.NONE, TODAY))
                .isEqualTo(p.bean(UserQueries.class).stats(UserFilter.NONE, TODAY));
        }
    }

    /**
     * Within 5 s: announcements travel after the commit, a cut listener is back within 2
     * s.
     */
    private static void awaitCount(UserQueries queries, long count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (queries.stats(UserFilter.NONE, TODAY).count() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(queries.stats(UserFilter.NONE, TODAY).count()).isEqualTo(count);
    }

    @Test
    void aRolledBackWriteLeavesTheVersionAndTheFigures() {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 0));
        p.succeed();
        UsersVersion version = new UsersVersion(p.database());
        long before = version.current();
        UserRepository users = p.bean(UserRepository.class);
        assertThatThrownBy(() -> p.database().inTransaction(() -> {
            users.upsert(List.of(new UserRow("9", "Rolled", "Back", 5, null)));
            throw new IllegalStateException("the run failed");
        })).hasMessage("the run failed");
        assertThat(version.current()).isEqualTo(before);
        assertThat(p.bean(UserQueries.class).stats(UserFilter.NONE, TODAY).count()).isEqualTo(1);
    }

}
