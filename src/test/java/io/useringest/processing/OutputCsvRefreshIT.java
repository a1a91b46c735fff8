package io.useringest.processing;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.config.Settings;
import io.useringest.db.Database;
import io.useringest.db.RunLock;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunStatus;
import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A targeted run does not wait for output.csv (at a million users a rewrite takes
 * seconds, and the next change must not wait behind it); output.csv follows once it can
 * be written, and a full run still ends with output.csv in step.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OutputCsvRefreshIT {

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
    void aTargetedRunEndsWhileOutputCsvIsHeldAndTheFileFollowsAfterwards() throws Exception {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 1));
        p.succeed();
        String before = p.outputCsv();

        RunReport targeted;
        try (RunLock csvLock = ProcessingConfiguration.outputCsvLock(p.bean(Settings.class), p.bean(Database.class));
                RunLock.Held held = csvLock.acquire()) {
            p.put("2.csv", csv("Second", "User", 2));
            // Another instance (or a slow write) holds output.csv: the targeted run must
            // still end.
            targeted = p.runKeys(List.of("2.csv"));
            assertThat(targeted.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(p.users()).containsKey("2");
            assertThat(p.text(p.outputBucket, "output.csv")).isEqualTo(before);
            assertThat(p.publisher().pending()).as("output.csv owed").isEqualTo(1);
            assertThat(p.publisher().behind()).as("a rewrite waiting for its turn is not behind").isFalse();
        }

        Awaitility.await("output.csv rewritten")
            .atMost(Duration.ofMinutes(1))
            .until(() -> p.publisher().pending() == 0);
        assertThat(p.outputCsv()).contains("2,Second,User,2,").contains("1,First,User,1,");
    }

    @Test
    void aFullRunWaitsForItsOwnOutputCsv() {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 1));
        p.succeed();
        p.put("2.csv", csv("Second", "User", 2));

        p.succeed();

        assertThat(p.publisher().pending()).isZero();
        assertThat(p.text(p.outputBucket, "output.csv")).contains("2,Second,User,2,");
    }

}
