package io.useringest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.useringest.db.RunLock;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Dependencies run one way (docs/architecture.md): the surfaces (web, admin, events,
 * command line, start-up steps) use processing, processing uses the features (source,
 * publish, users, runs, changes), the features use storage and the database, and
 * everything may use config. No package cycles.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.useringest");

    @Test
    void layersAreOnlyUsedByTheLayersAboveThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Surfaces")
            .definedBy("io.useringest", "io.useringest.web..", "io.useringest.admin..", "io.useringest.events..",
                    "io.useringest.cli..", "io.useringest.demo..")
            .layer("Processing")
            .definedBy("io.useringest.processing..")
            .layer("Features")
            .definedBy("io.useringest.source..", "io.useringest.publish..", "io.useringest.users..",
                    "io.useringest.runs..", "io.useringest.changes..")
            .layer("Infrastructure")
            .definedBy("io.useringest.storage..", "io.useringest.db..")
            .layer("Config")
            .definedBy("io.useringest.config..")
            .whereLayer("Surfaces")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Processing")
            .mayOnlyBeAccessedByLayers("Surfaces")
            .whereLayer("Features")
            .mayOnlyBeAccessedByLayers("Surfaces", "Processing")
            .whereLayer("Infrastructure")
            .mayOnlyBeAccessedByLayers("Surfaces", "Processing", "Features")
            .whereLayer("Config")
            .mayOnlyBeAccessedByLayers("Surfaces", "Processing", "Features", "Infrastructure")
            .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.useringest.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void surfacesDoNotUseEachOther() {
        slices().matching("io.useringest.(web|admin|events|cli|demo)..")
            .should()
            .notDependOnEachOther()
            .allowEmptyShould(true)
            .check(CLASSES);
    }

    /**
     * Locks are the database's business: every run lock lives in db, where the dialect
     * chooses it.
     */
    @Test
    void locksLiveInTheDatabasePackage() {
        classes().that().implement(RunLock.class).should().resideInAPackage("io.useringest.db..").check(CLASSES);
    }

    /**
     * The users are data: the surfaces build every route, link and message shown over
     * them.
     */
    @Test
    void featuresKnowNoHttp() {
        noClasses().that()
            .resideInAnyPackage("io.useringest.users..", "io.useringest.runs..", "io.useringest.source..",
                    "io.useringest.publish..", "io.useringest.changes..", "io.useringest.processing..",
                    "io.useringest.db..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..")
            .check(CLASSES);
    }

    /**
     * NullAway checks only @NullMarked code: a package without the annotation would be
     * left out of the null discipline without anyone noticing.
     */
    @Test
    void everyPackageIsNullMarked() {
        classes().should(new ArchCondition<JavaClass>("reside in a @NullMarked package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (!type.getPackage().isAnnotatedWith(NullMarked.class)) {
                    events.add(SimpleConditionEvent.violated(type,
                            type.getPackage().getName() + " has no package-info.java annotated @NullMarked"));
                }
            }
        }).check(CLASSES);
    }

}
