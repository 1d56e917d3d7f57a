package io.resettle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Feature roots hold the pure domain (STYLE.md 1, 9): no Spring there; wiring lives in their batch packages. */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.resettle");

    @Test
    void featureRootsDoNotDependOnSpring() {
        noClasses().that().resideInAnyPackage("io.resettle.money", "io.resettle.policy", "io.resettle.ingest",
                        "io.resettle.masterdata", "io.resettle.pricing", "io.resettle.invoice", "io.resettle.rebate",
                        "io.resettle.payout", "io.resettle.referral", "io.resettle.generate", "io.resettle.output", "io.resettle.forecast")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(MAIN);
    }

    @Test
    void domainDoesNotDependOnBatchWiring() {
        noClasses().that().resideInAnyPackage("io.resettle.money", "io.resettle.policy", "io.resettle.ingest",
                        "io.resettle.masterdata", "io.resettle.pricing", "io.resettle.invoice", "io.resettle.rebate",
                        "io.resettle.payout", "io.resettle.referral")
                .should().dependOnClassesThat().resideInAnyPackage("..batch..", "io.resettle.run..", "..web..")
                .check(MAIN);
    }
}
